"""Queries over stories, events, assignments, embeddings and corrections (tables of migration 3)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import numpy as np

from .sqlite import Store, _after


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def article_rows(store: Store, ids: list[str] | None = None) -> list[sqlite3.Row]:
    """Articles (all, or these ids) with what clustering needs, in publication order, undated last."""
    cols = "id, title, text, lang, published_start, boilerplate, copy_of, seq"
    order = "ORDER BY published_start IS NULL, published_start, seq"
    if ids is None:
        return store.conn.execute(f"SELECT {cols} FROM articles {order}").fetchall()
    rows: list[sqlite3.Row] = []
    for chunk in _chunks(list(dict.fromkeys(ids))):
        rows += store.conn.execute(f"SELECT {cols} FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                                   chunk).fetchall()
    rows.sort(key=lambda r: (r["published_start"] is None, r["published_start"] or "", r["seq"]))
    return rows


def embeddings(store: Store, ids: list[str]) -> dict[str, np.ndarray]:
    """Stored embeddings of these articles."""
    found: dict[str, np.ndarray] = {}
    for chunk in _chunks(ids):
        for r in store.conn.execute(f"SELECT article_id, embedding FROM article_embeddings WHERE article_id IN "
                                    f"({','.join('?' * len(chunk))})", chunk):
            found[r[0]] = np.frombuffer(r[1], dtype=np.float32)
    return found


def save_embeddings(conn: sqlite3.Connection, vectors: dict[str, np.ndarray]) -> None:
    """Store embeddings (inside the caller's transaction)."""
    conn.executemany("INSERT OR REPLACE INTO article_embeddings VALUES (?, ?)",
                     [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in vectors.items()])


def assignments(store: Store) -> list[sqlite3.Row]:
    """Every assignment, in the articles' publication order (undated last)."""
    return store.conn.execute(
        "SELECT s.article_id, s.event_id, s.story_id, s.pinned FROM story_assignments s JOIN articles a ON a.id = s.article_id "
        "ORDER BY a.published_start IS NULL, a.published_start, a.seq").fetchall()


def unassigned_ids(store: Store) -> list[str]:
    """Articles not yet in any story."""
    return [r[0] for r in store.conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_assignments) "
        "ORDER BY published_start IS NULL, published_start, seq")]


def write_assignments(conn: sqlite3.Connection, rows: list[tuple[str, str, str, float | None, int]]) -> None:
    """Insert or replace (article, event, story, score, pinned) rows, creating their stories and events."""
    stamp = _now()
    conn.executemany("INSERT INTO stories (id, updated_at) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET "
                     "updated_at = excluded.updated_at", sorted({(r[2], stamp) for r in rows}))
    conn.executemany("INSERT INTO events (id, story_id) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET "
                     "story_id = excluded.story_id", sorted({(r[1], r[2]) for r in rows}))
    conn.executemany("INSERT OR REPLACE INTO story_assignments VALUES (?, ?, ?, ?, ?, ?)",
                     [(*r, stamp) for r in rows])


def tidy(conn: sqlite3.Connection, story_ids: Iterable[str] | None = None) -> None:
    """Drop empty events and stories, and set story and event titles (the title of their earliest article)."""
    conn.execute("DELETE FROM events WHERE id NOT IN (SELECT DISTINCT event_id FROM story_assignments)")
    conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story_id FROM story_assignments)")
    if story_ids is None:
        where, args = "", []
    else:
        ids = sorted(set(story_ids))
        if not ids:
            return
        where, args = f"IN ({','.join('?' * len(ids))})", ids
    first = ("coalesce((SELECT a.title FROM story_assignments s JOIN articles a ON a.id = s.article_id "
             "WHERE s.{col} = {table}.id ORDER BY a.published_start IS NULL, a.published_start, a.seq LIMIT 1), '')")
    conn.execute(f"UPDATE stories SET title = {first.format(col='story_id', table='stories')}"
                 + (f" WHERE id {where}" if where else ""), args)
    conn.execute(f"UPDATE events SET title = {first.format(col='event_id', table='events')}"
                 + (f" WHERE story_id {where}" if where else ""), args)


def clear(conn: sqlite3.Connection) -> None:
    """Forget every assignment, event and story (corrections and embeddings are kept)."""
    conn.execute("DELETE FROM story_assignments")
    conn.execute("DELETE FROM events")
    conn.execute("DELETE FROM stories")


def add_correction(conn: sqlite3.Connection, kind: str, article_ids: list[str], story_id: str | None = None,
                   other_story_id: str | None = None) -> None:
    """Record a user correction."""
    conn.execute("INSERT INTO story_corrections (kind, article_ids, story_id, other_story_id, created_at) "
                 "VALUES (?, ?, ?, ?, ?)", (kind, json.dumps(article_ids), story_id, other_story_id, _now()))


def corrections(store: Store) -> list[dict[str, Any]]:
    """Every correction, oldest first."""
    return [{**dict(r), "article_ids": json.loads(r["article_ids"])}
            for r in store.conn.execute("SELECT * FROM story_corrections ORDER BY seq")]


def story_of(store: Store, article_id: str) -> tuple[str, str] | None:
    """(event id, story id) of an article, or None."""
    row = store.conn.execute("SELECT event_id, story_id FROM story_assignments WHERE article_id = ?",
                             (article_id,)).fetchone()
    return (row[0], row[1]) if row else None


def members(store: Store, story_id: str) -> list[str]:
    """Article ids of a story, in publication order."""
    return [r[0] for r in store.conn.execute(
        "SELECT s.article_id FROM story_assignments s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? "
        "ORDER BY a.published_start IS NULL, a.published_start, a.seq", (story_id,))]


def resolve_story(store: Store, story_id: str) -> str | None:
    """A story id from an id or a unique prefix of it."""
    if store.conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone():
        return story_id
    rows = store.conn.execute("SELECT id FROM stories WHERE id LIKE ? LIMIT 2", (story_id + "%",)).fetchall()
    return rows[0][0] if len(rows) == 1 and len(story_id) >= 4 else None


def list_stories(store: Store, *, since: str | None = None, until: str | None = None, lang: str | None = None,
                 entity: str | None = None, story_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Stories with their articles, events, date range and languages, most recently active first."""
    rows = store.conn.execute(
        "SELECT s.story_id, s.event_id, a.id, a.lang, a.published, a.published_start FROM story_assignments s "
        "JOIN articles a ON a.id = s.article_id ORDER BY a.published_start IS NULL, a.published_start, a.seq").fetchall()
    titles = {r[0]: r[1] for r in store.conn.execute("SELECT id, title FROM stories")}
    stories: dict[str, dict[str, Any]] = {}
    for story_id, event_id, article_id, alang, published, start in rows:
        s = stories.setdefault(story_id, {"id": story_id, "title": titles.get(story_id, ""), "article_ids": [],
                                          "event_ids": [], "start": None, "end": None, "languages": [],
                                          "entities": [], "_starts": []})
        s["article_ids"].append(article_id)
        if event_id not in s["event_ids"]:
            s["event_ids"].append(event_id)
        if alang and alang not in s["languages"]:
            s["languages"].append(alang)
        if published:
            s["start"] = s["start"] or published
            s["end"] = published
            s["_starts"].append(start)
    entities = _entities(store)
    out = []
    for s in stories.values():
        starts = s.pop("_starts")
        s["entities"] = entities.get(s["id"], [])
        if story_ids is not None and s["id"] not in story_ids:
            continue
        if lang and lang not in s["languages"]:
            continue
        if since and not any(x >= since for x in starts):
            continue
        if until and not any(x < _after(until) for x in starts):
            continue
        if entity and not (any(e["name"].casefold() == entity.casefold() for e in s["entities"])
                           or _mentions(store, s["article_ids"], entity)):
            continue
        s["n_articles"] = len(s["article_ids"])
        s["languages"].sort()
        out.append(s)
    out.sort(key=lambda s: s["id"])
    out.sort(key=lambda s: s["end"] or "", reverse=True)
    out.sort(key=lambda s: s["end"] is None)
    return out


def _entities(store: Store, top: int = 10) -> dict[str, list[dict[str, Any]]]:
    """The most mentioned entities of every story (from the text stage's `article_entities`, when present)."""
    if not store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'article_entities'").fetchone():
        return {}
    found: dict[str, list[dict[str, Any]]] = {}
    for story_id, name, kind, n in store.conn.execute(
            "SELECT s.story_id, e.normalized, e.type, count(*) AS n FROM story_assignments s "
            "JOIN article_entities e ON e.article_id = s.article_id GROUP BY s.story_id, e.normalized, e.type "
            "ORDER BY s.story_id, n DESC, e.normalized"):
        items = found.setdefault(story_id, [])
        if len(items) < top:
            items.append({"name": name, "type": kind, "mentions": n})
    return found


def _mentions(store: Store, article_ids: list[str], entity: str) -> bool:
    """True when any of the articles mentions `entity` (full-text match until the entity stage lands)."""
    terms = " ".join(f'"{t}"' for t in entity.replace('"', " ").split())
    if not terms:
        return True
    for chunk in _chunks(article_ids):
        row = store.conn.execute(
            f"SELECT 1 FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH ? "
            f"AND a.id IN ({','.join('?' * len(chunk))}) LIMIT 1", [terms, *chunk]).fetchone()
        if row:
            return True
    return False
