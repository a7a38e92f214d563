"""Shared set-up of the browser tests: the system Chromium through Playwright, a served app, watched tabs.

Uses the system's /usr/bin/chromium (Debian package `chromium`), never a downloaded browser. Screenshots go to
artifacts/screenshots/.
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
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_browser() -> ModuleType:
    """Playwright's sync API; skips the calling test module with the reason when it or Chromium is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need {CHROMIUM} (apt-get install chromium chromium-driver); absent here",
                    allow_module_level=True)
    return pytest.importorskip("playwright.sync_api", reason="browser tests need the Python package playwright "
                                                             "(pip install -e '.[test]'); absent here")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless system Chromium, closed on exit."""
    with require_browser().sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: Path) -> Iterator[str]:
    """`storyline serve` over `db` in its own process on a free loopback port; yields its base URL."""
    port = free_port()
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


class Watch:
    """What a page did that it should not: console errors (CSP violations among them), dialogs, outside requests."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.blocked: list[str] = []

    def check(self) -> None:
        """Fail on anything seen."""
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.blocked == [], self.blocked


@contextmanager
def watched_tab(browser: Any, allowed: str, *, log_requests: bool = False) -> Iterator[tuple[Any, Watch]]:
    """A tab in a context of its own, closed on exit, whose every request not starting with `allowed` is recorded
    and aborted; `log_requests` also records such requests as the tab makes them (the `request` event)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US", accept_downloads=True)
    try:
        watch = Watch()

        def route(r: Any) -> None:
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
        if log_requests:
            tab.on("request", lambda r: None if r.url.startswith(allowed) else watch.blocked.append(r.url))
        tab.set_default_timeout(10_000)
        yield tab, watch
    finally:
        context.close()


def shot(tab: Any, name: str, full_page: bool = True) -> None:
    """Save a screenshot of `tab` as artifacts/screenshots/NAME.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)
