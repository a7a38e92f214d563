"""Date-ranking, pool and splitting variants screened in the sixth round on the T17 development topics.

    .venv/bin/python benchmarks/timeline_variants.py '{}' '{"apportion": 0.5}' '{"gap": 0.15}'
    .venv/bin/python benchmarks/timeline_variants.py --per-timeline '{"knee": "plain", "knee_factor": 0.5}'

Each argument is a JSON object naming one variant and its parameters (several may be combined):

- `"apportion": b` — dates shared out over 30-day buckets (Sainte-Laguë) in proportion to
  (sum of the bucket's date scores)^b; inside a bucket, by date score.
- `"date_mmr": l` — dates re-ranked by score / top score − l · (highest cosine between the TF-IDF
  centroid of the date's candidate sentences and that of a date ranked before it).
- `"lookback_rate": a` — far look-backs (and with `"after": w`, all look-backs) weigh
  (articles in the window / (articles published 30 days or more later + 10))^a each: a date
  recalled by much of the little coverage left after it counts more.
- `"coherence": g` — date score × (0.02 + mean pairwise cosine of its candidate sentences)^g.
- `"gap": r` — the top (1 − r)·n dates by score, then r·n dates filling the largest gaps between
  them (with `"ends": true`, also the gaps to the range's ends), the best-scored date inside.
- `"recap": a` (`"recap_min": m`, default 8) — mentions from chronologies (articles naming m or more
  distinct days) count 1 + a times.
- `"source_balance": a` — every article weighs (mean articles per source / its source's articles)^a
  in the date score.
- `"unglue": "first" | "first_last" | "all"` — a glued headline or caption ("… talks The White House
  …": a capitalised stop word after a lower-case word) split off the first sentence / only the
  first sentence's last part kept / every sentence split.
- `"knee": "plain" | "inter"` — news-tls's PM-Mean pool: only candidates above the knee point of
  their similarity to the date's centroid (`"inter"`: the centroid of the words both groups use);
  `"knee_factor": f` lowers the threshold to f × the knee's similarity.
- `"local_contrast": s` (`"window": w`, default 7) — s × the centroid of the lead sentences of the
  articles published within w days around the date (not on it or the day after) taken off the
  date's centroid: what is new that day rather than what the period is about.
- `"multi_date": a` (`"free_dates": f`, default 1) — a sentence loses a × the number of distinct dates
  it names beyond f.
- `"junk": [...]` — more page-furniture patterns ("teaser", "pipe", "credit", "aggregator").

"{}" is the shipped setting. Scored with the screening ROUGE of `timeline_screen.py`. An
experiment: it patches `build` for its own run and nothing of it ships.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline_screen import T17, Screen, cached_extractor, report  # noqa: E402

import storyline.evaluate.timelines as ev  # noqa: E402
import storyline.timeline.prepare as prep  # noqa: E402
import storyline.timeline.select as sel  # noqa: E402
from storyline.evaluate.timelines import DEV_TOPICS, load_topic, topics  # noqa: E402
from storyline.timeline import build  # noqa: E402
from storyline.timeline.rank import DateStats  # noqa: E402
from storyline.timeline.vectors import STOPWORDS, Vectorizer, tokens  # noqa: E402

SPEC: dict[str, Any] = {}  # the variant being screened
RUN: dict[str, Any] = {}  # the timeline being built: n, start, end, docs, sents
ORIGINAL = {"build_timeline": ev.build_timeline, "rank_dates": build.rank_dates, "prepare": build.prepare,
            "summarize": build.summarize, "candidates": build.candidates, "prior": build.prior,
            "split_title": prep.split_title, "junk": sel._JUNK}

JUNK = {
    "teaser": r"\w(?:\.\.\.|…)\s*$",
    "pipe": r"^\w+ \| ",
    "credit": r"\b(?:Photograph|Photo|Image|Picture)s?:\s|\(AP Photo[^)]*\)|^\(?(?:AP|Reuters|AFP)\)?\s+[A-Z][a-z]{2}\.? \d{1,2}:",
    "aggregator": r"(?:\s-\s[^-]{0,40}\b(?:Online|Times|News|Post|Journal|Telegraph|Herald|Guardian|Citizen|Tribune)\b.*){2}"
                  r"|\bNEWS\.com\b",
}
_STARTERS = {w.capitalize() for w in STOPWORDS if w.isalpha()} - {
    "I", "May", "Will", "Us", "Am", "Can", "Do", "Did", "Said", "Says", "Say", "Told", "Der", "Die", "Das", "Le", "La",
    "Les", "Un", "Une", "Des", "Du", "Et", "Est", "De"}
_GLUED = re.compile(r"(?<=[a-z0-9%'\"”’)]) (?=(?:" + "|".join(sorted(_STARTERS, key=len, reverse=True)) + r")\b)")


def day(key: str) -> date:
    """A date key as a date."""
    return date.fromisoformat(key)


def date_vectors(stats: dict[str, DateStats], keys: list[str]) -> tuple[np.ndarray, list[int]]:
    """Unit TF-IDF centroids of the keys' candidate sentences, and the size of each pool."""
    docs, sents = RUN["docs"], RUN["sents"]
    token_lists = [tokens(s.text) for s in sents]
    X = Vectorizer().fit([], token_lists).transform([], token_lists)
    rows, sizes = [], []
    for k in keys:
        ment, pub = sel.candidates(stats[k], docs, sents, sel.SelectOptions())
        pool = list(dict.fromkeys(ment + pub))
        c = np.asarray(X[pool].mean(axis=0)).ravel() if pool else np.zeros(X.shape[1])
        rows.append(c)
        sizes.append(len(pool))
    return np.array(rows), sizes


def apportion(stats: dict[str, DateStats], ranked: list[tuple[str, float]], beta: float) -> list[tuple[str, float]]:
    """Sainte-Laguë over 30-day buckets weighted by (sum of scores)^beta."""
    d0 = day(RUN["start"])
    buckets: dict[int, list[tuple[str, float]]] = {}
    for k, s in ranked:
        buckets.setdefault((day(k) - d0).days // 30, []).append((k, s))
    weight = {b: max(sum(s for _, s in items), 1e-9) ** beta for b, items in buckets.items()}
    seats = dict.fromkeys(buckets, 0)
    out = []
    while len(out) < len(ranked):
        b = max((b for b in buckets if seats[b] < len(buckets[b])), key=lambda b: weight[b] / (2 * seats[b] + 1))
        out.append(buckets[b][seats[b]])
        seats[b] += 1
    return out


def date_mmr(stats: dict[str, DateStats], ranked: list[tuple[str, float]], lam: float) -> list[tuple[str, float]]:
    """Dates re-ranked against the content of the dates ranked before them."""
    top = ranked[:4 * RUN["n"]]
    C, _ = date_vectors(stats, [k for k, _ in top])
    C = C / np.maximum(np.linalg.norm(C, axis=1, keepdims=True), 1e-12)
    S = C @ C.T
    best_score = top[0][1] or 1.0
    chosen: list[int] = []
    left = list(range(len(top)))
    while left:
        i = max(left, key=lambda i: top[i][1] / best_score - lam * max((S[i, j] for j in chosen), default=0.0))
        chosen.append(i)
        left.remove(i)
    return [top[i] for i in chosen] + ranked[len(top):]


def lookback_rate(stats: dict[str, DateStats], ranked: list[tuple[str, float]], a: float,
                  after: float) -> list[tuple[str, float]]:
    """Look-backs weighted by how little coverage was left to make them."""
    pub_days = sorted(k for k, st in stats.items() if st.precision == "day" for _ in st.pub_docs)
    n = len(pub_days)

    def boost(key: str, offset: int) -> float:
        later = n - bisect.bisect_left(pub_days, (day(key) + timedelta(days=offset)).isoformat())
        return (n / (later + 10)) ** a - 1

    out = []
    for k, v in ranked:
        st = stats[k]
        extra = st.ment_far * boost(k, 30) + after * st.ment_after * boost(k, 1) if st.precision == "day" else 0.0
        out.append((k, v + extra))
    return sorted(out, key=lambda kv: (-kv[1], kv[0]))


def coherence(stats: dict[str, DateStats], ranked: list[tuple[str, float]], g: float) -> list[tuple[str, float]]:
    """Date score times the mean pairwise cosine of its candidates."""
    top = ranked[:3 * RUN["n"]]
    C, sizes = date_vectors(stats, [k for k, _ in top])
    out = []
    for (k, v), c, m in zip(top, C, sizes, strict=True):
        coh = max(0.0, (m * float(c @ c) - 1) / (m - 1)) if m >= 2 else 0.1  # E|mean|² = 1/m + (1 − 1/m)·cos
        out.append((k, v * (0.02 + coh) ** g))
    return sorted(out, key=lambda kv: (-kv[1], kv[0])) + ranked[len(top):]


def fill_gaps(ranked: list[tuple[str, float]], share: float, ends: bool) -> list[tuple[str, float]]:
    """The best dates by score, then the best date inside each largest gap between them."""
    n = RUN["n"]
    core = [k for k, _ in ranked[:n - round(share * n)]]
    chosen, fill = set(core), []
    while len(core) + len(fill) < n:
        points = ([RUN["start"]] if ends else []) + sorted(chosen) + ([RUN["end"]] if ends else [])
        gaps = sorted(((day(b) - day(a)).days, a, b) for a, b in zip(points, points[1:], strict=False))
        for length, a, b in reversed(gaps):
            inside = [k for k, _ in ranked if a < k < b and k not in chosen] if length >= 3 else []
            if inside:
                fill.append(inside[0])
                chosen.add(inside[0])
                break
        else:
            break
    score = dict(ranked)
    return [(k, score[k]) for k in core + fill] + [(k, v) for k, v in ranked if k not in chosen]


def rank_dates(stats: dict[str, DateStats], w: Any) -> list[tuple[str, float]]:
    """The shipped ranking, changed by the variant being screened."""
    ranked = ORIGINAL["rank_dates"](stats, w)
    if not ranked:
        return ranked
    if "apportion" in SPEC:
        return apportion(stats, ranked, SPEC["apportion"])
    if "date_mmr" in SPEC:
        return date_mmr(stats, ranked, SPEC["date_mmr"])
    if "lookback_rate" in SPEC:
        return lookback_rate(stats, ranked, SPEC["lookback_rate"], SPEC.get("after", 0.0))
    if "coherence" in SPEC:
        return coherence(stats, ranked, SPEC["coherence"])
    if "gap" in SPEC:
        return fill_gaps(ranked, SPEC["gap"], SPEC.get("ends", False))
    if "recap" in SPEC:
        return recap(stats, ranked, SPEC["recap"], SPEC.get("recap_min", 8))
    if "source_balance" in SPEC:
        return source_balance(stats, w, SPEC["source_balance"])
    return ranked


def source_balance(stats: dict[str, DateStats], w: Any, a: float) -> list[tuple[str, float]]:
    """The date score with every article weighing (mean articles per source / its source's articles)^a."""
    docs = RUN["docs"]
    source = [d.sources[0] if d.sources else "" for d in docs]
    per_source = {s: source.count(s) for s in set(source)}
    weight = [(len(docs) / len(per_source) / per_source[s]) ** a for s in source]
    out = []
    for k, st in stats.items():
        after = far = 0.0
        for j in st.ment_docs:
            ref = docs[j].day if st.precision == "day" else docs[j].month
            if ref and k < ref:
                after += weight[j]
                far += weight[j] if st.precision == "day" and (day(ref) - day(k)).days >= 30 else 0.0
        value = (w.mention_docs * sum(weight[j] for j in st.ment_docs) + w.after * after + w.far * far
                 + w.published * sum(weight[j] for j in st.pub_docs)
                 + w.next_day * sum(weight[j] for j in st.next_docs) + w.burst * st.burst)
        out.append((k, value * (w.month if st.precision == "month" else 1.0)))
    return sorted(out, key=lambda kv: (-kv[1], kv[0]))


def recap(stats: dict[str, DateStats], ranked: list[tuple[str, float]], alpha: float,
          least: int) -> list[tuple[str, float]]:
    """Mentions from chronologies (articles naming `least` or more distinct days) count 1 + alpha times."""
    docs, sents = RUN["docs"], RUN["sents"]
    days_of = [{k for i in d.sents for k, p in sents[i].dates if p == "day"} for d in docs]
    chronology = {j for j, ds in enumerate(days_of) if len(ds) >= least}
    out = [(k, v + alpha * len(stats[k].ment_docs & chronology)) for k, v in ranked]
    return sorted(out, key=lambda kv: (-kv[1], kv[0]))


def unglue(text: str, min_words: int = 3) -> list[str]:
    """A sentence cut where a capitalised stop word follows a lower-case word (a glued headline or caption)."""
    pieces, last = [], 0
    for m in _GLUED.finditer(text):
        if len(text[last:m.start()].split()) >= min_words:
            pieces.append(text[last:m.start()].strip())
            last = m.start()
    tail = text[last:].strip()
    if pieces and len(tail.split()) < min_words:
        pieces[-1] += " " + tail
    else:
        pieces.append(tail)
    return pieces


def split_title(title: str, body: list[str]) -> tuple[str | None, list[str]]:
    """The shipped title split, then the variant's splitting of glued sentences."""
    head, body = ORIGINAL["split_title"](title, body)
    mode = SPEC.get("unglue")
    if mode and body:
        if mode == "first":
            body = unglue(body[0]) + body[1:]
        elif mode == "first_last":
            body = unglue(body[0])[-1:] + body[1:]
        else:
            body = [p for b in body for p in unglue(b)]
    return head, body


def knee_point(values: np.ndarray) -> int:
    """Index of the point of a descending curve farthest from the line through its ends."""
    if len(values) < 3:
        return len(values) - 1
    pts = np.vstack((np.arange(len(values)), values)).T
    line = (pts[-1] - pts[0]) / np.linalg.norm(pts[-1] - pts[0])
    rel = pts - pts[0]
    return int(np.argmax(np.linalg.norm(rel - np.outer(rel @ line, line), axis=1)))


def local_background(X: Any, key: str, window: int) -> np.ndarray:
    """Unit centroid of the first 5 sentences of the articles published within `window` days of `key`.

    Not those published on `key` or the day after: they are the date's own candidates.
    """
    docs, sents = RUN["docs"], RUN["sents"]
    d0 = day(key)
    rows = [i for d in docs if d.day and 1 < abs((day(d.day) - d0).days) <= window or d.day == (d0 - timedelta(days=1)).isoformat()
            for i in d.sents if sents[i].pos < 5]
    return build.centroid(X[rows]) if rows else np.zeros(X.shape[1])


def summarize(ment: list[int], pub: list[int], X: Any, k: int, *args: Any) -> Any:
    """The shipped summariser, on the knee-point pool or against a local background when the variant asks."""
    if "local_contrast" in SPEC and RUN.get("key") and len(args) == 6:
        taken, allowed, opts, priors, extra, _background = args
        opts = replace(opts, specific=SPEC["local_contrast"])
        background = local_background(X, RUN["key"], SPEC.get("window", 7))
        return ORIGINAL["summarize"](ment, pub, X, k, taken, allowed, opts, priors, extra, background)
    mode = SPEC.get("knee")
    if mode and ment and pub:
        pool = list(dict.fromkeys(ment + pub))
        cm, cp = (np.asarray(X[g].mean(axis=0)).ravel() for g in (ment, pub))
        c = cm + cp
        if mode == "inter":
            c[(cm == 0) | (cp == 0)] = 0
        if c.any():
            sims = np.asarray(X[pool] @ c).ravel() / np.linalg.norm(c)
            ordered = np.sort(sims)[::-1]
            threshold = ordered[knee_point(ordered)] * SPEC.get("knee_factor", 1.0)
            keep = {i for i, s in zip(pool, sims, strict=True) if s > 0 and s > threshold}
            if len(keep) >= 2:
                ment = [i for i in ment if i in keep] or ment
                pub = [i for i in pub if i in keep] or pub
    return ORIGINAL["summarize"](ment, pub, X, k, *args)


def install() -> None:
    """Patch the timeline build for this run."""
    def build_timeline(window: Any, **kw: Any) -> Any:
        RUN.update(n=kw["max_dates"], start=kw["start"], end=kw["end"])
        return ORIGINAL["build_timeline"](window, **kw)

    def prior(sent: Any, opts: Any) -> float:
        extra = SPEC.get("multi_date", 0.0) * max(0, len({k for k, _ in sent.dates}) - SPEC.get("free_dates", 1))
        return ORIGINAL["prior"](sent, opts) - extra

    def candidates(st: DateStats, *a: Any) -> Any:
        RUN["key"] = st.key
        return ORIGINAL["candidates"](st, *a)

    def prepare(*a: Any, **kw: Any) -> Any:
        RUN["docs"], RUN["sents"] = ORIGINAL["prepare"](*a, **kw)
        return RUN["docs"], RUN["sents"]

    ev.build_timeline = build_timeline
    build.rank_dates, build.prepare, build.summarize, build.candidates = rank_dates, prepare, summarize, candidates
    build.prior = prior
    prep.split_title = split_title


def main() -> None:
    """Score every variant given on the command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("settings", nargs="*", default=["{}"])
    ap.add_argument("--t17", default=T17)
    ap.add_argument("--per-timeline", action="store_true")
    args = ap.parse_args()
    install()
    found = topics(args.t17)
    data = {t: load_topic(found[t]) for t in DEV_TOPICS}
    extract, screen = cached_extractor(), Screen()
    for setting in args.settings:
        SPEC.clear()
        SPEC.update(json.loads(setting))
        extra = [JUNK[name] for name in SPEC.get("junk", [])]
        sel._JUNK = re.compile("|".join([ORIGINAL["junk"].pattern, *extra]), re.IGNORECASE) if extra else ORIGINAL["junk"]
        report(setting, data, screen, args.per_timeline, extract=extract)


if __name__ == "__main__":
    main()
