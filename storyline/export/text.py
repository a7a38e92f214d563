"""Story documents as JSON, Markdown, CSV and TimelineJS JSON (pure: documents in, strings out)."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote

from .common import (
    also_in,
    alternative_cite,
    alternative_html,
    as_sentence,
    date_parts,
    display_date,
    entry_date,
    language_name,
    md_escape,
    one_line,
    plural,
    short_date,
    span,
)
from .document import alternative_sentences, is_web_url, timeline_dates

# The columns of the CSV export, one row per article of a story.
CSV_COLUMNS: list[tuple[str, str]] = [
    ("story_id", "id of the story the article belongs to"),
    ("story_title", "title of that story"),
    ("event_id", "id of the event (one happening) within the story"),
    ("article_id", "storyline's id of the article"),
    ("published", "publication date as the source gives it (ISO 8601; empty when unknown)"),
    ("precision", "how much of that date is known: year, month, day or minute"),
    ("lang", "language code of the article (nl, en, ...)"),
    ("title", "the article's title"),
    ("sources", "outlets (or URL hosts, or file names) it was read from, separated by '; '"),
    ("url", "the first URL a source gave (empty when none)"),
    ("timeline_dates", "timeline dates the article supports, separated by '; '"),
    ("timeline_alternatives", "the article's sentences shown as the same event in another language under a "
                              "timeline entry, as 'DATE: «sentence»', separated by ' | '"),
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(doc: dict[str, Any], indent: int | None = 2) -> str:
    """One story document as JSON."""
    return json.dumps(doc, ensure_ascii=False, indent=indent) + "\n"


def to_json_all(docs: Iterable[dict[str, Any]], indent: int | None = 2) -> str:
    """Several story documents as one JSON array."""
    return json.dumps(list(docs), ensure_ascii=False, indent=indent) + "\n"


def _md_link(text: str, url: object) -> str:
    """A Markdown link for an http(s) URL (parentheses and spaces percent-encoded); plain text otherwise."""
    if not is_web_url(url):
        return text
    safe = quote(str(url).strip(), safe=":/?#@!$&'*+,;=%~-._")
    return f"[{text}]({safe})"


def to_markdown(doc: dict[str, Any]) -> str:
    """A readable Markdown page: title, facts, summary, timeline, entities, sources, events and articles.

    Every piece of article text is escaped, so a title with HTML or Markdown syntax shows as text.
    """
    titles = {a["id"]: a["title"] for a in doc["articles"]}
    lines = [f"# {md_escape(doc['headline'])}", ""]
    if doc["title"] != doc["headline"]:
        lines += [f"*Story:* {md_escape(doc['title'])}", ""]
    langs = ", ".join(language_name(code) for code in doc["languages"]) or "unknown"
    lines += [f"- **Story id:** `{doc['id']}`", f"- **Dates:** {span(doc['start'], doc['end'])}",
              f"- **Articles:** {plural(doc['n_articles'], 'article')} ({langs})", ""]
    if doc["summary"]:
        lines += ["## Summary", "", " ".join(md_escape(as_sentence(s["text"])) for s in doc["summary"]), ""]
    if doc["timeline"]:
        lines += ["## Timeline", ""]
        for entry in doc["timeline"]:
            lines += [f"### {entry_date(entry)}", ""]
            for s in entry["sentences"]:
                cite = ", ".join(md_escape(x) for x in (s["sources"] or s["article_ids"]))
                lines.append(f"- {md_escape(s['text'])} ({cite})")
                lines += [f"  - *{also_in(a['lang'])}:* «{md_escape(a['text'])}» ({md_escape(alternative_cite(a))})"
                          for a in s.get("alternatives", [])]
            lines.append("")
    if doc["entities"]:
        lines += ["## Key entities", ""]
        lines += [f"- {md_escape(e.get('label') or e['name'])} ({md_escape(e['type'])}, {plural(e['mentions'], 'mention')})" for e in doc["entities"]]
        lines.append("")
    if doc["sources"]:
        lines += ["## Sources", ""]
        lines += [f"- {md_escape(s['name'])}: {plural(s['articles'], 'article')}"
                  for s in doc["sources"]]
        lines.append("")
    if len(doc["events"]) > 1:
        lines += ["## Events", ""]
        for e in doc["events"]:
            first = titles.get(e["article_ids"][0], "") if e["article_ids"] else ""
            lines.append(f"- {span(e['start'], e['end'])}: {md_escape(e['title'] or first)} "
                         f"({plural(len(e['article_ids']), 'article')})")
        lines.append("")
    lines += ["## Articles", ""]
    for a in doc["articles"]:
        title = _md_link(md_escape(a["title"]), a["url"])
        meta = ", ".join(md_escape(x) for x in a["sources"])
        lines.append(f"- {short_date(a['published'])} · {a['lang'] or '?'} · {title}" + (f" — {meta}" if meta else ""))
    lines += ["", f"*Exported by {md_escape(doc['generator'])} on {doc['exported_at'][:10]}.*", ""]
    return "\n".join(lines)


def markdown_index(docs: Iterable[dict[str, Any]], filename: Callable[[str], str] = "{}.md".format) -> str:
    """A Markdown index of several stories, linking to one file per story (``filename(story_id)``)."""
    lines = ["# Stories", ""]
    for doc in docs:
        target = quote(filename(doc["id"]))
        lines.append(f"- [{md_escape(doc['title'])}]({target}) — {span(doc['start'], doc['end'])}, "
                     f"{plural(doc['n_articles'], 'article')}")
    return "\n".join(lines + [""])


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula: text starting with = + - @ gets a quote first.

    >>> csv_cell("=HYPERLINK(1)"), csv_cell("-2"), csv_cell("2018-06"), csv_cell(None)
    ("'=HYPERLINK(1)", "'-2", '2018-06', '')
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(docs: Iterable[dict[str, Any]]) -> str:
    """One row per article (columns: ``CSV_COLUMNS``), for one or several stories, with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for doc in docs:
        supports, alternatives = timeline_dates(doc), alternative_sentences(doc)
        for a in doc["articles"]:
            row = [doc["id"], one_line(doc["title"]), a["event_id"], a["id"], a["published"], a["precision"], a["lang"],
                   one_line(a["title"]), "; ".join(a["sources"]), a["url"], "; ".join(supports.get(a["id"], [])),
                   " | ".join(one_line(x) for x in alternatives.get(a["id"], []))]
            writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


def _tjs_date(value: str) -> dict[str, str]:
    parts = date_parts(value)
    if parts is None:
        raise ValueError(f"not a date: {value!r}")
    year, month, day = parts
    found = {"year": str(year)}
    if month:
        found["month"] = str(month)
        if day:
            found["day"] = str(day)
    return found


def _tjs_sentence(s: dict[str, Any]) -> str:
    cite = ", ".join(s["sources"] or s["article_ids"])
    alts = "".join(f"<br><small>{html.escape(also_in(a['lang']))}:</small> {alternative_html(a)}"
                   for a in s.get("alternatives", []))
    return f"<p>{html.escape(one_line(s['text']))} <small>({html.escape(cite)})</small>{alts}</p>"



def _short(text: str, limit: int = 90) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def to_timelinejs_dict(doc: dict[str, Any]) -> dict[str, Any]:
    """The Knight Lab TimelineJS3 document: a title slide (headline, summary) and one event per timeline entry.

    Text fields of TimelineJS are HTML, so every piece of article text is escaped.
    """
    events = []
    for n, entry in enumerate(doc["timeline"]):
        if date_parts(entry["date"]) is None:
            continue  # an undated entry (a story without any date) has no place on TimelineJS's axis
        first = entry["sentences"][0]["text"] if entry["sentences"] else display_date(entry["date"])
        event: dict[str, Any] = {
            "start_date": _tjs_date(entry["date"]),
            "text": {"headline": html.escape(_short(first)),
                     "text": "".join(_tjs_sentence(s) for s in entry["sentences"])},
            "unique_id": f"{doc['id']}-{n}",
        }
        if entry["estimated"]:
            event["display_date"] = entry_date(entry)
            event["group"] = "undated" if entry.get("date_unknown", True) else "estimated"
        events.append(event)
    summary = "".join(f"<p>{html.escape(as_sentence(s['text']))}</p>" for s in doc["summary"])
    facts = (f"<p><small>{html.escape(span(doc['start'], doc['end']))} · {plural(doc['n_articles'], 'article')} · "
             f"{html.escape(', '.join(language_name(x) for x in doc['languages']))}</small></p>")
    return {"title": {"text": {"headline": html.escape(one_line(doc["headline"])), "text": summary + facts},
                      "unique_id": f"{doc['id']}-title"},
            "events": events}


def to_timelinejs(doc: dict[str, Any], indent: int | None = 2) -> str:
    """The TimelineJS3 document as JSON text (load it with ``new TL.Timeline(id, data)``)."""
    return json.dumps(to_timelinejs_dict(doc), ensure_ascii=False, indent=indent) + "\n"
