"""The contract every registered entity backend keeps (in the spirit of river's estimator checks).

Each check runs over every name in the registry, so a new backend is checked the day it registers. A backend
that cannot run here (Frog not installed) is skipped with the reason it gives.
"""

from __future__ import annotations

import re

import pytest

from storyline.text.ner import TYPES, backend_names, get_backend
from storyline.text.ner.extract import entities_from_tokens
from storyline.text.tokens import sentence_tokens

LABEL = re.compile(rf"^(O|[BI]-({'|'.join(TYPES)}))$")
DOCUMENTS = {
    "nl": "Minister Hoekstra sprak dinsdag in Den Haag met de directie van Philips. Hij was tevreden.",
    "en": "Senator Warren met the board of Boeing in Seattle on Tuesday. She said little.",
}
AWKWARD = [
    ["NOORD-KOREA", "DREIGT", "MET", "NIEUWE", "TEST"],
    ["'s-Hertogenbosch", "en", "Jeroen", "Dijsselbloem's", "plan", "."],
    ["Kim", "Jong-un", "reisde", "naar", "Noord-Korea", "."],
    ["Ålesund", "Zürich", "São", "Paulo"],
    ["."],
]


def _usable(name: str):
    backend = get_backend(name)
    ok, why = backend.available()
    if not ok:
        pytest.skip(f"backend {name!r} cannot run here: {why}")
    return backend


def test_the_registry_holds_the_three_shipped_backends():
    assert {"builtin", "frog", "hybrid"} <= set(backend_names())


@pytest.mark.parametrize("name", backend_names())
def test_a_backend_is_named_as_registered_and_says_whether_it_can_run(name):
    backend = get_backend(name)
    assert backend.name == name
    ok, why = backend.available()
    assert isinstance(ok, bool) and isinstance(why, str)
    assert ok or why, "a backend that cannot run must say why"


@pytest.mark.parametrize("lang", sorted(DOCUMENTS))
@pytest.mark.parametrize("name", backend_names())
def test_a_backend_gives_one_valid_iob2_label_per_token(name, lang):
    backend = _usable(name)
    sentences = [[t.text for t in s] for s in sentence_tokens(DOCUMENTS[lang])] + AWKWARD
    labels = backend.tag(sentences, lang)
    assert [len(s) for s in labels] == [len(s) for s in sentences]
    for row in labels:
        assert all(LABEL.match(label) for label in row), row


@pytest.mark.parametrize("name", backend_names())
def test_a_backend_finds_names_in_a_plain_sentence(name):
    _usable(name)
    text = DOCUMENTS["nl"]
    found = {(e.text, e.type) for e in entities_from_tokens(text, sentence_tokens(text), "nl", name)}
    assert ("Den Haag", "LOC") in found
    assert any(kind == "PER" and "Hoekstra" in surface for surface, kind in found)


@pytest.mark.parametrize("name", backend_names())
def test_a_backend_is_deterministic_and_handles_nothing(name):
    backend = _usable(name)
    sentences = [[t.text for t in s] for s in sentence_tokens(DOCUMENTS["en"])]
    assert backend.tag(sentences, "en") == backend.tag(sentences, "en")
    assert backend.tag([], "nl") == []


@pytest.mark.parametrize("name", backend_names())
def test_a_backend_does_not_fail_on_a_language_it_does_not_know(name):
    backend = _usable(name)
    labels = backend.tag([["Jokowi", "bertemu", "Prabowo", "di", "Jakarta", "."]], "id")
    assert len(labels) == 1 and len(labels[0]) == 6
    assert all(LABEL.match(label) for label in labels[0])
