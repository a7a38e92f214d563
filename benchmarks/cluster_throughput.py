"""Incremental story detection throughput: articles assigned per second, chunk after chunk of a growing archive.

    .venv/bin/python benchmarks/cluster_throughput.py [--gold ../shared/data/dfn/articles.jsonl] [--chunk 500]

Ingests every article of the file (raw, no NLP) into a temporary database, then assigns them in publication
order in chunks, as successive `ingest(..., cluster=True)` runs would, and prints the rate of each chunk:
with candidates limited to an active time window, the cost per article should not grow with the archive.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import storyline  # noqa: E402
from storyline.cluster import assign  # noqa: E402
from storyline.cluster.embed import embed  # noqa: E402
from storyline.store import stories as q  # noqa: E402


def main() -> None:
    """Run the benchmark and print one line per chunk."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(Path(__file__).resolve().parents[2] / "shared/data/dfn/articles.jsonl"))
    parser.add_argument("--chunk", type=int, default=500)
    args = parser.parse_args()
    embed(["warm-up"])
    with tempfile.TemporaryDirectory() as tmp, storyline.open(Path(tmp) / "bench.db") as archive:
        started = time.perf_counter()
        report = archive.ingest(args.gold)
        print(f"raw ingest: {report.accepted} articles in {time.perf_counter() - started:.1f}s")
        order = [r["id"] for r in q.article_rows(archive.store)]
        for start in range(0, len(order), args.chunk):
            ids = order[start:start + args.chunk]
            t0, c0 = time.perf_counter(), time.process_time()
            result = assign(archive.store, ids)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            print(f"articles {start + 1:>5}-{start + len(ids):<5} {result.assigned / wall:7.1f}/s "
                  f"({result.assigned / cpu:7.1f}/cpu-s), {len(archive.stories()):>5} stories so far")


if __name__ == "__main__":
    main()
