"""Loading analysed Parquet shards into the store, then clustering them: sequential, resumable and idempotent.

The shards are partitioned by input (`input_no=K/`), and each input's rows are written to the store in
record order, input after input: the store sees the articles in exactly the order a plain `ingest` of the
same paths gives it, so near-duplicate groups, sequence numbers and rejections come out the same.
Everything is written through the store's own methods (`add_batch`, `save_annotations`, `save_embeddings`)
and every step skips what is already there, so a load killed halfway is finished by running it again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..config import IngestOptions
from ..ingest.duplicates import NearDuplicates
from ..models import IngestReport
from ..store import stories as q
from ..store.annotations import pending_articles, save_annotations
from ..store.sqlite import Store
from .stages import BACKEND, annotations_of, to_item

log = logging.getLogger(__name__)
Progress = Callable[[str, int], None]
_KEY = ("lang", "published", "published_precision")


def partitions(directory: Path) -> list[Path]:
    """The per-input partition folders of a shard directory, in input order."""
    found = [(int(p.name.split("=", 1)[1]), p) for p in directory.glob("input_no=*") if p.is_dir()]
    return [p for _, p in sorted(found)]


def iter_tables(directory: Path, columns: list[str] | None = None) -> Iterator[Any]:
    """Each input's rows as one Arrow table, in record order (memory: the largest input, not the archive)."""
    import pyarrow.dataset as pads

    for part in partitions(directory):
        table = pads.dataset(str(part), format="parquet").to_table(
            columns=None if columns is None else list(dict.fromkeys(["record_no", *columns])))
        yield table.sort_by("record_no")


def _slices(table: Any, size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, table.num_rows, size):
        yield table.slice(start, size).to_pylist()


def load(store: Store, directory: Path, options: IngestOptions, *, progress: Progress | None = None) -> tuple[
        IngestReport, list[str]]:
    """Store the shards' articles and rejections, then their annotations and embeddings; return (report, ids).

    `ids` are all the articles of the shards (new or stored by an earlier, interrupted run), first-seen order.
    """
    started = time.perf_counter()
    report = IngestReport()
    copies_before, boilerplate_before = store.group_counts()
    ids: dict[str, None] = {}
    for table in iter_tables(directory):
        for rows in _slices(table, options.batch_size):
            store.add_batch([to_item(r) for r in rows], report, duplicates=NearDuplicates(options.near_duplicate_threshold))
            ids.update((r["id"], None) for r in rows if r["kind"] == "article")
            if progress:
                progress("store", len(rows))
    copies_after, boilerplate_after = store.group_counts()
    report.near_duplicates = max(0, copies_after - copies_before)
    report.boilerplate = max(0, boilerplate_after - boilerplate_before)
    # Annotations and embeddings only once every article is stored: a later duplicate may still have given
    # an article a better date (which its time expressions depend on) or made it boilerplate.
    saved = 0
    for table in iter_tables(directory, ["kind", "id", *_KEY, "entities", "mentions", "embedding"]):
        for rows in _slices(table, options.batch_size):
            saved += _save_analysis(store, [r for r in rows if r["kind"] == "article"])
            if progress:
                progress("annotations", len(rows))
    report.seconds = time.perf_counter() - started
    log.info("backfill load: %d accepted, %d duplicates, %d already stored, %d rejected, %d analyses taken from "
             "the shards in %.1fs", report.accepted, report.duplicates, report.already_stored, len(report.rejected),
             saved, report.seconds)
    return report, list(ids)


def _save_analysis(store: Store, rows: list[dict[str, Any]]) -> int:
    """Save the shard's annotations of articles still unanalysed whose stored language and date are the ones the
    worker saw, and the embeddings of those not embedded yet and not boilerplate. Returns how many annotated."""
    if not rows:
        return 0
    chunk = list(dict.fromkeys(r["id"] for r in rows))
    pending = {a["id"]: a for batch in pending_articles(store, chunk, backend=BACKEND) for a in batch}
    results = []
    for r in rows:
        stored = pending.get(r["id"])
        if stored is not None and all(stored[k] == r[k] for k in _KEY):
            results.append((r["id"], *annotations_of(r)))
            del pending[r["id"]]
    if results:
        save_annotations(store, results, BACKEND)
    have = q.embeddings(store, chunk)
    plain = {a["id"] for a in q.article_rows(store, chunk) if not a["boilerplate"]}
    vectors = {r["id"]: np.asarray(r["embedding"], dtype=np.float32) for r in rows
               if r["id"] in plain and r["id"] not in have and r["embedding"] is not None}
    if vectors:
        with store.atomic() as conn:
            q.save_embeddings(conn, vectors)
    return len(results)
