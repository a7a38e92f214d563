"""The date of the event a sentence reports: its own time, an attribute of a noun, or the reporting time (pure).

A sentence can name several dates, and only one of them, if any, is when the event it reports took
place. "De top van 12 juni werd donderdag afgeblazen" reports a cancellation on Thursday; 12 June is
an attribute of "de top" (which summit), not when anything in the sentence happened. Rules over
tokens decide, for every time expression the tagger (`storyline.text.timex`) finds:

- **attribute**: the expression modifies a noun — "de top van 12 juni", "the summit of June 12",
  "the June 12 summit", "Tuesday's vote", "de op 12 juni geplande top", "de top (12 juni)";
- **bound**: it bounds a state instead of dating an event — "sinds 2015", "until May", "voor 12 juni";
- **own** otherwise. Among several own candidates the first one in the main clause wins; one in a
  subordinate clause ("nadat …", "when …", "waar …") or inside a quotation comes after.

The event date is the own expression's value at the precision the text supports (a range or a week
within one month gives the month, else the year); a weekday or "gisteren" in an article dated only to
the month gives that month ("a Thursday in May 2018"), never a day borrowed from elsewhere. Without an
own expression the sentence reports at the publication date, at the publication's precision (kind
"attribute" when it does name a date, "reporting" when it names none); without a publication date the
kind is "none". A sentence that opens with "die dag", "that day", "the same day" … takes `previous`,
the event date of the sentence before it.

>>> attribute_sentence("De top tussen Kim en Trump werd donderdag afgeblazen.", lang="nl",
...                    published="2018-05", published_precision="month")
EventDate(kind='own', value='2018-05')
>>> attribute_sentence("Zaterdag ontmoetten Kim en Moon elkaar, waar ze op de top van 27 april al bijeenkwamen.",
...                    lang="nl", published="2018-05-28", published_precision="day")
EventDate(kind='own', value='2018-05-26')
>>> attribute_sentence("The June 12 summit is off, the White House said.", lang="en",
...                    published="2018-05-24", published_precision="day")
EventDate(kind='attribute', value='2018-05-24')
>>> attribute_sentence("Dat meldt het persbureau.", lang="nl", published="2018-05", published_precision="month")
EventDate(kind='reporting', value='2018-05')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from ..models import TimeMention
from ..text.tokens import Token, tokenize
from ..text.verbs import verbish
from . import event_clauses as clauses
from . import event_frames as frames
from . import event_syntax as syn
from . import event_tense as tense
from .dates import months_start
from .event_clauses import ADVERBS_BEFORE_THAT as _ADVERBS_BEFORE_THAT
from .event_clauses import BOUNDARIES as _BOUNDARIES
from .event_clauses import SPEECH as _SPEECH
from .event_clauses import ahead, clause_of, content_without_that, future_content, head_before_place, subordinate
from .event_nonevents import after_caption, no_event, only_time, opinion_line, question
from .event_parse import attached_to_noun

Tagger = Callable[[str, str, str | None, str | None], list[TimeMention]]


@dataclass(frozen=True, slots=True)
class EventDate:
    """The date of the event a sentence reports, and how the sentence says it."""

    kind: str  # "own" | "attribute" | "reporting" | "none"
    value: str | None  # "2018-05-24" | "2018-05" | "2018" | None


@dataclass(frozen=True, slots=True)
class Attribution:
    """An `EventDate` with what the timeline needs besides: precision and the characters of each role."""

    kind: str
    value: str | None
    precision: str | None  # "day" | "month" | "year" | None
    own: tuple[int, int] | None = None  # characters of the own time expression
    attributes: tuple[tuple[int, int], ...] = ()  # characters of the expressions that modify a noun

    def event(self) -> EventDate:
        """The public, minimal form."""
        return EventDate(self.kind, self.value)


_DETERMINERS = frozenset(
    "the a an this that these those its his their our your my de het een deze dit die dat hun "
    "onze der die das dem den des ein eine einer eines le la les l' un une ce cette ces".split())
_OF = frozenset({"van", "of", "vom", "von", "du", "des", "della", "del", "uit", "from"})
_NOT_NOUN_BEFORE_OF = frozenset(
    {"as", "eind", "begin", "half", "midden", "einde", "end", "start", "beginning", "middle", "rest", "part",
     "deel", "week", "weken", "weeks", "maand", "month", "months", "maanden", "dag", "dagen", "day", "days",
     "ochtend", "morgen", "middag", "avond", "nacht", "morning", "afternoon", "evening", "night", "weekend",
     "sinds", "since", "vanaf", "tot", "until", "out", "one", "some", "all", "most", "none", "each", "both",
     "much", "bulk", "remainder"})
_PREPOSITIONS = frozenset({"op", "van", "in", "om", "per", "on", "at", "am", "im", "vom", "le"})
_FUNCTION_AFTER = frozenset(
    "and or but to of in on at by for with from as was were is are has had have will would could should may "
    "might can did do does been be being that which who when while after before than then said says say, "
    "en of maar te in op om door voor met van als was waren is zijn heeft had hebben zal zou kan werd werden "
    "wordt worden dat die toen terwijl nadat voordat dan zei zegt".split())
_QUOTES = "\"“”„«»‘’‹›'"
_SAME_DAY = re.compile(
    r"^\s*(?:(?:op\s+)?die(?:zelfde)?\s+dag|(?:op\s+)?dezelfde\s+dag|(?:on\s+)?(?:that|the\s+same)\s+day|"
    r"(?:am\s+)?(?:selben|gleichen)\s+tag|later\s+that\s+day|diezelfde\s+(?:ochtend|middag|avond)|"
    r"(?:dat|dit|het)\s+gebeurde|(?:this|that|it)\s+happened)\b", re.IGNORECASE)
# a relative time noun phrase whose determiner the tagger leaves out ("de komende week", "the past week")
_RELATIVE_LEAD = re.compile(r"(?:komende|aanstaande|afgelopen|vorige?|volgende|past|coming|next|last|previous|"
                            r"following)\s", re.IGNORECASE)
_BOUNDS = frozenset({"before", "after", "since", "until"})
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def attribute_sentence(sentence: str, *, lang: str, published: str | None, published_precision: str | None,
                       previous: str | None = None, tagger: Tagger | None = None, parser: Any = None,
                       model: Any = None) -> EventDate:
    """The date of the event `sentence` reports (see the module's documentation).

    `published`/`published_precision`: the article's publication date and its precision (day, month, year);
    `previous`: the event date of the sentence before it in the same article, if known.
    `parser` (an `event_parse.FrogLinks`) adds Frog's dependency parse for Dutch sentences; `model` (opt-in, an
    `event_learned.EventModel`) may overrule the rules towards reporting time or no event."""
    mentions = tag(sentence, lang, published, published_precision, tagger)
    tokens = tokenize(sentence)
    links = parser.links([tokens])[0] if parser is not None and lang == "nl" and len(mentions) else None
    att = attribute(sentence, mentions, lang=lang, published=published, published_precision=published_precision,
                    previous=previous, tokens=tokens, links=links)
    if model is not None:
        att = model.overrule(sentence, mentions, tokens, att, lang=lang, published=published,
                             precision=published_precision)
    return att.event()


def tag(sentence: str, lang: str, published: str | None, precision: str | None,
        tagger: Tagger | None = None) -> list[TimeMention]:
    """The time expressions of a sentence, as the timeline's date finder sees them."""
    from .dates import raw_mentions

    return raw_mentions(sentence, lang, published, precision, tagger)


def attribute(sentence: str, mentions: Sequence[TimeMention], *, lang: str | None, published: str | None,
              published_precision: str | None, previous: str | None = None,
              tokens: list[Token] | None = None, links: list[tuple[str, int, str]] | None = None) -> Attribution:
    """The event date of `sentence` given its time expressions `mentions` (the richer form the timeline uses)."""
    pub_value, pub_prec = _published(published, published_precision)
    if cut := after_caption(sentence):  # "Image caption Fans waited outside "We came early," one said.": the
        inner = [replace(m, start=m.start - cut, end=m.end - cut) for m in mentions if m.start >= cut]  # sentence
        att = attribute(sentence[cut:], inner, lang=lang, published=published,  # after the caption is the one
                        published_precision=published_precision, previous=previous)
        return replace(att, own=att.own and (att.own[0] + cut, att.own[1] + cut),
                       attributes=tuple((a + cut, b + cut) for a, b in att.attributes))
    if no_event(sentence):  # page furniture, a caption, a byline, a link list, a label line: no event
        return Attribution("none", None, None)
    if not mentions:  # most sentences: no time expression, nothing to weigh
        return _without_own(sentence, (), pub_value, pub_prec, previous, lang)
    if only_time(sentence, mentions):  # "dinsdag 3 maart 2015 14:10": a dateline, not an event
        return Attribution("none", None, None)
    tokens = tokens if tokens is not None else tokenize(sentence)
    quoted = syn.quoted_ranges(sentence)
    own: list[tuple[tuple[int, int, int], TimeMention, str, str]] = []
    attrs: list[tuple[int, int]] = []
    for m in mentions:
        if m.kind not in ("date", "time") or syn.copyright_year(sentence, m) or frames.common_word(sentence, m):
            continue
        if _is_attribute(sentence, tokens, m, lang) or syn.reduced_relative(tokens, m, lang) or syn.compared(tokens, m) \
                or syn.what_clause(tokens, m) or syn.in_cause_phrase(tokens, m, lang) \
                or syn.in_participle_clause(tokens, m, lang) or syn.noun_with_event_date(tokens, m, lang) \
                or _apposition(tokens, m, lang) or frames.absolute_with(tokens, m, lang) \
                or links is not None and attached_to_noun(tokens, links, m) \
                or attrs and _LISTED.fullmatch(sentence[attrs[-1][1]:m.start]):  # "those of 1990 and 2001"
            if not frames.describes_event(tokens, m):  # "The April 2 shooting killed three people": own after all
                attrs.append((m.start, m.end))
                continue
        clause = _clause_kind(tokens, m.start, lang)
        if clause in ("relative", "bound") or _bound(m) and not syn.planned_for(tokens, m) \
                or syn.bounded_by_preposition(tokens, m, lang):
            if clause == "relative":  # background of a noun: reported like an attribute
                attrs.append((m.start, m.end))
            continue
        if _DATELINE.match(sentence[m.end:m.end + 40]) or _STAMP.search(m.text) and _ZONE.match(sentence[m.end:]):
            continue  # "Wed Apr 29, 2009 5:24 pm EDT": a dateline or time stamp, not the event
        if tense.habitual(tokens, mentions, m, lang) or tense.duration_to_now(m, pub_value):
            continue  # "every year in June", "de afgelopen twee jaar": a habit or a stretch up to now, no point
        resolved = _value(m, pub_value, pub_prec)
        if resolved is not None and tense.span_in_past(tokens, m, resolved[0], pub_value, lang):
            continue  # "has lost 40 percent of its value in six weeks": how long it took, no date ahead
        if resolved is not None and pub_value and len(pub_value) == 10:
            resolved = frames.weekday_year(sentence, m, *resolved)
            future: frozenset[str] | set[str] = set() if syn.past_clause(tokens, m, _FUTURE) else _FUTURE
            resolved = _past(m, *resolved, pub_value, _clause_words(tokens, m), future)
            resolved = syn.coming_weekday(m, *resolved, pub_value, _clause_words(tokens, m), lang)
            resolved = tense.starting_weekday(tokens, sentence, m, *resolved, pub_value, lang)
            resolved = tense.present_weekday(tokens, m, *resolved, pub_value, lang)
            if clause == "content" and future_content(tokens, m):
                resolved = ahead(m, *resolved, pub_value)  # "said on Monday it would protest from Thursday"
        if resolved is not None and tense.present_caption(tokens, m, resolved[0], pub_value, lang):
            return Attribution("none", None, None)  # "X waves to the crowd on Sunday, Nov. 1, 2015": a caption
        agreed = tense.agree(tokens, m, resolved, pub_value, lang) if resolved is not None else None
        if resolved is not None and agreed is None:
            attrs.append((m.start, m.end))  # "wants to learn from the floods in 2016": tense says which floods
            continue
        resolved = agreed
        if resolved is None:
            if _DECADE.match(m.value or "") and m.resolved and not _DURATION.search(m.text):
                own.append(((3, 0, m.start), m, "", "decade"))
            continue
        quote = int(any(a <= m.start < b for a, b in quoted))
        rank = 0 if clause == "content" else 1 if clause in ("main", "when") else 2
        clock = int((m.value or "").startswith("T"))  # "at 3 pm" alone says less than a date
        own.append(((rank if not quote else 2, quote + 2 * clock, m.start), m, *resolved))
    if own:
        own.sort(key=lambda o: o[0])
        tier, m, value, prec = own[0]
        if prec == "decade":
            return Attribution("none", None, None, (m.start, m.end), tuple(attrs))
        for _, other, v2, p2 in own[1:]:  # "vorig jaar op 17 juli": the finer of two adjacent expressions
            if p2 == "decade" or len(v2) <= len(value) or abs(other.start - m.end) > 5:
                continue
            if len(value) == 4 and not re.search(r"\b\d{4}\b", other.text):
                v2 = value + v2[4:]  # the year of the coarse one, the month and day of the fine one
            if v2.startswith(value):
                m, value, prec = other, v2, p2
        return Attribution("own", value, prec, (m.start, m.end), tuple(attrs))
    return _without_own(sentence, tuple(attrs), pub_value, pub_prec, previous, lang)


def _without_own(sentence: str, attrs: tuple[tuple[int, int], ...], pub_value: str | None, pub_prec: str | None,
                 previous: str | None, lang: str | None = None) -> Attribution:
    """A sentence without a time expression of its own: the previous event, none, or the reporting time."""
    if previous and _SAME_DAY.match(sentence):
        return Attribution("own", previous, _precision_of(previous), None, attrs)
    if pub_value is None or question(sentence) or syn.fragment(sentence, lang) or opinion_line(sentence):
        return Attribution("none", None, None, None, attrs)
    return Attribution("attribute" if attrs else "reporting", pub_value, pub_prec, None, attrs)


_PERIOD = re.compile(r"^\d{4}-(?:Q[1-4]|H[12])$")  # "the figures for the first quarter of 2018"
_LISTED = re.compile(r"\s*(?:,\s*)?(?:and|or|en|of|und|oder|et|ou)\s+|\s*,\s*")
_STAMP = re.compile(r"\d{1,2}[:.]\d{2}\s*[ap]\.?\s?m\b", re.IGNORECASE)
_ZONE = re.compile(r"^\s*(?:[A-Z]{2,4}\b|GMT|UTC)")
_DATELINE = re.compile(r"^[\s,;]*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{2,4}\b)?|^[\s,;]*(?:\(Reuters\)|\(AP\)|\(AFP\))")


def _clause_words(tokens: list[Token], m: TimeMention) -> set[str]:
    """The lower-cased words of the clause around an expression (between the nearest boundaries)."""
    out: set[str] = set()
    before = [t for t in tokens if t.end <= m.start]
    for t in reversed(before):
        if t.text in _BOUNDARIES:
            break
        out.add(t.text.lower())
    for t in (t for t in tokens if t.start >= m.end):
        if t.text in _BOUNDARIES or t.text in (".", "!", "?"):
            break
        out.add(t.text.lower())
    if out & {"plan", "plans"} and not any(a.text.lower() in ("plan", "plans") and b.text.lower() == "to"
                                            for a, b in zip(tokens, tokens[1:], strict=False)):
        out -= {"plan", "plans"}  # "rejected the plan on Sunday": a noun; "plans to reopen on Monday": the future
    return out


def _past(m: TimeMention, value: str, prec: str, pub: str, words: set[str],
          future: frozenset[str] | set[str] = frozenset()) -> tuple[str, str]:
    """A date the tagger put after the publication day, moved back when nothing in its clause speaks of the
    future: a month or day named without a year is in the publication year; a weekday is the last one."""
    if value <= pub[:len(value)] or words & future or re.search(r"\b\d{4}\b", m.text):
        return value, prec
    if prec in ("day", "month") and value[:4] != pub[:4] and not _WEEKDAY_WORD.search(m.text):
        moved = pub[:4] + value[4:]
        if moved <= pub[:len(moved)]:
            return moved, prec
    if prec == "day" and _WEEKDAY_WORD.search(m.text) and not re.search(r"\d", m.text):
        back = date.fromisoformat(value) - timedelta(days=7)
        if back.isoformat() <= pub:
            return back.isoformat(), prec
    return value, prec


def _bound(m: TimeMention) -> bool:
    """ "sinds 2015", "until May", "voor 12 juni": a bound on a state, not the time of an event ("vanaf 1990" is)."""
    mod = m.modifier or ""
    if not mod:
        return False
    if m.text.lower().startswith(("vanaf", "from", "ab ", "à partir", "by ")):
        return False  # "by Friday": a deadline gives its date (the guideline's "Deadlines")
    return mod in _BOUNDS or mod.split("-")[0] in _BOUNDS or "/" in mod and mod.strip("/") in _BOUNDS


def _published(published: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """The publication date cut to its precision: ("2018-05", "month")."""
    if not published:
        return None, None
    text = str(published)[:10]
    prec = precision or {10: "day", 7: "month", 4: "year"}.get(len(text))
    cut = {"day": 10, "month": 7, "year": 4}.get(prec or "")
    if cut is None or len(text) < cut:
        return None, None
    return text[:cut], prec


def _precision_of(value: str) -> str | None:
    return {10: "day", 7: "month", 4: "year"}.get(len(value))


def _value(m: TimeMention, pub: str | None, pub_prec: str | None) -> tuple[str, str] | None:
    """(value, precision) of an own expression at the precision the text supports, or None."""
    value = m.value or ""
    if not m.resolved:
        if pub and "needs a publication" in (m.reason or ""):
            return pub, pub_prec or "day"  # a Thursday in May 2018: the month, not a borrowed day
        return None
    if value.startswith("T"):  # a clock time without a date: the day of publication
        return (pub, pub_prec or "day") if pub else None
    if (month := months_start(m)) is not None:  # "the first three months of this year": January
        return month, "month"
    if "/" in value:  # a range gives its start, at the start's precision
        value = value.split("/", 1)[0]
        if "X" in value[:4]:
            return None
    low = m.text.lower()
    if tense.vague_offset(low):  # "a few months ago", "enkele jaren geleden": a vague time (the guideline), no date
        return None
    offset = _OFFSET.search(low)
    if offset:  # "three years ago": the unit's precision
        cut = {"y": 4, "j": 4, "d": 4, "m": 7}.get(offset.group(1)[0])  # "a decade ago": a year, as "ten years ago"
        if cut and len(value) >= cut:
            return value[:cut], "year" if cut == 4 else "month"
        if offset.group(1)[0] == "w" and re.match(r"^\d{4}-\d{2}-\d{2}", value):  # "drie weken geleden": a week
            day = date.fromisoformat(value[:10])
            first, last = day - timedelta(days=day.weekday()), day + timedelta(days=6 - day.weekday())
            if first.month == last.month:
                return first.isoformat()[:7], "month"
            return (str(first.year), "year") if first.year == last.year else None
    if _EARLIER_THIS_WEEK.search(low) and pub and len(pub) == 10:
        start = date.fromisoformat(pub) - timedelta(days=date.fromisoformat(pub).weekday())
        end = date.fromisoformat(pub) - timedelta(days=1)
        if end >= start:
            return (start.isoformat()[:7], "month") if start.month == end.month else (str(start.year), "year")
    week = _WEEK.match(value)
    if week:
        year, num = int(week.group(1)), int(week.group(2))
        try:
            first, last = date.fromisocalendar(year, num, 1), date.fromisocalendar(year, num, 7)
        except ValueError:
            return None
        if first.month == last.month:
            return first.isoformat()[:7], "month"
        return (str(first.year), "year") if first.year == last.year else None
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10], "day"
    if re.match(r"^\d{4}-\d{2}$", value):
        return value, "month"
    if re.match(r"^\d{4}(?:-(?:Q\d|SP|SU|FA|WI|H\d))?$", value):
        return frames.last_season(low, value, pub), "year"
    return None


def _around(tokens: list[Token], m: TimeMention) -> tuple[list[Token], list[Token]]:
    before = [t for t in tokens if t.end <= m.start]
    after = [t for t in tokens if t.start >= m.end]
    return before, after


def _is_attribute(sentence: str, tokens: list[Token], m: TimeMention, lang: str | None = None) -> bool:
    """Whether the expression modifies a noun rather than dating the clause's event."""
    before, after = _around(tokens, m)
    low = m.text.lower()
    first_word = low.split()[0] if low.split() else ""
    prev = before[-1].text.lower() if before else ""
    prev2 = before[-2].text.lower() if len(before) > 1 else ""
    nxt = after[0].text if after else ""
    # "de top van 12 juni", "the summit of June 12" (a preposition inside the expression counts too)
    if first_word in _OF and len(low.split()) > 1 and prev and prev[0].isalpha() and prev not in _DETERMINERS \
            and ("/" not in (m.value or "") or prev2 in _DETERMINERS and _nounish(prev, lang) and not _TIME_NOUN.match(prev)):
        return prev not in _NOT_NOUN_BEFORE_OF and prev not in _FUNCTION_AFTER  # ("de periode van 2010 tot 2015")
    # "the budget for 2019", "the figures for 2017": the period a noun covers (not "planned for 2019": a verb)
    if prev in ("for", "over") and (re.fullmatch(r"\d{4}", m.text) or _PERIOD.match(m.value or "") and not m.text[:1].isdigit()) \
            and prev2.isalpha() and prev2.islower() \
            and prev2 not in _NOT_NOUN_BEFORE_OF and _nounish(prev2, lang) and not syn.planned_for(tokens, m):
        return True
    if prev in _OF and prev2 and prev2[0].isalpha() and prev2 not in _NOT_NOUN_BEFORE_OF \
            and prev2 not in _FUNCTION_AFTER and prev2 not in _DETERMINERS \
            and not ("/" in (m.value or "") and verbish(prev2, lang or "en")):  # "ran from May 4-9": a verb's range
        return True
    # "a letter dated March 3", "een brief gedateerd 3 mei": the date of a document
    if prev in ("dated", "gedateerd", "gedagtekend", "datiert") or first_word in ("dated", "gedateerd"):
        return True
    # "Tuesday's vote", "de 12 juni-top"
    if nxt in ("'s", "’s", "'", "’") or sentence[m.end:m.end + 2] in ("'s", "’s") or sentence[m.end:m.end + 1] == "-" \
            and sentence[m.end + 1:m.end + 2].isalpha():
        return True
    # "the June 12 summit", "the 2015 agreement", "het 2015-akkoord" (but "said in a Wednesday interview": the
    # interview is the event the sentence reports)
    if prev in ("a", "an", "een") and prev2 in ("in", "during", "tijdens", "at", "bij") and _WEEKDAY_WORD.search(m.text):
        return False
    if prev in _DETERMINERS and prev not in ("het", "dat", "die", "that", "this", "dit", "deze", "these", "those") \
            and nxt[:1].isalpha() and nxt.lower() not in _FUNCTION_AFTER and nxt.islower() \
            and not _RELATIVE_LEAD.match(low):  # "We gaan de komende week verhuizen": the determiner is the week's
        return True
    # "The June 2016 Tel Aviv shooting", "the 2019 Eurovision Song Contest": names between the date and its noun
    if prev in _DETERMINERS and prev not in ("het", "dat", "die", "that", "this", "dit", "deze", "these", "those") \
            and nxt[:1].isupper() and re.search(r"\d", m.text):
        names = 0
        while names < len(after) and after[names].text[:1].isupper() and names < 4:
            names += 1
        head = after[names].text if names < len(after) else ""
        if head[:1].isalpha() and head.islower() and head not in _FUNCTION_AFTER \
                and (_nounish(head, lang) or syn.EVENT_NOUN.match(head)) \
                or names and head in (",", ".", "") and (len(before) == 1 or re.fullmatch(r"\d{4}", m.text)) \
                or names and re.fullmatch(r"\d{4}", m.text) and head.lower() in _FUNCTION_AFTER:
            return True  # ("A tour of the 1880 Van Dam House", "a place at the 2010 World Cup after …": a year before a name)
    # "two recessions, those of 1990-91 and 2001": the date of the noun the pronoun stands for
    if prev == "of" and prev2 in ("those", "that") and re.search(r"\d", m.text):
        return True
    # "de op 12 juni geplande top"
    if prev in _PREPOSITIONS and prev2 in _DETERMINERS and prev2 not in ("that", "dat", "die", "this", "dit"):
        return True
    # "het dinsdag bereikte akkoord": a Dutch participle between the date and its noun, the determiner before
    if lang == "nl" and prev in ("de", "het", "een") and nxt.islower() and (nxt.startswith("ge") or nxt.endswith(("de", "te"))) \
            and verbish(nxt, "nl") and len(after) > 1 and after[1].text.islower() and _nounish(after[1].text, lang):
        return True
    # "de top van 27 april en de ontmoeting op 26 mei en …": a noun's date, listed
    prev3 = before[-3].text.lower() if len(before) > 2 else ""
    if prev in ("op", "on", "in") and prev3 in _DETERMINERS and prev2[:1].isalpha() and prev2 not in _FUNCTION_AFTER \
            and nxt.lower() in ("en", "and", "or", "of", "und", "oder", "et", "ou") \
            and len(after) > 1 and after[1].text.lower() in _DETERMINERS:  # "and has not returned": a clause
        return True
    # "het schietincident in winkelcentrum De Ridderhof in Alphen op 9 april 2011": an event's date after its places
    if prev in ("op", "on") and re.search(r"\d", m.text) and (found := clauses.noun_before_places(before[:-1])) \
            and found[0] in _DETERMINERS and syn.EVENT_NOUN.match(found[1]):
        return True
    # "De top op 12 juni tussen Kim en Trump werd … afgeblazen": inside the subject that opens the sentence
    if prev in ("op", "on", "van", "of", "in", "am", "vom") \
            and (lang != "en" or any(c.isdigit() for c in m.text) or bool(after) and after[0].text in ("is", "are", "remains")) \
            and _opens_with_noun_phrase(clause_of(before[:-1]), lang) \
            and not (lang == "nl" and subordinate(before[:-1]) and not syn.EVENT_NOUN.match(before[-2].text.lower())) \
            and (lang != "en" or tense.has_verb(after, lang)):  # "The trial starts on June 3.": no verb after, so
        return True  # "starts" is the verb, not a noun of the subject ("The talks on June 3 were cancelled")
    # "Eurovision 2013", "Vidbir 2019": a name with a year
    if re.fullmatch(r"\d{4}", m.text) and before and before[-1].text[:1].isupper() and len(before) > 1 \
            and prev not in _PREPOSITIONS and prev not in _FUNCTION_AFTER and prev not in _MONTH_WORDS:
        return True
    # "the attack last month", "de aanslag vorige maand": a bare time noun phrase right after a common noun
    if re.match(r"(?i)(?:last|earlier this|this|vorige?|afgelopen)\s+(?:month|year|maand|jaar)\b", m.text) and before \
            and before[-1].text.islower() and syn.EVENT_NOUN.match(head_before_place(before)):
        return True  # (only a noun of an event: "hired 200 people last year", "visited the town last month" date the verb)
    # "We bekijken nog altijd 12 juni": a Dutch date without a preposition inside the sentence is an object
    if lang == "nl" and re.match(r"\d", m.text) and len(before) > 1 and prev[:1].isalpha() \
            and prev not in _PREPOSITIONS and prev not in _DETERMINERS and prev not in _OF \
            and prev not in ("tot", "tussen", "vanaf", "sinds", "voor", "na", "rond", "omstreeks", "uiterlijk"):
        return True
    # "de gebeurtenissen rond de vliegramp donderdag": a weekday right after a noun of an event (Dutch puts an
    # adverbial weekday before the objects)
    if lang == "nl" and _WEEKDAY_WORD.fullmatch(m.text.strip()) and len(before) > 1 and \
            syn.EVENT_NOUN.match(prev) and prev2 in _DETERMINERS and not frames.clause_final_verb(after, lang):
        return True  # (but "dat de brand zaterdag begon": the subject of a subordinate clause, then its verb)
    # "first quarter profit", "its aim of cutting costs by the end of 2012": a period of a noun, a noun's gerund
    if frames.period_before_noun(m, after, lang) or frames.gerund_of_noun(before):
        return True
    # "12 juni als datum"
    if nxt.lower() == "als" and len(after) > 1 and after[1].text.lower() in ("datum", "date"):
        return True
    # "de top (12 juni)", "De film van Roland Emmerich (Independence Day, 2012) gaat over …": a parenthesis is an
    # aside on what stands before it, not the time of the sentence's event
    opened = sentence.rfind("(", 0, m.start)
    return opened > 0 and sentence.find(")", opened) >= m.end and ")" not in sentence[opened:m.start] \
        and sentence[:opened].rstrip()[-1:].isalnum()


def _apposition(tokens: list[Token], m: TimeMention, lang: str | None) -> bool:
    """ "… de afgelaste top, op 12 juni in Singapore.": a phrase without a verb after a comma that follows a
    noun, closing the sentence, describes that noun."""
    before, after = _around(tokens, m)
    if len(before) < 3:
        return False
    k = len(before) - 1
    if before[k].text.lower() in _PREPOSITIONS:
        k -= 1
    if before[k].text != "," or not _nounish(before[k - 1].text, lang) or before[k - 1].text[:1].isupper() \
            and lang == "nl":
        return False
    rest = [t.text for t in after]
    if not rest or rest[-1] not in (".", "!", "…") or any(w in _BOUNDARIES or w in ("'", '"', "”", "“") for w in rest):
        return False
    return all(w[:1].isupper() or w.lower() in _PREPOSITIONS or w in (".", "!", "…") or w.lower() in _DETERMINERS
               or w.lower() in ("en", "and", "tussen", "between", "bij", "near", "naar", "to")
               for w in rest)


def _opens_with_noun_phrase(words_: list[Token], lang: str | None) -> bool:
    """Whether the tokens are a determiner and one to four nouns or adjectives (a subject before its verb)."""
    written = [t.text for t in words_ if t.text not in _QUOTES]
    words = [w.lower() for w in written]
    if not (1 < len(words) <= 8 and words[0] in _DETERMINERS and words[0] not in ("dat", "that", "this", "dit")):
        return False
    for k, w in enumerate(words[1:], 1):
        if w in ("van", "of") and k + 1 < len(words) and words[k + 1] in _DETERMINERS:
            continue  # "de uitslag van de verkiezingen": one noun phrase
        if w in ("in", "at", "near", "between", "tussen", "bij", "te") and k + 1 < len(written) \
                and written[k + 1][:1].isupper():
            continue  # "The summit in Singapore on June 12 was called off": a place inside the subject
        if w in _DETERMINERS and k > 1 and words[k - 1] in ("van", "of"):
            continue
        if not w[:1].isalpha() or w in _FUNCTION_AFTER or w in _DETERMINERS:
            return False
        if verbish(w, lang) and not written[k][:1].isupper() \
                and not (k == 1 and len(words) > 2 and w.endswith(("de", "te", "ed"))):
            return False  # "de geplande top": a participle before its noun is an adjective
    return len(words) <= 5 or "van" in words or "of" in words


def _nounish(word: str, lang: str | None) -> bool:
    """A rough guess that `word` ends a noun phrase (a content word that is not a verb form)."""
    low = word.lower()
    return (word[:1].isalpha() and low not in _FUNCTION_AFTER and low not in _DETERMINERS and low not in _SPEECH
            and low not in _PREPOSITIONS and low not in _ADVERBS_BEFORE_THAT and not verbish(low, lang))


def _clause_kind(tokens: list[Token], start: int, lang: str | None = None) -> str:
    """What kind of clause the expression at `start` sits in, from the words between it and the last boundary.

    "relative" (who, which, waar, ", die"), "bound" (after, before, since, until, nadat, voordat …), "when"
    (when, toen, as, terwijl: gives the main clause its time), "content" (the complement of a speech verb:
    "said that …"), "complement" (another "that/dat" clause), else "main".
    """
    before = [t for t in tokens if t.end <= start]
    for j in range(len(before) - 1, -1, -1):
        word = before[j].text.lower()
        if word in _BOUNDARIES:
            if word == "," and j + 1 < len(before) and before[j + 1].text.lower() in ("die", "dat", "that"):
                return "relative"
            if word == "," and j > 0 and (before[j - 1].text.lower() in _RELATIVE or before[j - 1].text.lower() in
                                          ("die", "dat", "that") and j > 1 and before[j - 2].text == ","):
                return "relative"  # "the folks who, just two months ago, were …": inside the relative clause
            if word == "," and j + 1 < len(before) and (before[j + 1].text[:1].isupper() or frames.adverb(before[j + 1].text)
                                                         or before[j + 1].text.lower() in _DETERMINERS) \
                    and not any(syn.verb_form(t.text.lower(), lang) for t in before[j + 1:] if t.text[:1].islower()):
                for t in reversed(before[max(0, j - 12):j]):  # "…, which was sold to a rival firm, Acme in 2003":
                    if t.text in _BOUNDARIES:  # a verbless apposition continues the relative clause before it
                        break
                    if t.text.lower() in _RELATIVE:
                        return "relative"
            return "main"
        if word in _RELATIVE:
            return "relative"
        if word in _SPEECH and content_without_that(before[j + 1:]):
            return "content"  # "said on Monday it would strike from Thursday": the content's own time
        if word in _BOUND_WORDS or frames.cause_clause(before[j:], lang):
            return "bound"
        if word == "as" and (j and before[j - 1].text.lower() in _AS_COMPARED
                             or j + 1 < len(before) and before[j + 1].text.lower() in _AS_COMPARED):
            continue  # "as much as $2 million", "as well as": a comparison, no clause of time
        if word in _WHEN:
            if j > 1 and before[j - 1].text == "," and (_TIME_WORD.match(before[j - 2].text) or before[j - 2].text.isdigit()):
                return "relative"  # "the terms set out in August, when BP agreed …": "when" tells about August
            return "when"
        if word in ("die", "dat", "that") and j > 0 and (_nounish(before[j - 1].text, lang)
                                                         or syn.EVENT_NOUN.match(before[j - 1].text)) \
                and not any(t.text.lower() in _SPEECH for t in before[max(0, j - 5):j]):
            return "relative"  # "the venue that …", "gebied dat …", "beelden die …"
        if word in ("dat", "die") and j > 0 and before[j - 1].text == "," and j > 1 and _nounish(before[j - 2].text, lang):
            return "relative"  # "Het kabinet-Rutte III, dat in oktober 2017 aantrad, …"
        if word in ("that", "those") and j + 1 < len(before) and before[j + 1].text.lower() == "of":
            continue  # "which followed that of a man on Sunday": a pronoun, no clause
        if word in ("dat", "that", "dass", "daß", "que"):
            k = j - 1
            while k >= 0 and before[k].text.lower() in _ADVERBS_BEFORE_THAT:
                k -= 1
            prev = before[k].text.lower() if k >= 0 else ""
            if prev in _SPEECH or any(t.text.lower() in _SPEECH for t in before[max(0, j - 5):j]):
                return "content"
            if prev in _DETERMINERS or not prev or prev[:1].isupper() and k > 0:
                continue  # "dat" as a determiner or a pronoun
            return "complement"
    return "main"


_RELATIVE = frozenset("who whom whose which where why how waar waarin waarop waarbij waarmee waarom hoe wie welke wo "
                      "welche dont où".split())
_AS_COMPARED = frozenset("much many well long far soon such same".split())
_BOUND_WORDS = frozenset("after before since until till nadat voordat voor sinds totdat tot nachdem bevor seit bis "
                         "après avant depuis jusqu".split()) - {"voor", "tot"}
_WHEN = frozenset("when toen terwijl while as als wanneer als wenn lorsque quand".split())
_OFFSET = re.compile(r"\b(years?|jaar|jaren|jahre?n?|decades?|decenni(?:a|um)|jahrzehnten?|months?|maand(?:en)?|"
                     r"monate?n?|weeks?|weken|wochen)\s+(?:ago|geleden|her)\b")
_EARLIER_THIS_WEEK = re.compile(r"\b(?:earlier|eerder|begin|early)\s+(?:this|deze)\s+week\b")
_FUTURE = frozenset("will 'll shall zal zullen zou zouden gaat gaan komende volgende next coming plans plan planned "
                    "gepland expected verwacht moet moeten would wil willen aanstaande upcoming due scheduled staat "
                    "komt".split())
_WEEKDAY_WORD = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:maan|dins|woens|donder|vrij|zater|zon)dag")
_MONTH_WORDS = frozenset("january february march april may june july august september october november december "
                         "januari februari maart mei juni juli augustus oktober".split())
_TIME_WORD = re.compile(r"(?i)^(?:january|february|march|april|may|june|july|august|september|october|november|"
                        r"december|januari|februari|maart|mei|juni|juli|augustus|oktober|year|month|week|jaar|maand|"
                        r"\w+day|\w+dag)$")
_TIME_NOUN = re.compile(r"(?i)^(?:periode|period|decade|decennium|tijd|time|jaren|years|era|tijdvak|span)$")
_DECADE = re.compile(r"^\d{2,3}X+$")
_DURATION = re.compile(r"(?i)\b(?:last|past|previous|afgelopen|vorige|laatste)\b")  # "over the last decade"
