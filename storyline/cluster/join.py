"""The learned join decision: does an article belong to a candidate story? (issue 15)

The threshold rule of `storyline.cluster.scoring` adds three cosines with hand-set weights and compares the sum
with a hand-set threshold per language. The learned rule (``Weights(join="learned")``; not the default, see
docs/stories.md for why) ranks the candidate stories the same way, with the same cross-language content evidence
(a specific shared name or an embedding cosine of at least 0.5), and computes the pair features below for the best
one: a logistic regression trained on such pairs of the DFN development half gives the probability that the article
belongs to that story. The article joins it when the probability reaches the model's threshold; otherwise it opens
a new story.

A model is plain JSON: feature names, the scaling (mean and standard deviation of each feature), coefficients,
intercept, threshold and its provenance; no text of the data it was trained on. The package ships none: the one
this project trained (``benchmarks/data/join_model.json``, by ``benchmarks/train_join_model.py``) learned from
the DFN development labels, research data that nothing shipped may come from. The learned rule therefore needs
the setting ``cluster.join_model`` (a model file; train one on your own labelled archive with that script).

Pair features (article `a`, candidate story `S`; ``same``: a's language is among S's)::

    same_lemma, same_names, same_use   cosines of lemmas, names, title+lead embedding (0 across languages)
    cross_names, cross_use             the same cosines across languages (0 within one)
    cross                              1 across languages (or a's language unknown)
    same_nl                            1 when both are Dutch (the Dutch threshold differed from the English one)
    names_idf_overlap                  share of a's name specificity (idf) found among S's names
    specific_shared                    ln(1 + number of shared names in at most 2 % of the articles seen)
    log_gap                            ln(1 + gap / 30 days) (gap 60 days when either side is undated)
    undated                            1 when either side is undated
    edition                            1 when a's title names a year and S's most frequent title year is another
    log_size                           ln(1 + articles in S)
    title_only                         1 when a is described by its title only (boilerplate)
    rule_margin                        the threshold rule's score minus its threshold (what that rule decides on)
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError

FEATURES: tuple[str, ...] = (
    "same_lemma", "same_names", "same_use", "cross_names", "cross_use", "cross", "same_nl", "names_idf_overlap",
    "specific_shared", "log_gap", "undated", "edition", "log_size", "title_only", "rule_margin",
)
RULES = ("learned", "threshold")
MODEL_FILE = "join_model.json"


def pair_features(cos: tuple[float, float, float], same: bool, lang: str | None, gap: float | None,
                  undated_gap: float, edition: bool, idf_overlap: float, specific_shared: int, size: int,
                  title_only: bool, rule_margin: float) -> list[float]:
    """The feature vector of one (article, candidate story) pair, in the order of `FEATURES`.

    >>> x = pair_features((0.4, 0.3, 0.6), True, "nl", 0.0, 60.0, False, 0.5, 1, 3, False, 0.1)
    >>> dict(zip(FEATURES, x))["same_lemma"], dict(zip(FEATURES, x))["cross_use"], dict(zip(FEATURES, x))["same_nl"]
    (0.4, 0.0, 1.0)
    """
    cl, cn, cu = cos
    s = 1.0 if same else 0.0
    x = 1.0 - s
    g = undated_gap if gap is None else max(0.0, gap)
    return [s * cl, s * cn, s * cu, x * cn, x * cu, x, s if lang == "nl" else 0.0, idf_overlap,
            math.log1p(specific_shared), math.log1p(g / 30.0), 1.0 if gap is None else 0.0, 1.0 if edition else 0.0,
            math.log1p(size), 1.0 if title_only else 0.0, rule_margin]


@dataclass(frozen=True, slots=True)
class JoinModel:
    """A logistic regression over `FEATURES`: P(article belongs to story) = σ(intercept + Σ coef·(x − mean)/scale)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    provenance: dict[str, Any] = field(default_factory=dict)
    _w: tuple[float, ...] = ()
    _b: float = 0.0
    cut: float = 0.0  # the threshold as log-odds

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> JoinModel:
        """A model from its JSON form; checks that it is complete and matches the features of this code."""
        try:
            features = tuple(data["features"])
            mean, scale, coef = (tuple(float(v) for v in data[k]) for k in ("mean", "scale", "coef"))
            intercept, threshold = float(data["intercept"]), float(data["threshold"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"join model: missing or malformed field ({exc})") from exc
        if features != FEATURES:
            raise ValueError(f"join model: features {list(features)} do not match the code's {list(FEATURES)}")
        if not len(mean) == len(scale) == len(coef) == len(features):
            raise ValueError("join model: mean, scale and coef must have one value per feature")
        if not 0.0 < threshold < 1.0 or any(s <= 0 for s in scale):
            raise ValueError("join model: threshold must be in (0, 1) and every scale positive")
        w = tuple(c / s for c, s in zip(coef, scale, strict=True))
        b = intercept - sum(c * m / s for c, m, s in zip(coef, mean, scale, strict=True))
        return cls(features, mean, scale, coef, intercept, threshold, dict(data.get("provenance", {})),
                   w, b, math.log(threshold / (1.0 - threshold)))

    def logit(self, x: Sequence[float]) -> float:
        """The log-odds that the pair belongs together."""
        return self._b + sum(wi * xi for wi, xi in zip(self._w, x, strict=True))

    def margin(self, x: Sequence[float]) -> float:
        """Log-odds above the threshold's (≥ 0: join)."""
        return self.logit(x) - self.cut

    def probability(self, x: Sequence[float]) -> float:
        """P(article belongs to the story)."""
        z = self.logit(x)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def load(path: str | Path | None) -> JoinModel:
    """The join model at `path` (the package ships none: see the module's docstring)."""
    if path is None:
        raise ConfigError("the learned join rule needs a model file: set cluster.join_model (storyline.toml, "
                          "STORYLINE_CLUSTER__JOIN_MODEL) to a JSON model trained with benchmarks/train_join_model.py, "
                          "e.g. benchmarks/data/join_model.json in the source tree; storyline ships none")
    return JoinModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
