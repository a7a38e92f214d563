"""The state the stream clusterer keeps per article and per event or story: features and sums (pure).

Kept apart from `online.py` so that `retire.py` can rebuild a retired story without importing the clusterer.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from .embed import DIM
from .features import dot_from, positions


@dataclass(slots=True)
class Features:
    """The vectors an article is scored with (see storyline.cluster.scoring)."""

    lemmas: dict[str, float]
    names: dict[str, float]
    embedding: np.ndarray
    years: frozenset[str] = frozenset()
    persons: frozenset[str] = frozenset()  # the persons its headline names (features.headline_persons)
    title_names: frozenset[str] = frozenset()  # the name tokens of its headline
    _orders: tuple[dict[str, int], dict[str, int]] | None = field(default=None, repr=False, compare=False)

    def orders(self) -> tuple[dict[str, int], dict[str, int]]:
        """`features.positions` of the lemma and name vectors (built at the first scoring, then kept)."""
        if self._orders is None:
            self._orders = (positions(self.lemmas), positions(self.names))
        return self._orders


@dataclass(slots=True)
class Cluster:
    """An event or a story: sums of its members' vectors, date range and languages."""

    id: str
    key: int
    lemmas: dict[str, float] = field(default_factory=dict)
    lemmas_sq: float = 0.0
    names: dict[str, float] = field(default_factory=dict)
    names_sq: float = 0.0
    embedding: np.ndarray = field(default_factory=lambda: np.zeros(DIM, dtype=np.float32))
    n: int = 0
    first: float | None = None
    last: float | None = None
    langs: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)
    parent: str | None = None
    children: list[str] = field(default_factory=list)

    # The sums are stored divided by `scale`; decaying a cluster multiplies `scale` only, and cosines,
    # which divide by the norm, do not depend on it.
    scale: float = 1.0
    decayed_at: float | None = None
    enorm: float = -1.0  # the embedding sum's norm, computed when needed
    persons: Counter = field(default_factory=Counter)  # per person: how many members' headlines name them
    heads: Counter = field(default_factory=Counter)  # stories: per name, how many members' headlines name it (Features.title_names)
    day_sum: float = 0.0  # the sum of the dated members' days (their mean: `mean_day`)
    dated: int = 0  # how many members are dated

    def principals(self, share: float) -> set[str]:
        """The persons named in the headlines of at least `share` of the members (at least one).

        >>> c = Cluster("s", 0, n=4, persons=Counter({"harry": 3, "trump": 1}))
        >>> sorted(c.principals(0.5)), sorted(c.principals(0.25))
        (['harry'], ['harry', 'trump'])
        """
        least = max(1.0, share * self.n)
        return {p for p, k in self.persons.items() if k >= least}

    @property
    def mean_day(self) -> float | None:
        """The mean day of the dated members (None: none is dated): where the story's reports lie in time, which
        its date range does not say (four reports of 1999 and two misdated pages of 2009 span ten years).

        >>> c = Cluster("s", 0, day_sum=30.0, dated=3)
        >>> c.mean_day, Cluster("t", 1).mean_day
        (10.0, None)
        """
        return self.day_sum / self.dated if self.dated else None

    def prune(self, cap: int, *, hard: bool = False) -> None:
        """Keep the `cap` heaviest terms of each sum once it holds twice as many (`hard`: more than `cap`)."""
        if not cap:
            return
        limit = cap if hard else 2 * cap
        if len(self.lemmas) > limit:
            self.lemmas, self.lemmas_sq = _top(self.lemmas, cap)
        if len(self.names) > limit:
            self.names, self.names_sq = _top(self.names, cap)

    def decay(self, day: float | None, half_life: float | None) -> None:
        """Let older members count less: their weight halves every `half_life` days up to `day`."""
        if day is None or not half_life:
            return
        if self.decayed_at is not None and day > self.decayed_at:
            self.scale *= 0.5 ** ((day - self.decayed_at) / half_life)
            if self.scale < 1e-12:
                self._rescale()
        if self.decayed_at is None or day > self.decayed_at:
            self.decayed_at = day

    def _rescale(self) -> None:
        s = self.scale
        for table in (self.lemmas, self.names):
            for t in table:
                table[t] *= s
        self.lemmas_sq *= s * s
        self.names_sq *= s * s
        self.embedding = self.embedding * s
        self.enorm = -1.0
        self.scale = 1.0

    def add(self, f: Features, lang: str | None, day: float | None, half_life: float | None = None) -> None:
        """Add one member's vectors, language and date (decaying the older members first)."""
        self.decay(day, half_life)
        k = 1.0 / self.scale
        self.lemmas_sq = _add_sparse(self.lemmas, f.lemmas, self.lemmas_sq, k)
        self.names_sq = _add_sparse(self.names, f.names, self.names_sq, k)
        self.embedding = self.embedding + f.embedding * k
        self.enorm = -1.0
        self.n += 1
        self.langs[lang or "?"] += 1
        self.years.update(f.years)
        self.persons.update(f.persons)
        if self.parent is None:  # (a story: its events do not need the count)
            self.heads.update(f.title_names)
        if day is not None:
            self.day_sum += day
            self.dated += 1
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)

    def absorb(self, other: Cluster) -> None:
        """Add every member of `other` (a merge)."""
        k = other.scale / self.scale
        self.lemmas_sq = _add_sparse(self.lemmas, other.lemmas, self.lemmas_sq, k)
        self.names_sq = _add_sparse(self.names, other.names, self.names_sq, k)
        self.embedding = self.embedding + other.embedding * k
        self.enorm = -1.0
        self.n += other.n
        self.langs.update(other.langs)
        self.years.update(other.years)
        self.persons.update(other.persons)
        self.heads.update(other.heads)
        self.day_sum += other.day_sum
        self.dated += other.dated
        for day in (other.first, other.last):
            if day is not None:
                self.first = day if self.first is None else min(self.first, day)
                self.last = day if self.last is None else max(self.last, day)

    def probe(self, max_terms: int, years: bool = False) -> Features:
        """The story as a query: its `max_terms` heaviest lemmas and names at unit length, its mean embedding at
        unit length, and (`years`) its most common title year."""
        return Features(top_unit(self.lemmas, max_terms), top_unit(self.names, max_terms),
                        self.embedding / (float(np.linalg.norm(self.embedding)) or 1.0),
                        frozenset(y for y, _ in self.years.most_common(1)) if years else frozenset())

    def cosines(self, f: Features) -> tuple[float, float, float]:
        """Cosines of the article's lemma, name and embedding vectors with this cluster's sums."""
        lemma_order, name_order = f.orders()
        cl = dot_from(f.lemmas, lemma_order, self.lemmas) / math.sqrt(self.lemmas_sq) if self.lemmas_sq > 0 else 0.0
        cn = dot_from(f.names, name_order, self.names) / math.sqrt(self.names_sq) if self.names_sq > 0 else 0.0
        if self.enorm < 0:
            self.enorm = float(np.sqrt(self.embedding @ self.embedding))
        cu = float(f.embedding @ self.embedding) / self.enorm if self.enorm > 0 else 0.0
        return cl, cn, cu


def top_unit(vec: dict[str, float], k: int) -> dict[str, float]:
    """The `k` heaviest entries of `vec`, rescaled to unit length."""
    top = sorted(vec.items(), key=lambda kv: -kv[1])[:k] if len(vec) > k else list(vec.items())
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {t: v / norm for t, v in top}


def range_gap(a_first: float | None, a_last: float | None, b_first: float | None, b_last: float | None) -> float | None:
    """Days between two date ranges (0 when they overlap; None when either is undated)."""
    if a_first is None or b_first is None or a_last is None or b_last is None:
        return None
    return max(0.0, max(a_first, b_first) - min(a_last, b_last))


def _top(vec: dict[str, float], cap: int) -> tuple[dict[str, float], float]:
    """The `cap` heaviest entries of `vec` and their squared norm."""
    kept = dict(heapq.nlargest(cap, vec.items(), key=lambda kv: kv[1]))
    return kept, sum(v * v for v in kept.values())


def _add_sparse(total: dict[str, float], vec: dict[str, float], sq: float, k: float = 1.0) -> float:
    """Add `k * vec` into `total` in place; return the new squared norm given the old one `sq`."""
    for t, w in vec.items():
        w *= k
        old = total.get(t, 0.0)
        total[t] = old + w
        sq += 2.0 * old * w + w * w
    return sq
