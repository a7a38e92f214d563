"""Timeline summarisation measured on Timeline17, as news-tls (Gholipour Ghalandari & Ifrim, ACL 2020) does it.

The folders of one topic (`<topic>_<source>/`) are pooled into one collection (article ids are
prefixed with the folder name, since they repeat across folders). For every gold timeline of the
topic a timeline is generated with the gold's number of dates and its average number of sentences
per date (rounded), from the articles published within the gold's date range, showing only
sentences that contain one of the topic's keyphrases. Scores come from tilse (Martschat & Markert):
alignment-based ROUGE-1/2 F1 (many-to-one date-content cost alignment, "align+ m:1"), concat
ROUGE-1/2 F1, and date F1; the mean over timelines averages precision and recall first and takes
the F1 of those means, as news-tls does.

`mode="product"` measures what users get instead: the timeline the shipped configuration builds
from the topic's whole collection (no keyphrase filter, no date window, automatic number of
entries and sentences, day and month entries, titles), scored against the same gold timelines; a
month entry is scored as the first day of its month (it never matches a gold day, which is the
honest count: the user sees no day).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StorylineError
from ..timeline import build_timeline

if TYPE_CHECKING:
    from ..models import TimeMention
    from ..timeline.dates import Extractor

log = logging.getLogger(__name__)

DEV_TOPICS = ("bpoil", "EgyptianProtest", "Finan", "H1N1", "haiti")
TEST_TOPICS = ("IraqWar", "LibyaWar", "MJ", "SyrianCrisis")
METRICS = ("rouge1_f", "rouge2_f", "date_f1", "concat_rouge1_f", "concat_rouge2_f")

_PTB = [(r"-LRB-", "("), (r"-RRB-", ")"), (r"-LSB-", "["), (r"-RSB-", "]"), (r"-LCB-", "{"), (r"-RCB-", "}"),
        (r"``", '"'), (r"''", '"'), (r"¬ #", "£"), (r"# (?=\d)", "£")]


_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DAYNAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTHNAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_RESIDUE = [  # page furniture in front of the first sentence (tokenised form)
    re.compile(r"^.{0,300}?\| " + _WEEKDAY + " " + _MONTH + r" \d{1,2} , \d{4} \d{1,2}:\d{2} [ap]m [A-Z]{2,4} "),
    re.compile(r"^[^\n]{0,120}?-LRB- (?:Reuters|CNN) -RRB- -{1,2} "),
    re.compile(r"^.{0,400}?" + _DAYNAME + r" \d{1,2} " + _MONTHNAME + r" \d{4} \d{1,2}\.\d{2} (?:BST|GMT|EDT|EST) "),
    re.compile(r"^By the CNN Wire Staff "),
    re.compile(r"^[^\n]{0,300}?" + _DAYNAME + " , " + _MONTHNAME + r" \d{1,2} , \d{4} ; \d{1,2}:\d{2} [AP]M "),
]


def strip_residue(text: str) -> str:
    """Datelines, bylines and title-plus-timestamp blocks removed from the start of a Timeline17 text.

    >>> strip_residue("GENEVA | Tue May 12 , 2009 11:35 am EDT GENEVA -LRB- Reuters -RRB- - The new virus could mutate .")
    'The new virus could mutate .'
    >>> strip_residue("BP to cut U.S. tax bill Tuesday , July 27 , 2010 ; 11:56 PM BP said Tuesday that it plans .")
    'BP said Tuesday that it plans .'
    """
    for pattern in _RESIDUE:
        text = pattern.sub("", text, count=1)
    return text


_TICKER = re.compile(r"-LRB- ([A-Za-z0-9]+) \.\s*\n\s*([A-Za-z]{1,2}) -RRB-")


def clean_t17(text: str) -> str:
    """Undo the Penn Treebank tokenisation of the Timeline17 texts (one sentence per line stays).

    >>> clean_t17("US demands ` clarification ' from BP -LRB- # 50m -RRB- , says `` no '' . \\nIt 's $ 75m .")
    'US demands \\'clarification\\' from BP (£50m), says "no".\\nIt\\'s $75m.'
    >>> clean_t17("Shares of BP Plc -LRB- BP . \\nL -RRB- fell .")
    'Shares of BP Plc (BP.L) fell.'
    """
    text = _TICKER.sub(r"-LRB- \1.\2 -RRB-", text)  # "-LRB- BP . \nL -RRB-": a ticker the corpus split in two
    lines = []
    for line in text.split("\n"):
        s = f" {line.strip()} "
        for pattern, repl in _PTB:
            s = re.sub(pattern, repl, s)
        s = re.sub(r" ` ?([^`']*?) ' ", r" '\1' ", s)
        s = s.replace("`", "'")
        s = re.sub(r' " ([^"]*?) " ', r' "\1" ', s)
        s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s, flags=re.IGNORECASE)
        s = re.sub(r" ([,.;:!?%)\]}])", r"\1", s)
        s = re.sub(r"([(\[{$£]) ", r"\1", s)
        s = re.sub(r"\s+", " ", s).strip()
        if s:
            lines.append(s)
    return "\n".join(lines)


def topics(t17: str | Path) -> dict[str, list[Path]]:
    """The topics of a Timeline17 folder, each with its `<topic>_<source>` folders."""
    root = Path(t17)
    if not root.is_dir():
        raise StorylineError(f"{t17}: not a folder (expected the Timeline17 data, e.g. ../shared/data/t17)")
    found: dict[str, list[Path]] = {}
    for folder in sorted(p for p in root.iterdir() if (p / "articles.jsonl").exists()):
        found.setdefault(folder.name.split("_")[0], []).append(folder)
    return found


def load_topic(folders: list[Path]) -> tuple[list[dict[str, Any]], list[dict[str, list[str]]], list[str]]:
    """Pooled, cleaned articles, the gold timelines ({date: sentences}) and the keyphrases of one topic."""
    articles: list[dict[str, Any]] = []
    golds: list[dict[str, list[str]]] = []
    keywords: list[str] = []
    for folder in folders:
        with open(folder / "articles.jsonl", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                day = str(rec.get("time") or "")[:10]
                articles.append({"id": f"{folder.name}:{rec['id']}", "title": "", "text": clean_t17(strip_residue(rec.get("text", ""))),
                                 "lang": "en", "published": day or None, "published_precision": "day" if day else None,
                                 "sources": [folder.name.split("_", 1)[-1]]})
        with open(folder / "timelines.jsonl", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    golds.append({str(d)[:10]: list(sents) for d, sents in json.loads(line)})
        for kw in json.loads((folder / "keywords.json").read_text(encoding="utf-8")):
            if kw.lower() not in keywords:
                keywords.append(kw.lower())
    return articles, golds, keywords


def predict(articles: list[dict[str, Any]], gold: dict[str, list[str]], keywords: list[str],
            **options: Any) -> dict[str, list[str]]:
    """The generated timeline ({date: sentences}) for one gold timeline, in the standard setting."""
    dates = sorted(gold)
    start, end = dates[0], dates[-1]
    k = round(sum(len(s) for s in gold.values()) / len(gold))
    window = [a for a in articles if a["published"] and start <= a["published"] <= end]

    def has_keyword(text: str) -> bool:
        low = text.lower()
        return any(kw in low for kw in keywords)

    tl = build_timeline(window, max_dates=len(dates), sentences_per_date=k, start=start, end=end,
                        sentence_filter=has_keyword, precisions=("day",), titles=False, embed=False, **options)
    return {e.date: [s.text for s in e.sentences] for e in tl.entries if not e.estimated}


def predict_product(articles: list[dict[str, Any]], **options: Any) -> dict[str, list[str]]:
    """The timeline users get from the whole collection ({date: sentences}; a month as its first day)."""
    tl = build_timeline(articles, embed=False, **options)
    out: dict[str, list[str]] = {}
    for e in tl.entries:
        if e.estimated:
            continue
        key = e.date if len(e.date) == 10 else f"{e.date}-01"
        out.setdefault(key, []).extend(s.text for s in e.sentences)
    return out


MODES = ("research", "product")


class Scorer:
    """tilse's ROUGE (the original ROUGE-1.5.5 perl script, stemming, stop words removed) and date F1."""

    def __init__(self) -> None:
        try:
            from tilse.data.timelines import GroundTruth
            from tilse.data.timelines import Timeline as TilseTimeline
            from tilse.evaluation import rouge
        except ImportError as exc:
            raise StorylineError("the timeline evaluation needs tilse: pip install tilse (and, for its ROUGE "
                                 f"script, apt-get install libxml-parser-perl) ({exc})") from exc
        self._timeline, self._truth = TilseTimeline, GroundTruth
        self._rouge = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])

    def score(self, pred: dict[str, list[str]], gold: dict[str, list[str]]) -> dict[str, Any]:
        """Precision, recall and F1 of alignment ROUGE-1/2, concat ROUGE-1/2 and dates for one timeline."""
        p = self._timeline({date.fromisoformat(d): s for d, s in pred.items()})
        g = self._truth([self._timeline({date.fromisoformat(d): s for d, s in gold.items()})])
        align = self._rouge.evaluate_align_date_content_costs_many_to_one(p, g)
        concat = self._rouge.evaluate_concat(p, g) if pred else _zero_rouge()
        shared = len(set(pred) & set(gold))
        dp = shared / len(pred) if pred else 0.0
        dr = shared / len(gold)
        return {"rouge1": _prf(align["rouge_1"]), "rouge2": _prf(align["rouge_2"]),
                "concat_rouge1": _prf(concat["rouge_1"]), "concat_rouge2": _prf(concat["rouge_2"]),
                "date": {"precision": dp, "recall": dr, "f_score": _f1(dp, dr)}}


def evaluate(t17: str | Path, only: list[str] | None = None, mode: str = "research",
             on_progress: Callable[[str, int, int | None], None] | None = None, **options: Any) -> dict[str, Any]:
    """Scores of every gold timeline of the chosen topics (default: the development topics) and their mean.

    `mode` is "research" (news-tls's protocol) or "product" (the shipped configuration, see the module);
    `on_progress` hears ("topics", done, total) as the topics are built and scored.
    """
    if mode not in MODES:
        raise StorylineError(f"unknown mode {mode!r}; use one of: {', '.join(MODES)}")
    found = topics(t17)
    chosen = list(only) if only else [t for t in DEV_TOPICS if t in found]
    missing = [t for t in chosen if t not in found]
    if missing:
        raise StorylineError(f"no topic {', '.join(missing)} in {t17}; there are: {', '.join(sorted(found))}")
    scorer = Scorer()
    options.setdefault("extract", _cached_extractor())
    rows: list[dict[str, Any]] = []
    for done, topic in enumerate(chosen):
        if on_progress is not None:
            on_progress("topics", done, len(chosen))
        articles, golds, keywords = load_topic(found[topic])
        shared: dict[str, list[str]] | None = None
        for n, gold in enumerate(golds, start=1):
            t0 = time.perf_counter()
            if mode == "product":  # one timeline per topic, whatever the gold: that is what a user sees
                shared = shared if shared is not None else predict_product(articles, **options)
                pred = shared
            else:
                pred = predict(articles, gold, keywords, **options)
            seconds = time.perf_counter() - t0
            s = scorer.score(pred, gold)
            rows.append({"topic": topic, "timeline": n, "gold_dates": len(gold), "pred_dates": len(pred),
                         "seconds": round(seconds, 2), **{m: round(v, 4) for m, v in _flat(s).items()},
                         "_scores": s})
            log.info("%s #%d: R1 %.3f R2 %.3f dates %.3f (%.1fs)", topic, n, s["rouge1"]["f_score"],
                     s["rouge2"]["f_score"], s["date"]["f_score"], seconds)
    if on_progress is not None:
        on_progress("topics", len(chosen), len(chosen))
    mean = _mean([r.pop("_scores") for r in rows])
    return {"mode": mode, "mean": {m: round(v, 4) for m, v in mean.items()}, "timelines": rows}


def _cached_extractor() -> Extractor:
    """The time tagger, remembering its answers (the folds of one topic share their articles)."""
    from ..timeline.dates import extractor

    tag = extractor()
    cache: dict[tuple[str, str, str | None, str | None], list[TimeMention]] = {}

    def extract(text: str, lang: str, published: str | None, precision: str | None) -> list[TimeMention]:
        key = (text, lang, published, precision)
        if key not in cache:
            cache[key] = tag(text, lang, published, precision)
        return cache[key]

    return extract


def _flat(s: dict[str, Any]) -> dict[str, float]:
    return {"rouge1_f": s["rouge1"]["f_score"], "rouge2_f": s["rouge2"]["f_score"], "date_f1": s["date"]["f_score"],
            "concat_rouge1_f": s["concat_rouge1"]["f_score"], "concat_rouge2_f": s["concat_rouge2"]["f_score"]}


def _mean(scores: list[dict[str, Any]]) -> dict[str, float]:
    """news-tls's average: mean precision and mean recall, then their F1."""
    if not scores:
        return {m: 0.0 for m in METRICS}
    out = {}
    for name, key in (("rouge1_f", "rouge1"), ("rouge2_f", "rouge2"), ("date_f1", "date"),
                      ("concat_rouge1_f", "concat_rouge1"), ("concat_rouge2_f", "concat_rouge2")):
        p = sum(s[key]["precision"] for s in scores) / len(scores)
        r = sum(s[key]["recall"] for s in scores) / len(scores)
        out[name] = _f1(p, r)
    return out


def _prf(d: dict[str, float]) -> dict[str, float]:
    return {"precision": float(d["precision"]), "recall": float(d["recall"]), "f_score": float(d["f_score"])}


def _zero_rouge() -> dict[str, dict[str, float]]:
    zero = {"precision": 0.0, "recall": 0.0, "f_score": 0.0}
    return {"rouge_1": dict(zero), "rouge_2": dict(zero)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0
