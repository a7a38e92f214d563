"""The home page's chart of articles over time: a real time axis, empty months as gaps, outlying years folded away.

>>> axis = month_axis({"1877-03": 1, "2021-11": 4, "2022-01": 2, "unknown": 3})
>>> [(b.period, b.n) for b in axis.bars], axis.before, axis.undated
([('2021-11', 4), ('2021-12', 0), ('2022-01', 2)], Folded(n=1, first='1877', last='1877'), 3)
"""

from __future__ import annotations

from dataclasses import dataclass

FOLD_SHARE = 0.2  # outlying years, together under this share of the dated articles and ...
FOLD_GAP = 2  # ... more than this many years from the rest, are folded away
MAX_MONTH_BARS = 180  # a longer span is shown a bar per year


@dataclass(frozen=True, slots=True)
class Bar:
    """One period on the axis: 'YYYY-MM' (or 'YYYY'), its articles, its height (0..1), whether it opens a year."""

    period: str
    n: int
    height: float
    first_of_year: bool


@dataclass(frozen=True, slots=True)
class Folded:
    """Articles of outlying years left off the axis, and the years they span."""

    n: int
    first: str
    last: str


@dataclass(frozen=True, slots=True)
class Axis:
    bars: list[Bar]
    before: Folded | None
    after: Folded | None
    undated: int
    by_year: bool


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _fold(years: list[tuple[str, int]], total: int) -> tuple[int, list[tuple[str, int]]]:
    """How many of the first `years` (year, articles; only years with articles, in axis order) are outliers: a few
    articles, together under FOLD_SHARE of all, separated from the rest by a gap of more than FOLD_GAP years."""
    cut, running = 0, 0
    for i, (year, n) in enumerate(years[:-1]):
        running += n
        if running >= FOLD_SHARE * total:
            break
        if abs(int(years[i + 1][0]) - int(year)) > FOLD_GAP:
            cut = i + 1
    return cut, years[cut:]


def month_axis(by_month: dict[str, int]) -> Axis:
    """Counts per 'YYYY-MM' (and 'unknown') as bars on a continuous axis; see the module's example."""
    dated = {m: n for m, n in by_month.items() if m != "unknown" and len(m) == 7 and m[4] == "-"}
    undated = by_month.get("unknown", 0)
    if not dated:
        return Axis([], None, None, undated, False)
    total = sum(dated.values())
    per_year: dict[str, int] = {}
    for m, n in dated.items():
        per_year[m[:4]] = per_year.get(m[:4], 0) + n
    years = sorted(per_year.items())
    head, years = _fold(years, total)
    tail, rest = _fold(years[::-1], total)
    years = rest[::-1]
    before = Folded(sum(n for _, n in sorted(per_year.items())[:head]), sorted(per_year)[0],
                    sorted(per_year)[head - 1]) if head else None
    after = Folded(sum(n for _, n in sorted(per_year.items())[-tail:]), sorted(per_year)[-tail],
                   sorted(per_year)[-1]) if tail else None
    kept = sorted(m for m in dated if years[0][0] <= m[:4] <= years[-1][0])
    months = _months(kept[0], kept[-1])
    if len(months) > MAX_MONTH_BARS:
        spans = [(str(y), per_year.get(str(y), 0)) for y in range(int(years[0][0]), int(years[-1][0]) + 1)]
        peak = max(n for _, n in spans) or 1
        return Axis([Bar(y, n, n / peak, True) for y, n in spans], before, after, undated, True)
    peak = max(dated[m] for m in kept) or 1
    bars = [Bar(m, dated.get(m, 0), dated.get(m, 0) / peak, m.endswith("-01") or i == 0) for i, m in enumerate(months)]
    return Axis(bars, before, after, undated, False)
