"""Name evidence: a join far in time from a story, or carried by the embedding alone, needs the story's names.

Two wrong joins read in the whole archive (the seeds and the DFN file in one database, docs/stories.md, "Name
evidence") came through scores that words of a kind, or the embedding, carried:

- *Years apart* (``apart_days``, ``apart_cosine``): four reports on the wedding of Prince Edward and Sophie
  Rhys-Jones (1999) went, with two misdated pages of 2009, into the story of Prince William's wedding (mostly
  2010-2011) and so came to open the story that later took in Prince Harry's. The two stories' date ranges
  overlapped (the misdated pages), so the merge pass saw no gap; what they shared were the words and places of a
  royal wedding (Windsor, Westminster Abbey), not the couple. A story's *mean day* (`Cluster.mean_day`) says where
  its reports lie in time. Two stories lying years apart (`stories_apart`) merge by linking, refinement, the merge
  pass or the second look only when their specific names (`StoryClusterer.specific`: Rhys-Jones, not Prince) have a
  cosine of at least ``apart_cosine``: an anniversary report on the same couple, or the trial years after the crime,
  names them. (The same test for an article joining a story far from its mean day was measured and not kept: in the
  156 Dutch articles of DFN dev no name is specific, so late MH17 reports were refused.)
- *Headline names elsewhere* (``headline_floor``): a report that the Utrecht tram gunman Gökmen
  Tanis stabbed a prison guard (February 2021) and one that Belarus is out of the 2021 Song Contest joined the
  story of the Dutch curfew riots on a Dutch-news embedding and words like *Rotterdam*: lemma and name cosines under
  0.06, the embedding (0.33-0.40, the level of any two Dutch reports) carrying the score over the Dutch threshold.
  Their headlines name what other stories are about (Tanis, Songfestival), which the riots story never mentions. A
  same-language candidate whose lemma and name cosines are both under ``headline_floor`` is skipped when a name of
  the headline is among the heaviest names of another story's reports (the candidate search's inverted index) and
  none of the headline's names is among the story's names. A headline naming only names no other story is about
  (a senator killed on MH17, named for the first time; a shop hit by the riots) or no name at all still joins on
  what the score says.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from .scoring import Weights
from .state import Cluster, Features


def far_apart(w: Weights, day: float | None, other: float | None) -> bool:
    """Whether two days (an article's, or a story's mean day) are more than ``apart_days`` apart (never when
    either is undated or the rule is off).

    >>> w = Weights()
    >>> far_apart(w, 0.0, 400.0), far_apart(w, 0.0, 300.0), far_apart(w, None, 400.0), far_apart(Weights(apart_days=0), 0.0, 4000.0)
    (True, False, False, False)
    """
    return bool(w.apart_days) and day is not None and other is not None and abs(day - other) > w.apart_days


def stories_apart(w: Weights, a: Cluster, b: Cluster, specific: Callable[[str], bool],
                  spans: Callable[[Cluster], list[tuple[float | None, float | None]]]) -> bool:
    """Whether two stories lie far apart in time without shared specific names that weigh in each one's name
    vector: then no automatic merge joins them (a user still can).

    Far apart: their mean days are more than ``apart_days`` apart, and neither mean day lies within
    ``apart_days`` of one of the other story's events (`spans`: a story's events' first and last days). A late
    fragment of a long affair lies near the affair's own later reports; four reports of 1999 (and two misdated
    pages of 2009) lie near none of the reports of a story of 2005-2013 that is mostly 2010-2011, nor it near them.

    >>> w, rare = Weights(), lambda t: True
    >>> edward = Cluster("e", 0, names={"edward": 4.0, "windsor": 0.5}, n=2, day_sum=2 * 10_760.0, dated=2)
    >>> william = Cluster("w", 1, names={"william": 9.0, "windsor": 1.0}, n=9, day_sum=9 * 15_000.0, dated=9)
    >>> spans = {"e": [(10_760.0, 10_760.0)], "w": [(13_000.0, 13_000.0), (15_000.0, 15_100.0)]}
    >>> stories_apart(w, edward, william, rare, lambda c: spans[c.id])
    True
    >>> late = Cluster("l", 2, names={"william": 3.0}, n=1, day_sum=15_050.0, dated=1)
    >>> stories_apart(w, late, william, rare, lambda c: spans[c.id] if c.id == "w" else [(15_050.0, 15_050.0)])
    False
    """
    if not far_apart(w, a.mean_day, b.mean_day):
        return False
    if specific_cosine(a.probe(w.max_terms).names, b.probe(w.max_terms).names, specific) >= w.apart_cosine:
        return False
    for one, other in ((a, b), (b, a)):
        if any(not far_apart(w, one.mean_day, day) for span in spans(other) for day in _nearest(one.mean_day, span)):
            return False
    return True


def specific_cosine(a: Mapping[str, float], b: Mapping[str, float], specific: Callable[[str], bool]) -> float:
    """The cosine of two name vectors over their `specific` names only (1.0 when either has none: no evidence
    either way). Two stories of royal weddings share Windsor and Westminster Abbey; their specific names are
    Rhys-Jones and Wessex against Middleton and Markle.

    >>> rare = lambda t: t != "prince"
    >>> round(specific_cosine({"prince": 0.9, "edward": 0.4, "windsor": 0.1}, {"prince": 0.9, "middleton": 0.4, "windsor": 0.1}, rare), 3)
    0.059
    >>> specific_cosine({"prince": 1.0}, {"middleton": 1.0}, rare)
    1.0
    """
    sa = {t: v for t, v in a.items() if specific(t)}
    sb = {t: v for t, v in b.items() if specific(t)}
    if not sa or not sb:
        return 1.0
    dot = sum(v * sb.get(t, 0.0) for t, v in sa.items())
    return dot / math.sqrt(sum(v * v for v in sa.values()) * sum(v * v for v in sb.values()))


def _nearest(day: float | None, span: tuple[float | None, float | None]) -> tuple[float, ...]:
    """The day of the span (first, last) nearest to `day` (none when undated)."""
    first, last = span
    if day is None or first is None or last is None:
        return ()
    return (min(max(day, first), last),)


def headline_elsewhere(w: Weights, f: Features, story: Cluster, cos: tuple[float, float, float],
                       elsewhere: Callable[[str], bool]) -> bool:
    """Whether a same-language candidate `story` (its cosines with the article: `cos`) is one the article only
    seems to belong to: words and names barely shared (both cosines under ``headline_floor``), while the headline
    names what another story is about (`elsewhere`: a name among the heaviest of another story's reports) and
    this story names none of the headline's names.

    >>> import numpy as np
    >>> riots = Cluster("s", 0, names={"rotterdam": 3.0, "grapperhaus": 2.0})
    >>> tanis = Features({}, {}, np.zeros(1), title_names=frozenset({"gökmen", "tanis"}))
    >>> headline_elsewhere(Weights(), tanis, riots, (0.06, 0.09, 0.4), lambda t: True)
    True
    >>> headline_elsewhere(Weights(), tanis, riots, (0.3, 0.09, 0.4), lambda t: True)  # the words say it belongs
    False
    >>> headline_elsewhere(Weights(), tanis, riots, (0.06, 0.09, 0.4), lambda t: False)  # no other story on them
    False
    """
    if not w.headline_floor or not f.title_names or cos[0] >= w.headline_floor or cos[1] >= w.headline_floor:
        return False
    if any(t in story.names for t in f.title_names):
        return False
    return any(elsewhere(t) for t in f.title_names)
