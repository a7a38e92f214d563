"""Stored entities and time mentions: writing them, and the queries over them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from ..models import Entity, TimeMention

BATCH = 200


def pending_articles(store: Any, ids: list[str] | None, *, backend: str, force: bool = False,
                     batch: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    """Batches of articles (id, title, text, lang, published, precision) still to analyse with `backend`."""
    conn = store.conn
    cols = "a.id, a.title, a.text, a.lang, a.published, a.published_precision"
    if ids is not None:
        for start in range(0, len(ids), batch):
            chunk = ids[start:start + batch]
            marks = ",".join("?" * len(chunk))
            skip = "" if force else "AND a.id NOT IN (SELECT article_id FROM article_analysis WHERE backend = ?)"
            rows = conn.execute(f"SELECT {cols} FROM articles a WHERE a.id IN ({marks}) {skip} ORDER BY a.seq",
                                [*chunk] + ([] if force else [backend])).fetchall()
            if rows:
                yield [dict(r) for r in rows]
        return
    last = 0
    while True:
        skip = "" if force else "AND a.id NOT IN (SELECT article_id FROM article_analysis WHERE backend = ?)"
        rows = conn.execute(f"SELECT a.seq, {cols} FROM articles a WHERE a.seq > ? {skip} ORDER BY a.seq LIMIT ?",
                            [last] + ([] if force else [backend]) + [batch]).fetchall()
        if not rows:
            return
        last = rows[-1]["seq"]
        yield [dict(r) for r in rows]


def pending_count(store: Any, *, backend: str, force: bool = False) -> int:
    """How many articles `pending_articles(store, None, ...)` gives."""
    if force:
        return int(store.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    return int(store.conn.execute("SELECT count(*) FROM articles WHERE id NOT IN "
                                  "(SELECT article_id FROM article_analysis WHERE backend = ?)", (backend,)).fetchone()[0])


def save_annotations(store: Any, results: list[tuple[str, list[Entity], list[TimeMention]]], backend: str) -> None:
    """Replace the stored entities and time mentions of each article in one transaction."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with store.atomic() as conn:
        for article_id, entities, mentions in results:
            conn.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM article_time_mentions WHERE article_id = ?", (article_id,))
            conn.executemany("INSERT OR IGNORE INTO article_entities VALUES (?, ?, ?, ?, ?, ?)",
                             [(article_id, e.start, e.end, e.text, e.type, e.normalized) for e in entities])
            conn.executemany("INSERT OR IGNORE INTO article_time_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [(article_id, m.start, m.end, m.text, m.value, m.precision, m.modifier, int(m.resolved),
                               m.kind, m.reason) for m in mentions])
            conn.execute("INSERT OR REPLACE INTO article_analysis VALUES (?, ?, ?)", (article_id, backend, stamp))


def article_annotations(store: Any, article_id: str) -> dict[str, list[dict[str, Any]]]:
    """The stored entities and time mentions of one article, in text order."""
    conn = store.conn
    entities = [{"text": r["text"], "type": r["type"], "start": r["start"], "end": r["end"],
                 "normalized": r["normalized"]}
                for r in conn.execute("SELECT * FROM article_entities WHERE article_id = ? ORDER BY start", (article_id,))]
    mentions = [{"text": r["text"], "start": r["start"], "end": r["end"], "value": r["value"],
                 "precision": r["precision"], "modifier": r["modifier"], "resolved": bool(r["resolved"]),
                 "kind": r["kind"], "reason": r["reason"]}
                for r in conn.execute("SELECT * FROM article_time_mentions WHERE article_id = ? ORDER BY start",
                                      (article_id,))]
    return {"entities": entities, "time_mentions": mentions}


def entity_counts(store: Any, *, type_: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Entities by the number of articles that name them, one row per name with its majority type."""
    from .entities_query import ranking

    rows = [r for r in ranking(store.conn) if type_ is None or r["type"] == type_][:limit]
    return [{"normalized": r["name"], "type": r["type"], "articles": r["articles"], "mentions": r["mentions"]}
            for r in rows]
