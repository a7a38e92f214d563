"""How long `build_timeline` takes on a 400-article story (the target: under 5 s, summary included).

    .venv/bin/python benchmarks/timeline_speed.py [--t17 ../shared/data/t17] [--topic bpoil] [-n 400] [--repeat 3]

Prints wall-clock and this process's CPU time (on a shared, loaded machine the CPU time is the fairer figure).
Uses the first n articles (in publication order) of a pooled Timeline17 topic, cleaned as the
evaluation cleans them; the time tagger's first-call set-up is excluded by a warm-up call.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyline.evaluate.timelines import load_topic, topics  # noqa: E402
from storyline.timeline import build_timeline  # noqa: E402
from storyline.timeline.dates import extractor  # noqa: E402


def main() -> None:
    """Time the timeline of n articles, best and median of several runs."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--t17", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "t17"))
    ap.add_argument("--topic", default="bpoil")
    ap.add_argument("-n", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if not Path(args.t17).is_dir():
        sys.exit(f"skipped: {args.t17} is absent (the Timeline17 data in ../shared/data)")
    articles, _, _ = load_topic(topics(args.t17)[args.topic])
    articles = sorted(articles, key=lambda a: (a["published"] or "", a["id"]))[: args.n]
    extractor()("warm up on 12 June", "en", "2010-06-01", "day")
    times, cpu = [], []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        tl = build_timeline(articles)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    chars = sum(len(a["text"]) for a in articles)
    print(f"{len(articles)} articles ({chars / len(articles):.0f} characters each), {len(tl.entries)} entries, "
          f"{len(tl.summary)} summary sentences: best {min(times):.2f} s, median {statistics.median(times):.2f} s; "
          f"CPU time of this process best {min(cpu):.2f} s, median {statistics.median(cpu):.2f} s "
          f"(wall-clock grows with the machine's load, CPU time much less)")


if __name__ == "__main__":
    main()
