from __future__ import annotations

import pytest

from storyline.timeline.build import build_timeline
from storyline.timeline.select import SelectOptions
from storyline.timeline.style import without_own_date


def spans(text: str, *said: tuple[str, str]) -> list[tuple[str, int, int]]:
    return [(d, text.index(w), text.index(w) + len(w)) for d, w in said]


@pytest.mark.parametrize(("text", "said", "shown"), [
    ("On Friday the official death toll from the quake rose to 110,000.", ["Friday"],
     "The official death toll from the quake rose to 110,000."),
    ("Meanwhile, crews late Wednesday afternoon did a test burn on the spill.", ["Wednesday afternoon"],
     "Meanwhile, crews did a test burn on the spill."),
    ("April 22 - The Deepwater Horizon rig sinks and a 5-mile oil slick forms.", ["April 22"],
     "The Deepwater Horizon rig sinks and a 5-mile oil slick forms."),
    ("Thursday, April 29, 2010; 4:49 PM A massive oil spill is expected to reach the coast.",
     ["Thursday, April 29, 2010"], "A massive oil spill is expected to reach the coast."),
    ("As of 26 April 2009, the United States has reported 20 confirmed cases.", ["26 April 2009"],
     "The United States has reported 20 confirmed cases."),
    ("Kim en Moon ontmoeten elkaar op 27 april in Panmunjeom.", ["27 april"], "Kim en Moon ontmoeten elkaar in Panmunjeom."),
    ("Der Gipfel fand am Dienstag in Singapur statt.", ["Dienstag"], "Der Gipfel fand in Singapur statt."),
])
def test_the_entry_date_is_left_out(text, said, shown):
    assert without_own_date(text, spans(text, *(("2010-04-29", w) for w in said)), "2010-04-29") == shown


@pytest.mark.parametrize(("text", "said"), [
    ("Wednesday's decline was blamed on the size of the leak.", "Wednesday"),  # a possessive is part of a noun phrase
    ("If I had been a minister on Sunday or Monday morning, it would not have happened.", "Sunday"),
    ("The talks ran from 12 June to 14 June in Singapore.", "12 June"),
    ("Talks resume 12 June.", "12 June"),  # too little would be left
])
def test_the_date_stays_where_leaving_it_out_would_break_the_sentence(text, said):
    assert without_own_date(text, spans(text, ("2018-06-12", said)), "2018-06-12") == text


def test_other_dates_and_undated_entries_are_untouched():
    text = "BP said on 8 September that the well had been sealed on 19 September."
    marks = spans(text, ("2010-09-08", "8 September"), ("2010-09-19", "19 September"))
    assert without_own_date(text, marks, "2010-09-08") == "BP said that the well had been sealed on 19 September."
    assert without_own_date(text, marks, "2010-10-01") == text
    assert without_own_date(text, marks, None) == text
    assert without_own_date(text, [], "2010-09-08") == text


ARTICLE = {"id": "a1", "title": "", "lang": "en", "published": "2010-09-15", "sources": ["wire"],
           "text": "BP on Tuesday pumped cement into the damaged well in the Gulf of Mexico. Engineers watched closely."}


def test_a_built_timeline_shows_the_sentence_as_written_unless_asked_to_leave_its_date_out():
    plain = build_timeline([ARTICLE], max_dates=1, sentences_per_date=1, embed=False)
    (entry,) = plain.entries
    assert entry.date == "2010-09-14"  # "Tuesday" in an article of Wednesday 15 September
    (kept,) = entry.sentences
    assert (kept.text, kept.original) == ("BP on Tuesday pumped cement into the damaged well in the Gulf of Mexico.", None)
    assert kept.to_dict()["original"] == kept.text
    tl = build_timeline([ARTICLE], max_dates=1, sentences_per_date=1, embed=False,
                        options=SelectOptions(own_date=True))  # the research style, off by default (issue 16)
    (s,) = tl.entries[0].sentences
    assert s.text == "BP pumped cement into the damaged well in the Gulf of Mexico."
    assert s.original == kept.text and s.to_dict()["original"] == s.original
