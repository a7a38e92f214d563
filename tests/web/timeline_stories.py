"""Synthetic stories with timelines of a chosen size, for the browser tests of the visual timeline.

Each story gets a few real (ingested) member articles and a stored timeline of exactly the wanted
entries, written through the store's own functions with the signature the timeline service checks, so
the served story page shows these entries and builds nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import storyline
from storyline.models import Precision, Timeline, TimelineEntry, TimelineSentence
from storyline.store import stories as story_rows
from storyline.store import timelines as timeline_rows
from storyline.timeline.service import signature

WORDS = ("kabinet", "minister", "haven", "rechter", "storm", "dijk", "school", "trein", "akkoord", "debat",
         "ziekenhuis", "gemeente", "brug", "verkiezing", "staking", "rapport", "onderzoek", "fabriek", "boeren",
         "water", "energie", "politie", "vakbond", "museum", "festival", "wetsvoorstel", "provincie", "rivier")


@dataclass(frozen=True)
class Entry:
    day: date
    precision: str = "day"
    estimated: bool = False
    planned: bool = False

    @property
    def text(self) -> str:
        return {"year": self.day.isoformat()[:4], "month": self.day.isoformat()[:7]}.get(self.precision,
                                                                                       self.day.isoformat())


@dataclass(frozen=True)
class SyntheticStory:
    """A story id with its timeline entries (in date order) and what the tests expect of them."""

    id: str
    entries: tuple[Entry, ...]
    outlier: int | None = None   # index of an entry far from the rest, if any

    @property
    def latest(self) -> int:
        """The index of the latest development: the latest date as written ("2018-06-12" after "2018-06"),
        a stated date before an estimated one; a plan is no development."""
        return max((i for i in range(len(self.entries)) if not self.entries[i].planned),
                   key=lambda i: (self.entries[i].text, not self.entries[i].estimated, i))


def _days(rng: random.Random, start: date, end: date, k: int) -> list[date]:
    span = (end - start).days + 1
    return [start + timedelta(days=d) for d in sorted(rng.sample(range(span), k))]


def plan() -> dict[str, SyntheticStory]:
    """The stories: 5 entries; 50 and 200 with a busy month and one entry years earlier; and one whose latest
    entry comes long after the rest."""
    rng = random.Random(16)
    small = SyntheticStory("s-five", (Entry(date(2018, 5, 10)), Entry(date(2018, 5, 1), "month"),
                                      Entry(date(2018, 5, 24)), Entry(date(2018, 6, 1)), Entry(date(2018, 6, 12))))
    fifty = [Entry(date(2011, 3, 4))]
    fifty += [Entry(d) for d in _days(rng, date(2018, 3, 1), date(2018, 5, 31), 10)]
    fifty += [Entry(d) for d in _days(rng, date(2018, 6, 1), date(2018, 6, 30), 28)]  # the busiest month
    fifty += [Entry(date(2018, 7, 1), "month"), Entry(date(2018, 8, 1), "month")]
    fifty += [Entry(d, estimated=i == 2) for i, d in enumerate(_days(rng, date(2018, 7, 2), date(2018, 9, 20), 9))]
    big = [Entry(date(2009, 7, 1))]
    big += [Entry(d) for d in _days(rng, date(2022, 1, 1), date(2022, 9, 30), 60)]
    big += [Entry(d) for d in _days(rng, date(2022, 10, 1), date(2022, 10, 31), 30)]  # the busiest month
    big += [Entry(d) for d in _days(rng, date(2022, 11, 1), date(2023, 4, 18), 101)]
    big += [Entry(date(2022, m, 1), "month") for m in range(2, 10)]
    late = [Entry(d) for d in _days(rng, date(2020, 2, 1), date(2020, 4, 30), 29)] + [Entry(date(2024, 9, 9))]
    decade = [Entry(d) for d in _days(rng, date(2013, 1, 1), date(2022, 12, 31), 60)]
    decade += [Entry(date(y, 6, 1), "month") for y in (2014, 2017, 2020)] + [Entry(date(2016, 1, 1), "year")]
    same_day = [Entry(date(2020, 3, 15)), Entry(date(2020, 3, 15), estimated=True), Entry(date(2020, 3, 1), "month")]
    # the demo's bug: a plan ("The cap is due to take effect in November 2023") after the last development
    planned = [Entry(date(2023, 4, 5)), Entry(date(2023, 6, 1), "month"), Entry(date(2023, 7, 7)),
               Entry(date(2023, 11, 1), "month", planned=True)]
    stories = [small, SyntheticStory("s-fifty", tuple(sorted(fifty, key=lambda e: e.day)), 0),
               SyntheticStory("s-two-hundred", tuple(sorted(big, key=lambda e: e.day)), 0),
               SyntheticStory("s-late", tuple(late)), SyntheticStory("s-one", (Entry(date(2019, 11, 5)),)),
               SyntheticStory("s-decade", tuple(sorted(decade, key=lambda e: e.day))),
               SyntheticStory("s-same-day", tuple(same_day)), SyntheticStory("s-plan", tuple(planned))]
    assert [len(s.entries) for s in stories] == [5, 50, 200, 30, 1, 64, 3, 4]
    return {s.id: s for s in stories}


def _text(rng: random.Random, n: int) -> str:
    sentences = []
    for _ in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 14))]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def build(path: Path) -> dict[str, SyntheticStory]:
    """Write the stories of `plan()` into a new database at `path`; returns them by id."""
    stories = plan()
    rng = random.Random(61)
    with storyline.open(path) as archive:
        records = []
        for story in stories.values():
            for n in range(min(3, len(story.entries))):
                records.append({"id": f"{story.id}-a{n}", "title": f"{story.id} article {n}", "lang": "nl",
                                "source": f"Krant {n}", "published": story.entries[-1 - n].day.isoformat(),
                                "text": _text(rng, 12)})
        report = archive.ingest_records(records)
        assert not report.rejected, report.rejected
        store = archive.store
        by_story: dict[str, list[str]] = {}
        for row in store.articles(limit=None):
            by_story.setdefault(row["title"].split(" article ")[0], []).append(row["id"])
        with store.atomic() as conn:
            story_rows.write_assignments(conn, [(aid, f"{sid}-e", sid, 1.0, 0)
                                                for sid, ids in by_story.items() for aid in ids])
            story_rows.tidy(conn, list(by_story))
        for story in stories.values():
            ids = by_story[story.id]
            entries = []
            for i, e in enumerate(story.entries):
                aid = ids[i % len(ids)]
                sentence = TimelineSentence(f"Op {e.text} gebeurde iets met de {WORDS[i % len(WORDS)]} (nummer {i}).",
                                            [aid], [f"Krant {i % 3}"], "nl", 0.5)
                entries.append(TimelineEntry(e.text, Precision(e.precision), [sentence], [aid],
                                             score=round(rng.random(), 3), estimated=e.estimated, planned=e.planned))
            timeline = Timeline(f"Verhaal {story.id}", [entries[-1].sentences[0]], entries, "nl", len(ids))
            members = timeline_rows.members(store, [story.id])[story.id]
            with store.atomic() as conn:
                timeline_rows.save(conn, story.id, 0, signature(members), timeline, 0.0)
    return stories
