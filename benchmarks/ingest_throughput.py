"""Ingest throughput and peak memory on the DFN file replicated to N articles.

Usage (from the project root):

    .venv/bin/python benchmarks/ingest_throughput.py --articles 100000 --workers 2

Replica k of an article gets a new id and URL, and a suffix on every third word, so
that no replica is an exact or near duplicate of another (each shingle changes): the
run measures the full path of a new article (clean, language, fingerprint, LSH lookup,
insert, full-text index), not the cheap duplicate path. Articles keep their declared
language, as in the DFN file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import storyline  # noqa: E402

DFN = ROOT.parent / "shared" / "data" / "dfn" / "articles.jsonl"
_WORD = re.compile(r"\S+")


def _mark_words(text: str, mark: str) -> str:
    """Append `mark` to every third word, so that every word 3-gram changes."""
    counter = iter(range(10**9))
    return _WORD.sub(lambda m: m.group(0) + (mark if next(counter) % 3 == 0 else ""), text)


def replica_row(row: dict, replica: int) -> dict:
    """Replica `replica` of a record (0: the record itself): new id and URL, marked words, a numbered title."""
    if not replica:
        return row
    row = dict(row)
    row["id"] = f"{row['id']}-r{replica}"
    row["url"] = f"{row['url']}#r{replica}"
    row["text"] = _mark_words(row["text"], f"x{replica}")
    row["title"] = f"{row['title']} ({replica})"
    return row


def replicate(source: Path, target: Path, total: int) -> int:
    """Write `total` articles to `target`, cycling over `source` with distinct replicas."""
    rows = [json.loads(line) for line in source.open(encoding="utf-8")]
    written = 0
    with target.open("w", encoding="utf-8") as out:
        replica = 0
        while written < total:
            for row in rows:
                if written >= total:
                    break
                out.write(json.dumps(replica_row(row, replica), ensure_ascii=False) + "\n")
                written += 1
            replica += 1
    return written


def peak_mb(who: int) -> float:
    """Peak resident memory in MB of this process (RUSAGE_SELF)."""
    return resource.getrusage(who).ru_maxrss / 1024


def process_tree_stats(root: int, with_pid: bool = False) -> list[list[str]]:
    """The /proc/PID/stat fields (after the command name) of `root` and all its descendants (workers included);
    `with_pid` appends each process's id to its fields."""
    parents: dict[int, int] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            stats[int(entry)] = fields
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return [stats[p] + [str(p)] if with_pid else stats[p] for p in tree if p in stats]


def _tree_rss_mb(root: int) -> float:
    """Resident memory of `root` and all its descendants (worker processes included), from /proc."""
    return sum(int(f[21]) for f in process_tree_stats(root)) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _tree_pss_mb(root: int) -> float:
    """Proportional memory (PSS, /proc/PID/smaps_rollup) of `root` and its descendants: a page shared by several
    processes (the models the workers share with their fork server, copy-on-write) counts once in all, not once
    per process as in `_tree_rss_mb`."""
    pids = _tree_pids(root)
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("Pss:")), 0)
        except OSError:
            continue
    return total / 1024


def _tree_pids(root: int) -> list[int]:
    """`root` and the ids of all its descendants."""
    return [int(f[-1]) for f in process_tree_stats(root, with_pid=True)]


class MemorySampler(threading.Thread):
    """Samples the memory of this process tree and keeps the peaks: the sum of the resident sizes every 0.2 s
    (`peak`) and of the proportional sizes every 2 s (`peak_pss`, pages shared between processes counted once)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.peak_pss = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        samples = 0
        while not self.stop.wait(0.2):
            self.peak = max(self.peak, _tree_rss_mb(os.getpid()))
            samples += 1
            if samples % 10 == 1:  # every 2 s: reading smaps costs the kernel a walk of every page table
                self.peak_pss = max(self.peak_pss, _tree_pss_mb(os.getpid()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--source", type=Path, default=DFN)
    parser.add_argument("--keep", action="store_true", help="keep the generated file and database")
    args = parser.parse_args()
    if not args.source.exists():
        sys.exit(f"benchmark input {args.source} is missing: it needs ../shared/data (the DFN file)")
    work = Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    data = work / "replicated.jsonl"
    started = time.perf_counter()
    total = replicate(args.source, data, args.articles)
    print(f"generated {total} articles ({data.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f}s")
    db = work / "bench.db"
    sampler = MemorySampler()
    sampler.start()
    with storyline.open(db) as archive:
        started = time.perf_counter()
        report = archive.ingest(data, workers=args.workers)
        seconds = time.perf_counter() - started
        stored = len(archive)
    sampler.stop.set()
    sampler.join()
    result = {
        "articles_in": total,
        "stored": stored,
        "accepted": report.accepted,
        "duplicates": report.duplicates,
        "near_duplicates": report.near_duplicates,
        "rejected": len(report.rejected),
        "workers": args.workers,
        "seconds": round(seconds, 1),
        "articles_per_second": round(total / seconds, 1),
        "peak_rss_mb_main": round(peak_mb(resource.RUSAGE_SELF), 1),
        "peak_rss_mb_all_processes": round(sampler.peak, 1),
        "database_mb": round(sum(p.stat().st_size for p in work.glob("bench.db*")) / 1e6, 1),
        "cpu_count": os.cpu_count(),
    }
    print(json.dumps(result, indent=2))
    if not args.keep:
        for path in work.iterdir():
            path.unlink()
        work.rmdir()


if __name__ == "__main__":
    main()
