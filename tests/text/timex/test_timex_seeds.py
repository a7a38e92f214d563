"""The five Dutch seed articles: absolute dates resolve to the right day, weekdays in month-dated articles do not."""

from __future__ import annotations

import pytest

import storyline
from storyline.text.timex import extract_time_mentions

from ...conftest import shared_path


@pytest.fixture(scope="module")
def seed_mentions():
    """Every seed article with its time mentions, read the way the pipeline reads them."""
    seeds = shared_path("seeds")
    with storyline.open(":memory:") as archive:
        archive.ingest(seeds)
        articles = [archive.article(a["id"]) for a in archive.articles()]
    return [(a, extract_time_mentions(a["text"], a["lang"] or "nl", a["published"], a["published_precision"]))
            for a in articles]


def _by_text(seed_mentions, published):
    found: dict[str, set[str]] = {}
    for article, mentions in seed_mentions:
        if article["published"] == published:
            for m in mentions:
                found.setdefault(m.text.lower(), set()).add(m.value)
    return found


def test_absolute_dates_in_the_may_2018_articles(seed_mentions):
    found = _by_text(seed_mentions, "2018-05")
    assert found["1 juni"] == {"2018-06-01"}
    assert found["12 juni"] == {"2018-06-12"}
    assert found["27 april"] == {"2018-04-27"}
    assert found["2000"] == {"2000"} and found["2007"] == {"2007"}
    assert found["eind april"] == {"2018-04"} and found["eind mei"] == {"2018-05"}


def test_in_mei_in_the_march_and_april_articles_is_may_2018(seed_mentions):
    assert _by_text(seed_mentions, "2018-03")["mei"] == {"2018-05"}
    assert _by_text(seed_mentions, "2018-04")["mei"] == {"2018-05"}


def test_no_weekday_gets_a_made_up_day_when_the_article_is_dated_to_the_month(seed_mentions):
    weekdays = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"}
    seen = 0
    for article, mentions in seed_mentions:
        for m in mentions:
            if m.text.lower() in weekdays:
                seen += 1
                assert article["published_precision"] != "day"
                assert not m.resolved and m.value.startswith("XXXX-WXX-")
                assert "dated only to the month" in m.reason
    assert seen >= 5


def test_relative_days_in_the_undated_article_stay_unresolved(seed_mentions):
    undated = [mentions for article, mentions in seed_mentions if article["published"] is None]
    assert undated
    for m in undated[0]:
        if m.text.lower() in ("vandaag", "gisteren"):
            assert not m.resolved and "has none" in m.reason
