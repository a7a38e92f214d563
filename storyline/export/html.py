"""The self-contained HTML report: one file, inline CSS, no script, no outside resource.

Every piece of article text goes through ``html.escape``; links are made only for http(s) URLs.
A Content-Security-Policy in the page forbids scripts and every outside load, should a future
change let something slip through.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from datetime import date
from typing import Any

from .common import (
    also_in,
    alternative_html,
    as_sentence,
    date_parts,
    entry_date,
    language_name,
    one_line,
    plural,
    short_date,
    span,
)
from .document import is_web_url
from .style import CSS

PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
_DATED_WIDTH = 92.0  # percent of the axis for dated entries when undated ones follow
_LANE_GAP = 4.5      # percent: closer dots go up a lane
_LANE_TOPS = (3.6, 1.8, 0.0)  # rem, matching .dot.lane-N in the style sheet
_RULE_TOP = 4.4
_DENSE_SHARE, _DENSE_MIN = 0.95, 8  # the axis spans the shortest part holding 95% of the dated entries (8 or more)
_SLICES = 12         # a twelfth of the axis holding two or more entries is drawn as one pill
_PILL_MARGIN = 0.5   # percent kept free at each side of a pill
_OUTSIDE_W = 5.0     # percent: the pills at the ends counting the entries outside the drawn span


def esc(value: object) -> str:
    """Any value as escaped HTML text (quotes too, so it is safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def _day(value: str | None) -> int | None:
    """A date as a day number for the axis: a month or a year at its first day, so that entries stand in the
    order they are numbered ("2018-06" before "2018-06-12")."""
    parts = date_parts(value)
    if parts is None:
        return None
    year, month, day = parts
    try:
        return date(year, month or 1, day or 1).toordinal()
    except ValueError:
        return None


def _link(text: str, url: object) -> str:
    if not is_web_url(url):
        return esc(text)
    return f'<a href="{esc(str(url).strip())}" rel="noopener noreferrer nofollow">{esc(text)}</a>'


def _entry_anchor(doc: dict[str, Any], n: int) -> str:
    return f"e-{doc['id']}-{n}"


def _window(days: list[int], latest: int) -> tuple[int, int]:
    """The days the axis spans: the densest span (the shortest holding 95% of the dated entries), grown to take in
    every entry within a quarter of its length from its ends (a printed page cannot zoom: only far entries are left
    out; the web app starts at its 80% span), widened to the latest entry while the dense span keeps a quarter of
    the axis; all of them for fewer than 8 entries or when that span is most of the period anyway."""
    days = sorted(days)
    lo, hi = days[0], days[-1]
    if len(days) < _DENSE_MIN:
        return lo, hi
    k = math.ceil(len(days) * _DENSE_SHARE)
    start, end = min(((days[i], days[i + k - 1]) for i in range(len(days) - k + 1)), key=lambda w: (w[1] - w[0], -w[0]))
    grow = True
    while grow:  # take in the entries near its ends: only the far ones are left out
        near = [d for d in days if start - 0.25 * (end - start) <= d <= end + 0.25 * (end - start)]
        grow = (min(near), max(near)) != (start, end)
        start, end = min(near), max(near)
    if end - start >= 0.6 * (hi - lo):
        return lo, hi
    if latest > end and latest - start <= 4 * max(end - start, 1):
        end = latest
    return start, end


def _dot(doc: dict[str, Any], n: int, left: float, lane: int) -> str:
    entry = doc["timeline"][n - 1]
    kinds = " ".join(k for k, on in (("month", entry["precision"] == "month"), ("estimated", entry["estimated"])) if on)
    label = entry_date(entry)
    stem = ""
    if lane:
        bottom = _LANE_TOPS[lane] + 1.6
        stem = (f'<span class="stem" style="left:{left:.2f}%;top:{bottom:.1f}rem;'
                f'height:{_RULE_TOP - bottom:.1f}rem"></span>')
    return (f'{stem}<a class="dot lane-{lane} {kinds}" style="left:{left:.2f}%" '
            f'href="#{esc(_entry_anchor(doc, n))}" title="{esc(label)}">{n}</a>')


def _pill(doc: dict[str, Any], numbers: list[int], left: float, width: float, kind: str = "") -> str:
    """Several entries in one mark: their numbers ("12–41", or the count where the page is narrow)."""
    dates = [entry_date(doc["timeline"][n - 1]) for n in numbers]
    title = f"{plural(len(numbers), 'date')}: " + (f"{dates[0]} – {dates[-1]}" if len(dates) > 1 else dates[0])
    numbers = sorted(numbers)
    if len(numbers) == 1:
        shown = str(numbers[0])
    elif len(numbers) == 2 and numbers[1] - numbers[0] > 1:  # not a run: name both
        shown = ", ".join(map(str, numbers))
    else:
        shown = f"{numbers[0]}–{numbers[-1]}"
    arrow = ("‹ ", "") if "before" in kind else ("", " ›") if "after" in kind else ("", "")
    return (f'<a class="pill {kind}" style="left:{left:.2f}%;width:{width:.2f}%" data-n="{len(numbers)}" '
            f'href="#{esc(_entry_anchor(doc, numbers[0]))}" title="{esc(title)}"><span class="range">'
            f'{arrow[0]}{esc(shown)}{arrow[1]}</span><span class="count">{len(numbers)}</span></a>')


def _axis(doc: dict[str, Any]) -> str:
    """The horizontal visual timeline over the densest span: numbered entries, a pill where entries crowd,
    pills at the ends for entries outside the span, ticks for the dated articles."""
    entries = doc["timeline"]
    # an estimated entry that its content dates sits on the axis at its date; one that nothing dates, at the end
    dated = [(n, d) for n, e in enumerate(entries, 1) if not _date_unknown(e) and (d := _day(e["date"])) is not None]
    values = [e["date"] for e in entries if not e["estimated"]] + [a["published"] for a in doc["articles"]]
    named = {day: value for value in reversed(values) if (day := _day(value)) is not None}  # day -> a date as given
    undated = [n for n, e in enumerate(entries, 1) if _date_unknown(e)]
    if not named and not undated:
        return ""
    width = _DATED_WIDTH if undated else 100.0
    if dated:
        lo, hi = _window([d for _, d in dated], max(d for _, d in dated))
    else:
        lo, hi = (min(named), max(named)) if named else (0, 0)

    before = [n for n, d in dated if d < lo]
    after = [n for n, d in dated if d > hi]
    x0 = _OUTSIDE_W + 2 * _PILL_MARGIN if before else 0.0  # the drawn span lies between the pills at the ends
    x1 = width - _OUTSIDE_W - 2 * _PILL_MARGIN if after else width

    def pos(day: int) -> float:
        return (x0 + x1) / 2 if hi == lo else x0 + (day - lo) / (hi - lo) * (x1 - x0)

    parts = ['<div class="rule"></div>']
    if undated:
        parts.append('<div class="undated-zone"></div>')
    for a in doc["articles"]:
        day = _day(a["published"])
        if day is not None and lo <= day <= hi:
            parts.append(f'<span class="pub" style="left:{pos(day):.2f}%" title="{esc(one_line(a["title"]))}"></span>')
    inside = sorted((pos(d), n) for n, d in dated if lo <= d <= hi)
    # Marks left to right as (left %, right %, html-maker); a slice of the axis holding two or more entries is one
    # pill, so a busy month is one mark ("12–41") instead of a smear of dots.
    step = (x1 - x0) / _SLICES
    slices: dict[int, list[tuple[float, int]]] = {}
    for left, n in inside:
        slices.setdefault(min(int((left - x0) / step), _SLICES - 1) if step else 0, []).append((left, n))
    marks: list[tuple[float, float, Any]] = []
    if before:
        marks.append((0.0, _OUTSIDE_W, lambda lane: _pill(doc, before, 0.0, _OUTSIDE_W, "outside before")))
    for index, items in sorted(slices.items()):
        if len(items) == 1:
            left, n = items[0]
            marks.append((left, left, lambda lane, n=n, left=left: _dot(doc, n, left, lane)))
        else:
            p0, w = x0 + index * step + _PILL_MARGIN, step - 2 * _PILL_MARGIN
            marks.append((p0, p0 + w, lambda lane, p0=p0, w=w, ns=[n for _, n in items]: _pill(doc, ns, p0, w)))
    if after:
        marks.append((width - _OUTSIDE_W, width,
                      lambda lane: _pill(doc, after, width - _OUTSIDE_W, _OUTSIDE_W, "outside after")))
    lanes_last: list[float] = [-100.0] * len(_LANE_TOPS)
    for left, right, make in marks:
        if left != right:  # a pill sits on the axis; a dot before it that is too close went up a lane already
            lanes_last[0] = max(lanes_last[0], right)
            parts.append(make(0))
            continue
        ahead = [x for x, y, _ in marks if x != y and 0 <= x - left < _LANE_GAP]  # a pill just to the right
        free = [i for i, last in enumerate(lanes_last) if left - last >= _LANE_GAP and not (i == 0 and ahead)]
        lane = free[0] if free else min(range(1, len(_LANE_TOPS)), key=lambda i: lanes_last[i])
        lanes_last[lane] = left
        parts.append(make(lane))
    if undated:
        if len(undated) == 1:
            parts.append(_dot(doc, undated[0], 97.0, 0))
        else:
            parts.append(_pill(doc, undated, width + 0.5, 100.0 - width - 0.5, "estimated"))
    if named and hi == lo:
        parts.append(f'<span class="tick middle" style="left:{width / 2:.2f}%">{esc(short_date(named.get(lo, "")))}</span>')
    elif named:
        parts.append(f'<span class="tick" style="left:{x0:.2f}%">{esc(short_date(_named_near(named, lo)))}</span>')
        parts.append(f'<span class="tick" style="left:{x1:.2f}%;transform:translateX(-100%)">'
                     f'{esc(short_date(_named_near(named, hi)))}</span>')
    if undated:
        parts.append('<span class="tick end">undated</span>')
    label = f"Timeline of {len(entries)} dates from {span(doc['start'], doc['end'])}"
    outside = before or after
    legend = ('<p class="legend"><i></i>day <i class="month"></i>month'
              + ('<i class="estimated"></i>estimated date' if any(e["estimated"] for e in entries) else '')
              + '<i class="pub"></i>an article published'
              + ('<i class="pill"></i>several dates' if len(slices) < len(inside) or outside else '')
              + (' · dates far from the rest are counted at the ends' if outside else '') + '</p>')
    return f'<div class="axis" role="img" aria-label="{esc(label)}">{"".join(parts)}</div>{legend}'


def _date_unknown(entry: dict[str, Any]) -> bool:
    """An entry nothing dates (also an estimated one of a document written before estimates had a basis)."""
    return bool(entry["estimated"]) and entry.get("date_unknown", True) is not False


def _named_near(named: dict[int, str], day: int) -> str:
    """The date as given of `day`, or of the nearest day that has one."""
    return named[day] if day in named else named[min(named, key=lambda d: abs(d - day))]


def _timeline(doc: dict[str, Any]) -> str:
    if not doc["timeline"]:
        return '<section class="timeline"><h3>Timeline</h3><p class="empty">No dated entries.</p></section>'
    items = []
    for n, entry in enumerate(doc["timeline"], 1):
        sentences = "".join(
            f'<p>{esc(one_line(s["text"]))} <span class="cite">({esc(", ".join(s["sources"] or s["article_ids"]))})'
            f'</span></p>' + "".join(f'<p class="alt"><span class="also">{esc(also_in(a["lang"]))}:</span> '
                                     f'{alternative_html(a, "cite")}</p>'
                                     for a in s.get("alternatives", []))
            for s in entry["sentences"])
        classes = "entry estimated" if entry["estimated"] else "entry"
        items.append(f'<li id="{esc(_entry_anchor(doc, n))}" class="{classes}"><div class="when"><span class="num">{n}'
                     f'</span><time datetime="{esc(entry["date"])}">'
                     f'{esc(entry_date(entry))}</time>'
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
    entities = "".join(f'<li><span class="type">{esc(e["type"])}</span>{esc(e.get("label") or e["name"])}'
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
        names = ", ".join(e.get("label") or e["name"] for e in doc["entities"][:4])
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

