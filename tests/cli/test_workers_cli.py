"""--workers on ingest, analyse and cluster: accepted, checked, and the same stories whatever the number."""

from __future__ import annotations

import json

from storyline.cli import main


def test_workers_option_on_ingest_analyse_and_cluster(runner, db_path, sample):
    db = ["--db", str(db_path)]
    for command in ("ingest", "analyse", "cluster"):
        assert "--workers N" in runner.invoke(main, [command, "--help"]).stdout
    bad = runner.invoke(main, [*db, "cluster", "--workers", "0"])
    assert bad.exit_code == 2 and "--workers" in bad.output
    assert runner.invoke(main, [*db, "ingest", str(sample), "--raw", "--workers", "2", "--json"]).exit_code == 0
    done = runner.invoke(main, [*db, "analyse", "--workers", "2"])
    assert done.exit_code == 0 and "48 articles analysed" in done.stdout
    first = json.loads(runner.invoke(main, [*db, "cluster", "--workers", "2", "--json"]).stdout)
    stories = json.loads(runner.invoke(main, [*db, "stories", "--json"]).stdout)
    again = json.loads(runner.invoke(main, [*db, "cluster", "--rebuild", "--workers", "1", "--json"]).stdout)
    assert first["assigned"] == 48 and again["assigned"] == 48
    rebuilt = json.loads(runner.invoke(main, [*db, "stories", "--json"]).stdout)
    assert sorted(map(lambda s: sorted(s["article_ids"]), stories)) == sorted(map(lambda s: sorted(s["article_ids"]), rebuilt))
