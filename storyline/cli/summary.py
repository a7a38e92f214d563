"""Compact summaries for the terminal: an archive's months folded into one line per year, durations, stage bars.

>>> rows = months_by_year({"2021-07": 3, "2021-10": 12, "2023-01": 1, "unknown": 4})
>>> [(r.year, r.articles, r.months, r.busiest) for r in rows]
[('2021', 15, '· · · · · · ▂ · · █ · ·', '2021-10'), ('2023', 1, '▁ · · · · · · · · · · ·', '2023-01'), ('undated', 4, '', '')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

BLOCKS = " ▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class YearRow:
    """One year of an archive: its articles, a bar per month (January first), its busiest month."""

    year: str
    articles: int
    months: str
    busiest: str


def months_by_year(by_month: dict[str, int]) -> list[YearRow]:
    """Counts per month ('YYYY-MM', and 'unknown' for undated articles) as one row per year, oldest first."""
    years: dict[str, list[int]] = {}
    for month, n in by_month.items():
        if month != "unknown" and len(month) >= 7 and month[5:7].isdigit() and 1 <= int(month[5:7]) <= 12:
            years.setdefault(month[:4], [0] * 12)[int(month[5:7]) - 1] += n
    peak = max((n for counts in years.values() for n in counts), default=0) or 1
    rows = []
    for year in sorted(years):
        counts = years[year]
        bars = " ".join("·" if n == 0 else BLOCKS[max(1, round(8 * n / peak))] for n in counts)
        top = max(range(12), key=lambda i: counts[i])
        rows.append(YearRow(year, sum(counts), bars, f"{year}-{top + 1:02d}"))
    if by_month.get("unknown"):
        rows.append(YearRow("undated", by_month["unknown"], "", ""))
    return rows


def format_seconds(seconds: float) -> str:
    """A duration for people: "0.4s", "12s", "3m 05s", "1h 02m".

    >>> format_seconds(0.42), format_seconds(12.3), format_seconds(185), format_seconds(3720)
    ('0.4s', '12s', '3m 05s', '1h 02m')
    """
    if seconds < 10:
        return f"{seconds:.1f}s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m {whole % 60:02d}s"
    return f"{whole // 3600}h {whole % 3600 // 60:02d}m"


@contextmanager
def stage_bar() -> Iterator[Callable[[str, int, int | None], None]]:
    """A progress bar on standard error for the stages after reading; yields the callback the stages report to
    (stage name, done, total or None): count, total and time left when the total is known, elapsed time always."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from . import console

    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), TimeElapsedColumn(), console=console(stderr=True), transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def tell(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:  # a stage of its own: its total and its clock start afresh
                for earlier in tasks.values():
                    bar.update(earlier, visible=False)
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)

        yield tell


def bars_wanted(quiet: bool = False, as_json: bool = False) -> bool:
    """Progress bars go to standard error, only on a terminal, never with --json or --quiet."""
    import sys

    return not quiet and not as_json and sys.stderr.isatty()


@contextmanager
def stage_progress(show: bool) -> Iterator[Callable[[str, int, int | None], None] | None]:
    """`stage_bar`'s callback when `show`, else None (the library then reports to nobody)."""
    if not show:
        yield None
        return
    with stage_bar() as tell:
        yield tell
