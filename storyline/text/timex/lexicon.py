"""Word lists for time expressions in Dutch, English and German: months, weekdays, numbers, units, cues."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_NL_UNITS = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_NL_TEENS = ["tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"]
_NL_TENS = {20: "twintig", 30: "dertig", 40: "veertig", 50: "vijftig", 60: "zestig", 70: "zeventig", 80: "tachtig",
            90: "negentig"}
_EN_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}
_EN_ORD_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_EN_ORD_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                 "eighteenth", "nineteenth"]
_DE_UNITS = ["eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
_DE_TEENS = ["zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"]
_DE_TENS = {20: "zwanzig", 30: "dreißig", 40: "vierzig", 50: "fünfzig"}


def _nl_numbers() -> tuple[dict[str, int], dict[str, int]]:
    """Dutch cardinal and ordinal number words up to 99."""
    card: dict[str, int] = {"één": 1, "eén": 1}
    for i, w in enumerate(_NL_UNITS, 1):
        card[w] = i
    for i, w in enumerate(_NL_TEENS, 10):
        card[w] = i
    for tens, w in _NL_TENS.items():
        card[w] = tens
        for i, u in enumerate(_NL_UNITS, 1):
            joint = "ën" if u.endswith("e") else "en"
            card[f"{u}{joint}{w}"] = tens + i
            card[f"{u}en{w}"] = tens + i
    ordn: dict[str, int] = {}
    for w, n in card.items():
        if n > 31 or n == 1:
            continue
        ordn[w + ("ste" if n == 8 or n >= 20 else "de")] = n
    ordn.update({"eerste": 1, "derde": 3, "eenentwintigste": 21, "eenendertigste": 31})
    return card, ordn


def _en_numbers() -> tuple[dict[str, int], dict[str, int]]:
    """English cardinal and ordinal number words up to 99."""
    card = {"a": 1, "an": 1}
    ordn: dict[str, int] = {}
    for i, w in enumerate(_EN_UNITS, 1):
        card[w] = i
        ordn[_EN_ORD_UNITS[i - 1]] = i
    for i, w in enumerate(_EN_TEENS, 10):
        card[w] = i
        ordn[_EN_ORD_TEENS[i - 10]] = i
    for tens, w in _EN_TENS.items():
        card[w] = tens
        ordn[w[:-1] + "ieth"] = tens
        for i, u in enumerate(_EN_UNITS, 1):
            card[f"{w}-{u}"] = card[f"{w} {u}"] = tens + i
            if tens + i <= 31:
                ordn[f"{w}-{_EN_ORD_UNITS[i - 1]}"] = ordn[f"{w} {_EN_ORD_UNITS[i - 1]}"] = tens + i
    return card, ordn


def _de_numbers() -> tuple[dict[str, int], dict[str, int]]:
    """German cardinal and ordinal number words up to 59 (ordinals to 31, all inflections)."""
    card = {"ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1}
    for i, w in enumerate(_DE_UNITS, 1):
        card[w] = i
    for i, w in enumerate(_DE_TEENS, 10):
        card[w] = i
    for tens, w in _DE_TENS.items():
        card[w] = tens
        for i, u in enumerate(_DE_UNITS, 1):
            card[f"{'ein' if i == 1 else u}und{w}"] = tens + i
    ordn: dict[str, int] = {}
    for word, n in card.items():
        if 2 <= n <= 31 and not word.startswith("ein"):
            stem = {3: "drit", 7: "sieb", 8: "ach"}.get(n, word) + ("s" if n >= 20 else "")
            for ending in ("te", "ten", "ter", "tes", "tem"):
                ordn[stem + ending] = n
    for ending in ("ste", "sten", "ster", "stes", "stem"):
        ordn["er" + ending] = 1
    for tens in (20, 30):
        for ending in ("ste", "sten", "ster", "stes", "stem"):
            ordn[f"einund{_DE_TENS[tens]}{ending}"] = tens + 1
    card.update({"beiden": 2, "beide": 2})
    return card, ordn


@dataclass(slots=True)
class Lexicon:
    """Everything language-specific the time-expression grammar needs."""

    lang: str
    months: dict[str, int]
    full_months: frozenset[str]
    weekdays: dict[str, int]            # 1 = Monday … 7 = Sunday
    cardinals: dict[str, int]
    ordinals: dict[str, int]
    day_suffix: str                     # regex for "12e", "12th", "12."
    units: dict[str, str]               # word -> D W M Y H MIN S Q DEC C WE FN
    relative_days: dict[str, int]       # gisteren -> -1
    past: str                           # "vorige|afgelopen" (regex alternation)
    this: str
    next: str
    upcoming: str                       # the next occurrence (aanstaande)
    ago: str                            # postposed: "geleden"
    within_future: str                  # preposed: "over", "in"
    within: str                         # "binnen"
    mods: dict[str, str]                # begin -> start, eind -> end, …
    range_start: str                    # van|tussen
    range_sep: str                      # tot|-
    and_sep: str                        # en (only after "tussen")
    every: str
    set_words: dict[str, str]           # dagelijks -> P1D
    future_cues: re.Pattern[str]
    holidays: dict[str, str] = field(default_factory=dict)
    time_prefix: str = ""
    hour_word: str = ""
    day_parts: dict[str, str] = field(default_factory=dict)
    half: str = ""
    quarter_words: dict[str, int] = field(default_factory=dict)
    seasons: dict[str, str] = field(default_factory=dict)
    det: str = ""                       # de|het|the|der|die|das
    past_cues: re.Pattern[str] | None = None
    parts_of_day: dict[str, str] = field(default_factory=dict)   # avond -> EV
    part_bases: dict[str, int] = field(default_factory=dict)     # gister(avond) -> -1, van(avond) -> 0
    singular_units: frozenset[str] = frozenset()


EN_HOLIDAYS = {"christmas": "12-25", "christmas day": "12-25", "xmas": "12-25", "christmas eve": "12-24",
    "new year's day": "01-01", "new year day": "01-01", "new years day": "01-01", "new year's eve": "12-31",
    "new year": "01-01", "independence day": "07-04", "halloween": "10-31", "valentine's day": "02-14",
    "valentines day": "02-14", "boxing day": "12-26", "st patrick's day": "03-17",
    "saint patrick's day": "03-17", "saint patrick": "03-17", "st. patrick's day": "03-17",
    "international workers' day": "05-01", "workers' day": "05-01", "may day": "05-01",
    "labour day": "05-01", "easter": "easter", "easter sunday": "easter", "easter monday": "easter+1",
    "good friday": "easter-2", "thanksgiving": "nov-thu-4", "thanksgiving day": "nov-thu-4",
    "black friday": "nov-thu-4+1", "labor day": "sep-mon-1", "memorial day": "may-mon-last",
    "martin luther king day": "jan-mon-3", "mlk day": "jan-mon-3", "mother's day": "may-sun-2",
    "father's day": "jun-sun-3", "columbus day": "oct-mon-2", "veterans day": "11-11",
    "veteran's day": "11-11", "jubilee day": "06-19", "juneteenth": "06-19", "inauguration day": "01-20",
    "groundhog day": "02-02", "earth day": "04-22", "pentecost": "easter+49", "whit monday": "easter+50",
    "ascension day": "easter+39"}

_NL_CARD, _NL_ORD = _nl_numbers()
_EN_CARD, _EN_ORD = _en_numbers()
_DE_CARD, _DE_ORD = _de_numbers()

NL = Lexicon(
    lang="nl",
    months={"januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4, "mei": 5,
            "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
            "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12},
    full_months=frozenset("januari februari maart april mei juni juli augustus september oktober november december".split()),
    weekdays={"maandag": 1, "dinsdag": 2, "woensdag": 3, "donderdag": 4, "vrijdag": 5, "zaterdag": 6, "zondag": 7},
    cardinals={**_NL_CARD, "paar": 2, "een paar": 2},
    ordinals=_NL_ORD,
    day_suffix=r"(?:ste|de|e)?",
    units={"dag": "D", "dagen": "D", "week": "W", "weken": "W", "maand": "M", "maanden": "M", "jaar": "Y",
           "jaren": "Y", "uur": "H", "uren": "H", "minuut": "MIN", "minuten": "MIN", "seconde": "S", "seconden": "S",
           "kwartaal": "Q", "kwartalen": "Q", "decennium": "DEC", "decennia": "DEC", "eeuw": "C", "eeuwen": "C",
           "weekend": "WE", "kalenderjaar": "Y", "werkweek": "W", "etmaal": "D", "etmalen": "D", "kwartier": "QH"},
    relative_days={"eergisteren": -2, "gisteren": -1, "vandaag": 0, "morgen": 1, "overmorgen": 2, "vannacht": 0,
                   "vanavond": 0, "vanochtend": 0, "vanmorgen": 0, "vanmiddag": 0},
    past=r"vorige|vorig|afgelopen|verleden|voorafgaande|voorgaande|laatste",
    this=r"deze|dit|huidige|huidig",
    next=r"volgende|volgend|eropvolgende|daaropvolgende",
    upcoming=r"komende|aanstaande|(?:deze\s+)?aankomende|eerstvolgende",
    ago=r"geleden|terug",
    within_future=r"over",
    within=r"binnen",
    mods={"begin": "start", "begin van": "start", "het begin van": "start", "aan het begin van": "start",
          "vroeg in": "start", "eind": "end", "einde": "end", "eind van": "end", "einde van": "end",
          "het eind van": "end", "het einde van": "end", "aan het eind van": "end", "aan het einde van": "end",
          "tegen het eind van": "end", "tegen het einde van": "end", "laat in": "end", "eind-": "end", "begin-": "start",
          "half": "mid", "medio": "mid", "midden": "mid", "midden-": "mid", "halverwege": "mid", "het midden van": "mid",
          "voor": "before", "vóór": "before", "voorafgaand aan": "before", "na": "after", "sinds": "since",
          "sedert": "since", "vanaf": "since", "beginnend": "since", "beginnend op": "since", "startend": "since",
          "startend op": "since", "uiterlijk": "before", "later dan": "after", "eerder dan": "before",
          "eerder": "start", "later": "end"},
    range_start=r"van|tussen|vanaf",
    range_sep=r"tot\s+en\s+met|tot|t/m|-|–|~|tot\s+aan",
    and_sep=r"en",
    every=r"elke|iedere|ieder|elk",
    set_words={"dagelijks": "P1D", "wekelijks": "P1W", "maandelijks": "P1M", "jaarlijks": "P1Y",
               "tweewekelijks": "P2W", "elke dag": "P1D"},
    future_cues=re.compile(r"\b(?:zal|zullen|zult|zou\s+\w+\s+(?:plaats)?vinden|gaat|gaan|wil|willen|wilt|hoopt|hopen|komende|volgende|volgend|"
                           r"aanstaande|gepland\w*|plannen|verwacht\w*|moet\w*\s+\w*\s*plaatsvinden|plaatsvinden|"
                           r"staat\s+gepland|op\s+de\s+agenda|toekomst\w*|binnenkort)\b", re.I),
    holidays={**EN_HOLIDAYS, "koningsdag": "04-27", "dag van de aarde": "04-22", "kerstmis": "12-25", "kerst": "12-25", "kerstdag": "12-25",
              "eerste kerstdag": "12-25", "tweede kerstdag": "12-26", "kerstavond": "12-24", "oudejaarsdag": "12-31",
              "oudejaarsavond": "12-31", "oudjaar": "12-31", "nieuwjaarsdag": "01-01", "nieuwjaar": "01-01",
              "bevrijdingsdag": "05-05", "dodenherdenking": "05-04", "valentijnsdag": "02-14",
              "halloween": "10-31", "sinterklaas": "12-05", "sinterklaasavond": "12-05", "pakjesavond": "12-05",
              "pasen": "easter", "paasdag": "easter", "eerste paasdag": "easter", "tweede paasdag": "easter+1",
              "goede vrijdag": "easter-2", "hemelvaartsdag": "easter+39", "hemelvaart": "easter+39",
              "pinksteren": "easter+49", "eerste pinksterdag": "easter+49", "tweede pinksterdag": "easter+50",
              "onafhankelijkheidsdag": "07-04", "onafhankelijksdag": "07-04", "dag van de arbeid": "05-01",
              "moederdag": "may-sun-2", "vaderdag": "jun-sun-3", "prinsjesdag": "sep-tue-3"},
    time_prefix=r"om|rond|omstreeks|tegen|vanaf",
    hour_word=r"uur|u",
    day_parts={"'s ochtends": "am", "’s ochtends": "am", "‘s ochtends": "am", "'s morgens": "am", "’s morgens": "am",
               "‘s morgens": "am", "'s middags": "pm", "’s middags": "pm", "‘s middags": "pm", "'s avonds": "pm",
               "’s avonds": "pm", "‘s avonds": "pm", "'s nachts": "night", "’s nachts": "night", "‘s nachts": "night",
               "in de ochtend": "am", "in de middag": "pm", "in de avond": "pm", "in de nacht": "night"},
    half=r"half",
    quarter_words={"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "laatste": 4},
    seasons={"lente": "SP", "voorjaar": "SP", "zomer": "SU", "herfst": "FA", "najaar": "FA", "winter": "WI"},
    det=r"de|het",
    past_cues=re.compile(r"\b(?:werd|werden|was|waren|had|hadden|heeft|hebben|zei|zeiden|meldde|meldden|kwam|kwamen|"
                         r"ging|gingen|sprak|spraken|vond|vonden|gebeurde|ontmoette|ontmoetten|blies|liet|lieten|"
                         r"stond|stonden|begon|begonnen|eindigde|overleed|geleden)\b", re.I),
    parts_of_day={"ochtend": "MO", "morgen": "MO", "voormiddag": "MO", "middag": "AF", "namiddag": "AF",
                  "avond": "EV", "nacht": "NI"},
    part_bases={"van": 0, "gister": -1, "gisteren": -1, "eergister": -2, "morgen": 1, "overmorgen": 2},
    singular_units=frozenset("dag week maand jaar uur minuut seconde kwartaal decennium eeuw weekend kalenderjaar "
                             "werkweek etmaal kwartier".split()),
)

EN = Lexicon(
    lang="en",
    months={"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
            "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
            "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12},
    full_months=frozenset("january february march april may june july august september october november december".split()),
    weekdays={"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
              "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7},
    cardinals={**_EN_CARD, "couple of": 2, "a couple of": 2, "couple": 2, "few": 3, "a few": 3},
    ordinals=_EN_ORD,
    day_suffix=r"(?:st|nd|rd|th)?",
    units={"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M", "year": "Y", "years": "Y",
           "hour": "H", "hours": "H", "hrs": "H", "minute": "MIN", "minutes": "MIN", "mins": "MIN", "second": "S",
           "seconds": "S", "quarter": "Q", "quarters": "Q", "decade": "DEC", "decades": "DEC", "century": "C",
           "centuries": "C", "weekend": "WE", "workweek": "W", "working week": "W", "work week": "W", "fortnight": "FN", "fortnights": "FN"},
    relative_days={"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "otd": 0},
    past=r"last|previous|past|this\s+past|preceding|prior",
    this=r"this|current",
    next=r"next|following",
    upcoming=r"coming|upcoming|this\s+coming",
    ago=r"ago|back|earlier",
    within_future=r"in",
    within=r"within",
    mods={"early": "start", "early in": "start", "beginning of": "start", "the beginning of": "start",
          "start of": "start", "the start of": "start", "at the beginning of": "start", "at the start of": "start",
          "late": "end", "late in": "end", "end of": "end", "the end of": "end", "at the end of": "end",
          "by the end of": "end", "towards the end of": "end", "mid": "mid", "mid-": "mid", "middle of": "mid",
          "the middle of": "mid", "in the middle of": "mid", "before": "before", "prior to": "before",
          "after": "after", "since": "since", "starting": "since", "starting on": "since", "starting from": "since",
          "beginning": "since", "beginning on": "since", "beginning from": "since", "later than": "after", "earlier than": "before", "no later than": "before",
          "by": "before", "until": "until", "till": "until", "up to": "until", "earlier": "start"},
    range_start=r"from|between",
    range_sep=r"to|through|thru|till|until|-|–|~",
    and_sep=r"and",
    every=r"every|each",
    set_words={"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "biweekly": "P2W", "fortnightly": "P2W", "every day": "P1D"},
    # ("due" after a form of "be": "is due to start", not the cause in "houses destroyed due to flooding")
    future_cues=re.compile(r"\b(?:will|shall|'ll|going\s+to|scheduled|planned|plans?|upcoming|coming|next|"
                           r"(?:is|are|was|were|be|been|'s|’s)\s+due|"
                           r"expected|set\s+to|to\s+be\s+held|future|wants?\s+to|hopes?\s+to|plans?\s+to|would)\b", re.I),
    holidays=EN_HOLIDAYS,
    time_prefix=r"at|around|about|by|from",
    hour_word=r"o'clock|o’clock|oclock",
    day_parts={"in the morning": "am", "in the afternoon": "pm", "in the evening": "pm", "at night": "night",
               "tonight": "pm", "this morning": "am", "this afternoon": "pm", "this evening": "pm"},
    half=r"half\s+past",
    quarter_words={"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4},
    seasons={"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"},
    det=r"the",
    past_cues=re.compile(r"\b(?:was|were|had|did|said|told|met|went|came|happened|ago|\w{3,}ed)\b", re.I),
    parts_of_day={"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"},
    part_bases={},
    singular_units=frozenset("day week month year hour minute second quarter decade century weekend fortnight "
                             "workweek".split()),
)

DE = Lexicon(
    lang="de",
    months={"januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3, "april": 4,
            "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
            "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12},
    full_months=frozenset("januar jänner februar märz april mai juni juli august september oktober november dezember".split()),
    weekdays={"montag": 1, "dienstag": 2, "mittwoch": 3, "donnerstag": 4, "freitag": 5, "samstag": 6,
              "sonnabend": 6, "sonntag": 7},
    cardinals={**_DE_CARD, "paar": 2, "ein paar": 2},
    ordinals=_DE_ORD,
    day_suffix=r"\.?",
    units={"tag": "D", "tage": "D", "tagen": "D", "woche": "W", "wochen": "W", "monat": "M", "monate": "M",
           "monaten": "M", "jahr": "Y", "jahre": "Y", "jahren": "Y", "stunde": "H", "stunden": "H", "minute": "MIN",
           "minuten": "MIN", "sekunde": "S", "sekunden": "S", "quartal": "Q", "jahrzehnt": "DEC", "monats": "M",
           "jahres": "Y", "jahrs": "Y", "tages": "D", "tg": "D",
           "jahrhundert": "C", "wochenende": "WE"},
    relative_days={"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2},
    past=r"letzte[nmrs]?|vorige[nmrs]?|vergangene[nmrs]?|vorletzte[nmrs]?",
    this=r"diese[nmrs]?",
    next=r"nächste[nmrs]?|kommende[nmrs]?|folgende[nmrs]?|übernächste[nmrs]?",
    upcoming=r"kommende[nmrs]?",
    ago=r"vor",
    within_future=r"in",
    within=r"innerhalb",
    mods={"anfang": "start", "beginn": "start", "ende": "end", "mitte": "mid", "vor": "before", "nach": "after",
          "seit": "since", "ab": "since", "bis": "until", "anfang des": "start", "ende des": "end",
          "mitte des": "mid"},
    range_start=r"von|vom|zwischen",
    range_sep=r"bis\s+zum|bis|-|–|~",
    and_sep=r"und",
    every=r"jeden|jede|jedes|alle",
    set_words={"täglich": "P1D", "wöchentlich": "P1W", "monatlich": "P1M", "jährlich": "P1Y"},
    future_cues=re.compile(r"\b(?:wird|werden|soll|sollen|geplant\w*|nächste\w*|kommende\w*|künftig\w*)\b", re.I),
    holidays={"weihnachten": "12-25", "heiligabend": "12-24", "silvester": "12-31", "neujahr": "01-01",
              "ostern": "easter", "ostersonntag": "easter", "ostermontag": "easter+1", "karfreitag": "easter-2",
              "karsamstag": "easter-1", "palmsonntag": "easter-7", "gründonnerstag": "easter-3",
              "christi himmelfahrt": "easter+39", "himmelfahrt": "easter+39", "pfingsten": "easter+49",
              "pfingstsonntag": "easter+49", "pfingstmontag": "easter+50", "fronleichnam": "easter+60",
              "rosenmontag": "easter-48", "aschermittwoch": "easter-46", "fastnachtssonntag": "easter-49",
              "fastnachtssamstag": "easter-50", "weiberfastnacht": "easter-52", "tag der deutschen einheit": "10-03",
              "tag der arbeit": "05-01", "erster mai": "05-01", "allerheiligen": "11-01", "allerseelen": "11-02",
              "heilige drei könige": "01-06", "dreikönigstag": "01-06", "johannistag": "06-24",
              "peter und paul": "06-29", "barbaratag": "12-04", "nikolaustag": "12-06", "nikolaus": "12-06",
              "valentinstag": "02-14", "reformationstag": "10-31", "mariä himmelfahrt": "08-15",
              "erster weihnachtsfeiertag": "12-25", "ersten weihnachtsfeiertag": "12-25",
              "zweiter weihnachtsfeiertag": "12-26", "zweiten weihnachtsfeiertag": "12-26",
              "zweiten weihnachtstag": "12-26", "zweiter weihnachtstag": "12-26", "muttertag": "may-sun-2",
              "erntedankfest": "oct-sun-1"},
    time_prefix=r"um|gegen|ab",
    hour_word=r"uhr",
    day_parts={"morgens": "am", "nachmittags": "pm", "abends": "pm", "nachts": "night"},
    half=r"halb",
    quarter_words={"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "letzten": 4},
    seasons={"frühling": "SP", "frühjahr": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI"},
    det=r"der|die|das|dem|den",
    past_cues=re.compile(r"\b(?:war|waren|hatte|hatten|wurde|wurden|sagte|sagten|ist|sind|hat|haben)\b", re.I),
    parts_of_day={"morgen": "MO", "vormittag": "MO", "nachmittag": "AF", "abend": "EV", "nacht": "NI"},
    part_bases={"heute": 0, "gestern": -1, "morgen": 1},
    singular_units=frozenset("tag woche monat jahr stunde minute sekunde quartal jahrzehnt jahrhundert "
                             "wochenende".split()),
)

LEXICONS = {"nl": NL, "en": EN, "de": DE}


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of `words` (longest first), spaces matching any white space, as a trie.

    Python's re tries the branches of an alternation one by one; factoring common prefixes makes a
    list of 200 number words cost a few character tests per position instead of 200.

    >>> alternation(["mei", "maart", "maand"])
    'm(?:aa(?:nd|rt)|ei)'
    """
    trie: dict = {}
    for word in {w.lower() for w in words}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie) or "(?!x)x"


def _emit(node: dict) -> str:
    """The regex of one trie node."""
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _emit(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
