"""Publication dates: parsed with their precision and time zone, or stored as unknown with a reason."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from ..errors import DateNotes
from ..models import Precision, PublishedDate

MIN_YEAR = 1800
# A date up to this far ahead of the ingest clock is accepted (time zones, clock skew).
FUTURE_SLACK = timedelta(days=1)

_ISO_RE = re.compile(
    r"^(?P<y>\d{1,4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?)?$",
    re.IGNORECASE,
)
_DMY_RE = re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})(?:[T ,]+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?)?$")
_YEAR_RE = re.compile(r"^(?P<y>\d{4})$")
_EPOCH_RE = re.compile(r"^\d{9,10}(?:\.\d+)?$")


def parse_published(raw: str | None, *, now: datetime, default_tz: str = "UTC") -> PublishedDate:
    """Parse a publication date; unknown (with a note) when missing, placeholder, impossible or in the future.

    >>> now = datetime(2026, 11, 22, tzinfo=timezone.utc)
    >>> parse_published("2018-05", now=now).value
    '2018-05'
    >>> parse_published("2021-03-02T11:00:00UTC", now=now).value
    '2021-03-02T11:00:00+00:00'
    >>> parse_published("0001-01-01T00:00:00UTC", now=now).note
    "placeholder date '0001-01-01T00:00:00UTC' (year 1) treated as unknown"
    >>> parse_published("14-06-2022", now=now).value
    '2022-06-14'
    """
    if raw is None or not str(raw).strip():
        return PublishedDate(None, None, None, DateNotes.MISSING)
    text = " ".join(str(raw).split())
    tz = ZoneInfo(default_tz)
    try:
        parsed = _parse(text, tz)
    except ValueError as exc:
        return PublishedDate(None, None, None, DateNotes.IMPOSSIBLE.format(raw=text, detail=exc))
    if parsed is None:
        return PublishedDate(None, None, None, DateNotes.UNPARSED.format(raw=text))
    moment, precision = parsed
    if moment.year < 100:
        return PublishedDate(None, None, None, DateNotes.PLACEHOLDER.format(raw=text, year=moment.year))
    if moment.year < MIN_YEAR:
        return PublishedDate(None, None, None, DateNotes.TOO_OLD.format(raw=text, year=MIN_YEAR))
    start = moment.astimezone(UTC)
    if start > now + FUTURE_SLACK:
        return PublishedDate(None, None, None, DateNotes.FUTURE.format(raw=text, now=now.strftime("%Y-%m-%d")))
    return PublishedDate(_render(moment, precision), precision, start.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _render(moment: datetime, precision: Precision) -> str:
    if precision is Precision.YEAR:
        return f"{moment.year:04d}"
    if precision is Precision.MONTH:
        return f"{moment.year:04d}-{moment.month:02d}"
    if precision is Precision.DAY:
        return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    return moment.isoformat(timespec="seconds")


def _tz_from(token: str | None, default: ZoneInfo) -> timezone | ZoneInfo:
    if not token or token.upper() in {"Z", "UTC", "GMT"}:
        return UTC if token else default
    sign = 1 if token[0] == "+" else -1
    digits = token[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _parse(text: str, tz: ZoneInfo) -> tuple[datetime, Precision] | None:
    if m := _ISO_RE.match(text):
        return _build(m, tz)
    if m := _DMY_RE.match(text):
        return _build(m, tz)
    if m := _YEAR_RE.match(text):
        return datetime(int(m["y"]), 1, 1, tzinfo=tz), Precision.YEAR
    if _EPOCH_RE.match(text):
        return datetime.fromtimestamp(float(text), tz=UTC), Precision.MINUTE
    try:  # RFC 822 dates of RSS feeds and e-mail
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is not None:
        return (moment if moment.tzinfo else moment.replace(tzinfo=tz)), Precision.MINUTE
    return _parse_loose(text, tz)


def _build(m: re.Match[str], tz: ZoneInfo) -> tuple[datetime, Precision]:
    year, month = int(m["y"]), int(m["m"])
    if year < 100:  # "1-01-01": placeholder years, kept so the caller can name them
        return datetime(max(year, 1), 1, 1, tzinfo=UTC), Precision.YEAR
    if m["d"] is None:
        date(year, month, 1)  # raises ValueError for month 13
        return datetime(year, month, 1, tzinfo=tz), Precision.MONTH
    day = int(m["d"])
    if m["H"] is None:
        date(year, month, day)
        return datetime(year, month, day, tzinfo=tz), Precision.DAY
    zone = _tz_from(m.groupdict().get("tz"), tz)
    moment = datetime(year, month, day, int(m["H"]), int(m["M"]), int(m["S"] or 0), tzinfo=zone)
    return moment, Precision.MINUTE


def _parse_loose(text: str, tz: ZoneInfo) -> tuple[datetime, Precision] | None:
    """Last resort for forms such as '14 juni 2022' or 'June 14, 2022 10:30'."""
    try:
        import dateparser
    except ImportError:  # optional: only needed for free-form dates
        return None
    settings = {"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": str(tz), "PREFER_DAY_OF_MONTH": "first",
                "DATE_ORDER": "DMY", "STRICT_PARSING": False}
    found = dateparser.parse(text, languages=["nl", "en", "de", "fr"], settings=settings)
    if found is None:
        return None
    has_time = bool(re.search(r"\d{1,2}[:.]\d{2}", text))
    has_day = bool(re.search(r"\b\d{1,2}\b", re.sub(r"\d{4}", "", text)))
    precision = Precision.MINUTE if has_time else Precision.DAY if has_day else Precision.MONTH
    return found, precision
