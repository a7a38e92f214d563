"""`storyline evaluate entities --meantime`: the MEANTIME-nl reader, its name spans, the split and the scorer."""

from __future__ import annotations

import json

import pytest

from storyline.cli import main
from storyline.errors import InputError
from storyline.evaluate.meantime import evaluate_meantime, read_meantime, split_documents

from ..conftest import shared_path

SENTS = {
    0: "Acme Holding koopt Brightwell".split(),
    1: ["01-Mar-08"],
    2: "Woordvoerster Sanne de Vries van Acme Holding zei dat de Amerikaanse markt groeit .".split(),
    6: "Later sprak ook Bram Jansen .".split(),  # after the annotated sentences: never scored
}


def _mention(doc, sent, tokens, head, kind, pos="PROPN"):
    return {"conll_doc_key": doc, "sent_id": sent, "tokens_number": tokens, "mention_head_id": head,
            "mention_head_pos": pos, "mention_type": kind, "is_continuous": True}


@pytest.fixture
def meantime(tmp_path):
    lines = []
    for doc in ("corpus_x/1", "corpus_x/2"):
        lines.append(f"#begin document ({doc}); part 000")
        for sid, toks in SENTS.items():
            lines += [f"{doc}\t{sid}\t{i}\t{t}\t-" for i, t in enumerate(toks)] + [""]
    mentions = []
    for doc in ("corpus_x/1", "corpus_x/2"):
        mentions += [
            _mention(doc, 0, [0, 1], 0, "ORG"), _mention(doc, 0, [3], 3, "ORG"),
            # the extent holds a title and an apposition: the name is "Sanne de Vries"
            _mention(doc, 2, [0, 1, 2, 3, 4, 5, 6], 1, "PER"),
            _mention(doc, 2, [10], 10, "LOC", pos="ADJ"),  # an adjective: not a proper name
            _mention(doc, 6, [3, 4], 3, "PER"),
        ]
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "meantime.conll").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "nl" / "entities_mentions.json").write_text(json.dumps(mentions), encoding="utf-8")
    return tmp_path


def test_names_are_cut_from_mention_extents_and_adjectives_and_late_sentences_left_out(meantime):
    doc = read_meantime(meantime)[0]
    names = sorted((" ".join(doc.sentences[s][a:b]), k) for s, a, b, k in doc.gold)
    assert names == [("Acme Holding", "ORG"), ("Brightwell", "ORG"), ("Sanne de Vries", "PER")]


def test_documents_split_alternately_within_a_topic(meantime):
    halves = split_documents(read_meantime(meantime))
    assert [d.key for d in halves["dev"]] == ["corpus_x/1"] and [d.key for d in halves["test"]] == ["corpus_x/2"]


def test_the_scorer_counts_names_only_in_the_annotated_sentences(meantime):
    result = evaluate_meantime(meantime, backend="builtin", split="dev")
    assert result["dataset"] == "MEANTIME-nl dev" and result["documents"] == 1
    assert result["untyped"]["gold"] == 3
    assert result["sentences"] == 2  # 0 and 2: 1 is the date line, 6 comes after the fully annotated sentences
    assert 0 < result["untyped"]["tp"] <= 3


def test_cli_wants_exactly_one_dataset_and_reports_json(meantime, runner):
    bad = runner.invoke(main, ["evaluate", "entities"])
    assert bad.exit_code == 2 and "exactly one of --conll" in bad.output
    ok = runner.invoke(main, ["evaluate", "entities", "--meantime", str(meantime), "--backend", "builtin", "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["untyped"]["gold"] == 3


def test_a_folder_without_meantime_files_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="expected nl/meantime.conll"):
        read_meantime(tmp_path)


@pytest.mark.shared_data
def test_real_meantime_halves_are_disjoint_and_cover_every_document():
    docs = read_meantime(shared_path("meantime-nl"))
    halves = split_documents(docs)
    dev, test = {d.key for d in halves["dev"]}, {d.key for d in halves["test"]}
    assert not dev & test and len(dev | test) == len(docs) == 120
    assert sum(len(d.gold) for d in halves["dev"]) > 250


def test_gold_name_kept_the_title_when_meantime_made_the_title_its_head():
    # MEANTIME often gives a titled name the title as its head ("Premier X Y"); the title is not part of the name,
    # but an organisation word the name continues from ("Bank of ...") and a run of adjectives in a name stay
    from storyline.evaluate.meantime import _name_part

    toks = ["Premier", "Anna", "Smit", "sprak", "."]
    assert _name_part(toks, [0, 1, 2], 0, "NOUN") == [1, 2]
    toks = ["de", "Bank", "of", "Brontex", "en", "de", "Nationale", "Centrale", "Bank"]
    assert _name_part(toks, [0, 1, 2, 3], 3, "PROPN") == [1, 2, 3]
    assert _name_part(toks, [5, 6, 7, 8], 7, "PROPN") == [6, 7, 8]
    toks = ["Amerikaanse", "Brontex", "Reserve", "zweeg"]
    assert _name_part(toks, [0, 1, 2], 1, "PROPN") == [1, 2]


def test_gold_mention_was_lost_when_its_head_id_lay_outside_its_extent(tmp_path):
    # about 1 MEANTIME-nl mention in 12 has a head id that is not among its own tokens (the second "Acme" below,
    # head id 0): the head is then the extent's token spelled as the mention's head, not a reason to drop it
    sent = "Acme zei dat Acme groeit .".split()
    lines = ["#begin document (corpus_x/1); part 000"] + [f"corpus_x/1\t0\t{i}\t{t}\t-" for i, t in enumerate(sent)]
    mention = {**_mention("corpus_x/1", 0, [3], 0, "ORG"), "mention_head": "Acme"}
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "meantime.conll").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "nl" / "entities_mentions.json").write_text(json.dumps([mention]), encoding="utf-8")
    assert read_meantime(tmp_path)[0].gold == {(0, 3, 4, "ORG")}


def test_abbreviation_in_brackets_inside_a_mention_was_judged_a_false_positive(tmp_path):
    # "Acme Holding ( AH )" is one mention whose name is "Acme Holding"; MEANTIME never annotates the bracketed
    # abbreviation apart, so a system that tags it is not wrong there (a name elsewhere is still judged)
    from storyline.evaluate.meantime import judgeable

    sent = "Acme Holding ( AH ) groeit en Brontex krimpt .".split()
    lines = ["#begin document (corpus_x/1); part 000"] + [f"corpus_x/1\t0\t{i}\t{t}\t-" for i, t in enumerate(sent)]
    mentions = [_mention("corpus_x/1", 0, [0, 1, 2, 3], 0, "ORG"), _mention("corpus_x/1", 0, [7], 7, "ORG")]
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "meantime.conll").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "nl" / "entities_mentions.json").write_text(json.dumps(mentions), encoding="utf-8")
    doc = read_meantime(tmp_path)[0]
    assert doc.gold == {(0, 0, 2, "ORG"), (0, 7, 8, "ORG")}
    predicted = [("ORG", 0, 2), ("ORG", 3, 4), ("MISC", 7, 8)]
    assert judgeable(doc, 0, predicted) == [("ORG", 0, 2), ("MISC", 7, 8)]
