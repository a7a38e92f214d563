"""Grammar handlers for clock times, durations and sets ("om half acht", "20.00 uur", "twee weken", "elke maandag")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .parts import Cand, GrammarReaders, duration_value

if TYPE_CHECKING:
    from .grammar import Grammar


class TimeHandlers(GrammarReaders):
    """Handlers mixed into `Grammar`: they use its lexicon (`self.lex`) and number reading (`self.number`)."""


    def _duration(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A duration: "twee weken", "drie uur", "a fortnight", "anderhalf jaar"."""
        word = m["u"].lower()
        u = self.lex.units.get(word, "FN" if word == "fortnight" else "QH")
        raw = m.groupdict().get("n")
        n = 0.5 if raw and raw.lower().split()[-1] == "half" else self.number(raw) if raw else 1.0
        if n is None or u == "WE" or re.match(r"-?old\b|-\w|\s+old\b", text[m.end():m.end() + 5]):
            return None  # "a 65 year-old man" is an age
        if u == "S" and raw and raw.lower() in ("a", "an", "een") and not re.match(
                r"\s*(?:[.,;:!?)]|$|later|ago|before|after|geleden|lang|long)", text[m.end():m.end() + 8]):
            return None  # "a second round"
        if u == "QH":
            u, n = "MIN", n * 15
        if u == "FN":
            u, n = "W", n * 2
        if u in ("H", "MIN", "S") and n != int(n):
            u, n = {"H": ("MIN", n * 60), "MIN": ("S", n * 60), "S": ("S", n)}[u]
        return Cand(m.start(), m.end(), kind="duration", value=duration_value(u, n), rank=0)

    def _set(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A recurring time: "elke maandag", "every 2 weeks"."""
        x = m["x"].lower()
        n = self.number(m["n"]) if m["n"] else 1
        if x in self.lex.weekdays:
            return Cand(m.start(), m.end(), kind="set", value=f"XXXX-WXX-{self.lex.weekdays[x]}", rank=2)
        u = self.lex.units[x]
        if u == "WE":
            return Cand(m.start(), m.end(), kind="set", value="XXXX-WXX-WE", rank=2)
        return Cand(m.start(), m.end(), kind="set", value=duration_value(u, n or 1), rank=2)

    def _set_word(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A recurring time in one word: "dagelijks", "weekly"."""
        return Cand(m.start(), m.end(), kind="set", value=self.lex.set_words[" ".join(m["x"].lower().split())], rank=2)

    # -- handlers: times ----------------------------------------------------------------------------

    def _time(self, m: re.Match[str], h: int, mi: int, rank: int = 2) -> Cand | None:
        """A time candidate from an hour and minutes, with am/pm or a part of the day applied."""
        ap = (m.groupdict().get("ap") or "").lower().replace(".", "").replace(" ", "")
        dp = m.groupdict().get("dp") or m.groupdict().get("dp0")
        part = self.lex.day_parts.get(" ".join(dp.lower().split())) if dp else None
        if ap == "pm" or part == "pm" and h < 12:
            h = h + 12 if h < 12 else h
        if ap == "am" and h == 12:
            h = 0
        if part == "night" and h == 12:
            h = 0
        if not (0 <= h <= 24 and 0 <= mi < 60):
            return None
        sec = int(m["s"]) if m.groupdict().get("s") else None
        return Cand(m.start(), m.end(), kind="time", hm=(h % 24, mi), sec=sec, ampm=ap or part, precision="time",
                    rank=rank)

    def _hour_value(self, raw: str) -> int | None:
        """An hour from a numeral or number word (0-24), else None."""
        n = self.number(raw)
        return int(n) if n is not None and n == int(n) and 0 <= n <= 24 else None

    def _clock(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A clock time: "20.00 uur", "om 8:00", "3:15 pm" ("2.50" only with a cue)."""
        if m["sep"] == "." and not (m["pre"] or m["hw"] or m["ap"] or m["dp"] or m["dp0"]) and (
                m["mi"] != "00" or re.search(r"[€$£]\s*$", text[max(0, m.start() - 2):m.start()])
                or re.match(r"\s*(?:%|procent|percent|euro|dollar|miljoen|million|mln|mld)", text[m.end():m.end() + 10], re.I)):
            return None  # "2.50" is a price more often than a time; "20.00" is a time
        return self._time(m, int(m["h"]), int(m["mi"]), rank=3)

    def _hour(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A whole hour: "om zeven uur", "3 pm" ("drie uur" alone is a duration in Dutch)."""
        h = self._hour_value(m["h"])
        if h is None:
            return None
        ranged = re.search(r"\b\d{1,2}(?:[:.]\d\d)?\s*(?:tot|en|-|–|bis|und)\s*$", text[max(0, m.start() - 12):m.start()])
        if m["hw"] and not (m["pre"] or m["dp"] or m["dp0"] or m["ap"] or ranged) and self.lex.lang != "en":
            return None  # "drie uur" alone is a duration ("drie uur lang")
        return self._time(m, h, 0)

    def _half(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """Half hours: "half acht" (7:30), "half past seven"."""
        h = self._hour_value(m["h"])
        if h is None or h > 12:
            return None
        if self.lex.lang == "en":  # half past seven
            minute, hour = 30, h
        else:  # half acht = 7:30
            minute, hour = 30, (h - 1) % 12
            if hour == 0 and h == 1:
                hour = 12 if not m["pre"] else 0
        if m["mq"]:
            q = 15 if m["mq"].lower().endswith(("kwart", "quarter")) else self._hour_value(m["mq"]) or 0
            minute += q if m["dir"].lower() in ("over", "past", "nach") else -q
        if not m["pre"] and not m["dp"] and self.lex.lang == "nl" and not m["mq"] and m["h"][0].isdigit():
            return None  # "half 8" is rare; "half acht" is a time
        return self._time(m, hour, minute)

    def _quarter_past(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """Quarter hours: "kwart over acht", "quarter to five"."""
        h = self._hour_value(m["h"])
        if h is None or h > 12:
            return None
        q = 15 if m["mq"].lower().endswith(("kwart", "quarter")) else self._hour_value(m["mq"])
        if q is None or q >= 30 or not (m["pre"] or m["dp"] or m["mq"].lower().endswith(("kwart", "quarter"))):
            return None
        if (m["pre"] or "").lower() == "from" and m["dir"].lower() == "to" and m["mq"][:1].isdigit():
            return None  # "from 9 to 12 June": a range of numbers, not nine minutes to twelve
        if m["dir"].lower() in ("over", "past", "nach"):
            return self._time(m, h, q)
        return self._time(m, (h - 1) % 24, 60 - q)

    def _hour_part(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """ "6 's middags", "7 in the evening": a bare hour with a part of the day."""
        h = self._hour_value(m["h"])
        return self._time(m, h, 0) if h is not None and 1 <= h <= 12 else None

    def _day_part(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """ "vanavond", "zondagmiddag", "tomorrow morning", "'s avonds": a day (or none) and a part of it."""
        lex = self.lex
        last = m["p4"]
        if last and (m["last"].lower() == "last") == (lex.lang == "en"):
            code = "NI" if last.lower() == "night" else "EV"
            return Cand(m.start(), m.end(), kind="time", rel=("D", -1.0), need="day", part=code,
                        what="part of a day", precision="time", rank=4)
        if last:
            return None
        if m["p3"]:
            code = {"am": "MO", "pm": "AF", "night": "NI"}[lex.day_parts[" ".join(m["p3"].lower().split())]]
            word = m["p3"].lower()
            code = "EV" if re.search(r"avond|evening|abend", word) else code
            if "tonight" in word or "this" in word:
                return Cand(m.start(), m.end(), kind="time", rel=("D", 0.0), need="day", part=code, what="part of a day",
                            precision="time", rank=3)
            return Cand(m.start(), m.end(), kind="time", part=code, precision="time", rank=3)
        base, part = (m["base"], m["p"]) if m["base"] else (m["base2"], m["p2"])
        code = lex.parts_of_day[part.lower()]
        b = base.lower()
        q = self.qual(m["q"] or m["q2"])
        if b in lex.weekdays:
            return Cand(m.start(), m.end(), kind="time", weekday=lex.weekdays[b], qual=q, part=code, what="weekday",
                        precision="time", rank=4)
        n: int | None = 0
        if b != "this":
            n = lex.part_bases.get(b, lex.relative_days.get(b))
        if n is None:
            return None
        return Cand(m.start(), m.end(), kind="time", rel=("D", float(n)), need="day", part=code, what="part of a day",
                    precision="time", rank=4)

    def _named_time(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """Noon and midnight."""
        h = 12 if m["w"].lower() in ("noon", "midday") else 0
        return Cand(m.start(), m.end(), kind="time", hm=(h, 0), precision="time", rank=2)
