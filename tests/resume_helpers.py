"""A generated corpus with real stories and the subprocess plumbing of the kill and concurrency tests.

Shared by tests/test_resume_stages.py, tests/test_concurrent_ingest.py and benchmarks/kill_trials.py.
The corpus is invented (syllable words, no real text): `topics` affairs, each with its own words and
names and a few weeks of dates, so that clustering makes many stories and a wrong resume shows.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_SYLLABLES = ["ka", "ro", "me", "ti", "van", "del", "ber", "stra", "op", "en", "lo", "ui", "na", "ver", "ge",
              "sch", "aan", "wijk", "dam", "burg", "kel", "ter", "mo", "pa", "zi", "hout", "berg", "veen"]
_COMMON = ("de het een en van in op met voor naar bij over door na tegen zonder onder tussen maar want dus "
           "ook nog al wel niet meer heeft hebben is zijn was waren wordt werd zegt zei volgens donderdag").split()


def _words(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        w = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in taken:
            taken.add(w)
            out.append(w)
    return out


def write_corpus(path: Path, total: int, topics: int = 40, seed: int = 20180612) -> None:
    """`total` articles over `topics` invented affairs, as JSON Lines (ids art-N, one outlet per N mod 7)."""
    rng = random.Random(seed)
    taken: set[str] = set()
    affairs = []
    for _ in range(topics):
        words = _words(rng, 40, taken)
        names = [w.capitalize() for w in _words(rng, 6, taken)]
        start = 16000 + rng.randint(0, 2500)  # days since 1970: 2013-2020
        affairs.append((words, names, start))
    import datetime as dt

    with path.open("w", encoding="utf-8") as out:
        for n in range(total):
            words, names, start = affairs[rng.randrange(topics)]
            body = []
            for _ in range(rng.randint(70, 140)):
                r = rng.random()
                body.append(rng.choice(words) if r < 0.45 else rng.choice(names) if r < 0.6 else rng.choice(_COMMON))
            title = " ".join([rng.choice(names)] + [rng.choice(words) for _ in range(rng.randint(3, 6))])
            day = dt.date(1970, 1, 1) + dt.timedelta(days=start + rng.randint(0, 40))
            record = {"id": f"art-{n}", "title": title.capitalize(), "text": " ".join(body).capitalize() + ".",
                      "published": day.isoformat() if n % 9 else None, "source": f"outlet-{n % 7}", "lang": "nl"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def env() -> dict[str, str]:
    """The environment of a storyline subprocess importing this checkout."""
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), e.get("PYTHONPATH")]))
    e.pop("STORYLINE_DB", None)
    return e


def command(db: Path, *args: str) -> list[str]:
    """`storyline --db DB ARGS` as a subprocess command line."""
    return [sys.executable, "-m", "storyline", "--db", str(db), *args]


def run(db: Path, *args: str, stdin: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a storyline command to its end (standard input from a file, if given); fail on a non-zero exit."""
    with (stdin.open("rb") if stdin else open(os.devnull, "rb")) as fh:
        done = subprocess.run(command(db, *args), stdin=fh, env=env(), capture_output=True, timeout=timeout)
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    return done


def readonly(db: Path) -> sqlite3.Connection | None:
    """A read-only connection to `db`, or None while the file does not exist or cannot be opened yet."""
    if not db.exists():
        return None
    try:
        return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.OperationalError:
        return None


def peek(db: Path, sql: str) -> Any:
    """The first column of the first row of `sql` on a read-only connection, or None when unreadable yet."""
    conn = readonly(db)
    if conn is None:
        return None
    try:
        row = conn.execute(sql).fetchone()
        return row[0] if row else None
    except sqlite3.OperationalError:
        return None
    finally:
        conn.close()


def outcome(db: Path) -> dict[str, Any]:
    """What a finished database holds: articles, duplicates, stories as sets of article-id sets, what waits."""
    conn = sqlite3.connect(db)
    try:
        q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
        stories: dict[str, set[str]] = {}
        for story, article in q("SELECT story_id, article_id FROM story_assignments"):
            stories.setdefault(story, set()).add(article)
        return {
            "articles": {r[0] for r in q("SELECT id FROM articles")},
            "rows": q("SELECT count(*) FROM articles")[0][0],
            "sources": q("SELECT count(*) FROM sources")[0][0],
            "stories": {frozenset(v) for v in stories.values()},
            "story_rows": q("SELECT count(*) FROM stories")[0][0],
            "unanalysed": q("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM article_analysis)")[0][0],
            "unassigned": q("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM story_assignments)")[0][0],
            "timelines_waiting": q("SELECT count(*) FROM timeline_pending")[0][0],
            "stories_without_timeline": q("SELECT count(*) FROM stories WHERE id NOT IN "
                                          "(SELECT story_id FROM story_timelines WHERE max_dates = 0)")[0][0],
            "orphan_timelines": q("SELECT count(*) FROM story_timelines WHERE story_id NOT IN (SELECT id FROM stories)")[0][0],
            "integrity": q("PRAGMA integrity_check")[0][0],
        }
    finally:
        conn.close()
