"""Read-only queries the store does not offer yet (written against the documented tables).

``Store.articles`` has no total count and no full-text filter; the article list of the API and
the web app needs both, so they live here as plain SQL over ``articles``, ``articles_fts`` and
``sources``. Nothing here writes.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from typing import Any

from ..config import SUPPORTED_LANGUAGES
from ..store.search_query import fts_query, time_budget
from ..store.sqlite import filter_clauses

ARTICLE_COLUMNS = ("id, title, lang, lang_confidence, published, published_precision, published_note, copy_of, "
                   "copy_similarity, boilerplate, n_chars, ingested_at")
_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
# What /openapi.json says the date and language filters accept (an empty value is no filter); check_date and
# check_lang enforce them, with messages that say what is expected.
DATE_PATTERN = (r"^(([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"  # year 0001-9999
                r"(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)?$")
LANG_PATTERN = "^(|" + "|".join(SUPPORTED_LANGUAGES) + ")$"
DATE_SCHEMA = {"pattern": DATE_PATTERN}
LANG_SCHEMA = {"pattern": LANG_PATTERN}


class BadFilter(ValueError):
    """A filter value that cannot be used; the message says what is expected."""


def check_date(name: str, value: str | None) -> str | None:
    """Validate a YYYY, YYYY-MM or YYYY-MM-DD filter value.

    >>> check_date("since", "2022-06")
    '2022-06'
    >>> check_date("until", "2022-13")
    Traceback (most recent call last):
    ...
    storyline.api.queries.BadFilter: until must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not '2022-13'
    """
    if value is None or value == "":
        return None
    value = value.strip()
    match = _DATE.match(value)
    ok = match is not None
    if match is not None:
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            date(year or 0, month or 1, day or 1)
        except ValueError:
            ok = False
    if not ok:
        raise BadFilter(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def check_lang(value: str | None) -> str | None:
    """Validate an article-language filter (one of the supported languages)."""
    if value is None or value == "":
        return None
    if value not in SUPPORTED_LANGUAGES:
        raise BadFilter(f"lang must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {value!r}")
    return value


def list_articles(conn: sqlite3.Connection, *, lang: str | None = None, since: str | None = None,
                  until: str | None = None, q: str | None = None, limit: int = 20,
                  offset: int = 0, budget: float | None = None) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of articles) in publication order, undated last, filtered like ``storyline articles``
    and, with `q`, by a search query (the safe subset of :func:`storyline.store.search_query.fts_query`), which
    may run `budget` seconds (:class:`~storyline.errors.QueryError`, :class:`~storyline.errors.SearchTimeout`)."""
    clauses, args = filter_clauses(lang, since, until)
    q = (q or "").strip()
    if q:
        match = fts_query(q)
        if match is None:
            return 0, []
        clauses.append("seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        args.append(match)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    with time_budget(conn, budget if q else None):
        total = conn.execute(f"SELECT count(*) FROM articles {where}", args).fetchone()[0]
        rows = conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles {where} "
                            f"ORDER BY published_start IS NULL, published_start, seq LIMIT ? OFFSET ?",
                            [*args, limit, offset]).fetchall()
    items = [_summary(r) for r in rows]
    sources = _source_locations(conn, [i["id"] for i in items])
    for item in items:
        item["sources"] = sources.get(item["id"], [])
    return total, items


def _summary(row: sqlite3.Row) -> dict[str, Any]:
    data = {k: row[k] for k in row.keys()}
    data["boilerplate"] = bool(data["boilerplate"])
    return data


def _source_locations(conn: sqlite3.Connection, ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"SELECT article_id, url, location FROM sources WHERE article_id IN ({marks}) "
                              f"ORDER BY first_seen, location, record", chunk):
            found.setdefault(r[0], []).append(r[1] or r[2])
    return found


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(version), 0) FROM migrations").fetchone()[0]


def latest(conn: sqlite3.Connection, n: int = 5) -> list[dict[str, Any]]:
    """The `n` most recently published articles (newest first)."""
    rows = conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE published_start IS NOT NULL "
                        f"ORDER BY published_start DESC, seq DESC LIMIT ?", (n,)).fetchall()
    return [_summary(r) for r in rows]


def titles(conn: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    """Titles of these article ids (those that exist)."""
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update((r[0], r[1]) for r in conn.execute(f"SELECT id, title FROM articles WHERE id IN ({marks})", chunk))
    return found


def story_of(conn: sqlite3.Connection, article_id: str) -> str | None:
    """Id of the story an article is assigned to, or None (also when the database has no story tables)."""
    try:
        row = conn.execute("SELECT story_id FROM story_assignments WHERE article_id = ?", (article_id,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None
