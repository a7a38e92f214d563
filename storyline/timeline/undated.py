"""Where an undated article belongs in its story's timeline: the time its content points to (pure).

An article without a publication date is placed, in this order of trust:

1. **text** — the latest event date of its own opening sentences (`event_dates.py`): "Op 7 juni 2023 werd …"
   dates the article's news even without a dateline;
2. **neighbours** — the publication date of the dated article of the same collection most like it in
   content: an article reporting an arrest sits next to the other reports of that arrest, not after the
   trial half a year later. Only when that article stands out: the TF-IDF cosine of the two whole
   articles is at least `min_similarity` and at least `contrast` times the median cosine of two dated
   articles of different months (in a long-running story every article is about as like every other,
   and a nearest neighbour says nothing about when);
3. **mentions** — the latest day or month its text names anywhere: a report is written on or after
   what it reports;
4. **unknown** — nothing points anywhere: the article goes after everything, as "date unknown".

A web archive's copy of the article bounds all three: a page captured on 28 May 2018 was written by then, so no
estimate after that day is taken (nor a neighbour dated after it).

Placements 1–3 are estimates, shown as such ("≈ estimated", "geschat"); only 4 goes last.

>>> import numpy as np
>>> from scipy import sparse
>>> from .prepare import prepare
>>> docs, sents = prepare([
...     {"id": "a", "text": "Jesse van L. uit Zwolle is opgepakt voor de Meditrack-hack.", "lang": "nl",
...      "published": "2023-06-08", "published_precision": "day"},
...     {"id": "b", "text": "De rechtbank veroordeelde Jesse van L. tot twintig maanden cel.", "lang": "nl",
...      "published": "2023-12-12", "published_precision": "day"},
...     {"id": "u", "text": "De politie heeft Jesse van L. in Zwolle opgepakt voor de hack bij Meditrack.",
...      "lang": "nl"}])
>>> from .vectors import Vectorizer, tokens
>>> lists = [tokens(s.text) for s in sents]
>>> X = Vectorizer().fit([], lists).transform([], lists)
>>> place_undated(docs, sents, X)
{2: Placement(date='2023-06-08', precision='day', basis='neighbours', article_ids=('a',))}
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from ..ingest.dates import url_dates
from .prepare import Sent, TimelineDoc
from .vectors import normalize_rows

BASES = ("text", "neighbours", "mentions", "unknown")
PLACED = frozenset(BASES[:3])  # bases that put an article at a date of its own; "unknown" goes last


@dataclass(frozen=True, slots=True)
class Placement:
    """The estimated date of one undated article and what it rests on (`BASES`)."""

    date: str | None  # a day "2023-06-08" or a month "2023-06"; None when nothing is known
    precision: str | None  # "day" | "month" | None
    basis: str
    article_ids: tuple[str, ...] = ()  # the dated articles it was placed by ("neighbours")


def place_undated(docs: list[TimelineDoc], sents: list[Sent], X: sparse.csr_matrix, *, lead: int = 3,
                  min_similarity: float = 0.15, contrast: float = 1.5) -> dict[int, Placement]:
    """A placement for every undated doc (by index into `docs`): see the module's docstring.

    `X` holds one TF-IDF row per sentence (the rows of a doc are its `sents`); `lead` is how many opening
    sentences (the title besides) may give the article's own event date.
    """
    undated = [d for d, doc in enumerate(docs) if not doc.day and not doc.month]
    if not undated:
        return {}
    dated = [d for d, doc in enumerate(docs) if doc.day or doc.month]
    vectors = _doc_vectors(docs, X)
    similar = (vectors[undated] @ vectors[dated].T).toarray() if dated else np.zeros((len(undated), 0))
    floor = max(min_similarity, contrast * background(docs, dated, vectors))
    keys = [docs[d].day or docs[d].month or "" for d in dated]
    out = {}
    for row, d in enumerate(undated):
        bound = captured_by(docs[d].sources)
        similarity = similar[row]
        if bound is not None and dated:  # only dated articles a web archive could have seen before this one
            similarity = np.where([not after(key, bound) for key in keys], similarity, -1.0)
        out[d] = next((p for p in (_from_text(docs[d], sents, lead, bound),
                                   _from_neighbours(docs, dated, similarity, floor),
                                   _from_mentions(docs[d], sents, bound))
                       if p is not None and (bound is None or not after(p.date, bound))),
                      Placement(None, None, "unknown"))
    return out


def captured_by(sources: list[str]) -> str | None:
    """The earliest day a web archive captured one of the article's addresses: it was written by then.

    >>> captured_by(["https://web.archive.org/web/20180528042832/https://example.org/uk-and-the-contest/", "x.txt"])
    '2018-05-28'
    """
    days = [captured.isoformat() for src in sources if (captured := url_dates(src)[1]) is not None]
    return min(days) if days else None


def after(key: str | None, bound: str) -> bool:
    """Whether a day or month `key` starts after the day `bound`.

    >>> after("2019-01", "2018-05-28"), after("2018-05", "2018-05-28"), after("2018-05-29", "2018-05-28")
    (True, False, True)
    """
    return key is not None and key > bound[:len(key)]


def _doc_vectors(docs: list[TimelineDoc], X: sparse.csr_matrix) -> sparse.csr_matrix:
    """One unit row per doc: the sum of its sentences' rows."""
    rows, cols = [], []
    for d, doc in enumerate(docs):
        rows.extend([d] * len(doc.sents))
        cols.extend(doc.sents)
    member = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(docs), X.shape[0]))
    return normalize_rows(sparse.csr_matrix(member @ X))


def background(docs: list[TimelineDoc], dated: list[int], vectors: sparse.csr_matrix, most: int = 300) -> float:
    """The median cosine of two dated docs published in different months (0.0 without such a pair); a large
    collection is judged by `most` of its dated docs, evenly spread."""
    if len(dated) < 2:
        return 0.0
    if len(dated) > most:
        dated = [dated[i] for i in np.linspace(0, len(dated) - 1, most).round().astype(int)]
    S = (vectors[dated] @ vectors[dated].T).toarray()
    months = np.array([(docs[d].day or docs[d].month or "")[:7] for d in dated])
    apart = np.triu(months[:, None] != months[None, :], k=1)
    return float(np.median(S[apart])) if apart.any() else 0.0


def _from_text(doc: TimelineDoc, sents: list[Sent], lead: int, bound: str | None = None) -> Placement | None:
    """The latest event date the article's title or first sentences give as their own (up to `bound`, the day a web
    archive had it): a page is written on or after what it reports (one whose opening tells a groom's birth and then
    his wedding is a page of the wedding, not of the birth)."""
    keys = [s.event_key for i in doc.sents if (s := sents[i]).pos < lead and s.event is not None
            and s.event.kind == "own" and s.event_key is not None and (bound is None or not after(s.event_key, bound))]
    if not keys:
        return None
    key = max(keys, key=lambda k: (k[:7], k))  # a month and a day of it: the day
    return Placement(key, "day" if len(key) == 10 else "month", "text")


def _from_neighbours(docs: list[TimelineDoc], dated: list[int], similarity: np.ndarray,
                     min_similarity: float) -> Placement | None:
    """The publication date of the most similar dated doc, when it is similar enough."""
    if not dated:
        return None
    best = int(np.argmax(similarity))
    if float(similarity[best]) < min_similarity:
        return None
    doc = docs[dated[best]]
    key = doc.day or doc.month
    return Placement(key, "day" if doc.day else "month", "neighbours", (doc.id,))


def _from_mentions(doc: TimelineDoc, sents: list[Sent], bound: str | None = None) -> Placement | None:
    """The latest day or month the article names (up to `bound`, the day a web archive had it)."""
    named = [(key, precision) for i in doc.sents for key, precision in sents[i].dates
             if bound is None or not after(key, bound)]
    if not named:
        return None
    key, precision = max(named)
    return Placement(key, precision, "mentions")
