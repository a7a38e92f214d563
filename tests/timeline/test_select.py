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


def _called_off():
    from storyline.timeline.prepare import prepare
    from storyline.timeline.rank import date_stats

    docs, sents = prepare([{"id": "a", "lang": "en", "published": "2018-05-24", "published_precision": "day",
                            "text": "The June 12 summit with Kim Jong-un was called off by the president. "
                                    "Officials gave no reason for the decision."}], titles=False)
    return date_stats(docs, sents)["2018-05-24"], docs, sents


def test_a_dated_lead_reporting_on_its_day_joins_that_days_leads():
    from storyline.timeline.select import candidates

    st, docs, sents = _called_off()  # "The June 12 summit": an attribute; the sentence reports on 24 May
    assert candidates(st, docs, sents, SelectOptions()) == ([], [0, 1])


def test_event_pool_off_keeps_only_undated_leads():
    from storyline.timeline.select import candidates

    st, docs, sents = _called_off()
    assert candidates(st, docs, sents, SelectOptions(event_pool=False)) == ([], [1])
