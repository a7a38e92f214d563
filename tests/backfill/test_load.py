"""The load of analysed shards into the store, without a Ray cluster: same result as a plain ingest, idempotent,
resumable; and the per-record stages reject a record that makes them fail instead of stopping."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import storyline
from storyline.backfill import load as load_module
from storyline.backfill import shards_complete
from storyline.backfill.load import load
from storyline.backfill.stages import BACKEND, analyse_rows, read_rows
from storyline.cluster import assign
from storyline.config import IngestOptions
from storyline.store.sqlite import Store
from storyline.text.analyse import analyse_articles

from .conftest import SAMPLE
from .helpers import embeddings_close, local_shards, snapshot

pytest.importorskip("pyarrow")


def _finish(archive: storyline.Archive, shards: Path) -> None:
    """What `backfill` does after the pipeline."""
    _, ids = load(archive.store, shards, IngestOptions())
    analyse_articles(archive.store, ids, backend=BACKEND)
    assign(archive.store, ids)
    archive.refresh_timelines()


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shards") / "articles"
    local_shards([SAMPLE], out, IngestOptions(), datetime.now(UTC))
    return out


def test_load_gives_what_plain_ingest_gives(shards: Path, plain_db: Path, tmp_path: Path) -> None:
    with storyline.open(tmp_path / "bf.db") as archive:
        _finish(archive, shards)
        got = snapshot(archive.store)
        with Store(plain_db) as plain:
            want = snapshot(plain)
            assert embeddings_close(archive.store, plain)
    assert got["order"] and got["stories"] and got["entities"]
    assert got == want


def test_load_killed_halfway_then_rerun_finishes_without_duplicates(shards: Path, plain_db: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "bf.db"
    real = load_module._save_analysis
    calls = {"n": 0}

    def dies_on_second(store: Store, rows: list) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # as a kill between two transactions
        return real(store, rows)

    monkeypatch.setattr(load_module, "_save_analysis", dies_on_second)
    with storyline.open(db) as archive, pytest.raises(KeyboardInterrupt):
        _finish(archive, shards)
    monkeypatch.setattr(load_module, "_save_analysis", real)
    with storyline.open(db) as archive:
        assert 0 < len(archive) and not archive.stories()  # stored, not yet analysed nor clustered
        _finish(archive, shards)
        _finish(archive, shards)  # and once more: nothing changes
        got = snapshot(archive.store)
    with Store(plain_db) as plain:
        assert got == snapshot(plain)


def test_a_record_that_makes_a_stage_fail_is_rejected_and_the_others_go_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.backfill import stages

    options, now = IngestOptions(), datetime.now(UTC)
    rows = list(read_rows({"input_no": 0, "location": str(Path(SAMPLE) / "wire.jsonl")}, options))[:4]
    real = stages.analyse_text

    def fails_on_second(text: str, *args: object, **kwargs: object) -> object:
        if text == analysed[bad]["text"]:
            raise ValueError("boom")
        return real(text, *args, **kwargs)

    analysed = analyse_rows(rows, options, now)
    assert [r["kind"] for r in analysed] == ["article"] * 4
    texts = [r["text"] for r in analysed]
    bad = next(i for i in range(1, 4) if texts.count(texts[i]) == 1)
    monkeypatch.setattr(stages, "analyse_text", fails_on_second)
    again = analyse_rows(rows, options, now)
    assert [r["kind"] == "rejection" for r in again] == [i == bad for i in range(4)]
    assert again[bad]["code"] == "R181" and "ValueError: boom" in again[bad]["reason"]
    assert again[bad]["source"].endswith(f":{bad + 1}")
    assert [r["record_no"] for r in again] == [0, 1, 2, 3]
    assert again[0]["embedding"] == pytest.approx(analysed[0]["embedding"], abs=1e-5)


def test_shards_are_reused_only_for_the_same_files_and_options(tmp_path: Path) -> None:
    from storyline.backfill import MARKER, _manifest

    data = tmp_path / "a.txt"
    data.write_text("Een artikel over de haven van Rotterdam en de nieuwe kade.", encoding="utf-8")
    manifest = _manifest([str(data)], IngestOptions())
    assert not shards_complete(tmp_path, manifest)
    (tmp_path / MARKER).write_text('{"manifest": ' + __import__("json").dumps(manifest) + "}", encoding="utf-8")
    assert shards_complete(tmp_path, manifest)
    assert not shards_complete(tmp_path, _manifest([str(data)], IngestOptions(default_timezone="Europe/Amsterdam")))
    data.write_text("Een ander artikel over de haven van Rotterdam en de oude kade.", encoding="utf-8")
    assert not shards_complete(tmp_path, _manifest([str(data)], IngestOptions()))
