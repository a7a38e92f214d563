"""The full ingest path with 1 worker against N workers, side by side in one run (issue 18, every core).

    .venv/bin/python benchmarks/workers_compare.py --articles 2000 --workers 1,2

Input: the DFN development split (`../shared/data/dfn/dev_ids.txt`, 1,973 records), replicated to --articles with
`replicate` of benchmarks/ingest_throughput.py (every replica gets new ids, URLs and marked words, so nothing is a
duplicate). Each worker count runs in a fresh process on a fresh database, one after the other, the order
alternating over --rounds: `storyline.open(db, workers=N).ingest(file, cluster=True)`, the path of
`storyline ingest` (read, clean, language, fingerprints, store; entities and time expressions; embeddings and
story assignment; timelines). The wall time includes starting the workers and loading their models; the main
process's own model loads are not counted (they are warmed first, as in cluster_stream.py). Prints the time of each
stage, articles per second end to end, the speed-up against the first worker count, the CPU seconds of all
processes, and whether every run made the same stories (sets of article ids). Needs ../shared/data.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

DFN_DIR = ROOT.parent / "shared" / "data" / "dfn"


def dev_file(target: Path, total: int) -> int:
    """The DFN development split replicated to `total` articles, as JSON Lines at `target`."""
    from ingest_throughput import replicate

    keep = set((DFN_DIR / "dev_ids.txt").read_text(encoding="utf-8").split())
    dev = target.with_suffix(".dev.jsonl")
    with dev.open("w", encoding="utf-8") as out:
        for line in (DFN_DIR / "articles.jsonl").open(encoding="utf-8"):
            if json.loads(line)["id"] in keep:
                out.write(line)
    written = replicate(dev, target, total)
    dev.unlink()
    return written


def warm_input(articles: int, prefix: str) -> tuple[Path, Path, int]:
    """A temporary folder, the development split replicated to `articles` in it (`dev_file`) and how many records it
    holds, with the sentence encoder and the text stage loaded: what the CPU benchmarks start from. Exits with a
    message when ../shared/data is missing."""
    if not (DFN_DIR / "articles.jsonl").exists():
        sys.exit(f"benchmark input {DFN_DIR} is missing: it needs ../shared/data (the DFN files)")
    work = Path(tempfile.mkdtemp(prefix=prefix))
    data = work / "dev.jsonl"
    total = dev_file(data, articles)
    from storyline.cluster.embed import embed
    from storyline.text.analyse import analyse_text

    embed(["warm-up"])
    analyse_text("Kim Jong-un ontmoet Donald Trump op 12 juni in Singapore.", "nl", "2018-05", "month")
    return work, data, total


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds (user and system) used so far by `root` and every live process below it, from /proc."""
    from ingest_throughput import process_tree_stats

    return sum(int(f[11]) + int(f[12]) for f in process_tree_stats(root)) / os.sysconf("SC_CLK_TCK")


def one_run(data: Path, db: Path, workers: int) -> dict:
    """One ingest with clustering in this process; the stage times and the stories."""
    import storyline
    from storyline.cluster.embed import embed
    from storyline.text.analyse import analyse_text

    embed(["warm-up"])
    analyse_text("Kim Jong-un ontmoet Donald Trump op 12 juni in Singapore.", "nl", "2018-05", "month")
    marks: dict[str, float] = {}

    def stage(name: str, done: int, total: int | None) -> None:
        marks.setdefault(name, time.perf_counter())

    before = tree_cpu_seconds(os.getpid())
    started = time.perf_counter()
    with storyline.open(db, workers=workers) as archive:
        report = archive.ingest(data, cluster=True, stage_progress=stage)
        ended = time.perf_counter()
        pool_started = archive._pool is not None and archive._pool.started
        cpu = tree_cpu_seconds(os.getpid()) - before  # the workers (children of the fork server) are alive here
    order = ["entities and dates", "stories", "timelines"]
    points = [("store", started)] + [(n, marks[n]) for n in order if n in marks] + [("end", ended)]
    stages = {a: round(tb - ta, 1) for (a, ta), (_, tb) in zip(points, points[1:], strict=False)}
    conn = sqlite3.connect(db)
    stories: dict[str, list[str]] = {}
    for story, article in conn.execute("SELECT story_id, article_id FROM story_assignments"):
        stories.setdefault(story, []).append(article)
    conn.close()
    return {"workers": workers, "pool_started": pool_started, "accepted": report.accepted,
            "seconds": round(ended - started, 1), "articles_per_second": round(report.accepted / (ended - started), 1),
            "cpu_seconds_all_processes": round(cpu, 1), "stages": stages,
            "stories": sorted(sorted(v) for v in stories.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="worker counts to compare, comma-separated")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each worker count (order alternates)")
    parser.add_argument("--one", nargs=3, metavar=("DATA", "DB", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(Path(args.one[0]), Path(args.one[1]), int(args.one[2]))))
        return
    if not (DFN_DIR / "articles.jsonl").exists():
        sys.exit(f"benchmark input {DFN_DIR} is missing: it needs ../shared/data (the DFN files)")
    counts = [int(n) for n in args.workers.split(",")]
    work = Path(tempfile.mkdtemp(prefix="storyline-workers-"))
    data = work / "dev.jsonl"
    total = dev_file(data, args.articles)
    print(f"{total} articles (DFN development split, replicated); load average before: {os.getloadavg()}", flush=True)
    results = []
    for r in range(args.rounds):
        for n in (counts if r % 2 == 0 else list(reversed(counts))):
            db = work / f"w{n}-{r}.db"
            done = subprocess.run([sys.executable, __file__, "--one", str(data), str(db), str(n)], capture_output=True,
                                  text=True, check=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            result["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
            results.append(result)
            print(f"workers {n}: {result['seconds']:7.1f} s  {result['articles_per_second']:6.1f} articles/s  "
                  f"stages {result['stages']}  cpu {result['cpu_seconds_all_processes']} s  "
                  f"load {result['load_average_after']}", flush=True)
    base = [r["seconds"] for r in results if r["workers"] == counts[0]]
    summary = {"articles": total, "runs": [{k: v for k, v in r.items() if k != "stories"} for r in results],
               "same_stories": all(r["stories"] == results[0]["stories"] for r in results)}
    for n in counts[1:]:
        mine = [r["seconds"] for r in results if r["workers"] == n]
        summary[f"speedup_{n}_over_{counts[0]}"] = round(min(base) / min(mine), 2)
    summary["peak_rss_mb_children"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
