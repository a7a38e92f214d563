"""`storyline analyse`, `storyline entities`, `storyline entity NAME`: the who, where and when of the archive."""

from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from ..errors import StorylineError
from ..export.common import plural
from . import Context, console, emit_json, json_option, main, pass_context, workers_option
from .summary import bars_wanted, stage_progress

ENTITY_TYPES = ("PER", "LOC", "ORG", "MISC")


@main.command()
@click.option("--backend", default=None, help="Entity backend (see 'storyline doctor'); default: the setting "
              "entities.backend (the global --ner-backend, $STORYLINE_NER_BACKEND, storyline.toml), else builtin.")
@click.option("--force", is_flag=True, help="Analyse again articles already analysed with this backend.")
@workers_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@pass_context
def analyse(obj: Context, backend: str | None, force: bool, workers: int | None, quiet: bool) -> None:
    """Find entities and time expressions in stored articles not analysed yet."""
    with obj.archive() as archive:
        archive.on_run = lambda run_id: setattr(obj, "run_id", run_id)
        with stage_progress(bars_wanted(quiet)) as tell:
            done = archive.analyse(backend=backend, force=force, notify=obj.notify, workers=workers,
                                   stage_progress=tell)
    console().print(f"{plural(done, 'article')} analysed", highlight=False)


@main.command()
@click.option("--type", "type_", type=click.Choice(ENTITY_TYPES), default=None, help="Only this entity type.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@json_option
@pass_context
def entities(obj: Context, type_: str | None, limit: int, as_json: bool) -> None:
    """The names the archive mentions most, by number of articles."""
    with obj.archive(readonly=True) as archive:
        rows = archive.entity_counts(type_=type_, limit=limit)
    if as_json:
        emit_json(rows)
        return
    table = Table("name", "type", "articles", "mentions", box=None, header_style="bold")
    for row in rows:
        table.add_row(row["normalized"], row["type"], str(row["articles"]), str(row["mentions"]))
    console().print(table)


@main.command()
@click.argument("name")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, metavar="N",
              help="The N most recent articles.")
@json_option
@pass_context
def entity(obj: Context, name: str, limit: int, as_json: bool) -> None:
    """One entity: the stories and articles it appears in, and the names it co-occurs with."""
    with obj.archive(readonly=True) as archive:
        found = archive.entity(name, limit=limit)
    if found is None:
        raise StorylineError(f"no entity named {name!r}; 'storyline entities' lists the names found")
    if as_json:
        emit_json(found)
        return
    out = console()
    also = f"; also named {', '.join(found['also_named'])}" if found["also_named"] else ""
    out.print(f"[bold]{escape(found['name'])}[/] ({found['type']}): {plural(found['n_articles'], 'article')}, "
              f"{plural(len(found['stories']), 'story', 'stories')}{escape(also)}", highlight=False)
    for story in found["stories"]:
        out.print(f"  story {story['id']}: {story['title']} ({plural(story['articles'], 'article')})", highlight=False,
                  markup=False)
    for article in found["articles"]:
        out.print(f"  article {article['id']}: {article['title']}", highlight=False, markup=False)
    if found["co_occurring"]:
        out.print("with: " + ", ".join(f"{c['name']} ({c['articles']})" for c in found["co_occurring"]),
                  highlight=False, markup=False)
