"""Bag-of-words TF-IDF sentence vectors (sparse, L2-normalised) and the centroid scores built on them.

>>> v = Vectorizer().fit(["BP seals the well", "BP pumps cement into the well", "Rain in Zeeland"])
>>> X = v.transform(["BP seals the well", "Rain in Zeeland"])
>>> X.shape[0], round(float((X[0] @ X[0].T).toarray()[0, 0]), 3)
(2, 1.0)
"""

from __future__ import annotations

import math
import re

import numpy as np
from scipy import sparse

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours said says say told its it's
    de het een en van in is dat op te voor met zijn niet aan er om ook als bij door maar uit dan naar nog over
    wordt werd worden heeft hebben had was waren zal zou kan moet tot ze hij zij wij we ik je u dit die deze
    wat wie waar hoe al meer geen hun haar zich of na toe tegen want omdat volgens zei zegt
    der die das und ist nicht ein eine zu den mit von sich des auf für im dem le la les et des un une du est
    """.split()
)
_WORD_RE = re.compile(r"[^\W\d_][\w'-]*|\d+(?:[.,]\d+)*", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lower-cased content words of `text` (stop words and one-letter tokens dropped).

    >>> tokens("The well was sealed on 19 September.")
    ['well', 'sealed', '19', 'september']
    """
    out = []
    for w in _WORD_RE.findall(text.lower()):
        w = w.strip("'-")
        if len(w) > 1 and w not in STOPWORDS:
            out.append(w[:-2] if w.endswith("'s") else w)
    return out


class Vectorizer:
    """Sublinear TF-IDF over a vocabulary learnt from the collection's sentences."""

    __slots__ = ("vocab", "idf")

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.idf = np.zeros(0, dtype=np.float32)

    def fit(self, texts: list[str], token_lists: list[list[str]] | None = None) -> Vectorizer:
        """Learn the vocabulary and inverse document frequencies."""
        df: dict[str, int] = {}
        lists = token_lists if token_lists is not None else [tokens(t) for t in texts]
        for toks in lists:
            for w in set(toks):
                df[w] = df.get(w, 0) + 1
        self.vocab = {w: i for i, w in enumerate(sorted(df))}
        n = len(lists)
        self.idf = np.array([math.log((1 + n) / (1 + df[w])) + 1.0 for w in sorted(df)], dtype=np.float32)
        return self

    def transform(self, texts: list[str], token_lists: list[list[str]] | None = None) -> sparse.csr_matrix:
        """L2-normalised TF-IDF rows, one per text (unknown words ignored)."""
        lists = token_lists if token_lists is not None else [tokens(t) for t in texts]
        rows, cols, vals = [], [], []
        for r, toks in enumerate(lists):
            counts: dict[int, int] = {}
            for w in toks:
                j = self.vocab.get(w)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            for j, c in counts.items():
                rows.append(r)
                cols.append(j)
                vals.append((1.0 + math.log(c)) * self.idf[j])
        X = sparse.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)),
                              shape=(len(lists), len(self.vocab)))
        return normalize_rows(X)


def normalize_rows(X: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows scaled to unit length (empty rows stay empty)."""
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ X


def centroid(X: sparse.csr_matrix, weights: np.ndarray | None = None) -> np.ndarray:
    """The unit-length (weighted) mean of the rows of X, as a dense vector."""
    if X.shape[0] == 0:
        return np.zeros(X.shape[1], dtype=np.float32)
    c = np.asarray((X.T @ weights) if weights is not None else X.sum(axis=0)).ravel()
    n = float(np.linalg.norm(c))
    return c / n if n else c


def _gather(X: sparse.csr_matrix, rows: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The stored entries of `rows` of X, row after row in the given order: (position in `rows`, column, value)."""
    picked = np.asarray(rows, dtype=np.int64)
    starts = X.indptr[picked]
    lengths = X.indptr[picked + 1] - starts
    at = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(int(lengths.sum()))
    return np.repeat(np.arange(len(picked)), lengths), X.indices[at], X.data[at]


def row_mean(X: sparse.csr_matrix, rows: list[int]) -> np.ndarray:
    """The mean of `rows` of X as a flat dense vector: `np.asarray(X[rows].mean(axis=0)).ravel()` to the last bit.

    Without scipy's fancy indexing and matrix machinery, which cost more than the sum itself on the few rows of
    one date. The same arithmetic in the same order: each value times 1/len(rows) in X's dtype, then added up
    per column row after row, as scipy's mean (a product with a row of ones) adds them."""
    _, cols, values = _gather(X, rows)
    out = np.zeros(X.shape[1], dtype=X.dtype)
    np.add.at(out, cols, values * (1.0 / len(rows)))
    return out


def dense_rows(X: sparse.csr_matrix, rows: list[int], cols: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(cols, D): `rows` of X restricted to the columns `cols` as a dense float64 block (default: every column
    one of these rows uses, sorted); the same values as `X[rows][:, cols].toarray()`."""
    at, used, values = _gather(X, rows)
    keep: slice | np.ndarray
    if cols is None:
        cols = np.unique(used)
        keep = slice(None)
    else:
        j = np.minimum(np.searchsorted(cols, used), max(len(cols) - 1, 0))
        keep = cols[j] == used if len(cols) else np.zeros(len(used), dtype=bool)
    D = np.zeros((len(rows), len(cols)), dtype=X.dtype)
    np.add.at(D, (at[keep], np.searchsorted(cols, used[keep])), values[keep])
    return cols, D.astype(np.float64)


def row_dots(X: sparse.csr_matrix, rows: list[int], vector: np.ndarray) -> np.ndarray:
    """`np.asarray(X[rows] @ vector).ravel()` for a flat dense `vector`, to the last bit: per row, the products of
    its stored values and the vector's entries added up in column order, in the dtype scipy's product uses."""
    at, cols, values = _gather(X, rows)
    dtype = np.result_type(X.dtype, vector.dtype)
    out = np.zeros(len(rows), dtype=dtype)
    np.add.at(out, at, values.astype(dtype, copy=False) * vector[cols].astype(dtype, copy=False))
    return out


def dense_row(X: sparse.csr_matrix, i: int) -> np.ndarray:
    """Row i of X as a flat dense vector (`X[i].toarray().ravel()`)."""
    out = np.zeros(X.shape[1], dtype=X.dtype)
    start, end = X.indptr[i], X.indptr[i + 1]
    out[X.indices[start:end]] = X.data[start:end]
    return out
