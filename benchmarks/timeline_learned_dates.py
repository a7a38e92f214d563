"""Could a learned date ranker beat the heuristic date score? Leave-one-topic-out on the T17 development topics.

    .venv/bin/python benchmarks/timeline_learned_dates.py                 # logreg and gbm, about 3 minutes
    .venv/bin/python benchmarks/timeline_learned_dates.py gbm

Every candidate day of every development timeline gets 14 features (publication, next-day,
mention, look-back, far look-back and announcement counts, burst, the heuristic score, local
coverage and the score against its ±7 and ±30-day neighbourhoods, position in the span, ...) and
the label "is a gold date". A classifier (scikit-learn logistic regression or gradient boosting)
trained on four topics ranks the days of the fifth inside `build_timeline`; sentence selection
is unchanged. Scored with the screening ROUGE of `timeline_screen.py`. An experiment: it patches
`build.rank_dates` for its own run and nothing of it ships (news-tls's Datewise also learns its
date ranking; here the heuristic ranking wins).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline_screen import T17, Screen, cached_extractor, mean  # noqa: E402

from storyline.evaluate.timelines import DEV_TOPICS, load_topic, predict, topics  # noqa: E402
from storyline.timeline import build as B  # noqa: E402
from storyline.timeline.prepare import prepare  # noqa: E402
from storyline.timeline.rank import DateStats, date_stats, score  # noqa: E402


def features(stats: dict[str, DateStats]) -> tuple[list[str], np.ndarray]:
    """The candidate days (sorted) and one feature row per day."""
    keys = sorted(k for k, v in stats.items() if v.precision == "day")
    if not keys:
        return keys, np.zeros((0, 14))
    heur = {k: score(stats[k]) for k in keys}
    pubs = {k: len(stats[k].pub_docs) for k in keys}
    first, last = date.fromisoformat(keys[0]), date.fromisoformat(keys[-1])
    span = max((last - first).days, 1)

    def around(d: date, days: int, values: dict[str, float]) -> float:
        return sum(values.get((d + timedelta(days=o)).isoformat(), 0) for o in range(-days, days + 1) if o) / (2 * days)

    rows = []
    for k in keys:
        st, d = stats[k], date.fromisoformat(k)
        h = math.log1p(heur[k])
        rows.append([math.log1p(len(st.pub_docs)), math.log1p(len(st.next_docs)), math.log1p(len(st.ment_docs)),
                     math.log1p(st.ment_after), math.log1p(st.ment_far), math.log1p(st.ment_before),
                     math.log1p(st.burst), h, math.log1p(around(d, 7, pubs)), h - math.log1p(around(d, 7, heur)),
                     h - math.log1p(around(d, 30, heur)), (d - first).days / span, math.log1p(st.ment_sents),
                     st.ment_after / max(len(st.ment_docs), 1)])
    return keys, np.array(rows)


def fit(kind: str, F: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """A classifier from features to "gold date", as a scoring function."""
    if kind == "logreg":
        from sklearn.linear_model import LogisticRegression

        mu, sd = F.mean(0), F.std(0) + 1e-9
        model = LogisticRegression(C=1.0, max_iter=2000).fit((F - mu) / sd, y)
        return lambda G: model.decision_function((G - mu) / sd)
    from sklearn.ensemble import HistGradientBoostingClassifier

    gbm = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, random_state=0).fit(F, y)
    return lambda G: gbm.predict_proba(G)[:, 1]


def main() -> None:
    """Score the rankers named on the command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kinds", nargs="*", default=["logreg", "gbm"], help="logreg and/or gbm")
    ap.add_argument("--t17", default=T17)
    args = ap.parse_args()
    found = topics(args.t17)
    data = {t: load_topic(found[t]) for t in DEV_TOPICS}
    extract, screen = cached_extractor(), Screen()
    train: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for t in DEV_TOPICS:
        articles, golds, _ = data[t]
        Fs, ys = [], []
        for gold in golds:
            dates = sorted(gold)
            window = [a for a in articles if a["published"] and dates[0] <= a["published"] <= dates[-1]]
            docs, sents = prepare(window, extract=extract, titles=False)
            keys, F = features(date_stats(docs, sents, dates[0], dates[-1], ("day",)))
            Fs.append(F)
            ys.append(np.array([k in gold for k in keys], dtype=float))
        train[t] = (np.vstack(Fs), np.concatenate(ys))
    original = B.rank_dates
    for kind in args.kinds:
        t0, scores = time.perf_counter(), []
        for test in DEV_TOPICS:
            model = fit(kind, np.vstack([train[t][0] for t in DEV_TOPICS if t != test]),
                        np.concatenate([train[t][1] for t in DEV_TOPICS if t != test]))

            def ranked(stats: dict[str, DateStats], w: object, model: Callable = model) -> list[tuple[str, float]]:
                keys, F = features(stats)
                if not keys:
                    return original(stats, w)
                return sorted(zip(keys, map(float, model(F)), strict=True), key=lambda kv: (-kv[1], kv[0]))

            B.rank_dates = ranked
            try:
                articles, golds, keywords = data[test]
                scores.extend(screen.score(predict(articles, gold, keywords, extract=extract), gold) for gold in golds)
            finally:
                B.rank_dates = original
        m = mean(scores)
        print(f"{kind:8s} R1 {m['rouge1']:.4f} R2 {m['rouge2']:.4f} date F1 {m['date']:.4f} "
              f"({time.perf_counter() - t0:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
