"""`storyline stories`, `storyline story ...` and `storyline cluster`: browse and correct the detected stories."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table

from ..config import SUPPORTED_LANGUAGES
from ..errors import StorylineError
from ..export.common import plural
from ..store.stories import STORY_SORTS
from . import Context, console, emit_json, json_option, main, pass_context, workers_option
from .summary import bars_wanted, stage_progress


@main.command()
@click.option("--rebuild", is_flag=True, help="Cluster every article again from scratch, then replay the corrections.")
@workers_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@json_option
@pass_context
def cluster(obj: Context, rebuild: bool, workers: int | None, quiet: bool, as_json: bool) -> None:
    """Assign the articles not yet in a story to events and stories (in publication order).

    Also finishes what an interrupted ingest left: the text stage of articles not analysed yet, and the
    timelines of stories that changed.
    """
    with obj.archive() as archive:
        archive.on_run = lambda run_id: setattr(obj, "run_id", run_id)
        with stage_progress(bars_wanted(quiet, as_json)) as tell:
            report = archive.cluster(rebuild=rebuild, notify=None if as_json else obj.notify, workers=workers,
                                     stage_progress=tell)
        total = archive.count_stories()
    if as_json:
        emit_json(report.to_dict() | {"stories": total})
        return
    console().print(f"[bold]{report.assigned}[/] {'article' if report.assigned == 1 else 'articles'} assigned "
                    f"({plural(report.new_stories, 'new story', 'new stories')}, {plural(report.new_events, 'new event')}"
                    + (f", {report.corrections} corrections replayed" if rebuild else "")
                    + f") in {report.seconds:.1f}s; the database now holds {plural(total, 'story', 'stories')}.", highlight=False)
    t = report.timelines or {}
    if t.get("built") or t.get("renamed") or t.get("removed") or t.get("failed"):
        console().print(f"Timelines: {t['built']} built, {t['renamed']} renamed, {t['removed']} removed, "
                        f"{t['unchanged']} unchanged in {t['seconds']:.1f}s"
                        + (f"; {len(t['failed'])} failed (built when read)" if t["failed"] else "") + ".",
                        highlight=False)


@main.command()
@click.option("--since", default=None, metavar="DATE", help="Only stories with an article on or after DATE.")
@click.option("--until", default=None, metavar="DATE", help="Only stories with an article on or before DATE.")
@click.option("--lang", type=click.Choice(SUPPORTED_LANGUAGES), default=None, help="Only stories with articles in this language.")
@click.option("--entity", default=None, help="Only stories whose articles mention this name.")
@click.option("--sort", type=click.Choice(STORY_SORTS), default="recent", show_default=True,
              help="recent: most recently active first, one-article stories last; size: most articles first.")
@click.option("--min-articles", type=click.IntRange(min=1), default=1, show_default=True, metavar="K",
              help="Only stories of at least K articles.")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N", help="Only the first N stories.")
@json_option
@pass_context
def stories(obj: Context, since: str | None, until: str | None, lang: str | None, entity: str | None, sort: str,
            min_articles: int, limit: int | None, as_json: bool) -> None:
    """List the detected stories: most recently active first (one-article stories last), or largest first."""
    with obj.archive(readonly=True) as archive:
        rows = archive.stories(since=since, until=until, lang=lang, entity=entity, sort=sort,
                               min_articles=min_articles, limit=limit)
    if as_json:
        emit_json(rows)
        return
    table = Table(box=None, header_style="bold")
    for name, width in (("id", 17), ("start", 10), ("end", 10), ("arts", 4), ("evts", 4), ("langs", 5)):
        table.add_column(name, no_wrap=True, min_width=width)
    table.add_column("title", no_wrap=True, overflow="ellipsis")
    for s in rows:
        table.add_row(s["id"], (s["start"] or "—")[:10], (s["end"] or "—")[:10], str(len(s["article_ids"])), str(len(s["event_ids"])),
                      ",".join(s["languages"]), s["title"][:80])
    out = console()
    out.print(table)
    out.print(plural(len(rows), "story", "stories"), highlight=False)


@main.group()
def story() -> None:
    """Show one story, or correct the clustering (merge, split, move); corrections survive rebuilds."""


def _show(data: dict[str, Any]) -> None:
    out = console()
    out.print(f"[bold]{data['title']}[/]", highlight=False)
    out.print(f"story {data['id']} · {data['start'] or 'undated'} – {data['end'] or 'undated'} · "
              f"{plural(len(data['article_ids']), 'article')} in {plural(len(data['events']), 'event')} · {','.join(data['languages'])}",
              highlight=False, markup=False)
    articles = {a["id"]: a for a in data["articles"]}
    for event in data["events"]:
        out.print(f"\n[bold]{event['start'] or 'undated'}[/] {event['title'][:90]}  [dim]{event['id']}[/]", highlight=False)
        for aid in event["article_ids"]:
            a = articles[aid]
            out.print(f"  {a['published'] or 'undated':<25} {a['lang'] or '?'}  {a['id']}  {a['title'][:70]}"
                      + ("  (corrected)" if a["pinned"] else ""), highlight=False, markup=False)


@story.command("show")
@click.argument("story_id")
@json_option
@pass_context
def show_story(obj: Context, story_id: str, as_json: bool) -> None:
    """Show one story: its events and articles in publication order."""
    with obj.archive(readonly=True) as archive:
        data = archive.story(story_id)
    if data is None:
        raise StorylineError(f"no story with id {story_id!r}; 'storyline stories' lists them")
    if as_json:
        emit_json(data)
    else:
        _show(data)


@story.command("merge")
@click.argument("story_a")
@click.argument("story_b")
@pass_context
def merge(obj: Context, story_a: str, story_b: str) -> None:
    """Merge story B into story A."""
    with obj.archive() as archive:
        kept = archive.merge_stories(story_a, story_b)
    click.echo(f"merged into story {kept}")


@story.command("split")
@click.argument("story_id")
@click.argument("article_ids", nargs=-1, required=True)
@pass_context
def split(obj: Context, story_id: str, article_ids: tuple[str, ...]) -> None:
    """Take these articles out of a story into a new story of their own."""
    with obj.archive() as archive:
        new = archive.split_story(story_id, list(article_ids))
    click.echo(f"new story {new}")


@story.command("move")
@click.argument("article_id")
@click.argument("story_id")
@pass_context
def move(obj: Context, article_id: str, story_id: str) -> None:
    """Move one article into another story."""
    with obj.archive() as archive:
        target = archive.move_article(article_id, story_id)
    click.echo(f"moved {article_id} into story {target}")
