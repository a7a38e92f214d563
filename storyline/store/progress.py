"""Stage progress in the store (tables of migration 6): runs, waiting articles, the clustering lock.

An article waits for the text stage while it has no `article_analysis` row, for a story while it has no
`story_assignments` row, and for its timeline while its story is listed in `timeline_pending`. These
are facts of the database, so a killed run leaves nothing a later run cannot see and finish.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # sqlite imports this module for its writes; the class is needed only for the annotations
    from .sqlite import Store


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def has_tables(store: Store) -> bool:
    """True when the database has the progress tables (a read-only old database may not)."""
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ingest_runs'").fetchone() is not None


@dataclass(slots=True)
class Run:
    """One row of `ingest_runs`."""

    id: int
    token: str
    pid: int
    host: str
    stage: str
    plan: str
    stored: int
    started_at: str
    heartbeat: float
    ended_at: str | None


def start_run(store: Store, token: str, pid: int, host: str, stage: str, plan: str) -> int:
    """Register a run that means to reach stage `plan` (store, analyse or cluster); return its id."""
    with store.atomic() as conn:
        cur = conn.execute("INSERT INTO ingest_runs (token, pid, host, stage, plan, started_at, heartbeat) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)", (token, pid, host, stage, plan, _now(), time.time()))
        return int(cur.lastrowid or 0)


def set_stage(store: Store, run_id: int, stage: str, *, ended: bool = False) -> None:
    """Record the stage a run is in (and, with `ended`, that it is over)."""
    with store.atomic() as conn:
        conn.execute("UPDATE ingest_runs SET stage = ?, heartbeat = ?, ended_at = CASE WHEN ? THEN ? ELSE ended_at END "
                     "WHERE id = ?", (stage, time.time(), ended, _now(), run_id))


def heartbeat(conn: sqlite3.Connection, token: str) -> None:
    """Show that the run (and the lock, if it holds it) is alive; `conn` is the heartbeat's own connection."""
    now = time.time()
    conn.execute("UPDATE ingest_runs SET heartbeat = ? WHERE token = ?", (now, token))
    conn.execute("UPDATE cluster_lock SET heartbeat = ? WHERE token = ?", (now, token))


def record_stored(conn: sqlite3.Connection, run_id: int, article_ids: list[str]) -> None:
    """Note, inside the batch's transaction, that this run stored these new articles."""
    if not article_ids:
        return
    conn.executemany("INSERT OR REPLACE INTO article_runs VALUES (?, ?)", [(a, run_id) for a in article_ids])
    conn.execute("UPDATE ingest_runs SET stored = stored + ?, heartbeat = ? WHERE id = ?",
                 (len(article_ids), time.time(), run_id))


def claim(store: Store, run_id: int, article_ids: list[str]) -> None:
    """Make these articles (still waiting for a story) the run's own."""
    with store.atomic() as conn:
        conn.executemany("INSERT OR REPLACE INTO article_runs SELECT ?, ? WHERE ? NOT IN "
                         "(SELECT article_id FROM story_assignments)", [(a, run_id, a) for a in article_ids])


def open_runs(store: Store) -> list[Run]:
    """Runs not marked ended (alive, or killed before they could say so)."""
    return [Run(*r) for r in store.conn.execute(
        "SELECT id, token, pid, host, stage, plan, stored, started_at, heartbeat, ended_at FROM ingest_runs "
        "WHERE ended_at IS NULL ORDER BY id")]


def run(store: Store, run_id: int) -> Run | None:
    """One run, or None."""
    row = store.conn.execute("SELECT id, token, pid, host, stage, plan, stored, started_at, heartbeat, ended_at "
                             "FROM ingest_runs WHERE id = ?", (run_id,)).fetchone()
    return Run(*row) if row else None


def waiting_runs(store: Store) -> list[Run]:
    """The runs some of whose stored articles still wait for a story."""
    return [Run(*r) for r in store.conn.execute(
        "SELECT id, token, pid, host, stage, plan, stored, started_at, heartbeat, ended_at FROM ingest_runs "
        "WHERE id IN (SELECT DISTINCT run_id FROM article_runs) ORDER BY id")]


def _scope(only: Iterable[int] | None, skip: Iterable[int]) -> tuple[str, list[Any]]:
    """SQL limiting articles `a` to those stored by the runs `only` (None: any), minus those of the runs `skip`."""
    if only is not None:
        ids = sorted(set(only) - set(skip))
        return (f"AND a.id IN (SELECT article_id FROM article_runs WHERE run_id IN ({','.join('?' * len(ids))}))",
                ids)
    ids = sorted(set(skip))
    if not ids:
        return "", []
    return (f"AND a.id NOT IN (SELECT article_id FROM article_runs WHERE run_id IN ({','.join('?' * len(ids))}))",
            ids)


def unanalysed_ids(store: Store, only: Iterable[int] | None = None, skip: Iterable[int] = ()) -> list[str]:
    """Articles the text stage has not seen (with any backend), stored by the runs `only` (None: any run or
    none) and not by the runs `skip`, in seq order."""
    where, args = _scope(only, skip)
    return [r[0] for r in store.conn.execute(
        f"SELECT a.id FROM articles a WHERE a.id NOT IN (SELECT article_id FROM article_analysis) {where} "
        f"ORDER BY a.seq", args)]


def unassigned_ids(store: Store, only: Iterable[int] | None = None, skip: Iterable[int] = ()) -> list[str]:
    """Articles in no story, stored by the runs `only` (None: any) and not by the runs `skip`, in publication order."""
    where, args = _scope(only, skip)
    return [r[0] for r in store.conn.execute(
        f"SELECT a.id FROM articles a WHERE a.id NOT IN (SELECT article_id FROM story_assignments) {where} "
        f"ORDER BY a.published_start IS NULL, a.published_start, a.seq", args)]


def pending_counts(store: Store) -> dict[str, int]:
    """How many articles wait for each stage: analyse (text stage), cluster (a story), timelines (their story's)."""
    q = store.conn.execute
    if not has_tables(store):
        return {"analyse": 0, "cluster": 0, "timelines": 0}
    return {
        "analyse": q("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM article_analysis)").fetchone()[0],
        "cluster": q("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM story_assignments)").fetchone()[0],
        "timelines": q("SELECT count(*) FROM story_assignments WHERE story_id IN "
                       "(SELECT story_id FROM timeline_pending)").fetchone()[0],
    }


def timelines_pending(store: Store) -> bool:
    """True when some story's stored timeline may be stale."""
    return has_tables(store) and store.conn.execute("SELECT 1 FROM timeline_pending LIMIT 1").fetchone() is not None


def clear_timeline_pending(conn: sqlite3.Connection, story_ids: Iterable[str] | None = None, *,
                           vanished: bool = False) -> None:
    """Forget these stories (or all) as waiting for a timeline (inside the caller's transaction);
    with `vanished`, also the stories that no longer exist."""
    if story_ids is None:
        conn.execute("DELETE FROM timeline_pending")
    else:
        conn.executemany("DELETE FROM timeline_pending WHERE story_id = ?", [(s,) for s in story_ids])
    if vanished:  # stories merged away or dropped have no timeline to wait for
        conn.execute("DELETE FROM timeline_pending WHERE story_id NOT IN (SELECT id FROM stories)")


# -- the clustering lock --------------------------------------------------------------------------------


@dataclass(slots=True)
class Holder:
    """Who holds the clustering lock."""

    token: str
    pid: int
    host: str
    acquired_at: str
    heartbeat: float


def lock_holder(store: Store) -> Holder | None:
    """The current holder of the clustering lock (alive or not), or None."""
    row = store.conn.execute("SELECT token, pid, host, acquired_at, heartbeat FROM cluster_lock WHERE id = 1").fetchone()
    return Holder(*row) if row else None


def try_lock(store: Store, token: str, pid: int, host: str, alive: Any) -> Holder | None:
    """Take the clustering lock unless a live holder has it; return that holder, or None when taken.

    `alive(holder)` says whether a holder's process still runs; a dead holder's lock is taken over.
    """
    with store.atomic() as conn:
        row = conn.execute("SELECT token, pid, host, acquired_at, heartbeat FROM cluster_lock WHERE id = 1").fetchone()
        if row is not None:
            holder = Holder(*row)
            if holder.token != token and alive(holder):
                return holder
        conn.execute("INSERT OR REPLACE INTO cluster_lock VALUES (1, ?, ?, ?, ?, ?)", (token, pid, host, _now(), time.time()))
    return None


def unlock(store: Store, token: str) -> None:
    """Release the clustering lock if this token holds it."""
    with store.atomic() as conn:
        conn.execute("DELETE FROM cluster_lock WHERE token = ?", (token,))
