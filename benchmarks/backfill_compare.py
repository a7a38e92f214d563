"""The Ray backfill on a two-node local Ray cluster against a plain `ingest --workers 2`, on the same input.

Usage (from the project root; needs the `distributed` extra):

    .venv/bin/python benchmarks/backfill_compare.py                       # the bundled sample corpus
    .venv/bin/python benchmarks/backfill_compare.py --dfn-dev --files 8   # DFN development split, in 8 files

Both runs do the full path (read, clean, language, fingerprints, entities, time expressions, embeddings,
clustering, timelines) into fresh databases, one after the other in this process; then the two databases
are compared (articles, sources, order, rejections, entities, time mentions, story assignments, timelines).
The cluster's start-up is timed apart: a real cluster is started once for many backfills.
Every Ray process listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")  # keep 127.0.0.1 (before Ray is imported)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import storyline  # noqa: E402
from storyline.backfill import backfill  # noqa: E402
from storyline.config import IngestOptions  # noqa: E402
from tests.backfill.helpers import snapshot  # noqa: E402

DFN = ROOT.parent / "shared" / "data" / "dfn"


def dfn_dev_files(out: Path, files: int) -> list[str]:
    """The DFN development split as `files` JSON Lines files (round robin), so that reading runs in parallel."""
    if not (DFN / "articles.jsonl").exists():
        sys.exit(f"{DFN} is absent: the DFN data lives in ../shared/data beside the project")
    dev = set((DFN / "dev_ids.txt").read_text().split())
    lines = [ln for ln in (DFN / "articles.jsonl").read_text(encoding="utf-8").splitlines()
             if ln.strip() and json.loads(ln)["id"] in dev]
    paths = []
    for k in range(files):
        path = out / f"dfn-dev-{k:02d}.jsonl"
        path.write_text("\n".join(lines[k::files]) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dfn-dev", action="store_true", help="DFN development split instead of the sample corpus")
    parser.add_argument("--files", type=int, default=8, help="files to split the DFN input into")
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--cpus-per-node", type=int, default=1)
    parser.add_argument("--object-store-mb", type=int, default=150)
    parser.add_argument("--workers", type=int, default=2, help="--workers of the plain ingest")
    parser.add_argument("--batch-size", type=int, default=32, help="rows per batch of an analyser actor")
    args = parser.parse_args()
    from ray.cluster_utils import Cluster

    tmp = Path(tempfile.mkdtemp(prefix="backfill-compare-"))
    paths = dfn_dev_files(tmp, args.files) if args.dfn_dev else [str(ROOT / "storyline" / "data" / "sample" / "articles")]
    result: dict = {"input": "DFN dev split" if args.dfn_dev else "sample corpus", "cores": os.cpu_count(),
                    "load_average_before": os.getloadavg()}

    started = time.perf_counter()
    with storyline.open(tmp / "plain.db") as archive:
        rep = archive.ingest(*paths, options=IngestOptions(workers=args.workers), cluster=True)
        result["plain"] = {"articles": rep.accepted, "seconds": round(time.perf_counter() - started, 1)}
        plain = snapshot(archive.store)

    started = time.perf_counter()
    node = {"num_cpus": args.cpus_per_node, "object_store_memory": args.object_store_mb * 2**20,
            "node_ip_address": "127.0.0.1"}
    cluster = Cluster(initialize_head=True, connect=False, head_node_args={**node, "include_dashboard": False})
    for _ in range(args.nodes - 1):
        cluster.add_node(**node)
    cluster.wait_for_nodes()
    result["cluster_start_seconds"] = round(time.perf_counter() - started, 1)
    try:
        started = time.perf_counter()
        with storyline.open(tmp / "backfill.db") as archive:
            rep = backfill(archive, paths, address=cluster.address, shards=tmp / "shards", batch_size=args.batch_size)
            total = time.perf_counter() - started
            result["backfill"] = {"articles": rep.ingest.accepted, "seconds": round(total, 1),
                                  "pipeline_seconds": round(rep.pipeline_seconds, 1),
                                  "load_seconds": round(rep.load_seconds, 1),
                                  "cluster_and_timelines_seconds": round(rep.cluster_seconds, 1),
                                  "local_analyses": rep.local_analyses}
            got = snapshot(archive.store)
    finally:
        cluster.shutdown()
    result["identical"] = {k: got[k] == plain[k] for k in plain}
    result["stories"] = len({s for _, _, s in plain["stories"]})
    result["load_average_after"] = os.getloadavg()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
