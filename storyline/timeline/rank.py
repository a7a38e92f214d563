"""Which dates matter: publication counts, mention counts and bursts of coverage, scored per date (pure)."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from .prepare import Doc, Sent


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
    burst: float = 0.0
    local: float = 0.0  # mean number of articles a day published in the fortnight around the date

    @property
    def support(self) -> set[int]:
        """Every article that supports an entry on this date."""
        return self.pub_docs | self.ment_docs


@dataclass(slots=True, frozen=True)
class Weights:
    """Weights of the date score; tuned on the Timeline17 development topics."""

    mention_docs: float = 1.0
    mention_sents: float = 0.0
    after: float = 1.0
    published: float = 0.5
    next_day: float = 0.25
    burst: float = 1.0
    month: float = 0.8
    spread: float = 0.0  # how much a date loses per chosen date near it (0: rank by score alone)
    local_norm: float = 0.0  # a day's score is divided by (1 + its local daily coverage) to this power
    spread_width: float = 1.0  # "near": within this share of the days per entry (span / number of entries)


def date_stats(docs: list[Doc], sents: list[Sent], start: str | None = None, end: str | None = None,
               precisions: tuple[str, ...] = ("day", "month")) -> dict[str, DateStats]:
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
        for key, prec in s.dates:
            st = get(key, prec)
            st.ment_sents += 1
            if s.doc not in st.ment_docs:
                st.ment_docs.add(s.doc)
                ref = doc.day if prec == "day" else doc.month
                if ref and key > ref:
                    st.ment_before += 1
                elif ref and key < ref:
                    st.ment_after += 1
    _bursts(stats)
    lo, hi = start or "0000", end or "9999"
    return {k: v for k, v in stats.items()
            if v.precision in precisions and lo[:len(k)] <= k <= hi[:len(k)] and (v.pub_docs or v.ment_docs)}


def _bursts(stats: dict[str, DateStats]) -> None:
    """Publication count of a day against the mean of the fortnight around it."""
    days = {k: len(v.pub_docs) for k, v in stats.items() if v.precision == "day"}
    for k, n in list(days.items()):
        if not n:
            continue
        d = date.fromisoformat(k)
        around = [days.get((d + timedelta(days=o)).isoformat(), 0) for o in range(-7, 8) if o]
        stats[k].burst = max(0.0, n - sum(around) / len(around))
    for k, st in stats.items():
        if st.precision == "day":
            d = date.fromisoformat(k)
            st.local = sum(days.get((d + timedelta(days=o)).isoformat(), 0) for o in range(-7, 8)) / 15


def score(st: DateStats, w: Weights = Weights()) -> float:
    """How much a date deserves an entry.

    >>> score(DateStats("2018-06-12", "day", {1}, set(), {0, 1}, 3, 1, 1))
    3.5
    """
    value = (w.mention_docs * len(st.ment_docs) + w.mention_sents * math.log1p(st.ment_sents)
             + w.after * st.ment_after + w.published * len(st.pub_docs) + w.next_day * len(st.next_docs)
             + w.burst * st.burst)
    if w.local_norm and st.precision == "day":
        value /= (1.0 + st.local) ** w.local_norm
    return value * (w.month if st.precision == "month" else 1.0)


def rank_dates(stats: dict[str, DateStats], w: Weights = Weights()) -> list[tuple[str, float]]:
    """Dates best first, with their scores (ties: the earlier date first)."""
    return sorted(((k, score(v, w)) for k, v in stats.items()), key=lambda kv: (-kv[1], kv[0]))


def pick_dates(stats: dict[str, DateStats], w: Weights, n: int, chosen: list[str]) -> Iterator[tuple[str, float]]:
    """Dates best first; with `w.spread`, a date loses score for every date of `chosen` close to it.

    `chosen` is the caller's list of dates accepted so far (it may skip some of the dates offered).
    """
    ranked = rank_dates(stats, w)
    if not w.spread or n <= 0:
        yield from ranked
        return
    days = [date.fromisoformat(k).toordinal() for k, _ in ranked if len(k) == 10]
    if not days:
        yield from ranked
        return
    width = max(1.0, w.spread_width * (max(days) - min(days) + 1) / n)

    def adjusted(key: str, value: float) -> float:
        if len(key) != 10:
            return value
        d = date.fromisoformat(key).toordinal()
        crowd = sum(max(0.0, 1.0 - abs(d - date.fromisoformat(c).toordinal()) / width) for c in chosen if len(c) == 10)
        return value / (1.0 + w.spread * crowd)

    # lazy greedy: a date's adjusted score only falls as dates are chosen
    heap = [(-v, k, 0, v) for k, v in ranked]
    heapq.heapify(heap)
    while heap:
        neg, key, seen, value = heapq.heappop(heap)
        if seen == len(chosen):
            yield key, value
            continue
        heapq.heappush(heap, (-adjusted(key, value), key, len(chosen), value))
