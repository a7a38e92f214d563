"""Any text, any publication date: extraction never fails and every mention is consistent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.text.timex import extract_time_mentions

WORDS = ["12", "juni", "2018", "1-5", "-", "tot", "en", "van", "tussen", "eind", "begin", "half", "acht", "om", "uur",
         "20.00", "zaterdag", "volgende", "vorige", "week", "maand", "jaar", "gisteren", "morgen", "over", "twee",
         "weken", "geleden", "elke", "maandag", "'s", "avonds", "June", "May", "last", "next", "Tuesday", "ago",
         "days", "between", "and", "March", "late", "early", "3", "pm", "de", "5e", "Q1", "jaren", "'90", "31",
         "februari", "30", "feb", ",", ".", "Kerst", "Pasen", "sinds", "voor", "na", "tot op heden", "am", "Oktober"]
PUBLISHED = st.sampled_from([None, "2018", "2018-05", "2018-05-12", "2018-05-12T10:30:00+02:00", "0001-01-01",
                             "9999-12-31"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.sampled_from(["nl", "en", "de", "fr"]), PUBLISHED)
def test_mentions_are_consistent(words, lang, published):
    text = " ".join(words)
    for m in extract_time_mentions(text, lang, published):
        assert text[m.start:m.end] == m.text
        assert m.kind in ("date", "time", "duration", "set")
        assert m.precision in (None, "day", "week", "month", "year", "time")
        assert m.resolved == (m.reason is None)
        assert m.value
