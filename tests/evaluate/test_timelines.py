"""`storyline evaluate timelines`: the Timeline17 loader, tilse scoring and one small topic end to end."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from storyline.cli import main
from storyline.evaluate.timelines import Scorer, clean_t17, load_topic, strip_residue, topics


def _need_tilse() -> None:
    import tilse  # noqa: F401 - a test dependency (pip install -e '.[test]'): missing, this fails

    perl = shutil.which("perl")
    if not perl or subprocess.run([perl, "-MXML::Parser", "-e1"], capture_output=True).returncode:
        pytest.skip("needs Perl's XML::Parser for tilse's ROUGE script (apt-get install libxml-parser-perl)")


def test_cleaning_undoes_the_tokenisation():
    raw = "LONDON | Mon Apr 27 , 2009 3:10 am BST LONDON -LRB- Reuters -RRB- - BP 's shares fell 5 % , `` sharply '' ."
    assert clean_t17(strip_residue(raw)) == "BP's shares fell 5%, \"sharply\"."


def test_scorer_perfect_and_empty():
    _need_tilse()
    gold = {"2010-04-20": ["The Deepwater Horizon rig explodes , killing 11 workers ."],
            "2010-07-15": ["BP caps the leaking well ."]}
    perfect = Scorer().score(gold, gold)
    assert perfect["date"]["f_score"] == 1.0
    assert perfect["rouge1"]["f_score"] == pytest.approx(1.0) and perfect["concat_rouge2"]["f_score"] == pytest.approx(1.0)
    shifted = Scorer().score({"2010-04-21": gold["2010-04-20"]}, gold)
    assert shifted["date"]["f_score"] == 0.0 and 0.0 < shifted["rouge1"]["f_score"] < 1.0


@pytest.mark.shared_data
@pytest.mark.slow
def test_haiti_end_to_end(runner):
    from tests.conftest import shared_path

    t17 = shared_path("t17")
    _need_tilse()
    articles, golds, keywords = load_topic(topics(t17)["haiti"])
    assert len(golds) == 1 and keywords == ["haiti", "quake", "earthquake"]
    assert all(a["id"].startswith("haiti_bbc:") and "-LRB-" not in a["text"] for a in articles)
    result = runner.invoke(main, ["evaluate", "timelines", "--t17", str(t17), "--topics", "haiti", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["mean"]) == {"rouge1_f", "rouge2_f", "date_f1", "concat_rouge1_f", "concat_rouge2_f"}
    (row,) = data["timelines"]
    assert row["pred_dates"] == row["gold_dates"] == 11
    assert data["mean"]["rouge1_f"] > 0.12 and data["mean"]["date_f1"] > 0.6


def _tiny_t17(root) -> None:
    folder = root / "spill_wire"
    folder.mkdir()
    arts = [{"id": "1", "time": "2010-04-21", "text": "The Deepwater Horizon rig exploded on Tuesday , killing 11 workers ."},
            {"id": "2", "time": "2010-04-22", "text": "The burning rig sank on Thursday in the Gulf of Mexico ."},
            {"id": "3", "time": "2010-07-16", "text": "BP capped the leaking well on Thursday , stopping the oil ."},
            {"id": "4", "time": "2010-05", "text": "Oil reached the coast of Louisiana , officials said ."}]
    (folder / "articles.jsonl").write_text("\n".join(json.dumps(a) for a in arts), encoding="utf-8")
    gold = [["2010-04-20", ["The rig explodes , killing 11 workers ."]], ["2010-07-15", ["BP caps the well ."]]]
    (folder / "timelines.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    (folder / "keywords.json").write_text('["rig"]', encoding="utf-8")


def test_product_mode_scores_the_shipped_timeline_of_the_whole_collection(runner, tmp_path):
    """Issue 16: `--mode product` builds what users get (no keyphrase filter, no gold length or window)."""
    _need_tilse()
    _tiny_t17(tmp_path)
    research = runner.invoke(main, ["evaluate", "timelines", "--t17", str(tmp_path), "--topics", "spill", "--json"])
    product = runner.invoke(main, ["evaluate", "timelines", "--t17", str(tmp_path), "--topics", "spill",
                                   "--mode", "product", "--json"])
    assert research.exit_code == 0 and product.exit_code == 0, product.output
    r, p = json.loads(research.output), json.loads(product.output)
    assert (r["mode"], p["mode"]) == ("research", "product")
    assert r["timelines"][0]["pred_dates"] <= 2  # gold length, keyphrase "rig" only
    # the product timeline has more entries than the gold (automatic length: at least 4), and the BP cap
    # without the keyphrase, so its date precision is lower than its recall
    assert p["timelines"][0]["pred_dates"] > 2 and p["mean"]["date_f1"] > 0
