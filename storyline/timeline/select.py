"""Per date, the sentences that best say what happened then: a TF-IDF centroid summary (pure).

The candidates of a date are the sentences that mention it and the first sentences of the
articles published on it (or, for a day, the day after) that mention no other date; their
centroid, with both groups weighted equally, stands for "what the collection says about that day".
Sentences are picked greedily so that the picked set stays close to that centroid (news-tls's
CentroidOpt), skipping sentences that repeat one already in the timeline; a later pick much further
from the centroid than the first is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from scipy import sparse

from ..config import Bounds, check_options
from ..text.guard import Guard, pieces
from .rank import DateStats
from .vectors import dense_row, dense_rows, row_dots, row_mean

if TYPE_CHECKING:  # types only: prepare imports the event-date rules, which need not load here
    from .prepare import Sent, TimelineDoc


@dataclass(slots=True, frozen=True)
class SelectOptions:
    """Knobs of the sentence selection; tuned on the Timeline17 development topics."""

    max_pool: int = 300  # candidates kept (best first by closeness to the centroid) before the greedy search
    lead: int = 2  # first sentences of an article that count as reporting on its publication date
    fallback_lead: int = 5  # ... when none of the first `lead` may be shown (e.g. no keyphrase in them)
    mention_weight: float = 1.0  # weight of the mentioning sentences in a date's centroid (the lead ones weigh 1)
    intersect: bool = False  # keep only the words that both the mentioning and the lead sentences use
    mention_boost: float = 0.0  # extra score for a sentence that names the date itself
    redundancy: float = 0.6  # cosine above which a sentence repeats one already picked
    merge: float = 0.7  # cosine above which two sentences say the same thing (sources are merged)
    long: int = 30  # words beyond which a sentence loses score
    length_penalty: float = 0.0  # score lost per `long` words too many
    specific: float = 0.0  # share of the collection's centroid taken off a date's centroid (what is new that day)
    far_penalty: float = 0.0  # score lost by a mention written more than `far_days` from the date it names
    far_days: int = 3
    style_penalty: float = 0.0  # score lost by questions, first-person remarks and sentences opening with a quote
    junk_penalty: float = 1.0  # score lost by page furniture (comment headers, "last updated" stamps): ~never shown
    min_ratio: float = 0.5  # later picks whose centroid score is below this share of the first pick's are dropped
    fragment_penalty: float = 0.2  # score lost by a body line that does not end like a sentence (a caption, a subtitle)
    month_far_penalty: float = 0.2  # least score lost under a month by a mention written in another month (build.py)
    translation_candidates: int = 24  # other-language sentences of a date compared with a shown one (build.py)
    translation_similarity: float = 0.8  # embedding cosine at which such a sentence is the same one translated
    # the same event told in two languages under two entries ("Apr 2023" and "5 Apr 2023", build.py): the embedding
    # cosine above which the coarser sentence joins the finer one, when it names a weekday the day is, and when not
    same_event_weekday_similarity: float = 0.4
    same_event_similarity: float = 0.6
    own_date: bool = False  # True: a shown sentence leaves out the expressions naming its entry's date (`style.py`)
    event_dates: bool = True  # a sentence is shown only under the date of the event it reports (`event_dates.py`)
    event_pool: bool = True  # own events not named by a date join its mentions; dated leads reporting on it join its leads

    SECTION: ClassVar[str] = "timeline.select"
    BOUNDS: ClassVar[dict[str, Bounds]] = {"redundancy": (0.0, 1.0), "merge": (0.0, 1.0), "min_ratio": (0.0, 1.0),
                                           "translation_similarity": (-1.0, 1.0),
                                           "same_event_weekday_similarity": (-1.0, 1.0),
                                           "same_event_similarity": (-1.0, 1.0)}

    def __post_init__(self) -> None:
        check_options(self)


_JUNK = re.compile(  # page furniture: comment headers, update stamps, media-player and sharing lines
    r"\b(?:wrote|posted|updated|added|schreef|bijgewerkt):|\b(?:page )?last updated\b|\blaatst bijgewerkt\b"
    r"|\bcan ?not play media\b|\b\d{1,2}:\d{2}\s*(?:GMT|BST|UK|CET|CEST)\b|\b(?:click here|e-?mail this|share this)\b",
    re.IGNORECASE)
# every match holds one of these (case-insensitively); most sentences hold none and are never searched with `_JUNK`
_JUNK_GUARD = Guard(_JUNK, pieces("wrote:", "posted:", "updated:", "added:", "schreef:", "bijgewerkt:", "last updated",
                                  "laatst bijgewerkt", "not play media", "gmt", "bst", "uk", "cet", "cest", "click here",
                                  "mail this", "share this"))
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
_FIRST_PERSON = re.compile(r"\b(?:I|my|me|we|our|us|ik|mijn|wij|we|ons|onze)\b")
# A sentence that opens with a word pointing back at the sentence before ("Dat hebben Moon en Kim beslist …",
# "He was released on 1 March …"): alone it does not say who or what. Per language: the words, and the time words
# after which "this/dit" points at the present instead ("Dit jaar", "This week").
_LEANS = {
    "nl": (frozenset("dat dit deze die daarmee daardoor hierdoor hiermee daarom daarop hierop daarbij hierbij hij zij "
                     "ze daar daarna daarvoor daarover daartegen daaraan daarin daarvan hiervoor hierover hiervan "
                     "hierna".split()),
           frozenset({"dit", "deze"}),
           frozenset("jaar week maand weekend ochtend middag avond nacht zomer winter lente herfst voorjaar najaar "
                     "eeuw seizoen decennium".split())),
    "en": (frozenset("that this these those it he she they such thereby".split()),
           frozenset({"this", "these"}),
           frozenset("year week month weekend morning afternoon evening summer winter spring autumn fall season "
                     "century decade past coming".split())),
}
_OPENING = re.compile(r"^[\s,„“\"'‘«(]*([A-Za-zÀ-ÿ]+)\W+([A-Za-zÀ-ÿ]*)")


def leans_back(text: str, lang: str | None) -> bool:
    """Whether `text` opens by pointing back at the sentence before it (Dutch and English), so that shown alone it
    does not say who or what it is about.

    >>> leans_back("Dat hebben Moon en Kim beslist tijdens hun ontmoeting.", "nl")
    True
    >>> leans_back("Dit jaar gaat de top door.", "nl"), leans_back("He was released on 1 March.", "en")
    (False, True)
    >>> leans_back("Datum en plaats liggen vast.", "nl"), leans_back("This week the talks resume.", "en")
    (False, False)
    >>> leans_back("Those who stayed behind lost everything.", "en")
    False
    >>> leans_back("Daar heeft de Tweede Kamer vandaag mee ingestemd.", "nl")
    True
    """
    words = _LEANS.get(lang or "")
    m = _OPENING.match(text)
    if words is None or m is None or not m.group(1)[:1].isupper():
        return False
    first, second = m.group(1).lower(), m.group(2).lower()
    leaning, deictic, times = words
    if first in ("those", "die") and second in ("who", "that", "die", "dat"):
        return False  # "Those who stayed …", "Die die bleven …": a relative clause says who
    return first in leaning and not (first in deictic and second in times)


def prior(s: Sent, opts: SelectOptions) -> float:
    """A sentence's score before content: long sentences, questions and personal remarks lose a little.

    >>> from storyline.timeline.prepare import Sent
    >>> prior(Sent(0, 0, "Did I say that?", [], 4), SelectOptions(style_penalty=0.1))
    -0.2
    """
    value = -opts.length_penalty * max(0, s.words - opts.long) / opts.long
    if "?" in s.text:
        value -= opts.style_penalty
    if _FIRST_PERSON.search(s.text):
        value -= opts.style_penalty
    if s.text[:1] in "\"'“‘„«":
        value -= opts.style_penalty
    if opts.junk_penalty and _JUNK_GUARD.search(s.text):
        value -= opts.junk_penalty
    if opts.fragment_penalty and (s.pos >= 0 or s.headline) and not SENTENCE_END.search(s.text):
        value -= opts.fragment_penalty  # issue 16: "… opstelling Noord-Korea" is a subtitle, not what happened
    return value


def candidates(st: DateStats, docs: list[TimelineDoc], sents: list[Sent], opts: SelectOptions) -> tuple[list[int], list[int]]:
    """Indices of the sentences that mention the date, and of the lead sentences published on it."""
    ev = opts.event_pool
    ment = [i for d in sorted(st.ment_docs) for i in docs[d].sents
            if any(k == st.key for k, _ in sents[i].dates) or ev and sents[i].event_key == st.key and _own(sents[i])]
    pub: list[int] = []
    for d in sorted(st.pub_docs | st.next_docs):
        for i in docs[d].sents:
            s = sents[i]
            if s.pos < opts.lead and (not s.dates or ev and s.event_key == st.key and not _own(s)
                                      or st.precision == "month" and all(k[:len(st.key)] == st.key for k, _ in s.dates)):
                pub.append(i)
    return ment, pub


def _own(s: Sent) -> bool:
    return s.event is not None and s.event.kind == "own"


def summarize(ment: list[int], pub: list[int], X: sparse.csr_matrix, k: int, taken: list[int] | None,
              allowed: Callable[[int], bool], opts: SelectOptions,
              priors: np.ndarray | None = None, extra: dict[int, float] | None = None,
              background: np.ndarray | None = None) -> list[tuple[int, float]]:
    """Up to k (sentence, score) picks for one date, best first; `taken`: the rows of X picked for other dates."""
    pool = list(dict.fromkeys(ment + pub))
    if not pool or k <= 0:
        return []
    cent = np.zeros(X.shape[1], dtype=np.float64)
    parts = [weight * row_mean(X, group) for group, weight in ((ment, opts.mention_weight), (pub, 1.0)) if group]
    for part in parts:
        cent += part
    if opts.intersect and len(parts) == 2 and np.any((parts[0] > 0) & (parts[1] > 0)):
        cent[(parts[0] == 0) | (parts[1] == 0)] = 0.0  # the words both groups use
    if background is not None and opts.specific:
        cent = np.maximum(cent / max(np.linalg.norm(cent), 1e-12) - opts.specific * background, 0.0)
    ok = [i for i in pool if allowed(i)]
    if not ok or not cent.any():
        return []
    if len(ok) > opts.max_pool:
        in_ment = set(ment)
        first = row_dots(X, ok, cent) + np.array([opts.mention_boost if i in in_ment else 0.0 for i in ok])
        if priors is not None:
            first = first + priors[ok]
        ok = [ok[j] for j in np.argsort(-first, kind="stable")[:opts.max_pool]]
    cols, D = dense_rows(X, ok)  # pool x words of the pool: small and dense
    if not cols.size:
        return []
    c = cent[cols] / np.linalg.norm(cent)
    base = D @ c
    ment_set = set(ment)
    boost = np.array([opts.mention_boost if i in ment_set else 0.0 for i in ok])
    if priors is not None:
        boost = boost + priors[ok]
    if extra:
        boost = boost + np.array([extra.get(i, 0.0) for i in ok])
    value = base + boost
    blocked = np.zeros(len(ok), dtype=bool)
    if taken:
        blocked |= (D @ dense_rows(X, taken, cols)[1].T).max(axis=1) > opts.redundancy
    picked: list[int] = []
    summary = np.zeros(len(cols))
    while len(picked) < k:
        scores = np.where(blocked, -np.inf, value)
        best = int(np.argmax(scores))
        if not np.isfinite(scores[best]):
            break
        picked.append(best)
        summary += D[best]
        blocked[best] = True
        blocked |= D @ D[best] > opts.redundancy
        new = summary[None, :] + D
        value = (new @ c) / np.maximum(np.linalg.norm(new, axis=1), 1e-12) + boost
    if opts.min_ratio and picked:  # a weak second sentence costs more precision than it adds recall
        picked = picked[:1] + [j for j in picked[1:] if base[j] >= opts.min_ratio * base[picked[0]]]
    return [(ok[j], float(base[j])) for j in picked]


def duplicates(chosen: int, pool: list[int], X: sparse.csr_matrix, sents: list[Sent], threshold: float) -> list[int]:
    """Sentences of other articles in the pool that say the same as `chosen` (TF-IDF cosine >= threshold)."""
    if not pool:
        return []
    sims = row_dots(X, pool, dense_row(X, chosen))
    doc = sents[chosen].doc
    return [i for i, s in zip(pool, sims, strict=True) if s >= threshold and sents[i].doc != doc]
