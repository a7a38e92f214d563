"""Quick screening of timeline settings on the Timeline17 development topics (tilse's Python ROUGE).

    .venv/bin/python benchmarks/timeline_screen.py '{}' '{"min_ratio": 0.3}' '{"weights": {"burst": 0.5}}'
    .venv/bin/python benchmarks/timeline_screen.py --topics haiti,H1N1 --per-timeline '{"lead": 3}'
    .venv/bin/python benchmarks/timeline_screen.py --date-oracle '{}'     # the gold dates ranked first

Each argument is a JSON object of `SelectOptions` fields (plus "weights": `DateWeights` fields and
"keep_latest": `build_timeline`'s first-and-latest rule, true by default);
"{}" is the current default. Scores are tilse's ROUGE re-implementation given ROUGE-1.5.5's
tokenisation (non-alphanumerics to spaces, SMART stop words, Porter stems), which matches the
Perl script that `storyline evaluate timelines` runs to about ±0.001 on these topics in a third
of the time: use it to screen, and the official command for the figures you report.
Tune on the development topics only (the default).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyline.evaluate.timelines import DEV_TOPICS, _f1, load_topic, predict, topics  # noqa: E402
from storyline.evaluate.timelines import _cached_extractor as cached_extractor  # noqa: E402
from storyline.timeline import build  # noqa: E402
from storyline.timeline.rank import DateWeights  # noqa: E402
from storyline.timeline.select import SelectOptions  # noqa: E402

T17 = str(Path(__file__).resolve().parents[2] / "shared" / "data" / "t17")


def rouge155() -> Any:
    """tilse's ROUGE re-implementation with ROUGE-1.5.5's tokenisation."""
    from nltk.stem import PorterStemmer
    from tilse.evaluation import rouge

    class R155(rouge.RougeReimplementation):
        def __init__(self) -> None:
            super().__init__(stem=True, ignore_stopwords=True)
            self.ps = PorterStemmer()
            self.memo: dict[str, str] = {}
            self.tokmemo: dict[str, list[str]] = {}

        def toks(self, sents: list[list[str]]) -> list[str]:
            """Stemmed content tokens of sentences given as token lists (as tilse passes them)."""
            out: list[str] = []
            for sent in sents:
                key = " ".join(sent)
                t = self.tokmemo.get(key)
                if t is None:
                    t = []
                    for w in re.sub(r"[^a-z0-9]+", " ", key.lower()).split():
                        if w in self.stopwords:
                            continue
                        st = self.memo.get(w)
                        if st is None:
                            try:
                                st = self.ps.stem(w)
                            except IndexError:
                                st = w
                            self.memo[w] = st
                        t.append(st)
                    self.tokmemo[key] = t
                out.extend(t)
            return out

        def score_summary(self, summary, references):  # noqa: ANN001, ANN201 - tilse's interface
            p = self.toks(summary)
            refs = {i: self.toks(r) for i, r in references.items()}
            d = {}
            d.update(self._rouge_1(p, refs))
            d.update(self._rouge_2(p, refs))
            return d

    return R155()


class Screen:
    """Alignment ROUGE (many-to-one, date-content costs) and date F1 of one predicted timeline."""

    def __init__(self) -> None:
        from tilse.data.timelines import GroundTruth
        from tilse.data.timelines import Timeline as TilseTimeline
        from tilse.evaluation import rouge

        self.truth, self.timeline = GroundTruth, TilseTimeline
        self.rouge = rouge155()
        self.evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="reimpl")
        self.evaluator.rouge = self.rouge

    def score(self, pred: dict[str, list[str]], gold: dict[str, list[str]]) -> dict[str, dict[str, float]]:
        """Precision, recall and F1 of ROUGE-1, ROUGE-2 and dates."""
        p = self.timeline({date.fromisoformat(d): s for d, s in pred.items()})
        g = self.truth([self.timeline({date.fromisoformat(d): s for d, s in gold.items()})])
        align = self.evaluator.evaluate_align_date_content_costs_many_to_one(p, g)
        shared = len(set(pred) & set(gold))
        dp = shared / len(pred) if pred else 0.0
        dr = shared / len(gold)
        out = {k: {m: float(align[f"rouge_{k[-1]}"][m]) for m in ("precision", "recall", "f_score")}
               for k in ("rouge1", "rouge2")}
        out["date"] = {"precision": dp, "recall": dr, "f_score": _f1(dp, dr)}
        return out


def mean(scores: list[dict[str, dict[str, float]]]) -> dict[str, float]:
    """news-tls's mean: average precision and recall over timelines, then F1."""
    out = {}
    for key in ("rouge1", "rouge2", "date"):
        p = sum(s[key]["precision"] for s in scores) / len(scores)
        r = sum(s[key]["recall"] for s in scores) / len(scores)
        out[key] = _f1(p, r)
    return out


@contextmanager
def gold_dates_first(gold: dict[str, list[str]] | None) -> Iterator[None]:
    """While active (with a gold timeline), `build_timeline` ranks that timeline's dates first."""
    if gold is None:
        yield
        return
    original = build.rank_dates
    build.rank_dates = lambda stats, w: sorted(original(stats, w), key=lambda kv: kv[0] not in gold)
    try:
        yield
    finally:
        build.rank_dates = original


def report(setting: str, data: dict[str, Any], screen: Screen, per_timeline: bool = False, oracle: bool = False,
           **options: Any) -> dict[str, float]:
    """Build and score every timeline of `data` ({topic: load_topic(...)}) and print one line of means."""
    t0 = time.perf_counter()
    scores, rows = [], []
    for t, (articles, golds, keywords) in data.items():
        for n, gold in enumerate(golds, 1):
            with gold_dates_first(gold if oracle else None):
                pred = predict(articles, gold, keywords, **options)
            s = screen.score(pred, gold)
            scores.append(s)
            rows.append(f"{t}#{n} {s['rouge1']['f_score']:.3f}/{s['rouge2']['f_score']:.3f}/{s['date']['f_score']:.3f}")
    m = mean(scores)
    print(f"{setting:50s} R1 {m['rouge1']:.4f} R2 {m['rouge2']:.4f} date F1 {m['date']:.4f} "
          f"({time.perf_counter() - t0:.0f} s)", flush=True)
    if per_timeline:
        print("   " + "  ".join(rows), flush=True)
    return m


def main() -> None:
    """Score every setting given on the command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("settings", nargs="*", default=["{}"])
    ap.add_argument("--t17", default=T17)
    ap.add_argument("--topics", default=",".join(DEV_TOPICS))
    ap.add_argument("--per-timeline", action="store_true", help="also print each timeline's R1/R2/date F1")
    ap.add_argument("--date-oracle", action="store_true",
                    help="rank the gold dates first (what our sentence selection reaches with perfect dates)")
    args = ap.parse_args()
    found = topics(args.t17)
    chosen = args.topics.split(",")
    data = {t: load_topic(found[t]) for t in chosen}
    extract, screen = cached_extractor(), Screen()
    for setting in args.settings:
        spec = json.loads(setting)
        weights = DateWeights(**spec.pop("weights", {}))
        more = {"keep_latest": spec.pop("keep_latest")} if "keep_latest" in spec else {}
        opts = SelectOptions(**spec)
        report(setting, data, screen, args.per_timeline, extract=extract, options=opts, weights=weights,
               oracle=args.date_oracle, **more)


if __name__ == "__main__":
    main()
