"""Expensive searches must not freeze the server (issue 14): safe queries, a time budget, searches take turns."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient

from storyline.api.search_gate import SearchGate
from storyline.store.sqlite import Store

from .helpers import app_for

NEAR_155 = "NEAR(" + " ".join(["a*"] * 50) + ")"


@pytest.mark.parametrize("path", ["/api/search", "/api/articles", "/api/stories"])
def test_near_query_of_issue_14_is_refused_at_once_with_400(client: TestClient, path: str):
    started = time.monotonic()
    r = client.get(path, params={"q": NEAR_155})
    assert r.status_code == 400, r.text
    assert "prefix search needs at least 3 letters" in r.json()["detail"]
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("path", ["/search", "/articles", "/stories"])
def test_refused_query_is_explained_on_the_page(client: TestClient, path: str):
    r = client.get(path, params={"q": NEAR_155}, headers={"Accept": "text/html"})
    assert r.status_code == 400
    assert "prefix search needs at least 3 letters" in r.text


def test_raw_fts5_syntax_searches_plain_words(client: TestClient):
    plain = client.get("/api/search", params={"q": "Schiphol"}).json()["items"]
    assert plain
    for query in ("Schiphol^", "+Schiphol", "(Schiphol", "Schiphol OR", '"Schiphol'):
        r = client.get("/api/search", params={"q": query})
        assert r.status_code == 200, (query, r.text)
        assert r.json()["items"] == plain, query


def test_search_over_its_time_budget_answers_503(sample_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("storyline.store.search_query.PROGRESS_STEPS", 1)  # the corpus is small: check at every step
    with TestClient(app_for(sample_db, search=SearchGate(seconds=0.0))) as c:
        r = c.get("/api/search", params={"q": "de OR het OR een", "limit": 100})
        assert r.status_code == 503
        assert "stopped after 0 s" in r.json()["detail"] and r.headers["Retry-After"] == "1"
        assert c.get("/api/articles", params={"q": "de OR het OR een"}).status_code == 503
        assert c.get("/api/articles", params={"limit": 1}).status_code == 200  # no search, no budget


def test_article_list_answers_while_search_queue_is_full(sample_db: Path):
    gate = SearchGate(running=1, waiting=0, seconds=2.0)
    with TestClient(app_for(sample_db, search=gate)) as c:
        asyncio.run(gate.enter())  # a search holds the only turn
        try:
            r = c.get("/api/search", params={"q": "Schiphol"})
            assert r.status_code == 503 and r.headers["Retry-After"] == "2"
            assert "busy with other searches" in r.json()["detail"]
            page = c.get("/search", params={"q": "Schiphol"}, headers={"Accept": "text/html"})
            assert page.status_code == 503 and "busy with other searches" in page.text
            assert c.get("/api/articles", params={"q": "Schiphol"}).status_code == 503
            assert c.get("/api/articles", params={"limit": 1}).status_code == 200
            assert c.get("/api/health").status_code == 200
            assert c.get("/api/search", params={"q": "a*"}).status_code == 400  # refused queries never queue
        finally:
            gate.leave()
        assert c.get("/api/search", params={"q": "Schiphol"}).status_code == 200
        assert gate.active == 0 and gate.queued == 0


def test_slow_searches_take_turns_while_other_requests_answer(sample_db: Path, monkeypatch: pytest.MonkeyPatch):
    """Searches that hang hold their turns: one runs, four wait, the sixth is refused, and meanwhile the article
    list answers at once."""
    original = Store.search
    release = threading.Event()

    def hanging_search(self, *args, **kwargs):
        release.wait(10)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, "search", hanging_search)
    gate = SearchGate(running=1, waiting=4, seconds=2.0)
    statuses: list[int] = []
    with TestClient(app_for(sample_db, search=gate)) as c:
        def one() -> None:
            statuses.append(c.get("/api/search", params={"q": "Schiphol"}).status_code)

        threads = [threading.Thread(target=one) for _ in range(6)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 10
        while (gate.queued < 4 or not statuses) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert gate.active == 1 and gate.queued == 4 and statuses == [503]  # running 1 + waiting 4; the sixth: 503
        started = time.monotonic()
        assert c.get("/api/articles", params={"limit": 1}).status_code == 200
        assert c.get("/api/health").status_code == 200
        assert time.monotonic() - started < 2
        release.set()
        for t in threads:
            t.join(10)
    assert sorted(statuses) == [200] * 5 + [503]
    assert gate.active == 0 and gate.queued == 0


def test_search_waiting_too_long_is_refused():
    gate = SearchGate(running=1, waiting=2, seconds=1.0, wait_seconds=0.1)

    async def scenario() -> None:
        await gate.enter()
        with pytest.raises(HTTPException) as refused:
            await gate.enter()
        assert refused.value.status_code == 503 and refused.value.headers == {"Retry-After": "1"}
        assert gate.queued == 0
        gate.leave()
        await gate.enter()  # the turn is free again
        gate.leave()

    asyncio.run(scenario())
    assert gate.active == 0


def test_search_turns_are_handed_over_first_come_first_served():
    gate = SearchGate(running=1, waiting=5, seconds=1.0)
    order: list[int] = []

    async def search(n: int) -> None:
        await gate.enter()
        order.append(n)
        await asyncio.sleep(0.01)
        gate.leave()

    async def scenario() -> None:
        await asyncio.gather(*(search(n) for n in range(5)))

    asyncio.run(scenario())
    assert order == [0, 1, 2, 3, 4] and gate.active == 0
