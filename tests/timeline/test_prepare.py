"""Sentences of an article as the timeline sees them: titles, glued headlines (`storyline.timeline.prepare`)."""

from __future__ import annotations

from storyline.timeline.prepare import prepare


def _sentences(title: str, text: str, lang: str = "nl") -> list[tuple[int, str]]:
    _, sents = prepare([{"id": "a", "title": title, "text": text, "lang": lang, "published": "2018-05-24",
                         "published_precision": "day", "sources": ["a.txt"]}])
    return [(s.pos, s.text) for s in sents]


def test_regression_headline_glued_to_a_standfirst_in_the_title_line():
    """The title line "Historische ontmoeting Trump en Kim Ontmoeting zou …" is a headline and a standfirst."""
    line = "Historische ontmoeting Trump en Kim Ontmoeting zou oorspronkelijk op 12 juni plaatsvinden in Singapore"
    text = line + "\n\nDe ontmoeting werd donderdag afgeblazen. Een nieuwe ontmoeting is niet uitgesloten."
    got = _sentences(line, text)
    assert got[0] == (-1, "Historische ontmoeting Trump en Kim")
    assert got[1] == (0, "Ontmoeting zou oorspronkelijk op 12 juni plaatsvinden in Singapore")


def test_regression_headline_glued_to_a_body_sentence():
    """"… opstelling Noord-Korea Dat zei de Amerikaanse president …" became one summary sentence."""
    text = ("De top gaat niet door. Trump blies top af vanwege vijandige opstelling Noord-Korea Dat zei de "
            "Amerikaanse president donderdag in een brief.")
    texts = [t for _, t in _sentences("", text)]
    assert "Dat zei de Amerikaanse president donderdag in een brief." in texts
    assert "Trump blies top af vanwege vijandige opstelling Noord-Korea" in texts


def test_regression_an_untitled_articles_first_sentence_is_its_lead_not_a_title():
    # ingest takes an untitled article's first sentence as its title; the timeline dropped that sentence from the
    # body as "the title", so the seeds' invitation (the story's start) was never a lead sentence
    first = "Kim Jong-un heeft Donald Trump per brief uitgenodigd voor een topontmoeting."
    docs, sents = prepare([{"id": "a", "title": first, "text": f"{first} Trump heeft de uitnodiging aangenomen.",
                            "lang": "nl", "published": "2018-03", "published_precision": "month", "sources": []}])
    assert [(s.pos, s.text) for s in sents] == [(0, first), (1, "Trump heeft de uitnodiging aangenomen.")]


def test_a_headline_line_at_the_top_of_the_text_stays_a_title():
    docs, sents = prepare([{"id": "a", "title": "Kim nodigt Trump uit", "text": "Kim nodigt Trump uit\n\nDe brief "
                            "kwam dinsdag aan bij het Witte Huis.", "lang": "nl", "published": "2018-03-06",
                            "sources": []}])
    assert [(s.pos, s.text) for s in sents][0] == (-1, "Kim nodigt Trump uit")


def test_regression_a_repeated_title_case_headline_glued_to_the_first_sentence():
    # DFN: "Images Show the Buk … Controlled by Russian Troops New evidence has been found …" opened the MH17 summary
    head = "Pictures Show the Lorry that Blocked the Bridge, Seen in Town, Driven by Two Men"
    text = (f"{head}.\n\n{head} New pictures have been found that show the lorry on the bridge. The new pictures "
            "were taken on Monday.")
    texts = [t for _, t in _sentences(head, text, "en")]
    assert "New pictures have been found that show the lorry on the bridge." in texts
    assert not any(t.startswith(head + " New") for t in texts)


def test_regression_a_label_glued_to_a_caption_sentence():
    # DFN: "Video A Ukrainian military transport aircraft has been shot down …" was a timeline entry
    text = "Video A military transport plane has been shot down in the east of the country, officials say."
    texts = [t for _, t in _sentences("Plane downed", text, "en")]
    assert "A military transport plane has been shot down in the east of the country, officials say." in texts


def test_a_repeated_short_line_does_not_cut_a_name_off_its_sentence():
    text = "Trump en Kim\n\nTrump en Kim Jong-un ontmoeten elkaar in juni. Trump en Kim praten over vrede."
    texts = [t for _, t in _sentences("", text)]
    assert "Trump en Kim Jong-un ontmoeten elkaar in juni." in texts


def test_regression_a_quotation_over_two_sentences_stays_with_its_speaker():
    # the seed "„De bijeenkomst was heel goed, heel sterk." was a sentence of its own: a quote without its speaker
    # (Trump), shown as if the article said it
    text = (",,De bijeenkomst was heel goed, heel sterk. We zullen zien wat er kan gebeuren”, reageerde Trump "
            "zondag. Hij nodigde Kim uit.")
    texts = [t for _, t in _sentences("", text)]
    assert texts == [",,De bijeenkomst was heel goed, heel sterk. We zullen zien wat er kan gebeuren”, reageerde "
                     "Trump zondag.", "Hij nodigde Kim uit."]


def test_regression_a_repeated_headline_and_a_follow_widget_glued_to_the_first_sentence():
    # DFN (RT): "Malaysia Airlines MH17 plane crash in Ukraine Follow RT on A Malaysia Airlines plane …" was a
    # summary sentence of the MH17 story
    head = "Airliner crash in the east"
    text = f"{head}.\n\n{head} Follow RT on A passenger plane has crashed in the east of the country. It carried 298."
    texts = [t for _, t in _sentences(head, text, "en")]
    assert "A passenger plane has crashed in the east of the country." in texts
    assert "Follow RT on" in texts
