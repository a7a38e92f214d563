"""SnapshotCache: results over a whole database kept until it changes; slow ones served stale while recomputed."""

from __future__ import annotations

import sqlite3
import threading
import time

from storyline.store.entities_query import SnapshotCache


def _db(tmp_path):
    conn = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x INTEGER)")
    conn.execute("INSERT INTO t VALUES (1)")
    return conn


def _count(conn):
    return conn.execute("SELECT count(*) FROM t").fetchone()[0]


def test_kept_until_the_database_changes(tmp_path):
    conn, cache, calls = _db(tmp_path), SnapshotCache(), []

    def compute():
        calls.append(1)
        return _count(conn)

    assert cache.get(conn, "n", compute) == 1
    assert cache.get(conn, "n", compute) == 1
    assert len(calls) == 1
    conn.execute("INSERT INTO t VALUES (2)")
    assert cache.get(conn, "n", compute) == 2
    assert len(calls) == 2


def test_fast_results_are_recomputed_at_once_even_with_a_background(tmp_path):
    conn, cache = _db(tmp_path), SnapshotCache(slow=60.0)
    assert cache.get(conn, "n", lambda: _count(conn), lambda: -1) == 1
    conn.execute("INSERT INTO t VALUES (2)")
    assert cache.get(conn, "n", lambda: _count(conn), lambda: -1) == 2  # never stale, background unused


def test_slow_results_are_served_stale_while_one_thread_recomputes(tmp_path):
    conn, cache = _db(tmp_path), SnapshotCache(slow=0.0)
    assert cache.get(conn, "n", lambda: _count(conn)) == 1
    conn.execute("INSERT INTO t VALUES (2)")
    release, runs = threading.Event(), []

    def background():
        runs.append(1)
        release.wait(5)
        other = sqlite3.connect(tmp_path / "s.db")
        try:
            return _count(other)
        finally:
            other.close()

    def must_not_run():
        raise AssertionError("a stale slow result must not be recomputed by the reader")

    assert cache.get(conn, "n", must_not_run, background) == 1  # stale at once
    assert cache.get(conn, "n", must_not_run, background) == 1  # still stale, no second thread
    release.set()
    deadline = time.monotonic() + 5
    while cache.get(conn, "n", must_not_run, background) != 2:
        assert time.monotonic() < deadline, "the background recompute never replaced the stale value"
        time.sleep(0.01)
    assert runs == [1]


def test_a_failing_background_keeps_the_stale_value_and_retries(tmp_path):
    conn, cache = _db(tmp_path), SnapshotCache(slow=0.0)
    cache.get(conn, "n", lambda: _count(conn))
    conn.execute("INSERT INTO t VALUES (2)")
    attempts = []

    def broken():
        attempts.append(1)
        raise RuntimeError("disk on fire")

    assert cache.get(conn, "n", lambda: 0, broken) == 1
    deadline = time.monotonic() + 5
    while len(attempts) < 2:
        assert time.monotonic() < deadline
        assert cache.get(conn, "n", lambda: 0, broken) == 1
        time.sleep(0.01)


def test_in_memory_databases_are_never_cached():
    conn, cache, calls = sqlite3.connect(":memory:"), SnapshotCache(), []
    cache.get(conn, "n", lambda: calls.append(1))
    cache.get(conn, "n", lambda: calls.append(1))
    assert len(calls) == 2
