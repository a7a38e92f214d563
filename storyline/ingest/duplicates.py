"""Near-duplicate policy: how a signature is bucketed, how alike two texts are, and when a shared text is boilerplate.

The store (:meth:`storyline.store.sqlite.Store.add_batch`) keeps the signatures, band keys and copy groups;
it asks this policy which buckets a new signature falls in, how similar two signatures are, and whether the
titles a group's text appears under make it page boilerplate rather than a copied story.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fingerprint import band_keys, jaccard


@dataclass(frozen=True, slots=True)
class NearDuplicates:
    """Texts at least `threshold` alike (MinHash Jaccard) are copies of one another."""

    threshold: float
    # A text found under this many different titles is boilerplate, not a copied story.
    boilerplate_titles: int = 3

    def keys(self, sig: np.ndarray) -> list[tuple[int, int]]:
        """The (band, key) buckets of a signature: texts sharing one are candidates for a copy."""
        return band_keys(sig, self.threshold)

    def similarity(self, a: np.ndarray, b: np.ndarray) -> float:
        """Estimated Jaccard similarity of two texts' shingles, from their signatures."""
        return jaccard(a, b)

    def is_boilerplate(self, titles: set[str]) -> bool:
        """True when one text stands under so many different (case-folded) titles that it is page furniture."""
        return len(titles) >= self.boilerplate_titles
