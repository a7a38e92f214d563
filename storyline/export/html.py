"""The self-contained HTML report: one file, inline CSS, no script, no outside resource.

Every piece of article text goes through ``html.escape``; links are made only for http(s) URLs.
A Content-Security-Policy in the page forbids scripts and every outside load, should a future
change let something slip through.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date
from typing import Any

from .common import as_sentence, date_parts, display_date, language_name, one_line, plural, short_date, span
from .document import is_web_url
from .style import CSS

PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
_DATED_WIDTH = 92.0  # percent of the axis for dated entries when undated ones follow
_LANE_GAP = 4.5      # percent: closer dots go up a lane
_LANE_TOPS = (3.6, 1.8, 0.0)  # rem, matching .dot.lane-N in the style sheet
_RULE_TOP = 4.4


def esc(value: object) -> str:
    """Any value as escaped HTML text (quotes too, so it is safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def _day(value: str | None) -> int | None:
    """A date as a day number for the axis (month dates at mid-month, years at mid-year)."""
    parts = date_parts(value)
    if parts is None:
        return None
    year, month, day = parts
    try:
        return date(year, month or 7, day or (15 if month else 1)).toordinal()
    except ValueError:
        return None


def _link(text: str, url: object) -> str:
    if not is_web_url(url):
        return esc(text)
    return f'<a href="{esc(str(url).strip())}" rel="noopener noreferrer nofollow">{esc(text)}</a>'


def _entry_anchor(doc: dict[str, Any], n: int) -> str:
    return f"e-{doc['id']}-{n}"


def _axis(doc: dict[str, Any]) -> str:
    """The horizontal visual timeline: numbered entries over a date axis, ticks for dated articles."""
    entries = doc["timeline"]
    dated = [(n, _day(e["date"])) for n, e in enumerate(entries, 1) if not e["estimated"]]
    values = [e["date"] for e in entries if not e["estimated"]] + [a["published"] for a in doc["articles"]]
    named = {day: value for value in reversed(values) if (day := _day(value)) is not None}  # day -> a date as given
    points = list(named)
    undated = [n for n, e in enumerate(entries, 1) if e["estimated"]]
    if not points and not undated:
        return ""
    width = _DATED_WIDTH if undated else 100.0
    lo, hi = (min(points), max(points)) if points else (0, 0)

    def pos(day: int) -> float:
        return width / 2 if hi == lo else (day - lo) / (hi - lo) * width

    parts = ['<div class="rule"></div>']
    if undated:
        parts.append('<div class="undated-zone"></div>')
    for a in doc["articles"]:
        day = _day(a["published"])
        if day is not None:
            parts.append(f'<span class="pub" style="left:{pos(day):.2f}%" title="{esc(one_line(a["title"]))}"></span>')
    placed = [(pos(d), n) for n, d in dated if d is not None] + [(97.0, n) for n in undated]
    lanes_last: list[float] = [-100.0] * len(_LANE_TOPS)
    for left, n in sorted(placed):
        entry = entries[n - 1]
        lane = next((i for i, last in enumerate(lanes_last) if left - last >= _LANE_GAP),
                    min(range(len(_LANE_TOPS)), key=lambda i: lanes_last[i]))
        lanes_last[lane] = left
        kinds = " ".join(k for k, on in (("month", entry["precision"] == "month"),
                                          ("estimated", entry["estimated"])) if on)
        label = display_date(entry["date"], estimated=entry["estimated"])
        if lane:
            bottom = _LANE_TOPS[lane] + 1.6
            parts.append(f'<span class="stem" style="left:{left:.2f}%;top:{bottom:.1f}rem;'
                         f'height:{_RULE_TOP - bottom:.1f}rem"></span>')
        parts.append(f'<a class="dot lane-{lane} {kinds}" style="left:{left:.2f}%" '
                     f'href="#{esc(_entry_anchor(doc, n))}" title="{esc(label)}">{n}</a>')
    if points and hi == lo:
        parts.append(f'<span class="tick middle" style="left:{width / 2:.2f}%">{esc(short_date(named[lo]))}</span>')
    elif points:
        parts.append(f'<span class="tick start">{esc(short_date(named[lo]))}</span>')
        parts.append(f'<span class="tick" style="left:{width:.2f}%;transform:translateX(-100%)">'
                     f'{esc(short_date(named[hi]))}</span>')
    if undated:
        parts.append('<span class="tick end">undated</span>')
    label = f"Timeline of {len(entries)} dates from {span(doc['start'], doc['end'])}"
    legend = ('<p class="legend"><i></i>day <i class="month"></i>month'
              + ('<i class="estimated"></i>undated articles' if undated else '')
              + '<i class="pub"></i>an article published</p>')
    return f'<div class="axis" role="img" aria-label="{esc(label)}">{"".join(parts)}</div>{legend}'


def _timeline(doc: dict[str, Any]) -> str:
    if not doc["timeline"]:
        return '<section class="timeline"><h3>Timeline</h3><p class="empty">No dated entries.</p></section>'
    items = []
    for n, entry in enumerate(doc["timeline"], 1):
        sentences = "".join(
            f'<p>{esc(one_line(s["text"]))} <span class="cite">({esc(", ".join(s["sources"] or s["article_ids"]))})'
            f'</span></p>' for s in entry["sentences"])
        classes = "entry estimated" if entry["estimated"] else "entry"
        items.append(f'<li id="{esc(_entry_anchor(doc, n))}" class="{classes}"><div class="when"><span class="num">{n}'
                     f'</span><time datetime="{esc(entry["date"])}">'
                     f'{esc(display_date(entry["date"], estimated=entry["estimated"]))}</time>'
                     f'<span class="precision">{esc(entry["precision"])}</span></div>{sentences}</li>')
    return (f'<section class="timeline"><h3>Timeline</h3>{_axis(doc)}'
            f'<ol class="entries">{"".join(items)}</ol></section>')


def _articles(doc: dict[str, Any]) -> str:
    rows = []
    for a in doc["articles"]:
        copy = f' <span class="copy">(copy of {esc(a["copy_of"])})</span>' if a.get("copy_of") else ""
        rows.append(f'<tr id="a-{esc(a["id"])}"><td class="date">{esc(short_date(a["published"]))}</td>'
                    f'<td>{esc(a["lang"] or "?")}</td><td>{_link(one_line(a["title"]), a["url"])}{copy}</td>'
                    f'<td>{esc(", ".join(a["sources"]))}</td></tr>')
    return ('<section class="articles"><h3>Articles</h3><div class="scroll"><table class="articles"><thead><tr><th>Date</th>'
            '<th>Lang</th><th>Title</th><th>Sources</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div></section>")


def _story(doc: dict[str, Any], heading: str) -> str:
    facts = [span(doc["start"], doc["end"]), plural(doc["n_articles"], "article"),
             ", ".join(language_name(x) for x in doc["languages"]) or "language unknown",
             plural(len(doc["events"]), "event"), f"story {doc['id']}"]
    parts = [f"<{heading}>{esc(one_line(doc['headline']))}</{heading}>"]
    if doc["title"] != doc["headline"]:
        parts.append(f'<p class="story-title">{esc(one_line(doc["title"]))}</p>')
    parts.append('<p class="facts">' + "".join(f"<span>{esc(f)}</span>" for f in facts) + "</p>")
    if doc["summary"]:
        parts.append('<section class="summary"><h3>Summary</h3><p>'
                     + " ".join(esc(as_sentence(s["text"])) for s in doc["summary"]) + "</p></section>")
    parts.append(_timeline(doc))
    entities = "".join(f'<li><span class="type">{esc(e["type"])}</span>{esc(e["name"])}'
                       f'<span class="count">{esc(e["mentions"])}</span></li>' for e in doc["entities"])
    sources = "".join(f"<li>{esc(s['name'])} <span class=\"cite\">({s['articles']})</span></li>" for s in doc["sources"])
    parts.append('<div class="columns"><section class="entities"><h3>Key entities</h3>'
                 + (f'<ul class="chips">{entities}</ul>' if entities else '<p class="empty">None found.</p>')
                 + '</section><section class="sources"><h3>Sources</h3>'
                 + (f'<ul class="plain">{sources}</ul>' if sources else '<p class="empty">None recorded.</p>')
                 + "</section></div>")
    parts.append(_articles(doc))
    return "".join(parts)


def _page(title: str, body: str, generator: str, exported_at: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{PAGE_CSP}\">"
            "<meta name=\"referrer\" content=\"no-referrer\">"
            f"<meta name=\"generator\" content=\"{esc(generator)}\">"
            f"<title>{esc(title)}</title><style>{CSS}</style></head>\n<body>"
            f"<header class=\"site\"><span class=\"brand\">storyline</span>report exported "
            f"{esc(exported_at[:10])}</header>\n<main>{body}</main>\n"
            f"<footer class=\"site\">Made with {esc(generator)} from a local news archive; "
            "this file needs no server and no network.</footer></body></html>\n")


def to_html(doc: dict[str, Any]) -> str:
    """A single-story report as one self-contained HTML page."""
    body = f'<article class="story" id="story-{esc(doc["id"])}">{_story(doc, "h1")}</article>'
    return _page(one_line(doc["headline"]) + " — storyline", body, doc["generator"], doc["exported_at"])


def _gantt(doc: dict[str, Any], lo: int, hi: int) -> str:
    start, end = _day(doc["start"]), _day(doc["end"])
    if start is None or end is None or hi <= lo:
        return ""
    left = (start - lo) / (hi - lo) * 100
    width = max((end - start) / (hi - lo) * 100, 0.0)
    return (f'<div class="gantt" title="{esc(span(doc["start"], doc["end"]))}">'
            f'<span style="left:{left:.2f}%;width:{width:.2f}%"></span></div>')


def to_html_all(docs: Iterable[dict[str, Any]], title: str = "Stories") -> str:
    """A report of several stories: an index (with each story's span on a shared time axis), then every story."""
    docs = list(docs)
    named = {day: value for doc in reversed(docs) for value in (doc["end"], doc["start"])
             if (day := _day(value)) is not None}
    days = list(named)
    lo, hi = (min(days), max(days)) if days else (0, 0)
    rows = []
    for doc in docs:
        meta = (f"{span(doc['start'], doc['end'])} · {plural(doc['n_articles'], 'article')} · "
                f"{', '.join(language_name(x) for x in doc['languages'])}")
        names = ", ".join(e["name"] for e in doc["entities"][:4])
        rows.append(f'<li><div><a href="#story-{esc(doc["id"])}">{esc(one_line(doc["title"]))}</a>'
                    f'<div class="meta">{esc(meta)}{" · " + esc(names) if names else ""}</div></div>'
                    f"{_gantt(doc, lo, hi)}</li>")
    n_articles = sum(doc["n_articles"] for doc in docs)
    period = span(named[lo], named[hi]) if days else "undated"
    index = (f'<section id="index"><h1>{esc(title)}</h1><p class="facts"><span>{len(docs)} {"story" if len(docs) == 1 else "stories"}</span>'
             f"<span>{plural(n_articles, 'article')}</span><span>{esc(period)}</span></p>"
             + (f'<ol class="story-index">{"".join(rows)}</ol>' if rows else '<p class="empty">No stories yet.</p>')
             + "</section>")
    stories = "".join(f'<section class="story" id="story-{esc(doc["id"])}"><p class="back"><a href="#index">'
                      f'↑ all stories</a></p>{_story(doc, "h2")}</section>' for doc in docs)
    generator = docs[0]["generator"] if docs else "storyline"
    exported = docs[0]["exported_at"] if docs else ""
    return _page(f"{title} — storyline", index + stories, generator, exported)

