"""The full-text index is filled once per write transaction (migration 4) and never drifts from the articles."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import storyline
from storyline.store.sqlite import Store


def _fts_ok(store: Store) -> bool:
    try:
        store.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True


def _insert(conn: sqlite3.Connection, article_id: str, title: str, text: str) -> None:
    conn.execute("INSERT INTO articles (id, title, text, lang, n_chars, ingested_at) VALUES (?, ?, ?, 'nl', ?, 'now')",
                 (article_id, title, text, len(text)))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    archive = storyline.open(tmp_path / "s.db")
    archive.ingest_texts(["Zeppelin boven Utrecht\n\nEen zeppelin vloog dinsdag boven de stad.",
                          "Storm op de kust\n\nDe storm trof de kust met windkracht tien."])
    return archive.store


def test_ingest_leaves_nothing_pending_and_the_index_whole(store: Store) -> None:
    assert store.conn.execute("SELECT count(*) FROM fts_pending").fetchone()[0] == 0
    assert _fts_ok(store)
    assert [r["title"] for r in store.search("zeppelin")] == ["Zeppelin boven Utrecht"]
    # the index knows exactly the stored rows
    indexed = store.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'de'").fetchone()[0]
    assert indexed == 2


def test_rolled_back_transaction_leaves_no_pending_rows(store: Store) -> None:
    with pytest.raises(RuntimeError), store.atomic() as conn:
        _insert(conn, "x1", "Ballon", "Een ballon boven de stad.")
        raise RuntimeError("crash mid-batch")
    assert store.conn.execute("SELECT count(*) FROM fts_pending").fetchone()[0] == 0
    assert store.search("ballon") == []
    assert _fts_ok(store)


def test_delete_and_update_of_a_row_not_yet_indexed_keep_the_index_whole(store: Store) -> None:
    with store.atomic() as conn:
        _insert(conn, "x1", "Ballon", "Een ballon boven de stad.")
        _insert(conn, "x2", "Vlieger", "Een vlieger boven het strand.")
        conn.execute("DELETE FROM articles WHERE id = 'x1'")  # still pending: nothing to take out of the index
        conn.execute("UPDATE articles SET text = 'Een draak boven het strand.' WHERE id = 'x2'")
    assert _fts_ok(store)
    assert store.search("ballon") == [] and store.search("vlieger") != [] and store.search("draak") != []
    assert store.search("strand")[0]["id"] == "x2"
    with store.atomic() as conn:  # and the same on indexed rows, through the triggers
        conn.execute("UPDATE articles SET title = 'Zweefvliegtuig' WHERE id = 'x2'")
        gone = conn.execute("SELECT id, seq FROM articles WHERE title = 'Storm op de kust'").fetchone()
        conn.execute("DELETE FROM sources WHERE article_id = ?", (gone[0],))
        conn.execute("DELETE FROM signatures WHERE seq = ?", (gone[1],))
        conn.execute("DELETE FROM articles WHERE id = ?", (gone[0],))
    assert _fts_ok(store)
    assert store.search("vlieger") == [] and store.search("zweefvliegtuig") != [] and store.search("storm") == []


def test_rows_inserted_by_another_connection_are_indexed_when_a_writer_opens(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    storyline.open(db).close()
    conn = sqlite3.connect(db)
    with conn:
        _insert(conn, "x1", "Ballon", "Een ballon boven de stad.")
    conn.close()
    with Store(db) as store:
        assert [r["id"] for r in store.search("ballon")] == ["x1"]
        assert _fts_ok(store)
