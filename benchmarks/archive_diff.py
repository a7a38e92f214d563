"""Whether two archives built from the same input hold the same results (issue 18: speed work that must not change them).

    .venv/bin/python benchmarks/archive_diff.py A.db B.db

Compares, order-independently, the articles (id, sequence, date, language), the story placements (article, event,
story, score, pinned; not the time of placement), the stories, events, entities, time mentions, embeddings and
stored timelines (the timeline JSON; not the signature, which holds the code version, nor the build time).
Prints one line per table (rows, a digest of each side, SAME or DIFF) and the stories whose timelines differ;
exits 1 when anything differs. `benchmarks/full_path_cpu.py` prints the path of the archive it built ("db").
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys

QUERIES = {
    "articles": "SELECT id, seq, published, lang FROM articles ORDER BY id",
    "placements": "SELECT article_id, event_id, story_id, score, pinned FROM story_assignments ORDER BY article_id",
    "stories": "SELECT id, title FROM stories ORDER BY id",
    "events": "SELECT * FROM events ORDER BY 1",
    "entities": "SELECT * FROM article_entities ORDER BY 1, 2, 3",
    "time mentions": "SELECT * FROM article_time_mentions ORDER BY 1, 2, 3",
    "embeddings": "SELECT * FROM article_embeddings ORDER BY 1",
}


def digests(path: str) -> tuple[dict[str, tuple[int, str]], dict[str, str]]:
    """(table name -> (rows, digest), story id -> stored timeline JSON) of one archive."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {}
    for name, query in QUERIES.items():
        rows = conn.execute(query).fetchall()
        out[name] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()[:12])
    timelines = dict(conn.execute("SELECT story_id, timeline FROM story_timelines WHERE max_dates = 0").fetchall())
    out["timelines"] = (len(timelines), hashlib.sha256(repr(sorted(timelines.items())).encode()).hexdigest()[:12])
    return out, timelines


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    (a, ta), (b, tb) = digests(sys.argv[1]), digests(sys.argv[2])
    for name in a:
        print(f"{name:14} {a[name][0]:>7} {a[name][1]}  {b[name][0]:>7} {b[name][1]}  {'SAME' if a[name] == b[name] else 'DIFF'}")
    differing = sorted(s for s in set(ta) | set(tb) if ta.get(s) != tb.get(s))
    print("timelines that differ:", ", ".join(differing) or "none")
    sys.exit(1 if differing or a != b else 0)


if __name__ == "__main__":
    main()
