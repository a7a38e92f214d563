"""A story's title: the headline of its most central article, chosen once and shown everywhere.

The title is the headline of the article closest to the story's centroid (the mean of its members' title +
lead embeddings) among the articles of its largest event, in the story's majority language. Headlines that
look like scraper residue (``Video:``, ``LIVE |``, all capitals, fewer than three words, two headlines glued
together) and boilerplate pages are passed over while any other headline is left. `refresh` recomputes the
titles of the stories a change touched; `stories`, `story show`, `timeline`, the exports, the API and the web
app all read this one stored title.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..ingest.normalize import starts_with_residue
from ..store import stories as q
from .features import title_case

_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END_RE = re.compile(r"[.!?:;]\s+")
_DOUBLED_RE = re.compile(r"^([^\W\d_][\w'’-]*)\s+\1\b", re.I)  # a section label before its own headline
_ACCOUNT_RE = re.compile(r"\bon (?:Twitter|X|Facebook|Instagram|TikTok|YouTube)\s*$", re.I)  # a social-media page


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


def flawed(title: str, text: str = "") -> bool:
    """True for a headline that is no title: scraper residue, shouting, too short, or two headlines glued.

    Glued headlines show as a capitalised common word inside a sentence-case headline that the text itself
    writes in lower case ("… Trump en Kim Ontmoeting zou …": the page's bullet lines joined into one), or as a
    section label glued before a headline that starts with the same word ("Eurovision Eurovision 2020: …").
    A social-media account's page ("EurovisionInConcert on Twitter") names an account, not an event.

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
    """
    title = title.strip()
    words = _WORD_RE.findall(title)
    if len(words) < 3 or starts_with_residue(title) or _DOUBLED_RE.match(title) or _ACCOUNT_RE.search(title):
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


def choose(members: list[Member], centroid: np.ndarray | None = None) -> str:
    """The title of a story with these members (see the module docstring); ties go to the smaller article id.

    `centroid`: the story's summed embedding when the caller has it (else the sum of the members' embeddings).

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
    sizes = Counter(m.event_id for m in members)
    first_seen: dict[str, int] = {}
    for k, m in enumerate(members):
        first_seen.setdefault(m.event_id, k)
    closeness = {m.id: float(m.embedding @ centroid) if centroid is not None and m.embedding is not None else -1.0
                 for m in members}
    by_event: dict[str, list[Member]] = {}
    for m in sorted(members, key=lambda m: (-closeness[m.id], m.id)):
        by_event.setdefault(m.event_id, []).append(m)
    events = sorted(by_event, key=lambda e: (-sizes[e], first_seen[e]))
    verdicts: dict[str, bool] = {}

    def good(m: Member) -> bool:  # checked lazily: most stories find their title among the first members tried
        if m.id not in verdicts:
            verdicts[m.id] = not m.boilerplate and not flawed(m.title, m.text)
        return verdicts[m.id]

    for wanted in (lambda m: (m.lang or "?") == major and good(m), good, lambda m: bool(m.title.strip())):
        for event in events:
            best = next((m for m in by_event[event] if wanted(m)), None)
            if best is not None:
                return best.title.strip()
    return ""


def refresh(conn: sqlite3.Connection, story_ids: Iterable[str] | None = None,
            centroids: dict[str, np.ndarray] | None = None, *, focus: int = 3) -> None:
    """Recompute the stored titles of these stories (all, without ids) from their current members.

    With `centroids` (the clusterer's summed story embeddings), only the members of each story's `focus` largest
    events are read in full (text and embedding), where the title is nearly always found; the others are judged
    by their headline alone. Without, every member is read.
    """
    grouped: dict[str, list[tuple]] = {}
    for r in q.title_rows(conn, None if story_ids is None else sorted(set(story_ids))):
        grouped.setdefault(r[0], []).append(r)
    wanted: list[str] = []
    for sid, rows in grouped.items():
        if centroids is None or sid not in centroids:
            wanted += [r[2] for r in rows]
            continue
        sizes = Counter(r[1] for r in rows)
        first: dict[str, int] = {}
        for k, r in enumerate(rows):
            first.setdefault(r[1], k)
        top = set(sorted(sizes, key=lambda e: (-sizes[e], first[e]))[:focus])
        wanted += [r[2] for r in rows if r[1] in top]
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
