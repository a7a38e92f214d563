"""Train and cross-validate the learned event-date decision (storyline.timeline.event_learned), issue 16.

Only the development half of the event-date gold set is read (``--split dev`` is fixed; the test half is never
loaded). Every development sentence is attributed by the rules (`storyline.timeline.event_dates.attribute`, the
`previous` date being the rules' own answer for the sentence before, as `storyline evaluate event-dates` does),
and its features are computed (`event_learned.FEATURES`). Two logistic regressions (scikit-learn, standardised
features, L2, C fixed in advance) are trained:

- ``to_reporting`` on the sentences the rules date by an own expression whose value is not the publication
  value: label 1 when the gold value is the publication value (the date was an attribute or background);
- ``to_none`` on every sentence the rules date: label 1 when the gold says no event.

Validation: grouped k-fold over articles (``dataset:article``; no article is in both the training and the
held-out part of a fold), the same folds for the rules alone and rules + model; every development sentence is
scored once, by a model that did not see its article. Reported per threshold: accuracy overall and per gold kind,
for both heads and each head alone. The final model is fitted on all development sentences and written as JSON
(no pickle) with the cross-validation report.

    .venv/bin/python benchmarks/event_dates_learned.py --gold benchmarks/data/event_dates_gold.jsonl \\
        --data ../shared/data --out benchmarks/data/event_dates_model.json \\
        --report benchmarks/data/event_dates_model_cv.json

The sentences are research data (DFN, Timeline17; see ../shared/data/README.md): the model is written to the
source tree only, never shipped in the package, and used only when asked for (``--model FILE``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.tree import DecisionTreeClassifier

from storyline.evaluate.event_dates import GoldSentence, publication_value, read_gold, resolve, score
from storyline.text.tokens import tokenize
from storyline.timeline.event_dates import Attribution, attribute, tag
from storyline.timeline.event_learned import FEATURES, HEADS, RULE_FEATURES, EventModel, Head, decide, features

C = 1.0  # fixed before any run; not tuned
DESIGN = "residual"  # --labels
LEARNER = "logistic"  # --learner


def attributed(sentences: list[GoldSentence]) -> list[tuple[Attribution, list[float]]]:
    """The rules' attribution of every sentence and its feature vector."""
    out = []
    for s in sentences:
        prev = None
        if s.previous:
            pm = tag(s.previous, s.lang, s.published, s.published_precision)
            prev = attribute(s.previous, pm, lang=s.lang, published=s.published,
                             published_precision=s.published_precision).value
        mentions = tag(s.sentence, s.lang, s.published, s.published_precision)
        tokens = tokenize(s.sentence)
        att = attribute(s.sentence, mentions, lang=s.lang, published=s.published,
                        published_precision=s.published_precision, previous=prev, tokens=tokens)
        out.append((att, features(s.sentence, mentions, tokens, att, lang=s.lang, published=s.published,
                                  published_precision=s.published_precision)))
    return out


def head_rows(name: str, s: GoldSentence, att: Attribution, x: list[float]) -> int | None:
    """The label of a sentence for one head, None when the head is not trained on it.

    ``guideline`` labels: the heads learn the guideline's distinctions from every sentence that
    has them, not the rules' mistakes: ``to_reporting`` from every sentence of a dated article that names a date
    and reports an event (1 when its event is at reporting time), ``to_none`` from every sentence of a dated
    article (1 when it reports no event); the rules' verdicts (`RULE_FEATURES`) are left out of the features,
    since the rules were tuned on these very sentences. ``residual`` labels: only the sentences the head would
    overrule, labelled by whether overruling is right (the rules' verdicts kept as features); the default."""
    pub = publication_value(s.published, s.published_precision)
    if DESIGN == "guideline":
        if pub is None:
            return None
        if name == "to_none":
            return int(s.date is None)
        if s.date is None or x[FEATURES.index("n_mentions")] == 0:
            return None
        return int(s.date == pub)
    if name == "to_none":
        return None if att.value is None else int(s.date is None)
    if att.kind != "own" or att.own is None or pub is None or att.value == pub:
        return None
    return int(s.date == pub)


def fit(name: str, sentences: list[GoldSentence], rows: list[tuple[Attribution, list[float]]], idx: list[int],
        threshold: float) -> tuple[Head | None, dict]:
    """One head fitted on the sentences `idx`."""
    pick = [(rows[i][1], y) for i in idx if (y := head_rows(name, sentences[i], *rows[i])) is not None]
    if not pick or len({y for _, y in pick}) < 2:
        return None, {"n": len(pick), "positives": sum(y for _, y in pick)}
    X = np.array([x for x, _ in pick], dtype=float)
    y = np.array([y for _, y in pick])
    if DESIGN == "guideline":
        X[:, [FEATURES.index(f) for f in RULE_FEATURES]] = 0.0
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    if LEARNER == "tree":  # cross-validation only: a depth-3 tree is compared, never written out
        tree = DecisionTreeClassifier(max_depth=3, min_samples_leaf=5, random_state=0).fit(X, y)
        return TreeHead(tree, threshold), {"n": len(pick), "positives": int(y.sum())}
    lr = LogisticRegression(C=C, max_iter=2000).fit((X - mean) / scale, y)
    head = Head(tuple(float(v) for v in mean), tuple(float(v) for v in scale), tuple(float(v) for v in lr.coef_[0]),
                float(lr.intercept_[0]), threshold)
    return head, {"n": len(pick), "positives": int(y.sum())}


class TreeHead:
    """A shallow tree with the `Head` interface `decide` uses (probability, threshold)."""

    def __init__(self, tree: DecisionTreeClassifier, threshold: float) -> None:
        self.tree, self.threshold = tree, threshold

    def probability(self, x: list[float]) -> float:
        return float(self.tree.predict_proba(np.array([x], dtype=float))[0][1])


def predict(sentences: list[GoldSentence], rows: list[tuple[Attribution, list[float]]], idx: list[int],
            model: EventModel | None) -> dict[int, str | None]:
    out = {}
    for i in idx:
        att, x = rows[i]
        if model is not None:
            s = sentences[i]
            att = decide(att, x, model, published=s.published, published_precision=s.published_precision)
        out[i] = att.value
    return out


def cross_validate(sentences: list[GoldSentence], rows: list[tuple[Attribution, list[float]]], folds: int,
                   thresholds: list[float]) -> dict:
    groups = [f"{s.dataset}:{s.article}" for s in sentences]
    splits = list(GroupKFold(n_splits=folds).split(np.zeros(len(sentences)), groups=groups))
    variants = {"rules": None}
    for t in thresholds:
        for heads in (HEADS, ("to_reporting",), ("to_none",)):
            variants[f"{'+'.join(heads)} @{t}"] = (heads, t)
    preds: dict[str, dict[int, str | None]] = {v: {} for v in variants}
    for train, test in splits:
        train, test = list(train), list(test)
        preds["rules"].update(predict(sentences, rows, test, None))
        for t in thresholds:
            fitted = {h: fit(h, sentences, rows, train, t)[0] for h in HEADS}
            for name, spec in variants.items():
                if spec is None or spec[1] != t:
                    continue
                model = EventModel({h: fitted[h] for h in spec[0] if fitted[h] is not None})
                preds[name].update(predict(sentences, rows, test, model))
    report = {}
    for name, p in preds.items():
        ordered = [p[i] for i in range(len(sentences))]
        r = score(sentences, ordered)
        r["accuracy_by_lang"] = {g: score([s for s in sentences if s.lang == g],
                                          [v for s, v in zip(sentences, ordered, strict=True) if s.lang == g])["accuracy"]
                                 for g in sorted({s.lang for s in sentences})}
        report[name] = r
    return {"folds": folds, "groups": len(set(groups)), "C": C, "variants": report}


def blind(sentences: list[GoldSentence], rows: list[tuple[Attribution, list[float]]], held: str,
          exclude: tuple[str, ...], thresholds: list[float]) -> dict:
    """Fit on the development sentences whose id starts with none of `exclude`, score those starting with `held`.

    Run with the code of the rules as they were before the held-out sentences were labelled (PYTHONPATH pointing
    to that commit's `storyline`), this is the situation of the test half: a model trained on sentences the rules
    were tuned on, applied to sentences neither has seen."""
    train = [i for i, s in enumerate(sentences) if not s.id.startswith(exclude)]
    test = [i for i, s in enumerate(sentences) if s.id.startswith(held)]
    report = {"train": len(train), "held_out": len(test), "variants": {}}
    sub = [sentences[i] for i in test]
    rules = predict(sentences, rows, test, None)
    report["variants"]["rules"] = score(sub, [rules[i] for i in test])
    for t in thresholds:
        fitted = {h: fit(h, sentences, rows, train, t)[0] for h in HEADS}
        for heads in (HEADS, ("to_reporting",), ("to_none",)):
            model = EventModel({h: fitted[h] for h in heads if fitted[h] is not None})
            p = predict(sentences, rows, test, model)
            report["variants"][f"{'+'.join(heads)} @{t}"] = score(sub, [p[i] for i in test])
    return report


def _table(title: str, variants: dict) -> None:
    print(title)
    print(f"{'variant':34} {'acc':>6} " + " ".join(f"{k:>9}" for k in ("own", "attribute", "reporting", "none")))
    for name, r in variants.items():
        print(f"{name:34} {r['accuracy']:6.3f} " + " ".join(f"{r['accuracy_by_kind'][k] or 0:9.3f}"
                                                         for k in ("own", "attribute", "reporting", "none")))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default="benchmarks/data/event_dates_gold.jsonl")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--out", default=None, help="write the model fitted on all development sentences (JSON)")
    ap.add_argument("--report", default=None, help="write the cross-validation report (JSON)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--thresholds", default="0.5,0.6,0.7")
    ap.add_argument("--threshold", type=float, default=0.5, help="the threshold written into --out")
    ap.add_argument("--blind", default=None, metavar="PREFIX",
                    help="instead of cross-validating: fit on the development sentences outside --exclude, score "
                         "the ones whose id starts with PREFIX (e.g. ed3-, with the code of the rules before them)")
    ap.add_argument("--exclude", default="", help="id prefixes left out of the training for --blind (e.g. ed3-)")
    ap.add_argument("--labels", choices=("guideline", "residual"), default="residual",
                    help="what the heads learn (see head_rows)")
    ap.add_argument("--learner", choices=("logistic", "tree"), default="logistic",
                    help="tree: a depth-3 decision tree, for comparison in cross-validation only (not written)")
    args = ap.parse_args(argv)
    global DESIGN, LEARNER
    DESIGN, LEARNER = args.labels, args.learner
    if LEARNER == "tree" and args.out:
        ap.error("--out writes the logistic model only")
    thresholds = [float(t) for t in args.thresholds.split(",")]
    sentences = resolve(read_gold(args.gold), args.data, "dev")  # the development half only
    rows = attributed(sentences)
    if args.blind:
        exclude = tuple(p for p in args.exclude.split(",") if p) or (args.blind,)
        rep = blind(sentences, rows, args.blind, exclude, thresholds)
        _table(f"trained on {rep['train']} development sentences, scored on the {rep['held_out']} {args.blind}*",
               rep["variants"])
        if args.report:
            Path(args.report).write_text(json.dumps(rep, indent=1) + "\n", encoding="utf-8")
        return 0
    cv = cross_validate(sentences, rows, args.folds, thresholds)
    _table(f"{len(sentences)} development sentences, {cv['groups']} articles, {cv['folds']} grouped folds, C={C}",
           cv["variants"])
    if args.report:
        Path(args.report).write_text(json.dumps(cv, indent=1) + "\n", encoding="utf-8")
    if args.out:
        everything = list(range(len(sentences)))
        heads, counts = {}, {}
        for h in HEADS:
            head, counts[h] = fit(h, sentences, rows, everything, args.threshold)
            if head is not None:
                heads[h] = {"mean": [round(v, 6) for v in head.mean], "scale": [round(v, 6) for v in head.scale],
                            "coef": [round(v, 6) for v in head.coef], "intercept": round(head.intercept, 6),
                            "threshold": head.threshold, **counts[h]}
        model = {"features": list(FEATURES), "heads": heads, "C": C, "labels": DESIGN,
                 "trained_on": f"{args.gold}, split dev ({len(sentences)} sentences)",
                 "trained": dt.date.today().isoformat(),
                 "licence": "trained on research data (DFN, Timeline17): not shipped in the package; opt-in only",
                 "cross_validation": {k: {"accuracy": v["accuracy"], "accuracy_by_kind": v["accuracy_by_kind"]}
                                      for k, v in cv["variants"].items()}}
        Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        EventModel.load(args.out)  # what was written can be read back
    return 0


if __name__ == "__main__":
    sys.exit(main())
