"""Partitioned clustering on a store: read the articles, run the partitions on an engine, stitch, write the stories.

The computation is `storyline.backfill.partition` (pure); this module reads what it needs from the store
(article rows, embeddings: the ones missing are computed and stored, as `assign` does), hands the partitions
to a runner (Ray tasks, or the worker pool of `storyline.workers`, or this process), and writes the
placements through the store's own functions in one transaction: the stories are stored whole or not at all.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ..cluster.assign import docs_with_embeddings
from ..cluster.features import DocumentFrequencies
from ..cluster.online import Placement, day_number
from ..cluster.scoring import Weights
from ..cluster.titles import refresh as refresh_titles
from ..errors import InputError, Reasons, StorylineError
from ..store import corrections
from ..store import stories as q
from ..store.sqlite import Store
from ..workers import Pool
from .partition import (
    STITCH_MARGIN,
    PartitionResult,
    PartitionTerms,
    cluster_partition,
    final_placements,
    partition_key,
    partition_terms,
    stitch,
    total,
)

log = logging.getLogger(__name__)
_WRITE = 500
# runner(function, argument tuples) -> the results in the same order (a list, or a generator: one at a time)
Runner = Callable[[Callable[..., Any], Iterable[tuple[Any, ...]]], Iterable[Any]]


@dataclass(slots=True)
class PartitionedReport:
    """What one partitioned clustering did."""

    partition: str
    partitions: int = 0
    assigned: int = 0
    new_stories: int = 0
    links: int = 0  # partition stories stitched to a story of an earlier partition
    partition_cpu_seconds: list[float] = field(default_factory=list)  # each partition's clustering, in its worker
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each step (terms, cluster, stitch, write)
    stitch_cpu_seconds: float = 0.0  # the sequential part: the stitching pass, CPU of this process
    placements: list[Placement] = field(default_factory=list)


def _unit(fn: Callable[..., Any], unit: list[tuple[Any, ...]]) -> list[Any]:
    return [fn(*args) for args in unit]


def _died(args: tuple[Any, ...], detail: str) -> Any:
    raise StorylineError(Reasons.format("R252", detail=detail))


def pool_runner(pool: Pool) -> Runner:
    """Run the partitions in a worker pool (one partition per unit; `Pool(1)`: in this process)."""
    def run(fn: Callable[..., Any], args: Iterable[tuple[Any, ...]]) -> Iterable[Any]:
        args = list(args)
        return pool.submit(partial(_unit, fn), args, _died, remote=pool.workers > 1 and len(args) > 1).result()
    return run


def ray_runner() -> Runner:
    """Run the partitions as Ray tasks on the connected cluster (the results in order, whatever ran first)."""
    import ray

    def run(fn: Callable[..., Any], args: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        task = ray.remote(fn)
        shared: dict[int, Any] = {}
        refs = []
        for a in args:  # each task's arguments go to the object store as they are made; shared ones once
            refs.append(task.remote(*[_shared(shared, x, ray) for x in a]))
            del a
        refs.reverse()
        while refs:  # in order, each result fetched when wanted and then dropped by the cluster
            ref = refs.pop()
            try:
                yield ray.get(ref)
            except Exception as exc:  # a task that failed after Ray's retries: nothing is stored
                raise StorylineError(Reasons.format("R252", detail=f"{type(exc).__name__}: {exc}"[:500])) from exc
            del ref
    return run


def _shared(cache: dict[int, Any], value: Any, ray: Any) -> Any:
    if not isinstance(value, DocumentFrequencies):
        return value
    if id(value) not in cache:
        cache[id(value)] = ray.put(value)
    return cache[id(value)]


def cluster_partitioned(store: Store, ids: Sequence[str], partition: str, *, weights: Weights | None = None,
                        runner: Runner | None = None, pool: Pool | None = None,
                        margin: float = STITCH_MARGIN, write: bool = True) -> PartitionedReport:
    """Cluster these articles partition by partition, stitch, and store the stories (with `write`).

    Refuses (R250) a database where other articles are in stories already: the partitions know only the
    backfill's articles. Articles of `ids` all in stories already: nothing to do (a rerun).
    """
    report = PartitionedReport(partition)
    pool = pool or Pool(1)
    runner = runner or pool_runner(pool)
    ids = list(dict.fromkeys(ids))
    done = q.assigned_among(store, ids)
    stored = corrections.clustering_state(store)[0]
    if stored and stored != len(done):
        raise InputError(Reasons.format("R250", stored=stored - len(done)))
    if len(done) == len(ids):
        return report
    if done:
        raise InputError(Reasons.format("R250", stored=len(done)))
    started = time.perf_counter()
    rows = q.article_rows(store, ids)  # publication order, undated last
    groups: dict[str, list[Any]] = {}
    for r in rows:
        groups.setdefault(partition_key(day_number(r["published_start"]), partition), []).append(r)
    keys = sorted(groups, key=lambda k: (k == "undated", k))
    report.partitions = len(keys)
    items = [[(r["id"], r["title"], r["text"], r["lang"], bool(r["boilerplate"])) for r in groups[k]] for k in keys]
    terms: list[PartitionTerms] = list(runner(partition_terms, [(weights, it) for it in items]))
    lemma_df, name_df = total(t.lemma_df for t in terms), total(t.name_df for t in terms)
    report.seconds["terms"] = time.perf_counter() - started
    def tasks() -> Iterator[tuple[Any, ...]]:  # one partition's docs at a time (Ray sends each as it is made)
        for k, t in zip(keys, terms, strict=True):
            langs = {r["id"]: lang for r, lang in zip(groups[k], t.langs, strict=True)}
            docs = docs_with_embeddings(store, groups[k], weights, langs, pool)  # missing embeddings computed, stored
            yield (weights, k, docs, t, lemma_df, name_df)

    started = time.perf_counter()
    wait = 0.0

    def arriving() -> Iterator[PartitionResult]:  # each partition as it comes, in order; the time waited is not stitching
        nonlocal wait
        waited = time.perf_counter()
        results = iter(runner(cluster_partition, tasks()))  # a list computes every partition here, a generator lazily
        wait += time.perf_counter() - waited
        while True:
            waited = time.perf_counter()
            result = next(results, None)
            wait += time.perf_counter() - waited
            if result is None:
                return
            yield result

    stitched = stitch(arriving(), weights, name_df, margin)
    report.placements = final_placements(stitched)
    report.links = stitched.links
    report.partition_cpu_seconds = stitched.cpu_seconds
    report.seconds["partitions and stitch"] = time.perf_counter() - started
    report.seconds["stitch"] = report.seconds["partitions and stitch"] - wait
    report.stitch_cpu_seconds = stitched.stitch_cpu_seconds
    report.assigned = len(report.placements)
    report.new_stories = len(stitched.stories)
    if write:
        started = time.perf_counter()
        _write(store, report.placements, {s.id: s.embedding for s in stitched.stories.values()})
        report.seconds["write"] = time.perf_counter() - started
    log.info("partitioned clustering (%s): %d articles in %d partitions, %d stories (%d stitched links) in %s",
             partition, report.assigned, report.partitions, report.new_stories, report.links,
             {k: round(v, 1) for k, v in report.seconds.items()})
    return report


def _write(store: Store, placements: list[Placement], centroids: dict[str, Any]) -> None:
    """Store the placements and the stories' titles in one transaction (the store's functions, as `assign`)."""
    with store.atomic() as conn:
        for start in range(0, len(placements), _WRITE):
            q.write_assignments(conn, [(p.article_id, p.event_id, p.story_id, p.score, 0)
                                       for p in placements[start:start + _WRITE]])
        story_ids = {p.story_id for p in placements}
        q.tidy(conn, story_ids)
        refresh_titles(conn, story_ids, centroids)
