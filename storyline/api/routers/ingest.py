"""POST /api/ingest: a batch of articles in the JSON Lines shape of the command line (write endpoint)."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from ...config import FIELD_NAMES
from ...errors import Reasons
from ...ingest.readers import UnreadableJSON, loads_json
from ...models import Rejection
from ..deps import StateDep, require_token
from ..schemas import ErrorOut, IngestOut

router = APIRouter(prefix="/api", tags=["ingest"])
_ORIGIN = re.compile(r"^[\w.\-:/@ ]{1,100}$")

_EXAMPLE = [{"id": "nos-123", "title": "Kabinet: Schiphol moet krimpen", "published": "2022-06-24",
             "source": "NOS", "url": "https://example.org/123", "lang": "nl",
             "text": "Het kabinet wil het aantal vluchten op Schiphol terugbrengen naar 440.000 per jaar."}]


# One article as the endpoint accepts it: every field text, a number (read as text) or null; `text` may also be a
# list of paragraphs. Other fields are ignored. A record without text is not refused by the request: it is listed
# in `rejected` with the reason (R003), as on the command line.
_RECORD_SCHEMA = {"type": "object", "properties": {
    name: {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]
           + ([{"type": "array", "items": {"type": "string"}}] if name == "text" else [])}
    for name in FIELD_NAMES}}


class BodyTooLarge(Exception):
    """The request body passed the configured limit while it was read."""


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (413) as soon as it grows past `limit` bytes."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request body is larger than the {limit:,}-byte limit; "
                                     f"split the batch into smaller ones")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_batch(body: bytes, origin: str = "api") -> list[dict[str, Any] | Rejection]:
    """Articles from a JSON array, one JSON object, or JSON Lines; 400/422 with the reason when malformed.

    A JSON Lines record that is valid JSON but cannot be held (nested too deeply, an integer too long) is
    rejected on its own, as the command line does; the rest of the batch is stored."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HTTPException(400, f"request body is not UTF-8 text (invalid byte at position {exc.start})") from exc
    stripped = text.strip()
    if not stripped:
        raise HTTPException(400, "request body is empty; send a JSON array of article objects or JSON Lines "
                                 "(one object per line) with the fields text, title, published, url, id, source, lang")
    items: list[Any]
    whole: Any = None
    if stripped[0] in "[{":
        try:
            whole = loads_json(stripped)
        except UnreadableJSON as exc:
            if stripped[0] == "[":
                raise HTTPException(400, f"request body cannot be read: {exc}; send JSON Lines (one object per "
                                         f"line) so that only that record is rejected") from exc
        except json.JSONDecodeError as exc:
            if stripped[0] == "[":
                raise HTTPException(400, f"request body is not valid JSON: {exc.msg} at line {exc.lineno}, "
                                         f"column {exc.colno}") from exc
    if isinstance(whole, list):
        items = whole
    elif isinstance(whole, dict):
        items = [whole]
    else:
        items = []
        for number, line in enumerate(stripped.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                items.append(loads_json(line))
            except UnreadableJSON as exc:
                items.append(Rejection(f"{origin}:{len(items) + 1}", Reasons.format("R018", line=number, detail=exc),
                                       "R018"))
            except json.JSONDecodeError as exc:
                raise HTTPException(400, f"line {number} of the request body is not valid JSON ({exc.msg} at "
                                         f"column {exc.colno}); send one JSON object per line, or a JSON array") from exc
    if not items:
        raise HTTPException(422, "the batch holds no articles; send at least one object with a 'text' field")
    return [item if isinstance(item, Rejection) else _record(number, item)
            for number, item in enumerate(items, start=1)]


def _record(number: int, item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise HTTPException(422, f"item {number} of the batch is {_kind(item)}, not a JSON object; each article is an "
                                 f"object with the fields {', '.join(FIELD_NAMES)}")
    record: dict[str, Any] = {}
    for name in FIELD_NAMES:
        value = item.get(name)
        if name == "text" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "\n\n".join(value)  # paragraphs, as the JSON Lines reader accepts them
        if isinstance(value, bool) or not (value is None or isinstance(value, (str, int, float))):
            raise HTTPException(422, f"item {number} of the batch: field '{name}' is {_kind(value)}; expected text")
        record[name] = value if value is None or isinstance(value, str) else str(value)
    return record


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


@router.post("/ingest", response_model=IngestOut, dependencies=[Depends(require_token)],
             responses={400: {"model": ErrorOut}, 401: {"model": ErrorOut}, 403: {"model": ErrorOut},
                        413: {"model": ErrorOut}, 422: {"model": ErrorOut},
                        429: {"model": ErrorOut, "description": "Too many wrong tokens from this client; wait the "
                                                                "`Retry-After` seconds."},
                        503: {"model": ErrorOut, "description": "The database cannot be opened for writing."},
                        507: {"model": ErrorOut, "description": "The disk holding the database is full; nothing of "
                                                                "the batch was stored."}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": {"anyOf": [
                     {"type": "array", "items": _RECORD_SCHEMA, "minItems": 1}, _RECORD_SCHEMA]},
                     "example": _EXAMPLE},
                 "application/x-ndjson": {"schema": {"type": "string", "description": "JSON Lines: one object per line"}},
             }}})
async def ingest(request: Request, st: StateDep,
                 origin: str = Query("api", json_schema_extra={"pattern": _ORIGIN.pattern}, description="Recorded as the location of the records (their source is "
                                                        "ORIGIN:N). Sending the same batch under the same origin "
                                                        "again adds nothing."),
                 cluster: bool = Query(False, description="Also assign the new articles to stories.")) -> IngestOut:
    """Ingest a batch of articles: a JSON array of objects, one object, or JSON Lines, with the fields text
    (required), title, published, url, id, source and lang. Cleaning, dating, language detection and
    near-duplicate linking are those of `storyline ingest`; records that cannot be stored are listed in
    `rejected` with the reason. Needs `Authorization: Bearer TOKEN`; off when the server has no token."""
    if not _ORIGIN.match(origin):
        raise HTTPException(422, "origin must be 1-100 letters, digits or . - : / @ _ and spaces")
    records = parse_batch(await read_body(request, st.max_body_bytes), origin)
    report, total = await run_in_threadpool(st.writer.ingest_records, records, location=origin, cluster=cluster)
    return IngestOut(**report.to_dict(), new_ids=report.new_ids, articles=total)

