"""The date ranges of a story's events as arrays, for choosing the events a dated article is scored against.

A dated article is scored only against the events of its story within ``event_window`` days of its date (and the
undated ones). Testing every event of the story in a Python loop made each placement cost in proportion to the
story's length: on the 200,000-article stream, stories of thousands of events. `EventSpans` keeps the first and
last day of each event in the story's own order (`Cluster.children`) and finds them with one vectorised test; the
events found are the ones the loop found, in the same order (see `near`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .state import Cluster


class EventSpans:
    """The first and last day (NaN: undated) of the events of one story, in `children` order.

    Events are only ever appended to a story (a new event, a merge), so the arrays follow `children` by
    appending what is new (`extend`); a placement that moves an event's dates updates its row (`update`).

    >>> s = Cluster("s", 0, children=["e1", "e2", "e3", "e4"])
    >>> spans = EventSpans(s)
    >>> spans.extend([(10.0, 12.0), (None, None), (20.0, 20.0), (13.0, 17.0)])
    >>> [s.children[i] for i in spans.near(16.0, 4.0)], [s.children[i] for i in spans.near(30.0, 4.0)]
    (['e1', 'e2', 'e3', 'e4'], ['e2'])
    >>> spans.update("e3", 25.0, 25.0); [s.children[i] for i in spans.near(20.5, 4.0)]
    ['e2', 'e4']
    """

    __slots__ = ("owner", "n", "first", "last")

    def __init__(self, owner: Cluster) -> None:
        self.owner = owner  # the story object these rows belong to (a story brought back is a new object)
        self.n = 0
        self.first = np.empty(16)
        self.last = np.empty(16)

    def extend(self, spans: Iterable[tuple[float | None, float | None]]) -> None:
        """Append the spans of the next events of `children`."""
        for first, last in spans:
            if self.n == len(self.first):
                self.first = np.concatenate([self.first, np.empty(self.n)])
                self.last = np.concatenate([self.last, np.empty(self.n)])
            self.first[self.n] = np.nan if first is None else first
            self.last[self.n] = np.nan if last is None else last
            self.n += 1

    def update(self, event_id: str, first: float | None, last: float | None) -> None:
        """An event changed its dates (an article joined it): its row, once it has one."""
        try:
            at = self.owner.children.index(event_id)
        except ValueError:  # (not an event of this story)
            return
        if at < self.n:
            self.first[at] = np.nan if first is None else first
            self.last[at] = np.nan if last is None else last

    def near(self, day: float, window: float) -> np.ndarray:
        """Positions in `children`, in order, of the events a dated article of `day` is scored against: the
        undated ones and those whose range is at most `window` days from `day`.

        The loop it replaces skipped an event when its gap (`scoring.gap_days`: ``first - day`` before the range,
        ``day - last`` after it, 0 inside) exceeded `window`; both differences are the same float subtractions here,
        and the one not taken by the loop is never above `window` (it is negative or 0).
        """
        first, last = self.first[:self.n], self.last[:self.n]
        with np.errstate(invalid="ignore"):
            keep = np.isnan(last) | ((first - day <= window) & (day - last <= window))
        return np.flatnonzero(keep)
