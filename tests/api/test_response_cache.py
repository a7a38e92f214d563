"""Kept answers of the story list and story pages: served again while the database is unchanged, never after."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import storyline

from .helpers import app_for, copy_database


@pytest.fixture
def private(sample_db, tmp_path):
    """A server over a private copy of the sample database, and the copy's path."""
    db = copy_database(sample_db, tmp_path / "copy.db")
    with TestClient(app_for(db)) as c:
        yield c, db


@pytest.mark.parametrize("url", ["/api/stories?limit=7", "/stories?sort=size", "/api/stories/{id}", "/stories/{id}"])
def test_a_repeated_request_is_served_from_the_cache_with_an_etag(private, url):
    client, _ = private
    story = client.get("/api/stories").json()["items"][0]["id"]
    url = url.format(id=story)
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.headers["x-storyline-cache"] == "miss" and second.headers["x-storyline-cache"] == "hit"
    assert first.content == second.content and first.headers["etag"] == second.headers["etag"]
    assert first.headers["content-type"] == second.headers["content-type"]
    unchanged = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_write_makes_every_kept_answer_stale(private):
    client, db = private
    before = client.get("/api/stories?limit=200").json()
    assert client.get("/api/stories?limit=200").headers["x-storyline-cache"] == "hit"
    keep, gone = before["items"][0]["id"], before["items"][1]["id"]
    with storyline.open(db) as archive:
        merged = archive.merge_stories(keep, gone)
    after = client.get("/api/stories?limit=200")
    assert after.headers["x-storyline-cache"] == "miss"
    assert after.json()["total"] == before["total"] - 1 and gone not in [s["id"] for s in after.json()["items"]]
    page = client.get(f"/stories/{merged}")
    assert page.status_code == 200 and page.headers["x-storyline-cache"] == "miss"


def test_errors_and_the_interface_language_are_not_mixed_up(private):
    client, _ = private
    assert client.get("/api/stories/nope").status_code == 404
    assert client.get("/api/stories/nope").status_code == 404  # an error is never kept
    dutch = client.get("/stories", headers={"Accept-Language": "nl"})
    english = client.get("/stories", headers={"Accept-Language": "en"})
    assert dutch.text != english.text and english.headers["x-storyline-cache"] == "miss"


def test_a_large_story_page_lists_its_events_a_page_at_a_time(private, monkeypatch):
    import storyline.web.stories as pages

    client, _ = private
    story = max(client.get("/api/stories?limit=200").json()["items"], key=lambda s: len(s["event_ids"]))
    assert len(story["event_ids"]) >= 2, "the sample corpus should have a story with several events"
    monkeypatch.setattr(pages, "EVENTS_PER_PAGE", 1)
    detail = client.get(f"/api/stories/{story['id']}").json()
    first = client.get(f"/stories/{story['id']}").text
    second = client.get(f"/stories/{story['id']}?page=2").text
    assert 'rel="next"' in first and 'rel="prev"' in second
    assert f'id="{detail["events"][0]["id"]}"' in first and f'id="{detail["events"][1]["id"]}"' not in first
    assert f'id="{detail["events"][1]["id"]}"' in second
    too_far = client.get(f"/stories/{story['id']}?page=999").text  # clamped to the last page
    assert f'id="{detail["events"][-1]["id"]}"' in too_far


def test_the_cache_can_be_turned_off(private, monkeypatch):
    from storyline.api.response_cache import RESPONSES

    client, _ = private
    monkeypatch.setattr(RESPONSES, "enabled", False)
    first, second = client.get("/api/stories?limit=3"), client.get("/api/stories?limit=3")
    assert first.json() == second.json() and "x-storyline-cache" not in second.headers


def test_kept_answers_carry_the_security_headers_and_never_skip_the_language_cookie(private):
    client, _ = private
    client.get("/stories")
    kept = client.get("/stories")
    assert kept.headers["x-storyline-cache"] == "hit"
    assert "script-src 'self'" in kept.headers["content-security-policy"] and kept.headers["x-frame-options"] == "DENY"
    client.cookies.clear()
    chosen = client.get("/stories?lang=nl")  # choosing a language answers with its cookie, so never from the cache
    assert "storyline_lang=nl" in chosen.headers.get("set-cookie", "")
    again = client.get("/stories?lang=nl")  # the cookie is now sent: the same page may be kept and served
    assert again.status_code == 200 and "set-cookie" not in again.headers
    assert client.get("/stories?lang=nl").headers["x-storyline-cache"] == "hit"
