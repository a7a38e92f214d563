"""`storyline demo`: stories, the timelines of the largest stories, the HTML report and how to open things."""

from __future__ import annotations

import re

import pytest

import storyline
from storyline.cli.demo import korea_story, stories_to_show
from storyline.export import story_ids

from ..export.helpers import demo_run, synthetic_doc


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_run(tmp_path_factory)


def test_demo_prints_the_timelines_of_the_largest_stories(demo):
    folder, output = demo
    with storyline.open(folder / "storyline.db", readonly=True) as archive:
        largest = [archive.story(i) for i in story_ids(archive)[:2]]
        timelines = [archive.timeline(s["id"]) for s in largest]
    assert "Timelines of the 2 largest stories" in output
    for story, tl in zip(largest, timelines, strict=True):
        assert f"story {story['id']}" in output
        first = tl.entries[0].sentences[0].text
        assert " ".join(first.split()[:5]) in " ".join(output.split())  # its first entry's sentence is printed


def test_demo_writes_the_report_and_says_how_to_open_it(demo):
    folder, output = demo
    report = folder / "report.html"
    page = report.read_text(encoding="utf-8")
    with storyline.open(folder / "storyline.db", readonly=True) as archive:
        ids = story_ids(archive)
    assert ids and all(f'id="story-{i}"' in page for i in ids)
    flat = "".join(output.split())  # rich may wrap long paths
    assert report.resolve().as_uri() in flat
    assert f"--db{folder / 'storyline.db'}serve" in flat and "http://127.0.0.1:8000" in flat
    assert re.search(r"What next", output)
    assert output.rstrip().splitlines()[-1].strip() == "then open http://127.0.0.1:8000"  # the last word: the web app


def test_korea_story_is_found_and_added_once():
    small = synthetic_doc(id="k", n_articles=2, title="Noord-Korea en de VS", entities=[])
    other = synthetic_doc(id="o", n_articles=9, title="Schiphol", headline="Schiphol", entities=[])
    bigger = synthetic_doc(id="b", n_articles=8, title="Brexit", headline="Brexit", entities=[])
    assert korea_story([other, bigger]) is None
    assert [d["id"] for d in stories_to_show([other, bigger, small])] == ["o", "b", "k"]
    assert [d["id"] for d in stories_to_show([small, other])] == ["k", "o"]  # already among the largest
