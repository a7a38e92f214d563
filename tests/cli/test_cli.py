"""The command line, driven through click's CliRunner."""

from __future__ import annotations

import json

from storyline.cli import main


def _ingest(runner, db, *paths, extra=()):
    result = runner.invoke(main, ["--db", str(db), "ingest", *map(str, paths), "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_json_has_the_documented_shape(runner, db_path, sample):
    report = _ingest(runner, db_path, sample)
    assert {"accepted", "duplicates", "near_duplicates", "rejected"} <= set(report)
    assert report["accepted"] == 48 and report["duplicates"] == 1 and report["near_duplicates"] == 1
    assert report["rejected"] == []
    again = _ingest(runner, db_path, sample)
    assert again["accepted"] == 0 and again["already_stored"] == 49


def test_ingest_reports_rejections_with_source_and_reason(runner, db_path, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(" date 2020-01 Een gewoon artikel over de gemeenteraad van Utrecht en de begroting.\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    report = _ingest(runner, db_path, good, empty)
    assert report["accepted"] == 1
    assert report["rejected"] == [{"source": str(empty.resolve()), "reason": report["rejected"][0]["reason"],
                                   "code": "R001"}]
    assert "empty" in report["rejected"][0]["reason"]
    listed = runner.invoke(main, ["--db", str(db_path), "rejected", "--json"])
    assert [r["code"] for r in json.loads(listed.stdout)] == ["R001"]


def test_ingest_human_summary(runner, db_path, sample):
    result = runner.invoke(main, ["--db", str(db_path), "ingest", str(sample)])
    assert result.exit_code == 0
    assert "48 accepted" in result.output and "1 exact duplicates merged" in result.output


def test_strict_exits_1_when_something_was_rejected(runner, db_path, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Een artikel dat lang genoeg is om opgeslagen te worden."}\n{broken\n')
    result = runner.invoke(main, ["--db", str(db_path), "ingest", str(bad), "--strict"])
    assert result.exit_code == 1
    assert "line 2 is not valid JSON" in result.output


def test_articles_json_fields_and_filters(runner, db_path, sample):
    _ingest(runner, db_path, sample)
    result = runner.invoke(main, ["--db", str(db_path), "articles", "--json"])
    rows = json.loads(result.stdout)
    assert len(rows) == 48
    for key in ("id", "title", "lang", "published", "published_precision", "sources"):
        assert key in rows[0]
    assert all(isinstance(r["sources"], list) and r["sources"] for r in rows)
    assert sum(1 for r in rows if r["published"] is None) == 3
    dutch = json.loads(runner.invoke(main, ["--db", str(db_path), "articles", "--lang", "nl", "--json"]).stdout)
    assert dutch and all(r["lang"] == "nl" for r in dutch)
    window = json.loads(runner.invoke(main, ["--db", str(db_path), "articles", "--since", "2022-06",
                                             "--until", "2022-06", "--json"]).stdout)
    assert window and all(r["published"].startswith("2022-06") for r in window)


def test_syndicated_copy_keeps_both_sources(runner, db_path, sample):
    _ingest(runner, db_path, sample)
    rows = json.loads(runner.invoke(main, ["--db", str(db_path), "articles", "--json"]).stdout)
    merged = [r for r in rows if len(r["sources"]) == 2]
    assert len(merged) == 1
    assert all(s.startswith("http") for s in merged[0]["sources"])


def test_show_prints_all_fields(runner, db_path, seeds_dir):
    _ingest(runner, db_path, seeds_dir)
    rows = json.loads(runner.invoke(main, ["--db", str(db_path), "articles", "--json"]).stdout)
    art_id = rows[0]["id"]
    shown = json.loads(runner.invoke(main, ["--db", str(db_path), "show", art_id, "--json"]).stdout)
    assert shown["id"] == art_id and shown["text"].startswith("De Noord-Koreaanse leider")
    human = runner.invoke(main, ["--db", str(db_path), "show", art_id[:8]])
    assert human.exit_code == 0 and "Kim Jong-un" in human.output
    missing = runner.invoke(main, ["--db", str(db_path), "show", "ffffffffffffffff"])
    assert missing.exit_code == 2 and "no article with id" in missing.output


def test_search_ranks_and_highlights(runner, db_path, sample):
    _ingest(runner, db_path, sample)
    hits = json.loads(runner.invoke(main, ["--db", str(db_path), "search", "Meditrack", "--json"]).stdout)
    assert len(hits) >= 5
    assert all("«" in h["snippet"] for h in hits)
    assert hits == sorted(hits, key=lambda h: -h["score"])
    odd = runner.invoke(main, ["--db", str(db_path), "search", 'Meditrack" AND (', "--json"])
    assert odd.exit_code == 0 and json.loads(odd.stdout)


def test_stats_counts_by_language_month_source(runner, db_path, sample):
    _ingest(runner, db_path, sample)
    data = json.loads(runner.invoke(main, ["--db", str(db_path), "stats", "--json"]).stdout)
    assert data["articles"] == 48
    assert data["by_language"] == {"nl": 30, "en": 18}
    assert sum(data["by_month"].values()) == 48
    assert data["by_source"]
    human = runner.invoke(main, ["--db", str(db_path), "stats"])
    assert human.exit_code == 0 and "language" in human.output and "month" in human.output


def test_missing_path_is_a_clear_error_not_a_traceback(runner, db_path, tmp_path):
    result = runner.invoke(main, ["--db", str(db_path), "ingest", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
    assert "Traceback" not in result.output


def test_unreadable_database_is_a_clear_error(runner, tmp_path, sample):
    db = tmp_path / "garbage.db"
    db.write_bytes(b"this is not a database at all" * 100)
    result = runner.invoke(main, ["--db", str(db), "ingest", str(sample)])
    assert result.exit_code == 2
    assert str(db) in result.output and "Traceback" not in result.output


def test_reading_a_missing_database_does_not_create_it(runner, tmp_path):
    db = tmp_path / "absent.db"
    result = runner.invoke(main, ["--db", str(db), "articles"])
    assert result.exit_code == 2 and "does not exist" in result.output
    assert not db.exists()


def test_bad_field_mapping_is_explained(runner, db_path, sample):
    result = runner.invoke(main, ["--db", str(db_path), "ingest", str(sample), "--field", "body"])
    assert result.exit_code == 2 and "NAME=COLUMN" in result.output


def test_database_from_environment(runner, tmp_path, seeds_dir):
    db = tmp_path / "env.db"
    result = runner.invoke(main, ["ingest", str(seeds_dir), "--json"], env={"STORYLINE_DB": str(db)})
    assert result.exit_code == 0 and db.exists()


def test_stdin_ingest(runner, db_path):
    data = '{"title": "Kop", "text": "Een artikel van de standaardinvoer, lang genoeg om te bewaren."}\n'
    result = runner.invoke(main, ["--db", str(db_path), "ingest", "-", "--format", "jsonl", "--json"], input=data)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["accepted"] == 1


def test_demo_runs_on_the_bundled_sample(runner, tmp_path):
    result = runner.invoke(main, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "48 accepted" in result.output
    assert (tmp_path / "demo" / "storyline.db").exists()
