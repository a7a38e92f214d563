"""Lemma and name tokens of story detection (storyline.cluster.features)."""

from __future__ import annotations

from storyline.cluster.features import compound_parts, fold, tokens
from storyline.cluster.online import Doc, StoryClusterer, day_number
from storyline.cluster.scoring import Weights


def test_dutch_compound_words_share_terms_with_their_parts():
    """Regression (issue 15): on DFN dev, Dutch reports of one affair stayed apart because they name it with
    different compounds ("avondklok" / "avondklokrellen", "vliegtuigcrash" / "vliegtuig"): simplemma keeps a
    compound whole, so the lemma vectors shared nothing. A compound now also counts its parts."""
    lemmas, _ = tokens("Rutte terug vanwege vliegtuigcrash; avondklokrellen in Eindhoven", "nl", compounds=True)
    assert {"vliegtuigcrash", "vliegtuig", "avondklokrellen", "avondklok", "rel"} <= set(lemmas)
    plain, _ = tokens("Rutte terug vanwege vliegtuigcrash; avondklokrellen in Eindhoven", "nl")
    assert "vliegtuig" not in plain and "avondklok" not in plain
    assert compound_parts("kermis", "nl") == () and compound_parts("overheid", "nl") == ()
    assert compound_parts("vliegtuigcrash", "en") == ()  # English is not split


def test_compound_parts_raise_the_score_of_two_reports_naming_one_affair_differently():
    docs = [Doc("a", "Avondklok gaat in op zaterdag", "Vanaf zaterdag geldt in heel Nederland een avondklok van "
                "21.00 tot 04.30 uur.", "nl", day_number("2021-01-21T00:00:00Z")),
            Doc("b", "Avondklokrellen: politie grijpt in", "Bij de avondklokrellen in Eindhoven en Den Bosch greep "
                "de ME in.", "nl", day_number("2021-01-25T00:00:00Z"))]

    def score(compounds: bool) -> float:
        c = StoryClusterer(Weights(compounds=compounds))
        c.learn_terms(docs)
        c.learn_one(docs[0])
        return c.stories["sa"].cosines(c.features(docs[1], learn=False))[0]

    assert score(False) == 0.0 < score(True)


def test_accent_folding_is_an_option_and_off_by_default():
    assert fold("Oekraïne".lower()) == "oekraine"
    assert "oekraïne" in tokens("Het toestel stortte neer in Oekraïne.", "nl")[1]
    assert "oekraine" in tokens("Het toestel stortte neer in Oekraïne.", "nl", accents=False)[1]
    assert Weights().accents is True and Weights().compounds is True
