"""Story read queries: the story list (whole, restricted, filtered), top entities and their cache, id prefixes."""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline
from storyline.store import stories as q

# (external id, language, publication date, title, text); stories and events are assigned by hand below.
ARTICLES = [
    ("a1", "nl", "2018-05-31", "Zeppelin landt op Schiphol", "Een luchtschip is dinsdag geland op Schiphol na een reis."),
    ("a2", "en", "2018-06-02", "Airship lands near Amsterdam", "An airship landed on Tuesday at Schiphol after a long trip."),
    ("a3", "nl", None, "Zeppelin weer vertrokken", "Het luchtschip is weer vertrokken, zonder datum in de bron."),
    ("b1", "en", "2017-03-01", "Storm hits the coast", "The storm hit the coast and trees fell across the roads near Hull."),
    ("b2", "en", "2017-03-04", "Clean-up after the storm", "Volunteers cleared the roads of Hull after the storm of last week."),
    ("c1", "de", None, "Neue Regierung im Amt", "Die neue Regierung wurde im Schloss vereidigt, sagte Angela Merkel."),
]
# external id -> (event, story)
PLACES = {"a1": ("e1", "s-zep"), "a2": ("e1", "s-zep"), "a3": ("e2", "s-zep"),
          "b1": ("e3", "s-storm"), "b2": ("e4", "s-storm"), "c1": ("e5", "s-gov")}
# external id -> [(normalized name, type), ...] as the text stage would store them
MENTIONS = {"a1": [("Schiphol", "LOC"), ("Schiphol", "LOC")], "a2": [("Schiphol", "LOC"), ("Amsterdam", "LOC")],
            "a3": [], "b1": [("Hull", "LOC")], "b2": [("Hull", "LOC")], "c1": [("Angela Merkel", "PER")]}


def _add_mentions(conn, article_id: str, names: list[tuple[str, str]], stamp: str, offset: int = 0) -> None:
    conn.executemany("INSERT INTO article_entities VALUES (?, ?, ?, ?, ?, ?)",
                     [(article_id, offset + 10 * i, offset + 10 * i + 5, n, t, n) for i, (n, t) in enumerate(names)])
    conn.execute("INSERT OR REPLACE INTO article_analysis VALUES (?, 'builtin', ?)", (article_id, stamp))


@pytest.fixture
def arc(tmp_path: Path):
    """A file archive with three hand-made stories, entity mentions and analysis records."""
    archive = storyline.open(tmp_path / "stories.db")
    archive.ingest_records([{"id": x, "lang": lang, "published": day, "title": title, "text": text}
                            for x, lang, day, title, text in ARTICLES])
    ids = dict(archive.store.conn.execute("SELECT external_id, article_id FROM sources"))
    with archive.store.atomic() as conn:
        q.write_assignments(conn, [(ids[x], e, s, 1.0, 0) for x, (e, s) in PLACES.items()])
        q.tidy(conn)
        for x, names in MENTIONS.items():
            _add_mentions(conn, ids[x], names, "2024-01-01T00:00:00Z")
    archive.ids = ids
    yield archive
    archive.close()


def test_list_orders_stories_by_last_article_and_articles_by_date(arc):
    ids = arc.ids
    found = q.list_stories(arc.store)
    assert [s["id"] for s in found] == ["s-zep", "s-storm", "s-gov"]  # s-gov has no dated article: last
    zep = found[0]
    assert zep["article_ids"] == [ids["a1"], ids["a2"], ids["a3"]]  # undated last
    assert zep["event_ids"] == ["e1", "e2"]
    assert (zep["start"][:10], zep["end"][:10]) == ("2018-05-31", "2018-06-02")
    assert zep["languages"] == ["en", "nl"] and zep["n_articles"] == 3
    assert zep["title"] == "Zeppelin landt op Schiphol"
    assert found[2]["start"] is None and found[2]["end"] is None


def test_entities_are_the_most_mentioned_names_of_each_story(arc):
    found = {s["id"]: s for s in q.list_stories(arc.store)}
    assert found["s-zep"]["entities"] == [{"name": "Schiphol", "type": "LOC", "mentions": 3},
                                          {"name": "Amsterdam", "type": "LOC", "mentions": 1}]
    assert found["s-storm"]["entities"] == [{"name": "Hull", "type": "LOC", "mentions": 2}]


def test_restricted_list_equals_the_same_stories_of_the_full_list(arc):
    full = {s["id"]: s for s in q.list_stories(arc.store)}
    some = q.list_stories(arc.store, story_ids=["s-gov", "s-zep", "nonexistent"])
    assert [s["id"] for s in some] == ["s-zep", "s-gov"]
    assert some == [full["s-zep"], full["s-gov"]]


def test_list_without_entities_matches_and_story_entities_fill_them(arc):
    full = q.list_stories(arc.store)
    lean = q.list_stories(arc.store, entities=False)
    assert all(s["entities"] == [] for s in lean)
    assert [{**s, "entities": []} for s in full] == lean
    filled = q.story_entities(arc.store, [s["id"] for s in lean])
    assert {s["id"]: s["entities"] for s in full} == {k: filled.get(k, []) for k in (s["id"] for s in full)}


def test_filters_language_dates_and_entity(arc):
    def ids(**kw):
        return [s["id"] for s in q.list_stories(arc.store, **kw)]

    assert ids(lang="de") == ["s-gov"]
    assert ids(since="2018-06") == ["s-zep"]
    assert ids(until="2017-03-01") == ["s-storm"]  # an inclusive day
    assert ids(since="2017", until="2017-12") == ["s-storm"]
    assert ids(entity="hull") == ["s-storm"]  # a top entity, case-insensitive
    assert ids(entity="luchtschip") == ["s-zep"]  # only in the text: the full-text index
    assert ids(entity="Merkel", entities=False) == ["s-gov"]
    assert ids(entity="Atlantis") == []
    assert all(s["entities"] == [] for s in q.list_stories(arc.store, entity="Hull", entities=False))


def test_new_assignments_and_new_analysis_are_seen_after_caching(arc):
    ids = arc.ids
    assert q.story_entities(arc.store, ["s-storm"])["s-storm"][0]["mentions"] == 2  # now cached
    with arc.store.atomic() as conn:  # the text stage runs again on b1 and finds Hull three more times
        _add_mentions(conn, ids["b1"], [("Hull", "LOC")] * 3, "2024-02-01T00:00:00Z", offset=1000)
    assert q.story_entities(arc.store, ["s-storm"])["s-storm"][0]["mentions"] == 5
    with arc.store.atomic() as conn:  # an ingest assigns c1 to the storm story and a new article to a new story
        q.write_assignments(conn, [(ids["c1"], "e3", "s-storm", 1.0, 0), (ids["a3"], "e9", "s-new", 1.0, 0)])
        q.tidy(conn)
    found = {s["id"]: s for s in q.list_stories(arc.store)}
    assert "s-gov" not in found and "s-new" in found
    assert {"name": "Angela Merkel", "type": "PER", "mentions": 1} in found["s-storm"]["entities"]
    assert found["s-zep"]["entities"][0] == {"name": "Schiphol", "type": "LOC", "mentions": 3}


def test_cached_entities_cannot_be_changed_by_a_caller(arc):
    first = q.story_entities(arc.store, ["s-storm"])["s-storm"]
    first[0]["mentions"] = 99
    first.append({"name": "x", "type": "MISC", "mentions": 1})
    assert q.story_entities(arc.store, ["s-storm"])["s-storm"] == [{"name": "Hull", "type": "LOC", "mentions": 2}]


def test_in_memory_archives_do_not_share_cached_entities():
    """Every in-memory database has the same name: caching by name would mix them up."""
    found = []
    for name in ("Alpha", "Beta"):
        with storyline.open(":memory:") as archive:
            archive.ingest_records([{"id": "x", "title": "T", "text": "Some text about a place called " + name}])
            aid = archive.store.conn.execute("SELECT article_id FROM sources").fetchone()[0]
            with archive.store.atomic() as conn:
                q.write_assignments(conn, [(aid, "e", "s", 1.0, 0)])
                _add_mentions(conn, aid, [(name, "LOC")], "2024-01-01T00:00:00Z")
            found.append(q.list_stories(archive.store)[0]["entities"][0]["name"])
    assert found == ["Alpha", "Beta"]


def test_resolve_story_by_id_and_unique_prefix(arc):
    store = arc.store
    assert q.resolve_story(store, "s-storm") == "s-storm"
    assert q.resolve_story(store, "s-sto") == "s-storm"
    assert q.resolve_story(store, "S-STO") == "s-storm"  # ids are lower case
    assert q.resolve_story(store, "s-") is None  # too short
    assert q.resolve_story(store, "s-%o") is None  # no wildcards
    assert q.resolve_story(store, "s-zz") is None
    with store.atomic() as conn:
        q.write_assignments(conn, [(arc.ids["c1"], "e5", "s-storx", 1.0, 0)])
    assert q.resolve_story(store, "s-stor") is None  # ambiguous


def test_story_list_sorts_no_assignments_in_sql(arc):
    """The whole list must not sort every assignment: the publication index gives the order."""
    statements: list[str] = []
    arc.store.conn.set_trace_callback(statements.append)
    try:
        q.list_stories(arc.store, entities=False)
    finally:
        arc.store.conn.set_trace_callback(None)
    joins = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT") and "story_assignments" in sql]
    assert joins, statements
    for sql in joins:
        details = " ".join(r[3] for r in arc.store.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "TEMP B-TREE" not in details, (sql, details)
