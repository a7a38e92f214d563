"""`cluster --rebuild` replaces the stories in one transaction: a reader never sees zero stories (issue 14)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import storyline


def test_readers_never_see_zero_stories_during_a_rebuild(tmp_path: Path, sample: Path) -> None:
    db = tmp_path / "s.db"
    with storyline.open(db) as archive:
        archive.ingest(sample, cluster=True)
        before = {frozenset(s["article_ids"]) for s in archive.stories()}
        assert before
        seen: list[int] = []
        stop = threading.Event()

        def read() -> None:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
            try:
                while not stop.is_set():
                    seen.append(conn.execute("SELECT count(*) FROM stories").fetchone()[0])
            finally:
                conn.close()

        reader = threading.Thread(target=read)
        reader.start()
        try:
            report = archive.cluster(rebuild=True)
        finally:
            stop.set()
            reader.join()
        assert report.assigned == len(archive)
        assert len(seen) > 10, "the reader hardly ran during the rebuild"
        assert min(seen) > 0, f"a reader saw {seen.count(0)} times zero stories during the rebuild"
        assert {frozenset(s["article_ids"]) for s in archive.stories()} == before
