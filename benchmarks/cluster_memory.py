"""Where the stream clusterer's memory goes: the size of each of its structures, and each process's RSS.

Used by `benchmarks/cluster_stream.py --sizes N` (every N chunks). Sizes are `sys.getsizeof` of the containers
plus their keys and values (strings shared between structures are counted in each), numpy arrays by `nbytes`:
an estimate of what each structure holds, good for comparing growth per 1,000 articles.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

import numpy as np
from ingest_throughput import process_tree_stats

from storyline.cluster import features
from storyline.cluster.index import CentroidIndex
from storyline.cluster.state import Cluster


def _obj(x: object) -> int:
    if isinstance(x, np.ndarray):
        return x.nbytes + 112
    if isinstance(x, (tuple, list, frozenset, set)):
        return sys.getsizeof(x) + sum(_obj(v) for v in x)
    if isinstance(x, dict):
        return sys.getsizeof(x) + sum(_obj(k) + _obj(v) for k, v in x.items())
    if isinstance(x, Cluster):
        return (_obj(x.lemmas) + _obj(x.names) + _obj(x.embedding) + _obj(dict(x.langs)) + _obj(dict(x.years))
                + _obj(x.children) + 200)
    if isinstance(x, CentroidIndex):
        return x._matrix.nbytes + _obj(x._keys) + _obj(x._row)
    return sys.getsizeof(x)


def _items(pairs: Iterable[tuple[str, object]]) -> dict[str, float]:
    return {name: round(_obj(value) / 1e6, 2) for name, value in pairs}


def structure_sizes(clusterer: object) -> dict[str, float]:
    """MB held by each structure of a `StoryClusterer` (and the term caches of this process)."""
    c = clusterer
    names = ["stories", "events", "article_event", "_by_key", "_active", "_all", "_postings", "_expiry", "merged",
             "_counted", "_headlines", "_stowed", "_key_stowed", "_event_home", "_quiet", "_due", "_deferred", "_revived",
             "_event_span", "_event_cut", "_event_quiet", "_event_due"]
    out = _items((n, getattr(c, n)) for n in names if hasattr(c, n))
    out.update(_items([("_postings", c._postings.lists)]))  # (the index is a class over its lists, issue 19)
    for extra in ("_article_story", "_story_index", "_retired_keys"):
        if hasattr(c, extra):
            out.update(_items([(extra, getattr(c, extra))]))
    out.update(_items([("lemma_df", dict(c.lemma_df.df)), ("name_df", dict(c.name_df.df)),
                       ("LEMMA_CACHE", features._LEMMA_CACHE), ("KNOWN_CACHE", features._KNOWN_CACHE)]))
    out["counts"] = {"stories": len(c.stories), "events": len(c.events), "articles": len(c.article_event),
                     "retired": getattr(c, "retired", 0),
                     "events_retired": getattr(c, "events_retired", 0), "event_reads": getattr(c, "event_reads", 0),
                     "terms_stowed": getattr(c, "terms_stowed", 0), "term_reads": getattr(c, "term_reads", 0),
                     "merged": len(c.merged),
                     "active_rows": len(c._active), "all_rows": len(c._all),
                     "lemma_terms": len(c.lemma_df.df), "name_terms": len(c.name_df.df),
                     "postings": len(c._postings.lists)}
    return out


def process_rss_mb(root: int | None = None) -> list[float]:
    """Resident memory (MB) of each process of the tree of `root` (this process), largest first."""
    page = os.sysconf("SC_PAGE_SIZE")
    return sorted((round(int(f[21]) * page / 1e6, 1) for f in process_tree_stats(root or os.getpid())), reverse=True)


def process_pss_mb(root: int | None = None) -> list[float]:
    """Proportional memory (MB, PSS of /proc/PID/smaps_rollup: shared pages split between their processes) of each
    process of the tree of `root` (this process first, then its descendants, largest first)."""
    from ingest_throughput import _tree_pids

    me = root or os.getpid()
    out = []
    for pid in _tree_pids(me):
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
                out.append((pid == me, round(next((int(x.split()[1]) for x in fh if x.startswith("Pss:")), 0) / 1024, 1)))
        except OSError:
            continue
    return [v for _, v in sorted(out, key=lambda t: (not t[0], -t[1]))]


def main_rss_mb() -> float:
    """Resident memory (MB) of this process alone (in `process_rss_mb` it is not always the largest: the workers
    hold the text models)."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return round(int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6, 1)

