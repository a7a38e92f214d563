"""Story detection on a database: ingest hook, stories listing, corrections, rebuilds, the command line."""

from __future__ import annotations

import json

import pytest

import storyline
from storyline.cli import main
from storyline.store import stories as q
from storyline.store.migrations import MIGRATIONS

RECORDS = [
    {"id": "a", "published": "2014-07-17", "lang": "nl", "title": "MH17 neergeschoten boven Oekraïne",
     "text": "Vlucht MH17 van Malaysia Airlines is boven Oost-Oekraïne neergestort. Aan boord waren 298 mensen, onder "
             "wie 193 Nederlanders. Premier Rutte spreekt van een zwarte dag voor Nederland."},
    {"id": "b", "published": "2014-07-23", "lang": "nl", "title": "Eerste slachtoffers MH17 aangekomen in Eindhoven",
     "text": "Op vliegbasis Eindhoven zijn de eerste stoffelijke overschotten van slachtoffers van vlucht MH17 van "
             "Malaysia Airlines aangekomen. Koning Willem-Alexander en premier Rutte waren aanwezig."},
    {"id": "c", "published": "2014-07-20", "lang": "nl", "title": "Ajax wint van PSV in Eindhoven",
     "text": "Ajax heeft zondag in het Philips Stadion met 0-2 gewonnen van PSV. Trainer Ten Hag was tevreden over de "
             "Eredivisie-wedstrijd van zijn ploeg tegen de landskampioen."},
    {"id": "d", "published": "2014-07-27", "lang": "nl", "title": "Ajax speelt gelijk tegen Feyenoord",
     "text": "Ajax heeft zondag in de Johan Cruijff Arena gelijkgespeeld tegen Feyenoord. Trainer Ten Hag was niet "
             "tevreden over de Eredivisie-wedstrijd van zijn ploeg."},
]


def _ids(archive):
    return {r["external_id"]: r["article_id"] for r in map(dict, archive.store.conn.execute(
        "SELECT external_id, article_id FROM sources"))}


@pytest.fixture
def clustered(archive):
    archive.ingest_records(RECORDS, cluster=True)
    return archive, _ids(archive)


def _story(archive, article_id):
    return q.story_of(archive.store, article_id)[1]


def test_migration_adds_story_tables(archive):
    names = {r[0] for r in archive.store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"stories", "events", "story_assignments", "story_corrections", "article_embeddings"} <= names
    assert MIGRATIONS[-1][0] == archive.store.schema_version()


def test_ingest_with_cluster_assigns_new_articles_and_raw_ingest_does_not(archive):
    archive.ingest_records(RECORDS[:2])
    assert archive.stories() == []
    archive.ingest_records(RECORDS[2:], cluster=True)
    assert sum(len(s["article_ids"]) for s in archive.stories()) == 2  # only the new ones
    archive.cluster()
    assert sum(len(s["article_ids"]) for s in archive.stories()) == 4


def test_stories_listing_has_the_documented_fields(clustered):
    archive, ids = clustered
    stories = archive.stories()
    assert len(stories) == 2
    for s in stories:
        assert {"id", "title", "article_ids", "event_ids", "start", "end", "languages", "entities"} <= set(s)
    mh17 = next(s for s in stories if ids["a"] in s["article_ids"])
    assert set(mh17["article_ids"]) == {ids["a"], ids["b"]}
    assert mh17["start"] == "2014-07-17" and mh17["end"] == "2014-07-23" and mh17["languages"] == ["nl"]
    assert mh17["title"] == "MH17 neergeschoten boven Oekraïne"
    assert [s["id"] for s in archive.stories(entity="Feyenoord")] == [_story(archive, ids["d"])]
    assert archive.stories(since="2014-07-24", until="2014-07-31") == [s for s in stories if ids["d"] in s["article_ids"]]
    assert archive.stories(lang="en") == []


def test_merge_is_respected_by_later_articles_and_rebuilds(clustered):
    archive, ids = clustered
    keep = archive.merge_stories(_story(archive, ids["a"]), _story(archive, ids["c"]))
    assert len(archive.stories()) == 1
    archive.ingest_records([{"id": "e", "published": "2014-08-01", "lang": "nl", "title": "Ajax verliest van AZ",
                             "text": "Ajax heeft zaterdag in Alkmaar met 2-0 verloren van AZ. Trainer Ten Hag was "
                                     "ontevreden over de Eredivisie-wedstrijd van zijn ploeg."}], cluster=True)
    assert _story(archive, _ids(archive)["e"]) == keep
    archive.cluster(rebuild=True)
    assert len({_story(archive, i) for i in _ids(archive).values()}) == 1


def test_split_and_move_are_respected_by_rebuilds(clustered):
    archive, ids = clustered
    mh17 = _story(archive, ids["a"])
    new = archive.split_story(mh17, [ids["b"]])
    assert _story(archive, ids["b"]) == new != _story(archive, ids["a"])
    archive.move_article(ids["d"], _story(archive, ids["a"]))
    assert _story(archive, ids["d"]) == _story(archive, ids["a"])
    before = {k: _story(archive, v) for k, v in ids.items()}
    report = archive.cluster(rebuild=True)
    assert report.corrections == 2
    after = {k: _story(archive, v) for k, v in ids.items()}
    assert after["b"] != after["a"] == after["d"] != after["c"]
    assert (before["a"] == before["d"]) and len(set(after.values())) == len(set(before.values()))
    pinned = {r["article_id"] for r in archive.store.conn.execute("SELECT article_id FROM story_assignments WHERE pinned")}
    assert {ids["b"], ids["d"]} <= pinned


def test_corrections_refuse_bad_ids(clustered):
    archive, ids = clustered
    with pytest.raises(storyline.errors.StorylineError):
        archive.merge_stories("nope", _story(archive, ids["a"]))
    with pytest.raises(storyline.errors.StorylineError):
        archive.split_story(_story(archive, ids["a"]), [ids["c"]])
    with pytest.raises(storyline.errors.StorylineError):
        archive.split_story(_story(archive, ids["c"]), [ids["c"], ids["d"]])


def test_command_line(runner, db_path):
    src = db_path.parent / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in RECORDS), encoding="utf-8")
    db = ["--db", str(db_path)]
    assert runner.invoke(main, [*db, "ingest", str(src), "--raw"]).exit_code == 0
    result = runner.invoke(main, [*db, "cluster", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["assigned"] == 4 and report["stories"] == 2
    assert report["timelines"]["built"] == 2 and report["timelines"]["failed"] == []  # both new stories got one
    again = json.loads(runner.invoke(main, [*db, "cluster", "--json"]).stdout)
    assert again["assigned"] == 0 and again["timelines"]["built"] == 0 and again["timelines"]["unchanged"] == 2
    listed = json.loads(runner.invoke(main, [*db, "stories", "--json"]).stdout)
    assert len(listed) == 2 and all(len(s["article_ids"]) == 2 for s in listed)
    a, b = listed[0]["id"], listed[1]["id"]
    shown = runner.invoke(main, [*db, "story", "show", a, "--json"])
    assert json.loads(shown.stdout)["article_ids"] == listed[0]["article_ids"]
    human = runner.invoke(main, [*db, "story", "show", a])
    assert listed[0]["title"][:20] in human.output
    assert runner.invoke(main, [*db, "story", "merge", a, b]).exit_code == 0
    assert len(json.loads(runner.invoke(main, [*db, "stories", "--json"]).stdout)) == 1
    article = listed[1]["article_ids"][0]
    split = runner.invoke(main, [*db, "story", "split", a, article])
    assert split.exit_code == 0 and split.output.startswith("new story ")
    moved = runner.invoke(main, [*db, "story", "move", listed[1]["article_ids"][1], split.output.split()[-1]])
    assert moved.exit_code == 0, moved.output
    assert len(json.loads(runner.invoke(main, [*db, "stories", "--json"]).stdout)) == 2
    rebuilt = runner.invoke(main, [*db, "cluster", "--rebuild"])
    assert rebuilt.exit_code == 0 and "3 corrections replayed" in rebuilt.output
    assert "2 stories" in runner.invoke(main, [*db, "stories"]).output
    missing = runner.invoke(main, [*db, "story", "show", "zzzz"])
    assert missing.exit_code == 2 and "no story" in missing.output


def test_stories_list_their_most_mentioned_entities(clustered):
    archive, ids = clustered
    conn = archive.store.conn
    conn.execute("DELETE FROM article_entities")  # replace what the text stage found with known entities
    conn.executemany("INSERT INTO article_entities VALUES (?, ?, ?, ?, ?, ?)",
                     [(ids["a"], 0, 4, "MH17", "MISC", "MH17"), (ids["b"], 10, 14, "MH17", "MISC", "MH17"),
                      (ids["b"], 30, 35, "Rutte", "PER", "Mark Rutte")])
    mh17 = next(s for s in archive.stories() if ids["a"] in s["article_ids"])
    assert mh17["entities"] == [{"name": "MH17", "type": "MISC", "mentions": 2},
                                {"name": "Mark Rutte", "type": "PER", "mentions": 1}]
    assert [s["id"] for s in archive.stories(entity="mark rutte")] == [mh17["id"]]
