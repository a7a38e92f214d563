"""CPU and wall time per article of the backfill's per-article stages (prepare, entities, time expressions,
embedding) in one process, on the first N articles of the DFN development split.

Usage (from the project root): .venv/bin/python benchmarks/backfill_stage_cost.py [--limit 300]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyline.backfill.stages import analyse_rows, read_rows  # noqa: E402
from storyline.config import IngestOptions  # noqa: E402

DFN = ROOT.parent / "shared" / "data" / "dfn"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()
    if not (DFN / "articles.jsonl").exists():
        sys.exit(f"{DFN} is absent: the DFN data lives in ../shared/data beside the project")
    dev = set((DFN / "dev_ids.txt").read_text().split())
    lines = [ln for ln in (DFN / "articles.jsonl").read_text(encoding="utf-8").splitlines()
             if ln.strip() and json.loads(ln)["id"] in dev][:args.limit]
    path = Path(tempfile.mkdtemp(prefix="stage-cost-")) / "dev.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options, now = IngestOptions(), datetime.now(UTC)
    rows = list(read_rows({"input_no": 0, "location": str(path)}, options))
    analyse_rows(rows[:4], options, now)  # load the models
    cpu, wall = time.process_time(), time.perf_counter()
    out = [r for s in range(0, len(rows), args.batch) for r in analyse_rows(rows[s:s + args.batch], options, now)]
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    articles = [r for r in out if r["kind"] == "article"]
    print(json.dumps({"rows": len(rows), "articles": len(articles),
                      "cpu_s_per_article": round(cpu / len(rows), 4), "wall_s_per_article": round(wall / len(rows), 4),
                      "mean_chars": sum(len(r["text"]) for r in articles) // max(1, len(articles))}))


if __name__ == "__main__":
    main()
