"""A nearest-neighbour index over story centroids: a flat inner-product scan with in-place updates.

Every placement changes one story's centroid, so updates must cost O(dimension), not O(index size) (faiss's
`remove_ids` on a flat index moves the whole array). Rows live in one growing float32 matrix; a removal moves the
last row into the freed slot. A query is one matrix-vector product over the rows held: the active window.

The index of every story (what an undated article searches) grows with the archive, and one matrix-vector product
over it reads the whole matrix for a single query (8–10 ms at 35,000 stories). `prime` scores the queries known
ahead (a batch's undated articles) against every row in one matrix product, which reads the matrix once; `search`
then rescores only the rows changed since and a short list near the k-th best with the matrix-vector product of
one query, so it returns what the plain scan returns (see `search`).
"""

from __future__ import annotations

import numpy as np

from .embed import DIM

_SLACK = 1e-4  # how far (relative to the query's norm) a primed score may be from the one query's product
_STALE_SHARE = 0.25  # a priming older than this share of changed rows is dropped (the plain scan is cheaper)


class CentroidIndex:
    """Mean embeddings of clusters keyed by integer, searchable by inner product.

    >>> idx = CentroidIndex()
    >>> idx.upsert(7, np.eye(512, dtype=np.float32)[0]); idx.upsert(8, np.eye(512, dtype=np.float32)[1])
    >>> idx.search(np.eye(512, dtype=np.float32)[1], 1), len(idx)
    ([8], 2)
    >>> idx.remove(8); idx.search(np.eye(512, dtype=np.float32)[1], 5), len(idx)
    ([7], 1)
    """

    def __init__(self, dim: int = DIM) -> None:
        self.dim = dim
        self._matrix = np.zeros((64, dim), dtype=np.float32)
        self._keys: list[int] = []
        self._row: dict[int, int] = {}
        self._primed: np.ndarray | None = None  # rows (at priming) x primed queries: their products
        self._primed_n = 0  # rows held at priming
        self._primed_at: dict[bytes, int] = {}  # a primed query's bytes -> its column
        self._changed: set[int] = set()  # rows (below `_primed_n`) whose content changed since the priming
        self.primed_searches = 0  # searches answered from a priming (for benchmarks)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: int) -> bool:
        return key in self._row

    def upsert(self, key: int, vector: np.ndarray) -> None:
        """Add or replace the vector of `key` (normalised here)."""
        v = np.asarray(vector, dtype=np.float32).reshape(self.dim)
        norm = float(np.sqrt(v @ v))
        row = self._row.get(key)
        if row is None:
            row = len(self._keys)
            if row == len(self._matrix):
                # (zeros, not a copy of zeros: the rows not written yet take no memory until they are)
                grown = np.zeros((2 * len(self._matrix), self.dim), dtype=np.float32)
                grown[:row] = self._matrix
                self._matrix = grown
            self._keys.append(key)
            self._row[key] = row
        self._matrix[row] = v / norm if norm > 0 else v
        self._touch(row)

    def remove(self, key: int) -> None:
        """Forget `key` (no error when absent)."""
        row = self._row.pop(key, None)
        if row is None:
            return
        last = len(self._keys) - 1
        if row != last:
            moved = self._keys[last]
            self._matrix[row] = self._matrix[last]
            self._keys[row] = moved
            self._row[moved] = row
            self._touch(row)
        self._keys.pop()

    def _touch(self, row: int) -> None:
        if self._primed is not None and row < self._primed_n:
            self._changed.add(row)
            if len(self._changed) > _STALE_SHARE * self._primed_n:
                self.unprime()

    def prime(self, queries: list[np.ndarray]) -> None:
        """Score these queries against every row now, in one matrix product, for the searches to come (the last
        priming only; changes to the index since are rescored at search time)."""
        self.unprime()
        n = len(self._keys)
        if not queries or not n:
            return
        stacked = np.stack([np.asarray(q, dtype=np.float32).reshape(self.dim) for q in queries])
        self._primed = self._matrix[:n] @ stacked.T
        self._primed_n = n
        self._primed_at = {q.tobytes(): j for j, q in enumerate(stacked)}

    def unprime(self) -> None:
        """Drop the last priming."""
        self._primed, self._primed_n, self._primed_at = None, 0, {}
        self._changed = set()

    def search(self, vector: np.ndarray, k: int) -> list[int]:
        """Keys of the `k` vectors with the highest inner product with `vector`, best first.

        A primed query is scored from its priming, with the rows changed since and the rows added since scored
        again; the rows within `_SLACK` of its k-th best score are then scored by the query's own matrix-vector
        product, and those decide. So the answer is the plain scan's unless two rows tie exactly among the best
        k + 1 (then the plain scan answers, whose order among ties is its own).
        """
        n = len(self._keys)
        if not n or k <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(self.dim)
        column = self._primed_at.get(query.tobytes()) if self._primed is not None else None
        if column is not None and n > k:
            found = self._primed_search(query, column, n, k)
            if found is not None:
                self.primed_searches += 1
                return found
        scores = self._matrix[:n] @ query
        if n > k:
            top = np.argpartition(-scores, k - 1)[:k]
            top = top[np.argsort(-scores[top], kind="stable")]
        else:
            top = np.argsort(-scores, kind="stable")
        return [self._keys[i] for i in top]

    def _primed_search(self, query: np.ndarray, column: int, n: int, k: int) -> list[int] | None:
        assert self._primed is not None
        held = min(n, self._primed_n)
        scores = np.empty(n, dtype=np.float32)
        scores[:held] = self._primed[:held, column]
        again = np.fromiter(sorted(r for r in self._changed if r < n), dtype=np.intp)
        if n > held:
            again = np.concatenate([again, np.arange(held, n, dtype=np.intp)])
        if len(again):
            scores[again] = self._matrix[again] @ query
        kth = np.partition(scores, n - k)[n - k]
        near = np.flatnonzero(scores >= kth - _SLACK * (float(np.sqrt(query @ query)) + 1e-30))
        exact = self._matrix[near] @ query
        order = np.argsort(-exact, kind="stable")
        best = exact[order[:k + 1]] if len(order) > k else exact[order]
        if len(np.unique(best)) < len(best):
            return None  # a tie among the best: the plain scan decides which of them it returns
        return [self._keys[i] for i in near[order[:k]]]
