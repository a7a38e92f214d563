"""Any Host header was accepted (issue 14, DNS rebinding): only the names the server was started for are answered."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.api.hosts import allowed_hosts, host_of
from storyline.cli import main
from storyline.web import create_app


@pytest.fixture(scope="module")
def loopback_app(sample_db: Path):
    """The app as `storyline serve` makes it by default: no extra host names (not even TestClient's)."""
    return create_app(sample_db, allowed_hosts=("127.0.0.1",))


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1", "127.0.0.1:8000", "[::1]", "[::1]:8000",
                                  "LOCALHOST:8000"])
def test_loopback_host_names_are_answered(loopback_app, host: str):
    with TestClient(loopback_app) as c:
        r = c.get("/api/health", headers={"Host": host})
        assert r.status_code == 200, r.text


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.2",
                                  "[::2]:8000", "testserver", "127.0.0.1:80:80", "[::1", "::1", "", "local host"])
def test_dns_rebinding_host_is_refused_with_400(loopback_app, host: str):
    with TestClient(loopback_app) as c:
        for path in ("/api/health", "/api/articles?limit=1", "/", "/static/style.css", "/openapi.json"):
            r = c.get(path, headers={"Host": host})
            assert r.status_code == 400, (path, r.status_code)
            assert r.headers["content-type"] == "application/json"
            assert "does not answer for host" in r.json()["detail"]
            assert "--allowed-host" in r.json()["detail"]


def test_allowed_host_option_adds_names(runner, sample_db, monkeypatch):
    import uvicorn

    started: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: started.append({"app": app, **kwargs}))
    result = runner.invoke(main, ["--db", str(sample_db), "serve", "--host", "0.0.0.0", "--allowed-host",
                                  "archief.lan", "--allowed-host", "192.168.1.20"], env={"STORYLINE_TOKEN": None})
    assert result.exit_code == 0, result.output
    with TestClient(started[0]["app"]) as c:
        for host in ("archief.lan", "archief.lan:8000", "192.168.1.20:8000", "0.0.0.0:8000", "localhost"):
            assert c.get("/api/health", headers={"Host": host}).status_code == 200, host
        assert c.get("/api/health", headers={"Host": "evil.example"}).status_code == 400


def test_host_given_with_listen_address_is_answered(runner, sample_db, monkeypatch):
    import uvicorn

    started: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: started.append({"app": app, **kwargs}))
    result = runner.invoke(main, ["--db", str(sample_db), "serve", "--host", "::1"], env={"STORYLINE_TOKEN": None})
    assert result.exit_code == 0, result.output
    with TestClient(started[0]["app"]) as c:
        assert c.get("/api/health", headers={"Host": "[::1]:8000"}).status_code == 200
        assert c.get("/api/health", headers={"Host": "testserver"}).status_code == 400


def test_wildcard_listen_address_says_to_name_the_hosts(runner, sample_db, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: None)
    result = runner.invoke(main, ["--db", str(sample_db), "serve", "--host", "0.0.0.0"], env={"STORYLINE_TOKEN": None})
    assert result.exit_code == 0 and "--allowed-host NAME" in result.output


def test_host_parsing():
    assert host_of("Example.ORG.:8080") == "example.org"
    assert host_of("[::1]x") is None and host_of("localhost:") is None and host_of(":80") is None
    assert allowed_hosts("0.0.0.0", ["[fe80::1]", " "]) == {"localhost", "127.0.0.1", "::1", "0.0.0.0", "fe80::1"}
