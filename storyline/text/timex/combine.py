"""Finding time-expression candidates and joining them: windows around triggers, ranges, modifiers."""

from __future__ import annotations

import calendar
import re

from ..guard import ODD
from .grammar import Cand, Grammar
from .lexicon import LEXICONS, Lexicon

MOD_ANY = {"before", "after", "since", "until"}


def find_candidates(text: str, g: Grammar) -> list[Cand]:
    """Every pattern's matches, searched only near the trigger words its matches contain (a digit, a month …)."""
    windows = _windows(text, g)
    found: list[Cand] = []
    # the lower-cased text, for the patterns' pre-checks (`required.py`); none for a text with "İ", "ı" or "ſ"
    low = text.lower() if text.isascii() or ODD.search(text) is None else ""
    checked: dict[tuple[re.Pattern[str], int, int], bool] = {}
    # only the patterns one of whose trigger kinds occurs (the others have no window to search), in their order
    active = sorted({i for code in windows for i in g.by_code.get(code, ())})
    for i in active:
        (pattern, handler), needs = g.patterns[i], g.needs[i]
        pre = g.required[i] if low else None
        spans = windows.get(needs)
        if spans is None:
            spans = windows[needs] = _merge(sorted(s for code in needs for s in windows.get(code, ())))
        for start, end in spans:
            if pre is not None:  # patterns share pre-checks ("april|august|…") and windows: each answered once
                key = (pre, start, end)
                holds = checked.get(key)
                if holds is None:
                    holds = checked[key] = pre.search(low, start, end) is not None
                if not holds:
                    continue  # the window lacks every piece a match must contain: the pattern cannot match in it
            for m in pattern.finditer(text, start, end):
                c = handler(m, g, text)
                if c is not None and possible_day(c) and not _inside_word(text, c.start, g):
                    found.append(c)
    return found


def possible_day(c: Cand) -> bool:
    """Whether a candidate's day fits its month (in a leap year when the year is not given): "2/30" (a photo counter)
    and "31 april" are no dates.

    >>> possible_day(Cand(0, 4, m=2, d=30)), possible_day(Cand(0, 4, m=2, d=29)), possible_day(Cand(0, 4, y=2019, m=2, d=29))
    (False, True, False)
    """
    if c.m is None or c.d is None or not 1 <= c.m <= 12:
        return True
    year = c.y if c.y is not None and 1 <= c.y <= 9999 else 2000  # 2000: a leap year
    return c.d <= calendar.monthrange(year, c.m)[1]


# Words that may be hyphened to a date and still leave it a date: "mid-March", "eind-mei", "pre-2010".
_DATE_PREFIXES = frozenset("mid early late pre post midden begin eind half medio anfang ende mitte mi fin début "
                           "twenty thirty forty fifty sixty seventy eighty ninety semi bi tri".split())


def _inside_word(text: str, start: int, g: Grammar) -> bool:
    """A match that starts with a word inside a hyphenated word ("counter-march 8 July": not March 8). A month or weekday before
    the hyphen makes a range ("March-April"), a tens word an ordinal ("thirty-first")."""
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha() and text[start:start + 1].isalpha():
        head = start - 1
        while head > 0 and text[head - 1].isalpha():
            head -= 1
        word = text[head:start - 1].lower()
        if word not in _DATE_PREFIXES and word not in g.lex.months and word not in g.lex.weekdays:
            return True
    return False


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
    """Join overlapping (start, end) spans of a sorted list."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def select(cands: list[Cand], size: int) -> list[Cand]:
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


def is_abs(c: Cand) -> bool:
    """Whether a candidate is a calendar date given by its parts ("12 juni", "mei 2018", "2000")."""
    return c.kind == "date" and c.rel is None and c.span is None and c.weekday is None and c.value is None \
        and c.holiday is None and not c.parts and (c.m is not None or c.y is not None or c.d is not None)


def combine(cands: list[Cand], text: str, g: Grammar) -> list[Cand]:
    """Merge neighbours: weekday + date, date + time, ranges, "twee dagen na vandaag", "9 tot 12 juni"."""
    return _join_day_time_ranges(_combine_dates(_join_time_ranges(cands, text, g), text, g), text, g)


def _day_time(c: Cand) -> bool:
    """A day with a clock time ("maandag 20.00"), made by `_combine_dates`."""
    return c.kind == "time" and len(c.parts) == 2 and c.parts[0].kind == "date" and c.parts[1].kind == "time" \
        and not c.parts[0].parts and not c.parts[1].parts


def _bare_time(c: Cand) -> bool:
    """A clock time alone ("21.00 uur"): the start of a range that ends on a named day."""
    return c.kind == "time" and c.hm is not None and not c.parts and c.part is None


def _join_day_time_ranges(cands: list[Cand], text: str, g: Grammar) -> list[Cand]:
    """Two days with clock times joined as a range ("van maandag 20.00 tot dinsdag 4.30 uur", "from Monday 8 pm to
    Tuesday 4 am", or from a time alone: "van 21.00 uur tot vrijdag 6.00 uur"), so that the end is read after the
    start, not as a day of its own."""
    sep = re.compile(rf"\s*(?:{g.lex.range_sep})\s*", re.I)
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and (_day_time(prev) or _bare_time(prev)) and _day_time(c) \
                and sep.fullmatch(text[prev.end:c.start]):
            out[-1] = Cand(prev.start, c.end, kind="time", parts=[prev, c], precision="time", rank=5)
            continue
        out.append(c)
    return out


def _join_time_ranges(cands: list[Cand], text: str, g: Grammar) -> list[Cand]:
    """Time ranges first ("3:00 tot 4:00", "tussen 5 en 6 's middags"), so that a date can take the whole range."""
    lex = g.lex
    sep = re.compile(rf"\s*(?:{lex.range_sep})\s*", re.I)
    and_sep = re.compile(rf"\s*(?:{lex.and_sep})\s*", re.I)
    starter = re.compile(rf"(?:{lex.range_start})\s+$", re.I)
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if c.kind == "time" and c.hm and prev is not None and prev.kind == "time" and prev.hm and not prev.parts:
            gap = text[prev.end:c.start]
            low = max(0, prev.start - 12)
            pre = starter.search(text[low:prev.start])
            if sep.fullmatch(gap) or pre and and_sep.fullmatch(gap):
                start = low + pre.start() if pre else prev.start
                out[-1] = Cand(start, c.end, kind="time", parts=[prev, c], precision="time", rank=5)
                continue
        if c.kind == "time" and c.hm:
            lead = _leading_part(c, text[max(prev.end if prev else 0, c.start - 30):c.start], g)
            if lead is not None:
                out.append(lead)
                continue
        out.append(c)
    return out


def _combine_dates(cands: list[Cand], text: str, g: Grammar) -> list[Cand]:
    """Weekday + date, date + time, date ranges, shifted dates, and the parts of "9 tot 12 juni"."""
    lex = g.lex
    sep = re.compile(rf"\s*(?:{lex.range_sep})\s*(?:(?:{lex.det})\s+)?", re.I)
    and_sep = re.compile(rf"\s*(?:{lex.and_sep})\s*(?:(?:{lex.det})\s+)?", re.I)
    starter = re.compile(rf"(?:{lex.range_start})\s+(?:(?:{lex.det})\s+)?$", re.I)
    alternative = {"nl": "of", "de": "oder"}.get(lex.lang, "or")
    listed = re.compile(rf"\s*(?:,\s*)?(?:{lex.and_sep}|{alternative})\s+(?:(?:{lex.det})\s+)?|\s*,\s*", re.I)
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        gap = text[c.end:nxt.start] if nxt else ""
        before = text[max(out[-1].end if out else 0, c.start - 30):c.start]
        pre = starter.search(before)
        if nxt and c.y is None and nxt.y is not None and _grain(c) is not None and _grain(c) == _grain(nxt) \
                and listed.fullmatch(gap):
            c.y = nxt.y  # "March and April 1910", "the late spring and early summer of 1910": the year is shared
        if nxt and c.kind == "date" and c.y is None and (c.m is not None or c.holiday) and c.qual is None \
                and not c.parts and c.rel is None and c.weekday is None and nxt.rel is not None \
                and nxt.rel[0] == "Y" and nxt.precision == "year" and re.fullmatch(r"\s*,?\s*", gap):
            c.end, c.qual = nxt.end, f"year:{int(nxt.rel[1])}"  # "Valentine's Day last year", "14 februari vorig jaar"
            out.append(c)
            i += 2
            continue
        if nxt and c.weekday is not None and is_abs(nxt) and nxt.d and re.fullmatch(r"\s*,?\s*", gap):
            nxt.start = c.start  # "dinsdag 9 mei"
            i += 1
            continue
        if nxt and c.kind == "date" and nxt.kind == "time" and _is_day(c) and c.holiday is None and \
                nxt.part is None and (t := re.fullmatch(
                    r"\s*(?:,|om|at|um|-|,\s*om|,\s*at|van|from|tussen|between|(?P<mod>na|after|voor|before|vanaf|"
                    r"niet\s+later\s+dan|no\s+later\s+than|later\s+dan|later\s+than))?\s*", gap, re.I)):
            mod = t["mod"] and g.lex.mods.get(_norm(t["mod"]), "before" if "later" in t["mod"] else None)
            if t["mod"] and re.match(r"niet|no\b", t["mod"], re.I):
                mod = "before"
            out.append(Cand(c.start, nxt.end, kind="time", parts=[c, nxt], precision="time", rank=5, modifier=mod))
            i += 2
            continue
        if nxt and c.kind == "time" and c.part is None and nxt.kind == "date" and _is_day(nxt) and \
                nxt.holiday is None and re.fullmatch(r"\s*(?:,|op|on|am)?\s*", gap, re.I):
            day, used = nxt, 2
            named = cands[i + 2] if i + 2 < len(cands) else None
            if nxt.weekday is not None and named is not None and is_abs(named) and named.d \
                    and re.fullmatch(r"\s*,?\s*", text[nxt.end:named.start]):
                named.start = nxt.start  # "at 8pm on Saturday 16 May": the date says which Saturday
                day, used = named, 3
            out.append(Cand(c.start, day.end, kind="time", parts=[day, c], precision="time", rank=5))  # "15:00 vandaag"
            i += used
            continue
        span_for = nxt and c.kind == "duration" and re.search(r"\b(?:for|voor|gedurende|für)\s+$",
                                                               text[max(0, c.start - 12):c.start], re.I)
        if nxt and c.kind == "duration" and nxt.kind == "date" and not span_for and re.fullmatch(
                r"\s*(?:na|voor|vanaf|after|before|from|nach|vor|later\s+dan|(?:gerekend|te\s+rekenen)\s+vanaf|"
                r"counting\s+from)\s*", gap, re.I):
            unit, n = duration_parts(c.value or "")
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
            unit, n = duration_parts(c.value or "")
            if unit:
                end = Cand(nxt.end, nxt.end, parts=[nxt], rel=(unit, n), what="relative date", precision="day")
                out.append(Cand(c.start, nxt.end, parts=[nxt, end], precision="day", rank=5))
                i += 2
                continue
        joined = nxt and (sep.fullmatch(gap) or pre and and_sep.fullmatch(gap))
        if joined and nxt is not None and c.kind == nxt.kind and c.kind in ("date", "time") and not c.parts and not nxt.parts:
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


def _grain(c: Cand) -> str | None:
    """ "day", "month" or "season" for a plain calendar candidate without a year of its own, else None."""
    if c.kind != "date" or c.qual or c.rel or c.span or c.weekday is not None or c.holiday or c.parts:
        return None
    if c.m is not None:
        return "day" if c.d is not None else "month"
    return "season" if c.what == "season" else None


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


def to_date(text: str, taken: list[Cand]) -> list[Cand]:
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
    """Whether a candidate names a single day (a date, weekday, holiday or relative day)."""
    return not c.parts and c.span is None and (c.d is not None or c.weekday is not None or c.holiday is not None
                                                or (c.rel is not None and c.rel[0] == "D"))


def _leading_part(c: Cand, before: str, g: Grammar) -> Cand | None:
    """ "9 tot 12 juni", "tussen 3 en 4 uur": a bare number before a range end takes that end's month or half-day."""
    if not (is_abs(c) and c.m) and c.kind != "time":
        return None
    lex = g.lex
    m = None if c.kind == "date" and not c.d else re.search(rf"(?:(?P<pre>{lex.range_start})\s+(?:(?:{lex.det})\s+)?)?(?<![\w.,:/-])"
                  rf"(?P<list>(?:\d{{1,2}}{lex.day_suffix}\s*,\s*)*)(?P<d>\d{{1,2}}|{g.ordw})"
                  rf"{lex.day_suffix}\s*(?P<sep>{lex.range_sep}|{lex.and_sep})\s*(?:(?:{lex.det})\s+)?$", before, re.I)
    if not m and is_abs(c) and c.m:
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
    if pair:  # "18 en 19 juni": two days, not a range; "18, 20 and 22 May": the first of the list and the last
        offset = c.start - len(before)
        head = re.match(r"\d+", m["list"]) if m["list"] else None  # the list's first day
        if head is not None and (first := g.day(head.group(0))) is not None:
            a = Cand(offset + m.start("list"), offset + m.start("list") + len(head.group(0)), y=c.y, m=c.m, d=first)
            return Cand(start, c.end, parts=[a, c], qual="pair")
        suffix = re.match(lex.day_suffix, before[m.end("d"):], re.I)
        a = Cand(offset + m.start("d"), offset + m.end("d") + (len(suffix.group(0)) if suffix else 0), y=c.y, m=c.m, d=d)
        return Cand(start, c.end, parts=[a, c], qual="pair")
    if m["list"]:  # "9, 10 tot 12 juni": only the last number opens the range
        start = c.start - len(before) + m.start("d")
    a = Cand(start, start, y=c.y, m=c.m, d=d)
    return Cand(start, c.end, parts=[a, c], rank=5)


def _trailing_part(c: Cand, text: str, g: Grammar, nxt: Cand | None) -> Cand | None:
    """ "november 18-19", "april ninth through seventeenth": a bare day after a date ends the range."""
    if not (is_abs(c) and c.m and c.d):
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


def duration_parts(value: str) -> tuple[str | None, float]:
    """Unit and amount of a simple duration value ("P2W" -> ("W", 2.0))."""
    m = re.fullmatch(r"P([\d.]+)([DWMY])", value)
    return (m[2], float(m[1])) if m else (None, 0.0)


def apply_modifiers(c: Cand, text: str, g: Grammar, fuzzy_only: bool = False) -> None:
    """Modifiers in front ("eind april", "begin 2019", "voor 2010", "since May") or behind ("2018 of later").

    The first pass (`fuzzy_only`) attaches begin/mid/end, so that ranges can be built from "het einde van maart";
    the second attaches before/after/since/until, also around a begin/mid/end ("na half mei": after-mid).
    """
    if c.kind not in ("date", "time") or c.kind == "time" and (fuzzy_only or c.part or "/" in str(c.parts)):
        return
    before = text[max(0, c.start - 30):c.start]
    if c.kind == "time":  # "na 13:00", "before 6 pm", "vanaf 7 uur"
        if c.modifier is None and (m := _MOD_RE[g.lex.lang].search(before)) and \
                (kind := g.lex.mods[_norm(m["mod"])]) in MOD_ANY:
            c.modifier = kind
            c.start = c.start - len(before) + m.start()
        return
    if c.modifier in ("start", "mid", "end"):
        if (o := _MOD_RE[g.lex.lang].search(before)) and (k2 := g.lex.mods[_norm(o["mod"])]) in MOD_ANY:
            c.modifier = f"{k2}-{c.modifier}"
            c.start = c.start - len(before) + o.start()
        return
    if c.modifier is not None or c.qual == "weekof":
        return
    if (w := _WEEK_OF.search(before)) and is_abs(c) and c.d:
        c.qual = "weekof"
        c.start = c.start - len(before) + w.start()
        return
    coarse = c.d is None and c.weekday is None and c.holiday is None and not (c.rel and c.rel[0] == "D") \
        and c.span is None and not c.parts
    if m := _MOD_RE[g.lex.lang].search(before):
        word = _norm(m["mod"])
        kind = g.lex.mods[word]
        wanted = kind not in MOD_ANY and coarse if fuzzy_only else kind in MOD_ANY
        if word == "voor" and not (is_abs(c) or c.value or c.holiday):
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
    """A modifier word in the form the lexicon lists it: lower case, single spaces."""
    return " ".join(word.lower().split())


_WEEK_OF = re.compile(r"(?:^|(?<=\s))(?:w/c|(?:(?:de|the|die)\s+)?(?:week|woche)\s+(?:van|of|vom|beginnend(?:\s+op)?|"
                      r"startend(?:\s+op)?|aanvangend(?:\s+op)?|commencing|starting(?:\s+on)?|beginning))\s+$", re.I)


def _mod_alternation(lex: Lexicon) -> str:
    """A regex alternation of a language's modifier words, longest first."""
    words = sorted(lex.mods, key=len, reverse=True)
    return "|".join(re.escape(w.rstrip("-")).replace(r"\ ", r"\s+") for w in words)


_MOD_RE = {lang: re.compile(rf"(?:^|(?<=[\s(]))(?P<mod>{_mod_alternation(lex)})(?:\s+|-)$", re.I)
           for lang, lex in LEXICONS.items()}


