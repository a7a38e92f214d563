"""Should-fix items of issue 14 for the server: token guessing, database paths in answers, a full disk."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from storyline.api.deps import TokenGuard

from .conftest import TOKEN
from .helpers import app_for

ARTICLE = {"text": "De gemeenteraad van Utrecht heeft dinsdag de begroting voor volgend jaar aangenomen na een "
                   "lange vergadering over de kosten van het nieuwe zwembad in de wijk Overvecht."}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_token_guesses_are_slowed_down_with_429(tmp_path: Path):
    clock = FakeClock()
    app = app_for(tmp_path / "g.db", token=TOKEN)
    app.state.storyline.tokens = TokenGuard(free=5, clock=clock)
    with TestClient(app) as c:
        statuses = [c.post("/api/ingest", json=[ARTICLE], headers={"Authorization": f"Bearer guess{n}"}).status_code
                    for n in range(50)]
        assert statuses[:6] == [403] * 6 and set(statuses[6:]) == {429}  # the 7th guess and later: locked out
        r = c.post("/api/ingest", json=[ARTICLE], headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 429 and r.headers["Retry-After"] == "1"  # locked out: even the right token waits
        assert "too many wrong tokens" in r.json()["detail"]
        clock.now += 1.5
        assert c.post("/api/ingest", json=[ARTICLE], headers={"Authorization": "Bearer guess"}).status_code == 403
        r = c.post("/api/ingest", json=[ARTICLE], headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 429 and r.headers["Retry-After"] == "2"  # each further failure doubles the wait
        clock.now += 2.5
        ok = c.post("/api/ingest", json=[ARTICLE], headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200, ok.text
        statuses = [c.post("/api/ingest", json=[ARTICLE], headers={"Authorization": "Bearer x"}).status_code
                    for _ in range(6)]
        assert statuses == [403] * 6  # a right token ended the count
        assert c.get("/api/articles", params={"limit": 1}).status_code == 200  # reading never needs a token


def test_token_lockout_grows_to_its_ceiling_and_forgets_after_the_window():
    clock = FakeClock()
    guard = TokenGuard(free=2, window=60, longest=8, clock=clock)
    for _ in range(10):
        guard.failed("a")
    locked_until = guard._failures["a"][2]
    assert locked_until - clock.now == 8
    guard.check("b")  # another client is not affected
    clock.now += 100  # past the window: counting starts again
    guard.failed("a")
    guard.check("a")


def test_503_shows_the_database_file_name_not_its_path(tmp_path: Path):
    db = tmp_path / "secret-folder" / "archief.db"
    with TestClient(app_for(db, token=TOKEN)) as c:
        db.unlink()
        r = c.get("/api/articles", params={"limit": 1})
        assert r.status_code == 503
        assert "archief.db" in r.json()["detail"] and "secret-folder" not in r.json()["detail"]
        assert str(tmp_path) not in r.text


def test_full_disk_during_ingest_gives_507_and_stores_nothing(tmp_path: Path):
    db = tmp_path / "private" / "vol.db"
    with TestClient(app_for(db, token=TOKEN)) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        assert c.post("/api/ingest", json=[ARTICLE]).json()["accepted"] == 1
        writer = c.app.state.storyline.writer
        conn = writer._archive.store.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # the database may not grow: SQLITE_FULL, as on a full disk
        batch = [{"id": f"n{n}", "text": f"Bericht {n}: " + ARTICLE["text"] + f" woord{n} " * 400} for n in range(40)]
        r = c.post("/api/ingest", json=batch)
        assert r.status_code == 507, r.text
        detail = r.json()["detail"]
        assert "disk holding database vol.db is full" in detail and "nothing of this batch was stored" in detail
        assert "\n" not in detail and "private" not in detail
        assert c.get("/api/articles", params={"limit": 1}).json()["total"] == 1  # nothing half-committed
        again = c.post("/api/ingest", json=batch[:2])  # the next batch gets a fresh connection
        assert again.status_code == 200 and again.json()["accepted"] == 2
