"""The same event told in two languages is one timeline entry (`build.merge_same_events`).

The demo's Schiphol story showed "Apr 2023: A Dutch court on Wednesday ordered …" (an English article dated only to
April) and "5 Apr 2023: De rechtbank in Haarlem heeft woensdag bepaald …" (a Dutch one of that day) as two entries.
"""

from __future__ import annotations

import numpy as np
import pytest

import storyline
from storyline.models import Precision, Timeline, TimelineEntry, TimelineSentence
from storyline.timeline import build_timeline
from storyline.timeline.build import merge_same_events
from storyline.timeline.select import SelectOptions

EN = "A Dutch court on Wednesday ordered the government to halt its plan to cut flights at Schiphol."
NL = "De rechtbank in Haarlem heeft woensdag bepaald dat het kabinet de krimp van Schiphol niet mag doorzetten."
OTHER = "Airlines welcomed the ruling and said they would keep their flights."


def _embedder(cosines: dict[frozenset[str], float]):
    """Unit vectors whose pairwise cosines are the given ones (for two texts at a time)."""

    def fn(texts: list[str]) -> np.ndarray:
        V = np.zeros((len(texts), len(texts) + 1))
        V[:, 0] = 1.0
        for k, a in enumerate(texts):  # the first text along axis 0, the others at the asked angle from it
            if k:
                c = cosines.get(frozenset((texts[0], a)), 0.0)
                V[k, 0], V[k, k] = c, np.sqrt(max(0.0, 1 - c * c))
        return V

    return fn


def _entries(en_text: str = EN, en_lang: str = "en", day: str = "2023-04-05"):
    month = TimelineEntry("2023-04", Precision.MONTH, [TimelineSentence(en_text, ["en1"], ["herald"], en_lang)], ["en1"])
    fine = TimelineEntry(day, Precision.DAY, [TimelineSentence(NL, ["nl1"], ["randstad"], "nl")], ["nl1"])
    return [month, fine]


def test_same_event_in_two_languages_under_month_and_day_is_one_entry():
    entries = merge_same_events(_entries(), _embedder({frozenset((EN, NL)): 0.45}), SelectOptions())
    assert [e.date for e in entries] == ["2023-04-05"]
    kept = entries[0].sentences[0]
    assert kept.text == NL and kept.article_ids == ["nl1", "en1"] and kept.sources == ["randstad", "herald"]
    assert [(a.date, a.precision, a.lang, a.text) for a in kept.alternatives] == [("2023-04", Precision.MONTH, "en", EN)]
    assert entries[0].article_ids == ["nl1", "en1"]


def test_same_event_weekday_that_the_day_is_not_keeps_them_apart():
    # 6 April 2023 is a Thursday: "on Wednesday" is not that day, however alike the sentences
    entries = merge_same_events(_entries(day="2023-04-06"), _embedder({frozenset((EN, NL)): 0.95}), SelectOptions())
    assert [e.date for e in entries] == ["2023-04", "2023-04-06"]
    assert not entries[1].sentences[0].alternatives


def test_same_event_needs_more_likeness_without_a_weekday():
    plain = "A Dutch court ordered the government to halt its plan to cut flights at Schiphol."
    for cos, merged in ((0.45, False), (0.7, True)):
        entries = merge_same_events(_entries(plain), _embedder({frozenset((plain, NL)): cos}), SelectOptions())
        assert (len(entries) == 1) is merged, cos


def test_same_event_same_language_is_left_to_the_ranking():
    entries = merge_same_events(_entries(en_lang="nl"), _embedder({frozenset((EN, NL)): 0.95}), SelectOptions())
    assert len(entries) == 2


def test_same_event_unlike_sentences_stay_apart_and_other_sentences_stay():
    month, fine = _entries()
    month.sentences.append(TimelineSentence(OTHER, ["en2"], ["paper"], "en"))
    entries = merge_same_events([month, fine], _embedder({frozenset((EN, NL)): 0.3}), SelectOptions())
    assert [e.date for e in entries] == ["2023-04", "2023-04-05"] and len(entries[0].sentences) == 2


def test_same_event_in_one_month_entry_keeps_the_entry():
    """Both sentences under "Apr 2023", one English and one Dutch, both "on Wednesday": one stays, with the other as
    its alternative. (A first version moved the kept sentence into itself once it shared an article with the
    moved one, and the demo's bird-flu story lost its latest development, April 2023.)"""
    nl = "Minister Bos heeft woensdag groen licht gegeven voor een proef met vaccinatie."
    en = "The Netherlands will vaccinate hens in a pilot, minister Bos announced on Wednesday."
    entry = TimelineEntry("2023-04", Precision.MONTH, [TimelineSentence(en, ["en1", "nl1"], ["herald"], "en"),
                                                       TimelineSentence(nl, ["nl1"], ["nos"], "nl")], ["en1", "nl1"])
    entries = merge_same_events([entry], _embedder({frozenset((en, nl)): 0.5}), SelectOptions())
    assert [e.date for e in entries] == ["2023-04"] and [s.text for s in entries[0].sentences] == [en]
    assert [a.text for a in entries[0].sentences[0].alternatives] == [nl]


def test_same_event_weekday_of_background_is_not_the_events():
    """ "Vigils were held today to mourn the men gunned down … Sunday night": Sunday is not when the vigils were."""
    vigil = "Vigils were held across the country today to mourn the six men gunned down on Sunday night."
    shot = "Meerdere schutters openden zondagavond het vuur op de aanwezigen."
    month = TimelineEntry("2017-01", Precision.MONTH, [TimelineSentence(vigil, ["en1"], [], "en")], ["en1"])
    sunday = TimelineEntry("2017-01-29", Precision.DAY, [TimelineSentence(shot, ["nl1"], [], "nl")], ["nl1"])
    fn = _embedder({frozenset((vigil, shot)): 0.45})
    own = {vigil: "today", shot: "zondagavond"}.get
    assert len(merge_same_events([month, sunday], fn, SelectOptions(), own)) == 2
    month.sentences[0].alternatives.clear()
    assert len(merge_same_events([month, sunday], fn, SelectOptions())) == 1  # the whole sentence names Sunday


def test_same_event_alternatives_survive_storage_round_trip():
    entries = merge_same_events(_entries(), _embedder({frozenset((EN, NL)): 0.45}), SelectOptions())
    tl = Timeline("h", [], entries, "nl", 2)
    back = Timeline.from_dict(tl.to_dict())
    alt = back.entries[0].sentences[0].alternatives[0]
    assert (alt.date, alt.precision, alt.text, alt.article_ids) == ("2023-04", Precision.MONTH, EN, ["en1"])


@pytest.mark.slow
def test_demo_same_event_in_two_languages_is_one_entry():
    """The bug as the demo showed it: "Apr 2023" (English) and "5 Apr 2023" (Dutch) for one court ruling."""
    pytest.importorskip("storyline.cluster.embed")
    from storyline.data import sample_articles_dir
    from storyline.export.timeline import to_story_dict

    arc = storyline.open(":memory:")
    arc.ingest(sample_articles_dir(), cluster=True)
    story = next(s for s in arc.stories()
                 if any("Schiphol" in (arc.article(i)["title"] or "") for i in s["article_ids"]))
    arts = [dict(arc.article(i)) for i in story["article_ids"]]
    for tl in (build_timeline(arts), arc.timeline(story["id"])):
        dates = [e.date for e in tl.entries]
        assert "2023-04-05" in dates and "2023-04" not in dates, dates
        ruling = next(e for e in tl.entries if e.date == "2023-04-05").sentences[0]
        assert "woensdag" in ruling.text
        assert any(a.date == "2023-04" and a.lang == "en" and "on Wednesday" in a.text for a in ruling.alternatives)
    shown = to_story_dict(tl, story["id"])
    assert any(a["date"] == "2023-04" for e in shown["entries"] for s in e["sentences"] for a in s["alternatives"])
