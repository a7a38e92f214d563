"""Ingest: read inputs, prepare articles (optionally in worker processes), store them in batches."""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, BinaryIO

from ..config import IngestOptions
from ..models import Article, IngestReport, RawRecord, Rejection
from ..store.sqlite import Store
from .duplicates import NearDuplicates
from .inputs import Input, expand
from .prepare import prepare_contained
from .readers import read

log = logging.getLogger(__name__)
Progress = Callable[[int, str], None]


def iter_records(inputs: Iterable[Input], options: IngestOptions) -> Iterator[RawRecord | Rejection]:
    """Every record of every input, in order."""
    for item in inputs:
        log.debug("reading %s", item.location)
        yield from read(item, options)


def _chunks(items: Iterator[RawRecord | Rejection], size: int) -> Iterator[list[RawRecord | Rejection]]:
    chunk: list[RawRecord | Rejection] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_WORKER_OPTIONS: IngestOptions | None = None
_WORKER_NOW: datetime | None = None


def _init_worker(options: IngestOptions, now: datetime) -> None:
    global _WORKER_OPTIONS, _WORKER_NOW
    _WORKER_OPTIONS, _WORKER_NOW = options, now


def _prepare_in_worker(item: RawRecord | Rejection) -> Article | Rejection:
    assert _WORKER_OPTIONS is not None and _WORKER_NOW is not None
    return item if isinstance(item, Rejection) else prepare_contained(item, _WORKER_OPTIONS, _WORKER_NOW)


def ingest(store: Store, paths: list[str] | tuple[str, ...], options: IngestOptions | None = None, *,
           stdin: BinaryIO | None = None, progress: Progress | None = None,
           now: datetime | None = None) -> IngestReport:
    """Ingest files, directories, globs or '-' (standard input) into `store`; resumable and idempotent."""
    options = options or IngestOptions()
    inputs = expand(list(paths), stdin=stdin, follow_links=options.follow_links)
    return ingest_records(store, iter_records(inputs, options), options, progress=progress, now=now)


def ingest_records(store: Store, records: Iterable[RawRecord | Rejection], options: IngestOptions | None = None, *,
                   progress: Progress | None = None, now: datetime | None = None) -> IngestReport:
    """Prepare and store already-read records (the entry point for streams and the HTTP API)."""
    options = options or IngestOptions()
    now = now or datetime.now(UTC)
    report = IngestReport()
    copies_before, boilerplate_before = store.group_counts()
    started = time.perf_counter()
    pool = None
    if options.workers > 1:
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
        pool = ctx.Pool(options.workers, initializer=_init_worker, initargs=(options, now))
    pending: deque[tuple[list[RawRecord | Rejection], Any]] = deque()

    def write(chunk: list[RawRecord | Rejection], prepared: list[Article | Rejection]) -> None:
        store.add_batch(prepared, report, duplicates=NearDuplicates(options.near_duplicate_threshold))
        if progress:
            last = chunk[-1]
            progress(len(chunk), last.location if isinstance(last, RawRecord) else last.source)

    try:
        for chunk in _chunks(iter(records), options.batch_size):
            if pool is None:
                write(chunk, [c if isinstance(c, Rejection) else prepare_contained(c, options, now) for c in chunk])
                continue
            # Workers prepare the next chunks while this process writes the current one; at most
            # a few chunks are in flight, so memory stays flat whatever the input size.
            pending.append((chunk, pool.map_async(_prepare_in_worker, chunk,
                                                  chunksize=max(1, len(chunk) // (options.workers * 2)))))
            if len(pending) > options.workers:
                done, result = pending.popleft()
                write(done, result.get())
        while pending:
            done, result = pending.popleft()
            write(done, result.get())
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    copies_after, boilerplate_after = store.group_counts()
    # Groups can be re-formed while a run goes on, so count what the run changed in the end.
    report.near_duplicates = max(0, copies_after - copies_before)
    report.boilerplate = max(0, boilerplate_after - boilerplate_before)
    report.seconds = time.perf_counter() - started
    log.info("ingest: %d accepted, %d duplicates, %d near-duplicates, %d already stored, %d rejected in %.1fs",
             report.accepted, report.duplicates, report.near_duplicates, report.already_stored,
             len(report.rejected), report.seconds)
    return report
