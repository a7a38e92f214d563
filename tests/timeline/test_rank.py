from __future__ import annotations

import pytest

from storyline.errors import ConfigError
from storyline.timeline.prepare import prepare
from storyline.timeline.rank import DateWeights, date_stats, rank_dates


def _articles():
    busy = [{"id": f"b{i}", "text": f"Talks went on in Geneva, report {i} says.", "published": "2010-05-10"}
            for i in range(3)]
    looks_back = [{"id": f"l{i}", "text": "The rig exploded on 20 April, killing 11 workers.", "published": day}
                  for i, day in enumerate(["2010-06-01", "2010-07-15"])]
    return [*busy, *looks_back, {"id": "x", "text": "A rig exploded in the Gulf.", "published": "2010-04-20"}]


def test_a_date_recalled_a_month_or_more_later_is_a_milestone():
    docs, sents = prepare(_articles())
    stats = date_stats(docs, sents)
    assert (stats["2010-04-20"].ment_after, stats["2010-04-20"].ment_far) == (2, 2)
    assert stats["2010-05-10"].ment_far == 0
    ranked = [k for k, _ in rank_dates(stats)]
    assert ranked.index("2010-04-20") < ranked.index("2010-05-10")
    plain = [k for k, _ in rank_dates(stats, DateWeights(far=0.0, after=0.0))]
    assert plain.index("2010-05-10") < plain.index("2010-04-20")


def test_a_look_back_within_a_month_is_not_far():
    docs, sents = prepare([{"id": "a", "text": "The summit on 12 June went well.", "published": "2018-06-20"}])
    st = date_stats(docs, sents)["2018-06-12"]
    assert (st.ment_after, st.ment_far) == (1, 0)


def test_far_days_is_a_setting_of_the_date_score():
    docs, sents = prepare(_articles())
    assert date_stats(docs, sents, far_days=60)["2010-04-20"].ment_far == 1  # only the look back of 15 July
    assert date_stats(docs, sents, far_days=100)["2010-04-20"].ment_far == 0
    with pytest.raises(ConfigError, match="far_days"):
        DateWeights(far_days=0)
