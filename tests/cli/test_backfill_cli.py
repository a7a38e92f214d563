"""`storyline backfill` on the command line: the messages a person sees before any Ray work starts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main


def test_backfill_without_ray_says_in_one_line_how_to_install_it(runner: CliRunner, sample: Path, db_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError, as on a machine without it
    result = runner.invoke(main, ["--db", str(db_path), "backfill", str(sample), "--shards", str(tmp_path / "s")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "pip install -c requirements.lock -e '.[distributed]'" in lines[0]


def test_backfill_refuses_standard_input(runner: CliRunner, db_path: Path) -> None:
    result = runner.invoke(main, ["--db", str(db_path), "backfill", "-"])
    assert result.exit_code == 2 and "not standard input" in result.output


def test_backfill_refuses_an_address_that_is_not_host_and_port(runner: CliRunner, sample: Path, db_path: Path,
                                                               tmp_path: Path) -> None:
    pytest.importorskip("ray")
    result = runner.invoke(main, ["--db", str(db_path), "backfill", str(sample), "--address", "nohost",
                                  "--shards", str(tmp_path / "s")])
    assert result.exit_code == 2 and "is not host:port" in result.output


def test_backfill_missing_path_stops_before_anything(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--db", str(db_path), "backfill", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such file or directory" in result.output


def test_partitioned_backfill_into_a_database_with_stories_is_refused_before_any_work(
        runner: CliRunner, sample: Path, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert runner.invoke(main, ["--db", str(db_path), "ingest", str(sample)]).exit_code == 0
    monkeypatch.setitem(sys.modules, "ray", None)  # nothing may need Ray before the refusal
    result = runner.invoke(main, ["--db", str(db_path), "backfill", str(sample), "--partition", "quarter",
                                  "--shards", str(tmp_path / "s")])
    assert result.exit_code == 2 and "other articles of this database are in stories already" in result.output
    assert "--partition none" in result.output and not (tmp_path / "s").exists()


def test_backfill_lists_the_partitions_and_refuses_another(runner: CliRunner, sample: Path, db_path: Path) -> None:
    result = runner.invoke(main, ["--db", str(db_path), "backfill", str(sample), "--partition", "week"])
    assert result.exit_code == 2 and "'week' is not one of 'none', 'year', 'quarter', 'month'" in result.output
