"""The read endpoints over the sample corpus: health, articles, one article, search, stats, OpenAPI."""

from __future__ import annotations

import pytest

import storyline
from storyline.errors import DatabaseError
from storyline.web import create_app


def test_health_says_what_the_server_offers(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["articles"] == 48
    assert body["writes_enabled"] is False
    assert set(body["features"]) == {"stories", "timelines", "entities", "export"}
    assert body["schema_version"] >= 1 and body["database"] == "storyline.db"


def test_articles_are_paginated_with_a_total(client, sample_db):
    first = client.get("/api/articles", params={"limit": 20}).json()
    assert first["total"] == 48 and first["limit"] == 20 and first["offset"] == 0 and len(first["items"]) == 20
    rest = [client.get("/api/articles", params={"limit": 20, "offset": off}).json()["items"] for off in (20, 40)]
    ids = [a["id"] for a in first["items"] + rest[0] + rest[1]]
    assert len(ids) == 48 and len(set(ids)) == 48
    with storyline.open(sample_db, readonly=True) as archive:
        assert ids == [a["id"] for a in archive.articles()]  # publication order, undated last
    assert "text" not in first["items"][0] and first["items"][0]["sources"]
    past_the_end = client.get("/api/articles", params={"offset": 500}).json()
    assert past_the_end["total"] == 48 and past_the_end["items"] == []


def test_articles_filters(client):
    nl = client.get("/api/articles", params={"lang": "nl", "limit": 200}).json()
    assert nl["total"] == 30 and {a["lang"] for a in nl["items"]} == {"nl"}
    window = client.get("/api/articles", params={"since": "2022-06", "until": "2022-09", "limit": 200}).json()
    assert window["total"] > 0
    assert all("2022-06" <= a["published"][:7] <= "2022-09" for a in window["items"])
    found = client.get("/api/articles", params={"q": "Schiphol", "limit": 200}).json()
    assert 0 < found["total"] < 48
    searched = client.get("/api/search", params={"q": "Schiphol", "limit": 100}).json()["items"]
    assert {a["id"] for a in found["items"]} == {h["id"] for h in searched}
    both = client.get("/api/articles", params={"q": "Schiphol", "lang": "en", "limit": 200}).json()
    assert 0 < both["total"] < found["total"] and {a["lang"] for a in both["items"]} == {"en"}
    assert client.get("/api/articles", params={"q": '"unbalanced'}).status_code == 200  # FTS syntax error: words quoted
    assert client.get("/api/articles", params={"q": "!!!"}).json() == {"total": 0, "limit": 20, "offset": 0,
                                                                     "items": []}


@pytest.mark.parametrize(("params", "message"), [
    ({"lang": "xx"}, "lang must be one of"),
    ({"since": "yesterday"}, "since must be a date"),
    ({"until": "2022-02-30"}, "until must be a date"),
    ({"limit": 0}, "limit"),
    ({"limit": 10_000}, "limit"),
    ({"offset": -1}, "offset"),
    ({"limit": "many"}, "limit"),
])
def test_bad_filters_are_422_with_a_message(client, params, message):
    response = client.get("/api/articles", params=params)
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_one_article_has_its_text_and_every_field(client, sample_db):
    listed = client.get("/api/articles", params={"limit": 1}).json()["items"][0]
    body = client.get(f"/api/articles/{listed['id']}").json()
    with storyline.open(sample_db, readonly=True) as archive:
        stored = archive.article(listed["id"])
    extra = {k: body.pop(k) for k in ("entities", "time_mentions", "story_id")}  # added from the annotations
    assert body == stored  # every stored field, nothing lost or renamed
    assert isinstance(extra["entities"], list) and isinstance(extra["time_mentions"], list)
    assert body["text"] and body["source_details"][0]["location"]
    assert client.get(f"/api/articles/{listed['id'][:8]}").json()["id"] == listed["id"]  # unique prefix


def test_copies_link_both_ways(client):
    copies = [a for a in client.get("/api/articles", params={"limit": 200}).json()["items"] if a["copy_of"]]
    assert copies
    original = client.get(f"/api/articles/{copies[0]['copy_of']}").json()
    assert copies[0]["id"] in original["copies"]


@pytest.mark.parametrize("article_id", ["0000000000000000", "nope", "x" * 300, "%3Cscript%3E"])
def test_unknown_article_is_404_with_a_message(client, article_id):
    response = client.get(f"/api/articles/{article_id}")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("no article with id")


def test_search_is_ranked_with_highlighted_snippets(client):
    body = client.get("/api/search", params={"q": "Kessler"}).json()
    hits = body["items"]
    assert body["query"] == "Kessler" and len(hits) >= 3
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all("«" in h["snippet"] and "»" in h["snippet"] for h in hits)
    assert "Kessler" in hits[0]["title"]
    english = client.get("/api/search", params={"q": "Kessler", "lang": "en"}).json()["items"]
    assert english and {h["lang"] for h in english} == {"en"}
    second = client.get("/api/search", params={"q": "Kessler", "limit": 1, "offset": 1}).json()["items"]
    assert [h["id"] for h in second] == [hits[1]["id"]]


@pytest.mark.parametrize(("params", "status"), [
    ({}, 422), ({"q": "   "}, 422), ({"q": "x", "limit": 1000}, 422), ({"q": "x", "lang": "klingon"}, 422),
    ({"q": '"unbalanced AND ('}, 200), ({"q": "zzzzqqq"}, 200),
])
def test_search_errors_are_4xx_never_500(client, params, status):
    response = client.get("/api/search", params=params)
    assert response.status_code == status
    if status == 422:
        assert response.json()["detail"]


def test_stats_match_the_archive(client, sample_db):
    with storyline.open(sample_db, readonly=True) as archive:
        assert client.get("/api/stats").json() == archive.stats()


def test_openapi_documents_every_endpoint_with_response_models(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/health", "/api/articles", "/api/articles/{article_id}", "/api/search", "/api/stats",
                 "/api/ingest"):
        assert path in paths, path
    schemas = spec["components"]["schemas"]
    for model in ("HealthOut", "ArticlePage", "ArticleDetail", "SearchOut", "StatsOut", "IngestOut", "ErrorOut"):
        assert model in schemas, model
    assert paths["/api/articles/{article_id}"]["get"]["responses"]["404"]
    assert "requestBody" in paths["/api/ingest"]["post"]
    assert "/" not in paths and "/articles" not in paths  # pages are not API


def test_no_page_loads_anything_from_a_cdn(client):
    assert client.get("/docs").status_code == 404  # the stock Swagger page would fetch scripts from a CDN
    page = client.get("/api", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "/api/articles" in page.text


def test_every_response_carries_a_content_security_policy(client):
    for url in ("/", "/api/health", "/static/style.css", "/api/articles/nope"):
        policy = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


@pytest.mark.parametrize("url", ["/nowhere", "/api/nowhere", "/api/articles/", "/api/search?q=%00",
                                 "/api/articles?since=%00", "/api/articles?q=" + "a" * 600, "/static/../pyproject.toml",
                                 "/articles?page=-3", "/articles?page=x&since=%FF", "/search?q=%22&limit=x"])
def test_odd_requests_are_4xx_or_handled_never_500(client, url):
    response = client.get(url)
    assert response.status_code < 500
    if response.status_code >= 400 and response.headers["content-type"].startswith("application/json"):
        assert response.json()["detail"]


def test_wrong_method_is_405_with_a_message(client):
    response = client.delete("/api/articles")
    assert response.status_code == 405 and "DELETE" in response.json()["detail"]


def test_a_missing_database_is_refused_at_startup_without_a_token(tmp_path):
    with pytest.raises(DatabaseError, match="does not exist"):
        create_app(tmp_path / "absent.db")
    create_app(tmp_path / "created.db", token="t")  # with a token the server may create it
    assert (tmp_path / "created.db").exists()
