"""Resolving time-expression candidates against the publication date: the TIMEX-like value and its precision."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ...models import TimeMention
from .combine import is_abs
from .grammar import Cand, Grammar
from .resolve import (
    LEVELS,
    Ref,
    add_months,
    holiday,
    iso_week,
    nearest_year,
    shift,
    unit_start,
    week_day,
    weekday_near,
)

_SENTENCE_END = re.compile(r"[.!?\n]")


def sentence_tense(text: str, c: Cand, g: Grammar) -> int:
    """+1 when the sentence around the expression looks ahead, -1 when it looks back, 0 when it has no cue."""
    if c.qual in ("next", "upcoming"):
        return 1
    left = max(0, c.start - 160)
    ends = list(_SENTENCE_END.finditer(text, left, c.start))
    left = ends[-1].end() if ends else left
    stop = _SENTENCE_END.search(text, c.end)
    right = min(stop.start() if stop else len(text), c.end + 160)
    window = text[left:c.start] + " " + text[c.end:right]
    clause = _CLAUSE_CUT.split(text[left:c.start])[-1] + " " + _CLAUSE_CUT.split(text[c.end:right])[0]
    return _cues(clause, g) or _cues(window, g)  # the clause first: "said on Tuesday that jobs would be cut"


_CLAUSE_CUT = re.compile(r"[,;:]|\b(?:that|which|who|because|while|but|dat|die|omdat|terwijl|maar|want|dass|weil|"
                         r"aber)\b", re.I)


def _cues(window: str, g: Grammar) -> int:
    """+1 for a future cue in `window`, -1 for a past cue, 0 for none."""
    if g.lex.future_cues.search(window):
        return 1
    if g.lex.past_cues is not None and g.lex.past_cues.search(window):
        return -1
    return 0


def finish(c: Cand, text: str, g: Grammar, ref: Ref) -> TimeMention:
    """The TimeMention of a candidate, resolved against the reference."""
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
    """A date from its parts, the missing year (or month) taken nearest the reference."""
    y, m, d = c.y, c.m, c.d
    precision = "day" if d else "month" if m else "year"
    if m is None and d is not None:  # "de 5e": the nearest month
        if ref.day is None or ref.precision not in ("day",):
            return f"XXXX-XX-{d:02d}", "day", ref.lacks("day", "day of the month") or "day of the month needs a day"
        tense = sentence_tense(text, c, g)
        today = ref.day
        best = min((add_months(ref.day.replace(day=1), k) for k in (-1, 0, 1)),
                   key=lambda first: abs((first.replace(day=min(d, 28)) - today).days)
                   + (400 if tense < 0 and first.replace(day=min(d, 28)) > today + timedelta(days=3) else 0))
        y, m = best.year, best.month
    if y is None:
        if ref.day is None:
            return _partial(None, m, d), precision, "date without a year needs a publication date, article has none"
        tense = sentence_tense(text, c, g)
        y = ref.day.year if ref.precision == "year" else nearest_year(m or 1, d, ref.day, tense)
        if c.qual and c.qual.startswith("year:"):  # "14 February last year"
            y = ref.day.year + int(c.qual[5:])
        elif c.qual in ("this",):
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
    """A date value from its known parts, X for the unknown year."""
    ys = f"{y:04d}" if y is not None else "XXXX"
    if m is None:
        return ys
    return f"{ys}-{m:02d}" + (f"-{d:02d}" if d else "")


def _resolve_fixed(c: Cand, text: str, g: Grammar, ref: Ref) -> tuple[str, str | None, str | None]:
    """Values given by the text itself: week numbers, quarters, seasons, decades, fiscal years."""
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
    """The value of the first or last N units of year `y` ("PARTFW2": the first two weeks)."""
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
    """A day, week, month, quarter or year relative to the reference."""
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
    """A date N units before or after the reference, at the precision the reference allows."""
    unit, n = c.rel or ("D", 0.0)
    if ref.day is None or ref.precision is None:
        return "XXXX-XX-XX", "day", f"{c.what} needs a publication date, article has none"
    if unit in ("H", "MIN", "S"):  # "over 5 minuten": a time when the publication time is known, else the day
        if ref.clock is None or ref.precision != "day":
            unit, n = "D", 0.0
        else:
            moment = datetime.combine(ref.day, datetime.min.time()).replace(hour=ref.clock[0], minute=ref.clock[1])
            moment += timedelta(seconds=n * {"H": 3600, "MIN": 60, "S": 1}[unit])
            return moment.strftime("%Y-%m-%dT%H:%M"), "time", None
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
    """The X-form of a relative value that could not be resolved."""
    unit = c.rel[0] if c.rel else "D"
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(unit, "XXXX")


def _resolve_span(c: Cand, ref: Ref) -> tuple[str, str | None, str | None]:
    """The range of the next or last N units from the reference."""
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
    """A weekday resolved to the nearest matching day, backward unless the sentence looks ahead."""
    w = c.weekday or 1
    reason = ref.lacks("day", "weekday")
    if reason or ref.day is None:
        return f"XXXX-WXX-{w}", "day", reason
    d = ref.day
    q = c.qual
    if q and q.startswith("week:"):
        return week_day(d, int(q[5:]), w).isoformat(), "day", None
    if c.d:  # "maandag 21": the nearest month where the 21st is a Monday
        tense = sentence_tense(text, c, g)
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
    direction = 1 if sentence_tense(text, c, g) > 0 else -1  # without a cue, news looks back
    return weekday_near(d, w, direction).isoformat(), "day", None


def _resolve_holiday(c: Cand, text: str, g: Grammar, ref: Ref) -> tuple[str, str | None, str | None]:
    """A holiday, or the long weekend around it."""
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
    """The day of a holiday: the given year, the qualified one, or the nearest occurrence."""
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
    if c.qual and c.qual.startswith("year:"):  # "Valentine's Day last year"
        return holiday(spec, d.year + int(c.qual[5:])).isoformat(), "day", None
    tense = sentence_tense(text, c, g)
    # the nearest occurrence; the tense only breaks near-ties ("2 weken voor Kerst" in November is this Christmas)
    best = min(options, key=lambda o: abs((o - d).days) + (60 if (o > d) == (tense < 0) and o != d else 0))
    return best.isoformat(), "day", None


def _resolve_range(c: Cand, text: str, g: Grammar, ref: Ref) -> tuple[str, str | None, str | None]:
    """A range A/B, the missing years of both ends filled consistently."""
    a, b = c.parts
    if is_abs(a) and is_abs(b):
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
    if is_abs(a) and a.y is None and a.m and not is_abs(b):  # "van maart tot op heden": the start precedes the end
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
        """Days between the reference and the range in `year` (0 when the range holds it)."""
        wraps = (b.m or 1, b.d or 1) < (a.m or 1, a.d or 1)
        first = date(year, a.m or 1, min(a.d or 1, 28))
        last = add_months(date(year + wraps, b.m or 1, 1), 1) if not b.d else date(year + wraps, b.m or 1, min(b.d, 28))
        return 0 if first <= ref <= last else min(abs((first - ref).days), abs((last - ref).days))
    return min((ref.year - 1, ref.year, ref.year + 1), key=lambda y: (gap(y), -y))


def _resolve_time(c: Cand, text: str, g: Grammar, ref: Ref) -> tuple[str, str | None, str | None]:
    """Times, times with a date, ranges of times and parts of the day."""
    if c.part is not None:  # "gisteravond": a day and a part of it, or only the part ("'s avonds")
        if c.rel is None and c.weekday is None:
            return f"T{c.part}", "time", None
        day = Cand(c.start, c.end, rel=c.rel, weekday=c.weekday, qual=c.qual, need=c.need, what=c.what)
        vd, _, rd = _resolve(day, text, g, ref)
        return f"{vd}T{c.part}", "time", rd
    if c.parts and c.parts[0].kind == "date":  # date + time
        vd, _, rd = _resolve(c.parts[0], text, g, ref)
        vt, _, _ = _resolve(c.parts[1], text, g, ref)
        if "/" in vt:  # a date and a range of times: "morgen 3:00 tot 4:00"
            a, b = vt.split("/", 1)
            return f"{vd}{a}/{vd}{b}", "time", rd
        return f"{vd}{vt}", "time", rd
    if c.parts:  # a range of times
        va, _, _ = _resolve(c.parts[0], text, g, ref)
        end = c.parts[1]
        end_day = end.parts[0] if end.parts and end.parts[0].kind == "date" else None
        start = date.fromisoformat(va[:10]) if len(va) >= 10 and va[:10].count("-") == 2 and va[0].isdigit() \
            else ref.day if va.startswith("T") and ref.precision == "day" else None
        if end_day is not None and end_day.weekday is not None and end_day.qual is None and not end_day.d \
                and start is not None:
            # "van maandag 20.00 tot dinsdag 4.30 uur": the end's weekday is the first one on or after the start's
            # day; a start without a day ("van 21.00 uur tot vrijdag 6.00 uur") is on the publication day
            vt, _, _ = _resolve(end.parts[1], text, g, ref)
            va = va if not va.startswith("T") else f"{start.isoformat()}{va}"
            return f"{va}/{weekday_near(start, end_day.weekday, 1).isoformat()}{vt}", "time", None
        vb, _, _ = _resolve(end, text, g, ref)
        return f"{va}/{vb}", "time", None
    h, mi = c.hm or (0, 0)
    return f"T{h:02d}:{mi:02d}" + (f":{c.sec:02d}" if c.sec is not None else ""), "time", None
