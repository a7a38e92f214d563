"""storyline.timeline.vectors: `row_mean` and `dense_rows` give scipy's answers to the last bit."""

from __future__ import annotations

import numpy as np

from storyline.timeline.vectors import Vectorizer, dense_row, dense_rows, row_dots, row_mean

TEXTS = ["BP seals the well today", "BP pumps cement into the well", "Rain in Zeeland and the well",
         "cement cement trucks", "", "Zeeland rain rain rain BP", "Kim meets Trump in Singapore on 12 June",
         "Trump cancels the summit with Kim", "De top in Singapore gaat door"]


def test_row_mean_and_dense_rows_equal_scipys_fancy_indexing_bit_for_bit() -> None:
    X = Vectorizer().fit(TEXTS * 5).transform(TEXTS * 5)
    rng = np.random.default_rng(0)
    for _ in range(400):
        rows = [int(r) for r in rng.choice(X.shape[0], size=int(rng.integers(1, 25)), replace=False)]
        expected = np.asarray(X[rows].mean(axis=0)).ravel()
        got = row_mean(X, rows)
        assert got.dtype == expected.dtype and np.array_equal(got, expected)
        cols, D = dense_rows(X, rows)
        assert np.array_equal(cols, np.unique(X[rows].indices))
        assert D.dtype == np.float64 and np.array_equal(D, X[rows][:, cols].toarray().astype(np.float64))
        others = [int(r) for r in rng.choice(X.shape[0], size=int(rng.integers(1, 6)), replace=False)]
        same_cols, block = dense_rows(X, others, cols)
        assert same_cols is cols and np.array_equal(block, X[others][:, cols].toarray())


def test_a_row_without_words_and_no_columns_give_empty_blocks() -> None:
    X = Vectorizer().fit(TEXTS).transform(TEXTS)
    cols, D = dense_rows(X, [4])  # the empty text
    assert cols.size == 0 and D.shape == (1, 0)
    assert dense_rows(X, [0, 1], cols)[1].shape == (2, 0)
    assert not row_mean(X, [4]).any()


def test_row_dots_equal_scipys_sparse_product_bit_for_bit() -> None:
    X = Vectorizer().fit(TEXTS * 5).transform(TEXTS * 5)
    rng = np.random.default_rng(1)
    for _ in range(400):
        rows = [int(r) for r in rng.choice(X.shape[0], size=int(rng.integers(1, 25)), replace=False)]
        chosen = int(rng.integers(0, X.shape[0]))
        assert np.array_equal(dense_row(X, chosen), X[chosen].toarray().ravel())
        expected = np.asarray(X[rows] @ X[chosen].T.toarray()).ravel()  # float32, as `duplicates` had it
        got = row_dots(X, rows, dense_row(X, chosen))
        assert got.dtype == expected.dtype and np.array_equal(got, expected)
        cent = rng.random(X.shape[1])  # float64, as the selection's centroid
        expected = np.asarray(X[rows] @ cent).ravel()
        got = row_dots(X, rows, cent)
        assert got.dtype == expected.dtype and np.array_equal(got, expected)
