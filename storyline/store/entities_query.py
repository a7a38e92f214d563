"""Entity queries for the API and the web app: the most named entities, and one entity's stories, articles and company.

Everything goes through the index on ``article_entities(normalized, type)`` and the primary keys of
``article_entities`` (article_id first) and ``story_assignments``. The one query that has to read every
mention (the ranking of all names) is computed once and kept in :data:`SNAPSHOTS` until the database
file changes, so that a store of 100,000 articles answers the entity list without rereading it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar, cast

log = logging.getLogger(__name__)

ENTITY_TYPES = ("PER", "LOC", "ORG", "MISC")
CO_SAMPLE = 1000  # co-occurring names are counted over the entity's most recent articles, at most this many
T = TypeVar("T")


def db_fingerprint(conn: sqlite3.Connection) -> tuple[Any, ...] | None:
    """The database file and the size and time of its last change (main file and WAL); None in memory."""
    row = conn.execute("PRAGMA database_list").fetchone()
    path = row[2] if row else ""
    return file_fingerprint(path) if path else None


def file_fingerprint(path: str) -> tuple[Any, ...]:
    """The file and the size and time of the last change of it and of its write-ahead log."""
    parts: list[Any] = [path]
    for suffix in ("", "-wal"):
        try:
            st = os.stat(path + suffix)
        except OSError:
            parts.append(None)
        else:
            parts.append((st.st_mtime_ns, st.st_size))
    return tuple(parts)


class SnapshotCache:
    """Results computed over a whole database, kept until its file (or write-ahead log) changes.

    A result that took at least `slow` seconds to compute is served stale after a change while one
    background thread computes the new one (`background`, with its own connection), so that a large
    archive being written to never makes a reader wait for a full recompute; smaller results are
    recomputed at once and are never stale.
    """

    def __init__(self, max_entries: int = 16, slow: float = 0.5) -> None:
        self._items: dict[tuple[str, str], tuple[tuple[Any, ...], Any, float]] = {}
        self._running: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._computing: dict[tuple[str, str], threading.Lock] = {}  # one computation of a value at a time
        self.max_entries = max_entries
        self.slow = slow

    def get(self, conn: sqlite3.Connection, key: str, compute: Callable[[], T],
            background: Callable[[], T] | None = None) -> T:
        """The cached value of `key` for this database, computing it when missing or stale.

        With `background` (the same computation on a connection of its own), a stale value that was slow
        to compute is returned as it is while `background` runs in a thread and replaces it.
        """
        fingerprint = db_fingerprint(conn)
        if fingerprint is None:
            return compute()
        slot = (fingerprint[0], key)
        with self._lock:
            hit = self._items.get(slot)
            if hit is not None and hit[0] != fingerprint and background is not None and hit[2] >= self.slow:
                if slot not in self._running:
                    self._running.add(slot)
                    threading.Thread(target=self._recompute, args=(slot, background), daemon=True,
                                     name=f"snapshot-{key}").start()
                return cast(T, hit[1])
        if hit is not None and hit[0] == fingerprint:
            return cast(T, hit[1])
        with self._lock:
            gate = self._computing.setdefault(slot, threading.Lock())
        with gate:  # requests that arrive while another computes the same value wait for it instead of racing it
            with self._lock:
                hit = self._items.get(slot)
            if hit is not None and hit[0] == fingerprint:
                return cast(T, hit[1])
            started = time.perf_counter()
            value = compute()
            self._put(slot, fingerprint, value, time.perf_counter() - started)
        return value

    def _recompute(self, slot: tuple[str, str], background: Callable[[], Any]) -> None:
        try:
            fingerprint = file_fingerprint(slot[0])  # taken before reading: a write meanwhile makes it stale again
            started = time.perf_counter()
            value = background()
            self._put(slot, fingerprint, value, time.perf_counter() - started)
        except Exception:  # the stale value stays; the next read tries again
            log.warning("could not refresh the cached %s", slot[1], exc_info=True)
        finally:
            with self._lock:
                self._running.discard(slot)

    def _put(self, slot: tuple[str, str], fingerprint: tuple[Any, ...], value: Any, seconds: float) -> None:
        with self._lock:
            if len(self._items) >= self.max_entries and slot not in self._items:
                self._items.pop(next(iter(self._items)))
            self._items[slot] = (fingerprint, value, seconds)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()


SNAPSHOTS = SnapshotCache()


def fold(text: str) -> str:
    """Text for case- and accent-insensitive matching.

    >>> fold("Rutte, MARK Élysée")
    'rutte, mark elysee'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# A mention votes for its entity's type unless it is an adjective or demonym the name was derived from
# ("Noord-Koreaanse" -> Noord-Korea, MISC): those say nothing about what Noord-Korea is.
_TYPE_VOTES = ("SELECT normalized, type, count(DISTINCT CASE WHEN NOT (type = 'MISC' AND text != normalized) "
               "THEN article_id END) AS votes, count(DISTINCT article_id) AS articles "
               "FROM article_entities {where} GROUP BY normalized, type")


def entity_types(conn: sqlite3.Connection, where: str = "", args: tuple[Any, ...] = ()) -> dict[str, str]:
    """The one type of each stored name: the type most of the articles that name it give it (the archive's
    majority: a name typed ORG in 40 articles is not a person in the 41st), adjective mentions not voting."""
    from ..text.ner.canonical import adjective_type

    best: dict[str, tuple[int, int, str]] = {}
    for name, kind, votes, articles in conn.execute(_TYPE_VOTES.format(where=where), args):
        key = (votes, articles, kind)
        if name not in best or key > best[name]:
            best[name] = key
    # Named only through adjectives ("Zuid-Koreaanse" -> Zuid-Korea): a place when they are a country's or region's.
    return {name: key[2] if key[0] else adjective_type(name) for name, key in best.items()}


def with_types(conn: sqlite3.Connection, rows: list[Any]) -> list[tuple[str, str | None, int]]:
    """(name, its one type, count) for rows of (name, count): one row per name, however many types its mentions
    have (a name listed once per type read as two entities)."""
    names = [r[0] for r in rows]
    kinds = entity_types(conn, f"WHERE normalized IN ({_in(names)})", tuple(names)) if names else {}
    return [(r[0], kinds.get(r[0]), r[1]) for r in rows]


def _raw_ranking(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    types = entity_types(conn)
    rows = conn.execute(
        "SELECT normalized, count(DISTINCT article_id) AS articles, count(*) AS mentions "
        "FROM article_entities GROUP BY normalized ORDER BY articles DESC, mentions DESC, normalized").fetchall()
    return [{"name": r[0], "type": types[r[0]], "articles": r[1], "mentions": r[2], "_fold": fold(r[0])} for r in rows]


def _aliases(rows: list[dict[str, Any]]) -> dict[str, str]:
    """{stored name: the entity it joins archive-wide}: a one-word name to the full person name it is the surname
    of, when that full name holds at least 90 % of the articles of the full names with that surname ("Trump" ->
    Donald Trump; not "Kim": Sandra Kim, Jane Kim ...), and a full name with middle initials to the same name
    without them ("Donald J. Trump"). The person must be named in full in at least half as many articles as the
    bare name ("Charles" alone in 80 articles is not the "Ray Charles" of one); a bare name most articles type
    otherwise ("Obama", a town in Japan, typed a place; "Twitter") only in at least as many; a known country or
    city never joins; nor does a name that opens other persons' full names in at least a tenth of their articles
    (a family name written first: "Kim" of Kim Jong-un and Kim Jong-il is not the "Sung Kim" it ends)."""
    from ..text.ner.canonical import canonical_place, person_joins

    full = {r["name"]: r["articles"] for r in rows if r["type"] == "PER" and " " in r["name"]}
    short = {r["name"]: r["articles"] for r in rows
             if " " not in r["name"] and r["name"][:1].isupper() and not canonical_place(r["name"])}
    joins = person_joins(short, full, last_word_only=True)
    by_name = {r["name"]: r for r in rows}
    weight = {target: full[target] for target in joins.values()}  # articles naming the person in full
    for name, target in joins.items():
        weight[target] += full.get(name, 0)
    opens: dict[str, int] = {}  # articles of the full names each word opens ("Kim" -> Kim Jong-un, Kim Jong-il)
    for person, articles in full.items():
        first = person.split(" ", 1)[0]
        opens[first] = opens.get(first, 0) + articles
    out = {}
    for name, target in joins.items():
        row = by_name[name]
        need = row["articles"] / 2 if row["type"] == "PER" else row["articles"]
        if name not in full and opens.get(name, 0) >= 0.1 * (opens.get(name, 0) + weight[target]):
            continue
        if name in full or weight[target] >= need:
            out[name] = target
    return out


def _acronym_aliases(conn: sqlite3.Connection, stored: set[str]) -> dict[str, str]:
    """{acronym: full name} for acronyms that articles introduce or spell out ("European Broadcasting Union (EBU)":
    the text stage stores that article's "EBU" under the full name), when one full name holds at least 90 % of the
    articles that spell the acronym out and the acronym spells its initials (`canonical.spells`; not "GOP" of a
    "Pueblo County GOP"): then "EBU" in an article that never gives the full name is that entity."""
    from ..text.ner.canonical import spells

    spelled: dict[str, dict[str, int]] = {}
    for text, full, n in conn.execute(
            "SELECT text, normalized, count(DISTINCT article_id) FROM article_entities WHERE text != normalized "
            "AND length(text) BETWEEN 2 AND 8 AND upper(text) = text AND instr(normalized, ' ') > 0 "
            "GROUP BY text, normalized"):
        if text.isalpha() and text.isupper() and text in stored:
            spelled.setdefault(text, {})[full] = n
    out = {}
    for acronym, fulls in spelled.items():
        full, n = max(fulls.items(), key=lambda item: (item[1], item[0]))
        if n >= 0.9 * sum(fulls.values()) and full in stored and spells(acronym, full):
            out[acronym] = full
    return out


def spellings(weights: dict[str, int]) -> dict[str, str]:
    """{name: the spelling of the same name with the most weight}, for names that differ only in accents or case
    (`fold`); ties go to the smaller string.

    >>> spellings({"Recep Tayyip Erdogan": 37, "Recep Tayyip Erdoğan": 20, "Ankara": 5})
    {'Recep Tayyip Erdoğan': 'Recep Tayyip Erdogan'}
    """
    groups: dict[str, list[str]] = {}
    for name in weights:
        groups.setdefault(fold(name), []).append(name)
    out = {}
    for names in groups.values():
        if len(names) > 1:
            best = min(names, key=lambda n: (-weights[n], n))
            out.update({n: best for n in names if n != best})
    return out


def aliases(conn: sqlite3.Connection) -> dict[str, str]:
    """{stored name: the name of the entity it belongs to archive-wide}: persons by full name (`_aliases`) and
    acronyms by the full name their articles spell out (`_acronym_aliases`); cached per database state."""
    def compute() -> dict[str, str]:
        rows = _raw(conn)
        joined = _acronym_aliases(conn, {r["name"] for r in rows})
        for name, target in _aliases(rows).items():
            joined.setdefault(name, target)
        for name, target in spellings({r["name"]: r["articles"] for r in rows}).items():
            joined.setdefault(name, target)
        return {name: joined.get(target, target) for name, target in joined.items()
                if joined.get(target, target) != name}  # no chains, no cycles

    return SNAPSHOTS.get(conn, "entity-aliases", compute)


def _raw(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return SNAPSHOTS.get(conn, "entity-raw-ranking", lambda: _raw_ranking(conn))


def also_named(conn: sqlite3.Connection, name: str) -> list[str]:
    """The stored names of one entity: `name` and the names that join it archive-wide, `name` first."""
    return [name] + sorted(a for a, target in aliases(conn).items() if target == name)


def _in(names: list[str]) -> str:
    return ",".join("?" * len(names))


def _ranking(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = _raw(conn)
    joined = aliases(conn)
    if not joined:
        return rows
    groups: dict[str, list[str]] = {}
    for name, target in joined.items():
        groups.setdefault(target, [target]).append(name)
    out = [dict(r) for r in rows if r["name"] not in joined]
    for row in out:
        names = groups.get(row["name"])
        if names:  # one entity stored under several names: count its articles once
            row["articles"], row["mentions"] = conn.execute(
                f"SELECT count(DISTINCT article_id), count(*) FROM article_entities WHERE normalized IN ({_in(names)})",
                names).fetchone()
    out.sort(key=lambda r: (-r["articles"], -r["mentions"], r["name"]))
    return out


def ranking(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every entity (one row per entity, with its majority type; names joined archive-wide, such as "Trump" and
    "Donald Trump", are one row) with the number of articles and mentions, most named first (cached per database
    state)."""
    return SNAPSHOTS.get(conn, "entity-ranking", lambda: _ranking(conn))


def list_entities(conn: sqlite3.Connection, *, type_: str | None = None, q: str | None = None, limit: int = 50,
                  offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of entities), most named first; `type_` one of PER/LOC/ORG/MISC, `q` part of the name."""
    needle = fold(q.strip()) if q and q.strip() else None
    found = [e for e in ranking(conn)
             if (type_ is None or e["type"] == type_) and (needle is None or needle in e["_fold"])]
    if needle:  # names that start with the query first, then the rest, each most named first
        found.sort(key=lambda e: not e["_fold"].startswith(needle))
    page = [{k: v for k, v in e.items() if k != "_fold"} for e in found[offset:offset + limit]]
    return len(found), page


def canonical_name(conn: sqlite3.Connection, name: str) -> str | None:
    """The stored spelling of an entity name (exact first, then ignoring case and accents), or None."""
    if not name or len(name) > 300:
        return None
    from ..text.ner.canonical import store_name

    name = store_name(name)  # "North Korea" finds the entity stored as Noord-Korea
    if conn.execute("SELECT 1 FROM article_entities WHERE normalized = ? LIMIT 1", (name,)).fetchone():
        return aliases(conn).get(name, name)  # "Trump" finds Donald Trump
    wanted = fold(name)
    for e in ranking(conn):  # most named first, so the commonest spelling wins
        if e["_fold"] == wanted:
            return str(e["name"])
    row = conn.execute("SELECT normalized FROM article_entities WHERE text = ? GROUP BY normalized "
                       "ORDER BY count(*) DESC LIMIT 1", (name,)).fetchone()  # "EBU", stored as the name it abbreviates
    return aliases(conn).get(row[0], row[0]) if row else None


def entity_detail(conn: sqlite3.Connection, name: str, *, limit: int = 20, offset: int = 0,
                  co_limit: int = 30, story_limit: int = 50) -> dict[str, Any] | None:
    """One entity: its types, counts, stories, co-occurring names (with counts) and a page of its articles.

    The entity holds every stored name that joins it archive-wide (`aliases`: "Trump" in Donald Trump's), listed
    under `also_named`."""
    canonical = canonical_name(conn, name)
    if canonical is None:
        return None
    names = also_named(conn, canonical)
    marks = _in(names)
    types = [{"type": r[0], "articles": r[1], "mentions": r[2]} for r in conn.execute(
        f"SELECT type, count(DISTINCT article_id), count(*) FROM article_entities WHERE normalized IN ({marks}) "
        "GROUP BY type ORDER BY count(*) DESC, type", names)]
    n_articles = conn.execute(f"SELECT count(DISTINCT article_id) FROM article_entities WHERE normalized IN ({marks})",
                              names).fetchone()[0]
    mine = f"SELECT DISTINCT article_id FROM article_entities WHERE normalized IN ({marks})"
    # The page first, then the mentions of its articles only (through the primary key: `+` keeps SQLite off the
    # name index, which would count every article of a frequent name).
    articles = [dict(r) for r in conn.execute(
        f"WITH page AS MATERIALIZED (SELECT a.id, a.title, a.lang, a.published, a.published_start, a.seq "
        f"FROM articles a WHERE a.id IN ({mine}) "
        f"ORDER BY a.published_start IS NULL, a.published_start DESC, a.seq DESC LIMIT ? OFFSET ?) "
        f"SELECT p.id, p.title, p.lang, p.published, (SELECT count(*) FROM article_entities m "
        f"WHERE m.article_id = p.id AND +m.normalized IN ({marks})) AS mentions FROM page p "
        f"ORDER BY p.published_start IS NULL, p.published_start DESC, p.seq DESC",
        (*names, limit, offset, *names))]
    co = [{"name": n, "type": kind, "articles": a} for n, kind, a in with_types(conn, conn.execute(
        "WITH recent AS (SELECT a.id FROM articles a WHERE a.id IN (" + mine + ") "
        "ORDER BY a.published_start IS NULL, a.published_start DESC LIMIT ?) "
        "SELECT o.normalized, count(DISTINCT o.article_id) AS n FROM recent "
        f"JOIN article_entities o ON o.article_id = recent.id WHERE o.normalized NOT IN ({marks}) "
        "GROUP BY o.normalized ORDER BY n DESC, o.normalized LIMIT ?",
        (*names, CO_SAMPLE, *names, co_limit)).fetchall())]
    stories: list[dict[str, Any]] = []
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_assignments'").fetchone():
        stories = [{"id": r[0], "title": r[1], "articles": r[2], "n_articles": r[3]} for r in conn.execute(
            "SELECT s.story_id, st.title, count(*) AS n, (SELECT count(*) FROM story_assignments x "
            "WHERE x.story_id = s.story_id) AS size FROM story_assignments s JOIN stories st ON st.id = s.story_id "
            f"WHERE s.article_id IN ({mine}) GROUP BY s.story_id ORDER BY n DESC, size DESC, s.story_id LIMIT ?",
            (*names, story_limit))]
    return {"name": canonical, "type": entity_types(conn, "WHERE normalized = ?", (canonical,))[canonical],
            "types": types, "n_articles": n_articles, "mentions": sum(t["mentions"] for t in types),
            "also_named": names[1:], "stories": stories, "co_occurring": co,
            "co_occurring_sample": min(n_articles, CO_SAMPLE), "articles": articles, "limit": limit, "offset": offset}


def story_ids_with_entity(conn: sqlite3.Connection, name: str) -> set[str]:
    """Ids of the stories with an article that names `name` (stored spelling, or ignoring case and accents, with
    the names that join it archive-wide)."""
    canonical = canonical_name(conn, name)
    if canonical is None:
        return set()
    names = also_named(conn, canonical)
    return {r[0] for r in conn.execute(
        "SELECT DISTINCT s.story_id FROM article_entities e JOIN story_assignments s ON s.article_id = e.article_id "
        f"WHERE e.normalized IN ({_in(names)})", names)}


def article_entity_summary(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    """The distinct entities of one article with their mention counts, most mentioned first."""
    types = entity_types(conn, "WHERE normalized IN (SELECT normalized FROM article_entities WHERE article_id = ?)",
                         (article_id,))
    return [{"name": r[0], "type": types[r[0]], "mentions": r[1]} for r in conn.execute(
        "SELECT normalized, count(*) AS n FROM article_entities WHERE article_id = ? "
        "GROUP BY normalized ORDER BY n DESC, min(start)", (article_id,))]
