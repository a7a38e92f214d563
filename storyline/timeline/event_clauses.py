"""Clauses for the event-date attribution: the verbs of saying, a complement opened without "that", the clause
an expression sits in.

"The union said on Monday it would strike from Thursday to Saturday": the guideline dates the content
when it has a time of its own, so the attribution must see that "it would …" is the content of "said" although no
"that" opens it, and that its "would" makes a bare weekday the coming one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..models import TimeMention
from ..text.tokens import Token
from .event_syntax import WEEKDAY_WORD

BOUNDARIES = frozenset({",", ";", ":", "(", ")", "—", "–"})
SUBORDINATORS = frozenset(
    "nadat voordat toen terwijl sinds sindsdien omdat doordat zodat waar waarop waarna waarin wanneer als "
    "indien hoewel after before when while since because where whereas whom whose which who although until "
    "nachdem bevor als während weil wo dass obwohl".split())
SPEECH = frozenset(
    "said says say saying announced announces reported reports told tells confirmed confirms stated states added "
    "adds claimed claims warned warns explained wrote writes insisted argued believed believes thinks thought "
    "admitted revealed denied noted hoped hopes expects expected zei zegt zeggen meldde meldt melden verklaarde "
    "verklaart liet laat weten schreef schrijft bevestigde bevestigt benadrukte stelde stelt denkt dacht hoopt "
    "hoopte verwacht verwachtte gaf geeft aan kondigde maakte bekend wees erop erop sagte sagt".split())
ADVERBS_BEFORE_THAT = frozenset("also ook on monday tuesday wednesday thursday friday saturday sunday maandag dinsdag "
                                "woensdag donderdag vrijdag zaterdag zondag gisteren yesterday today vandaag "
                                "toe ,".split())


def content_without_that(rest: list[Token]) -> bool:
    """Whether the words after a speech verb open its complement without "that": a pronoun and an auxiliary
    after at most the speech act's own time ("said on Monday it would …", "told reporters yesterday he had …" is
    not: the object comes first)."""
    k = 0
    while k < len(rest) and k < 4 and rest[k].text.lower() in ADVERBS_BEFORE_THAT:
        k += 1
    return k + 1 < len(rest) and rest[k].text.lower() in PRONOUNS and rest[k + 1].text.lower() in AUXILIARIES


def future_content(tokens: list[Token], m: TimeMention) -> bool:
    """Whether the nearest auxiliary before the expression, in its clause, speaks of the future ("it would …")."""
    for t in reversed([t for t in tokens if t.end <= m.start]):
        word = t.text.lower()
        if t.text in BOUNDARIES or word in SPEECH:
            return False
        if word in AUXILIARIES or word in ("will", "would", "'ll", "shall"):
            return word in ("will", "would", "'ll", "shall")
    return False


def ahead(m: TimeMention, value: str, prec: str, pub: str) -> tuple[str, str]:
    """A bare weekday the tagger placed before the publication day, moved to the coming one."""
    if prec != "day" or value >= pub or not WEEKDAY_WORD.search(m.text) or re.search(r"\d", m.text):
        return value, prec
    coming = (date.fromisoformat(value) + timedelta(days=7)).isoformat()
    return (coming, prec) if coming >= pub else (value, prec)


PRONOUNS = frozenset("it he she they we i".split())
AUXILIARIES = frozenset("would will had has was were could should might may is are 'd".split())


def head_before_place(before: list[Token]) -> str:
    """The noun before a short place phrase ("a shooting in that city" -> shooting), else the last word."""
    words = [t.text for t in before[-5:]]
    for k in range(len(words) - 2, 0, -1):
        if words[k].lower() in ("in", "at", "near", "bij", "te", "op") and all(w[:1].isalpha() for w in words[k:]):
            return words[k - 1]
    return words[-1] if words else ""


def subordinate(before: list[Token]) -> bool:
    """Whether the clause that ends `before` opens with a subordinating word ("dat de MH17 op 17 juli werd
    neergehaald": in a Dutch subordinate clause the verb comes last, so what follows the subject is adverbial)."""
    clause = clause_of(before)
    k = len(before) - len(clause) - 1
    return k >= 0 and (before[k].text.lower() in SUBORDINATORS or before[k].text.lower() in ("dat", "that", "dass"))


def clause_of(before: list[Token]) -> list[Token]:
    """The tokens of `before` since the last clause boundary (a comma, a subordinating word, "dat"/"that")."""
    for j in range(len(before) - 1, -1, -1):
        word = before[j].text.lower()
        if word in BOUNDARIES or word in SUBORDINATORS or word in ("dat", "that", "daß", "dass", "que", "en", "and",
                                                                      "und", "et"):
            return before[j + 1:]
    return before


_PLACE_PREPOSITIONS = frozenset("in at near bij te nabij".split())
_NAME_PARTS = frozenset("aan den de der van het ter ten upon on the la le".split())


def noun_before_places(before: list[Token]) -> tuple[str, str] | None:
    """The noun and the word before it, when `before` ends in one or more place phrases after that noun ("het
    schietincident in winkelcentrum De Ridderhof in Alphen aan den Rijn" -> ("het", "schietincident")), else None."""
    k, skipped = len(before), 0
    while k > 1:
        j = k - 1  # a place phrase: a preposition, at most one lower-case word, then names and their particles
        while j > 0 and k - j <= 7 and before[j].text.lower() not in _PLACE_PREPOSITIONS:
            if not before[j].text.isalpha():
                break
            j -= 1
        if j <= 0 or before[j].text.lower() not in _PLACE_PREPOSITIONS or j == k - 1 \
                or not any(t.text[:1].isupper() for t in before[j + 1:k]) \
                or sum(t.text.islower() and t.text not in _NAME_PARTS for t in before[j + 1:k]) > 1:
            break
        k, skipped = j, skipped + 1
    if not skipped or k < 2:
        return None
    return before[k - 2].text.lower(), before[k - 1].text.lower()
