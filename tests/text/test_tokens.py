"""Sentences, tokens and lemmas for Dutch and English."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.text.sentences import sentences
from storyline.text.tokens import lemma, lemmas, sentence_tokens, tokenize


def test_sentences_do_not_break_after_abbreviations_or_initials():
    text = ("Volgens dhr. J. de Vries sprak prof. Bos o.a. over de begroting. Mr. Smith met Dr. Jones "
            "in the U.S. today. Daarna ging hij naar huis!")
    assert sentences(text) == [
        "Volgens dhr. J. de Vries sprak prof. Bos o.a. over de begroting.",
        "Mr. Smith met Dr. Jones in the U.S. today.",
        "Daarna ging hij naar huis!",
    ]


def test_sentences_end_at_paragraph_breaks_and_question_marks():
    assert sentences("Een kop zonder punt\nWat nu? Niemand weet het.") == [
        "Een kop zonder punt", "Wat nu?", "Niemand weet het."]


def test_tokens_keep_names_abbreviations_and_numbers_whole():
    toks = [t.text for t in tokenize("Kim Jong-un kreeg o.a. 3,5 miljoen (ca. 12%) in 's-Hertogenbosch.")]
    assert toks == ["Kim", "Jong-un", "kreeg", "o.a.", "3,5", "miljoen", "(", "ca.", "12", "%", ")", "in",
                    "'s-Hertogenbosch", "."]


def test_sentence_final_dot_is_its_own_token_but_an_initial_keeps_it():
    toks = [t.text for t in tokenize("Hij sprak met J. Bos.")]
    assert toks == ["Hij", "sprak", "met", "J.", "Bos", "."]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcXYZ .,'-’é\n0123()\"")), max_size=80))
def test_token_offsets_point_at_the_token_text(text):
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text
        assert tok.text.strip() == tok.text and tok.text


def test_sentence_tokens_cover_every_word_once():
    text = "Dhr. Peeters kwam. Hij bleef tot 12.30 uur. Daarna: niets."
    words = [t.text for s in sentence_tokens(text) for t in s]
    assert words == [t.text for t in tokenize(text)]
    assert len(sentence_tokens(text)) == 3


def test_lemmas_for_dutch_and_english():
    assert [lem for _, lem in lemmas("De kinderen liepen naar huis.", "nl")] == ["de", "kind", "lopen", "naar", "huis", "."]
    assert lemma("went", "en") == "go" and lemma("houses", "en") == "house"
    assert lemma("huizen", "xx") == "huizen"  # unsupported language: the word itself


def test_an_acronym_before_a_full_stop_ends_the_sentence_but_versus_does_not():
    # Seed article: "... gegarandeerd door de VS. Toen reageerde het Witte Huis ..." was one timeline sentence.
    text = "Dat garandeert de VS. Toen volgde een reactie. Ajax vs. PSV eindigde gelijk."
    assert [[t.text for t in s] for s in sentence_tokens(text)] == [
        ["Dat", "garandeert", "de", "VS", "."], ["Toen", "volgde", "een", "reactie", "."],
        ["Ajax", "vs.", "PSV", "eindigde", "gelijk", "."]]


def test_a_dutch_low_opening_quote_is_one_token():
    assert [t.text for t in tokenize(",,Ja”, zei hij. a,,b")] == [",,", "Ja", "”", ",", "zei", "hij", ".", "a", ",", ",", "b"]
