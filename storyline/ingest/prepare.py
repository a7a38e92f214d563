"""From a raw record to a clean article: pure computation, no I/O, safe to run in worker processes."""

from __future__ import annotations

import logging
from datetime import datetime

from ..config import IngestOptions
from ..errors import Reasons, describe_exception
from ..models import Article, RawRecord, Rejection, Source
from ..text.furniture import is_page_furniture
from ..text.sentences import split_sentences
from .dates import dateline, is_reference_page, parse_published, reconcile_with_url
from .fingerprint import content_id, signature
from .language import detect_language
from .normalize import normalize_text, normalize_title, replace_surrogates, strip_bidi_controls

log = logging.getLogger(__name__)
TITLE_MAX_CHARS = 160
TITLE_MAX_STORED = 1000
_TITLE_LINE_MAX = 200


def derive_title(text: str) -> str:
    """A headline for an article that has none: its first line when short, else its first sentence.

    >>> derive_title("Historische ontmoeting Trump en Kim\\n\\nDe top gaat door.")
    'Historische ontmoeting Trump en Kim'
    >>> derive_title("Kim nodigt Trump uit. De brief kwam dinsdag.")
    'Kim nodigt Trump uit.'
    """
    first_line = text.split("\n", 1)[0].strip()
    if 0 < len(first_line) <= _TITLE_LINE_MAX and not first_line.endswith((".", "!", "?", ":", ";")):
        candidate = first_line
    else:
        spans = split_sentences(first_line or text)
        candidate = first_line[spans[0][0]:spans[0][1]] if spans else first_line
    if len(candidate) > TITLE_MAX_CHARS:
        cut = candidate[:TITLE_MAX_CHARS].rsplit(" ", 1)[0]
        candidate = cut.rstrip(",;:") + "…"
    return candidate


def prepare_contained(raw: RawRecord, options: IngestOptions, now: datetime) -> Article | Rejection:
    """`prepare`, with any exception of the cleaners and analysers turned into an R017 rejection of this record."""
    try:
        return prepare(raw, options, now)
    except Exception as exc:  # the catch-all: one record never stops the run
        log.debug("preparing %s failed", raw.origin, exc_info=True)
        return Rejection(raw.origin, Reasons.format("R017", detail=describe_exception(exc)), "R017")


def prepare_unit(options: IngestOptions, now: datetime, items: list[RawRecord | Rejection]) -> list[Article | Rejection]:
    """`prepare_contained` over a unit of read records (a rejection of the reader passes through): a worker's task."""
    return [item if isinstance(item, Rejection) else prepare_contained(item, options, now) for item in items]


def worker_died(item: RawRecord | Rejection, detail: str) -> Article | Rejection:
    """The rejection of a record whose worker process died while preparing it (R190)."""
    if isinstance(item, Rejection):
        return item
    return Rejection(item.origin, Reasons.format("R190", detail=detail), "R190")


def prepare(raw: RawRecord, options: IngestOptions, now: datetime) -> Article | Rejection:
    """Clean, date, identify and fingerprint one record."""
    text = normalize_text(raw.text or "")
    if len(text) < options.min_chars:
        if not text:
            return Rejection(raw.origin, Reasons.format("R003", field=options.fields.get("text", "text")), "R003")
        return Rejection(raw.origin, Reasons.format("R008", chars=len(text), minimum=options.min_chars), "R008")
    if len(text) > options.max_chars:
        return Rejection(raw.origin, Reasons.format("R016", chars=len(text), limit=options.max_chars), "R016")
    title = normalize_title(raw.title) if raw.title else ""
    note = raw.text_note
    if len(title) > TITLE_MAX_STORED:  # a "title" of megabytes is a wrong field mapping or an attack, not a headline
        note = "; ".join(filter(None, [note, f"title cut from {len(title)} characters"]))
        title = title[:TITLE_MAX_STORED].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    if not title:
        title = derive_title(text)
    published = reconcile_with_url(parse_published(raw.published, now=now, default_tz=options.default_timezone),
                                   raw.published, raw.url, now=now)
    if published.start_utc is None and not is_reference_page(raw.url):
        published = dateline(text, now=now, default_tz=options.default_timezone, why=published.note) or published
    declared = (raw.lang or "").strip().lower()[:2]
    lang: str | None
    if declared in options.languages:
        lang, confidence = declared, None
    else:
        lang, confidence = detect_language(f"{title}\n{text}" if not raw.title_in_text else text, options.languages)
    sig = signature(text, options.num_perm, options.shingle_size)
    return Article(
        id=content_id(title, text),
        title=title,
        text=text,
        lang=lang,
        lang_confidence=confidence,
        published=published.value,
        published_precision=published.precision,
        published_start=published.start_utc,
        published_note=published.note,
        sources=[Source(replace_surrogates(raw.location), _clean(raw.record), _clean(raw.url), _clean(raw.outlet), _clean(raw.external_id))],
        signature=sig.tobytes() if sig is not None else None,
        text_note=note,
        boilerplate=is_page_furniture(title, text),
    )


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(strip_bidi_controls(replace_surrogates(str(value))).split())
    return value or None
