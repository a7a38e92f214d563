"""Writes that change stories by hand or by a clustering run: merge, split, move (tables of migration 3).

:mod:`storyline.cluster.assign` decides what to change and records the corrections; these functions write it,
inside the caller's transaction (``Store.atomic``).
"""

from __future__ import annotations

import sqlite3

from . import stories as q
from .sqlite import Store


def clustering_state(store: Store) -> tuple[int, int]:
    """How many assignments there are and the last correction's number: a clusterer reflecting them is current."""
    row = store.conn.execute("SELECT (SELECT count(*) FROM story_assignments), "
                             "(SELECT coalesce(max(seq), 0) FROM story_corrections)").fetchone()
    return row[0], row[1]


def matching_article_ids(store: Store, article_id: str) -> list[str]:
    """The article with exactly this id, else those whose id starts with it (6+ characters); at most two."""
    return [r[0] for r in store.conn.execute(
        "SELECT id FROM articles WHERE id = ? OR (length(?) >= 6 AND id LIKE ? || '%') LIMIT 2",
        (article_id, article_id, article_id)).fetchall()]


def _free_id(conn: sqlite3.Connection, table: str, wanted: str) -> str:
    candidate, n = wanted, 1
    while conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (candidate,)).fetchone():
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


def merge(conn: sqlite3.Connection, keep: str, gone: str) -> None:
    """Put every article and event of story `gone` into story `keep` (pinned: a rebuild does not undo it)."""
    conn.execute("UPDATE story_assignments SET story_id = ?, pinned = 1 WHERE story_id IN (?, ?)", (keep, keep, gone))
    conn.execute("UPDATE events SET story_id = ? WHERE story_id = ?", (keep, gone))


def merge_unpinned(conn: sqlite3.Connection, merged: dict[str, str]) -> None:
    """Apply the story merges a clustering run made (old story id -> the story it joined)."""
    conn.executemany("UPDATE story_assignments SET story_id = ? WHERE story_id = ?", [(v, k) for k, v in merged.items()])
    conn.executemany("UPDATE events SET story_id = ? WHERE story_id = ?", [(v, k) for k, v in merged.items()])


def split(store: Store, conn: sqlite3.Connection, article_ids: list[str]) -> str:
    """Move these articles into a new story (each old event becomes a new event of it); return its id."""
    ordered = q.article_rows(store, article_ids)
    story = _free_id(conn, "stories", "s" + ordered[0]["id"])
    conn.execute("INSERT INTO stories (id, updated_at) VALUES (?, ?)", (story, q._now()))
    new_events: dict[str, str] = {}
    for row in ordered:
        found = q.story_of(store, row["id"])
        assert found is not None  # the callers split only articles that are in a story
        old_event = found[0]
        if old_event not in new_events:
            new_events[old_event] = _free_id(conn, "events", "e" + row["id"])
            conn.execute("INSERT INTO events (id, story_id) VALUES (?, ?)", (new_events[old_event], story))
        conn.execute("UPDATE story_assignments SET story_id = ?, event_id = ?, pinned = 1 WHERE article_id = ?",
                     (story, new_events[old_event], row["id"]))
    return story


def move(conn: sqlite3.Connection, article_id: str, story: str) -> None:
    """Move one article into `story`, as a new event of its own."""
    event = _free_id(conn, "events", "e" + article_id)
    conn.execute("INSERT INTO events (id, story_id) VALUES (?, ?)", (event, story))
    conn.execute("UPDATE story_assignments SET story_id = ?, event_id = ?, pinned = 1 WHERE article_id = ?",
                 (story, event, article_id))
