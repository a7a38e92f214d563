"""Full-text searches take turns, so that expensive ones cannot hold up the rest of the server.

A search runs in the request's worker thread, but only while it holds one of a few *running* slots;
a few more requests may wait for a slot, and any beyond those are refused at once with 503 and
``Retry-After``. The worker threads every other request needs (article lists, pages, health) are
never all taken by searches, and each search is stopped by its time budget
(:func:`storyline.store.search_query.time_budget`), so a slot is given back within that budget.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Iterator

from fastapi import HTTPException

from ..errors import QueryError, SearchMessages, SearchTimeout

SEARCH_SECONDS = 2.0  # time budget of one search on the server
RUNNING = 2  # searches that run at the same time
WAITING = 6  # searches that may wait for a turn; more are refused with 503


class SearchGate:
    """At most `running` searches at once, `waiting` more queued; the rest get 503 with Retry-After."""

    def __init__(self, running: int = RUNNING, waiting: int = WAITING, seconds: float = SEARCH_SECONDS) -> None:
        self.running = running
        self.waiting = waiting
        self.seconds = seconds
        self._slots = threading.BoundedSemaphore(running)
        self._lock = threading.Lock()
        self._admitted = 0

    @property
    def retry_after(self) -> int:
        """Seconds after which a refused search may find a turn (each search ends within its budget)."""
        return max(1, math.ceil(self.seconds))

    def busy(self) -> HTTPException:
        seconds = self.retry_after
        return HTTPException(503, SearchMessages.BUSY.format(seconds=seconds), headers={"Retry-After": str(seconds)})

    def maybe(self, needed: bool) -> contextlib.AbstractContextManager[float | None]:
        """:meth:`turn` when the request searches (`needed`), else nothing to wait for (and no budget)."""
        return self.turn() if needed else contextlib.nullcontext(None)

    @contextlib.contextmanager
    def turn(self) -> Iterator[float]:
        """Hold a running slot for one search; yields its time budget in seconds.

        Raises HTTPException 503 when the queue is full (or no slot came free in time), 400 for a query that is
        refused (:class:`QueryError`) and 503 for one that ran out of time (:class:`SearchTimeout`).
        """
        with self._lock:
            if self._admitted >= self.running + self.waiting:
                raise self.busy()
            self._admitted += 1
        try:
            # a waiting search is behind at most `waiting` others, each ending within its budget
            if not self._slots.acquire(timeout=self.seconds * (1 + self.waiting / self.running)):
                raise self.busy()
            try:
                yield self.seconds
            except QueryError as exc:
                raise HTTPException(400, str(exc)) from exc
            except SearchTimeout as exc:
                raise HTTPException(503, str(exc), headers={"Retry-After": str(self.retry_after)}) from exc
            finally:
                self._slots.release()
        finally:
            with self._lock:
                self._admitted -= 1
