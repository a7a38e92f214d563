"""Train the learned join decision of story detection (benchmarks/data/join_model.json), issue 15.

Candidate (article, story) pairs come from the clusterer itself: the DFN development articles (``--ids``, the
development half only; the other half is never read) are ingested into an in-memory store and clustered in
publication order exactly as `storyline evaluate clusters` does, and at every placement every candidate story the
clusterer retrieves (same index, same candidates) is ranked by the threshold rule's score, and the best one is
logged with its pair features (`storyline.cluster.join`): the learned rule decides whether the article joins that
story or opens a new one. A pair is labelled 1 when at least half of the story's labelled articles share a gold
incident with the article.
The first round's stories come from the threshold rule; with ``--rounds 2`` the stories of the learned rule are
logged too (the pairs the model itself meets) and both rounds are pooled.

A logistic regression (scikit-learn, standardised features) is cross-validated by topic folds: group k-fold over
the gold incidents, so no incident is both trained on and tested on. Reported per fold: pair ROC AUC and log
loss; and the out-of-fold BCubed: each fold's model clusters the whole set and only the articles of the fold's
held-out incidents are scored, so every article is scored once, by a model that never saw its incident. The
threshold is the one with the best mean out-of-fold BCubed F1 (nl, en, all) with a cross-language link precision
of at least 0.95. The final model is fitted on all pairs and written as JSON (no pickle).

    .venv/bin/python benchmarks/train_join_model.py --gold ../shared/data/dfn/articles.jsonl \\
        --ids ../shared/data/dfn/dev_ids.txt --out benchmarks/data/join_model.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import GroupKFold

from storyline.cluster.assign import docs_with_embeddings
from storyline.cluster.join import FEATURES
from storyline.cluster.online import Doc, StoryClusterer
from storyline.cluster.scoring import Weights
from storyline.config import IngestOptions
from storyline.evaluate.clusters import ALL, load_gold, read_ids, scores, story_checks
from storyline.ingest.pipeline import ingest_records
from storyline.store import stories as q
from storyline.store.listing import external_ids
from storyline.store.sqlite import Store

_BATCH = 500  # as storyline.cluster.assign


class Recorder(StoryClusterer):
    """A clusterer that logs every candidate pair it meets, labelled from the gold."""

    def __init__(self, gold: dict[str, frozenset[str]], weights: Weights | None = None) -> None:
        super().__init__(weights)
        self.gold = gold
        self.counts: dict[str, Counter] = {}
        self.labelled: Counter = Counter()
        self.rows: list[tuple[str, list[float], int]] = []

    def _top_candidate(self, doc: Doc, f):  # noqa: ANN001, ANN202 - the parent's signature
        best, above, cos, same = super()._top_candidate(doc, f)
        labels = self.gold.get(doc.id)
        if labels and best is not None and self.labelled[best.id]:
            x = self.pair_features(doc, f, best, cos, same, above)
            hit = max(self.counts[best.id][g] for g in labels)
            self.rows.append((doc.id, x, int(hit * 2 >= self.labelled[best.id])))
        return best, above, cos, same

    def _place(self, doc, f, story_id, event_id, *, create_ids=False):  # noqa: ANN001, ANN202
        event_id, story_id = super()._place(doc, f, story_id, event_id, create_ids=create_ids)
        labels = self.gold.get(doc.id)
        if labels:
            self.counts.setdefault(story_id, Counter()).update(labels)
            self.labelled[story_id] += 1
        return event_id, story_id

    def merge(self, keep: str, gone: str) -> None:
        super().merge(keep, gone)
        self.counts.setdefault(keep, Counter()).update(self.counts.pop(gone, Counter()))
        self.labelled[keep] += self.labelled.pop(gone, 0)


def cluster(docs: list[Doc], clusterer: StoryClusterer) -> dict[str, str]:
    """Place `docs` (publication order) as `storyline.cluster.assign` does in one run: {article id: story id}."""
    clusterer.learn_terms(docs)
    for start in range(0, len(docs), _BATCH):
        for d in docs[start:start + _BATCH]:
            clusterer.learn_one(d)
        clusterer.refine()
    return {d.id: clusterer.story_of(d.id) for d in docs}


class Set:
    """One evaluation set (nl, en or all): its articles ingested once, with embeddings, and its gold."""

    def __init__(self, name: str, articles: list) -> None:
        self.name = name
        with Store(":memory:") as store:
            ingest_records(store, (a.record for a in articles), IngestOptions())
            ids = external_ids(store)
            self.docs = docs_with_embeddings(store, q.article_rows(store))
        self.article_of = [ids.get(a.gold_id) for a in articles]
        self.labels = [a.labels for a in articles]
        self.langs = [a.lang for a in articles]
        self.gold = {aid: a.labels for aid, a in zip(self.article_of, articles, strict=True) if aid and a.labels}
        # for the topic folds: an article's group is its most frequent gold incident in the set
        counts = Counter(x for g in self.labels for x in g)
        self.group = {aid: max(sorted(g), key=lambda x: counts[x]) for aid, g in self.gold.items()}

    def pred(self, clusters: dict[str, str]) -> list[str]:
        return [clusters.get(a, f"missing:{k}") if a else f"rejected:{k}" for k, a in enumerate(self.article_of)]

    def score(self, clusters: dict[str, str]) -> dict:
        pred = self.pred(clusters)
        out = scores(pred, self.labels)
        out.update(story_checks(pred, self.labels, self.langs))
        return out


def bcubed_items(pred: list[str], gold: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Per-article BCubed precision and recall (unlabelled articles: NaN), as in `storyline.evaluate.clusters.scores`."""
    n = len(pred)
    labels = sorted({x for g in gold for x in g})
    index = {x: i for i, x in enumerate(labels)}
    member = np.zeros((n, len(labels)), dtype=np.float32)
    for i, g in enumerate(gold):
        for x in g:
            member[i, index[x]] = 1.0
    has = member.sum(axis=1) > 0
    share = ((member @ member.T) > 0) & has[None, :]
    pid = {p: i for i, p in enumerate(dict.fromkeys(pred))}
    pv = np.array([pid[p] for p in pred])
    same = (pv[:, None] == pv[None, :]) & has[None, :]
    both = (share & same).sum(axis=1)
    p = np.where(has, both / np.maximum(same.sum(axis=1), 1), np.nan)
    r = np.where(has, both / np.maximum(share.sum(axis=1), 1), np.nan)
    return p, r


def fit(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray, LogisticRegression]:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((x - mean) / scale, y)
    return mean, scale, model


def model_json(mean: np.ndarray, scale: np.ndarray, model: LogisticRegression, threshold: float,
               provenance: dict) -> dict:
    return {"features": list(FEATURES), "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale], "coef": [round(float(v), 6) for v in model.coef_[0]],
            "intercept": round(float(model.intercept_[0]), 6), "threshold": threshold, "provenance": provenance}


def _brief(result: dict) -> dict:
    keys = ("bcubed_precision", "bcubed_recall", "bcubed_f1", "cross_language_link_precision", "largest_story_size",
            "largest_story_purity")
    return {k: round(result[k], 4) if isinstance(result[k], float) else result[k] for k in keys}


def learned(path: Path) -> Weights:
    return Weights(join="learned", join_model=str(path))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--ids", required=True, help="the development ids (dev_ids.txt); nothing else is read")
    ap.add_argument("--out", default="benchmarks/data/join_model.json")
    ap.add_argument("--report", default=None, help="also write the cross-validation figures to this JSON file")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 regularisation of the logistic regression")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    articles = load_gold(args.gold, ids=read_ids(args.ids))
    sets = [Set(lang, [a for a in articles if a.lang == lang]) for lang in ("nl", "en")] + [Set(ALL, articles)]
    print(f"{len(articles)} development articles; sets ingested in {time.perf_counter() - started:.0f}s", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="join-model-"))
    thresholds = [float(t) for t in args.thresholds.split(",")]

    def pairs(weights: Weights) -> list[tuple[str, str, list[float], int]]:
        rows = []
        for s in sets:
            rec = Recorder(s.gold, weights)
            cluster(s.docs, rec)
            rows += [(s.name, s.group[a], x, y) for a, x, y in rec.rows]
        return rows

    rows = pairs(Weights())
    provisional = None
    for round_ in range(1, args.rounds):
        x, y = np.array([r[2] for r in rows]), np.array([r[3] for r in rows])
        mean, scale, model = fit(x, y, args.C)
        provisional = tmp / f"round{round_}.json"
        provisional.write_text(json.dumps(model_json(mean, scale, model, 0.5, {})))
        rows += pairs(learned(provisional))
    x = np.array([r[2] for r in rows], dtype=float)
    y = np.array([r[3] for r in rows])
    groups = np.array([f"{r[1]}" for r in rows])
    print(f"{len(rows)} candidate pairs ({int(y.sum())} positive) over {len(set(groups))} gold incidents", flush=True)

    folds = list(GroupKFold(n_splits=args.folds).split(x, y, groups))
    cv: dict = {"pairs": len(rows), "positive": int(y.sum()), "folds": [], "threshold_search": {}}
    oof = {t: {s.name: [np.full(len(s.labels), np.nan), np.full(len(s.labels), np.nan), []] for s in sets}
           for t in thresholds}
    for k, (train, test) in enumerate(folds):
        mean, scale, model = fit(x[train], y[train], args.C)
        p = model.predict_proba((x[test] - mean) / scale)[:, 1]
        held = set(groups[test])
        cv["folds"].append({"fold": k, "test_pairs": len(test), "auc": round(float(roc_auc_score(y[test], p)), 4),
                            "log_loss": round(float(log_loss(y[test], p, labels=[0, 1])), 4)})
        for t in thresholds:
            path = tmp / f"fold{k}-{t}.json"
            path.write_text(json.dumps(model_json(mean, scale, model, t, {})))
            for s in sets:
                pred = s.pred(cluster(s.docs, StoryClusterer(learned(path))))
                bp, br = bcubed_items(pred, s.labels)
                mask = np.array([bool(a) and s.group.get(a) in held for a in s.article_of])
                acc = oof[t][s.name]
                acc[0][mask], acc[1][mask] = bp[mask], br[mask]
                if s.name == ALL:  # cross-language links among held-out articles' stories
                    acc[2].append(story_checks([p_ if m else f"x{i}" for i, (p_, m) in enumerate(zip(pred, mask, strict=True))],
                                               s.labels, s.langs)["cross_language_link_precision"])
        print(f"fold {k}: {cv['folds'][-1]}", flush=True)
    best, best_key = thresholds[0], None
    for t in thresholds:
        row = {}
        for s in sets:
            bp, br = np.nanmean(oof[t][s.name][0]), np.nanmean(oof[t][s.name][1])
            row[s.name] = round(float(2 * bp * br / (bp + br)), 4)
        cross = [c for c in oof[t][ALL][2] if c is not None]
        row["cross_language_link_precision_min_fold"] = round(min(cross), 4) if cross else None
        cv["threshold_search"][str(t)] = row
        # prefer thresholds whose cross-language precision holds (>= 0.95 in every fold), then the mean F1
        key = (not cross or min(cross) >= 0.95, (row["nl"] + row["en"] + row[ALL]) / 3)
        if best_key is None or key > best_key:
            best, best_key = t, key
        print(f"threshold {t}: out-of-fold BCubed F1 {row}", flush=True)
    cv["threshold"] = best

    mean, scale, model = fit(x, y, args.C)
    provenance = {
        "trained_on": "DFN development half only (ids in ../shared/data/dfn/dev_ids.txt, gold = incidents); "
                      "the other half was not read",
        "script": "benchmarks/train_join_model.py",
        "command": " ".join(["benchmarks/train_join_model.py", *sys.argv[1:]]),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%MZ"),
        "model": f"scikit-learn LogisticRegression(C={args.C}), standardised features",
        "rounds": args.rounds, "pairs": len(rows), "positive_pairs": int(y.sum()),
        "cross_validation": f"GroupKFold({args.folds}) over gold incidents",
        "cv_auc": [f["auc"] for f in cv["folds"]],
        "cv_out_of_fold_bcubed_f1": cv["threshold_search"][str(best)],
        "data_note": "trained by the project on DFN labels (research data): never shipped in the package; only these coefficients, no text or data of DFN",
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model_json(mean, scale, model, best, provenance), indent=1) + "\n", encoding="utf-8")
    final = {s.name: s.score(cluster(s.docs, StoryClusterer(learned(out)))) for s in sets}
    cv["in_sample"] = {n: _brief(r) for n, r in final.items()}
    baseline = {s.name: s.score(cluster(s.docs, StoryClusterer(Weights()))) for s in sets}
    cv["threshold_rule"] = {n: _brief(r) for n, r in baseline.items()}
    print(json.dumps({k: cv[k] for k in ("threshold", "in_sample", "threshold_rule")}, indent=1))
    coefs = (round(float(c), 3) for c in model.coef_[0])
    print("coefficients (standardised):", dict(zip(FEATURES, coefs, strict=True)))
    if args.report:
        Path(args.report).write_text(json.dumps(cv, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} in {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
