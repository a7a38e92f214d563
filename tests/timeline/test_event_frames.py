"""Round-3 rules of `storyline.timeline.event_frames` (words that only look like dates, seasons, the exception
to *attribute*, "during" frames, clauses of cause), through `attribute_sentence` (sentences written for the
tests)."""

from __future__ import annotations

import pytest

from storyline.timeline.event_dates import attribute_sentence

PUB = "2018-05-30"  # a Wednesday


def _value(sentence: str, lang: str) -> str | None:
    return attribute_sentence(sentence, lang=lang, published=PUB, published_precision="day").value


def test_a_placed_season_gives_its_year_and_a_summer_camp_no_date():
    assert _value("Afgelopen zomer was het ook al onrustig in de wijk.", "nl") == "2017"
    assert _value("The girls went to a summer camp in 2015.", "en") == "2015"


def test_over_the_last_decade_is_a_duration_and_the_sun_no_sunday():
    assert _value("The number of fires has doubled over the last decade.", "en") == PUB
    assert _value("Visitors sat in the sun and ate lunch in 2017.", "en") == "2017"


def test_last_season_is_the_most_recent_one_that_ended():
    assert attribute_sentence("Last spring, the government borrowed heavily.", lang="en", published="2018-09-18",
                              published_precision="day").value == "2018"  # spring 2018 ended in May
    assert attribute_sentence("Last summer the river flooded.", lang="en", published="2018-07-15",
                              published_precision="day").value == "2017"


def test_a_decimal_amount_is_no_date_and_a_list_of_references_is_compared():
    sentence = "Borrowing now costs 3.5 percent, up from 3.1 percent a month ago and 2.9 percent three months ago."
    assert _value(sentence, "en") == PUB


def test_an_adverb_before_a_time_phrase_is_no_noun():
    assert _value("I happened to sit sometime earlier this year next to the minister.", "en") == "2018"


@pytest.mark.parametrize("lang,sentence,want", [
    ("en", "The April 2 shooting killed three people.", "2018-04-02"),
    ("en", "Monday's attack left five dead.", "2018-05-28"),
    ("nl", "De aanslag van maandag kostte vijf mensen het leven.", "2018-05-28"),
    ("nl", "Bij de overstroming van 1953 kwamen 1836 mensen om.", "1953"),
    ("en", "The 2014 shooting prompted new gun laws.", PUB),  # a reaction, not the event
    ("en", "Relatives of those killed in the 2014 attack met the minister.", PUB),  # not the opening noun phrase
    ("en", "The 2016 shooting, which killed two people, was a terrorist attack.", PUB),  # the toll in a relative clause
])
def test_an_opening_noun_of_an_event_whose_verb_reports_its_toll_dates_the_sentence(lang, sentence, want):
    assert _value(sentence, lang) == want


def test_a_dutch_weekday_after_the_subject_of_a_subordinate_clause_is_adverbial():
    assert _value("Hij zei dat de brand zaterdag begon.", "nl") == "2018-05-26"


@pytest.mark.parametrize("lang,sentence,want", [
    ("en", "Because the plant closed in 2015, jobs are scarce.", PUB),
    ("nl", "Omdat de fabriek in 2015 sloot, is er weinig werk.", PUB),
    ("nl", "Omdat het plan niet voorziet in een feest hebben we gisteren besloten te stoppen.", "2018-05-29"),
])
def test_a_clause_of_cause_is_background(lang, sentence, want):
    assert _value(sentence, lang) == want


@pytest.mark.parametrize("lang,sentence", [
    ("nl", "Tijdens het debat van dinsdag botsten de partijen."),
    ("en", "During Tuesday's debate, the parties clashed."),
])
def test_a_dated_event_in_a_during_phrase_frames_the_sentence(lang, sentence):
    assert _value(sentence, lang) == "2018-05-29"


def test_a_during_phrase_after_a_participle_is_background():
    sentence = "The report renewed calls for new laws, made during the November summit in Paris."
    assert _value(sentence, "en") == PUB
