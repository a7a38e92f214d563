"""Exports of stories: JSON, Markdown, CSV, TimelineJS JSON and a self-contained HTML report.

The one export stack of the CLI (`storyline export`, `storyline timeline`, `storyline demo`), the API and the
web app; :mod:`storyline.export.timeline` renders one built timeline for `storyline timeline`.

`story_document(archive, story_id)` gathers one story's data (the only step that reads the
archive); the renderers are pure functions from documents to text. `FORMATS` names them, with
the file extension and media type each gets, and how several stories are rendered at once.

>>> sorted(FORMATS)
['csv', 'html', 'json', 'markdown', 'timelinejs']
>>> FORMATS["markdown"].media_type
'text/markdown; charset=utf-8'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .document import SCHEMA, all_documents, is_web_url, source_name, story_document, story_ids, timeline_dates
from .html import to_html, to_html_all
from .text import (
    CSV_COLUMNS,
    csv_cell,
    markdown_index,
    to_csv,
    to_json,
    to_json_all,
    to_markdown,
    to_timelinejs,
    to_timelinejs_dict,
)

StoryDoc = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Format:
    """One export format: how to render one story, and several (one file, or None for one file per story)."""

    name: str
    extension: str
    media_type: str
    one: Callable[[StoryDoc], str]
    many: Callable[[Sequence[StoryDoc]], str] | None

    def filename(self, story_id: str) -> str:
        """The file name of one story's export, e.g. ``story-s1234.md``."""
        safe = "".join(c for c in story_id if c.isalnum() or c in "-_") or "story"
        return f"story-{safe}{self.extension}"


FORMATS: dict[str, Format] = {
    "json": Format("json", ".json", "application/json", to_json, to_json_all),
    "markdown": Format("markdown", ".md", "text/markdown; charset=utf-8", to_markdown, None),
    "csv": Format("csv", ".csv", "text/csv; charset=utf-8", lambda doc: to_csv([doc]), to_csv),
    "html": Format("html", ".html", "text/html; charset=utf-8", to_html, to_html_all),
    "timelinejs": Format("timelinejs", ".timeline.json", "application/json", to_timelinejs, None),
}


def render(doc: StoryDoc, fmt: str) -> str:
    """One story document in format `fmt` (a key of FORMATS)."""
    return FORMATS[fmt].one(doc)


__all__ = ["CSV_COLUMNS", "FORMATS", "SCHEMA", "Format", "all_documents", "csv_cell", "is_web_url", "markdown_index",
           "render", "source_name", "story_document", "story_ids", "timeline_dates", "to_csv", "to_html", "to_html_all",
           "to_json", "to_json_all", "to_markdown", "to_timelinejs", "to_timelinejs_dict"]
