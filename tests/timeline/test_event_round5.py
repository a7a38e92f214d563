"""Round-5 rules of the event-date attribution (issue 16), each named after the error family it fixes, through
`attribute_sentence` (sentences written for the tests, not taken from the data)."""

from __future__ import annotations

from storyline.timeline.event_dates import attribute_sentence

PUB = "2018-05-30"  # a Wednesday


def _value(sentence: str, lang: str = "en") -> str | None:
    return attribute_sentence(sentence, lang=lang, published=PUB, published_precision="day").value


def test_last_night_is_the_evening_before_publication():
    assert _value("The ferry was towed into port last night.") == "2018-05-29"
    assert _value("De afgelopen avond sloot de burgemeester het plein af.", "nl") == "2018-05-29"
    assert _value("On the last night of the fair a band played.") == PUB  # not a date


def test_listed_months_or_seasons_share_the_year_named_after_the_last():
    assert _value("In March and April 1910 the harbour was rebuilt.") == "1910-03"
    assert _value("In the late spring and early summer of 1910, the mill stood still.") == "1910"
    assert _value("In maart en april 2011 werd de brug gerenoveerd.", "nl") == "2011-03"


def test_de_komende_week_is_no_noun_date_because_of_its_determiner():
    # the week after 30 May 2018 is 4-10 June
    assert _value("We gaan de komende week verhuizen naar Utrecht.", "nl") == "2018-06"
    assert _value("De komende week gaan de scholen dicht.", "nl") == "2018-06"


def test_a_verb_range_after_from_is_no_noun_date():
    assert _value("Voting ran from May 4-9 in the northern districts.") == "2018-05-04"
    assert _value("The letter from May 4 was read aloud.") == PUB  # a noun's date


def test_said_on_monday_it_would_dates_the_content_to_the_coming_day():
    assert _value("The union said on Monday it would strike from Thursday to Saturday.") == "2018-05-31"
    assert _value("The mayor said on Monday he had met the minister on Friday.") == "2018-05-25"
    assert _value("The mayor said on Monday that the talks had failed.") == "2018-05-28"


def test_an_opening_possessive_date_whose_verb_is_the_turnout_or_the_report():
    assert _value("Last year's Harbour Fest drew 20,000 visitors.") == "2017"
    assert _value("Tuesday's press conference named two suspects.") == "2018-05-29"
    assert _value("Monday's attack prompted new laws.") == PUB  # a reaction: the noun's date


def test_reader_addressed_page_lines_are_no_event():
    assert _value("You can change these settings at any time.") is None
    assert _value("Sign up for alerts about the storm.") is None
    assert _value("This discussion is now closed.") is None
    assert _value("Questions can be directed to the editor.") is None
    assert _value('"You never know," the mayor said.') == PUB  # reported speech
    assert _value("You can hear the sirens right now.") == PUB


def test_a_video_byline_is_no_event():
    assert _value("Anna Jansen reports from Brussels.") is None
    assert _value("Anna Jansen reports from Brussels on the vote that began on Monday.") == PUB


def test_a_caption_glued_before_a_sentence_is_cut_off_not_the_whole_line():
    assert _value('Image copyright Reuters Image caption Fans waited outside the stadium on Sunday "We came '
                  'early," one of them said.') == PUB
    assert _value('Media playback is unsupported on your device Media caption Witness: "It was loud" The hearing '
                  'resumes during the summer.') == "2018"
    assert _value("Image copyright Reuters Image caption Fans waited outside the stadium on Sunday") is None


def test_a_broken_line_is_no_event():
    assert _value("the opening of the new bridge in the town was") is None
    assert _value("iPhone sales rose sharply.") == PUB


def test_a_quarter_before_a_noun_is_its_period():
    assert _value("The bank posted record first quarter profits.") == PUB
    assert _value("Profits rose in the first quarter.") == "2018"


def test_a_year_before_a_name_in_a_verbless_line():
    assert _value("A tour of the 1880 Van Dam House") is None


def test_a_date_in_a_noun_gerund_complement_is_the_noun_date():
    assert _value("The firm is halfway toward its aim of cutting costs by the end of 2019.") == PUB
    assert _value("The firm aims to cut costs by the end of 2019.") == "2019"  # a verb's complement


def test_as_much_as_is_no_clause_of_time():
    # the date sits in the relative clause ("which …"), not in a clause of time opened by "as"
    assert _value("The firm, which sold as much as $2 million in bonds on Monday, collapsed.") == PUB


def test_during_the_summer_is_a_season_of_the_year():
    assert _value("The hearing resumes during the summer.") == "2018"


def test_a_list_of_days_before_a_month_starts_with_the_first_day():
    assert _value("The strikes are planned on 4, 6 and 8 June.") == "2018-06-04"
    assert _value("De stakingen zijn op 4, 6 en 8 juni.", "nl") == "2018-06-04"


def test_from_nine_to_twelve_june_is_a_range_not_nine_minutes_to_twelve():
    assert _value("The festival runs from 9 to 12 June.") == "2018-06-09"


def test_a_bare_plural_with_a_reduced_relative_in_a_verb_phrase_is_no_content_date():
    # "in elections scheduled for September" dates the elections, so the speech act's Monday stays
    assert _value("The president said on Monday he will not run in elections scheduled for September.") \
        == "2018-05-28"


def test_a_teaser_of_another_article_with_its_date_glued_is_no_event():
    assert _value("Nieuwe brug gaat open 3 juni ARNHEM - De gemeente opent de brug met een feest.", "nl") is None
    assert _value("Het kabinet benoemde op 3 mei De Haan tot minister.", "nl") == "2018-05-03"
