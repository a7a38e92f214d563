"""Tense and aspect rules for `event_dates.py`: what a clause's grammar says about its time expressions (pure).

Three rules that follow from grammar, not from word lists fitted to sentences:

- **tense agreement**: a clause whose verbs are all present or future cannot report an event at a date months
  in the past ("The government wants to learn from the floods in 2016", "De regering wil leren van de
  overstromingen in 2016"): such a date names which thing the clause speaks of (an attribute of a noun), and
  the clause reports at reporting time. A past, perfect or conditional form anywhere in the sentence, or no verb
  at all, leaves the date to the other rules.
- **habit**: a date in the same clause as a frequency ("every year in June", "elk jaar in juni", "jaarlijks in
  mei") says when a habit recurs, not when one event happened: the guideline's habitual statements report at
  reporting time.
- **duration up to now**: "in de afgelopen twee jaar", "over the last three months" is a stretch of time that
  ends now, not a point: reporting time ("afgelopen week", without a count, is a point: last week).

>>> from storyline.text.tokens import tokenize
>>> past_marked(tokenize("De regering wil leren van de overstromingen."), "nl")
False
>>> past_marked(tokenize("De regering leerde van de overstromingen."), "nl")
True
>>> past_marked(tokenize("The government wants to learn from the floods."), "en")
False
>>> past_marked(tokenize("The company sold its stake."), "en")
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from ..models import TimeMention
from ..text.tokens import Token, lemma
from ..text.verbs import verbish
from .event_syntax import PARTICIPLE_IRREGULAR, determiner, irregular_past

# past, perfect and conditional auxiliaries and frequent forms (a perfect or a conditional may carry a past date:
# "heeft in 2016 gewonnen", "would later move to Texas in 2014")
_EN_PAST = frozenset("was were had did 'd would could might should used ago".split())
_NL_PAST = frozenset("was waren werd werden had hadden heeft hebben heb hebt zou zouden kon konden moest moesten "
                     "wilde wilden mocht mochten ging gingen kwam kwamen zei zeiden geleden".split())
# Dutch present forms the stem test below does not see (irregular modals and "zijn")
_NL_PRESENT = frozenset("is ben bent zijn kan kunt zal zult mag moet wil wilt gaat staat doet ziet slaat".split())
_DOUBLE = re.compile(r"([aeiou])\1")
_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:maan|dins|woens|donder|vrij|zater|zon)dag")
_GAP_DAYS = 40  # a date that ended this long before publication is in the past for any reading


def _nl_past(word: str) -> bool:
    """A Dutch verb form that is a past tense or a past participle: its lemma (an infinitive) does not start with
    its stem ("stegen"/stijgen, "maakte"/maken, "verkocht"/verkopen; but "maakt"/maken, "komen", "wordt")."""
    if word in _NL_PAST:
        return True
    if word in _NL_PRESENT or not verbish(word, "nl"):
        return False
    base = lemma(word, "nl")
    if base == word:
        return False  # an infinitive or a present plural
    stem = word[:-1] if word.endswith("t") and not word.endswith(("dt", "tt")) else word
    stem = stem[:-1] if stem.endswith("dt") else stem
    return not (base.startswith(stem) or base.startswith(_DOUBLE.sub(r"\1", stem)))


def _en_past(word: str, previous: str) -> bool:
    """An English past tense, past participle or conditional ("sold", "cancelled", "would")."""
    if word in _EN_PAST or word in PARTICIPLE_IRREGULAR or irregular_past(word):
        return True
    if determiner(previous) or word in _FINITE_PRESENT:
        return False  # "the alleged …", "the children": a modifier or a noun after a determiner
    if word.endswith("ed") and len(word) > 4:
        return True
    base = lemma(word, "en")
    return base != word and not word.endswith(("s", "ing")) and verbish(word, "en")


def past_marked(tokens: Sequence[Token], lang: str | None) -> bool:
    """Whether any word of the sentence is a past, perfect or conditional verb form (names, capitalised inside the
    sentence, are skipped)."""
    prev = ""
    for k, t in enumerate(tokens):
        word = t.text
        if not word[:1].isalpha() or k and word[:1].isupper():
            prev = word
            continue
        low = word.lower()
        if lang == "nl" and _nl_past(low) or lang == "en" and _en_past(low, prev.lower()):
            aux = {w.text.lower() for w in tokens[max(0, k - 6):k]}
            if not (aux & _PRESENT_PASSIVE[lang] and low not in _EN_PAST and low not in _NL_PAST):
                return True  # ("are still felt", "wordt vrijdag besproken": a present passive is no past)
        prev = word
    return False


_PRESENT_PASSIVE = {"en": frozenset({"is", "are", "am", "be", "being"}), "nl": frozenset({"wordt", "worden"})}


def has_verb(tokens: Sequence[Token], lang: str | None) -> bool:
    """Whether the sentence has a verb form at all (a verbless line keeps its date: "Vandaag voor het laatst.")."""
    for k, t in enumerate(tokens):
        low = t.text.lower()
        if not t.text[:1].isalpha() or k and not t.text[:1].islower():
            continue
        if verbish(low, lang) or low in _FINITE_PRESENT:
            return True
        prev = tokens[k - 1].text.lower() if k else ""
        if lang == "en" and k and low.endswith("s") and not low.endswith("ss") and lemma(low, "en") != low \
                and prev[:1].isalpha() and not determiner(prev) and prev not in _PREPOSITIONS:
            return True  # "the government wants": a present form (not "the floods", "from floods")
    return False


_FINITE_PRESENT = frozenset("is are am has have will can must may shall does do".split())
_PREPOSITIONS = frozenset("of in on at from to by with for about over under after before during".split())
_NL_PREPOSITIONS = frozenset("op in van om rond tijdens na voor".split())


def _period_end(value: str) -> date | None:
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        if len(value) == 7:
            y, mo = int(value[:4]), int(value[5:7])
            return date(y + (mo == 12), mo % 12 + 1, 1) - timedelta(days=1)
        if len(value) == 4:
            return date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def _period_start(value: str) -> date | None:
    try:
        return date.fromisoformat((value + "-01-01")[:10]) if len(value) in (4, 7, 10) else None
    except ValueError:
        return None


def fronted(tokens: Sequence[Token], m: TimeMention, lang: str | None) -> bool:
    """Whether the expression opens its sentence as an adverbial ("In 2014 he moves to Texas", "Op 18 maart 2019
    ontvangen de hulpdiensten …", also after a glued headline: Dutch puts the finite verb right after a fronted
    adverbial): it dates the verb, in the historical present too."""
    before = [t for t in tokens if t.end <= m.start]
    while before and before[-1].text.lower() in _PREPOSITIONS | _NL_PREPOSITIONS | {"as", "per", "vanaf"}:
        before = before[:-1]  # "In 2014", "As of 1986", "Op 18 maart"
    if not before or all(not t.text[:1].isalnum() for t in before):
        return True
    after = [t for t in tokens if t.start >= m.end]
    if lang == "nl" and after and after[0].text.lower() in ("de", "het", "een") and before[-1].text not in (",", "en"):
        return True  # "schieten rebellen in juli 2014 een vliegtuig neer": the middle field, before the object
    return lang == "nl" and bool(after) and after[0].text[:1].islower() and verbish(after[0].text, "nl") \
        and not before[-1].text[:1].islower()


def present_clause_past_date(tokens: Sequence[Token], m: TimeMention, value: str, published: str | None,
                             lang: str | None) -> bool:
    """Tense agreement: the sentence's verbs are all present or future, and the date ended well before the
    publication ("The government wants to learn from the floods in 2016"): the date is not the event's time,
    unless it opens the sentence as an adverbial (`fronted`: the historical present of a narrative)."""
    if lang not in ("nl", "en") or not published or fronted(tokens, m, lang):
        return False
    if _WEEKDAY.search(m.text) and re.search(r"\d", m.text):
        return False  # "takes place Friday, November 10": a weekday with its date is a schedule, the verb's time
    end, pub = _period_end(value), _period_start(published)
    if end is None or pub is None or end >= pub - timedelta(days=_GAP_DAYS):
        return False
    return has_verb(tokens, lang) and not past_marked(tokens, lang)


def agree(tokens: Sequence[Token], m: TimeMention, resolved: tuple[str, str], published: str | None,
          lang: str | None) -> tuple[str, str] | None:
    """The own expression's (value, precision) after tense agreement: unchanged, moved to the coming year
    (`coming_after_verb`), or None when the tense says the date is not the event's (`present_clause_past_date`)."""
    if not present_clause_past_date(tokens, m, resolved[0], published, lang):
        return resolved
    coming = coming_after_verb(tokens, m, resolved[0], lang)  # "De zaak begint op 9 maart": the coming March
    return None if coming is None else (coming, resolved[1])


_CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–", ".", "!", "?"})
_CLAUSE_OPENERS = frozenset("that which who where when while because dat die waar toen terwijl omdat".split())


def habitual(tokens: Sequence[Token], mentions: Sequence[TimeMention], m: TimeMention, lang: str | None) -> bool:
    """A frequency ("every year", "elk jaar", "jaarlijks": the tagger's kind "set") next to the date, with no verb
    or clause boundary between them: the date says when a habit recurs."""
    for s in mentions:
        if s.kind != "set" or s is m or _frequency_of_noun(tokens, s):
            continue
        lo, hi = min(s.end, m.end), max(s.start, m.start)
        between = [t.text for t in tokens if lo <= t.start < hi]
        if not any(w in _CLAUSE_BREAKS or w.lower() in _CLAUSE_OPENERS or w[:1].islower() and verbish(w, lang)
                   for w in between):
            return True  # ("began Saturday with the removal of a cap that captured … every day": another clause)
    return False


_ADJECTIVE_FREQUENCY = re.compile(r"(?i)(?:daily|weekly|monthly|yearly|annual|nightly|dagelijkse?|wekelijkse?|"
                                  r"maandelijkse?|jaarlijkse?)")
_NOT_NOUN_AFTER = frozenset("from to in on at for by with and or of since until as van tot op in om voor met en of "
                            "sinds vanaf".split())


def _frequency_of_noun(tokens: Sequence[Token], s: TimeMention) -> bool:
    """ "the daily morning show", "de jaarlijkse herdenking": a frequency word before a noun says what the noun is, not
    that the clause's event recurs ("The show airs daily from May 16" does)."""
    if not _ADJECTIVE_FREQUENCY.fullmatch(s.text.strip()):
        return False
    nxt = next((t.text for t in tokens if t.start >= s.end), "")
    return nxt[:1].isalpha() and nxt.islower() and nxt not in _NOT_NOUN_AFTER and not verbish(nxt, "en") \
        and not verbish(nxt, "nl")


_DURATION_TO_NOW = re.compile(
    r"(?i)\b(?:afgelopen|laatste|voorbije|past|last|previous)\s+(?:\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|"
    r"twaalf|enkele|paar|aantal|two|three|four|five|six|seven|eight|nine|ten|twelve|few|several|couple)\b")


def duration_to_now(m: TimeMention, published: str | None) -> bool:
    """ "de afgelopen twee jaar", "the last three months": a stretch that ends at publication, not a point."""
    return bool(_DURATION_TO_NOW.search(m.text)) and "/" in (m.value or "") and bool(published) \
        and (m.value or "").split("/", 1)[1][:10] >= (published or "")[:10]


_RELATIVE_WORDS = re.compile(r"(?i)\b(?:last|past|previous|ago|yesterday|earlier|vorige?|afgelopen|geleden|gisteren|"
                             r"eerder|jongstleden|this|dit|deze)\b")


def coming_after_verb(tokens: Sequence[Token], m: TimeMention, value: str, lang: str | None) -> str | None:
    """ "Die rechtszaak begint op 9 maart", "The trial begins on March 9" (in an article of September): a day or
    month without a year right after a present verb is the coming one (the guideline's "the year after for the
    future"); returns that value, or None when the expression is not such an adverbial."""
    if len(value) not in (7, 10) or re.search(r"\d{4}", m.text) or _RELATIVE_WORDS.search(m.text):
        return None
    before = [t for t in tokens if t.end <= m.start]
    while before and before[-1].text.lower() in _PREPOSITIONS | _NL_PREPOSITIONS:
        before = before[:-1]
    if not before:
        return None
    word = before[-1].text
    low = word.lower()
    verb = word[:1].islower() and (verbish(low, lang) or low in _FINITE_PRESENT or lang == "en" and low.endswith("s")
                                   and lemma(low, "en") != low and len(before) > 1
                                   and not determiner(before[-2].text))
    return f"{int(value[:4]) + 1:04d}{value[4:]}" if verb else None


_FULL_DATE = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*\b\d{4}\b"
                        r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}\b")
_FUTURE_EN = frozenset("will 'll shall going due scheduled expected plans planned tomorrow next".split())


def present_caption(tokens: Sequence[Token], m: TimeMention, value: str, published: str | None,
                    lang: str | None) -> bool:
    """ "Emma Gonzalez observes six minutes of silence at the rally on March 24, 2018 in Washington, DC.": an English
    sentence in the simple present with a full calendar date that is not in the future is a photo caption (news prose
    tells past events in the past tense): no event of the article."""
    if lang != "en" or not published or not _FULL_DATE.search(m.text) or value[:10] > published[:10]:
        return False
    if "@" in " ".join(t.text for t in tokens if m.start - 60 < t.start < m.start):
        return False  # "… — Name (@handle) June 28, 2018": an embedded post keeps its date, as the guideline's
    words = {t.text.lower() for t in tokens}
    return not words & _FUTURE_EN and has_verb(tokens, lang) and not past_marked(tokens, lang)


# "vanaf maandag", "from Monday", "starting Monday", "met ingang van maandag": the day something starts to hold
_FROM = r"(?i:vanaf|per|met\s+ingang\s+van|from|starting(?:\s+on)?|beginning(?:\s+on)?|as\s+of|effective)\s+"
_FROM_BEFORE = re.compile(rf"\b{_FROM}$")  # the word right before the expression
_FROM_OPENS = re.compile(_FROM)  # or opening it ("vanaf maandag")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mrt|maa|mei|okt)[a-z]*\.?"
_CALENDAR_DAY = re.compile(rf"(?i)\b\d{{1,2}}(?:st|nd|rd|th|e|ste|de)?\s+(?:of\s+)?{_MONTH}|\b{_MONTH}\s+\d{{1,2}}\b")
_CLAUSE_BOUNDS = frozenset({",", ";", ":", "(", ")", "—", "–", ".", "!", "?"})


def clause_around(tokens: Sequence[Token], m: TimeMention) -> list[Token]:
    """The tokens of the expression's clause: those between the nearest clause bounds before and after it."""
    clause: list[Token] = []
    for t in reversed([t for t in tokens if t.end <= m.start]):
        if t.text in _CLAUSE_BOUNDS:
            break
        clause.append(t)
    for t in (t for t in tokens if t.start >= m.end):
        if t.text in _CLAUSE_BOUNDS:
            break
        clause.append(t)
    return clause


def starting_weekday(tokens: Sequence[Token], sentence: str, m: TimeMention, value: str, prec: str, pub: str,
                     lang: str | None) -> tuple[str, str]:
    """ "De minister kondigt aan dat vanaf maandag een ophokplicht geldt", "From Monday, poultry must stay indoors"
    (in an article of a Friday): a weekday that something starts from, in a clause with no past or perfect form, is
    the coming one, not the Monday before (the guideline's "the next one for the future")."""
    if lang not in ("nl", "en") or prec != "day" or value >= pub or not _WEEKDAY.search(m.text) \
            or _CALENDAR_DAY.search(m.text):  # "From Saturday 7 March": the date says which Saturday
        return value, prec
    if not _FROM_OPENS.match(m.text) and not _FROM_BEFORE.search(sentence[max(0, m.start - 24):m.start]):
        return value, prec
    clause = clause_around(tokens, m)
    if not has_verb(clause, lang):  # "From Monday, all poultry must …": the clause after the comma
        clause = list(tokens)
    if past_marked(clause, lang) or not has_verb(clause, lang):
        return value, prec
    ahead = date.fromisoformat(value) + timedelta(days=7)
    return (ahead.isoformat(), prec) if ahead.isoformat() >= pub else (value, prec)


_BARE_WEEKDAY = re.compile(r"(?i)(?:maan|dins|woens|donder|vrij|zater|zon)dag(?:ochtend|middag|avond|nacht|morgen)?")


def present_weekday(tokens: Sequence[Token], m: TimeMention, value: str, prec: str, pub: str,
                    lang: str | None) -> tuple[str, str]:
    """ "De publieke omroepen passen woensdag hun programmering aan", "Een vliegtuig vliegt pas woensdagochtend naar
    Charkov" (in an article of a Monday): Dutch news reports what happened in the past tense or the perfect, so a bare
    weekday in a sentence whose verbs are all present is the coming one, not the one before."""
    if lang != "nl" or prec != "day" or value >= pub or not _BARE_WEEKDAY.fullmatch(m.text.strip()):
        return value, prec
    if past_marked(tokens, lang) or not has_verb(tokens, lang) or _nl_perfect(tokens):
        return value, prec
    ahead = date.fromisoformat(value) + timedelta(days=7)
    return (ahead.isoformat(), prec) if ahead.isoformat() >= pub else (value, prec)


_NL_PERFECT_AUX = frozenset("is zijn heeft hebben".split())
_NL_PARTICIPLE = re.compile(r"(?:[a-z]{0,6})ge[a-z]{2,}(?:d|t|en)")  # "afgelast", "opgepakt", "gevonden"


def _nl_perfect(tokens: Sequence[Token]) -> bool:
    """A Dutch perfect: "is" or "heeft" with a word shaped like a past participle ("Woensdag is de kermis afgelast")."""
    words = [t.text.lower() for t in tokens]
    # (a noun of that shape, "gezondheid", only keeps the weekday where it was: the cautious side)
    return bool(_NL_PERFECT_AUX.intersection(words)) and any(_NL_PARTICIPLE.fullmatch(w) for w in words[1:])


_SPAN_IN = re.compile(r"(?i)^(?:in|within|binnen)\s+(?:(?:just|only|about|nearly|less\s+than|ruim|slechts|krap)\s+)?"
                      r"[\w-]+\s+(?:days?|weeks?|months?|years?|dagen|weken|maanden|jaar|jaren)$")


def span_in_past(tokens: Sequence[Token], m: TimeMention, value: str, published: str | None,
                 lang: str | None) -> bool:
    """ "BP has lost 40 percent of its value in six weeks", "Het bedrijf verloor in drie maanden de helft": "in" and a
    count of units in a clause with a past or perfect form and no word of the future says how long something took,
    not a date that far ahead (the guideline's durations give nothing)."""
    if not published or not _SPAN_IN.match(m.text.strip()) or value[:10] <= published[:10]:
        return False
    clause = clause_around(tokens, m)
    if not past_marked(clause, lang):  # "…, or 40 percent, of its market value in six weeks": the sentence's verb
        clause = list(tokens)
    words = {t.text for t in clause if t.text[:1].islower()}  # ("the May 3 strike": a month, not "may")
    return past_marked(clause, lang) and not words & _SPAN_FUTURE


_SPAN_FUTURE = frozenset("will 'll shall would could should might may going expected zal zullen zou zouden gaat gaan "
                         "moet moeten kan kunnen verwacht".split())


_VAGUE_OFFSET = re.compile(r"\b(?:few|several|some|many|enkele|paar|aantal|wat|verscheidene|einigen|wenigen|"
                           r"mehreren|quelques)\s+(?:more\s+)?(?:days?|weeks?|months?|years?|decades?|dagen|weken|"
                           r"maanden|jaar|jaren|tagen|wochen|monaten|jahren|jours|semaines|mois|ans)\s+"
                           r"(?:ago|geleden|her|earlier|eerder|before|daarvoor)\b")


def vague_offset(text: str) -> bool:
    """ "a few months ago", "een paar jaar geleden": an offset by a vague count (the guideline's vague times)."""
    return bool(_VAGUE_OFFSET.search(text))
