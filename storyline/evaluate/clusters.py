"""Story detection measured against gold clusters: BCubed, pairwise, AMI, ARI and speed, per language and all.

The gold file is JSON Lines with the article fields (``id, lang, title, published, text`` …) and a list of
gold cluster labels per article (``incidents`` in ../shared/data/dfn/articles.jsonl). The articles are ingested
into an empty in-memory store and clustered in publication order, exactly as `storyline ingest` followed by
`storyline cluster` would do; then the story of every labelled article is compared with its gold labels.

An article with several gold labels is correctly placed with any article sharing one of them (BCubed and
pairwise scores use "shares a label" as the gold relation); AMI and ARI need one label per article and use
its most frequent one. Unlabelled articles are clustered but left out of the scores.
"""

from __future__ import annotations

import functools
import json
import logging
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, TypeGuard

import numpy as np

from ..cluster.scoring import Weights
from ..config import IngestOptions
from ..errors import EvaluateMessages, StorylineError
from ..ingest.inputs import Input
from ..ingest.pipeline import ingest_records
from ..ingest.readers import _record
from ..models import RawRecord
from ..store.listing import external_ids
from ..store.sqlite import Store

log = logging.getLogger(__name__)
ALL = "all"
# Assigns the articles of a store to clusters; returns {article id: cluster id}.
Clusterer = Callable[[Store], dict[str, str]]


@dataclass(slots=True)
class GoldArticle:
    """One gold record: the raw record to ingest, its language and its gold labels."""

    gold_id: str
    lang: str | None
    labels: frozenset[str]
    record: RawRecord


def _open_binary(path: str | Path) -> BinaryIO:
    """The file's bytes."""
    return open(path, "rb")


def load_gold(path: str | Path, *, ids: set[str] | None = None, fields: dict[str, str] | None = None,
              labels_field: str = "incidents") -> list[GoldArticle]:
    """Read a gold JSON Lines file (only the records whose id is in `ids`, when given)."""
    options = IngestOptions(fields={k: v for k, v in (fields or {}).items() if k != "labels"})
    labels_field = (fields or {}).get("labels", labels_field)
    where = Input(str(path), partial(_open_binary, path), None)  # the gold file, read below as text
    out: list[GoldArticle] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            obj = json.loads(line)
            record = _record(obj, where, str(number), options)
            if not isinstance(record, RawRecord):
                log.warning("gold record %d skipped: %s", number, record.reason)
                continue
            gold_id = record.external_id or str(number)
            if ids is not None and gold_id not in ids:
                continue
            labels = obj.get(labels_field) or []
            labels = [labels] if isinstance(labels, str) else labels
            out.append(GoldArticle(gold_id, record.lang, frozenset(map(str, labels)), record))
    return out


def read_ids(path: str | Path) -> set[str]:
    """Ids listed one per line."""
    return {line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()}


# -- metrics -------------------------------------------------------------------------------------


def scores(pred: list[str], gold: list[frozenset[str]]) -> dict[str, float]:
    """BCubed and pairwise precision/recall/F1, AMI and ARI of predicted cluster ids against gold label sets.

    >>> s = scores(["a", "a", "b", "b"], [frozenset("x"), frozenset("x"), frozenset("y"), frozenset("xy")])
    >>> s["bcubed_precision"], round(s["bcubed_recall"], 3), s["pairwise_precision"]
    (1.0, 0.708, 1.0)
    """
    try:
        from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score
    except ImportError as exc:  # an evaluation-only dependency (the `eval` extra)
        raise StorylineError(EvaluateMessages.NO_EVAL_EXTRA.format(command="storyline evaluate clusters",
                                                                   package="scikit-learn")) from exc

    keep = [i for i, g in enumerate(gold) if g]
    pred = [pred[i] for i in keep]
    gold = [gold[i] for i in keep]
    n = len(pred)
    if n == 0:
        return {k: 0.0 for k in ("bcubed_precision", "bcubed_recall", "bcubed_f1", "pairwise_precision",
                                 "pairwise_recall", "pairwise_f1", "ami", "ari")}
    labels = sorted({x for g in gold for x in g})
    lab_index = {x: i for i, x in enumerate(labels)}
    member = np.zeros((n, len(labels)), dtype=np.float32)
    for i, g in enumerate(gold):
        for x in g:
            member[i, lab_index[x]] = 1.0
    share = (member @ member.T) > 0
    pid = {p: i for i, p in enumerate(dict.fromkeys(pred))}
    pv = np.array([pid[p] for p in pred])
    same = pv[:, None] == pv[None, :]
    both = (share & same).sum(axis=1)
    precision = float(np.mean(both / same.sum(axis=1)))
    recall = float(np.mean(both / share.sum(axis=1)))
    off = ~np.eye(n, dtype=bool)
    tp = float((share & same & off).sum())
    pp, gp = float((same & off).sum()), float((share & off).sum())
    pw_p = tp / pp if pp else 1.0
    pw_r = tp / gp if gp else 1.0
    counts = Counter(x for g in gold for x in g)
    single = [max(sorted(g), key=lambda x: counts[x]) for g in gold]
    return {
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_f1": _f1(precision, recall),
        "pairwise_precision": pw_p,
        "pairwise_recall": pw_r,
        "pairwise_f1": _f1(pw_p, pw_r),
        "ami": float(adjusted_mutual_info_score(single, pred)),
        "ari": float(adjusted_rand_score(single, pred)),
    }


def story_checks(pred: list[str], gold: list[frozenset[str]], langs: list[str | None]) -> dict[str, Any]:
    """Cross-language link precision and the largest predicted story's size and purity (labelled articles only).

    ``cross_language_link_precision``: of all pairs of articles in different languages that share a predicted
    story, the fraction that share a gold label (None when no such pair exists); ``cross_language_links``: how
    many such pairs. ``largest_story_purity``: the share of the largest story's articles that carry its most
    common gold label.

    >>> c = story_checks(["a", "a", "a", "b"], [frozenset("x"), frozenset("x"), frozenset("y"), frozenset("y")],
    ...                  ["nl", "en", "en", "nl"])
    >>> c["cross_language_link_precision"], c["cross_language_links"], c["largest_story_size"], round(c["largest_story_purity"], 3)
    (0.5, 2, 3, 0.667)
    """
    members: dict[str, list[int]] = {}
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        if g:
            members.setdefault(p, []).append(i)
    links = good = 0
    for idx in members.values():
        for k, i in enumerate(idx):
            for j in idx[k + 1:]:
                if (langs[i] or "?") != (langs[j] or "?"):
                    links += 1
                    good += bool(gold[i] & gold[j])
    largest = max(members.values(), key=len, default=[])
    counts = Counter(x for i in largest for x in gold[i])
    purity = counts.most_common(1)[0][1] / len(largest) if largest else 0.0
    return {"cross_language_link_precision": good / links if links else None, "cross_language_links": links,
            "largest_story_size": len(largest), "largest_story_purity": purity}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# -- running -------------------------------------------------------------------------------------


def storyline_clusterer(store: Store, weights: Weights | None = None,
                        on_progress: Callable[[int, int], None] | None = None) -> dict[str, str]:
    """storyline's own story detection (with these `[cluster]` settings, among them the join decision rule,
    ``threshold`` or ``learned``: see `storyline.cluster.join`): assign every article of `store`, return its
    story ids."""
    from ..cluster.assign import assign

    report = assign(store, weights=weights, on_progress=on_progress)
    return {p.article_id: p.story_id for p in report.placements}


def _reports_progress(clusterer: Clusterer) -> TypeGuard[Callable[..., dict[str, str]]]:
    """Whether `clusterer` is `storyline_clusterer` (or a partial of it), which takes `on_progress`."""
    return getattr(clusterer, "func", clusterer) is storyline_clusterer


def run_one(articles: list[GoldArticle], clusterer: Clusterer = storyline_clusterer,
            shuffle: int | None = None, on_progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Ingest `articles` into an empty in-memory store, cluster them, and score the result.

    With `shuffle`, the articles are ingested in an order shuffled with that seed (clustering still follows
    publication time where it is known): the figures should not move.
    """
    if shuffle is not None:
        articles = list(articles)
        random.Random(shuffle).shuffle(articles)
    started, cpu_started = time.perf_counter(), time.process_time()
    with Store(":memory:") as store:
        ingest_records(store, (a.record for a in articles), IngestOptions())
        ids = external_ids(store)
        if _reports_progress(clusterer):
            clusters = clusterer(store, on_progress=on_progress)
        else:
            clusters = clusterer(store)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    pred, gold = [], []
    for a in articles:
        article_id = ids.get(a.gold_id)
        pred.append(clusters.get(article_id, "missing:" + a.gold_id) if article_id else "rejected:" + a.gold_id)
        gold.append(a.labels)
    result = scores(pred, gold)
    result.update(story_checks(pred, gold, [a.lang for a in articles]))
    labelled = [p for p, g in zip(pred, gold, strict=True) if g]
    result.update({
        "n_articles": len(articles),
        "n_scored": len(labelled),
        "n_pred_clusters": len(set(labelled)),
        "n_gold_clusters": len({x for g in gold for x in g}),
        "seconds": round(seconds, 3),
        "articles_per_second": round(len(articles) / seconds, 1) if seconds else 0.0,
        # CPU time of this process: what the speed would be on an otherwise idle core
        "articles_per_cpu_second": round(len(articles) / cpu_seconds, 1) if cpu_seconds else 0.0,
    })
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}


def evaluate(articles: list[GoldArticle], clusterer: Clusterer = storyline_clusterer,
             languages: list[str] | None = None, shuffle: int | None = None,
             weights: Weights | None = None,
             on_progress: Callable[[str, int, int | None], None] | None = None) -> dict[str, dict[str, Any]]:
    """Scores per language (that language clustered alone) and for all articles together ("all").

    `shuffle`: ingest each set in an order shuffled with this seed (see `run_one`). `weights`: the `[cluster]`
    settings storyline's own clusterer runs with (default: the defaults). `on_progress` hears
    ("clustering LANG", articles placed, articles) as each set is clustered (storyline's clusterer only).
    """
    if getattr(clusterer, "func", clusterer) is storyline_clusterer:
        from ..cluster.embed import embed

        embed(["warm-up"])  # load the sentence encoder once, outside the timed runs
        if weights is not None:
            clusterer = functools.partial(storyline_clusterer, weights=weights)
    langs = languages or sorted({a.lang for a in articles if a.lang})
    results = {}
    for lang in langs:
        subset = [a for a in articles if a.lang == lang]
        if subset:
            log.info("clustering %d %s articles", len(subset), lang)
            results[lang] = run_one(subset, clusterer, shuffle, _stage(on_progress, f"clustering {lang}"))
    log.info("clustering all %d articles", len(articles))
    results[ALL] = run_one(articles, clusterer, shuffle, _stage(on_progress, "clustering all"))
    return results


def _stage(on_progress: Callable[[str, int, int | None], None] | None,
           name: str) -> Callable[[int, int], None] | None:
    """A (done, total) callback that reports as stage `name`."""
    if on_progress is None:
        return None
    return lambda done, total: on_progress(name, done, total)
