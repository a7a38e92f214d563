"""Costs that grew with the archive on the long stream (issue 18, session 15): the search of every story for the
undated articles, and the memory of the centroid rows."""

from __future__ import annotations

import os

import numpy as np
import pytest

from storyline.cluster.index import CentroidIndex


def _twins(dim: int = 32, seed: int = 5) -> tuple[CentroidIndex, CentroidIndex, np.random.Generator]:
    rng = np.random.default_rng(seed)
    plain, primed = CentroidIndex(dim=dim), CentroidIndex(dim=dim)
    for key in range(400):
        v = rng.normal(size=dim).astype(np.float32)
        plain.upsert(key, v)
        primed.upsert(key, v)
    return plain, primed, rng


def test_regression_undated_search_scanned_every_story_per_article_primed_search_gives_the_plain_scans_answer():
    plain, primed, rng = _twins()
    queries = [rng.normal(size=32).astype(np.float32) for _ in range(30)]
    queries.append(np.asarray(primed._matrix[7] * 3.0))  # (a query on a row: its own row first)
    primed.prime(queries)
    for i, q in enumerate(queries):
        # the index changes between the searches, as placements change it: updates, new rows, removals
        key, v = int(rng.integers(0, 500)), rng.normal(size=32).astype(np.float32)
        gone = int(rng.integers(0, 500))
        for idx in (plain, primed):
            idx.upsert(key, v)
            if i % 3 == 0:
                idx.remove(gone)
        for k in (1, 5, 20):
            assert primed.search(q, k) == plain.search(q, k)
    assert primed.primed_searches >= 60  # (answered from the priming, not by the plain scan)


def test_primed_search_leaves_exact_ties_to_the_plain_scan():
    plain, primed, rng = _twins()
    twin = rng.normal(size=32).astype(np.float32)
    for idx in (plain, primed):
        idx.upsert(1000, twin)
        idx.upsert(1001, twin)  # (two rows alike: an exact tie)
    q = twin + 0.01 * rng.normal(size=32).astype(np.float32)
    primed.prime([q, rng.normal(size=32).astype(np.float32)])
    assert primed.search(q, 1) == plain.search(q, 1) and primed.search(q, 4) == plain.search(q, 4)
    assert primed.primed_searches == 0


def test_a_stale_priming_is_dropped_and_searches_scan():
    plain, primed, rng = _twins()
    q = rng.normal(size=32).astype(np.float32)
    primed.prime([q, rng.normal(size=32).astype(np.float32)])
    for key in range(200):
        v = rng.normal(size=32).astype(np.float32)
        plain.upsert(key, v)
        primed.upsert(key, v)
    assert primed._primed is None and primed.search(q, 5) == plain.search(q, 5)


def _resident_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads the resident size from /proc")
def test_regression_centroid_rows_grown_by_copying_zeros_the_unwritten_rows_hold_no_memory():
    dim = 1 << 18  # (64 rows of 1 MB, then 128: above malloc's largest threshold, so fresh pages from the system)
    idx = CentroidIndex(dim=dim)
    for key in range(64):
        idx.upsert(key, np.ones(dim, dtype=np.float32))
    before = _resident_mb()
    idx.upsert(64, np.ones(dim, dtype=np.float32))  # (one more than the matrix holds: it doubles)
    grown = _resident_mb() - before
    assert idx._matrix.shape == (128, dim) and not idx._matrix[65:].any()
    assert grown < 16.0  # (the 63 rows not written yet: 64 MB when they were written as zeros)
    assert idx.search(np.ones(dim, dtype=np.float32), 3) == [0, 1, 2]


def test_regression_blas_threads_waited_on_each_other_the_clusterer_runs_one():
    from threadpoolctl import threadpool_info

    from storyline.cluster.blas import one_thread

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas_threads()
    with one_thread():
        assert blas_threads() and set(blas_threads()) == {1}
    assert blas_threads() == before


def test_undated_articles_placed_after_priming_get_the_placements_of_unprimed_ones():
    from storyline.cluster.online import Doc, StoryClusterer
    from storyline.cluster.scoring import Weights

    rng = np.random.default_rng(11)
    words = ["".join(rng.choice(list("bcdfghklmnprstvz"), 3)) + "ing" for _ in range(1200)]  # (letters: a term each)
    topics = [rng.normal(size=512).astype(np.float32) for _ in range(120)]

    def doc(i: int, day: float | None) -> Doc:
        t = i % 120
        text = " ".join(words[t * 10:(t + 1) * 10] + list(rng.choice(words, 5)))
        emb = topics[t] + 0.3 * rng.normal(size=512).astype(np.float32)
        return Doc(f"a{i}", f"{words[t * 10]} {words[t * 10 + 1]}", text, "nl", day, embedding=emb)

    dated = [doc(i, 16000.0 + i) for i in range(240)]
    undated = [doc(i, None) for i in range(240, 260)]  # (each placement changes a row: a quarter drops the priming)
    runs = []
    for primed in (False, True):
        c = StoryClusterer(Weights(candidates=3))  # (fewer nearest stories than the index holds: a real search)
        for d in dated:
            c.learn_one(d)
        if primed:
            c.prime(undated)
        runs.append([(p.event_id, p.story_id, p.score) for p in map(c.learn_one, undated)])
        c.prime([])
        if primed:
            assert c._all.primed_searches > 0 and len(c._all) > 3, "no search was primed: the test tests nothing"
    assert runs[0] == runs[1]


def test_regression_every_table_kept_its_own_copy_of_a_term_one_string_object_per_term():
    # Issue 18 (session 16): the terms a worker sends back arrive as new strings, and a term brought back from the
    # store is a new string too: the document frequencies, each story's and event's sums and each revived story kept
    # a copy of their own. The clusterer keeps one string object per term.
    from storyline.cluster.online import Doc, StoryClusterer
    from storyline.cluster.retire import pack, unpack

    def fresh(word: str) -> str:
        return "".join(list(word))  # (a new object each time, as unpickling makes)

    c = StoryClusterer()
    docs = [Doc(f"a{i}", "Vliegtuig neergestort", "Het vliegtuig is neergestort bij Donetsk.", "nl", 16270.0 + i)
            for i in range(2)]
    terms = [([fresh("vliegtuig"), fresh("neerstorten")], [fresh("donetsk")]) for _ in docs]
    assert terms[0][0][0] is not terms[1][0][0]
    c.learn_terms(docs, terms, [([], []) for _ in docs])
    assert c._counted["a0"][0][0] is c._counted["a1"][0][0]
    placed = [c.learn_one(d) for d in docs]
    story = c.stories[placed[0].story_id]
    df_key = next(k for k in c.lemma_df.df if k == "vliegtuig")
    assert next(k for k in story.lemmas if k == "vliegtuig") is df_key
    back, _ = unpack(*pack(story, []))
    assert back.lemmas == story.lemmas and next(k for k in back.lemmas if k == "vliegtuig") is df_key
