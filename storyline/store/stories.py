"""Queries over stories, events, assignments, embeddings and corrections (tables of migration 3)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import numpy as np

from .entities_query import spellings
from .sqlite import Store, _after


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def article_rows(store: Store, ids: list[str] | None = None) -> list[sqlite3.Row]:
    """Articles (all, or these ids) with what clustering needs, in publication order, undated last.

    Ties in publication time (and the undated articles) are ordered by article id, not by arrival, so the same
    articles give the same stories whatever order they were ingested in.
    """
    cols = "id, title, text, lang, published_start, boilerplate, copy_of, seq"
    order = "ORDER BY published_start IS NULL, published_start, id"
    if ids is None:
        return store.conn.execute(f"SELECT {cols} FROM articles {order}").fetchall()
    rows: list[sqlite3.Row] = []
    for chunk in _chunks(list(dict.fromkeys(ids))):
        rows += store.conn.execute(f"SELECT {cols} FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                                   chunk).fetchall()
    rows.sort(key=lambda r: (r["published_start"] is None, r["published_start"] or "", r["id"]))
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
    """Every assignment, in the articles' publication order (undated last; ties by article id)."""
    return store.conn.execute(
        "SELECT s.article_id, s.event_id, s.story_id, s.pinned FROM story_assignments s JOIN articles a ON a.id = s.article_id "
        "ORDER BY a.published_start IS NULL, a.published_start, a.id").fetchall()


def assigned_among(store: Store, ids: list[str]) -> set[str]:
    """Those of these articles that are already in a story."""
    found: set[str] = set()
    for chunk in _chunks(list(dict.fromkeys(ids))):
        found.update(r[0] for r in store.conn.execute(
            f"SELECT article_id FROM story_assignments WHERE article_id IN ({','.join('?' * len(chunk))})", chunk))
    return found


def unassigned_ids(store: Store) -> list[str]:
    """Articles not yet in any story."""
    return [r[0] for r in store.conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_assignments) "
        "ORDER BY published_start IS NULL, published_start, id")]


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
    """Drop empty events and stories, and set event titles (the title of their earliest article) and provisional
    story titles (the same; `storyline.cluster.titles.refresh` then sets the story's chosen title).

    With `story_ids`, only these stories and their events are looked at (the cost of a batch does not grow with
    the archive); without, all of them.
    """
    if story_ids is None:
        conn.execute("DELETE FROM events WHERE id NOT IN (SELECT DISTINCT event_id FROM story_assignments)")
        conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story_id FROM story_assignments)")
        where, args = "", []
    else:
        ids = sorted(set(story_ids))
        if not ids:
            return
        where, args = f"IN ({','.join('?' * len(ids))})", ids
        conn.execute(f"DELETE FROM events WHERE story_id {where} AND NOT EXISTS "
                     "(SELECT 1 FROM story_assignments s WHERE s.event_id = events.id)", args)
        conn.execute(f"DELETE FROM stories WHERE id {where} AND NOT EXISTS "
                     "(SELECT 1 FROM story_assignments s WHERE s.story_id = stories.id)", args)
    first = ("coalesce((SELECT a.title FROM story_assignments s JOIN articles a ON a.id = s.article_id "
             "WHERE s.{col} = {table}.id ORDER BY a.published_start IS NULL, a.published_start, a.seq LIMIT 1), '')")
    conn.execute(f"UPDATE stories SET title = {first.format(col='story_id', table='stories')}"
                 + (f" WHERE id {where}" if where else ""), args)
    conn.execute(f"UPDATE events SET title = {first.format(col='event_id', table='events')}"
                 + (f" WHERE story_id {where}" if where else ""), args)


def title_rows(conn: sqlite3.Connection, story_ids: list[str] | None) -> list[tuple[Any, ...]]:
    """(story, event, article, lang, title, boilerplate) of the members of these stories (all, without ids), in
    publication order (ties by article id)."""
    cols = "s.story_id, s.event_id, a.id, a.lang, a.title, a.boilerplate, a.published_start"
    join = "FROM story_assignments s JOIN articles a ON a.id = s.article_id"
    cur = conn.cursor()
    cur.row_factory = None
    if story_ids is None:
        rows = cur.execute(f"SELECT {cols} {join}").fetchall()
    else:
        rows = []
        for chunk in _chunks(story_ids):
            rows += cur.execute(f"SELECT {cols} {join} WHERE s.story_id IN ({','.join('?' * len(chunk))})",
                                chunk).fetchall()
    rows.sort(key=lambda r: (r[6] is None, r[6] or "", r[2]))
    return [r[:6] for r in rows]


def title_details(conn: sqlite3.Connection, article_ids: list[str]) -> dict[str, tuple[str, bytes | None]]:
    """Per article: the first 3,000 characters of its text and its stored embedding (bytes, or None)."""
    found: dict[str, tuple[str, bytes | None]] = {}
    cur = conn.cursor()
    cur.row_factory = None
    for chunk in _chunks(list(dict.fromkeys(article_ids))):
        found.update((r[0], (r[1], r[2])) for r in cur.execute(
            f"SELECT a.id, substr(a.text, 1, 3000), e.embedding FROM articles a LEFT JOIN article_embeddings e "
            f"ON e.article_id = a.id WHERE a.id IN ({','.join('?' * len(chunk))})", chunk))
    return found


def story_title(store: Store, story_id: str) -> str:
    """The stored title of a story ('' when it has none or does not exist)."""
    row = store.conn.execute("SELECT title FROM stories WHERE id = ?", (story_id,)).fetchone()
    return row[0] if row else ""


def set_titles(conn: sqlite3.Connection, titles: dict[str, str]) -> None:
    """Store story titles (inside the caller's transaction)."""
    conn.executemany("UPDATE stories SET title = ? WHERE id = ?", [(t, sid) for sid, t in sorted(titles.items())])


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
    """A story id from an id or a unique prefix of it (4+ characters; the prefix search uses the primary key)."""
    if store.conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone():
        return story_id
    if len(story_id) < 4:
        return None
    for prefix in dict.fromkeys((story_id, story_id.lower())):
        rows = store.conn.execute("SELECT id FROM stories WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                                  (prefix, _after(prefix))).fetchall()
        if rows:
            return rows[0][0] if len(rows) == 1 else None
    return None


def _member_rows(store: Store, story_ids: list[str] | None) -> list[tuple[Any, ...]]:
    """(story, event, article, lang, published, published_start) of assigned articles in publication order,
    undated last: index order of ``articles(published_start)`` (whose rowid is `seq`), so nothing is sorted."""
    cols = "s.story_id, s.event_id, a.id, a.lang, a.published, a.published_start"
    cur = store.conn.cursor()
    cur.row_factory = None  # plain tuples: a third cheaper than sqlite3.Row over 100,000 rows
    if story_ids is None:
        dated = cur.execute(
            f"SELECT {cols} FROM articles a INDEXED BY articles_published JOIN story_assignments s ON s.article_id = a.id "
            f"WHERE a.published_start IS NOT NULL ORDER BY a.published_start, a.seq").fetchall()
        undated = cur.execute(
            f"SELECT {cols} FROM articles a JOIN story_assignments s ON s.article_id = a.id "
            f"WHERE a.published_start IS NULL ORDER BY a.seq").fetchall()
        return dated + undated
    rows: list[tuple[Any, ...]] = []
    for chunk in _chunks(sorted(set(story_ids))):
        rows += cur.execute(
            f"SELECT {cols}, a.seq FROM story_assignments s JOIN articles a ON a.id = s.article_id "
            f"WHERE s.story_id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
    rows.sort(key=lambda r: (r[5] is None, r[5] or "", r[6]))
    return [r[:6] for r in rows]


def list_stories(store: Store, *, since: str | None = None, until: str | None = None, lang: str | None = None,
                 entity: str | None = None, story_ids: list[str] | None = None,
                 entities: bool = True) -> list[dict[str, Any]]:
    """Stories with their articles, events, date range and languages, most recently active first.

    With `story_ids`, only those stories are read. With ``entities=False`` every story's `entities` is left
    empty (a caller that shows a page of stories fills them with :func:`story_entities`), which saves reading
    every entity mention of the archive.
    """
    stories: dict[str, dict[str, Any]] = {}
    for story_id, event_id, article_id, alang, published, start in _member_rows(store, story_ids):
        s = stories.get(story_id)
        if s is None:
            s = stories[story_id] = {"id": story_id, "title": "", "article_ids": [], "event_ids": [], "start": None,
                                     "end": None, "languages": [], "entities": [], "_starts": [], "_events": set()}
        s["article_ids"].append(article_id)
        if event_id not in s["_events"]:  # a set: a story of 2,000 events would make a list search quadratic
            s["_events"].add(event_id)
            s["event_ids"].append(event_id)
        if alang and alang not in s["languages"]:
            s["languages"].append(alang)
        if published:
            s["start"] = s["start"] or published
            s["end"] = published
            s["_starts"].append(start)
    if story_ids is None:
        for sid, title in store.conn.execute("SELECT id, title FROM stories"):
            if sid in stories:
                stories[sid]["title"] = title
    else:
        for chunk in _chunks(list(stories)):
            for sid, title in store.conn.execute(f"SELECT id, title FROM stories WHERE id IN "
                                                 f"({','.join('?' * len(chunk))})", chunk):
                stories[sid]["title"] = title
    named = _mentioning(store, entity) if entity else None
    out = []
    for s in stories.values():
        starts = s.pop("_starts")
        del s["_events"]
        if lang and lang not in s["languages"]:
            continue
        if since and not any(x >= since for x in starts):
            continue
        if until and not any(x < _after(until) for x in starts):
            continue
        s["n_articles"] = len(s["article_ids"])
        s["languages"].sort()
        out.append(s)
    if entities or entity:
        found = story_entities(store, [s["id"] for s in out], members={s["id"]: s["article_ids"] for s in out})
        for s in out:
            s["entities"] = found.get(s["id"], [])
    if entity:
        folded = entity.casefold()
        out = [s for s in out if s["id"] in (named or set()) or any(e["name"].casefold() == folded for e in s["entities"])]
        if not entities:
            for s in out:
                s["entities"] = []
    out.sort(key=lambda s: s["id"])
    out.sort(key=lambda s: s["end"] or "", reverse=True)
    out.sort(key=lambda s: s["end"] is None)
    return out


class _EntityCache:
    """Top entities per story, kept per database file while the story's members and their analysis are unchanged."""

    def __init__(self, max_entries: int = 200_000) -> None:
        self.items: dict[tuple[str, str], tuple[str, list[dict[str, Any]]]] = {}
        self.lock = threading.Lock()
        self.max_entries = max_entries

    def get(self, key: tuple[str, str], signature: str) -> list[dict[str, Any]] | None:
        with self.lock:
            hit = self.items.get(key)
        return [dict(e) for e in hit[1]] if hit is not None and hit[0] == signature else None

    def put(self, key: tuple[str, str], signature: str, value: list[dict[str, Any]]) -> None:
        with self.lock:
            if len(self.items) >= self.max_entries:
                self.items.clear()
            self.items[key] = (signature, [dict(e) for e in value])


ENTITY_CACHE = _EntityCache()


def _db_file(store: Store) -> str | None:
    """The database file (None in memory, where nothing is cached: every in-memory database has the same name)."""
    row = store.conn.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else None


def _signatures(store: Store, story_ids: list[str], members: dict[str, list[str]] | None) -> dict[str, str]:
    """Per story: a digest of its members and when (and by which backend) each was analysed."""
    analysed: dict[str, tuple[str, str]] = {}
    if members is not None:
        article_ids = [a for sid in story_ids for a in members.get(sid, [])]
    else:
        members, article_ids = {}, []
        for chunk in _chunks(story_ids):
            for sid, aid in store.conn.execute(f"SELECT story_id, article_id FROM story_assignments WHERE story_id IN "
                                               f"({','.join('?' * len(chunk))})", chunk):
                members.setdefault(sid, []).append(aid)
                article_ids.append(aid)
    if len(article_ids) > 20_000:
        analysed = {r[0]: (r[1], r[2]) for r in store.conn.execute(
            "SELECT article_id, backend, analysed_at FROM article_analysis")}
    else:
        for chunk in _chunks(article_ids):
            analysed.update((r[0], (r[1], r[2])) for r in store.conn.execute(
                f"SELECT article_id, backend, analysed_at FROM article_analysis WHERE article_id IN "
                f"({','.join('?' * len(chunk))})", chunk))
    out = {}
    for sid in story_ids:
        digest = hashlib.blake2b(digest_size=16)
        for aid in sorted(members.get(sid, [])):
            backend, at = analysed.get(aid, ("", ""))
            digest.update(f"{aid}\t{backend}\t{at}\n".encode())
        out[sid] = digest.hexdigest()
    return out


def story_entities(store: Store, story_ids: list[str], top: int = 10,
                   members: dict[str, list[str]] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The `top` most mentioned entities of these stories (from the text stage's `article_entities`).

    Results are kept per process and database file until a story's members or their analysis change, so a
    server reads each story's mentions once. `members` (story id -> article ids), when the caller has them,
    saves a query.
    """
    if not story_ids or not store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'article_entities'").fetchone():
        return {}
    path = _db_file(store)
    wanted = list(dict.fromkeys(story_ids))
    found: dict[str, list[dict[str, Any]]] = {}
    signatures = _signatures(store, wanted, members) if path else {}
    missing = []
    for sid in wanted:
        hit = ENTITY_CACHE.get((path, sid), signatures[sid]) if path else None
        if hit is None:
            missing.append(sid)
        else:
            found[sid] = hit
    if not missing:
        return found
    computed: dict[str, list[dict[str, Any]]] = {sid: [] for sid in missing}
    select = ("SELECT s.story_id, e.normalized, e.type, count(*) AS n, "
              "sum(e.type = 'MISC' AND e.text != e.normalized) AS adjectives FROM story_assignments s "
              "JOIN article_entities e ON e.article_id = s.article_id")
    order = "GROUP BY s.story_id, e.normalized, e.type ORDER BY s.story_id, n DESC, e.normalized"
    if len(missing) > 2000 and store.conn.execute("SELECT count(*) > ? FROM stories", (2 * len(missing),)).fetchone()[0] == 0:
        rows: Iterable[tuple[Any, ...]] = store.conn.execute(f"{select} {order}")  # most stories: one pass over all
    else:
        rows = (r for chunk in _chunks(sorted(missing), 200) for r in store.conn.execute(
            f"{select} WHERE s.story_id IN ({','.join('?' * len(chunk))}) {order}", chunk))
    # One row per name: a name typed two ways in a story's articles is one entity, shown with the type most of its
    # mentions have (callers may put the archive-majority type in its place), adjectives not voting
    # ("Zuid-Koreaanse" says Zuid-Korea is named, not what it is: named only so, it is a place, `adjective_type`).
    counts: dict[str, dict[str, dict[str, list[int]]]] = {sid: {} for sid in missing}
    for story_id, name, kind, n, adjectives in rows:
        by_name = counts.get(story_id)
        if by_name is not None:
            slot = by_name.setdefault(name, {}).setdefault(kind, [0, 0])
            slot[0] += n
            slot[1] += n - (adjectives or 0)
    for sid, by_name in counts.items():
        computed[sid] = _key_entities(by_name, top)
    for sid, items in computed.items():
        if path:
            ENTITY_CACHE.put((path, sid), signatures[sid], items)
        found[sid] = items
    return found


def _key_entities(by_name: dict[str, dict[str, list[int]]], top: int) -> list[dict[str, Any]]:
    """The `top` entities of one story from {name: {type: [mentions, mentions that vote on the type]}}; a one-word
    person name joins the full name it fits in the story ("Trump" -> Donald Trump, `canonical.person_joins`)."""
    from ..text.ner.canonical import adjective_type, person_joins

    by_name = _join_spellings(by_name)
    kinds = {}
    for name, types in by_name.items():
        votes = {k: v[1] for k, v in types.items() if v[1] > 0}
        kinds[name] = min(votes, key=lambda k: (-votes[k], k)) if votes else adjective_type(name)
    total = {name: sum(v[0] for v in types.values()) for name, types in by_name.items()}
    full = {name: n for name, n in total.items() if kinds[name] == "PER" and " " in name}
    short = {name: n for name, n in total.items() if kinds[name] in ("PER", "MISC") and " " not in name}
    for name, target in person_joins(short, full).items():
        total[target] += total.pop(name)
    longer = _longer_names(full)
    for name in longer:  # "Tayyip Erdogan" -> Recep Tayyip Erdogan (through a chain of longer names)
        target = longer[name]
        while target in longer:
            target = longer[target]
        total[target] = total.get(target, 0) + total.pop(name)
    ranked = sorted(total.items(), key=lambda item: (-item[1], item[0]))[:top]
    return [{"name": name, "type": kinds[name], "mentions": n} for name, n in ranked]


def _join_spellings(by_name: dict[str, dict[str, list[int]]]) -> dict[str, dict[str, list[int]]]:
    """Names that differ only in accents or case ("Erdoğan", "Erdogan": `entities_query.fold`) are one entity, under
    the spelling most of its mentions use.

    >>> _join_spellings({"Recep Tayyip Erdoğan": {"PER": [3, 3]}, "Recep Tayyip Erdogan": {"PER": [5, 5]}})
    {'Recep Tayyip Erdogan': {'PER': [8, 8]}}
    """
    best = spellings({name: sum(v[0] for v in types.values()) for name, types in by_name.items()})
    out: dict[str, dict[str, list[int]]] = {}
    for name, types in by_name.items():
        merged = out.setdefault(best.get(name, name), {})
        for kind, (mentions, votes) in types.items():
            slot = merged.setdefault(kind, [0, 0])
            slot[0] += mentions
            slot[1] += votes
    return out


def _longer_names(full: dict[str, int]) -> dict[str, str]:
    """{a person's name: the one longer name of the story it ends: "Tayyip Erdogan" -> "Recep Tayyip Erdogan"}
    (a name that ends two longer ones stays apart).

    >>> _longer_names({"Recep Tayyip Erdogan": 9, "Tayyip Erdogan": 2, "Anna Smit": 1, "Jan Anna Smit": 1, "Piet Anna Smit": 1})
    {'Tayyip Erdogan': 'Recep Tayyip Erdogan'}
    """
    out = {}
    for name in full:
        longer = [other for other in full if other.endswith(" " + name)]
        if len(longer) == 1:
            out[name] = longer[0]
    return out


def _mentioning(store: Store, entity: str) -> set[str]:
    """Stories with an article whose text has all the entity's words (one full-text query)."""
    terms = " ".join(f'"{t}"' for t in entity.replace('"', " ").split())
    if not terms:
        return {r[0] for r in store.conn.execute("SELECT id FROM stories")}
    return {r[0] for r in store.conn.execute(
        "SELECT DISTINCT s.story_id FROM articles_fts f JOIN articles a ON a.seq = f.rowid "
        "JOIN story_assignments s ON s.article_id = a.id WHERE articles_fts MATCH ?", (terms,))}


STORY_SORTS = ("recent", "size")


def order_stories(stories: list[dict[str, Any]], sort: str = "recent", *, min_articles: int = 1,
                  limit: int | None = None) -> list[dict[str, Any]]:
    """Stories (most recently active first, as :func:`list_stories` gives them) in the order a reader wants.

    ``recent``: stories of two or more articles first, each group most recently active first; a one-article
    "story" (often a lone page or a stray) comes after every real one. ``size``: most articles first, equal sizes
    most recent first. Stories with fewer than `min_articles` articles are left out; `limit` keeps the first ones.

    >>> rows = [{"id": "a", "article_ids": ["1"]}, {"id": "b", "article_ids": ["2", "3"]},
    ...         {"id": "c", "article_ids": ["4", "5", "6"]}]
    >>> [s["id"] for s in order_stories(rows)], [s["id"] for s in order_stories(rows, "size", limit=2)]
    (['b', 'c', 'a'], ['c', 'b'])
    >>> [s["id"] for s in order_stories(rows, min_articles=2)]
    ['b', 'c']
    """
    if sort not in STORY_SORTS:
        raise ValueError(f"sort must be one of {', '.join(STORY_SORTS)}, not {sort!r}")

    def size(s: dict[str, Any]) -> int:
        return s["n_articles"] if "n_articles" in s else len(s["article_ids"])

    kept = [s for s in stories if size(s) >= min_articles]
    if sort == "size":
        kept.sort(key=lambda s: -size(s))  # stable: equal sizes stay most recent first
    else:
        kept.sort(key=lambda s: size(s) < 2)
    return kept if limit is None else kept[:max(0, limit)]


def new_and_grown(store: Store, article_ids: list[str]) -> tuple[int, int]:
    """Of the stories holding these (newly added) articles: how many hold nothing else (new), how many also hold
    older articles (grown)."""
    wanted = set(article_ids)
    touched: set[str] = set()
    ids = list(wanted)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        touched.update(r[0] for r in store.conn.execute(
            f"SELECT DISTINCT story_id FROM story_assignments WHERE article_id IN ({','.join('?' * len(chunk))})",
            chunk))
    grown = 0
    stories = sorted(touched)
    for start in range(0, len(stories), 500):
        chunk = stories[start:start + 500]
        for story_id, article_id in store.conn.execute(
                f"SELECT story_id, article_id FROM story_assignments WHERE story_id IN ({','.join('?' * len(chunk))})",
                chunk):
            if article_id not in wanted and story_id in touched:
                touched.discard(story_id)
                grown += 1
    return len(touched), grown
