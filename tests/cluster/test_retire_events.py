"""Flat memory inside live stories: quiet events retire to the store on their own and come back exactly as they were
(storyline.cluster.retire, issue 18 item 4)."""

from __future__ import annotations

import numpy as np
import pytest

import storyline
from storyline.cluster import retire
from storyline.cluster.assign import _CACHE, rebuild
from storyline.cluster.online import Doc, StoryClusterer
from storyline.cluster.retire import MemoryVault
from storyline.cluster.scoring import Weights
from storyline.errors import ConfigError, StorylineError
from storyline.store import stories as q
from tests.cluster.test_flat_memory import _runs  # successive runs of assign, placements and stored rows

OFF = Weights(retire_after_days=None, retire_events_after_days=None)  # nothing ever retires
EVENTS = Weights(retire_after_days=None, retire_events_after_days=0.0)  # every event older than the clock retires
BOTH = Weights(retire_after_days=1.0, retire_events_after_days=0.0)  # and every story quiet for a day
CUT = Weights(active_days=2.0, retire_after_days=None, retire_events_after_days=0.0)  # stories leave the window fast


@pytest.fixture
def counted(monkeypatch):
    """Counts of what the retiring clusterers did: events read back, and read back cut."""
    seen = {"loads": 0, "cut": 0}
    load = retire.Retirement._load_event

    def spy(self, eid):
        seen["loads"] += 1
        seen["cut"] += eid in self._event_cut
        return load(self, eid)

    monkeypatch.setattr(retire.Retirement, "_load_event", spy)
    return seen


@pytest.mark.parametrize("kept", [0, 2048])
@pytest.mark.parametrize("label", ["events", "both", "cut"])
def test_retired_events_give_the_placements_of_never_retiring_over_successive_runs(sample, monkeypatch, counted, label,
                                                                                   kept):
    monkeypatch.setattr(retire, "_REVIVED_KEPT", 0)  # every story brought back goes back at once: most reads
    monkeypatch.setattr(retire, "_PEEKED_KEPT", kept)  # 0: every retired event scored is read from the vault
    weights = {"events": EVENTS, "both": BOTH, "cut": CUT}[label]
    off = Weights(active_days=2.0, retire_after_days=None, retire_events_after_days=None) if label == "cut" else OFF
    results, clusterers = {}, {}
    for name, w in (("off", off), ("on", weights)):
        with storyline.open(":memory:") as arc:
            arc.ingest(sample)
            ids = [r["id"] for r in q.article_rows(arc.store)]
            results[name] = _runs(arc.store, w, ids, 8)
            clusterers[name] = on = _CACHE[arc.store][0]
            if name == "on":
                never = clusterers["off"]
                assert results["on"] == results["off"]
                assert never.events_retired == 0 and never.event_reads == 0
                assert on.events_retired > 0 and on.event_reads > 0, "nothing retired or read back: tests nothing"
                assert len(on.events) < len(never.events)
                retired = [eid for eid in never.events if eid not in on.events]
                assert retired
                for eid in retired:  # every event read back is the one never retired: cut, story (merges) and sums
                    a, b = never.events[eid], on.event(eid)
                    assert (list(b.lemmas.items()), list(b.names.items()), b.lemmas_sq, b.names_sq, b.n, b.first,
                            b.last, b.parent, b.children, b.key) == (
                        list(a.lemmas.items()), list(a.names.items()), a.lemmas_sq, a.names_sq, a.n, a.first, a.last,
                        a.parent, a.children, a.key)
                    assert np.array_equal(a.embedding, b.embedding)
    if label == "cut":
        assert counted["cut"] > 0, "no retired event was cut when read back: the test tests nothing"


def test_a_restart_with_retired_events_reloads_them_from_the_store_and_decides_as_never_retiring(sample, tmp_path):
    stored = {}
    for name, weights in (("off", OFF), ("on", BOTH)):
        with storyline.open(tmp_path / f"{name}.db") as arc:
            arc.ingest(sample)
            ids = [r["id"] for r in q.article_rows(arc.store)]
            half = len(ids) // 2
            _runs(arc.store, weights, ids[:half], 8)
            first = _CACHE[arc.store][0]
            _CACHE.pop(arc.store)  # a new process: the clusterer is restored from the stored assignments
            stored[name] = _runs(arc.store, weights, ids[half:], 8)
            second = _CACHE[arc.store][0]
            if name == "on":
                assert first.events_retired > 0 and second.events_retired > 0 and second.event_reads > 0
                rows = arc.store.conn.execute("SELECT count(*) FROM retired_stories WHERE token = ? AND story_id "
                                              "LIKE 'event:%'", (second.vault.token,)).fetchone()[0]
                assert rows > 0  # retired events are rows of the store, the first clusterer's dropped
    assert stored["on"] == stored["off"]


def test_a_rebuild_with_retired_events_gives_the_stories_of_one_without(sample):
    stored = {}
    for name, weights in (("off", OFF), ("on", EVENTS)):
        with storyline.open(":memory:") as arc:
            arc.ingest(sample)
            rebuild(arc.store, weights=weights)
            stored[name] = sorted(tuple(r) for r in arc.store.conn.execute(
                "SELECT article_id, event_id, story_id FROM story_assignments"))
    assert stored["on"] == stored["off"]


def _stream(c: StoryClusterer) -> list[tuple]:
    """One story over 35 days: an event a week apart, then a late article that belongs to the first event, an
    undated one (both must score retired events), then a copy of the first article."""
    vec = np.zeros((4, 512), dtype=np.float32)
    vec[:, 0] = 1.0
    vec[np.arange(4), np.arange(1, 5)] = 0.3
    title, text = "Brand in Zwolse cel", "In een cel in Zwolle brak brand uit; de brandweer van Zwolle blust de cel."
    docs = [Doc(f"a{k}", f"{title} {k}", text, "nl", 16000.0 + 7 * k, embedding=vec[k % 4]) for k in range(6)]
    docs += [Doc("late", title, text, "nl", 16000.5, embedding=vec[0]), Doc("undated", title, text, "nl", None,
                                                                             embedding=vec[0]),
             Doc("copy", title, text, "nl", 16041.0, copy_of="a0", embedding=vec[0])]
    out = []
    for d in docs:
        p = c.learn_one(d)
        c.refine()
        out.append((p.article_id, p.event_id, p.story_id, p.score, p.new_event))
    return out


def test_an_undated_a_late_and_a_copied_article_find_the_retired_events_they_belong_to():
    never = StoryClusterer(OFF, MemoryVault())
    vault = MemoryVault()
    c = StoryClusterer(Weights(retire_after_days=None, retire_events_after_days=3.0), vault)
    expected, got = _stream(never), _stream(c)
    assert got == expected
    assert len({p[2] for p in got}) == 1, "the articles were not one story: the test tests nothing"
    placed = {p[0]: p[1] for p in got}
    assert placed["late"] == placed["copy"] == "ea0"  # they joined the oldest event, retired when they came
    assert placed["undated"] not in ("ea5", None)  # it scored every event and joined one retired before it came
    assert c.event_reads > 0 and c.events_retired > 0 and "ea0" in c.events  # joined: back in memory, row gone
    assert "event:ea0" not in vault.rows and all(k.startswith("event:") for k in vault.rows)


def test_a_retired_event_whose_row_is_gone_is_a_clear_error():
    vault = MemoryVault()
    c = StoryClusterer(Weights(retire_after_days=None, retire_events_after_days=3.0), vault)
    vec = np.eye(512, dtype=np.float32)
    text = "Vlucht MH17 is neergestort in Oost-Oekraïne; onderzoek naar MH17."
    for k, day in enumerate((16270.0, 16280.0, 16290.0)):
        c.learn_one(Doc(f"a{k}", f"MH17 neergeschoten {k}", text, "nl", day, embedding=vec[0]))
    assert c.events_retired >= 1 and "event:ea0" in vault.rows
    assert c.story_of("a0") == "sa0"  # known without reading it back
    vault.rows.clear()
    with pytest.raises(StorylineError, match="R280|retired state of event ea0"):
        c.learn_one(Doc("u", "MH17 neergeschoten", text, "nl", None, embedding=vec[0]))


def test_retire_events_after_days_is_checked_like_the_other_retirement_settings():
    with pytest.raises(ConfigError, match="retire_events_after_days"):
        Weights(retire_events_after_days=-1.0)
    assert Weights(retire_events_after_days=None).retire_events_after_days is None
    assert Weights(retire_events_after_days=7).retire_events_after_days == 7.0


def test_a_retired_event_read_back_then_cut_with_its_story_is_scored_and_comes_back_cut():
    """A retired event kept after being read back is cut when its story leaves the active window, as in memory."""
    vec = np.eye(512, dtype=np.float32)
    text = ("In een cel in Zwolle brak brand uit; de brandweer van Zwolle blust de cel. Gedetineerden, bewakers, "
            "rook, schade, onderzoek, politie, justitie, minister, gevangenis en vuur in de Zwolse cel.")
    docs = [Doc(f"a{k}", f"Brand in Zwolse cel {k}", text, "nl", 16000.0 + 7 * k, embedding=vec[0]) for k in range(6)]
    docs += [Doc("u1", "Brand in Zwolse cel", text, "nl", None, embedding=vec[0]),
             Doc("other", "Ajax wint van PSV", "Ajax heeft zondag in Eindhoven met 0-2 van PSV gewonnen.", "nl",
                 16060.0, embedding=vec[1]),
             Doc("u2", "Brand in Zwolse cel", text, "nl", None, embedding=vec[0])]
    clusterers = {}
    for name, weights in (("off", Weights(active_days=10.0, retire_after_days=None, retire_events_after_days=None)),
                          ("on", Weights(active_days=10.0, retire_after_days=None, retire_events_after_days=3.0))):
        c = clusterers[name] = StoryClusterer(weights, MemoryVault())
        clusterers[name + " placed"] = [(p.event_id, p.story_id, p.score) for p in map(c.learn_one, docs)]
    on, off = clusterers["on"], clusterers["off"]
    assert clusterers["on placed"] == clusterers["off placed"]
    assert on._event_cut and on.event_reads > 0, "no retired event was cut: the test tests nothing"
    for eid in [e for e in off.events if e not in on.events]:
        a, b = off.events[eid], on.event(eid)
        assert (list(b.lemmas.items()), b.lemmas_sq, list(b.names.items())) == (list(a.lemmas.items()), a.lemmas_sq,
                                                                                 list(a.names.items()))
        assert len(a.lemmas) <= Weights().retired_terms // 4  # it was cut
