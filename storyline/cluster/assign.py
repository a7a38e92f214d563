"""Story detection on a store: assign new articles, rebuild everything, apply and replay user corrections."""

from __future__ import annotations

import logging
import sqlite3
import time
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from ..errors import Reasons, StorylineError, describe_exception
from ..store import corrections
from ..store import stories as q
from ..store.retired import RetiredStories
from ..store.sqlite import Store
from ..workers import Job, Pool
from .blas import one_thread
from .embed import DIM, embed_unit
from .features import language_fits, same_headline
from .online import Doc, Placement, StoryClusterer, day_number, lead_text
from .retire import MemoryVault
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
        centroids = {s: c for s in story_ids if (c := clusterer.centroid(s)) is not None}
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
                         langs: dict[str, str | None] | None = None, pool: Pool | None = None) -> list[Doc]:
    """Docs for these article rows, embedding (and storing) the ones not embedded yet (`langs`: the languages
    already decided for some of them; `pool`: worker processes for the embeddings)."""
    return next(_embedded(store, [rows], weights, langs, pool or Pool(1)))


def _embedded(store: Store, batches: Iterable[list[sqlite3.Row]], weights: Weights | None,
              langs: dict[str, str | None] | None, pool: Pool, expected: int = 0) -> Iterator[list[Doc]]:
    """The docs of each batch of rows, with embeddings: the missing ones computed in `pool` (one batch ahead
    while the caller places the one before) and stored before the batch is given out."""
    lead = (weights or Weights()).lead_chars
    ahead: deque[tuple[list[Doc], list[Doc], Job | None]] = deque()

    def give(docs: list[Doc], missing: list[Doc], job: Job | None) -> list[Doc]:
        if job is not None:
            fresh = {}
            for d, v in zip(missing, job.result(), strict=True):
                d.embedding = v if v is not None else np.zeros(DIM, dtype=np.float32)
                if v is not None:
                    fresh[d.id] = v
            if fresh and not store.readonly:
                with store.atomic() as conn:
                    q.save_embeddings(conn, fresh)
        return docs

    copy_share, report_chars = (weights or Weights()).copy_headline, (weights or Weights()).copy_report_chars
    for rows in batches:
        vectors = q.embeddings(store, [r["id"] for r in rows])
        docs = [_doc(r, vectors.get(r["id"]), langs) for r in rows]
        if copy_share:
            _check_copies(store, docs, copy_share, report_chars)
        missing = [d for d in docs if d.embedding is None]
        job = pool.submit(embed_unit, [lead_text(d, lead) for d in missing], _no_vector,
                          expected=max(expected, len(missing))) if missing else None
        ahead.append((docs, missing, job))
        if len(ahead) > 1:
            yield give(*ahead.popleft())
    while ahead:
        yield give(*ahead.popleft())


def _check_copies(store: Store, docs: list[Doc], share: float, report_chars: int) -> None:
    """A near-duplicate keeps its ``copy_of`` (it joins its original's event directly) only when the two headlines
    share `share` of their words (`features.same_headline`) or both texts are reports of `report_chars` or more
    (a syndicated report under a new headline); else it is placed like any article: two short pages whose text is
    one video player's or one site's furniture are not one report."""
    copies = [d for d in docs if d.copy_of]
    if copies:
        originals = {r["id"]: r for r in q.article_rows(store, [d.copy_of for d in copies if d.copy_of])}
        for d in copies:
            original = originals.get(d.copy_of or "")
            if original is None or min(len(d.text), len(original["text"])) >= report_chars:
                continue
            if not same_headline(d.title, original["title"], d.lang, share):
                d.copy_of = None


def _no_vector(text: str, detail: str) -> None:
    log.warning("%s", Reasons.format("R191", article_id=f"with lead {text[:60]!r}", detail=detail,
                                       what="an embedding (it is compared on its words only)"))
    return None


Headline = tuple[list[str], list[str]]  # `StoryClusterer.headline`: persons, and the headline's names with them


def features_unit(weights: Weights | None, items: list[tuple[str, str, str, str | None, bool]]
                  ) -> list[tuple[str | None, list[str], list[str], list[str], list[str]]]:
    """(language, lemma terms, name terms, headline persons, headline names) of a unit of articles (id, title, text,
    stored language, boilerplate): a worker's task, the per-article part of story detection (see
    `StoryClusterer.terms` and `StoryClusterer.headline`), so that the clusterer's process only places."""
    clusterer = StoryClusterer(weights)
    out: list[tuple[str | None, list[str], list[str], list[str], list[str]]] = []
    for article_id, title, text, lang, boilerplate in items:
        fits = lang if language_fits(f"{title} {text[:600]}", lang) else None
        doc = Doc(article_id, title, text, fits, None, boilerplate)
        try:
            lemmas, names = clusterer.terms(doc)
            persons, title_names = clusterer.headline(doc)
        except Exception as exc:  # one article never stops the stage: it is compared on its embedding only
            log.warning("%s", Reasons.format("R191", article_id=article_id, detail=describe_exception(exc),
                                               what="its words (it is compared on its embedding only)"))
            lemmas, names, persons, title_names = [], [], [], []
        out.append((fits, lemmas, names, persons, title_names))
    return out


def _no_features(item: tuple[str, str, str, str | None, bool], detail: str
                 ) -> tuple[None, list[str], list[str], list[str], list[str]]:
    log.warning("%s", Reasons.format("R191", article_id=item[0], detail=detail,
                                       what="its words (it is compared on its embedding only)"))
    return None, [], [], [], []


def _run_features(rows: list[sqlite3.Row], weights: Weights | None, pool: Pool
                  ) -> tuple[dict[str, str | None], dict[str, tuple[list[str], list[str]]], dict[str, Headline]]:
    """The languages, terms and headlines' persons of a run's articles, computed in `pool`."""
    items = [(r["id"], r["title"], r["text"], r["lang"], bool(r["boilerplate"])) for r in rows]
    found = pool.map(partial(features_unit, weights), items, _no_features)
    return ({r["id"]: f[0] for r, f in zip(rows, found, strict=True)},
            {r["id"]: (f[1], f[2]) for r, f in zip(rows, found, strict=True)},
            {r["id"]: (f[3], f[4]) for r, f in zip(rows, found, strict=True)})


def _state(store: Store) -> tuple[int, int]:
    return corrections.clustering_state(store)


def clusterer_for(store: Store, weights: Weights | None = None, pool: Pool | None = None) -> StoryClusterer:
    """The clusterer of this store: the cached one while the database has not changed under it, else restored."""
    cached = _CACHE.get(store)
    if cached is not None and cached[1] == _state(store) and cached[0].weights == weights:
        return cached[0]
    return restore(store, weights, pool)


def new_clusterer(store: Store, weights: Weights | None = None) -> StoryClusterer:
    """An empty clusterer whose quiet stories retire to this store (to memory for a read-only one).

    The retired rows of earlier clusterers of the database are dropped: the new one is built from the stored
    assignments, and no other clusterer works on the database at the same time (`cluster_lock`).
    """
    _CACHE.pop(store, None)
    vault = MemoryVault() if store.readonly else RetiredStories(store).start()
    return StoryClusterer(weights, vault)


def restore(store: Store, weights: Weights | None = None, pool: Pool | None = None) -> StoryClusterer:
    """A clusterer holding the stored assignments (replayed in publication order, nothing re-decided)."""
    clusterer = new_clusterer(store, weights)
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
    pool = pool or Pool(1)
    order = list(placed)
    for start in range(0, len(order), _BATCH):  # a batch at a time: texts and quiet stories leave memory
        articles = q.article_rows(store, order[start:start + _BATCH])
        langs, terms, heads = _run_features(articles, weights, pool)
        for docs in _embedded(store, [articles], weights, langs, pool, expected=len(articles)):
            with one_thread():
                for doc in docs:
                    clusterer.add(doc, *placed[doc.id], terms.pop(doc.id), heads.pop(doc.id))
        clusterer.written()  # replayed placements are the stored ones: the article -> event map stays small
        clusterer.untouch()  # replayed stories are as the user left them: the next refinement looks at new ones only
    clusterer.flush()
    return clusterer


def assign(store: Store, ids: list[str] | None = None, *, weights: Weights | None = None,
           clusterer: StoryClusterer | None = None, pool: Pool | None = None,
           on_progress: Callable[[int, int], None] | None = None) -> ClusterReport:
    """Assign articles (these ids, or every unassigned one) to events and stories, in publication order.

    Embeddings are stored batch by batch (work a killed run leaves for the next); the placements of the
    whole run are written in one transaction at its end, so a run is stored whole or not at all, and
    the run that finishes it decides exactly as an uninterrupted one would. `pool`: worker processes for
    the per-article part (languages, terms, embeddings); the placements stay here, in publication order.
    `on_progress` hears (articles placed, articles to place) after every batch (embeddings and placement).
    """
    report = _place(store, ids, weights, clusterer, pool or Pool(1), on_progress=on_progress)
    if report.assigned:
        with store.atomic() as conn:
            _write(conn, report)
        if report.clusterer is not None:
            report.clusterer.written()
        _CACHE[store] = (report.clusterer, _state(store))
    report.clusterer = None
    return report


def _place(store: Store, ids: list[str] | None, weights: Weights | None,
           clusterer: StoryClusterer | None, pool: Pool, *, again: bool = False,
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
    clusterer = clusterer if clusterer is not None else clusterer_for(store, weights, pool)
    _CACHE.pop(store, None)  # the cached clusterer changes now; it is valid again once the run is written
    merged_before = set(clusterer.merged)
    rows = q.article_rows(store, ids)
    # The whole run's terms count in the document frequencies before its first article is placed.
    langs, terms, heads = _run_features(rows, weights, pool)
    clusterer.learn_terms([_doc(r, None, langs) for r in rows], [terms.pop(r["id"]) for r in rows],
                          [heads.pop(r["id"]) for r in rows])
    if on_progress is not None:
        on_progress(0, len(rows))
    batches = (rows[start:start + _BATCH] for start in range(0, len(rows), _BATCH))
    for start, docs in zip(range(0, len(rows), _BATCH),
                           _embedded(store, batches, weights, langs, pool, expected=len(rows)), strict=True):
        with one_thread():  # (many small products: BLAS threads cost more than they give, `blas`)
            clusterer.prime(docs)  # (the undated ones search every story: scored together)
            report.placements += [clusterer.learn_one(d) for d in docs]
            clusterer.prime([])
            clusterer.refine()  # small stories this batch opened or grew may now find their story
        if on_progress is not None:
            on_progress(min(start + _BATCH, len(rows)), len(rows))
    # Small stories linked into others (also stories stored by earlier runs): their rows follow.
    report.merged = {gone: clusterer.resolve(gone) for gone in clusterer.merged if gone not in merged_before}
    for p in report.placements:
        p.story_id = clusterer.resolve(p.story_id)
    clusterer.flush()
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
        corrections.merge_unpinned(conn, merged)
    _tidy(conn, {p.story_id for p in placed} | set(merged) | set(merged.values()), report.clusterer)


def rebuild(store: Store, *, weights: Weights | None = None, pool: Pool | None = None,
            on_progress: Callable[[int, int], None] | None = None) -> ClusterReport:
    """Cluster every article again from scratch, then replay the user corrections in order.

    The new stories are decided first (readers still see the old ones), then the old stories are replaced
    by the new and the corrections replayed in one transaction: a reader sees either the old stories or
    the new, never none.
    """
    started = time.perf_counter()
    report = _place(store, [r["id"] for r in q.article_rows(store)], weights, new_clusterer(store, weights),
                    pool or Pool(1), again=True, on_progress=on_progress)
    with store.atomic() as conn:
        q.clear(conn)
        _write(conn, report)
        report.corrections = replay_corrections(store)
    _CACHE.pop(store, None)
    if not report.corrections and report.clusterer is not None:
        if report.clusterer is not None:
            report.clusterer.written()
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
    found = corrections.matching_article_ids(store, article_id)
    if len(found) != 1:
        raise StorylineError(f"no article with id {article_id!r}; 'storyline articles' lists the ids")
    if q.story_of(store, found[0]) is None:
        raise StorylineError(f"article {found[0]} is in no story yet; run 'storyline cluster' first")
    return found[0]


def merge_stories(store: Store, keep: str, gone: str) -> str:
    """Merge story `gone` into story `keep`; return the merged story's id."""
    keep, gone = _need_story(store, keep), _need_story(store, gone)
    if keep == gone:
        return keep
    anchors = [q.members(store, keep)[0], q.members(store, gone)[0]]
    with store.atomic() as conn:
        q.add_correction(conn, "merge", anchors, keep, gone)
        corrections.merge(conn, keep, gone)
        _tidy(conn, [keep, gone])
    return keep


def _story_id(store: Store, article_id: str) -> str:
    """The story of an article known to be in one (`_need_article` or the caller checked it)."""
    found = q.story_of(store, article_id)
    assert found is not None
    return found[1]


def split_story(store: Store, story: str, article_ids: list[str]) -> str:
    """Take these articles out of `story` into a new story of their own; return its id."""
    story = _need_story(store, story)
    ids = [_need_article(store, a) for a in article_ids]
    outside = [a for a in ids if _story_id(store, a) != story]
    if outside:
        raise StorylineError(f"article {outside[0]} is not in story {story}")
    if len(ids) == len(q.members(store, story)):
        raise StorylineError("a split must leave at least one article in the story")
    with store.atomic() as conn:
        q.add_correction(conn, "split", ids, story)
        new = corrections.split(store, conn, ids)
        _tidy(conn, [story, new])
    return new


def move_article(store: Store, article_id: str, story: str) -> str:
    """Move one article into another story (as an event of its own); return the story id."""
    article_id, story = _need_article(store, article_id), _need_story(store, story)
    anchor = next((a for a in q.members(store, story) if a != article_id), None)
    if anchor is None or _story_id(store, article_id) == story:
        return story
    old = _story_id(store, article_id)
    with store.atomic() as conn:
        q.add_correction(conn, "move", [article_id, anchor], story, old)
        corrections.move(conn, article_id, story)
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
                    corrections.merge(conn, a[1], b[1])
                    applied += 1
            elif c["kind"] == "split":
                present = [i for i in ids if q.story_of(store, i)]
                if present:
                    olds = {_story_id(store, i) for i in present}
                    corrections.split(store, conn, present)
                    q.tidy(conn, olds)
                    applied += 1
            elif c["kind"] == "move":
                moved, target = q.story_of(store, ids[0]), q.story_of(store, ids[1])
                if moved and target and moved[1] != target[1]:
                    corrections.move(conn, ids[0], target[1])
                    applied += 1
            q.tidy(conn)
        touched |= before | {found[1] for found in map(lambda a: q.story_of(store, a), ids) if found}
    if touched:
        with store.atomic() as conn:
            refresh_titles(conn, touched)
    return applied
