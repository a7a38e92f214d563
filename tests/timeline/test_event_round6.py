"""Round-6 rules of the event-date attribution (issue 16), each named after the error family it fixes, through
`attribute_sentence` and the time tagger (sentences written for the tests, not taken from the data)."""

from __future__ import annotations

from storyline.text.timex import extract_time_mentions
from storyline.timeline.event_dates import attribute_sentence

PUB = "2018-05-30"  # a Wednesday


def _value(sentence: str, lang: str = "en", pub: str = PUB) -> str | None:
    return attribute_sentence(sentence, lang=lang, published=pub, published_precision="day").value


def _dates(sentence: str, lang: str = "en") -> list[str | None]:
    return [m.value for m in extract_time_mentions(sentence, lang, PUB) if m.kind in ("date", "time")]


def test_a_share_range_is_no_date():
    # "2.5 to 10%" was read as 2 May to 10 May (day.month), and filed the sentence there
    assert _dates("The fatality rate lay between 2.5 and 10% of cases.") == []
    assert _dates("Prices rose 5.3 to 10.5 percent in a year.") == []
    assert _dates("De werkloosheid steeg van 4.5 tot 6 procent.", "nl") == []
    assert _value("The town, with a death rate of only 2.5 to 10%, lost many people in the 1918 epidemic.") != "2018-05-02"
    assert [m.value for m in extract_time_mentions("De markt is op 5.12 gesloten.", "nl", PUB)] == ["2017-12-05"]


def test_a_weekday_with_its_date_after_a_clock_time_is_that_date():
    # "at 8pm on Saturday 16 June": the Saturday before publication was taken, the date beside it dropped
    assert [m.value for m in extract_time_mentions("The gala airs at 8pm on Saturday 16 June on TV.", "en", PUB)] \
        == ["2018-06-16T20:00"]
    assert _value("The gala airs at 8pm on Saturday 16 June on TV.") == "2018-06-16"
    assert _value("Het gala is om 20.00 uur op zaterdag 16 juni te zien.", "nl") == "2018-06-16"


def test_a_starting_weekday_with_its_date_keeps_the_date():
    # "From Saturday 26 May … it will be possible" was moved to the Saturday after, 2 June
    assert _value("From Saturday 26 May at 9:00, until midnight, it will be possible to vote online.") == "2018-05-26"
    assert _value("From Saturday, it will be possible to vote online.") == "2018-06-02"  # a bare weekday: the coming one


def test_in_six_weeks_after_a_past_verb_is_a_duration():
    # "has lost … of its market value in six weeks" was filed six weeks after publication
    sentence = "The airline, the largest before the May 3 strike, has lost $2 billion, or 40 percent, of its value in six weeks."
    assert _value(sentence) == PUB
    assert _value("Het bedrijf verloor na de staking van 3 mei in drie maanden de helft van zijn klanten.", "nl") == PUB
    assert (_value("After the May 3 strike, the airline will resume flights in six weeks.") or "").startswith("2018-07")


def test_a_few_months_ago_is_a_vague_time():
    assert _value("Prices are a fraction of their highs from just a few months ago.") == PUB
    assert _value("De fabriek sloot een paar jaar geleden.", "nl") == PUB
    assert _value("The plant closed three weeks ago.") == "2018-05"  # a counted offset keeps its date


def test_the_same_period_last_year_is_a_comparison():
    assert _value("The bank posted a profit of $2 billion, a 12 percent rise on the same period last year.") == PUB
    assert _value("De omzet was 3 procent hoger dan in dezelfde periode vorig jaar.", "nl") == PUB
    assert _value("The bank posted a loss last year.") == "2017"


def test_much_of_a_weekday_dates_the_verb():
    # "spent much of Wednesday studying" was taken for a noun's date ("much of"), filed at publication
    assert _value("Engineers spent much of Monday studying the valve.") == "2018-05-28"


def test_a_dutch_plural_verb_before_its_subject_is_a_verb():
    # "Overal hangen de vlaggen halfstok." was a verbless fragment, so no event
    assert _value("Overal in het land hangen de vlaggen halfstok.", "nl") == PUB
    assert _value("In de haven liggen de schepen stil.", "nl") == PUB
    assert attribute_sentence(",,Heel erg hartelijk.", lang="nl", published=PUB, published_precision="day").kind == "none"


def test_a_frequency_before_a_noun_makes_no_habit():
    # "the daily morning show … as of May 16" was read as a habit, so the date was dropped
    assert _value("Anna Jansen will be hosting the daily morning show from Brussels as of June 4.") == "2018-06-04"
    assert _value("The ferry sails daily from June 4.") == PUB  # a habit: reporting time


def test_an_agent_between_a_participle_and_its_date_keeps_the_reduced_relative():
    # "a report published by the Justice Department on Wednesday": the date is the report's
    sentence = "A report published by the Justice Department on Monday found that he lied."
    assert attribute_sentence(sentence, lang="en", published=PUB, published_precision="day").kind == "attribute"


def test_a_date_in_an_absolute_with_phrase_is_background():
    # "… with rain falling between Wednesday night and yesterday morning" dated the sentence's death to Wednesday
    assert _value("The river burst its banks, with heavy rain falling between Sunday night and Monday morning.") == PUB
    assert _value("With oil prices falling since March, the exporters have taken a severe hit.") == PUB
    assert _value("The council met with residents on Monday.") == "2018-05-28"  # "with" and no -ing: the verb's date


def test_that_of_is_a_pronoun_not_a_clause():
    # "The death, which followed that of a man on Sunday night, came …": "that" made the relative clause a complement
    assert _value("The closure, which followed that of a smaller plant on Sunday, came as a surprise.") == PUB


def test_a_year_before_a_name_is_the_names_even_before_a_function_word():
    assert _value("The team missed a place at the 2014 World Cup after losing a play-off.") == PUB
    assert _value("The team won a place at the 2014 World Cup in Brazil.") == PUB


def test_a_date_listed_after_a_nouns_date_is_the_nouns_too():
    # "two recessions, those of 1990-91 and 2001": 2001 was taken for the sentence's date
    assert _value("Since 1982 there had been two mild recessions, those of 1990-91 and 2001.") == PUB
    assert _value("De top van 27 april en 26 mei leverde weinig op.", "nl") == PUB


def test_agency_closing_lines_and_cross_references_are_no_events():
    for line in ("The agency is solely responsible for all content.",
                 "For the results of the next election, see the general election of 1948.",
                 "In dat geval moet je een formulier meenemen."):
        assert attribute_sentence(line, lang="nl" if " je " in line else "en", published=PUB,
                                  published_precision="day").kind == "none", line
    assert _value("In dat geval moet je volgens de burgemeester niet bellen, zei hij.", "nl") == PUB  # reported


def test_an_unattributed_first_person_opinion_is_no_event():
    for line, lang in (("“I think that is what the town needs.”", "en"), ("“I don’t believe the plan will work.", "en"),
                       (",,Ik denk dat het goed komt.", "nl")):
        assert attribute_sentence(line, lang=lang, published=PUB, published_precision="day").kind == "none", line
    assert _value("“I think that is what the town needs,” the mayor said.") == PUB  # attributed: reported speech
    assert _value("“I hope it rains soon.") == PUB  # a wish is reported, as the guideline's earlier rounds decided


def _kind(sentence: str, lang: str = "en") -> str:
    return attribute_sentence(sentence, lang=lang, published=PUB, published_precision="day").kind


def test_a_caption_opening_with_a_name_is_a_fragment():
    # "Roosevelt, Franklin D. Campaign button …": the name's lemma is itself, yet it counted as a verb
    assert _kind("Lincoln, Abraham. Campaign poster calling for unity in the 1860 election.") == "none"
    assert _kind("Lincoln won the election.") == "reporting"


def test_a_noun_phrase_with_only_a_relative_clause_is_a_fragment():
    # "Het begin van een dag die z'n weerga niet kent.": the only verb is the relative clause's
    assert _kind("Het einde van een week die niemand vergeet.", "nl") == "none"
    assert _kind("De man die werd opgepakt is vrijgelaten.", "nl") == "reporting"
    assert _kind("Dat is vanwege de rellen die in het centrum plaatsvinden.", "nl") == "reporting"
    assert _kind("The woman who now runs the shelter describes the dog as shy.") == "reporting"
    # a comma closes the relative clause: the verb after it is the main clause's ("openging" is not known as a verb)
    assert _kind("De brug, die in 2012 openging, is dicht.", "nl") != "none"


def test_a_quarter_after_for_is_the_period_of_the_noun():
    # "The figures for the first quarter of 2018 will be published in July." was filed under 2018, not July
    assert _value("The figures for the first quarter of 2018 will be published in July.") == "2018-07"
    assert _value("The bank reported a loss for the first quarter of 2018.") == PUB


def test_a_pages_own_history_and_contact_lines_are_no_events():
    # "Copyright 2018 The Agency." was filed under 2018, "This article was first published on 12 May 2018." under 12 May
    for line, lang in (("Copyright 2018 The Example Agency.", "en"), ("This article was first published on 12 May 2018.", "en"),
                       ("Dit artikel verscheen eerder in de krant.", "nl"), ("Updated 12:34 pm", "en"),
                       ("Posted by Anna at 10:32 PM", "en"), ("Jan Jansen contributed to this report.", "en"),
                       ("Comments", "en"), ("What do you think? Leave a comment below.", "en"),
                       ("Email us at tips@example.com", "en"), ("All times are local.", "en")):
        assert _kind(line, lang) == "none", line
    assert _value("The story was first published in 1902 and became a classic.") == "1902"
    assert _value("Published reports say the minister resigned.") == PUB
    assert _value("Comments by the minister angered the union.") == PUB


def test_a_plan_set_off_by_commas_is_background():
    # "The talks, due to resume on Friday, were suspended." was filed under the coming Friday
    assert _value("The talks, due to resume on Friday, were suspended.") == PUB
    assert _value("The president, expected to arrive on Friday, said he was pleased.") == PUB
    assert _value("The talks are due to resume on Friday.") == "2018-06-01"  # the main clause's own plan


def test_a_weekday_inside_an_opening_subject_before_a_present_copula_is_the_nouns():
    # "The cause of the fire on Sunday is unknown." was filed under Sunday
    assert _value("The cause of the fire on Sunday is unknown.") == PUB
    assert _value("The talks on Monday are crucial for the coalition.") == PUB
    assert _value("The summit was called off on Sunday.") == "2018-05-27"  # the verb's own weekday
