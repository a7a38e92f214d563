"""Streaming stability: ingest and cluster a long stream chunk by chunk; is the rate flat and memory bounded?

    .venv/bin/python benchmarks/cluster_stream.py --articles 100000 --chunk 1000 [--keep DB] [--no-analyse]
        [--retire-after-days DAYS|off] [--retire-events-after-days DAYS|off] [--distinct-replicas [--mark-function-words]]
        [--sizes N]
        [--profile K,K,... --profile-dir DIR] [--tracemalloc K,K,...] [--trim] [--warm-main-encoder]

The DFN file is replicated to N articles (`replicate` of benchmarks/ingest_throughput.py: every replica gets new
ids, URLs and marked words, so nothing is a duplicate) with its dates shifted: replica k moves s·k years back
(s = 8, or less for more than 26 replicas: the store treats a date before 1800 as unknown, and most DFN articles
are from 2004-2021, so the most shifted replica must stay after 1800), and the replicas are streamed oldest
first, so the stream runs forward in time like a live feed while the archive grows. With the default replicas
the stories never end: the unmarked words and names of a replica are those of the one before, so nearly every
article joins the story of the same article in the previous replica. `--distinct-replicas` also marks every
capitalised word (names) of the title and text and every third other word inside the word, function words apart,
each word with three letters of the replica's own (`word_mark`), so each replica's names and many of its terms are
its own and its articles form stories of their own, as a real archive's stories end (one replica clustered alone
forms about the source's stories: `benchmarks/replica_stories.py`); the
summary counts the stories that span replicas. Every chunk goes through the normal path, `Archive.ingest(chunk_file, cluster=True)` (clean, detect,
store, the text stage, embed, assign, refine, timelines); `--no-analyse` runs ingest, embed and assign only. Prints the
rate of every chunk, the rate over the first and the last 10,000 articles and their ratio, and the peak
resident memory of all processes (sampled every 0.2 s).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import itertools
import json
import os
import pstats
import re
import shutil
import sys
import tempfile
import time
import zlib
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest_throughput import DFN, MemorySampler, process_tree_stats, replica_row  # noqa: E402

import storyline  # noqa: E402
from storyline.cluster.embed import embed  # noqa: E402
from storyline.cluster.features import _NOT_NAMES, STOPWORDS  # noqa: E402
from storyline.ingest.dates import MIN_YEAR, parse_published  # noqa: E402  (an earlier date is stored as unknown)
from storyline.store.listing import source_rows  # noqa: E402
from storyline.store.stories import assignments  # noqa: E402

SHIFT_YEARS = 8
_OLDEST_BULK = 2004  # most DFN articles are from 2004-2021


def shift_years(replicas: int) -> int:
    """Years between replicas: 8, or as many as keep the most shifted replica's bulk after 1800.

    >>> shift_years(6), shift_years(51)
    (8, 4)
    """
    return min(SHIFT_YEARS, (_OLDEST_BULK - MIN_YEAR) // max(1, replicas - 1))


_YEAR_RE = re.compile(r"^(\d{4})")


def shifted(row: dict, years: int) -> dict:
    """The record with its publication year moved `years` back (a date ingest stores as unknown left as it is).

    A date ingest stores as unknown (a placeholder, a missing one, one in the future) stays unknown in every replica:
    the DFN file has three articles dated 2032-2036, which moved 8 or more years back became valid dates 11-15 years
    after the rest of their replica, so the stream clock jumped there and every story of the replica left the active
    window at once (until 2026-12-05).

    Every real year moves, those before 1900 too: the DFN file has three articles dated 1877-1899, which stayed
    where they were while the replicas' bulk moved up to 200 years back, so they held the stream clock decades
    ahead of the first replicas of a 200,000-article stream and no story of those retired (the clock decides).

    The years of a dated URL path (/2009/07/20/) and of a web archive's capture stamp move too: ingest checks a
    date against its URL's (`storyline.ingest.dates.reconcile_with_url`) and put a replica dated years from its
    URL back at the URL's date, so every replica landed on the source's own dates and stories never retired.

    A post on Twitter/X is dated by the time its id holds, which moves too (`_shifted_id`).

    >>> shifted({"published": "2009-07-20", "url": "https://web.archive.org/web/20090819051121/http://x.org/2009/07/20/a"}, 8)
    {'published': '2001-07-20', 'url': 'https://web.archive.org/web/20010819051121/http://x.org/2001/07/20/a'}
    """
    published = row.get("published") or ""
    match = _YEAR_RE.match(published)
    if years and match and parse_published(published, now=datetime.now(UTC)).start_utc is not None:
        row = dict(row, published=f"{int(match.group(1)) - years:04d}{published[4:]}")
    if years and row.get("url"):
        url = _URL_YEAR_RE.sub(lambda m: f"{m[1]}{int(m[2]) - years:04d}", row["url"])
        row = dict(row, url=_TWEET_ID_RE.sub(lambda m: m[1] + _shifted_id(int(m[2]), years), url))
    return row


# A post's id holds the time it was written (`storyline.ingest.dates.tweet_time`), which ingest prefers to any other
# date: it moves with the replica, or is dropped when moved before the ids held a time (2010).
_TWEET_ID_RE = re.compile(r"((?:twitter|x)\.com/\w+/status(?:es)?/)(\d{15,20})", re.IGNORECASE)
_SNOWFLAKE_EPOCH_MS = 1288834974657


def _shifted_id(post: int, years: int) -> str:
    """A post id whose time is `years` (of 365.25 days) earlier; "0" when that falls before 2010.

    >>> _shifted_id(997809089541058617, 1)  # 19 May 2018 12:00 UTC, one year back
    '865446921630658617'
    """
    ms = (post >> 22) - round(years * 365.25 * 86_400_000)
    return str((ms << 22) | (post & ((1 << 22) - 1))) if ms > 0 else "0"


# Every year ingest reads in an address (`storyline.ingest.dates.url_dates`): a path segment of its own (/2009/07/20/,
# /2019/nov/18/, /2007/US/weather/12/17/, /2015/5/31/, a year alone: /events/2008/snow/) and a web archive's capture
# stamp (/web/20090819051121/). Until 2026-12-05 only /YYYY/MM/ with a two-digit month moved, which ingest read
# alone before it learnt the other forms: 191 of the 3,370 dated DFN articles in every replica went back to the source's
# own date (the stream clock at 2021 from the first chunk, every replica's URL-dated articles in the same decade).
_URL_YEAR_RE = re.compile(r"(/web/|/)((?:19|20)\d\d)(?=/|\d{4,10}[a-z_]*/)")


_TOKEN = re.compile(r"\w+")
_REPLICA_ID = re.compile(r"(?:-r|#r)(\d+)$")  # a replica's id or URL (see `replica_row`)


# Function words stay as they are in a distinct replica (storyline's own lists: the clusterer leaves them out
# of its vectors, and the names out of its names): marked, they became terms and names found in every article of
# the replica, which made most of a replica one story (see `benchmarks/replica_stories.py`).
FUNCTION_WORDS = STOPWORDS | _NOT_NAMES
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def word_mark(word: str, replica: int) -> str:
    """Three letters of the replica's own for `word` (any case alike): one word, one mark in a replica, so its
    counts are the source word's; no mark common to a replica's words, which the sentence encoder would find
    in all of its articles and so bring them closer than the source's articles are.

    >>> word_mark("Malaysia", 2) == word_mark("malaysia", 2) != word_mark("Malaysia", 3), len(word_mark("MH17", 2))
    (True, 3)
    """
    h = zlib.crc32(f"{replica}:{word.lower()}".encode())
    return "".join(_LETTERS[(h >> s) % 26] for s in (0, 8, 16))


def distinct_text(text: str, mark: str | int, keep: frozenset[str] = FUNCTION_WORDS) -> str:
    """A mark appended inside every capitalised word and every third other word (the tokens change, not just the
    punctuation after them), except the words of `keep` (lower-cased; default: function words). `mark`: a
    replica number (each word its own mark, `word_mark`), or one mark for every word (as before 2026-12-05).

    >>> distinct_text("De MH17 van Malaysia Airlines stortte neer in Oekraïne.", "q2", frozenset())  # (before)
    'Deq2 MH17q2 vanq2 Malaysiaq2 Airlinesq2 stortte neer inq2 Oekraïneq2.'
    >>> distinct_text("De MH17 van Malaysia Airlines stortte neer in Oekraïne.", 2)
    'De MH17hun van Malaysiabze Airlinestqt storttewrl neer in Oekraïnerly.'
    """
    counter = itertools.count()

    def sub(m: re.Match) -> str:
        word = m.group(0)
        if word.lower() in keep:
            return word
        if not (word[0].isupper() or next(counter) % 3 == 0):
            return word
        return word + (word_mark(word, mark) if isinstance(mark, int) else mark)

    return _TOKEN.sub(sub, text)


def distinct_row(row: dict, replica: int) -> dict:
    """Replica `replica` of a record with names and terms of its own (0: the record itself): see `distinct_text`."""
    if not replica:
        return row
    return dict(replica_row(row, replica), title=f"{distinct_text(row['title'], replica)} ({replica})",
                text=distinct_text(row["text"], replica))


def distinct_row_all_words(row: dict, replica: int) -> dict:
    """A distinct replica as `--distinct-replicas` made it before 2026-12-05: one mark, function words marked too."""
    if not replica:
        return row
    mark = f"q{replica}"
    return dict(replica_row(row, replica), title=f"{distinct_text(row['title'], mark, frozenset())} ({replica})",
                text=distinct_text(row["text"], mark, frozenset()))


def distinct_row_one_mark(row: dict, replica: int) -> dict:
    """A distinct replica with function words left alone but one mark for every word (measured 2026-12-05)."""
    if not replica:
        return row
    mark = f"q{replica}"
    return dict(replica_row(row, replica), title=f"{distinct_text(row['title'], mark)} ({replica})",
                text=distinct_text(row["text"], mark))


def replica_of(source: str) -> int:
    """The replica number of a stream article's source id or URL (0: the source's own)."""
    found = _REPLICA_ID.search(source)
    return int(found.group(1)) if found else 0


def stories_across_replicas(placed: list[tuple[str, str]]) -> dict[str, int]:
    """How many stories hold articles of more than one replica, and how many articles those stories hold, from
    (source id or URL, story id) pairs.

    >>> stories_across_replicas([("a", "s1"), ("a-r1", "s1"), ("b", "s2"), ("b-r1", "s3")])
    {'stories': 3, 'stories_across_replicas': 1, 'articles_in_them': 2}
    """
    replicas: dict[str, set[int]] = {}
    sizes: dict[str, int] = {}
    for source, story_id in placed:
        replicas.setdefault(story_id, set()).add(replica_of(source))
        sizes[story_id] = sizes.get(story_id, 0) + 1
    across = [s for s, r in replicas.items() if len(r) > 1]
    return {"stories": len(replicas), "stories_across_replicas": len(across),
            "articles_in_them": sum(sizes[s] for s in across)}


def stream_file(source: Path, target: Path, total: int, distinct: bool = False, step: int | None = None,
                function_words: bool = False) -> int:
    """Write `total` replicated articles to `target`, the most shifted replica first (a stream forward in time).

    The articles are those `replicate` writes (replicas 0, 1, ... of the source, the last one cut at `total`),
    generated replica by replica, so that only the source is held in memory: the benchmark's peak memory is
    the stream's, not the generator's. `distinct`: replicas with names and terms of their own (`distinct_row`;
    with `function_words`, function words marked too, as before 2026-12-05: `distinct_row_all_words`);
    `step`: years between replicas (default: `shift_years`).
    """
    make = (distinct_row_all_words if function_words else distinct_row) if distinct else replica_row
    rows = [json.loads(line) for line in source.open(encoding="utf-8")]
    replicas = -(-total // len(rows))
    step = shift_years(replicas) if step is None else step
    with target.open("w", encoding="utf-8") as out:
        for k in reversed(range(replicas)):
            for row in rows[:total - k * len(rows)]:
                out.write(json.dumps(shifted(make(row, k), step * k), ensure_ascii=False) + "\n")
    return total


def rate(chunks: list[tuple[int, float]], first: bool, n: int = 10_000) -> float:
    """Articles per second over the first (or last) `n` articles of the stream, from (articles, seconds) per chunk."""
    picked, done = [], 0
    for articles, seconds in (chunks if first else reversed(chunks)):
        if done >= n:
            break
        picked.append((articles, seconds))
        done += articles
    total = sum(a for a, _ in picked)
    seconds = sum(s for _, s in picked)
    return total / seconds if seconds else 0.0


def tree_cpu_seconds() -> float:
    """CPU seconds (user + system) used so far by this process and its live descendants (the worker pool), and by
    their descendants that ended and were waited for (workers replaced by fresh ones: their CPU moves to the fork
    server's children's times, which until 2026-12-05 were not counted: no worker ended during a stream then)."""
    return sum(sum(map(int, f[11:15])) for f in process_tree_stats(os.getpid())) / os.sysconf("SC_CLK_TCK")


def print_profile(profiler: cProfile.Profile, path: Path, chunk: int) -> None:
    """Write a chunk's profile to `path` and print its 25 costliest functions by own time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(str(path))
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
    print(f"profile of chunk {chunk} ({path}):\n{out.getvalue()}", flush=True)


def trace_growth(before: object, chunk: int) -> object:
    """Start tracing the main process's allocations (the first call), or print the 30 allocation sites that
    grew most since the snapshot `before` (4 frames), with the traced total and the process's RSS; returns the new snapshot."""
    import gc
    import tracemalloc

    from cluster_memory import main_rss_mb

    gc.collect()
    if not tracemalloc.is_tracing():
        tracemalloc.start(4)
        print(f"tracemalloc started after chunk {chunk}", flush=True)
        return tracemalloc.take_snapshot()
    snap = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    assert isinstance(before, tracemalloc.Snapshot)
    diff = snap.compare_to(before, "traceback")
    traced = sum(s.size for s in snap.statistics("filename")) / 1e6
    print(f"tracemalloc after chunk {chunk}: traced {traced:.1f} MB, main RSS {main_rss_mb():.1f} MB; grew since:",
          flush=True)
    for stat in diff[:30]:
        print(f"  {stat.size_diff / 1e6:+8.2f} MB {stat.count_diff:+8d} blocks  " +
              " <- ".join(f"{f.filename.rsplit('/', 2)[-1]}:{f.lineno}" for f in stat.traceback), flush=True)
    return snap


def print_sizes(archive: storyline.Archive, articles: int) -> None:
    """One JSON line: the clusterer's structure sizes (MB) and every process's RSS and PSS after `articles`."""
    from cluster_memory import main_rss_mb, process_pss_mb, process_rss_mb, structure_sizes

    cached = next(iter(importlib.import_module("storyline.cluster.assign")._CACHE.values()), None)
    sizes = structure_sizes(cached[0]) if cached is not None else {}
    print("sizes " + json.dumps({"articles": articles, "main_rss_mb": main_rss_mb(), "rss_mb": process_rss_mb(),
                                     "pss_mb": process_pss_mb(),
                                     "workers_recycled": getattr(archive._pool, "recycled", None),
                                     **sizes}), flush=True)


def main() -> None:
    """Run the stream and print one line per chunk, then a JSON summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=1000)
    parser.add_argument("--source", type=Path, default=DFN)
    parser.add_argument("--keep", type=Path, default=None, metavar="DB", help="write the database here and keep it")
    parser.add_argument("--no-analyse", action="store_true", help="ingest, embed and assign only: leave the text stage (entities) and timelines out")
    parser.add_argument("--retire-after-days", default=None, metavar="DAYS|off",
                        help="the clusterer's retire_after_days (default: the Weights default; off: never retire)")
    parser.add_argument("--retire-events-after-days", default=None, metavar="DAYS|off",
                        help="the clusterer's retire_events_after_days (default: the Weights default; off: never)")
    parser.add_argument("--distinct-replicas", action="store_true",
                        help="replicas with names and terms of their own, which form stories of their own (default: "
                             "the replicas of an article join one story, which never ends)")
    parser.add_argument("--mark-function-words", action="store_true",
                        help="with --distinct-replicas: the replicas the option made before 2026-12-05 (one mark for "
                             "every word, function words marked too: most of a replica then formed one story, see "
                             "benchmarks/replica_stories.py)")
    parser.add_argument("--shift-years", type=int, default=None, metavar="N",
                        help="years between replicas (default: 8, fewer beyond 26 replicas; 4 is the 200,000 stream's)")
    parser.add_argument("--sizes", type=int, default=0, metavar="N",
                        help="every N chunks, print the MB of each clusterer structure and each process's RSS")
    parser.add_argument("--profile", default=None, metavar="K,K,...",
                        help="profile these chunks (1 = the first) of the main process with cProfile, in CPU seconds "
                             "(wall time counts the waits of a busy machine): each writes chunk<K>.pstats into "
                             "--profile-dir and prints its 25 costliest functions (own time)")
    parser.add_argument("--profile-dir", type=Path, default=Path("."), metavar="DIR")
    parser.add_argument("--trim", action="store_true",
                        help="after every chunk, hand the main process's free heap memory back (glibc malloc_trim) "
                             "and print its RSS before and after (an experiment)")
    parser.add_argument("--warm-main-encoder", action="store_true",
                        help="load the sentence encoder in the main process before the stream, as every run did "
                             "until 2026-12-05 (session 16): about 120 MB that a real ingest's main process does not "
                             "hold (the workers embed; the fork server loads their models in the first chunk "
                             "either way); the summary says whether the main process loaded it")
    parser.add_argument("--tracemalloc", default=None, metavar="K,K,...",
                        help="trace the main process's allocations (tracemalloc, 4 frames) from the first of these "
                             "chunks on and, after each, print what grew since the one before (largest first) and the "
                             "traced total against the process's RSS (slows the main process about 2-3 times)")
    args = parser.parse_args()
    swapped = {name: None if value == "off" else float(value)
               for name, value in (("retire_after_days", args.retire_after_days),
                                   ("retire_events_after_days", args.retire_events_after_days)) if value is not None}
    if not args.source.exists():
        sys.exit(f"benchmark input {args.source} is missing: it needs ../shared/data (the DFN file)")
    work = Path(tempfile.mkdtemp(prefix="storyline-stream-"))
    data = work / "stream.jsonl"
    total = stream_file(args.source, data, args.articles, args.distinct_replicas, args.shift_years,
                        args.mark_function_words)
    with args.source.open(encoding="utf-8") as f:
        source_rows_count = sum(1 for _ in f)
    db = args.keep or work / "stream.db"
    if args.warm_main_encoder:  # (what every run did until 2026-12-05, session 16)
        embed(["warm-up"])
    sampler = MemorySampler()
    sampler.start()
    profiled = {int(k) for k in args.profile.split(",")} if args.profile else set()
    traced = sorted(int(k) for k in args.tracemalloc.split(",")) if args.tracemalloc else []
    snapshot = None
    chunks: list[tuple[int, float]] = []
    cpu_chunks: list[tuple[int, float]] = []  # (articles, CPU seconds of all processes): a rate a busy machine keeps
    started = time.perf_counter()
    # (the archive's settings, not a swapped default: the archive passes its [cluster] settings to the clusterer)
    with storyline.open(db, cluster=swapped) as archive, data.open(encoding="utf-8") as stream:
        for n, start in enumerate(range(0, total, args.chunk)):
            part = work / f"chunk{n}.jsonl"
            part.write_text("".join(itertools.islice(stream, args.chunk)), encoding="utf-8")
            profiler = cProfile.Profile(time.process_time) if n + 1 in profiled else None  # (CPU, not wall)
            t0, c0 = time.perf_counter(), tree_cpu_seconds()
            if profiler is not None:
                profiler.enable()
            if args.no_analyse:
                report = archive.after_ingest(archive.ingest(part), cluster=True, analyse=False, timelines=False)
            else:
                report = archive.ingest(part, cluster=True)
            if profiler is not None:
                profiler.disable()
            seconds, cpu = time.perf_counter() - t0, tree_cpu_seconds() - c0
            if profiler is not None:
                print_profile(profiler, args.profile_dir / f"chunk{n + 1}.pstats", n + 1)
            part.unlink()
            if args.trim:
                import ctypes

                from cluster_memory import main_rss_mb

                before_trim = main_rss_mb()
                ctypes.CDLL("libc.so.6").malloc_trim(0)
                print(f"malloc_trim: main RSS {before_trim:.1f} -> {main_rss_mb():.1f} MB", flush=True)
            count = min(args.chunk, total - start)
            chunks.append((count, seconds))
            cpu_chunks.append((count, cpu))
            print(f"articles {start + 1:>7}-{start + count:<7} {count / seconds:7.1f}/s  accepted {report.accepted:>5}  "
                  f"rss {sampler.peak:7.0f} MB  cpu {cpu:6.1f} s  load {os.getloadavg()[0]:5.1f}", flush=True)
            if args.sizes and (n + 1) % args.sizes == 0:
                print_sizes(archive, start + count)
            if traced and n + 1 in traced:
                snapshot = trace_growth(snapshot, n + 1)
        wall = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        placed = [(r["article_id"], r["story_id"]) for r in assignments(archive.store)]
        urls = {a: url or "" for a, _, url, _ in source_rows(archive.store, [a for a, _ in placed])}  # (store ids
        across = stories_across_replicas([(urls.get(a, ""), s) for a, s in placed])  # are hashes; URLs say the replica)
    first, last = rate(chunks, True), rate(chunks, False)
    print(json.dumps({"articles": total, "chunk": args.chunk, "analyse": not args.no_analyse,
                      "distinct_replicas": args.distinct_replicas, "mark_function_words": args.mark_function_words,
                      "shift_years": args.shift_years or shift_years(-(-total // source_rows_count)),
                      "swapped_weights": swapped, **across,
                      "seconds": round(wall, 1), "articles_per_second": round(total / wall, 1),
                      "first_10k_per_second": round(first, 1), "last_10k_per_second": round(last, 1),
                      "last_over_first": round(last / first, 3) if first else None,
                      "first_10k_per_cpu_second": round(rate(cpu_chunks, True), 1),
                      "last_10k_per_cpu_second": round(rate(cpu_chunks, False), 1),
                      "last_over_first_cpu": round(rate(cpu_chunks, False) / rate(cpu_chunks, True), 3)
                      if rate(cpu_chunks, True) else None,
                      "peak_rss_mb_all_processes": round(sampler.peak, 1),
                      "peak_pss_mb_all_processes": round(sampler.peak_pss, 1),
                      "main_process_loaded_the_encoder": importlib.import_module("storyline.cluster.embed")._MODEL
                      is not None}, indent=2))
    if args.keep is None:
        shutil.rmtree(work)
    else:
        data.unlink()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
