"""Shared pieces of the per-article speed benchmarks (text_speed.py, timex_speed.py): options and timing loop."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sized
from typing import Any, TypeVar

T = TypeVar("T")


def parse_args(description: str, *, dfn_help: str, limit: int, limit_help: str, repeat_help: str) -> argparse.Namespace:
    """The options every speed benchmark takes: --dfn, --limit, --repeat and --json."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--dfn", action="store_true", help=dfn_help)
    parser.add_argument("--limit", type=int, default=limit, help=limit_help)
    parser.add_argument("--repeat", type=int, default=3, help=repeat_help)
    parser.add_argument("--json", action="store_true", help="Print JSON.")
    return parser.parse_args()


def timed(run: Callable[[], Any]) -> float:
    """Wall-clock seconds of one call of `run` (for one-off costs such as a first call that loads data)."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def best_of(repeat: int, run: Callable[[], T]) -> tuple[float, float, T | None]:
    """The best wall-clock and the best CPU seconds over `repeat` calls of `run`, and what its last call returned."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = run()
        best, best_cpu = min(best, time.perf_counter() - t0), min(best_cpu, time.process_time() - c0)
    return best, best_cpu, result


def corpus_figures(articles: Sized, words: int) -> dict[str, Any]:
    """The size of the timed corpus: articles, words and mean words per article."""
    return {"articles": len(articles), "words": words, "mean_words": round(words / len(articles))}


def ms_per_article(seconds: float, articles: Sized) -> float:
    """`seconds` over all articles as milliseconds per article."""
    return round(1000 * seconds / len(articles), 3)


def ms_per_500_words(seconds: float, words: int) -> float:
    """`seconds` over `words` words as milliseconds per 500-word article."""
    return round(1000 * seconds * 500 / words, 3)
