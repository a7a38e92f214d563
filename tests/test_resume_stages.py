"""Kill tests: SIGINT and SIGKILL at each stage of an ingest (storing, analysing, clustering), then a rerun.

The rerun must leave the database as an uninterrupted run does: no article lost or doubled, none left
waiting for a stage, and the same stories (compared as sets of article-id sets). The 10-trial version
is benchmarks/kill_trials.py.
"""

from __future__ import annotations

import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.resume_helpers import command, env, outcome, peek, run, write_corpus

TOTAL = 700          # two store batches of 500: a kill while storing lands after the first one committed
FIRST = 600          # lines fed before the storing kill (the second batch then waits for more input)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    write_corpus(path, TOTAL, topics=30)
    return path


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    run(db, "ingest", "-", "--json", stdin=corpus)
    return outcome(db)


def _wait(proc: subprocess.Popen, db: Path, ready, what: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready(db):
            return
        if proc.poll() is not None:
            pytest.fail(f"the ingest ended (exit {proc.returncode}) before reaching {what}: "
                        f"{proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
        time.sleep(0.02)
    pytest.fail(f"the ingest did not reach {what} within {timeout}s")


def _stage(db: Path) -> str | None:
    return peek(db, "SELECT stage FROM ingest_runs ORDER BY id DESC LIMIT 1")


def interrupt(db: Path, corpus: Path, stage: str, sig: int, rng: random.Random,
              first: int = FIRST) -> subprocess.CompletedProcess:
    """Start an ingest reading the corpus from standard input; send `sig` once it is in `stage`.

    Storing: after the first `first` lines (more than a batch) are fed and a batch is committed; analysing:
    once the text stage has stored a batch; clustering: 0-1.5 s into story assignment."""
    # SIGINT back to its default in the child: a shell's background job inherits it ignored, and then
    # Python would never raise KeyboardInterrupt.
    proc = subprocess.Popen(command(db, "ingest", "-", "--json"), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env(),
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines = corpus.read_bytes().splitlines(keepends=True)
    assert proc.stdin is not None
    try:
        if stage == "storing":
            proc.stdin.write(b"".join(lines[:first]))
            proc.stdin.flush()
            _wait(proc, db, lambda d: (peek(d, "SELECT count(*) FROM articles") or 0) >= 500, "the first committed batch")
        else:
            proc.stdin.write(b"".join(lines))
            proc.stdin.close()
            if stage == "analysing":
                _wait(proc, db, lambda d: _stage(d) == "analysing"
                      and (peek(d, "SELECT count(*) FROM article_analysis") or 0) > 0, "the text stage")
            else:
                _wait(proc, db, lambda d: _stage(d) == "clustering", "story assignment")
                time.sleep(rng.uniform(0.0, 1.5))
        proc.send_signal(sig)
        if not proc.stdin.closed:
            proc.stdin.close()
        proc.stdin = None  # closed above; communicate must not flush it
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def check_interrupted(done: subprocess.CompletedProcess, sig: int) -> None:
    """SIGKILL: killed. SIGINT: exit 130 with one line saying what is saved and how to resume, no traceback."""
    if sig == signal.SIGKILL:
        assert done.returncode == -signal.SIGKILL
        return
    err = done.stderr.decode()
    assert done.returncode == 130, err[-2000:]
    assert "Traceback" not in err and "Aborted!" not in err, err[-2000:]
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("interrupted:"), err
    assert "run the same command again" in lines[0]


def assert_same_as_clean(got: dict, clean: dict, total: int = TOTAL) -> None:
    assert got["integrity"] == "ok"
    assert got["articles"] == clean["articles"], "articles lost or extra"
    assert got["rows"] == len(got["articles"]) == total, "duplicate articles"
    assert got["sources"] == clean["sources"]
    assert (got["unanalysed"], got["unassigned"], got["timelines_waiting"]) == (0, 0, 0), "articles left outside the stages"
    assert got["stories_without_timeline"] == 0 and got["orphan_timelines"] == 0
    assert got["story_rows"] == len(got["stories"])
    assert got["stories"] == clean["stories"], "the resumed run made other stories than an uninterrupted one"


RESUME = {  # how each case is finished: the same ingest, or (after a kill past storing) analyse / cluster
    ("storing", signal.SIGINT): ("ingest", "-", "--json"),
    ("storing", signal.SIGKILL): ("ingest", "-", "--json"),
    ("analysing", signal.SIGINT): ("ingest", "-", "--json"),
    ("analysing", signal.SIGKILL): ("analyse",),
    ("clustering", signal.SIGINT): ("ingest", "-", "--json"),
    ("clustering", signal.SIGKILL): ("cluster", "--json"),
}


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["storing", "analysing", "clustering"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_interrupted_ingest_is_finished_by_the_rerun(tmp_path: Path, corpus: Path, clean: dict, stage: str,
                                                     sig: int) -> None:
    db = tmp_path / "killed.db"
    done = interrupt(db, corpus, stage, sig, random.Random(f"{stage}{sig}"))
    check_interrupted(done, sig)
    before = outcome(db)
    assert before["integrity"] == "ok"
    if stage == "storing":
        assert 0 < before["rows"] < TOTAL and before["rows"] % 500 == 0
    assert before["unassigned"] in (0, before["rows"]), "a story-assignment pass was stored in part"
    resume = RESUME[(stage, sig)]
    run(db, *resume, stdin=corpus if "-" in resume else None)
    assert_same_as_clean(outcome(db), clean)
