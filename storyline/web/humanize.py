"""Dates and sources as people write them, in the interface language and at the precision known.

Dates: a day is "14 juli 2014" / "14 July 2014", a month "mei 2018", a season "najaar 2021", a quarter
"3e kwartaal 2021", a week "week 10 van 2023"; a time of day is added only when the source gives one (minute
precision, not a midnight placeholder), without the offset: the offset stays in the <time datetime> attribute.
Values that are not calendar dates (durations such as P1Y, "XXXX-WXX-2") come back as they are.

>>> human_date("2014-07-14T00:00:00+00:00", "nl"), human_date("2018-05", "nl"), human_date("2021-FA", "nl")
('14 juli 2014', 'mei 2018', 'najaar 2021')
>>> human_date("2023-07-07T15:20:00+02:00", "en", "minute"), human_date("2021-Q3", "en"), human_date("P1Y", "nl")
('7 July 2023, 15:20', 'Q3 2021', 'P1Y')
>>> human_timestamp("2026-12-04T16:43:07Z", "nl")
'4 december 2026, 16:43 UTC'
>>> human_span("2014-07-14", "2021-07-30", "nl"), human_span("2022-06", "2022-06", "en")
('14 juli 2014 – 30 juli 2021', 'June 2022')
>>> source_label("https://www.nos.nl/artikel/1"), source_label("/data/txt/001.txt"), source_label("NOS")
('nos.nl', '001.txt', 'NOS')
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from babel.dates import format_date

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?)?)?"
                   r"(?:Z|[+-]\d{2}:?\d{2})?$")
_PERIOD = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12]|W\d{1,2})$")
_PART_OF_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI|DT)$")
_DECADE = re.compile(r"^(\d{3})X?$")
SEASONS = {"en": {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"},
           "nl": {"SP": "voorjaar", "SU": "zomer", "FA": "najaar", "AU": "najaar", "WI": "winter"}}
PARTS_OF_DAY = {"en": {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"},
                "nl": {"MO": "ochtend", "AF": "middag", "EV": "avond", "NI": "nacht", "DT": "overdag"}}
HALVES = {"en": ("first half of {y}", "second half of {y}"), "nl": ("eerste helft van {y}", "tweede helft van {y}")}
WEEK = {"en": "week {w} of {y}", "nl": "week {w} van {y}"}
QUARTER = {"en": "Q{q} {y}", "nl": "{q}e kwartaal {y}"}
DECADE = {"en": "the {d}0s", "nl": "de jaren {d}0"}


def _locale(lang: str) -> str:
    return "nl" if lang == "nl" else "en"


def human_date(value: object, lang: str = "en", precision: str | None = None) -> str:
    """A stored date or time expression value as a reader writes it (see the module's examples)."""
    text = str(value or "").strip()
    if not text:
        return ""
    lang = _locale(lang)
    m = _DATE.match(text)
    if m:
        year, month, day, hour, minute = m.groups()
        if precision == "year" or not month:
            return year
        if precision == "month" or not day:
            return format_date(date(int(year), int(month), 1), "LLLL y", locale=lang)
        try:
            shown = format_date(date(int(year), int(month), int(day)), "d MMMM y", locale=lang)
        except ValueError:
            return text
        has_time = hour is not None and (precision == "minute" or (precision is None and (hour, minute) != ("00", "00")))
        return f"{shown}, {hour}:{minute}" if has_time and precision not in ("day",) else shown
    m = _PERIOD.match(text)
    if m:
        year, part = m.groups()
        if part[0] == "Q":
            return QUARTER[lang].format(q=part[1], y=year)
        if part[0] == "H":
            return HALVES[lang][int(part[1]) - 1].format(y=year)
        if part[0] == "W":
            return WEEK[lang].format(w=int(part[1:]), y=year)
        return f"{SEASONS[lang][part]} {year}"
    m = _PART_OF_DAY.match(text)
    if m:
        return f"{human_date(m[1], lang)} ({PARTS_OF_DAY[lang][m[2]]})"
    m = _DECADE.match(text)
    if m and len(text) == 4:
        return DECADE[lang].format(d=m[1])
    return text


def human_timestamp(value: object, lang: str = "en") -> str:
    """A moment the program recorded (UTC), e.g. when an article was read in: day and minute, marked UTC."""
    text = str(value or "").strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    shown = format_date(moment.date(), "d MMMM y", locale=_locale(lang))
    zone = " UTC" if moment.utcoffset() is not None and not moment.utcoffset() else ""
    return f"{shown}, {moment:%H:%M}{zone}"


def human_span(start: object, end: object, lang: str = "en") -> str:
    """A period from `start` to `end` (to the day at most), written once when both read the same."""
    first, last = human_date(str(start or "")[:10], lang), human_date(str(end or "")[:10], lang)  # days, no hours
    if not last or first == last:
        return first
    return f"{first} – {last}"


def source_label(name: object) -> str:
    """How to cite a source given as a name, a URL or a file: the name; the web site's host; the file's name."""
    text = str(name or "").strip()
    if "://" in text:
        try:
            host = urlsplit(text).hostname or ""
        except ValueError:
            host = ""
        return host.removeprefix("www.") or text
    if "/" in text or "\\" in text:
        return text.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or text
    return text


def source_details_label(detail: dict[str, Any]) -> str:
    """The name of one stored source (outlet, url, location) of an article."""
    from ..api.story_queries import source_name

    return source_name(detail.get("outlet"), detail.get("url"), detail.get("location") or "")
