"""The filters of the API and the web app: what a date and a language filter accept, with the message when not.

The lists themselves come from :class:`storyline.archive.Archive` (``article_page``, ``stories``).
"""

from __future__ import annotations

import re
from datetime import date

from ..config import SUPPORTED_LANGUAGES

_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
# What /openapi.json says the date and language filters accept (an empty value is no filter); check_date and
# check_lang enforce them, with messages that say what is expected.
DATE_PATTERN = (r"^(([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"  # year 0001-9999
                r"(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)?$")
LANG_PATTERN = "^(|" + "|".join(SUPPORTED_LANGUAGES) + ")$"
DATE_SCHEMA = {"pattern": DATE_PATTERN}
LANG_SCHEMA = {"pattern": LANG_PATTERN}


class BadFilter(ValueError):
    """A filter value that cannot be used; the message says what is expected."""


def check_date(name: str, value: str | None) -> str | None:
    """Validate a YYYY, YYYY-MM or YYYY-MM-DD filter value.

    >>> check_date("since", "2022-06")
    '2022-06'
    >>> check_date("until", "2022-13")
    Traceback (most recent call last):
    ...
    storyline.api.queries.BadFilter: until must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not '2022-13'
    """
    if value is None or value == "":
        return None
    value = value.strip()
    match = _DATE.match(value)
    ok = match is not None
    if match is not None:
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            date(year or 0, month or 1, day or 1)
        except ValueError:
            ok = False
    if not ok:
        raise BadFilter(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def check_lang(value: str | None) -> str | None:
    """Validate an article-language filter (one of the supported languages)."""
    if value is None or value == "":
        return None
    if value not in SUPPORTED_LANGUAGES:
        raise BadFilter(f"lang must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {value!r}")
    return value
