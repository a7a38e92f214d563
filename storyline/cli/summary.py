"""Compact summaries for the terminal: an archive's months folded into one line per year.

>>> rows = months_by_year({"2021-07": 3, "2021-10": 12, "2023-01": 1, "unknown": 4})
>>> [(r.year, r.articles, r.months, r.busiest) for r in rows]
[('2021', 15, '· · · · · · ▂ · · █ · ·', '2021-10'), ('2023', 1, '▁ · · · · · · · · · · ·', '2023-01'), ('undated', 4, '', '')]
"""

from __future__ import annotations

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
