"""Story queries for the API and the web app: filtered, sorted pages of stories and one story with its parts.

The list of every story (``storyline.store.stories.list_stories``) reads all assignments; it is computed
once per database state and kept (:data:`storyline.store.entities_query.SNAPSHOTS`). Filters then narrow
it with indexed queries: a date window through ``articles(published_start)``, a text query through the
full-text index, an entity through ``article_entities(normalized)``.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlsplit

from ..archive import Archive, open_archive
from ..store.entities_query import SNAPSHOTS, story_ids_with_entity
from ..store.listing import source_rows, stories_matching, story_publication_dates
from ..store.search_query import fts_query, phrase_query
from ..store.sqlite import _after
from ..store.stories import list_stories, order_stories, story_entities

log = logging.getLogger(__name__)
SORTS = ("recent", "size")
MAX_BINS = 24
T = TypeVar("T")


def _snapshot(archive: Archive, key: str, compute: Callable[[Archive], T]) -> T:
    """`compute(archive)` kept per database state; on a large archive, served stale while a thread recomputes it."""
    path = archive.store.path

    def background() -> T:
        fresh = open_archive(path, readonly=True)
        try:
            return compute(fresh)
        finally:
            fresh.close()

    return SNAPSHOTS.get(archive.store.conn, key, lambda: compute(archive), background)


def _all_stories(archive: Archive) -> list[dict[str, Any]]:
    return list_stories(archive.store, entities=False)


def all_stories(archive: Archive) -> list[dict[str, Any]]:
    """Every story, most recently active first, without their entities (see :func:`with_entities`); shared
    between requests: do not change them."""
    return _snapshot(archive, "stories", _all_stories)


def _story_dates(archive: Archive) -> dict[str, list[str]]:
    return story_publication_dates(archive.store)


def story_dates(archive: Archive) -> dict[str, list[str]]:
    """The sorted publication starts of every story's dated articles (shared between requests: do not change them)."""
    return _snapshot(archive, "story-dates", _story_dates)


def warm(archive: Archive) -> None:
    """Compute what the story list needs, so that the first visitor does not wait (a server calls this at start)."""
    all_stories(archive)
    story_dates(archive)


def with_entities(archive: Archive, stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of these stories (one page of them) with their most named entities filled in."""
    memo: dict[str, list[dict[str, Any]]] = _snapshot(archive, "story-entities", lambda _: {})  # per database state
    missing = [s for s in stories if s["id"] not in memo]
    if missing:
        found = story_entities(archive.store, [s["id"] for s in missing],
                               members={s["id"]: s["article_ids"] for s in missing})
        memo.update({s["id"]: found.get(s["id"], []) for s in missing})
    return [{**s, "entities": [dict(e) for e in memo.get(s["id"], [])]} for s in stories]


def find_stories(archive: Archive, *, lang: str | None = None, since: str | None = None, until: str | None = None,
                 entity: str | None = None, q: str | None = None, sort: str = "recent",
                 budget: float | None = None) -> list[dict[str, Any]]:
    """Stories with an article in `lang`, one published in the window, one naming `entity`, one matching `q` (a
    search query, which may run `budget` seconds: :class:`~storyline.errors.QueryError`,
    :class:`~storyline.errors.SearchTimeout`)."""
    conn = archive.store.conn
    found = all_stories(archive)
    keep: set[str] | None = None

    def narrow(ids: set[str]) -> None:
        nonlocal keep
        keep = ids if keep is None else keep & ids

    if since or until:
        low, high = since or "", _after(until) if until else "\U0010ffff"
        dates = story_dates(archive)
        narrow({story_id for story_id, days in dates.items()
                if (i := bisect_left(days, low)) < len(days) and days[i] < high})
    if entity and entity.strip():
        narrow(story_ids_with_entity(conn, entity.strip())
               | stories_matching(archive.store, phrase_query(entity), budget))
    if q and q.strip():
        narrow(stories_matching(archive.store, fts_query(q.strip()), budget))
    out = [s for s in found if (keep is None or s["id"] in keep) and (lang is None or lang in s["languages"])]
    return order_stories(out, sort if sort in SORTS else "recent")


def story_detail(archive: Archive, story_id: str) -> dict[str, Any] | None:
    """One story (an id or a unique prefix of 4+ characters) with its articles, events and sources, or None."""
    from ..store.stories import resolve_story

    if not story_id or len(story_id) > 200:
        return None
    found = resolve_story(archive.store, story_id)
    if found is None:
        return None
    listed = list_stories(archive.store, story_ids=[found], entities=False)  # fresh, even while the list is stale
    if not listed:
        return None
    story = with_entities(archive, listed)[0]
    story["articles"], story["events"] = archive.story_members(found)
    story["sources"] = story_sources(archive, [a["id"] for a in story["articles"]])
    return story


def source_name(outlet: str | None, url: str | None, location: str) -> str:
    """What to call a source: its outlet, else the host of its URL, else its file name.

    >>> source_name(None, "https://www.nos.nl/artikel/1", "feed.xml"), source_name(None, None, "/data/a/b.txt")
    ('nos.nl', 'b.txt')
    """
    if outlet and outlet.strip():
        return outlet.strip()
    if url:
        try:
            host = urlsplit(url.strip()).hostname or ""
        except ValueError:
            host = ""
        if host:
            return host.removeprefix("www.")
    return location.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or location


def story_sources(archive: Archive, article_ids: list[str]) -> list[dict[str, Any]]:
    """The outlets (or hosts, or files) of these articles with how many of the articles each carried, largest first."""
    counts: dict[str, set[str]] = {}
    for article_id, outlet, url, location in source_rows(archive.store, article_ids):
        counts.setdefault(source_name(outlet, url, location), set()).add(article_id)
    return [{"name": k, "articles": len(v)} for k, v in sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


def coverage(archive: Archive, story_ids: list[str], max_bins: int = MAX_BINS) -> dict[str, dict[str, Any]]:
    """Articles over time for each story: up to `max_bins` equal periods from its first to its last dated article."""
    every = story_dates(archive)
    dates: dict[str, list[date]] = {}
    for story_id in story_ids:
        for published in every.get(story_id, ()):
            try:
                dates.setdefault(story_id, []).append(date.fromisoformat(published[:10]))
            except ValueError:
                continue
    out: dict[str, dict[str, Any]] = {}
    for story_id, days in dates.items():
        first, last = min(days), max(days)
        span = (last - first).days + 1
        width = -(-span // max_bins)  # days per bin, rounded up
        bins = [0] * (-(-span // width))
        for d in days:
            bins[(d - first).days // width] += 1
        out[story_id] = {"first": first.isoformat(), "last": last.isoformat(), "days_per_bin": width, "bins": bins,
                         "peak": max(bins)}
    return out
