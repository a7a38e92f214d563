"""The timeline of the five Dutch seed articles (skips when ../shared/data is absent)."""

from __future__ import annotations

import re

import pytest

import storyline
from storyline.export.timeline import to_timelinejs
from storyline.models import Precision
from storyline.timeline import build_timeline
from storyline.timeline.select import SelectOptions

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def seed_articles(request):
    from tests.conftest import shared_path

    archive = storyline.open(":memory:")
    archive.ingest(shared_path("seeds"))
    return [dict(row, text=archive.article(row["id"])["text"]) for row in archive.articles()]


def _supports(article: dict, entry) -> bool:
    return article["id"] in entry.article_ids


def test_seed_timeline_dates(seed_articles):
    tl = build_timeline(seed_articles)
    dated = [e for e in tl.entries if not e.estimated]
    dates = {e.date for e in dated}
    for month in ("2018-03", "2018-04", "2018-05"):
        assert any(d.startswith(month) for d in dates), month
    june12 = next(e for e in dated if e.date == "2018-06-12")
    assert june12.precision is Precision.DAY
    # "12 juni" is only mentioned (in the May articles); they are what supports the entry
    may = {a["id"] for a in seed_articles if (a["published"] or "").startswith("2018-05")}
    assert set(june12.article_ids) <= may and len(june12.article_ids) == 2
    assert tl.lang == "nl" and tl.headline and 3 <= len(tl.summary) <= 5


def test_seed_sentences_come_from_supporting_articles(seed_articles):
    tl = build_timeline(seed_articles)
    by_id = {a["id"]: a for a in seed_articles}
    for entry in tl.entries:
        for s in entry.sentences:
            assert s.article_id in entry.article_ids
            said = s.original or s.text  # the sentence as the article has it
            assert said in by_id[s.article_id]["text"] or said == by_id[s.article_id]["title"]
            if s.original:  # shown without the expression of its own date: words left out, none added
                shown, words = iter(_words(s.original)), _words(s.text)
                assert len(words) < len(_words(s.original)) and all(w in shown for w in words)


def test_undated_seed_goes_last_with_an_estimate(seed_articles):
    tl = build_timeline(seed_articles)
    undated = [a["id"] for a in seed_articles if not a["published"]]
    # the DMZ meeting of 2019: as like every seed article as they are like each other, so nothing dates it
    last = tl.entries[-1]
    assert last.estimated and last.date_unknown and last.estimate == "unknown" and last.article_ids == undated
    assert last.date >= max(e.date for e in tl.entries[:-1])
    assert to_timelinejs(tl)["events"][-1]["display_date"].startswith("after")


def test_seed_sentences_are_shown_as_written(seed_articles):
    """Issue 16: "De top moet in mei plaatsvinden." was shown as "De top moet plaatsvinden."."""
    tl = build_timeline(seed_articles, max_dates=20, sentences_per_date=50, options=SelectOptions(min_ratio=0.0))
    texts = {a["id"]: a["text"] for a in seed_articles}
    titles = {a["id"]: a["title"] for a in seed_articles}
    shown = [s for e in tl.entries for s in e.sentences] + tl.summary
    for s in shown:
        assert s.original is None and (s.text in texts[s.article_id] or s.text == titles[s.article_id])
    assert any(s.text == "De top moet in mei plaatsvinden." for s in shown)


def test_seed_sentences_are_filed_under_the_date_of_their_event(seed_articles):
    """Issue 16: the cancellation "werd donderdag afgeblazen" belongs to May 2018 (a Thursday in May), not 12 June;
    "Zaterdag ontmoetten Kim en Moon elkaar" to May, not to 27 April (the earlier summit it mentions)."""
    tl = build_timeline(seed_articles, max_dates=20, sentences_per_date=50, options=SelectOptions(min_ratio=0.0))
    where: dict[str, set[str]] = {}
    for e in tl.entries:
        for s in e.sentences:
            where.setdefault(s.text, set()).add(e.date)
    cancelled = next(t for t in where if "werd donderdag door de Amerikaanse president afgeblazen" in t)
    met = next(t for t in where if t.startswith("Zaterdag ontmoetten Kim en Moon elkaar"))
    assert where[cancelled] == {"2018-05"} and where[met] == {"2018-05"}
    may = next(e for e in tl.entries if e.date == "2018-05")
    assert may.precision is Precision.MONTH


def test_seed_summary_is_whole_sentences_ending_with_the_latest_development(seed_articles):
    tl = build_timeline(seed_articles)
    assert all(s.text.rstrip("\"'”’)").endswith((".", "!", "?", "…")) for s in tl.summary)
    latest = max((e for e in tl.entries if not e.estimated), key=lambda e: e.date if e.date <= "2018-05~" else "")
    assert tl.summary[-1].text in [s.text for s in latest.sentences]


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?").lower() for w in text.split() if w.strip(".,;:!?")]


def test_regression_a_subtitle_line_is_not_what_happened_in_may(seed_articles):
    """Issue 16: the May entry showed the subtitle "Amerikaanse president blies top af vanwege 'vijandige'
    opstelling Noord-Korea" (no full stop: a line, not a sentence) instead of a sentence about the cancellation."""
    tl = build_timeline(seed_articles)
    may = next(e for e in tl.entries if e.date == "2018-05")
    texts = [s.text for s in may.sentences]
    assert all(t.rstrip("\"'”’)").endswith((".", "!", "?", "…")) for t in texts), texts
    assert any(re.search(r"\b(?:blies|werd)\b.*\baf(?:geblazen)?\b", t) for t in texts), texts  # the cancellation


def test_regression_a_headline_glued_to_the_next_sentence_starts_no_entry_or_summary_sentence(seed_articles):
    """Issue 16: an entry showed "Historische ontmoeting Trump en Kim Ontmoeting zou oorspronkelijk op 12 juni
    plaatsvinden in Singapore": the headline and the standfirst of an article on one line, without punctuation."""
    tl = build_timeline(seed_articles, sentences_per_date=5)
    shown = [s.text for e in tl.entries for s in e.sentences] + [s.text for s in tl.summary]
    assert not any(t.startswith("Historische ontmoeting Trump en Kim Ontmoeting") for t in shown), shown
    assert not any(re.search(r"\b(?:Kim Ontmoeting|Noord-Korea Dat)\b", t) for t in shown), shown
