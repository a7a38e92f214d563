"""`storyline timeline STORY_ID`: one story's dated timeline and summary as text, JSON, Markdown, HTML or TimelineJS."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..archive import Archive, open_archive
from ..errors import DatabaseError, StorylineError
from . import Context, main, pass_context

FORMATS = ("text", "json", "markdown", "html", "timelinejs")


def _open(db: Path) -> Archive:
    """The archive for writing, so that a timeline built now is stored; read-only when it cannot be written."""
    if not db.exists():
        return open_archive(db, readonly=True)  # says that the database does not exist, and creates nothing
    try:
        return open_archive(db)
    except DatabaseError:
        return open_archive(db, readonly=True)


@main.command("timeline")
@click.argument("story_id")
@click.option("--max-dates", type=click.IntRange(1, 500), default=None,
              help="Number of dated entries (default: grows with the story, 4 to 50).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: for the terminal; json: {story_id, title, summary, entries}; markdown; html: a "
                   "self-contained page; timelinejs: a Knight Lab TimelineJS3 document.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.option("--summary-url", default=None, metavar="URL",
              help="Base URL of an OpenAI-compatible server (e.g. http://127.0.0.1:8080/v1) for an abstractive "
                   "summary; default $STORYLINE_SUMMARY_URL, else none. Failures fall back to the extractive one.")
@click.option("--summary-model", default=None, metavar="NAME",
              help="Model name to ask the summary server for (default $STORYLINE_SUMMARY_MODEL).")
@pass_context
def timeline(obj: Context, story_id: str, max_dates: int | None, fmt: str, out: Path | None,
             summary_url: str | None, summary_model: str | None) -> None:
    """Show the timeline of STORY_ID (an id or a unique prefix of 4+ characters): dates, sentences, sources."""
    from ..export.timeline import to_html, to_markdown, to_story_dict, to_text, to_timelinejs
    from ..timeline.abstractive import SummaryConfig

    config = SummaryConfig.from_env(summary_url, summary_model)
    with _open(obj.db) as archive:
        story = archive.story(story_id)
        if story is None:
            raise StorylineError(f"no story with id {story_id!r}; 'storyline stories' lists the ids (a unique prefix "
                                 f"of 4 or more characters also works)")
        tl = archive.timeline(story["id"], max_dates=max_dates, summary=config)
    assert tl is not None
    if fmt == "json":
        text = json.dumps(to_story_dict(tl, story["id"], story_title=story["title"]), ensure_ascii=False, indent=2)
    elif fmt == "timelinejs":
        text = json.dumps(to_timelinejs(tl), ensure_ascii=False, indent=2)
    elif fmt == "markdown":
        text = to_markdown(tl)
    elif fmt == "html":
        text = to_html(tl, story["id"], title=story["title"])
    else:
        text = to_text(tl, story["id"])
    text = text if text.endswith("\n") else text + "\n"
    if out is None or str(out) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise StorylineError(f"cannot write {out}: {exc.strerror or exc}") from exc
    click.echo(f"wrote the timeline of story {story['id']} ({fmt}, {len(tl.entries)} entries) to {out}", err=True)
