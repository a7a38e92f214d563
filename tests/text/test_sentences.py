"""Sentences held together over a quotation (`storyline.text.sentences.quote_units`)."""

from __future__ import annotations

from storyline.text.sentences import QUOTE_UNIT_SENTENCES, quote_open, quote_units, split_sentences


def _units(text: str) -> list[str]:
    return [text[a:b] for a, b in quote_units(text, split_sentences(text))]


def test_a_quotation_over_sentences_ends_with_the_sentence_that_closes_it():
    text = "“We did not do it. We never would,” the envoy said on Thursday. Then he left the room."
    assert _units(text) == ["“We did not do it. We never would,” the envoy said on Thursday.", "Then he left the room."]


def test_a_dutch_low_quotation_is_held_together():
    text = ",,Het was goed. Het was sterk”, zei Trump. Hij vertrok."
    assert _units(text) == [",,Het was goed. Het was sterk”, zei Trump.", "Hij vertrok."]


def test_a_quotation_that_never_closes_leaves_the_sentences_as_they_were():
    text = 'Hij sprak over "de lange mars. Toen ging hij naar huis. Het regende.'
    assert _units(text) == split_units(text)


def test_a_quotation_is_not_held_over_a_paragraph_break():
    text = "“Het was goed.\nHet was sterk”, zei hij."
    assert _units(text) == split_units(text)


def test_a_quotation_longer_than_the_limit_is_not_held_together():
    inner = " ".join(f"Zin {i} is kort." for i in range(QUOTE_UNIT_SENTENCES + 1))
    text = f"“{inner}”, zei hij."
    assert _units(text) == split_units(text)


def test_balanced_and_apostrophe_sentences_are_not_open():
    assert not quote_open("“Nee”, zei hij.") and not quote_open("It's Kim's turn, 'they' said.")
    assert quote_open('"We never would," he said. "Never.') and not quote_open('"Yes," he said.')


def split_units(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]
