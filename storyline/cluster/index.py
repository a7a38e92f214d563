"""A nearest-neighbour index over story centroids (faiss inner product), with updates and removals."""

from __future__ import annotations

import faiss
import numpy as np

from .embed import DIM

# One thread: a flat search over a few thousand centroids gains nothing from more, and OpenMP threads spin.
faiss.omp_set_num_threads(1)


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
        self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        self._keys: set[int] = set()

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: int) -> bool:
        return key in self._keys

    def upsert(self, key: int, vector: np.ndarray) -> None:
        """Add or replace the vector of `key` (normalised here)."""
        if key in self._keys:
            self.remove(key)
        v = np.asarray(vector, dtype=np.float32).reshape(1, self.dim).copy()
        norm = float(np.linalg.norm(v))
        if norm > 0:
            v /= norm
        self._index.add_with_ids(v, np.array([key], dtype=np.int64))
        self._keys.add(key)

    def remove(self, key: int) -> None:
        """Forget `key` (no error when absent)."""
        if key in self._keys:
            self._index.remove_ids(np.array([key], dtype=np.int64))
            self._keys.discard(key)

    def search(self, vector: np.ndarray, k: int) -> list[int]:
        """Keys of the `k` vectors with the highest inner product with `vector`, best first."""
        if not self._keys:
            return []
        _, ids = self._index.search(np.asarray(vector, dtype=np.float32).reshape(1, self.dim), min(k, len(self._keys)))
        return [int(i) for i in ids[0] if i >= 0]
