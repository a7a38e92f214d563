"""One built timeline as `storyline timeline` renders it (storyline.export.timeline): TimelineJS, JSON, Markdown, HTML, text."""

from __future__ import annotations

import json

from storyline.export.timeline import to_json, to_markdown, to_timelinejs
from storyline.timeline import build_timeline

ARTS = [
    {"id": "a", "title": "Summit <set>", "lang": "en", "published": "2018-05-30", "sources": ["wire"],
     "text": "Officials said the summit on 12 June in Singapore will go ahead. Kim Yong-chol arrived in New York."},
    {"id": "b", "title": "Leaders meet", "lang": "en", "published": "2018-06-12", "sources": ["paper"],
     "text": "Trump and Kim met in Singapore on Tuesday for their first summit. The talks lasted five hours."},
    {"id": "c", "title": "Later", "lang": "en", "published": None, "sources": ["blog"],
     "text": "Trump & Kim met again at the border and shook hands for the cameras."},
]


def test_timelinejs_document():
    doc = to_timelinejs(build_timeline(ARTS))
    assert set(doc) == {"title", "events"}
    assert doc["title"]["text"]["headline"]
    for event in doc["events"]:
        assert event["start_date"]["year"].isdigit()
        assert event["text"]["headline"] and event["text"]["text"].startswith("<p>")
    assert doc["events"][-1]["display_date"].startswith("after")  # the undated article, last
    assert "&amp;" in doc["events"][-1]["text"]["text"]
    json.dumps(doc)


def test_json_and_markdown():
    tl = build_timeline(ARTS)
    data = json.loads(to_json(tl))
    assert data["entries"][0]["date"] <= data["entries"][1]["date"]
    md = to_markdown(tl)
    assert md.startswith("# ") and "## 12 June 2018" in md and "(paper)" in md


# -- the story JSON, HTML and text of `storyline timeline` ------------------------------------------

from dataclasses import replace  # noqa: E402

from storyline.export.timeline import to_html, to_story_dict, to_text  # noqa: E402
from storyline.models import Precision, Timeline, TimelineEntry, TimelineSentence  # noqa: E402

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _hostile() -> Timeline:
    s1 = TimelineSentence(f"Talks began {EVIL} in Geneva.", ["a1", "a2"], [f"<b>{EVIL}</b>", "wire"], "en")
    s2 = TimelineSentence("Leaders met & agreed.", ["a3"], [], "en")
    s3 = TimelineSentence("Later they met again.", ["a4"], ["blog"], "en")
    entries = [TimelineEntry("2018-06-12", Precision.DAY, [s2], ["a3"]),
               TimelineEntry("2018-06", Precision.MONTH, [s1], ["a1", "a2"]),
               TimelineEntry("2018-06-12", Precision.DAY, [s3], ["a4"], estimated=True),
               TimelineEntry("2018-03", Precision.MONTH, [s1], ["a1"])]
    return Timeline(f"Summit {EVIL}", [s1, s2], entries, "en", 4)


def test_story_dict_has_the_issue_shape_in_chronological_order():
    data = to_story_dict(build_timeline(ARTS), "s1", story_title="Summit set")
    assert {"story_id", "title", "summary", "entries"} <= set(data)
    assert data["story_id"] == "s1" and isinstance(data["summary"], str) and data["summary_kind"] == "extractive"
    dated = [e for e in data["entries"] if not e["estimated"]]
    assert [e["date"] for e in dated] == sorted(e["date"] for e in dated)
    assert data["entries"][-1]["estimated"]  # the undated article stays last
    for entry in data["entries"]:
        assert entry["precision"] in ("day", "month")
        for s in entry["sentences"]:
            assert s["article_id"] in {a["id"] for a in ARTS} and s["article_id"] == s["article_ids"][0]
            assert s["source"] == s["sources"][0]
    json.dumps(data)


def test_story_dict_orders_unsorted_entries_and_keeps_merged_sources():
    data = to_story_dict(_hostile(), "s2")
    assert [(e["date"], e["estimated"]) for e in data["entries"]] == \
        [("2018-03", False), ("2018-06", False), ("2018-06-12", False), ("2018-06-12", True)]
    merged = data["entries"][1]["sentences"][0]
    assert merged["article_ids"] == ["a1", "a2"] and merged["sources"][1] == "wire"
    assert data["entries"][2]["sentences"][0]["source"] is None  # a sentence without sources says so


def test_abstract_replaces_the_summary_text_everywhere():
    tl = replace(build_timeline(ARTS), abstract="A model wrote this.")
    assert to_story_dict(tl, "s")["summary"] == "A model wrote this."
    assert to_story_dict(tl, "s")["summary_kind"] == "abstractive"
    assert "A model wrote this." in to_markdown(tl) and "A model wrote this." in to_text(tl)
    assert "<p>A model wrote this.</p>" == to_timelinejs(tl)["title"]["text"]["text"]
    assert "A model wrote this." in to_html(tl)


def test_html_escapes_every_text():
    page = to_html(_hostile(), "s<1>", title=EVIL)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "s&lt;1&gt;" in page and "Leaders met &amp; agreed." in page
    assert "<link" not in page and "http" not in page  # self-contained: nothing fetched
    assert page.index("March 2018") < page.index("June 2018") < page.index("after 12 June 2018 (undated)")


def test_text_lists_dates_sentences_and_sources():
    text = to_text(build_timeline(ARTS), "s9", width=60)
    assert "story s9" in text and "12 June 2018" in text and "(paper)" in text
    assert max(len(line) for line in text.splitlines()) <= 60
    headers = [line for line in text.splitlines() if line[:1].isalpha() and line[:1].isupper() or
               line.startswith("after ")]
    assert headers[-1].startswith("after ") and "12 June 2018" in headers[-1]  # the undated entry comes last


def test_html_shows_the_sentence_as_written_on_hover_escaped():
    s = TimelineSentence('Kim and Trump meet.', ["a1"], ["x"], "en", original='On 12 June "<b>Kim</b>" and Trump meet.')
    tl = Timeline("h", [], [TimelineEntry("2018-06-12", Precision.DAY, [s], ["a1"], 1.0)], "en", 1)
    page = to_html(tl)
    assert 'title="On 12 June &quot;&lt;b&gt;Kim&lt;/b&gt;&quot; and Trump meet."' in page
    assert "<b>" not in page
    assert to_story_dict(tl, "s1")["entries"][0]["sentences"][0]["original"].startswith("On 12 June")
    plain = replace(s, original=None)
    assert to_story_dict(replace(tl, entries=[TimelineEntry("2018-06-12", Precision.DAY, [plain], ["a1"], 1.0)]),
                         "s1")["entries"][0]["sentences"][0]["original"] == "Kim and Trump meet."
