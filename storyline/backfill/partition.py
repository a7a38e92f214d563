"""Partitioned clustering of a backfill, the pure part: time partitions clustered alone, then one stitching pass.

A backfill's articles are cut into time partitions (quarters, months or years of their publication time;
undated articles form one last partition). Each partition is clustered on its own by the package's clusterer
(`StoryClusterer`, the same calls `storyline.cluster.assign` makes: the run's terms first, then `learn_one`
in publication order, `refine` after every batch of 500), with the document frequencies of the *whole*
backfill, exactly the ones the sequential run uses (it counts every article of the run before placing
the first). Partitions are independent, so they run in parallel (Ray tasks or worker processes).

Then one pass, in partition order, stitches them (`stitch`): each story of a partition is decided against the
stories of the earlier partitions (already stitched) active within `Weights.active_days`. Its first article is
scored against them as `StoryClusterer._top_candidate` scores an article (`Weights.story_similarity` of the
cosines with the story's sums, the time penalty of the gap to its date range, the edition penalty, the threshold
of its language or the cross-language threshold with content evidence; candidates: the nearest mean embeddings
and the postings of its heaviest terms), and the story joins the best one at least `STITCH_MARGIN` above the
threshold; a small story that joins nothing so is linked centroid to centroid as `StoryClusterer.refine` links
it. Only stories are stitched; events stay those of their partition.

Everything here is computation on values (no store, no engine): `storyline.backfill.partitioned` runs it.
The result depends on the partitions only, never on how many workers ran them.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np

from ..cluster.assign import features_unit
from ..cluster.embed import DIM
from ..cluster.features import DocumentFrequencies
from ..cluster.online import Doc, Placement, StoryClusterer
from ..cluster.postings import Postings
from ..cluster.scoring import Weights, gap_days
from ..cluster.state import Cluster, Features, range_gap
from ..errors import ConfigError, Reasons

PARTITIONS = ("none", "year", "quarter", "month")
UNDATED = "undated"
BATCH = 500  # articles placed between two refinements, as in `storyline.cluster.assign`
# Added to the article threshold of a story's language (nl 0.08, en 0.14) for a story to join a story of an
# earlier partition. Chosen on the DFN development half (benchmarks/partition_compare.py --margins).
STITCH_MARGIN = -0.04
PROBES = 1  # a story's first articles that stitching scores (each as the sequential clusterer would place it)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

Terms = tuple[list[str], list[str]]


def partition_key(day: float | None, partition: str) -> str:
    """The partition of a publication day (days since 1970-01-01, UTC).

    >>> partition_key(16270.0, "quarter"), partition_key(16270.0, "month"), partition_key(16270.0, "year")
    ('2014Q3', '2014-07', '2014')
    >>> partition_key(None, "quarter")
    'undated'
    """
    if partition not in PARTITIONS or partition == "none":
        raise ConfigError(Reasons.format("R251", partition=partition, choices=", ".join(PARTITIONS[1:])))
    if day is None:
        return UNDATED
    stamp = _EPOCH + timedelta(days=day)
    if partition == "year":
        return f"{stamp.year:04d}"
    if partition == "quarter":
        return f"{stamp.year:04d}Q{(stamp.month - 1) // 3 + 1}"
    return f"{stamp.year:04d}-{stamp.month:02d}"


# -- per partition (a task of the engine) ----------------------------------------------------------


@dataclass(slots=True)
class PartitionTerms:
    """One partition's languages and terms (`features_unit`, per article) and their document frequencies."""

    langs: list[str | None]
    terms: list[Terms]
    lemma_df: DocumentFrequencies
    name_df: DocumentFrequencies
    headlines: list[Terms] | None = None  # each article's headline persons and names (`StoryClusterer.headline`)


def partition_terms(weights: Weights | None, items: list[tuple[str, str, str, str | None, bool]]) -> PartitionTerms:
    """Languages, terms and document frequencies of a partition's articles (id, title, text, language, boilerplate)."""
    found = features_unit(weights, items)
    lemma_df, name_df = DocumentFrequencies(), DocumentFrequencies()
    for f in found:
        lemma_df.learn_one(f[1])
        name_df.learn_one(f[2])
    return PartitionTerms([f[0] for f in found], [(f[1], f[2]) for f in found], lemma_df, name_df,
                          [(f[3], f[4]) for f in found])


def total(frequencies: Iterable[DocumentFrequencies]) -> DocumentFrequencies:
    """The document frequencies of several partitions together (a sum: the order does not matter)."""
    out = DocumentFrequencies()
    for df in frequencies:
        out.n_docs += df.n_docs
        out.df.update(df.df)
    return out


def _without(whole: DocumentFrequencies, part: DocumentFrequencies) -> DocumentFrequencies:
    """`whole` less `part`'s counts (a copy; a term left at 0 counts as unseen, as an absent one)."""
    df = whole.df.copy()
    for term, n in part.df.items():
        df[term] -= n
    return DocumentFrequencies(whole.n_docs - part.n_docs, df)


@dataclass(slots=True)
class Probe:
    """One of the first articles of a partition's story, as the clusterer saw it: what stitching scores."""

    day: float | None
    lang: str | None
    features: Features


@dataclass(slots=True)
class PartitionResult:
    """Where a partition's articles went, its stories (sums, date range, languages) and each story's first
    articles (`Probe`), for the stitching."""

    key: str
    placements: list[Placement]
    stories: dict[str, Cluster]
    probes: dict[str, list[Probe]]
    seconds: float = 0.0


def cluster_partition(weights: Weights | None, key: str, docs: list[Doc], terms: PartitionTerms,
                      lemma_df: DocumentFrequencies, name_df: DocumentFrequencies,
                      probes: int | None = None) -> PartitionResult:
    """Cluster one partition's docs (publication order, with embeddings) with the backfill's document frequencies
    (`lemma_df`, `name_df`: every partition's, this one's included), as `assign` clusters a run."""
    probes = PROBES if probes is None else probes
    started = time.process_time()
    clusterer = StoryClusterer(weights)  # no vault: a partition is held in memory while it is clustered
    # The other partitions' counts first; `learn_terms` adds this partition's: the whole backfill's, as in one run.
    clusterer.lemma_df = _without(lemma_df, terms.lemma_df)
    clusterer.name_df = _without(name_df, terms.name_df)
    clusterer.learn_terms(docs, terms.terms, terms.headlines)
    placements: list[Placement] = []
    for start in range(0, len(docs), BATCH):
        placements += [clusterer.learn_one(d) for d in docs[start:start + BATCH]]
        clusterer.refine()
    for p in placements:
        p.story_id = clusterer.resolve(p.story_id)
    stories = {sid: clusterer.story(sid) for sid in dict.fromkeys(p.story_id for p in placements)}
    # Each story's first articles, scored as they were placed (the document frequencies do not move in a run).
    first: dict[str, list[Probe]] = {}
    for doc, p in zip(docs, placements, strict=True):
        kept = first.setdefault(p.story_id, [])
        if len(kept) < probes:
            kept.append(Probe(doc.day, doc.lang, clusterer.features(doc, learn=False)))
    return PartitionResult(key, placements, stories, first, time.process_time() - started)


# -- the stitching pass (sequential, over stories) -------------------------------------------------


@dataclass(slots=True)
class Stitched:
    """The stories after stitching: each partition story's final story, and the final stories' sums."""

    story_of: dict[str, str] = field(default_factory=dict)
    stories: dict[str, Cluster] = field(default_factory=dict)
    links: int = 0  # partition stories joined to a story of an earlier partition
    placements: list[Placement] = field(default_factory=list)  # the partitions' placements, in partition order
    partitions: int = 0
    cpu_seconds: list[float] = field(default_factory=list)  # each partition's clustering, CPU of its worker
    stitch_cpu_seconds: float = 0.0  # CPU of the stitching itself


class _Stitcher:
    """The stories of the partitions stitched so far: a centroid index and postings, like the clusterer's."""

    def __init__(self, weights: Weights | None, name_df: DocumentFrequencies, margin: float) -> None:
        self.w = weights or Weights()
        self.margin = margin
        self.judge = StoryClusterer(weights)  # for `specific` (a name's share of the backfill's articles)
        self.judge.name_df = name_df
        self.index = _Centroids()
        self.by_key: dict[int, Cluster] = {}
        self.postings: Postings[int] = Postings(self.w.query_terms, self.w.postings_per_term)  # as the clusterer's
        self.result = Stitched()

    def features(self, story: Cluster) -> Features:
        """A story as a probe: what `StoryClusterer._link` scores it with."""
        w = self.w
        return story.probe(w.max_terms, years=w.link_years)

    def candidates(self, day: float | None, f: Features, near: list[int]) -> list[Cluster]:
        """The stitched stories an article of `day` with features `f` is compared with (as the clusterer's
        candidates: `near`, the nearest mean embeddings, and the postings of its heaviest terms; dated articles
        meet the stories active within `active_days`)."""
        w = self.w
        found = {k: self.by_key[k] for k in near}
        added = 0
        for k, _ in sorted(self.postings.hits(f).items(), key=lambda kv: (-kv[1], kv[0])):
            if added >= w.posting_candidates:
                break
            if k not in found:
                found[k] = self.by_key[k]
                added += 1
        out = [c for c in found.values()
               if day is None or c.last is None or c.last >= day - w.active_days]
        return sorted(out, key=lambda c: c.key)

    def evidence(self, f: Features, other: Cluster, cos_use: float) -> bool:
        """Content evidence for a join across languages (as `StoryClusterer._cross_evidence`)."""
        return self.w.cross_evidence(f.names, other.names, cos_use, self.judge.specific)

    def best(self, probes: list[Probe], nears: list[list[int]]) -> Cluster | None:
        """The earlier story a partition's story joins, or None: the one its first articles would join in the
        sequential run, scored as `StoryClusterer._top_candidate` scores an article, needing `margin` above the
        threshold (the highest over the probes wins)."""
        w = self.w
        best, best_above = None, self.margin
        for probe, near in zip(probes, nears, strict=True):
            f, lang = probe.features, probe.lang
            undated = w.undated_margin if probe.day is None else 0.0
            for other in self.candidates(probe.day, f, near):
                same = lang is not None and lang in other.langs
                cos = other.cosines(f)
                score = w.story_similarity(*cos, same) - w.time_penalty(gap_days(probe.day, other.first, other.last))
                score -= w.edition_penalty(f.years, other.years)
                above = score - (w.threshold_for(lang) if same else w.cross_threshold) - undated
                if above < best_above or (not same and not self.evidence(f, other, cos[2])):
                    continue
                if above > best_above or best is None:
                    best, best_above = other, above
        return best

    def small(self, story: Cluster) -> bool:
        return story.n <= self.w.refine_max_size and bool(story.langs)

    def linked(self, story: Cluster, f: Features, near: list[int]) -> Cluster | None:
        """The earlier story a small story (at most `refine_max_size` articles) links to, scored centroid against
        centroid as `StoryClusterer.refine` links it (threshold of its main language plus `refine_margin`)."""
        w = self.w
        if not self.small(story):
            return None
        lang = story.langs.most_common(1)[0][0]
        best, best_score = None, w.threshold_for(lang) + w.refine_margin
        for other in self.candidates(story.last, f, near):
            same = bool((set(story.langs) & set(other.langs)) - {"?"})
            cos = other.cosines(f)
            score = w.story_similarity(*cos, same) - w.time_penalty(range_gap(story.first, story.last, other.first,
                                                                                 other.last))
            score -= w.edition_penalty(f.years, other.years)
            if not same and (score < max(best_score, w.cross_threshold) or not self.evidence(f, other, cos[2])):
                continue
            if score >= best_score:
                best, best_score = other, score
        return best

    def add(self, story: Cluster, key: int) -> None:
        """Keep `story` (a story of a partition that joined no earlier one) as a stitched story."""
        story.key = key
        self.by_key[key] = story
        self.result.stories[story.id] = story
        self.result.story_of[story.id] = story.id
        self._index(story)

    def join(self, keep: Cluster, story: Cluster) -> None:
        keep.absorb(story)
        keep.prune(self.w.story_terms)
        self.result.story_of[story.id] = keep.id
        self.result.links += 1
        self._index(keep)

    def _index(self, story: Cluster) -> None:
        self.index.put(story.key, story.embedding)
        self.postings.add(story.key, self.features(story))


class _Centroids:
    """The stitched stories' mean embeddings, one row per story key (keys are 0, 1, 2 ... in order of creation),
    searched many queries at a time (a matrix product, where `CentroidIndex` answers one query at a time)."""

    CHUNK = 256  # queries per product: memory CHUNK x stories x 4 bytes

    def __init__(self) -> None:
        self.matrix = np.zeros((1024, DIM), dtype=np.float32)
        self.n = 0

    def put(self, key: int, vector: np.ndarray) -> None:
        """Set the row of `key` (a new key is the next row), normalised."""
        if key >= len(self.matrix):
            self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
        v = np.asarray(vector, dtype=np.float32)
        norm = float(np.sqrt(v @ v))
        self.matrix[key] = v / norm if norm > 0 else v
        self.n = max(self.n, key + 1)

    def nearest(self, queries: list[np.ndarray], k: int) -> list[list[int]]:
        """The keys of the `k` rows with the highest inner product with each query, best first (ties: lower key)."""
        if not queries:
            return []
        if not self.n or k <= 0:
            return [[] for _ in queries]
        out: list[list[int]] = []
        rows = self.matrix[:self.n]
        stacked = np.asarray(np.stack(queries), dtype=np.float32)
        for start in range(0, len(stacked), self.CHUNK):
            scores = stacked[start:start + self.CHUNK] @ rows.T
            for line in scores:
                top = np.argpartition(-line, k - 1)[:k] if self.n > k else np.arange(self.n)
                out.append([int(i) for i in top[np.lexsort((top, -line[top]))]])
        return out


def stitch(results: Iterable[PartitionResult], weights: Weights | None, name_df: DocumentFrequencies,
           margin: float = STITCH_MARGIN) -> Stitched:
    """Link the stories of the partitions (in `results`' order, oldest first) into the final stories.

    A story of a partition joins the best story of the earlier partitions (already stitched) when its score
    reaches the threshold of its language plus `margin`; stories of one partition are never joined to each
    other (their partition's clusterer decided). The final story keeps the id of its earliest part. `results`
    may be a generator: each partition is stitched as it comes, and only its placements are kept of it.
    """
    stitcher = _Stitcher(weights, name_df, margin)
    key = 0
    for result in results:
        cpu = time.process_time()
        ordered = sorted(result.stories.values(), key=lambda s: (s.first is None, s.first or 0.0, s.id))
        # Every story of the partition is decided against the earlier partitions only, so the nearest-centroid
        # searches of the whole partition are one matrix product.
        probes = [result.probes[story.id] for story in ordered]
        centroids = {story.id: stitcher.features(story) for story in ordered if stitcher.small(story)}
        queries = [p.features.embedding for ps in probes for p in ps] + [f.embedding for f in centroids.values()]
        near = iter(stitcher.index.nearest(queries, stitcher.w.candidates))
        decided = []
        for story, ps in zip(ordered, probes, strict=True):
            decided.append((story, stitcher.best(ps, [next(near) for _ in ps])))
        for n, (story, keep) in enumerate(decided):
            if story.id in centroids:
                near_story = next(near)
                if keep is None:
                    decided[n] = (story, stitcher.linked(story, centroids[story.id], near_story))
        for story, keep in decided:
            if keep is None:
                stitcher.add(story, key)
                key += 1
            else:
                stitcher.join(keep, story)
        stitcher.result.placements += result.placements
        stitcher.result.partitions += 1
        stitcher.result.cpu_seconds.append(result.seconds)
        stitcher.result.stitch_cpu_seconds += time.process_time() - cpu
    return stitcher.result


def final_placements(stitched: Stitched) -> list[Placement]:
    """Every article's placement with its stitched story (events are those of the partitions)."""
    out = []
    for p in stitched.placements:
        story = stitched.story_of[p.story_id]
        out.append(Placement(p.article_id, p.event_id, story, p.score, p.new_story and story == p.story_id,
                             p.new_event))
    return out
