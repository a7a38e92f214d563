"""Finished answers of the read-only story pages and endpoints, kept until the database changes.

The story list and story pages of a large archive are read far more often than it changes. Their
answers (status 200 only, no cookie set) are kept per URL, interface language and database state
(:func:`storyline.store.entities_query.db_fingerprint`: the file and its write-ahead log), so a
repeated request costs a dictionary lookup; any committed write makes every kept answer stale. Each
answer carries an ``ETag``, and a request whose ``If-None-Match`` matches gets ``304 Not Modified``.
``STORYLINE_RESPONSE_CACHE=0`` in the server's environment turns it off (to measure what it saves).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from ..store.entities_query import db_fingerprint

MAX_ENTRIES = 2000
MAX_BYTES = 64 * 1024 * 1024
_KEPT_HEADERS = ("content-type", "content-language")


class ResponseCache:
    """An LRU of finished responses keyed by request and database state (thread-safe)."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES, enabled: bool = True) -> None:
        self.enabled = enabled
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[Any, ...], tuple[bytes, dict[str, str], str]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def answer(self, request: Request, conn: Any, build: Callable[[], Response], *, vary: str = "") -> Response:
        """The kept answer to this request when the database is unchanged, else `build()` (kept if cacheable)."""
        fingerprint = db_fingerprint(conn) if self.enabled else None
        if fingerprint is None:  # off, or in memory: nothing to key on
            return build()
        query = "&".join(sorted(request.url.query.split("&"))) if request.url.query else ""
        key = (fingerprint, request.url.path, query, vary)
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                self.hits += 1
        if hit is not None:
            body, headers, etag = hit
            if _matches(request, etag):
                return Response(status_code=304, headers={"ETag": etag})
            return Response(content=body, headers={**headers, "ETag": etag, "X-Storyline-Cache": "hit"})
        response = build()
        with self._lock:
            self.misses += 1
        if response.status_code != 200 or "set-cookie" in response.headers or not hasattr(response, "body"):
            return response
        body = bytes(response.body)
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        headers = {k: v for k, v in response.headers.items() if k in _KEPT_HEADERS}
        self._put(key, body, headers, etag)
        response.headers["ETag"] = etag
        response.headers["X-Storyline-Cache"] = "miss"
        if _matches(request, etag):
            return Response(status_code=304, headers={"ETag": etag})
        return response

    def _put(self, key: tuple[Any, ...], body: bytes, headers: dict[str, str], etag: str) -> None:
        if len(body) > self.max_bytes // 8:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old[0])
            stale = [k for k in self._items if k[0][0] == key[0][0] and k[0] != key[0]]
            for k in stale:  # answers of an older state of the same database are never served again
                self._bytes -= len(self._items.pop(k)[0])
            self._items[key] = (body, headers, etag)
            self._bytes += len(body)
            while self._items and (len(self._items) > self.max_entries or self._bytes > self.max_bytes):
                _, (dropped, _, _) = self._items.popitem(last=False)
                self._bytes -= len(dropped)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()
            self._bytes = 0


def _matches(request: Request, etag: str) -> bool:
    wanted = request.headers.get("if-none-match", "")
    return bool(wanted) and (wanted.strip() == "*" or etag in [t.strip() for t in wanted.split(",")])


RESPONSES = ResponseCache(enabled=os.environ.get("STORYLINE_RESPONSE_CACHE", "1") != "0")
