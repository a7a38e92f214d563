"""Flat memory: quiet stories retire to the store and come back exactly as they were (storyline.cluster.retire)."""

from __future__ import annotations

import zlib
from collections import Counter

import numpy as np
import pytest

import storyline
from storyline.cluster import retire
from storyline.cluster.assign import _CACHE, assign, rebuild
from storyline.cluster.online import Cluster, Doc, StoryClusterer
from storyline.cluster.retire import MemoryVault, pack, unpack
from storyline.cluster.scoring import Weights
from storyline.errors import StorylineError
from storyline.store import stories as q
from storyline.store.retired import RetiredStories
from storyline.store.sqlite import Store

OFF = Weights(retire_after_days=None, retire_events_after_days=None)  # nothing ever retires
EAGER = Weights(retire_after_days=1.0)  # every story quiet for a day of stream time retires


def _placements(store: Store, weights: Weights, ids: list[str] | None = None) -> dict[str, tuple]:
    report = assign(store, ids, weights=weights)
    return {p.article_id: (p.event_id, p.story_id, p.score, p.new_story, p.new_event) for p in report.placements}


def _stored(store: Store) -> list[tuple]:
    return sorted(tuple(r) for r in store.conn.execute("SELECT article_id, event_id, story_id FROM story_assignments"))


def test_pack_then_unpack_gives_the_same_story_terms_in_order_and_floats_exactly():
    story = Cluster("s1", 7, {"b": 0.1 + 0.2, "a": 1 / 3}, 0.123456789012345, {"MH17": 2.5e-17}, 6.25e-34,
                    np.arange(512, dtype=np.float32) / 7, 3, 16270.25, 16300.5, Counter({"nl": 2, "en": 1}),
                    Counter({"2014": 1}), None, ["e1"], 0.5, 16300.5, 12.75, Counter({"rutte": 2, "putin": 1}))
    event = Cluster("e1", 8, {"x": 1.0}, 1.0, {}, 0.0, np.ones(512, dtype=np.float32), 1, None, None,
                    Counter({"?": 1}), Counter(), "s1", [])
    back, events = unpack(*pack(story, [event]))
    for a, b in ((story, back), (event, events[0])):
        assert list(b.lemmas.items()) == list(a.lemmas.items()) and list(b.names.items()) == list(a.names.items())
        assert (b.lemmas_sq, b.names_sq, b.n, b.first, b.last, b.parent, b.children, b.scale, b.decayed_at,
                b.enorm, b.key, b.id) == (a.lemmas_sq, a.names_sq, a.n, a.first, a.last, a.parent, a.children,
                                          a.scale, a.decayed_at, a.enorm, a.key, a.id)
        assert list(b.langs.items()) == list(a.langs.items()) and list(b.years.items()) == list(a.years.items())
        assert list(b.persons.items()) == list(a.persons.items())
        assert b.embedding.dtype == a.embedding.dtype and np.array_equal(b.embedding, a.embedding)


def test_retire_then_revive_gives_the_same_assignments_as_never_retiring(sample, monkeypatch):
    monkeypatch.setattr(retire, "_REVIVED_KEPT", 0)  # every story brought back goes back at once: most reads
    results, clusterers = {}, {}
    for label, weights in (("off", OFF), ("eager", EAGER)):
        with storyline.open(":memory:") as arc:
            arc.ingest(sample)
            ids = [r["id"] for r in q.article_rows(arc.store)]
            results[label] = {}
            for start in range(0, len(ids), 8):  # successive runs, as a stream of ingests makes them
                results[label] |= _placements(arc.store, weights, ids[start:start + 8])
            results[label]["stored"] = _stored(arc.store)
            clusterers[label] = _CACHE[arc.store][0]
    assert results["eager"] == results["off"]
    eager, off = clusterers["eager"], clusterers["off"]
    assert eager.retired > 0 and eager.vault_reads > 0, "nothing retired or came back: the test tests nothing"
    assert off.retired == 0 and len(eager.stories) < len(off.stories) and len(eager.events) < len(off.events)


def test_a_restart_after_retirement_reloads_from_the_store_and_decides_as_never_retiring(sample, tmp_path, monkeypatch):
    monkeypatch.setattr(retire, "_REVIVED_KEPT", 0)
    stored = {}
    for label, weights in (("off", OFF), ("eager", EAGER)):
        with storyline.open(tmp_path / f"{label}.db") as arc:
            arc.ingest(sample)
            ids = [r["id"] for r in q.article_rows(arc.store)]
            for start in range(0, len(ids) // 2, 8):
                _placements(arc.store, weights, ids[start:min(start + 8, len(ids) // 2)])
            first = _CACHE[arc.store][0]
            if label == "eager":
                assert first.retired > 0
                assert RetiredStories(arc.store, first.vault.token).count() > 0  # durable in the store
            # A new process: nothing cached, the clusterer is restored from the stored assignments.
            _CACHE.pop(arc.store)
            _placements(arc.store, weights, ids[len(ids) // 2:])
            second = _CACHE[arc.store][0]
            if label == "eager":
                assert second.vault.token != first.vault.token and second.vault_reads > 0
                tokens = {r[0] for r in arc.store.conn.execute("SELECT DISTINCT token FROM retired_stories")}
                assert tokens == {second.vault.token}  # the first clusterer's rows were dropped
            stored[label] = _stored(arc.store)
    assert stored["eager"] == stored["off"]


def test_a_rebuild_with_retirement_gives_the_stories_of_one_without(sample):
    stored = {}
    for label, weights in (("off", OFF), ("eager", EAGER)):
        with storyline.open(":memory:") as arc:
            arc.ingest(sample)
            rebuild(arc.store, weights=weights)
            stored[label] = _stored(arc.store)
    assert stored["eager"] == stored["off"]


def test_a_retired_story_whose_row_is_gone_is_a_clear_error():
    vault = MemoryVault()
    c = StoryClusterer(Weights(retire_after_days=1.0), vault)
    c.revived_kept = 0
    vec = np.eye(512, dtype=np.float32)
    c.learn_one(Doc("a1", "MH17 neergeschoten", "Vlucht MH17 is neergestort in Oost-Oekraïne.", "nl", 16270.0, embedding=vec[0]))
    c.refine()
    c.learn_one(Doc("a2", "Ajax wint", "Ajax heeft zondag van PSV gewonnen.", "nl", 16280.0, embedding=vec[1]))
    c.refine()
    assert c.retired == 1 and "sa1" not in c.stories and vault.get("sa1") is not None
    assert c.story_of("a1") == "sa1"  # known without bringing it back
    vault.rows.clear()
    with pytest.raises(StorylineError, match="R225|retired state of story sa1"):
        c.learn_one(Doc("a3", "MH17 onderzoek", "Vlucht MH17 neergestort, onderzoek in Oost-Oekraïne.", "nl", 16281.0,
                        embedding=vec[0]))


def test_a_story_unpacked_without_its_events_does_not_decode_them():
    """Bringing a retired story back to be scored decoded every one of its events as well (most of the cost of a
    revival on the stream benchmark): the events are a document of their own, read only when asked for."""
    story = Cluster("s1", 7, {"brand": 0.5}, 0.25, {}, 0.0, np.ones(512, dtype=np.float32), 2, 1.0, 2.0,
                    Counter({"nl": 2}), Counter(), None, ["e1", "e2"])
    events = [Cluster(e, k, {"brand": 1.0}, 1.0, {}, 0.0, np.ones(512, dtype=np.float32), 1, 1.0, 1.0,
                      Counter({"nl": 1}), Counter(), "s1", []) for k, e in enumerate(["e1", "e2"])]
    state, vectors = pack(story, events)
    damaged = state[:-6] + b"broken"  # the events' document unreadable: only a decode of the events fails
    alone, none = unpack(damaged, vectors, events=False)
    assert none == [] and list(alone.lemmas.items()) == [("brand", 0.5)] and alone.children == ["e1", "e2"]
    assert [e.id for e in unpack(state, vectors)[1]] == ["e1", "e2"]
    with pytest.raises(zlib.error):
        unpack(damaged, vectors)


def test_pack_keeps_terms_that_hold_the_record_separator_and_empty_sums_exact():
    """The records write terms joined by a NUL character (faster to decode than JSON pairs): a term holding one,
    an empty term, and a cluster with no terms at all must still come back exactly."""
    odd = Cluster("s1", 1, {"a\x00b": 0.5, "": 0.25}, 0.3125, {"Z": 1.0}, 1.0, np.ones(512, dtype=np.float32), 1,
                  None, None, Counter({"nl": 1}), Counter(), None, [])
    blank = Cluster("e1", 2, {"": 1 / 3}, 1 / 9, {}, 0.0, np.zeros(512, dtype=np.float32), 1, None, None,
                    Counter(), Counter(), "s1", [])
    empty = Cluster("e2", 3, {}, 0.0, {}, 0.0, np.zeros(512, dtype=np.float32), 1, None, None, Counter(), Counter(),
                    "s1", [])
    back, events = unpack(*pack(odd, [blank, empty]))
    assert list(back.lemmas.items()) == [("a\x00b", 0.5), ("", 0.25)] and list(back.names.items()) == [("Z", 1.0)]
    assert [list(e.lemmas.items()) for e in events] == [[("", 1 / 3)], []]
    assert [list(e.names.items()) for e in events] == [[], []] and [e.id for e in events] == ["e1", "e2"]
