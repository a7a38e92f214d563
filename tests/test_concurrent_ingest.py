"""Two ingests at once into one database: one assigns stories while the other waits, so the stories are
those of one ingest after the other (issue 14: concurrent runs made 34 % more stories and left timelines
of vanished stories)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.resume_helpers import command, env, outcome, run, write_corpus

TOTAL = 700


@pytest.mark.slow
def test_two_concurrent_ingests_make_the_stories_of_one_after_the_other(tmp_path: Path) -> None:
    corpus = tmp_path / "all.jsonl"
    write_corpus(corpus, TOTAL, topics=30, seed=7)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    half_a, half_b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    half_a.write_text("".join(lines[0::2]), encoding="utf-8")  # interleaved: the halves share their affairs
    half_b.write_text("".join(lines[1::2]), encoding="utf-8")

    together = tmp_path / "together.db"
    procs = [subprocess.Popen(command(together, "ingest", str(p)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=env(), stdin=subprocess.DEVNULL) for p in (half_a, half_b)]
    outputs = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err.decode()[-3000:]
    waited = [b"is assigning stories in this database; waiting" in err for _, err in outputs]

    expected = {}
    for order in (("a", "b"), ("b", "a")):
        db = tmp_path / f"{''.join(order)}.db"
        for name in order:
            run(db, "ingest", str(half_a if name == "a" else half_b))
        expected[order] = outcome(db)

    got = outcome(together)
    assert got["integrity"] == "ok"
    assert got["rows"] == len(got["articles"]) == TOTAL
    assert (got["unanalysed"], got["unassigned"], got["timelines_waiting"]) == (0, 0, 0)
    assert got["orphan_timelines"] == 0 and got["stories_without_timeline"] == 0
    assert got["story_rows"] == len(got["stories"])
    assert any(waited), "the two ingests never overlapped: the lock was not exercised"
    matches = [order for order, want in expected.items() if got["stories"] == want["stories"]]
    assert matches, (f"{len(got['stories'])} stories; one after the other gives "
                     f"{[len(w['stories']) for w in expected.values()]}")
