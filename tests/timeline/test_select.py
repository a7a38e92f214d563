"""The per-date sentence search (`storyline.timeline.select.summarize`) on tiny hand-made vectors."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from storyline.timeline.select import SelectOptions, summarize

# three sentences say the same (first word), one says something else (third word)
X = sparse.csr_matrix(np.array([[1.0, 0, 0], [1.0, 0, 0], [1.0, 0, 0], [0, 0, 1.0]]))


def _pick(**knobs):
    return [i for i, _ in summarize([0, 1, 2, 3], [], X, 2, None, lambda i: True, SelectOptions(**knobs))]


def test_a_weak_second_sentence_is_dropped_by_default():
    # the centroid is (3, 0, 1)/4: the odd one scores 0.32 against 0.95 for the first pick
    assert _pick() == [0]
    assert SelectOptions().min_ratio == 0.5


def test_without_min_ratio_every_slot_is_filled():
    assert _pick(min_ratio=0.0) == [0, 3]


def test_a_close_second_sentence_stays():
    assert _pick(min_ratio=0.3) == [0, 3]
