"""Story detection on a store: assign new articles, rebuild everything, apply and replay user corrections."""

from __future__ import annotations

import logging
import sqlite3
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from ..errors import StorylineError
from ..store import stories as q
from ..store.sqlite import Store
from .embed import embed
from .features import language_fits
from .online import Doc, Placement, StoryClusterer, day_number, lead_text
from .scoring import Weights
from .titles import refresh as refresh_titles

log = logging.getLogger(__name__)
_BATCH = 500
# The clusterer of each open store, with the state of the database it reflects, so that successive
# ingest runs in one process do not replay every stored assignment again.
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass(slots=True)
class ClusterReport:
    """What one clustering run did."""

    assigned: int = 0
    new_stories: int = 0
    new_events: int = 0
    corrections: int = 0
    seconds: float = 0.0
    placements: list[Placement] = field(default_factory=list)
    timelines: dict | None = None  # what the timeline refresh after the run did (RefreshReport.to_dict)
    merged: dict[str, str] = field(default_factory=dict)  # story ids merged away by the run -> the story now
    clusterer: StoryClusterer | None = None  # the clusterer of a run not yet written (internal)

    def to_dict(self) -> dict:
        """The `--json` form of the report."""
        return {"assigned": self.assigned, "new_stories": self.new_stories, "new_events": self.new_events,
                "corrections_replayed": self.corrections, "seconds": round(self.seconds, 3),
                "timelines": self.timelines}


def _tidy(conn: sqlite3.Connection, story_ids: Iterable[str] | None = None,
          clusterer: StoryClusterer | None = None) -> None:
    """Drop empty events and stories, then choose the titles of the stories touched (all, without ids)."""
    story_ids = None if story_ids is None else set(story_ids)
    q.tidy(conn, story_ids)
    centroids = None
    if clusterer is not None and story_ids is not None:
        centroids = {s: clusterer.stories[s].embedding for s in story_ids if s in clusterer.stories}
    refresh_titles(conn, story_ids, centroids)


def _doc(row: sqlite3.Row, vector: np.ndarray | None, langs: dict[str, str | None] | None = None) -> Doc:
    # A language the lemmatiser does not recognise in the text (an Indonesian article detected as Spanish) counts
    # as unknown: the article is compared on names and embeddings, never pooled on shared function words.
    if langs is not None and row["id"] in langs:
        lang = langs[row["id"]]
    else:
        lang = row["lang"] if language_fits(f"{row['title']} {row['text'][:600]}", row["lang"]) else None
    return Doc(row["id"], row["title"], row["text"], lang, day_number(row["published_start"]),
               bool(row["boilerplate"]), row["copy_of"], vector)


def docs_with_embeddings(store: Store, rows: list[sqlite3.Row], weights: Weights | None = None,
                         langs: dict[str, str | None] | None = None) -> list[Doc]:
    """Docs for these article rows, embedding (and storing) the ones not embedded yet (`langs`: the languages
    already decided for some of them)."""
    vectors = q.embeddings(store, [r["id"] for r in rows])
    docs = [_doc(r, vectors.get(r["id"]), langs) for r in rows]
    missing = [d for d in docs if d.embedding is None]
    if missing:
        new = embed([lead_text(d, (weights or Weights()).lead_chars) for d in missing])
        for d, v in zip(missing, new, strict=True):
            d.embedding = v
        if not store.readonly:
            with store.atomic() as conn:
                q.save_embeddings(conn, {d.id: d.embedding for d in missing})
    return docs


def _state(store: Store) -> tuple[int, int]:
    row = store.conn.execute("SELECT (SELECT count(*) FROM story_assignments), "
                             "(SELECT coalesce(max(seq), 0) FROM story_corrections)").fetchone()
    return row[0], row[1]


def clusterer_for(store: Store, weights: Weights | None = None) -> StoryClusterer:
    """The clusterer of this store: the cached one while the database has not changed under it, else restored."""
    cached = _CACHE.get(store)
    if cached is not None and cached[1] == _state(store) and cached[0].weights == weights:
        return cached[0]
    return restore(store, weights)


def restore(store: Store, weights: Weights | None = None) -> StoryClusterer:
    """A clusterer holding the stored assignments (replayed in publication order, nothing re-decided)."""
    clusterer = StoryClusterer(weights)
    for c in q.corrections(store):
        if c["kind"] == "split":
            for a in c["article_ids"][:1]:
                new, old = q.story_of(store, a), c["story_id"]
                if new and old:
                    clusterer.forbid(new[1], old)
    rows = q.assignments(store)
    if not rows:
        return clusterer
    placed = {r["article_id"]: (r["event_id"], r["story_id"]) for r in rows}
    for doc in docs_with_embeddings(store, q.article_rows(store, list(placed)), weights):
        clusterer.add(doc, *placed[doc.id])
    clusterer.untouch()  # replayed stories are as the user left them: the next refinement looks at new ones only
    return clusterer


def assign(store: Store, ids: list[str] | None = None, *, weights: Weights | None = None,
           clusterer: StoryClusterer | None = None,
           on_progress: Callable[[int, int], None] | None = None) -> ClusterReport:
    """Assign articles (these ids, or every unassigned one) to events and stories, in publication order.

    Embeddings are stored batch by batch (work a killed run leaves for the next); the placements of the
    whole run are written in one transaction at its end, so a run is stored whole or not at all, and
    the run that finishes it decides exactly as an uninterrupted one would. `on_progress` hears (articles
    placed, articles to place) after every batch (embeddings and placement).
    """
    report = _place(store, ids, weights, clusterer, on_progress=on_progress)
    if report.assigned:
        with store.atomic() as conn:
            _write(conn, report)
        _CACHE[store] = (report.clusterer, _state(store))
    report.clusterer = None
    return report


def _place(store: Store, ids: list[str] | None, weights: Weights | None,
           clusterer: StoryClusterer | None, *, again: bool = False,
           on_progress: Callable[[int, int], None] | None = None) -> ClusterReport:
    """Decide the placements of a run (storing only embeddings); `_write` stores them."""
    started = time.perf_counter()
    report = ClusterReport()
    if ids is None:
        ids = q.unassigned_ids(store)
    elif not again:
        done = q.assigned_among(store, ids)
        ids = [i for i in dict.fromkeys(ids) if i not in done]
    if not ids:
        return report
    clusterer = clusterer if clusterer is not None else clusterer_for(store, weights)
    _CACHE.pop(store, None)  # the cached clusterer changes now; it is valid again once the run is written
    merged_before = set(clusterer.merged)
    rows = q.article_rows(store, ids)
    # The whole run's terms count in the document frequencies before its first article is placed.
    plain = [_doc(r, None) for r in rows]
    clusterer.learn_terms(plain)
    langs = {d.id: d.lang for d in plain}
    if on_progress is not None:
        on_progress(0, len(rows))
    for start in range(0, len(rows), _BATCH):
        docs = docs_with_embeddings(store, rows[start:start + _BATCH], weights, langs)
        report.placements += [clusterer.learn_one(d) for d in docs]
        clusterer.refine()  # small stories this batch opened or grew may now find their story
        if on_progress is not None:
            on_progress(min(start + _BATCH, len(rows)), len(rows))
    # Small stories linked into others (also stories stored by earlier runs): their rows follow.
    report.merged = {gone: clusterer.resolve(gone) for gone in clusterer.merged if gone not in merged_before}
    for p in report.placements:
        p.story_id = clusterer.resolve(p.story_id)
    report.clusterer = clusterer
    report.assigned = len(report.placements)
    report.new_stories = sum(p.new_story for p in report.placements)
    report.new_events = sum(p.new_event for p in report.placements)
    report.seconds = time.perf_counter() - started
    log.info("cluster: %d articles assigned (%d new stories, %d new events) in %.1fs", report.assigned,
             report.new_stories, report.new_events, report.seconds)
    return report


def _write(conn: sqlite3.Connection, report: ClusterReport) -> None:
    """Store a run's placements and the merges it made (inside the caller's transaction)."""
    placed = report.placements
    for start in range(0, len(placed), _BATCH):
        q.write_assignments(conn, [(p.article_id, p.event_id, p.story_id, p.score, 0) for p in placed[start:start + _BATCH]])
    merged = report.merged
    if merged:
        conn.executemany("UPDATE story_assignments SET story_id = ? WHERE story_id = ?", [(v, k) for k, v in merged.items()])
        conn.executemany("UPDATE events SET story_id = ? WHERE story_id = ?", [(v, k) for k, v in merged.items()])
    _tidy(conn, {p.story_id for p in placed} | set(merged) | set(merged.values()), report.clusterer)


def rebuild(store: Store, *, weights: Weights | None = None,
            on_progress: Callable[[int, int], None] | None = None) -> ClusterReport:
    """Cluster every article again from scratch, then replay the user corrections in order.

    The new stories are decided first (readers still see the old ones), then the old stories are replaced
    by the new and the corrections replayed in one transaction: a reader sees either the old stories or
    the new, never none.
    """
    started = time.perf_counter()
    report = _place(store, [r["id"] for r in q.article_rows(store)], weights, StoryClusterer(weights), again=True,
                    on_progress=on_progress)
    with store.atomic() as conn:
        q.clear(conn)
        _write(conn, report)
        report.corrections = replay_corrections(store)
    _CACHE.pop(store, None)
    if not report.corrections and report.clusterer is not None:
        _CACHE[store] = (report.clusterer, _state(store))
    report.clusterer = None
    report.seconds = time.perf_counter() - started
    return report


# -- corrections ----------------------------------------------------------------------------------


def _need_story(store: Store, story_id: str) -> str:
    found = q.resolve_story(store, story_id)
    if found is None:
        raise StorylineError(f"no story with id {story_id!r}; 'storyline stories' lists them")
    return found


def _need_article(store: Store, article_id: str) -> str:
    row = store.conn.execute("SELECT id FROM articles WHERE id = ? OR (length(?) >= 6 AND id LIKE ? || '%') LIMIT 2",
                             (article_id, article_id, article_id)).fetchall()
    if len(row) != 1:
        raise StorylineError(f"no article with id {article_id!r}; 'storyline articles' lists the ids")
    if q.story_of(store, row[0][0]) is None:
        raise StorylineError(f"article {row[0][0]} is in no story yet; run 'storyline cluster' first")
    return row[0][0]


def _free_id(conn: sqlite3.Connection, table: str, wanted: str) -> str:
    candidate, n = wanted, 1
    while conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (candidate,)).fetchone():
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


def _merge(conn: sqlite3.Connection, keep: str, gone: str) -> None:
    conn.execute("UPDATE story_assignments SET story_id = ?, pinned = 1 WHERE story_id IN (?, ?)", (keep, keep, gone))
    conn.execute("UPDATE events SET story_id = ? WHERE story_id = ?", (keep, gone))


def _split(store: Store, conn: sqlite3.Connection, article_ids: list[str]) -> str:
    ordered = q.article_rows(store, article_ids)
    story = _free_id(conn, "stories", "s" + ordered[0]["id"])
    conn.execute("INSERT INTO stories (id, updated_at) VALUES (?, ?)", (story, q._now()))
    new_events: dict[str, str] = {}
    for row in ordered:
        old_event = q.story_of(store, row["id"])[0]
        if old_event not in new_events:
            new_events[old_event] = _free_id(conn, "events", "e" + row["id"])
            conn.execute("INSERT INTO events (id, story_id) VALUES (?, ?)", (new_events[old_event], story))
        conn.execute("UPDATE story_assignments SET story_id = ?, event_id = ?, pinned = 1 WHERE article_id = ?",
                     (story, new_events[old_event], row["id"]))
    return story


def _move(conn: sqlite3.Connection, article_id: str, story: str) -> None:
    event = _free_id(conn, "events", "e" + article_id)
    conn.execute("INSERT INTO events (id, story_id) VALUES (?, ?)", (event, story))
    conn.execute("UPDATE story_assignments SET story_id = ?, event_id = ?, pinned = 1 WHERE article_id = ?",
                 (story, event, article_id))


def merge_stories(store: Store, keep: str, gone: str) -> str:
    """Merge story `gone` into story `keep`; return the merged story's id."""
    keep, gone = _need_story(store, keep), _need_story(store, gone)
    if keep == gone:
        return keep
    anchors = [q.members(store, keep)[0], q.members(store, gone)[0]]
    with store.atomic() as conn:
        q.add_correction(conn, "merge", anchors, keep, gone)
        _merge(conn, keep, gone)
        _tidy(conn, [keep, gone])
    return keep


def split_story(store: Store, story: str, article_ids: list[str]) -> str:
    """Take these articles out of `story` into a new story of their own; return its id."""
    story = _need_story(store, story)
    ids = [_need_article(store, a) for a in article_ids]
    outside = [a for a in ids if q.story_of(store, a)[1] != story]
    if outside:
        raise StorylineError(f"article {outside[0]} is not in story {story}")
    if len(ids) == len(q.members(store, story)):
        raise StorylineError("a split must leave at least one article in the story")
    with store.atomic() as conn:
        q.add_correction(conn, "split", ids, story)
        new = _split(store, conn, ids)
        _tidy(conn, [story, new])
    return new


def move_article(store: Store, article_id: str, story: str) -> str:
    """Move one article into another story (as an event of its own); return the story id."""
    article_id, story = _need_article(store, article_id), _need_story(store, story)
    anchor = next((a for a in q.members(store, story) if a != article_id), None)
    if anchor is None or q.story_of(store, article_id)[1] == story:
        return story
    old = q.story_of(store, article_id)[1]
    with store.atomic() as conn:
        q.add_correction(conn, "move", [article_id, anchor], story, old)
        _move(conn, article_id, story)
        _tidy(conn, [story, old])
    return story


def replay_corrections(store: Store) -> int:
    """Apply every stored correction again, in order, through its anchor articles; return how many applied."""
    applied = 0
    touched: set[str] = set()
    for c in q.corrections(store):
        ids = c["article_ids"]
        before = {found[1] for found in map(lambda a: q.story_of(store, a), ids) if found}
        with store.atomic() as conn:
            if c["kind"] == "merge":
                a, b = q.story_of(store, ids[0]), q.story_of(store, ids[1])
                if a and b and a[1] != b[1]:
                    _merge(conn, a[1], b[1])
                    applied += 1
            elif c["kind"] == "split":
                present = [i for i in ids if q.story_of(store, i)]
                if present:
                    olds = {q.story_of(store, i)[1] for i in present}
                    _split(store, conn, present)
                    q.tidy(conn, olds)
                    applied += 1
            elif c["kind"] == "move":
                moved, target = q.story_of(store, ids[0]), q.story_of(store, ids[1])
                if moved and target and moved[1] != target[1]:
                    _move(conn, ids[0], target[1])
                    applied += 1
            q.tidy(conn)
        touched |= before | {found[1] for found in map(lambda a: q.story_of(store, a), ids) if found}
    if touched:
        with store.atomic() as conn:
            refresh_titles(conn, touched)
    return applied
