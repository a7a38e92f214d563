"""Kill trials: SIGINT and SIGKILL at each stage of an ingest, then the rerun, against an uninterrupted run.

Usage (from the project root):

    .venv/bin/python benchmarks/kill_trials.py --trials 10 --articles 700

For each stage (storing, analysing, clustering) and signal (SIGINT, SIGKILL), `--trials` times: an ingest of
a generated corpus (tests/resume_helpers.py: invented affairs, no real text) read from standard input is
interrupted at that stage (storing: after a random 510..N lines were fed and a batch committed; analysing:
once the text stage stored a batch; clustering: a random 0-1.5 s into story assignment), then finished
by a rerun (the same ingest; after SIGKILL past storing, `analyse` or `cluster`), and the database is
compared with a clean run: articles lost, duplicates, articles waiting for a stage, stories (sets of
article-id sets) equal or not. Prints one JSON line per trial and a table at the end.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.resume_helpers import outcome, run, write_corpus  # noqa: E402
from tests.test_resume_stages import RESUME, check_interrupted, interrupt  # noqa: E402

SIGNALS = {"SIGINT": signal.SIGINT, "SIGKILL": signal.SIGKILL}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--articles", type=int, default=700)
    parser.add_argument("--stages", default="storing,analysing,clustering")
    parser.add_argument("--signals", default="SIGINT,SIGKILL")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    results: dict[tuple[str, str], list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        write_corpus(corpus, args.articles, topics=30)
        started = time.perf_counter()
        run(folder / "clean.db", "ingest", "-", "--json", stdin=corpus)
        clean = outcome(folder / "clean.db")
        print(json.dumps({"clean_run_seconds": round(time.perf_counter() - started, 1),
                          "stories": len(clean["stories"])}), flush=True)
        # Trial-major order: a run cut short still covers every stage and signal.
        cases = [(stage, name) for stage in args.stages.split(",") for name in args.signals.split(",")]
        for trial in range(args.trials):
            for stage, name in cases:
                sig = SIGNALS[name]
                db = folder / f"{stage}-{name}-{trial}.db"
                row = {"stage": stage, "signal": name, "trial": trial}
                done = None
                try:
                    t0 = time.perf_counter()
                    done = interrupt(db, corpus, stage, sig, rng, first=rng.randint(510, args.articles - 1))
                    row["exit"] = done.returncode
                    check_interrupted(done, sig)
                    row["stored_at_kill"] = outcome(db)["rows"]
                    resume = RESUME[(stage, sig)]
                    run(db, *resume, stdin=corpus if "-" in resume else None)
                    got = outcome(db)
                    row |= {"lost": len(clean["articles"] - got["articles"]),
                            "duplicates": got["rows"] - len(got["articles"]),
                            "outside_stages": got["unanalysed"] + got["unassigned"],
                            "timelines_waiting": got["timelines_waiting"] + got["stories_without_timeline"],
                            "same_stories": got["stories"] == clean["stories"],
                            "seconds": round(time.perf_counter() - t0, 1)}
                except BaseException as exc:  # noqa: BLE001 - a failed trial is reported, not fatal
                    if isinstance(exc, KeyboardInterrupt):
                        raise
                    row["error"] = f"{type(exc).__name__}: {str(exc)[:300]}"
                    if done is not None:
                        row["stderr"] = done.stderr.decode(errors="replace")[-1500:]
                        row["stdout"] = done.stdout.decode(errors="replace")[-300:]
                finally:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{db}{suffix}").unlink(missing_ok=True)
                print(json.dumps(row), flush=True)
                results.setdefault((stage, name), []).append(row)
    print("\n| stage | signal | trials | errors | lost | duplicates | outside stages | same stories |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (stage, name), rows in results.items():
        ok = [r for r in rows if "error" not in r]
        print(f"| {stage} | {name} | {len(rows)} | {len(rows) - len(ok)} | {sum(r['lost'] for r in ok)} | "
              f"{sum(r['duplicates'] for r in ok)} | {sum(r['outside_stages'] + r['timelines_waiting'] for r in ok)} | "
              f"{sum(r['same_stories'] for r in ok)}/{len(ok)} |")


if __name__ == "__main__":
    main()
