"""Readers: turn one input into raw records (or rejections), one function per format."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import logging
import re
import sys
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, BinaryIO

from ..config import IngestOptions
from ..errors import Reasons, describe_exception
from ..models import RawRecord, Rejection
from .inputs import (
    CP1252_FALLBACK,
    CorruptInput,
    Input,
    binary_reason,
    decode,
    decode_noted,
    drain,
    newlines_skipped,
    open_stream,
    read_limited,
    skip_blank,
    sniff_format,
)
from .streams import BoundedTextLines, Broken, LineTooLong, Utf8Transcoder, bounded_lines, json_array_items

Item = RawRecord | Rejection
log = logging.getLogger(__name__)

# Field names tried, in order, when no --field mapping names the column.
FIELD_CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "tekst", "maintext", "full_text", "description", "summary"),
    "title": ("title", "headline", "kop", "titel", "heading"),
    "published": ("published", "date", "datum", "pubdate", "published_at", "publication_date", "dct", "time",
                  "timestamp", "datetime", "created_at"),
    "url": ("url", "link", "href", "uri"),
    "id": ("id", "article_id", "doc_id", "guid", "uuid"),
    "source": ("source", "outlet", "publisher", "bron", "medium", "site"),
    "lang": ("lang", "language", "taal"),
}
# Whole-document formats are read into memory; beyond this size a file is not one article.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DATE_PREFIX_RE = re.compile(r"^\ufeff?\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?=\s|$)\s*", re.IGNORECASE)


def read(item: Input, options: IngestOptions) -> Iterator[Item]:
    """Every record in one input, in the input's order; no exception escapes (it becomes an R017 rejection)."""
    count = 0
    try:
        for found in _read(item, options):
            count += 1
            yield found
    except Exception as exc:  # the catch-all: one input never stops the run
        log.debug("reading %s failed after %d records", item.location, count, exc_info=True)
        where = f"{item.location}:after record {count}" if count else item.location
        yield Rejection(where, Reasons.format("R017", detail=describe_exception(exc)), "R017")


class UnreadableJSON(ValueError):
    """Valid JSON that Python's parser still cannot hold (too deeply nested, an integer too long)."""


def loads_json(text: str | bytes) -> Any:
    """`json.loads`, with nesting too deep and integers too long raised as UnreadableJSON (a one-line reason).

    >>> loads_json('{"a": ' + '9' * 5000 + '}')
    Traceback (most recent call last):
    ...
    storyline.ingest.readers.UnreadableJSON: a number with more than 4300 digits
    """
    try:
        return json.loads(text)
    except RecursionError:
        raise UnreadableJSON("JSON nested too deeply (more than about 1,000 levels)") from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:
        if "integer string conversion" in str(exc):
            raise UnreadableJSON(f"a number with more than {sys.get_int_max_str_digits()} digits") from None
        raise


def _read(item: Input, options: IngestOptions) -> Iterator[Item]:
    if item.problem is not None:  # found in a folder, reported without being opened
        yield item.problem
        return
    stream = None
    try:
        stream = open_stream(item)
        head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        gzipped = item.compressed or isinstance(stream, gzip.GzipFile)  # gzip by magic number, whatever the name
        yield _reject(item.location, "R013" if gzipped else "R009", detail=str(exc) or type(exc).__name__)
        return
    except CorruptInput as exc:
        yield _reject(item.location, "R013", detail=exc)
        return
    try:
        gzipped = isinstance(stream, gzip.GzipFile)
        if not head.strip():  # blank so far; the text may still come after the first 8 KB
            stream, head = skip_blank(stream)
        if not head.strip():
            yield _reject(item.location, "R001")
            return
        for bom, codec in _WIDE_BOMS:
            if head.startswith(bom):  # UTF-16/32: read on as UTF-8, so that lines and fields split as usual
                stream = io.BufferedReader(Utf8Transcoder(stream, codec), buffer_size=1 << 16)
                head = stream.peek(8192)[:8192]
                break
        if reason := binary_reason(head):
            if gzipped:  # what a corrupt gzip stream decompresses to looks binary too
                drain(stream, options.max_bytes)
            yield _reject(item.location, "R002", detail=reason)
            return
        fmt = options.format if options.format != "auto" else sniff_format(item.location, head)
        yield from _READERS[fmt](item, stream, options)
    except (EOFError, zlib.error, gzip.BadGzipFile, CorruptInput) as exc:
        yield _reject(item.location, "R013", detail=str(exc) or type(exc).__name__)
    except OSError as exc:
        yield _reject(item.location, "R009", detail=exc)


def _reject(location: str, code: str, **kwargs: Any) -> Rejection:
    return Rejection(location, Reasons.format(code, **kwargs), code)


def _json_detail(exc: json.JSONDecodeError) -> str:
    """The JSON error with its column, e.g. 'Unterminated string at column 39'."""
    message = exc.msg.removesuffix(" at").removesuffix(" starting")
    return f"{message} at column {exc.colno}"


def _document(item: Input, stream: BinaryIO, options: IngestOptions) -> tuple[str | None, str | None, Rejection | None]:
    limit = min(options.max_bytes, MAX_DOCUMENT_BYTES)
    data, more = read_limited(stream, limit)
    if more:
        size = item.size if item.size is not None and not item.compressed else f"more than {limit}"
        return None, None, _reject(item.location, "R007", size=size, limit=limit)
    (text, _), note = decode_noted(data)
    if not text.strip():
        return None, None, _reject(item.location, "R001")
    return text, note, None


def read_text(item: Input, stream: BinaryIO, options: IngestOptions) -> Iterator[Item]:
    """A plain-text article with an optional leading `` date YYYY-MM[-DD] `` prefix."""
    text, note, rejection = _document(item, stream, options)
    if rejection:
        yield rejection
        return
    assert text is not None
    published = None
    if match := _DATE_PREFIX_RE.match(text):
        published = match.group(1)
        text = text[match.end():]
    yield RawRecord(location=item.location, text=text, published=published, title_in_text=True, text_note=note)


def read_html(item: Input, stream: BinaryIO, options: IngestOptions) -> Iterator[Item]:
    """Main text, title and date of a saved web page (trafilatura, htmldate)."""
    page, note, rejection = _document(item, stream, options)
    if rejection:
        yield rejection
        return
    import trafilatura
    from htmldate import find_date

    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False,
                                      deduplicate=False, favor_precision=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.strip()) < options.min_chars:
        yield _reject(item.location, "R005")
        return
    published = getattr(doc, "date", None)
    try:
        # %z keeps the page's UTC offset (empty when it gives none), so the instant is not shifted
        exact = find_date(page, extensive_search=False, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z")
    except Exception:  # htmldate raises a variety of parser errors on broken pages
        exact = None
    if exact and (not published or exact.startswith(published)):
        published = exact[:10] if exact[10:19] == "T00:00:00" else exact
    yield RawRecord(location=item.location, text=text, title=getattr(doc, "title", None), published=published,
                    url=getattr(doc, "url", None), outlet=getattr(doc, "sitename", None), text_note=note)


def read_feed(item: Input, stream: BinaryIO, options: IngestOptions) -> Iterator[Item]:
    """Entries of an RSS or Atom feed (feedparser)."""
    import feedparser

    data, more = read_limited(stream, options.max_bytes)
    if more:
        yield _reject(item.location, "R015", size=f"more than {options.max_bytes}", limit=options.max_bytes)
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        detail = str(getattr(feed, "bozo_exception", "")) or "no entries"
        yield _reject(item.location, "R010", detail=detail)
        return
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        body = ""
        if entry.get("content"):
            body = max((c.get("value", "") for c in entry.content), key=len)
        summary = entry.get("summary", "")
        text = body if len(body) >= len(summary) else summary
        key = entry.get("id") or entry.get("link") or f"entry {number}"
        if not text.strip():
            yield _reject(f"{item.location}:{key}", "R003", field="description/content")
            continue
        yield RawRecord(location=item.location, record=key, text=text, title=entry.get("title"),
                        published=entry.get("published") or entry.get("updated"), url=entry.get("link"),
                        external_id=entry.get("id") or entry.get("link"), outlet=outlet)


def _pick(obj: dict, name: str, options: IngestOptions) -> Any:
    if name in options.fields:
        return obj.get(options.fields[name])
    for candidate in FIELD_CANDIDATES[name]:
        value = obj.get(candidate)
        if value not in (None, ""):
            return value
    return None


def _record(obj: dict, item: Input, key: str, options: IngestOptions, note: str | None = None) -> Item:
    try:
        found = _fields(obj, item, key, options)
        return replace(found, text_note=note) if note and isinstance(found, RawRecord) else found
    except Exception as exc:  # one odd record never ends the file
        log.debug("record %s:%s could not be read", item.location, key, exc_info=True)
        return _reject(f"{item.location}:{key}", "R017", detail=describe_exception(exc))


def _fields(obj: dict, item: Input, key: str, options: IngestOptions) -> Item:
    text = _pick(obj, "text", options)
    field = options.fields.get("text", "text")
    if isinstance(text, list):
        text = "\n\n".join(str(t) for t in text)
    if text is not None and not isinstance(text, str):
        return _reject(f"{item.location}:{key}", "R014", field=field, kind=type(text).__name__)
    if not text or not text.strip():
        if "text" in options.fields and field not in obj:  # a mapping that names no field of the record
            return Rejection(f"{item.location}:{key}", Reasons.format("R003_UNMAPPED", field=field,
                                                                     fields=", ".join(map(str, list(obj)[:12]))), "R003")
        return _reject(f"{item.location}:{key}", "R003", field=field)
    values = {name: _pick(obj, name, options) for name in ("title", "published", "url", "id", "source", "lang")}
    for name, value in values.items():
        if value is not None and not isinstance(value, str):
            values[name] = str(value) if isinstance(value, (int, float)) else None
    return RawRecord(location=item.location, record=key, text=text, title=values["title"],
                     published=values["published"], url=values["url"], external_id=values["id"],
                     outlet=values["source"], lang=values["lang"])


def read_jsonl(item: Input, stream: BinaryIO, options: IngestOptions) -> Iterator[Item]:
    """JSON Lines, one object per line, or a JSON array element by element; streamed, each record capped."""
    reader = io.BufferedReader(stream) if not hasattr(stream, "peek") else stream  # type: ignore[type-var]  # typeshed: RawIOBase; any readinto stream does
    start = reader.peek(256).lstrip()
    if start[:1] == b"[" and start[1:].lstrip()[:1] in (b"{", b"]", b""):  # an array of objects; "[[..." is a line
        yield from _read_json_array(item, reader, options)
        return
    limit, offset = options.max_record_bytes, newlines_skipped(stream)
    for number, raw in bounded_lines(reader, limit, first=offset + 1):
        if raw is None:
            yield _reject(f"{item.location}:{number}", "R024", line=number, detail=f"longer than {limit} bytes")
            continue
        if not raw.strip():
            continue
        (line, _), note = decode_noted(raw)
        line = line.rstrip("\r\n")
        try:
            obj = loads_json(line)
        except UnreadableJSON as exc:
            yield _reject(f"{item.location}:{number}", "R018", line=number, detail=exc)
            continue
        except json.JSONDecodeError as exc:
            yield _reject(f"{item.location}:{number}", "R004", line=number, detail=_json_detail(exc))
            continue
        if not isinstance(obj, dict):
            yield _reject(f"{item.location}:{number}", "R012", line=number)
            continue
        yield _record(obj, item, str(number), options, note)


def _read_json_array(item: Input, reader: BinaryIO, options: IngestOptions) -> Iterator[Item]:
    text = io.TextIOWrapper(reader, encoding="utf-8-sig", errors=CP1252_FALLBACK)
    number = 0
    for number, value in json_array_items(text, options.max_record_bytes):
        if isinstance(value, Broken):
            yield _reject(f"{item.location}:{number}", "R025", element=number, detail=value.detail)
            return
        yield _record(value, item, str(number), options) if isinstance(value, dict) else _reject(
            f"{item.location}:{number}", "R012", line=number)
    if number == 0:
        yield _reject(item.location, "R026", detail="an empty JSON array")


def read_csv(item: Input, stream: BinaryIO, options: IngestOptions) -> Iterator[Item]:
    """CSV or TSV with a header row, streamed; each line capped."""
    head = stream.peek(16384)[:16384] if hasattr(stream, "peek") else b""
    try:  # an incremental decoder accepts a multi-byte character cut off by the peek
        sample, encoding = codecs.getincrementaldecoder("utf-8")().decode(head, final=False), "utf-8"
    except UnicodeDecodeError:
        sample, encoding = decode(head)
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if item.location.endswith((".tsv", ".tsv.gz")) else csv.excel
    utf8 = encoding.startswith("utf-8")  # bytes that are not UTF-8 after the sample are read as cp1252
    text_stream = io.TextIOWrapper(stream, encoding="utf-8-sig" if utf8 else encoding,
                                   errors=CP1252_FALLBACK if utf8 else "replace", newline="")
    limit = options.max_record_bytes
    csv.field_size_limit(min(limit, 2**31 - 1))
    reader = csv.DictReader(BoundedTextLines(text_stream, limit, dialect.delimiter), dialect=dialect)
    try:
        header = reader.fieldnames
    except LineTooLong as exc:
        yield _reject(item.location, "R024", line=1, detail=f"a header {exc}")
        return
    # Column names are matched case-insensitively.
    row_options = replace(options, fields={k: v.lower() for k, v in options.fields.items()})
    number = rows = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except LineTooLong as exc:
            yield _reject(f"{item.location}:{number}", "R024", line=number, detail=f"a CSV line {exc}")
            continue
        except csv.Error as exc:
            yield _reject(f"{item.location}:{number}", "R011", row=number, detail=exc)
            continue
        rows += 1
        clean = {(k or "").strip().lower(): v for k, v in row.items() if isinstance(v, str)}
        yield _record(clean, item, str(number), row_options)
    if not rows and number == 1:
        yield _reject(item.location, "R026", detail=f"a CSV header ({', '.join(header or [])[:100]}) and no rows")


_READERS = {"text": read_text, "html": read_html, "feed": read_feed, "jsonl": read_jsonl, "csv": read_csv}
