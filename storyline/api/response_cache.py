"""Finished answers of the read-only story pages and endpoints, kept until the database changes.

The story list and story pages of a large archive are read far more often than it changes. Their
answers (status 200 only, no cookie set) are kept per URL, interface language and database state
(:func:`storyline.store.entities_query.file_fingerprint`: the file and its write-ahead log), so a
repeated request costs a dictionary lookup; any committed write makes every kept answer stale. Each
answer carries an ``ETag``, and a request whose ``If-None-Match`` matches gets ``304 Not Modified``.
``STORYLINE_RESPONSE_CACHE=0`` in the server's environment turns it off (to measure what it saves).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ..store.entities_query import file_fingerprint

MAX_ENTRIES = 2000
MAX_BYTES = 64 * 1024 * 1024
_KEPT_HEADERS = ("content-type", "content-language")
# The paths whose answers are kept: the story list and one story, as pages and as JSON.
CACHED_PATHS = re.compile(r"^/(?:api/)?stories(?:/[^/]+)?$")


def _no_pages(request: Request) -> str | None:
    return None




class ResponseCache:
    """An LRU of finished responses keyed by request and database state (thread-safe)."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES, enabled: bool = True) -> None:
        self.enabled = enabled
        # What besides the URL decides a page's answer (the web app sets its interface language:
        # storyline.web.i18n.page_variant); None: the answer is neither kept nor served kept.
        self.page_variant: Callable[[Request], str | None] = _no_pages
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[Any, ...], tuple[bytes, dict[str, str], str]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._state: dict[str, tuple[Any, ...]] = {}  # database file -> the state its kept answers belong to

    def key(self, request: Request, db_path: str) -> tuple[Any, ...] | None:
        """The key of this request's answer now, or None when it cannot be kept."""
        if not self.enabled or request.method != "GET" or not db_path or db_path == ":memory:":
            return None
        vary = "json" if request.url.path.startswith("/api/") else self.page_variant(request)
        if vary is None:
            return None
        query = "&".join(sorted(request.url.query.split("&"))) if request.url.query else ""
        return file_fingerprint(db_path), request.url.path, query, vary

    def lookup(self, request: Request, key: tuple[Any, ...] | None) -> Response | None:
        """The kept answer for `key` (304 when the client has it already), or None."""
        if key is None:
            return None
        with self._lock:
            hit = self._items.get(key)
            if hit is None:
                return None
            self._items.move_to_end(key)
        body, headers, etag = hit
        if _matches(request, etag):
            return Response(status_code=304, headers={"ETag": etag})
        return Response(content=body, headers={**headers, "ETag": etag, "X-Storyline-Cache": "hit"})

    def answer(self, request: Request, db_path: str, build: Callable[[], Response]) -> Response:
        """The kept answer to this request when the database is unchanged, else `build()` (kept if cacheable)."""
        key = self.key(request, db_path)
        kept = self.lookup(request, key)
        if kept is not None:
            return kept
        response = build()
        if key is None:
            return response
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
        if len(body) > self.max_bytes // 8 or file_fingerprint(key[0][0]) != key[0]:  # too big, or stale already
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old[0])
            path, state = key[0][0], key[0]
            if self._state.get(path) != state:  # the database changed: its older answers are never served again
                self._state[path] = state
                for k in [k for k in self._items if k[0][0] == path]:
                    self._bytes -= len(self._items.pop(k)[0])
            self._items[key] = (body, headers, etag)
            self._bytes += len(body)
            while self._items and (len(self._items) > self.max_entries or self._bytes > self.max_bytes):
                _, (dropped, _, _) = self._items.popitem(last=False)
                self._bytes -= len(dropped)


def _matches(request: Request, etag: str) -> bool:
    wanted = request.headers.get("if-none-match", "")
    return bool(wanted) and (wanted.strip() == "*" or etag in [t.strip() for t in wanted.split(",")])


RESPONSES = ResponseCache(enabled=os.environ.get("STORYLINE_RESPONSE_CACHE", "1") != "0")


class CachedAnswersMiddleware:
    """Serve kept answers straight from the event loop: no worker thread, no database connection."""

    def __init__(self, app: ASGIApp, db_path: str, cache: ResponseCache | None = None) -> None:
        self.app = app
        self.db_path = db_path
        self.cache = cache or RESPONSES

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and CACHED_PATHS.match(scope["path"]):
            request = Request(scope)
            kept = self.cache.lookup(request, self.cache.key(request, self.db_path))
            if kept is not None:
                await kept(scope, receive, send)
                return
        await self.app(scope, receive, send)

