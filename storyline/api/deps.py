"""What the routers share: the per-request read-only archive, the single writer, the token check."""

from __future__ import annotations

import hmac
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request

from ..archive import Archive, open_archive
from ..errors import DatabaseError
from ..models import IngestReport, Rejection


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
            extra = {"cluster": True} if cluster else {}
            report = self._archive.ingest_records(records, location=location, **extra)
            return report, len(self._archive)

    def close(self) -> None:
        with self._lock:
            if self._archive is not None:
                self._archive.close()
                self._archive = None


@dataclass
class AppState:
    """Configuration of one application instance (kept in ``app.state.storyline``)."""

    db_path: Path
    token: str | None
    max_body_bytes: int
    writer: Writer
    features: dict[str, bool] = field(default_factory=dict)  # optional features the library has
    pages: dict[str, bool] = field(default_factory=dict)  # ... and those with web pages mounted

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
        raise HTTPException(503, f"the database cannot be read: {exc}") from exc
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
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not header:
        raise HTTPException(401, "this endpoint needs the header 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "malformed Authorization header; send 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), st.token.encode()):
        raise HTTPException(403, "the token is not valid for this server")


def chunked(items: Iterable[str], size: int = 500) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
