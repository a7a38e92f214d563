"""A full disk: one line on the command line, no traceback, nothing half-committed (issue 14, should-fix)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.config import IngestOptions
from storyline.errors import DatabaseError
from storyline.store.sqlite import Store
from tests.resume_helpers import write_corpus

BATCH = IngestOptions().batch_size


def _limit_pages(monkeypatch: pytest.MonkeyPatch, extra: int) -> None:
    """Every connection storyline opens from now on may grow the file by only `extra` pages (a nearly full disk)."""
    original = Store._connect

    def connect(self: Store, timeout: float) -> sqlite3.Connection:
        conn = original(self, timeout)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + extra}")
        return conn

    monkeypatch.setattr(Store, "_connect", connect)


def test_full_disk_gives_one_line_and_keeps_whole_batches_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, more = tmp_path / "first.jsonl", tmp_path / "more.jsonl"
    write_corpus(first, BATCH, seed=1)
    write_corpus(more, 4 * BATCH, seed=2)
    db = tmp_path / "full.db"
    runner = CliRunner()
    done = runner.invoke(main, ["--db", str(db), "ingest", str(first), "--raw", "--json"])
    assert done.exit_code == 0, done.output

    _limit_pages(monkeypatch, 300)  # room for a batch or so of the second file, not for all four
    done = runner.invoke(main, ["--db", str(db), "ingest", str(more), "--raw", "--json"])
    assert done.exit_code == 2, done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)
    lines = [line for line in done.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: the disk holding database full.db is full"), done.output
    assert "Traceback" not in done.output and str(tmp_path) not in lines[0]

    monkeypatch.undo()
    with Store(db) as store:
        stored = store.count()
        assert BATCH <= stored < 5 * BATCH
        assert stored % BATCH == 0, f"{stored} articles: a batch was committed in part"
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("SELECT count(*) FROM sources").fetchone()[0] == stored
        store.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    # With room again, the same command finishes the job.
    done = runner.invoke(main, ["--db", str(db), "ingest", str(more), "--raw", "--json"])
    assert done.exit_code == 0, done.output
    with Store(db) as store:
        assert store.count() == 5 * BATCH


def test_full_disk_in_a_write_transaction_is_a_database_error_and_rolls_back(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "x.db") as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(DatabaseError, match="is full"), store.atomic() as conn:
            conn.executemany("INSERT INTO rejections VALUES (?, 'R001', ?, 'now')",
                             [(f"file-{i}", "x" * 2000) for i in range(200)])
        assert not store.conn.in_transaction
        assert store.conn.execute("SELECT count(*) FROM rejections").fetchone()[0] == 0
