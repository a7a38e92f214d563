"""Regression tests for what a journalist still saw after issue 17's first passes: a country named only through
its adjectives typed MISC, "Amerikaanse" apart from the United States, "Trump" apart from "Donald Trump" across
the archive, "EBU" apart from "European Broadcasting Union", and former countries typed as organisations."""

from __future__ import annotations

import storyline
from storyline.store.entities_query import entity_detail, list_entities
from storyline.store.stories import _key_entities, story_entities
from storyline.text.ner import aggregate_entities, extract_entities
from storyline.text.ner.canonical import adjective_type, canonical_place, person_joins


def _archive(texts, cluster=False):
    archive = storyline.open(":memory:", ner_backend="builtin")
    report = archive.ingest_texts(texts)
    archive.after_ingest(report, cluster=cluster, analyse=True)
    return archive


def _names(text, lang="nl"):
    return [(e.text, e.type, e.normalized) for e in extract_entities(text, lang, "builtin")]


def test_demonym_country_typed_misc_on_the_story():
    # "Zuid-Koreaanse" and "Amerikaanse" were the only mentions of their countries in the seed story: its key
    # entities showed Zuid-Korea and Amerika as MISC ("other"), and Amerika apart from the Verenigde Staten.
    text = ("De Zuid-Koreaanse president Moon Jae-in ontmoette de Amerikaanse minister Mike Pompeo in Seoel.\n\n"
            "De Zuid-Koreaanse regering en de Amerikaanse ambassade zwegen over het gesprek met Moon Jae-in.")
    assert ("Amerikaanse", "MISC", "Verenigde Staten") in _names(text)  # the adjective itself stays MISC
    archive = _archive([text], cluster=True)
    sid = archive.store.conn.execute("SELECT story_id FROM story_assignments").fetchone()[0]
    key = {e["name"]: e["type"] for e in story_entities(archive.store, [sid])[sid]}
    assert key["Zuid-Korea"] == "LOC" and key["Verenigde Staten"] == "LOC" and "Amerika" not in key
    rows = {r["name"]: r["type"] for r in list_entities(archive.store.conn)[1]}
    assert rows["Zuid-Korea"] == "LOC" and rows["Verenigde Staten"] == "LOC"
    assert entity_detail(archive.store.conn, "Zuid-Korea")["type"] == "LOC"


def test_demonym_country_typed_misc_counts_only_places():
    # A name reached only through a possessive or another derived form is no place for that.
    assert adjective_type("Korea") == "LOC" and adjective_type("JavaScript") == "MISC"
    assert _key_entities({"Zuid-Korea": {"MISC": [3, 0]}, "Acme": {"MISC": [2, 0]}}, 10) == [
        {"name": "Zuid-Korea", "type": "LOC", "mentions": 3}, {"name": "Acme", "type": "MISC", "mentions": 2}]


def test_trump_vs_donald_trump_archive_wide():
    full = [f"President Donald Trump sprak in Ohio.\n\nTrump zei dat de economie groeide ({i})." for i in range(4)]
    bare = [f"President Trump bezocht een fabriek.\n\nTrump beloofde banen ({i})." for i in range(2)]
    archive = _archive(full + bare)
    conn = archive.store.conn
    rows = [r for r in list_entities(conn, q="Trump")[1]]
    assert [(r["name"], r["type"], r["articles"]) for r in rows] == [("Donald Trump", "PER", 6)]
    found = entity_detail(conn, "Trump")
    assert found["name"] == "Donald Trump" and found["n_articles"] == 6 and found["also_named"] == ["Trump"]
    assert archive.entity("Trump") == found  # the CLI's, the API's and the entity page's one query


def test_trump_vs_donald_trump_keeps_two_people_sharing_a_surname_apart():
    # "Kim" fits Sandra Kim and Jane Kim about equally: it joins neither.
    assert person_joins({"Kim": 5}, {"Sandra Kim": 5, "Jane Kim": 4}, last_word_only=True) == {}
    texts = ["Zangeres Sandra Kim trad op.\n\nHet publiek juichte.", "Burgemeester Jane Kim sprak.\n\nZe was blij.",
             "Minister Kim zweeg.\n\nNiemand wist waarom."]
    names = {r["name"] for r in list_entities(_archive(texts).store.conn, q="Kim")[1]}
    assert {"Sandra Kim", "Jane Kim", "Kim"} <= names


def test_trump_vs_donald_trump_story_wide():
    # within a story, "Trump" in one article joins "Donald Trump" of another (key entities and the aggregate)
    assert _key_entities({"Donald Trump": {"PER": [5, 5]}, "Trump": {"PER": [3, 3]}}, 10) == [
        {"name": "Donald Trump", "type": "PER", "mentions": 8}]
    from storyline.models import Entity as E
    story = aggregate_entities([[E("Donald Trump", "PER", 0, 12, "Donald Trump")], [E("Trump", "PER", 0, 5, "Trump")]])
    assert [(s.name, s.mentions, s.articles) for s in story] == [("Donald Trump", 2, 2)]


def test_acronym_and_full_name_were_two_entities():
    introduced = _names("De European Broadcasting Union (EBU) organiseert het festival. Volgens de EBU is alles klaar.")
    assert [n for _, _, n in introduced] == ["European Broadcasting Union"] * 3
    initials = _names("The European Broadcasting Union runs the contest. The EBU said it was ready.", "en")
    assert [n for _, _, n in initials] == ["European Broadcasting Union"] * 2
    # an acronym that spells no name of its article stays itself
    assert _names("De NMBS en de European Broadcasting Union spraken.")[0][2] == "NMBS"


def test_soviet_union_typed_org_former_countries_are_places():
    # ISO 3166-3 (pycountry, with its Dutch translations): former countries are places with a canonical id.
    assert canonical_place("Union of Soviet Socialist Republics")[0] == canonical_place("USSR")[0] == "place:SUHH"
    assert canonical_place("Czechoslovakia")[1] == "Tsjecho-Slowakije"
    assert canonical_place("Yemen")[0] == "place:YE"  # today's country keeps its name
    found = _names("In 1991 viel de USSR uiteen, later ook Joegoslavië en Tsjecho-Slowakije.")
    assert [(n, t) for _, t, n in found] == [("USSR", "LOC"), ("Joegoslavië", "LOC"), ("Tsjecho-Slowakije", "LOC")]


def test_acronym_and_full_name_were_two_entities_archive_wide():
    # "EBU" in an article that never spells it out joins the full name the other articles give it
    spelled = [f"De European Broadcasting Union (EBU) kiest een stad.\n\nDe EBU beslist in mei ({i})." for i in range(2)]
    bare = [f"De EBU maakte de regels bekend.\n\nDe omroepen waren tevreden ({i})." for i in range(2)]
    conn = _archive(spelled + bare).store.conn
    rows = list_entities(conn, q="Broadcasting")[1] + list_entities(conn, q="EBU")[1]
    assert [(r["name"], r["articles"]) for r in rows] == [("European Broadcasting Union", 4)]
    assert entity_detail(conn, "EBU")["name"] == "European Broadcasting Union"


def test_regression_a_family_name_written_first_does_not_join_the_person_whose_name_it_ends():
    # the seeds: "Kim" (Kim Jong-un, Kim Jong-il: family name first) joined archive-wide the one "Sung Kim" whose
    # name it ends, so the US ambassador was listed in an article that never names him (sentences written here)
    texts = [f"Leider Kim Jong-un ontmoette president Moon.\n\nKim sprak van een historische dag ({i})." for i in range(3)]
    texts += ["Zijn vader Kim Jong-il regeerde tot 2011.\n\nKim werd opgevolgd door zijn zoon.",
              "Ambassadeur Sung Kim leidde de delegatie.\n\nDe gesprekken gaan door.",
              "Kim ontmoette Trump in Singapore.\n\nHet was de eerste top van beide leiders."]
    conn = _archive(texts).store.conn
    assert entity_detail(conn, "Sung Kim")["n_articles"] == 1
    assert "Kim" not in entity_detail(conn, "Sung Kim").get("also_named", [])


def test_regression_one_name_in_two_spellings_is_one_entity_archive_wide():
    # read in the seeds + DFN archive: "Recep Tayyip Erdogan" (37 articles) and "Recep Tayyip Erdoğan" (20) were two
    # persons in the entity list (names invented for this test)
    plain = [f"President Jan Peter Ozdemir sprak in Ankara.\n\nDe lira daalde verder ({i})." for i in range(3)]
    accented = [f"President Jan Peter Özdemir bezocht Izmir.\n\nDe inflatie steeg ({i})." for i in range(2)]
    conn = _archive(plain + accented).store.conn
    rows = list_entities(conn, q="Ozdemir")[1]
    assert [(r["name"], r["articles"]) for r in rows] == [("Jan Peter Ozdemir", 5)]
    assert entity_detail(conn, "Jan Peter Özdemir")["name"] == "Jan Peter Ozdemir"
