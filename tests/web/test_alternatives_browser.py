"""Issue 16 in a real headless Chromium: a story whose timeline keeps the English report of an event as the
alternative of the Dutch one shows "also reported in EN" under the entry, and opening it shows the English sentence
as written with a link to its article, with JavaScript (the visual timeline's detail panel) and without (the list).

Uses the system's /usr/bin/chromium through Playwright (never a downloaded browser); skips with the reason when it
is missing. The story is tests/bilingual_story.py (written for the tests). Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ..bilingual_story import EN_SENTENCE, NL_SENTENCE
from .browser import require_browser, serve, shot, watched_tab

require_browser()

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(bilingual_db: tuple[Path, str]) -> Iterator[str]:
    with serve(bilingual_db[0]) as base:
        yield base


def _open_alternative(box) -> None:
    summary = box.locator("details.tl-alts > summary")
    assert summary.count() == 1 and summary.inner_text() == "also reported in EN"
    assert not box.locator("q.tl-alt-text").is_visible()  # closed until asked for
    summary.click()
    quote = box.locator("q.tl-alt-text")
    assert quote.is_visible() and quote.inner_text().strip("«»\u201c\u201d\"") == EN_SENTENCE
    assert quote.get_attribute("lang") == "en"


def test_story_with_alternative_shows_it(browser, server, bilingual_db):
    story_id = bilingual_db[1]
    with watched_tab(browser, server + "/") as (tab, watch):
        tab.goto(f"{server}/stories/{story_id}")
        tab.wait_for_selector("#tlv:not([hidden]) .tlv-svg .tlv-marks")
        entries = tab.locator("#tl-list > li")
        target = next(i for i in range(entries.count()) if NL_SENTENCE in entries.nth(i).inner_text())
        tab.locator("#tlv .tlv-viewport").focus()
        tab.keyboard.press("Home")
        for _ in range(target):
            tab.keyboard.press("ArrowRight")
        detail = tab.locator(".tlv-detail")
        assert detail.locator(".tl-text").all_inner_texts() == [NL_SENTENCE]  # the alternative is not a sentence
        _open_alternative(detail)
        link = detail.locator("details.tl-alts .tl-refs a")
        assert link.count() == 1 and link.inner_text() == "Overijssel Observer"
        shot(tab, "14-story-alternative")
        link.click()
        tab.wait_for_url("**/articles/*")
        assert tab.locator("h1").inner_text() == "Zwolle council approves new cycle bridge across the IJssel"
        watch.check()


def test_story_with_alternative_shows_it_without_javascript(browser, server, bilingual_db):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{server}/stories/{bilingual_db[1]}")
        assert tab.locator("#tlv").is_hidden()
        entry = tab.locator("#tl-list > li", has_text=NL_SENTENCE)
        _open_alternative(entry)
        shot(tab, "15-story-alternative-no-js")
    finally:
        context.close()
