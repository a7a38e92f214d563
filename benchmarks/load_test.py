"""Load test of the web app: a real `storyline serve` on loopback, driven by concurrent clients.

Usage (from the project root; build a big store first with benchmarks/load_store.py):

    .venv/bin/python benchmarks/load_test.py --db /tmp/load/storyline.db --users 20 --duration 60
    .venv/bin/python benchmarks/load_test.py --db /tmp/load/storyline.db --tool httpx --json

The script starts ``storyline --db DB serve`` on a free port of 127.0.0.1, measures the first
("cold") answers of the story list and of story pages, warms up, then lets `--users` clients send
requests back to back (no think time unless `--wait`) for `--duration` seconds over:

- ``GET /stories`` (HTML list, pages 1..N) and ``GET /stories?...`` (language, sort, date window,
  text and entity filters),
- ``GET /stories/{id}`` (HTML story page) for the largest stories and a random sample of the rest,
- ``GET /api/stories`` (pages, sorts) and ``GET /api/stories/{id}`` (with its timeline).

It reports, per endpoint, count, errors, p50/p95/p99 in ms and requests/s, with the CPU the server
and the client used and the machine's load (the client shares the cores with the server).

Tools: ``--tool locust`` (default) runs Locust headless (FastHttpUser) with this file as its
locustfile and records every response time through Locust's request event, so percentiles are exact;
``--tool httpx`` is a lean asyncio client (httpx.AsyncClient) inside this process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PLAN_ENV = "STORYLINE_LOAD_PLAN"
OUT_ENV = "STORYLINE_LOAD_OUT"
SEED_ENV = "STORYLINE_LOAD_SEED"
LIST_PAGE_SIZE = 25

# (name, weight): what one client request is, drawn at random with these weights.
MIX = [("GET /stories", 4), ("GET /stories?filter", 2), ("GET /stories/{id} large", 1),
       ("GET /stories/{id} small", 4), ("GET /api/stories", 2), ("GET /api/stories/{id}", 2)]
# Groups of names reported together (the two targets of issue 6 are the story list and a story page).
GROUPS = {"story list (HTML, all)": ("GET /stories", "GET /stories?filter"),
          "story page (HTML, all)": ("GET /stories/{id} large", "GET /stories/{id} small")}


# -- what to request -------------------------------------------------------------------------------

def make_plan(db: Path, large: int, small: int, seed: int) -> dict[str, Any]:
    """Story ids (the `large` biggest and `small` random others), list sizes and filter values, read from `db`."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        sizes = conn.execute("SELECT story_id, count(*) AS n FROM story_assignments GROUP BY story_id "
                             "ORDER BY n DESC, story_id").fetchall()
        if not sizes:
            raise SystemExit(f"{db} has no stories; build it with benchmarks/load_store.py")
        rng = random.Random(seed)
        big = [s for s, _ in sizes[:large]]
        rest = [s for s, _ in sizes[large:]]
        few = rng.sample(rest, min(small, len(rest)))
        marks = ",".join("?" * len(big))
        names = [r[0] for r in conn.execute(
            f"SELECT e.normalized FROM article_entities e JOIN (SELECT article_id FROM story_assignments "
            f"WHERE story_id IN ({marks})) s ON s.article_id = e.article_id GROUP BY e.normalized "
            f"ORDER BY count(*) DESC LIMIT 10", big)]
        marks = ",".join("?" * len(few[:50]))
        titles = [r[0] for r in conn.execute(f"SELECT title FROM stories WHERE id IN ({marks})", few[:50])]
        words = sorted({w for t in titles for w in re.findall(r"[^\W\d_]{6,}", t)})
        years = [r[0] for r in conn.execute(
            "SELECT DISTINCT substr(published_start, 1, 4) FROM articles WHERE published_start IS NOT NULL")]
        stories = len(sizes)
    finally:
        conn.close()
    return {"db": str(db), "stories": stories, "largest": [n for _, n in sizes[:large]],
            "list_pages": max(1, -(-stories // LIST_PAGE_SIZE)), "large": big, "small": few,
            "entities": names or ["Amsterdam"], "words": rng.sample(words, min(30, len(words))) or ["news"],
            "years": sorted(y for y in years if y and y.isdigit())[-30:] or ["2020"]}


def next_request(rng: random.Random, plan: dict[str, Any]) -> tuple[str, str]:
    """(name, path) of the next request a client sends."""
    names = [n for n, _ in MIX]
    name = rng.choices(names, weights=[w for _, w in MIX])[0]
    pages = min(plan["list_pages"], 40)
    if name == "GET /stories":
        page = rng.randint(1, pages)
        return name, "/stories" if page == 1 else f"/stories?page={page}"
    if name == "GET /stories?filter":
        kind = rng.choice(("language", "sort", "window", "q", "entity"))
        if kind == "language":
            query = f"language={rng.choice(('nl', 'en'))}&page={rng.randint(1, 3)}"
        elif kind == "sort":
            query = f"sort=size&page={rng.randint(1, 5)}"
        elif kind == "window":
            year = rng.choice(plan["years"])
            query = f"since={year}-01&until={year}-06"
        elif kind == "q":
            query = f"q={rng.choice(plan['words'])}"
        else:
            query = "entity=" + urllib.parse.quote(rng.choice(plan["entities"]))
        return name, f"/stories?{query}"
    if name == "GET /stories/{id} large":
        return name, f"/stories/{rng.choice(plan['large'])}"
    if name == "GET /stories/{id} small":
        return name, f"/stories/{rng.choice(plan['small'])}"
    if name == "GET /api/stories":
        sort = rng.choice(("recent", "size"))
        return name, f"/api/stories?limit=50&offset={50 * rng.randint(0, pages // 2)}&sort={sort}"
    return name, f"/api/stories/{rng.choice(plan['large'] + plan['small'])}"


# -- Locust (this file is its locustfile when PLAN_ENV is set) ----------------------------------------

if os.environ.get(PLAN_ENV):  # pragma: no cover - runs inside the locust process
    from locust import FastHttpUser, constant, events, task

    _PLAN = json.loads(Path(os.environ[PLAN_ENV]).read_text())
    _RECORDS: list[tuple[str, float, int]] = []
    _RNG = random.Random(int(os.environ.get(SEED_ENV, "1")))

    @events.request.add_listener
    def _record(name: str, response_time: float, exception: Any, **_: Any) -> None:
        _RECORDS.append((name, response_time, 0 if exception is None else 1))

    @events.quitting.add_listener
    def _dump(**_: Any) -> None:
        Path(os.environ[OUT_ENV]).write_text(json.dumps(_RECORDS))

    class StorylineClient(FastHttpUser):
        """One client: requests back to back (or with the configured wait), drawn from MIX."""

        wait_time = constant(float(os.environ.get("STORYLINE_LOAD_WAIT", "0")))

        @task
        def one(self) -> None:
            name, path = next_request(_RNG, _PLAN)
            with self.client.get(path, name=name, catch_response=True,
                                 headers={"Accept": "text/html" if "/api/" not in path else "application/json"}) as r:
                if r.status_code != 200:
                    r.failure(f"status {r.status_code}")


def run_locust(base: str, plan_file: Path, users: int, duration: float, wait: float,
               seed: int) -> tuple[list[tuple[str, float, int]], float]:
    """Run Locust headless; (every (name, ms, error) record, client CPU seconds)."""
    out = plan_file.with_name("records.json")
    env = {**os.environ, PLAN_ENV: str(plan_file), OUT_ENV: str(out), SEED_ENV: str(seed),
           "STORYLINE_LOAD_WAIT": str(wait)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = [str(Path(sys.executable).parent / "locust"), "-f", __file__, "--headless", "--host", base,
           "-u", str(users), "-r", str(users), "-t", f"{int(duration)}s", "--only-summary", "--loglevel", "WARNING",
           "--stop-timeout", "10"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if not out.exists():
        raise SystemExit(f"locust failed (exit {done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return [tuple(r) for r in json.loads(out.read_text())], cpu


# -- lean asyncio client ----------------------------------------------------------------------------

async def _httpx_run(base: str, plan: dict[str, Any], users: int, duration: float, wait: float,
                     seed: int) -> list[tuple[str, float, int]]:
    import httpx

    records: list[tuple[str, float, int]] = []
    deadline = time.perf_counter() + duration
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        async def one_client(n: int) -> None:
            rng = random.Random(seed * 1000 + n)
            while time.perf_counter() < deadline:
                name, path = next_request(rng, plan)
                accept = "text/html" if "/api/" not in path else "application/json"
                started = time.perf_counter()
                try:
                    r = await client.get(path, headers={"Accept": accept})
                    await r.aread()
                    error = int(r.status_code != 200)
                except httpx.HTTPError:
                    error = 1
                records.append((name, (time.perf_counter() - started) * 1000, error))
                if wait:
                    await asyncio.sleep(wait)

        await asyncio.gather(*(one_client(n) for n in range(users)))
    return records


def run_httpx(base: str, plan: dict[str, Any], users: int, duration: float, wait: float,
              seed: int) -> tuple[list[tuple[str, float, int]], float]:
    """Run the asyncio client; (records, client CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    records = asyncio.run(_httpx_run(base, plan, users, duration, wait, seed))
    after = resource.getrusage(resource.RUSAGE_SELF)
    return records, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# -- the server and the machine -----------------------------------------------------------------------

def free_port() -> int:
    """A TCP port of 127.0.0.1 nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, accept: str = "text/html") -> tuple[int, float]:
    """(status, milliseconds) of one GET."""
    started = time.perf_counter()
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=300) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, (time.perf_counter() - started) * 1000


def start_server(db: Path, port: int, log_path: Path, cache: bool = True) -> subprocess.Popen:
    """`storyline serve` on 127.0.0.1:`port` (without kept answers unless `cache`), once it answers /api/health."""
    cmd = [str(Path(sys.executable).parent / "storyline"), "--db", str(db), "serve", "--port", str(port)]
    env = {**os.environ, "STORYLINE_RESPONSE_CACHE": "1" if cache else "0"}
    server = subprocess.Popen(cmd, stdout=log_path.open("w"), stderr=subprocess.STDOUT, env=env)
    deadline = time.time() + 120
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode}); see {log_path}")
        try:
            if get(f"http://127.0.0.1:{port}/api/health", "application/json")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"the server did not answer within 120 s; see {log_path}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU ticks of the whole machine so far (from /proc/stat)."""
    values = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


# -- figures ------------------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summarise(records: list[tuple[str, float, int]], seconds: float) -> dict[str, dict[str, Any]]:
    """Per endpoint (and group, and all): count, errors, p50/p95/p99/max ms, requests/s."""
    by: dict[str, list[tuple[float, int]]] = {}
    for name, ms, error in records:
        by.setdefault(name, []).append((ms, error))
    for group, names in GROUPS.items():
        by[group] = [x for n in names for x in by.get(n, [])]
    by["all"] = [(ms, e) for _, ms, e in records]
    out = {}
    for name, items in by.items():
        times = [ms for ms, _ in items]
        out[name] = {"count": len(items), "errors": sum(e for _, e in items),
                     "p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1),
                     "p99_ms": round(percentile(times, 99), 1), "max_ms": round(max(times), 1) if times else None,
                     "mean_ms": round(statistics.fmean(times), 1) if times else None,
                     "rps": round(len(items) / seconds, 1)}
    return out


def table(stats: dict[str, dict[str, Any]]) -> str:
    """The figures as a Markdown table."""
    lines = ["| endpoint | requests | errors | p50 ms | p95 ms | p99 ms | max ms | req/s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, s in stats.items():
        lines.append(f"| {name} | {s['count']} | {s['errors']} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} | "
                     f"{s['max_ms']} | {s['rps']} |")
    return "\n".join(lines)


def cold_pass(base: str, plan: dict[str, Any], large: int) -> dict[str, list[float]]:
    """First answers of a fresh server: the list, the API list, then the largest stories' pages (ms)."""
    cold: dict[str, list[float]] = {"GET /stories (first)": [get(base + "/stories")[1]],
                                    "GET /api/stories (first)": [get(base + "/api/stories", "application/json")[1]]}
    cold["GET /stories/{id} large (first)"] = [get(f"{base}/stories/{sid}")[1] for sid in plan["large"][:large]]
    cold["GET /stories/{id} small (first)"] = [get(f"{base}/stories/{sid}")[1] for sid in plan["small"][:large]]
    return cold


def main() -> None:
    """Start the server, measure cold answers, warm up, load it, report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--users", type=int, default=20, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--wait", type=float, default=0.0, help="seconds each client waits between requests")
    parser.add_argument("--tool", choices=("locust", "httpx"), default="locust")
    parser.add_argument("--large", type=int, default=10, help="how many of the largest stories to request")
    parser.add_argument("--small", type=int, default=200, help="how many other stories to sample")
    parser.add_argument("--warmup", type=float, default=10, help="seconds of warm-up load (not counted)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-response-cache", action="store_true",
                        help="start the server with STORYLINE_RESPONSE_CACHE=0 (every answer computed)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"database {args.db} does not exist; build it with benchmarks/load_store.py")
    work = Path(tempfile.mkdtemp(prefix="storyline-load-"))
    plan = make_plan(args.db, args.large, args.small, args.seed)
    plan_file = work / "plan.json"
    plan_file.write_text(json.dumps(plan))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.db, port, work / "server.log", cache=not args.no_response_cache)
    try:
        cold = cold_pass(base, plan, args.large)
        runner = run_locust if args.tool == "locust" else run_httpx
        source: Any = plan_file if args.tool == "locust" else plan
        if args.warmup > 0:
            runner(base, source, args.users, args.warmup, args.wait, args.seed + 1)
        load_before, busy_before = os.getloadavg()[0], machine_busy()
        server_before = cpu_seconds(server.pid)
        started = time.perf_counter()
        records, client_cpu = runner(base, source, args.users, args.duration, args.wait, args.seed)
        seconds = time.perf_counter() - started
        server_cpu = cpu_seconds(server.pid) - server_before
        busy_after, load_after = machine_busy(), os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=30)
    cores = os.cpu_count() or 1
    machine_cpu = (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1]) * cores * seconds
    result = {
        "tool": "locust " + _version("locust") if args.tool == "locust" else "httpx " + _version("httpx") + " (asyncio)",
        "db": str(args.db), "articles": _count(args.db), "stories": plan["stories"],
        "largest_stories": plan["largest"], "users": args.users, "wait_s": args.wait,
        "response_cache": not args.no_response_cache,
        "duration_s": round(seconds, 1),
        "machine": {"cores": cores, "load_1min_before": round(load_before, 2), "load_1min_after": round(load_after, 2),
                    "cpu_s_server": round(server_cpu, 1), "cpu_s_client": round(client_cpu, 1),
                    "cpu_s_whole_machine": round(machine_cpu, 1),
                    "cpu_s_others": round(machine_cpu - server_cpu - client_cpu, 1)},
        "cold_ms": {k: [round(x, 1) for x in v] for k, v in cold.items()},
        "endpoints": summarise(records, seconds),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    m = result["machine"]
    print(f"{result['tool']}, {args.users} clients, {seconds:.0f} s, response cache "
          f"{'off' if args.no_response_cache else 'on'}, store {result['articles']} articles / "
          f"{result['stories']} stories (largest {plan['largest'][:3]})")
    print(f"CPU seconds during the run on {cores} cores: server {m['cpu_s_server']}, client {m['cpu_s_client']}, "
          f"other processes {m['cpu_s_others']}; load average {m['load_1min_before']} -> {m['load_1min_after']}")
    print("\ncold (first answers of a fresh server, ms):")
    for name, values in result["cold_ms"].items():
        print(f"  {name}: median {statistics.median(values):.0f}, max {max(values):.0f} (n={len(values)})")
    print()
    print(table(result["endpoints"]))


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _count(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


if __name__ == "__main__":
    main()
