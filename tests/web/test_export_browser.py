"""Exports in a real headless Chromium: the HTML report opened from disk with the network cut off, and a
story downloaded from the web app.

Uses the system's /usr/bin/chromium through Playwright (never a downloaded browser); skips with the reason
when either is missing. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import storyline
from storyline.export import all_documents, to_html_all

from ..export.helpers import HOSTILE_STORY, hostile_database
from .browser import require_browser, serve, shot, watched_tab

require_browser()

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's database plus a story made of one hostile article."""
    return hostile_database(tmp_path_factory)


@pytest.fixture(scope="module")
def docs(db: Path) -> list[dict]:
    with storyline.open(db, readonly=True) as archive:
        return list(all_documents(archive))


@pytest.fixture(scope="module")
def report(docs: list[dict], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export-report") / "report.html"
    path.write_text(to_html_all(docs), encoding="utf-8")
    return path


def test_report_opens_from_disk_with_no_network(browser, report, docs):
    with watched_tab(browser, "file://", log_requests=True) as (tab, watch):
        tab.goto(report.as_uri())
        assert tab.locator("#index h1").inner_text() == "Stories"
        assert tab.locator(".story-index > li").count() == len(docs) >= 2
        assert tab.locator("section.story").count() == len(docs)
        shot(tab, "export-01-report-index", full_page=False)
        first = docs[0]
        story = tab.locator(f"#story-{first['id']}")
        assert story.locator("h2").inner_text() == " ".join(first["headline"].split())
        dots = story.locator(".axis .dot")
        pills = story.locator(".axis .pill").evaluate_all("els => els.map(e => +e.getAttribute('data-n'))")
        assert dots.count() + sum(pills) == story.locator("ol.entries > li").count() == len(first["timeline"]) >= 2
        boxes = [dots.nth(i).bounding_box() for i in range(dots.count())]
        assert all(b and b["width"] > 10 and b["height"] > 10 for b in boxes)  # the style sheet applied
        marks = story.locator(".axis .dot, .axis .pill").evaluate_all(
            "els => els.map(e => [e.getBoundingClientRect().x, +e.getAttribute('href').split('-').pop()])")
        firsts = [n for _, n in sorted(marks) if not first["timeline"][n - 1]["estimated"]]
        assert len(firsts) >= 2 and firsts == sorted(firsts)  # later dates further right
        assert story.locator(".summary").is_visible() and story.locator(".entities li").count() >= 1
        assert story.locator("table.articles tbody tr").count() == first["n_articles"]
        second = tab.locator(f"#story-{first['id']} .axis").locator(".dot, .pill").nth(1)
        second.click()
        assert tab.evaluate("location.hash") == second.get_attribute("href")
        assert tab.locator("ol.entries > li:target").count() == 1
        story.scroll_into_view_if_needed()
        shot(tab, "export-02-report-story", full_page=False)
        tab.goto(report.as_uri() + f"#story-{HOSTILE_STORY}")
        hostile = tab.locator(f"#story-{HOSTILE_STORY}")
        assert hostile.locator("h2").inner_text().startswith("<script>window.__pwned = 1;")
        assert hostile.locator("script, img, iframe").count() == 0
        assert hostile.locator("table.articles a").count() == 0  # its javascript: URL is not a link
        assert tab.evaluate("typeof window.__pwned") == "undefined"
        shot(tab, "export-03-report-hostile", full_page=False)
        watch.check()


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    """`storyline serve` over the test database in its own process on a free loopback port."""
    with serve(db) as base:
        yield base


def test_story_download_from_the_web_app(browser, server, docs, tmp_path):
    first = docs[0]
    with watched_tab(browser, server + "/", log_requests=True) as (tab, watch):
        tab.goto(f"{server}/stories/{first['id']}")
        assert " ".join(first["title"].split()) in tab.locator("h1").inner_text()
        links = tab.locator("a[href*='/export']")
        if links.count():  # the story page's own export links, when the web app has them
            with tab.expect_download() as info:
                links.first.click()
            assert info.value.suggested_filename.startswith(f"story-{first['id']}.")
        url = f"/api/stories/{first['id']}/export?format=html"
        with tab.expect_download() as info:  # the browser's own download path for the endpoint
            tab.evaluate("url => { const a = document.createElement('a'); a.href = url; "
                         "document.body.appendChild(a); a.click(); }", url)
        download = info.value
        assert download.suggested_filename == f"story-{first['id']}.html"
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        page = saved.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and f'id="story-{first["id"]}"' in page
        response = tab.request.get(f"{server}/api/stories/{first['id']}/export?format=csv")
        assert response.status == 200 and response.headers["content-type"].startswith("text/csv")
        assert response.text().count("\r\n") == first["n_articles"] + 1
        shot(tab, "export-04-story-page")
        watch.check()
    with watched_tab(browser, "file://", log_requests=True) as (tab, watch):  # the downloaded report also reads offline
        tab.goto(saved.as_uri())
        pills = tab.locator(".axis .pill").evaluate_all("els => els.map(e => +e.getAttribute('data-n'))")
        assert tab.locator(".axis .dot").count() + sum(pills) == len(first["timeline"])
        shot(tab, "export-05-downloaded-report")
        watch.check()
