"""Flat memory per article: rare old terms are forgotten, written placements leave the article map (issue 18)."""

from __future__ import annotations

import numpy as np

import storyline
from storyline.cluster import retire
from storyline.cluster.assign import _CACHE, assign
from storyline.cluster.features import DocumentFrequencies
from storyline.cluster.online import Doc, StoryClusterer
from storyline.cluster.scoring import Weights
from storyline.store import stories as q
from storyline.store.retired import RetiredStories


def test_rare_terms_unseen_for_forget_after_documents_leave_the_counts_and_common_or_recent_ones_stay():
    df = DocumentFrequencies(forget_after=3, forget_max_df=2)
    for doc in (["rare", "twice", "common"], ["twice", "common"], ["common"]):  # check 1: all seen since start
        assert df.learn_one(doc) in (None, [])
    for doc in (["common", "late"], ["common"], ["common"]):  # check 2: rare and twice unseen for 3 documents
        gone = df.learn_one(doc)
    assert sorted(gone) == ["rare", "twice"]
    assert dict(df.df) == {"common": 6, "late": 1} and df.n_docs == 6
    assert df.idf("rare") == df.idf("never seen")  # seen again, a forgotten term counts as new
    for doc in (["x"], ["x"], ["x"]):
        gone = df.learn_one(doc)
    assert gone == ["late"]  # one check later: `late` was seen just before the previous one


def test_without_forget_after_the_counts_keep_every_term():
    df = DocumentFrequencies()
    for k in range(50):
        assert df.learn_one([f"t{k}"]) is None
    assert len(df.df) == 50


def _docs(n: int) -> list[Doc]:
    vec = np.eye(512, dtype=np.float32)
    return [Doc(f"a{k}", f"Bericht over Plaats{k} en Persoon{k}", f"In Plaats{k} sprak Persoon{k} over woord{k}.", "nl",
                16000.0 + k, embedding=vec[k % 512]) for k in range(n)]


def test_forgotten_terms_leave_the_inverted_index_too():
    c = StoryClusterer(Weights(forget_after_docs=4, forget_max_df=3))
    for d in _docs(12):
        c.learn_one(d)
    # Documents 0-3 were seen before the check at document 4 and none of their terms since: forgotten at 8.
    assert "plaats0" not in c.name_df.df and "n:plaats0" not in c._postings and "l:woord0" not in c._postings
    assert "plaats11" in c.name_df.df and "n:plaats11" in c._postings  # recent terms stay
    kept = StoryClusterer(Weights(forget_after_docs=None))
    for d in _docs(12):
        kept.learn_one(d)
    assert "n:plaats0" in kept._postings and len(kept.name_df.df) > len(c.name_df.df)


def _runs(store, weights: Weights, ids: list[str], size: int) -> dict[str, tuple]:
    out = {}
    for start in range(0, len(ids), size):  # successive runs, as a stream of ingests makes them
        report = assign(store, ids[start:start + size], weights=weights)
        out |= {p.article_id: (p.event_id, p.story_id, p.score, p.new_story, p.new_event) for p in report.placements}
    out["stored"] = sorted(tuple(r) for r in store.conn.execute(
        "SELECT article_id, event_id, story_id FROM story_assignments"))
    return out


def test_retired_and_brought_back_stories_with_forgetting_decide_as_never_retiring(sample, monkeypatch):
    """Forgetting changes the idf of rare old terms, never what retirement does: with the same forgetting,
    retiring every story quiet for a day gives the placements of never retiring."""
    monkeypatch.setattr(retire, "_REVIVED_KEPT", 0)
    forgotten = []
    forget = DocumentFrequencies._forget

    def spy(self):
        gone = forget(self)
        forgotten.extend(gone)
        return gone

    monkeypatch.setattr(DocumentFrequencies, "_forget", spy)
    results, clusterers = {}, {}
    for label, days in (("off", None), ("eager", 1.0)):
        with storyline.open(":memory:") as arc:
            arc.ingest(sample)
            ids = [r["id"] for r in q.article_rows(arc.store)]
            results[label] = _runs(arc.store, Weights(retire_after_days=days, retire_events_after_days=days, forget_after_docs=6,
                                                   forget_max_df=1),
                                   ids, 5)
            clusterers[label] = _CACHE[arc.store][0]
    assert results["eager"] == results["off"]
    eager = clusterers["eager"]
    assert eager.retired > 0 and eager.vault_reads > 0, "nothing retired or came back: the test tests nothing"
    assert forgotten, "no term was forgotten: the test tests nothing"


def test_written_placements_leave_the_article_map_and_a_later_copy_still_finds_its_event(sample, monkeypatch):
    """The sample holds one copy (record 35 of its root 34): in runs of 5 the root is written before the copy
    arrives, so the copy's event comes from the store; the placements equal those of a clusterer that keeps
    every article in memory."""
    looked_up = []
    event_of = RetiredStories.event_of

    def spy(self, article_id):
        looked_up.append(article_id)
        return event_of(self, article_id)

    monkeypatch.setattr(RetiredStories, "event_of", spy)
    results = {}
    for label, stored in (("in memory", False), ("store", True)):
        monkeypatch.setattr(RetiredStories, "stores_placements", stored)
        with storyline.open(":memory:") as arc:
            arc.ingest(sample)
            rows = q.article_rows(arc.store)
            ids = [r["id"] for r in rows]
            copies = [(r["id"], r["copy_of"]) for r in rows if r["copy_of"]]
            assert copies and all(ids.index(c) // 5 > ids.index(root) // 5 for c, root in copies), \
                "the sample's copy no longer follows its root in a later run: the test tests nothing"
            results[label] = _runs(arc.store, Weights(), ids, 5)
            clusterer = _CACHE[arc.store][0]
            if stored:
                assert clusterer.article_event == {}  # every placement is written: none is held in memory
                assert clusterer.story_of(ids[0]) == q.story_of(arc.store, ids[0])[1]
                assert clusterer.story_of("no such article") is None
            else:
                assert len(clusterer.article_event) == len(ids)
    assert copies[0][1] in looked_up  # the root's event was read from the store
    assert results["store"] == results["in memory"]
    copy, root = copies[0]
    assert results["store"][copy][0] == results["store"][root][0]  # the copy joined its root's event
