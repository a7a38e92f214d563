"""The learned join decision (storyline.cluster.join): features, the shipped JSON model, the decision rule."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from benchmarks.train_join_model import Recorder, cluster
from storyline.cluster import join
from storyline.cluster.join import FEATURES, JoinModel, load, pair_features
from storyline.cluster.online import Doc, StoryClusterer, day_number
from storyline.cluster.scoring import Weights
from storyline.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
TRAINED = ROOT / "benchmarks" / "data" / join.MODEL_FILE  # the project's model: trained on DFN, never shipped

MH17 = [
    ("MH17 neergeschoten boven Oekraïne", "Vlucht MH17 van Malaysia Airlines is boven Oost-Oekraïne neergestort. Aan boord "
     "waren 298 mensen, onder wie 193 Nederlanders. Premier Rutte spreekt van een zwarte dag.", "2014-07-17", "mh17"),
    ("Eerste slachtoffers MH17 aangekomen in Eindhoven", "Op vliegbasis Eindhoven zijn de eerste stoffelijke overschotten "
     "van slachtoffers van vlucht MH17 aangekomen. Premier Rutte was aanwezig.", "2014-07-23", "mh17"),
    ("Ajax wint van PSV", "Ajax heeft zondag in de Johan Cruijff Arena met 2-0 gewonnen van PSV. Trainer Ten Hag "
     "was tevreden over de Eredivisie-wedstrijd.", "2014-07-20", "ajax"),
    ("Onderzoeksraad: MH17 neergehaald door Buk-raket", "De Onderzoeksraad voor Veiligheid concludeert dat vlucht MH17 "
     "van Malaysia Airlines boven Oekraïne werd neergehaald door een Buk-raket.", "2015-10-13", "mh17"),
    ("Ajax verliest van Feyenoord", "Ajax heeft in De Kuip met 1-0 verloren van Feyenoord. Trainer Ten Hag baalde van "
     "de Eredivisie-wedstrijd.", "2014-08-03", "ajax"),
]


def _docs():
    return [Doc(f"d{n}", t, x, "nl", day_number(d + "T00:00:00Z")) for n, (t, x, d, _) in enumerate(MH17)]


def _model(**over) -> dict:
    data = {"features": list(FEATURES), "mean": [0.0] * len(FEATURES), "scale": [1.0] * len(FEATURES),
            "coef": [0.0] * len(FEATURES), "intercept": 0.0, "threshold": 0.5, "provenance": {}}
    data.update(over)
    return data


def test_pair_features_follow_the_feature_names_and_split_same_from_cross_language():
    same = dict(zip(FEATURES, pair_features((0.4, 0.3, 0.6), True, "en", 30.0, 60.0, True, 0.5, 2, 9, False, -0.1),
                    strict=True))
    cross = dict(zip(FEATURES, pair_features((0.4, 0.3, 0.6), False, "nl", None, 60.0, False, 0.0, 0, 1, True, 0.2),
                     strict=True))
    assert len(same) == len(FEATURES)
    assert (same["same_lemma"], same["same_names"], same["same_use"], same["cross"]) == (0.4, 0.3, 0.6, 0.0)
    assert (same["cross_names"], same["cross_use"], same["same_nl"]) == (0.0, 0.0, 0.0)
    assert same["log_gap"] == pytest.approx(math.log(2.0)) and same["undated"] == 0.0 and same["edition"] == 1.0
    assert same["specific_shared"] == pytest.approx(math.log(3.0)) and same["log_size"] == pytest.approx(math.log(10.0))
    assert (cross["same_lemma"], cross["cross_names"], cross["cross_use"], cross["cross"]) == (0.0, 0.3, 0.6, 1.0)
    assert cross["undated"] == 1.0 and cross["log_gap"] == pytest.approx(math.log1p(2.0))  # the 60-day undated gap
    assert cross["title_only"] == 1.0 and cross["rule_margin"] == 0.2


def test_model_scales_then_applies_coefficients_and_its_threshold():
    m = JoinModel.from_dict(_model(mean=[1.0] * len(FEATURES), scale=[2.0] * len(FEATURES),
                                   coef=[0.0] * (len(FEATURES) - 1) + [4.0], intercept=-1.0, threshold=0.25))
    x = [0.0] * (len(FEATURES) - 1) + [3.0]
    assert m.logit(x) == pytest.approx(-1.0 + 4.0 * (3.0 - 1.0) / 2.0)
    assert m.probability(x) == pytest.approx(1 / (1 + math.exp(-3.0)))
    assert m.margin(x) == pytest.approx(3.0 - math.log(0.25 / 0.75))
    at_threshold = [0.0] * (len(FEATURES) - 1) + [1.0 + 2.0 * (1.0 + math.log(1 / 3)) / 4.0]
    assert m.probability(at_threshold) == pytest.approx(0.25) and m.margin(at_threshold) == pytest.approx(0.0)


@pytest.mark.parametrize("bad, message", [
    ({"features": list(FEATURES[:-1])}, "do not match"),
    ({"coef": [0.0]}, "one value per feature"),
    ({"threshold": 1.0}, "threshold"),
    ({"scale": [0.0] * len(FEATURES)}, "scale"),
    ({"intercept": None}, "malformed"),
])
def test_a_malformed_or_stale_model_is_refused_with_a_reason(bad, message):
    with pytest.raises(ValueError, match=message):
        JoinModel.from_dict(_model(**bad))


def test_trained_model_matches_the_code_and_says_where_it_comes_from():
    data = json.loads(TRAINED.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    model = load(TRAINED)
    assert model.features == FEATURES and 0 < model.threshold < 1
    prov = data["provenance"]
    assert "dev_ids.txt" in prov["trained_on"] and "development half" in prov["trained_on"]
    assert (ROOT / prov["script"]).is_file() and prov["script"] == "benchmarks/train_join_model.py"
    assert "no text" in prov["data_note"] and prov["date"][:4].isdigit()
    assert len(prov["cv_auc"]) >= 2 and all(0.5 < a <= 1 for a in prov["cv_auc"])
    assert set(prov["cv_out_of_fold_bcubed_f1"]) >= {"nl", "en", "all"}
    assert set(data) == {"features", "mean", "scale", "coef", "intercept", "threshold", "provenance"}  # numbers only


def test_regression_the_package_ships_no_model_learned_from_research_data():
    """The learned rule's model was trained on DFN labels and shipped in storyline/cluster/data; nothing the package
    ships may come from research data, so the learned rule now asks for a model file, and the package has none."""
    assert not list((ROOT / "storyline").rglob("join_model*.json"))
    with pytest.raises(ConfigError, match="cluster.join_model"):
        StoryClusterer(Weights(join="learned"))


def test_unknown_join_rule_is_refused():
    with pytest.raises(ValueError, match="unknown join rule"):
        StoryClusterer(Weights(join="vibes"))


def test_learned_rule_on_the_threshold_rules_margin_alone_decides_like_the_threshold_rule(tmp_path):
    # A model that only looks at the threshold rule's margin, steeply, must take the same decisions as that rule:
    # the learned rule is wired to the same candidates and the same best candidate.
    path = tmp_path / "m.json"
    path.write_text(json.dumps(_model(coef=[0.0] * (len(FEATURES) - 1) + [1000.0])), encoding="utf-8")
    old, new = StoryClusterer(Weights()), StoryClusterer(Weights(join="learned", join_model=str(path)))
    a = [(p.story_id, p.new_story) for p in (old.learn_one(d) for d in _docs())]
    b = [(p.story_id, p.new_story) for p in (new.learn_one(d) for d in _docs())]
    assert a == b
    assert len({s for s, _ in a}) == 2  # MH17 and Ajax


def test_learned_rule_decides_by_its_probability(tmp_path):
    # Intercept far below the threshold: every article opens its own story; far above: all join the first one.
    never, always = tmp_path / "never.json", tmp_path / "always.json"
    never.write_text(json.dumps(_model(intercept=-50.0)), encoding="utf-8")
    always.write_text(json.dumps(_model(intercept=50.0)), encoding="utf-8")
    c = StoryClusterer(Weights(join="learned", join_model=str(never)))
    assert all(p.new_story for p in (c.learn_one(d) for d in _docs()))
    c = StoryClusterer(Weights(join="learned", join_model=str(always)))
    placed = [c.learn_one(d) for d in _docs()]
    assert not any(p.new_story for p in placed[1:]) and all(p.score == pytest.approx(1.0) for p in placed[1:])


def test_training_pairs_are_the_best_candidates_labelled_from_the_gold():
    docs = _docs()
    gold = {d.id: frozenset({g}) for d, (*_, g) in zip(docs, MH17, strict=True)}
    rec = Recorder(gold, Weights())
    stories = cluster(docs, rec)
    assert len(set(stories.values())) == 2
    assert rec.rows and all(len(x) == len(FEATURES) and y in (0, 1) for _, x, y in rec.rows)
    by_doc = {a: y for a, _, y in rec.rows}
    assert by_doc["d1"] == 1 and by_doc["d3"] == 1  # MH17 articles whose best candidate is the MH17 story
