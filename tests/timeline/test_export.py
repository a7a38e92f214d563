"""Exports: TimelineJS, JSON, Markdown."""

from __future__ import annotations

import json

from storyline.timeline import build_timeline, to_json, to_markdown, to_timelinejs

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
