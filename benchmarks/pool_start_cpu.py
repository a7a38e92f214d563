"""CPU seconds of starting a pool of N workers with the three stages' models, until every worker is ready.

    .venv/bin/python benchmarks/pool_start_cpu.py [--workers 2]

Starts `storyline.workers.Pool(N, models=(language, text stage, encoder loaders))` as `storyline.open` does for a
full ingest, waits until `ready()`, and prints the CPU seconds (user + system, /proc) of this process and all its
descendants (the fork server, the workers, multiprocessing's resource tracker): what a run pays for its pool
before any article is worked on. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def tree(pid: int) -> list[int]:
    """`pid` and its descendants."""
    out = [pid]
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                children = fh.read().split()
        except OSError:
            children = []
        for child in children:
            out += tree(int(child))
    return out


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from storyline import workers
    from storyline.cluster.embed import warm as warm_embeddings
    from storyline.ingest.language import warm as warm_language
    from storyline.text.analyse import warm as warm_text

    before = cpu_seconds([os.getpid()])
    started = time.perf_counter()
    with workers.Pool(args.workers, models=(warm_language, warm_text, warm_embeddings), in_process_below=0) as pool:
        pool.prestart()
        while not pool.ready():
            time.sleep(0.1)
        pids = tree(os.getpid())
        print(json.dumps({"workers": args.workers, "processes": len(pids),
                          "cpu_s_all_processes": round(cpu_seconds(pids) - before, 2),
                          "wall_s": round(time.perf_counter() - started, 1)}))


if __name__ == "__main__":
    main()
