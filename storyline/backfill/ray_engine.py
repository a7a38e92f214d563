"""The per-record stages of a backfill as a Ray Data pipeline: read files, then analyse in an actor pool, then Parquet.

Reading runs as light tasks (one per input file); preparing, the text stage and embeddings run in a pool of
actors that load their models once (`Analyser`); the rows land in `DIR/articles/input_no=K/*.parquet`.
Ray Data restarts an actor that dies and runs its batch again (actor pools default to unlimited restarts
and task retries), so a lost worker costs time, not rows; the load that follows is idempotent anyway.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from ..config import IngestOptions
from ..errors import BackfillMessages, ConfigError, StorylineError
from .stages import analyse_rows, read_rows, schema

log = logging.getLogger(__name__)
CONNECT_SECONDS = 5.0
ACTOR_CPUS = 0.75  # leaves a quarter of each CPU to the reading and writing tasks beside the actors
LIGHT_CPUS = 0.25


def import_ray(address: str | None = None) -> Any:
    """The ray module, or a one-line error saying how to install it.

    For a cluster on loopback (an address on 127.0.0.1, ::1 or localhost), Ray is told to keep that address:
    by default it swaps a loopback address for this machine's network address and then cannot reach a
    cluster that listens on loopback only. This works when Ray is not imported yet in this process.
    """
    if address and _host(address) in ("127.0.0.1", "localhost", "::1"):
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    if address:
        # Something that accepts the TCP connection but is no Ray head (a proxy, another service) would keep
        # ray.init asking for the cluster id 20 times, a second apart; 4 times answers within seconds.
        os.environ.setdefault("RAY_NUM_REDIS_GET_RETRIES", "4")
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise StorylineError(BackfillMessages.NO_RAY) from exc
    return ray


def _host(address: str) -> str:
    return address.removeprefix("ray://").rpartition(":")[0].strip("[]")


def check_reachable(address: str, timeout: float = CONNECT_SECONDS) -> None:
    """Fail within `timeout` seconds, with a clear message, when nothing answers at a Ray address."""
    if address == "auto":
        return
    hostport = address.removeprefix("ray://")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(BackfillMessages.BAD_ADDRESS.format(address=address))
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            pass
    except OSError as exc:
        detail = f"no answer within {timeout:g} s" if isinstance(exc, TimeoutError) else (exc.strerror or exc)
        raise StorylineError(BackfillMessages.UNREACHABLE.format(address=address, detail=detail)) from exc


@contextlib.contextmanager
def session(address: str | None, *, num_cpus: int | None = None,
            object_store_mb: int | None = None) -> Iterator[dict[str, Any]]:
    """Join the Ray cluster at `address`, or start a local runtime on 127.0.0.1 (bounded CPUs); yields its resources."""
    ray = import_ray(address)
    if ray.is_initialized():  # a caller (a notebook, a test) is already connected: use that
        yield ray.cluster_resources()
        return
    quiet = {"log_to_driver": False, "logging_level": logging.WARNING}
    if address:
        check_reachable(address)
        try:
            ray.init(address=address, **quiet)
        except Exception as exc:  # ray raises ConnectionError, RuntimeError or its own errors here
            raise StorylineError(BackfillMessages.UNREACHABLE.format(address=address, detail=exc)) from exc
    else:
        cpus = num_cpus or max(1, min(os.cpu_count() or 1, 8))
        ray.init(num_cpus=cpus, include_dashboard=False, _node_ip_address="127.0.0.1",
                 object_store_memory=(object_store_mb or 200) * 1024 * 1024, **quiet)
    try:
        yield ray.cluster_resources()
    finally:
        ray.shutdown()


class Analyser:
    """One actor of the pool: loads the models once, then prepares, analyses and embeds batches of rows."""

    def __init__(self, options: IngestOptions, now: datetime) -> None:
        self.options, self.now = options, now
        warm = [{"input_no": 0, "record_no": 0, "item": '{"raw": ["<warm-up>", "1", "De Noord-Koreaanse leider '
                 'Kim Jong-un ontmoet Donald Trump op 12 juni in Singapore.", null, "2018-05-01", null, null, null, '
                 'null, true]}'}]
        analyse_rows(warm, options, now)  # loads lingua, the entity recogniser and the sentence encoder

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        return pa.Table.from_pylist(analyse_rows(batch.to_pylist(), self.options, self.now), schema=schema())


def _read(row: dict[str, Any], options: IngestOptions) -> list[dict[str, Any]]:
    return list(read_rows(row, options))


def run(locations: list[str], out: Path, options: IngestOptions, now: datetime, *, actors: int | None = None,
        batch_size: int = 64) -> float:
    """Run the pipeline over these files into `out` (replaced); returns the seconds it took."""
    ray = import_ray()
    started = time.perf_counter()
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    if actors is None:
        actors = max(1, int(ray.cluster_resources().get("CPU", 1)))
    items = [{"input_no": n, "location": loc} for n, loc in enumerate(locations)]
    ds = ray.data.from_items(items, override_num_blocks=max(1, min(len(items), 4 * actors)))
    ds = ds.flat_map(_read, fn_kwargs={"options": options}, num_cpus=LIGHT_CPUS)
    ds = ds.map_batches(Analyser, fn_constructor_kwargs={"options": options, "now": now}, batch_size=batch_size,
                        batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=actors),
                        num_cpus=ACTOR_CPUS)
    try:
        ds.write_parquet(str(out), partition_cols=["input_no"], mode="overwrite",
                         ray_remote_args={"num_cpus": LIGHT_CPUS})
    except Exception as exc:
        raise StorylineError(BackfillMessages.PIPELINE.format(detail=f"{type(exc).__name__}: {exc}"[:500])) from exc
    return time.perf_counter() - started
