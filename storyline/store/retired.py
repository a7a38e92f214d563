"""The retired stories' state (term sums, centroids, events) of a clusterer, kept in the store.

The same rows hold the events retired on their own (key ``event:<id>``) and the idle terms of the document
frequencies with their posting lists (``term:l:<lemma>``, ``term:n:<name>``): see `storyline.cluster.retire`.
Where every event not in memory is (its story; for one retired on its own its first and last day and whether it
is cut when read back) is a row of `retired_events`, so that nothing per retired event stays in memory.

A clusterer owns its rows through a token; `RetiredStories.start` drops the rows of every other token (the
state of clusterers that are gone: a killed run, a previous process). Writes are buffered and written in
batches, and a row read back is served from the buffer while it waits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from .sqlite import Store
from .stories import story_of

_FLUSH = 256  # buffered rows written in one transaction

Home = tuple[str, float | None, float | None, bool, bool]  # an event's story, first and last day, own row, cut


class RetiredStories:
    """Rows of one clusterer's retired stories: `put`, `get`, `drop` by story id; `event_of` an article."""

    stores_placements = True  # the clusterer's written placements are the store's story_assignments

    def __init__(self, store: Store, token: str | None = None) -> None:
        self.store = store
        self.token = token or uuid.uuid4().hex
        self._pending: dict[str, tuple[bytes, bytes] | None] = {}  # None: to delete
        self._homes: dict[str, Home | None] = {}  # event map rows to write (None: to delete)

    def start(self) -> RetiredStories:
        """Drop the rows of earlier clusterers (they reflect no state anyone uses now)."""
        with self.store.atomic() as conn:
            conn.execute("DELETE FROM retired_stories WHERE token != ?", (self.token,))
            conn.execute("DELETE FROM retired_events WHERE token != ?", (self.token,))
        return self

    def put(self, story_id: str, state: bytes, vectors: bytes) -> None:
        """Keep a story's packed state (replacing an older one)."""
        self._pending[story_id] = (state, vectors)
        if len(self._pending) >= _FLUSH:
            self.flush()

    def get(self, story_id: str) -> tuple[bytes, bytes] | None:
        """A story's packed state, or None when none is kept."""
        if story_id in self._pending:
            return self._pending[story_id]
        row = self.store.conn.execute("SELECT state, vectors FROM retired_stories WHERE token = ? AND story_id = ?",
                                      (self.token, story_id)).fetchone()
        return (bytes(row[0]), bytes(row[1])) if row else None

    def drop(self, story_id: str) -> None:
        """Forget a story's state (merged away)."""
        self._pending[story_id] = None

    def flush(self) -> None:
        """Write the buffered rows."""
        if not self._pending and not self._homes:
            return
        pending, self._pending = self._pending, {}
        homes, self._homes = self._homes, {}
        with self.store.atomic() as conn:
            conn.executemany("DELETE FROM retired_stories WHERE token = ? AND story_id = ?",
                             [(self.token, s) for s, v in pending.items() if v is None])
            conn.executemany("INSERT OR REPLACE INTO retired_stories VALUES (?, ?, ?, ?)",
                             [(self.token, s, v[0], v[1]) for s, v in pending.items() if v is not None])
            conn.executemany("DELETE FROM retired_events WHERE token = ? AND event_id = ?",
                             [(self.token, e) for e, h in homes.items() if h is None])
            conn.executemany("INSERT OR REPLACE INTO retired_events VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [(self.token, e, *h[:3], int(h[3]), int(h[4])) for e, h in homes.items() if h is not None])

    # -- the event map: where each event not in memory is ------------------------------------------------------

    def put_homes(self, rows: Sequence[tuple[str, str, float | None, float | None, bool]]) -> None:
        """Record (event, story, first day, last day, own row) for events leaving memory (not cut)."""
        for event_id, story_id, first, last, own in rows:
            self._homes[event_id] = (story_id, first, last, own, False)
        if len(self._homes) >= _FLUSH:
            self.flush()

    def home(self, event_id: str) -> Home | None:
        """An event's row of the map: (story, first day, last day, own row, cut), or None."""
        if event_id in self._homes:
            return self._homes[event_id]
        row = self.store.conn.execute("SELECT story_id, first, last, own, cut FROM retired_events WHERE token = ? "
                                      "AND event_id = ?", (self.token, event_id)).fetchone()
        return (row[0], row[1], row[2], bool(row[3]), bool(row[4])) if row else None

    def drop_home(self, event_id: str) -> None:
        """An event back in memory for good: its row goes."""
        self._homes[event_id] = None

    def move_homes(self, old: str, new: str) -> None:
        """The events of story `old` now belong to story `new` (a merge)."""
        self.flush()
        with self.store.atomic() as conn:
            conn.execute("UPDATE retired_events SET story_id = ? WHERE token = ? AND story_id = ?",
                         (new, self.token, old))

    def cut_homes(self, story_id: str) -> None:
        """The events of `story_id` retired on their own are cut when read back (it left the active window)."""
        self.flush()
        with self.store.atomic() as conn:
            conn.execute("UPDATE retired_events SET cut = 1 WHERE token = ? AND story_id = ? AND own = 1",
                         (self.token, story_id))

    def own_events(self, story_id: str, day: float | None = None, window: float = 0.0
                   ) -> dict[str, tuple[float | None, float | None]]:
        """The events of `story_id` retired on their own -> (first day, last day); with `day`, at least those that
        may lie within `window` days of it (the caller decides exactly: the bounds here are a day wider)."""
        sql = "SELECT event_id, first, last FROM retired_events WHERE token = ? AND story_id = ? AND own = 1"
        args: tuple[object, ...] = (self.token, story_id)
        if day is not None:
            sql += " AND (first IS NULL OR last IS NULL OR (first <= ? AND last >= ?))"
            args += (day + window + 1.0, day - window - 1.0)
        found = {e: (first, last) for e, first, last in self.store.conn.execute(sql, args)}
        for e, h in self._homes.items():  # (rows not written yet win)
            if h is not None and h[0] == story_id and h[3]:
                found[e] = (h[1], h[2])
            else:
                found.pop(e, None)
        return found

    def event_of(self, article_id: str) -> str | None:
        """The event of a stored assignment (the clusterer's placements once written), or None."""
        found = story_of(self.store, article_id)
        return found[0] if found else None

    def count(self) -> int:
        """Rows this clusterer holds in the store (written ones only)."""
        return int(self.store.conn.execute("SELECT count(*) FROM retired_stories WHERE token = ?",
                                           (self.token,)).fetchone()[0])
