"""One built timeline (:class:`storyline.models.Timeline`) as `storyline timeline` prints it: TimelineJS JSON,
plain JSON, the story JSON, Markdown, HTML and text. Whole stories (articles, sources, timeline) are the
story documents of :mod:`storyline.export`; both share its dates (:func:`storyline.export.common.display_date`).

Pure: strings and dicts, no files. Every piece of article text is escaped in the HTML forms.

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
from .common import also_in, alternative_cite, alternative_html
from .common import display_date as _display_date


def display_date(entry: TimelineEntry) -> str:
    """The date as a person reads it: "12 June 2018", "June 2018"; an undated article's entry "about 8 June 2023
    (estimated)" where its content dates it, "after June 2018 (undated)" where nothing does, "undated" in a story
    without any date."""
    return _display_date(entry.date, estimated=entry.estimated, unknown=entry.date_unknown, planned=entry.planned)


def to_timelinejs(tl: Timeline) -> dict[str, Any]:
    """The TimelineJS3 JSON document: a title slide (headline and summary) and one event per entry."""
    events: list[dict[str, Any]] = []
    for entry in tl.entries:
        if not entry.date:
            continue  # TimelineJS places every event on its axis: an undated entry has no place there
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
            event["group"] = "undated" if entry.date_unknown else "estimated"
        events.append(event)
    return {"title": {"text": {"headline": html.escape(tl.headline),
                               "text": "".join(f"<p>{html.escape(s)}</p>" for s in _summary_paragraphs(tl))}},
            "events": events}


def to_json(tl: Timeline, indent: int | None = 2) -> str:
    """The whole timeline as JSON (see `Timeline.to_dict`)."""
    return json.dumps(tl.to_dict(), ensure_ascii=False, indent=indent)


def to_markdown(tl: Timeline) -> str:
    """A readable Markdown page: headline, summary, then one section per date with cited sources."""
    lines = [f"# {tl.headline}", ""]
    lines += [tl.summary_text, ""]
    for entry in tl.entries:
        lines += [f"## {display_date(entry)}", ""]
        for s in entry.sentences:
            cite = ", ".join(s.sources or s.article_ids)
            lines.append(f"- {s.text} ({cite})")
            lines += [f"  - *{also_in(a.lang)}:* «{a.text}» ({alternative_cite(a.to_dict())})" for a in s.alternatives]
        lines.append("")
    return "\n".join(lines)


def _headline(entry: TimelineEntry) -> str:
    text = entry.sentences[0].text if entry.sentences else display_date(entry)
    return text if len(text) <= 90 else text[:90].rsplit(" ", 1)[0] + " …"


def _html_sentence(s: TimelineSentence) -> str:
    cite = ", ".join(s.sources or s.article_ids)
    return f"{html.escape(s.text)} <small>({html.escape(cite)})</small>" + "".join(
        f"<br><small>{html.escape(also_in(a.lang))}:</small> {alternative_html(a.to_dict())}"
        for a in s.alternatives)


def _summary_paragraphs(tl: Timeline) -> list[str]:
    return [tl.abstract] if tl.abstract else [s.text for s in tl.summary]


def chronological(tl: Timeline) -> list[TimelineEntry]:
    """The entries in date order (a stated date before an estimated one on the same date), the entries nothing
    dates after everything."""
    return sorted(tl.entries, key=lambda e: (e.date_unknown, e.date, e.estimated))


def _sentence_dict(s: TimelineSentence) -> dict[str, Any]:
    return {"text": s.text, "original": s.original or s.text, "article_id": s.article_id,
            "source": s.sources[0] if s.sources else None,
            "article_ids": list(s.article_ids), "sources": list(s.sources), "lang": s.lang,
            "alternatives": [a.to_dict() for a in s.alternatives]}


def to_story_dict(tl: Timeline, story_id: str, *, story_title: str | None = None) -> dict[str, Any]:
    """The JSON of `storyline timeline --format json`: story id, title, summary (one string) and dated entries.

    >>> from ..models import Precision, Timeline, TimelineEntry, TimelineSentence
    >>> s = TimelineSentence("Trump and Kim meet in Singapore.", ["a2", "a3"], ["nos.nl", "bbc"], "en")
    >>> d = to_story_dict(Timeline("Trump meets Kim", [s], [TimelineEntry("2018-06-12", Precision.DAY, [s], ["a2"])]), "s1")
    >>> d["summary"], d["entries"][0]["sentences"][0]["source"], d["entries"][0]["sentences"][0]["sources"]
    ('Trump and Kim meet in Singapore.', 'nos.nl', ['nos.nl', 'bbc'])
    """
    return {
        "story_id": story_id,
        "title": story_title or tl.headline or "",
        "story_title": story_title,
        "summary": tl.summary_text,
        "summary_kind": tl.summary_kind,
        "summary_sentences": [_sentence_dict(s) for s in tl.summary],
        "lang": tl.lang,
        "n_articles": tl.n_articles,
        "entries": [{"date": e.date, "precision": e.precision.value, "estimated": e.estimated,
                     "estimate": e.estimate if e.estimated else None, "date_unknown": e.date_unknown,
                     "planned": e.planned, "display_date": display_date(e), "article_ids": list(e.article_ids),
                     "sentences": [_sentence_dict(s) for s in e.sentences]} for e in chronological(tl)],
    }


def to_text(tl: Timeline, story_id: str | None = None, width: int = 100) -> str:
    """The timeline for a terminal: headline, summary, then each date with its sentences and sources."""
    import textwrap

    def wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width=width, initial_indent=first if first is not None else indent,
                             subsequent_indent=indent) or [first or indent]

    lines = wrap(tl.headline or "(no headline)")
    facts = [f"{tl.n_articles} articles"] + ([f"story {story_id}"] if story_id else []) + \
        [f"{tl.summary_kind} summary"] + ([f"language {tl.lang}"] if tl.lang else [])
    lines += [" · ".join(facts), ""]
    if tl.summary_text:
        lines += wrap(tl.summary_text) + [""]
    for entry in chronological(tl):
        lines.append(display_date(entry) + (" (month)" if entry.precision.value == "month" and not entry.estimated
                                            else ""))
        for s in entry.sentences:
            cite = ", ".join(s.sources or s.article_ids)
            lines += wrap(f"{s.text} ({cite})", "    ", "  - ")
            for a in s.alternatives:  # the same event as another language told it
                lines += wrap(f"{also_in(a.lang)}: «{a.text}» ({alternative_cite(a.to_dict())})", "        ", "      ")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_CSS = """body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.6rem;line-height:1.25}.meta{color:#666;font-size:.9rem}.summary{font-style:italic}
ol{list-style:none;padding:0;border-left:3px solid #c7d2e0;margin-left:.4rem}
li.entry{position:relative;padding:0 0 1.2rem 1.2rem}
li.entry::before{content:"";position:absolute;left:-.5rem;top:.45rem;width:.7rem;height:.7rem;border-radius:50%;background:#3b6ea8}
li.estimated::before{background:#fff;border:2px solid #3b6ea8}
time{font-weight:600;display:block}.cite{color:#666;font-size:.85rem}p{margin:.2rem 0}
p.alt{margin-left:1.2rem;color:#444;font-size:.95rem}.also{color:#666;font-size:.85rem}"""


def to_html(tl: Timeline, story_id: str | None = None, *, title: str | None = None) -> str:
    """One timeline as a self-contained HTML page (inline CSS, no scripts, every text escaped)."""
    e = html.escape
    heading = tl.headline or title or "Timeline"
    lang = f' lang="{e(tl.lang)}"' if tl.lang else ""
    facts = [f"{tl.n_articles} articles"] + ([f"story {story_id}"] if story_id else []) + [f"{tl.summary_kind} summary"]
    parts = ["<!DOCTYPE html>", f"<html{lang}>", "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{e(heading)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
             f"<h1>{e(heading)}</h1>", f'<p class="meta">{e(" · ".join(facts))}</p>']
    if tl.summary_text:
        parts.append(f'<p class="summary">{e(tl.summary_text)}</p>')
    parts.append("<ol>")
    for entry in chronological(tl):
        cls = "entry estimated" if entry.estimated else "entry"
        parts.append(f'<li class="{cls}"><time datetime="{e(entry.date)}">{e(display_date(entry))}</time>')
        for s in entry.sentences:
            cite = ", ".join(s.sources or s.article_ids)
            said = f' title="{e(s.original)}"' if s.original else ""  # the sentence as written, date included
            parts.append(f'<p{said}>{e(s.text)} <span class="cite">({e(cite)})</span></p>')
            parts += [f'<p class="alt"><span class="also">{e(also_in(a.lang))}:</span> '
                      f'{alternative_html(a.to_dict(), "cite")}</p>' for a in s.alternatives]
        parts.append("</li>")
    parts += ["</ol>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"
