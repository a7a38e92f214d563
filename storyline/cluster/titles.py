"""A story's title: the headline of its most central article, chosen once and shown everywhere.

The title is the headline, in the story's majority language, of the member that best stands for the whole story:
among the articles of its main events (those at least half the size of its largest), the one whose title + lead
embedding is closest to the story's centroid and whose headline shares the most words with the other members'
headlines (the names and words the story is about), with a small preference for the larger events. Headlines that
look like scraper residue (``Video:``, ``LIVE |``, all capitals, fewer than three words, two headlines glued
together, a label repeated before its headline, a cut-off ``…``) and boilerplate pages are passed over while any
other headline is left; headlines of round-up, listing and service pages ("Highlights from …", "… Summary", "What
we know …", "The Latest: …", "Stand van zaken …"; the hand-written cues of ``storyline/text/data/headlines.json``)
while any report of the majority language is left. `refresh` recomputes the titles of the stories a change
touched; `stories`, `story show`, `timeline`, the exports, the API and the web app all read this one stored title.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from ..ingest.normalize import starts_with_residue
from ..store import stories as q
from .features import STOPWORDS, fold, lemma, title_case

_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END_RE = re.compile(r"[.!?:;]\s+")
_DOUBLED_RE = re.compile(r"^([^\W\d_][\w'’-]*)\s+\1\b", re.I)  # a section label before its own headline
# A label of up to four words, a colon, bar or dash, and the same words again: "Electric Daisy: Electric Daisy …".
_LABEL_RE = re.compile(r"^((?:[^\W\d_][\w'’.-]*\s*){1,4}?)\s*[:|\u2013\u2014-]\s*\1", re.I)
_CUT_RE = re.compile(r"(?:\.\.\.|…)\s*$")  # a headline cut off by its source
_ACCOUNT_RE = re.compile(r"\bon (?:Twitter|X|Facebook|Instagram|TikTok|YouTube)\s*$", re.I)  # a social-media page
# a site's media tag after the headline: "… Shooter (INFO, VIDEOS)", "… (PHOTOS)"
_MEDIA_TAG_RE = re.compile(r"\((?:\s*(?:VIDEOS?|PHOTOS?|PICTURES|INFO|LIVE|UPDATED?|WATCH|POLL|GRAPHIC|SLIDESHOW)\s*,?)+\)\s*$")


@dataclass(slots=True)
class Member:
    """One article of a story as the title choice sees it."""

    id: str
    event_id: str
    lang: str | None
    title: str
    text: str
    boilerplate: bool
    embedding: np.ndarray | None


def mojibake(title: str) -> bool:
    """True for UTF-8 text that was read as Windows-1252 on its way here ("ðŸ‡µðŸ‡¹ Portugal", "CafÃ©"): its letters
    are the bytes of other letters. Real accented text ("Café", "Noël") is left alone.

    >>> mojibake("ðŸ‡µðŸ‡¹ Portugal: RTP confirms hosts"), mojibake("CafÃ© reopens"), mojibake("Café reopens")
    (True, True, False)
    >>> mojibake("Plain headline"), mojibake("🇵🇹 Portugal: RTP confirms hosts")
    (False, False)
    """
    if title.isascii():
        return False
    try:
        return title.encode("cp1252").decode("utf-8") != title
    except UnicodeError:
        return False


def flawed(title: str, text: str = "") -> bool:
    """True for a headline that is no title: scraper residue, shouting, too short, or two headlines glued.

    Glued headlines show as a capitalised common word inside a sentence-case headline that the text itself
    writes in lower case ("… Trump en Kim Ontmoeting zou …": the page's bullet lines joined into one), or as a
    section label glued before a headline that starts with the same word ("Eurovision Eurovision 2020: …").
    Text whose bytes were decoded in the wrong character set (`mojibake`) is unreadable. A social-media account's page ("EurovisionInConcert on Twitter") names an account, not an event; a label
    repeated before its headline ("Electric Daisy: Electric Daisy Carnival comes to Orlando") is the page's
    section name glued on; a headline ending in "..." or "…" was cut off by its source, one ending in a site's media
    tag ("(INFO, VIDEOS)") carries the site's label.

    >>> flawed("Video: Kim meets Trump"), flawed("BREAKING NEWS"), flawed("Update"), flawed("Kim meets Trump")
    (True, True, True, False)
    >>> flawed("Historische ontmoeting Trump en Kim Ontmoeting zou plaatsvinden", "De ontmoeting gaat door.")
    True
    >>> flawed("Colorado Gunman Shoots 5 Officers Near Denver", "The gunman shot five officers.")
    False
    >>> flawed("Sport Sport: Ajax wint van PSV"), flawed("Het Het Parool-lek"), flawed("NOS Jeugdjournaal on Twitter")
    (True, True, True)
    >>> flawed("Eurovision 2020: highlights from the visit"), flawed("Talks go on and on")
    (False, False)
    >>> flawed("Big Fest: Big Fest comes to town"), flawed("Survivors of the crash that left 21 people...")
    (True, True)
    >>> flawed("Trump: Trump's wall will be built"), flawed("Kim - a profile of the leader")
    (True, False)
    >>> flawed("Suspect Identified As Shooter (INFO, VIDEOS)"), flawed("Talks resume (after a break)")
    (True, False)
    """
    title = title.strip()
    words = _WORD_RE.findall(title)
    if (len(words) < 3 or mojibake(title) or starts_with_residue(title) or _DOUBLED_RE.match(title) or _ACCOUNT_RE.search(title)
            or _LABEL_RE.match(title) or _CUT_RE.search(title) or _MEDIA_TAG_RE.search(title)):
        return True
    letters = [c for c in title if c.isalpha()]
    if len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        return True
    if text and not title_case(title):
        at = text.find(title)
        rest = text[:at] + text[at + len(title):] if at >= 0 else text  # the headline line itself proves nothing
        lower = set(_WORD_RE.findall(rest))
        for sentence in _SENTENCE_END_RE.split(title):
            for word in _WORD_RE.findall(sentence)[1:]:
                if word[0].isupper() and len(word) >= 4 and word.lower() in lower and word not in lower:
                    return True
    return False


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = json.loads(resources.files("storyline.text.data").joinpath("headlines.json").read_text(encoding="utf-8"))

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))

    return (re.compile(rf"(?<![\w'’])(?:{alternation(data['anywhere'])})(?![\w'’])", re.I),
            re.compile(rf"^\W*(?:{alternation(data['start'])})\s*[:|\u2013\u2014-]", re.I),
            re.compile(rf"[-|:\u2013\u2014]\s*(?:{alternation(data['end'])})\W*$", re.I))


def roundup(title: str) -> bool:
    """True for the headline of a round-up, listing or service page: highlights, summaries, live blogs, photo
    series, "what we know", "how to watch", maps and dashboards, press releases (hand-written English and Dutch
    cues, ``storyline/text/data/headlines.json``). Such a page is about the story but reports no one happening of
    it, so it is the title only when no report is left.

    >>> roundup("Highlights from the mayor's visit to Rotterdam"), roundup("Dec 9-10 Ice Storm Summary")
    (True, True)
    >>> roundup("The Latest: police name the suspect"), roundup("Dit is nu de stand van zaken in Limburg")
    (True, True)
    >>> roundup("Storm summarised"), roundup("Police name the suspect"), roundup("Trump maps out his plan")
    (False, False, False)
    >>> roundup("Oscar Pistorius guilty of culpable homicide - live"), roundup("Live Aid raises millions")
    (True, False)
    """
    anywhere, start, end = _cues()
    return bool(anywhere.search(title) or start.match(title) or end.search(title))


_TERM_RE = re.compile(r"[^\W_][\w'’-]*[^\W_]|\d+")


def headline_terms(title: str, lang: str | None) -> frozenset[str]:
    """The content words of a headline as lemmas without accents (function words and one-letter words left out).

    >>> sorted(headline_terms("Trump and Kim meet in Singapore", "en"))
    ['kim', 'meet', 'singapore', 'trump']
    """
    terms = set()
    for token in _TERM_RE.findall(title.lower()):
        token = re.sub(r"['’]s$", "", token).strip("'’-")  # Galveston's: Galveston
        if len(token) < 2 or token in STOPWORDS:
            continue
        word = fold(lemma(token, lang))
        if word not in STOPWORDS:
            terms.add(word)
    return frozenset(terms)


# Weights of a candidate's score (see `choose`): the share of other headlines that use each of its words, summed
# over its words, and the relative size of its event, beside its embedding's cosine with the story's centroid.
WORDS = 1.0
EVENT = 1.0
TOP = 3
SHARED = 2
QUOTED = 0.05  # a headline that quotes a claim ("Russia's 'Conspiracy Theory': …") speaks in someone's words
_QUOTED_RE = re.compile(r"(?:^|[\s(:])['‘\"“„][^'’\"”\s]+\s[^'’\"”]{1,80}['’\"”](?=[\s,.:;!?)]|$)")  # not a nickname


def choose(members: list[Member], centroid: np.ndarray | None = None) -> str:
    """The title of a story with these members, in publication order (see the module docstring); ties go to the
    earlier event, then to the smaller article id.

    Each candidate scores ``cos(embedding, centroid) + WORDS · Σ share(w) + EVENT · size(event) / size(largest)``,
    ``share(w)`` the fraction of the other distinct headlines of the story that contain the headline word ``w``
    (as a lemma): a headline naming what most of the story's headlines name stands for the story; one on a side
    matter ("Panthers make donation for church shooting victims" in a story on the church shooting and its trial),
    or one naming nothing ("Inside the mind of a killer"), does not. The candidates are, in this order of
    preference, until one is found: unflawed non-round-up headlines in the majority language in the main events
    (at least half the size of the largest), the same in any event, round-ups in the majority language, unflawed
    headlines of another language, any headline. `centroid`: the story's summed embedding when the caller has it
    (else the sum of the members' embeddings).

    >>> e = np.eye(3, dtype=np.float32)
    >>> ms = [Member("a", "e1", "nl", "Kim nodigt Trump uit", "", False, e[0]),
    ...       Member("b", "e1", "nl", "Trump neemt uitnodiging van Kim aan", "", False, (e[0] + e[1]) / 2 ** 0.5),
    ...       Member("c", "e2", "en", "Trump accepts Kim's invitation", "", False, e[1])]
    >>> choose(ms)
    'Trump neemt uitnodiging van Kim aan'
    """
    if not members:
        return ""
    langs = Counter(m.lang or "?" for m in members)
    major = min(langs, key=lambda lang: (-langs[lang], lang))
    if centroid is None:
        vectors = [m.embedding for m in members if m.embedding is not None]
        centroid = np.sum(vectors, axis=0) if vectors else None
    norm = float(np.linalg.norm(centroid)) if centroid is not None else 0.0
    # a boilerplate page (a cookie wall, a crawl note, a dashboard) reports nothing: it does not make an event large
    sizes = Counter(m.event_id for m in members if not m.boilerplate) or Counter(m.event_id for m in members)
    largest = max(sizes.values())
    terms = {m.id: headline_terms(m.title, m.lang) for m in members}
    seen: dict[str, frozenset[str]] = {}
    for m in members:  # a headline repeated by copies and syndication counts once
        seen.setdefault(" ".join(m.title.lower().split()), terms[m.id])
    df: Counter[str] = Counter(w for ws in seen.values() for w in ws)
    others = max(1, len(seen) - 1)

    def score(m: Member) -> float:
        close = 0.0
        if norm > 0 and m.embedding is not None:
            close = float(m.embedding @ centroid) / (norm * (float(np.linalg.norm(m.embedding)) or 1.0))
        shared = sorted((df[w] - 1 for w in terms[m.id] if df[w] > SHARED), reverse=True)
        words = sum(shared[:TOP]) / (TOP * others)
        return close + WORDS * words + EVENT * sizes[m.event_id] / largest - (QUOTED if _QUOTED_RE.search(m.title) else 0.0)

    verdicts: dict[str, tuple[bool, bool]] = {}

    def judged(m: Member) -> tuple[bool, bool]:  # (good, round-up), checked lazily
        if m.id not in verdicts:
            verdicts[m.id] = (not m.boilerplate and not flawed(m.title, m.text), roundup(m.title))
        return verdicts[m.id]

    def mine(m: Member) -> bool:
        return (m.lang or "?") == major

    tiers = (lambda m: mine(m) and 2 * sizes[m.event_id] >= largest and judged(m) == (True, False),
             lambda m: mine(m) and judged(m) == (True, False),
             lambda m: mine(m) and judged(m)[0],
             lambda m: judged(m)[0],
             lambda m: bool(m.title.strip()))
    first: dict[str, int] = {}
    for k, m in enumerate(members):  # members come in publication order
        first.setdefault(m.event_id, k)
    # Equal scores (two articles are always equally close to their sum) go to the earlier event, then the smaller id.
    ranked = sorted(members, key=lambda m: (-round(score(m), 6), first[m.event_id], m.id))
    for wanted in tiers:
        best = next((m for m in ranked if wanted(m)), None)
        if best is not None:
            return best.title.strip()
    return ""


def refresh(conn: sqlite3.Connection, story_ids: Iterable[str] | None = None,
            centroids: dict[str, np.ndarray] | None = None, *, read: int = 1000) -> None:
    """Recompute the stored titles of these stories (all, without ids) from their current members.

    Members are read in full (text and embedding) up to `read` per story, those of the largest events first (ties
    by publication order); the rest of a larger story is judged by its headline and event alone. `centroids`: the
    clusterer's summed story embeddings, when the caller has them.
    """
    grouped: dict[str, list[tuple]] = {}
    for r in q.title_rows(conn, None if story_ids is None else sorted(set(story_ids))):
        grouped.setdefault(r[0], []).append(r)
    wanted: list[str] = []
    for rows in grouped.values():
        if len(rows) <= read:
            wanted += [r[2] for r in rows]
            continue
        sizes = Counter(r[1] for r in rows)
        order = sorted(range(len(rows)), key=lambda k: (-sizes[rows[k][1]], k))
        wanted += [rows[k][2] for k in order[:read]]
    full = q.title_details(conn, wanted)
    titles = {}
    for sid, rows in grouped.items():
        members = []
        for r in rows:
            text, vector = full.get(r[2], ("", None))
            members.append(Member(r[2], r[1], r[3], r[4] or "", text or "", bool(r[5]),
                                  np.frombuffer(vector, dtype=np.float32) if vector is not None else None))
        titles[sid] = choose(members, None if centroids is None else centroids.get(sid))
    q.set_titles(conn, titles)
