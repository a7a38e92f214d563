"""Databases the API and web tests share: the bundled sample corpus, and hostile articles."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import storyline
from storyline.data import sample_articles_dir

HOSTILE_ID = "bad0bad0bad0bad0"
HOSTILE_TITLE = '<script>window.__pwned = 1; alert("title")</script> Kwaadaardige **kop** «quoted»'
HOSTILE_TEXT = ('Dit artikel over Zwartewater bevat <script>window.__pwned = 2; alert("text")</script> en '
                '<img src=x onerror="window.__pwned = 3"> en een [link](javascript:alert(4)) in Markdown.\n\n'
                '<b>vet</b> &amp; <iframe src="https://example.org"></iframe> « niet gemarkeerd » einde Zwartewater.')
HOSTILE_URL = "javascript:window.__pwned=5"


def sample_database(factory: pytest.TempPathFactory) -> Path:
    """The sample corpus ingested, analysed (entities, dates) and clustered into stories (when storyline can), once
    per test session.

    Shared by the API and web tests: treat it as read-only.
    """
    path = factory.getbasetemp() / "sample-corpus" / "storyline.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with storyline.open(path) as archive:
            archive.ingest(sample_articles_dir())
            from storyline.text.analyse import analyse_articles

            analyse_articles(archive.store, backend="builtin")  # entities and dates, for the entity pages
            archive.cluster()
    return path


def copy_database(source: Path, target: Path) -> Path:
    """A private copy of a database (WAL checkpointed first)."""
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)
    return target


def insert_raw_article(db: Path, *, article_id: str = HOSTILE_ID, title: str = HOSTILE_TITLE,
                       text: str = HOSTILE_TEXT, url: str | None = HOSTILE_URL, published: str | None = "2024-01-02",
                       outlet: str = '<b onmouseover="x">Outlet</b>') -> None:
    """Store an article directly, bypassing ingest's cleaning: the web layer must be safe on its own."""
    storyline.open(db).close()  # make sure the schema exists
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO articles (id, title, text, lang, lang_confidence, published, published_precision, "
                     "published_start, published_note, n_chars, ingested_at) VALUES (?, ?, ?, 'nl', 1.0, ?, 'day', ?, "
                     "NULL, ?, '2024-01-03T00:00:00Z')",
                     (article_id, title, text, published, f"{published}T00:00:00Z" if published else None, len(text)))
        conn.execute("INSERT INTO sources VALUES (?, ?, '1', ?, ?, NULL, '2024-01-03T00:00:00Z')",
                     (article_id, "<script>alert('loc')</script>", url, outlet))
    conn.close()
    storyline.open(db).close()  # a writable open indexes rows inserted behind the store's back (full-text search)


# TestClient sends "Host: testserver"; the test apps answer it, a real server does not (storyline.api.hosts).
TEST_HOSTS = ("testserver",)


def app_for(db: Path, **options: object):
    """`storyline.web.create_app` over `db` for TestClient: the host name it sends is allowed."""
    from storyline.web import create_app

    return create_app(db, allowed_hosts=TEST_HOSTS, **options)
