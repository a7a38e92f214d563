from __future__ import annotations

import pytest

from storyline.timeline.dates import TRIGGER, sentence_dates, sentence_mentions


@pytest.mark.parametrize(("text", "lang", "day"), [
    ("This morning the rig sank.", "en", "2010-01-13"),
    ("Officials said tonight the well was sealed.", "en", "2010-01-13"),
    ("Gisteravond zei Kim dat de top doorgaat.", "nl", "2010-01-12"),
    ("Vanochtend kwam Kim aan in Singapore.", "nl", "2010-01-13"),
    ("Heute Abend trifft Kim den Präsidenten.", "de", "2010-01-13"),
])
def test_a_part_of_the_day_names_a_day(text, lang, day):
    assert TRIGGER.search(text)
    assert sentence_dates(text, lang, "2010-01-13", "day") == [(day, "day")]


def test_mentions_keep_where_the_date_is_said():
    text = "BP said on Tuesday that the well, capped on 15 July, held."
    found = sentence_mentions(text, "en", "2010-07-21", "day")
    assert [(k, text[a:b]) for k, _, a, b in found] == [("2010-07-20", "Tuesday"), ("2010-07-15", "15 July")]
    assert sentence_dates(text, "en", "2010-07-21", "day") == [("2010-07-20", "day"), ("2010-07-15", "day")]


def test_no_trigger_no_tagger():
    assert sentence_mentions("Nothing happened here at all.", "en", "2010-07-21", "day") == []


def test_a_missing_time_tagger_is_a_warned_degraded_mode(monkeypatch, caplog):
    # (issue 19) the fallback date finder used to take over silently (logged at info level)
    import sys

    from storyline.timeline import dates

    monkeypatch.setattr(dates, "_EXTRACTOR", [])
    monkeypatch.setitem(sys.modules, "storyline.text.timex", None)  # importing it now fails
    with caplog.at_level("WARNING", logger="storyline.timeline.dates"):
        found = sentence_dates("The summit on 12 June was called off.", "en", "2018-05-26", "day",
                               extract=dates.extractor())
    assert found == [("2018-06-12", "day")]
    assert any("fall back" in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)
