"""The per-record work of a backfill, as plain functions over rows: no Ray here, so it is testable alone.

A backfill row starts as one read record (`read_rows`), becomes one analysed article or one rejection
(`analyse_rows`: the package's own `prepare`, `analyse_text` and `embed`, nothing re-implemented), and
is written to Parquet with `SCHEMA`. `to_item` turns a stored row back into what the store writes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ..cluster.embed import DIM, embed_each
from ..cluster.online import Doc, lead_text
from ..cluster.scoring import Weights
from ..config import IngestOptions
from ..errors import Reasons
from ..ingest.inputs import expand
from ..ingest.prepare import prepare
from ..ingest.readers import read
from ..models import Article, Entity, Precision, RawRecord, Rejection, Source, TimeMention
from ..text.analyse import analyse_text, analysed_text

log = logging.getLogger(__name__)
BACKEND = "builtin"  # the entity backend of `ingest` (Archive.after_ingest), so both give the same annotations
_RAW_FIELDS = ("location", "record", "text", "title", "published", "url", "external_id", "outlet", "lang",
               "title_in_text")


def schema() -> Any:
    """The Arrow schema of an analysed row (one Parquet column per field; annotations as nested lists)."""
    import pyarrow as pa

    entity = pa.struct([("text", pa.string()), ("type", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                        ("normalized", pa.string())])
    mention = pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("value", pa.string()),
                         ("precision", pa.string()), ("modifier", pa.string()), ("resolved", pa.bool_()),
                         ("kind", pa.string()), ("reason", pa.string())])
    return pa.schema([
        ("input_no", pa.int64()), ("record_no", pa.int64()),
        ("kind", pa.string()),  # "article" or "rejection"
        ("source", pa.string()), ("reason", pa.string()), ("code", pa.string()),  # a rejection
        ("id", pa.string()), ("title", pa.string()), ("text", pa.string()), ("lang", pa.string()),
        ("lang_confidence", pa.float64()), ("published", pa.string()), ("published_precision", pa.string()),
        ("published_start", pa.string()), ("published_note", pa.string()),
        ("src_location", pa.string()), ("src_record", pa.string()), ("src_url", pa.string()),
        ("src_outlet", pa.string()), ("src_external_id", pa.string()),
        ("signature", pa.binary()),  # MinHash signature, uint32 little-endian, as the store keeps it
        ("entities", pa.list_(entity)), ("mentions", pa.list_(mention)),
        ("embedding", pa.list_(pa.float32(), DIM)),  # of the lead text of a non-boilerplate article
    ])


def read_rows(row: dict[str, Any], options: IngestOptions) -> Iterator[dict[str, Any]]:
    """The records of one input file as rows {input_no, record_no, item}: `item` is the record or rejection as JSON."""
    number = 0
    for item in read(expand([row["location"]])[0], options):
        if isinstance(item, Rejection):
            payload = {"rejection": [item.source, item.reason, item.code]}
        else:
            payload = {"raw": [getattr(item, f) for f in _RAW_FIELDS]}
        yield {"input_no": int(row["input_no"]), "record_no": number, "item": json.dumps(payload, ensure_ascii=False)}
        number += 1


def _raw(payload: dict[str, Any]) -> RawRecord | Rejection:
    if "rejection" in payload:
        return Rejection(*payload["rejection"])
    return RawRecord(**dict(zip(_RAW_FIELDS, payload["raw"], strict=True)))


def _failed(raw: RawRecord | Rejection, exc: BaseException) -> Rejection:
    detail = f"{type(exc).__name__}: {exc}"[:300]
    return Rejection(raw.origin if isinstance(raw, RawRecord) else raw.source, Reasons.format("R181", detail=detail),
                     "R181")


def analyse_rows(rows: list[dict[str, Any]], options: IngestOptions, now: datetime) -> list[dict[str, Any]]:
    """Prepare, analyse and embed a batch of read rows; a record that makes a stage fail is rejected (R181)."""
    out: list[dict[str, Any]] = []
    articles: list[tuple[dict[str, Any], Article]] = []
    for row in rows:
        raw = _raw(json.loads(row["item"]))
        base = {"input_no": row["input_no"], "record_no": row["record_no"]}
        try:
            item = raw if isinstance(raw, Rejection) else prepare(raw, options, now)
            if isinstance(item, Article):
                entities, mentions = analyse_text(analysed_text(item.title, item.text), item.lang, item.published,
                                                  item.published_precision.value if item.published_precision else None,
                                                  backend=BACKEND)
        except Exception as exc:  # one bad record must not stop the others
            log.warning("backfill: record %s failed: %s", base, exc)
            item = _failed(raw, exc)
        if isinstance(item, Rejection):
            out.append(base | {"kind": "rejection", "source": item.source, "reason": item.reason, "code": item.code})
            continue
        src = item.sources[0]
        result = base | {
            "kind": "article", "id": item.id, "title": item.title, "text": item.text, "lang": item.lang,
            "lang_confidence": item.lang_confidence, "published": item.published,
            "published_precision": item.published_precision.value if item.published_precision else None,
            "published_start": item.published_start, "published_note": item.published_note,
            "src_location": src.location, "src_record": src.record, "src_url": src.url, "src_outlet": src.outlet,
            "src_external_id": src.external_id, "signature": item.signature,
            "entities": [e.to_dict() for e in entities],
            "mentions": [_mention_dict(m) for m in mentions],
        }
        out.append(result)
        articles.append((result, item))
    _embed_into(articles)
    return out


def _embed_into(articles: list[tuple[dict[str, Any], Article]]) -> None:
    lead = Weights().lead_chars
    texts = [lead_text(Doc(a.id, a.title, a.text), lead) for _, a in articles]
    for (row, art), vector in zip(articles, embed_each(texts), strict=True):
        if isinstance(vector, BaseException):  # that record is rejected; the others keep their vectors
            rej = _failed(RawRecord(art.sources[0].location, art.sources[0].record), vector)
            keep = {"input_no": row["input_no"], "record_no": row["record_no"]}
            row.clear()
            row.update(keep | {"kind": "rejection", "source": rej.source, "reason": rej.reason, "code": rej.code})
        else:
            row["embedding"] = vector.tolist()


def _mention_dict(m: TimeMention) -> dict[str, Any]:
    return {"text": m.text, "start": m.start, "end": m.end, "value": m.value, "precision": m.precision,
            "modifier": m.modifier, "resolved": m.resolved, "kind": m.kind, "reason": m.reason}


def to_item(row: dict[str, Any]) -> Article | Rejection:
    """A stored row as the article or rejection `Store.add_batch` takes."""
    if row["kind"] == "rejection":
        return Rejection(row["source"], row["reason"], row["code"])
    return Article(
        id=row["id"], title=row["title"], text=row["text"], lang=row["lang"], lang_confidence=row["lang_confidence"],
        published=row["published"],
        published_precision=Precision(row["published_precision"]) if row["published_precision"] else None,
        published_start=row["published_start"], published_note=row["published_note"],
        sources=[Source(row["src_location"], row["src_record"], row["src_url"], row["src_outlet"],
                        row["src_external_id"])],
        signature=row["signature"])


def annotations_of(row: dict[str, Any]) -> tuple[list[Entity], list[TimeMention]]:
    """The entities and time mentions stored in a row."""
    return ([Entity(**e) for e in row["entities"] or []], [TimeMention(**m) for m in row["mentions"] or []])
