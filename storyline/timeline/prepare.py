"""Articles split into sentences, each with its publication date and the dates it mentions (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..text.furniture import generic_title
from ..text.glued import glued_at, headline_lines, repeated_head_at, vocabulary
from ..text.sentences import quote_units, split_sentences
from .dates import TRIGGERED, WIDE_TRIGGERED, Extractor, day_month_mentions, distinct_dates, tag_sentence
from .event_dates import Attribution, attribute
from .fallback import parse_published
from .select import SENTENCE_END

MIN_WORDS = 5
MAX_WORDS = 70


@dataclass(slots=True)
class TimelineDoc:
    """One article as the timeline sees it."""

    id: str
    title: str
    lang: str | None
    sources: list[str]
    day: str | None  # publication day, when known to the day
    month: str | None  # publication month, when known to the month
    sents: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Sent:
    """One sentence: where it comes from and which dates it speaks about."""

    doc: int
    pos: int  # 0 = first sentence of the text; -1 = the title
    text: str
    dates: list[tuple[str, str]]  # (date, precision) pairs it mentions, in order, without repeats
    words: int
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (date, start, end) of every mention
    event: Attribution | None = None  # the date of the event it reports (`event_dates.py`)
    headline: bool = False  # a headline cut off a glued line: shown only when nothing better is left
    unplaced: bool = False  # it names a day or month it could not place ("On March 11 …" in an undated article)

    @property
    def event_key(self) -> str | None:
        """The event's date as a timeline key (a day or a month), None for a year or no date."""
        ev = self.event
        return ev.value if ev is not None and ev.precision in ("day", "month") else None

    @property
    def usable(self) -> bool:
        """Long enough to say something, short enough to read."""
        return MIN_WORDS <= self.words <= MAX_WORDS


_GLUE = ":|–—-"


def split_title(title: str, body: list[str]) -> tuple[str | None, list[str]]:
    """The title as a sentence of its own and the body sentences without it.

    A headline line at the top of the text is the title, not a body sentence; a headline glued onto
    the first sentence without punctuation ("Kim meets Trump The two leaders ...") is cut off it.

    >>> split_title("Kim meets Trump", ["Kim meets Trump The two leaders met.", "It rained."])
    ('Kim meets Trump', ['The two leaders met.', 'It rained.'])
    >>> split_title("Kim meets Trump", ["Kim meets Trump", "The two leaders met."])
    ('Kim meets Trump', ['The two leaders met.'])
    >>> split_title("Kim", ["Kim met Trump."])
    (None, ['Kim met Trump.'])

    A title that is the whole first sentence (what ingest takes as the title of an article without one) is that
    sentence, the lead of the article, and stays in the body:

    >>> split_title("Kim nodigt Trump uit.", ["Kim nodigt Trump uit.", "De brief kwam dinsdag."])
    (None, ['Kim nodigt Trump uit.', 'De brief kwam dinsdag.'])
    """
    head = title.strip()
    if not head:
        return None, body
    core = head.rstrip(".!?…: ")
    if not body or not core:
        return head, body
    first = body[0]
    if first == head and SENTENCE_END.search(head) and not head.endswith("…"):
        return None, body
    if first.rstrip(".!?…: ") == core:
        return head, body[1:]
    if first.startswith(core):
        rest = first[len(core):]
        glued = len(core.split()) >= 3 and rest[:1].isspace()
        rest = rest.lstrip().lstrip(_GLUE).lstrip()
        if glued and (rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "\"'“‘„«("):
            return head, [rest, *body[1:]]
        return None, body  # the title is the start of the first sentence: that sentence says it all
    return head, body


def unglue(title: str, body: list[str], text: str, lang: str | None = "nl") -> tuple[str, list[str]]:
    """A title and body sentences with every glued headline split off its sentence (see `glued_at`)."""
    lower, capital = vocabulary(text)
    heads = headline_lines(title, text)
    out: list[str] = []
    for sentence in body:
        for _ in range(3):  # a headline, then a widget: "… in Ukraine | Follow RT on | A Malaysia Airlines plane …"
            cut = repeated_head_at(sentence, heads, lower)
            cut = glued_at(sentence, lower, capital, lang) if cut is None else cut
            if cut is None:
                break
            out.append(sentence[:cut].rstrip())
            sentence = sentence[cut:]
        out.append(sentence)
    cut = glued_at(title, lower, capital, lang) if title else None
    if cut is not None:
        rest = title[cut:]
        title = title[:cut].rstrip()
        if not out or not out[0].startswith(rest):
            out.insert(0, rest)
    return title, out


def prepare(articles: Iterable[dict[str, Any]], extract: Extractor | None = None,
            titles: bool = True) -> tuple[list[TimelineDoc], list[Sent]]:
    """Docs and sentences of `articles` (dicts with id, title, text, lang, published, published_precision, sources,
    and optionally boilerplate: such a page is read by its headline alone).

    >>> docs, sents = prepare([{"id": "a", "title": "Top", "text": "De top op 12 juni gaat door. Dat zei Trump.",
    ...                         "lang": "nl", "published": "2018-05", "sources": ["x.txt"]}])
    >>> docs[0].month, docs[0].day, [(s.pos, s.dates) for s in sents]
    ('2018-05', None, [(-1, []), (0, [('2018-06-12', 'day')]), (1, [])])
    """
    docs: list[TimelineDoc] = []
    sents: list[Sent] = []
    for art in articles:
        published = art.get("published")
        precision = art.get("published_precision")
        precision = getattr(precision, "value", precision)
        pub, prec = parse_published(published, precision)
        doc = TimelineDoc(id=str(art.get("id")), title=(art.get("title") or "").strip(), lang=art.get("lang"),
                  sources=[str(s) for s in (art.get("sources") or [])],
                  day=pub.isoformat() if pub and prec == "day" else None,
                  month=pub.isoformat()[:7] if pub and prec in ("day", "month") else None)
        lang = doc.lang or "en"
        # a boilerplate page's text is what a crawler saw instead of the article (a cookie wall, a web archive's
        # note): only its headline can speak for it, and not when that names only a kind of page ("Home")
        text = "" if art.get("boilerplate") else art.get("text") or ""
        if art.get("boilerplate") and generic_title(doc.title):
            doc.title = ""
        body = [text[a:b] for a, b in quote_units(text, split_sentences(text))]
        head, body = split_title(doc.title, body)
        glued = head or ""
        head, body = unglue(glued, body, text, lang)
        head = head or None
        if head and titles:
            sents.append(_sent(len(docs), -1, head, lang, published, prec, extract))
            sents[-1].headline = head != glued
            doc.sents.append(len(sents) - 1)
        previous = None
        for pos, s in enumerate(body):
            sents.append(_sent(len(docs), pos, s, lang, published, prec, extract, previous))
            doc.sents.append(len(sents) - 1)
            ev = sents[-1].event
            previous = ev.value if ev is not None and ev.kind == "own" else None
        docs.append(doc)
    return docs, sents


def _sent(doc: int, pos: int, text: str, lang: str, published: Any, precision: str | None,
          extract: Extractor | None, previous: str | None = None) -> Sent:
    """One sentence with the dates it mentions, where it mentions them, and the date of its event."""
    pub = str(published) if published else None
    # dates to rank come from the usual triggers only; a week or a year matters for the event date alone
    triggered = TRIGGERED.search(text) is not None
    mentions = tag_sentence(text, lang, pub, precision, extract) if triggered or WIDE_TRIGGERED.search(text) else []
    found = day_month_mentions(mentions) if triggered else []
    event = attribute(text, mentions, lang=lang, published=pub, published_precision=precision, previous=previous)
    unplaced = any(m.kind == "date" and not m.resolved and m.precision in ("day", "month") for m in mentions)
    return Sent(doc, pos, text, distinct_dates(found), len(text.split()), [(key, a, b) for key, _, a, b in found],
                event, unplaced=unplaced)
