"""Where the CPU of the full ingest path goes, per stage and per part, with 1 worker (issue 18: speed).

    .venv/bin/python benchmarks/full_path_cpu.py --articles 2000      # needs ../shared/data (DFN)

Input: the DFN development split replicated to --articles (as benchmarks/workers_compare.py). One run of
`storyline.open(db, workers=1).ingest(file, cluster=True)` in this process (models warmed first), with the CPU
time (`time.process_time`, no profiler) of the main parts of each stage added up: the functions listed in
PARTS are wrapped where the path calls them. Parts nest (a part of the timelines stage lies inside "timelines:
build"), so they do not add up to the total; the stage lines do. Prints JSON: CPU seconds and milliseconds per
article, per stage and per part. Run it with 1 worker only: the wrapped functions cannot be sent to workers.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

# (module where the path looks the function up, name, label)
PARTS = [
    ("storyline.ingest.pipeline", "prepare_unit", "store: clean, date, language, fingerprints"),
    ("storyline.store.sqlite", "Store.add_batch", "store: SQLite writes of the articles"),
    ("storyline.text.analyse", "extract_entities", "text stage: entities (tokens, names)"),
    ("storyline.text.analyse", "extract_time_mentions", "text stage: time expressions"),
    ("storyline.store.annotations", "save_annotations", "text stage: SQLite writes"),
    ("storyline.cluster.assign", "features_unit", "stories: languages and terms (per article)"),
    ("storyline.cluster.assign", "embed_unit", "stories: embeddings (per article)"),
    ("storyline.cluster.online", "StoryClusterer.learn_one", "stories: placing each article (sequential)"),
    ("storyline.cluster.online", "StoryClusterer.refine", "stories: refining small stories (sequential)"),
    ("storyline.cluster.assign", "_write", "stories: SQLite writes of the placements, titles"),
    ("storyline.timeline.service", "articles_for", "timelines: reading the stories' articles"),
    ("storyline.timeline.service", "build_unit", "timelines: build"),
    ("storyline.timeline.build", "prepare", "timelines: build: sentences and their dates (per article)"),
    ("storyline.timeline.prepare", "tag_sentence", "timelines: build: time expressions per sentence"),
    ("storyline.timeline.prepare", "attribute", "timelines: build: event date of each sentence"),
    ("storyline.timeline.prepare", "unglue", "timelines: build: glued headlines"),
]


def cpu_timed(fn: Callable[..., Any], label: str, spent: dict[str, float]) -> Callable[..., Any]:
    """`fn`, adding the CPU seconds of this process it spends to `spent[label]`."""
    @functools.wraps(fn)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.process_time() - started
    return timed


def instrument(spent: dict[str, float]) -> None:
    """Wrap every function of PARTS where the path looks it up."""
    for module_name, name, label in PARTS:
        owner: Any = importlib.import_module(module_name)
        if "." in name:
            cls, name = name.split(".")
            owner = getattr(owner, cls)
        setattr(owner, name, cpu_timed(getattr(owner, name), label, spent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    from workers_compare import warm_input

    work, data, total = warm_input(args.articles, "storyline-cpu-")
    import os

    import storyline
    spent: dict[str, float] = {}
    instrument(spent)
    marks: dict[str, float] = {}

    def stage(name: str, done: int, total: int | None) -> None:
        marks.setdefault(name, time.process_time())

    load = os.getloadavg()
    started, wall = time.process_time(), time.perf_counter()
    with storyline.open(work / "cpu.db", workers=1) as archive:
        report = archive.ingest(data, cluster=True, stage_progress=stage)
    ended = time.process_time()
    order = ["entities and dates", "embeddings and stories", "timelines"]
    points = [("store", started)] + [(n, marks[n]) for n in order if n in marks] + [("end", ended)]
    n = max(1, report.accepted)
    stages = {a: {"cpu_s": round(tb - ta, 2), "ms_per_article": round(1000 * (tb - ta) / n, 2)}
              for (a, ta), (_, tb) in zip(points, points[1:], strict=False)}
    parts = {label: {"cpu_s": round(spent.get(label, 0.0), 2), "ms_per_article": round(1000 * spent.get(label, 0.0) / n, 2)}
             for _, _, label in PARTS}
    print(json.dumps({"articles": total, "accepted": report.accepted, "db": str(work / "cpu.db"), "cpu_s": round(ended - started, 2),
                      "ms_per_article": round(1000 * (ended - started) / n, 2),
                      "wall_s": round(time.perf_counter() - wall, 1), "load_average_before": [round(x, 1) for x in load],
                      "stages": stages, "parts": parts}, indent=1))


if __name__ == "__main__":
    main()
