"""Read-only lists for the API, the web app and the CLI: pages of articles with a total, titles, story dates.

Written against the documented tables with the store's own filters (:func:`storyline.store.sqlite.filter_clauses`)
and article rows (:func:`storyline.store.sqlite._article_dict`). Nothing here writes.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from .search_query import fts_query, time_budget
from .sqlite import Store, _article_dict, filter_clauses

# Every column of `articles` but the text: what a list of articles shows.
LIST_COLUMNS = ("id, title, lang, lang_confidence, published, published_precision, published_note, text_note, "
                "copy_of, copy_similarity, boilerplate, n_chars, ingested_at")


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def article_page(store: Store, *, lang: str | None = None, since: str | None = None, until: str | None = None,
                 q: str | None = None, limit: int = 20, offset: int = 0,
                 budget: float | None = None) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of articles without their text) in publication order, undated last, filtered like
    ``Store.articles`` and, with `q`, by a search query (the safe subset of
    :func:`storyline.store.search_query.fts_query`), which may run `budget` seconds
    (:class:`~storyline.errors.QueryError`, :class:`~storyline.errors.SearchTimeout`)."""
    clauses, args = filter_clauses(lang, since, until)
    q = (q or "").strip()
    if q:
        match = fts_query(q)
        if match is None:
            return 0, []
        clauses.append("seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        args.append(match)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    conn = store.conn
    with time_budget(conn, budget if q else None):
        total = conn.execute(f"SELECT count(*) FROM articles {where}", args).fetchone()[0]
        rows = conn.execute(f"SELECT {LIST_COLUMNS} FROM articles {where} "
                            f"ORDER BY published_start IS NULL, published_start, seq LIMIT ? OFFSET ?",
                            [*args, limit, offset]).fetchall()
    sources = store._sources([r["id"] for r in rows])
    return total, [_article_dict(r, sources[r["id"]]) for r in rows]


def latest(store: Store, n: int = 5) -> list[dict[str, Any]]:
    """The `n` most recently published articles (newest first), without their text."""
    rows = store.conn.execute(f"SELECT {LIST_COLUMNS} FROM articles WHERE published_start IS NOT NULL "
                              f"ORDER BY published_start DESC, seq DESC LIMIT ?", (n,)).fetchall()
    sources = store._sources([r["id"] for r in rows])
    return [_article_dict(r, sources[r["id"]]) for r in rows]


def titles(store: Store, ids: list[str]) -> dict[str, str]:
    """Titles of these article ids (those that exist)."""
    found: dict[str, str] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        found.update((r[0], r[1]) for r in store.conn.execute(f"SELECT id, title FROM articles WHERE id IN ({marks})",
                                                              chunk))
    return found


def story_id_of(store: Store, article_id: str) -> str | None:
    """Id of the story an article is assigned to, or None (also when the database has no story tables)."""
    try:
        row = store.conn.execute("SELECT story_id FROM story_assignments WHERE article_id = ?",
                                 (article_id,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def story_publication_dates(store: Store) -> dict[str, list[str]]:
    """The sorted publication starts of every story's dated articles."""
    found: dict[str, list[str]] = {}
    for story_id, start in store.conn.execute(
            "SELECT s.story_id, a.published_start FROM story_assignments s JOIN articles a ON a.id = s.article_id "
            "WHERE a.published_start IS NOT NULL ORDER BY a.published_start"):
        found.setdefault(story_id, []).append(start)
    return found


def stories_matching(store: Store, match: str | None, budget: float | None = None) -> set[str]:
    """Ids of the stories with an article matching an FTS5 expression made by
    :func:`storyline.store.search_query.fts_query` (or ``phrase_query``), within `budget` seconds."""
    if match is None:
        return set()
    sql = ("SELECT DISTINCT s.story_id FROM articles_fts f JOIN articles a ON a.seq = f.rowid "
           "JOIN story_assignments s ON s.article_id = a.id WHERE articles_fts MATCH ?")
    with time_budget(store.conn, budget):
        return {r[0] for r in store.conn.execute(sql, [match])}


def source_rows(store: Store, article_ids: list[str]) -> list[tuple[str, str | None, str | None, str]]:
    """(article id, outlet, url, location) of every source of these articles."""
    found: list[tuple[str, str | None, str | None, str]] = []
    for chunk in _chunks(article_ids):
        found += [(r[0], r[1], r[2], r[3]) for r in store.conn.execute(
            f"SELECT article_id, outlet, url, location FROM sources WHERE article_id IN ({','.join('?' * len(chunk))})",
            chunk)]
    return found


def story_member_rows(store: Store, story_id: str) -> list[sqlite3.Row]:
    """The articles of the story with exactly this id with their events, in publication order (undated last)."""
    return store.conn.execute(
        "SELECT a.id, a.title, a.lang, a.published, s.event_id, s.pinned, e.title AS event_title "
        "FROM story_assignments s JOIN articles a ON a.id = s.article_id JOIN events e ON e.id = s.event_id "
        "WHERE s.story_id = ? ORDER BY a.published_start IS NULL, a.published_start, a.seq", (story_id,)).fetchall()


def is_analysed(store: Store, article_id: str) -> bool:
    """Whether the text stage has stored this article's entities and time mentions."""
    return store.conn.execute("SELECT 1 FROM article_analysis WHERE article_id = ?", (article_id,)).fetchone() is not None


def article_positions(store: Store, article_ids: list[str]) -> dict[str, tuple[bool, str, int]]:
    """Publication order keys of these articles: (undated, publication start, arrival number)."""
    order: dict[str, tuple[bool, str, int]] = {}
    for chunk in _chunks(article_ids):
        for r in store.conn.execute(f"SELECT id, published_start, seq FROM articles WHERE id IN "
                                    f"({','.join('?' * len(chunk))})", chunk):
            order[r[0]] = (r[1] is None, r[1] or "", r[2])
    return order


def external_ids(store: Store) -> dict[str, str]:
    """External id (as given by the input) -> stored article id, for every source that has one."""
    return {r[0]: r[1] for r in store.conn.execute("SELECT external_id, article_id FROM sources "
                                                   "WHERE external_id IS NOT NULL")}
