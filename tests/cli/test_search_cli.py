"""`storyline search` refuses a query over a limit, and one that ran out of time, with a one-line error (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline
from storyline.cli import main

NEAR_155 = "NEAR(" + " ".join(["a*"] * 50) + ")"


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    with storyline.open(db) as archive:
        archive.ingest_records([{"id": "1", "title": "Schiphol krimpt",
                                 "text": "Het kabinet wil het aantal vluchten op Schiphol terugbrengen naar 440.000."}])
    return db


def test_search_cli_refuses_near_query_of_issue_14_in_one_line(runner, small_db: Path):
    result = runner.invoke(main, ["--db", str(small_db), "search", NEAR_155])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: 'a*': a prefix search needs at least 3 letters before the *; write more of the word"]


def test_search_cli_reads_raw_fts5_syntax_as_words(runner, small_db: Path):
    result = runner.invoke(main, ["--db", str(small_db), "search", "Schiphol^ +kabinet (vluchten", "--json"])
    assert result.exit_code == 0, result.output
    assert "Schiphol krimpt" in result.output


def test_search_cli_stopped_search_is_a_one_line_error(runner, small_db: Path, monkeypatch):
    from storyline.errors import SearchMessages, SearchTimeout

    def too_slow(*args, **kwargs):
        raise SearchTimeout(SearchMessages.TIMEOUT.format(seconds=10))

    monkeypatch.setattr(storyline.Archive, "search", too_slow)
    result = runner.invoke(main, ["--db", str(small_db), "search", "Schiphol"])
    assert result.exit_code == 2 and result.output.startswith("error: the search was stopped after 10 s")
