"""`storyline evaluate clusters`: the scorer, the runner and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.evaluate.clusters import load_gold, read_ids, run_one, scores
from tests.conftest import shared_path

KEYS = {"bcubed_precision", "bcubed_recall", "bcubed_f1", "pairwise_f1", "ami", "ari", "n_articles",
        "n_pred_clusters", "n_gold_clusters", "articles_per_second"}


def test_perfect_and_all_in_one_clusterings():
    gold = [frozenset("x"), frozenset("x"), frozenset("y"), frozenset("y")]
    perfect = scores(["a", "a", "b", "b"], gold)
    assert perfect["bcubed_f1"] == perfect["pairwise_f1"] == 1.0
    assert perfect["ari"] == pytest.approx(1.0) and perfect["ami"] == pytest.approx(1.0)
    lumped = scores(["a"] * 4, gold)
    assert lumped["bcubed_precision"] == 0.5 and lumped["bcubed_recall"] == 1.0
    split = scores(["a", "b", "c", "d"], gold)
    assert split["bcubed_precision"] == 1.0 and split["bcubed_recall"] == 0.5 and split["pairwise_f1"] == 0.0


def test_several_labels_count_as_correct_with_any_shared_label_and_unlabelled_are_left_out():
    gold = [frozenset("x"), frozenset("xy"), frozenset("y"), frozenset()]
    together = scores(["a", "a", "a", "a"], gold)
    # item 0 and item 2 share no label: precision of those two is 2/3, of the two-label item 1
    assert together["bcubed_precision"] == pytest.approx((2 / 3 + 1 + 2 / 3) / 3)
    assert together["bcubed_recall"] == 1.0
    assert scores(["a", "a", "a", "z"], gold) == together


def _gold_file(tmp_path):
    rows = [
        {"id": "1", "lang": "nl", "published": "2014-07-17", "title": "MH17 neergeschoten boven Oekraïne",
         "text": "Vlucht MH17 van Malaysia Airlines is boven Oost-Oekraïne neergestort. Aan boord waren 298 mensen.",
         "incidents": ["Q1"]},
        {"id": "2", "lang": "nl", "published": "2014-07-18", "title": "Nederland rouwt om slachtoffers MH17",
         "text": "Nederland rouwt om de 193 Nederlandse slachtoffers van vlucht MH17 van Malaysia Airlines.",
         "incidents": ["Q1"]},
        {"id": "3", "lang": "en", "published": "2014-07-18", "title": "MH17 shot down over Ukraine",
         "text": "Malaysia Airlines flight MH17 was shot down over eastern Ukraine; 298 people died.",
         "incidents": ["Q1"]},
        {"id": "4", "lang": "en", "published": "0001-01-01T00:00:00UTC", "title": "Hurricane Irma hits Florida",
         "text": "Hurricane Irma made landfall in the Florida Keys on Sunday morning.", "incidents": []},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    ids = tmp_path / "ids.txt"
    ids.write_text("1\n2\n3\n")
    return path, ids


def test_runner_ingests_clusters_and_scores(tmp_path):
    path, ids = _gold_file(tmp_path)
    articles = load_gold(path, ids=read_ids(ids))
    assert [a.gold_id for a in articles] == ["1", "2", "3"]
    result = run_one(articles, lambda store: {r[0]: "one" for r in store.conn.execute("SELECT id FROM articles")})
    assert result["bcubed_f1"] == 1.0 and result["n_pred_clusters"] == 1 and result["n_gold_clusters"] == 1
    apart = run_one(articles, lambda store: {})
    assert apart["n_pred_clusters"] == 3 and apart["bcubed_recall"] == pytest.approx(1 / 3, abs=1e-3)


def test_command_prints_one_object_per_language_and_all(runner, tmp_path):
    path, _ = _gold_file(tmp_path)
    result = runner.invoke(main, ["evaluate", "clusters", "--gold", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"nl", "en", "all"}
    for value in data.values():
        assert KEYS <= set(value)
    assert data["nl"]["n_articles"] == 2 and data["all"]["n_articles"] == 4
    assert data["nl"]["bcubed_f1"] == 1.0
    table = runner.invoke(main, ["evaluate", "clusters", "--gold", str(path), "--lang", "nl"])
    assert table.exit_code == 0 and "bcubed" in table.output


@pytest.mark.shared_data
@pytest.mark.slow
def test_dutch_dfn_development_stories():
    gold = shared_path("dfn", "articles.jsonl")
    articles = [a for a in load_gold(gold, ids=read_ids(shared_path("dfn", "dev_ids.txt"))) if a.lang == "nl"]
    assert len(articles) == 156
    result = run_one(articles)
    assert result["bcubed_f1"] >= 0.80, result
    assert result["articles_per_cpu_second"] >= 20, result  # CPU time: a floor that does not fail on a busy machine


def test_cross_language_link_precision_and_the_largest_story():
    from storyline.evaluate.clusters import story_checks

    gold = [frozenset("x"), frozenset("x"), frozenset("y"), frozenset("y"), frozenset()]
    checks = story_checks(["a", "a", "a", "b", "a"], gold, ["nl", "en", "en", "nl", "de"])
    # pairs across languages in story a: (0,1) right, (0,2) wrong; the unlabelled article is left out
    assert checks["cross_language_links"] == 2 and checks["cross_language_link_precision"] == 0.5
    assert checks["largest_story_size"] == 3 and checks["largest_story_purity"] == pytest.approx(2 / 3)
    none = story_checks(["a", "b"], gold[:2], ["nl", "en"])
    assert none["cross_language_link_precision"] is None and none["cross_language_links"] == 0


def test_shuffled_input_order_gives_the_same_stories(tmp_path):
    path, _ = _gold_file(tmp_path)
    articles = load_gold(path)
    keys = ("bcubed_f1", "n_pred_clusters", "cross_language_link_precision", "largest_story_size")
    plain = run_one(articles)
    for seed in (1, 2, 3):
        shuffled = run_one(articles, shuffle=seed)
        assert {k: shuffled[k] for k in keys} == {k: plain[k] for k in keys}


def test_ties_in_publication_time_are_broken_by_article_id_not_arrival():
    """Regression: articles with the same timestamp were placed in input order, so shuffling moved the figures."""
    import storyline

    rows = [{"id": str(k), "lang": "nl", "published": "2014-07-17T12:00:00Z", "title": t, "text": x}
            for k, (t, x) in enumerate([
                ("MH17 neergestort in Oekraïne", "Vlucht MH17 van Malaysia Airlines is neergestort in Oost-Oekraïne."),
                ("Passagiersvliegtuig MH17 neergehaald", "Een toestel van Malaysia Airlines, vlucht MH17, is neergehaald."),
                ("Ajax wint van PSV", "Ajax heeft zondag in Eindhoven met 0-2 gewonnen van PSV."),
            ])]
    results = []
    for order in (rows, rows[::-1], rows[1:] + rows[:1]):
        with storyline.open(":memory:") as archive:
            archive.ingest_records(order, cluster=True)
            results.append(sorted((s["id"], s["title"], sorted(s["article_ids"])) for s in archive.stories()))
    assert results[0] == results[1] == results[2]


def test_command_runs_either_join_rule_and_refuses_an_unknown_one(runner, tmp_path):
    path, _ = _gold_file(tmp_path)
    trained = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "join_model.json"
    for rule in ("threshold", "learned"):
        result = runner.invoke(main, ["evaluate", "clusters", "--gold", str(path), "--lang", "nl", "--join", rule,
                                      "--join-model", str(trained), "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["nl"]["n_articles"] == 2
    bad = runner.invoke(main, ["evaluate", "clusters", "--gold", str(path), "--join", "vibes"])
    assert bad.exit_code != 0 and "vibes" in bad.output


def test_without_the_eval_extra_cluster_scores_say_how_to_install_it(monkeypatch):
    # (issue 19) scikit-learn is an evaluation-only dependency: the `eval` extra, not the base install
    import sys

    from storyline.errors import StorylineError
    from storyline.evaluate.clusters import scores

    monkeypatch.setitem(sys.modules, "sklearn.metrics", None)
    with pytest.raises(StorylineError, match=r"pip install -c requirements.lock -e '\.\[eval\]'"):
        scores(["a"], [frozenset("x")])
