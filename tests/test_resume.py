"""Kill test: an ingest killed with SIGKILL loses no committed batch and resumes to the same database."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.config import IngestOptions
from storyline.store.sqlite import Store
from tests.resume_helpers import env, readonly

ROOT = Path(__file__).resolve().parent.parent
TOTAL = 6000
BATCH = IngestOptions().batch_size  # the CLI has no batch-size option; its batches have the default size


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    syllables = ["ka", "ro", "me", "ti", "van", "del", "ber", "stra", "op", "en", "lo", "ui", "na", "ver", "ge",
                 "sch", "aan", "wijk", "dam", "burg", "kel", "ter", "mo", "pa", "zi", "hout", "berg", "veen"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _write_corpus(path: Path, total: int) -> None:
    """`total` distinct articles: random sequences of 80-200 words, far apart for the near-duplicate check."""
    rng = random.Random(20180612)
    vocab = _vocabulary(rng)
    with path.open("w", encoding="utf-8") as out:
        for n in range(total):
            words = [rng.choice(vocab) for _ in range(rng.randint(80, 200))]
            record = {
                "id": f"art-{n}",
                "title": " ".join(rng.choice(vocab) for _ in range(rng.randint(4, 9))).capitalize(),
                "text": " ".join(words).capitalize() + ".",
                "published": f"20{rng.randint(10, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                if n % 3 else None,
                "source": f"outlet-{n % 7}",
                "lang": "nl",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _command(db: Path, corpus: Path) -> list[str]:
    return [sys.executable, "-m", "storyline", "--db", str(db), "ingest", str(corpus), "--json", "--raw"]


def _count(db: Path) -> int | None:
    """Articles visible to a separate read-only connection, or None while the schema does not exist yet."""
    conn = readonly(db)
    if conn is None:
        return None
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    finally:
        conn.close()


def _run(db: Path, corpus: Path, cwd: Path) -> dict:
    done = subprocess.run(_command(db, corpus), cwd=cwd, env=env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
def test_killed_ingest_resumes_to_the_same_database(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, TOTAL)
    killed_db = tmp_path / "killed.db"
    clean_db = tmp_path / "clean.db"

    proc = subprocess.Popen(_command(killed_db, corpus), cwd=tmp_path, env=env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            count = _count(killed_db)
            if count is not None:
                seen.append(count)
                if 0 < count < TOTAL:
                    break
            if proc.poll() is not None:
                break
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, (
        f"the ingest ended on its own (exit {proc.returncode}) before it could be killed mid-way; "
        f"counts seen: {seen[-5:]}; stderr: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    proc.stderr.close()

    after_kill = _count(killed_db)
    assert after_kill is not None
    assert 0 < after_kill < TOTAL, f"kill did not land mid-ingest: {after_kill} of {TOTAL} stored"
    # Each batch is one transaction: a kill never leaves part of a batch behind.
    assert after_kill % BATCH == 0, f"{after_kill} articles stored: a batch of {BATCH} was committed in part"
    with sqlite3.connect(killed_db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    report = _run(killed_db, corpus, tmp_path)
    assert report["accepted"] + report["already_stored"] == TOTAL
    assert report["accepted"] == TOTAL - after_kill
    assert report["duplicates"] == 0 and report["rejected"] == []

    clean_report = _run(clean_db, corpus, tmp_path)
    assert clean_report["accepted"] == TOTAL and clean_report["rejected"] == []

    with Store(killed_db) as resumed, Store(clean_db) as clean:
        assert resumed.count() == TOTAL
        assert resumed.conn.execute("SELECT count(*) FROM sources").fetchone()[0] == TOTAL
        assert resumed.conn.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0] == TOTAL
        assert resumed.group_counts() == (0, 0)
        # The full-text index holds exactly the stored articles (no rows lost or doubled by the kill).
        resumed.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        assert resumed.dump() == clean.dump()
