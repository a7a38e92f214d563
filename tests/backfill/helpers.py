"""What must be equal between a backfilled and a plainly ingested database (SQL kept inside the store helpers)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from storyline.config import IngestOptions
from storyline.ingest.inputs import expand
from storyline.store import stories as q
from storyline.store.sqlite import Store


def snapshot(store: Store) -> dict[str, Any]:
    """Articles, sources, input order, rejections, annotations and story assignments, comparable with ==."""
    conn = store.conn
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY seq")]
    return {
        "content": store.dump(),
        "order": ids,
        "rejections": sorted(tuple(r) for r in conn.execute("SELECT source, code, reason FROM rejections")),
        "entities": sorted(tuple(r) for r in conn.execute("SELECT * FROM article_entities")),
        "mentions": sorted(tuple(r) for r in conn.execute("SELECT * FROM article_time_mentions")),
        "analysed": sorted(tuple(r) for r in conn.execute("SELECT article_id, backend FROM article_analysis")),
        "stories": sorted(tuple(r) for r in conn.execute(
            "SELECT article_id, event_id, story_id FROM story_assignments")),
        "timelines": sorted(r[0] for r in conn.execute("SELECT story_id FROM story_timelines")),
    }


def embeddings_close(a: Store, b: Store) -> bool:
    """Same articles embedded, vectors equal up to float rounding (batching changes the last bits)."""
    ids = [r[0] for r in a.conn.execute("SELECT article_id FROM article_embeddings ORDER BY article_id")]
    other = [r[0] for r in b.conn.execute("SELECT article_id FROM article_embeddings ORDER BY article_id")]
    if ids != other:
        return False
    va, vb = q.embeddings(a, ids), q.embeddings(b, ids)
    return all(np.allclose(va[i], vb[i], atol=1e-5) for i in ids)


def local_shards(paths: list[str], out: Path, options: IngestOptions, now: datetime, batch: int = 8) -> None:
    """Shards as the Ray pipeline writes them (input_no=K/ folders), made in this process with the same stage
    functions: the load can be tested without a Ray cluster."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from storyline.backfill.stages import analyse_rows, read_rows, schema

    rows = [r for n, loc in enumerate(i.location for i in expand(paths))
            for r in read_rows({"input_no": n, "location": loc}, options)]
    done = [a for s in range(0, len(rows), batch) for a in analyse_rows(rows[s:s + batch], options, now)]
    pq.write_to_dataset(pa.Table.from_pylist(done, schema=schema()), str(out), partition_cols=["input_no"])


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        kids = [p for p, parent in parents.items() if parent == pid and p not in found]
        found.update(kids)
        todo += kids
    return found


def listening_addresses(root: int) -> set[str]:
    """The local addresses on which `root` or any process below it listens for TCP connections (Linux /proc)."""
    inodes: set[str] = set()
    for pid in _descendants(root) | {root}:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                try:
                    target = str(fd.readlink())
                except OSError:
                    continue
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    found: set[str] = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # LISTEN
                found.add(_address(fields[1].split(":")[0], width))
    return found


def _address(hexaddr: str, width: int) -> str:
    import ipaddress

    raw = bytes.fromhex(hexaddr)
    if width == 8:
        return str(ipaddress.IPv4Address(raw[::-1]))
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    addr = ipaddress.IPv6Address(words)
    return str(addr.ipv4_mapped or addr)


def actor_processes(title: str) -> list[int]:
    """Pids of processes whose command line (Ray's process title) contains `title`."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if title in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids
