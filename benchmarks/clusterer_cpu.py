"""CPU of the clusterer's own work, the serial part of `--workers N`, on an archive built before (issue 18: speed).

    PYTHONHASHSEED=0 nice -n 19 dev-python benchmarks/clusterer_cpu.py ARCHIVE.db --rounds 3

ARCHIVE.db: an archive whose articles have their embeddings stored (the "db" that benchmarks/parent_cpu.py or
full_path_cpu.py prints). Each round copies it and runs `storyline.cluster.assign.rebuild` on the copy in this
process (`Pool(1)`): every article placed again in publication order, as `ingest` places a run. The CPU time
(`time.process_time`) of the whole rebuild less that of `features_unit` (the per-article languages and terms,
which `--workers N` computes in the workers) is the work that stays in the main process, whatever N: placing,
refining, reading and writing. Prints it per article for each round, and a digest of the placements (article,
event, story, score), which must be the same for two versions of the code that claim the same results. Less
noisy than a whole ingest on a shared machine: it measures only the part in question, several times.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import storyline
    assign = importlib.import_module("storyline.cluster.assign")
    from full_path_cpu import cpu_timed

    from storyline.workers import Pool

    spent = {"features_unit": 0.0}
    assign.features_unit = cpu_timed(assign.features_unit, "features_unit", spent)
    work = Path(tempfile.mkdtemp(prefix="storyline-clusterer-"))
    rounds = []
    for r in range(args.rounds):
        db = work / f"r{r}.db"
        shutil.copy(args.archive, db)
        spent["features_unit"] = 0.0
        with storyline.open(db, workers=1) as archive:
            started = time.process_time()
            report = assign.rebuild(archive.store, weights=archive.settings.cluster, pool=Pool(1))
            total = time.process_time() - started
        digest = hashlib.sha256(json.dumps(sorted((p.article_id, p.event_id, p.story_id, p.score)
                                                  for p in report.placements)).encode()).hexdigest()[:12]
        n = max(1, report.assigned)
        rounds.append({"articles": report.assigned, "cpu_s": round(total, 2),
                       "features_unit_ms": round(1000 * spent["features_unit"] / n, 2),
                       "main_process_ms_per_article": round(1000 * (total - spent["features_unit"]) / n, 2),
                       "placements_digest": digest})
        print(json.dumps(rounds[-1]), flush=True)
        db.unlink()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
