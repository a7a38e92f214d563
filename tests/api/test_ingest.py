"""POST /api/ingest: the token rules, the batch formats, idempotence, and every 4xx with its message."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from .conftest import TOKEN
from .helpers import app_for

BATCH = [
    {"id": "a1", "title": "Kabinet: Schiphol moet krimpen", "published": "2022-06-24", "source": "Testkrant",
     "url": "https://example.org/a1", "lang": "nl",
     "text": "Het kabinet wil het aantal vluchten op Schiphol terugbrengen naar 440.000 per jaar, zo maakte "
             "minister Harbers vrijdag bekend. Omwonenden reageren opgelucht, de luchtvaart is boos."},
    {"id": "a2", "title": "Court blocks Schiphol cut",
     "text": "A Dutch court has blocked the government's plan to cut the number of flights at Schiphol airport, "
             "ruling that the procedure was not followed.", "published": 1680652800},
    {"id": "a3", "text": "Te kort."},
]


def test_write_endpoints_are_off_without_a_token(client):
    response = client.post("/api/ingest", json=BATCH, headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403
    assert "disabled" in response.json()["detail"] and "--token" in response.json()["detail"]


def test_token_rules(tmp_path):
    with TestClient(app_for(tmp_path / "t.db", token=TOKEN)) as c:
        missing = c.post("/api/ingest", json=BATCH)
        assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
        assert "Authorization: Bearer" in missing.json()["detail"]
        basic = c.post("/api/ingest", json=BATCH, headers={"Authorization": f"Basic {TOKEN}"})
        assert basic.status_code == 401 and "malformed" in basic.json()["detail"]
        wrong = c.post("/api/ingest", json=BATCH, headers={"Authorization": "Bearer not-the-token"})
        assert wrong.status_code == 403 and "not valid" in wrong.json()["detail"]
        assert c.get("/api/articles").json()["total"] == 0  # nothing was written
        right = c.post("/api/ingest", json=BATCH, headers={"Authorization": f"Bearer {TOKEN}"})
        assert right.status_code == 200


def test_a_batch_is_ingested_and_reported(writable):
    response = writable.post("/api/ingest", json=BATCH)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["accepted"] == 2 and report["articles"] == 2 and len(report["new_ids"]) == 2
    assert [(r["source"], r["code"]) for r in report["rejected"]] == [("api:3", "R008")]
    assert writable.get("/api/health").json()["writes_enabled"] is True
    stored = writable.get(f"/api/articles/{report['new_ids'][0]}").json()
    assert stored["title"] == "Kabinet: Schiphol moet krimpen" and stored["published"] == "2022-06-24"
    assert stored["source_details"][0] == {**stored["source_details"][0], "location": "api", "record": "1",
                                           "outlet": "Testkrant", "external_id": "a1",
                                           "url": "https://example.org/a1"}
    second = writable.get(f"/api/articles/{report['new_ids'][1]}").json()
    assert second["published"].startswith("2023-04-05") and second["lang"] == "en"  # a Unix time; detected language
    assert writable.get("/api/search", params={"q": "Schiphol"}).json()["items"]  # readers see the writer's commits


def test_the_same_batch_twice_adds_nothing(writable):
    first = writable.post("/api/ingest", json=BATCH).json()
    again = writable.post("/api/ingest", json=BATCH).json()
    assert again["accepted"] == 0 and again["duplicates"] == 0 and again["already_stored"] == 2
    assert again["articles"] == first["articles"] == 2 and again["new_ids"] == []
    assert writable.get("/api/stats").json()["sources"] == 2


def test_json_lines_and_a_single_object_are_accepted(writable):
    lines = "\n".join(json.dumps(r) for r in BATCH[:2]) + "\n\n"
    response = writable.post("/api/ingest", content=lines.encode(), headers={"Content-Type": "application/x-ndjson"})
    assert response.status_code == 200 and response.json()["accepted"] == 2
    single = writable.post("/api/ingest", params={"origin": "feed-7"},
                           content=json.dumps(BATCH[0], indent=2).encode())  # pretty-printed, over several lines
    assert single.status_code == 200
    assert single.json()["accepted"] == 0 and single.json()["duplicates"] == 1  # same article, from another origin


def test_text_may_be_a_list_of_paragraphs(writable):
    record = {"title": "Alinea's", "text": ["Eerste alinea van een bericht over de gemeenteraad van Utrecht.",
                                             "Tweede alinea over de begroting."]}
    report = writable.post("/api/ingest", json=[record]).json()
    text = writable.get(f"/api/articles/{report['new_ids'][0]}").json()["text"]
    assert "Utrecht." in text and "Tweede alinea" in text


@pytest.mark.parametrize(("body", "status", "message"), [
    (b"", 400, "empty"),
    (b"[{\"text\": \"x\"", 400, "not valid JSON"),
    (b"{\"text\": \"fine\"}\n{oops}\n", 400, "line 2"),
    (b"\xff\xfe\x00garbage", 400, "not UTF-8"),
    (b"[]", 422, "no articles"),
    (b"[1, 2]", 422, "item 1 of the batch is a number"),
    (b"\"just a string\"", 422, "not a JSON object"),
    (b"[{\"text\": {\"nested\": true}}]", 422, "field 'text' is an object"),
    (b"[{\"text\": \"long enough text for an article here\", \"title\": true}]", 422, "field 'title' is a boolean"),
])
def test_malformed_batches_are_4xx_with_a_message(writable, body, status, message):
    response = writable.post("/api/ingest", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == status, response.text
    assert message in response.json()["detail"]
    assert writable.get("/api/articles").json()["total"] == 0


def test_bad_origin_is_422(writable):
    response = writable.post("/api/ingest", params={"origin": "<script>"}, json=BATCH)
    assert response.status_code == 422 and "origin" in response.json()["detail"]


def test_oversized_requests_are_413(tmp_path):
    with TestClient(app_for(tmp_path / "s.db", token=TOKEN, max_body_bytes=2000)) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        big = [{"text": "woord " * 500}]
        declared = c.post("/api/ingest", json=big)
        assert declared.status_code == 413 and "2,000-byte limit" in declared.json()["detail"]

        def chunks():  # no Content-Length: the limit is enforced while the body is read
            yield b"["
            for _ in range(50):
                yield json.dumps({"text": "woord " * 20}).encode() + b","
            yield b"{}]"

        streamed = c.post("/api/ingest", content=chunks())
        assert streamed.status_code == 413 and "limit" in streamed.json()["detail"]
        assert c.get("/api/articles").json()["total"] == 0


def test_default_limit_is_ten_megabytes(writable):
    response = writable.post("/api/ingest", content=b"x", headers={"Content-Length": str(11 * 1024 * 1024)})
    assert response.status_code == 413


def test_get_on_ingest_is_405(writable):
    assert writable.get("/api/ingest").status_code == 405


def test_cluster_assigns_new_articles_to_stories(writable):
    assert writable.post("/api/ingest", json=BATCH[:2]).json()["accepted"] == 2
    assert writable.get("/api/stories").json()["total"] == 0
    more = [{**BATCH[0], "id": "a9", "title": "Schiphol krimpt", "text": BATCH[0]["text"] + " Een vervolg."}]
    assert writable.post("/api/ingest", params={"cluster": "true"}, json=more).json()["accepted"] == 1
    assert sum(s["n_articles"] for s in writable.get("/api/stories").json()["items"]) >= 1


def test_deep_json_line_in_a_batch_rejects_that_record_only(writable):
    # Used to answer 500 (RecursionError / ValueError of json.loads) and store nothing.
    good = json.dumps(BATCH[0])
    body = "\n".join([good, "[" * 100_000, '{"text": "x", "id": ' + "9" * 5000 + "}", json.dumps(BATCH[1])])
    response = writable.post("/api/ingest", content=body.encode(), headers={"Content-Type": "application/x-ndjson"})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["accepted"] == 2
    assert [(r["source"], r["code"]) for r in report["rejected"]] == [("api:2", "R018"), ("api:3", "R018")]
    deep_array = writable.post("/api/ingest", content=b"[" * 100_000, headers={"Content-Type": "application/json"})
    assert deep_array.status_code == 400 and "nested too deeply" in deep_array.json()["detail"]
