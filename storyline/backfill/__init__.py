"""Backfills: the per-article stages of a large archive on a distributed engine (Ray Data), then one load.

`backfill(archive, paths)` runs reading, cleaning, language, fingerprints, entities, time expressions and
embeddings on the engine (`storyline.backfill.ray_engine`), keeps the analysed articles as Parquet shards,
loads them into the store in input order (`storyline.backfill.load`) and clusters them in publication
order with the package's clusterer. Rerunning a backfill, finished or killed, finishes the job without
duplicates. See docs/scale.md.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import IngestOptions
from ..errors import BackfillMessages, InputError, Reasons
from ..ingest.inputs import STDIN, expand
from ..models import BackfillReport
from ..store.corrections import clustering_state
from ..store.stories import assigned_among
from .partition import PARTITIONS, partition_key
from .partitioned import cluster_partitioned, ray_runner

if TYPE_CHECKING:
    from ..archive import Archive

log = logging.getLogger(__name__)
ENGINES = ("ray",)
MARKER = "backfill.json"


def default_shards(db: Path | str) -> Path:
    """Where the shards of a database go unless told: beside it, `NAME.shards/`."""
    path = Path(db)
    return path.with_name(path.name + ".shards")


def _manifest(locations: list[str], options: IngestOptions) -> dict:
    """What the shards were made from: the files (size, modification time) and the options."""
    files = []
    for loc in locations:
        st = Path(loc).stat()
        files.append([loc, st.st_size, st.st_mtime_ns])
    return {"files": files, "options": json.loads(json.dumps(dataclasses.asdict(options), default=str))}


def shards_complete(directory: Path, manifest: dict) -> bool:
    """True when `directory` holds finished shards of exactly these files and options."""
    marker = directory / MARKER
    try:
        return json.loads(marker.read_text(encoding="utf-8")).get("manifest") == manifest
    except (OSError, ValueError):
        return False


def backfill(archive: Archive, paths: Sequence[str | Path], *, options: IngestOptions | None = None,
             engine: str = "ray", address: str | None = None, shards: Path | None = None,
             num_cpus: int | None = None, actors: int | None = None, object_store_mb: int | None = None,
             batch_size: int = 64, now: datetime | None = None, partition: str = "none") -> BackfillReport:
    """Backfill `paths` into `archive` on the engine; see the module docstring.

    `partition` ("quarter", "month", "year"; "none": one sequential pass) clusters the backfill's time
    partitions in parallel as tasks on the engine, then stitches them (`storyline.backfill.partitioned`); it
    needs a database whose other articles are in no story (R250)."""
    from ..cluster import assign
    from ..text.analyse import analyse_articles
    from . import ray_engine
    from .load import load
    from .stages import BACKEND

    options = options or archive.settings.ingest
    if partition != "none":
        partition_key(None, partition)  # an unknown partition stops here, before any work (R251)
    if any(str(p) == "-" for p in paths):
        raise InputError(BackfillMessages.STDIN)
    inputs = expand([str(p) for p in paths])
    locations = [i.location for i in inputs if i.location != STDIN]
    directory = Path(shards) if shards is not None else default_shards(archive.store.path)
    if directory.exists() and not directory.is_dir():
        raise InputError(BackfillMessages.SHARDS_NOT_DIR.format(path=directory))
    report = BackfillReport(engine=engine, address=address, inputs=len(locations), shards=str(directory))
    manifest = _manifest(locations, options)
    if partition != "none" and not shards_complete(directory, manifest):
        stored = clustering_state(archive.store)[0]
        if stored:  # other articles in stories: refused now, not after hours of pipeline (R250)
            raise InputError(Reasons.format("R250", stored=stored))
    if shards_complete(directory, manifest):
        report.reused_shards = True
        log.info("backfill: the shards in %s are complete; loading them again", directory)
    else:
        ray_engine.import_ray(address)  # says how to install Ray before anything else happens
        directory.mkdir(parents=True, exist_ok=True)
        (directory / MARKER).unlink(missing_ok=True)
        with ray_engine.session(address, num_cpus=num_cpus, object_store_mb=object_store_mb):
            report.pipeline_seconds = ray_engine.run(locations, directory / "articles", options,
                                                     now or datetime.now(UTC), actors=actors,
                                                     batch_size=batch_size)
        (directory / MARKER).write_text(json.dumps({"manifest": manifest, "finished": datetime.now(UTC).isoformat()},
                                                   indent=1), encoding="utf-8")
    started = time.perf_counter()
    report.ingest, ids = load(archive.store, directory / "articles", options)
    report.articles = len(ids)
    report.local_analyses = analyse_articles(archive.store, ids, backend=BACKEND)  # whatever the shards could not give
    report.load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    report.partition = partition
    if partition == "none":
        clustered = assign(archive.store, ids, weights=archive.settings.cluster)
        report.assigned, report.new_stories = clustered.assigned, clustered.new_stories
    elif len(assigned_among(archive.store, ids)) < len(ids):  # a rerun after the stories were written needs no engine
        with ray_engine.session(address, num_cpus=num_cpus, object_store_mb=object_store_mb):
            done = cluster_partitioned(archive.store, ids, partition, weights=archive.settings.cluster,
                                       runner=ray_runner())
        report.assigned, report.new_stories = done.assigned, done.new_stories
        report.partitions, report.stitched = done.partitions, done.links
    archive.refresh_timelines()
    report.cluster_seconds = time.perf_counter() - started
    return report


__all__ = ["ENGINES", "PARTITIONS", "backfill", "default_shards", "shards_complete"]
