"""Progress bars (issue 20): on a terminal every long stage counts up to a total on standard error; --json output
stays clean and --quiet silences them. Runs the CLI with standard error on a pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

from storyline.data import sample_articles_dir

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _run_on_tty(*args: str) -> tuple[str, str, int]:
    """(stdout, what the terminal on standard error showed, exit status) of `storyline ARGS`."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    proc = subprocess.Popen([sys.executable, "-m", "storyline", *args], stdout=subprocess.PIPE, stderr=slave,
                            stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    shown = bytearray()
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        elif proc.poll() is not None:
            break
    out = proc.stdout.read().decode() if proc.stdout else ""
    proc.wait(timeout=60)
    os.close(master)
    return out, ANSI.sub("", shown.decode("utf-8", "replace")), proc.returncode


def _counts(screen: str) -> dict[str, set[str]]:
    """Stage name -> every "done/total" its bar showed."""
    found: dict[str, set[str]] = {}
    for frame in re.split(r"[\r\n]", screen):
        m = re.search(r"([a-z][a-z ]+?)\s*[━╸╺ ]*\s+(\d+)/(\d+|\?)", frame)
        if m:
            found.setdefault(m.group(1).strip(), set()).add(f"{m.group(2)}/{m.group(3)}")
    return found


def test_ingest_shows_a_total_for_every_stage_and_json_stays_clean(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    out, screen, status = _run_on_tty("--db", db, "ingest", str(sample_articles_dir()))
    assert status == 0, screen
    counts = _counts(screen)
    for stage in ("reading", "entities and dates", "embeddings and stories", "timelines"):
        assert stage in counts, f"no bar for {stage!r}: {sorted(counts)}"
        assert not any(c.endswith("/?") for c in counts[stage]), (stage, counts[stage])
    assert "stories (" in out and "done in" in out  # the summary goes to standard output
    out, screen, status = _run_on_tty("--db", db, "export", "--all", "--format", "html", "--out",
                                      str(tmp_path / "r.html"))
    assert status == 0 and "stories" in _counts(screen), screen
    total = {c.split("/")[1] for c in _counts(screen)["stories"]}
    assert len(total) == 1 and "?" not in total
    out, screen, status = _run_on_tty("--db", db, "cluster", "--rebuild", "--json")
    assert status == 0 and json.loads(out)["assigned"] > 0
    assert _counts(screen) == {}, screen  # --json: no bars
    out, screen, status = _run_on_tty("--db", db, "cluster", "--rebuild", "-q")
    assert status == 0 and "assigned" in out and _counts(screen) == {}, screen
