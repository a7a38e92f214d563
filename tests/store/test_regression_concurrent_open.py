"""Regression: two ingests started together on a new database failed with "database is locked".

SQLite's busy handler does not wait while another connection creates the file or switches it to WAL, so the
second process gave up at once (CI, test_concurrent_ingest). Opening now waits its turn like any other write.
"""
from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from storyline.store.sqlite import Store

PROCESSES = 4
ROUNDS = 20  # before the fix about one round in four failed


def _open(path: str, barrier, results) -> None:  # noqa: ANN001 - multiprocessing primitives
    barrier.wait()
    try:
        Store(path).close()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
        results.put(repr(exc))


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    ctx = mp.get_context("fork")
    failures = []
    for n in range(ROUNDS):
        path = str(tmp_path / f"round{n}.db")
        barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
        procs = [ctx.Process(target=_open, args=(path, barrier, results)) for _ in range(PROCESSES)]
        for p in procs:
            p.start()
        outcomes = [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        failures += [o for o in outcomes if o != "ok"]
    assert failures == []
    with Store(tmp_path / "round0.db", readonly=True) as store:
        assert store.schema_version() > 0
