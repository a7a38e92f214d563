"""Timelines as TimelineJS JSON, plain JSON and Markdown (pure: strings and dicts, no files).

>>> from ..models import Precision, Timeline, TimelineEntry, TimelineSentence
>>> s = TimelineSentence("Trump and Kim meet in Singapore.", ["a2"], ["nos.nl"], "en")
>>> tl = Timeline("Trump meets Kim", [s], [TimelineEntry("2018-06-12", Precision.DAY, [s], ["a2"])], "en", 1)
>>> to_timelinejs(tl)["events"][0]["start_date"]
{'year': '2018', 'month': '6', 'day': '12'}
>>> print(to_markdown(tl).splitlines()[4])
## 12 June 2018
"""

from __future__ import annotations

import html
import json
from typing import Any

from ..models import Timeline, TimelineEntry, TimelineSentence

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def display_date(entry: TimelineEntry) -> str:
    """The date as a person reads it: "12 June 2018", "June 2018"; undated articles "after June 2018 (undated)"."""
    year, month = int(entry.date[:4]), int(entry.date[5:7])
    text = f"{_MONTHS[month - 1]} {year}"
    if len(entry.date) == 10:
        text = f"{int(entry.date[8:10])} {text}"
    return f"after {text} (undated)" if entry.estimated else text


def to_timelinejs(tl: Timeline) -> dict[str, Any]:
    """The TimelineJS3 JSON document: a title slide (headline and summary) and one event per entry."""
    events = []
    for entry in tl.entries:
        parts = {"year": entry.date[:4], "month": str(int(entry.date[5:7]))}
        if len(entry.date) == 10:
            parts["day"] = str(int(entry.date[8:10]))
        event: dict[str, Any] = {
            "start_date": parts,
            "text": {"headline": html.escape(_headline(entry)),
                     "text": "".join(f"<p>{_html_sentence(s)}</p>" for s in entry.sentences)},
            "unique_id": f"{entry.date}-{len(events)}",
        }
        if entry.estimated:
            event["display_date"] = display_date(entry)
            event["group"] = "undated"
        events.append(event)
    return {"title": {"text": {"headline": html.escape(tl.headline),
                               "text": "".join(f"<p>{html.escape(s.text)}</p>" for s in tl.summary)}},
            "events": events}


def to_json(tl: Timeline, indent: int | None = 2) -> str:
    """The whole timeline as JSON (see `Timeline.to_dict`)."""
    return json.dumps(tl.to_dict(), ensure_ascii=False, indent=indent)


def to_markdown(tl: Timeline) -> str:
    """A readable Markdown page: headline, summary, then one section per date with cited sources."""
    lines = [f"# {tl.headline}", ""]
    lines += [" ".join(s.text for s in tl.summary), ""]
    for entry in tl.entries:
        lines += [f"## {display_date(entry)}", ""]
        for s in entry.sentences:
            cite = ", ".join(s.sources or s.article_ids)
            lines.append(f"- {s.text} ({cite})")
        lines.append("")
    return "\n".join(lines)


def _headline(entry: TimelineEntry) -> str:
    text = entry.sentences[0].text if entry.sentences else display_date(entry)
    return text if len(text) <= 90 else text[:90].rsplit(" ", 1)[0] + " …"


def _html_sentence(s: TimelineSentence) -> str:
    cite = ", ".join(s.sources or s.article_ids)
    return f"{html.escape(s.text)} <small>({html.escape(cite)})</small>"
