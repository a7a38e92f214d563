"""Build a large store for the web load test: the DFN file replicated to N articles, ingested in chunks.

Usage (from the project root; resumes where an interrupted run stopped):

    nohup .venv/bin/python benchmarks/load_store.py --articles 100000 --db /tmp/load/storyline.db \
        > /tmp/load/build.log 2>&1 &

Replicas come from ``replicate()`` of benchmarks/ingest_throughput.py (new id and URL, a mark on every
third word, a numbered title), and replica k is also dated k years earlier, so the archive spans
decades as a real one does. The file is split into chunks stored one after the other with the bulk
path of the README (``storyline ingest --raw``; a stored chunk leaves a ``.done`` marker beside it),
then ``storyline analyse`` finds entities and time expressions and ``storyline cluster`` assigns every
article to an event and a story and builds the stored timelines. Each step resumes: a rerun stores,
analyses or assigns only what is missing. (Ingesting each chunk without ``--raw`` does the same work
per chunk, but rebuilds the timelines of every story a chunk touched after each chunk; on a 2-core
machine that made the build about twice as long.)
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_throughput import DFN, replicate  # noqa: E402

log = logging.getLogger("load_store")
FIELDS = ("text=text", "title=title", "published=published", "url=url", "id=id", "lang=lang")
_REPLICA = re.compile(r"-r(\d+)$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
SHIFT_DAYS = 365


def shift_date(published: str, replica: int) -> str:
    """`published` moved `replica` years (of SHIFT_DAYS) back; placeholders and odd values are kept.

    >>> shift_date("2020-04-16T11:39:50UTC", 2)
    '2018-04-16T11:39:50UTC'
    >>> shift_date("0001-01-01T00:00:00UTC", 3)
    '0001-01-01T00:00:00UTC'
    """
    match = _DAY.match(published or "")
    if not replica or not match or int(match.group(1)) < 1000:
        return published
    try:
        day = datetime(*(int(g) for g in match.groups())) - timedelta(days=SHIFT_DAYS * replica)
    except ValueError:
        return published
    return day.strftime("%Y-%m-%d") + published[match.end():]


def build_input(target: Path, total: int, source: Path) -> None:
    """Write `total` replicated articles with shifted dates to `target` (skipped when it is complete)."""
    if target.exists() and sum(1 for _ in target.open(encoding="utf-8")) == total:
        log.info("input %s already holds %d articles", target, total)
        return
    raw = target.with_suffix(".raw.jsonl")
    replicate(source, raw, total)
    with raw.open(encoding="utf-8") as inp, target.with_suffix(".tmp").open("w", encoding="utf-8") as out:
        for line in inp:
            row = json.loads(line)
            match = _REPLICA.search(row["id"])
            row["published"] = shift_date(row["published"], int(match.group(1)) if match else 0)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    target.with_suffix(".tmp").replace(target)
    raw.unlink()
    log.info("wrote %d articles to %s", total, target)


def split(source: Path, folder: Path, size: int) -> list[Path]:
    """Chunk files of `size` lines under `folder` (reused when present)."""
    folder.mkdir(parents=True, exist_ok=True)
    chunks = sorted(folder.glob("chunk-*.jsonl"))
    if chunks:
        return chunks
    out = None
    with source.open(encoding="utf-8") as inp:
        for n, line in enumerate(inp):
            if n % size == 0:
                if out:
                    out.close()
                out = (folder / f"chunk-{n // size:04d}.jsonl").open("w", encoding="utf-8")
            out.write(line)
    if out:
        out.close()
    return sorted(folder.glob("chunk-*.jsonl"))


def run(cli: list[str], show: bool = False) -> None:
    """Run a storyline command, logging its duration (and its output with `show`); raise when it fails."""
    started = time.perf_counter()
    log.info("$ %s", " ".join(cli))
    done = subprocess.run(cli, check=True, stdout=subprocess.PIPE, text=True)
    if show:
        log.info("%s", done.stdout)
    log.info("done in %.0f s", time.perf_counter() - started)


def main() -> None:
    """Build (or finish building) the store."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--chunk", type=int, default=10_000, help="articles per ingest run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--source", type=Path, default=DFN)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if not args.source.exists():
        sys.exit(f"input {args.source} is missing: the load store needs ../shared/data (the DFN file)")
    work = args.db.parent
    work.mkdir(parents=True, exist_ok=True)
    data = work / f"articles-{args.articles}.jsonl"
    build_input(data, args.articles, args.source)
    storyline = [str(Path(sys.executable).parent / "storyline"), "--db", str(args.db)]
    fields = [x for f in FIELDS for x in ("--field", f)]
    started = time.perf_counter()
    for chunk in split(data, work / f"chunks-{args.articles}-{args.chunk}", args.chunk):
        done = chunk.with_suffix(".done")
        if not done.exists():
            run(storyline + ["ingest", str(chunk), "--raw", "--workers", str(args.workers), *fields])
            done.touch()
    run(storyline + ["analyse"])
    run(storyline + ["cluster"])
    log.info("store %s complete after %.0f s in this run", args.db, time.perf_counter() - started)
    run(storyline + ["stats"], show=True)


if __name__ == "__main__":
    main()
