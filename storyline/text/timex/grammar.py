"""Patterns that find time-expression candidates in one language, each with a handler that reads its parts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from .grammar_periods import PeriodHandlers
from .grammar_time import TimeHandlers
from .lexicon import LEXICONS, Lexicon, alternation
from .parts import (
    KIND_CODES,
    NEEDS,
    SPOKEN_YEAR,
    TRIGGER_WORDS,
    Cand,
    shift_cand,
    unit_cand,
    year_value,
)
from .required import required

Handler = Callable[[re.Match[str], "Grammar", str], "Cand | None"]
_YEAR = r"(?:1[0-9]\d\d|20\d\d|21\d\d)(?![\d])"  # spoken years are added to the date patterns below
# Words that follow a year ("in 2000 werd", "2007 and 2009", "since 2010 the"); another lowercase word after a
# bare four-digit number means it counts something ("2000 extra banen"), unless a temporal preposition precedes.
_YEAR_FOLLOWERS = frozenset("""
    en of tot t/m was werd werden waren is zijn had hadden heeft hebben kwam kwamen begon begonnen eindigde nog al toen
    bij in op na voor de het een als met om maar want dus zei zeiden ging gingen wordt worden ook niet tegen gaat zal
    zullen moet moeten kan kunnen wil willen vond vonden stond stonden lag lagen dan door uit over zag werd sinds tussen
    and or to was were is are has have had when in on at the a an as with but so after before he she they it we i
    that which who since during until till by from for of than while his her their its this these there not also
    through thru onward onwards later earlier tot en
    und oder bis war waren ist sind hat haben wurde wurden im am an der die das ein eine mit nach vor seit für von zu
""".split())
_TIME_PREP_BEFORE = re.compile(r"(?:\b(?:in|sinds|tot|van|na|voor|vanaf|begin|eind|medio|jaar|since|until|from|by|"
                               r"after|before|during|early|late|mid|year|im|seit|bis|ab|nach|vor|jahr|en|and|und|"
                               r"tussen|between|zwischen|through|thru|"
                               r"of|or|oder)\s+|[-–/]\s*)$", re.I)
# Nouns after "op de 5e" that make it a rank, not a day of the month.
_ORDINAL_NOUNS = (r"plaats|plek|positie|keer|ronde|etappe|verdieping|minuut|dag|week|maand|jaar|eeuw|editie|rij|"
                  r"place|time|round|floor|minute|day|week|month|year|century|edition|row|amendment|anniversary|"
                  r"verjaardag|jubileum|tee|hole|lap|ronde|set|game|inning|spot|seed|stage|goal|doelpunt")
_PREP_BEFORE_BARE_MONTH = re.compile(
    r"(?:\b(?:in|of|since|until|till|from|to|by|before|after|early|late|mid|last|next|this|during|"
    r"van|na|voor|sinds|tot|vanaf|begin|eind|half|medio|eind|midden|tussen|between|im|seit|bis|ab|nach|vor|"
    r"anfang|ende|mitte|vorige|volgende|deze|afgelopen|komende|aanstaande)\s+|-)$", re.I)
_COUNT_BEFORE_YEAR = re.compile(r"(?:[€$£#]\s*|\b(?:nr|nummer|no|ruim|bijna|zo'n|circa|ca|ongeveer|about|nearly|"
                                r"almost|some|over|around|meer\s+dan|minder\s+dan|more\s+than|less\s+than|"
                                r"zeker|pagina|page|blz|artikel|article|code|route|flight|vlucht)\.?\s+)$",
                                re.I)
_UNIT_AFTER_YEAR = re.compile(r"^\s*(?:%|procent|percent|euro|dollar|pond|mensen|people|km|kilometer|meter|mijl|"
                              r"miles|kilo|ton|soldaten|troops|doden|deaths|leden|members|stemmen|votes|keer|times|"
                              r"[a-z]+ers?\b(?<!later)(?<!after)(?<!over))", re.I)
# a unit of share after a number, or after the number a range joins to it ("2.5 to 10 %", "5,3 en 7 procent")
_SHARE_AFTER = re.compile(r"\s*(?:(?:to|and|-|–|tot|en|bis|und|à|et)\s*\d+(?:[.,]\d+)?\s*)?"
                          r"(?:%|per\s?cent\b|procent\b|pct\b|prozent\b|pour\s?cent\b)", re.I)
# English months that are also first names: alone (no preposition before), followed by a surname, by "and" and another
# name, or by a parenthesis, they name a person
_NAME_MONTHS = frozenset({"april", "june", "august"})
_MONTH_WORDS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_NAME_AFTER = re.compile(rf"\s*\(|\s+(?:(?:and|&)\s+)?(?!{_MONTH_WORDS})[A-Z][a-z]")
# or after another first name and "and" ("parents Barry and June"), or after a relative and a comma ("his mother,
# June, said")
_NAME_BEFORE = re.compile(rf"(?:\b(?!{_MONTH_WORDS})[A-Z][a-z]+\s+(?:and|&)|\b(?:mother|father|wife|husband|daughter|"
                          r"son|sister|brother|aunt|uncle|widow|widower|grandmother|grandfather|niece|nephew|"
                          r"partner|girlfriend|boyfriend|fiancée?|friend)\s*,)\s+$")


# "Haiti's worst in two centuries", "the biggest drop in 20 years": "in" + a duration after a superlative is no
# date ahead (words ending in -est that are no superlatives are left out)
_SUPERLATIVE_BEFORE = re.compile(
    r"(?:\b(?:the|its|their|his|her|our)|['’]s)\s+"
    r"(?:(?!(?:west|rest|test|protest|interest|request|contest|quest|guest|chest|harvest|forest|arrest|inquest)\b)"
    r"\w+est|worst|best|most\s+\w+)(?:\s+\w+)?\s+$", re.I)


# English "in" + a duration looks back far more often than ahead: "the deadliest attack in France in four decades",
# "his first victory in 44 years", "in 35 years as an MP", "has been generated in 6 weeks". It is a date ahead only
# with a sign of the future in its clause ("will meet again in two weeks", "to run for reelection in four years",
# "in two weeks' time"); for years, decades and centuries that sign is required.
_CLAUSE_END = re.compile(r"[.;:!?,()\u2014\u2013\"“”]|\n")
_LOOKS_BACK = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|only|once|again|"
    r"record|worst|best|most|least|(?!(?:west|rest|test|protest|interest|request|contest|quest|guest|chest|harvest|"
    r"forest|arrest|inquest|honest|modest|manifest|suggest|digest|invest)\b)\w+est)\b", re.I)
_LOOKS_AHEAD = re.compile(
    r"\b(?:will|won['’]t|wo\s+n['’]t|shall|would|going\s+to|gonna|to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b)"
    r"[a-z]+|plans?|planned|expected|expects|aims?|hopes?|could|may|might|should|must|next|soon)\b|['’]ll\b", re.I)
_PAST_AUX = re.compile(r"\b(?:has|have|had|hasn['’]t|haven['’]t|hadn['’]t|was|were|wasn['’]t|weren['’]t)\b", re.I)


def _english_in_ahead(text: str, start: int, end: int, unit: str) -> bool:
    """Whether English "in" + a duration (text[start:end]) names a date ahead, not a stretch looked back on."""
    after = text[end:end + 16]
    if re.match(r"['’]s?\s+time\b|\s+(?:time|from\s+now)\b", after, re.I):
        return True  # "in two weeks' time", "in five years from now"
    if re.match(r"\s+(?:ago|earlier|before|prior|of|as|on\s+the|in\s+(?:office|power|prison|jail))\b", after, re.I):
        return False  # "moved in three weeks ago", "in four months of protests", "in 35 years as an MP"
    clause = _CLAUSE_END.split(text[max(0, start - 120):start])[-1]
    ahead = bool(_LOOKS_AHEAD.search(clause))
    if _LOOKS_BACK.search(clause) and not (ahead and unit not in ("Y", "DEC", "C")):
        return False
    if unit in ("Y", "DEC", "C"):
        return ahead
    return ahead or not _PAST_AUX.search(clause)


class Grammar(TimeHandlers, PeriodHandlers):
    """The compiled patterns of one language."""

    def __init__(self, lex: Lexicon) -> None:
        """Compile the patterns and the trigger words of `lex`."""
        self.lex = lex
        self.mon = (rf"(?:{alternation(lex.full_months)}|(?:{alternation(m for m in lex.months if m not in lex.full_months)})"
                    rf"\.?)")
        self.wd = alternation(lex.weekdays)
        words = {**lex.cardinals}
        self.card_words = alternation(w for w in words if " " not in w or lex.lang != "en") or "x^"
        day_words = alternation(w for w, n in {**lex.cardinals, **lex.ordinals}.items()
                                if n <= 31 and w not in ("a", "an", "paar", "few", "een paar", "a few", "ein", "eine"))
        self.ordw = alternation(lex.ordinals)
        self.dayn = rf"(?:\d{{1,2}}(?!\d){lex.day_suffix}|{day_words})"
        self.num = rf"(?:\d+(?:[.,]\d+)?|{self.card_words}|anderhalve|anderhalf|one\s+and\s+a\s+half)"
        self.unit = alternation(lex.units)
        self.q_all = rf"{lex.past}|{lex.this}|{lex.next}|{lex.upcoming}"
        self.of = r"van|of|des|des\s+monats|im"
        self.det = lex.det
        self.patterns: list[tuple[re.Pattern[str], Handler]] = []
        self.needs: list[str] = []  # per pattern: the trigger kinds one of which every match contains
        self._build()
        # per pattern: a search for the pieces every match contains, run first on the lower-cased window (required.py)
        self.required = [required(pattern) for pattern, _ in self.patterns]
        self.by_code: dict[str, list[int]] = {}  # a trigger kind and the patterns (indices, in order) that need it
        for i, needs in enumerate(self.needs):
            for code in dict.fromkeys(needs):
                self.by_code.setdefault(code, []).append(i)
        kinds: dict[str, Iterable[str]] = {"month": lex.months, "weekday": lex.weekdays, "unit": lex.units, "rel": lex.relative_days,
                 "hol": lex.holidays, "season": lex.seasons, "setw": lex.set_words,
                 "part": [*lex.day_parts, *lex.parts_of_day,
                          *(b + p for b in [*lex.part_bases, *lex.weekdays] for p in lex.parts_of_day)],
                 "special": TRIGGER_WORDS}
        self.trigger_kinds: dict[str, str] = {}  # a trigger word and the kinds it belongs to ("day": unit, holiday)
        for kind, members in kinds.items():
            for word in members:
                last = re.split(r"[\s'’-]", word.lower())[-1]  # "o'clock" is found as "clock"
                self.trigger_kinds[last] = self.trigger_kinds.get(last, "") + KIND_CODES[kind]
        self.triggers = re.compile(rf"\d+|(?<![^\W\d_])(?:{alternation(self.trigger_kinds)})(?![^\W\d_])", re.I)

    # -- helpers ------------------------------------------------------------------------------------

    def number(self, word: str | None) -> float | None:
        """The value of a number word or numeral ("twee", "21", "1,5", "anderhalf")."""
        if word is None:
            return None
        w = " ".join(word.lower().split())
        if w in ("anderhalf", "anderhalve", "one and a half"):
            return 1.5
        if re.fullmatch(r"\d+(?:[.,]\d+)?", w):
            return float(w.replace(",", "."))
        if w in self.lex.cardinals:
            return float(self.lex.cardinals[w])
        return None

    def day(self, word: str) -> int | None:
        """A day of the month from "12", "12e", "12th", "twaalfde", "twelfth"."""
        w = " ".join(word.lower().split()).rstrip(".")
        if m := re.match(r"\d{1,2}", w):
            n = int(m.group(0))
        else:
            n = self.lex.ordinals.get(w) or self.lex.cardinals.get(w) or 0
        return n if 1 <= n <= 31 else None

    def month(self, word: str) -> int:
        """The month number of a month name or abbreviation."""
        return self.lex.months[word.lower().rstrip(".")]

    def qual(self, word: str | None) -> str | None:
        """past, recent, this, next or upcoming for a qualifier word."""
        if not word:
            return None
        w = " ".join(word.lower().split())
        lex = self.lex
        if re.fullmatch(lex.upcoming, w):
            return "upcoming"
        if w in ("afgelopen", "this past", "past", "vergangene", "vergangenen", "vergangener", "vergangenes"):
            return "recent"
        for name in ("past", "this", "next"):
            if re.fullmatch(getattr(lex, name), w):
                return name
        return None

    def add(self, pattern: str, handler: Handler, needs: str | None = None) -> None:
        """Register a pattern (case-insensitive, on word boundaries) with its handler and trigger kinds."""
        self.patterns.append((re.compile(rf"(?<!\w)(?:{pattern})(?![\w])", re.I), handler))
        self.needs.append(needs or NEEDS[handler.__name__])

    # -- the patterns -------------------------------------------------------------------------------

    def _build(self) -> None:
        """Register every pattern of the language with its handler."""
        lex, mon, dayn, num, unit, det = self.lex, self.mon, self.dayn, self.num, self.unit, self.det
        year = rf"{_YEAR}|{SPOKEN_YEAR}"
        # day month [year]: "12 juni", "1 juni 2018", "de 9e van mei", "12th of June, 2018", "2. Oktober"
        self.add(rf"(?:(?:{det})\s+)?(?P<d>{dayn})\s*(?:(?:{self.of})\s+)?(?P<m>{mon})"
                 rf"(?:\s*,?\s*(?:(?:{self.of}|in)\s+)?(?P<y>{year}|'\d\d|(?<=of\s)\d\d(?!\d)))?", self._dmy)
        # month day [year]: "June 12", "june 12th, 2018", "november de 15e", "april the ninth"
        comma = r"\s*,?\s*" if lex.lang == "en" else r"\s+"
        self.add(rf"(?P<m>{mon}){comma}(?P<det>(?:{det})\s+)?(?P<d>{dayn})(?!\s*(?:{unit}|:|\.\d))"
                 rf"(?:\s*,?\s*(?:(?:{self.of})\s+)?(?P<y>{year}))?", self._mdy)
        # numeric dates with a year: 12-06-2018, 22/01/2016, 1.5.2019, 6/12/18
        self.add(r"(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?![.,]?\d)", self._numeric)
        self.add(r"(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![.,]?\d)", self._ymd)
        self.add(r"(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])", self._ymd)
        self.add(rf"(?P<d>\d{{1,2}})[-/ ](?P<m>{mon})[-/ ](?P<y>\d{{4}})", self._dmy)
        self.add(rf"(?P<y>\d{{4}})[-/](?P<m>{mon})[-/](?P<d>\d{{1,2}})", self._dmy)
        self.add(rf"(?P<m>{mon})[-/](?P<d>\d{{1,2}})[-/](?P<y>\d{{4}})", self._dmy)
        self.add(rf"(?P<d>\d{{1,2}})[/-](?P<m>{mon})(?![-/]\d)", self._dmy)
        self.add(rf"(?P<m>{mon})/(?P<d>\d{{1,2}})(?![-/.]\d)", self._dmy)
        self.add(rf"(?:(?:{det})\s+)?(?P<d>{dayn})\s+(?:dag|day|tag)\s+(?:van|of|im)\s+(?P<m>{mon})"
                 rf"(?:\s*,?\s*(?P<y>{year}))?", self._dmy)
        # months with a qualifier: "aanstaande mei", "last March", "volgende 6e april", "volgende 12/5"
        self.add(rf"(?P<q>{self.q_all})\s+(?P<m>{mon})", self._month_qual)
        self.add(rf"(?P<q>{self.q_all})\s+(?:(?P<d>{dayn})\s*(?:(?:{self.of})\s+)?(?P<m>{mon})|"
                 rf"(?P<a>\d{{1,2}})(?P<s>/)(?P<b>\d{{1,2}}))(?![/.-]?\d)", self._month_qual)
        if lex.lang == "de":  # "28.10.", "am 27. 11."
            self.add(r"(?P<a>\d{1,2})\.\s?(?P<b>\d{1,2})\.(?!\d)", self._numeric_dm_de, needs="d")
        # numeric day-month without a year: 22/04, "op 5.12", "maandag 12-4"
        self.add(rf"(?P<a>\d{{1,2}})(?P<s>[-/.])(?P<b>\d{{1,2}})(?![.,:/]?\d)(?!-\d+-)(?:,\s*(?P<y>{year}))?", self._numeric_dm)
        # month year: "april 2017", "dec-2018", "dec/2018", "april of 87", "2017 april", "2015-3", "12-2015"
        self.add(rf"(?P<m>{mon})\s*(?:[-/,]\s*|\s(?:of|van|in)\s+)?(?P<y>{year}|'\d\d)", self._month_year)
        self.add(rf"(?P<m>{mon})\s+of\s+(?P<y>\d\d)", self._month_year)
        self.add(rf"(?P<y>{year})\s+(?P<m>{mon})", self._month_year)
        self.add(rf"(?P<y>{year})-(?P<m>0?[1-9]|1[0-2])(?![-\d])", self._month_year, needs="d")
        self.add(rf"(?P<m>0?[1-9]|1[0-2])[-/](?P<y>{year})", self._month_year, needs="d")
        # a bare month: "in mei", "June"
        self.add(rf"(?P<m>{mon})", self._month)
        # years: "2000", "het jaar 2008", "year 2008"; a two-digit range end "2018-19"
        self.add(rf"(?:(?:(?:{det})\s+)?(?:jaar|year|calendar\s+year|jahr)\s+)?(?P<y>{year})", self._year)
        self.add(rf"(?P<y>{year})\s*[-–/]\s*(?P<y2>\d\d)(?![-\d])", self._year_short_range)
        self.add(rf"(?P<sp>{SPOKEN_YEAR})", self._spoken_year)
        self.add(rf"(?:(?P<q>{self.q_all})\s+)?(?P<k>fiscal\s+year|fiscale?\s+jaar|fiscaal\s+jaar|boekjaar|school\s*year|"
                 rf"schooljaar|calendar\s+year|kalenderjaar|huidige\s+jaar|current\s+year|geschäftsjahr|schuljahr|"
                 rf"fy|sy|cy)\s*(?P<y>{_YEAR}|'\d\d|(?<=[a-z])\d\d)?", self._special_year)
        # decades and centuries: "de jaren '90", "jaren negentig", "1990s", "the 90s", "15e eeuw", "15th century"
        self.add(r"(?:(?:de\s+)?jaren\s+(?:'|’)?(?P<a>\d0|\d{3}0)|(?:the\s+)?(?:'|’)?(?P<b>\d{3}0|\d0)\s?'?s|"
                 r"(?:de\s+)?jaren\s+(?P<w>twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)|"
                 r"(?:the\s+)?(?P<e>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
                 self._decade)
        self.add(rf"(?:(?:{det})\s+)?(?P<n>\d{{1,2}}|{self.ordw}){lex.day_suffix}\s+(?:eeuw|century|jahrhundert)",
                 self._century)
        # weekdays: "zaterdag", "last Tuesday", "volgende maandag", "maandag 21"
        self.add(rf"(?:(?P<q>{self.q_all})\s+)?(?P<w>{self.wd})\.?(?:\s+(?:(?:{det})\s+)?(?P<dn>\d{{1,2}}{lex.day_suffix}|{self.ordw})(?![\d:/]|[.\-]\d)(?!\s*(?:{mon}|uur|u\b|h\b|am|pm|[ap]\.m)))?",
                 self._weekday)
        self.add(rf"(?P<q>{self.q_all})\s+(?:week|woche)\s*(?:-|,|op|on|am)?\s*(?P<w>{self.wd})", self._week_weekday)
        self.add(rf"(?P<w>{self.wd})\s*,?\s*(?:(?:van|of|der)\s+)?(?:(?:{det})\s+)?(?P<q>{self.q_all})\s+(?:week|woche)",
                 self._week_weekday)
        # relative days: "gisteren", "tomorrow", "the day after tomorrow"
        self.add(rf"(?P<r>{alternation(lex.relative_days)})", self._relative_day)
        self.add(r"(?:the\s+day\s+(?P<ba>before|after)\s+(?P<r>yesterday|tomorrow))", self._relative_day)
        # this/next/last week, month, year, weekend, quarter: "vorige maand", "volgend jaar", "next week"
        self.add(rf"(?:{det}\s+)?(?P<q>{self.q_all})\s+(?P<u>{unit})(?P<after>\s+(?:na\s+volgende|after\s+next))?",
                 self._relative_unit)
        self.add(rf"(?:{det}\s+)?(?P<u>{unit})\s+(?P<after>na\s+volgende|after\s+next)", self._relative_unit)
        # "de 15e dag van volgende maand", "the 21st of next month", "20 ste van de volgende maand"
        self.add(rf"(?:(?:{det})\s+)?(?P<d>{dayn})(?:\s*ste)?\s+(?:(?:dag|day)\s+)?(?:van|of)\s+(?:(?:{det})\s+)?"
                 rf"(?P<q>{self.q_all})?\s*(?:maand|month|monat)", self._day_of_month)
        # "dezelfde week", "that weekend", "the same year": another time of the story, not resolvable here
        self.add(r"(?:dezelfde|hetzelfde|datzelfde|diezelfde|dat|die|the\s+same|same|that|derselben|demselben)\s+"
                 r"(?P<u>week|weekend|maand|jaar|month|year|woche|monat|jahr)", self._anaphoric)
        # "eind van de maand", "end of the year", "begin deze week": a unit that needs a modifier in front
        self.add(rf"(?:(?:{det})\s+)?(?P<u>week|maand|jaar|month|year|woche|monats|jahres)", self._modified_unit)
        # shifts: "twee dagen geleden", "over twee weken", "two days ago", "in 2 weeks", "vor zwei Tagen"
        if lex.lang == "de":
            self.add(rf"(?:vor)\s+(?P<n>{num})\s+(?P<u>{unit})", self._ago)
        else:
            self.add(rf"(?P<n>{num})\s+(?P<u>{unit})\s+(?:{lex.ago})", self._ago)
        self.add(rf"(?:{lex.within_future})\s+(?P<n>{num})\s+(?P<u>{unit})", self._in)
        # the next/last N units: "komende drie dagen", "the past 10 weeks", "binnen 9 maanden"
        self.add(rf"(?:(?:{det})\s+)?(?P<q>{lex.past}|{lex.next}|{lex.upcoming}|{lex.within}(?:\s+(?:de\s+komende|the\s+next|next|the\s+coming))?)\s+"
                 rf"(?P<n>{num})\s+(?P<u>{unit})", self._span)
        self.add(rf"(?P<n>\d+|{self.card_words})\s+(?P<q>{lex.next}|{lex.upcoming}|{lex.past})\s+(?P<u>{unit})", self._span)
        # parts of a year: "the first 2 weeks of 2021", "de laatste vier maanden van vorig jaar", "the 9th month of 2022"
        year_ref = rf"(?:(?P<y>{_YEAR})|(?:(?P<q>{self.q_all})\s+(?:year|jaar|jahres|jahr)))"
        self.add(rf"(?:(?:{det})\s+)?(?P<fl>first|last|eerste|laatste|ersten|letzten)\s+(?P<n>{num})\s+(?P<u>{unit})\s+"
                 rf"(?:of|van|des|im)\s+{year_ref}", self._part_of_year)
        self.add(rf"(?:(?:{det})\s+)?(?P<o>{self.ordw}|\d{{1,2}}{lex.day_suffix})\s+(?:month|maand|monat)\s+"
                 rf"(?:of|van|des)\s+{year_ref}", self._month_of_year)
        # weeks: "week 31", "de eerste week van 2015", "the last week of july", "de 3e week van jan"
        self.add(rf"(?:week|woche)\s+(?P<n>\d{{1,2}})(?:\s+(?:van|of|in|des\s+jahres)\s+(?P<y>{_YEAR}))?", self._week_number)
        self.add(rf"(?:(?:{det})\s+)?(?P<o>{self.ordw}|laatste|last|letzte|\d{{1,2}}{lex.day_suffix})\s+(?:week|woche)\s+"
                 rf"(?:van|of|in|des|im)\s+(?:(?P<m>{mon})\s*)?(?P<y>{_YEAR})?", self._nth_week)
        # quarters and halves: "Q1 2019", "2017-q1", "het eerste kwartaal van 2019", "2019-h2"
        self.add(rf"(?:(?P<y1>{_YEAR})\s*[-\s]\s*)?(?P<k>[qh])(?P<n>[1-4])(?:\s*(?:[-\s]|of\s+|van\s+)\s*(?P<y2>{_YEAR}))?",
                 self._quarter)
        self.add(rf"(?:(?:{det})\s+)?(?P<o>{alternation(lex.quarter_words)}|[1-4](?:e|ste|de|st|nd|rd|th|\.))\s+(?:kwartaal|quarter|quartal)"
                 rf"(?:\s+(?:van|of|des\s+jahres)\s+(?P<y>{_YEAR}))?", self._quarter_words)
        # seasons: "deze zomer", "summer 2018", "in de winter"
        self.add(rf"(?:(?P<q>{self.q_all})\s+)?(?P<s>{alternation(lex.seasons)})(?:\s+(?:van\s+|of\s+)?(?P<y>{_YEAR}))?",
                 self._season)
        # holidays: "Koningsdag", "Christmas 2018", "vorige koningsdag"
        self.add(rf"(?:(?P<q>{self.q_all})\s+)?(?P<h>{alternation(lex.holidays)})(?:\s+(?:van\s+|of\s+)?(?P<y>{_YEAR}))?",
                 self._holiday)
        hol = alternation(lex.holidays)
        self.add(rf"(?:(?:{det})\s+)?(?:weekend|wochenende)\s+(?:of|van|von)\s+(?:(?:{det})\s+)?(?P<h>{hol})"
                 rf"(?:\s+(?P<y>{_YEAR}))?|(?P<h2>{hol})(?:\s+(?P<y2>{_YEAR}))?[\s-]+(?:weekend|wochenende)"
                 rf"(?:\s+(?P<y3>{_YEAR}))?", self._holiday_weekend)
        # "eoy", "end of year": the end of this year
        self.add(r"(?:the\s+)?(?:eoy|end\s+of\s+(?:the\s+)?year|year-end|jaareinde|eind\s+van\s+het\s+jaar)", self._end_of_year)
        # a day of the month alone: "op de 5e", "the 21st"
        self.add(rf"(?:{det})\s+(?P<d>\d{{1,2}}(?:ste|de|e|st|nd|rd|th))(?=\s*(?:[.,;!?)]|$|om\b|at\b|en\b|and\b))",
                 self._day_only)
        self.add(rf"(?<=\b(?:op|on|am)\s)(?:(?:{det})\s+)?(?P<d>\d{{1,2}}(?:ste|de|e|st|nd|rd|th))(?!\s+(?:{_ORDINAL_NOUNS}))",
                 self._day_only)
        # durations: "twee weken", "drie uur", "a fortnight", "anderhalf jaar", "een half uur"
        self.add(rf"(?P<n>{num}|half|een\s+half|a\s+half)\s+(?P<u>{unit})", self._duration)
        self.add(r"(?P<u>fortnight|kwartier)", self._duration)
        # sets: "elke maandag", "every week", "dagelijks", "every 2 weeks"
        self.add(rf"(?:{lex.every})\s+(?:(?P<n>\d+|{self.card_words})\s+)?(?P<x>{self.wd}|{unit})", self._set)
        self.add(rf"(?P<x>{alternation(lex.set_words)})", self._set_word)
        # times: "20.00 uur", "om 8:00", "3 pm", "om half acht", "om zeven uur 's avonds", "half past seven"
        parts = alternation(lex.day_parts) or "x^"
        hour = rf"(?:\d{{1,2}}|{self.card_words})"
        ampm = r"(?P<ap>a\.m\.|p\.m\.|a\.?\s?m|p\.?\s?m)(?!\w)"
        lead = rf"(?:(?P<dp0>{parts})\s+)?(?:(?P<pre>{lex.time_prefix})\s+)?"
        self.add(rf"{lead}(?P<h>\d{{1,2}})(?P<sep>[:.])(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?"
                 rf"(?![.,]?\d)\s*(?:{ampm}|(?P<hw>{lex.hour_word})(?!\w))?(?:\s+(?P<dp>{parts}))?", self._clock)
        self.add(rf"{lead}(?P<h>{hour})\s*(?:{ampm}|(?P<hw>{lex.hour_word})(?!\w))"
                 rf"(?:\s+(?P<dp>{parts}))?", self._hour)
        self.add(rf"(?P<h>\d{{1,2}}|{self.card_words})\s+(?P<dp>{parts})", self._hour_part)
        # parts of the day: "vanavond", "gisteravond", "zondagmiddag", "tomorrow morning", "'s avonds", "tonight"
        pod = alternation(lex.parts_of_day)
        self.add(rf"(?:(?P<q>{self.q_all})\s+)?(?P<base>{alternation(lex.part_bases)}|{self.wd})(?P<p>{pod})"
                 rf"|(?:(?P<q2>{self.q_all})\s+)?(?P<base2>{alternation(lex.relative_days)}|{self.wd}|this)\s+"
                 rf"(?:in\s+the\s+|in\s+de\s+)?(?P<p2>{pod})|(?P<p3>{alternation(lex.day_parts)})"
                 # "last night", "de afgelopen avond": the evening before the reference (not "the last night of")
                 r"|(?<!the\s)(?P<last>last|(?:de\s+)?afgelopen)\s+(?P<p4>night|evening|avond)(?!\s+(?:of|van)\b)",
                 self._day_part)
        self.add(rf"{lead}(?:(?P<mq>kwart|quarter|\d{{1,2}}|{self.card_words})\s+"
                 rf"(?P<dir>over|voor|past|to|nach|vor)\s+)?(?P<half>{lex.half})\s+(?P<h>{hour})(?:\s+(?P<dp>{parts}))?",
                 self._half)
        self.add(rf"(?:(?P<pre>{lex.time_prefix})\s+)?(?P<mq>kwart|quarter|a\s+quarter|\d{{1,2}}|{self.card_words})\s+"
                 rf"(?P<dir>over|voor|past|to|nach|vor)\s+(?P<h>{hour})(?:\s+(?P<dp>{parts}))?", self._quarter_past)
        self.add(r"(?:(?:at|om|um)\s+)?(?P<w>noon|midnight|middernacht|mitternacht|midday)", self._named_time)

    # -- handlers: dates ----------------------------------------------------------------------------

    def _dmy(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """Day, month and maybe year: "12 juni", "1 juni 2018", "de 9e van mei", "05-aug-2016"."""
        d = self.day(m["d"])
        if d is None or re.search(r"(?:[$€£]\s*|\d[.,])$", text[max(0, m.start() - 3):m.start()]):
            return None
        if not m["d"][0].isdigit() and self.lex.lang != "en" and m["d"].lower() in self.lex.cardinals \
                and self.lex.cardinals[m["d"].lower()] == 1 and m["d"].lower() != "één":
            return None  # "een mei" is not a date
        return Cand(m.start(), m.end(), y=year_value(m.groupdict().get("y")), m=self.month(m["m"]), d=d, rank=3)

    def _mdy(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """Month, day and maybe year: "June 12", "november de 15e"."""
        d = self.day(m["d"])
        if d is None:
            return None
        raw = m["d"].lower()
        if self.lex.lang != "en" and not m["det"] and raw.isdigit() and not re.match(r"\s*[-–]\s*\d", text[m.end():]):
            return None  # Dutch/German write the day first; "juni 12" is rare and often "juni: 12 doden"
        spelled = raw in self.lex.cardinals and raw not in self.lex.ordinals
        if spelled and not m.groupdict().get("y") and (self.lex.lang != "en" or raw in ("a", "an", "one")):
            return None  # "May one day", "juni twee" are not dates; "November one, 1984" is
        return Cand(m.start(), m.end(), y=year_value(m.groupdict().get("y")), m=self.month(m["m"]), d=d, rank=2)

    def _numeric(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A numeric date with a year: 12-06-2018 (10/1/2018 month first in English)."""
        a, b, y = int(m["a"]), int(m["b"]), year_value(m["y"])
        if self.lex.lang == "en" and a <= 12:
            a, b = b, a  # US order in English: 10/1/2018 is October 1
        if not (1 <= b <= 12 and 1 <= a <= 31):
            a, b = b, a
        if not (1 <= b <= 12 and 1 <= a <= 31):
            return None
        return Cand(m.start(), m.end(), y=y, m=b, d=a, rank=3)

    def _ymd(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """An ISO-ordered date: 2018-06-12, 20180612."""
        mo, d = int(m["m"]), int(m["d"])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        return Cand(m.start(), m.end(), y=int(m["y"]), m=mo, d=d, rank=3)

    def _numeric_dm(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A numeric day and month without a year, only where a date is expected ("op 5.12", "maandag 12-4")."""
        a, b = int(m["a"]), int(m["b"])
        before, after = text[max(0, m.start() - 25):m.start()], text[m.end():m.end() + 12]
        lex = self.lex
        cue = re.search(rf"(?:\b(?:op|on|am|datum|date|{self.wd}|{lex.range_start})\.?\s*,?\s*|(?:{lex.range_sep}"
                        rf"|\b(?:{lex.and_sep}))\s*)$", before, re.I)
        joined = re.match(rf"\s*(?:{lex.range_sep}|{lex.and_sep})\s*\d", after, re.I)
        if _SHARE_AFTER.match(text[m.end():m.end() + 30]):
            return None  # "a death rate of 2.5 to 10%", "rose 5.3 percent": a number with its unit, no date
        if m["s"] != "/" and not (cue or joined):
            return None
        if m["s"] == "/" and not (cue or joined) and (b > 12 and a > 12 or re.match(r"\s*(?:uur|h\b|%)", after)):
            return None
        if self.lex.lang == "en" and a <= 12:
            a, b = b, a
        if not (1 <= b <= 12 and 1 <= a <= 31):
            a, b = b, a
        if not (1 <= b <= 12 and 1 <= a <= 31):
            return None
        return Cand(m.start(), m.end(), y=year_value(m["y"]), m=b, d=a, rank=1)

    def _numeric_dm_de(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A German day and month with their full stops: "28.10.", "27. 11."."""
        d, mo = int(m["a"]), int(m["b"])
        return Cand(m.start(), m.end(), m=mo, d=d, rank=2) if 1 <= d <= 31 and 1 <= mo <= 12 else None

    def _month_year(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A month with a year: "april 2017", "dec/2018", "2015-3"."""
        raw = m["m"]
        mo = self.month(raw) if not raw.isdigit() else int(raw)
        if not 1 <= mo <= 12:
            return None
        y = year_value(m["y"])
        return Cand(m.start(), m.end(), y=y, m=mo, rank=2)

    def _month_qual(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A month or day with a qualifier: "aanstaande mei", "volgende 6e april"."""
        q = self.qual(m["q"])
        if m.groupdict().get("a"):
            a, b = int(m["a"]), int(m["b"])
            if self.lex.lang == "en" and a <= 12:
                a, b = b, a
            if not (1 <= b <= 12 and 1 <= a <= 31):
                return None
            return Cand(m.start(), m.end(), m=b, d=a, qual=q, rank=3)
        d = self.day(m["d"]) if m.groupdict().get("d") else None
        return Cand(m.start(), m.end(), m=self.month(m["m"]), d=d, qual=q, rank=3)

    def _month(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A month alone: "in mei"; abbreviations and the English verb "may" only after a preposition."""
        raw = m["m"].lower().rstrip(".")
        before = text[max(0, m.start() - 25):m.start()]
        prep = _PREP_BEFORE_BARE_MONTH.search(before)
        if raw not in self.lex.full_months and (not prep or raw == "jan" and m["m"][0] == "J"):
            return None  # "jan", "dec" alone are names or words more often than months ("van Jan")
        if self.lex.lang == "en" and raw in ("may", "march") and not prep:
            return None  # the verb, or a protest march
        if self.lex.lang == "en" and raw == "may" and m["m"][0] == "m" and not prep:
            return None
        if self.lex.lang == "en" and raw in _NAME_MONTHS and not prep and (_NAME_AFTER.match(text, m.end())
                                                                          or _NAME_BEFORE.search(before)):
            return None  # a person: "June Steenkamp", "June and Barry Steenkamp", "June (left)", "Barry and June"
        return Cand(m.start(), m.end(), m=self.month(raw), rank=1)

    def _year(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A four-digit year, unless it counts something ("ruim 2000 mensen", "1500 euro")."""
        has_word = m.group(0)[0].isalpha()
        if not has_word:
            before = text[max(0, m.start() - 15):m.start()]
            if _COUNT_BEFORE_YEAR.search(before) or _UNIT_AFTER_YEAR.match(text[m.end():m.end() + 20]):
                return None
            if before.endswith((",", ".", ":")) and before[-2:-1].isdigit():
                return None
            follower = re.match(r"\s+([a-zà-ÿ]+)", text[m.end():m.end() + 24])
            if follower and follower[1] not in _YEAR_FOLLOWERS and not _TIME_PREP_BEFORE.search(before):
                return None  # "we willen 2000 extra banen": a count; "in 2000 extra banen" stays a year
        return Cand(m.start(), m.end(), y=year_value(m["y"]), rank=1)

    def _weekday(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A weekday, maybe qualified or with a day number: "zaterdag", "last Tuesday", "maandag 21"."""
        raw = m["w"].lower()
        full = raw in ("maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday "
                       "friday saturday sunday montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag")
        if not full and not (m["dn"] or m["q"] or m.group(0).endswith(".") and raw != "sun"):
            return None
        end = m.end() - 1 if full and not m["dn"] and m.group(0).endswith(".") else m.end()  # a full stop, not "Tue."
        return Cand(m.start(), end, weekday=self.lex.weekdays[raw], qual=self.qual(m["q"]),
                    d=self.day(m["dn"]) if m["dn"] else None, what="weekday", rank=1)

    def _week_weekday(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A weekday of a named week: "volgende week maandag", "dinsdag van vorige week"."""
        q = self.qual(m["q"])
        offset = {"past": -1, "recent": -1, "this": 0, "next": 1, "upcoming": 1}.get(q or "", 0)
        return Cand(m.start(), m.end(), weekday=self.lex.weekdays[m["w"].lower()], qual=f"week:{offset}",
                    what="weekday", rank=3)

    def _relative_day(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A day relative to publication: "gisteren", "tomorrow", "the day after tomorrow"."""
        raw = " ".join(m["r"].lower().split())
        if raw == "morgen":
            after = text[m.end():m.end() + 12].lower()
            before = text[max(0, m.start() - 12):m.start()].lower()
            if re.search(r"(?:'|’|‘)s\s*$|\b(?:goede|de|die|deze|een|elke|iedere|volgende|vroeg\s+in\s+de)\s+$", before):
                return None  # "'s morgens", "de volgende morgen": the morning, not tomorrow
            if self.lex.lang == "de" and re.match(r"\s*(?:früh|abend)", after) is None and m["r"][0] == "M" \
                    and before.strip().endswith(("am", "den", "jeden")):
                return None
        n = self.lex.relative_days.get(raw, 0)
        if m.groupdict().get("ba"):
            n = (-1 if raw == "yesterday" else 1) + (-1 if m["ba"].lower() == "before" else 1)
        return Cand(m.start(), m.end(), rel=("D", float(n)), need="day", what=f"'{m.group(0)}'", rank=2)

    def _relative_unit(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A unit relative to publication: "vorige maand", "next week", "dit kwartaal"."""
        u = self.lex.units[m["u"].lower()]
        if u not in ("W", "M", "Y", "Q", "WE", "DEC", "C", "FN") or m["u"].lower() not in self.lex.singular_units:
            return None  # "de afgelopen jaren" is vague, not last year
        q = self.qual(m.groupdict().get("q")) if m.groupdict().get("q") else "this"
        n = {"past": -1, "recent": -1, "this": 0, "next": 1, "upcoming": 1}.get(q or "", 0)
        word = (m.groupdict().get("q") or "").lower()
        if m["after"] or word.startswith(("übernächst", "overnext")):
            n = 2
        elif word.startswith(("vorletzt", "voorvorig")):
            n = -2
        return unit_cand(m.start(), m.end(), u, n)

    def _modified_unit(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """"de maand", "het jaar" only after begin/mid/end: "eind van de maand"."""
        if not re.search(r"(?:begin|eind|einde|end|beginning|start|middle|midden|anfang|ende|mitte|early|late|"
                         r"rest)\s+(?:van|of|des|in)?\s*$", text[max(0, m.start() - 25):m.start()], re.I):
            return None
        u = {"week": "W", "woche": "W", "maand": "M", "month": "M", "monats": "M"}.get(m["u"].lower(), "Y")
        return unit_cand(m.start(), m.end(), u, 0)

    def _day_of_month(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A day of a relative month: "de 15e dag van volgende maand"."""
        d = self.day(m["d"])
        if d is None:
            return None
        q = self.qual(m["q"]) if m["q"] else "this"
        n = {"past": -1, "recent": -1, "this": 0, "next": 1, "upcoming": 1}.get(q or "", 0)
        c = unit_cand(m.start(), m.end(), "M", n)
        c.d, c.precision, c.rank = d, "day", 3
        return c

    def _anaphoric(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A unit that refers to another time in the text: "dezelfde week", "that weekend"."""
        u = {"week": "W", "woche": "W", "weekend": "WE", "maand": "M", "month": "M", "monat": "M"}.get(m["u"].lower(), "Y")
        value = {"W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Y": "XXXX"}[u]
        return Cand(m.start(), m.end(), value=value, qual="anaphoric", what="reference to another time in the text",
                    precision={"W": "week", "WE": "week", "M": "month", "Y": "year"}[u], rank=2)

    def _ago(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A shift back: "twee dagen geleden", "two days ago", "vor zwei Tagen"."""
        n, u = self.number(m["n"]), self.lex.units[m["u"].lower()]
        if n is None or u in ("WE",):
            return None
        if self.lex.lang == "nl" and re.search(rf"\b(?:{self.lex.within_future})\s+$", text[max(0, m.start() - 8):m.start()], re.I):
            return None  # "over 5 minuten terug" is "back in five minutes" ("moved in three weeks ago" is not)
        return shift_cand(m.start(), m.end(), u, -n, rank=3)

    def _in(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A shift ahead: "over twee weken", "in 2 weeks"."""
        n, u = self.number(m["n"]), self.lex.units[m["u"].lower()]
        if n is None or u in ("WE",):
            return None
        before = text[max(0, m.start() - 30):m.start()]
        if re.search(r"\b(?:first|once|only|than|dan|zum\s+ersten)\s+(?:time\s+)?$", before, re.I):
            return None  # "the first time in two years": a duration
        if _SUPERLATIVE_BEFORE.search(before):
            return None  # "Haiti's worst in two centuries", "the biggest drop in 20 years": a duration, not a date ahead
        if self.lex.lang == "en" and not _english_in_ahead(text, m.start(), m.end(), u):
            return None
        return shift_cand(m.start(), m.end(), u, n, rank=3)

    def _span(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """The next or last N units: "komende drie dagen", "the past 10 weeks", "binnen 9 maanden"."""
        n, u = self.number(m["n"]), self.lex.units[m["u"].lower()]
        if n is None or u in ("WE", "H", "MIN", "S"):
            return None
        q = m["q"].lower()
        if m.group(0)[0].isdigit() and n != 1 and self.lex.lang == "en" and not m["u"].lower().endswith("s"):
            return None  # "we will be only 3 next week"
        direction = "within" if re.match(self.lex.within, q, re.I) else "next" if re.fullmatch(
            rf"{self.lex.next}|{self.lex.upcoming}", q) else "past"
        return Cand(m.start(), m.end(), span=(u, n, direction), need="day" if u in ("D", "W", "FN") else "month",
                    what=f"'{m.group(0)}'", precision="day", rank=3)

    def _day_only(self, m: re.Match[str], g: Grammar, text: str) -> Cand | None:
        """A day of the month alone: "op de 5e", "the 21st"."""
        d = self.day(m["d"])
        return Cand(m.start(), m.end(), d=d, what="day of the month", rank=1) if d else None

    # -- handlers: durations and sets ---------------------------------------------------------------

@cache
def grammar(lang: str) -> Grammar:
    """The compiled grammar of a language (nl, en, de; others fall back to English)."""
    return Grammar(LEXICONS.get(lang, LEXICONS["en"]))
