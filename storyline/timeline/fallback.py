"""A small date-mention finder of our own: ISO dates, day-month dates, weekdays and yesterday/today.

Used when `storyline.text.timex` is not available. It knows English and Dutch (and German and French
month names), resolves a year-less date to the year that puts it nearest the publication date, and a
weekday to the last such day on or before the publication day.

>>> [(m.text, m.value) for m in find_dates("The summit on 12 June was called off on Thursday.", "2018-05-26")]
[('12 June', '2018-06-12'), ('Thursday', '2018-05-24')]
>>> [(m.text, m.value, m.precision) for m in find_dates("De top op 12 juni 2018, niet in mei 2017.", "2018-05")]
[('12 juni 2018', '2018-06-12', 'day'), ('mei 2017', '2017-05', 'month')]
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..models import TimeMention

MONTHS = {
    "january": 1, "jan": 1, "januari": 1, "januar": 1, "janvier": 1,
    "february": 2, "feb": 2, "februari": 2, "februar": 2, "février": 2, "fevrier": 2,
    "march": 3, "mar": 3, "maart": 3, "mrt": 3, "märz": 3, "mars": 3,
    "april": 4, "apr": 4, "avril": 4,
    "may": 5, "mei": 5, "mai": 5,
    "june": 6, "jun": 6, "juni": 6, "juin": 6,
    "july": 7, "jul": 7, "juli": 7, "juillet": 7,
    "august": 8, "aug": 8, "augustus": 8, "août": 8, "aout": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9,
    "october": 10, "oct": 10, "oktober": 10, "okt": 10, "octobre": 10,
    "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "dezember": 12, "décembre": 12, "decembre": 12,
}
WEEKDAYS = {
    "monday": 0, "maandag": 0, "montag": 0, "lundi": 0,
    "tuesday": 1, "dinsdag": 1, "dienstag": 1, "mardi": 1,
    "wednesday": 2, "woensdag": 2, "mittwoch": 2, "mercredi": 2,
    "thursday": 3, "donderdag": 3, "donnerstag": 3, "jeudi": 3,
    "friday": 4, "vrijdag": 4, "freitag": 4, "vendredi": 4,
    "saturday": 5, "zaterdag": 5, "samstag": 5, "samedi": 5,
    "sunday": 6, "zondag": 6, "sonntag": 6, "dimanche": 6,
}
RELATIVE = {"yesterday": -1, "gisteren": -1, "gestern": -1, "hier": -1,
            "today": 0, "vandaag": 0, "heute": 0, "tonight": 0, "vanavond": 0, "vanochtend": 0}

_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|e|ste|de)?"
_YEAR = r"(?:,?\s+(\d{4}))?"
_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("dm", re.compile(r"\b" + _DAY + r"\s+" + _MONTH + _YEAR + r"\b", re.IGNORECASE)),
    ("md", re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"\b" + _YEAR + r"\b", re.IGNORECASE)),
    ("my", re.compile(r"\b" + _MONTH + r"\s+(\d{4})\b", re.IGNORECASE)),
    ("wd", re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)),
    ("rel", re.compile(r"\b(" + "|".join(RELATIVE) + r")\b", re.IGNORECASE)),
]


def find_dates(text: str, published: str | None, precision: str | None = None) -> list[TimeMention]:
    """Date mentions of `text` resolved against the stored publication date `published`, in text order."""
    pub, pub_prec = parse_published(published, precision)
    taken: list[tuple[int, int]] = []
    found: list[TimeMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            mention = _resolve(kind, m, pub, pub_prec)
            if mention is not None:
                taken.append((m.start(), m.end()))
                found.append(mention)
    found.sort(key=lambda x: x.start)
    return found


def parse_published(published: str | None, precision: str | None = None) -> tuple[date | None, str | None]:
    """A representative day and the precision of a stored publication date.

    >>> parse_published("2018-05-12T10:30:00+02:00")
    (datetime.date(2018, 5, 12), 'day')
    >>> parse_published("2018-05")
    (datetime.date(2018, 5, 15), 'month')
    """
    if not published:
        return None, None
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(published).strip())
    if not m:
        return None, None
    try:
        if m[3]:
            found = date(int(m[1]), int(m[2]), int(m[3])), "day"
        elif m[2]:
            found = date(int(m[1]), int(m[2]), 15), "month"
        else:
            found = date(int(m[1]), 7, 1), "year"
    except ValueError:
        return None, None
    if precision in ("month", "year") and found[1] == "day":
        order = ["year", "month", "day"]
        found = (found[0].replace(day=15) if precision == "month" else found[0].replace(month=7, day=1),
                 order[min(order.index(precision), 2)])
    return found


def _resolve(kind: str, m: re.Match, pub: date | None, pub_prec: str | None) -> TimeMention | None:
    value = None
    prec = "day"
    if kind == "iso":
        value = _day(int(m[1]), int(m[2]), int(m[3]))
    elif kind in ("dm", "md"):
        day_s, month_s, year_s = (m[1], m[2], m[3]) if kind == "dm" else (m[2], m[1], m[3])
        month = MONTHS[month_s.lower().rstrip(".")]
        if len(month_s) <= 4 and month_s[0].islower() and month_s.lower() in ("mar", "may", "jun", "mai"):
            return None  # "may" and friends are words too; the short forms count only when capitalised
        if year_s:
            value = _day(int(year_s), month, int(day_s))
        elif pub is not None:
            value = _nearest(pub, month, int(day_s))
    elif kind == "my":
        if m[1][0].islower() and m[1].lower() in ("may", "mar"):
            return None
        value, prec = f"{int(m[2]):04d}-{MONTHS[m[1].lower().rstrip('.')]:02d}", "month"
    elif kind == "wd":
        if pub is not None and pub_prec == "day":
            value = (pub - timedelta(days=(pub.weekday() - WEEKDAYS[m[1].lower()]) % 7)).isoformat()
    elif kind == "rel":
        if pub is not None and pub_prec == "day":
            value = (pub + timedelta(days=RELATIVE[m[1].lower()])).isoformat()
    if value is None:
        return None
    return TimeMention(text=m[0], start=m.start(), end=m.end(), value=value, precision=prec, modifier=None,
                       resolved=True, kind="date")


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _nearest(pub: date, month: int, day: int) -> str | None:
    best = None
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((d - pub).days) < abs((best - pub).days):
            best = d
    return best.isoformat() if best else None
