"""Regression: a name typed two ways in a story's articles was listed twice among its key entities."""

from __future__ import annotations

import storyline
from storyline.store.stories import story_entities


def test_story_key_entities_list_each_name_once(tmp_path):
    with storyline.open(tmp_path / "s.db") as archive:
        archive.ingest_texts([
            "Meditrack lekt gegevens van 1,2 miljoen gebruikers. Het bedrijf Meditrack zegt dat het lek dicht is.",
            "Gebruikers van Meditrack worden gewaarschuwd. Meditrack opende woensdag een speciale hulplijn.",
        ], cluster=True)
        stories = archive.stories()
        ids = [s["id"] for s in stories]
        assert ids
        store = archive.store
        rows = store.conn.execute("SELECT article_id, start, type FROM article_entities "
                                  "WHERE normalized = 'Meditrack' ORDER BY article_id, start").fetchall()
        assert len(rows) >= 2, "the text stage found Meditrack more than once"
        # the same name with two types, as two articles may type it differently
        other = "PER" if rows[0][2] != "PER" else "ORG"
        store.conn.execute("UPDATE article_entities SET type = ? WHERE article_id = ? AND start = ?",
                           (other, rows[0][0], rows[0][1]))
        store.conn.commit()
        assert store.conn.execute("SELECT count(DISTINCT type) FROM article_entities "
                                  "WHERE normalized = 'Meditrack'").fetchone()[0] >= 2
        for items in story_entities(store, ids).values():
            names = [e["name"] for e in items]
            assert len(names) == len(set(names)), names
        found = [e for items in story_entities(store, ids).values() for e in items if e["name"] == "Meditrack"]
        assert sum(e["mentions"] for e in found) == len(rows)


def test_regression_one_person_in_two_spellings_is_one_key_entity():
    # read in the seeds + DFN archive: the Turkish lira story listed "Recep Tayyip Erdogan", "Recep Tayyip Erdoğan" and
    # "Tayyip Erdogan" as three key entities (names invented for this test)
    from storyline.store.stories import _key_entities

    items = _key_entities({"Jan Peter Özdemir": {"PER": [3, 3]}, "Jan Peter Ozdemir": {"PER": [5, 5]},
                           "Peter Ozdemir": {"PER": [2, 2]}, "Utrecht": {"LOC": [4, 4]}}, 10)
    assert items == [{"name": "Jan Peter Ozdemir", "type": "PER", "mentions": 10},
                     {"name": "Utrecht", "type": "LOC", "mentions": 4}]
