"""Flat memory: stories quiet for a stretch of stream time retire their state to a vault, and come back on demand.

A story that received no article for ``retire_after_days`` of stream time (the clock is the latest publication
date seen) leaves memory: its term sums, centroid, dates, languages and its events' state are packed (JSON with
every float written exactly, the embeddings as raw rows) and handed to a vault (`storyline.store.retired` in a
database, `MemoryVault` otherwise). What stays in memory is what finds it again: its row in the centroid
indexes, its entries in the term postings and its id. When a candidate search hits a retired story (or an
article joins it, or a copy of one of its articles arrives), the story is unpacked exactly as it was, so every
score and decision is the one a clusterer that never retired it would make.

A story brought back only to be scored is dropped again without a write (its vault row is still exact); a
bounded number of them (`_REVIVED_KEPT`) stay in memory, the most recently used first, for the next search.

A story that keeps receiving articles never goes quiet, but most of its events do: an event whose latest article is
dated more than ``retire_events_after_days`` before the stream clock leaves memory on its own (a vault row of its
own, `_EVENT_ROW` + its id), keeping in memory its story and its date range. Choosing an event for a dated article
scores only the events within ``event_window`` days of it, so such an event is read back only for an undated
article, a late one near its dates, a copy of one of its articles, or when an article joins it; read only to be
scored, it stays retired (its row is exact), and the `_PEEKED_KEPT` most recently read stay in memory as they are
for the next articles (an undated article scores every event of its story). Every score and decision is the one of
a clusterer that never retired it.

The term tables go the same way (issue 18, flat memory): every ``forget_after_docs`` articles, the terms not seen
since the last check that the counts do not forget (found in more than ``forget_max_df`` articles) leave memory
with their document frequency and their list in the inverted index, one vault row each (`_TERM_ROW` + "l:" or
"n:" + term). A term seen again (in an article, or among the terms of a story a search probes with) comes back
from its row before it is counted or looked up, so every idf, every posting and every decision is the one of a
clusterer that kept it (only a clusterer that retires stories does this: without retirement nothing leaves).
"""

from __future__ import annotations

import heapq
import json
import math
import sys
import zlib
from collections import Counter, OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

import numpy as np

from ..errors import Reasons, StorylineError
from .state import Cluster

if TYPE_CHECKING:
    from .features import DocumentFrequencies
    from .postings import Postings
    from .scoring import Weights
    from .spans import EventSpans

_REVIVED_KEPT = 2048  # (256 until 2026-12-05: on the 20,000-article stream 6,317 revivals in chunk 18 against 440; +23 MB)
_PEEKED_KEPT = 2048  # retired events read back to be scored, kept in memory (most recently used) for the next articles
_EVENT_ROW = "event:"  # the vault key of an event retired on its own (story ids never start with it)
_TERM_ROW = "term:"  # the vault key of an idle term ("term:l:<lemma>", "term:n:<name>")


class Vault(Protocol):
    """Where retired stories' packed state goes."""

    stores_placements: bool  # whether `event_of` finds the placements the clusterer was told are written

    def put(self, story_id: str, state: bytes, vectors: bytes) -> None: ...
    def get(self, story_id: str) -> tuple[bytes, bytes] | None: ...
    def drop(self, story_id: str) -> None: ...
    def flush(self) -> None: ...
    def event_of(self, article_id: str) -> str | None: ...


class MemoryVault:
    """A vault in a dict (compressed bytes): for clusterers without a database, and for tests.

    >>> v = MemoryVault(); v.put("s1", b"x", b"y"); v.get("s1"), v.get("s2")
    ((b'x', b'y'), None)
    """

    stores_placements = False  # the clusterer keeps its article -> event map in memory

    def __init__(self) -> None:
        self.rows: dict[str, tuple[bytes, bytes]] = {}
        self.writes = 0

    def put(self, story_id: str, state: bytes, vectors: bytes) -> None:
        self.rows[story_id] = (state, vectors)
        self.writes += 1

    def get(self, story_id: str) -> tuple[bytes, bytes] | None:
        return self.rows.get(story_id)

    def drop(self, story_id: str) -> None:
        self.rows.pop(story_id, None)

    def flush(self) -> None:
        return None

    def event_of(self, article_id: str) -> str | None:
        return None


def _cluster_dict(c: Cluster) -> dict:
    """A cluster's fields but its term sums, as JSON values (the sums go apart: `_record`)."""
    return {"id": c.id, "key": c.key, "lemmas_sq": c.lemmas_sq, "names_sq": c.names_sq, "n": c.n, "first": c.first,
            "last": c.last, "langs": list(c.langs.items()), "years": list(c.years.items()), "parent": c.parent,
            "children": c.children, "scale": c.scale, "decayed_at": c.decayed_at, "enorm": c.enorm,
            "persons": list(c.persons.items()), "heads": list(c.heads.items()), "day_sum": c.day_sum, "dated": c.dated, "dtype": c.embedding.dtype.str,
            "n_lemmas": len(c.lemmas)}


_NO_ROW = np.zeros(0, dtype=np.float32)  # (a decoded record's embedding, until its row is read)
_SEP = "\x00"  # between the terms of a record (a term holding it is written in the JSON part instead)


def _record(c: Cluster) -> bytes:
    """One cluster, uncompressed: its fields as JSON, then its terms (lemmas, then names, in order) separated by
    `_SEP`, then their weights as float64 (exact): a term sum of a thousand entries decodes about twice as fast as
    the same sums written as JSON pairs, most of the cost of bringing a retired story back to score it."""
    meta = _cluster_dict(c)
    terms = [*c.lemmas, *c.names]
    if any(_SEP in t for t in terms):  # (no tokenizer makes one; kept exact if one ever does)
        meta["lemmas"], meta["names"], meta["n_lemmas"], terms = list(c.lemmas.items()), list(c.names.items()), -1, []
    text = (json.dumps(meta, ensure_ascii=False, separators=(",", ":")) + _SEP + _SEP.join(terms)).encode("utf-8")
    weights = [*c.lemmas.values(), *c.names.values()] if terms else []
    return len(text).to_bytes(4, "big") + text + np.asarray(weights, dtype=np.float64).tobytes()


def _records(clusters: Iterable[Cluster]) -> bytes:
    """Clusters' records, each after its length (4 bytes)."""
    return b"".join(len(r).to_bytes(4, "big") + r for r in map(_record, clusters))


def _from_record(buf: bytes) -> tuple[Cluster, np.dtype]:
    """The cluster of a `_record` (its embedding set by the caller) and its embedding's dtype."""
    size = int.from_bytes(buf[:4], "big")
    meta_text, _, terms_text = buf[4:4 + size].decode("utf-8").partition(_SEP)
    d = json.loads(meta_text)
    split = d["n_lemmas"]
    if split < 0:
        lemmas, names = dict(map(tuple, d["lemmas"])), dict(map(tuple, d["names"]))
    else:
        weights = np.frombuffer(buf, dtype=np.float64, offset=4 + size).tolist()
        terms = list(map(sys.intern, terms_text.split(_SEP))) if weights else []  # (one string per term: `_interned`)
        lemmas = dict(zip(terms[:split], weights[:split], strict=True))
        names = dict(zip(terms[split:], weights[split:], strict=True))
    cluster = Cluster(d["id"], d["key"], lemmas, d["lemmas_sq"], names, d["names_sq"], _NO_ROW, d["n"], d["first"],
                      d["last"], Counter(dict(map(tuple, d["langs"]))), Counter(dict(map(tuple, d["years"]))),
                      d["parent"], list(d["children"]), d["scale"], d["decayed_at"], d["enorm"],
                      Counter(dict(map(tuple, d["persons"]))), Counter(dict(map(tuple, d.get("heads", ())))),
                      d.get("day_sum", 0.0), d.get("dated", 0))
    return cluster, np.dtype(d["dtype"])


def pack(story: Cluster, events: list[Cluster]) -> tuple[bytes, bytes]:
    """A story and its events as (compressed records, embedding rows): exact, in insertion order (no pickle).

    The story and its events are two compressed parts (the story's length first, 4 bytes), so that a story brought
    back only to be scored decodes its own sums, not its events' (`unpack(events=False)`): on the stream benchmark,
    decoding the events too was most of the cost of bringing a story back. Each cluster is a `_record`.
    """
    head = zlib.compress(_record(story), 1)
    tail = zlib.compress(_records(events), 1)
    vectors = b"".join(np.ascontiguousarray(c.embedding).tobytes() for c in (story, *events))
    return len(head).to_bytes(4, "big") + head + tail, vectors


def unpack(state: bytes, vectors: bytes, *, events: bool = True) -> tuple[Cluster, list[Cluster]]:
    """The story and events `pack` packed (`events=False`: the story alone, its events not decoded)."""
    head = 4 + int.from_bytes(state[:4], "big")
    parts = [zlib.decompress(state[4:head])]
    if events:
        tail, at = zlib.decompress(state[head:]), 0
        while at < len(tail):
            size = int.from_bytes(tail[at:at + 4], "big")
            parts.append(tail[at + 4:at + 4 + size])
            at += 4 + size
    clusters, offset = [], 0
    for part in parts:
        cluster, dtype = _from_record(part)
        cluster.embedding = np.frombuffer(vectors, dtype=dtype, count=512, offset=offset).copy()
        offset += dtype.itemsize * 512
        clusters.append(cluster)
    return clusters[0], clusters[1:]


class Retirement:
    """The retiring side of `StoryClusterer` (mixed in): which stories are in memory, which in the vault.

    State: `_stowed` (story id -> index key) and `_key_stowed` (key -> id) for retired stories, `_event_home`
    (event id -> story id) for their events, `_quiet` (story id -> stream day of its last placement) with the
    heap `_due` of those days, `_revived`, the retired stories brought back unchanged, and `_light`, the stories
    brought back without their events (scoring a story needs its sums only; its events come when it is chosen).
    Events retired on their own (their story in memory or not): `_event_home` (event -> story), `_event_span`
    (event -> its first and last day), `_event_cut` (those whose story left the active window since: cut when read
    back), with `_event_quiet` (event -> its last day) and the heap `_event_due` for the events in memory.
    """

    if TYPE_CHECKING:  # the clusterer's own state, which these methods read and change (storyline.cluster.online)
        stories: dict[str, Cluster]
        events: dict[str, Cluster]
        _by_key: dict[int, Cluster]
        _clock: float | None
        _touched: set[str]
        _w: Weights
        article_event: dict[str, str]
        lemma_df: DocumentFrequencies
        name_df: DocumentFrequencies
        _postings: Postings[str]
        _spans: dict[str, EventSpans]

    def _init_retirement(self, vault: Vault | None) -> None:
        self.vault = vault
        self._stowed: dict[str, int] = {}
        self._key_stowed: dict[int, str] = {}
        self._event_home: dict[str, str] = {}
        self._quiet: dict[str, float] = {}
        self._due: list[tuple[float, str]] = []
        self._deferred: list[tuple[float, str]] = []
        self._revived: OrderedDict[str, None] = OrderedDict()
        self._light: set[str] = set()
        self.revived_kept = _REVIVED_KEPT  # unchanged revived stories kept in memory (0: every one goes back)
        self.vault_reads = 0
        self._event_span: dict[str, tuple[float | None, float | None]] = {}
        self._event_cut: set[str] = set()
        self._event_quiet: dict[str, float] = {}
        self._event_due: list[tuple[float, str]] = []
        self._peeked: OrderedDict[str, Cluster] = OrderedDict()  # retired events read back to be scored (exact)
        self.peeked_kept = _PEEKED_KEPT
        self.event_reads = 0
        self._placed_stored = False  # placements written to the store leave `article_event` (see `written`)
        self.terms_stowed = 0  # idle terms written to the vault so far (see `_stow_terms`)
        self.term_reads = 0  # idle terms read back
        self._term_rows: StowedKeys | None = None  # the keys of the terms stowed (`TermRetirement`)

    @property
    def retired(self) -> int:
        """How many stories are retired (in the vault, not in memory) now."""
        return len(self._stowed)

    def _retiring(self) -> bool:
        return self.vault is not None and self._w.retire_after_days is not None

    def _events_retiring(self) -> bool:
        return self.vault is not None and self._w.retire_events_after_days is not None

    @property
    def events_retired(self) -> int:
        """How many events of stories are retired on their own now (not counting those of retired stories)."""
        return len(self._event_span)

    # -- lookups that may bring a story back ---------------------------------------------------------------

    def has_story(self, story_id: str) -> bool:
        """Whether `story_id` is a current story (in memory or retired)."""
        return story_id in self.stories or story_id in self._stowed

    def story(self, story_id: str) -> Cluster:
        """The current story `story_id`, brought back from the vault when retired."""
        found = self.stories.get(story_id)
        return found if found is not None else self._revive(story_id)

    def _story_by_key(self, key: int) -> Cluster | None:
        found = self._by_key.get(key)
        if found is not None:
            return found
        sid = self._key_stowed.get(key)
        return self._revive(sid) if sid is not None else None

    def full(self, story_id: str) -> Cluster:
        """The current story `story_id` with its events in memory (brought back from the vault as needed)."""
        story = self.story(story_id)
        if story_id in self._light:
            _, events = self._load(story_id)
            self._light.discard(story_id)
            for e in events:
                if e.id in self._event_span:  # retired on its own since the story's row was written: its row is newer
                    continue
                self.events[e.id] = e
                self._event_home.pop(e.id, None)
                self._event_changed(e)
        return story

    def event(self, event_id: str) -> Cluster:
        """An event, its story brought back when retired."""
        found = self.events.get(event_id)
        if found is None and event_id in self._event_home:
            self.full(self._event_home[event_id])
            found = self.events.get(event_id)
            if found is None:  # retired on its own
                found = self._revive_event(event_id)
        if found is None:
            raise KeyError(event_id)
        return found

    def has_event(self, event_id: str) -> bool:
        return event_id in self.events or event_id in self._event_home

    def event_story(self, event_id: str) -> str:
        """The story id an event belongs to (no story brought back)."""
        found = self.events.get(event_id)
        if found is not None:
            assert found.parent is not None  # every event is made inside a story
            return found.parent
        return self._event_home[event_id]

    def event_of(self, article_id: str) -> str | None:
        """The event an article placed by this clusterer is in (None: not placed): from the placements not yet
        written, else from the store's (`written`)."""
        found = self.article_event.get(article_id)
        if found is None and self._placed_stored and self.vault is not None:
            found = self.vault.event_of(article_id)
            if found is not None and not self.has_event(found):
                found = None
        return found

    def written(self) -> None:
        """Every placement so far is in the store: the article -> event map leaves memory (one entry per article
        of the archive), and `event_of` reads the store from now on. Without a store vault, nothing changes."""
        if self.vault is not None and self.vault.stores_placements:
            self.article_event.clear()
            self._placed_stored = True

    def centroid(self, story_id: str) -> np.ndarray | None:
        """A story's embedding sum (read from the vault for a retired story, which stays retired)."""
        found = self.stories.get(story_id)
        if found is not None:
            return found.embedding
        if story_id not in self._stowed:
            return None
        return self._load(story_id, events=False)[0].embedding

    # -- moving between memory and the vault ---------------------------------------------------------------

    def _load(self, sid: str, events: bool = True) -> tuple[Cluster, list[Cluster]]:
        packed = self.vault.get(sid) if self.vault is not None else None
        if packed is None:
            raise StorylineError(Reasons.format("R225", story=sid))
        self.vault_reads += 1
        return unpack(*packed, events=events)

    def _revive(self, sid: str) -> Cluster:
        """Bring a retired story back, without its events (`full` brings them)."""
        story, _ = self._load(sid, events=False)
        key = self._stowed.pop(sid)
        del self._key_stowed[key]
        self.stories[sid] = story
        self._by_key[key] = story
        self._light.add(sid)
        self._revived[sid] = None
        return story

    def _changed(self, sid: str) -> None:
        """A story in memory changed (placement, merge): it is written when it retires next."""
        self._revived.pop(sid, None)
        if self._retiring():
            stamp = -math.inf if self._clock is None else self._clock  # before any dated article: due at the first
            self._quiet[sid] = stamp
            heapq.heappush(self._due, (stamp, sid))

    def _unload(self, story: Cluster, write: bool) -> None:
        if write and story.id in self._light:
            self.full(story.id)
        light = story.id in self._light  # brought back without its events: they are in the vault, mapped to it
        self._light.discard(story.id)
        if write:
            assert self.vault is not None  # only a retiring clusterer (one with a vault) writes
            self.vault.put(story.id, *pack(story, [self.events[e] for e in story.children if e in self.events]))
        self._quiet.pop(story.id, None)
        self._revived.pop(story.id, None)
        del self.stories[story.id]
        self._spans.pop(story.id, None)
        self._by_key.pop(story.key, None)
        self._stowed[story.id] = story.key
        self._key_stowed[story.key] = story.id
        if not light:  # (a light story's events never came back: nothing to move, whatever its length)
            for eid in story.children:
                self.events.pop(eid, None)
                self._event_home[eid] = story.id

    def _forget_retired(self, sid: str) -> None:
        """A story merged away: its vault row goes."""
        self._revived.pop(sid, None)
        self._quiet.pop(sid, None)
        self._light.discard(sid)
        if self.vault is not None:
            self.vault.drop(sid)

    def _retire_due(self, day: float) -> None:
        """Retire the stories with no placement since `day - retire_after_days` (not those the batch touched), then
        the events of the stories left in memory whose last day is before `day - retire_events_after_days`."""
        after = self._w.retire_after_days
        if self._retiring() and after is not None:  # (_retiring() checks it too)
            self._retire_stories(day, after)
        self._retire_events(day)

    def _retire_stories(self, day: float, after: float) -> None:
        horizon = day - after
        while self._due and self._due[0][0] < horizon:
            stamp, sid = heapq.heappop(self._due)
            if self._quiet.get(sid) != stamp or sid not in self.stories:
                continue  # a later placement pushed a newer stamp, or merged away, or retired already
            if sid in self._touched:
                self._deferred.append((stamp, sid))  # the batch's refinement needs it in memory
                continue
            self._unload(self.stories[sid], True)
        self._trim_revived()

    def _trim_revived(self) -> None:
        """Drop the least recently revived unchanged stories beyond `revived_kept` (their vault rows are exact)."""
        while len(self._revived) > self.revived_kept:
            sid, _ = self._revived.popitem(last=False)
            story = self.stories.get(sid)
            if story is not None and sid not in self._touched:
                self._unload(story, False)

    def _requeue(self) -> None:
        """After a refinement: the stories it kept in memory may retire again."""
        for item in self._deferred:
            heapq.heappush(self._due, item)
        self._deferred.clear()
        if self._clock is not None:
            self._retire_due(self._clock)

    def flush(self) -> None:
        """Write the vault's buffered rows."""
        if self.vault is not None:
            self.vault.flush()

    # -- events retired on their own, inside stories in memory ---------------------------------------------

    def _event_changed(self, event: Cluster) -> None:
        """An event in memory changed or came back: it retires once its last day is far enough behind the clock."""
        if self._events_retiring() and event.last is not None and self._event_quiet.get(event.id) != event.last:
            self._event_quiet[event.id] = event.last
            heapq.heappush(self._event_due, (event.last, event.id))

    def _retire_events(self, day: float) -> None:
        after = self._w.retire_events_after_days
        if not self._events_retiring() or after is None:
            return
        horizon = day - after
        while self._event_due and self._event_due[0][0] < horizon:
            stamp, eid = heapq.heappop(self._event_due)
            if self._event_quiet.get(eid) != stamp:
                continue  # a later article moved its last day, or it was pushed again
            del self._event_quiet[eid]
            event = self.events.get(eid)
            if event is None or event.last != stamp:
                continue  # its story retired (its row holds it; it is pushed again when it comes back)
            assert self.vault is not None and event.parent is not None  # (_events_retiring checked the vault)
            self.vault.put(_EVENT_ROW + eid, *pack(event, []))
            del self.events[eid]
            self._event_home[eid] = event.parent
            self._event_span[eid] = (event.first, event.last)

    def event_span(self, event_id: str) -> tuple[float | None, float | None]:
        """An event's first and last day, without reading a retired one back (its story is in memory)."""
        found = self.events.get(event_id)
        return (found.first, found.last) if found is not None else self._event_span[event_id]

    def scored_event(self, event_id: str) -> Cluster:
        """An event of a story in memory, to be scored: a retired one is read back (or found among those read
        recently, unchanged since) and stays retired."""
        found = self.events.get(event_id)
        if found is None:
            found = self._peeked.get(event_id)
            if found is None:
                found = self._peeked[event_id] = self._load_event(event_id)
                while len(self._peeked) > self.peeked_kept:
                    self._peeked.popitem(last=False)
            else:
                self._peeked.move_to_end(event_id)
        return found

    def cut_event_later(self, event_id: str) -> None:
        """A retired event's story left the active window: it is cut when read back (unchanged meanwhile, so the
        cut then is the cut now)."""
        assert event_id in self._event_span
        self._event_cut.add(event_id)
        self._peeked.pop(event_id, None)  # (read back again, it is cut)

    def _load_event(self, eid: str) -> Cluster:
        packed = self.vault.get(_EVENT_ROW + eid) if self.vault is not None else None
        if packed is None:
            raise StorylineError(Reasons.format("R280", event=eid, story=self._event_home.get(eid)))
        self.event_reads += 1
        event, _ = unpack(*packed)
        if eid in self._event_cut:
            event.prune(self._w.retired_terms // 4, hard=True)
        event.parent = self._event_home[eid]  # (merges since change the story, not the row)
        return event

    def _revive_event(self, eid: str) -> Cluster:
        """Bring a retired event back into memory for good (an article joins it): its row goes."""
        event = self._peeked.pop(eid, None) or self._load_event(eid)
        event.parent = self._event_home[eid]  # (a merge since it was read back moved it)
        self.events[eid] = event
        del self._event_home[eid], self._event_span[eid]
        self._event_cut.discard(eid)
        if self.vault is not None:
            self.vault.drop(_EVENT_ROW + eid)
        self._event_changed(event)
        return event


class StowedKeys:
    """Which keys may have a vault row: a Bloom filter (two bits per key in a fixed 4 MB), so that a term never
    stowed (most terms not in memory: new ones) is known to have no row without asking the store. No false "no":
    a key added is always found; a key never added is found by chance (about 3 % at 3 million keys) and then
    looked up as before. Keyed by `hash` of the key: one process's filter, like the clusterer that fills it.

    >>> k = StowedKeys(); k.add("term:l:kiev"); "term:l:kiev" in k, "term:l:unseen" in k
    (True, False)
    """

    BITS = 1 << 25

    def __init__(self) -> None:
        self._bits = bytearray(self.BITS >> 3)

    def add(self, key: str) -> None:
        h = hash(key)
        for i in (h & (self.BITS - 1), (h >> 32) & (self.BITS - 1)):
            self._bits[i >> 3] |= 1 << (i & 7)

    def __contains__(self, key: str) -> bool:
        h, bits = hash(key), self._bits
        i, j = h & (self.BITS - 1), (h >> 32) & (self.BITS - 1)
        return bool(bits[i >> 3] & (1 << (i & 7))) and bool(bits[j >> 3] & (1 << (j & 7)))


class TermRetirement:
    """The idle terms of the document frequencies and the inverted index in the vault (mixed into the clusterer
    after `Retirement`, whose `vault` it uses). `_term_rows` (a `StowedKeys`, made at the first stowing) spares a
    store lookup for a term that was never stowed: once terms were stowed, every term not in memory was looked up
    in the store (most of them new ones, with no row): on the long stream 20,000 lookups per 1,000 articles, 5 % of
    the clusterer's CPU, from the first idle-term check on (session 15)."""

    if TYPE_CHECKING:
        vault: Vault | None
        terms_stowed: int
        term_reads: int
        _term_rows: StowedKeys | None
        lemma_df: DocumentFrequencies
        name_df: DocumentFrequencies
        _postings: Postings[str]
        _w: Weights

    def _terms_retiring(self) -> bool:
        w = self._w
        return self.vault is not None and w.retire_after_days is not None and bool(w.forget_after_docs)

    def _stow_terms(self, prefix: str, idle: list[tuple[str, int]]) -> None:
        """Write idle terms (count and posting list) to the vault; they leave the inverted index."""
        assert self.vault is not None  # (only a clusterer whose counts evict, one with a vault, gets here)
        lists = self._postings.lists
        rows = self._term_rows
        if rows is None:
            rows = self._term_rows = StowedKeys()
        for term, count in idle:
            key = prefix + term
            row = json.dumps([count, lists.pop(key, None)], ensure_ascii=False, separators=(",", ":"))
            self.vault.put(_TERM_ROW + key, row.encode("utf-8"), b"")
            rows.add(key)
        self.terms_stowed += len(idle)

    def _warm(self, lemmas: Iterable[str], names: Iterable[str]) -> None:
        """Bring back from the vault the terms of `lemmas` and `names` that are not in memory (idle ones; a term
        never seen has no row), before they are counted or looked up. A no-op until a term was stowed."""
        if not self.terms_stowed:
            return
        assert self.vault is not None and self._term_rows is not None  # (set by the first stowing)
        rows = self._term_rows
        for df, prefix, terms in ((self.lemma_df, "l:", lemmas), (self.name_df, "n:", names)):
            counts = df.df
            for term in dict.fromkeys(terms):  # (in the article's order: the tables' order is the same every run)
                if term in counts or prefix + term not in rows:  # (not in rows: never stowed, no row)
                    continue
                packed = self.vault.get(_TERM_ROW + prefix + term)
                if packed is None:
                    continue
                count, posting = json.loads(packed[0])
                counts[term] = count
                if posting is not None:
                    self._postings.lists[prefix + term] = posting
                self.term_reads += 1
