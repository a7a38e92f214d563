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
# A web archive address: the capture time, then the page's own address.
_CAPTURE_RE = re.compile(r"^(?:https?://)?web\.archive\.org/web/(?P<t>\d{8,14})[a-z_]*/(?P<rest>.*)$", re.IGNORECASE)
# A news site's dated path: /2018/05/23/, /2018/05/, /2009/7/9/, /2002/mar/26/, or with up to two section names
# between the year and the month (/2008/WORLD/asiapcf/04/04/); not a query string, not a longer number.
_URL_MONTHS = {name: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_URL_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)/(?:[A-Za-z][A-Za-z_-]*/){0,2}?(?P<m>0?[1-9]|1[0-2]|" + "|".join(_URL_MONTHS) + r")/"
    r"(?:(?P<d>0?[1-9]|[12]\d|3[01])/)?", re.IGNORECASE)
# A year alone as a path segment (/events/2008/Mar78snow/): it can contradict a source's date, not fill a missing one.
_URL_YEAR_RE = re.compile(r"/(?P<y>(?:19|20)\d\d)/")
URL_TRUST_DAYS = 366  # a source's date this far from its URL's date is a crawl or edit date, not the publication
# A post on Twitter/X: its id is a "snowflake" whose upper bits count milliseconds since this epoch (Twitter's
# published id format, 2010 on), so the address itself says when the post was written.
_TWEET_RE = re.compile(r"^(?:[a-z0-9-]+\.)?(?:twitter|x)\.com/[A-Za-z0-9_]{1,15}/status(?:es)?/(?P<id>\d{15,20})(?:[/?#]|$)",
                       re.IGNORECASE)
_SNOWFLAKE_EPOCH_MS = 1288834974657
# Reference works, written by hand for this rule: a page there has revisions, not a publication date, and the date
# a crawler gives it is when it was fetched or last edited. Matched on the host and its parent domains.
REFERENCE_HOSTS = frozenset({"wikipedia.org", "wikiwand.com", "wikidata.org", "britannica.com", "encyclopedia.com",
                             "fandom.com", "wikia.com", "wikia.org"})


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


def url_dates(url: str | None, *, years: bool = False) -> tuple[tuple[date, Precision] | None, date | None]:
    """The date in an article address's path (day or month precision; with ``years``, a year alone too) and, for a
    web archive copy, the capture day.

    >>> url_dates("https://web.archive.org/web/20090819051121/http://example.org/news/2009/07/20/riots.html")
    ((datetime.date(2009, 7, 20), <Precision.DAY: 'day'>), datetime.date(2009, 8, 19))
    >>> url_dates("https://example.org/2017/03/story"), url_dates("https://example.org/story?id=2017")
    (((datetime.date(2017, 3, 1), <Precision.MONTH: 'month'>), None), (None, None))
    >>> url_dates("http://example.org/2010/CRIME/08/03/story/")[0], url_dates("http://example.org/news/2002/mar/26/x/")[0]
    ((datetime.date(2010, 8, 3), <Precision.DAY: 'day'>), (datetime.date(2002, 3, 26), <Precision.DAY: 'day'>))
    >>> url_dates("http://example.org/events/2008/snow/"), url_dates("http://example.org/events/2008/snow/", years=True)
    ((None, None), ((datetime.date(2008, 1, 1), <Precision.YEAR: 'year'>), None))
    """
    if not url:
        return None, None
    captured = None
    if m := _CAPTURE_RE.match(url.strip()):
        t = m["t"]
        try:
            captured = date(int(t[:4]), int(t[4:6]), int(t[6:8]))
        except ValueError:
            captured = None
        url = m["rest"]
    path = page_address(url)
    found = None
    if m := _URL_DATE_RE.search(path):
        month = int(m["m"]) if m["m"].isdigit() else _URL_MONTHS[m["m"].lower()]
        try:
            if m["d"]:
                found = (date(int(m["y"]), month, int(m["d"])), Precision.DAY)
            else:
                found = (date(int(m["y"]), month, 1), Precision.MONTH)
        except ValueError:  # 31 February
            found = None
    elif years and (m := _URL_YEAR_RE.search(path)):
        found = (date(int(m["y"]), 1, 1), Precision.YEAR)
    return found, captured


# A day written as one path segment of eight digits: /algemeen/20140717/…, /en/20080325-tibet-…; valid days only.
_URL_COMPACT_RE = re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?=[/_-])")


def compact_url_date(url: str | None) -> tuple[date, Precision] | None:
    """The day of an eight-digit path segment ("/algemeen/20140717/vlaggen-halfstok"), which news sites use as a date
    but which may also be a number: it only fills a missing publication date.

    >>> compact_url_date("https://web.archive.org/web/20140726214011/http://www.example.nl/algemeen/20140717/vlaggen")
    (datetime.date(2014, 7, 17), <Precision.DAY: 'day'>)
    >>> compact_url_date("http://example.org/items/20141399/"), compact_url_date("http://example.org/20140717")
    (None, None)
    """
    if not url:
        return None
    m = _CAPTURE_RE.match(url.strip())
    path = page_address(m["rest"] if m else url)
    if not (found := _URL_COMPACT_RE.search(path)):
        return None
    try:
        return date(int(found["y"]), int(found["m"]), int(found["d"])), Precision.DAY
    except ValueError:  # 20140231
        return None


def page_address(url: str | None) -> str:
    """An article's address without scheme, web archive prefix, query or fragment; the host in lower case.

    >>> page_address("https://web.archive.org/web/20200629091345/https://Twitter.com/a/status/1?s=20")
    'twitter.com/a/status/1'
    """
    if not url:
        return ""
    url = url.strip()
    if m := _CAPTURE_RE.match(url):
        url = m["rest"]
    rest = url.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    host, _, path = rest.partition("/")
    return host.lower() + ("/" + path if path or rest.endswith("/") else "")


def tweet_time(url: str | None) -> datetime | None:
    """When a post on Twitter/X was written, read from the id in its address (None for any other address).

    >>> tweet_time("https://twitter.com/example/status/997809089541058617")
    datetime.datetime(2018, 5, 19, 12, 0, tzinfo=datetime.timezone.utc)
    >>> tweet_time("https://twitter.com/example") is None
    True
    """
    if not (m := _TWEET_RE.match(page_address(url))):
        return None
    moment = datetime.fromtimestamp(((int(m["id"]) >> 22) + _SNOWFLAKE_EPOCH_MS) // 1000, tz=UTC)
    return moment if moment.year >= 2010 else None  # ids before snowflakes (2006-2010) carry no time


def is_reference_page(url: str | None) -> bool:
    """Whether an address is a page of a reference work (an encyclopedia or wiki): it has no publication date.

    >>> is_reference_page("https://en.wikipedia.org/wiki/Vienna_temple_attack"), is_reference_page("https://example.org/")
    (True, False)
    """
    host = page_address(url).split("/", 1)[0].split(":", 1)[0]
    parts = host.split(".")
    return any(".".join(parts[i:]) in REFERENCE_HOSTS for i in range(len(parts) - 1))


def reconcile_with_url(published: PublishedDate, raw: str | None, url: str | None, *, now: datetime) -> PublishedDate:
    """A publication date checked against the article's address: a date the URL's own date contradicts by more than a
    year (a crawl or edit date) or that lies after a web archive captured the page is replaced by the URL's date (or
    unknown without one); a missing date is filled from the URL. Each change is said in the note.

    >>> now = datetime(2026, 11, 22, tzinfo=UTC)
    >>> url = "https://web.archive.org/web/20090819051121/http://example.org/news/2009/07/20/riots.html"
    >>> fixed = reconcile_with_url(parse_published("1905-11-21", now=now), "1905-11-21", url, now=now)
    >>> fixed.value, fixed.note
    ('2009-07-20', "date '1905-11-21' contradicts the article's URL (2009-07-20, more than a year apart); the URL's date is used")

    A post on Twitter/X is dated by the time its id holds; a page of a reference work has no publication date.
    """
    text = " ".join(str(raw).split()) if raw is not None else ""
    if (posted := tweet_time(url)) is not None and posted <= now + FUTURE_SLACK:
        if published.start_utc is not None and published.start_utc == posted.strftime("%Y-%m-%dT%H:%M:%SZ"):
            return published
        why = (published.note or DateNotes.MISSING) if published.start_utc is None else f"date {text!r}"
        note = DateNotes.TWEET_TIME.format(why=why, posted=_render(posted, Precision.MINUTE))
        return PublishedDate(_render(posted, Precision.MINUTE), Precision.MINUTE,
                             posted.strftime("%Y-%m-%dT%H:%M:%SZ"), note)
    if is_reference_page(url):
        if published.start_utc is None:
            return published
        return PublishedDate(None, None, None, DateNotes.REFERENCE_PAGE.format(raw=text))
    found, captured = url_dates(url, years=published.start_utc is not None)
    if published.start_utc is None and found is None:
        found = compact_url_date(url)  # weaker evidence: it fills a missing date, never overrides a stated one
    if found is None and captured is None:
        return published
    if published.start_utc is None:
        if found is None or found[0] > now.date() or captured is not None and found[0] > captured:
            return published
        return _from_url(found, DateNotes.URL_FILLED.format(why=published.note or DateNotes.MISSING,
                                                            url_date=_render_day(found)))
    start = datetime.fromisoformat(published.start_utc.replace("Z", "+00:00")).date()
    if found is not None and found[1] is Precision.YEAR:
        if abs(start.year - found[0].year) > 1:  # a crawl date years after the year the page is filed under
            return _from_url(found, DateNotes.URL_CONTRADICTS.format(raw=text, url_date=str(found[0].year)))
        found = None
    if found is not None and abs((start - found[0]).days) > URL_TRUST_DAYS + (30 if found[1] is Precision.MONTH else 0):
        return _from_url(found, DateNotes.URL_CONTRADICTS.format(raw=text, url_date=_render_day(found)))
    if captured is not None and start > captured + timedelta(days=1):
        if found is None:  # the stated date is impossible: an eight-digit day of the path may stand in for it
            found = compact_url_date(url)
        if found is not None and found[0] <= captured:
            return _from_url(found, DateNotes.URL_CONTRADICTS.format(raw=text, url_date=_render_day(found)))
        return PublishedDate(None, None, None, DateNotes.AFTER_CAPTURE.format(raw=text, captured=captured.isoformat()))
    return published


def _render_day(found: tuple[date, Precision]) -> str:
    day, precision = found
    return day.isoformat() if precision is Precision.DAY else day.isoformat()[:4 if precision is Precision.YEAR else 7]


def _from_url(found: tuple[date, Precision], note: str) -> PublishedDate:
    day, precision = found
    moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return PublishedDate(_render(moment, precision), precision, moment.strftime("%Y-%m-%dT%H:%M:%SZ"), note)


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


_MONTH_NAMES = ("jan|januari|january|feb|febr|februari|february|mrt|maart|mar|march|apr|april|mei|may|jun|juni|june|"
                "jul|juli|july|aug|augustus|august|sep|sept|september|okt|oktober|oct|october|nov|november|dec|december")
# A line that is only a date with its month in words, maybe after the outlet's name and a bar, a label such as
# "Updated:" or "Gepubliceerd op", or a weekday, and maybe with a clock time: the page's dateline.
_DATELINE_RE = re.compile(
    rf"^(?:[^|\n]{{1,40}}\|\s*)?(?:(?:published|updated|posted|gepubliceerd|bijgewerkt|geplaatst)(?:\s+(?:on|op))?:?\s*)?"
    rf"(?:[a-z]+(?:day|dag),?\s+)?(?P<date>\d{{1,2}}\s+(?:{_MONTH_NAMES})\.?\s+\d{{4}}|(?:{_MONTH_NAMES})\.?\s+\d{{1,2}},?\s+"
    rf"\d{{4}})(?:,?\s+(?:om\s+|at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*uur)?)?\s*$", re.IGNORECASE)
DATELINE_LINES = 3  # the dateline stands among the first lines of a page


def dateline(text: str, *, now: datetime, default_tz: str = "UTC", why: str | None = None) -> PublishedDate | None:
    """The date a page prints at its top ("RTL Nieuws | 09 april 2011, 12:56", "Updated: Nov. 2, 2020"), for an article
    whose source gives none; None without one. A date in digits only ("02/12/2006") is not read: its order of day and
    month is unknown. `why`: why the source's date was not used (the note of the unknown date).

    >>> now = datetime(2026, 11, 22, tzinfo=UTC)
    >>> dateline("Bloedbad in het centrum.\\n\\nOmroep | 09 april 2011, 12:56\\nBij een schietpartij ...", now=now).value
    '2011-04-09T12:56:00+00:00'
    >>> dateline("Sep 16, 2012\\nTourists cancel their trips.", now=now).value, dateline("02/12/2006\\nSnow.", now=now)
    ('2012-09-16', None)
    """
    lines = [line.strip() for line in text.split("\n", 12)[:12] if line.strip()][:DATELINE_LINES]
    for line in lines:
        if len(line) <= 80 and (m := _DATELINE_RE.match(line)):
            clock = re.search(r"(\d{1,2})[:.](\d{2})\s*(?:uur)?\s*$", line[m.end("date"):])
            raw = m["date"] + (f" {clock[1]}:{clock[2]}" if clock else "")
            found = parse_published(raw, now=now, default_tz=default_tz)
            if found.start_utc is not None:
                return PublishedDate(found.value, found.precision, found.start_utc,
                                     DateNotes.DATELINE.format(why=why or DateNotes.MISSING, dateline=line))
    return None
