"""More rules over tokens for `event_dates.py`: bounding prepositions, participle clauses, nouns of events (pure).

Each function looks at one time expression (`m`, a `TimeMention`) in its sentence, with the sentence's
tokens, and answers one question. They are kept apart from `event_dates.py` so that each module stays
readable; `event_dates.attribute` calls them.

>>> from storyline.text.tokens import tokenize
>>> from storyline.models import TimeMention
>>> s = "Tot juni blijft de weg dicht."
>>> juni = TimeMention("juni", 4, 8, "2018-06", "month", None, True, "date")
>>> bounded_by_preposition(tokenize(s), juni, "nl")
True
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..models import TimeMention
from ..text.tokens import Token, lemma, tokenize
from ..text.verbs import verbish

# "tot juni", "until June", "na 12 juni", "after May": a bound, not the time of an event
_BOUND_PREPS = frozenset({"tot", "totdat", "until", "till", "na", "after", "sinds", "since", "bis", "seit",
                          "nach", "jusqu'au", "jusqu'en", "depuis", "uiterlijk", "following", "ahead", "prior",
                          "run-up", "aanloop", "voorafgaand", "aftermath", "wake", "daags", "vooravond", "eve"})
# "voor 12 juni" is "before 12 June", except after a verb of planning ("gepland voor 12 juni")
_VOOR = frozenset({"voor", "before", "vóór", "vor", "avant"})
_PLANNED = frozenset({"gepland", "geplant", "planned", "scheduled", "vastgesteld", "verplaatst", "uitgesteld",
                      "postponed", "moved", "set", "staat", "stond", "angesetzt", "prévu", "prévue"})
_RANGE_START = frozenset({"van", "from", "between", "tussen", "vanaf", "von", "du", "de"})
_DETS = frozenset("de het een the a an this that these those its his her their our deze dit die dat hun zijn haar "
                  "onze der die das dem den des ein eine einer le la les un une".split())
_PREP_CHAIN = frozenset("van of in op on at uit from over about rond around bij met with voor for off to naar "
                        "tegen against tijdens during".split())
_COMPARE = frozenset({"than", "dan", "als"})
# what may open the first date of a range ("van 1 tot 3 juni", "from May until June")
_TIME_START = re.compile(r"(?i)^(?:\d|(?:jan|feb|maa|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec)[a-z]*$|"
                         r"(?:mon|tues|wednes|thurs|fri|satur|sun)day$|(?:maan|dins|woens|donder|vrij|zater|zon)dag$)")


def bounded_by_preposition(tokens: list[Token], m: TimeMention, lang: str | None = None) -> bool:
    """ "tot juni", "until June", "na 12 juni", "voor 12 juni", or a date inside such a phrase ("na de top
    op 12 juni", "until the elections in March"): a bound on a state, not the time of an event."""
    before = [t for t in tokens if t.end <= m.start]
    low = m.text.lower().split()
    first = low[0] if low else ""
    if "/" in (m.value or ""):
        return False  # a range ("van 1 tot 3 juni") gives its start
    if first in _BOUND_PREPS or first in _VOOR:
        return _is_bound(before, first)
    # walk back over the noun phrases and prepositions of a phrase ("na de top van Kim op 12 juni")
    k = len(before) - 1
    steps = 0
    while k >= 0 and steps < 9:
        word = before[k].text.lower()
        if word in ("ahead", "prior") and (k + 1 >= len(before) or before[k + 1].text.lower() not in ("of", "to")):
            return False  # "went ahead on Friday" is no "ahead of"
        if word in _BOUND_PREPS or word in _VOOR:
            return _is_bound(before[:k + 1], word) and (steps == 0 or _phrase_only(before[k + 1:]))
        if word in {",", ";", ":", "(", ")", "—", "–", '"', "“", "”", "en", "and", "or", "maar", "but"} \
                or _finite(before[k].text, lang):
            return False
        k -= 1
        steps += 1
    return False


def planned_for(tokens: list[Token], m: TimeMention) -> bool:
    """ "gepland voor 18 juni", "scheduled for June 18": the planned date, not a bound."""
    before = [t.text.lower() for t in tokens if t.end <= m.start]
    words = m.text.lower().split()
    if words and words[0] in _VOOR | {"for"}:
        return bool(before) and before[-1] in _PLANNED
    return len(before) > 1 and before[-1] in _VOOR | {"for"} and before[-2] in _PLANNED


_COPULA = frozenset("is was were are 's ’s".split())
_AUX_BEFORE_PARTICIPLE = frozenset("is was were are be been being has have had werd werden wordt worden zijn".split())


def reduced_relative(tokens: list[Token], m: TimeMention, lang: str | None) -> bool:
    """ "The agreement signed in 2015 limits …", "the terms of the fund set out in August": a past participle
    right after a noun, with no auxiliary, describes the noun (English; a Dutch participle comes after its date)."""
    if lang != "en":
        return False
    before = [t for t in tokens if t.end <= m.start]
    words = [t.text for t in before]
    k = len(words) - 1
    if k >= 0 and words[k].lower() in _PREP_CHAIN | {"on", "in", "at"}:
        k -= 1
    for j in range(k, max(k - 7, 1), -1):  # "a plea deal published by the US Department of Justice on Wednesday":
        if words[j] == "by" and all(w[:1].isupper() or w in ("the", "of") for w in words[j + 1:k + 1]):
            k = j - 1  # the participle's agent stands between it and the date
            break
    for _ in range(3):  # the participle and up to two particles or objects ("set out", "handed down")
        if k < 2:
            return False
        w = words[k].lower()
        if (w.endswith("ed") and len(w) > 4 or w in _PARTICIPLE_IRREGULAR) and words[k - 1][:1].isalpha():
            infinitival = k > 3 and words[k - 1].lower() == "be" and words[k - 2].lower() == "to"
            if infinitival:
                k -= 2  # "the hearing to be held Friday": an infinitival relative
            noun = words[k - 1].lower()
            if noun in _AUX_BEFORE_PARTICIPLE or _finite(noun) or noun in _DETS or noun in _PREP_CHAIN:
                return False
            d = k - 2  # the determiner, before at most two more modifiers ("the phone-in press hearing to be held")
            for _ in range(2 if infinitival else 0):  # (a past form after "the mortgage giants" is a finite verb)
                if d > 0 and not _det(words[d]) and words[d][:1].isalpha() and words[d].islower() \
                        and words[d].lower() not in _FINITE and words[d].lower() not in _PREP_CHAIN:
                    d -= 1
            if not infinitival and d > 0 and words[d].lower() in _PREP_CHAIN and noun.endswith("s") \
                    and words[k - 1].islower() and _verb_before(words[:d], lang):
                return True  # "will not run in elections scheduled for May": a bare plural in a verb's phrase
            if not _det(words[d]):
                return False  # "the agreement signed", "a report published"; not "Scottish ministers announced"
            if d > 0 and words[d - 1].lower() in _COPULA:
                return True  # "It was the decision announced Friday": the predicate's noun, not the event
            k = d + 2  # as if the determiner stood right before the noun
            # the noun phrase is inside a prepositional phrase, or a finite verb follows the date (its own verb)
            j = k - 2
            while j >= 0 and words[j].lower() not in _DETS and words[j][:1].isalpha() and k - j < 5:
                j -= 1
            in_pp = j > 0 and words[j].lower() in _DETS and words[j - 1].lower() in _PREP_CHAIN \
                and (j == 1 or _verb_before(words[:j - 1], lang)  # "In a letter dated May 24, …" opens the sentence
                     or all(w.lower() in _PREP_CHAIN | {"according"} for w in words[:j - 1]))  # "According to a"
            after = [t.text.lower() for t in tokens if t.start >= m.end][:6]
            for stop in ("who", "which", "that", "die", "dat", "where", "when", '"', "”", "'", "’"):
                if stop in after:
                    after = after[:after.index(stop)]  # a verb of a relative clause is not the noun's own verb
            later_verb = any(_finite(a) or a.endswith("s") and a[:1].isalpha() and len(a) > 3 and
                             after.index(a) == 0 for a in after if a not in (",",)) \
                or bool(after) and (after[0] in _IRREGULAR_PAST | _PARTICIPLE_IRREGULAR or after[0].endswith("ed")
                                   and len(after[0]) > 4) \
                and words[0].lower() not in ("this", "that", "it")  # "A report published on Tuesday found that …"
            return in_pp or later_verb
        if w not in ("out", "up", "down", "off", "back", "over", "away"):
            return False  # only a particle may stand between the participle and the date ("set out in August")
        k -= 1
    return False


def _verb_before(words: list[str], lang: str | None) -> bool:
    """Whether the clause ending in `words` already has its verb ("is in line with the terms of …"); a speech
    verb or "that" opens a new clause ("BP said the cap on the well held …": no verb yet)."""
    for w in reversed(words):
        low = w.lower()
        if low in (",", ";", ":", "that", "dat") or low in _SPEECH_PAST or low in ("says", "say", "zegt", "zei"):
            return False
        if _finite(w, lang):
            return True
    return False


def _is_bound(before: list[Token], prep: str) -> bool:
    """Whether `prep` (the last token of `before`, or the start of the expression) bounds rather than dates."""
    prev = [t.text.lower() for t in before]
    if prep == prev[-1:][0] if prev else False:
        prev = prev[:-1]
    if prep in ("tot", "until", "till", "to", "bis") and any(
            w in _RANGE_START and k + 1 < len(tail) and _TIME_START.match(tail[k + 1])
            for tail in (prev[-4:],) for k, w in enumerate(tail)):
        return False  # "van 1 tot 3 juni", "from May until June": a range (not "De regel geldt tot 1 maart")
    if prep in _VOOR and prev and prev[-1] in _PLANNED:
        return False  # "gepland voor 12 juni": the planned date
    if prep == "na" and prev and prev[-1] in ("dag", "week", "maand", "jaar", "daags"):
        return False  # "een dag na 12 juni" is an offset
    return True


def _phrase_only(words: list[Token]) -> bool:
    """Determiners, nouns, adjectives, names and prepositions only: one noun phrase with its modifiers."""
    return all(t.text.lower() in _DETS or t.text.lower() in _PREP_CHAIN or t.text[:1].isalpha()
               and not _finite(t.text.lower()) for t in words)


_FINITE = frozenset(
    "is was were are has had have will would zal zou zijn waren werd werden wordt worden heeft hebben had hadden "
    "kan kon moet moest wil wilde gaat ging komt kwam zei zegt said says did does do".split())


def _finite(word: str, lang: str | None = None) -> bool:
    """An auxiliary or a frequent finite verb; with `lang`, also what `verbish` takes for a verb."""
    if word.lower() in _FINITE:
        return True
    if lang is None or word[:1].isupper():
        return False  # a capitalised word inside a sentence is a name, not a verb
    return verbish(word, lang) and not EVENT_NOUN.match(word)  # the caller passes the word as written


def finite_word(word: str) -> bool:
    """An auxiliary or a frequent finite verb ("is", "werd", "said"), as written."""
    return word.lower() in _FINITE


_SAME = frozenset("same zelfde dezelfde hetzelfde gleichen selben même".split())
_SAME_SPAN = frozenset("period quarter month week day time year season periode kwartaal maand week dag tijd jaar "
                       "seizoen zeitraum quartal monat période trimestre mois".split())


def compared(tokens: list[Token], m: TimeMention) -> bool:
    """ "higher this year than last year", "meer dan vorig jaar": the expression after "than" is a comparison;
    so is one in the reference of a change ("up from 12 a year ago", "down from 4 percent in March",
    "compared with May", "vergeleken met vorig jaar", "ten opzichte van 2019")."""
    before = [t for t in tokens if t.end <= m.start]
    if bool(before) and before[-1].text.lower() in ("than", "dan") or \
            len(before) > 1 and before[-1].text.lower() == "as" and before[-2].text.lower() in ("same", "zelfde"):
        return True
    if len(before) > 1 and before[-1].text.lower() in _SAME_SPAN and before[-2].text.lower() in _SAME:
        return True  # "a 77 percent rise on the same period last year", "dezelfde periode vorig jaar": a reference
    words = [t.text.lower() for t in before[-12:]]
    for k in range(len(words) - 1, 0, -1):
        if words[k] in ("and", "en") and k + 1 < len(words) and words[k + 1][:1].isdigit():
            continue  # "up from 3.1 percent a month ago and 2.9 percent three months ago": a list of references
        if words[k] in (",", ";", ":", "(", ")", "—", "–", "and", "en", "but", "maar"):
            return False
        if words[k] == "from" and words[k - 1] in ("up", "down") \
                or words[k] in ("with", "to", "met") and words[k - 1] in ("compared", "vergeleken", "vergelijking") \
                or words[k] == "van" and words[k - 1] == "opzichte":
            return True
    return False


_PARTICIPLE_IRREGULAR = frozenset(
    "found made held born built taken given known seen written shot killed hit sold bought led left won lost "
    "brought caught kept set put cut beaten broken chosen driven eaten fallen forgotten frozen hidden ridden "
    "risen shaken spoken stolen sworn thrown worn begun drawn grown shown flown done gone".split())
# Dutch finite verbs the lemmatiser may take for nouns or adjectives ("De verdachte staat terecht")
_NL_FINITE_NOUNLIKE = frozenset("staat stond stonden ligt lag lagen zit zat zaten gaat ging gingen komt kwam kwamen "
                                "doet deed deden ziet zag zagen vindt vond vonden houdt hield hielden blijkt bleek "
                                "bleken heet weet wist laat liet geeft gaf neemt nam valt viel loopt liep kent "
                                "meent vraagt vroeg zegt zei krijgt kreeg".split())
_IRREGULAR_PAST = frozenset(
    "rose fell went came took gave ran saw knew grew met began drew flew threw wore spoke stole swore broke chose "
    "drove ate froze hid rode shook wrote sank sang struck fought sought taught thought bought brought caught told "
    "sent spent lent built felt dealt meant slept swept kept left lost paid laid stood understood became split "
    "spread cost hurt shut quit fled bid burst cast read fit dug hung swung stuck slid lit sped bled fed bent wept "
    "sold held won led hit let put set".split())
_SPEECH_PAST = frozenset("said announced reported told confirmed stated added claimed warned explained wrote "
                         "insisted argued admitted revealed denied noted".split())


_DUE = frozenset("due set scheduled expected slated poised likely".split())


def in_participle_clause(tokens: list[Token], m: TimeMention, lang: str | None) -> bool:
    """A participle clause set off by a comma (", found at the scene in 2002", ", happening on June 30",
    "In his paper, delivered last month, …", ", die in 2016 werd aangenomen" is a relative clause, not this):
    background, not the sentence's event."""
    before = [t for t in tokens if t.end <= m.start]
    for j in range(len(before) - 1, -1, -1):
        word = before[j].text
        if word in (";", ":", "(", ")", "—", "–"):
            return False
        if word != ",":
            continue
        if j + 1 >= len(before):
            return False
        head = before[j + 1].text.lower()
        if head.endswith("ly") and j + 2 < len(before):
            head = before[j + 2].text.lower()  # ", originally planned for June 12,"
        if lang == "en":
            if head in _SPEECH_PAST:
                return False  # ", said the minister on Monday": the main clause after a quote
            if head.endswith("ing") and len(head) > 5:
                return True
            if head in _DUE and j + 2 < len(before) and before[j + 2].text.lower() == "to" \
                    and _closed_by_verb(tokens, m, lang):
                return True  # "The talks, due to resume on Friday, were suspended": a plan set off as an aside
            if head in _PARTICIPLE_IRREGULAR or head.endswith("ed") and len(head) > 4 and j > 0 \
                    and before[j - 1].text[:1].isalpha():
                # ", passed in 2016," but not "Brice, a French tourist, checked into the hotel on Friday": a past
                # form after a comma is a participle only when the sentence has its verb before the first comma
                # or the clause closes with a comma and a verb (", was repealed")
                return _verb_before_first_comma(tokens, lang) or _closed_by_verb(tokens, m, lang)
            return False
        if lang == "nl":
            # ", opgericht in 1990,": a Dutch participle opening a clause (ge-…-d/-t/-en, or a prefix form)
            return bool(re.fullmatch(r"(?:ge|opge|aange|afge|uitge|vastge|ingeg?e?)\w{3,}(?:d|t|en)", head)) and \
                not _finite(head)
        return False
    return False


def _verb_before_first_comma(tokens: list[Token], lang: str | None) -> bool:
    """Whether the sentence has its main verb before its first comma (a verb after "that/which/who" belongs to
    a relative clause: "A fire that started on Thursday, and the smoke, forced the school to close on Friday" has none)."""
    relative = False
    for t in tokens:
        if t.text == ",":
            return False
        if t.text.lower() in ("that", "which", "who", "die", "dat", "waar"):
            relative = True
        elif _finite(t.text, lang) and not relative:
            return True
    return False


def _closed_by_verb(tokens: list[Token], m: TimeMention, lang: str | None) -> bool:
    after = [t.text for t in tokens if t.start >= m.end]
    if "," not in after:
        return False
    k = after.index(",")
    nxt = after[k + 1] if k + 1 < len(after) else ""
    rest = [w for w in after[k + 1:] if w not in (".", "!", "…")]
    speech = [i for i, w in enumerate(rest) if w.lower() in _SPEECH_PAST or w.lower() in ("says", "zei", "zegt")]
    if speech and 0 < speech[-1] and len(rest) - speech[-1] <= 2 and not any(w[:1].isupper() for w in rest[:1]) \
            and "," not in rest:
        return False  # ", the mayor said.": the sentence's closing speech tag, not the end of a participle clause
    return nxt.endswith("s") and nxt.islower() or \
        any(_finite(w, lang) or w.lower() in ("explains", "says", "said") for w in after[k + 1:k + 4])


_EVENT_WORDS = frozenset(
    "ramp rampen vliegramp aanslag aanslagen aanval aanvallen top topontmoeting verkiezing verkiezingen rellen "
    "explosie crash crashes attack attacks war oorlog disaster disasters summit election elections vote referendum "
    "riot riots protest protests protesten explosion spill earthquake aardbeving storm flood overstroming brand fire "
    "crisis revolution revolutie opstand uprising coup staatsgreep mission missie visit bezoek besluit decision "
    "ruling uitspraak vonnis verdict akkoord agreement deal treaty verdrag report rapport speech toespraak "
    "interview debate debat campaign campagne olympics spelen wedstrijd match final finale shooting bombing "
    "killing meeting invasion collision eruption resolution ontmoeting vergadering bijeenkomst stemming "
    "schietpartij moord murder arrest arrestatie drama tragedy tragedie incident accident ongeluk ongeval "
    "massacre bloedbad hurricane orkaan tsunami clash clashes botsing botsingen".split())
EVENT_NOUN = re.compile(r"(?i)^(?:\w+-)?(?:" + "|".join(sorted(_EVENT_WORDS, key=len, reverse=True)) + r")$")


_MONTH_ONLY = re.compile(r"(?i)^(?:in|op|on|of|van)?\s*(?:januari|februari|maart|april|mei|juni|juli|augustus|september|"
                         r"oktober|november|december|january|february|march|may|june|july|august|october)$")
_TOPIC = frozenset({"over", "about", "omtrent", "betreffende", "concerning", "regarding", "über"})


def _det(word: str) -> bool:
    """A determiner ("the", "de"), not an abbreviation written like one ("UN")."""
    return word.lower() in _DETS and not (word.isupper() and len(word) > 1)


def noun_with_event_date(tokens: list[Token], m: TimeMention, lang: str | None = None) -> bool:
    """ "the crash in 2014", "de rellen in 1969", "a massive spill off the Kuwaiti coast in 1991": a year, a
    full date or a month after a noun of an event (behind a preposition, inside a noun phrase that is not the sentence's
    opening subject) names which event, not when the sentence's event happened. Weekdays and relative
    expressions ("the meeting on Monday") are left to the clause: in news they usually date the verb."""
    text = m.text
    has_year = re.search(r"\b\d{4}\b", text)
    if re.match(r"(?i)(?:vorig|last|next|volgend|this|dit)", text) or not has_year and not _MONTH_ONLY.search(text):
        return False  # expressions with a written year ("in 1969", "op 17 juli 2014", "in May 2020") or a month
        # ("over de rellen in januari", "ahead of the summit in April")
    before = [t for t in tokens if t.end <= m.start]
    k = len(before) - 1
    if text.lower().split()[0] not in _PREP_CHAIN:
        if k < 0 or before[k].text.lower() not in _PREP_CHAIN:
            return False
        k -= 1
    # walk back over "det (adj)* noun (prep det (adj)* noun)*" to the nearest noun of an event
    for _ in range(12):
        if k < 0:
            return False
        word = before[k].text
        low = word.lower()
        # ("het neerhalen van het toestel op 17 juli 2014": a Dutch infinitive made a noun names an event too)
        nominal = low.endswith("en") and k > 0 and before[k - 1].text.lower() == "het" and verbish(low, "nl")
        if word in (",", ";", ":", "(", ")", "—", "–", '"', "“", "”") or low in ("en", "and", "or", "of") and \
                k + 1 < len(before) and before[k + 1].text.lower() in _DETS or _finite(word, lang) and not nominal:
            return False
        if (EVENT_NOUN.match(low) or nominal) and k > 0 \
                and (before[k - 1].text.lower() in _DETS or before[k - 1].text[:1].isalpha()):
            # the phrase must not open the sentence: that subject is left to `event_dates` (the guideline's
            # exception, "The April 2 shooting killed three people")
            # and it must sit inside a prepositional phrase itself ("of a massive spill", "over de rellen"):
            # an object right after its verb ("joined the company in 2014") is left to the clause
            j = k - 1
            while j >= 0 and before[j].text[:1].isalpha() and not _det(before[j].text) \
                    and before[j].text.lower() not in _PREP_CHAIN and not _finite(before[j].text) and k - j < 7:
                j -= 1
            if j >= 0 and _det(before[j].text):
                j -= 1
            # ... and that phrase must hang on a noun ("the findings of a mission to Egypt in 2010"), not on a verb
            # ("debuted in the Eurovision Song Contest in 1998")
            if j > 0 and before[j].text.lower() in _TOPIC:
                return True  # "gaat over de rellen in 1969", "a film about the riots in 1969": a topic is a thing
            return j > 0 and before[j].text.lower() in _PREP_CHAIN | {"door", "by"} and before[j - 1].text[:1].isalpha() \
                and not _finite(before[j - 1].text, lang) and before[j - 1].text.lower() not in _PREP_CHAIN
        if not word[:1].isalpha():
            return False
        k -= 1
    return False


_PAST_MARKERS = frozenset(
    "was were had did werd werden waren hadden zei zeiden meldde meldden verklaarde liet bevestigde kondigde "
    "said announced reported told confirmed stated added claimed wrote".split())


def past_clause(tokens: list[Token], m: TimeMention, future_words: frozenset[str]) -> bool | None:
    """Whether the clause around the expression is in the past although a future word occurs in it ("BP said
    on Monday it would pay", "was set up in June amid fears BP would fail"): True when a past marker occurs in
    the clause and no future word precedes the expression; None when the clause says nothing either way."""
    before: list[str] = []
    for t in reversed([t for t in tokens if t.end <= m.start]):
        if t.text in (",", ";", ":", "(", ")", "—", "–"):
            break
        if t.text.lower() in ("dat", "that"):
            break  # "Rutte kondigde aan dat dinsdag de vlaggen halfstok zullen hangen": the weekday is the clause's own
        before.append(t.text.lower())
    after: list[str] = []
    for t in (t for t in tokens if t.start >= m.end):
        if t.text in (";", ":", "(", ")", "—", "–", ".", "!", "?"):
            break
        after.append(t.text.lower())
    if any(w in future_words for w in before):
        return False
    words = before + after
    if not any(w in future_words for w in words):
        return None
    if any(w in _PAST_MARKERS for w in words):
        first_future = min(i for i, w in enumerate(after) if w in future_words) if \
            any(w in future_words for w in after) else len(after)
        if any(w in _PAST_MARKERS for w in before) or any(w in _PAST_MARKERS for w in after[:first_future]):
            return True
    return None


def copyright_year(sentence: str, m: TimeMention) -> bool:
    """ "©2014 DigitalGlobe", "(c) 2014": a copyright notice, not a date of anything."""
    head = sentence[max(0, m.start - 4):m.start]
    return "©" in head or head.lower().rstrip().endswith("(c)")


def verb_form(word: str, lang: str | None) -> bool:
    """`verbish`, and English irregular past forms the lemmatiser leaves alone ("cut", "rose")."""
    return verbish(word, lang) or lang == "en" and (word in _PARTICIPLE_IRREGULAR or word in _IRREGULAR_PAST)


_CAUSE = frozenset({"vanwege", "wegens", "aanleiding", "because", "due", "owing", "ondanks", "despite", "amid",
                    "amidst", "te midden"})


def in_cause_phrase(tokens: list[Token], m: TimeMention, lang: str | None = None) -> bool:
    """ "Vanwege een stille tocht naar aanleiding van de aanslag afgelopen maandag, zullen …", "because of the
    storm on Monday", "despite the vote in May": a date inside a phrase of cause or concession (a preposition
    and its noun phrases, no verb) belongs to the noun it follows, not to the clause's event."""
    before = [t for t in tokens if t.end <= m.start]
    k = len(before) - 1
    steps = 0
    while k >= 0 and steps < 14:
        word = before[k].text.lower()
        if word in _CAUSE:
            rest = before[k + 1:]
            if word in ("due", "owing", "because"):  # "due to the storm", not "is due to announce on Monday"
                head = rest[1].text if len(rest) > 1 else ""
                if not rest or rest[0].text.lower() not in ("to", "of") or not (_det(head) or head[:1].isupper()):
                    return False
            return steps > 0 and _phrase_only(rest)
        if word in {",", ";", ":", "(", ")", "—", "–", '"', "“", "”", "maar", "but"} or _finite(before[k].text, lang):
            return False
        k -= 1
        steps += 1
    return False


def what_clause(tokens: list[Token], m: TimeMention) -> bool:
    """ "what happened in Tehran in 1979", "wat er in 2014 gebeurde": a free relative names a thing."""
    before = [t for t in tokens if t.end <= m.start]
    for t in reversed(before[-8:]):
        word = t.text.lower()
        if word in (",", ";", ":", "(", ")"):
            return False
        if word in ("what", "wat"):
            k = before.index(t)
            prev = [b.text.lower() for b in before[max(0, k - 2):k]]
            # "That is what happened in 1957", "This is exactly what was announced last week": after a copula
            # the free relative is the sentence's event
            # ("It is unclear what killed … this month": an adjective between, the free relative is its subject)
            copula = ("is", "was", "'s", "’s", "are", "were", "dat")
            return not (prev[-1:] and prev[-1] in copula + ("precies", "exactly", "precisely")
                        and (prev[-1] in copula or prev[:1] and prev[0] in copula))
    return False


_MAX_FRAGMENT_WORDS = 25


def fragment(sentence: str, lang: str | None) -> bool:
    """A fragment without a verb (",,Heel erg hartelijk.", "“Mass shooting at the Jacksonville Landing.", a run of
    boilerplate): it reports no event. Only for Dutch and English, where `verbish` knows the verb forms."""
    if lang not in ("nl", "en"):
        return False
    if sum(chunk[0].isalpha() for chunk in sentence.split()) > _MAX_FRAGMENT_WORDS:
        return False  # (each of these starts a word token of its own: too long for a fragment, without tokenizing)
    tokens = tokenize(sentence)
    words = [t.text for t in tokens if t.text[:1].isalpha()]
    after_comma = {b.start for a, b in zip(tokens, tokens[1:], strict=False) if a.text == ","}
    starts = [t.start for t in tokens if t.text[:1].isalpha()]
    if not words or len(words) > _MAX_FRAGMENT_WORDS:
        return False

    def verb(k: int, w: str) -> bool:
        low = w.lower()
        if finite_word(low) or low in ("aldus", "according") or lang == "nl" and low in _NL_FINITE_NOUNLIKE:
            return True  # ",,Heel goed.”, aldus de burgemeester.": reported speech
        if low in _DETS or k and w[:1].isupper() or lang == "en" and low.endswith("ing"):
            return False  # a name inside the sentence; an English "-ing" form alone ("Mass shooting at …")
        if w[:1].isupper() and lemma(low, lang).lower() == low and low not in _FINITE:
            return False  # a name opening the line ("Roosevelt, Franklin D. Campaign button …"): its lemma is itself
        if k and words[k - 1].lower() in _DETS and (lang == "en" and low.endswith("ed")
                                                    or lang == "nl" and low.startswith("ge")):
            return False  # "A connected approach", "de geplande top": a participle before its noun
        if lang == "en" and (low in _PARTICIPLE_IRREGULAR or low in _IRREGULAR_PAST):
            return True  # "The number rose to 27.": an irregular past the lemmatiser leaves alone
        if lang == "en" and starts[k] in after_comma and w.islower() and low.endswith("s") and len(low) > 3 \
                and not low.endswith(("ss", "ings")):
            return True  # "The law, a 2015 measure, remains in force.": a verb after an apposition
        if lang == "en" and low.endswith("s") and lemma(low, "en") != low:
            return True  # "gives", "says" (a plural noun is counted too: the safe side)
        if lang == "en" and k and len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "ous", "ys")) \
                and low not in _NOT_VERBS_S \
                and words[k - 1].lower() not in _DETS and k + 1 < len(words) \
                and words[k + 1].lower() in _DETS | _PREP_CHAIN | _AFTER_VERB:
            return True  # "The ban remains in place": a present form the lemmatiser leaves alone, before its complement
        if lang == "nl" and k and low.endswith("en") and len(low) > 4 and w.islower() \
                and words[k - 1].lower() not in _DETS and k + 1 < len(words) and words[k + 1].lower() in _NL_SUBJECT_DETS:
            return True  # "Overal in het land hangen de vlaggen halfstok": a plural verb before its subject
        return verbish(low, lang)

    flags = [verb(k, w) for k, w in enumerate(words)]
    rel = _relative_after_noun(words, lang)  # "Het begin van een dag die z'n weerga niet kent.": the one verb is the
    if rel is not None and sum(flags[rel + 1:]) == 1 and "," not in sentence[starts[rel]:] \
            and not any(f and not (j and words[j - 1].lower() in _ARTICLES) for j, f in enumerate(flags[:rel])):
        return True  # relative clause's, none before it ("Het begin": a noun after its article)
    return not any(flags)


_ARTICLES = frozenset("de het een the a an".split())


def _relative_after_noun(words: list[str], lang: str | None) -> int | None:
    """The index of the first relative pronoun that follows a word (not at the start of the line), if any."""
    rel = frozenset(("die", "waar") if lang == "nl" else ("which", "who", "where"))  # ("dat", "that": also "that …")
    return next((k for k, w in enumerate(words) if k > 1 and w.lower() in rel and words[k - 1][:1].isalpha()), None)


_NL_SUBJECT_DETS = frozenset("de het die deze onze hun alle veel zij we wij ze".split())
_NOT_VERBS_S = frozenset("always perhaps towards afterwards besides unless whereas sometimes nevertheless thus this "
                         "these those hers ours yours its".split())
_AFTER_VERB = frozenset("into up out down that it him her them not no all its their his".split())
WEEKDAY_WORD = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:maan|dins|woens|donder|vrij|zater|zon)dag")
_PRESENT_PASSIVE = frozenset({"wordt", "worden"})
_PAST_WORDS = frozenset("werd werden was waren is zijn heeft hebben had hadden afgelopen vorige jongstleden".split())


def coming_weekday(m: TimeMention, value: str, prec: str, pub: str, words: set[str], lang: str | None) -> tuple[str, str]:
    """ "Het rapport wordt vrijdag besproken": a bare weekday in a Dutch present passive (the usual way to announce
    what is planned) is the coming one, not the last one, when nothing in its clause is past or perfect ("De minister
    zei dinsdag dat het plan wordt uitgesteld": the weekday dates the past "zei")."""
    if lang != "nl" or prec != "day" or value >= pub or not words & _PRESENT_PASSIVE or words & _PAST_WORDS \
            or words & _PAST_MARKERS \
            or not WEEKDAY_WORD.fullmatch(m.text.strip()):
        return value, prec
    ahead = date.fromisoformat(value) + timedelta(days=7)
    return (ahead.isoformat(), prec) if ahead.isoformat() >= pub else (value, prec)


# public names for the modules that build on these rules (`event_frames`)
determiner = _det
finite = _finite
PARTICIPLE_IRREGULAR = _PARTICIPLE_IRREGULAR
irregular_past = _IRREGULAR_PAST.__contains__
_QUOTES_OPENING = "\"“„«‘'‹"
_QUOTE_MARKS = "\"“”„«»‘’‹›'"


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges between an opening and a closing quotation mark."""
    out, start = [], None
    for i, ch in enumerate(text):
        if ch not in _QUOTE_MARKS:
            continue
        if ch in "'’" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
            continue  # an apostrophe inside a word ("auto's", "don't")
        if start is None and (ch in _QUOTES_OPENING or ch in "\"'"):
            start = i
        elif start is not None:
            out.append((start, i))
            start = None
    if start is not None and text[start] != "'":
        out.append((start, len(text)))
    return out
