"""Full-text searches take turns, so that expensive ones cannot hold up the rest of the server.

:class:`SearchQueueMiddleware` lets at most `running` searches through to the application at once; the
next `waiting` ones wait for a turn in the event loop (an awaited future: no worker thread, no database
connection, no CPU), and any beyond those, or one that waited longer than `wait_seconds`, are refused with
503 and ``Retry-After``. Article lists, pages and health answers never queue behind searches, and each
search is stopped by its time budget (:func:`storyline.store.search_query.time_budget`), so a turn ends
within `seconds`. Inside the endpoint, :meth:`SearchGate.turn` gives the budget and turns a refused query
into 400 and a stopped one into 503.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import threading
from collections import deque
from collections.abc import Iterator
from urllib.parse import parse_qs

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import QueryError, SearchMessages, SearchTimeout
from ..store.search_query import fts_query

SEARCH_SECONDS = 2.0  # time budget of one search on the server
RUNNING = max(1, min(4, (os.cpu_count() or 2) // 2))  # searches that run at the same time: half the cores
WAITING = 64  # searches that may wait for a turn; more are refused with 503
WAIT_SECONDS = 15.0  # a search that waited this long for its turn is refused with 503


class SearchGate:
    """At most `running` searches at once and `waiting` more queued (first come, first served); the rest get
    503 with Retry-After. Works across event loops (each waiter is woken in its own)."""

    def __init__(self, running: int = RUNNING, waiting: int = WAITING, seconds: float = SEARCH_SECONDS,
                 wait_seconds: float = WAIT_SECONDS) -> None:
        self.running = running
        self.waiting = waiting
        self.seconds = seconds
        self.wait_seconds = wait_seconds
        self._lock = threading.Lock()
        self._active = 0
        self._waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = deque()

    @property
    def active(self) -> int:
        """Searches running now."""
        return self._active

    @property
    def queued(self) -> int:
        """Searches waiting for their turn now."""
        return len(self._waiters)

    def full(self) -> bool:
        """True while as many searches run and wait as the gate admits."""
        return self._active >= self.running and len(self._waiters) >= self.waiting

    @property
    def retry_after(self) -> int:
        """Seconds after which a refused search may find a turn (each search ends within its budget)."""
        return max(1, math.ceil(self.seconds))

    def busy(self) -> HTTPException:
        seconds = self.retry_after
        return HTTPException(503, SearchMessages.BUSY.format(seconds=seconds), headers={"Retry-After": str(seconds)})

    async def enter(self) -> None:
        """Wait for a turn; raises the 503 HTTPException of :meth:`busy` when the queue is full or the wait too long."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._active < self.running and not self._waiters:
                self._active += 1
                return
            if len(self._waiters) >= self.waiting:
                raise self.busy()
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.append((loop, waiter))
        try:
            await asyncio.wait_for(waiter, self.wait_seconds)
        except (TimeoutError, asyncio.CancelledError) as exc:
            with self._lock:
                with contextlib.suppress(ValueError):
                    self._waiters.remove((loop, waiter))
            # a turn handed over meanwhile is given back by _grant, which sees the future cancelled
            if isinstance(exc, asyncio.CancelledError):
                raise
            raise self.busy() from None

    def leave(self) -> None:
        """End a turn: hand it to the first waiter, or free it."""
        with self._lock:
            while self._waiters:
                loop, waiter = self._waiters.popleft()
                if waiter.done():
                    continue
                try:
                    loop.call_soon_threadsafe(self._grant, waiter)
                except RuntimeError:  # that waiter's event loop has closed
                    continue
                return
            self._active -= 1

    def _grant(self, waiter: asyncio.Future[None]) -> None:
        if waiter.done():  # it stopped waiting (timeout, disconnect) after the turn was handed to it
            self.leave()
        else:
            waiter.set_result(None)

    @contextlib.contextmanager
    def turn(self) -> Iterator[float]:
        """Inside an endpoint: yields the search's time budget in seconds, and turns a refused query
        (:class:`QueryError`) into 400 and one that ran out of time (:class:`SearchTimeout`) into 503."""
        try:
            yield self.seconds
        except QueryError as exc:
            raise HTTPException(400, str(exc)) from exc
        except SearchTimeout as exc:
            raise HTTPException(503, str(exc), headers={"Retry-After": str(self.retry_after)}) from exc

    def maybe(self, needed: bool) -> contextlib.AbstractContextManager[float | None]:
        """:meth:`turn` when the request searches (`needed`), else nothing (and no budget)."""
        return self.turn() if needed else contextlib.nullcontext(None)


# Requests that run a full-text search when they carry one of these parameters (non-empty).
SEARCHING = {"/api/search": ("q",), "/search": ("q",), "/api/articles": ("q",), "/articles": ("q",),
             "/api/stories": ("q", "entity"), "/stories": ("q", "entity")}


def _searches(name: str, value: str) -> bool:
    """Whether this parameter makes the request search: a query that is refused (400) does not wait its turn."""
    if not value.strip():
        return False
    if name != "q":
        return True
    try:
        return fts_query(value) is not None
    except QueryError:
        return False


class SearchQueueMiddleware:
    """Requests that search (:data:`SEARCHING`) take turns through the :class:`SearchGate`; the 503 of a full
    queue is answered here, from the event loop, at next to no cost to the server."""

    def __init__(self, app: ASGIApp, gate: SearchGate) -> None:
        self.app = app
        self.gate = gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        names = SEARCHING.get(scope.get("path", "")) if scope["type"] == "http" else None
        if names:
            params = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            if any(_searches(name, value) for name in names for value in params.get(name, ())):
                try:
                    await self.gate.enter()
                except HTTPException as busy:
                    await self._refuse(busy, scope, receive, send)
                    return
                try:
                    await self.app(scope, receive, send)
                finally:
                    self.gate.leave()
                return
        await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(busy: HTTPException, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        response: Response
        page = request.app.state.storyline.error_page  # set when the web pages are mounted (storyline.web)
        if page is not None and not request.url.path.startswith("/api") and \
                "text/html" in request.headers.get("accept", ""):
            response = page(request, busy.status_code, busy.detail)
            response.headers.update(busy.headers or {})
        else:
            response = JSONResponse({"detail": busy.detail}, status_code=busy.status_code, headers=busy.headers)
        await response(scope, receive, send)
