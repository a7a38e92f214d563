"""storyline.stages: runs, what waits for which stage, the clustering lock (dead holders taken over)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from click.testing import CliRunner

import storyline
from storyline import stages
from storyline.cli import main
from storyline.store import progress


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_raw_articles_wait_for_the_later_stages_and_stats_say_so(tmp_path: Path, sample: Path) -> None:
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "ingest", str(sample), "--raw", "--json"]).exit_code == 0
    done = runner.invoke(main, ["--db", str(db), "stats", "--json"])
    stored = json.loads(done.output)["articles"]
    assert json.loads(done.output)["pending"] == {"analyse": stored, "cluster": stored, "timelines": 0}
    assert "waiting: 48 articles for the text stage" in runner.invoke(main, ["--db", str(db), "stats"]).output
    # A later ingest with stories leaves articles stored on purpose without them (--raw) alone ...
    with storyline.open(db) as archive:
        archive.ingest_texts(["Een nieuw artikel over de haven van Rotterdam en een staking van sjorders."], cluster=True)
        assert archive.pending()["cluster"] == stored
    # ... and `cluster` finishes every waiting article.
    assert runner.invoke(main, ["--db", str(db), "cluster", "--json"]).exit_code == 0
    with storyline.open(db, readonly=True) as archive:
        assert archive.pending() == {"analyse": 0, "cluster": 0, "timelines": 0}


def test_articles_of_a_killed_run_are_finished_by_the_next_ingest(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    with storyline.open(db) as archive:
        archive.ingest_texts(["De gemeente Arcen evacueert bewoners omdat de Maasdijk lekt na dagen regen."])
        # Pretend the run meant to make stories and its process died before it could.
        archive.store.conn.execute("UPDATE ingest_runs SET plan = 'cluster', ended_at = NULL, pid = ?", (_dead_pid(),))
        assert archive.pending()["cluster"] == 1
        assert stages.interrupted_plans(archive.store) == {"cluster"}
        archive.ingest_texts(["Het waterschap begint in Arcen aan de versterking van de Maasdijk."], cluster=True)
        assert archive.pending() == {"analyse": 0, "cluster": 0, "timelines": 0}
        assert sum(len(s["article_ids"]) for s in archive.stories()) == 2


def test_a_live_run_keeps_its_articles_to_itself(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with storyline.open(db) as archive:
        archive.ingest_texts(["Schiphol moet van het kabinet het aantal vluchten terugbrengen naar 440.000."])
        # A run of a live process (this one) that is still storing.
        archive.store.conn.execute("UPDATE ingest_runs SET plan = 'cluster', ended_at = NULL, heartbeat = ?",
                                   (time.time(),))
        archive.ingest_texts(["De luchtvaartsector stapt naar de rechter tegen de krimp van Schiphol."], cluster=True)
        assert archive.pending()["cluster"] == 1  # the other run's article is left to it


def test_a_dead_holder_s_lock_is_taken_over(tmp_path: Path, sample: Path) -> None:
    db = tmp_path / "d.db"
    with storyline.open(db) as archive:
        archive.ingest(sample)
        archive.store.conn.execute("INSERT INTO cluster_lock VALUES (1, 'gone', ?, ?, 'then', ?)",
                                   (_dead_pid(), stages._HOST, time.time()))
        said: list[str] = []
        report = archive.cluster(notify=said.append)
        assert report.assigned == len(archive) and said == []
        assert progress.lock_holder(archive.store) is None


def test_a_live_holder_is_waited_for_with_a_message(tmp_path: Path, sample: Path, monkeypatch) -> None:
    monkeypatch.setattr(stages, "LOCK_POLL_SECONDS", 0.05)
    db = tmp_path / "w.db"
    with storyline.open(db) as archive:
        archive.ingest(sample)
        archive.store.conn.execute("INSERT INTO cluster_lock VALUES (1, 'other', ?, ?, 'now', ?)",
                                   (os.getpid(), stages._HOST, time.time()))
        release = threading.Timer(1.0, lambda: _release(db))
        release.start()
        said: list[str] = []
        started = time.monotonic()
        report = archive.cluster(notify=said.append)
        release.join()
        assert time.monotonic() - started >= 0.9
        assert len(said) == 1 and "is assigning stories in this database; waiting" in said[0]
        assert report.assigned == len(archive)


def _release(db: Path) -> None:
    with storyline.open(db) as other:
        progress.unlock(other.store, "other")


def test_every_later_stage_reports_progress_with_a_total(tmp_path: Path, sample: Path) -> None:
    """Issue 20: "stories" and "timelines" had no total; every stage that can take long counts up to a total."""

    heard: dict[str, list[tuple[int, int | None]]] = {}
    with storyline.open(tmp_path / "p.db") as archive:
        archive.ingest(sample, cluster=True,
                       stage_progress=lambda stage, done, total: heard.setdefault(stage, []).append((done, total)))
    expected = ["entities and dates", "embeddings and stories", "timelines"]
    assert list(heard) == expected
    for stage, calls in heard.items():
        totals = {total for _, total in calls}
        assert len(totals) == 1 and None not in totals, (stage, totals)
        assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1] > 0, (stage, calls[-3:])
        assert [done for done, _ in calls] == sorted(done for done, _ in calls), stage
