"""CPU time of building every story's timeline of an archive in one process, and a digest of the timelines.

    PYTHONHASHSEED=0 .venv/bin/python benchmarks/timelines_cpu.py ARCHIVE.db OUT.txt [--profile]

Reads each story's articles as the timelines stage does (`timeline.service.articles_for`, publication order) and
builds them all with `build_unit` (the sentence encoder loaded first, three stories built as a warm-up). Writes the
timelines' JSON to OUT.txt, one line per story, and prints the stories, the CPU seconds of the builds and a digest:
two versions of the code that give the same digest on the same archive built the same timelines. With --profile,
a cProfile of the builds (timer: CPU time) goes to OUT.txt.prof. `benchmarks/full_path_cpu.py` prints an archive.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import hashlib
import json
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive")
    parser.add_argument("out")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    from storyline.cluster.embed import embed
    from storyline.store.sqlite import Store
    from storyline.timeline.options import DEFAULT_TIMELINE
    from storyline.timeline.service import articles_for, build_unit

    embed(["warm-up"])
    conn = sqlite3.connect(f"file:{args.archive}?mode=ro", uri=True)
    members: dict[str, list[str]] = {}
    for sid, aid in conn.execute("SELECT story_id, article_id FROM story_assignments ORDER BY story_id, article_id"):
        members.setdefault(sid, []).append(aid)
    store = Store(args.archive, readonly=True)
    items = [(sid, articles_for(store, ids)) for sid, ids in sorted(members.items())]
    build_unit(DEFAULT_TIMELINE, items[:3])
    profile = cProfile.Profile(time.process_time) if args.profile else None
    started = time.process_time()
    if profile is not None:
        profile.enable()
    built = build_unit(DEFAULT_TIMELINE, items)
    if profile is not None:
        profile.disable()
        profile.dump_stats(args.out + ".prof")
    cpu = time.process_time() - started
    lines = [json.dumps(dataclasses.asdict(t) if t is not None else None, sort_keys=True, default=str) for t in built]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print(json.dumps({"stories": len(items), "cpu_s": round(cpu, 2),
                      "digest": hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]}))


if __name__ == "__main__":
    main()
