"""`storyline backfill`: the per-article stages of a big archive on a Ray cluster, then one load and clustering."""

from __future__ import annotations

from pathlib import Path

import click

from ..backfill import ENGINES, PARTITIONS
from ..backfill import backfill as run_backfill
from ..config import FORMATS, IngestOptions
from . import Context, console, emit_json, json_option, main, pass_context


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(ENGINES), default="ray", show_default=True,
              help="The distributed engine that runs the per-article stages.")
@click.option("--address", default=None, metavar="HOST:PORT",
              help="Join the Ray cluster at this address (the head's GCS address, ray://HOST:PORT or auto); "
                   "without it a local Ray runtime is started on 127.0.0.1.")
@click.option("--shards", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the analysed articles as Parquet (default: DB.shards beside the database); on a "
                   "cluster, a folder every node can write.")
@click.option("--cpus", "num_cpus", type=click.IntRange(1, 1024), default=None,
              help="CPUs of the local runtime (default: this machine's, at most 8); ignored with --address.")
@click.option("--actors", type=click.IntRange(1, 10_000), default=None,
              help="Analyser actors, each holding the models (default: one per CPU of the cluster).")
@click.option("--partition", type=click.Choice(PARTITIONS), default="none", show_default=True,
              help="Cluster time partitions (quarters, months or years) in parallel on the engine, then stitch "
                   "them in one pass; none: one sequential pass in publication order. Needs a database whose other "
                   "articles are in no story. See docs/scale.md.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Force the input format instead of detecting it.")
@click.option("--field", "fields", multiple=True, metavar="NAME=COLUMN",
              help="Map a field to a column of JSONL/CSV input, e.g. --field text=body.")
@click.option("--timezone", "tz", default=IngestOptions().default_timezone, show_default=True,
              help="Time zone of dates given without one.")
@json_option
@pass_context
@click.pass_context
def backfill(ctx: click.Context, obj: Context, paths: tuple[str, ...], engine: str, address: str | None, shards: Path | None,
             num_cpus: int | None, actors: int | None, partition: str, fmt: str, fields: tuple[str, ...], tz: str,
             as_json: bool) -> None:
    """Backfill files, folders or globs on a Ray cluster: analyse in parallel, then store and cluster.

    Rerunning the same command after a crash or a kill finishes the job without duplicates. Options not typed
    here take the [ingest] settings ('storyline config').
    """
    obj.given(ctx, fmt="ingest.format", tz="ingest.default_timezone")
    if fields:
        obj.overrides["ingest.fields"] = IngestOptions.parse_fields(fields)
    options = obj.settings().ingest
    with obj.archive() as archive:
        report = run_backfill(archive, paths, options=options, engine=engine, address=address, shards=shards,
                              num_cpus=num_cpus, actors=actors, partition=partition)
        total = len(archive)
    if as_json:
        emit_json(report.to_dict())
        return
    ing = report.ingest
    console().print(
        f"[bold]{ing.accepted}[/] accepted, {ing.duplicates} exact duplicates merged, {ing.already_stored} already "
        f"stored, [bold]{len(ing.rejected)}[/] rejected; {report.assigned} assigned to stories "
        f"({report.new_stories} new). Pipeline {report.pipeline_seconds:.1f}s"
        f"{' (shards reused)' if report.reused_shards else ''}, load {report.load_seconds:.1f}s, "
        f"clustering {report.cluster_seconds:.1f}s"
        f"{f' ({report.partitions} {partition} partitions, {report.stitched} stories stitched)' if report.partitions else ''}"
        f"; the database now holds {total} articles.", highlight=False)
    for rej in ing.rejected:
        console().print(f"  rejected {rej.source}: {rej.reason}", highlight=False, markup=False)
