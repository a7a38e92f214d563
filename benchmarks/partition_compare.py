"""Partitioned clustering (time partitions clustered alone, then stitched) against the sequential run, on DFN.

    .venv/bin/python benchmarks/partition_compare.py                          # quarter, month, year; nl, en, all
    .venv/bin/python benchmarks/partition_compare.py --partitions quarter --workers 2 --margins 0.06,0.12,0.2

For each set (nl alone, en alone, all: as `storyline evaluate clusters` does) the records of the development
split (../shared/data/dfn/dev_ids.txt) are ingested into an in-memory store; each partitioning is clustered
with `storyline.backfill.partitioned.cluster_partitioned` (not written, so the next one starts from the same
store), then the sequential clustering runs (`storyline.cluster.assign`, the path `evaluate clusters` measures).
The same scoring (`storyline.evaluate.clusters.scores`) prints B-cubed precision, recall and F1 side by side,
with the wall time of each run (the embeddings are computed once, by the first run, and not counted).
Needs ../shared/data (DFN); it is development data: report it as such.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from storyline.backfill import partition
from storyline.backfill.partition import STITCH_MARGIN
from storyline.backfill.partitioned import cluster_partitioned
from storyline.cluster.assign import assign, docs_with_embeddings
from storyline.config import IngestOptions
from storyline.evaluate.clusters import ALL, load_gold, read_ids, scores
from storyline.ingest.pipeline import ingest_records
from storyline.store import stories as q
from storyline.store.listing import external_ids
from storyline.store.sqlite import Store
from storyline.workers import Pool

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dfn"


def _score(articles: list[Any], ids: dict[str, str], clusters: dict[str, str]) -> dict[str, float]:
    pred = [clusters.get(ids.get(a.gold_id, ""), "missing:" + a.gold_id) for a in articles]
    s = scores(pred, [a.labels for a in articles])
    return {k: round(s[k], 4) for k in ("bcubed_precision", "bcubed_recall", "bcubed_f1")}


def run_set(articles: list[Any], partitions: list[str], margins: list[float], pool: Pool) -> dict[str, Any]:
    out: dict[str, Any] = {"articles": len(articles)}
    with Store(":memory:") as store:
        ingest_records(store, (a.record for a in articles), IngestOptions())
        ids = external_ids(store)
        all_ids = q.unassigned_ids(store)
        docs_with_embeddings(store, q.article_rows(store), pool=pool)  # embeddings once, for every run below
        for part in partitions:
            for margin in margins:
                started, cpu = time.perf_counter(), time.process_time()
                report = cluster_partitioned(store, all_ids, part, pool=pool, margin=margin, write=False)
                seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
                clusters = {p.article_id: p.story_id for p in report.placements}
                out[f"{part} margin {margin:g}"] = _score(articles, ids, clusters) | {
                    "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "stories": len(set(clusters.values())),
                    "partitions": report.partitions, "links": report.links,
                    "steps": {k: round(v, 2) for k, v in report.seconds.items()},
                    "slowest_partition_cpu": round(max(report.partition_cpu_seconds, default=0.0), 2),
                    "partition_cpu_total": round(sum(report.partition_cpu_seconds), 2),
                    "stitch_cpu": round(report.stitch_cpu_seconds, 2)}
        started, cpu = time.perf_counter(), time.process_time()
        seq = assign(store, weights=None, pool=pool)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        clusters = {p.article_id: p.story_id for p in seq.placements}
        out["sequential"] = _score(articles, ids, clusters) | {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
                                                                "stories": len(set(clusters.values()))}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DATA / "articles.jsonl")
    parser.add_argument("--ids", type=Path, default=DATA / "dev_ids.txt")
    parser.add_argument("--partitions", default="quarter,month,year")
    parser.add_argument("--margins", default=f"{STITCH_MARGIN:g}", help="stitching margins to try (comma-separated)")
    parser.add_argument("--probes", type=int, default=None, help="first articles per story stitching scores")
    parser.add_argument("--sets", default="nl,en,all")
    parser.add_argument("--workers", type=int, default=1, help="worker processes for the partitions")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"needs {args.gold} (../shared/data/dfn)", file=sys.stderr)
        return 2
    if args.probes is not None:
        partition.PROBES = args.probes
    articles = load_gold(args.gold, ids=read_ids(args.ids))
    partitions = args.partitions.split(",")
    margins = [float(m) for m in args.margins.split(",")]
    results = {}
    with Pool(args.workers, unit=1, in_process_below=2) as pool:
        for name in args.sets.split(","):
            subset = articles if name == ALL else [a for a in articles if a.lang == name]
            results[name] = run_set(subset, partitions, margins, pool)
            if not args.json:
                print(f"== {name}: {len(subset)} articles", flush=True)
                for run, r in results[name].items():
                    if isinstance(r, dict):
                        print(f"  {run:22s} P {r['bcubed_precision']:.4f} R {r['bcubed_recall']:.4f} "
                              f"F1 {r['bcubed_f1']:.4f}  stories {r['stories']:4d}  {r['seconds']:7.2f} s (CPU {r['cpu_seconds']:.2f} s)"
                              + (f"  partitions {r['partitions']}, links {r['links']}, slowest partition {r['slowest_partition_cpu']} s"
                                 f" CPU, steps {r['steps']}"
                                 if "steps" in r else ""), flush=True)
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
