"""The opt-in learned decision over the event-date rules (`storyline.timeline.event_learned`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.text.tokens import tokenize
from storyline.timeline.event_dates import Attribution, attribute, attribute_sentence, tag
from storyline.timeline.event_learned import FEATURES, HEADS, EventModel, decide, features

MODEL = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "event_dates_model.json"
PUB = "2018-05-24"


def _model(**bias: float) -> EventModel:
    """A model whose heads answer by their intercept alone (all coefficients 0): +30 yes, -30 no."""
    n = len(FEATURES)
    head = {"mean": [0.0] * n, "scale": [1.0] * n, "coef": [0.0] * n, "threshold": 0.5}
    return EventModel.from_dict({"features": list(FEATURES),
                                 "heads": {h: dict(head, intercept=bias.get(h, -30.0)) for h in HEADS}})


def _attributed(sentence: str, lang: str = "nl") -> tuple[Attribution, list[float]]:
    mentions = tag(sentence, lang, PUB, "day")
    tokens = tokenize(sentence)
    att = attribute(sentence, mentions, lang=lang, published=PUB, published_precision="day", tokens=tokens)
    return att, features(sentence, mentions, tokens, att, lang=lang, published=PUB, published_precision="day")


def test_features_describe_the_own_expression():
    att, x = _attributed("De top werd op 3 mei afgeblazen.")
    f = dict(zip(FEATURES, x, strict=True))
    assert att.kind == "own" and att.value == "2018-05-03" and len(x) == len(FEATURES)
    assert f["kind_own"] == 1 and f["own_after_preposition"] == 1 and f["own_day"] == 1 and f["own_future"] == 0
    assert f["lang_en"] == 0 and f["n_mentions"] == 1 and f["question"] == 0


def test_learned_decision_never_invents_a_date():
    """Overruled, an own date becomes the publication date (kind attribute) or none; nothing else."""
    att, x = _attributed("De top werd op 3 mei afgeblazen.")
    assert decide(att, x, _model(), published=PUB, published_precision="day") == att  # both heads say no
    rep = decide(att, x, _model(to_reporting=30.0), published=PUB, published_precision="day")
    assert (rep.kind, rep.value, rep.precision) == ("attribute", PUB, "day")
    month = decide(att, x, _model(to_reporting=30.0), published=PUB, published_precision="month")
    assert month.value == "2018-05"  # reporting time at the publication's precision
    none = decide(att, x, _model(to_none=30.0, to_reporting=30.0), published=PUB, published_precision="day")
    assert (none.kind, none.value) == ("none", None)


def test_learned_decision_moves_only_own_dates_to_reporting_time():
    att, x = _attributed("Het kabinet heeft de plannen gepresenteerd.")
    assert att.kind == "reporting"
    assert decide(att, x, _model(to_reporting=30.0), published=PUB, published_precision="day") == att
    undated, ux = _attributed("Wat vindt u ervan?")
    assert undated.value is None  # a question: no event, nothing for either head to overrule
    assert decide(undated, ux, _model(to_reporting=30.0, to_none=30.0), published=PUB,
                  published_precision="day") == undated


def test_attribute_sentence_without_a_model_is_the_rules():
    s = "De top werd op 3 mei afgeblazen."
    plain = attribute_sentence(s, lang="nl", published=PUB, published_precision="day")
    assert plain == attribute_sentence(s, lang="nl", published=PUB, published_precision="day", model=_model())
    assert attribute_sentence(s, lang="nl", published=PUB, published_precision="day",
                              model=_model(to_reporting=30.0)).value == PUB


def test_bad_model_files_are_refused_clearly(tmp_path):
    bad = tmp_path / "m.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable event-date model"):
        EventModel.load(bad)
    bad.write_text(json.dumps({"features": ["x"], "heads": {}}), encoding="utf-8")
    with pytest.raises(InputError, match="retrain it with benchmarks/event_dates_learned.py"):
        EventModel.load(bad)
    with pytest.raises(InputError, match="not a readable"):
        EventModel.load(tmp_path / "missing.json")


def test_committed_model_fits_this_version_and_is_plain_json():
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES) and "not shipped" in data["licence"]
    model = EventModel.load(MODEL)
    assert set(model.heads) == set(HEADS)
    assert all(len(h.coef) == len(FEATURES) for h in model.heads.values())
