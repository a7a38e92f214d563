"""The visual timeline in a real headless Chromium, on synthetic stories of 5, 50 and 200 entries (issue 16, item 6).

Checks what a reader would see: no two labels overlap, nothing is clipped at either edge, the latest entry is
the one picked on load, "+" keeps the picked entry in view, one entry years away does not squash the rest,
and the keyboard works; at desktop and phone width (360 px), in English and Dutch. Uses the system's
/usr/bin/chromium through Playwright (never a downloaded browser). Screenshots go to artifacts/screenshots/
(ignored by git), named timeline-STORY-WIDTH-LANG[-STEP].png.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from .browser import SHOTS, require_browser, serve
from .timeline_stories import SyntheticStory, build

require_browser()

pytestmark = pytest.mark.slow

WIDTHS = (1280, 360)

# Every text the timeline draws: entry labels, axis labels, counts in pills, the overview's years.
TEXTS = "#tlv .tlv-svg text:not(.tlv-measure text), #tlv .tlv-overview text"
BOXES = """sel => Array.from(document.querySelectorAll(sel)).filter(el => !el.closest('.tlv-measure'))
  .map(el => { const r = el.getBoundingClientRect();
               return {text: el.textContent, cls: el.getAttribute('class') || '', x: r.x, y: r.y, w: r.width, h: r.height}; })
  .filter(b => b.w > 0 && b.h > 0)"""


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, SyntheticStory]]:
    path = tmp_path_factory.mktemp("timeline-view") / "storyline.db"
    return path, build(path)


@pytest.fixture(scope="module")
def server(stories: tuple[Path, dict[str, SyntheticStory]]) -> Iterator[str]:
    with serve(stories[0]) as base:
        yield base


def _open(browser: Any, server: str, story: str, width: int, lang: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    errors: list[str] = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server + "/") else
                  (errors.append(r.request.url), r.abort()))
    tab = context.new_page()
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.set_default_timeout(10_000)
    tab.goto(f"{server}/stories/{story}?lang={lang}")
    tab.wait_for_selector("#tlv:not([hidden]) .tlv-svg .tlv-marks")
    return context, tab, errors


def _overlaps(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (a["x"] + slack < b["x"] + b["w"] and b["x"] + slack < a["x"] + a["w"]
            and a["y"] + slack < b["y"] + b["h"] and b["y"] + slack < a["y"] + a["h"])


def check_readable(tab: Any, where: str) -> None:
    """No two drawn texts overlap, no mark overlaps another, nothing reaches outside the timeline box or the page."""
    texts = tab.evaluate(BOXES, TEXTS)
    assert texts, where
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert not _overlaps(a, b), f"{where}: {a} overlaps {b}"
    box = tab.locator("#tlv").bounding_box()
    page_width = tab.evaluate("document.documentElement.clientWidth")
    for t in texts:
        assert box["x"] <= t["x"] and t["x"] + t["w"] <= box["x"] + box["width"], f"{where}: clipped {t} in {box}"
        assert 0 <= t["x"] and t["x"] + t["w"] <= page_width, f"{where}: off the page {t}"
    marks = tab.evaluate(BOXES, "#tlv .tlv-marks .tlv-mark")
    for i, a in enumerate(marks):
        for b in marks[i + 1:]:
            assert not _overlaps(a, b, slack=1.0), f"{where}: mark {a} overlaps mark {b}"
    assert tab.evaluate("document.documentElement.scrollWidth") <= page_width, f"{where}: the page scrolls sideways"


def selected_in_view(tab: Any) -> bool:
    """Whether the picked entry (its own mark or the pill counting it) is drawn inside the timeline box."""
    node = tab.locator("#tlv .tlv-marks .tlv-selected")
    if node.count() != 1:
        return False
    mark = node.locator(".tlv-mark").bounding_box()
    box = tab.locator("#tlv .tlv-viewport").bounding_box()
    return box["x"] <= mark["x"] and mark["x"] + mark["width"] <= box["x"] + box["width"]


def view(tab: Any) -> tuple[date, date]:
    start, end = tab.locator("#tlv").get_attribute("data-view").split("/")
    return date.fromisoformat(start), date.fromisoformat(end)


def in_view(story: SyntheticStory, shown: tuple[date, date]) -> list[int]:
    return [i for i, e in enumerate(story.entries) if shown[0] <= e.day <= shown[1]]


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("story_id", ["s-five", "s-fifty", "s-two-hundred"])
def test_timeline_is_readable_at_any_size(browser, server, stories, story_id, width, lang):
    story = stories[1][story_id]
    context, tab, errors = _open(browser, server, story_id, width, lang)
    try:
        tlv = tab.locator("#tlv")
        name = f"timeline-{story_id}-{width}-{lang}"
        snap(tab, name)
        # the latest development is picked on load, and is in view
        assert tlv.get_attribute("data-selected") == str(story.latest)
        assert selected_in_view(tab)
        assert tab.locator(".tlv-detail .tl-text").all_inner_texts() == [
            tab.locator(f"#tl-{story.latest + 1} .tl-text").first.text_content()]
        check_readable(tab, f"{name} on load")
        shown = view(tab)
        if story.outlier is not None:
            # the entry years away is not in the first view; most of the others are, spread over the axis
            assert story.outlier not in in_view(story, shown)
            assert len(in_view(story, shown)) >= 0.75 * (len(story.entries) - 1)
            xs = tab.evaluate("""() => Array.from(document.querySelectorAll('#tlv .tlv-marks .tlv-mark'))
                                  .map(m => { const r = m.getBoundingClientRect(); return [r.x, r.x + r.width]; })""")
            box = tab.locator("#tlv .tlv-viewport").bounding_box()
            spread = max(x[1] for x in xs) - min(x[0] for x in xs)
            assert spread >= 0.6 * box["width"], (spread, box["width"])
        else:
            assert len(in_view(story, shown)) == len(story.entries)
        # "+" zooms around the picked entry: it stays in view, its label stays readable
        zoom = float(tlv.get_attribute("data-zoom"))
        for step in range(6):
            tab.locator(".tlv-zoom-in").click()
            assert float(tlv.get_attribute("data-zoom")) > zoom
            zoom = float(tlv.get_attribute("data-zoom"))
            assert selected_in_view(tab), f"after {step + 1} x +"
            check_readable(tab, f"{name} after {step + 1} x +")
        assert tab.locator("#tlv .tlv-labels .tlv-selected-label").count() == 1  # the picked date is named
        snap(tab, f"{name}-zoomed")
        # "−" too, then "Show all": every entry in view, still readable
        tab.locator(".tlv-zoom-out").click()
        assert float(tlv.get_attribute("data-zoom")) < zoom and selected_in_view(tab)
        tab.locator(".tlv-fit").click()
        assert float(tlv.get_attribute("data-zoom")) == 1
        assert len(in_view(story, view(tab))) == len(story.entries)
        assert tab.locator(".tlv-fit").is_disabled()
        check_readable(tab, f"{name} showing all")
        snap(tab, f"{name}-all")
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("story_id", ["s-one", "s-decade", "s-same-day"])
def test_edge_cases_stay_readable(browser, server, stories, story_id, width):
    """One entry; 64 entries over ten years (with month and year entries); two entries of one day and their month."""
    story = stories[1][story_id]
    context, tab, errors = _open(browser, server, story_id, width, "nl")
    try:
        tlv = tab.locator("#tlv")
        assert tlv.get_attribute("data-selected") == str(story.latest)
        assert selected_in_view(tab)
        check_readable(tab, f"{story_id} {width} on load")
        snap(tab, f"timeline-{story_id}-{width}-nl")
        for step in range(4):
            tab.locator(".tlv-zoom-in").click()
            assert selected_in_view(tab)
            check_readable(tab, f"{story_id} {width} after {step + 1} x +")
        assert tab.locator("#tlv .tlv-labels .tlv-selected-label").count() == 1
        tab.locator("#tlv .tlv-viewport").focus()
        for _ in range(len(story.entries)):
            tab.keyboard.press("ArrowLeft")
            assert selected_in_view(tab)
        tab.keyboard.press("0")
        check_readable(tab, f"{story_id} {width} showing all")
        assert errors == []
    finally:
        context.close()


def snap(tab: Any, name: str) -> None:
    """Save a screenshot of the timeline section as artifacts/screenshots/NAME.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.locator("#timeline").screenshot(path=str(SHOTS / f"{name}.png"))


def test_keyboard_picks_and_zooms(browser, server, stories):
    story = stories[1]["s-fifty"]
    context, tab, errors = _open(browser, server, "s-fifty", 1280, "en")
    try:
        tlv = tab.locator("#tlv")
        tab.locator("#tlv .tlv-viewport").focus()
        tab.keyboard.press("ArrowLeft")
        assert tlv.get_attribute("data-selected") == str(story.latest - 1)
        assert selected_in_view(tab)
        tab.keyboard.press("Home")  # the entry years earlier: the view follows it
        assert tlv.get_attribute("data-selected") == "0"
        assert selected_in_view(tab)
        check_readable(tab, "after Home")
        tab.keyboard.press("End")
        assert tlv.get_attribute("data-selected") == str(story.latest)
        before = float(tlv.get_attribute("data-zoom"))
        tab.keyboard.press("+")
        assert float(tlv.get_attribute("data-zoom")) > before and selected_in_view(tab)
        tab.keyboard.press("0")
        assert float(tlv.get_attribute("data-zoom")) == 1
        tab.keyboard.press("Tab")  # the detail's links are reachable after the timeline
        assert tab.evaluate("document.activeElement.closest('.tlv-detail') !== null")
        # the toolbar is made of real buttons, each with a name
        names = tab.locator("#tlv .tlv-toolbar button").evaluate_all("els => els.map(b => b.getAttribute('aria-label'))")
        assert all(names) and len(names) == 6
        assert errors == []
    finally:
        context.close()


def test_a_pill_counts_its_dates_and_opens_them(browser, server, stories):
    story = stories[1]["s-two-hundred"]
    context, tab, errors = _open(browser, server, "s-two-hundred", 1280, "en")
    try:
        tlv = tab.locator("#tlv")
        tab.locator(".tlv-fit").click()
        pills = tab.locator("#tlv .tlv-cluster")
        assert pills.count() >= 1
        counts = pills.evaluate_all("els => els.map(e => +e.getAttribute('data-count'))")
        singles = tab.locator("#tlv .tlv-marks .tlv-entry").count()
        assert sum(counts) + singles == len(story.entries)  # every entry drawn once, alone or counted
        busiest = max(range(len(counts)), key=counts.__getitem__)
        last = pills.nth(busiest).get_attribute("data-last")
        pills.nth(busiest).dispatch_event("click")
        assert tlv.get_attribute("data-selected") == last
        assert float(tlv.get_attribute("data-zoom")) > 1 and selected_in_view(tab)
        check_readable(tab, "after opening a pill")
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_latest_long_after_the_rest_is_pointed_at(browser, server, stories, width):
    """29 dates in three months of 2020 and the latest in 2024: the first view is the busy part, and a pointer
    at the right edge names the picked latest date; clicking it (or "+") brings that date into view."""
    story = stories[1]["s-late"]
    context, tab, errors = _open(browser, server, "s-late", width, "en")
    try:
        tlv = tab.locator("#tlv")
        assert tlv.get_attribute("data-selected") == str(story.latest)
        assert len(in_view(story, view(tab))) >= 0.75 * (len(story.entries) - 1)
        pointer = tab.locator("#tlv .tlv-offscreen")
        assert pointer.count() == 1 and "2024" in pointer.text_content() and pointer.text_content().endswith("\u203a")
        box, viewport = pointer.bounding_box(), tab.locator("#tlv .tlv-viewport").bounding_box()
        assert box["x"] + box["width"] > viewport["x"] + viewport["width"] * 0.6  # at the right edge
        check_readable(tab, "s-late on load")
        snap(tab, f"timeline-s-late-{width}-en")
        pointer.dispatch_event("click")
        assert selected_in_view(tab) and tab.locator("#tlv .tlv-offscreen").count() == 0
        tab.locator(".tlv-fit").click()
        tab.locator("#tlv .tlv-viewport").focus()
        tab.keyboard.press("Home")
        tab.keyboard.press("End")
        assert selected_in_view(tab)
        check_readable(tab, "s-late after Home, End")
        assert errors == []
    finally:
        context.close()


def test_overview_moves_the_window(browser, server, stories):
    context, tab, errors = _open(browser, server, "s-fifty", 1280, "en")
    try:
        before = view(tab)
        box = tab.locator("#tlv .tlv-overview").bounding_box()
        tab.mouse.click(box["x"] + 20, box["y"] + box["height"] / 2)  # near the entry years earlier
        after = view(tab)
        assert after[0] < before[0] and after[0].year == 2011
        window = tab.locator("#tlv .tlv-ov-window").bounding_box()
        assert window["x"] < box["x"] + 40
        check_readable(tab, "after a click on the overview")
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("story_id", ["s-fifty", "s-two-hundred", "s-late", "s-decade"])
def test_html_export_axis_is_readable(browser, stories, tmp_path, story_id, width):
    """The exported report's static axis (no script): every entry once, as a numbered dot or in a pill; the entry
    years away in a pill at the end instead of squashing the rest; at desktop width no two marks overlap."""
    import storyline
    from storyline.export import story_document, to_html

    story = stories[1][story_id]
    with storyline.open(stories[0], readonly=True) as archive:
        doc = story_document(archive, story_id)
    path = tmp_path / f"{story_id}.html"
    path.write_text(to_html(doc), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(path.as_uri())
        axis = tab.locator(".axis")
        counted = axis.locator(".pill").evaluate_all("els => els.map(e => +e.getAttribute('data-n'))")
        assert axis.locator(".dot").count() + sum(counted) == len(story.entries)
        if story.outlier is not None:
            before = axis.locator(".pill.before")
            assert before.count() == 1 and before.get_attribute("href").endswith(f"-{story.outlier + 1}")
        if story_id == "s-late":
            assert axis.locator(".pill.after").get_attribute("href").endswith(f"-{story.latest + 1}")
        marks = tab.evaluate(BOXES, ".axis .dot, .axis .pill")
        if width >= 1000:  # a static page cannot measure itself: the marks are laid out for a desktop or A4 width
            for i, a in enumerate(marks):
                for b in marks[i + 1:]:
                    assert not _overlaps(a, b, slack=1.0), f"{a} overlaps {b}"
        page_width = tab.evaluate("document.documentElement.clientWidth")
        assert all(0 <= m["x"] and m["x"] + m["w"] <= page_width + 1 for m in marks), marks
        SHOTS.mkdir(parents=True, exist_ok=True)
        axis.screenshot(path=str(SHOTS / f"export-axis-{story_id}-{width}.png"))
    finally:
        context.close()


def test_touch_pans_and_pinches_at_phone_width(browser, server, stories):
    """One finger sideways moves the window; two fingers apart zoom in (pointer events as a touch screen sends)."""
    context, tab, errors = _open(browser, server, "s-two-hundred", 360, "en")
    try:
        tlv = tab.locator("#tlv")
        box = tab.locator("#tlv .tlv-viewport").bounding_box()
        y = box["y"] + box["height"] / 2

        def touch(kind: str, pointer: int, x: float) -> None:
            tab.locator("#tlv .tlv-viewport").dispatch_event(kind, {
                "pointerId": pointer, "pointerType": "touch", "isPrimary": pointer == 1, "clientX": x, "clientY": y,
                "bubbles": True})

        shown = tlv.get_attribute("data-view")
        touch("pointerdown", 1, box["x"] + 100)
        for dx in (10, 30, 60, 90):
            touch("pointermove", 1, box["x"] + 100 + dx)
        touch("pointerup", 1, box["x"] + 190)
        assert tlv.get_attribute("data-view") != shown and view(tab)[0] < date.fromisoformat(shown[:10])
        zoom = float(tlv.get_attribute("data-zoom"))
        touch("pointerdown", 1, box["x"] + 140)
        touch("pointerdown", 2, box["x"] + 180)
        touch("pointermove", 1, box["x"] + 100)
        touch("pointermove", 2, box["x"] + 260)
        touch("pointerup", 1, box["x"] + 100)
        touch("pointerup", 2, box["x"] + 260)
        assert float(tlv.get_attribute("data-zoom")) > zoom * 2
        check_readable(tab, "after a pan and a pinch")
        assert errors == []
    finally:
        context.close()


def test_demo_future_plan_is_not_selected_as_latest_development(browser, server, stories):
    """The demo's bug: a plan after the last development ("Nov 2023: The cap is due to take effect") was the last
    entry and the one picked on load. The page picks the last thing that happened and labels the plan."""
    story = stories[1]["s-plan"]
    context, tab, errors = _open(browser, server, "s-plan", 1280, "en")
    try:
        tlv = tab.locator("#tlv")
        assert story.latest == 2 and tlv.get_attribute("data-selected") == "2"  # 7 July, not the November plan
        assert tab.locator("#tl-4").get_attribute("data-planned") == "true"
        assert tab.locator("#tl-4 .tl-date .tag").text_content().strip() == "planned"
        assert not errors, errors
    finally:
        context.close()
