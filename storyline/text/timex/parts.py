"""The pieces the time-expression grammar is built from: candidates, trigger kinds, years in words, values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import EN, NL

if TYPE_CHECKING:
    from .lexicon import Lexicon


class GrammarReaders:
    """What the handler mixins (`grammar_time`, `grammar_periods`) use of `Grammar`, which mixes
    them in: its lexicon and its word readers (declared for the type checker; nothing at run time)."""

    if TYPE_CHECKING:  # provided by `Grammar`, which mixes this class in
        lex: Lexicon

        def number(self, word: str | None) -> float | None: ...
        def day(self, word: str) -> int | None: ...
        def month(self, word: str) -> int: ...
        def qual(self, word: str | None) -> str | None: ...


@dataclass(slots=True)
class Cand:
    """A candidate time expression: a span and what it means, resolved later against the reference."""

    start: int
    end: int
    kind: str = "date"                  # date, time, duration, set
    y: int | None = None                # absolute parts, possibly partial ("12 juni": m=6, d=12)
    m: int | None = None
    d: int | None = None
    weekday: int | None = None
    qual: str | None = None             # past, recent, this, next, upcoming, week:-1, year:-1 …
    rel: tuple[str, float] | None = None  # ("D", -2): a shift of the reference
    span: tuple[str, float, str] | None = None  # ("D", 3, "next"): the next/last N units
    value: str | None = None            # a value that needs no resolution (durations, sets, fixed years)
    precision: str | None = None
    modifier: str | None = None
    need: str | None = None             # the reference precision a relative value needs
    what: str = "expression"            # for the reason when unresolved
    hm: tuple[int, int] | None = None   # time of day
    sec: int | None = None              # seconds, when given
    part: str | None = None             # part of the day: MO, AF, EV, NI
    ampm: str | None = None
    holiday: str | None = None
    rank: int = 0                       # tie-break: higher wins among equally long candidates
    parts: list[Cand] = field(default_factory=list)  # the ends of a range


# The trigger kinds every match of a handler's pattern contains (d digit, m month, w weekday, u unit, r relative
# day, h holiday, s season, e set word, p day part, x special word): patterns run only near such triggers.
# The trigger kinds every match of a handler's pattern contains (d digit, m month, w weekday, u unit, r relative
# day, h holiday, s season, e set word, p day part, x special word): patterns run only near such triggers.
NEEDS = {
    "_dmy": "m", "_mdy": "m", "_numeric": "d", "_ymd": "d", "_numeric_dm": "d", "_month_qual": "dm",
    "_month_year": "m", "_month": "m", "_year": "d", "_spoken_year": "x", "_year_short_range": "d",
    "_special_year": "xu", "_decade": "dx", "_century": "u", "_weekday": "w", "_week_weekday": "w",
    "_relative_day": "r", "_relative_unit": "u", "_modified_unit": "u", "_day_of_month": "u", "_anaphoric": "u",
    "_ago": "u", "_in": "u", "_span": "u", "_part_of_year": "u", "_month_of_year": "u", "_week_number": "u",
    "_nth_week": "u", "_quarter": "d", "_quarter_words": "u", "_season": "s", "_holiday": "h",
    "_holiday_weekend": "h", "_end_of_year": "xu", "_day_only": "d", "_duration": "u", "_set": "wu",
    "_set_word": "e", "_clock": "d", "_hour": "dux", "_half": "x", "_quarter_past": "dux", "_named_time": "x",
    "_day_part": "pwrx", "_hour_part": "p", "_numeric_dm_de": "d",
}
KIND_CODES = {"digit": "d", "month": "m", "weekday": "w", "unit": "u", "rel": "r", "hol": "h", "season": "s",
              "setw": "e", "part": "p", "special": "x"}
TRIGGER_WORDS = ("am pm o'clock oclock uhr half halb kwart quarter jaren nineties eighties seventies sixties fifties forties thirties twenties "
                  "noon midnight midday middernacht mitternacht fy sy cy eoy year-end jaareinde boekjaar schooljaar "
                  "fiscal fiscale fiscaal school schuljahr geschäftsjahr thousand tweeduizend negentienhonderd "
                  "achttienhonderd zeventienhonderd twintighonderd nineteen eighteen seventeen twenty").split()
_EN_TWO = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)"
_NL_TWO = r"(?:(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën))?(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien|een|twee|drie|vier|vijf|zes|zeven|acht|negen"
SPOKEN_YEAR = (rf"(?:seventeen|eighteen|nineteen|twenty)\s+(?:hundred\s+(?:and\s+)?)?{_EN_TWO}|two\s+thousand(?:\s+(?:and\s+)?{_EN_TWO})?"
                rf"|(?:zeventien|achttien|negentien|twintig)honderd\s*(?:{_NL_TWO})|tweeduizend(?:\s*(?:en\s+)?(?:{_NL_TWO}))?")


def spoken_year(words: str) -> int | None:
    """A year written in words: "nineteen ninety six", "two thousand and fifteen", "tweeduizend vijftien".

    >>> spoken_year("nineteen ninety six"), spoken_year("two thousand and twenty"), spoken_year("negentienhonderd zesennegentig")
    (1996, 2020, 1996)
    """
    w = " ".join(words.lower().replace("-", " ").split())
    table = {**NL.cardinals, **EN.cardinals}
    if m := re.fullmatch(r"(two thousand|tweeduizend)(?: ?(?:and |en )?(.+))?", w):
        rest = _words_number(m[2], table) if m[2] else 0
        return 2000 + rest if rest is not None and rest < 100 else None
    if m := re.fullmatch(r"(seventeen|eighteen|nineteen|twenty|zeventien|achttien|negentien|twintig)(?: ?hundred(?: and)?| ?honderd)? ?(.+)", w):
        rest = _words_number(m[2], table)
        return table[m[1]] * 100 + rest if rest is not None and rest < 100 else None
    return None


def _words_number(words: str, table: dict[str, int]) -> int | None:
    """A number of one or two number words ("ninety six", "zesennegentig"), else None."""
    words = words.strip()
    if words in table:
        return table[words]
    parts = words.split()
    if len(parts) == 2 and all(p in table for p in parts):
        return table[parts[0]] + table[parts[1]]
    return None


def year_value(raw: str | None) -> int | None:
    """A year from digits ("'87" -> 1987) or words."""
    if not raw:
        return None
    if raw[0].isalpha():
        return spoken_year(raw)
    raw = raw.lstrip("'’")
    y = int(raw)
    if len(raw) == 2:
        y += 1900 if y > 30 else 2000
    return y


def unit_cand(start: int, end: int, unit: str, n: int) -> Cand:
    """A candidate for "this/last/next <unit>", shifted by n units."""
    need = {"W": "day", "FN": "day", "WE": "day", "M": "month", "Q": "month"}.get(unit, "year")
    name = {"W": "week", "FN": "fortnight", "WE": "weekend", "M": "month", "Q": "quarter", "Y": "year", "DEC": "decade", "C": "century"}
    return Cand(start, end, rel=(unit, float(n)), need=need, what=f"relative {name[unit]}",
                precision={"W": "week", "WE": "day", "M": "month", "Q": "month"}.get(unit, "year"), rank=2)


def shift_cand(start: int, end: int, unit: str, n: float, rank: int) -> Cand:
    """A candidate for a date shifted by n units from the publication date."""
    return Cand(start, end, rel=(unit, n), need="shift", what="relative date", precision="day", rank=rank)


def duration_value(unit: str, n: float) -> str:
    """A TIMEX/ISO 8601 duration: P2W, PT3H, P1.5Y."""
    num = f"{n:g}"
    code = {"D": "D", "W": "W", "M": "M", "Y": "Y", "Q": "M", "DEC": "Y", "C": "Y", "FN": "W"}.get(unit)
    if code:
        factor = {"Q": 3, "DEC": 10, "C": 100, "FN": 2}.get(unit, 1)
        return f"P{n * factor:g}{code}"
    return f"PT{num}{ {'H': 'H', 'MIN': 'M', 'S': 'S'}[unit] }"


