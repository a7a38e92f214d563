"""Exports in a real headless Chromium: the HTML report opened from disk with the network cut off, and a
story downloaded from the web app.

Uses the system's /usr/bin/chromium through Playwright (never a downloaded browser); skips with the reason
when either is missing. Screenshots go to artifacts/screenshots/.
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

import storyline
from storyline.export import all_documents, to_html_all

from ..export.helpers import HOSTILE_STORY, hostile_database

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


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Watch:
    """What a page did that it should not: console errors (CSP violations among them), dialogs, requests."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.blocked: list[str] = []

    def check(self) -> None:
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.blocked == [], self.blocked


def open_tab(browser, allowed: str):
    """A tab whose every request not starting with `allowed` is recorded and aborted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US", accept_downloads=True)
    watch = Watch()

    def route(r):
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            watch.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: watch.errors.append(str(e)))
    tab.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
    tab.on("request", lambda r: None if r.url.startswith(allowed) else watch.blocked.append(r.url))
    tab.set_default_timeout(10_000)
    return context, tab, watch


def shot(tab, name: str, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def test_report_opens_from_disk_with_no_network(browser, report, docs):
    context, tab, watch = open_tab(browser, "file://")
    try:
        tab.goto(report.as_uri())
        assert tab.locator("#index h1").inner_text() == "Stories"
        assert tab.locator(".story-index > li").count() == len(docs) >= 2
        assert tab.locator("section.story").count() == len(docs)
        shot(tab, "export-01-report-index", full_page=False)
        first = docs[0]
        story = tab.locator(f"#story-{first['id']}")
        assert story.locator("h2").inner_text() == " ".join(first["headline"].split())
        dots = story.locator(".axis .dot")
        assert dots.count() == story.locator("ol.entries > li").count() == len(first["timeline"]) >= 2
        boxes = [dots.nth(i).bounding_box() for i in range(dots.count())]
        assert all(b and b["width"] > 10 and b["height"] > 10 for b in boxes)  # the style sheet applied
        dated = [b["x"] for b, e in zip(boxes, first["timeline"], strict=True) if not e["estimated"]]
        assert dated == sorted(dated) and dated[0] < dated[-1]  # later dates further right
        assert story.locator(".summary").is_visible() and story.locator(".entities li").count() >= 1
        assert story.locator("table.articles tbody tr").count() == first["n_articles"]
        tab.locator(f"#story-{first['id']} .axis .dot").nth(1).click()
        assert tab.evaluate("location.hash") == dots.nth(1).get_attribute("href")
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
    finally:
        context.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    """`storyline serve` over the test database in its own process on a free loopback port."""
    port = _free_port()
    env = {**os.environ, "STORYLINE_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "--db", str(db), "serve", "--port", str(port)],
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


def test_story_download_from_the_web_app(browser, server, docs, tmp_path):
    first = docs[0]
    context, tab, watch = open_tab(browser, server + "/")
    try:
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
    finally:
        context.close()
    context, tab, watch = open_tab(browser, "file://")  # the downloaded report also reads offline
    try:
        tab.goto(saved.as_uri())
        assert tab.locator(".axis .dot").count() == len(first["timeline"])
        shot(tab, "export-05-downloaded-report")
        watch.check()
    finally:
        context.close()
