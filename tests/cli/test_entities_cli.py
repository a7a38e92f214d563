"""show --json with entities and time mentions; analyse, entities and entity commands."""

from __future__ import annotations

import json

from storyline.cli import main


def _prepare(runner, db_path, seeds_dir):
    assert runner.invoke(main, ["--db", str(db_path), "ingest", str(seeds_dir), "--raw"]).exit_code == 0
    rows = json.loads(runner.invoke(main, ["--db", str(db_path), "articles", "--json"]).stdout)
    return {r["published"]: r["id"] for r in rows}


def test_show_json_has_entities_and_time_mentions_before_and_after_analysis(runner, db_path, seeds_dir):
    ids = _prepare(runner, db_path, seeds_dir)
    may = [i for p, i in ids.items() if p == "2018-05"] or list(ids.values())
    before = json.loads(runner.invoke(main, ["--db", str(db_path), "show", may[0], "--json"]).stdout)
    assert runner.invoke(main, ["--db", str(db_path), "analyse"]).exit_code == 0
    after = json.loads(runner.invoke(main, ["--db", str(db_path), "show", may[0], "--json"]).stdout)
    assert before["entities"] == after["entities"] and before["time_mentions"] == after["time_mentions"]
    for ent in after["entities"]:
        assert {"text", "type", "start", "end", "normalized"} <= set(ent)
        assert after["text"][ent["start"]:ent["end"]] == ent["text"]
    for mention in after["time_mentions"]:
        assert {"text", "start", "end", "value", "precision", "resolved"} <= set(mention)
        assert after["text"][mention["start"]:mention["end"]] == mention["text"]
    values = {m["text"]: m["value"] for m in after["time_mentions"] if m["resolved"]}
    assert values.get("12 juni") == "2018-06-12"


def test_entities_and_entity_commands(runner, db_path, seeds_dir):
    _prepare(runner, db_path, seeds_dir)
    runner.invoke(main, ["--db", str(db_path), "analyse"])
    rows = json.loads(runner.invoke(main, ["--db", str(db_path), "entities", "--type", "PER", "--json"]).stdout)
    assert rows and all(r["type"] == "PER" for r in rows)
    names = [r["normalized"] for r in rows]
    assert "Kim Jong-un" in names and "Donald Trump" in names
    kim = json.loads(runner.invoke(main, ["--db", str(db_path), "entity", "kim jong-un", "--json"]).stdout)
    assert kim["name"] == "Kim Jong-un" and kim["n_articles"] == len(kim["articles"]) == 5
    assert any(c["name"] == "Donald Trump" for c in kim["co_occurring"])
    one = json.loads(runner.invoke(main, ["--db", str(db_path), "entity", "kim jong-un", "--limit", "1", "--json"]).stdout)
    assert one["n_articles"] == 5 and [a["id"] for a in one["articles"]] == [a["id"] for a in kim["articles"][:1]]
    missing = runner.invoke(main, ["--db", str(db_path), "entity", "Nobody Here"])
    assert missing.exit_code == 2 and "no entity named" in missing.output


def test_analyse_skips_articles_already_done(runner, db_path, seeds_dir):
    _prepare(runner, db_path, seeds_dir)
    first = runner.invoke(main, ["--db", str(db_path), "analyse"])
    second = runner.invoke(main, ["--db", str(db_path), "analyse"])
    assert "5 articles analysed" in first.output and "0 articles analysed" in second.output


def test_regression_entity_shows_its_one_type_and_each_co_occurring_name_once(runner, db_path, seeds_dir):
    # (issue 17) `storyline entity Trump` printed "Donald Trump (LOC, MISC, ORG, PER)", every type any mention had,
    # and a co-occurring name tagged with two types was listed twice
    _prepare(runner, db_path, seeds_dir)
    runner.invoke(main, ["--db", str(db_path), "analyse"])
    profile = json.loads(runner.invoke(main, ["--db", str(db_path), "entity", "Kim Jong-un", "--json"]).stdout)
    assert profile["type"] == "PER"
    names = [c["name"] for c in profile["co_occurring"]]
    assert len(names) == len(set(names))
    shown = runner.invoke(main, ["--db", str(db_path), "entity", "Kim Jong-un"]).output
    assert shown.startswith("Kim Jong-un (PER):")
