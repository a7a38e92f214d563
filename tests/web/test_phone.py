"""The web app and the HTML report on a phone: at 360 px wide no page is wider than the screen, in both languages.

Runs `storyline serve` on the sample corpus (ingested, analysed and clustered as the demo does) in the system
Chromium (tests/web/browser.py); screenshots go to artifacts/screenshots/phone-*.png.
"""

from __future__ import annotations

import json
import sqlite3
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import storyline
from storyline.export import all_documents
from storyline.export.files import write_all

from ..api.helpers import copy_database, sample_database
from .browser import require_browser, serve, shot

require_browser()

pytestmark = pytest.mark.slow

PHONE = {"width": 360, "height": 740}
# Reports every element that sticks out on the right, for a readable failure message.
OVERFLOW = """() => [document.documentElement.scrollWidth, innerWidth,
  [...document.querySelectorAll('body *')].filter(el => el.getBoundingClientRect().right > innerWidth + 1)
    .slice(0, 5).map(el => el.tagName + '.' + el.getAttribute('class') + ' ' + Math.round(el.getBoundingClientRect().right))]"""


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_database(sample_database(tmp_path_factory), tmp_path_factory.mktemp("phone") / "storyline.db")


@pytest.fixture(scope="module")
def server(demo_db: Path) -> Iterator[str]:
    with serve(demo_db) as base:
        yield base


def _pages(db: Path, base: str) -> dict[str, str]:
    """One URL of every page type, picked from the database (the longest article, the largest story ...)."""
    conn = sqlite3.connect(db)
    try:
        article = conn.execute("SELECT id FROM articles ORDER BY n_chars DESC LIMIT 1").fetchone()[0]
        story = conn.execute("SELECT story_id FROM story_assignments GROUP BY story_id ORDER BY count(*) DESC "
                             "LIMIT 1").fetchone()
    finally:
        conn.close()
    with urllib.request.urlopen(base + "/api/entities?limit=1", timeout=30) as response:
        entity = json.loads(response.read())["items"][0]["name"]
    pages = {"home": "/", "articles": "/articles", "article": f"/articles/{article}", "search": "/search?q=Meditrack",
             "entities": "/entities", "entity": "/entities/" + urllib.parse.quote(entity), "api": "/api"}
    if story is not None:
        pages |= {"stories": "/stories", "story": f"/stories/{story[0]}"}
    return pages


def _assert_fits(tab, name: str) -> None:  # noqa: ANN001 - a Playwright page
    scroll_width, inner_width, wide = tab.evaluate(OVERFLOW)
    shot(tab, f"phone-{name}")
    assert scroll_width <= inner_width, f"{name}: page is {scroll_width} px wide on a {inner_width} px screen: {wide}"


@pytest.mark.parametrize("ui", ["en", "nl"])
def test_no_page_is_wider_than_a_phone(browser, server, demo_db, ui):
    pages = _pages(demo_db, server)
    assert {"stories", "story"} <= set(pages)
    context = browser.new_context(viewport=PHONE, locale="nl-NL" if ui == "nl" else "en-US")
    try:
        tab = context.new_page()
        for kind, path in pages.items():
            response = tab.goto(server + path + ("&" if "?" in path else "?") + f"lang={ui}")
            assert response.status == 200, (kind, path)
            assert tab.evaluate("document.documentElement.lang") == ui
            _assert_fits(tab, f"{ui}-{kind}")
    finally:
        context.close()


def test_header_is_compact_on_a_phone(browser, server):
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(server + "/articles?lang=nl")
        height = tab.locator("header.top").bounding_box()["height"]
        assert height <= 110, f"the header takes {height} px of a 740 px screen"
    finally:
        context.close()


def test_html_report_fits_a_phone(browser, demo_db, tmp_path):
    with storyline.open(demo_db, readonly=True) as archive:
        report = write_all(list(all_documents(archive)), "html", tmp_path / "report.html")[0]
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(Path(report).as_uri())
        _assert_fits(tab, "report")
    finally:
        context.close()
