"""Incremental two-level clustering: articles into events, events into stories (river-style `learn_one`)."""

from __future__ import annotations

import heapq
import math
import re
import sys
from collections.abc import Callable

import numpy as np

from .doc import Doc, Placement, day_number, lead_text
from .embed import embed
from .evidence import headline_elsewhere, stories_apart
from .features import DocumentFrequencies, positions, tfidf, title_case, tokens
from .index import CentroidIndex
from .join import RULES, load, pair_features
from .merge import compare, cross_merge_score, merge_score, strong_names
from .persons import headline, names_apart, other_persons, persons_apart
from .postings import Postings, heavy_terms
from .retire import Retirement, TermRetirement, Vault
from .scoring import Weights, gap_days, month_gap, year_gap
from .spans import EventSpans
from .state import Cluster, Features, range_gap

__all__ = ["Doc", "Placement", "StoryClusterer", "day_number", "lead_text"]  # Doc and the rest re-exported

_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")  # years in a title
_SPANS_FROM = 32  # a story with this many events finds those near a dated article by its `EventSpans`


def _interned(terms: tuple[list[str], list[str]]) -> tuple[list[str], list[str]]:
    """An article's lemma and name terms as the one string object of each term (`sys.intern`): the terms a worker
    sends back arrive as new strings, and every table that keeps a term (document frequencies, the sums of stories
    and events) would keep its own copy (issue 18, flat memory)."""
    return list(map(sys.intern, terms[0])), list(map(sys.intern, terms[1]))


class StoryClusterer(Retirement, TermRetirement):
    """Assigns articles one at a time, in publication order, to events and stories.

    >>> c = StoryClusterer()
    >>> a = c.learn_one(Doc("a1", "MH17 neergeschoten boven Oekraïne", "Vlucht MH17 van Malaysia Airlines is neergestort in Oost-Oekraïne.", "nl", 16270.0))
    >>> b = c.learn_one(Doc("a2", "Onderzoek naar MH17 begint", "De onderzoekers van MH17 van Malaysia Airlines reizen naar Oost-Oekraïne.", "nl", 16272.0))
    >>> d = c.learn_one(Doc("a3", "Ajax wint van PSV", "Ajax heeft zondag in Eindhoven met 0-2 van PSV gewonnen.", "nl", 16272.5))
    >>> a.story_id == b.story_id != d.story_id, len(c.stories)
    (True, 2)
    """

    def __init__(self, weights: Weights | None = None, vault: Vault | None = None) -> None:
        self.weights = weights
        self._w = weights or Weights()
        if self._w.join not in RULES:
            raise ValueError(f"unknown join rule {self._w.join!r} (one of {', '.join(RULES)})")
        self._model = load(self._w.join_model) if self._w.join == "learned" else None
        w = self._w
        self.lemma_df = DocumentFrequencies(forget_after=w.forget_after_docs, forget_max_df=w.forget_max_df)
        self.name_df = DocumentFrequencies(forget_after=w.forget_after_docs, forget_max_df=w.forget_max_df)
        self.stories: dict[str, Cluster] = {}
        self.events: dict[str, Cluster] = {}
        self.article_event: dict[str, str] = {}
        self._by_key: dict[int, Cluster] = {}
        self._active = CentroidIndex()
        self._all = CentroidIndex()
        self._postings: Postings[str] = Postings(w.query_terms, w.postings_per_term)
        self._clock: float | None = None
        self._next_key = 0
        self._expiry: list[tuple[float, str]] = []
        self._forbidden: set[frozenset[str]] = set()
        self.merged: dict[str, str] = {}
        self._touched: set[str] = set()
        self._counted: dict[str, tuple[list[str], list[str]]] = {}
        self._headlines: dict[str, tuple[list[str], list[str]]] = {}  # `headline` of docs counted, not yet placed
        self._spans: dict[str, EventSpans] = {}  # events' date ranges of the long stories in memory
        self._init_retirement(vault)  # stories quiet for `retire_after_days` leave memory (storyline.cluster.retire)
        self.lemma_df.evict = self.name_df.evict = self._terms_retiring()  # so do idle terms

    # -- features ---------------------------------------------------------------------------------

    def terms(self, doc: Doc) -> tuple[list[str], list[str]]:
        """The article's lemma and name tokens (the title counted `title_repeat` times; boilerplate: title only)."""
        w = self._w
        if doc.nameless:
            return [], []
        short = doc.boilerplate or len(doc.text) < w.short_text
        body = "" if short else doc.text[:w.text_chars]
        t_first: list[str] | None = [] if w.initial_names else None
        b_first: list[str] | None = [] if w.initial_names else None
        t_lemmas, t_names = tokens(doc.heading, doc.lang, pairs=w.name_pairs, years=w.years, accents=w.accents,
                                   compounds=w.compounds, possessives=w.possessives, places=w.places, initials=t_first)
        b_lemmas, b_names = tokens(body, doc.lang, pairs=w.name_pairs, years=w.years, accents=w.accents,
                                   compounds=w.compounds, possessives=w.possessives, places=w.places, initials=b_first)
        if t_first or b_first:  # a sentence's first word is a name when the article capitalises it elsewhere too
            known = set(t_names) | set(b_names)
            t_names += [n for n in t_first or () if n in known]
            b_names += [n for n in b_first or () if n in known]
        if w.title_case and b_names and title_case(doc.title):
            # In a Title Case headline every word is capitalised: keep the names the text confirms.
            known = set(b_names)
            t_names = [n for n in t_names if n in known]
        return _interned((t_lemmas * w.title_repeat + b_lemmas, t_names * w.title_repeat + b_names))

    def headline(self, doc: Doc) -> tuple[list[str], list[str]]:
        """`persons.headline` of the article (nothing for a nameless page): pure, so workers compute it."""
        return ([], []) if doc.nameless else headline(self._w, doc.title, doc.lang)

    def learn_terms(self, docs: list[Doc], terms: list[tuple[list[str], list[str]]] | None = None,
                    headlines: list[tuple[list[str], list[str]]] | None = None) -> None:
        """Count a batch's terms in the document frequencies before its articles are assigned.

        Assigning a batch (an ingest run) after learning all of its terms gives every article of it the same,
        better informed idf; `learn_one` then does not count the terms again. `terms`: each doc's `terms`,
        `headlines` each doc's `headline`, when already computed (by worker processes).
        """
        for i, doc in enumerate(docs):
            lemmas, names = self.terms(doc) if terms is None else _interned(terms[i])
            self._learn(lemmas, names)
            self._counted[doc.id] = (lemmas, names)
            if headlines is not None:
                self._headlines[doc.id] = headlines[i]

    def features(self, doc: Doc, *, learn: bool = True) -> Features:
        """The article's vectors; with `learn`, its terms update the document frequencies first."""
        w = self._w
        counted = self._counted.pop(doc.id, None) if learn else self._counted.get(doc.id)
        lemmas, names = counted if counted is not None else self.terms(doc)
        if learn and counted is None:
            self._learn(lemmas, names)
        else:
            self._warm(lemmas, names)  # (counted earlier in its batch: idle terms may have left memory since)
        emb = doc.embedding
        if emb is None:
            emb = embed([lead_text(doc, w.lead_chars)])[0]
        given = self._headlines.pop(doc.id, None) if learn else self._headlines.get(doc.id)
        persons, title_names = given if given is not None else self.headline(doc)
        return Features(tfidf(lemmas, self.lemma_df, max_terms=w.max_terms),
                        tfidf(names, self.name_df, max_terms=w.max_terms), np.asarray(emb, dtype=np.float32),
                        frozenset(_YEAR_RE.findall(doc.title)), frozenset(persons), frozenset(title_names))

    def _learn(self, lemmas: list[str], names: list[str]) -> None:
        """Count one article's terms; the rare old terms the counts forget leave the inverted index too, and the
        other idle ones go to the vault (a retiring clusterer: `TermRetirement`)."""
        self._warm(lemmas, names)
        for df, prefix, terms in ((self.lemma_df, "l:", lemmas), (self.name_df, "n:", names)):
            gone = df.learn_one(terms)
            if gone:
                for t in gone:
                    self._postings.forget(prefix + t)
            if df.idle:
                self._stow_terms(prefix, df.idle)
                df.idle = []

    # -- the streaming API ------------------------------------------------------------------------

    def predict_one(self, doc: Doc) -> tuple[str | None, float | None]:
        """The story `doc` would join and its score (None when it would open a new story); learns nothing."""
        return self._best_story(doc, self.features(doc, learn=False))

    def learn_one(self, doc: Doc) -> Placement:
        """Assign `doc` to the best event and story, or open new ones; update the model."""
        f = self.features(doc)
        copied = self.event_of(doc.copy_of) if doc.copy_of else None
        if copied is not None:
            event = self.event(copied)
            assert event.parent is not None  # every event is made inside a story
            self._place(doc, f, event.parent, event.id)
            return Placement(doc.id, event.id, event.parent, None, False, False)
        story_id, score = self._best_story(doc, f)
        new_story = story_id is None
        event_id = None if story_id is None else self._best_event(doc, f, self.full(story_id))
        event_id, story_id = self._place(doc, f, story_id, event_id)
        story_id = self._link(self.stories[story_id])
        self._trim_revived()
        return Placement(doc.id, event_id, story_id, score, new_story, event_id == "e" + doc.id)

    def prime(self, docs: list[Doc]) -> None:
        """Before placing `docs` one by one: their undated ones search every story, one matrix product scores them
        all at once (`CentroidIndex.prime`; the same candidates). `prime([])` lets the scores go."""
        queries = [np.asarray(d.embedding, dtype=np.float32) for d in docs if d.day is None and d.embedding is not None]
        if len(queries) > 1:
            self._all.prime(queries)
        else:
            self._all.unprime()

    def resolve(self, story_id: str) -> str:
        """The story a (possibly merged-away) story id now belongs to."""
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    def story_of(self, article_id: str) -> str | None:
        """The story an article learnt so far is in now."""
        event = self.event_of(article_id)
        return self.resolve(self.event_story(event)) if event else None

    def untouch(self) -> None:
        """Forget which stories changed since the last refinement (after replaying stored assignments)."""
        self._touched.clear()
        self._requeue()

    def forbid(self, a: str, b: str) -> None:
        """Never merge stories `a` and `b` automatically (a user split them)."""
        self._forbidden.add(frozenset((a, b)))

    def add(self, doc: Doc, event_id: str, story_id: str, terms: tuple[list[str], list[str]] | None = None,
            headline: tuple[list[str], list[str]] | None = None) -> None:
        """Put `doc` into a known event and story (replaying stored assignments), creating them if needed.

        `terms`, `headline`: the doc's `terms` and `headline`, when already computed (by worker processes)."""
        if terms is not None:
            terms = _interned(terms)
            self._learn(*terms)
            self._counted[doc.id] = terms
        if headline is not None:
            self._headlines[doc.id] = headline
        self._place(doc, self.features(doc), story_id, event_id, create_ids=True)

    # -- internals --------------------------------------------------------------------------------

    def _candidates(self, doc: Doc, f: Features) -> list[Cluster]:
        w = self._w
        self._warm(f.lemmas, f.names)  # (a story's probe may hold idle terms: they come back before the lookups)
        index = self._all if doc.day is None else self._active
        keys = index.search(f.embedding, w.candidates)
        found = {s.id: s for s in map(self._story_by_key, keys) if s is not None}
        added = 0
        for sid, _ in self._postings.hits(f).most_common():
            if added >= w.posting_candidates:
                break
            sid = self.resolve(sid)
            if sid not in found and self.has_story(sid):
                found[sid] = self.story(sid)
                added += 1
        return list(found.values())

    def _best_story(self, doc: Doc, f: Features) -> tuple[str | None, float | None]:
        """The story `doc` joins and its score (the learned rule: its probability), or (None, None): a new story."""
        if doc.nameless:
            return None, None
        best, above, cos, same = self._top_candidate(doc, f)
        if best is None:
            return None, None
        model = self._model
        if model is not None:  # the learned rule decides whether the article joins the best candidate
            z = model.logit(self.pair_features(doc, f, best, cos, same, above))
            return (best.id, 1.0 / (1.0 + math.exp(-z))) if z >= model.cut else (None, None)
        if above < 0:
            return None, None
        w = self._w
        margin = w.undated_margin if doc.day is None else 0.0
        return best.id, above + margin + (w.threshold_for(doc.lang) if same else w.cross_threshold)

    def _time_cost(self, doc: Doc, f: Features, story: Cluster) -> float:
        """The time part of an article's score against a story: its gap to the story's dates; for an undated article
        whose headline names a year ("Grand Final of Tel Aviv 2019"), at least that year's gap, or that month's when
        it names the month too ("June 2016 Tel Aviv shooting")."""
        w = self._w
        cost = w.time_penalty(gap_days(doc.day, story.first, story.last))
        if doc.day is None and f.years:
            gap = month_gap(doc.heading, story.first, story.last)
            gap = year_gap(f.years, story.first, story.last) if gap is None else gap
            cost = max(cost, w.time_penalty(gap or 0.0))
        return cost

    def _top_candidate(self, doc: Doc, f: Features) -> tuple[Cluster | None, float, tuple[float, float, float], bool]:
        """The candidate story with the highest score above its threshold (the threshold rule's ranking), how
        far above (negative: below), its cosines and whether it shares the article's language.

        A candidate in other languages only without content evidence (`_cross_evidence`) is never the best.
        """
        w = self._w
        best, best_above, best_cos, best_same = None, -math.inf, (0.0, 0.0, 0.0), False
        margin = w.undated_margin if doc.day is None else 0.0
        for story in self._candidates(doc, f):
            # An article whose language is unknown is compared as if in another language: lacking a language
            # is no shared content.
            same = doc.lang is not None and doc.lang in story.langs
            cos = story.cosines(f)
            score = w.story_similarity(*cos, same) - self._time_cost(doc, f, story)
            score -= w.edition_penalty(f.years, story.years)
            above = score - (w.threshold_for(doc.lang) if same else w.cross_threshold) - margin
            if not same and above > best_above and not self._cross_evidence(f, story, cos[2]):
                continue
            if above > best_above and same and (other_persons(w, f, story) or headline_elsewhere(
                    w, f, story, cos, self._elsewhere(story.id))):
                continue
            if above > best_above:
                best, best_above, best_cos, best_same = story, above, cos, same
        return best, best_above, best_cos, best_same

    def _name_specificity(self, f: Features) -> tuple[dict[str, float], float]:
        """The idf of each of the article's names and their sum (for ``names_idf_overlap``)."""
        idf = {t: self.name_df.idf(t) for t in f.names}
        return idf, sum(idf.values())

    def pair_features(self, doc: Doc, f: Features, story: Cluster, cos: tuple[float, float, float], same: bool,
                      rule_margin: float, specificity: tuple[dict[str, float], float] | None = None) -> list[float]:
        """The learned rule's features of (article, candidate story): see `storyline.cluster.join`."""
        w = self._w
        idf, total = specificity if specificity is not None else self._name_specificity(f)
        names = story.names
        shared = [t for t in f.names if t in names]
        overlap = sum(idf[t] for t in shared) / total if total > 0 else 0.0
        n_specific = sum(1 for t in shared if self.specific(t))
        return pair_features(cos, same, doc.lang, gap_days(doc.day, story.first, story.last), w.undated_gap,
                             w.edition_penalty(f.years, story.years) > 0, overlap, n_specific, story.n,
                             doc.boilerplate, rule_margin)

    def specific(self, name: str) -> bool:
        """True for a name found in at most ``x_specific_share`` of the articles seen (at least in two): Panmunjeom,
        not Trump or Nederland, in a news archive."""
        return self.name_df.df.get(name, 0) <= max(2.0, self._w.x_specific_share * self.name_df.n_docs)

    def _elsewhere(self, story_id: str) -> Callable[[str], bool]:
        """Whether a name is among the heaviest names of a report in a story other than `story_id` (`Postings`)."""
        return lambda t: any(self.resolve(k) != story_id for k in self._postings.lists.get("n:" + t, ()))

    def _names_apart(self, a: Cluster, b: Cluster) -> bool:
        """Whether stories `a` and `b`, a merge that qualifies, are two affairs of one kind (`persons.names_apart`;
        checked once a pair qualifies: it reads every headline name of the larger story)."""
        return names_apart(self._w, a, b, self.specific)

    def _years_apart(self, a: Cluster, b: Cluster) -> bool:
        """Whether stories `a` and `b`, a merge that qualifies, lie years apart without shared specific names
        (`evidence.stories_apart`; checked last: it may read a retired story's events back)."""
        spans = lambda c: [self.event_span(e) for e in self.full(c.id).children]  # noqa: E731
        return stories_apart(self._w, a, b, self.specific, spans)

    def _cross_evidence(self, f: Features, story: Cluster, cos_use: float) -> bool:
        """Whether an article (or a story's centroid) in one language may join a story in others on content
        (`Weights.cross_evidence`: shared specific names that weigh in `f`, or a close embedding)."""
        return self._w.cross_evidence(f.names, story.names, cos_use, self.specific)

    def refine(self) -> int:
        """Merge the small stories touched since the last call into their best other story, when close enough.

        Run after each ingest batch: with the batch's document frequencies known and the stories it grew, early
        reports that opened stories of their own find the story they belong to. Returns the number of merges.
        """
        w = self._w
        touched = {self.resolve(s) for s in self._touched}
        self._touched.clear()
        queue = sorted((s for s in touched if s in self.stories and self.stories[s].n <= w.refine_max_size),
                       key=lambda s: (self.stories[s].n, s))
        before = len(self.merged)
        for sid in queue:
            story = self.stories.get(self.resolve(sid))
            if story is None or story.n > w.refine_max_size:
                continue
            lang = story.langs.most_common(1)[0][0]
            threshold = w.threshold_for(lang) + w.refine_margin
            self._link(story, threshold, w.refine_max_size)
        if w.merge:
            self._merge_touched(touched)
        if w.adopt_max_size:
            self._adopt(touched)
        self._requeue()
        return len(self.merged) - before

    def _adopt(self, touched: set[str]) -> None:
        """A second look at the small stories near the stories a batch grew (``adopt_max_size``).

        Refinement compares a small story only in the batch that made it; a report that opened a story of its own
        before its affair's story grew (or before the batch that brought the rest) was never compared again. Each
        story the batch touched looks among its candidates for stories of at most ``adopt_max_size`` articles
        that the batch did not touch; such a story is linked as refinement would link it (its own candidate search,
        its best story, its language's threshold + ``adopt_margin``) when it scores that threshold against the
        touched story.
        """
        w = self._w
        current = sorted({self.resolve(s) for s in touched if self.has_story(self.resolve(s))},
                         key=lambda s: (-self.story(s).n, s))
        for sid in current:
            if not self.has_story(self.resolve(sid)):
                continue
            story = self.story(self.resolve(sid))
            for other in self._candidates(Doc(story.id, "", "", None, story.last), story.probe(w.max_terms)):
                if (other.id == story.id or other.n > w.adopt_max_size or other.id in current
                        or frozenset((story.id, other.id)) in self._forbidden or persons_apart(w, story, other)):
                    continue
                f = other.probe(w.max_terms)
                same = bool((set(story.langs) & set(other.langs)) - {"?"})
                threshold = (w.threshold_for(other.langs.most_common(1)[0][0]) + w.adopt_margin if same
                             else w.cross_threshold)
                score = w.story_similarity(*story.cosines(f), same) - w.time_penalty(
                    range_gap(other.first, other.last, story.first, story.last)) - w.edition_penalty(f.years, story.years)
                if score >= threshold and not self._names_apart(story, other):
                    self._link(other, threshold, w.adopt_max_size)

    def _merge_touched(self, touched: set[str]) -> None:
        """The story-story merge pass (`storyline.cluster.merge`) over the stories a batch touched."""
        w = self._w
        current = {self.resolve(s) for s in touched}
        queue = sorted((s for s in current if self.has_story(s)), key=lambda s: (self.story(s).n, s))
        made: set[str] = set()
        for sid in queue:
            sid = self.resolve(sid)
            if not self.has_story(sid) or sid in made:
                continue
            story = self.full(sid)
            f = story.probe(w.max_terms)
            orders = (positions(story.lemmas), positions(story.names))  # (the story does not change in the loop)
            best, best_score = None, -math.inf
            for other in self._candidates(Doc(story.id, "", "", None, story.last), f):
                if other.id == story.id or frozenset((story.id, other.id)) in self._forbidden or persons_apart(w, story, other):
                    continue
                if w.merge_once and other.id in made:
                    continue
                pair = compare(story, other, orders)
                big_use = w.merge_big_use if pair.same_main else w.merge_x_big_use  # (across languages: its own bar)
                if w.merge_max_size and min(story.n, other.n) > w.merge_max_size and pair.cos_use < big_use and not (
                        w.merge_big_words and min(pair.cos_lemmas, pair.cos_names) >= w.merge_big_words
                        or strong_names(pair, w)):
                    continue
                evidence = not pair.same_main and cross_merge_score(pair, w) is not None and (  # both ways
                    self._cross_evidence(f, other, pair.cos_use)
                    and self._cross_evidence(other.probe(w.max_terms), story, pair.cos_use))
                score = merge_score(pair, w, evidence)
                if score is not None and (score, other.id) > (best_score, best.id if best else "") and not self._names_apart(
                        story, other) and not self._years_apart(story, other):
                    best, best_score = other, score
            if best is not None:
                keep, gone = (best, story) if (best.n, -best.key) >= (story.n, -story.key) else (story, best)
                self.merge(keep.id, gone.id)
                if w.merge_once:
                    made.add(keep.id)

    def _link(self, story: Cluster, threshold: float | None = None, max_size: int | None = None) -> str:
        """Merge a small story into the most similar other story when their centroids are close enough."""
        w = self._w
        if story.n > (w.link_max_size if max_size is None else max_size):
            return story.id
        f = story.probe(w.max_terms, years=w.link_years)
        probe = Doc(story.id, "", "", None, story.last)
        best, best_score = None, w.link_threshold if threshold is None else threshold
        for other in self._candidates(probe, f):
            if other.id == story.id or frozenset((story.id, other.id)) in self._forbidden or persons_apart(w, story, other):
                continue
            same = bool((set(story.langs) & set(other.langs)) - {"?"})
            gap = range_gap(story.first, story.last, other.first, other.last)
            cos = other.cosines(f)
            score = w.story_similarity(*cos, same) - w.time_penalty(gap)
            score -= w.edition_penalty(f.years, other.years)
            if not same and (score < max(best_score, w.cross_threshold) or not self._cross_evidence(f, other, cos[2])):
                continue
            if score >= best_score and not self._names_apart(story, other) and not self._years_apart(story, other):
                best, best_score = other, score
        if best is None:
            return story.id
        keep, gone = (best, story) if (best.n, -best.key) >= (story.n, -story.key) else (story, best)
        self.merge(keep.id, gone.id)
        return keep.id

    def _best_event(self, doc: Doc, f: Features, story: Cluster) -> str | None:
        w = self._w
        best, best_score = None, w.event_threshold
        children = story.children
        if doc.day is not None and len(children) >= _SPANS_FROM and w.event_window >= 0:
            children = [children[i] for i in self._spans_of(story).near(doc.day, w.event_window)]  # (same events)
        for eid in children:
            first, last = self.event_span(eid)  # (a retired event is read back only when it is scored)
            gap = gap_days(doc.day, first, last)
            if doc.day is not None and last is not None and (gap is None or gap > w.event_window):
                continue
            score = w.event_similarity(*self.scored_event(eid).cosines(f))
            if score >= best_score:
                best, best_score = eid, score
        return best

    def _spans_of(self, story: Cluster) -> EventSpans:
        """The date ranges of a story's events (`storyline.cluster.spans`), caught up with its events."""
        spans = self._spans.get(story.id)
        if spans is None or spans.owner is not story:
            spans = self._spans[story.id] = EventSpans(story)
        if spans.n < len(story.children):
            spans.extend([self.event_span(e) for e in story.children[spans.n:]])
        return spans

    def _new_cluster(self, cid: str, table: dict[str, Cluster]) -> Cluster:
        cluster = Cluster(cid, self._next_key)
        self._next_key += 1
        table[cid] = cluster
        return cluster

    def _place(self, doc: Doc, f: Features, story_id: str | None, event_id: str | None, *,
               create_ids: bool = False) -> tuple[str, str]:
        if story_id is not None and self.has_story(story_id):
            self.full(story_id)
        if event_id is not None and event_id in self._event_home:
            self.event(event_id)  # its story (retired) and the event (retired on its own) come back
        if story_id is None or (create_ids and story_id not in self.stories):
            story = self._new_cluster(story_id or "s" + doc.id, self.stories)
            self._by_key[story.key] = story
        else:
            story = self.stories[story_id]
        if event_id is None or (create_ids and event_id not in self.events):
            event = self._new_cluster(event_id or "e" + doc.id, self.events)
            event.parent = story.id
            story.children.append(event.id)
        else:
            event = self.events[event_id]
        event.add(f, doc.lang, doc.day)
        spans = self._spans.get(story.id)
        if spans is not None and spans.owner is story and doc.day is not None:
            spans.update(event.id, event.first, event.last)
        story.add(f, doc.lang, doc.day, self._w.half_life)
        event.prune(self._w.event_terms)
        story.prune(self._w.story_terms)
        self.article_event[doc.id] = event.id
        self._touched.add(story.id)
        self._index_story(story, f)
        self._event_changed(event)
        if doc.day is not None:
            self._advance(doc.day)
        self._changed(story.id)
        return event.id, story.id

    def _index_story(self, story: Cluster, f: Features) -> None:
        self._all.upsert(story.key, story.embedding)
        if story.last is None or self._clock is None or story.last >= self._clock - self._w.active_days:
            self._active.upsert(story.key, story.embedding)
            if story.last is not None:
                heapq.heappush(self._expiry, (story.last, story.id))
        self._postings.add(story.id, f)

    def _advance(self, day: float) -> None:
        """Move the clock; stories silent for longer than the active window leave the dated index."""
        if self._clock is not None and day <= self._clock:
            return
        self._clock = day
        horizon = day - self._w.active_days
        while self._expiry and self._expiry[0][0] < horizon:
            _, sid = heapq.heappop(self._expiry)
            stowed = sid in self._stowed
            story = self.full(sid) if self.has_story(sid) else None
            if story is not None and story.last is not None and story.last < horizon and story.key in self._active:
                self._active.remove(story.key)
                self._retire(story)
                if sid in self._revived:  # brought back to be cut: back to the vault, cut
                    self._unload(story, True)
            elif stowed and story is not None:  # (stowed: has_story held, so it is not None)
                self._unload(story, False)
        self._retire_due(day)

    def _retire(self, story: Cluster) -> None:
        """Shrink a story that left the active window (and its events) to its heaviest terms; forget its postings.

        Only undated articles and late old ones still meet it, so a short summary does; memory stays bounded.
        """
        heavy = [key for key, _ in heavy_terms(story.names, story.lemmas, 4 * self._w.query_terms)]
        self._warm([k[2:] for k in heavy if k[0] == "l"], [k[2:] for k in heavy if k[0] == "n"])  # (idle ones too)
        self._postings.remove(story.id, story.names, story.lemmas, 4 * self._w.query_terms)
        story.prune(self._w.retired_terms, hard=True)
        for eid in story.children:
            event = self.events.get(eid)
            if event is not None:
                event.prune(self._w.retired_terms // 4, hard=True)
            else:
                self.cut_event_later(eid)

    def merge(self, keep: str, gone: str) -> None:
        """Merge story `gone` into story `keep` (a user correction)."""
        a, b = self.full(keep), self.full(gone)
        del self.stories[gone]
        self._spans.pop(gone, None)
        self._forget_retired(gone)
        self._changed(keep)
        self.merged[gone] = keep
        a.absorb(b)
        a.prune(self._w.story_terms)
        for eid in b.children:
            event = self.events.get(eid)
            if event is not None:
                event.parent = a.id
            else:  # retired on its own: it takes its story from the map when read back
                self._event_home[eid] = a.id
            a.children.append(eid)
        self._by_key.pop(b.key, None)
        self._active.remove(b.key)
        self._all.remove(b.key)
        self._all.upsert(a.key, a.embedding)
        self._active.upsert(a.key, a.embedding)
