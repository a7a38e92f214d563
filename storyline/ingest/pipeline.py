"""Ingest: read inputs, prepare articles (in worker processes when the input is large), store them in batches."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from functools import partial
from typing import BinaryIO

from ..config import IngestOptions
from ..models import IngestReport, RawRecord, Rejection
from ..store.sqlite import Store
from ..workers import Job, Pool
from .duplicates import NearDuplicates
from .inputs import Input, expand
from .language import warm as warm_language
from .prepare import prepare_unit, worker_died
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


class _Reader:
    """The chunks of an iterator, read ahead by a thread (at most `depth` chunks); its exceptions reach `next`."""

    _END = object()

    def __init__(self, chunks: Iterator[list[RawRecord | Rejection]], depth: int = 2) -> None:
        self.queue: queue.Queue = queue.Queue(maxsize=depth)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(chunks,), name="storyline-reader", daemon=True)

    def _put(self, value: object) -> bool:
        while not self.stopped.is_set():
            try:
                self.queue.put(value, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def _run(self, chunks: Iterator[list[RawRecord | Rejection]]) -> None:
        try:
            for chunk in chunks:
                if not self._put(chunk):
                    return
        except BaseException as exc:  # handed to the main thread, which raises it
            self._put(exc)
            return
        self._put(self._END)

    def ready(self) -> bool:
        """Whether `next` would return at once."""
        return not self.queue.empty()

    def next(self) -> list[RawRecord | Rejection] | None:
        """The next chunk, or None at the end."""
        value = self.queue.get()
        if value is self._END:
            self.queue.put(self._END)
            return None
        if isinstance(value, BaseException):
            raise value
        return value

    def __enter__(self) -> _Reader:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()


def ingest(store: Store, paths: list[str] | tuple[str, ...], options: IngestOptions | None = None, *,
           stdin: BinaryIO | None = None, progress: Progress | None = None,
           now: datetime | None = None, pool: Pool | None = None) -> IngestReport:
    """Ingest files, directories, globs or '-' (standard input) into `store`; resumable and idempotent."""
    options = options or IngestOptions()
    inputs = expand(list(paths), stdin=stdin, follow_links=options.follow_links)
    return ingest_records(store, iter_records(inputs, options), options, progress=progress, now=now, pool=pool)


def ingest_records(store: Store, records: Iterable[RawRecord | Rejection], options: IngestOptions | None = None, *,
                   progress: Progress | None = None, now: datetime | None = None,
                   pool: Pool | None = None) -> IngestReport:
    """Prepare and store already-read records (the entry point for streams and the HTTP API).

    Records are prepared in `pool`'s workers (else a pool of `options.workers` for this call) while this
    process stores the chunks before them, in input order; an input of fewer than a few hundred records is
    prepared in this process.
    """
    options = options or IngestOptions()
    now = now or datetime.now(UTC)
    if pool is None:
        with Pool(options.workers, models=(warm_language,)) as own:
            return ingest_records(store, records, options, progress=progress, now=now, pool=own)
    report = IngestReport()
    copies_before, boilerplate_before = store.group_counts()
    started = time.perf_counter()
    task = partial(prepare_unit, options, now)
    pending: deque[tuple[list[RawRecord | Rejection], Job]] = deque()

    def write(chunk: list[RawRecord | Rejection], job: Job) -> None:
        store.add_batch(job.result(), report, duplicates=NearDuplicates(options.near_duplicate_threshold))
        if progress:
            last = chunk[-1]
            progress(len(chunk), last.location if isinstance(last, RawRecord) else last.source)

    # Workers prepare the next chunks while this process writes the current one; at most a few chunks
    # are in flight, so memory stays flat whatever the input size. Reading runs in a thread, so that a
    # chunk is written as soon as it is prepared even while the input (a pipe, a stream) makes us wait.
    with _Reader(_chunks(iter(records), options.batch_size)) as reader:
        while True:
            if pending and (len(pending) > (pool.workers if pool.ready() else 0) or not reader.ready()):
                write(*pending.popleft())
                continue
            try:
                chunk = reader.next()
            except Exception:  # reading failed: what was read before is stored first, as in-order reading would
                while pending:
                    write(*pending.popleft())
                raise
            if chunk is None:
                break
            if len(chunk) >= pool.in_process_below:
                pool.prestart()  # a large input: the workers load their models while the first chunks are stored
            # Preparing is cheap: it goes to the workers only once they are ready (the results are the same).
            pending.append((chunk, pool.submit(task, chunk, worker_died, remote=pool.ready())))
        while pending:
            write(*pending.popleft())
    copies_after, boilerplate_after = store.group_counts()
    # Groups can be re-formed while a run goes on, so count what the run changed in the end.
    report.near_duplicates = max(0, copies_after - copies_before)
    report.boilerplate = max(0, boilerplate_after - boilerplate_before)
    report.seconds = time.perf_counter() - started
    log.info("ingest: %d accepted, %d duplicates, %d near-duplicates, %d already stored, %d rejected in %.1fs",
             report.accepted, report.duplicates, report.near_duplicates, report.already_stored,
             len(report.rejected), report.seconds)
    return report
