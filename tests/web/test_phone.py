"""The web app and the HTML report on a phone: at 360 px wide no page is wider than the screen, in both languages.

Runs `storyline serve` on the sample corpus (ingested, analysed and clustered as the demo does), and on a database
of the DFN file (real scraped pages: long URLs, decades of dates, placeholders, page furniture), in the system
Chromium (tests/web/browser.py); screenshots go to artifacts/screenshots/phone-*.png (phone-dfn-* for DFN).
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


def _pages(db: Path, base: str, query: str = "Meditrack") -> dict[str, str]:
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
    pages = {"home": "/", "articles": "/articles", "article": f"/articles/{article}", "search": "/search?q=" + urllib.parse.quote(query),
             "entities": "/entities", "entity": "/entities/" + urllib.parse.quote(entity), "api": "/api"}
    if story is not None:
        pages |= {"stories": "/stories", "story": f"/stories/{story[0]}"}
    return pages


def _assert_fits(tab, name: str, full_page: bool = True) -> None:  # noqa: ANN001 - a Playwright page
    scroll_width, inner_width, wide = tab.evaluate(OVERFLOW)
    shot(tab, f"phone-{name}", full_page=full_page)
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


# -- the DFN file ---------------------------------------------------------------------------------------------

DFN_ARTICLES = 400


def dfn_subset(rows: list[dict], size: int = DFN_ARTICLES) -> list[dict]:
    """A subset of the DFN records that keeps what makes the file hard to lay out on a phone: whole incidents
    (so stories of many articles, with long source lists), the longest URLs and titles, the oldest and newest
    dates, placeholder and missing dates, the longest texts, in both languages. Deterministic."""
    picked: dict[str, dict] = {}

    def take(items: list[dict], n: int) -> None:
        for r in items[:n]:
            picked.setdefault(r["id"], r)

    by_incident: dict[str, list[dict]] = {}
    for r in rows:
        for label in r.get("incidents") or []:
            by_incident.setdefault(label, []).append(r)
    for label in sorted(by_incident, key=lambda k: (-len(by_incident[k]), k)):
        if len(picked) >= size // 2:
            break
        take(by_incident[label], 40)
    dated = sorted((r for r in rows if (r.get("published") or "")[:4].isdigit() and r["published"][:4] > "0001"),
                   key=lambda r: r["published"])
    take(sorted(rows, key=lambda r: -len(r.get("url") or "")), 30)
    take(sorted(rows, key=lambda r: -len(r.get("title") or "")), 20)
    take(dated, 20)
    take(dated[::-1], 20)
    take([r for r in rows if not (r.get("published") or "")[:4].isdigit() or r["published"][:4] <= "0001"], 30)
    take(sorted(rows, key=lambda r: -len(r.get("text") or "")), 15)
    take([r for r in rows if r.get("lang") == "nl"], 40)
    rest = [r for r in rows if r["id"] not in picked]
    step = max(1, len(rest) // max(1, size - len(picked)))
    take(rest[::step], size - len(picked))
    return list(picked.values())[:size]


@pytest.fixture(scope="module")
def dfn_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of DFN_ARTICLES records of the DFN file (see `dfn_subset`), analysed and clustered, once per
    module: the whole file takes minutes to ingest, a subset of it under a minute."""
    from tests.conftest import shared_path

    source = shared_path("dfn", "articles.jsonl")
    with source.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    folder = tmp_path_factory.mktemp("phone-dfn")
    subset = folder / "dfn-subset.jsonl"
    subset.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dfn_subset(rows)), encoding="utf-8")
    db = folder / "storyline.db"
    with storyline.open(db) as archive:
        archive.ingest(subset, cluster=True, analyse=True)
    return db


@pytest.fixture(scope="module")
def dfn_server(dfn_db: Path) -> Iterator[str]:
    with serve(dfn_db) as base:
        yield base


def test_dfn_subset_keeps_what_makes_the_file_hard():
    from tests.conftest import shared_path

    with shared_path("dfn", "articles.jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    subset = dfn_subset(rows)
    assert len(subset) == DFN_ARTICLES and len({r["id"] for r in subset}) == DFN_ARTICLES
    longest_url = max(len(r.get("url") or "") for r in rows)
    assert max(len(r.get("url") or "") for r in subset) == longest_url
    years = sorted(r["published"][:4] for r in subset if r["published"][:4].isdigit() and r["published"][:4] > "0001")
    assert int(years[-1]) - int(years[0]) >= 50  # decades of dates, as the whole file has
    assert {"nl", "en"} <= {r.get("lang") for r in subset}
    assert any(r["published"].startswith("0001") for r in subset)  # placeholder dates


@pytest.mark.parametrize("ui", ["en", "nl"])
def test_no_page_of_a_dfn_database_is_wider_than_a_phone(browser, dfn_server, dfn_db, ui):
    pages = _pages(dfn_db, dfn_server, query="Eurovision")
    assert {"stories", "story"} <= set(pages)
    context = browser.new_context(viewport=PHONE, locale="nl-NL" if ui == "nl" else "en-US")
    try:
        tab = context.new_page()
        for kind, path in pages.items():
            response = tab.goto(dfn_server + path + ("&" if "?" in path else "?") + f"lang={ui}", timeout=60000)
            assert response.status == 200, (kind, path)
            assert tab.evaluate("document.documentElement.lang") == ui
            _assert_fits(tab, f"dfn-{ui}-{kind}")
    finally:
        context.close()


def test_dfn_html_report_fits_a_phone(browser, dfn_db, tmp_path):
    with storyline.open(dfn_db, readonly=True) as archive:
        report = write_all(list(all_documents(archive)), "html", tmp_path / "report.html")[0]
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(Path(report).as_uri())
        _assert_fits(tab, "dfn-report", full_page=False)  # hundreds of stories: too tall for one picture
    finally:
        context.close()
