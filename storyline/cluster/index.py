"""A nearest-neighbour index over story centroids: a flat inner-product scan with in-place updates.

Every placement changes one story's centroid, so updates must cost O(dimension), not O(index size) (faiss's
`remove_ids` on a flat index moves the whole array). Rows live in one growing float32 matrix; a removal moves the
last row into the freed slot. A query is one matrix-vector product over the rows held: the active window.
"""

from __future__ import annotations

import numpy as np

from .embed import DIM


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
                self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
            self._keys.append(key)
            self._row[key] = row
        self._matrix[row] = v / norm if norm > 0 else v

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
        self._keys.pop()

    def search(self, vector: np.ndarray, k: int) -> list[int]:
        """Keys of the `k` vectors with the highest inner product with `vector`, best first."""
        n = len(self._keys)
        if not n or k <= 0:
            return []
        scores = self._matrix[:n] @ np.asarray(vector, dtype=np.float32).reshape(self.dim)
        if n > k:
            top = np.argpartition(-scores, k - 1)[:k]
            top = top[np.argsort(-scores[top], kind="stable")]
        else:
            top = np.argsort(-scores, kind="stable")
        return [self._keys[i] for i in top]
