"""The `storyline` command: a thin layer over the library."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from .. import __version__
from ..archive import Archive, open_archive
from ..config import FORMATS, SUPPORTED_LANGUAGES, IngestOptions, default_db_path
from ..errors import Messages, Reasons, StorylineError
from ..export.common import plural
from ..ingest.inputs import count_records, expand
from ..settings import COMMAND_LINE, Settings, load_settings
from ..store.sqlite import disk_full
from ..workers import MAX_WORKERS
from .summary import format_seconds, months_by_year, stage_bar

SAME_REASON_SHOWN = 3  # rejections printed per reason; the rest are one summary line


class Context:
    """What every command gets: where the database is, and how to open it."""

    def __init__(self, db: Path, config: Path | None = None, overrides: dict[str, Any] | None = None) -> None:
        self.db = db
        self.config = config  # --config FILE (else $STORYLINE_CONFIG, else storyline.toml beside the database)
        self.overrides: dict[str, Any] = dict(overrides or {})  # settings given as options, by dotted key
        self.run_id: int | None = None  # the run of a writing command (for the Ctrl-C summary)
        self._settings: Settings | None = None

    def settings(self) -> Settings:
        """The settings in force (read once): options given > STORYLINE_* variables > configuration file > defaults."""
        if self._settings is None:
            self._settings = load_settings(self.db, config=self.config, overrides=self.overrides,
                                           overrides_source=COMMAND_LINE)
        return self._settings

    def given(self, ctx: click.Context, **keys: str) -> None:
        """Take the options typed on the command line (not their defaults) as settings: parameter -> dotted key."""
        for param, key in keys.items():
            if ctx.get_parameter_source(param) == click.core.ParameterSource.COMMANDLINE:
                self.overrides[key] = ctx.params[param]
        self._settings = None

    def notify(self, message: str) -> None:
        """A message for the person at the terminal (standard error, so --json output stays clean)."""
        click.echo(message, err=True)

    def archive(self, *, readonly: bool = False) -> Archive:
        """Open the archive; read-only commands never create a database."""
        return open_archive(self.db, readonly=readonly, settings=self.settings())


def emit_json(value: Any) -> None:
    """Machine-readable output on standard output."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def console(stderr: bool = False) -> Console:
    """A rich console bound to the current streams (so click's test runner captures it)."""
    return Console(file=sys.stderr if stderr else sys.stdout, soft_wrap=False,
                   width=None if (sys.stderr if stderr else sys.stdout).isatty() else 120)


class Group(click.Group):
    """Turns storyline's own errors into one-line messages and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StorylineError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)
        except (sqlite3.OperationalError, OSError) as exc:
            if not disk_full(exc):
                raise
            db = ctx.obj.db.name if isinstance(ctx.obj, Context) else "storyline.db"
            click.echo(f"error: {Reasons.format('R040', path=db, detail=exc)}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo(f"\n{_interrupted(ctx)}", err=True)
            ctx.exit(130)


def _interrupted(ctx: click.Context) -> str:
    """The line Ctrl-C prints: what this run saved and what waits (read from the database)."""
    obj = ctx.obj
    if not isinstance(obj, Context) or not Path(obj.db).exists():
        return "interrupted: nothing was stored"
    try:
        with open_archive(obj.db, readonly=True) as archive:
            return archive.run_summary(obj.run_id)
    except (StorylineError, sqlite3.Error):
        return "interrupted: everything committed before the interrupt is kept; run the same command again to finish"


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), envvar="STORYLINE_DB", default=None,
              help="Database file (default: $STORYLINE_DB or ~/.local/share/storyline/storyline.db).")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Settings file (TOML; default: $STORYLINE_CONFIG, else storyline.toml beside the database). "
                   "'storyline config' shows the settings in force; see docs/configuration.md.")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--ner-backend", default=None, metavar="NAME",
              help="Entity backend for every command (builtin, frog, hybrid; see 'storyline doctor'). "
                   "Default: the setting entities.backend ($STORYLINE_NER_BACKEND, storyline.toml), else builtin.")
@click.version_option(__version__, prog_name="storyline")
@click.pass_context
def main(ctx: click.Context, db: Path | None, config: Path | None, verbose: int, ner_backend: str | None) -> None:
    """storyline: group news articles into stories and build their timelines."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ctx.obj = Context(db if db is not None else default_db_path(), config,
                      {"entities.backend": ner_backend} if ner_backend else None)
    if ner_backend:
        from ..text.ner import ENV_BACKEND

        ctx.obj.settings()  # an unknown name: a clear error before anything runs
        os.environ[ENV_BACKEND] = ner_backend  # serve's workers read it (they load their own settings)


pass_context: Callable = click.make_pass_decorator(Context)


def workers_option(func: Callable) -> Callable:
    """The --workers option of the commands that run the per-article stages."""
    return click.option("--workers", type=click.IntRange(1, MAX_WORKERS), default=None, metavar="N",
                        help="Processes for the per-article work (reading, cleaning, language, entities, dates, "
                             "embeddings). Default: the number of cores; under a few hundred articles it runs in "
                             "one process. The stories are the same with any number.")(func)


def json_option(func: Callable) -> Callable:
    """The --json flag every listing has."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for machines instead of a table.")(func)


# -- ingest ---------------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Force the input format instead of detecting it.")
@click.option("--field", "fields", multiple=True, metavar="NAME=COLUMN",
              help="Map a field to a column of JSONL/CSV input, e.g. --field text=body --field published=dct.")
@workers_option
@click.option("--timezone", "tz", default=IngestOptions().default_timezone, show_default=True,
              help="Time zone of dates given without one.")
@click.option("--max-bytes", type=click.IntRange(1), default=IngestOptions().max_bytes, show_default=True,
              help="Largest RSS/Atom feed (read whole, after decompression).")
@click.option("--max-record-bytes", type=click.IntRange(1024), default=IngestOptions().max_record_bytes,
              show_default=True, help="Longest JSON line, JSON array element or CSV line; longer ones are skipped "
                                      "and reported.")
@click.option("--follow-links", is_flag=True,
              help="Also read links in folders that point outside the folder given (skipped and reported by default).")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any input was rejected.")
@click.option("--raw", is_flag=True,
              help="Only store the articles: no entities, time expressions or stories (run 'storyline analyse' and "
                   "'storyline cluster' later).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars and no hints; only the summary.")
@json_option
@pass_context
@click.pass_context
def ingest(ctx: click.Context, obj: Context, paths: tuple[str, ...], fmt: str, fields: tuple[str, ...],
           workers: int | None, tz: str, max_bytes: int, max_record_bytes: int, follow_links: bool, strict: bool,
           raw: bool, quiet: bool,
           as_json: bool) -> None:
    """Ingest files, directories, globs or - (standard input) into the database.

    Options not typed here take the [ingest] settings ('storyline config'), else the defaults shown."""
    started = time.perf_counter()
    obj.given(ctx, fmt="ingest.format", workers="ingest.workers", tz="ingest.default_timezone",
              max_bytes="ingest.max_bytes", max_record_bytes="ingest.max_record_bytes",
              follow_links="ingest.follow_links")
    if fields:
        obj.overrides["ingest.fields"] = IngestOptions.parse_fields(fields)
    options = obj.settings().ingest
    inputs = expand(list(paths), follow_links=options.follow_links)  # a missing path stops here, before a database is made
    with obj.archive() as archive:
        show_progress = not as_json and not quiet and sys.stderr.isatty()
        notify = obj.notify if not as_json else None
        archive.on_run = lambda run_id: setattr(obj, "run_id", run_id)
        if show_progress:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            with contextlib.ExitStack() as stack:
                bar = stack.enter_context(Progress(
                    SpinnerColumn(), TextColumn("[bold]reading"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[where]}"), TimeRemainingColumn(), TimeElapsedColumn(), console=console(stderr=True),
                    transient=True))
                task = bar.add_task("ingest", total=count_records(inputs), where="")
                stage_tell: Callable[[str, int, int | None], None] | None = None

                def tell(stage: str, done: int, total: int | None) -> None:
                    nonlocal stage_tell
                    if stage_tell is None:  # reading is over: its bar gives way to the later stages' bar
                        bar.stop()
                        stage_tell = stack.enter_context(stage_bar())
                    stage_tell(stage, done, total)

                report = archive.ingest(*paths, options=options, stdin=sys.stdin.buffer, cluster=not raw,
                                        notify=notify, timelines=None, stage_progress=tell,
                                        progress=lambda n, where: bar.update(task, advance=n, where=Path(where).name))
        else:
            report = archive.ingest(*paths, options=options, stdin=sys.stdin.buffer, cluster=not raw, notify=notify)
        total = len(archive)
        waiting = archive.pending()
        stories_total = archive.count_stories() if report.new_stories is not None else 0
    if as_json:
        emit_json(report.to_dict())
    else:
        out = console()
        out.print(f"[bold]{report.accepted}[/] accepted ({report.near_duplicates} near-duplicates linked as copies, "
                  f"{report.boilerplate} flagged as boilerplate), [bold]{report.duplicates}[/] exact duplicates merged, "
                  f"{report.already_stored} already stored, [bold]{len(report.rejected)}[/] rejected "
                  f"in {report.seconds:.1f}s; the database now holds {plural(total, 'article')}.", highlight=False)
        shown: dict[str, int] = {}
        for rej in report.rejected:  # a few of each reason, then one line for the rest
            shown[rej.reason] = shown.get(rej.reason, 0) + 1
            if shown[rej.reason] <= SAME_REASON_SHOWN:
                out.print(f"  rejected {rej.source}: {rej.reason}", highlight=False, markup=False)
        for reason, n in shown.items():
            if n > SAME_REASON_SHOWN:
                out.print("  " + Messages.SAME_REASON.format(n=n - SAME_REASON_SHOWN, reason=reason), highlight=False,
                          markup=False)
        if raw and any(waiting.values()):
            out.print(f"{waiting['analyse']} articles wait for the text stage and {waiting['cluster']} for a story: "
                      f"run 'storyline cluster' (or ingest without --raw) to finish them.", highlight=False)
        if report.new_stories is not None:
            out.print(f"{plural(stories_total, 'story', 'stories')} ({report.new_stories} new, "
                      f"{report.grown_stories} grown)", highlight=False)
        out.print(f"done in {format_seconds(time.perf_counter() - started)}", highlight=False)
        if not quiet and sys.stderr.isatty() and report.accepted:
            db = f"--db {obj.db} " if obj.db != default_db_path() else ""
            console(stderr=True).print(f"next: storyline {db}stories --sort size | storyline {db}serve | "
                                       f"storyline {db}export --all --format html --out report.html",
                                       highlight=False, markup=False)
    if report.rejected and not (report.accepted or report.duplicates or report.already_stored):
        sys.exit(1)  # nothing of the input could be used
    if strict and report.rejected:
        sys.exit(1)


# -- reading --------------------------------------------------------------------------------------


def _date_option(name: str, help_text: str) -> Callable:
    return click.option(name, default=None, metavar="DATE", help=help_text)


@main.command()
@click.option("--lang", type=click.Choice(SUPPORTED_LANGUAGES), default=None, help="Only articles in this language.")
@_date_option("--since", "Only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@_date_option("--until", "Only articles published on or before DATE (inclusive).")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many articles.")
@json_option
@pass_context
def articles(obj: Context, lang: str | None, since: str | None, until: str | None, limit: int | None,
             as_json: bool) -> None:
    """List stored articles in publication order (undated last)."""
    with obj.archive(readonly=True) as archive:
        rows = archive.articles(lang=lang, since=since, until=until, limit=limit)
    if as_json:
        emit_json([{k: v for k, v in r.items() if k != "source_details"} for r in rows])
        return
    table = Table("id", "published", "lang", "title", "sources", box=None, header_style="bold")
    for r in rows:
        table.add_row(r["id"], r["published"] or "—", r["lang"] or "?", r["title"][:90], str(len(r["sources"])))
    out = console()
    out.print(table)
    out.print(plural(len(rows), "article"), highlight=False)


@main.command()
@click.argument("article_id")
@json_option
@pass_context
def show(obj: Context, article_id: str, as_json: bool) -> None:
    """Show one article with all its stored fields."""
    with obj.archive(readonly=True) as archive:
        art = archive.article(article_id)
        if art is not None:
            art.update(_annotations(archive, art))
    if art is None:
        raise StorylineError(f"no article with id {article_id!r}; 'storyline articles' lists the ids")
    if as_json:
        emit_json(art)
        return
    out = console()
    out.print(f"[bold]{art['title']}[/]", highlight=False)
    meta = [f"id {art['id']}", f"language {art['lang'] or 'unknown'}",
            f"published {art['published'] or 'unknown'}" + (f" ({art['published_precision']})" if art["published"] else ""),
            ]
    if art["published_note"]:
        meta.append(art["published_note"])
    if art.get("text_note"):
        meta.append(art["text_note"])
    if art["copy_of"]:
        meta.append(f"near-duplicate of {art['copy_of']} (similarity {art['copy_similarity']})")
    if art["boilerplate"]:
        meta.append("text is page boilerplate shared by several titles")
    out.print(" · ".join(meta), highlight=False, markup=False)
    for src in art["source_details"]:
        out.print(f"source: {src['url'] or src['location']}" + (f" ({src['outlet']})" if src["outlet"] else ""),
                  highlight=False, markup=False)
    out.print()
    out.print(art["text"], highlight=False, markup=False)


def _annotations(archive: Archive, art: dict[str, Any]) -> dict[str, Any]:
    """Stored entities and time mentions; computed on the fly for an article the text stage has not seen."""
    return archive.annotations(art)


@main.command()
@click.argument("query")
@click.option("--lang", type=click.Choice(SUPPORTED_LANGUAGES), default=None)
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@json_option
@pass_context
def search(obj: Context, query: str, lang: str | None, limit: int, as_json: bool) -> None:
    """Full-text search over titles and texts, best first, with snippets."""
    with obj.archive(readonly=True) as archive:
        hits = archive.search(query, lang=lang, limit=limit)
    if as_json:
        emit_json(hits)
        return
    out = console()
    for hit in hits:
        out.print(f"[bold]{hit['title']}[/]  [dim]{hit['id']} · {hit['published'] or 'undated'} · {hit['lang']}[/]",
                  highlight=False)
        snippet = hit["snippet"].replace("[", "\\[").replace("«", "[reverse]").replace("»", "[/reverse]")
        out.print("  " + snippet, highlight=False)
    out.print(f"{len(hits)} results", highlight=False)


@main.command()
@json_option
@pass_context
def stats(obj: Context, as_json: bool) -> None:
    """Counts by language, month and source."""
    with obj.archive(readonly=True) as archive:
        data = archive.stats()
    if as_json:
        emit_json(data)
        return
    out = console()
    out.print(f"[bold]{data['articles']}[/] articles ({data['undated']} undated, {data['near_duplicates']} near-duplicate "
              f"copies, {data['boilerplate']} boilerplate), {data['sources']} sources, {data['rejected']} rejected inputs",
              highlight=False)
    waiting = data.get("pending") or {}
    if any(waiting.values()):
        out.print(f"waiting: {waiting['analyse']} articles for the text stage (entities, dates), {waiting['cluster']} for "
                  f"a story, {waiting['timelines']} for their story's timeline; 'storyline cluster' finishes them",
                  highlight=False)
    else:
        out.print("waiting: nothing (every article is analysed, in a story, with a current timeline)", highlight=False)
    for key, title in (("by_language", "language"), ("by_month", "year"), ("by_source", "source")):
        if key == "by_month":  # one row per year, its months as a small bar chart (--json has every month)
            table = Table("year", "articles", "J F M A M J J A S O N D", "busiest month", box=None, header_style="bold")
            for row in months_by_year(data[key]):
                table.add_row(row.year, str(row.articles), row.months, row.busiest)
            out.print(table)
            continue
        table = Table(title, "articles", box=None, header_style="bold", title_justify="left")
        for name, count in data[key].items():
            table.add_row(str(name), str(count))
        out.print(table)


@main.command()
@json_option
@pass_context
def rejected(obj: Context, as_json: bool) -> None:
    """Inputs that were refused, with the reason (kept across runs until the input is accepted)."""
    with obj.archive(readonly=True) as archive:
        rows = archive.rejections()
    if as_json:
        emit_json(rows)
        return
    out = console()
    for row in rows:
        out.print(f"{row['source']}: {row['reason']} [{row['code']}]", highlight=False, markup=False)
    out.print(f"{len(rows)} rejected inputs", highlight=False)


# Each module registers its commands on `main` (or on the `evaluate` group) when imported.
from . import backfill as _backfill  # noqa: E402,F401
from . import config as _config  # noqa: E402,F401
from . import demo as _demo  # noqa: E402,F401
from . import doctor as _doctor  # noqa: E402,F401
from . import entities as _entities  # noqa: E402,F401
from . import evaluate as _evaluate  # noqa: E402,F401
from . import evaluate_clusters as _evaluate_clusters  # noqa: E402,F401
from . import evaluate_dates as _evaluate_dates  # noqa: E402,F401
from . import evaluate_entities as _evaluate_entities  # noqa: E402,F401
from . import evaluate_event_dates as _evaluate_event_dates  # noqa: E402,F401
from . import evaluate_timelines as _evaluate_timelines  # noqa: E402,F401
from . import export as _export  # noqa: E402,F401
from . import serve as _serve  # noqa: E402,F401
from . import stories as _stories  # noqa: E402,F401
from . import timeline as _timeline  # noqa: E402,F401
