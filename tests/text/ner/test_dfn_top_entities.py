"""Types a journalist can rely on: of the 50 most-named PER, LOC and ORG entities of an archive of the seeds plus
the DFN articles, at most 2 per type may be something else (issue 17), checked against a hand annotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import storyline
from storyline.store.entities_query import list_entities

from ...conftest import shared_path

ANNOTATION = Path(__file__).parent / "data" / "dfn_top_entities.json"
ALLOWED_WRONG = 2


@pytest.fixture(scope="module")
def top_entities(tmp_path_factory):
    seeds, dfn = shared_path("seeds"), shared_path("dfn", "articles.jsonl")
    archive = storyline.open(tmp_path_factory.mktemp("dfn") / "storyline.db", ner_backend="builtin")
    report = archive.ingest(seeds, dfn)
    archive.after_ingest(report, cluster=False, analyse=True)
    return {kind: [row["name"] for row in list_entities(archive.store.conn, type_=kind, limit=50)[1]]
            for kind in ("PER", "LOC", "ORG")}


def _check(top_entities, kind):
    truth = json.loads(ANNOTATION.read_text(encoding="utf-8"))["annotations"]
    names = top_entities[kind]
    assert len(names) == 50
    unannotated = [n for n in names if n not in truth]
    assert not unannotated, f"annotate these in {ANNOTATION.name} (the rules changed the top 50): {unannotated}"
    wrong = [(n, truth[n]) for n in names if truth[n] != kind]
    assert len(wrong) <= ALLOWED_WRONG, f"{len(wrong)} of the 50 most-named {kind} are not {kind}: {wrong}"


@pytest.mark.shared_data
@pytest.mark.slow
def test_most_named_people_are_people(top_entities):
    _check(top_entities, "PER")


@pytest.mark.shared_data
@pytest.mark.slow
def test_most_named_places_are_places(top_entities):
    _check(top_entities, "LOC")


@pytest.mark.shared_data
@pytest.mark.slow
def test_most_named_organisations_are_organisations(top_entities):
    _check(top_entities, "ORG")
