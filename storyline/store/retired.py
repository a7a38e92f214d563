"""The retired stories' state (term sums, centroids, events) of a clusterer, kept in the store.

The same rows hold the events retired on their own (key ``event:<id>``) and the idle terms of the document
frequencies with their posting lists (``term:l:<lemma>``, ``term:n:<name>``): see `storyline.cluster.retire`.

A clusterer owns its rows through a token; `RetiredStories.start` drops the rows of every other token (the
state of clusterers that are gone: a killed run, a previous process). Writes are buffered and written in
batches, and a row read back is served from the buffer while it waits.
"""

from __future__ import annotations

import uuid

from .sqlite import Store
from .stories import story_of

_FLUSH = 256  # buffered rows written in one transaction


class RetiredStories:
    """Rows of one clusterer's retired stories: `put`, `get`, `drop` by story id; `event_of` an article."""

    stores_placements = True  # the clusterer's written placements are the store's story_assignments

    def __init__(self, store: Store, token: str | None = None) -> None:
        self.store = store
        self.token = token or uuid.uuid4().hex
        self._pending: dict[str, tuple[bytes, bytes] | None] = {}  # None: to delete

    def start(self) -> RetiredStories:
        """Drop the rows of earlier clusterers (they reflect no state anyone uses now)."""
        with self.store.atomic() as conn:
            conn.execute("DELETE FROM retired_stories WHERE token != ?", (self.token,))
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
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        with self.store.atomic() as conn:
            conn.executemany("DELETE FROM retired_stories WHERE token = ? AND story_id = ?",
                             [(self.token, s) for s, v in pending.items() if v is None])
            conn.executemany("INSERT OR REPLACE INTO retired_stories VALUES (?, ?, ?, ?)",
                             [(self.token, s, v[0], v[1]) for s, v in pending.items() if v is not None])

    def event_of(self, article_id: str) -> str | None:
        """The event of a stored assignment (the clusterer's placements once written), or None."""
        found = story_of(self.store, article_id)
        return found[0] if found else None

    def count(self) -> int:
        """Rows this clusterer holds in the store (written ones only)."""
        return int(self.store.conn.execute("SELECT count(*) FROM retired_stories WHERE token = ?",
                                           (self.token,)).fetchone()[0])
