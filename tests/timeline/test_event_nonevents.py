"""Sentences that report no event (`storyline.timeline.event_nonevents`), through `attribute_sentence`.

The sentences are written for the tests."""

from __future__ import annotations

import pytest

from storyline.timeline.event_dates import attribute_sentence
from storyline.timeline.event_nonevents import no_event

PUB = "2018-05-30"  # a Wednesday


def _event(sentence: str, lang: str):
    return attribute_sentence(sentence, lang=lang, published=PUB, published_precision="day")


@pytest.mark.parametrize("lang,sentence", [
    ("nl", "Lees het hele verhaal hier terug."),
    ("nl", "Bekijk de beelden van de brand."),
    ("en", "Ask for the press office when you call."),
    ("nl", "Omwonenden: dit is onacceptabel"),
    ("en", "LIVE UPDATES: Storm hits the coast"),
    ("en", "Correction This article was amended on 30 May 2018."),
    ("en", "1 of 4 Skip in Skip x Embed x Share CLOSE Firefighters battle the blaze"),
    ("en", "This is a developing story."),
    ("nl", "Reageer op dit artikel"),
    ("en", "AP Photo/John Smith"),
    ("en", "Media playback is unsupported on your device"),
    ("en", "Story continues below advertisement"),
    ("en", "Like us on Facebook"),
    ("en", "Comments are closed."),
    ("en", "FROM THE TODAY PROGRAMME Please turn on JavaScript."),  # was a timeline entry of 6 July 2009
    ("nl", "Schakel JavaScript in om deze video te bekijken."),
])
def test_reader_imperatives_labels_and_furniture_report_no_event(lang, sentence):
    assert _event(sentence, lang).kind == "none"


@pytest.mark.parametrize("lang,sentence", [
    ("en", "Share prices fell sharply after the announcement."),
    ("en", "The company said its JavaScript engine was attacked on Monday."),
    ("nl", "Kijk, dat is het probleem, zei de wethouder."),
    ("en", "Watch the video: The council will decide on the new bridge in the autumn, the mayor said."),
    ("en", "Police said: the road stays closed."),
    ("nl", "'We gaan door met de bouw van de brug.'"),  # Dutch quotes in single quotes: not a headline line
])
def test_sentences_that_look_like_furniture_still_report(lang, sentence):
    assert _event(sentence, lang).kind != "none"


def test_a_line_of_nothing_but_a_date_is_a_dateline():
    assert _event("dinsdag 3 maart 2015 14:10", "nl").kind == "none"
    assert _event("Updated: 29 May 2018 10:04", "en").kind == "none"
    assert _event("Published 10:32 AM ET May 30, 2018", "en").kind == "none"
    assert _event("Op dinsdag 29 mei brandde de school af.", "nl").value == "2018-05-29"


def test_aldus_reports_speech_not_a_fragment():
    assert _event("En ook een paar stenen”, aldus de burgemeester.", "nl").value == PUB
    assert no_event("En ook een paar stenen”, aldus de burgemeester.") is False


def test_regression_cookie_notices_and_web_archive_crawl_notes_report_no_event():
    # read in the seeds + DFN archive: a cookie notice was a summary sentence, a web archive's crawl note and its
    # "files not publicly accessible" two timeline entries (sentences written for this test)
    for text in ("This site uses cookies to give you a better experience.",
                 "Accepteer de cookies om deze video alsnog te bekijken.",
                 "Deze video kan niet getoond worden omdat u geen cookies accepteert.",
                 "These files are currently not publicly accessible.",
                 "Crawl of outlinks from a wiki started in May."):
        assert no_event(text), text
    for text in ("The baker handed out cakes and cookies to the children on Friday.",
                 "The court ruled on Tuesday that the website broke the privacy law."):
        assert not no_event(text), text


def test_regression_a_photo_credit_and_caption_line_reports_no_event():
    # read in the seeds + DFN archive: "Image copyright @Police / Twitter Image caption Police released this image of
    # … Three people have been killed …" was a timeline entry (sentences written for this test)
    for text in ("Image copyright Reuters Image caption The minister visited the harbour on Monday",
                 "Image copyright @CityPolice / Twitter Image caption Police released this image of the suspect",
                 "Media caption The mayor spoke to reporters after the meeting"):
        assert no_event(text), text
    for text in ("The image caption was changed after readers complained on Monday.",
                 "Media coverage of the trial grew in March."):
        assert not no_event(text), text


def test_regression_a_page_date_line_and_caption_glued_inside_a_sentence_is_no_event():
    # read in the MH17 timeline: "Published duration 29 July 2015 Related Topics MH17 plane crash image copyright Getty
    # Images image caption Vladimir Putin said … Russia has used its veto …" was an entry (sentences written for this test)
    for text in ("Published duration 3 May 2016 Related Topics Floods image copyright Reuters image caption The river "
                 "rose The city council has closed the bridge.",
                 "Related Topics Elections image copyright EPA image caption A voter at the booth The count began.",
                 "Published duration 3 May 2016 The city council has closed the bridge."):
        assert no_event(text), text
    assert not no_event("The image caption contest drew a large crowd on Monday.")
    assert not no_event("The copyright of the image was sold on Monday, the agency said.")


def test_regression_a_caption_ending_in_its_photo_credit_is_no_event():
    # the caption cut off "… a new virus Roslan Rahman/AFP via Getty Images A new coronavirus …" (COVID-19 story of the
    # seeds + DFN archive; sentences written for this test)
    for text in ("Nurses check travellers at the airport Jan Smit/AFP via Getty Images",
                 "Fans wave flags on 15 May. Photograph: Anna Berg/AFP/Getty Images",
                 "Firefighters at the scene on Monday. Kees de Vries/ANP"):
        assert no_event(text), text
    assert not no_event("The photo agency AFP said on Monday that it would close its office.")


def test_regression_a_request_to_the_reader_is_no_event():
    # read in the seeds + DFN archive: "To install the latest version of the Flash Player please visit the Adobe
    # Website." and "Please click on the boxes below to learn more." were timeline entries (invented sentences)
    assert no_event("To watch this clip please update your browser to the latest version.")
    assert no_event("Please select a region from the list below to see the results.")
    assert no_event("Gelieve het formulier voor vrijdag in te vullen.")
    assert no_event("Media requires JavaScript to play.")  # a video player's notice, read in the same archive
    assert no_event("Winkels opgefleurd met graffiti Winkels opgefleurd Volgende Vorige vergroot 1")  # a gallery
    assert not no_event("De volgende vergadering is op dinsdag, de vorige werd afgelast.")
    assert not no_event("\"Please help us find our daughter,\" her mother said on Monday.")
    assert not no_event("The mayor urged residents: please check on your elderly neighbours tonight.")
