"""Which dates matter: publication counts, mention counts and bursts of coverage, scored per date (pure)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from ..config import check_options

if TYPE_CHECKING:  # types only: prepare imports the event-date rules, which need not load here
    from .prepare import Sent, TimelineDoc


@dataclass(slots=True)
class DateStats:
    """What the collection says about one date (a day "2010-05-14" or a month "2010-05")."""

    key: str
    precision: str
    pub_docs: set[int] = field(default_factory=set)  # published on this day (or in this month, month precision)
    next_docs: set[int] = field(default_factory=set)  # published the day after (they report on this day)
    ment_docs: set[int] = field(default_factory=set)  # mention the date in their text
    ment_sents: int = 0
    ment_before: int = 0  # articles that mention it before it happens (announcements)
    ment_after: int = 0  # articles that look back on it
    ment_far: int = 0  # articles that look back on it from `DateWeights.far_days` or more later (a milestone)
    burst: float = 0.0

    @property
    def support(self) -> set[int]:
        """Every article that supports an entry on this date."""
        return self.pub_docs | self.ment_docs


@dataclass(slots=True, frozen=True)
class DateWeights:
    """Weights of the date score; tuned on the Timeline17 development topics."""

    mention_docs: float = 1.0
    mention_sents: float = 0.0
    after: float = 1.0
    published: float = 0.5
    next_day: float = 0.25
    burst: float = 1.0
    month: float = 0.8  # a month's score is multiplied by this (a day is more precise than "in June")
    far: float = 1.0  # looks back from `far_days` or more later, on top of `after`
    far_days: int = 30  # a look back from this many days later or more marks a milestone (counted in `ment_far`)

    SECTION: ClassVar[str] = "timeline.dates"
    BOUNDS: ClassVar[dict[str, tuple[float | None, float | None]]] = {"far_days": (1, None)}

    def __post_init__(self) -> None:
        check_options(self)


def date_stats(docs: list[TimelineDoc], sents: list[Sent], start: str | None = None, end: str | None = None,
               precisions: tuple[str, ...] = ("day", "month"), far_days: int = 30) -> dict[str, DateStats]:
    """Statistics of every date published on or mentioned, limited to [start, end] when given.

    >>> from .prepare import prepare
    >>> docs, sents = prepare([{"id": "a", "text": "The summit on 12 June is off.", "published": "2018-05-30"},
    ...                        {"id": "b", "text": "They met on 12 June in Singapore.", "published": "2018-06-13"}])
    >>> s = date_stats(docs, sents)["2018-06-12"]
    >>> sorted(s.ment_docs), sorted(s.next_docs), s.ment_before, s.ment_after
    ([0, 1], [1], 1, 1)
    """
    stats: dict[str, DateStats] = {}

    def get(key: str, prec: str) -> DateStats:
        if key not in stats:
            stats[key] = DateStats(key, prec)
        return stats[key]

    for i, doc in enumerate(docs):
        if doc.day:
            get(doc.day, "day").pub_docs.add(i)
            prev = (date.fromisoformat(doc.day) - timedelta(days=1)).isoformat()
            get(prev, "day").next_docs.add(i)
        elif doc.month:
            get(doc.month, "month").pub_docs.add(i)
    for s in sents:
        doc = docs[s.doc]
        pairs = s.dates
        own = s.event_key
        if own and s.event is not None and s.event.kind == "own" and all(k != own for k, _ in pairs):
            pairs = [*pairs, (own, s.event.precision or "day")]  # "donderdag" in an article of May: May
        for key, prec in pairs:
            st = get(key, prec)
            st.ment_sents += 1
            if s.doc not in st.ment_docs:
                st.ment_docs.add(s.doc)
                ref = doc.day if prec == "day" else doc.month
                if ref and key > ref:
                    st.ment_before += 1
                elif ref and key < ref:
                    st.ment_after += 1
                    if prec == "day" and (date.fromisoformat(ref) - date.fromisoformat(key)).days >= far_days:
                        st.ment_far += 1
    _bursts(stats)
    lo, hi = start or "0000", end or "9999"
    return {k: v for k, v in stats.items()
            if v.precision in precisions and lo[:len(k)] <= k <= hi[:len(k)] and (v.pub_docs or v.ment_docs)}


def _bursts(stats: dict[str, DateStats]) -> None:
    """Publication count of a day against the mean of the fortnight around it."""
    days = {k: len(v.pub_docs) for k, v in stats.items() if v.precision == "day"}
    for k, n in days.items():
        if not n:
            continue
        d = date.fromisoformat(k)
        around = [days.get((d + timedelta(days=o)).isoformat(), 0) for o in range(-7, 8) if o]
        stats[k].burst = max(0.0, n - sum(around) / len(around))


def score(st: DateStats, w: DateWeights = DateWeights()) -> float:
    """How much a date deserves an entry.

    >>> score(DateStats("2018-06-12", "day", {1}, set(), {0, 1}, 3, 1, 1))
    3.5
    """
    value = (w.mention_docs * len(st.ment_docs) + w.mention_sents * math.log1p(st.ment_sents)
             + w.after * st.ment_after + w.published * len(st.pub_docs) + w.next_day * len(st.next_docs)
             + w.burst * st.burst + w.far * st.ment_far)
    return value * (w.month if st.precision == "month" else 1.0)


def rank_dates(stats: dict[str, DateStats], w: DateWeights = DateWeights()) -> list[tuple[str, float]]:
    """Dates best first, with their scores (ties: the earlier date first)."""
    return sorted(((k, score(v, w)) for k, v in stats.items()), key=lambda kv: (-kv[1], kv[0]))

