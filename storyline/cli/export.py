"""`storyline export`: one story, or every story, as JSON, Markdown, CSV, HTML or TimelineJS JSON."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import StorylineError
from ..export import FORMATS, all_documents, story_document
from ..export.files import write_all, write_story
from . import Context, main, pass_context
from .summary import bars_wanted, stage_progress


@main.command("export")
@click.argument("story_id", required=False)
@click.option("--all", "every", is_flag=True, help="Export every story (needs --out).")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="json", show_default=True,
              help="json: the story's data; markdown: a readable page; csv: one row per article; html: a "
                   "self-contained report; timelinejs: a Knight Lab TimelineJS3 document.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output). With --all: the report file for html, one JSON "
                   "array for json, one CSV for csv, and a directory of one file per story for markdown and "
                   "timelinejs.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@pass_context
def export(obj: Context, story_id: str | None, every: bool, fmt: str, out: Path | None, quiet: bool) -> None:
    """Export STORY_ID (an id or a unique prefix), or with --all every story."""
    if every and story_id:
        raise click.UsageError("give a STORY_ID or --all, not both")
    if not every and not story_id:
        raise click.UsageError("give a STORY_ID ('storyline stories' lists them) or --all")
    if every and out is None:
        raise click.UsageError(f"--all needs --out: a file for --format {fmt}" if FORMATS[fmt].many else
                               f"--all needs --out: a directory for --format {fmt} (one file per story)")
    with obj.archive(readonly=True) as archive:
        if every:
            with stage_progress(bars_wanted(quiet)) as tell:
                docs = list(all_documents(archive, on_progress=tell))
            if not docs:
                raise StorylineError("the database has no stories yet; run 'storyline cluster' (or ingest without "
                                     "--raw) first")
            assert out is not None
            written = write_all(docs, fmt, out)
            where = written[0] if len(written) == 1 else out
            click.echo(f"exported {len(docs)} stories as {fmt} to {where}", err=True)
            return
        assert story_id is not None
        doc = story_document(archive, story_id)
    if doc is None:
        raise StorylineError(f"no story with id {story_id!r}; 'storyline stories' lists the ids (a unique prefix of "
                             f"4 or more characters also works)")
    if out is None or str(out) == "-":
        text = FORMATS[fmt].one(doc)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return
    path = write_story(doc, fmt, out)
    click.echo(f"exported story {doc['id']} as {fmt} to {path}", err=True)
