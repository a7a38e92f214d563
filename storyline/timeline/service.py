"""Stored timelines kept up to date: which stories are stale, rebuilding them, reading one (stored or built).

A story's timeline is stored with a signature of what it was built from: its member articles (id, seq,
publication date, language, number of sources), the size asked for and the version of the timeline
code. After anything that can change stories (ingest with clustering, `cluster`, merge, split, move)
`refresh` compares every story's current signature with the stored one and rebuilds only the stories
that differ; rows of stories that no longer exist are dropped, or renamed when the same articles now
form a story with another id. A read (`get`) serves the stored row when its signature still matches
and otherwise builds, storing the result when the archive is writable.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..models import Timeline
from ..store import progress
from ..store import timelines as rows
from ..store.listing import article_positions
from ..store.sqlite import Store
from ..workers import Job, Pool
from .build import build_timeline
from .options import DEFAULT_TIMELINE, TimelineOptions

if TYPE_CHECKING:
    from .abstractive import SummaryConfig

log = logging.getLogger(__name__)
# Bump when the stored form changes; edits to the timeline code are caught by `code_version` anyway.
BUILD_VERSION = "2"
# The modules whose code decides what a timeline holds: a change to any of them makes every row stale.
# A package stands for all its modules (the time tagger, storyline.text.timex, with its grammar and resolver).
_CODE = ("storyline.timeline.build", "storyline.timeline.dates", "storyline.timeline.event_*",
         "storyline.timeline.fallback", "storyline.text.guard",
         "storyline.timeline.prepare", "storyline.timeline.rank", "storyline.timeline.select",
         "storyline.timeline.style", "storyline.timeline.undated", "storyline.timeline.vectors",
         "storyline.text.sentences", "storyline.text.timex", "storyline.text.glued", "storyline.text.verbs")


@cache
def code_version() -> str:
    """BUILD_VERSION, the package version and a hash of the timeline code (computed once per process)."""
    digest = hashlib.sha256(f"{BUILD_VERSION}|{__version__}".encode())
    for name in _CODE:
        for path in code_files(name):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{BUILD_VERSION}-{digest.hexdigest()[:16]}"


def code_files(name: str) -> list[Path]:
    """The source files of a module, of a package (all of it), or of "package.prefix*" (its modules so named)."""
    import importlib.util

    module, _, prefix = name[:-1].rpartition(".") if name.endswith("*") else (name, "", "")
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.origin or not Path(spec.origin).is_file():
        return []
    origin = Path(spec.origin)
    if name.endswith("*"):
        return sorted(origin.parent.glob(f"{prefix}*.py"))
    return sorted(origin.parent.rglob("*.py")) if origin.name == "__init__.py" else [origin]


def signature(members: list[rows.Member], max_dates: int | None = None,
              options: TimelineOptions = DEFAULT_TIMELINE) -> str:
    """The signature of a timeline built from these members at this size with these settings."""
    settings = options.key()  # "" for the defaults: their signatures are those of the code alone
    digest = hashlib.sha256(f"{code_version()}|{max_dates or 0}{'|' + settings if settings else ''}".encode())
    for article_id, seq, published, lang, n_sources in sorted(members):
        digest.update(f"\n{article_id}\t{seq}\t{published or ''}\t{lang or ''}\t{n_sources}".encode())
    return digest.hexdigest()


def articles_for(store: Store, article_ids: list[str]) -> list[dict[str, Any]]:
    """The articles as `build_timeline` reads them, each with `sources`: outlet, else URL, else file name."""
    order = article_positions(store, article_ids)
    found = []
    for article_id in sorted(order, key=order.__getitem__):  # publication order, undated last, as stories list them
        article = store.article(article_id)
        if article is None:
            continue
        article["sources"] = [d.get("outlet") or d.get("url") or Path(d["location"]).name
                              for d in article["source_details"]]
        found.append(article)
    return found


def build(store: Store, members: list[rows.Member], max_dates: int | None = None,
          options: TimelineOptions = DEFAULT_TIMELINE) -> Timeline:
    """Build the timeline of these member articles (in publication order, as stories list them)."""
    return build_timeline(articles_for(store, [m[0] for m in members]), max_dates=max_dates, timeline=options)


@dataclass(slots=True)
class Found:
    """A story's timeline as `get` found it: from the store, or just built."""

    story_id: str
    timeline: Timeline
    signature: str
    max_dates: int | None
    stored: bool          # served from a stored row whose signature matched
    saved: bool = False   # built now and stored
    abstract: str | None = None
    abstract_key: str | None = None


def get(store: Store, story_id: str, max_dates: int | None = None,
        options: TimelineOptions = DEFAULT_TIMELINE) -> Found:
    """A story's timeline: the stored one when it is current, else built (and stored when the store is writable)."""
    members = rows.members(store, [story_id]).get(story_id, [])
    sig = signature(members, max_dates, options)
    table = rows.has_table(store)
    if table:
        row = rows.load(store, story_id, max_dates or 0)
        if row is not None and row.signature == sig:
            return Found(story_id, row.timeline, sig, max_dates, True, False, row.abstract, row.abstract_key)
    started = time.perf_counter()
    timeline = build(store, members, max_dates, options)
    found = Found(story_id, timeline, sig, max_dates, False)
    if table and not store.readonly:
        with store.atomic() as conn:
            rows.save(conn, story_id, max_dates or 0, sig, timeline, time.perf_counter() - started)
        found.saved = True
    return found


def with_abstract(store: Store, found: Found, config: SummaryConfig) -> Timeline:
    """The timeline with an abstractive summary: the stored one made with the same settings, else a new one.

    On any failure of the model server the extractive timeline comes back unchanged (a warning is logged).
    """
    from .abstractive import summarise

    if found.abstract and found.abstract_key == config.key:
        return replace(found.timeline, abstract=found.abstract)
    text = summarise(found.timeline, config)
    if text is None:
        return replace(found.timeline, abstract=None)
    if rows.has_table(store) and not store.readonly and (found.stored or found.saved):
        with store.atomic() as conn:
            rows.save_abstract(conn, found.story_id, found.max_dates or 0, found.signature, text, config.key)
    return replace(found.timeline, abstract=text)


@dataclass(slots=True)
class RefreshReport:
    """What one refresh did."""

    built: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # old story id -> new
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"built": len(self.built), "renamed": len(self.renamed), "removed": len(self.removed),
                "unchanged": self.unchanged, "failed": list(self.failed), "seconds": round(self.seconds, 3)}


def stale(store: Store, options: TimelineOptions = DEFAULT_TIMELINE
          ) -> tuple[dict[str, list[rows.Member]], dict[str, str], list[str]]:
    """(stale stories with their members, their current signatures, ids of stored rows whose story is gone)."""
    current = rows.members(store)
    stored = rows.signatures(store)
    sigs = {sid: signature(m, options=options) for sid, m in current.items()}
    behind = {sid: current[sid] for sid, sig in sigs.items() if stored.get(sid) != sig}
    gone = sorted({*stored, *rows.orphans(store)} - set(current))
    return behind, sigs, gone


def build_unit(options: TimelineOptions, items: list[tuple[str, list[dict[str, Any]]]]) -> list[Timeline | None]:
    """The timelines of a unit of stories (id, member articles in publication order): a worker's task.

    A story whose timeline cannot be built gets None (a warning says why); it is built when read."""
    out: list[Timeline | None] = []
    for sid, articles in items:
        try:
            out.append(build_timeline(articles, timeline=options))
        except Exception:
            log.warning("could not build the timeline of story %s; it will be built when read", sid, exc_info=True)
            out.append(None)
    return out


def _not_built(item: tuple[str, list[dict[str, Any]]], detail: str) -> None:
    log.warning("could not build the timeline of story %s (%s); it will be built when read", item[0], detail)
    return None


def refresh(store: Store, options: TimelineOptions = DEFAULT_TIMELINE, pool: Pool | None = None,
            on_progress: Callable[[int, int], None] | None = None) -> RefreshReport:
    """Rebuild the stored timelines of the stories that changed (or were built with other `options`); drop (or
    rename) the rows of vanished stories. `pool`: worker processes that build them (default: this process).
    `on_progress` hears (timelines built, timelines to build) as the builds go."""
    started = time.perf_counter()
    report = RefreshReport()
    if store.readonly or not rows.has_table(store):
        return report
    behind, sigs, gone = stale(store, options)
    report.unchanged = len(sigs) - len(behind)
    stored = rows.signatures(store)
    by_signature = {stored[g]: g for g in gone if g in stored}
    with store.atomic() as conn:
        for sid in sorted(behind):
            old = by_signature.pop(sigs[sid], None)
            if old is not None:  # the same articles under a new story id: keep the built timeline
                rows.rename(conn, old, sid)
                report.renamed[old] = sid
            else:
                rows.delete(conn, [sid])
        report.removed = sorted(set(gone) - set(report.renamed))
        rows.delete(conn, report.removed)
    todo = sorted(set(behind) - set(report.renamed.values()))
    pool = pool or Pool(1)
    ahead: deque[tuple[list[str], Job, float]] = deque()
    done = 0

    def save(sids: list[str], job: Job, t0: float) -> None:
        nonlocal done
        built = job.result()
        seconds = (time.perf_counter() - t0) / max(1, len(sids))
        for sid, timeline in zip(sids, built, strict=True):
            if timeline is None:  # a bad story must not stop the others, nor the ingest that called us
                report.failed.append(sid)
                continue
            with store.atomic() as conn:
                rows.save(conn, sid, 0, sigs[sid], timeline, seconds)
                if progress.has_tables(store):
                    progress.clear_timeline_pending(conn, [sid])
            report.built.append(sid)
        done += len(sids)
        if on_progress is not None:
            on_progress(done, len(todo))

    if on_progress is not None:
        on_progress(0, len(todo))
    # The timelines are built in the pool's workers for a large refresh (the stories' articles are read here,
    # a window of stories at a time, one window ahead), and stored here.
    window = 4 * pool.unit
    for start in range(0, len(todo), window):
        sids = todo[start:start + window]
        items = [(sid, articles_for(store, [m[0] for m in behind[sid]])) for sid in sids]
        ahead.append((sids, pool.submit(partial(build_unit, options), items, _not_built, expected=len(todo)),
                      time.perf_counter()))
        if len(ahead) > 1:
            save(*ahead.popleft())
    while ahead:
        save(*ahead.popleft())
    if progress.has_tables(store):  # what this refresh looked at is current now, except what failed to build
        with store.atomic() as conn:
            progress.clear_timeline_pending(conn, sorted((set(sigs) | set(gone)) - set(report.failed)), vanished=True)
    report.seconds = time.perf_counter() - started
    if report.built or report.removed or report.renamed:
        log.info("timelines: %d built, %d renamed, %d removed, %d unchanged in %.1fs", len(report.built),
                 len(report.renamed), len(report.removed), report.unchanged, report.seconds)
    return report
