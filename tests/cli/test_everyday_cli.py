"""Everyday use of the command line: the story list in the order a reader wants, stats that fit on a screen."""

from __future__ import annotations

import json

import pytest

from storyline.cli import main
from storyline.store.stories import order_stories

from ..api.helpers import sample_database


def test_stats_summarises_months_per_year(runner, db_path, tmp_path):
    lines = [json.dumps({"title": f"Bericht {y}-{m}", "text": f"De gemeenteraad van Utrecht besprak in {y} de "
                                                               f"begroting voor het jaar, onderdeel {m} van {y}.",
                         "published": f"{y}-{m:02d}-15"}) for y in range(1990, 2020) for m in (1, 6, 11)]
    data = tmp_path / "many.jsonl"
    data.write_text("\n".join(lines) + "\n")
    assert runner.invoke(main, ["--db", str(db_path), "ingest", str(data), "--raw", "--json"]).exit_code == 0
    result = runner.invoke(main, ["--db", str(db_path), "stats"])
    assert result.exit_code == 0, result.output
    years = [line for line in result.output.splitlines() if line.strip()[:4].isdigit() and line.strip()[4] == " "]
    assert len(years) == 30  # one row per year, not 90 rows of months
    row_1990 = years[0].split()
    assert row_1990[0] == "1990" and row_1990[1] == "3" and row_1990[-1] == "1990-01"
    full = json.loads(runner.invoke(main, ["--db", str(db_path), "stats", "--json"]).stdout)
    assert len(full["by_month"]) == 90  # --json keeps every month


def _story(story_id: str, n: int) -> dict:
    return {"id": story_id, "article_ids": [f"{story_id}{i}" for i in range(n)]}


def test_one_article_stories_come_after_real_ones():
    recent_first = [_story("lone", 1), _story("pair", 2), _story("big", 5), _story("stray", 1), _story("trio", 3)]
    assert [s["id"] for s in order_stories(recent_first)] == ["pair", "big", "trio", "lone", "stray"]
    assert [s["id"] for s in order_stories(recent_first, "size")] == ["big", "trio", "pair", "lone", "stray"]
    assert [s["id"] for s in order_stories(recent_first, min_articles=3, limit=1)] == ["big"]
    with pytest.raises(ValueError, match="sort must be one of"):
        order_stories(recent_first, "alphabetical")


def test_stories_sort_limit_and_min_articles(runner, tmp_path_factory):
    db = str(sample_database(tmp_path_factory))

    def listed(*options: str) -> list[dict]:
        result = runner.invoke(main, ["--db", db, "stories", "--json", *options])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    every = listed()
    sizes = [len(s["article_ids"]) for s in listed("--sort", "size")]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) == len(every)
    assert [len(s["article_ids"]) for s in listed("--sort", "size", "--limit", "2")] == sizes[:2]
    assert all(len(s["article_ids"]) >= 7 for s in listed("--min-articles", "7"))
    singles = [len(s["article_ids"]) == 1 for s in every]
    assert singles == sorted(singles)  # any one-article story after every real one
    human = runner.invoke(main, ["--db", db, "stories", "--limit", "1"])
    assert human.exit_code == 0 and human.output.rstrip().endswith("1 story")
    assert runner.invoke(main, ["--db", db, "stories", "--sort", "oldest"]).exit_code == 2


def test_serve_on_a_port_in_use_says_so_in_one_line(runner, db_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(main, ["--db", str(db_path), "serve", "--port", str(port), "--token", "t"])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: port {port} is in use; pick another with --port"


def test_ingest_with_a_field_no_record_has_summarises_and_fails(runner, db_path, tmp_path):
    data = tmp_path / "a.jsonl"
    data.write_text("".join(json.dumps({"id": i, "title": f"Titel {i}", "body": "De gemeenteraad van Utrecht heeft "
                                        f"de begroting {i} aangenomen na een lang debat."}) + "\n" for i in range(40)))
    result = runner.invoke(main, ["--db", str(db_path), "ingest", str(data), "--field", "text=bodyy", "--raw"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert len(lines) == 4, result.output  # three examples, then one line for the other 37
    assert "37 more rejected for the same reason" in lines[-1] and "(it has id, title, body)" in lines[-1]
    fixed = runner.invoke(main, ["--db", str(db_path), "ingest", str(data), "--field", "text=body", "--raw"])
    assert fixed.exit_code == 0 and "40 accepted" in fixed.output


def test_ingest_tells_new_and_grown_stories_and_the_time_taken(runner, db_path, sample, tmp_path):
    import shutil

    first, late = tmp_path / "first", tmp_path / "late"
    shutil.copytree(sample / "txt", first)
    moved = sorted(first.glob("*.txt"))[0]
    late.mkdir()
    shutil.move(moved, late / moved.name)
    result = runner.invoke(main, ["--db", str(db_path), "ingest", str(first), "--quiet"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.endswith(" grown)") and " new, 0 grown)" in line for line in lines), result.output
    assert lines[-1].startswith("done in ")
    again = runner.invoke(main, ["--db", str(db_path), "ingest", str(late), "--json"])
    report = json.loads(again.stdout)  # --json output is only the report
    assert report["new_stories"] + report["grown_stories"] == 1
