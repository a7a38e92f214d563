"""The stages after storing (text stage, stories, timelines), run so that any later run finishes an earlier one's.

Every run registers itself in the store (`ingest_runs`) and notes which articles it stored. What waits for
a stage is a fact of the database (see storyline.store.progress), so after a kill or Ctrl-C the next
`ingest`, `analyse` or `cluster` run finishes it: it analyses every article not analysed yet, assigns in
one pass every article in no story (its own and those of ended or dead runs, in publication order, as
one uninterrupted run would), and builds the timelines of changed stories. A live run's articles are
left to it. One process at a time assigns stories in a database (`cluster_lock`); another waits, saying
so, and a lock whose process is gone is taken over.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Reasons
from .store import progress
from .store.sqlite import MEMORY, Store
from .workers import Pool

if TYPE_CHECKING:
    from .cluster import ClusterReport
    from .cluster.scoring import Weights as ClusterWeights
    from .timeline.options import TimelineOptions

log = logging.getLogger(__name__)
Notify = Callable[[str], None]
HEARTBEAT_SECONDS = 10.0
# A run or lock not heard from for this long is dead even if a process with its pid exists (pid reuse,
# or another host sharing the file).
STALE_SECONDS = 120.0
LOCK_POLL_SECONDS = 0.5
_HOST = socket.gethostname()


def alive(pid: int, host: str, heartbeat: float) -> bool:
    """Whether a run's process still runs: its pid exists (and is no zombie) and it was heard from lately."""
    if time.time() - heartbeat > STALE_SECONDS:
        return False
    if host != _HOST:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def _is_live(r: progress.Run) -> bool:
    return r.ended_at is None and alive(r.pid, r.host, r.heartbeat)


def other_live_runs(store: Store, me: int | None) -> list[int]:
    """Ids of the runs, other than `me`, still working (their waiting articles are theirs to finish)."""
    if not progress.has_tables(store):
        return []
    return [r.id for r in progress.open_runs(store) if r.id != me and _is_live(r)]


_REACHES = {"analyse": ("analyse", "cluster"), "cluster": ("cluster",)}


def left_by(store: Store, stage: str, me: int | None) -> list[int]:
    """`me` and the runs that meant to reach `stage` but stopped (killed or interrupted) with articles waiting.

    Articles a run stored on purpose without the stage (`ingest --raw`) are not among them: they wait
    for an explicit `storyline analyse` or `storyline cluster`.
    """
    runs = [me] if me is not None else []
    if progress.has_tables(store):
        runs += [r.id for r in progress.waiting_runs(store)
                 if r.id != me and r.plan in _REACHES[stage] and not _is_live(r)]
    return runs


class _Heartbeat(threading.Thread):
    """Tells other processes, every few seconds, that this run (and its lock) is alive: its own connection."""

    def __init__(self, path: str, token: str) -> None:
        super().__init__(name="storyline-heartbeat", daemon=True)
        self.path, self.token = path, token
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(HEARTBEAT_SECONDS):
            try:
                conn = sqlite3.connect(self.path, timeout=5, isolation_level=None)
                try:
                    progress.heartbeat(conn, self.token)
                finally:
                    conn.close()
            except sqlite3.Error:  # a busy or full database: try again at the next beat
                log.debug("heartbeat missed", exc_info=True)


@dataclass(slots=True)
class StageReport:
    """What finishing the later stages did."""

    analysed: int = 0
    cluster: ClusterReport | None = None
    timelines: dict[str, Any] | None = None
    waited: float = 0.0


@dataclass
class ActiveRun:
    """A registered run of this process."""

    store: Store
    plan: str
    notify: Notify | None = None
    token: str = field(default_factory=lambda: f"{_HOST}:{os.getpid()}:{uuid.uuid4().hex[:12]}")
    id: int | None = None
    locked: bool = False
    _beat: _Heartbeat | None = None

    def stage(self, name: str) -> None:
        """Record the stage this run is in."""
        if self.id is not None:
            progress.set_stage(self.store, self.id, name)

    def say(self, message: str) -> None:
        """Tell the user (through the caller's `notify`) and the log."""
        log.info("%s", message)
        if self.notify is not None:
            self.notify(message)

    def lock(self) -> float:
        """Take the clustering lock, waiting (with one message) while a live process holds it; return the wait."""
        if self.locked or self.id is None:
            return 0.0
        started, told = time.monotonic(), False
        while True:
            holder = progress.try_lock(self.store, self.token, os.getpid(), _HOST,
                                       lambda h: alive(h.pid, h.host, h.heartbeat))
            if holder is None:
                self.locked = True
                return time.monotonic() - started
            if not told:
                self.stage("waiting")
                self.say(Reasons.format("R042", pid=holder.pid, host=holder.host, since=holder.acquired_at))
                told = True
            time.sleep(LOCK_POLL_SECONDS)

    def unlock(self) -> None:
        """Release the clustering lock."""
        if self.locked:
            self.locked = False
            progress.unlock(self.store, self.token)


def _registered(store: Store) -> bool:
    return not store.readonly and progress.has_tables(store)


@contextlib.contextmanager
def run(store: Store, plan: str, notify: Notify | None = None, stage: str = "storing") -> Iterator[ActiveRun]:
    """Register a run for the duration of the block; its batches note which articles it stored.

    On any exception (Ctrl-C included) the run is marked interrupted and its lock released; what it
    committed stays, and the next run finishes it.
    """
    active = ActiveRun(store, plan, notify)
    if _registered(store):
        active.id = progress.start_run(store, active.token, os.getpid(), _HOST, stage, plan)
        store.run_id = active.id
        if store.path != MEMORY:
            active._beat = _Heartbeat(store.path, active.token)
            active._beat.start()
    ended = "interrupted"
    try:
        yield active
        ended = "done"
    finally:
        store.run_id = None
        if active._beat is not None:
            active._beat.stopped.set()
        if active.id is not None:
            with contextlib.suppress(sqlite3.Error, Exception):
                active.unlock()
            with contextlib.suppress(sqlite3.Error, Exception):
                progress.set_stage(store, active.id, ended, ended=True)


def finish(store: Store, active: ActiveRun, *, analyse: bool, cluster: bool, timelines: bool | None = None,
           backend: str | None = None, everything: bool = False,
           on_progress: Callable[[str, int, int | None], None] | None = None,
           pool: Pool | None = None, weights: ClusterWeights | None = None,
           timeline: TimelineOptions | None = None) -> StageReport:
    """Finish the later stages for this run's articles and for those runs that meant to reach them left.

    `analyse`: the text stage for those articles not analysed yet. `cluster`: one story-assignment pass
    (under the clustering lock) over those articles in no story, in publication order, then, unless
    `timelines` is False, the stored timelines of the stories that changed. With `everything`, every
    waiting article is finished (except a live run's), whatever the run that stored it meant.
    `on_progress` hears (stage, done, total) as the stages go: "entities and dates" and "embeddings and stories"
    (articles), "timelines" (stories). `pool`: worker processes for the per-article work of the text stage and
    of story detection (default: this process only); this process writes, and places articles in stories in
    publication order. `weights` and `timeline` are the clustering and timeline settings (default: the defaults).
    """
    tell = on_progress or (lambda stage, done, total: None)
    report = StageReport()
    if store.readonly:
        return report
    registered = _registered(store)
    if analyse:
        ids = None
        if registered:
            only = None if everything else left_by(store, "analyse", active.id)
            ids = progress.unanalysed_ids(store, only, other_live_runs(store, active.id))
        if ids is None or ids:
            from .text.analyse import analyse_articles

            active.stage("analysing")
            total = len(ids) if ids is not None else store.pending()["analyse"]
            done = 0

            def step(n: int) -> None:
                nonlocal done
                done += n
                tell("entities and dates", done, total)

            tell("entities and dates", 0, total)
            report.analysed = analyse_articles(store, ids, backend=backend, progress=step, pool=pool)
    if not cluster:
        return report
    report.waited = active.lock()
    try:
        from .cluster import assign

        active.stage("clustering")
        ids = None
        if registered:  # decided under the lock: a run that was alive a moment ago may be gone now
            only = None if everything else left_by(store, "cluster", active.id)
            ids = progress.unassigned_ids(store, only, other_live_runs(store, active.id))
        tell("embeddings and stories", 0, len(ids) if ids is not None else store.pending()["cluster"])
        report.cluster = (assign(store, ids, weights=weights, pool=pool,
                                 on_progress=lambda done, total: tell("embeddings and stories", done, total))
                          if ids is None or ids else None)
        if timelines is None or timelines:
            if (report.cluster is not None and report.cluster.assigned) or progress.timelines_pending(store):
                from .timeline.options import DEFAULT_TIMELINE
                from .timeline.service import refresh

                active.stage("timelines")
                report.timelines = refresh(store, timeline if timeline is not None else DEFAULT_TIMELINE, pool,
                                           on_progress=lambda done, total: tell("timelines", done, total)).to_dict()
    finally:
        active.unlock()
    return report


def interrupted_plans(store: Store) -> set[str]:
    """What the runs that stopped (killed or interrupted) with articles waiting for a story meant to do."""
    if not progress.has_tables(store):
        return set()
    return {r.plan for r in progress.waiting_runs(store) if not _is_live(r)}


def summary(store: Store, run_id: int | None) -> str:
    """One line for an interrupted command: what is saved and what waits (R041)."""
    record = progress.run(store, run_id) if run_id is not None and progress.has_tables(store) else None
    stored = record.stored if record is not None else None
    waiting = store.pending()
    saved = (f"{stored} new articles of this run are stored" if stored is not None else "everything committed is kept")
    wait = (f"waiting: {waiting['analyse']} articles for the text stage, {waiting['cluster']} for a story, "
            f"{waiting['timelines']} for their story's timeline")
    return Reasons.format("R041", saved=saved, waiting=wait)
