"""Rules over tokens for `event_dates.py`, round 3: words that only look like dates, the year of a season, the
guideline's exception to *attribute*, time frames ("during"), clauses of cause (pure).

Each function looks at one time expression (`m`, a `TimeMention`) or a few tokens and answers one question,
as in `event_syntax` (whose word lists and verb guess these rules use); `event_dates.attribute` calls them.

>>> from storyline.text.tokens import tokenize
>>> from storyline.models import TimeMention
>>> s = "The April 2 shooting killed three people."
>>> describes_event(tokenize(s), TimeMention("April 2", 4, 11, "2018-04-02", "day", None, True, "date"))
True
"""

from __future__ import annotations

import re
from datetime import date

from ..models import TimeMention
from ..text.tokens import Token
from .event_syntax import EVENT_NOUN, PARTICIPLE_IRREGULAR, determiner, finite, irregular_past, verb_form


def common_word(sentence: str, m: TimeMention) -> bool:
    """ "they sat in the sun", "they will wed": a weekday's abbreviation written in lower case is a word;
    "2.9 percent", "1,5 miljoen": a decimal number before a unit is an amount, not a day and a month."""
    if re.fullmatch(r"\d{1,2}[.,]\d{1,2}", m.text) and _AMOUNT.match(sentence[m.end:]):
        return True
    return bool(re.fullmatch(r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|ma|di|wo|do|vr|za|zo)\.?", m.text))


_AMOUNT = re.compile(r"(?i)\s*(?:%|percent|per cent|procent|million|billion|trillion|miljoen|miljard|euro|dollars?|"
                     r"pounds?|kilo|km|meter|graden|degrees|points?|punten)\b")
_ADVERBS = frozenset("sometime sometimes already only just even still also again once ever never ook al nog pas "
                     "eerder later toen reeds".split())


def adverb(word: str) -> bool:
    """An adverb ("sometime earlier this year", "already this winter"), not the noun a time phrase may follow."""
    low = word.lower()
    return low in _ADVERBS or low.endswith("ly") and len(low) > 4


_SEASON_END = {"SP": 5, "SU": 8, "FA": 11}  # the last month of spring, summer, autumn (winter straddles two years)


def last_season(text: str, value: str, pub: str | None) -> str:
    """The year of a season: "last spring" in an article of September 2008 is spring 2008, the most recent one
    that has ended, not the spring of the year before (the tagger's reading); "last summer" in January 2021 is
    2020. Other values give their year.

    >>> last_season("last spring", "2007-SP", "2008-09-18"), last_season("last summer", "2007-SU", "2008-07-15")
    ('2008', '2007')
    """
    end = _SEASON_END.get(value[5:7])
    if end is None or not pub or len(pub) < 7 or not re.search(r"(?i)\b(?:last|past|afgelopen|vorige?)\b", text):
        return value[:4]
    year, month = int(pub[:4]), int(pub[5:7])
    return str(year if end < month else year - 1)


# verbs and words that report the toll or the damage of an event: the event itself, not a reaction to it
_TOLL = re.compile(r"(?i)\b(?:kill(?:s|ed)?|injur(?:es|ed)|wound(?:s|ed)|died|dead|destroy(?:s|ed)|damag(?:es|ed)|"
                   r"claimed\s+\w+\s+lives|gewond|gedood|omgekomen|overleden|doden|verwoest(?:te|ten)?|"
                   r"beschadigd|kost(?:te|ten)\b.*\bhet leven|om het leven|om\s*[.!])")
_OPENING_PREPS = frozenset("in at during bij tijdens op door".split())
# an event's turnout ("Sunday's vote saw a turnout of 60 %", "Last year's fair drew 20,000 visitors")
_TURNOUT = re.compile(r"(?i)\b(?:saw|drew|attracted|trok|lokte)\b(?=.*\b(?:turnout|attendance|crowds?|visitors|spectators|"
                      r"viewers|fans|bezoekers|toeschouwers|kijkers)\b)|\b(?:saw|had)\s+(?:a\s+)?(?:turnout|opkomst)\b")
# a report, a press conference, a ruling: their verb of saying or finding is that event ("Tuesday's press
# conference named two suspects", "Monday's ruling found …"), not a reaction to it
_REPORTING_NOUN = re.compile(r"(?i)^(?:\w+-)?(?:conference|report|statement|speech|announcement|briefing|interview|"
                             r"ruling|verdict|study|survey|poll|persconferentie|rapport|verklaring|toespraak|"
                             r"uitspraak|peiling)$")
_REPORTING_VERB = re.compile(r"(?i)^(?:said|says|found|finds|showed|shows|revealed|reveals|implicated|implicates|named|"
                             r"identified|disclosed|noemde|"
                             r"accused|accuses|concluded|concludes|announced|announces|confirmed|confirms|ruled|"
                             r"blamed|blames|stated|states|zei|zegt|stelde|stelt|concludeerde|concludeert|toonde|"
                             r"toont|onthulde|bevestigde|beschuldigde|oordeelde)$")


def describes_event(tokens: list[Token], m: TimeMention) -> bool:
    """The guideline's exception to *attribute*: when the sentence opens with a noun of an event that carries
    the date ("The April 2 shooting killed three people", "Monday's attack left five dead", "Bij de brand van
    vorige week raakten drie mensen gewond") and its verb reports that event's toll, the date is the time of
    the sentence's event. A reaction ("the 2014 shooting prompted new laws") or a noun phrase that does not
    open the sentence stays an attribute."""
    if _during(tokens, m):
        return True
    words = [t.text for t in tokens]
    k = 0
    if k < len(words) and words[k].lower() in _OPENING_PREPS:
        k += 1
    head = [w for w in words[k:k + 7]]
    start = tokens[k].start if k < len(tokens) else 0
    # "Last year's Harbour Fest saw …": an opening date's possessive names an event whatever its noun
    possessive = m.start == start and any(t.start < m.end <= t.end and t.text.endswith(("'s", "’s")) for t in tokens)
    if m.start < start or not (possessive or any(EVENT_NOUN.match(w) or _REPORTING_NOUN.match(w) for w in head)) or \
            not (head and (determiner(head[0]) or head[0][:1].isupper() or head[0][:1].isdigit())):
        return False
    end = max([m.end, *(t.end for t in tokens[k:k + 7] if EVENT_NOUN.match(t.text) or _REPORTING_NOUN.match(t.text))])
    if any(t.text in (",", ";", ":") for t in tokens if start <= t.start < m.start):
        return False
    rest = [t.text for t in tokens if t.start >= end]
    if k and rest[:1] == [","]:
        rest = rest[1:]  # "In the 2008 crash, 12 people died."
    if any(w in (",", ";", ":", "(", "—", "–") for w in rest):
        rest = rest[:min(rest.index(w) for w in (",", ";", ":", "(", "—", "–") if w in rest)]
    said = " ".join(rest + ["."])  # the toll, the turnout or the report in the main clause, not in a relative one
    if _TOLL.search(said) or _TURNOUT.search(said):
        return True
    # (only a date before the noun: "A report published on Tuesday found …" keeps its reduced relative)
    before_noun = [t.text for t in tokens if m.end <= t.start < end]
    return any(_REPORTING_NOUN.match(w) for w in before_noun[-3:]) and any(_REPORTING_VERB.match(w) for w in rest[:10])


def clause_final_verb(after: list[Token], lang: str | None) -> bool:
    """Whether the tokens after an expression are a verb that closes its clause ("… zaterdag begon," / "begon.")."""
    return len(after) > 0 and verb_form(after[0].text.lower(), lang) and \
        (len(after) == 1 or after[1].text in (",", ".", ";", "!", "?", ":"))


_BECAUSE = frozenset("because omdat doordat aangezien weil".split())


def cause_clause(clause: list[Token], lang: str | None) -> bool:
    """Whether `clause` (from a word up to a time expression) is a clause of cause, background like a bound
    ("because at 10 am the remains arrive", "Omdat de fabriek in 2015 sloot, …"). A Dutch one ends with its
    verb: after it, without a comma, the main clause may follow ("omdat de kaart niet voorziet in een feest
    hebben we gisteren besloten …")."""
    if not clause or clause[0].text.lower() not in _BECAUSE:
        return False
    return lang != "nl" or not any(verb_form(t.text.lower(), lang) for t in clause[1:] if t.text[:1].islower())


def _during(tokens: list[Token], m: TimeMention) -> bool:
    """ "Tijdens het debat van dinsdag botsten de partijen", "During Tuesday's debate, the parties clashed": a
    dated noun of an event inside a phrase of "during" frames the sentence's event in time, like a *when*
    clause (the guideline's "said in a Wednesday interview")."""
    before = [t for t in tokens if t.end <= m.start]
    after = [t for t in tokens if t.start >= m.end]
    for j in range(len(before) - 1, max(-1, len(before) - 8), -1):
        word = before[j].text.lower()
        if word in (",", ";", ":", "(", ")", "—", "–") or finite(before[j].text):
            return False
        if word in ("during", "tijdens", "gedurende", "während"):
            if j > 0 and (before[j - 1].text.lower().endswith("ed") or before[j - 1].text.lower() in
                          PARTICIPLE_IRREGULAR or before[j - 1].text.lower().startswith("ge")):
                return False  # ", made during the November summit": the phrase belongs to a participle
            phrase = [t.text for t in before[j + 1:]] + [t.text for t in after[:3]]
            return any(EVENT_NOUN.match(w) for w in phrase)
    return False


_WEEKDAYS = {w: k for k, names in enumerate((("monday", "maandag"), ("tuesday", "dinsdag"), ("wednesday", "woensdag"),
                                             ("thursday", "donderdag"), ("friday", "vrijdag"), ("saturday", "zaterdag"),
                                             ("sunday", "zondag"))) for w in names}


def weekday_year(sentence: str, m: TimeMention, value: str, prec: str) -> tuple[str, str]:
    """ "The 2017 festival takes place Friday, November 10": a weekday with a day and a month but no year is in
    the year the sentence names for which that day is that weekday (10 November 2017 was a Friday)."""
    if prec != "day" or re.search(r"\b\d{4}\b", m.text):
        return value, prec
    named = next((k for w, k in _WEEKDAYS.items() if re.search(rf"(?i)\b{w}\b", m.text)), None)
    if named is None or not re.search(r"\d", m.text):
        return value, prec
    month, day = int(value[5:7]), int(value[8:10])
    for year in dict.fromkeys(int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", sentence)):
        try:
            if date(year, month, day).weekday() == named and year != int(value[:4]):
                return f"{year:04d}{value[4:]}", prec
        except ValueError:
            continue
    return value, prec


# "a strong first quarter profit rise", "third-quarter profit": a quarter or a half year right before a
# noun is that noun's period (not the time of the sentence's event)
_PERIOD_VALUE = re.compile(r"^\d{4}-(?:Q[1-4]|H[12])$")


def period_before_noun(m: TimeMention, after: list[Token], lang: str | None) -> bool:
    """Whether a quarter or half year stands before a noun ("first quarter earnings", "Q1-cijfers")."""
    nxt = after[0].text if after else ""
    return bool(_PERIOD_VALUE.match(m.value or "")) and nxt[:1].isalpha() and nxt.islower() \
        and nxt not in _AFTER_PERIOD and not nxt.endswith("ed") and not irregular_past(nxt)  # "profit", not "rose"


_AFTER_PERIOD = frozenset("and or of to in on at by for with from as than was were is are has had have will would "
                          "en of van tot in op om door voor met als dan was waren is zijn heeft had".split())
# "toward its aim of cutting costs by the end of 2012", "the prospect of meeting on Friday": the
# date belongs to a noun's gerund complement, not to the sentence's verb
_GERUND_HEAD = frozenset("goal goals aim aims target targets plan plans prospect prospects hope hopes intention "
                         "intentions promise promises pledge pledges possibility chance chances idea threat risk".split())


def gerund_of_noun(before: list[Token]) -> bool:
    """Whether the expression sits in "NOUN of VERB-ing …" after a determiner ("its aim of cutting …")."""
    for j in range(len(before) - 1, max(-1, len(before) - 16), -1):
        word = before[j].text.lower()
        if word in (",", ";", ":", "(", ")", "—", "–"):
            return False
        if word == "of" and 1 <= j < len(before) - 1 and before[j + 1].text.lower().endswith("ing") \
                and before[j - 1].text.lower() in _GERUND_HEAD and j >= 2 and determiner(before[j - 2].text):
            return True
    return False


# "With Easter falling the weekend before, …", "… with rain falling between Wednesday night and Friday": an absolute
# phrase (with, a noun phrase, an -ing form) is background to the clause, so a date inside it is not the clause's
_ING_NOUNS = frozenset("during morning evening spring king thing nothing something anything everything building "
                       "meeting funding ceiling wedding sibling ring string swing wing bring sing sting".split())
_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–", ".", "!", "?"})


def absolute_with(tokens: list[Token], m: TimeMention, lang: str | None) -> bool:
    """Whether the expression sits in an English absolute phrase opened by "with" ("with oil prices falling in March")."""
    if lang != "en":
        return False
    before = [t for t in tokens if t.end <= m.start]
    opened = None
    for k in range(len(before) - 1, max(len(before) - 12, -1), -1):
        if before[k].text in _BREAKS:
            break
        if before[k].text.lower() == "with":
            opened = k
            break
    if opened is None:
        return False
    phrase = [t.text for t in before[opened + 1:]] or [m.text]  # "with Easter falling": the date is the noun phrase
    for t in (t for t in tokens if t.start >= m.end):
        if t.text in _BREAKS or len(phrase) > 14:
            break
        phrase.append(t.text)
    # the -ing form follows a noun phrase (not "with testing on Monday": a gerund right after "with")
    return any(w.islower() and w.endswith("ing") and len(w) > 4 and w not in _ING_NOUNS and k > 0
               and phrase[k - 1].isalpha() for k, w in enumerate(phrase))
