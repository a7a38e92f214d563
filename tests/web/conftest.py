"""Fixtures for the web tests: the sample corpus plus hostile articles, served by TestClient or a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ..api.helpers import app_for, copy_database, insert_raw_article, sample_database
from .browser import chromium


def _html_client(db: Path) -> Iterator[TestClient]:
    """A TestClient over the app on `db` that asks for HTML pages, as a browser does."""
    with TestClient(app_for(db)) as c:
        c.headers["Accept"] = "text/html"
        yield c


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus plus one hostile article stored without cleaning (see tests/api/helpers.py)."""
    target = tmp_path_factory.mktemp("web") / "storyline.db"
    copy_database(sample_database(tmp_path_factory), target)
    insert_raw_article(target)
    return target


@pytest.fixture(scope="session")
def web(web_db: Path) -> Iterator[TestClient]:
    yield from _html_client(web_db)


HOSTILE_ENTITY = '<img src=x onerror="window.__pwned=6">Zwartewater'


@pytest.fixture(scope="session")
def hostile_story_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus with the hostile article placed in a story (whose title becomes hostile too), with a
    hostile entity name and a date annotated in its text: every story and entity page shows untrusted text."""
    import sqlite3

    from ..api.helpers import HOSTILE_ID, HOSTILE_TEXT, HOSTILE_TITLE

    target = tmp_path_factory.mktemp("hostile-story") / "storyline.db"
    copy_database(sample_database(tmp_path_factory), target)
    insert_raw_article(target)
    conn = sqlite3.connect(target)
    with conn:
        row = conn.execute("SELECT story_id, event_id FROM story_assignments LIMIT 1").fetchone()
        if row is not None:
            conn.execute("INSERT INTO story_assignments VALUES (?, ?, ?, 1.0, 0, '2024-01-03T00:00:00Z')",
                         (HOSTILE_ID, row[1], row[0]))
            conn.execute("UPDATE stories SET title = ? WHERE id = ?", (HOSTILE_TITLE, row[0]))
            conn.execute("UPDATE events SET title = ? WHERE id = ?", (HOSTILE_TITLE, row[1]))
        start = HOSTILE_TEXT.index("Zwartewater")
        for n in range(3):  # named three times, so that it ranks among the story's key entities
            conn.execute("INSERT INTO article_entities VALUES (?, ?, ?, ?, 'PER', ?)",
                         (HOSTILE_ID, start + n * 1000, start + n * 1000 + 11, "Zwartewater", HOSTILE_ENTITY))
        script = HOSTILE_TEXT.index("<script>")
        conn.execute("INSERT INTO article_time_mentions VALUES (?, ?, ?, ?, ?, 'day', NULL, 1, 'date', NULL)",
                     (HOSTILE_ID, script, script + 8, "<script>", '2024-01-02"><script>alert(7)</script>'))
    conn.close()
    return target


@pytest.fixture(scope="session")
def hostile_web(hostile_story_db: Path) -> Iterator[TestClient]:
    yield from _html_client(hostile_story_db)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless system Chromium for one browser test module (tests/web/browser.py); skips when it is absent."""
    with chromium() as launched:
        yield launched
