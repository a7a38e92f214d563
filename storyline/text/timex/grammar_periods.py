"""Grammar handlers for periods: decades, centuries, special years, weeks, quarters, seasons and holidays."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .parts import Cand, GrammarReaders, spoken_year, unit_cand, year_value

if TYPE_CHECKING:
    from .grammar import Grammar


class PeriodHandlers(GrammarReaders):
    """Handlers mixed into `Grammar`: they use its lexicon (`self.lex`) and word readers (`self.day`, `self.qual`)."""


    def _year_short_range(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A year range with a two-digit end: "2018-19"."""
        y, y2 = int(m["y"]), int(m["y2"])
        end = y // 100 * 100 + y2
        if end <= y or end - y > 20:
            return None
        return Cand(m.start(), m.end(), value=f"{y:04d}/{end:04d}", precision="year", rank=2)

    def _spoken_year(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A year in words: "nineteen ninety six", "tweeduizend vijftien"."""
        y = spoken_year(m["sp"])
        return Cand(m.start(), m.end(), y=y, rank=2) if y else None

    def _special_year(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """Fiscal, school and calendar years: "fiscal year 2008", "vorig boekjaar"."""
        kind = m["k"].lower()
        prefix = "FY" if kind.startswith(("f", "boek", "gesch")) else "SY" if kind.startswith(("s", "sch")) else ""
        if kind in ("fy", "sy", "cy") and not m["y"]:
            return None
        if m["y"]:
            y = year_value(m["y"])
            return Cand(m.start(), m.end(), value=f"{prefix}{y:04d}" if prefix else None, y=y, precision="year", rank=3)
        if not m["q"] and not prefix:
            return None
        if not m["q"]:
            return Cand(m.start(), m.end(), value=f"{prefix}XXXX", qual="anaphoric", precision="year", rank=3,
                        what=f"{m['k']} without a year")
        q = self.qual(m["q"])
        n = {"past": -1, "recent": -1, "this": 0, "next": 1, "upcoming": 1}.get(q or "", 0)
        c = unit_cand(m.start(), m.end(), "Y", n)
        c.value, c.rank = prefix or None, 3
        return c

    def _decade(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A decade: "de jaren '90", "the 1990s", "nineties"."""
        raw = m["a"] or m["b"]
        if raw is None and m["e"]:
            raw = str(["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                       "nineties"].index(m["e"].lower()) + 2) + "0"
        if raw is None:
            tens = {"twintig": 2, "dertig": 3, "veertig": 4, "vijftig": 5, "zestig": 6, "zeventig": 7, "tachtig": 8,
                    "negentig": 9}[m["w"].lower()]
            raw = f"{tens}0"
        if len(raw) == 2:
            return Cand(m.start(), m.end(), value=f"XX{raw[0]}X", precision="year", need="year", what="decade", rank=2)
        return Cand(m.start(), m.end(), value=f"{raw[:3]}X", precision="year", rank=2)

    def _century(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A century: "15e eeuw", "21st century"."""
        n = self.day(m["n"]) if not m["n"].isdigit() else int(m["n"])
        if not n:
            return None
        return Cand(m.start(), m.end(), value=f"{n - 1:02d}XX", precision="year", rank=2)

    def _year_of(self, m: re.Match[str]) -> tuple[int | None, str | None]:
        """The year of "of 2021" or "of next year" as (year, qualifier)."""
        if m["y"]:
            return int(m["y"][:4]), None
        return None, self.qual(m["q"])

    def _part_of_year(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """The value of the first or last N units of year `y` ("PARTFW2": the first two weeks)."""
        n, u = self.number(m["n"]), self.lex.units[m["u"].lower()]
        if n is None or u not in ("D", "W", "M", "Q"):
            return None
        y, q = self._year_of(m)
        first = m["fl"].lower() in ("first", "eerste", "ersten")
        return Cand(m.start(), m.end(), y=y, qual=q, value=f"PART{'F' if first else 'L'}{u}{int(n)}", precision="day",
                    what="part of a year", rank=4)

    def _month_of_year(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """An ordinal month of a year: "the 9th month of next year"."""
        month = self.day(m["o"])
        if not month or month > 12:
            return None
        y, q = self._year_of(m)
        return Cand(m.start(), m.end(), y=y, qual=q, value=f"{month:02d}", precision="month", what="month", rank=4)

    def _week_number(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A week number: "week 31", "week 1 van 2019"."""
        n = int(m["n"])
        if not 1 <= n <= 53:
            return None
        return Cand(m.start(), m.end(), y=year_value(m["y"]), value=f"W{n:02d}", precision="week", what="week number",
                    rank=2)

    def _nth_week(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """The n-th or last week of a month or year: "de laatste week van juli"."""
        if not (m["m"] or m["y"]):
            return None
        raw = m["o"].lower()
        n = -1 if raw in ("laatste", "last", "letzte") else self.day(raw)
        if not n or n > 5:
            return None
        return Cand(m.start(), m.end(), y=year_value(m["y"]), m=self.month(m["m"]) if m["m"] else None,
                    value=f"NW{n}", precision="week", what="week", rank=3)

    def _quarter(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A quarter or half written short: "Q1 2019", "2017-q1", "2019-h2"."""
        k, n = m["k"].upper(), int(m["n"])
        if k == "H" and n > 2:
            return None
        y = year_value(m["y1"] or m["y2"])
        return Cand(m.start(), m.end(), y=y, value=f"{k}{n}", precision="month", what="quarter", rank=2)

    def _quarter_words(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A quarter in words: "het eerste kwartaal van 2019"."""
        raw = " ".join(m["o"].lower().split())
        n = self.lex.quarter_words.get(raw) or int(raw[0])
        return Cand(m.start(), m.end(), y=year_value(m["y"]), value=f"Q{n}", precision="month", what="quarter", rank=2)

    def _season(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A season: "deze zomer", "summer 2018", "in de winter"."""
        code = self.lex.seasons[m["s"].lower()]
        q = self.qual(m["q"])
        before = text[max(0, m.start() - 12):m.start()].lower()
        if not (q or m["y"] or re.search(r"\b(?:in\s+de|deze|in\s+the|this|im|diesen|hele|whole)\s+$", before)) \
                and (m["s"][0].isupper() and m.start() > 0 or m["s"].lower() == "fall"):
            return None  # "Winter" as a name, "fall" as a verb
        return Cand(m.start(), m.end(), y=year_value(m["y"]), value=code, qual=q, precision="month", what="season", rank=2)

    def _holiday(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A holiday: "Koningsdag", "Christmas 2018", "vorige Pasen"."""
        key = " ".join(m["h"].lower().split())
        return Cand(m.start(), m.end(), y=year_value(m["y"]), holiday=self.lex.holidays[key], qual=self.qual(m["q"]),
                    what="holiday", rank=2)

    def _holiday_weekend(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """The long weekend of a holiday: "labor day weekend"."""
        key = " ".join((m["h"] or m["h2"]).lower().split())
        y = year_value(m["y"] or m["y2"] or m["y3"])
        return Cand(m.start(), m.end(), y=y, holiday=self.lex.holidays[key], qual="weekend", what="holiday weekend",
                    rank=4)

    def _end_of_year(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """The end of this year: "EOY", "end of year"."""
        c = unit_cand(m.start(), m.end(), "Y", 0)
        c.modifier, c.rank = "end", 3
        return c
