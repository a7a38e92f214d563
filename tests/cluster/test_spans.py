"""The events a dated article is scored against, found by the story's date-range arrays (storyline.cluster.spans)
instead of a loop over every event of the story: the same events, the same placements."""

from __future__ import annotations

import random

import numpy as np
import pytest

import storyline
from storyline.cluster import online, retire, spans
from storyline.cluster.scoring import Weights, gap_days
from storyline.cluster.spans import EventSpans
from storyline.cluster.state import Cluster
from storyline.store import stories as q
from tests.cluster.test_flat_memory import _runs  # successive runs of assign, placements and stored rows


def _loop(day: float, window: float, ranges: list[tuple[float | None, float | None]]) -> list[int]:
    """The events the loop of `StoryClusterer._best_event` scored before the arrays (its own test, verbatim)."""
    out = []
    for i, (first, last) in enumerate(ranges):
        gap = gap_days(day, first, last)
        if day is not None and last is not None and (gap is None or gap > window):
            continue
        out.append(i)
    return out


def test_near_finds_the_events_the_loop_scored_including_ranges_exactly_window_days_away():
    rng = random.Random(7)
    for _ in range(300):
        ranges: list[tuple[float | None, float | None]] = []
        for _ in range(rng.randint(1, 60)):
            if rng.random() < 0.2:
                ranges.append((None, None))
            else:
                first = rng.choice([rng.uniform(0, 40), float(rng.randint(0, 40)), rng.randint(0, 160) / 4])
                ranges.append((first, first + rng.choice([0.0, rng.uniform(0, 6), rng.randint(0, 6) / 2])))
        story = Cluster("s", 0, children=[f"e{i}" for i in range(len(ranges))])
        index = EventSpans(story)
        index.extend(ranges[:len(ranges) // 2])  # caught up in two steps, as a story that grows
        index.extend(ranges[len(ranges) // 2:])
        for _ in range(10):
            day = rng.choice([rng.uniform(-5, 45), float(rng.randint(-5, 45)), rng.randint(-20, 180) / 4])
            window = rng.choice([4.0, 0.0, 2.5])
            assert list(index.near(day, window)) == _loop(day, window, ranges)
        moved = rng.randrange(len(ranges))  # an article joins an event: its row follows
        ranges[moved] = (5.0, 9.0)
        index.update(f"e{moved}", 5.0, 9.0)
        assert list(index.near(7.0, 4.0)) == _loop(7.0, 4.0, ranges)


def test_update_of_an_event_not_in_the_story_or_not_held_yet_changes_nothing():
    story = Cluster("s", 0, children=["e0", "e1"])
    index = EventSpans(story)
    index.extend([(1.0, 1.0)])
    index.update("elsewhere", 50.0, 50.0)
    index.update("e1", 50.0, 50.0)  # no row yet: it gets one when caught up
    assert index.n == 1 and list(index.near(1.0, 0.0)) == [0]


@pytest.mark.parametrize("weights", [Weights(retire_after_days=None, retire_events_after_days=None),
                                     Weights(retire_after_days=1.0, retire_events_after_days=0.0)],
                         ids=["nothing-retires", "stories-and-events-retire"])
def test_placements_with_the_arrays_are_those_of_the_loop_over_successive_runs(sample, monkeypatch, weights):
    monkeypatch.setattr(retire, "_REVIVED_KEPT", 0)  # stories come back as new objects: their arrays are rebuilt
    found = {"calls": 0, "skipped": 0}
    near = EventSpans.near

    def spy(self, day, window):
        kept = near(self, day, window)
        found["calls"] += 1
        found["skipped"] += self.n - len(kept)
        return kept

    monkeypatch.setattr(spans.EventSpans, "near", spy)
    results = {}
    for name, start in (("loop", 10**9), ("arrays", 1)):  # 1: every story finds its events by the arrays
        monkeypatch.setattr(online, "_SPANS_FROM", start)
        with storyline.open(":memory:") as arc:
            arc.ingest(sample)
            ids = [r["id"] for r in q.article_rows(arc.store)]
            results[name] = _runs(arc.store, weights, ids, 8)
    assert results["arrays"] == results["loop"]
    assert found["calls"] > 0 and found["skipped"] > 0, "no event was left out by the arrays: the test tests nothing"


def _grown(c: online.StoryClusterer) -> list[tuple]:
    """One story: an event whose range grows by a day at a time, each article near the last one only."""
    vec = np.zeros(512, dtype=np.float32)
    vec[0] = 1.0
    title, text = "Brand in Zwolse cel", "In een cel in Zwolle brak brand uit; de brandweer van Zwolle blust de cel."
    out = []
    for k, day in enumerate((16000.0, 16003.0, 16006.5, 16010.0, 16020.0, 16013.5)):
        p = c.learn_one(online.Doc(f"a{k}", title, text, "nl", day, embedding=vec))
        out.append((p.article_id, p.event_id, p.story_id, p.score))
    return out


def test_an_event_whose_range_grew_is_found_at_its_new_dates(monkeypatch):
    weights = Weights(retire_after_days=None, retire_events_after_days=None)
    monkeypatch.setattr(online, "_SPANS_FROM", 10**9)
    expected = _grown(online.StoryClusterer(weights))
    monkeypatch.setattr(online, "_SPANS_FROM", 1)
    assert _grown(online.StoryClusterer(weights)) == expected
    assert len({p[2] for p in expected}) == 1 and [p[1] for p in expected].count("ea0") == 5, \
        "the articles did not grow one event day by day: the test tests nothing"
