"""One story's export data: a plain, JSON-ready dict that every renderer reads.

The document is the only place that touches the archive; renderers (json, markdown, csv,
timelinejs, html) are pure functions of it. Its shape (``SCHEMA``):

- ``id``, ``title`` (the story's), ``headline`` and ``summary`` (the timeline's: sentences with
  ``text``, ``article_ids``, ``sources``), ``start``/``end`` (first and last publication date),
  ``languages``, ``n_articles``;
- ``entities``: key entities ``{name, label, type, mentions}``, most mentioned first (``name`` as stored, ``label``
  in the story's majority language, the language of its title: "Netherlands" in an English story, "Nederland" in a
  Dutch one);
- ``sources``: ``{name, articles}``, the outlets (or URL hosts, or file names) that carried it;
- ``events``: ``{id, title, start, end, article_ids}``;
- ``articles``: ``{id, title, published, precision, lang, event_id, sources, url, copy_of}`` in
  publication order (undated last); ``url`` is the first URL a source gave, if any;
- ``timeline``: entries ``{date, precision, estimated, estimate, date_unknown, planned, article_ids, sentences}``
  (``planned``: the entry only announces its event, see `storyline.models.TimelineEntry`)
  (``estimate``: how an undated article's date was estimated, see `storyline.timeline.undated`;
  ``date_unknown``: nothing dates it, so it comes after everything); a sentence's ``alternatives`` are the same
  event as another language told it ``{text, date, precision, article_ids, sources, lang}``, ``text`` as written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .. import __version__
from ..text.ner.canonical import label

if TYPE_CHECKING:
    from ..archive import Archive
    from ..models import Timeline, TimelineSentence

SCHEMA = "storyline.export.story/1"


def source_name(detail: dict[str, Any]) -> str:
    """How a source is cited: its outlet, else the host of its URL, else its file name.

    >>> source_name({"outlet": None, "url": "https://www.nos.nl/a/1", "location": "feed.xml"})
    'www.nos.nl'
    >>> source_name({"outlet": None, "url": None, "location": "/data/txt/001.txt"})
    '001.txt'
    """
    if detail.get("outlet"):
        return str(detail["outlet"])
    url = detail.get("url")
    if url:
        host = urlsplit(str(url)).hostname
        return host or str(url)
    location = str(detail.get("location") or "")
    return PurePath(location).name or location or "unknown"


def is_web_url(url: object) -> bool:
    """Whether `url` is an http(s) URL with a host (the only kind of link the renderers make).

    >>> is_web_url("https://example.org/x"), is_web_url("javascript:alert(1)"), is_web_url("http://")
    (True, False, False)
    """
    if not isinstance(url, str) or any(c in url for c in "\x00\r\n\t "):
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _timeline_dict(timeline: Timeline | None) -> tuple[str | None, list[dict[str, Any]], list[dict[str, Any]]]:
    if timeline is None:
        return None, [], []
    def cited(sources: list[str]) -> list[str]:
        return list(dict.fromkeys(source_name({"url": x}) if is_web_url(x) else x for x in sources))  # a URL: its host

    def sentence(s: TimelineSentence) -> dict[str, Any]:
        return {"text": s.text, "article_ids": list(s.article_ids), "sources": cited(s.sources), "lang": s.lang,
                "alternatives": [{"text": a.text, "date": a.date, "precision": a.precision.value,
                                  "article_ids": list(a.article_ids), "sources": cited(a.sources), "lang": a.lang}
                                 for a in s.alternatives]}

    summary = [sentence(s) for s in timeline.summary]
    entries = [{"date": e.date, "precision": e.precision.value, "estimated": e.estimated,
                "estimate": e.estimate if e.estimated else None, "date_unknown": e.date_unknown,
                "planned": e.planned, "article_ids": list(e.article_ids), "sentences": [sentence(s) for s in e.sentences]}
               for e in timeline.entries]
    return timeline.headline, summary, entries


def story_document(archive: Archive, story_id: str, *, max_dates: int | None = None,
                   now: datetime | None = None) -> dict[str, Any] | None:
    """The export data of one story (an id or a unique prefix), or None when there is no such story."""
    story = archive.story(story_id)
    if story is None:
        return None
    articles: list[dict[str, Any]] = []
    source_counts: Counter[str] = Counter()
    for row in story["articles"]:
        full = archive.article(row["id"]) or {}
        details = full.get("source_details") or []
        names = list(dict.fromkeys(source_name(d) for d in details))
        source_counts.update(names)
        url = next((d["url"] for d in details if d.get("url")), None)
        articles.append({"id": row["id"], "title": row["title"], "published": row["published"],
                         "precision": full.get("published_precision"), "lang": row["lang"],
                         "event_id": row["event_id"], "sources": names, "url": url,
                         "copy_of": full.get("copy_of")})
    langs = Counter(a["lang"] or "?" for a in articles)
    major = min(langs, key=lambda lang: (-langs[lang], lang)) if langs else "nl"  # the title's language
    headline, summary, entries = _timeline_dict(archive.timeline(story["id"], max_dates=max_dates))
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "schema": SCHEMA,
        "id": story["id"],
        "title": story["title"],
        "headline": story["title"] or headline,
        "summary": summary,
        "start": story["start"],
        "end": story["end"],
        "languages": list(story["languages"]),
        "n_articles": len(articles),
        "entities": [{"name": e["name"], "label": label(e["name"], major), "type": e["type"], "mentions": e["mentions"]}
                     for e in story.get("entities", []) if isinstance(e, dict)],
        "sources": [{"name": name, "articles": n} for name, n in
                    sorted(source_counts.items(), key=lambda item: (-item[1], item[0].casefold()))],
        "events": [{k: e[k] for k in ("id", "title", "start", "end", "article_ids")} for e in story["events"]],
        "articles": articles,
        "timeline": entries,
        "exported_at": stamp,
        "generator": f"storyline {__version__}",
    }


def story_ids(archive: Archive) -> list[str]:
    """Every story id, largest story first (ties: most recently active first)."""
    stories = archive.stories()
    return [s["id"] for s in sorted(stories, key=lambda s: -len(s["article_ids"]))]


def all_documents(archive: Archive, *, now: datetime | None = None,
                  on_progress: Callable[[str, int, int | None], None] | None = None) -> Iterator[dict[str, Any]]:
    """The export data of every story, largest first; `on_progress` hears ("stories", done, total)."""
    now = now or datetime.now(UTC)
    ids = story_ids(archive)
    for n, sid in enumerate(ids, start=1):
        doc = story_document(archive, sid, now=now)
        if on_progress is not None:
            on_progress("stories", n, len(ids))
        if doc is not None:
            yield doc


def alternative_sentences(doc: dict[str, Any]) -> dict[str, list[str]]:
    """Article id -> its sentences kept as another language's report of a timeline entry ("2024-03-12: «…»")."""
    found: dict[str, list[str]] = {}
    for entry in doc.get("timeline", []):
        for sentence in entry.get("sentences", []):
            for alt in sentence.get("alternatives", []):
                for article_id in alt["article_ids"]:
                    found.setdefault(article_id, []).append(f"{entry['date']}: «{alt['text']}»")
    return found


def timeline_dates(doc: dict[str, Any]) -> dict[str, list[str]]:
    """Article id -> the timeline dates it supports (an entry's articles, or a sentence it gave)."""
    found: dict[str, list[str]] = {}
    for entry in doc.get("timeline", []):
        ids = list(entry.get("article_ids", []))
        for sentence in entry.get("sentences", []):
            ids += sentence.get("article_ids", [])
        for article_id in dict.fromkeys(ids):
            dates = found.setdefault(article_id, [])
            if entry["date"] not in dates:
                dates.append(entry["date"])
    return found
