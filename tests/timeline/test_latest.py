"""Issue 16: the latest development is always in the timeline, and the summary ends with it."""

from __future__ import annotations

import pytest

import storyline
from storyline.timeline import build_timeline


def _latest_dated(tl, last: str = "9999", lang: str | None = None):
    """The latest entry that is not a plan (not marked planned, not after the latest publication, `last`);
    with `lang`, the latest that has a sentence in that language (what the summary can close with)."""
    return max((e for e in tl.entries if not e.estimated and not e.planned and e.date[:len(last)] <= last[:len(e.date)]
                and (lang is None or any(s.lang == lang for s in e.sentences))),
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
        # the summary closes with the latest development, in its own language when the story's language has no
        # sentence for it (the demo's largest story once closed with a plan, "De rechtbank doet op 12 december
        # uitspraak.")
        assert tl.summary[-1].text in [s.text for s in latest.sentences]
        assert not any(e.planned and tl.summary[-1].text in [s.text for s in e.sentences] for e in tl.entries)
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


def _schiphol_articles():
    return [
        {"id": "a1", "title": "Court halts Schiphol cut", "lang": "en", "published": "2023-04-05",
         "published_precision": "day", "sources": ["a1.txt"],
         "text": "A Dutch court on Wednesday ordered the government to halt its plan to cut flights at Schiphol. "
                 "Airlines had taken the government to court over the plan."},
        {"id": "a2", "title": "Appeals court allows Schiphol cap", "lang": "en", "published": "2023-07-07",
         "published_precision": "day", "sources": ["a2.txt"],
         "text": "An appeals court in Amsterdam on Friday allowed the government to go ahead with a temporary cap on "
                 "flights at Schiphol. The cap is due to take effect in November 2023."},
    ]


def test_demo_future_plan_is_not_the_latest_development():
    """The demo showed "Nov 2023: The cap is due to take effect in November 2023." as its last development: a plan
    announced in July is filed under its own date (the guideline), but marked planned and never taken for the
    latest development, which is the last thing that happened (7 July)."""
    from storyline.export.timeline import display_date

    tl = build_timeline(_schiphol_articles(), embed=False)
    by_date = {e.date: e for e in tl.entries}
    assert "2023-11" in by_date, [e.date for e in tl.entries]
    plan = by_date["2023-11"]
    assert plan.planned and "take effect" in plan.sentences[0].text
    assert display_date(plan) == "November 2023 (planned)" and plan.to_dict()["planned"] is True
    assert not by_date["2023-07-07"].planned and not by_date["2023-04-05"].planned
    assert "appeals court" in tl.summary[-1].text  # the summary closes with what happened last, not the plan
    small = build_timeline(_schiphol_articles(), max_dates=2, embed=False)
    kept = [e.date for e in small.entries if not e.planned]
    assert "2023-07-07" in kept, [e.date for e in small.entries]  # the size limit keeps the latest development


def test_planned_flag_survives_storage_round_trip():
    from storyline.models import Timeline

    tl = build_timeline(_schiphol_articles(), embed=False)
    back = Timeline.from_dict(tl.to_dict())
    assert [e.planned for e in back.entries] == [e.planned for e in tl.entries] and any(e.planned for e in back.entries)


_KEEP_ENDS = """
from storyline.models import Precision, TimelineEntry
from storyline.timeline.build import _keep_ends
from storyline.timeline.prepare import TimelineDoc
from storyline.timeline.rank import DateStats

def entry(day, score):
    return TimelineEntry(date=day, precision=Precision.DAY, sentences=[], score=score)

entries = [entry("2018-06-20", 5.0), entry("2018-06-22", 1.0)]
stats = {k: DateStats(k, "month" if len(k) == 7 else "day") for k in ("2018-06", "2018-06-20", "2018-06-22", "2018-06-24")}
docs = [TimelineDoc("a", "t", "nl", [], "2018-06-25", "2018-06")]
_keep_ends(entries, [], stats, docs, lambda key, value, rows: (entry(key, 2.0), []), [], 2)
print(",".join(e.date for e in entries))
"""


def test_keep_ends_protects_the_same_day_under_every_hash_seed():
    """Regression: the first development given as a month ("2018-06") protected whichever of its days a set of strings
    yielded first, so the entry dropped for the latest development followed PYTHONHASHSEED (timelines built in a
    worker process could differ from those built in the main process). Now the best-ranked day is protected."""
    import os
    import subprocess
    import sys

    kept = set()
    for seed in range(6):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        kept.add(subprocess.run([sys.executable, "-c", _KEEP_ENDS], env=env, capture_output=True, text=True,
                                check=True).stdout.strip())
    assert kept == {"2018-06-20,2018-06-24"}
