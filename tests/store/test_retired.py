"""The retired events' map in the store (storyline.store.retired, issue 18 flat memory): it answers as the in-memory
map of `MemoryVault` does, buffered or written, and survives only for its own clusterer."""

from __future__ import annotations

import random

import storyline
from storyline.cluster.retire import MemoryVault
from storyline.cluster.scoring import gap_days
from storyline.store import retired as retired_module
from storyline.store.retired import RetiredStories


def _near(spans: dict, day: float | None, window: float) -> set[str]:
    """The events `_best_event` scores: undated article -> all; else the undated ones and those within the window."""
    return {e for e, (first, last) in spans.items()
            if day is None or last is None or (gap_days(day, first, last) is not None
                                               and gap_days(day, first, last) <= window)}


def test_the_event_map_in_the_store_answers_as_the_one_in_memory_buffered_or_written(tmp_path, monkeypatch):
    monkeypatch.setattr(retired_module, "_FLUSH", 7)  # written every few rows: reads mix buffered and stored rows
    rng = random.Random(18)
    stories = [f"s{k}" for k in range(5)]
    events = [f"e{k}" for k in range(60)]
    with storyline.open(tmp_path / "a.db") as arc:
        stored, memory = RetiredStories(arc.store).start(), MemoryVault()
        checked = 0
        for step in range(1500):
            op = rng.random()
            if op < 0.45:
                first = rng.choice([None, 16000.0 + rng.randrange(60) + rng.random()])
                last = None if first is None else first + rng.choice([0.0, 0.5, 3.0, 9.25])
                rows = [(rng.choice(events), rng.choice(stories), first, last, rng.random() < 0.7)]
                stored.put_homes(rows)
                memory.put_homes(rows)
            elif op < 0.6:
                e = rng.choice(events)
                stored.drop_home(e)
                memory.drop_home(e)
            elif op < 0.65:
                a, b = rng.sample(stories, 2)
                stored.move_homes(a, b)
                memory.move_homes(a, b)
            elif op < 0.7:
                s = rng.choice(stories)
                stored.cut_homes(s)
                memory.cut_homes(s)
            for e in rng.sample(events, 3):
                assert stored.home(e) == memory.home(e), (step, e)
            s = rng.choice(stories)
            day = rng.choice([None, 16000.0 + rng.randrange(70) + 0.5])
            want = memory.own_events(s)
            got = stored.own_events(s, day, 4.0)
            assert set(got) <= set(want) and all(got[e] == want[e] for e in got)  # a subset of the story's own rows
            assert _near(got, day, 4.0) == _near(want, day, 4.0)  # holding every one an article would score
            checked += bool(_near(want, day, 4.0))
        assert checked > 100, "few non-empty answers: the test tests little"
        stored.flush()
        for e in events:
            assert stored.home(e) == memory.home(e)
        assert arc.store.conn.execute("SELECT count(*) FROM retired_events").fetchone()[0] == len(memory.homes)


def test_a_new_clusterer_drops_the_event_map_of_earlier_ones(tmp_path):
    with storyline.open(tmp_path / "a.db") as arc:
        first = RetiredStories(arc.store).start()
        first.put_homes([("e1", "s1", 16000.0, 16001.0, True)])
        first.flush()
        second = RetiredStories(arc.store).start()
        assert second.home("e1") is None
        tokens = {r[0] for r in arc.store.conn.execute("SELECT token FROM retired_events")}
        assert tokens == set()
