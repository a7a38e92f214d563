"""Idle terms leave memory for the vault and come back exactly (issue 18, flat memory: `retire.TermRetirement`)."""

from __future__ import annotations

import json

import numpy as np
import pytest

import storyline
from storyline.cluster import retire
from storyline.cluster.assign import _CACHE
from storyline.cluster.features import DocumentFrequencies
from storyline.cluster.retire import TermRetirement
from storyline.cluster.scoring import Weights
from storyline.store import stories as q

from .test_flat_memory import _runs


def test_with_evict_the_terms_unseen_since_the_last_check_that_are_not_rare_move_to_idle_with_their_counts():
    df = DocumentFrequencies(forget_after=3, forget_max_df=1, evict=True)
    for doc in (["rare", "twice", "common"], ["twice", "common"], ["common"]):
        df.learn_one(doc)
    assert df.idle == []  # check 1: every term was seen since the start
    df.idle = []
    for doc in (["common", "late"], ["common"], ["common", "late"]):
        gone = df.learn_one(doc)
    assert gone == ["rare"] and df.idle == [("twice", 2)]  # rare: forgotten; twice: evicted with its count
    assert dict(df.df) == {"common": 6, "late": 2}
    assert df.idf("twice") == df.idf("never seen")  # the caller (the clusterer) puts it back before a lookup


def _placements(sample, monkeypatch, evict: bool, active_days: float,
                warm: tuple[list[str], list[str]] = ([], [])):
    """The placements of successive runs, and the clusterer's counts and postings after bringing back `warm`."""
    if not evict:
        monkeypatch.setattr(TermRetirement, "_terms_retiring", lambda self: False)
    weights = Weights(retire_after_days=1.0, retire_events_after_days=1.0, forget_after_docs=4, forget_max_df=1,
                      active_days=active_days)
    with storyline.open(":memory:") as arc:
        arc.ingest(sample)
        ids = [r["id"] for r in q.article_rows(arc.store)]
        out = _runs(arc.store, weights, ids, 5)
        clusterer = _CACHE[arc.store][0]
        stowed, reads, held = clusterer.terms_stowed, clusterer.term_reads, len(clusterer.lemma_df.df)
        clusterer._warm(*warm)
        tables = (dict(clusterer.lemma_df.df), dict(clusterer.name_df.df), clusterer.lemma_df.n_docs,
                  dict(clusterer._postings.lists))
    monkeypatch.undo()
    return out, tables, (stowed, reads, held)


@pytest.mark.parametrize("active_days", [3650.0, 2.0])
def test_idle_terms_stowed_and_brought_back_give_the_placements_counts_and_postings_of_keeping_them(
        sample, monkeypatch, active_days):
    """Retiring stories (quiet for a day) and forgetting rare terms every 4 articles in both runs; one also moves
    the idle terms to the store: the same placements (event, story, score) and stored assignments, and every count
    and posting list of the clusterer that kept its idle terms, once the stowed ones are read back. With a 2-day
    active window, stories leaving it take themselves out of the postings of their heaviest terms, idle ones too."""
    monkeypatch.setattr(retire, "_REVIVED_KEPT", 0)
    kept, keeper, (none, _, held_all) = _placements(sample, monkeypatch, False, active_days)
    stowed, stower, (written, reads, held) = _placements(sample, monkeypatch, True, active_days,
                                                         warm=(list(keeper[0]), list(keeper[1])))
    assert none == 0 and written > 0 and reads > 0, "no idle term went to the store and came back: the test tests nothing"
    assert held < held_all  # memory held fewer terms
    assert stowed == kept
    assert stower == keeper  # counts, documents counted, posting lists (the stowed ones read back)


def test_without_story_retirement_no_term_leaves_memory(sample):
    with storyline.open(":memory:") as arc:
        arc.ingest(sample)
        ids = [r["id"] for r in q.article_rows(arc.store)]
        _runs(arc.store, Weights(retire_after_days=None, forget_after_docs=4, forget_max_df=1), ids, 5)
        clusterer = _CACHE[arc.store][0]
    assert clusterer.terms_stowed == 0 and not clusterer.lemma_df.evict


def _probe_candidates(evict: bool) -> tuple[list[str], int]:
    """The candidates a probe of an old story finds, after its heaviest names went idle (`evict`: to the vault)."""
    from storyline.cluster.online import Doc, StoryClusterer
    from storyline.cluster.retire import MemoryVault

    vec = np.eye(512, dtype=np.float32)
    weights = Weights(forget_after_docs=3, forget_max_df=0, retire_after_days=10_000.0,
                      retire_events_after_days=None)
    c = StoryClusterer(weights, MemoryVault())
    if not evict:
        c.lemma_df.evict = c.name_df.evict = False
    for k in range(3):  # one story about Zeta and Omikron, in three articles
        c.learn_one(Doc(f"z{k}", "Zeta en Omikron", f"Zeta sprak met Omikron over stap{k}.", "nl", 16000.0 + k,
                        embedding=vec[0]))
    for k in range(9):  # then other news, with neither name, in stories of their own
        c.learn_one(Doc(f"a{k}", f"Plaats{k} en Persoon{k}", f"In Plaats{k} sprak Persoon{k}.", "nl", 16003.0 + k,
                        embedding=vec[k + 1]))
    assert ("omikron" in c.name_df.df) != evict  # (evicting: idle since two checks, so in the vault)
    story = c.story(c.story_of("z0"))
    probe = story.probe(weights.max_terms)
    found = [s.id for s in c._candidates(Doc(story.id, "", "", None, story.last), probe)]
    return found, c.term_reads


def test_a_probe_of_a_story_whose_heaviest_terms_went_idle_finds_the_candidates_of_keeping_them():
    kept, _ = _probe_candidates(False)
    found, reads = _probe_candidates(True)
    assert reads > 0, "no idle term came back: the test tests nothing"
    assert found == kept and "sz0" in found  # (the story itself comes only from the postings: its own name lists)


def test_regression_every_term_not_in_memory_was_looked_up_in_the_store_a_never_stowed_one_is_not(sample, monkeypatch):
    """Once some term was stowed, every term not in memory (most of them new ones, with no row) cost a store lookup
    (session 15: 20,000 per 1,000 articles of the long stream). The keys stowed are now known (`StowedKeys`): a
    term never stowed is not looked up, and a stowed one still comes back with its count."""
    from storyline.store.retired import RetiredStories

    stowed: dict[str, bytes] = {}
    put = RetiredStories.put

    def recording_put(self, key, state, vectors):
        if key.startswith("term:l:"):
            stowed[key[len("term:l:"):]] = state
        put(self, key, state, vectors)

    monkeypatch.setattr(RetiredStories, "put", recording_put)
    weights = Weights(retire_after_days=1.0, retire_events_after_days=1.0, forget_after_docs=4, forget_max_df=1)
    with storyline.open(":memory:") as arc:
        arc.ingest(sample)
        _runs(arc.store, weights, [r["id"] for r in q.article_rows(arc.store)], 5)
        clusterer = _CACHE[arc.store][0]
        gone = [t for t in stowed if t not in clusterer.lemma_df.df]
        assert clusterer.terms_stowed > 0 and gone, "no term is in the store: the test tests nothing"
        asked: list[str] = []
        get = clusterer.vault.get
        monkeypatch.setattr(clusterer.vault, "get", lambda key: asked.append(key) or get(key))
        never = [f"nooitgezienwoord{i}" for i in range(300)]
        clusterer._warm(never, never)
        assert asked == []
        clusterer._warm(gone[:1], [])
        assert asked == ["term:l:" + gone[0]] and clusterer.lemma_df.df[gone[0]] == json.loads(stowed[gone[0]])[0]
