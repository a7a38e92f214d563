"""Writing exports to disk (the only part of storyline.export that does I/O besides reading the archive).

``storyline export --all`` layout: html, json and csv give one file (the report; a JSON array of
story documents; one CSV with a row per article of every story); markdown and timelinejs give a
directory with one file per story (``story-<id>.md`` plus ``index.md``; ``story-<id>.timeline.json``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import StorylineError
from . import FORMATS
from .text import markdown_index

log = logging.getLogger(__name__)
SINGLE_FILE_NAME = "stories"  # file name used when --all of a one-file format is pointed at a directory


def write_text(path: Path, text: str) -> Path:
    """Write `text` as UTF-8 exactly as given (no newline translation), creating parent folders."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except OSError as exc:
        raise StorylineError(f"cannot write {path}: {exc.strerror or exc}; choose another --out") from exc
    return path


def write_story(doc: dict[str, Any], fmt: str, out: Path) -> Path:
    """One story's export at `out` (a file, or an existing directory to put ``story-<id>.<ext>`` in)."""
    target = out / FORMATS[fmt].filename(doc["id"]) if out.is_dir() else out
    return write_text(target, FORMATS[fmt].one(doc))


def write_all(docs: Sequence[dict[str, Any]], fmt: str, out: Path) -> list[Path]:
    """Every story's export: one file for html, json and csv; a directory of files for markdown and timelinejs."""
    spec = FORMATS[fmt]
    if spec.many is not None:
        target = out / f"{SINGLE_FILE_NAME}{spec.extension}" if out.is_dir() else out
        return [write_text(target, spec.many(docs))]
    if out.exists() and not out.is_dir():
        raise StorylineError(f"--out {out} is a file, but --all --format {fmt} writes one file per story into a "
                             f"directory; give a directory path")
    written = [write_text(out / spec.filename(doc["id"]), spec.one(doc)) for doc in docs]
    if fmt == "markdown":
        written.append(write_text(out / "index.md", markdown_index(docs, spec.filename)))
    log.info("wrote %d files into %s", len(written), out)
    return written
