"""The SQLite store: migrations, WAL and concurrent readers, full-text search, errors, filters."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

import storyline
from storyline.errors import DatabaseError
from storyline.store.migrations import MIGRATIONS
from storyline.store.sqlite import Store

RECORDS = [
    {"id": "z1", "source": "feed", "lang": "nl", "published": "2018-05-31",
     "title": "Zeppelin landt op Schiphol",
     "text": "Een luchtschip is dinsdag op de luchthaven geland na een lange reis over zee. De bemanning was opgelucht."},
    {"id": "z2", "source": "feed", "lang": "nl", "published": "2018-06-01",
     "title": "Drukte op de luchthaven",
     "text": "Reizigers zagen dinsdag een zeppelin boven de terminal hangen, wat voor veel vertraging zorgde bij het inchecken."},
    {"id": "s1", "source": "wire", "lang": "en", "published": "2018-05",
     "title": "Storm hits the coast",
     "text": "The storm hit the coast on Tuesday and many trees fell across roads in the region near the sea."},
    {"id": "k1", "source": "wire", "lang": "nl", "published": None,
     "title": "Nieuw kabinet beëdigd",
     "text": "Het nieuwe kabinet is door de koning op het paleis beëdigd, na maanden van lange onderhandelingen."},
    {"id": "y1", "source": "wire", "lang": "de", "published": "2017",
     "title": "Neue Regierung im Amt",
     "text": "Die neue Regierung wurde am Mittwoch im Schloss vereidigt, nach monatelangen Verhandlungen der Parteien."},
    {"id": "j1", "source": "feed", "lang": "nl", "published": "2018-06-12T01:30:00+02:00",
     "title": "Top in Singapore begonnen",
     "text": "De ontmoeting tussen de twee leiders in Singapore is dinsdagochtend begonnen met een handdruk voor de camera's."},
]


def _titles(rows: list[dict]) -> list[str]:
    return [r["title"] for r in rows]


@pytest.fixture
def filled(db_path: Path) -> Path:
    with storyline.open(db_path) as arc:
        report = arc.ingest_records(RECORDS)
    assert report.accepted == len(RECORDS)
    return db_path


# -- migrations and journal ------------------------------------------------------------------------


def test_migrations_recorded_and_not_reapplied(db_path: Path) -> None:
    with Store(db_path) as store:
        rows = [tuple(r) for r in store.conn.execute("SELECT version, name, applied_at FROM migrations ORDER BY version")]
        assert [r[0] for r in rows] == [v for v, _, _ in MIGRATIONS]
        assert [r[1] for r in rows] == [n for _, n, _ in MIGRATIONS]
        assert store.schema_version() == len(MIGRATIONS)
        store.conn.execute("INSERT INTO articles (id, title, text, n_chars, ingested_at) VALUES ('x', 't', 'tekst', 5, 'now')")
    with Store(db_path) as again:
        assert [tuple(r) for r in again.conn.execute(
            "SELECT version, name, applied_at FROM migrations ORDER BY version")] == rows
        again.migrate()  # explicitly: a no-op on an up-to-date database
        assert again.conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)
        assert again.count() == 1  # data survives reopening
    with Store(db_path, readonly=True) as ro:
        assert ro.schema_version() == len(MIGRATIONS)


def test_file_database_uses_wal(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    conn = sqlite3.connect(db_path)  # WAL is a property of the file, seen by any later connection
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    finally:
        conn.close()


def test_reader_reads_while_writer_holds_a_write_transaction(filled: Path) -> None:
    writer = Store(filled, timeout=1.0)
    reader = Store(filled, timeout=1.0)
    try:
        before = reader.count()
        with writer.atomic() as conn:
            conn.execute("INSERT INTO articles (id, title, text, lang, n_chars, ingested_at) "
                         "VALUES ('w1', 'Zeppelin nummer twee', 'Nog een zeppelin boven de stad.', 'nl', 31, 'now')")
            conn.execute("UPDATE articles SET title = 'Gewijzigde kop' WHERE id = (SELECT id FROM articles "
                         "WHERE title = 'Storm hits the coast')")
            # Readers see the last committed state, without waiting for the writer.
            assert reader.count() == before
            assert "Storm hits the coast" in _titles(reader.articles())
            assert len(reader.search("zeppelin")) == 2
            with Store(filled, readonly=True, timeout=1.0) as late_reader:  # opened during the write
                assert late_reader.count() == before
                assert late_reader.stats()["articles"] == before
        assert reader.count() == before + 1
        assert "Gewijzigde kop" in _titles(reader.articles())
        assert len(reader.search("zeppelin")) == 3
    finally:
        writer.close()
        reader.close()


# -- full-text search ------------------------------------------------------------------------------


def test_search_finds_words_in_title_and_text(filled: Path) -> None:
    with Store(filled, readonly=True) as store:
        assert _titles(store.search("Schiphol")) == ["Zeppelin landt op Schiphol"]  # title only
        assert _titles(store.search("terminal")) == ["Drukte op de luchthaven"]  # text only
        assert _titles(store.search("beedigd")) == ["Nieuw kabinet beëdigd"]  # diacritics folded
        assert _titles(store.search("vereidigt", lang="de")) == ["Neue Regierung im Amt"]
        assert store.search("vereidigt", lang="nl") == []
        assert store.search("onbekendwoord") == []
        assert store.search("   ") == []


def test_search_ranks_title_hit_above_text_hit(filled: Path) -> None:
    with Store(filled, readonly=True) as store:
        hits = store.search("zeppelin")
    assert _titles(hits) == ["Zeppelin landt op Schiphol", "Drukte op de luchthaven"]
    assert hits[0]["score"] > hits[1]["score"]


def test_search_snippet_marks_the_match(filled: Path) -> None:
    with Store(filled, readonly=True) as store:
        [hit] = store.search("terminal")
        assert "«terminal»" in hit["snippet"]
        [hit] = store.search("terminal", mark=("[", "]"))
        assert "[terminal]" in hit["snippet"]
        hit = store.search("zeppelin")[1]
        assert "«zeppelin»" in hit["snippet"]


@pytest.mark.parametrize("query", ['zeppelin"', '"zeppelin', 'zeppel*', "zeppelin*", "-zeppelin", "zeppelin -",
                                   '"zeppelin"', "(zeppelin", "zeppelin)", "zeppelin:"])
def test_search_survives_syntax_characters_around_a_word(filled: Path, query: str) -> None:
    with Store(filled, readonly=True) as store:
        assert set(_titles(store.search(query))) == {"Zeppelin landt op Schiphol", "Drukte op de luchthaven"}


@pytest.mark.parametrize("query", ['"', "*", "AND(", "-", '"*', "AND", "OR", "NOT", "NEAR(", "()", ":", "'"])
def test_search_survives_bare_syntax(filled: Path, query: str) -> None:
    with Store(filled, readonly=True) as store:
        hits = store.search(query)
    assert isinstance(hits, list)
    for hit in hits:  # whatever is found must really contain the query's word
        assert query.strip("(\"*:'^").lower() in (hit["title"] + " " + hit["snippet"]).lower()


# -- errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"This is not a database, just some text.\n" * 50,
                                     os.urandom(4096), b"SQLite format 3\x00" + b"\xff" * 200])
@pytest.mark.parametrize("readonly", [False, True])
def test_not_a_database_raises_database_error(tmp_path: Path, content: bytes, readonly: bool) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(DatabaseError) as caught:
        Store(path, readonly=readonly)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content  # the file is left alone


def test_missing_database_readonly_raises(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "missing.db"
    with pytest.raises(DatabaseError) as caught:
        Store(path, readonly=True)
    assert str(path) in str(caught.value)
    assert not path.exists()
    with pytest.raises(DatabaseError):
        storyline.open(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


# -- filters ---------------------------------------------------------------------------------------


def test_articles_in_publication_order_undated_last(filled: Path) -> None:
    with Store(filled, readonly=True) as store:
        assert _titles(store.articles()) == [
            "Neue Regierung im Amt", "Storm hits the coast", "Zeppelin landt op Schiphol",
            "Drukte op de luchthaven", "Top in Singapore begonnen", "Nieuw kabinet beëdigd"]
        assert _titles(store.articles(limit=2, offset=1)) == ["Storm hits the coast", "Zeppelin landt op Schiphol"]


@pytest.mark.parametrize(("filters", "expected"), [
    ({"lang": "nl"}, {"Zeppelin landt op Schiphol", "Drukte op de luchthaven", "Nieuw kabinet beëdigd",
                      "Top in Singapore begonnen"}),
    ({"lang": "en"}, {"Storm hits the coast"}),
    ({"lang": "fr"}, set()),
    # month precision, inclusive: all of May, nothing of June
    ({"until": "2018-05"}, {"Neue Regierung im Amt", "Storm hits the coast", "Zeppelin landt op Schiphol"}),
    ({"since": "2018-06"}, {"Drukte op de luchthaven", "Top in Singapore begonnen"}),
    ({"since": "2018-05", "until": "2018-05"}, {"Storm hits the coast", "Zeppelin landt op Schiphol"}),
    # day precision, inclusive on both ends
    ({"since": "2018-05-31", "until": "2018-05-31"}, {"Zeppelin landt op Schiphol"}),
    ({"until": "2018-06-01"}, {"Neue Regierung im Amt", "Storm hits the coast", "Zeppelin landt op Schiphol",
                               "Drukte op de luchthaven"}),
    ({"since": "2018-06-02"}, {"Top in Singapore begonnen"}),
    # year precision
    ({"until": "2017"}, {"Neue Regierung im Amt"}),
    ({"since": "2018", "until": "2018"}, {"Storm hits the coast", "Zeppelin landt op Schiphol",
                                         "Drukte op de luchthaven", "Top in Singapore begonnen"}),
    ({"since": "2019"}, set()),
    ({"lang": "nl", "until": "2018-05"}, {"Zeppelin landt op Schiphol"}),
])
def test_articles_filters(filled: Path, filters: dict, expected: set[str]) -> None:
    with Store(filled, readonly=True) as store:
        assert set(_titles(store.articles(**filters))) == expected
