"""Stored story timelines (table `story_timelines`, migration 5): what each was built from, read and write.

A row holds one story's timeline as JSON (`Timeline.to_dict`) with the signature of what it was built
from; `storyline.timeline.service` decides which rows are stale and rebuilds them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from ..models import Timeline
from .sqlite import Store

# (article id, seq, publication date, language, number of sources): what a story's timeline depends on.
Member = tuple[str, int, str | None, str | None, int]

_MEMBERS = ("SELECT s.story_id, a.id, a.seq, a.published, a.lang, "
            "(SELECT count(*) FROM sources x WHERE x.article_id = a.id) "
            "FROM story_assignments s JOIN articles a ON a.id = s.article_id")


@dataclass(slots=True)
class StoredTimeline:
    """One stored row: the timeline and what it was built from."""

    story_id: str
    max_dates: int
    signature: str
    built_at: str
    seconds: float
    timeline: Timeline
    abstract: str | None
    abstract_key: str | None


def now() -> str:
    """The current time as stored (UTC, ISO 8601 with microseconds, so that rebuilds are told apart)."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def has_table(store: Store) -> bool:
    """Whether the database has the table (a read-only database of an older schema has not)."""
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_timelines'").fetchone() is not None


def members(store: Store, story_ids: Iterable[str] | None = None) -> dict[str, list[Member]]:
    """Story id -> its member articles, sorted by article id (every story, or these)."""
    found: dict[str, list[Member]] = {}
    if story_ids is None:
        rows: Iterable[sqlite3.Row] = store.conn.execute(_MEMBERS)
    else:
        ids = sorted(set(story_ids))
        rows = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows += store.conn.execute(f"{_MEMBERS} WHERE s.story_id IN ({','.join('?' * len(chunk))})",
                                       chunk).fetchall()
    for story_id, article_id, seq, published, lang, n_sources in rows:
        found.setdefault(story_id, []).append((article_id, seq, published, lang, n_sources))
    for items in found.values():
        items.sort()
    return found


def signatures(store: Store, max_dates: int = 0) -> dict[str, str]:
    """Story id -> the signature of its stored timeline of this size."""
    return {r[0]: r[1] for r in store.conn.execute(
        "SELECT story_id, signature FROM story_timelines WHERE max_dates = ?", (max_dates,))}


def load(store: Store, story_id: str, max_dates: int = 0) -> StoredTimeline | None:
    """The stored timeline of a story at this size, or None."""
    row = store.conn.execute("SELECT * FROM story_timelines WHERE story_id = ? AND max_dates = ?",
                             (story_id, max_dates)).fetchone()
    if row is None:
        return None
    return StoredTimeline(row["story_id"], row["max_dates"], row["signature"], row["built_at"], row["seconds"],
                          Timeline.from_dict(json.loads(row["timeline"])), row["abstract"], row["abstract_key"])


def save(conn: sqlite3.Connection, story_id: str, max_dates: int, signature: str, timeline: Timeline,
         seconds: float) -> str:
    """Store (or replace) a built timeline, without an abstractive summary; returns its built_at stamp."""
    stamp = now()
    data = timeline.to_dict()
    data["abstract"] = None
    conn.execute("INSERT OR REPLACE INTO story_timelines (story_id, max_dates, signature, built_at, seconds, timeline) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 (story_id, max_dates, signature, stamp, round(seconds, 4), json.dumps(data, ensure_ascii=False)))
    return stamp


def save_abstract(conn: sqlite3.Connection, story_id: str, max_dates: int, signature: str, abstract: str,
                  key: str) -> None:
    """Remember an abstractive summary for the stored row it was made from (nothing if the row changed since)."""
    conn.execute("UPDATE story_timelines SET abstract = ?, abstract_key = ? WHERE story_id = ? AND max_dates = ? "
                 "AND signature = ?", (abstract, key, story_id, max_dates, signature))


def rename(conn: sqlite3.Connection, old: str, new: str) -> None:
    """Give the rows of story `old` to story `new` (the same articles under a new story id)."""
    conn.execute("DELETE FROM story_timelines WHERE story_id = ?", (new,))
    conn.execute("UPDATE story_timelines SET story_id = ? WHERE story_id = ?", (new, old))


def delete(conn: sqlite3.Connection, story_ids: Iterable[str]) -> int:
    """Drop every row of these stories; returns how many rows went."""
    ids = sorted(set(story_ids))
    gone = 0
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        gone += conn.execute(f"DELETE FROM story_timelines WHERE story_id IN ({','.join('?' * len(chunk))})",
                             chunk).rowcount
    return gone


def orphans(store: Store) -> list[str]:
    """Story ids with stored rows but no story any more."""
    return [r[0] for r in store.conn.execute(
        "SELECT DISTINCT story_id FROM story_timelines WHERE story_id NOT IN (SELECT id FROM stories)")]


def built_at(store: Store) -> dict[tuple[str, int], str]:
    """(story id, size) -> when its row was built: for tests and `storyline timeline --json` diagnostics."""
    return {(r[0], r[1]): r[2] for r in store.conn.execute("SELECT story_id, max_dates, built_at FROM story_timelines")}
