"""Time expressions in Dutch, English and German, found and normalised against the publication date.

`extract_time_mentions` finds dates, ranges, weekdays, relative expressions, times, durations and sets
and resolves them to TIMEX-like values relative to the article's publication date, which may be known
to the day, the month, the year or not at all. An expression that needs more of the publication date
than is known stays unresolved, with the reason.

>>> [(m.text, m.value) for m in extract_time_mentions("De top op 12 juni werd zaterdag afgeblazen.", "nl", "2018-05")]
[('12 juni', '2018-06-12'), ('zaterdag', 'XXXX-WXX-6')]
>>> extract_time_mentions("De top werd zaterdag afgeblazen.", "nl", "2018-05")[0].reason
'weekday needs a publication day, article dated only to the month'
>>> [(m.text, m.value, m.modifier) for m in extract_time_mentions("Eind april sprak hij Kim.", "nl", "2018-05-30")]
[('Eind april', '2018-04', 'end')]
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..models import TimeMention
from .timex_grammar import Cand, Grammar, grammar
from .timex_lexicon import LEXICONS, Lexicon
from .timex_resolve import (
    LEVELS,
    Ref,
    add_months,
    holiday,
    iso_week,
    nearest_year,
    reference,
    shift,
    unit_start,
    week_day,
    weekday_near,
)

__all__ = ["extract_time_mentions", "reference"]

_SENTENCE_END = re.compile(r"[.!?\n]")
_MOD_ANY = {"before", "after", "since", "until"}


def extract_time_mentions(text: str, lang: str, published: str | None, precision: str | None = None) -> list[TimeMention]:
    """Time expressions of `text` in `lang`, resolved against the publication date `published` (stored form).

    >>> [(m.text, m.value, m.kind) for m in extract_time_mentions("Two days ago he left. At 3 pm.", "en", "2018-06-14")]
    [('Two days ago', '2018-06-12', 'date'), ('At 3 pm', 'T15:00', 'time')]
    """
    if not text:
        return []
    g = grammar(lang)
    ref = reference(published, precision)
    cands = _select(_candidates(text, g), len(text))
    for c in cands:
        _modifiers(c, text, g, fuzzy_only=True)
    cands = _combine(cands, text, g)
    if "date" in text or "heden" in text or "toe" in text or "heute" in text or "dato" in text:
        cands = sorted(cands + _to_date(text, cands), key=lambda c: c.start)
    mentions = []
    for c in cands:
        _modifiers(c, text, g)
        mentions.append(_finish(c, text, g, ref))
    return mentions


# -- finding ----------------------------------------------------------------------------------------


def _candidates(text: str, g: Grammar) -> list[Cand]:
    """Every pattern's matches, searched only near the trigger words its matches contain (a digit, a month …)."""
    windows = _windows(text, g)
    found = []
    for (pattern, handler), needs in zip(g.patterns, g.needs, strict=True):
        spans = windows.get(needs)
        if spans is None:
            spans = windows[needs] = _merge(sorted(s for code in needs for s in windows.get(code, ())))
        for start, end in spans:
            for m in pattern.finditer(text, start, end):
                c = handler(m, g, text)
                if c is not None:
                    found.append(c)
    return found


# How far from a trigger of each kind a match can start (before) and end (after), in characters.
_REACH = {"d": (18, 32), "m": (32, 56), "w": (24, 32), "u": (40, 24), "r": (16, 24), "h": (32, 40), "s": (20, 16),
          "e": (8, 8), "p": (24, 8), "x": (24, 40)}
_WORD = re.compile(r"\d+|[^\W\d_]+")


def _windows(text: str, g: Grammar) -> dict[str, list[tuple[int, int]]]:
    """Stretches of text around the trigger words, per kind of trigger; most of a news text is never scanned."""
    spans: dict[str, list[tuple[int, int]]] = {}
    size = len(text)
    kinds = g.trigger_kinds
    for m in _WORD.finditer(text):
        word = m.group(0)
        codes = "d" if word[0].isdigit() else kinds.get(word.lower())
        if not codes:
            continue
        for code in codes:
            before, after = _REACH[code]
            start, end = max(0, m.start() - before), min(size, m.end() + after)
            while end < size and (text[end].isalnum() or text[end] in "'’-"):
                end += 1  # never cut a word: a pattern's (?!\w) would succeed at the cut
            spans.setdefault(code, []).append((start, end))
    return {code: _merge(found) for code, found in spans.items()}


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _select(cands: list[Cand], size: int) -> list[Cand]:
    """The longest candidates that do not overlap (higher rank first among equals), in text order."""
    cands.sort(key=lambda c: (-(c.end - c.start), -c.rank, c.start))
    taken = bytearray(size + 1)
    chosen = []
    for c in cands:
        if any(taken[c.start:c.end]):
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _is_abs(c: Cand) -> bool:
    return c.kind == "date" and c.rel is None and c.span is None and c.weekday is None and c.value is None \
        and c.holiday is None and not c.parts and (c.m is not None or c.y is not None or c.d is not None)


def _combine(cands: list[Cand], text: str, g: Grammar) -> list[Cand]:
    """Merge neighbours: weekday + date, date + time, ranges, "twee dagen na vandaag", "9 tot 12 juni"."""
    lex = g.lex
    sep = re.compile(rf"\s*(?:{lex.range_sep})\s*(?:(?:{lex.det})\s+)?", re.I)
    and_sep = re.compile(rf"\s*(?:{lex.and_sep})\s*(?:(?:{lex.det})\s+)?", re.I)
    starter = re.compile(rf"(?:{lex.range_start})\s+(?:(?:{lex.det})\s+)?$", re.I)
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        gap = text[c.end:nxt.start] if nxt else ""
        before = text[max(out[-1].end if out else 0, c.start - 30):c.start]
        pre = starter.search(before)
        if nxt and c.weekday is not None and _is_abs(nxt) and nxt.d and re.fullmatch(r"\s*,?\s*", gap):
            nxt.start = c.start  # "dinsdag 9 mei"
            i += 1
            continue
        if nxt and c.kind == "date" and nxt.kind == "time" and _is_day(c) and c.holiday is None and \
                re.fullmatch(r"\s*(?:,|om|at|um|-|,\s*om|,\s*at)?\s*", gap, re.I):
            out.append(Cand(c.start, nxt.end, kind="time", parts=[c, nxt], precision="time", rank=5))
            i += 2
            continue
        span_for = nxt and c.kind == "duration" and re.search(r"\b(?:for|voor|gedurende|für)\s+$",
                                                               text[max(0, c.start - 12):c.start], re.I)
        if nxt and c.kind == "duration" and nxt.kind == "date" and not span_for and re.fullmatch(
                r"\s*(?:na|voor|vanaf|after|before|from|nach|vor|later\s+dan|(?:gerekend|te\s+rekenen)\s+vanaf|"
                r"counting\s+from)\s*", gap, re.I):
            unit, n = _duration_parts(c.value or "")
            if unit:
                sign = -1 if gap.strip().lower() in ("voor", "before", "vor") else 1
                out.append(Cand(c.start, nxt.end, parts=[nxt], rel=(unit, sign * n), what="relative date",
                                precision="day", rank=5))
                i += 2
                continue
        if nxt and c.kind == "duration" and nxt.kind == "date" and _is_day(nxt) and (
                re.fullmatch(r",?\s*(?:starting|beginning|commencing|beginnend|startend|beginnende|ab)(?:\s+(?:from|on|op|vanaf))?\s*",
                             gap, re.I) or re.fullmatch(r",?\s*(?:from|vanaf|van)\s*", gap, re.I) and re.search(
                    r"\b(?:for|voor|gedurende|für)\s+$", text[max(0, c.start - 12):c.start], re.I)):
            unit, n = _duration_parts(c.value or "")
            if unit:
                end = Cand(nxt.end, nxt.end, parts=[nxt], rel=(unit, n), what="relative date", precision="day")
                out.append(Cand(c.start, nxt.end, parts=[nxt, end], precision="day", rank=5))
                i += 2
                continue
        joined = nxt and (sep.fullmatch(gap) or pre and and_sep.fullmatch(gap))
        if joined and c.kind == nxt.kind and c.kind in ("date", "time") and not c.parts and not nxt.parts:
            start = c.start - len(before) + pre.start() if pre else c.start
            ends = f"{c.modifier or ''}/{nxt.modifier or ''}" if c.modifier or nxt.modifier else None
            out.append(Cand(start, nxt.end, kind=c.kind, parts=[c, nxt], precision=c.precision, rank=5,
                            modifier=ends))
            i += 2
            continue
        if c.kind == "date" and (now := _now_range(c, before, text, g)) is not None:
            out.append(now)
            i += 1
            continue
        lead = _leading_part(c, before, g)
        if lead is not None:
            if lead.parts and lead.parts[0].kind == "date" and lead.qual == "pair":
                out.extend(lead.parts)
            else:
                out.append(lead)
            i += 1
            continue
        trail = _trailing_part(c, text, g, nxt)
        if trail is not None:
            out.append(trail)
            i += 1
            continue
        out.append(c)
        i += 1
    return out


_NOW = r"(?:nu|heden|op\s+heden|now|today|(?:the\s+)?(?:current\s+)?date|heute|jetzt)"


def _now_range(c: Cand, before: str, text: str, g: Grammar) -> Cand | None:
    """ "tussen nu en 15 november", "between Jan 2019 and now", "van maart tot op heden"."""
    lex = g.lex
    if m := re.search(rf"(?:{lex.range_start})\s+{_NOW}\s+(?:{lex.and_sep}|{lex.range_sep})\s+(?:(?:{lex.det})\s+)?$",
                      before, re.I):
        start = c.start - len(before) + m.start()
        now = Cand(start, start, rel=("D", 0.0), need="day", what="now")
        return Cand(start, c.end, parts=[now, c], rank=5)
    after = text[c.end:c.end + 20]
    if (m := re.match(rf"\s*(?:{lex.and_sep}|{lex.range_sep})\s+{_NOW}(?!\w)(?!\s+(?:on|toe)\b)", after, re.I)) \
            and (p := re.search(rf"(?:{lex.range_start})\s+$", before, re.I)):
        start = c.start - len(before) + p.start()
        now = Cand(c.end + m.end(), c.end + m.end(), rel=("D", 0.0), need="day", what="now")
        return Cand(start, c.end + m.end(), parts=[c, now], rank=5)
    return None


_TO_DATE = re.compile(r"(?<!\w)(?:(?P<y>(?:the\s+)?year|het\s+jaar|jaar)\s+)?(?:to\s+date|till\s+date|tot\s+op\s+heden|"
                      r"tot\s+nu\s+toe|bis\s+heute|bis\s+dato)(?!\w)", re.I)


def _to_date(text: str, taken: list[Cand]) -> list[Cand]:
    """ "tot op heden", "to date", "year to date": up to the publication day."""
    found = []
    for m in _TO_DATE.finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in taken):
            continue
        if m["y"]:
            start = m.start()
            this_year = Cand(start, start, rel=("Y", 0.0), need="year", what="this year", precision="year")
            now = Cand(m.end(), m.end(), rel=("D", 0.0), need="day", what="to date")
            found.append(Cand(m.start(), m.end(), parts=[this_year, now], rank=5))
        else:
            found.append(Cand(m.start(), m.end(), rel=("D", 0.0), need="day", what="to date", modifier="until",
                              precision="day"))
    return found


def _is_day(c: Cand) -> bool:
    return not c.parts and c.span is None and (c.d is not None or c.weekday is not None or c.holiday is not None
                                                or (c.rel is not None and c.rel[0] == "D"))


def _leading_part(c: Cand, before: str, g: Grammar) -> Cand | None:
    """ "9 tot 12 juni", "tussen 3 en 4 uur": a bare number before a range end takes that end's month or half-day."""
    if not (_is_abs(c) and c.m) and c.kind != "time":
        return None
    lex = g.lex
    m = None if c.kind == "date" and not c.d else re.search(rf"(?:(?P<pre>{lex.range_start})\s+(?:(?:{lex.det})\s+)?)?(?<![\w.,:/-])(?P<d>\d{{1,2}}|{g.ordw})"
                  rf"{lex.day_suffix}\s*(?P<sep>{lex.range_sep}|{lex.and_sep})\s*(?:(?:{lex.det})\s+)?$", before, re.I)
    if not m and _is_abs(c) and c.m:
        m = re.search(rf"(?:(?P<pre>{lex.range_start})\s+)?(?<!\w)(?P<mon>{g.mon})\s*(?P<sep>{lex.range_sep})\s*$",
                      before, re.I)
        if m:
            start = c.start - len(before) + m.start()
            a = Cand(start, start, y=None, m=g.month(m["mon"]))
            return Cand(start, c.end, parts=[a, c], rank=5)
    if not m:
        return None
    pair = re.fullmatch(lex.and_sep, m["sep"], re.I) and not m["pre"]
    if pair and c.kind == "time":
        return None
    start = c.start - len(before) + m.start()
    if c.kind == "time":
        h = g.number(m["d"])
        if h is None or not 0 <= h <= 24 or c.hm is None:
            return None
        h = int(h) + (12 if c.hm[0] >= 12 and h < 12 and c.ampm in ("pm",) else 0)
        a = Cand(start, start, kind="time", hm=(h, 0), precision="time")
        return Cand(start, c.end, kind="time", parts=[a, c], precision="time", rank=5)
    d = g.day(m["d"])
    if d is None:
        return None
    if pair:  # "18 en 19 juni": two days, not a range
        a = Cand(start, start + len(m["d"]) + (len(m.group(0)) - len(m.group(0).lstrip()) if False else 0), y=c.y, m=c.m,
                 d=d)
        a.end = start + m.end("d") - m.start() + len(re.match(rf"{lex.day_suffix}", before[m.end("d"):]).group(0))
        return Cand(start, c.end, parts=[a, c], qual="pair")
    a = Cand(start, start, y=c.y, m=c.m, d=d)
    return Cand(start, c.end, parts=[a, c], rank=5)


def _trailing_part(c: Cand, text: str, g: Grammar, nxt: Cand | None) -> Cand | None:
    """ "november 18-19", "april ninth through seventeenth": a bare day after a date ends the range."""
    if not (_is_abs(c) and c.m and c.d):
        return None
    lex = g.lex
    limit = nxt.start if nxt else len(text)
    m = re.match(rf"\s*(?:{lex.range_sep}|{lex.and_sep})\s*(?:(?:{lex.det})\s+)?(?P<d>\d{{1,2}}|{g.ordw})"
                 rf"(?:st|nd|rd|th|e|ste|de)?(?![\w.:/-])(?!\s*(?:{g.mon}|{g.unit}))", text[c.end:limit], re.I)
    if not m:
        return None
    d = g.day(m["d"])
    if d is None or d <= c.d:
        return None
    b = Cand(c.end + m.end(), c.end + m.end(), y=c.y, m=c.m, d=d)
    return Cand(c.start, c.end + m.end(), parts=[c, b], rank=5)


def _duration_parts(value: str) -> tuple[str | None, float]:
    m = re.fullmatch(r"P([\d.]+)([DWMY])", value)
    return (m[2], float(m[1])) if m else (None, 0.0)


def _modifiers(c: Cand, text: str, g: Grammar, fuzzy_only: bool = False) -> None:
    """Modifiers in front ("eind april", "begin 2019", "voor 2010", "since May") or behind ("2018 of later").

    The first pass (`fuzzy_only`) attaches begin/mid/end, so that ranges can be built from "het einde van maart";
    the second attaches before/after/since/until, also around a begin/mid/end ("na half mei": after-mid).
    """
    if c.kind != "date":
        return
    before = text[max(0, c.start - 30):c.start]
    if c.modifier in ("start", "mid", "end"):
        if (o := _MOD_RE[g.lex.lang].search(before)) and (k2 := g.lex.mods[_norm(o["mod"])]) in _MOD_ANY:
            c.modifier = f"{k2}-{c.modifier}"
            c.start = c.start - len(before) + o.start()
        return
    if c.modifier is not None or c.qual == "weekof":
        return
    if (w := _WEEK_OF.search(before)) and _is_abs(c) and c.d:
        c.qual = "weekof"
        c.start = c.start - len(before) + w.start()
        return
    coarse = c.d is None and c.weekday is None and c.holiday is None and not (c.rel and c.rel[0] == "D") \
        and c.span is None and not c.parts
    if m := _MOD_RE[g.lex.lang].search(before):
        word = _norm(m["mod"])
        kind = g.lex.mods[word]
        wanted = kind not in _MOD_ANY and coarse if fuzzy_only else kind in _MOD_ANY
        if word == "voor" and not (_is_abs(c) or c.value or c.holiday):
            wanted = False  # Dutch "voor volgende week" is "for next week" more often than "before"
        if wanted:
            c.modifier = kind
            c.start = c.start - len(before) + m.start()
            return
    if fuzzy_only:
        return
    if t := re.match(r"\s*(?:of|en|or|and|oder|und)\s+(?:later|daarna|after|hoger|higher|thereafter|danach|später)\b",
                     text[c.end:c.end + 20], re.I):
        c.modifier = "since"
        c.end += t.end()


def _norm(word: str) -> str:
    return " ".join(word.lower().split())


_WEEK_OF = re.compile(r"(?:^|(?<=\s))(?:w/c|(?:(?:de|the|die)\s+)?(?:week|woche)\s+(?:van|of|vom|beginnend(?:\s+op)?|"
                      r"startend(?:\s+op)?|aanvangend(?:\s+op)?|commencing|starting(?:\s+on)?|beginning))\s+$", re.I)


def _mod_alternation(lex: Lexicon) -> str:
    words = sorted(lex.mods, key=len, reverse=True)
    return "|".join(re.escape(w.rstrip("-")).replace(r"\ ", r"\s+") for w in words)


_MOD_RE = {lang: re.compile(rf"(?:^|(?<=[\s(]))(?P<mod>{_mod_alternation(lex)})(?:\s+|-)$", re.I)
           for lang, lex in LEXICONS.items()}


# -- resolving --------------------------------------------------------------------------------------


def _tense(text: str, c: Cand, g: Grammar) -> int:
    """+1 when the sentence around the expression looks ahead, -1 when it looks back, 0 when it has no cue."""
    if c.qual in ("next", "upcoming"):
        return 1
    left = max(0, c.start - 160)
    ends = list(_SENTENCE_END.finditer(text, left, c.start))
    left = ends[-1].end() if ends else left
    stop = _SENTENCE_END.search(text, c.end)
    right = min(stop.start() if stop else len(text), c.end + 160)
    window = text[left:c.start] + " " + text[c.end:right]
    if g.lex.future_cues.search(window):
        return 1
    if g.lex.past_cues is not None and g.lex.past_cues.search(window):
        return -1
    return 0


def _finish(c: Cand, text: str, g: Grammar, ref: Ref) -> TimeMention:
    try:
        value, precision, reason = _resolve(c, text, g, ref)
    except (ValueError, OverflowError) as exc:  # a year beyond the calendar, "31 februari" in a range …
        value, precision, reason = "XXXX-XX-XX", c.precision, f"cannot be placed in the calendar ({exc})"
    kind = c.kind
    if kind == "date" and value and ("T" in value):
        kind = "time"
    return TimeMention(text=text[c.start:c.end], start=c.start, end=c.end, value=value,
                       precision=precision if kind not in ("duration", "set") else None,
                       modifier=c.modifier, resolved=reason is None, kind=kind, reason=reason)


def _resolve(c: Cand, text: str, g: Grammar, ref: Ref) -> tuple[str, str | None, str | None]:
    """(value, precision, reason-if-unresolved) of a candidate."""
    if c.kind in ("duration", "set"):
        return c.value or "", None, None
    if c.kind == "time":
        return _resolve_time(c, text, g, ref)
    if c.parts and c.rel is not None:  # "twee dagen na vandaag"
        base, precision, reason = _resolve(c.parts[0], text, g, ref)
        if reason or len(base) != 10:
            return base, precision, reason or "the anchor of the shift is not a day"
        return shift(date.fromisoformat(base), c.rel[0], c.rel[1]).isoformat(), "day", None
    if c.parts:
        return _resolve_range(c, text, g, ref)
    if c.weekday is not None:
        return _resolve_weekday(c, text, g, ref)
    if c.holiday is not None:
        return _resolve_holiday(c, text, g, ref)
    if c.span is not None:
        return _resolve_span(c, ref)
    if c.rel is not None:
        return _resolve_relative(c, ref)
    if c.value is not None:
        return _resolve_fixed(c, text, g, ref)
    return _resolve_abs(c, text, g, ref)


def _resolve_abs(c: Cand, text: str, g: Grammar, ref: Ref) -> tuple[str, str | None, str | None]:
    y, m, d = c.y, c.m, c.d
    precision = "day" if d else "month" if m else "year"
    if m is None and d is not None:  # "de 5e": the nearest month
        if ref.day is None or ref.precision not in ("day",):
            return f"XXXX-XX-{d:02d}", "day", ref.lacks("day", "day of the month") or "day of the month needs a day"
        tense = _tense(text, c, g)
        best = min((add_months(ref.day.replace(day=1), k) for k in (-1, 0, 1)),
                   key=lambda first: abs((first.replace(day=min(d, 28)) - ref.day).days)
                   + (400 if tense < 0 and first.replace(day=min(d, 28)) > ref.day + timedelta(days=3) else 0))
        y, m = best.year, best.month
    if y is None:
        if ref.day is None:
            return _partial(None, m, d), precision, "date without a year needs a publication date, article has none"
        tense = _tense(text, c, g)
        y = ref.day.year if ref.precision == "year" else nearest_year(m or 1, d, ref.day, tense)
        if c.qual in ("this",):
            y = ref.day.year
        elif c.qual in ("next", "upcoming"):
            y = ref.day.year + (1 if (m or 1, d or 1) <= (ref.day.month, ref.day.day) else 0)
        elif c.qual in ("past", "recent"):
            y = ref.day.year - (1 if (m or 1, d or 31) >= (ref.day.month, ref.day.day) else 0)
    value = _partial(y, m, d)
    if c.qual == "weekof" and d:
        try:
            return iso_week(date(y, m or 1, d)), "week", None
        except ValueError:
            pass
    if d:
        try:
            date(y, m or 1, d)
        except ValueError:
            return _partial(c.y, m, d), precision, f"{value} is not a calendar date"
    return value, precision, None


def _partial(y: int | None, m: int | None, d: int | None) -> str:
    ys = f"{y:04d}" if y is not None else "XXXX"
    if m is None:
        return ys
    return f"{ys}-{m:02d}" + (f"-{d:02d}" if d else "")


def _resolve_fixed(c: Cand, text: str, g: Grammar, ref: Ref) -> tuple[str, str | None, str | None]:
    value = c.value or ""
    precision = c.precision or "year"
    if c.qual == "anaphoric":
        return value, precision, c.what
    if c.value and c.value.startswith(("FY", "SY")) and c.y:
        return c.value, precision, None
    if value.startswith("XX"):  # a decade without a century: "de jaren '90"
        if ref.day is None:
            return value, precision, "decade without a century needs a publication date, article has none"
        decade = int(value[2])
        century = ref.day.year // 100 * 100
        start = century + decade * 10
        if start > ref.day.year:
            start -= 100
        return f"{start // 10:03d}X", precision, None
    if "/" in value or re.fullmatch(r"\d{3}X|\d{2}XX", value):
        return value, precision, None
    y = c.y
    if y is None:
        if ref.day is None:
            return f"XXXX-{value}", precision, f"{c.what} without a year needs a publication date, article has none"
        y = ref.day.year
        if c.qual in ("past", "recent"):
            y -= 1
        elif c.qual == "next":
            y += 1
    if value.startswith("PART"):  # the first/last N days, weeks, months or quarters of a year
        return _part_of_year(y, value), "day", None
    if value.startswith("NW"):  # nth week of a month or year
        return _nth_week(y, c.m, int(value[2:])), "week", None
    if value.startswith("W"):
        return f"{y:04d}-{value}", "week", None
    return f"{y:04d}-{value}", precision, None


def _part_of_year(y: int, value: str) -> str:
    first, unit, n = value[4] == "F", value[5], int(value[6:])
    if unit == "W":  # whole ISO weeks
        if first:
            a = date.fromisocalendar(y, 1, 1)
            return f"{a.isoformat()}/{(a + timedelta(weeks=n)).isoformat()}"
        b = date.fromisocalendar(y, date(y, 12, 28).isocalendar()[1], 1) + timedelta(weeks=1)
        return f"{(b - timedelta(weeks=n)).isoformat()}/{b.isoformat()}"
    if first:
        a = date(y, 1, 1)
        return f"{a.isoformat()}/{shift(a, unit, n).isoformat()}"
    b = date(y + 1, 1, 1)
    return f"{shift(b, unit, -n).isoformat()}/{b.isoformat()}"


def _nth_week(y: int, month: int | None, n: int) -> str:
    """The n-th (or last, n = -1) week of a month or year; a week belongs where its Thursday falls."""
    if month is None:
        if n > 0:
            return f"{y:04d}-W{n:02d}"
        return iso_week(date(y, 12, 28))
    thursdays = [d for d in (date(y, month, 1) + timedelta(days=k) for k in range(31))
                 if d.month == month and d.isoweekday() == 4]
    thursday = thursdays[n - 1] if 0 < n <= len(thursdays) else thursdays[-1]
    return iso_week(thursday)


def _resolve_relative(c: Cand, ref: Ref) -> tuple[str, str | None, str | None]:
    unit, n = c.rel or ("D", 0.0)
    need = c.need or "day"
    if need == "shift":
        return _resolve_shift(c, ref)
    reason = ref.lacks("day" if need == "week" else need, c.what)
    if reason or ref.day is None:
        return _unresolved_value(c), c.precision or "day", reason
    d = ref.day
    if unit == "D":
        return (d + timedelta(days=int(n))).isoformat(), "day", None
    if unit == "W":
        return iso_week(d + timedelta(weeks=int(n))), "week", None
    if unit == "FN":  # a fortnight: two weeks from a Monday
        monday = d - timedelta(days=d.isoweekday() - 1) + timedelta(weeks=2 * int(n))
        return f"{monday.isoformat()}/{(monday + timedelta(weeks=2)).isoformat()}", "day", None
    if unit == "WE":
        return iso_week(d + timedelta(weeks=int(n))) + "-WE", "week", None
    if unit == "M":
        moved = add_months(d, int(n))
        if c.d:  # "de 15e van volgende maand"
            value = f"{moved.year:04d}-{moved.month:02d}-{c.d:02d}"
            return (value, "day", None) if unit_start(value) else (value, "day", f"{value} is not a calendar date")
        return f"{moved.year:04d}-{moved.month:02d}", "month", None
    if unit == "Q":
        q = (d.month - 1) // 3 + int(n)
        y, q = d.year + q // 4, q % 4
        return f"{y:04d}-Q{q + 1}", "month", None
    if unit == "DEC":
        return f"{(d.year // 10 + int(n)):03d}X", "year", None
    if unit == "C":
        return f"{(d.year // 100 + int(n)):02d}XX", "year", None
    return f"{c.value or ''}{d.year + int(n):04d}", "year", None


def _resolve_shift(c: Cand, ref: Ref) -> tuple[str, str | None, str | None]:
    unit, n = c.rel or ("D", 0.0)
    if ref.day is None or ref.precision is None:
        return "XXXX-XX-XX", "day", f"{c.what} needs a publication date, article has none"
    if unit in ("H", "MIN", "S"):
        unit, n = "D", 0.0
    if ref.precision == "day":
        return shift(ref.day, unit, n).isoformat(), "day", None
    unit_level = {"D": "day", "W": "day", "FN": "day", "M": "month", "Q": "month"}.get(unit, "year")
    if LEVELS[unit_level] <= LEVELS[ref.precision]:
        moved = shift(ref.day, unit, n)
        if ref.precision == "month":
            return f"{moved.year:04d}-{moved.month:02d}", "month", None
        return f"{moved.year:04d}", "year", None
    return "XXXX-XX-XX", "day", ref.lacks("day", c.what)


def _unresolved_value(c: Cand) -> str:
    unit = c.rel[0] if c.rel else "D"
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(unit, "XXXX")


def _resolve_span(c: Cand, ref: Ref) -> tuple[str, str | None, str | None]:
    unit, n, direction = c.span or ("D", 0.0, "next")
    reason = ref.lacks(c.need or "day", c.what)
    if reason or ref.day is None:
        return "XXXX-XX-XX/XXXX-XX-XX", "day", reason
    d = ref.day
    if unit == "Q":  # whole quarters
        first = date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
        if direction == "past":
            a, b = shift(first, "Q", -n), first
        else:
            a = shift(first, "Q", 1)
            b = shift(a, "Q", n)
        return f"{a.isoformat()}/{b.isoformat()}", "day", None
    if direction == "next":
        a = d + timedelta(days=1)
        b = shift(a, unit, n)
    elif direction == "within":
        a, b = d, shift(d, unit, n)
    else:
        a, b = shift(d, unit, -n), d
    if ref.precision != "day":
        return f"{a:%Y-%m}/{b:%Y-%m}", "month", None
    return f"{a.isoformat()}/{b.isoformat()}", "day", None


def _resolve_weekday(c: Cand, text: str, g: Grammar, ref: Ref) -> tuple[str, str | None, str | None]:
    w = c.weekday or 1
    reason = ref.lacks("day", "weekday")
    if reason or ref.day is None:
        return f"XXXX-WXX-{w}", "day", reason
    d = ref.day
    q = c.qual
    if q and q.startswith("week:"):
        return week_day(d, int(q[5:]), w).isoformat(), "day", None
    if c.d:  # "maandag 21": the nearest month where the 21st is a Monday
        tense = _tense(text, c, g)
        for k in sorted(range(-14, 15), key=lambda k: (abs(k) + (0.5 if (k > 0) == (tense < 0) else 0))):
            first = add_months(d.replace(day=1), k)
            try:
                day = first.replace(day=c.d)
            except ValueError:
                continue
            if day.isoweekday() == w:
                return day.isoformat(), "day", None
        return f"XXXX-WXX-{w}", "day", f"no month near the publication date has a {c.d} on that weekday"
    if q == "next":
        return week_day(d, 1, w).isoformat(), "day", None
    if q == "past":
        return week_day(d, -1, w).isoformat(), "day", None
    if q == "recent":
        return weekday_near(d, w, -1, strict=True).isoformat(), "day", None
    if q == "upcoming":
        return weekday_near(d, w, 1, strict=True).isoformat(), "day", None
    if q == "this":
        return week_day(d, 0, w).isoformat(), "day", None
    direction = 1 if _tense(text, c, g) > 0 else -1  # without a cue, news looks back
    return weekday_near(d, w, direction).isoformat(), "day", None


def _resolve_holiday(c: Cand, text: str, g: Grammar, ref: Ref) -> tuple[str, str | None, str | None]:
    value, precision, reason = _resolve_holiday_day(c, text, g, ref)
    if c.qual != "weekend" or reason:
        return value, precision, reason
    d = date.fromisoformat(value)  # the long weekend around the holiday
    w = d.isoweekday()
    a = d - timedelta(days=2) if w == 1 else d - timedelta(days=1) if w == 7 else d if w >= 4 else \
        d + timedelta(days=6 - w)
    b = d + timedelta(days=1) if w in (1, 7) else weekday_near(a, 1, 1, strict=True)
    return f"{a.isoformat()}/{b.isoformat()}", "day", None


def _resolve_holiday_day(c: Cand, text: str, g: Grammar, ref: Ref) -> tuple[str, str | None, str | None]:
    spec = c.holiday or ""
    if c.y is not None:
        return holiday(spec, c.y).isoformat(), "day", None
    reason = ref.lacks("month", "holiday without a year")
    if reason or ref.day is None:
        return "XXXX-XX-XX", "day", reason
    d = ref.day
    options = [holiday(spec, y) for y in (d.year - 1, d.year, d.year + 1)]
    if c.qual in ("past", "recent"):
        return max(o for o in options if o < d).isoformat(), "day", None
    if c.qual in ("next", "upcoming"):
        return min(o for o in options if o > d).isoformat(), "day", None
    if c.qual == "this":
        return holiday(spec, d.year).isoformat(), "day", None
    tense = _tense(text, c, g)
    # the nearest occurrence; the tense only breaks near-ties ("2 weken voor Kerst" in November is this Christmas)
    best = min(options, key=lambda o: abs((o - d).days) + (60 if (o > d) == (tense < 0) and o != d else 0))
    return best.isoformat(), "day", None


def _resolve_range(c: Cand, text: str, g: Grammar, ref: Ref) -> tuple[str, str | None, str | None]:
    a, b = c.parts
    if _is_abs(a) and _is_abs(b):
        if a.m is None and a.d is not None and b.m is not None:
            a.m = b.m
        if a.y is None and b.y is not None and a.m is not None and a.qual is None:
            a.y = b.y - (1 if (a.m, a.d or 1) > (b.m or 1, b.d or 1) else 0)
        if a.y is None and b.y is None and a.m is not None and b.m is not None and a.qual is None and ref.day:
            a.y = _nearest_range_year(a, b, ref.day)
            b.y = a.y + (1 if (b.m, b.d or 1) < (a.m, a.d or 1) else 0)
        if a.y is None and b.y is None and a.m is not None and b.m is not None:
            va, pa, ra = _resolve_abs(a, text, g, ref)
            if ra:
                return f"{va}/{_partial(None, b.m, b.d)}", pa, ra
            b.y = int(va[:4]) + (1 if (b.m, b.d or 1) < (a.m, a.d or 1) else 0)
        if b.y is None and a.y is None and a.qual and b.m is not None:
            va, _, ra = _resolve_abs(a, text, g, ref)
            if not ra:
                a.y = int(va[:4])
        if b.y is None and a.y is not None and b.m is not None:
            b.y = a.y + (1 if (b.m, b.d or 1) < (a.m or 1, a.d or 1) else 0)
    if _is_abs(a) and a.y is None and a.m and not _is_abs(b):  # "van maart tot op heden": the start precedes the end
        vb, _, rb = _resolve(b, text, g, ref)
        if not rb and re.match(r"\d{4}-\d{2}", vb):
            a.y = int(vb[:4]) - (1 if (a.m, a.d or 1) > (int(vb[5:7]), int(vb[8:10] or 1) if len(vb) >= 10 else 1) else 0)
    va, pa, ra = _resolve(a, text, g, ref)
    if b.weekday is not None and b.qual is None and not b.d and len(va) == 10 and not ra:
        start = date.fromisoformat(va)
        vb, rb = weekday_near(start, b.weekday, 1).isoformat(), None
    else:
        vb, pb, rb = _resolve(b, text, g, ref)
    return f"{va}/{vb}", pa if c.kind != "time" else "time", ra or rb


def _nearest_range_year(a: Cand, b: Cand, ref: date) -> int:
    """The year for a range of months or days without one: the range that holds or comes nearest the reference."""
    def gap(year: int) -> int:
        wraps = (b.m or 1, b.d or 1) < (a.m or 1, a.d or 1)
        first = date(year, a.m or 1, min(a.d or 1, 28))
        last = add_months(date(year + wraps, b.m or 1, 1), 1) if not b.d else date(year + wraps, b.m or 1, min(b.d, 28))
        return 0 if first <= ref <= last else min(abs((first - ref).days), abs((last - ref).days))
    return min((ref.year - 1, ref.year, ref.year + 1), key=lambda y: (gap(y), -y))


def _resolve_time(c: Cand, text: str, g: Grammar, ref: Ref) -> tuple[str, str | None, str | None]:
    if c.parts and c.parts[0].kind == "date":  # date + time
        vd, _, rd = _resolve(c.parts[0], text, g, ref)
        vt, _, _ = _resolve(c.parts[1], text, g, ref)
        return f"{vd}{vt}", "time", rd
    if c.parts:  # a range of times
        va, _, _ = _resolve(c.parts[0], text, g, ref)
        vb, _, _ = _resolve(c.parts[1], text, g, ref)
        return f"{va}/{vb}", "time", None
    h, mi = c.hm or (0, 0)
    return f"T{h:02d}:{mi:02d}", "time", None
