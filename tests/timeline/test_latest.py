"""Issue 16: the latest development is always in the timeline, and the summary ends with it."""

from __future__ import annotations

import pytest

import storyline
from storyline.timeline import build_timeline


def _latest_dated(tl, last: str = "9999"):
    """The latest entry that is not a plan (not after the latest publication, `last`)."""
    return max((e for e in tl.entries if not e.estimated and e.date[:len(last)] <= last[:len(e.date)]),
               key=lambda e: e.date)


@pytest.mark.slow
def test_demo_largest_story_keeps_its_latest_development():
    """In the demo's largest story (bird flu, 2021-11 to 2023-04) April 2023 was only there with --max-dates 12."""
    from storyline.data import sample_articles_dir

    arc = storyline.open(":memory:")
    arc.ingest(sample_articles_dir(), cluster=True)
    story = max(arc.stories(), key=lambda s: len(s["article_ids"]))
    arts = [dict(arc.article(i)) for i in story["article_ids"]]
    last = max(str(a["published"])[:7] for a in arts if a["published"])
    for size in (None, 4, 2):
        tl = build_timeline(arts, max_dates=size)
        latest = _latest_dated(tl, last)
        assert latest.date.startswith(last), (size, [e.date for e in tl.entries])
        assert tl.summary[-1].text in [s.text for s in latest.sentences]
    tl = arc.timeline(story["id"])  # the stored timeline users get
    assert _latest_dated(tl, last).date.startswith(last)


@pytest.mark.shared_data
def test_a_story_that_grows_by_one_article_shows_the_new_event_last():
    from tests.conftest import shared_path

    archive = storyline.open(":memory:")
    archive.ingest(shared_path("seeds"))
    arts = [dict(row, text=archive.article(row["id"])["text"]) for row in archive.articles()]
    new = {"id": "new", "title": "Trump en Kim ontmoeten elkaar in Singapore", "lang": "nl",
           "published": "2018-06-13", "published_precision": "day", "sources": ["new.txt"],
           "text": "Donald Trump en Kim Jong-un hebben elkaar dinsdag in Singapore de hand geschud. "
                   "Het was de eerste ontmoeting ooit tussen een zittende Amerikaanse president en een Noord-Koreaanse "
                   "leider."}
    before = build_timeline(arts, max_dates=4)
    after = build_timeline([*arts, new], max_dates=4)
    assert not any("hand geschud" in s.text for e in before.entries for s in e.sentences)
    met = [e for e in after.entries if any("hand geschud" in s.text for s in e.sentences)]
    assert [e.date for e in met] == ["2018-06-12"] and "new" in met[0].article_ids  # under "dinsdag", 12 June
    assert _latest_dated(after).date >= "2018-06-12"  # nothing of the new article is dropped by the size limit
    assert after.summary[-1].article_ids == ["new"]  # the summary ends with the new development
    assert len(after.entries) <= 5  # four dated entries and the estimated one of the undated article
