"""Hostile searches against a real `storyline serve`: does the rest of the server keep answering?

Usage (from the project root; loopback only, stops by itself):

    storyline --db /tmp/dfn.db ingest ../shared/data/dfn/articles.jsonl --raw
    .venv/bin/python benchmarks/hostile_search.py --db /tmp/dfn.db --clients 45 --duration 30

The script starts ``python -m storyline --db DB serve`` (no token) on a free port of 127.0.0.1 and
times ``GET /api/articles?limit=1`` once every `--interval` seconds, first for `--baseline` seconds
on an idle server, then for `--duration` seconds while `--clients` threads send hostile searches back
to back (no think time) to ``/api/search``, ``/api/articles?q=`` and ``/search`` (the page). The
hostile queries are those of issue 14 (``NEAR(a* a* ...)`` of 65 and 155 characters, which took 27 s
each before searches were parsed and budgeted) and the most expensive ones the safe subset still
accepts (four three-letter prefixes and a dozen of the commonest Dutch words, OR-ed). It prints the
probe's p50/p95/p99/max in each phase, and what the hostile requests got (status counts, latency).
Every request has a timeout, every loop ends at its deadline, and the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_test import cpu_seconds, free_port, percentile  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COMMON = "de het een van en in op te is dat die voor".split()
HOSTILE = [
    "NEAR(" + " ".join(["a*"] * 50) + ")",  # 155 characters: 27 s on 4,000 articles before issue 14
    "NEAR(" + " ".join(["a*"] * 20) + ")",  # 65 characters: 45 of these froze the server for 98 s
    "title:a* ^a* NEAR(a* a*, 100)",
    "ver* con* pro* ont*",
    "ver* OR con* OR pro* OR ont* OR " + " OR ".join(COMMON),
    "(" + " OR ".join(COMMON[:6]) + ") NOT (" + " OR ".join(COMMON[6:]) + ")",
    '"de het een van en in op te is dat die voor"',
]
PATHS = ["/api/search?limit=100&q={q}", "/api/articles?limit=200&q={q}", "/search?limit=100&q={q}"]
TIMEOUT = 60.0


def fetch(port: int, path: str) -> tuple[int, float, dict[str, str]]:
    """(status, milliseconds, headers) of one GET on loopback; status 0 when the connection failed."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request("GET", path, headers={"Accept": "application/json"})
        response = conn.getresponse()
        response.read()
        status, headers = response.status, {k.lower(): v for k, v in response.getheaders()}
    except OSError:
        status, headers = 0, {}
    finally:
        conn.close()
    return status, (time.perf_counter() - started) * 1000, headers


def start_server(db: Path, port: int, log_path: Path) -> subprocess.Popen:
    """`storyline serve` on 127.0.0.1:`port`, once it answers /api/health (at most 120 s)."""
    cmd = [sys.executable, "-m", "storyline", "--db", str(db), "serve", "--port", str(port)]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen(cmd, stdout=log_path.open("w"), stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode}); see {log_path}")
        if fetch(port, "/api/health")[0] == 200:
            return server
        time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"the server did not answer within 120 s; see {log_path}")


def probe(port: int, seconds: float, interval: float) -> list[tuple[int, float]]:
    """Time GET /api/articles?limit=1 every `interval` seconds for `seconds`."""
    found = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, ms, _ = fetch(port, "/api/articles?limit=1")
        found.append((status, ms))
        time.sleep(max(0.0, interval - ms / 1000))
    return found


def hostile_client(port: int, n: int, deadline: float, out: list[tuple[str, int, float, str]]) -> None:
    i = n
    while time.monotonic() < deadline:
        query = HOSTILE[i % len(HOSTILE)]
        path = PATHS[(i // len(HOSTILE)) % len(PATHS)].format(q=urllib.parse.quote(query))
        status, ms, headers = fetch(port, path)
        out.append((query, status, ms, headers.get("retry-after", "")))
        i += 1


def figures(samples: list[tuple[int, float]]) -> dict[str, Any]:
    times = [ms for _, ms in samples]
    return {"requests": len(samples), "errors": sum(1 for s, _ in samples if s != 200),
            "p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1),
            "p99_ms": round(percentile(times, 99), 1), "max_ms": round(max(times, default=float("nan")), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a storyline database (e.g. the DFN file ingested)")
    parser.add_argument("--clients", type=int, default=45, help="concurrent hostile search clients (default 45)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of hostile load (default 30, max 600)")
    parser.add_argument("--baseline", type=float, default=5.0, help="seconds of probing an idle server first")
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between two probes (default 0.05)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db} does not exist; ingest the DFN file into it first (see the docstring)")
    duration = min(args.duration, 600.0)
    port = free_port()
    log_path = Path(f"/tmp/storyline-hostile-search-{port}.log")
    server = start_server(args.db, port, log_path)
    try:
        idle = probe(port, args.baseline, args.interval)
        results: list[tuple[str, int, float, str]] = []
        deadline = time.monotonic() + duration
        cpu_before = cpu_seconds(server.pid)
        clients = [threading.Thread(target=hostile_client, args=(port, n, deadline, results), daemon=True)
                   for n in range(args.clients)]
        for client in clients:
            client.start()
        loaded = probe(port, duration, args.interval)
        for client in clients:
            client.join(timeout=TIMEOUT + 5)
        server_cpu = cpu_seconds(server.pid) - cpu_before
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    statuses = Counter(status for _, status, _, _ in results)
    report = {
        "database": str(args.db), "clients": args.clients, "duration_s": duration,
        "probe_idle": figures(idle), "probe_under_load": figures(loaded),
        "hostile": {"requests": len(results), "statuses": dict(sorted(statuses.items())),
                    "p50_ms": round(percentile([ms for _, _, ms, _ in results], 50), 1),
                    "max_ms": round(max((ms for _, _, ms, _ in results), default=float("nan")), 1),
                    "retry_after": sorted({r for _, _, _, r in results if r})},
        "server_cpu_s": round(server_cpu, 1),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"GET /api/articles?limit=1, every {args.interval} s ({args.db}, {args.clients} hostile clients, "
          f"{duration:g} s):")
    print("| phase | requests | errors | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|")
    for name, key in (("idle", "probe_idle"), ("under hostile searches", "probe_under_load")):
        f = report[key]
        print(f"| {name} | {f['requests']} | {f['errors']} | {f['p50_ms']} | {f['p95_ms']} | {f['p99_ms']} | "
              f"{f['max_ms']} |")
    h = report["hostile"]
    print(f"hostile searches: {h['requests']} answered, statuses {h['statuses']}, p50 {h['p50_ms']} ms, "
          f"max {h['max_ms']} ms, Retry-After {h['retry_after']}; server CPU {report['server_cpu_s']} s")


if __name__ == "__main__":
    main()
