"""Named entities: the one interface, the built-in backend, normalisation and story aggregation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import ConfigError
from storyline.models import Entity
from storyline.text import ner as ents
from storyline.text.ner import (
    aggregate_entities,
    extract_entities,
    get_backend,
    normalize_entities,
    register_backend,
    registry,
    spans_from_iob,
)

from ...conftest import shared_path


def _typed(text, lang="nl", backend="builtin"):
    return [(e.text, e.type) for e in extract_entities(text, lang, backend)]


def test_offsets_point_at_the_entity_text():
    text = "  De Belgische premier Guy Verhofstadt sprak dinsdag in Brussel met Anna Peters van de VN.\n\nDaarna vloog hij naar New York."
    found = extract_entities(text, "nl", "builtin")
    assert found, "no entities found"
    for ent in found:
        assert text[ent.start:ent.end] == ent.text
    assert [(e.text, e.type) for e in found] == [
        ("Belgische", "MISC"), ("Guy Verhofstadt", "PER"), ("Brussel", "LOC"), ("Anna Peters", "PER"), ("VN", "ORG"),
        ("New York", "LOC")]


def test_dutch_sentence_initial_words_are_not_names_but_initial_names_are():
    assert _typed("Daardoor kwam minister Vanderhaegen te laat.") == [("Vanderhaegen", "PER")]
    assert _typed("Antwerpen kreeg gisteren nieuws van de krant De Morgen.") == [("Antwerpen", "LOC"), ("De Morgen", "ORG")]


def test_ministries_newspapers_and_hyphenated_compounds():
    assert _typed("Hij is minister van Binnenlandse Zaken.") == [("Binnenlandse Zaken", "ORG")]
    assert _typed("De Shell-aandelen daalden.") == [("Shell-aandelen", "MISC")]


def test_english_text():
    found = _typed("Prime Minister Theresa May met President Trump and Acme Inc. in Washington on Monday.", "en")
    assert found == [("Theresa May", "PER"), ("Trump", "PER"), ("Acme Inc.", "ORG"), ("Washington", "LOC")]
    assert _typed("The American and British envoys arrived.", "en") == [("American", "MISC"), ("British", "MISC")]


def test_demonyms_are_misc_normalised_to_their_country():
    found = extract_entities("De Noord-Koreaanse leider en de Amerikanen praatten.", "nl", "builtin")
    assert [(e.text, e.type, e.normalized) for e in found] == [
        ("Noord-Koreaanse", "MISC", "Noord-Korea"), ("Amerikanen", "MISC", "Verenigde Staten")]


def test_short_names_resolve_to_the_one_long_name_seen_earlier():
    text = "Kim Jong-un sprak met Donald Trump. Later zei Kim dat Trump te laat was."
    norm = [(e.text, e.normalized) for e in extract_entities(text, "nl", "builtin")]
    assert norm == [("Kim Jong-un", "Kim Jong-un"), ("Donald Trump", "Donald Trump"), ("Kim", "Kim Jong-un"),
                    ("Trump", "Donald Trump")]


def test_a_headline_short_name_resolves_to_the_long_name_in_the_body():
    found = extract_entities("Trump said the summit went well. President Donald Trump left.", "en", "builtin")
    assert [(e.text, e.type, e.normalized) for e in found] == [
        ("Trump", "PER", "Donald Trump"), ("Donald Trump", "PER", "Donald Trump")]


def test_ambiguous_short_names_stay_as_they_are():
    found = [Entity("Kim Jong-un", "PER", 0, 11, ""), Entity("Kim Clijsters", "PER", 20, 33, ""),
             Entity("Kim", "PER", 40, 43, ""), Entity("Noord-Korea's", "LOC", 50, 63, "")]
    assert [e.normalized for e in normalize_entities(found, "nl")] == [
        "Kim Jong-un", "Kim Clijsters", "Kim", "Noord-Korea"]


def test_aggregate_over_a_story():
    a = extract_entities("Kim Jong-un ontmoette Donald Trump in Singapore.", "nl", "builtin")
    b = extract_entities("Trump en Kim spraken opnieuw, nu in Hanoi. Kim was tevreden.", "nl", "builtin")
    story = {s.name: s for s in aggregate_entities([a, b])}
    assert story["Kim Jong-un"].mentions == 3 and story["Kim Jong-un"].articles == 2
    assert story["Kim Jong-un"].forms == ["Kim", "Kim Jong-un"]
    assert story["Donald Trump"].articles == 2 and story["Singapore"].type == "LOC"
    assert story["Kim Jong-un"].to_dict()["type"] == "PER"


def test_empty_text_gives_no_entities():
    assert extract_entities("", "nl") == [] and extract_entities("   \n", "en") == []


def test_unknown_backend_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown entity backend 'spacy'"):
        extract_entities("Jan woont in Gent.", "nl", backend="spacy")


def test_backends_are_registered_by_name_and_chosen_by_configuration(monkeypatch):
    calls = []

    class Upper:
        name = "upper-test"

        def available(self):
            return True, "test"

        def tag(self, sentences, lang):
            calls.append(lang)
            return [["B-ORG" if t.isupper() else "O" for t in s] for s in sentences]

    register_backend("upper-test")(Upper)
    try:
        monkeypatch.setenv(ents.ENV_BACKEND, "upper-test")
        assert get_backend().name == "upper-test"
        assert [(e.text, e.type) for e in extract_entities("De NAVO en de VN.", "nl")] == [("NAVO", "ORG"), ("VN", "ORG")]
        assert calls == ["nl"]
        monkeypatch.delenv(ents.ENV_BACKEND)
        assert get_backend().name == "builtin"
    finally:
        registry._FACTORIES.pop("upper-test", None)
        registry._INSTANCES.pop("upper-test", None)


def test_spans_from_iob_handles_adjacent_and_stray_tags():
    assert spans_from_iob(["B-PER", "B-PER", "I-PER", "O", "I-ORG", "I-ORG"]) == [
        ("PER", 0, 1), ("PER", 1, 3), ("ORG", 4, 6)]


def test_builtin_reaches_its_targets_on_the_conll_development_set():
    from storyline.evaluate.entities import evaluate_conll

    result = evaluate_conll(shared_path("conll2002-nl", "ned.testa"), backend="builtin")
    assert result["micro_f1"] >= 0.60, result["per_type"]
    assert result["untyped_f1"] >= 0.78
    assert all(result["per_type"][kind]["f1"] >= 0.5 for kind in ("PER", "LOC", "ORG", "MISC"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("aBcDeXyZ .,'-’É\n0123()\":&") + ["De ", "van ", "Jan ", "Noord-", "Belgische"]),
                max_size=60))
def test_any_text_gives_valid_entities(pieces):
    text = "".join(pieces)
    for ent in extract_entities(text, "nl", "builtin"):
        assert text[ent.start:ent.end] == ent.text and ent.text.strip() == ent.text
        assert ent.type in ("PER", "LOC", "ORG", "MISC") and ent.normalized
