"""The inverted index of the candidate search: a story's heaviest names and lemmas -> the stories that hold them.

Used by the stream clusterer (`online.StoryClusterer`) and by the stitching of partitioned backfills
(`storyline.backfill.partition`), so both find candidates the same way.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Hashable, Iterator, Mapping
from typing import Generic, TypeVar

from .state import Features

K = TypeVar("K", bound=Hashable)


def heavy_terms(names: Mapping[str, float], lemmas: Mapping[str, float],
                n: int) -> Iterator[tuple[str, Mapping[str, float]]]:
    """The keys ("n:" name, "l:" lemma) of the `n` heaviest names and lemmas, with the vector each is from."""
    for vec, prefix in ((names, "n:"), (lemmas, "l:")):
        for term in heapq.nlargest(n, vec, key=vec.__getitem__):
            yield prefix + term, vec


class Postings(Generic[K]):
    """Term key -> the story keys that have the term among their `query_terms` heaviest (the `depth` most recent).

    >>> import numpy as np
    >>> p = Postings(query_terms=1, depth=2)
    >>> for k in (1, 2, 3):
    ...     p.add(k, Features({"top": 1.0}, {}, np.zeros(1, dtype=np.float32)))
    >>> p.lists["l:top"], dict(p.hits(Features({"top": 0.5}, {}, np.zeros(1, dtype=np.float32))))
    ([2, 3], {2: 0.5, 3: 0.5})
    """

    def __init__(self, query_terms: int = 6, depth: int = 12) -> None:
        self.query_terms = query_terms
        self.depth = depth
        self.lists: dict[str, list[K]] = {}

    def add(self, key: K, f: Features) -> None:
        """Index story `key` under its heaviest terms (moved to the most recent end when it is there already)."""
        for term, _ in heavy_terms(f.names, f.lemmas, self.query_terms):
            posting = self.lists.setdefault(term, [])
            if key in posting:
                posting.remove(key)
            elif len(posting) >= self.depth:
                del posting[0]
            posting.append(key)

    def hits(self, f: Features) -> Counter[K]:
        """The stories sharing the heaviest terms of `f`, each with the summed weight of those terms in `f`."""
        hits: Counter[K] = Counter()
        for term, vec in heavy_terms(f.names, f.lemmas, self.query_terms):
            weight = vec[term[2:]]
            for key in self.lists.get(term, ()):
                hits[key] += weight  # type: ignore[assignment]  # Counter takes float counts; typeshed says int
        return hits

    def remove(self, key: K, names: Mapping[str, float], lemmas: Mapping[str, float], terms: int) -> None:
        """Take story `key` out of the postings of its `terms` heaviest names and lemmas (a story that retires)."""
        for term, _ in heavy_terms(names, lemmas, terms):
            posting = self.lists.get(term)
            if posting is not None and key in posting:
                posting.remove(key)
                if not posting:
                    del self.lists[term]

    def forget(self, term: str) -> None:
        """Drop a term key ("n:..." or "l:...") the document frequencies forgot."""
        self.lists.pop(term, None)

    def __contains__(self, term: object) -> bool:
        return term in self.lists
