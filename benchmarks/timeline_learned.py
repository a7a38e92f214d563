"""Could a learned sentence score beat the TF-IDF centroid? Leave-one-topic-out on the T17 development topics.

    .venv/bin/python benchmarks/timeline_learned.py                     # every variant below
    .venv/bin/python benchmarks/timeline_learned.py ridge:1 gbm:first oracle:first

For every gold date of every development timeline, each candidate sentence that may be shown
gets 28 features (centroid cosines, position, length, dates named, distance in days between its
article and the date, support by other articles, ...) and a label: its ROUGE-1 F against that
date's gold sentences. A regressor (ridge or gradient boosting, scikit-learn) is trained on four
topics and used on the fifth, inside `build_timeline`, in one of two ways:

- `MODEL:ALPHA` adds ALPHA x the predicted score to every candidate's value in the greedy search;
- `MODEL:first` makes the model's best candidate the date's first sentence, the others chosen as usual.

`oracle` uses the label itself (the gold's ROUGE, known only for gold dates): the upper bound of
sentence selection with the dates unchanged. `baseline` is the shipped selection. Scored with the
screening ROUGE of `timeline_screen.py`. This is an experiment: it patches `build`'s internals
for the run and nothing of it ships.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline_screen import T17, Screen, cached_extractor, mean  # noqa: E402

from storyline.evaluate.timelines import DEV_TOPICS, load_topic, predict, topics  # noqa: E402
from storyline.timeline import build as B  # noqa: E402
from storyline.timeline.prepare import prepare  # noqa: E402
from storyline.timeline.rank import date_stats  # noqa: E402
from storyline.timeline.select import SelectOptions, candidates, prior  # noqa: E402
from storyline.timeline.vectors import Vectorizer, centroid, tokens  # noqa: E402

CAP = re.compile(r"\b[A-Z][a-z]")
NUM = re.compile(r"\d")
FEATURES = ["cos_c", "is_ment", "is_pub", "pos", "pos0", "relpos", "words", "logw", "ndates", "dist", "absdist",
            "after", "cos_bg", "support", "maxsim", "quote", "question", "caps", "nums", "idf", "logpool",
            "logment", "logpub", "doclen", "prior", "cos_ment", "cos_pub", "cos_doc"]
VARIANTS = ["baseline", "ridge:0.1", "ridge:0.5", "ridge:1", "ridge:first", "gbm:1", "gbm:first", "oracle:1",
            "oracle:10", "oracle:first"]


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-12)


def features(key: str, ment: list[int], pub: list[int], ok: list[int], X: Any, docs: list, sents: list,
             bg: np.ndarray, idf_of: dict[str, float], priors: np.ndarray) -> np.ndarray:
    """One row of FEATURES per candidate sentence in `ok` of the date `key`."""
    ment_set, pub_set = set(ment), set(pub)
    cm = np.asarray(X[ment].mean(axis=0)).ravel() if ment else np.zeros(X.shape[1])
    cp = np.asarray(X[pub].mean(axis=0)).ravel() if pub else np.zeros(X.shape[1])
    Xo = X[ok]
    cos_c, cos_m, cos_p = (np.asarray(Xo @ _unit(v)).ravel() for v in (cm + cp, cm, cp))
    cos_bg = np.asarray(Xo @ bg).ravel()
    pool = list(dict.fromkeys(ment + pub))
    sims_all = (Xo @ X[pool].T).toarray()
    pool_docs = np.array([sents[j].doc for j in pool])
    day = date.fromisoformat(key)
    doc_cent: dict[int, np.ndarray] = {}
    rows = []
    for r, i in enumerate(ok):
        s, d = sents[i], docs[sents[i].doc]
        other = pool_docs != s.doc
        sims = sims_all[r][other]
        support = len(set(pool_docs[other][sims >= 0.3].tolist()))
        dist = (date.fromisoformat(d.day) - day).days if d.day else 0
        toks = tokens(s.text)
        idf = float(np.mean([idf_of.get(w, 1.0) for w in toks])) if toks else 0.0
        nw, dl = max(s.words, 1), len(d.sents)
        if s.doc not in doc_cent:
            doc_cent[s.doc] = _unit(np.asarray(X[d.sents].mean(axis=0)).ravel())
        cd = doc_cent[s.doc]
        rows.append([cos_c[r], i in ment_set, i in pub_set, min(s.pos, 30), s.pos == 0, s.pos / max(dl, 1),
                     s.words, math.log(nw), len({k for k, _ in s.dates}), max(-30, min(30, dist)),
                     math.log1p(abs(dist)), dist > 0, cos_bg[r], math.log1p(support),
                     float(sims.max()) if sims.size else 0.0, s.text[:1] in "\"'“‘", "?" in s.text,
                     len(CAP.findall(s.text)) / nw, len(NUM.findall(s.text)) / nw, idf, math.log1p(len(pool)),
                     math.log1p(len(ment)), math.log1p(len(pub)), math.log1p(dl), priors[i],
                     cos_m[r], cos_p[r], float((X[i] @ cd)[0])])
    return np.array(rows, dtype=np.float64)


def labels(texts: list[str], gold: list[str], rouge: Any) -> np.ndarray:
    """ROUGE-1 F of each text against the gold sentences of its date (screening tokenisation)."""
    g = Counter(rouge.toks([x.split() for x in gold]))
    n_gold = sum(g.values())
    out = []
    for t in texts:
        p = Counter(rouge.toks([t.split()]))
        overlap = sum(min(c, g[w]) for w, c in p.items())
        prec, rec = overlap / max(sum(p.values()), 1), overlap / max(n_gold, 1)
        out.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return np.array(out)


def collect(data: tuple, extract: Any, rouge: Any) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the candidates of every gold date of one topic's timelines."""
    articles, golds, keywords = data
    opts = SelectOptions()
    Fs, ys = [], []
    for gold in golds:
        dates = sorted(gold)
        window = [a for a in articles if a["published"] and dates[0] <= a["published"] <= dates[-1]]
        docs, sents = prepare(window, extract=extract, titles=False)
        tl = [tokens(s.text) for s in sents]
        vec = Vectorizer().fit([], tl)
        X = vec.transform([], tl)
        idf_of = {w: float(vec.idf[j]) for w, j in vec.vocab.items()}
        priors = np.array([prior(s, opts) for s in sents])
        stats = date_stats(docs, sents, dates[0], dates[-1], ("day",))
        bg = centroid(X)
        for key in dates:
            if key not in stats:
                continue
            ment, pub = candidates(stats[key], docs, sents, opts)
            ok = [i for i in dict.fromkeys(ment + pub) if sents[i].usable
                  and any(k in sents[i].text.lower() for k in keywords)]
            if ok:
                Fs.append(features(key, ment, pub, ok, X, docs, sents, bg, idf_of, priors))
                ys.append(labels([sents[i].text for i in ok], gold[key], rouge))
    return np.vstack(Fs), np.concatenate(ys)


@contextmanager
def hooked(score: Any, alpha: float | None) -> Any:
    """Run `build_timeline` with `score(key, ok, features) -> values` added to the greedy search (None: first pick)."""
    ctx: dict[str, Any] = {}
    orig = B.prepare, B.candidates, B.summarize, B.Vectorizer

    def prep(*a: Any, **k: Any) -> Any:
        docs, sents = orig[0](*a, **k)
        ctx.update(docs=docs, sents=sents, bg=None)
        return docs, sents

    def cand(st: Any, docs: list, sents: list, opts: Any) -> Any:
        ment, pub = orig[1](st, docs, sents, opts)
        ctx.update(key=st.key, ment=ment, pub=pub)
        return ment, pub

    class Vec(orig[3]):  # type: ignore[misc,valid-type]
        __slots__ = ()

        def fit(self, *a: Any, **k: Any) -> Any:
            out = super().fit(*a, **k)
            ctx["idf_of"] = {w: float(self.idf[j]) for w, j in self.vocab.items()}
            return out

    def summ(ment, pub, X, k, taken, allowed, opts, priors=None, extra=None, background=None):  # noqa: ANN001, ANN202
        if ment is ctx.get("ment") and pub is ctx.get("pub"):
            ok = [i for i in dict.fromkeys(ment + pub) if allowed(i)]
            if ok:
                if ctx["bg"] is None:
                    ctx["bg"] = centroid(X)
                F = features(ctx["key"], ment, pub, ok, X, ctx["docs"], ctx["sents"], ctx["bg"], ctx["idf_of"], priors)
                values = score(ctx["key"], [ctx["sents"][i].text for i in ok], F)
                extra = dict(extra or {})
                if alpha is None:
                    best = ok[int(np.argmax(values))]
                    extra[best] = extra.get(best, 0.0) + 10.0
                else:
                    for i, v in zip(ok, values, strict=True):
                        extra[i] = extra.get(i, 0.0) + alpha * float(v)
        return orig[2](ment, pub, X, k, taken, allowed, opts, priors, extra, background)

    B.prepare, B.candidates, B.summarize, B.Vectorizer = prep, cand, summ, Vec
    try:
        yield
    finally:
        B.prepare, B.candidates, B.summarize, B.Vectorizer = orig


def fit(kind: str, F: np.ndarray, y: np.ndarray) -> Any:
    """A regressor from features to labels, as a function of a feature matrix."""
    if kind == "ridge":
        from sklearn.linear_model import Ridge

        mu, sd = F.mean(0), F.std(0) + 1e-9
        model = Ridge(alpha=1.0).fit((F - mu) / sd, y)
        return lambda G: model.predict((G - mu) / sd)
    from sklearn.ensemble import HistGradientBoostingRegressor

    model = HistGradientBoostingRegressor(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, random_state=0).fit(F, y)
    return model.predict


def main() -> None:
    """Score the variants named on the command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("variants", nargs="*", default=VARIANTS)
    ap.add_argument("--t17", default=T17)
    args = ap.parse_args()
    found = topics(args.t17)
    data = {t: load_topic(found[t]) for t in DEV_TOPICS}
    extract, screen = cached_extractor(), Screen()
    t0 = time.perf_counter()
    train = {t: collect(data[t], extract, screen.rouge) for t in DEV_TOPICS}
    print(f"candidates per topic: {', '.join(f'{t} {len(y)}' for t, (_, y) in train.items())} "
          f"({time.perf_counter() - t0:.0f} s)", flush=True)
    for variant in args.variants:
        kind, _, how = variant.partition(":")
        alpha = None if how == "first" else float(how or 1)
        t0 = time.perf_counter()
        scores = []
        for test in DEV_TOPICS:
            articles, golds, keywords = data[test]
            model = None
            if kind in ("ridge", "gbm"):
                model = fit(kind, np.vstack([train[t][0] for t in DEV_TOPICS if t != test]),
                            np.concatenate([train[t][1] for t in DEV_TOPICS if t != test]))
            for gold in golds:
                def score(key: str, texts: list[str], F: np.ndarray, gold: dict = gold, model: Any = model) -> Any:
                    if model is not None:
                        return model(F)
                    return labels(texts, gold[key], screen.rouge) if key in gold else np.zeros(len(texts))

                if kind == "baseline":
                    pred = predict(articles, gold, keywords, extract=extract)
                else:
                    with hooked(score, alpha):
                        pred = predict(articles, gold, keywords, extract=extract)
                scores.append(screen.score(pred, gold))
        m = mean(scores)
        print(f"{variant:14s} R1 {m['rouge1']:.4f} R2 {m['rouge2']:.4f} date F1 {m['date']:.4f} "
              f"({time.perf_counter() - t0:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
