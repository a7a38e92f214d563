"""`storyline evaluate entities` and the CoNLL-2002 reader and scorer behind it; `storyline doctor`."""

from __future__ import annotations

import json

import pytest

from storyline.cli import main
from storyline.errors import InputError
from storyline.evaluate.entities import read_conll, score

CONLL = (
    "-DOCSTART- -DOCSTART- O\n"
    "Jan N B-PER\nPeeters N I-PER\nwoont V O\nin Prep O\nBelgi\x81EN B-LOC\n. Punc O\n\n"
    "De Art O\nBelgische Adj B-MISC\nregering N O\n. Punc O\n\n"
    "-DOCSTART- -DOCSTART- O\n"
    "De Art O\nNAVO N B-ORG\nvergadert V O\nin Prep O\nBrussel N B-LOC\n. Punc O\n"
)


@pytest.fixture
def conll_file(tmp_path):
    path = tmp_path / "mini.conll"
    path.write_bytes(CONLL.encode("latin-1"))
    return path


def test_reader_splits_documents_and_sentences_and_repairs_garbled_tokens(conll_file):
    docs = read_conll(conll_file)
    assert len(docs) == 2 and len(docs[0].tokens) == 2 and len(docs[1].tokens) == 1
    assert docs[0].tokens[0] == ["Jan", "Peeters", "woont", "in", "België", "."]
    assert docs[0].tags[0] == ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]


def test_reader_refuses_a_file_that_is_not_conll(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("dit is geen conll bestand\n", encoding="latin-1")
    with pytest.raises(InputError, match="IOB tag"):
        read_conll(bad)


def test_score_counts_exact_spans_per_type_and_untyped():
    gold = [["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"]]
    pred = [["B-PER", "O", "O", "B-ORG", "O", "B-ORG"]]
    result = score(gold, pred)
    assert result["per_type"]["ORG"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "tp": 1, "fp": 1, "fn": 0,
                                         "gold": 1}
    assert result["micro"]["tp"] == 1 and result["micro"]["fp"] == 2 and result["micro"]["fn"] == 2
    assert result["untyped"]["tp"] == 2  # the LOC/ORG confusion has the right span
    assert score(gold, gold)["micro"]["f1"] == 1.0


def test_cli_json_has_the_documented_keys(runner, conll_file):
    result = runner.invoke(main, ["evaluate", "entities", "--conll", str(conll_file), "--backend", "builtin", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"backend", "micro_f1", "untyped_f1", "per_type", "words_per_second"} <= set(data)
    assert data["backend"] == "builtin" and set(data["per_type"]) == {"PER", "LOC", "ORG", "MISC"}
    assert data["micro_f1"] == 1.0 and data["words"] == 16


def test_cli_table_and_errors(runner, conll_file, tmp_path):
    result = runner.invoke(main, ["evaluate", "entities", "--conll", str(conll_file), "--backend", "builtin"])
    assert result.exit_code == 0 and "micro" in result.output and "words/s" in result.output
    bad = runner.invoke(main, ["evaluate", "entities", "--conll", str(conll_file), "--backend", "nope"])
    assert bad.exit_code == 2 and "unknown entity backend 'nope'" in bad.output
    missing = runner.invoke(main, ["evaluate", "entities", "--conll", str(tmp_path / "absent")])
    assert missing.exit_code == 2


def test_doctor_reports_components_and_backends(runner):
    result = runner.invoke(main, ["doctor", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"simplemma", "lingua", "dateparser", "frog"} <= set(data["components"])
    assert data["components"]["simplemma"]["available"] is True
    assert set(data["entities"]["backends"]) >= {"builtin", "frog", "hybrid"}
    assert data["entities"]["backends"]["builtin"]["available"] is True
    frog_ok = data["components"]["frog"]["available"]
    assert data["entities"]["best"]["nl"] == ("hybrid" if frog_ok else "builtin")
    assert data["entities"]["best"]["en"] == "builtin"
    text = runner.invoke(main, ["doctor"])
    assert text.exit_code == 0 and "builtin" in text.output and "frog" in text.output


def test_doctor_says_when_frog_is_missing(runner, monkeypatch, tmp_path):
    monkeypatch.setenv("STORYLINE_FROG", str(tmp_path / "no-frog"))
    data = json.loads(runner.invoke(main, ["doctor", "--json"]).stdout)
    assert data["components"]["frog"]["available"] is False
    assert data["entities"]["best"]["nl"] == "builtin"
    assert "apt-get install frog" in data["components"]["frog"]["detail"]
