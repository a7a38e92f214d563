"""`workers` on the archive: 1 or N worker processes give the same archive; a worker that dies costs one article.

The corpus is invented (tests/resume_helpers.py). `IN_PROCESS_BELOW` is lowered so that these small inputs go
to the workers, as a large input would.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

import storyline
from storyline import workers
from storyline.data import sample_articles_dir
from storyline.ingest import pipeline
from storyline.ingest.language import warm as warm_language
from storyline.text import analyse
from tests import worker_helpers
from tests.resume_helpers import outcome, write_corpus
from tests.worker_helpers import assign

TOTAL = 160


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    write_corpus(path, TOTAL, topics=12)
    return path


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "IN_PROCESS_BELOW", 0)


SMALL = 60  # the fault tests take the corpus's first records only: each fault restarts the workers three times


def _with_marked(corpus: Path, target: Path, at: int = 37) -> str:
    """The first SMALL records, record `at` carrying the word that kills a worker; returns that record's id."""
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()][:SMALL]
    rows[at]["text"] = rows[at]["text"] + " " + worker_helpers.MARK + " einde."
    target.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows[at]["id"]


def _annotations(db: Path) -> dict[str, list]:
    conn = sqlite3.connect(db)
    try:
        found = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                 for t in ("article_entities", "article_time_mentions", "article_embeddings")}
        found["timelines"] = conn.execute("SELECT story_id, signature, timeline FROM story_timelines ORDER BY 1").fetchall()
        return found
    finally:
        conn.close()


@pytest.mark.slow
def test_one_or_two_workers_give_the_same_stories_annotations_and_embeddings(tmp_path: Path, corpus: Path,
                                                                            parallel: None) -> None:
    got = {}
    for n in (1, 2):
        db = tmp_path / f"w{n}.db"
        with storyline.open(db, workers=n) as archive:
            report = archive.ingest(corpus, sample_articles_dir(), cluster=True)  # invented and real articles
            assert report.accepted == TOTAL + 48
            assert (archive._pool is not None and archive._pool.started) == (n > 1)
        got[n] = (outcome(db), _annotations(db))
    one, two = got[1], got[2]
    assert one[0]["stories"] == two[0]["stories"] and len(one[0]["stories"]) > 10
    assert (two[0]["unanalysed"], two[0]["unassigned"]) == (0, 0)
    assert one[1] == two[1], "worker processes computed other entities, time mentions, embeddings or timelines"
    # cluster --rebuild with workers, on the archive made in one process: the same stories again.
    with storyline.open(tmp_path / "w1.db", workers=2) as archive:
        archive.cluster(rebuild=True)
    assert outcome(tmp_path / "w1.db")["stories"] == one[0]["stories"]


@pytest.mark.slow
def test_a_record_that_kills_its_worker_is_rejected_with_a_reason_and_the_others_are_stored(
        tmp_path: Path, corpus: Path, parallel: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "prepare_unit", worker_helpers.prepare_unit)
    marked = _with_marked(corpus, tmp_path / "marked.jsonl")
    # Records go to the workers once they are ready (before, they are prepared here): wait for that.
    with workers.Pool(2, models=(warm_language,)) as pool, storyline.open(tmp_path / "k.db", workers=2) as archive:
        pool.prestart()
        deadline = time.monotonic() + 300
        while not pool.ready() and time.monotonic() < deadline:
            time.sleep(0.1)
        report = pipeline.ingest(archive.store, [str(tmp_path / "marked.jsonl")], pool=pool)
        assert pool.restarts >= 1
        stored = [archive.article(a["id"]) for a in archive.articles()]
    assert report.accepted == SMALL - 1
    assert [(r.code, r.source) for r in report.rejected] == [("R190", f"{tmp_path / 'marked.jsonl'}:38")]
    assert "worker process running it died" in report.rejected[0].reason
    assert len(stored) == SMALL - 1 and not any(worker_helpers.MARK in a["text"] for a in stored)
    assert marked not in {s["external_id"] for a in stored for s in a["source_details"]}


@pytest.mark.slow
def test_an_article_that_kills_its_worker_in_the_later_stages_is_kept_and_placed(
        tmp_path: Path, corpus: Path, parallel: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analyse, "analyse_unit", worker_helpers.analyse_unit)
    monkeypatch.setattr(assign, "features_unit", worker_helpers.features_unit)
    _with_marked(corpus, tmp_path / "marked.jsonl")
    db = tmp_path / "late.db"
    with storyline.open(db, workers=2) as archive:
        report = archive.ingest(tmp_path / "marked.jsonl", cluster=True)
        assert archive._pool is not None and archive._pool.restarts >= 2
    assert report.accepted == SMALL and not report.rejected
    done = outcome(db)
    assert (done["unanalysed"], done["unassigned"]) == (0, 0), "an article was left waiting for a stage"
    conn = sqlite3.connect(db)
    try:
        marked = conn.execute("SELECT id FROM articles WHERE text LIKE ?", (f"%{worker_helpers.MARK}%",)).fetchone()[0]
        entities = dict(conn.execute("SELECT article_id, count(*) FROM article_entities GROUP BY article_id").fetchall())
        alone = conn.execute("SELECT count(*) FROM story_assignments WHERE story_id = "
                             "(SELECT story_id FROM story_assignments WHERE article_id = ?)", (marked,)).fetchone()[0]
    finally:
        conn.close()
    assert marked not in entities and len(entities) > SMALL // 3  # kept without annotations; the others have theirs
    assert alone >= 1  # placed in a story, compared on its embedding alone
