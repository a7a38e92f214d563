"""How an article is scored against a story and an event: every feature, weight and threshold, in one place.

An article is described by three vectors (`storyline.cluster.online.Features`):

- ``lemmas``: TF-IDF over the simplemma lemmas of its title (counted ``title_repeat`` = 2 times) and its first
  ``text_chars`` characters, function words left out, sublinear tf, smoothed idf from the documents seen so
  far (a run first counts all of its new articles), L2-normalised, the ``max_terms`` = 60 heaviest terms
  (``text_chars`` = 6000);
- ``names``: the same over its capitalised tokens that do not start a sentence (``MH17``, ``Kiev``,
  ``Rutte``) and its years (``2019``: one edition of a recurring affair from the next; ``years``); names are
  mostly spelt alike across languages, so they also link Dutch and English. A name that is a known country,
  region or city, or a country's demonym, counts as the place's name in the article's language (``PLACES`` =
  "local": Russian and Russia are ``russia``, Russische and Rusland ``rusland``, Kiev and Kyiv ``kyiv``;
  `features.place_name`). In a headline in Title Case (``TITLE_CASE``, on: "Dunmore Woman Is Sixth to Die in Harbor
  Line Shootings") every word is capitalised, so only the headline's names that the text names too count (Woman,
  Die, Shootings are no names); ``"shared"`` (one name in every language) and ``POSSESSIVES`` (``Trump's`` as ``trump``)
  and ``INITIAL_NAMES`` (a sentence's first word a name when the article capitalises it elsewhere too) were
  measured and left off (docs/stories.md);
- ``embedding``: the USE multilingual v3 embedding of the title + the first ``lead_chars`` = 120 characters
  of the text (512-d, normalised), which puts a Dutch and an English report of one affair close together.

A story (and an event) keeps the sums of its members' vectors; an article's similarity to it on one feature is
the cosine between the article's vector and that sum (centroid cosine).

Story score of article `a` against candidate story `S`::

    a's language among S's:  sim = LEMMA 0.5 * cos_lemma + NAMES 0.3 * cos_names + USE 0.2 * cos_use
    otherwise:               sim = X_NAMES 0.3 * cos_names + X_USE 0.7 * cos_use
    score = sim - TIME 0.06 * ln(1 + gap / TIME_SCALE 30) - edition

``gap``: days between a's date and the nearest end of S's date range (0 inside it; ``UNDATED_GAP`` = 60 when
either is undated). ``edition``: ``YEAR`` = 0.3 when a's title names a year (``2020``) and S's most frequent
title year is not among them (Eurovision 2020 is not Eurovision 2019; the royal wedding of 2018 is not the one
of 2011), else 0. a joins the best story if ``score >= THRESHOLD[lang]`` (nl 0.08, en 0.14, others 0.10;
``CROSS_THRESHOLD`` 0.30 against a story in other languages only); otherwise it opens a new story. An article
whose language is unknown (or not recognised by the lemmatiser of the detected language) is compared as if in
another language. A join across languages also needs content evidence: ``X_SPECIFIC_MIN`` = 1 shared name that
is specific (found in at most ``X_SPECIFIC_SHARE`` = 2 % of the articles seen, or in at most two), the shared
specific names weighing together at least ``X_SPECIFIC_WEIGHT`` = 0.1 in the joiner's unit name vector, or
``cos_use >= X_USE_ALONE`` = 0.5; one shared famous name (Trump), or a name a story mentions once in passing, is
never enough (`Weights.cross_evidence`). ``UNDATED_MARGIN`` (0, off)
would raise the threshold for undated articles beyond the 60-day gap penalty. A story
quiet for long thus needs stronger evidence, growing with the logarithm of the silence (one year: +0.16;
DFN incidents are reported over years, their articles a median 178 days apart).

Principal persons (``PERSONS``, on; `storyline.cluster.persons`): a same-language candidate story of at least
``PERSONS_MIN_SIZE`` = 3 articles is skipped when the article's headline names persons (`features.headline_persons`)
that the story's names never mention and none of the story's principal persons (named in ``PERSONS_SHARE`` = 20 %
of its headlines) is among the headline's names; linking, refinement, the merge pass and the second look skip two
stories that both have principal persons when none of the smaller one's is named in ``PERSONS_FREQUENT`` = 20 % of
the larger one's headlines (two royal weddings at Windsor, months apart).

Name evidence (`storyline.cluster.evidence`): two stories whose mean days (`Cluster.mean_day`) are more than
``APART_DAYS`` = 365 days apart, neither mean day within that of one of the other's events, merge (linking,
refinement, the merge pass, the second look) only when the cosine of their specific names reaches ``APART_COSINE`` =
0.1; a same-language candidate whose lemma and name cosines
are both under ``HEADLINE_FLOOR`` = 0.1 is skipped when the headline names what another story is about (a name among
the heaviest of another story's reports, `Postings`) and none of the headline's names is among the story's names.

Join rule (``join``): ``"threshold"`` decides as above. ``"learned"`` (`storyline.cluster.join`) ranks the
candidates the same way (and applies the same cross-language content evidence), then lets a logistic regression over
pair features of the best candidate, shipped as JSON and trained on the DFN development half, decide whether the
article joins it or opens a new story. Linking and refinement use the formulas below under both rules.

Linking: after each placement, a story of at most ``LINK_MAX_SIZE`` = 3 articles is merged into the best other
story whose score against the story's own centroid (same formula, time gap between the two date ranges, no
edition term) reaches ``LINK_THRESHOLD`` = 0.5.

Refinement (`StoryClusterer.refine`, run by `assign` after every batch of up to 500 articles): every story the
batch opened or grew that holds at most ``REFINE_MAX_SIZE`` = 20 articles (10 before session 16) is linked the same way, with the
threshold of its main language plus ``REFINE_MARGIN`` = 0.12 (nl 0.20, en 0.26), smallest stories first; two
stories that share no language merge only at ``CROSS_THRESHOLD`` and with the same content evidence. With
the batch's document frequencies known and its stories grown, early reports that opened stories of their own find
the story they belong to; candidates come from the same index, so the cost stays per story touched.

Story merges (`storyline.cluster.merge`, on with ``merge`` = true, the default, run by `refine` after the small
stories are linked): every story the
batch touched, of any size, is compared centroid against centroid with its candidate stories and merged with the
best one when their main languages agree, their lemma and name centroids both have a cosine of at least
``MERGE_MIN_LEMMA`` = ``MERGE_MIN_NAMES`` = 0.15, their main title years do not conflict, and the same-language
score (time penalty over the gap between the two date ranges) reaches ``MERGE_THRESHOLD`` = 0.1; when both hold
more than ``MERGE_MAX_SIZE`` = 3 articles, their mean embeddings also need a cosine of at least ``MERGE_BIG_USE`` =
0.8, or their lemma and name centroids both one of at least ``MERGE_BIG_WORDS`` = 0.3 (the same words and names under
headlines that read differently: health-ministry update pages and news reports of one pandemic). Stories with different main languages merge only on the cross-language rule (``MERGE_CROSS``: mean embeddings
at least ``MERGE_X_USE`` = 0.75, names at least ``MERGE_X_NAMES`` = 0.15, the cross-language score at least
``CROSS_THRESHOLD`` and the content evidence both ways; when both are big, mean embeddings of at least
``MERGE_X_BIG_USE`` = 0.75 rather than ``MERGE_BIG_USE``: the multilingual encoder puts two reports of one affair
in two languages less close than in one), a story it made by a merge is not merged again in the same
pass (``MERGE_ONCE``), and stories whose date ranges are more than ``MERGE_MAX_GAP`` = 365 days apart are never
merged by it (chains across years made a catch-all story of US campaigns 2015-2020).

Second look (`StoryClusterer._adopt`, after the merge pass): each story the batch touched looks among its candidates
for stories of at most ``ADOPT_MAX_SIZE`` = 3 articles that the batch did not touch; one that scores its language's
threshold + ``ADOPT_MARGIN`` = 0.12 against it is linked as refinement links (its own best story).

Lemmas: a Dutch or German compound lemma also counts its two parts (``COMPOUNDS``, `features.compound_parts`:
`vliegtuigcrash` adds `vliegtuig` and `crashen`); ``ACCENTS`` = false would fold accents (measured, no gain).

Candidates: the ``candidates`` = 20 stories with the nearest mean embedding among those active within
``active_days`` = 3650 days (undated articles: all stories), plus up to ``posting_candidates`` = 10 more that
share the article's heaviest names or lemmas (an inverted index of the most recent stories per term, ranked by
the weight of the shared terms).

Memory: a story keeps at most 2 × ``story_terms`` = 1000 terms per sum (pruned to the heaviest 500), an event
2 × ``event_terms`` = 200; a story that leaves the active window is cut to its ``retired_terms`` = 24 heaviest
terms (its events to 6) and leaves the inverted index. A story with no new article for ``retire_after_days`` = 90
days of stream time (None: never) moves its sums, centroid and events out of memory to the store and comes back,
exactly as it was, when a candidate search hits it (`storyline.cluster.retire`): no score or decision changes.
Inside a story still in memory, an event whose latest article is dated more than ``retire_events_after_days`` = 30
days before the stream clock (None: never; undated events stay) moves to the store the same way; it is read back
only to be scored (an undated article, or a late one within ``event_window`` of its dates) or joined.
Every ``forget_after_docs`` = 20,000 articles (None: never), the terms found in at most ``forget_max_df`` = 3
articles and in none of the last ``forget_after_docs`` leave the document frequencies and the inverted index
(`storyline.cluster.features.DocumentFrequencies`): seen again, such a term counts as new. A clusterer that retires
stories also moves the other terms seen in none of the last ``forget_after_docs`` articles to the store, with their
count and their list in the inverted index, and reads them back exactly when they are seen or probed again
(`storyline.cluster.retire.TermRetirement`): no score or decision changes.

Event score within the chosen story, against its events active within ``EVENT_WINDOW`` = 4 days::

    event_score = EVENT_LEMMA 0.6 * cos_lemma + EVENT_NAMES 0.2 * cos_names + EVENT_USE 0.2 * cos_use

joining the best event if ``event_score >= EVENT_THRESHOLD`` = 0.35, else opening a new event.

Articles the store flags as ``boilerplate`` (and any text under ``short_text`` characters, 0 = off) are
described by their title only. A near-duplicate copy (``copy_of``) joins its original's event directly when the two
headlines share at least ``COPY_HEADLINE`` = half of their words (`features.same_headline`) or both texts hold at least
``COPY_REPORT_CHARS`` = 1000 characters; otherwise it is placed like any article (two short pages whose text is one
video player's are not one report).

Measured and left off (tuning on the DFN dev split showed no gain): ``use_floor`` (cosine level of unrelated
texts mapped to 0), ``half_life`` (decaying old members of a story's centroid), ``name_pairs`` (adjacent names
as one more term), ``short_text`` = 400, ``link_years`` (the edition term in linking: it lowers every set), comparing an article
with a story's last 10 events as well as with its centroid (no gain, twice the cost).

Tuned on the development half of the DFN data only:
``storyline evaluate clusters --gold ../shared/data/dfn/articles.jsonl --ids ../shared/data/dfn/dev_ids.txt``.
The event level has no gold in DFN; its weights are set by hand (checked on the bundled sample).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from ..config import Bounds, check_options


def _thresholds() -> dict[str, float]:
    return {"nl": 0.08, "en": 0.14}


@dataclass(slots=True)
class Weights:
    """Every weight and threshold of story detection (see the module docstring for the formulas)."""

    lemma: float = 0.5
    names: float = 0.3
    use: float = 0.2
    use_floor: float = 0.0
    x_names: float = 0.3
    x_use: float = 0.7
    time: float = 0.06
    time_scale: float = 30.0
    undated_gap: float = 60.0
    threshold: dict[str, float] = field(default_factory=_thresholds)
    default_threshold: float = 0.1
    cross_threshold: float = 0.3
    x_specific_share: float = 0.02
    x_specific_min: int = 1
    x_use_alone: float = 0.5
    x_specific_weight: float = 0.1
    undated_margin: float = 0.0
    half_life: float | None = None
    link_threshold: float = 0.5
    link_max_size: int = 3
    year: float = 0.3
    year_mode: str = "top"
    link_years: bool = False
    refine_margin: float = 0.12
    refine_max_size: int = 20  # (10 before session 16)
    adopt_max_size: int = 3  # after a batch, stories this small near a touched story get a second look (0: off)
    adopt_margin: float = 0.12  # ... and join at their language's threshold + this (as refine_margin)
    merge: bool = True  # the story-story merge pass (storyline.cluster.merge)
    merge_threshold: float = 0.1
    merge_min_lemma: float = 0.15
    merge_min_names: float = 0.15
    merge_years: bool = True
    merge_max_size: int = 3  # beyond this size on both sides (0: no limit) a merge needs merge_big_use
    merge_big_use: float = 0.8
    merge_big_words: float = 0.3  # ... or lemma and name cosines both at least this (0: off; the same words, other headlines)
    merge_max_gap: float = 365.0  # days between the two date ranges beyond which the pass never merges (0: off)
    merge_once: bool = True  # a story the pass made by a merge is not merged again in the same pass
    merge_cross: bool = True  # the pass also merges stories of different main languages (merge.cross_merge_score)
    merge_x_use: float = 0.75  # ... whose mean embeddings have at least this cosine
    merge_x_names: float = 0.15  # ... and whose name centroids at least this one
    merge_x_big_use: float = 0.75  # ... and, when both hold more than merge_max_size, this one (merge_big_use across languages)
    merge_x_names_strong: float = 0.35  # ... or, sharing a language, name centroids this alike (and lemmas merge_min_lemma; 0: off)
    persons: bool = True  # principal persons: an article or story about other persons does not join (storyline.cluster.persons)
    persons_share: float = 0.2  # a story's principal persons and names: named in the headlines of at least this share of it
    persons_frequent: float = 0.2  # ... a story-story merge needs the smaller one's among the persons of this share of the larger (0.1 before session 16)
    persons_min_size: int = 3  # an article is held to a story's principal persons from this size on
    names_apart: bool = True  # linking, refinement, the merge pass and the second look keep apart two stories about other principal names (storyline.cluster.persons)
    apart_days: float = 365.0  # two stories this far apart in time (mean days, events) need shared specific names (0: off; storyline.cluster.evidence)
    apart_cosine: float = 0.1  # ... their specific names' cosine at least this
    headline_floor: float = 0.1  # under this lemma and name cosine, a headline naming what another story is about, and the story lacks, does not join (0: off)
    copy_headline: float = 0.5  # a near-duplicate joins its original's event only when their headlines share this share of words (0: always)
    copy_report_chars: int = 1000  # ... or when both texts are at least this long (a report under a new headline)
    event_lemma: float = 0.6
    event_use: float = 0.2
    event_names: float = 0.2
    event_threshold: float = 0.35
    event_window: float = 4.0
    title_repeat: int = 2
    name_pairs: bool = False
    accents: bool = True  # False: accents dropped from lemmas and names (Oekraïne = Oekraine)
    compounds: bool = True  # Dutch and German compound lemmas also counted by their parts
    possessives: bool = False  # words lose a possessive ending ("Trump's" is "trump", features.tokens)
    initial_names: bool = False  # a sentence's capitalised first word is a name when the article capitalises it inside a sentence too
    places: str = "local"  # place names and demonyms as the place's name in the article's language ("shared": one name in every language; "off"; features.place_name)
    years: bool = True
    title_case: bool = True  # names of a Title Case headline only when the text names them too (on since session 16)
    short_text: int = 0
    max_terms: int = 60
    story_terms: int = 500
    event_terms: int = 100
    retired_terms: int = 24
    text_chars: int = 6000
    lead_chars: int = 120
    candidates: int = 20
    posting_candidates: int = 10
    query_terms: int = 6  # an article's heaviest names and lemmas each looked up in the inverted index of stories
    postings_per_term: int = 12  # stories remembered per term in that index (the most recent ones)
    active_days: float = 3650.0
    join: str = "threshold"  # the join decision: "threshold" (this module) or "learned" (storyline.cluster.join)
    join_model: str | None = None  # the learned rule's JSON model file (required with join = "learned"; storyline ships none)
    retire_after_days: float | None = 90.0
    retire_events_after_days: float | None = 30.0
    forget_after_docs: int | None = 20_000
    forget_max_df: int = 3

    # Checked on creation by storyline.config.check_options: numbers at least 0 unless bounded here.
    SECTION: ClassVar[str] = "cluster"
    BOUNDS: ClassVar[dict[str, Bounds]] = {"x_specific_share": (0.0, 1.0), "x_specific_weight": (0.0, 1.0), "use_floor": (0.0, 0.99),
                                           "refine_margin": (None, None), "adopt_margin": (None, None), "undated_margin": (None, None),
                                           "merge_threshold": (None, None),
                                           "merge_min_lemma": (0.0, 1.0),
                                           "merge_min_names": (0.0, 1.0), "merge_big_use": (-1.0, 1.0), "merge_big_words": (0.0, 1.0), "merge_x_big_use": (-1.0, 1.0),
                                           "merge_x_use": (-1.0, 1.0), "merge_x_names": (0.0, 1.0), "merge_x_names_strong": (0.0, 1.0),
                                           "persons_share": (0.0, 1.0), "persons_frequent": (0.0, 1.0),
                                           "apart_cosine": (0.0, 1.0), "copy_headline": (0.0, 1.0), "headline_floor": (0.0, 1.0),
                                           "query_terms": (1, None), "postings_per_term": (1, None)}
    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {"year_mode": ("top", "any"), "places": ("off", "local", "shared")}

    def __post_init__(self) -> None:
        check_options(self)

    def threshold_for(self, lang: str | None) -> float:
        """The story threshold for articles in `lang`."""
        return self.threshold.get(lang or "", self.default_threshold)

    def cross_evidence(self, names: Mapping[str, float], story_names: Mapping[str, float], cos_use: float,
                       specific: Callable[[str], bool]) -> bool:
        """Whether an article or a story (`names`, its unit name vector) may join a story in other languages
        (`story_names`, its name sums) on content, besides the score.

        It needs an embedding cosine of at least ``x_use_alone`` (title and lead say the same thing), or at least
        ``x_specific_min`` shared `specific` names (Panmunjeom, not Trump) that together weigh at least
        ``x_specific_weight`` in `names`: a name that a story of five articles mentions once in passing (a White
        House spokeswoman named Sanders) says nothing about what the story is about.

        >>> w = Weights()
        >>> rare = lambda t: t != "trump"
        >>> w.cross_evidence({"trump": 0.9, "panmunjeom": 0.4}, {"trump": 5.0, "panmunjeom": 1.0}, 0.3, rare)
        True
        >>> w.cross_evidence({"trump": 0.9, "panmunjeom": 0.4}, {"trump": 5.0}, 0.3, rare)  # only a famous name
        False
        >>> w.cross_evidence({"kim": 0.99, "sanders": 0.02}, {"sanders": 3.0}, 0.3, rare)  # a passing mention
        False
        >>> w.cross_evidence({"kim": 0.99, "sanders": 0.02}, {"sanders": 3.0}, 0.6, rare)  # the leads agree
        True
        """
        if cos_use >= self.x_use_alone:
            return True
        shared = [t for t in names if t in story_names and specific(t)]
        return len(shared) >= self.x_specific_min and sum(names[t] for t in shared) >= self.x_specific_weight

    def time_penalty(self, gap_days: float | None) -> float:
        """How much a gap of `gap_days` (None: undated) lowers the score.

        >>> w = Weights()
        >>> w.time_penalty(0.0), w.time_penalty(365) > w.time_penalty(30) > 0
        (0.0, True)
        """
        gap = self.undated_gap if gap_days is None else max(0.0, gap_days)
        return self.time * math.log1p(gap / self.time_scale)

    def rescale_use(self, cos_use: float) -> float:
        """Sentence-embedding cosine with the level of unrelated texts (``use_floor``) mapped to 0.

        >>> Weights(use_floor=0.3).rescale_use(0.3), Weights(use_floor=0.3).rescale_use(1.0)
        (0.0, 1.0)
        """
        return max(0.0, cos_use - self.use_floor) / (1.0 - self.use_floor)

    def story_similarity(self, cos_lemma: float, cos_names: float, cos_use: float, same_lang: bool) -> float:
        """The content part of the story score."""
        cos_use = self.rescale_use(cos_use)
        if same_lang:
            return self.lemma * cos_lemma + self.names * cos_names + self.use * cos_use
        return self.x_names * cos_names + self.x_use * cos_use

    def edition_penalty(self, years: frozenset[str] | set[str], story_years: Counter) -> float:
        """How much a title year unlike the story's lowers the score (Eurovision 2020 is not Eurovision 2019).

        >>> from collections import Counter
        >>> w = Weights(year=0.1)
        >>> w.edition_penalty(frozenset({"2020"}), Counter({"2019": 3})), w.edition_penalty(frozenset({"2019"}), Counter({"2019": 3, "2020": 1}))
        (0.1, 0.0)
        >>> w.edition_penalty(frozenset(), Counter({"2019": 3})), w.edition_penalty(frozenset({"2020"}), Counter())
        (0.0, 0.0)
        """
        if not self.year or not years or not story_years:
            return 0.0
        if self.year_mode == "any":
            return 0.0 if years & story_years.keys() else self.year
        top = story_years.most_common(1)[0][0]
        return 0.0 if top in years else self.year

    def event_similarity(self, cos_lemma: float, cos_names: float, cos_use: float) -> float:
        """The event score."""
        cos_use = self.rescale_use(cos_use)
        return self.event_lemma * cos_lemma + self.event_names * cos_names + self.event_use * cos_use


def year_gap(years: frozenset[str] | set[str], first: float | None, last: float | None) -> float | None:
    """Days between the nearest of the headline `years` (each the whole year) and a story's range [first, last]; None
    without a year or a dated story. An undated page titled "Grand Final of Tel Aviv 2019" is that far from a story of
    January 2016 (days since 1970-01-01, as `day_number` counts them).

    >>> round(year_gap(frozenset({"2019"}), 16801.0, 16808.0)), year_gap(frozenset({"2016"}), 16801.0, 16808.0)
    (1089, 0.0)
    >>> year_gap(frozenset(), 16801.0, 16808.0) is None, year_gap(frozenset({"2019"}), None, None) is None
    (True, True)
    """
    if not years or first is None or last is None:
        return None
    gaps = []
    for y in years:
        start = (date(int(y), 1, 1) - _DAY_ZERO).days
        end = (date(int(y), 12, 31) - _DAY_ZERO).days + 1.0
        gaps.append(max(0.0, max(first, float(start)) - min(last, end)))
    return min(gaps)


_DAY_ZERO = date(1970, 1, 1)
_MONTHS = {name: i for i, names in enumerate(
    (("january", "januari"), ("february", "februari"), ("march", "maart"), ("april",), ("may", "mei"),
     ("june", "juni"), ("july", "juli"), ("august", "augustus"), ("september",), ("october", "oktober"),
     ("november",), ("december",)), start=1) for name in names}
_MONTH_YEAR_RE = re.compile(rf"\b({'|'.join(_MONTHS)})\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def month_gap(heading: str, first: float | None, last: float | None) -> float | None:
    """Days between the month a headline names with its year ("June 2016 Tel Aviv shooting") and a story's range
    [first, last]; None without such a month or a dated story.

    >>> month_gap("June 2016 Tel Aviv shooting", 16801.0, 16808.0) > 120, month_gap("January 2016 shooting", 16801.0, 16808.0)
    (True, 0.0)
    """
    m = _MONTH_YEAR_RE.search(heading)
    if m is None or first is None or last is None:
        return None
    month, year = _MONTHS[m[1].lower()], int(m[2])
    start = (date(year, month, 1) - _DAY_ZERO).days
    end = (date(year + month // 12, month % 12 + 1, 1) - _DAY_ZERO).days
    return max(0.0, max(first, float(start)) - min(last, float(end)))


def gap_days(day: float | None, first: float | None, last: float | None) -> float | None:
    """Days between `day` and the range [first, last] (0 inside; None when either side is undated).

    >>> gap_days(10.0, 2.0, 5.0), gap_days(3.0, 2.0, 5.0), gap_days(None, 2.0, 5.0)
    (5.0, 0.0, None)
    """
    if day is None or first is None or last is None:
        return None
    if day < first:
        return first - day
    return max(0.0, day - last)
