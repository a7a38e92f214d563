"""What waits for which stage, on /api/health, /api/stats and the home page (issue 14)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

import storyline
from tests.api.helpers import app_for


def test_health_stats_and_home_page_show_the_articles_waiting(tmp_path: Path, sample: Path) -> None:
    db = tmp_path / "raw.db"
    with storyline.open(db) as archive:
        archive.ingest(sample)  # stored only: every article waits for the text stage and a story
        stored = len(archive)
    with TestClient(app_for(db)) as client:
        want = {"analyse": stored, "cluster": stored, "timelines": 0}
        assert client.get("/api/health").json()["pending"] == want
        assert client.get("/api/stats").json()["pending"] == want
        page = client.get("/").text
        assert 'id="waiting"' in page and f"{stored} articles for entities and dates" in page
    with storyline.open(db) as archive:
        archive.cluster()
    with TestClient(app_for(db)) as client:
        assert client.get("/api/health").json()["pending"] == {"analyse": 0, "cluster": 0, "timelines": 0}
        assert 'id="waiting"' not in client.get("/").text
