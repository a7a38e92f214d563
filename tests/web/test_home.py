"""The home page is about stories: the largest and the most recently active first, a month chart on a real axis."""

from __future__ import annotations

import re

from storyline.web.charts import MAX_MONTH_BARS, month_axis


def test_month_chart_has_empty_months_as_gaps_and_folds_outlying_years():
    axis = month_axis({"1877-03": 1, "1990-05": 1, "2014-07": 50, "2016-01": 30, "2017-12": 40, "unknown": 2})
    periods = [b.period for b in axis.bars]
    assert periods[0] == "2014-07" and periods[-1] == "2017-12" and len(periods) == 42  # every month in between
    assert [b.n for b in axis.bars if b.n] == [50, 30, 40]
    assert axis.before is not None and (axis.before.n, axis.before.first, axis.before.last) == (2, "1877", "1990")
    assert axis.after is None and axis.undated == 2
    long = month_axis({f"{y}-06": 10 for y in range(1950, 2021)})
    assert long.by_year and len(long.bars) == 71 <= MAX_MONTH_BARS


def test_a_busy_early_year_is_not_folded():
    axis = month_axis({"2001-01": 30, "2014-07": 50})
    assert axis.before is None and axis.bars[0].period == "2001-01"


def test_home_page_opens_with_the_largest_and_the_recent_stories(web):
    html = web.get("/", params={"lang": "en"}).text
    web.cookies.clear()
    stories = web.get("/api/stories", params={"limit": 200}).json()["items"]
    real = [s for s in stories if len(s["article_ids"]) > 1]
    largest = re.search(r'id="largest-stories">(.*?)</section>', html, re.S)[1]
    sizes = [int(n) for n in re.findall(r"(\d+) articles? ·", largest)]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == max(len(s["article_ids"]) for s in real)
    assert 'id="recent-stories"' in html
    assert html.index('id="largest-stories"') < html.index('id="stats"')  # stories before the archive's counts
    assert html.count('type="search"') == 1  # one search box, not two
