"""The Ray backfill on a two-node Ray cluster on this machine (loopback only), against a plain ingest.

One cluster serves the module (starting one takes ~15 s); each node has one CPU and 150 MB of object store.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

import storyline
from storyline.backfill import backfill
from storyline.backfill.partitioned import cluster_partitioned
from storyline.errors import StorylineError
from storyline.store import stories as q
from storyline.store.sqlite import Store

from .conftest import SAMPLE
from .helpers import actor_processes, embeddings_close, listening_addresses, snapshot

ray = pytest.importorskip("ray", reason="Ray is not installed: pip install -c requirements.lock -e '.[distributed]'")
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # a hang guard; a loaded machine makes Ray slow
NODE = {"num_cpus": 1, "object_store_memory": 150 * 2**20, "node_ip_address": "127.0.0.1"}


@pytest.fixture(scope="module")
def cluster():
    from ray._private import ray_constants
    from ray.cluster_utils import Cluster

    assert not ray_constants.ENABLE_RAY_CLUSTER, "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0 was set after Ray was imported"
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    c = Cluster(initialize_head=True, connect=False, head_node_args={**NODE, "include_dashboard": False})
    c.add_node(**NODE)
    c.wait_for_nodes()
    yield c
    if ray.is_initialized():
        ray.shutdown()
    c.shutdown()


def test_the_cluster_has_two_nodes_on_loopback_and_listens_nowhere_else(cluster) -> None:
    ray.init(address=cluster.address, log_to_driver=False)
    try:
        nodes = [n for n in ray.nodes() if n["Alive"]]
        assert len(nodes) == 2
        assert {n["NodeManagerAddress"] for n in nodes} == {"127.0.0.1"}
    finally:
        ray.shutdown()
    listening = listening_addresses(os.getpid())
    assert listening and listening <= {"127.0.0.1", "::1"}, listening


def test_backfill_gives_what_plain_ingest_gives(cluster, plain_db: Path, tmp_path: Path) -> None:
    with storyline.open(tmp_path / "bf.db") as archive:
        report = backfill(archive, [SAMPLE], address=cluster.address, shards=tmp_path / "shards", batch_size=8)
        got = snapshot(archive.store)
        with Store(plain_db) as plain:
            want = snapshot(plain)
            assert embeddings_close(archive.store, plain)
    assert report.articles == len(want["order"]) and report.local_analyses == 0 and not report.reused_shards
    assert got == want
    assert (tmp_path / "shards" / "articles" / "input_no=0").is_dir()
    with storyline.open(tmp_path / "bf.db") as archive:  # rerun: the shards are reused, nothing is added twice
        again = backfill(archive, [SAMPLE], address="127.0.0.1:1", shards=tmp_path / "shards")
        assert again.reused_shards and again.ingest.accepted == 0 and again.assigned == 0
        assert snapshot(archive.store) == want


def test_partitioned_backfill_runs_the_partitions_as_ray_tasks(cluster, tmp_path: Path) -> None:
    """--partition month: the partitions are clustered as Ray tasks on the cluster, then stitched on the driver;
    the stories are those of the same partitioned clustering run in this process."""
    with storyline.open(tmp_path / "bf.db") as archive:
        report = backfill(archive, [SAMPLE], address=cluster.address, shards=tmp_path / "shards", batch_size=8,
                          partition="month")
        got = _story_groups((r["article_id"], r["story_id"]) for r in q.assignments(archive.store))
    assert report.partition == "month" and report.partitions > 2 and report.assigned == report.articles > 0
    with storyline.open(tmp_path / "local.db") as archive:
        archive.ingest(SAMPLE, cluster=False, analyse=False, workers=1)
        local = cluster_partitioned(archive.store, q.unassigned_ids(archive.store), "month", write=False)
    assert got == _story_groups((p.article_id, p.story_id) for p in local.placements)
    with storyline.open(tmp_path / "bf.db") as archive:  # rerun: nothing to cluster, no cluster needed
        again = backfill(archive, [SAMPLE], address="127.0.0.1:1", shards=tmp_path / "shards", partition="month")
        assert again.reused_shards and again.assigned == 0


def _story_groups(pairs) -> set[frozenset[str]]:
    stories: dict[str, set[str]] = {}
    for article, story in pairs:
        stories.setdefault(story, set()).add(article)
    return {frozenset(s) for s in stories.values()}


def test_a_worker_killed_mid_run_costs_time_not_articles(cluster, plain_db: Path, tmp_path: Path) -> None:
    killed: list[int] = []
    stop = threading.Event()

    def kill_a_busy_analyser() -> None:
        # Wait until an analyser actor is running a batch (Ray titles its process "...).submit" then: its models
        # are loaded and rows are under way), then kill it the hard way, as a lost node or an OOM kill would.
        while not stop.is_set() and not killed:
            for pid in actor_processes("MapBatches(Analyser)).submit"):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                break
            time.sleep(0.05)

    watcher = threading.Thread(target=kill_a_busy_analyser, daemon=True)
    watcher.start()
    try:
        with storyline.open(tmp_path / "bf.db") as archive:
            backfill(archive, [SAMPLE], address=cluster.address, shards=tmp_path / "shards", batch_size=4)
            got = snapshot(archive.store)
    finally:
        stop.set()
        watcher.join()
    assert killed, "no analyser actor was seen running a batch"
    with Store(plain_db) as plain:
        assert got == snapshot(plain)
    assert len(got["order"]) == len(set(got["order"]))


def test_an_unreachable_cluster_is_a_clear_error_within_seconds(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port on loopback that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    with storyline.open(tmp_path / "bf.db") as archive, pytest.raises(StorylineError, match="cannot reach the Ray"):
        backfill(archive, [SAMPLE], address=f"127.0.0.1:{port}", shards=tmp_path / "shards")
    assert time.monotonic() - started < 10
    assert not (tmp_path / "shards" / "backfill.json").exists()
