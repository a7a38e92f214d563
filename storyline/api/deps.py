"""What the routers share: the per-request read-only archive, the single writer, the token check."""

from __future__ import annotations

import errno
import hmac
import math
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import Response

from ..archive import Archive, open_archive
from ..errors import DatabaseError, ServerMessages
from ..models import IngestReport, Rejection
from .search_gate import SearchGate


class Writer:
    """The one connection that writes; requests that write take turns on its lock."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._archive: Archive | None = None
        self._lock = threading.Lock()

    def open(self) -> None:
        """Open (creating and migrating if needed) the database for writing."""
        with self._lock:
            if self._archive is None:
                self._archive = open_archive(self.db_path)

    def ingest_records(self, records: list[dict[str, Any] | Rejection], *, location: str,
                       cluster: bool = False) -> tuple[IngestReport, int]:
        """Ingest records in one go (assigning new articles to stories with `cluster`); returns the report
        and the number of articles afterwards."""
        with self._lock:
            if self._archive is None:
                self._archive = open_archive(self.db_path)
            try:
                report = self._archive.ingest_records(records, location=location, cluster=cluster)
            except (sqlite3.Error, DatabaseError, OSError) as exc:
                self._archive.close()  # rolled back; the next batch starts on a fresh connection
                self._archive = None
                if disk_full(exc):
                    raise HTTPException(507, ServerMessages.DISK_FULL.format(name=self.db_path.name)) from exc
                if isinstance(exc, DatabaseError):
                    raise HTTPException(503, ServerMessages.UNREADABLE.format(
                        reason=without_path(str(exc), self.db_path))) from exc
                raise
            return report, len(self._archive)

    def close(self) -> None:
        with self._lock:
            if self._archive is not None:
                self._archive.close()
                self._archive = None


def disk_full(exc: BaseException) -> bool:
    """Whether `exc`, or an exception it was raised from, says that the disk (or the database's size limit) is full."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(current) \
                or (isinstance(current, OSError) and current.errno == errno.ENOSPC):
            return True
        current = current.__cause__ or current.__context__
    return False


def without_path(message: str, db_path: Path) -> str:
    """`message` with the database's full path replaced by its file name (answers never show where files are)."""
    for form in {str(db_path), str(db_path.resolve()), str(db_path.absolute())}:
        message = message.replace(form, db_path.name)
    return message


class TokenGuard:
    """Slows down token guessing: after `free` wrong tokens from one client (within `window` seconds of each
    other), each further wrong token locks that client out for twice as long as the last (1 s, 2 s, 4 s, ... at
    most `longest`); while locked out, every write request of that client gets 429 with Retry-After, whatever
    token it carries. A right token ends the count."""

    def __init__(self, free: int = 5, window: float = 600.0, longest: float = 300.0,
                 clock: Callable[[], float] = time.monotonic, clients: int = 10_000) -> None:
        self.free, self.window, self.longest, self.clock, self.clients = free, window, longest, clock, clients
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, tuple[int, float, float]] = OrderedDict()  # client: count, last, locked until

    def check(self, client: str) -> None:
        """Raise 429 while `client` is locked out."""
        with self._lock:
            entry = self._failures.get(client)
        if entry is None:
            return
        failures, _, until = entry
        wait = until - self.clock()
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            raise HTTPException(429, ServerMessages.TOKEN_LOCKED.format(failures=failures, seconds=seconds),
                                headers={"Retry-After": str(seconds)})

    def failed(self, client: str) -> None:
        now = self.clock()
        with self._lock:
            failures, last, _ = self._failures.pop(client, (0, now, now))
            failures = failures + 1 if now - last <= self.window else 1
            until = now + min(self.longest, 2.0 ** (failures - self.free - 1)) if failures > self.free else now
            self._failures[client] = (failures, now, until)
            while len(self._failures) > self.clients:
                self._failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


# What this server offers, as /api/health reports it (every installation has all of them).
FEATURES = {"stories": True, "timelines": True, "entities": True, "export": True}


@dataclass
class AppState:
    """Configuration of one application instance (kept in ``app.state.storyline``)."""

    db_path: Path
    token: str | None
    max_body_bytes: int
    writer: Writer
    features: dict[str, bool] = field(default_factory=lambda: dict(FEATURES))  # what /api/health reports
    # How an error is shown to a browser (set by storyline.web when the pages are mounted); None: JSON only.
    error_page: Callable[[Request, int, str], Response] | None = None
    search: SearchGate = field(default_factory=SearchGate)  # full-text searches take turns
    tokens: TokenGuard = field(default_factory=TokenGuard)  # wrong-token guesses are slowed down

    @property
    def writes_enabled(self) -> bool:
        return self.token is not None


def state(request: Request) -> AppState:
    return request.app.state.storyline


StateDep = Annotated[AppState, Depends(state)]


def reader(request: Request) -> Iterator[Archive]:
    """A read-only connection for the duration of one request (SQLite WAL: readers never block the writer)."""
    st: AppState = request.app.state.storyline
    try:
        archive = open_archive(st.db_path, readonly=True)
    except DatabaseError as exc:
        raise HTTPException(503, ServerMessages.UNREADABLE.format(reason=without_path(str(exc), st.db_path))) from exc
    try:
        yield archive
    finally:
        archive.close()


ReaderDep = Annotated[Archive, Depends(reader)]


def require_token(request: Request, st: StateDep) -> None:
    """Write endpoints: off without a configured token; with one, `Authorization: Bearer TOKEN` is required."""
    if st.token is None:
        raise HTTPException(403, "write endpoints are disabled on this server; start it with "
                                 "'storyline serve --token TOKEN' (or set STORYLINE_TOKEN) to enable them")
    client = request.client.host if request.client else "unknown"
    st.tokens.check(client)
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not header:
        raise HTTPException(401, "this endpoint needs the header 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "malformed Authorization header; send 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), st.token.encode()):
        st.tokens.failed(client)
        raise HTTPException(403, "the token is not valid for this server")
    st.tokens.succeeded(client)


def chunked(items: Iterable[str], size: int = 500) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
