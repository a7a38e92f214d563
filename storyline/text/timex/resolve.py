"""Calendar arithmetic for time expressions: the reference date, shifts, weeks, holidays and value intervals."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

LEVELS = {"year": 0, "month": 1, "week": 2, "day": 3, "time": 4}
NEED_REASON = "{what} needs a publication {need}, article dated only to the {have}"
NO_DATE_REASON = "{what} needs a publication date, article has none"


@dataclass(slots=True, frozen=True)
class Ref:
    """The publication date as a reference point: a representative day and how much of it is known."""

    day: date | None
    precision: str | None  # "day", "month", "year" or None
    clock: tuple[int, int] | None = None  # hour and minute, when the publication time is known

    def lacks(self, need: str, what: str) -> str | None:
        """Why an expression needing `need` precision cannot be resolved here (None when it can).

        >>> Ref(date(2018, 5, 15), "month").lacks("day", "weekday")
        'weekday needs a publication day, article dated only to the month'
        """
        if self.day is None or self.precision is None:
            return NO_DATE_REASON.format(what=what)
        if LEVELS[self.precision] >= LEVELS[need]:
            return None
        return NEED_REASON.format(what=what, need=need, have=self.precision)


def reference(published: str | None, precision: str | None = None) -> Ref:
    """The reference of a stored publication date ("2018-05", "2018-05-12", "2018-05-12T10:30:00+02:00").

    >>> reference("2018-05")
    Ref(day=datetime.date(2018, 5, 15), precision='month', clock=None)
    >>> reference("2018-05-12T10:30:00+02:00").precision
    'day'
    """
    if not published:
        return Ref(None, None)
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?)?", published.strip())
    if not m:
        return Ref(None, None)
    year = int(m[1])
    if year < 100:  # a placeholder such as 0001-01-01 is no date
        return Ref(None, None)
    if m[3]:
        found = Ref(date(year, int(m[2]), int(m[3])), "day", (int(m[4]), int(m[5])) if m[4] else None)
    elif m[2]:
        found = Ref(date(year, int(m[2]), 15), "month")
    else:
        found = Ref(date(year, 7, 1), "year")
    if precision in ("year", "month") and LEVELS[precision] < LEVELS[found.precision or "year"]:
        return Ref(found.day, precision)
    return found


def add_months(d: date, months: int) -> date:
    """`d` moved by whole months, the day clamped to the month's length.

    >>> add_months(date(2018, 1, 31), 1)
    datetime.date(2018, 2, 28)
    """
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift(d: date, unit: str, n: float) -> date:
    """`d` moved by `n` units (D W FN M Q Y DEC C)."""
    if unit in ("D", "W", "FN", "WE"):
        return d + timedelta(days=round(n * {"D": 1, "W": 7, "FN": 14, "WE": 7}[unit]))
    months = {"M": 1, "Q": 3, "Y": 12, "DEC": 120, "C": 1200}[unit]
    return add_months(d, round(n * months))


def iso_week(d: date) -> str:
    """The ISO week of `d` as a TIMEX value.

    >>> iso_week(date(2018, 6, 5))
    '2018-W23'
    """
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def week_monday(value: str) -> date:
    """The Monday of an ISO week value such as 2018-W23."""
    y, w = value.split("-W")
    return date.fromisocalendar(int(y), int(w[:2]), 1)


def weekday_near(ref: date, weekday: int, direction: int, strict: bool = False) -> date:
    """The nearest `weekday` (1 = Monday) on or before (direction -1) or on or after (+1) `ref`.

    >>> weekday_near(date(2018, 5, 31), 6, -1)  # the Saturday before Thursday 31 May
    datetime.date(2018, 5, 26)
    """
    delta = (ref.isoweekday() - weekday) % 7 if direction < 0 else (weekday - ref.isoweekday()) % 7
    if strict and delta == 0:
        delta = 7
    return ref - timedelta(days=delta) if direction < 0 else ref + timedelta(days=delta)


def week_day(ref: date, weeks: int, weekday: int) -> date:
    """`weekday` of the week `weeks` weeks from the week of `ref`."""
    monday = ref - timedelta(days=ref.isoweekday() - 1) + timedelta(weeks=weeks)
    return monday + timedelta(days=weekday - 1)


def nearest_year(month: int, day: int | None, ref: date, tense: int) -> int:
    """The year that puts month (and day) nearest `ref`, leaning back for past (-1) and forward for future (+1)."""
    best, best_score = ref.year, None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = date(year, month, day or 15)
        except ValueError:
            continue
        gap = (d - ref).days
        score = abs(gap)
        if tense > 0 and gap < -45 or tense < 0 and gap > 45:
            score += 400  # against the tense: only when nothing else is near
        if best_score is None or score < best_score:
            best, best_score = year, score
    return best


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm).

    >>> easter(2019)
    datetime.date(2019, 4, 21)
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return date(year, month, day + 1)


_MON = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_DOW = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}


def holiday(spec: str, year: int) -> date:
    """The date of a holiday rule ("12-25", "easter+49", "nov-thu-4", "may-mon-last", "nov-thu-4+1") in `year`."""
    if spec[0].isdigit():
        return date(year, int(spec[:2]), int(spec[3:5]))
    if spec.startswith("easter"):
        return easter(year) + timedelta(days=int(spec[6:] or 0))
    mon, dow, nth = spec.split("-")[:3]
    extra = 0
    if "+" in nth:
        nth, plus = nth.split("+")
        extra = int(plus)
    month = _MON[mon]
    if nth == "last":
        last = date(year, month, calendar.monthrange(year, month)[1])
        return weekday_near(last, _DOW[dow], -1) + timedelta(days=extra)
    first = weekday_near(date(year, month, 1), _DOW[dow], 1)
    return first + timedelta(weeks=int(nth) - 1, days=extra)


def unit_start(value: str) -> date | None:
    """First day of a TIMEX date value (day, month, year, week, quarter, half, decade, century)."""
    try:
        return _unit_start(value)
    except ValueError:  # "2019-02-30"
        return None


def _unit_start(value: str) -> date | None:
    """First day of a TIMEX value; raises ValueError for impossible dates."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", value):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return date(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1)
    if "-W" in value and re.fullmatch(r"\d{4}-W\d{2}", value):
        return week_monday(value)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return date(int(m[1]), 3 * int(m[2]) - 2, 1)
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        return date(int(m[1]), 6 * int(m[2]) - 5, 1)
    if m := re.fullmatch(r"(\d{3})X", value):
        return date(int(m[1]) * 10, 1, 1)
    if m := re.fullmatch(r"(\d{2})XX", value):
        return date(int(m[1]) * 100, 1, 1)
    return None


def unit_end(value: str) -> date | None:
    """The day after the last day of a TIMEX date value (exclusive end)."""
    start = unit_start(value)
    if start is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T.*)?", value):
        return start + timedelta(days=1)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return add_months(start, 1)
    if re.fullmatch(r"\d{4}", value):
        return add_months(start, 12)
    if "-W" in value:
        return start + timedelta(days=7)
    if "-Q" in value:
        return add_months(start, 3)
    if "-H" in value:
        return add_months(start, 6)
    if value.endswith("XX"):
        return add_months(start, 1200)
    return add_months(start, 120)


def interval(value: str, modifier: str | None = None) -> tuple[str | None, str | None] | None:
    """[start, end) of a date value as ISO days; a range A/B ends where its last unit starts.

    >>> interval("2018-06")
    ('2018-06-01', '2018-07-01')
    >>> interval("2014/2018")
    ('2014-01-01', '2018-01-01')
    >>> interval("2010", "before")
    (None, '2010-01-01')
    """
    if "/" in value:
        a, b = value.split("/", 1)
        sa, sb = unit_start(a), unit_start(b)
        if sa is None or sb is None:
            return None
        return sa.isoformat(), sb.isoformat()
    start, end = unit_start(value), unit_end(value)
    if start is None or end is None:
        return None
    if modifier == "before":
        return None, start.isoformat()
    if modifier == "after":
        return end.isoformat(), None
    if modifier == "since":
        return start.isoformat(), None
    if modifier == "until":  # the spec's convention: "until 27 April" ends where 27 April starts
        return None, start.isoformat()
    return start.isoformat(), end.isoformat()
