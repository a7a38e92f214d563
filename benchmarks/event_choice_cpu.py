"""CPU of choosing the event of a dated (or, with `undated`, an undated) article in a story of N events: the loop over
every event against the story's date-range arrays (storyline.cluster.spans); the same event must come out.

    .venv/bin/python benchmarks/event_choice_cpu.py [undated]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storyline.cluster import online  # noqa: E402
from storyline.cluster.online import Doc, StoryClusterer  # noqa: E402
from storyline.cluster.scoring import Weights  # noqa: E402
from storyline.cluster.state import Cluster, Features  # noqa: E402


def main() -> None:
    undated = len(sys.argv) > 1 and sys.argv[1] == "undated"
    repeat = 20 if undated else 200
    w = Weights(retire_after_days=None, retire_events_after_days=None)
    for n in (500, 2000, 8000):
        c = StoryClusterer(w)
        story = Cluster("s", 0)
        c.stories["s"] = story
        rng = np.random.default_rng(1)
        for i in range(n):  # an event every half day
            e = Cluster(f"e{i}", i + 1, lemmas={"brand": 1.0}, lemmas_sq=1.0,
                        embedding=rng.random(512, dtype=np.float32), first=16000.0 + i * 0.5,
                        last=16000.0 + i * 0.5, parent="s")
            c.events[e.id] = e
            story.children.append(e.id)
        f = Features({"brand": 1.0}, {}, rng.random(512, dtype=np.float32))
        doc = Doc("x", "t", "t", "nl", None if undated else 16000.0 + n * 0.25)
        out = {}
        for name, start in (("loop", 10**9), ("arrays", 32)):
            online._SPANS_FROM = start
            c._best_event(doc, f, story)
            t = time.process_time()
            for _ in range(repeat):
                chosen = c._best_event(doc, f, story)
            out[name] = (round((time.process_time() - t) / repeat * 1000, 3), chosen)
        assert out["loop"][1] == out["arrays"][1]
        print(f"{n} events: ms CPU per choice (event chosen)", out)


if __name__ == "__main__":
    main()
