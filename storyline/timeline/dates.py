"""Dates a sentence speaks about: an adapter over `storyline.text.timex`, with our own fallback.

Only points in time of a day or a month count (`2018-06-12`, `2018-06`); ranges, weeks, years,
durations, sets and expressions with a before/after modifier are left out. A sentence is handed to
the time-expression tagger only when it holds a cheap trigger (a month or weekday name, a digit next
to a date-like token, "yesterday", "ago", ...), which keeps a 400-article story fast.

>>> sentence_dates("De top op 12 juni werd afgeblazen.", "nl", "2018-05", "month")
[('2018-06-12', 'day')]
>>> sentence_dates("Nothing to see here.", "en", "2018-05-01", "day")
[]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from ..models import TimeMention
from ..text.guard import Guard, pieces
from .fallback import MONTHS, RELATIVE, WEEKDAYS, find_dates

log = logging.getLogger(__name__)

Extractor = Callable[[str, str, str | None, str | None], list[TimeMention]]
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T.*)?$")
_MONTH_RE = re.compile(r"^\d{4}-\d{2}$")
_AMBIGUOUS = {"may", "mai", "mar", "mars", "jun", "sep", "dec", "hier", "jan", "aug", "nov", "oct", "feb", "apr", "jul"}
_WORDS = sorted((set(MONTHS) | set(WEEKDAYS) | set(RELATIVE) | {
    "ago", "geleden", "tomorrow", "morgen", "eergisteren", "overmorgen"}) - _AMBIGUOUS, key=len, reverse=True)
_PART_OF_DAY = (r"(?:this\s+(?:morning|afternoon|evening)|tonight|(?:van|gister|gisteren|maan|dins|woens|donder|vrij|zater|zon)"
                r"(?:dag)?(?:ochtend|morgen|middag|avond|nacht)|heute\s+(?:morgen|abend))")
TRIGGER = re.compile(r"(?i:\b(?:" + "|".join(re.escape(w) for w in _WORDS) + "|" + _PART_OF_DAY + r")\b)"
                     r"|\b(?:May|Mai|Mar|Mars|Jun|Sep|Dec|Jan|Aug|Nov|Oct|Feb|Apr|Jul)\b|\d{4}-\d{2}-\d{2}")
# what may name a week, a season or a year: only the event-date attribution needs these (`raw_mentions(wide=True)`)
WIDE_TRIGGER = re.compile(r"(?i:\b(?:week|weekend|weekeinde|woche|semaine|year|jaar|jahr|month|maand|monat|quarter|kwartaal|"
                          r"(?:1[89]|20)\d\d)\b)"
                          # "last night", "de afgelopen avond": the event date needs them, not the dates to rank
                          r"|(?i:\b(?:last\s+(?:night|evening)|afgelopen\s+avond)\b)"
                          # a season with a word that places it ("last summer", "afgelopen zomer"; not "summer camp")
                          r"|(?i:\b(?:last|this|next|past|coming|early|late|afgelopen|vorige?|deze|komende|volgende|"
                          r"begin|eind|letzten|diesen|(?:in|during)\s+the|tijdens\s+de|in\s+de)\s+(?:summer|winter|spring|autumn|zomer|winter|lente|voorjaar|"
                          r"herfst|najaar|sommer|herbst)\b)")
# The same searches behind a cheap exact pre-check (`text/guard.py`): every match of TRIGGER holds one of its words,
# a part-of-day word ("this morning" its "morning": "this" alone is in every fourth English sentence), a capitalised
# month abbreviation or an ISO date; every match of WIDE_TRIGGER a period or season word or a year.
TRIGGERED = Guard(TRIGGER, pieces(*(w.lower() for w in _WORDS), "morning", "afternoon", "evening", "tonight",
                                  "ochtend", "morgen", "middag", "avond", "nacht", "heute"),
                  r"(?=[MJSDANOF\d])(?:May|Mai|Mar|Jun|Sep|Dec|Jan|Aug|Nov|Oct|Feb|Apr|Jul|\d{4}-\d{2}-\d{2})")
WIDE_TRIGGERED = Guard(WIDE_TRIGGER, pieces("week", "woche", "semaine", "year", "jaar", "jahr", "month", "maand",
                                            "monat", "quarter", "kwartaal", "summer", "winter", "spring", "autumn",
                                            "zomer", "lente", "voorjaar", "herfst", "najaar", "sommer", "herbst",
                                            "last night", "last evening", "afgelopen avond"),
                       r"(?:1[89]|20)\d\d")
_EXTRACTOR: list[Extractor | None] = []


def extractor() -> Extractor:
    """`storyline.text.timex.extract_time_mentions` when it is there, else our fallback."""
    if not _EXTRACTOR:
        try:
            from ..text.timex import extract_time_mentions

            _EXTRACTOR.append(extract_time_mentions)
        except Exception as exc:  # the tagger is built by another stage and may be missing or broken
            log.warning("storyline.text.timex cannot be imported (%s): timelines fall back to the small date finder of "
                        "storyline.timeline.fallback (day and month dates, weekdays, yesterday/today only)", exc)
            _EXTRACTOR.append(None)
    return _EXTRACTOR[0] or (lambda text, lang, published, precision: find_dates(text, published, precision))


def sentence_dates(sentence: str, lang: str | None, published: str | None, precision: str | None,
                   extract: Extractor | None = None) -> list[tuple[str, str]]:
    """The (date, precision) pairs a sentence mentions, in order, without repeats."""
    return distinct_dates(sentence_mentions(sentence, lang, published, precision, extract))


def distinct_dates(mentions: list[tuple[str, str, int, int]]) -> list[tuple[str, str]]:
    """The (date, precision) pairs of `sentence_mentions`, in order, without repeats."""
    return list(dict.fromkeys((key, prec) for key, prec, _, _ in mentions))


def sentence_mentions(sentence: str, lang: str | None, published: str | None, precision: str | None,
                      extract: Extractor | None = None) -> list[tuple[str, str, int, int]]:
    """Every (date, precision, start, end) a sentence mentions, with the characters that say it.

    >>> sentence_mentions("Kim and Trump meet on 12 June.", "en", "2018-05-30", "day")
    [('2018-06-12', 'day', 22, 29)]
    """
    return day_month_mentions(raw_mentions(sentence, lang, published, precision, extract, wide=False))


def day_month_mentions(mentions: list[TimeMention]) -> list[tuple[str, str, int, int]]:
    """(date, precision, start, end) of the resolved day and month mentions among `mentions`."""
    found: list[tuple[str, str, int, int]] = []
    for m in mentions:
        pair = mention_date(m)
        if pair:
            found.append((*pair, m.start, m.end))
    return found


def raw_mentions(sentence: str, lang: str | None, published: str | None, precision: str | None,
                 extract: Extractor | None = None, wide: bool = True) -> list[TimeMention]:
    """Every time expression of a sentence as the tagger gives it (none when no trigger word is there).

    `wide` also hands over sentences that only name a week or a year ("volgende week", "in 2015").
    """
    if not (TRIGGERED.search(sentence) or wide and WIDE_TRIGGERED.search(sentence)):
        return []
    return tag_sentence(sentence, lang, published, precision, extract)


def tag_sentence(sentence: str, lang: str | None, published: str | None, precision: str | None,
                 extract: Extractor | None = None) -> list[TimeMention]:
    """The tagger's time expressions of a sentence (no trigger check), with the fallback on failure."""
    extract = extract or extractor()
    try:
        return list(extract(sentence, lang or "en", published, precision))
    except Exception as exc:  # never let a tagger bug stop a timeline
        log.debug("time tagger failed on %r: %s; using the fallback", sentence[:60], exc)
        return list(find_dates(sentence, published, precision))


_MONTHS_RANGE = re.compile(r"^(\d{4}-\d{2})-01/(\d{4}-\d{2})-01$")


def months_start(m: TimeMention) -> str | None:
    """The first month of a range of whole months that names no day ("de eerste drie maanden van dit jaar",
    "the first three months of this year": 2021-01-01/2021-04-01), whose start is a month, not its first day.

    >>> months_start(TimeMention("the first three months of this year", 0, 35, "2021-01-01/2021-04-01", "day", None,
    ...                          True, "date"))
    '2021-01'
    >>> months_start(TimeMention("1 to 3 June", 0, 11, "2021-06-01/2021-06-03", "day", None, True, "date")) is None
    True
    """
    found = _MONTHS_RANGE.match(m.value or "")
    if not found or found.group(1) >= found.group(2) or re.search(r"(?<![\d-])\d{1,2}(?![\d-])", m.text):
        return None
    return found.group(1)


def mention_date(m: TimeMention) -> tuple[str, str] | None:
    """The (date, precision) of a resolved day or month mention, else None.

    >>> mention_date(TimeMention("12 juni", 0, 7, "2018-06-12", "day", None, True, "date"))
    ('2018-06-12', 'day')
    >>> mention_date(TimeMention("voor 12 juni", 0, 7, "2018-06-12", "day", "before", True, "date")) is None
    True
    """
    if not m.resolved or m.kind not in ("date", "time") or m.modifier in ("before", "after", "since", "until"):
        return None
    value = m.value or ""
    if (month := months_start(m)) is not None:
        return month, "month"
    if _DAY_RE.match(value):
        return value[:10], "day"
    if _MONTH_RE.match(value) and m.modifier is None:
        return value, "month"
    return None
