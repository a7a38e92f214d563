"""The serial part of `--workers N`: CPU of the main process against the workers, per stage (issue 18: speed).

    PYTHONHASHSEED=0 nice -n 19 dev-python benchmarks/parent_cpu.py --articles 2000 --workers 2
    ... --profile parent.prof      # also cProfile the main process's main thread (adds its own overhead)

Input: the DFN development split replicated to --articles (as benchmarks/workers_compare.py). One run of
`storyline.open(db, workers=N).ingest(file, cluster=True)` in this process, models warmed first. At every stage
boundary it reads the CPU seconds of this process (all its threads: `time.process_time`) and of the rest of the
process tree (fork server and workers, from /proc). The main process is the single writer and the only owner of
the clusterer: its CPU per article is the serial part (Amdahl) that caps what N workers can give; the workers'
CPU per article is the part that spreads. On a machine shared with other jobs these CPU figures hold (wall
times do not); the projection printed, `projected_rate_2_cores`, is 1000 / max(parent ms, (parent + workers ms)
/ 2) articles per second: two cores never idle and the main process never waiting, a bound and not a
measurement. Needs ../shared/data.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _tree_others(root: int) -> float:
    """CPU seconds of every live process below `root` (not `root` itself)."""
    from ingest_throughput import process_tree_stats

    rows = process_tree_stats(root, with_pid=True)
    return sum(int(f[11]) + int(f[12]) for f in rows if int(f[-1]) != root) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the main thread here")
    args = parser.parse_args()
    from workers_compare import warm_input

    work, data, total = warm_input(args.articles, "storyline-parent-")
    import storyline
    me = os.getpid()
    marks: list[tuple[str, float, float, float]] = []

    def mark(name: str) -> None:
        marks.append((name, time.process_time(), _tree_others(me), time.perf_counter()))

    def stage(name: str, done: int, total: int | None) -> None:
        if not any(m[0] == name for m in marks):
            mark(name)

    load = os.getloadavg()
    profiler = cProfile.Profile() if args.profile else None
    mark("store")
    if profiler is not None:
        profiler.enable()
    with storyline.open(work / "parent.db", workers=args.workers) as archive:
        report = archive.ingest(data, cluster=True, stage_progress=stage)
        if profiler is not None:
            profiler.disable()
        mark("end")  # the workers are still alive: their CPU counts
    if profiler is not None:
        profiler.dump_stats(args.profile)
    n = max(1, report.accepted)

    def ms(x: float) -> float:
        return round(1000 * x / n, 2)

    stages = {}
    for (name, p0, w0, t0), (_, p1, w1, t1) in zip(marks, marks[1:], strict=False):
        stages[name] = {"parent_ms": ms(p1 - p0), "workers_ms": ms(w1 - w0), "wall_ms": ms(t1 - t0)}
    parent = marks[-1][1] - marks[0][1]
    workers = marks[-1][2] - marks[0][2]
    wall = marks[-1][3] - marks[0][3]
    bound = max(ms(parent), (ms(parent) + ms(workers)) / 2)
    print(json.dumps({"articles": total, "accepted": report.accepted, "workers": args.workers,
                      "db": str(work / "parent.db"), "load_average_before": [round(x, 1) for x in load],
                      "load_average_after": [round(x, 1) for x in os.getloadavg()],
                      "parent_ms_per_article": ms(parent), "workers_ms_per_article": ms(workers),
                      "wall_s": round(wall, 1), "parent_idle_share": round(1 - parent / wall, 2),
                      "projected_rate_2_cores": round(1000 / bound, 1), "stages": stages}, indent=1))


if __name__ == "__main__":
    main()
