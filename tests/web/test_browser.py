"""End to end in a real headless Chromium: `storyline serve` on the sample corpus, clicked through like a reader.

Uses the system's /usr/bin/chromium (Debian package `chromium`) through Playwright, never a downloaded
browser; skips with the reason when either is missing. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..api.helpers import HOSTILE_ID, HOSTILE_TITLE
from .browser import require_browser, serve, shot, watched_tab

require_browser()

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(hostile_story_db: Path) -> Iterator[str]:
    """`storyline serve` in its own process on a free loopback port; stopped after the module.

    Its database is the sample corpus plus the hostile article, which also sits in a story and names a hostile
    entity (tests/web/conftest.py), so the story, timeline and entity pages show untrusted text too."""
    with serve(hostile_story_db) as base:
        yield base


@pytest.fixture
def page(browser, server):
    """A tab that may only reach the server; what it did wrong is in `page.watch` (see tests/web/browser.py)."""
    with watched_tab(browser, server + "/") as (tab, watch):
        tab.watch = watch
        yield tab


def test_home_page(page, server):
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "The archive"
    assert page.locator(".card .num").first.inner_text() == "49"
    width = page.locator(".bar").first.evaluate("el => el.style.width")
    assert width.endswith("%") and width != "0.0%"  # app.js ran under the Content-Security-Policy
    shot(page, "01-home")
    page.watch.check()


def test_article_list_filters_and_pages(page, server):
    page.goto(server + "/")
    page.get_by_role("link", name="Articles", exact=True).first.click()
    page.wait_for_url("**/articles")
    assert page.locator(".article-list > li").count() == 20
    assert "1–20 of 49" in page.locator(".count").inner_text()
    shot(page, "02-articles")
    page.get_by_role("link", name="Next →").click()
    page.wait_for_url("**/articles?page=2")
    assert "21–40 of 49" in page.locator(".count").inner_text()
    page.select_option("select[name=language]", "en")  # applies at once (app.js)
    page.wait_for_url("**/articles?language=en*")
    assert "1–18 of 18" in page.locator(".count").inner_text()
    assert page.locator(".article-list .lang").all_inner_texts() == ["English"] * 18
    page.watch.check()


def test_article_page(page, server):
    page.goto(server + "/articles")
    first = page.locator(".article-list .title").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == title
    assert len(page.locator(".article-text").inner_text()) > 200
    assert page.locator("#entities").is_visible() and page.locator("#sources li").count() >= 1
    shot(page, "03-article")
    page.watch.check()


def test_search_for_a_name_and_open_a_result(page, server):
    page.goto(server + "/")
    page.fill(".hero input[name=q]", "Kessler")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Kessler*")
    results = page.locator(".results > li")
    assert results.count() >= 3
    assert page.locator(".results mark").first.inner_text().lower() == "kessler"
    shot(page, "04-search")
    title = results.first.locator(".title").inner_text()
    results.first.locator(".title").click()
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == title
    assert "Kessler" in page.locator(".article-text").inner_text()
    shot(page, "05-search-result")
    page.watch.check()


def test_dutch_interface_and_hotkey(page, server):
    page.goto(server + "/articles")
    page.get_by_role("link", name="NL", exact=True).click()
    page.wait_for_url("**lang=nl*")
    assert page.locator("h1").inner_text() == "Artikelen"
    page.goto(server + "/")  # the choice is remembered
    assert page.locator("h1").inner_text() == "Het archief"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    shot(page, "06-home-nl")
    page.watch.check()


def test_hostile_article_is_shown_not_run(page, server):
    page.goto(f"{server}/articles/{HOSTILE_ID}")
    assert page.locator("h1").inner_text().startswith("<script>window.__pwned = 1;")
    assert "<img src=x onerror=" in page.locator(".article-text").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(".article-text script, .article-text img, .article-text iframe").count() == 0
    assert page.locator("#sources a").count() == 0  # a javascript: URL is not made a link
    shot(page, "07-hostile-article")
    page.goto(f"{server}/search?q=Zwartewater")
    assert page.locator(".results mark").count() >= 1
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.watch.check()


def test_story_timeline(page, server):
    page.goto(server + "/")
    page.get_by_role("link", name="Stories", exact=True).click()
    page.wait_for_url("**/stories")
    first = page.locator(".story-list .title").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("h1").inner_text() == title
    assert page.locator(".timeline .event").count() >= 1
    shot(page, "08-story")
    page.locator(".timeline a").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("#story .story-link").inner_text() == title
    page.watch.check()




def _api(server: str, path: str) -> dict:
    import json

    with urllib.request.urlopen(server + path, timeout=30) as response:
        return json.loads(response.read())


def test_story_list_to_a_zoomable_timeline(page, server):
    page.goto(server + "/stories")
    assert page.locator(".story-list svg.spark").count() >= 1
    shot(page, "09-story-list")
    first = page.locator(".story-list .title").first
    first.click()
    page.wait_for_url("**/stories/*")
    story_id = page.url.rsplit("/", 1)[1]
    story = _api(server, f"/api/stories/{story_id}")
    tlv = page.locator("#tlv")
    assert tlv.is_visible() and page.locator("#tl-list").is_hidden()
    timeline = story["timeline"]
    # every entry is drawn once after "Show all" (disabled when all is shown): as its own mark, or counted in a pill
    if page.locator(".tlv-fit").is_enabled():
        page.locator(".tlv-fit").click()
    singles = page.locator("#tlv .tlv-marks .tlv-entry").evaluate_all("els => els.map(e => e.getAttribute('data-date'))")
    counted = sum(page.locator("#tlv .tlv-cluster").evaluate_all("els => els.map(e => +e.getAttribute('data-count'))"))
    assert len(singles) + counted == len(timeline) >= 1
    assert set(singles) <= {e["date"] for e in timeline}
    estimated = sum(1 for e in timeline if e["estimated"])
    assert page.locator("#tlv .tlv-estimated").count() <= estimated
    # the latest date is picked on load: its sentences, as text, with links to their articles
    page.reload()
    latest = max(range(len(timeline)), key=lambda i: (timeline[i]["date"], not timeline[i]["estimated"], i))
    assert tlv.get_attribute("data-selected") == str(latest)
    detail = page.locator(".tlv-detail")
    picked = timeline[int(tlv.get_attribute("data-selected"))]
    assert detail.locator(".tl-text").all_inner_texts() == [s["text"] for s in picked["sentences"]]
    assert detail.locator("a").first.get_attribute("href").startswith("/articles/")
    shot(page, "10-story-timeline")
    # zoom with the button and the wheel, then pan by dragging
    zoom = float(tlv.get_attribute("data-zoom"))
    page.locator(".tlv-zoom-in").click()
    assert float(tlv.get_attribute("data-zoom")) > zoom * 1.5
    box = page.locator(".tlv-viewport").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = float(tlv.get_attribute("data-zoom"))
    page.mouse.wheel(0, -400)
    page.wait_for_function(f"document.getElementById('tlv').getAttribute('data-zoom') > {before}")
    shown = tlv.get_attribute("data-view")
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 150, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    assert tlv.get_attribute("data-view") != shown
    shot(page, "11-story-timeline-zoomed")
    page.locator(".tlv-fit").click()
    assert float(tlv.get_attribute("data-zoom")) == 1
    # pick the first date with the keyboard
    page.locator("#tlv .tlv-viewport").focus()
    page.keyboard.press("Home")
    first = min(e["date"] for e in timeline)  # a month entry is placed mid-month: the first mark may be a day of it
    assert timeline[int(tlv.get_attribute("data-selected"))]["date"][:7] == first[:7]
    picked = timeline[int(tlv.get_attribute("data-selected"))]
    assert detail.locator(".tl-text").all_inner_texts() == [s["text"] for s in picked["sentences"]]
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.watch.check()


def test_timeline_without_javascript_is_a_list(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        story = _api(server, "/api/stories")["items"][0]
        timeline = _api(server, f"/api/stories/{story['id']}")["timeline"]
        tab.goto(f"{server}/stories/{story['id']}")
        assert tab.locator("#tlv").is_hidden()
        assert tab.locator("#tl-list > li").count() == len(timeline)
        times = tab.locator("#tl-list .tl-date time")
        assert times.evaluate_all("els => els.map(e => e.getAttribute('datetime'))") == [e["date"] for e in timeline]
        assert not any(re.fullmatch(r"[\d-]+", text) for text in times.all_inner_texts())  # written for people
        shot(tab, "12-story-no-js")
    finally:
        context.close()


def test_hostile_story_is_shown_not_run(page, server):
    hostile = next(s for s in _api(server, "/api/stories?limit=200")["items"] if HOSTILE_ID in s["article_ids"])
    page.goto(f"{server}/stories/{hostile['id']}")
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    n = page.locator("#tl-list > li").count()
    page.locator("#tlv .tlv-viewport").focus()
    page.keyboard.press("Home")
    picked = set()
    for _ in range(n):  # every date in turn, its sentences shown as text
        picked.add(page.locator("#tlv").get_attribute("data-selected"))
        assert page.locator(".tlv-detail script, .tlv-detail img, .tlv-detail iframe").count() == 0
        page.keyboard.press("ArrowRight")
    assert len(picked) == n
    page.goto(f"{server}/stories")
    page.goto(f"{server}/entities?q=img")
    assert page.locator(".entity-table a").first.inner_text().startswith("<img src=x")
    page.locator(".entity-table a").first.click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text().startswith("<img src=x onerror=")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(page, "13-hostile-entity")
    page.watch.check()


def test_search_a_name_open_a_result_then_its_entity_page(page, server):
    page.goto(server + "/search?q=Kessler")
    page.locator(".results .title").first.click()
    page.wait_for_url("**/articles/*")
    marks = page.locator("#text mark.ann-entity")
    assert marks.count() >= 1 and "Kessler" in " ".join(marks.all_inner_texts())
    link = page.locator("#entities a", has_text="Kessler").first
    name = link.inner_text()
    link.click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text() == name
    entity = _api(server, "/api/entities/" + urllib.parse.quote(name))
    assert page.locator("#entity-articles .article-list > li").count() == len(entity["articles"])
    assert page.locator("#co-occurring a").count() == len(entity["co_occurring"])
    shot(page, "14-entity")
    page.goto(server + "/entities")
    assert page.locator(".entity-table tbody tr").count() >= 10
    page.select_option("select[name=type]", "PER")
    page.wait_for_url("**/entities?*type=PER*")
    assert set(page.locator(".entity-table .tag").all_inner_texts()) == {"person"}
    shot(page, "15-entities")
    page.get_by_role("link", name="NL", exact=True).click()
    page.wait_for_url("**lang=nl*")
    assert page.locator("h1").inner_text() == "Entiteiten"
    assert set(page.locator(".entity-table .tag").all_inner_texts()) == {"persoon"}
    page.watch.check()
