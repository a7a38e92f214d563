"""The stories endpoints, mounted because Archive has `stories` (skipped where storyline cannot cluster)."""

from __future__ import annotations

import pytest

import storyline


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


def test_story_list_text_query_sort_and_entity(client, sample_db):
    import sqlite3

    everything = client.get("/api/stories", params={"limit": 200}).json()["items"]
    by_size = client.get("/api/stories", params={"sort": "size", "limit": 200}).json()["items"]
    assert sorted(s["id"] for s in by_size) == sorted(s["id"] for s in everything)
    assert [s["n_articles"] for s in by_size] == sorted((s["n_articles"] for s in everything), reverse=True)
    with sqlite3.connect(sample_db) as conn:
        word = "Schiphol"
        expected = {r[0] for r in conn.execute(
            "SELECT DISTINCT s.story_id FROM story_assignments s JOIN articles a ON a.id = s.article_id "
            "WHERE a.title LIKE ? OR a.text LIKE ?", (f"%{word}%", f"%{word}%"))}
    found = client.get("/api/stories", params={"q": word}).json()
    assert expected and {s["id"] for s in found["items"]} == expected and found["total"] == len(expected)
    assert client.get("/api/stories", params={"q": "zzqqxx"}).json()["total"] == 0
    assert client.get("/api/stories", params={"q": '"unbalanced'}).status_code == 200  # bad FTS syntax is quoted
    story = everything[0]
    if story["entities"]:
        name = story["entities"][0]["name"]
        named = client.get("/api/stories", params={"entity": name}).json()["items"]
        assert story["id"] in [s["id"] for s in named]


def test_story_detail_has_timeline_summary_sources_and_entities(client, sample_db):
    first = client.get("/api/stories").json()["items"][0]
    story = client.get(f"/api/stories/{first['id']}").json()
    with storyline.open(sample_db, readonly=True) as archive:
        timeline = archive.timeline(first["id"])
    assert timeline is not None
    assert [e["date"] for e in story["timeline"]] == [e.date for e in timeline.entries]
    assert story["headline"] == timeline.headline
    assert [s["text"] for s in story["summary"]] == [s.text for s in timeline.summary]
    assert story["sources"] and sum(s["articles"] for s in story["sources"]) >= story["n_articles"]
    assert story["entities"] == first["entities"]
    light = client.get(f"/api/stories/{first['id']}", params={"timeline": "false"}).json()
    assert light["timeline"] is None and light["articles"] == story["articles"]
    assert client.get("/api/stories", params={"sort": "oldest"}).status_code == 422


def test_story_alternatives_in_api_schema_and_response(bilingual_db):
    """Issue 16: a timeline sentence's alternatives (the same event in another language) were dropped by the API's
    response model; the schema now documents them and /api/stories/{id} returns them, text as written."""
    from fastapi.testclient import TestClient

    from ..bilingual_story import EN_SENTENCE, EN_SOURCE, NL_SENTENCE
    from .helpers import app_for

    db, story_id = bilingual_db
    with TestClient(app_for(db)) as c:
        spec = c.get("/openapi.json").json()["components"]["schemas"]
        assert spec["TimelineSentenceOut"]["properties"]["alternatives"]["items"]["$ref"].endswith(
            "/TimelineAlternativeOut")
        assert set(spec["TimelineAlternativeOut"]["properties"]) >= {"text", "date", "precision", "article_ids",
                                                                      "sources", "lang"}
        story = c.get(f"/api/stories/{story_id}").json()
        export = c.get(f"/api/stories/{story_id}/export", params={"format": "json"}).json()
    en_id = next(a["id"] for a in story["articles"] if a["lang"] == "en")
    [sentence] = [s for e in story["timeline"] for s in e["sentences"] if s["alternatives"]]
    assert sentence["text"] == NL_SENTENCE and sentence["lang"] == "nl"
    assert sentence["alternatives"] == [{"text": EN_SENTENCE, "date": "2024-03", "precision": "month",
                                         "article_ids": [en_id], "sources": [EN_SOURCE], "lang": "en"}]
    assert [a["text"] for e in export["timeline"] for s in e["sentences"] for a in s["alternatives"]] == [EN_SENTENCE]
