"""SQLite store: one writer, many readers (WAL), migrations, FTS5 search."""

from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..errors import DatabaseError, DateNotes, Reasons
from ..models import Article, IngestReport, Rejection
from .migrations import MIGRATIONS
from .search_query import fts_query, time_budget

log = logging.getLogger(__name__)
MEMORY = ":memory:"
# Time budget of one full-text search, in seconds (the server gives its own).
SEARCH_SECONDS = 10.0


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class DuplicatePolicy(Protocol):
    """What the store asks about near-duplicates (:class:`storyline.ingest.duplicates.NearDuplicates`)."""

    @property
    def threshold(self) -> float: ...  # read-only: the policy is a frozen dataclass

    def keys(self, sig: np.ndarray) -> list[tuple[int, int]]: ...

    def similarity(self, a: np.ndarray, b: np.ndarray) -> float: ...

    def is_boilerplate(self, titles: set[str]) -> bool: ...


class _Busy(Exception):
    """Opening met a lock SQLite's busy handler does not wait for (a journal-mode switch, a file being created)."""


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or \
        "locked" in str(exc) or "busy" in str(exc)


class Store:
    """An article database in one SQLite file (or in memory with ``":memory:"``)."""

    def __init__(self, path: str | Path = MEMORY, *, readonly: bool = False, timeout: float = 30.0) -> None:
        self.path = str(path)
        self.readonly = readonly
        self.conn = self._connect(timeout)
        self._fts_pending = False
        self.run_id: int | None = None  # the ingest run (storyline.stages) whose batches this store writes
        if not readonly:
            self.migrate()
            self._fts_pending = True
            with self.atomic():  # rows another connection inserted without flushing are indexed now
                pass
        elif self.schema_version() < len(MIGRATIONS):
            raise DatabaseError(f"database {self.path} has an older schema; open it once for writing to upgrade it")

    def _connect(self, timeout: float) -> sqlite3.Connection:
        if self.path != MEMORY:
            target = Path(self.path)
            if target.is_dir():
                raise DatabaseError(f"database path {self.path} is a directory; give a file name such as {target / 'storyline.db'}")
            if self.readonly and not target.exists():
                raise DatabaseError(f"database {self.path} does not exist; run 'storyline ingest' first or pass --db")
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"cannot create the folder for database {self.path}: {exc.strerror}") from exc
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self._connect_once(timeout)
            except _Busy as busy:  # another process is creating the file or switching it to WAL: wait our turn
                if time.monotonic() >= deadline:
                    raise DatabaseError(f"cannot open database {self.path}: {busy.__cause__}; another storyline "
                                        f"process has held it for {timeout:.0f} s") from busy.__cause__
                time.sleep(0.05)

    def _connect_once(self, timeout: float) -> sqlite3.Connection:
        uri = f"file:{self.path}?mode=ro" if self.readonly and self.path != MEMORY else self.path
        conn = None
        try:
            conn = sqlite3.connect(uri, timeout=timeout, isolation_level=None, uri=self.readonly and self.path != MEMORY,
                                   check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if not self.readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA cache_size = -65536")  # 64 MiB of page cache for the writer
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            if conn is not None:
                conn.close()
            if _is_busy(exc):
                raise _Busy from exc
            raise DatabaseError(f"cannot open database {self.path}: {exc}; is it a storyline database?") from exc
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            raise DatabaseError(f"cannot open database {self.path}: {exc}; is it a storyline database?") from exc
        return conn

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: everything inside is committed together or not at all.

        Inside another `atomic` block it is a savepoint, committed with the outer transaction. A full disk
        becomes a `DatabaseError` saying so (the transaction is rolled back: nothing of it is stored).
        """
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT nested")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK TO nested")
                self.conn.execute("RELEASE nested")
                raise
            else:
                self.conn.execute("RELEASE nested")
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                if self._fts_pending:
                    self._flush_fts()
            except BaseException:
                if self.conn.in_transaction:  # SQLite may have rolled back already (a full disk does)
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if disk_full(exc):
                raise DatabaseError(Reasons.format("R040", path=Path(self.path).name, detail=exc)) from exc
            raise
        except OSError as exc:
            if disk_full(exc):
                raise DatabaseError(Reasons.format("R040", path=Path(self.path).name, detail=exc.strerror)) from exc
            raise

    def _flush_fts(self) -> None:
        """Index the articles inserted in this transaction (queued by a trigger, see migration 4)."""
        self.conn.execute("INSERT INTO articles_fts(rowid, title, text) "
                          "SELECT a.seq, a.title, a.text FROM fts_pending p JOIN articles a ON a.seq = p.seq")
        self.conn.execute("DELETE FROM fts_pending")

    # -- schema -------------------------------------------------------------------------------

    def schema_version(self) -> int:
        """Highest migration applied (0 for an empty database)."""
        exists = self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'migrations'").fetchone()
        if not exists:
            return 0
        return int(self.conn.execute("SELECT coalesce(max(version), 0) FROM migrations").fetchone()[0])

    def migrate(self) -> None:
        """Apply every migration not yet applied."""
        try:
            with self.atomic() as conn:
                conn.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                              " applied_at TEXT NOT NULL)")
                applied = {r[0] for r in conn.execute("SELECT version FROM migrations")}
                for version, name, sql in MIGRATIONS:
                    if version in applied:
                        continue
                    for statement in _statements(sql):
                        conn.execute(statement)
                    conn.execute("INSERT INTO migrations VALUES (?, ?, ?)", (version, name, _now()))
                    log.info("applied migration %d: %s", version, name)
        except sqlite3.OperationalError as exc:
            raise DatabaseError(f"cannot write to database {self.path}: {exc}") from exc

    # -- writing ------------------------------------------------------------------------------

    def add_batch(self, items: list[Article | Rejection], report: IngestReport, *, duplicates: DuplicatePolicy) -> None:
        """Store a batch of prepared articles and rejections in one transaction, updating `report`; `duplicates`
        decides which stored article a new one is a near-duplicate copy of."""
        stamp = _now()
        with self.atomic() as conn:
            first_new = len(report.new_ids)
            for item in items:
                if isinstance(item, Rejection):
                    self._reject(conn, item, stamp, report)
                else:
                    self._add(conn, item, stamp, report, duplicates)
            if self.run_id is not None:  # which run stored them, so that a killed run's articles are finished later
                from .progress import record_stored

                record_stored(conn, self.run_id, report.new_ids[first_new:])

    def _reject(self, conn: sqlite3.Connection, item: Rejection, stamp: str, report: IngestReport) -> None:
        conn.execute("INSERT INTO rejections VALUES (?, ?, ?, ?) ON CONFLICT(source, code) DO UPDATE SET "
                     "reason = excluded.reason, last_seen = excluded.last_seen", (item.source, item.code, item.reason, stamp))
        report.rejected.append(item)

    def _add(self, conn: sqlite3.Connection, art: Article, stamp: str, report: IngestReport,
             duplicates: DuplicatePolicy) -> None:
        src = art.sources[0]
        record = src.record or ""
        if src.external_id:
            row = conn.execute("SELECT article_id FROM sources WHERE location = ? AND external_id = ? AND article_id != ?",
                               (src.location, src.external_id, art.id)).fetchone()
            if row:
                origin = f"{src.location}:{record}" if record else src.location
                reason = Reasons.format("R006", external_id=src.external_id, article_id=row[0])
                self._reject(conn, Rejection(origin, reason, "R006"), stamp, report)
                return
        exists = conn.execute("SELECT published_precision, published_start, published_note, published FROM articles "
                              "WHERE id = ?",
                              (art.id,)).fetchone()
        if exists is None:
            self._insert(conn, art, stamp, duplicates)
            report.accepted += 1
            report.new_ids.append(art.id)
        elif art.published is not None and _better_date(art, exists[0], exists[1], exists[3]):
            conn.execute("UPDATE articles SET published = ?, published_precision = ?, published_start = ?, "
                         "published_note = NULL WHERE id = ?",
                         (art.published, art.published_precision.value if art.published_precision else None,
                          art.published_start, art.id))
            self._reroot(conn, art.id, duplicates)
        elif art.published is None and exists[1] is None and _better_note(art.published_note, exists[2]):
            conn.execute("UPDATE articles SET published_note = ? WHERE id = ?", (art.published_note, art.id))
        cur = conn.execute("INSERT OR IGNORE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (art.id, src.location, record, src.url, src.outlet, src.external_id, stamp))
        if cur.rowcount:  # an input refused earlier and accepted now is no longer a rejection
            conn.execute("DELETE FROM rejections WHERE source = ?", (f"{src.location}:{record}" if record else src.location,))
        if exists is not None:
            if cur.rowcount:
                report.duplicates += 1
            else:
                report.already_stored += 1

    def _insert(self, conn: sqlite3.Connection, art: Article, stamp: str, duplicates: DuplicatePolicy) -> None:
        keys: list[tuple[int, int]] = []
        match: str | None = None
        if art.signature is not None and not art.boilerplate:  # page furniture stands apart from copy groups
            sig = np.frombuffer(art.signature, dtype=np.uint32)
            keys = duplicates.keys(sig)
            match = self._nearest(conn, sig, keys, duplicates)
        cur = conn.execute(
            "INSERT INTO articles (id, title, text, lang, lang_confidence, published, published_precision, "
            "published_start, published_note, n_chars, ingested_at, text_note, boilerplate) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (art.id, art.title, art.text, art.lang, art.lang_confidence, art.published,
             art.published_precision.value if art.published_precision else None, art.published_start,
             art.published_note, len(art.text), stamp, art.text_note, int(art.boilerplate)))
        seq = cur.lastrowid
        if art.signature is not None:
            conn.execute("INSERT INTO signatures VALUES (?, ?)", (seq, art.signature))
            conn.executemany("INSERT OR IGNORE INTO lsh_bands VALUES (?, ?, ?)", [(k, b, seq) for b, k in keys])
        if match is not None:
            art.copy_of = self._join_group(conn, art.id, match, duplicates)

    def _nearest(self, conn: sqlite3.Connection, sig: np.ndarray, keys: list[tuple[int, int]],
                 duplicates: DuplicatePolicy) -> str | None:
        """The stored article whose text is most similar to `sig`, if at or above the policy's threshold."""
        # At most BUCKET_CANDIDATES of the oldest articles per band bucket: a flood of near-identical records
        # (thousands of copies of one text) otherwise makes every insert compare with all earlier copies.
        query = " UNION ALL ".join(["SELECT * FROM (SELECT seq FROM lsh_bands WHERE key = ? AND band = ? "
                                    "ORDER BY seq LIMIT ?)"] * len(keys))
        candidates = {r[0] for r in conn.execute(query, [v for b, k in keys for v in (k, b, BUCKET_CANDIDATES)])}
        best, best_sim = None, 0.0
        for cand in sorted(candidates):
            other = self._signature(conn, cand)
            sim = duplicates.similarity(sig, other) if len(other) == len(sig) else 0.0
            if sim >= duplicates.threshold and sim > best_sim:
                best, best_sim = cand, sim
        if best is None:
            return None
        return str(conn.execute("SELECT id FROM articles WHERE seq = ?", (best,)).fetchone()[0])

    def _join_group(self, conn: sqlite3.Connection, new_id: str, match: str,
                    duplicates: DuplicatePolicy) -> str | None:
        """Link `new_id` into the near-duplicate group of `match`; return its original, if it is a copy.

        The original of a group is its earliest-published member (ties: smallest id), so the result
        does not depend on the order of ingest. A text shared under as many different titles as the policy's
        `is_boilerplate` says (three) is not a wire copy but page boilerplate (a cookie wall, an archive notice, a wrong scrape): then
        the whole group is flagged as boilerplate and nothing in it is called a copy.
        """
        row = conn.execute("SELECT coalesce(copy_of, id), boilerplate FROM articles WHERE id = ?", (match,)).fetchone()
        root, boilerplate = row[0], row[1]
        members = [r[0] for r in conn.execute("SELECT id FROM articles WHERE id = ? OR copy_of = ?", (root, root))]
        members.append(new_id)
        marks = ",".join("?" * len(members))
        if boilerplate:
            conn.execute("UPDATE articles SET boilerplate = 1 WHERE id = ?", (new_id,))
            return None
        titles = {r[0].casefold() for r in conn.execute(f"SELECT title FROM articles WHERE id IN ({marks})", members)}
        if duplicates.is_boilerplate(titles):
            conn.execute(f"UPDATE articles SET boilerplate = 1, copy_of = NULL, copy_similarity = NULL "
                         f"WHERE id IN ({marks})", members)
            return None
        return self._set_root(conn, members, new_id, duplicates)

    def _reroot(self, conn: sqlite3.Connection, article_id: str, duplicates: DuplicatePolicy) -> None:
        """Choose the original of `article_id`'s near-duplicate group again (after its date changed)."""
        row = conn.execute("SELECT coalesce(copy_of, id), boilerplate FROM articles WHERE id = ?", (article_id,)).fetchone()
        members = [r[0] for r in conn.execute("SELECT id FROM articles WHERE id = ? OR copy_of = ?", (row[0], row[0]))]
        if len(members) > 1 and not row[1]:
            self._set_root(conn, members, article_id, duplicates)

    def _set_root(self, conn: sqlite3.Connection, members: list[str], new_id: str,
                  duplicates: DuplicatePolicy) -> str | None:
        """Make the earliest-published member the original and the others its copies."""
        marks = ",".join("?" * len(members))
        first = conn.execute(f"SELECT id FROM articles WHERE id IN ({marks}) "
                             f"ORDER BY published_start IS NULL, published_start, id LIMIT 1", members).fetchone()[0]
        root_sig = self._signature_of(conn, first)
        for member in members:
            if member == first:
                conn.execute("UPDATE articles SET copy_of = NULL, copy_similarity = NULL WHERE id = ?", (member,))
                continue
            sim = duplicates.similarity(root_sig, self._signature_of(conn, member))
            conn.execute("UPDATE articles SET copy_of = ?, copy_similarity = ? WHERE id = ?", (first, round(sim, 3), member))
        return first if first != new_id else None

    @staticmethod
    def _signature(conn: sqlite3.Connection, seq: int) -> np.ndarray:
        return np.frombuffer(conn.execute("SELECT signature FROM signatures WHERE seq = ?", (seq,)).fetchone()[0],
                             dtype=np.uint32)

    @staticmethod
    def _signature_of(conn: sqlite3.Connection, article_id: str) -> np.ndarray:
        return np.frombuffer(conn.execute("SELECT s.signature FROM signatures s JOIN articles a ON a.seq = s.seq "
                                          "WHERE a.id = ?", (article_id,)).fetchone()[0], dtype=np.uint32)

    # -- reading ------------------------------------------------------------------------------

    def count(self) -> int:
        """Number of stored articles."""
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def group_counts(self) -> tuple[int, int]:
        """Number of articles stored as near-duplicate copies, and as boilerplate."""
        row = self.conn.execute("SELECT count(copy_of), coalesce(sum(boilerplate), 0) FROM articles").fetchone()
        return row[0], row[1]

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with every stored field, or None; a unique id prefix of 6+ characters also works."""
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None and len(article_id) >= 6 and re.fullmatch(r"[0-9a-f]+", article_id):
            rows = self.conn.execute("SELECT * FROM articles WHERE id LIKE ? LIMIT 2", (article_id + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            return None
        data = _article_dict(row, self._sources([row["id"]])[row["id"]])
        data["text"] = row["text"]
        data["copies"] = [r[0] for r in self.conn.execute("SELECT id FROM articles WHERE copy_of = ? ORDER BY seq", (row["id"],))]
        return data

    def _sources(self, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start:chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"SELECT * FROM sources WHERE article_id IN ({marks}) ORDER BY first_seen, location, record", chunk):
                found[r["article_id"]].append({k: r[k] for k in ("location", "record", "url", "outlet", "external_id", "first_seen")})
        return found

    def articles(self, *, lang: str | None = None, since: str | None = None, until: str | None = None,
                 limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Articles in publication order (undated last), filtered by language and date."""
        where, args = _filters(lang, since, until)
        sql = (f"SELECT * FROM articles {where} ORDER BY published_start IS NULL, published_start, seq "
               f"LIMIT ? OFFSET ?")
        rows = self.conn.execute(sql, (*args, -1 if limit is None else limit, offset)).fetchall()
        sources = self._sources([r["id"] for r in rows])
        return [_article_dict(r, sources[r["id"]]) for r in rows]

    def iter_articles(self, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every article with its text, in insertion order, without loading all at once."""
        last = 0
        while True:
            rows = self.conn.execute("SELECT * FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            for r in rows:
                data = _article_dict(r, [])
                data["text"] = r["text"]
                yield data
            last = rows[-1]["seq"]

    def search(self, query: str, *, limit: int = 20, lang: str | None = None,
               mark: tuple[str, str] = ("«", "»"), budget: float | None = SEARCH_SECONDS) -> list[dict[str, Any]]:
        """Full-text search over title and text, best first, with a highlighted snippet.

        `query` is a user query (words, "phrases", prefix*, AND/OR/NOT; see :mod:`storyline.store.search_query`),
        never raw FTS5 syntax. Raises :class:`~storyline.errors.QueryError` for a query over a limit and
        :class:`~storyline.errors.SearchTimeout` when it runs past `budget` seconds (None: no limit).
        """
        match = fts_query(query)
        if match is None:
            return []
        sql = ("SELECT a.id, a.title, a.lang, a.published, a.published_precision, "
               "snippet(articles_fts, 1, ?, ?, '…', 16) AS snippet, bm25(articles_fts, 4.0, 1.0) AS score "
               "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? "
               + ("AND a.lang = ? " if lang else "") + "ORDER BY score LIMIT ?")
        args: list[Any] = [mark[0], mark[1], match] + ([lang] if lang else []) + [limit]
        with time_budget(self.conn, budget):
            rows = self.conn.execute(sql, args).fetchall()
        return [{**{k: r[k] for k in r.keys() if k != "score"}, "score": round(-r["score"], 4)} for r in rows]

    def rejections(self) -> list[dict[str, Any]]:
        """Every input that was refused, with its reason."""
        return [dict(r) for r in self.conn.execute("SELECT * FROM rejections ORDER BY source")]

    def stats(self) -> dict[str, Any]:
        """Counts by language, month and source."""
        q = self.conn.execute
        return {
            "articles": self.count(),
            "near_duplicates": q("SELECT count(*) FROM articles WHERE copy_of IS NOT NULL").fetchone()[0],
            "boilerplate": q("SELECT count(*) FROM articles WHERE boilerplate").fetchone()[0],
            "undated": q("SELECT count(*) FROM articles WHERE published IS NULL").fetchone()[0],
            "sources": q("SELECT count(*) FROM sources").fetchone()[0],
            "rejected": q("SELECT count(*) FROM rejections").fetchone()[0],
            "pending": self.pending(),
            "by_language": {r[0] or "unknown": r[1] for r in q(
                "SELECT lang, count(*) FROM articles GROUP BY lang ORDER BY count(*) DESC")},
            "by_month": {r[0] or "unknown": r[1] for r in q(
                "SELECT substr(published_start, 1, 7) AS m, count(*) FROM articles GROUP BY m ORDER BY m IS NULL, m")},
            "by_source": {r[0]: r[1] for r in q(
                "SELECT coalesce(outlet, location) AS s, count(DISTINCT article_id) FROM sources GROUP BY s "
                "ORDER BY count(DISTINCT article_id) DESC, s LIMIT 50")},
        }

    def count_stories(self) -> int:
        """How many stories the database holds."""
        return int(self.conn.execute("SELECT count(*) FROM stories").fetchone()[0])

    def pending(self) -> dict[str, int]:
        """How many articles wait for each later stage (analyse, cluster, timelines): see store.progress."""
        from .progress import pending_counts

        return pending_counts(self)

    def dump(self) -> list[tuple[Any, ...]]:
        """A canonical snapshot of the stored content (for comparing databases), independent of insertion order."""
        arts = self.conn.execute("SELECT id, title, text, lang, published, published_precision, published_note, "
                                 "copy_of, boilerplate FROM articles ORDER BY id").fetchall()
        srcs = self.conn.execute("SELECT article_id, location, record, url, outlet, external_id FROM sources "
                                 "ORDER BY article_id, location, record").fetchall()
        return [tuple(r) for r in arts] + [tuple(r) for r in srcs]


_PRECISION_RANK = {"year": 0, "month": 1, "day": 2, "minute": 3}


def disk_full(exc: BaseException) -> bool:
    """True for SQLite's 'database or disk is full' and for the operating system's ENOSPC/EDQUOT."""
    import errno

    if isinstance(exc, sqlite3.Error):
        return "disk is full" in str(exc) or getattr(exc, "sqlite_errorcode", None) == 13  # SQLITE_FULL
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def _better_date(art: Article, precision: str | None, start: str | None, published: str | None = None) -> bool:
    """True when a duplicate's date should replace the stored one: finer precision, then earlier, then (the same
    moment written with another offset) the smaller text.

    Applied to every duplicate, this keeps the same date whatever order the copies arrive in.
    """
    if start is None:
        return True
    new_rank = _PRECISION_RANK[art.published_precision.value] if art.published_precision else -1
    old_rank = _PRECISION_RANK.get(precision or "", -1)
    if new_rank != old_rank:
        return new_rank > old_rank
    if (art.published_start or "") != start:
        return (art.published_start or "") < start
    return published is not None and (art.published or "") < published


BUCKET_CANDIDATES = 64


def _better_note(new: str | None, old: str | None) -> bool:
    """Between two reasons for an unknown date, prefer the one that says more, then the first in sort order."""
    if not new or new == old:
        return False
    if old is None or old == DateNotes.MISSING:
        return new != DateNotes.MISSING
    return new != DateNotes.MISSING and new < old


def _article_dict(row: sqlite3.Row, sources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": row["title"],
        "lang": row["lang"],
        "lang_confidence": row["lang_confidence"],
        "published": row["published"],
        "published_precision": row["published_precision"],
        "published_note": row["published_note"],
        "text_note": row["text_note"] if "text_note" in row.keys() else None,
        "copy_of": row["copy_of"],
        "copy_similarity": row["copy_similarity"],
        "boilerplate": bool(row["boilerplate"]),
        "n_chars": row["n_chars"],
        "ingested_at": row["ingested_at"],
        "sources": [s["url"] or s["location"] for s in sources] if sources else [],
        "source_details": sources,
    }


def _filters(lang: str | None, since: str | None, until: str | None) -> tuple[str, list[Any]]:
    clauses, args = filter_clauses(lang, since, until)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def filter_clauses(lang: str | None, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    """SQL conditions on `articles` for a language and an inclusive date window, with their arguments."""
    clauses: list[str] = []
    args: list[Any] = []
    if lang:
        clauses.append("lang = ?")
        args.append(lang)
    if since:
        clauses.append("published_start >= ?")
        args.append(since)
    if until:
        clauses.append("published_start < ?")
        args.append(_after(until))
    return clauses, args


def _after(until: str) -> str:
    """The first instant after an inclusive 'until' of any precision ('2018-05' includes all of May)."""
    return until + "\U0010ffff"


def _statements(sql: str) -> list[str]:
    """Split a migration script on statement boundaries, keeping trigger bodies whole."""
    parts, current = [], []
    for line in sql.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            parts.append(joined)
            current = []
    if "\n".join(current).strip():
        parts.append("\n".join(current))
    return parts

