"""The date of the event a sentence reports (`storyline.timeline.event_dates`), and the edge cases of issue 16."""

from __future__ import annotations

import pytest

from storyline.timeline.build import build_timeline
from storyline.timeline.event_dates import EventDate, attribute_sentence
from storyline.timeline.select import SelectOptions


def nl(text: str, published: str | None, precision: str | None = None, previous: str | None = None) -> EventDate:
    prec = precision or ({10: "day", 7: "month", 4: "year"}[len(published)] if published else None)
    return attribute_sentence(text, lang="nl", published=published, published_precision=prec, previous=previous)


def en(text: str, published: str | None, precision: str | None = None, previous: str | None = None) -> EventDate:
    prec = precision or ({10: "day", 7: "month", 4: "year"}[len(published)] if published else None)
    return attribute_sentence(text, lang="en", published=published, published_precision=prec, previous=previous)


@pytest.mark.parametrize(("text", "published", "expected"), [
    # issue 16: the cancellation happened on a Thursday in May; 12 June names which summit
    ("De top op 12 juni tussen Kim en Donald Trump in Singapore, werd donderdag door de Amerikaanse president "
     "afgeblazen.", "2018-05", EventDate("own", "2018-05")),
    ("Zaterdag ontmoetten Kim en Moon elkaar echter opnieuw in Panmunjeom, waar ze op de historische top van "
     "27 april ook al bijeenkwamen.", "2018-05", EventDate("own", "2018-05")),
    ("Zaterdag ontmoetten Kim en Moon elkaar echter opnieuw in Panmunjeom, waar ze op de historische top van "
     "27 april ook al bijeenkwamen.", "2018-05-28", EventDate("own", "2018-05-26")),
    ("De top moet in mei plaatsvinden.", "2018-04", EventDate("own", "2018-05")),
    ("Trump blies de ontmoeting met Kim Jong-un eind mei af.", "2018-06-02", EventDate("own", "2018-05")),
    ("De top van 12 juni gaat niet door.", "2018-05-24", EventDate("attribute", "2018-05-24")),
    ("Dat meldt het Noord-Koreaanse persbureau KCNA.", "2018-05", EventDate("reporting", "2018-05")),
    ("Sinds 2015 is hij president van het land.", "2018-05-28", EventDate("reporting", "2018-05-28")),
    ("In 2015 werd het akkoord gesloten.", "2018-05-28", EventDate("own", "2015")),
    ("Kim en Moon ontmoeten elkaar van 1 tot 3 juni in Seoel.", "2018-05-20", EventDate("own", "2018-06-01")),
])
def test_dutch_sentences(text, published, expected):
    assert nl(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The June 12 summit was cancelled on Thursday.", "2018-05-25", EventDate("own", "2018-05-24")),
    ("The summit on June 12 in Singapore was called off by Trump.", "2018-05-25",
     EventDate("attribute", "2018-05-25")),
    ("Tuesday's vote was postponed, the speaker said.", "2018-05-25", EventDate("attribute", "2018-05-25")),
    ("BP on Tuesday pumped cement into the damaged well.", "2010-09-15", EventDate("own", "2010-09-14")),
    ("BP pumped cement into the damaged well.", "2010-09-15", EventDate("reporting", "2010-09-15")),
])
def test_english_sentences(text, published, expected):
    assert en(text, published) == expected


def test_a_weekday_in_an_article_dated_to_the_month_is_that_month_not_a_borrowed_day():
    assert nl("De minister trad donderdag af.", "2018-05") == EventDate("own", "2018-05")
    assert nl("De minister trad gisteren af.", "2018-05") == EventDate("own", "2018-05")
    assert nl("De minister trad donderdag af.", "2018-05-25") == EventDate("own", "2018-05-24")


def test_no_publication_date_and_no_own_time_is_none():
    assert nl("De minister trad af.", None) == EventDate("none", None)
    assert nl("De minister trad op 3 mei 2018 af.", None) == EventDate("own", "2018-05-03")


def test_a_sentence_with_three_dates_takes_the_one_of_its_main_clause():
    text = "Na de top van 27 april en de ontmoeting op 26 mei wordt op 12 juni in Singapore onderhandeld."
    assert nl(text, "2018-05-28") == EventDate("own", "2018-06-12")
    text = "Nadat de top op 27 april was mislukt, trad de minister op 3 mei af, meldde de krant op 4 mei."
    assert nl(text, "2018-05-05") == EventDate("own", "2018-05-03")


def test_a_date_in_a_quotation_counts_only_when_nothing_outside_it_dates_the_event():
    assert en('"We will meet again on Monday," Kim said on Saturday.', "2018-05-28") == EventDate("own", "2018-05-26")
    assert en('Kim said: "We met on Monday."', "2018-05-30") == EventDate("own", "2018-05-28")


def test_the_future_gets_the_precision_the_text_supports():
    # a week within one month gives the month; a week across two months gives the year
    assert nl("Volgende week stemt de Kamer over het voorstel.", "2018-03-05") == EventDate("own", "2018-03")
    assert nl("Volgende week stemt de Kamer over het voorstel.", "2018-05-23") == EventDate("own", "2018")


def test_the_same_day_as_the_sentence_before():
    assert nl("Die dag werd niets besloten.", "2018-05-28", previous="2018-05-20") == EventDate("own", "2018-05-20")
    assert nl("Er werd niets besloten.", "2018-05-28", previous="2018-05-20") == EventDate("reporting", "2018-05-28")


def _art(i: str, published: str | None, text: str, precision: str | None = None, lang: str = "nl") -> dict:
    return {"id": i, "title": "", "text": text, "lang": lang, "published": published,
            "published_precision": precision or ("day" if published and len(published) == 10 else
                                                 "month" if published else None), "sources": [f"{i}.txt"]}


def test_edge_all_articles_undated_give_a_summary_and_no_error():
    arts = [_art("u1", None, "De Kamer stemde in met het voorstel van de minister. Het debat duurde lang."),
            _art("u2", None, "De minister was tevreden over de uitslag van de stemming. Ze dankte de Kamer.")]
    tl = build_timeline(arts, embed=False)
    # No date anywhere: nothing is put on the time axis (an entry could only be invented), the summary says
    # what the story is. Any entry that does appear must be marked estimated.
    assert all(e.estimated for e in tl.entries)
    assert tl.summary and tl.headline


def test_edge_a_one_article_story():
    tl = build_timeline([_art("a", "2018-05-24", "De top werd donderdag afgeblazen door de Amerikaanse president. "
                                                  "Volgende week praten de landen opnieuw.")], embed=False)
    assert [e.date for e in tl.entries] == ["2018-05-24"]
    assert tl.summary[-1].text.startswith("De top werd donderdag afgeblazen")


def test_edge_the_future_is_never_filed_under_a_day_it_does_not_name():
    arts = [_art("a", "2018-03-05", "De regering diende maandag het voorstel in bij de Kamer. "
                                    "Volgende week stemt de Kamer over het voorstel van de regering.")]
    tl = build_timeline(arts, embed=False, options=SelectOptions(min_ratio=0.0))
    assert [e.date for e in tl.entries] == ["2018-03-05"]
    assert [s.text for s in tl.entries[0].sentences] == ["De regering diende maandag het voorstel in bij de Kamer."]
    assert tl.summary[-1].text == "De regering diende maandag het voorstel in bij de Kamer."


def test_edge_a_story_spanning_ten_years():
    arts = [_art(f"y{y}", f"{y}-06-1{y % 10}", f"De rechtbank deed op {10 + y % 10} juni {y} uitspraak in zaak "
                                               f"nummer {y}, meldde de griffie.") for y in range(2010, 2021)]
    tl = build_timeline(arts, embed=False)
    dates = [e.date for e in tl.entries]
    assert dates == sorted(dates) and dates[0].startswith("2010") and dates[-1].startswith("2020")
    assert tl.summary[-1].text.endswith("2020 uitspraak in zaak nummer 2020, meldde de griffie.")


def test_a_weekday_in_a_that_clause_with_a_future_verb_is_the_coming_one():
    # Archive timeline: "Rutte kondigde later ook aan dat dinsdag alle vlaggen halfstok zullen hangen" (article of
    # Monday 18 March 2019) was filed under Tuesday 12 March: the past "kondigde" before "dat" turned "dinsdag" back.
    got = attribute_sentence("De minister kondigde aan dat woensdag alle scholen dicht zullen blijven.", lang="nl",
                             published="2019-03-18", published_precision="day")
    assert got == EventDate("own", "2019-03-20")


def test_regression_a_range_of_whole_months_starts_at_a_month_not_its_first_day():
    # read in the Dutch curfew story of the seeds + DFN archive: "In de eerste drie maanden van dit jaar hebben
    # medewerkers van de politie ruim 212.000 overuren gemaakt" (April 2021) was the entry of 1 January 2021, a day
    # the sentence never names (sentences written for this test)
    from storyline.timeline.prepare import prepare

    cases = [("In de eerste drie maanden van dit jaar verkocht de bakker meer brood.", "nl", ("2021-01", "month")),
             ("In the first three months of this year the bakery sold more bread.", "en", ("2021-01", "month")),
             ("From 1 to 3 June the bakery sold more bread.", "en", ("2021-06-01", "day"))]
    for text, lang, want in cases:
        _, sents = prepare([{"id": "a", "title": "", "text": text, "lang": lang, "published": "2021-04-29",
                             "published_precision": "day", "sources": ["a.txt"]}])
        assert (sents[0].event.value, sents[0].event.precision) == want, text


def test_regression_an_events_date_after_its_places_is_an_attribute():
    # read in the Alphen shooting story of the seeds + DFN archive: "De Staat is niet verplicht de slachtoffers van het
    # schietincident in winkelcentrum De Ridderhof in Alphen aan den Rijn op 9 april 2011 inzage te geven …" (a court
    # ruling of 2014) was the entry of 9 April 2011 (sentences written for this test)
    from storyline.timeline.prepare import prepare

    cases = [("De gemeente hoeft de buren van de brand in fabriek De Hoop in Zwolle op 3 mei 2011 geen geld te geven.",
              "nl", ("attribute", "2014-05-06")),
             ("The council ruled on the fire at the Hope factory in Leeds on 3 May 2011.", "en",
              ("attribute", "2014-05-06")),
             ("De politie hield de verdachte in Zwolle op 3 mei 2011 aan.", "nl", ("own", "2011-05-03"))]
    for text, lang, want in cases:
        _, sents = prepare([{"id": "a", "title": "", "text": text, "lang": lang, "published": "2014-05-06",
                             "published_precision": "day", "sources": ["a.txt"]}])
        assert (sents[0].event.kind, sents[0].event.value) == want, text
