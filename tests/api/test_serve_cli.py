"""`storyline serve`: options, the token from the environment, and a clear error before anything starts."""

from __future__ import annotations

import pytest
import uvicorn
from fastapi.testclient import TestClient

from storyline.cli import main


@pytest.fixture
def started(monkeypatch):
    """Replaces uvicorn.run, recording what serve would have run."""
    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append({"app": app, **kwargs}))
    return calls


def test_help_documents_the_options(runner):
    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for word in ("--host", "--port", "--token", "STORYLINE_TOKEN", "127.0.0.1", "8000"):
        assert word in result.output


def test_defaults_bind_to_loopback_and_read_only(runner, sample_db, started):
    result = runner.invoke(main, ["--db", str(sample_db), "serve"], env={"STORYLINE_TOKEN": None})
    assert result.exit_code == 0, result.output
    assert started[0]["host"] == "127.0.0.1" and started[0]["port"] == 8000
    assert "http://127.0.0.1:8000/" in result.output and "write endpoints off" in result.output
    with TestClient(started[0]["app"], base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/health").json()["writes_enabled"] is False


def test_token_from_the_environment_enables_writes(runner, tmp_path, started):
    db = tmp_path / "fresh.db"
    result = runner.invoke(main, ["--db", str(db), "serve", "--port", "8123"], env={"STORYLINE_TOKEN": "envtoken"})
    assert result.exit_code == 0, result.output
    assert started[0]["port"] == 8123 and db.exists()
    with TestClient(started[0]["app"], base_url="http://127.0.0.1:8000") as c:
        ok = c.post("/api/ingest", json=[{"text": "Een bericht over de gemeenteraad van Utrecht en de begroting."}],
                    headers={"Authorization": "Bearer envtoken"})
        assert ok.status_code == 200 and ok.json()["accepted"] == 1


def test_other_hosts_get_a_warning(runner, sample_db, started):
    result = runner.invoke(main, ["--db", str(sample_db), "serve", "--host", "0.0.0.0"], env={"STORYLINE_TOKEN": None})
    assert result.exit_code == 0 and "warning: listening on 0.0.0.0" in result.output


def test_missing_database_is_a_one_line_error(runner, tmp_path, started):
    result = runner.invoke(main, ["--db", str(tmp_path / "absent.db"), "serve"], env={"STORYLINE_TOKEN": None})
    assert result.exit_code == 2 and "does not exist" in result.output and "--token" in result.output
    assert started == [] and not (tmp_path / "absent.db").exists()


def test_bad_port_is_refused(runner, sample_db, started):
    result = runner.invoke(main, ["--db", str(sample_db), "serve", "--port", "70000"])
    assert result.exit_code == 2 and started == []
