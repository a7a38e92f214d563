"""The public Python API: an archive of articles in one database.

>>> import storyline
>>> archive = storyline.open(":memory:")
>>> report = archive.ingest_texts(["De Noord-Koreaanse leider Kim Jong-un heeft Donald Trump uitgenodigd voor een top."])
>>> report.accepted
1
>>> archive.articles()[0]["lang"]
'nl'
>>> [hit["title"] for hit in archive.search("Trump")]
['De Noord-Koreaanse leider Kim Jong-un heeft Donald Trump uitgenodigd voor een top.']
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .config import IngestOptions, default_db_path
from .ingest.pipeline import Progress, ingest, ingest_records
from .models import IngestReport, RawRecord, Timeline
from .store.sqlite import Store

if TYPE_CHECKING:
    from .cluster import ClusterReport
    from .timeline.abstractive import SummaryConfig
    from .timeline.service import RefreshReport


class Archive:
    """Articles in one storyline database, with the operations of the command line."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def ingest(self, *paths: str | Path, options: IngestOptions | None = None, stdin: BinaryIO | None = None,
               progress: Progress | None = None, cluster: bool = False, timelines: bool | None = None,
               **option_values: Any) -> IngestReport:
        """Ingest files, directories, globs or '-' for standard input; with `cluster`, assign new articles to stories.

        `timelines` (default: as `cluster`) rebuilds the stored timelines of the stories that changed;
        a stream of many small runs may switch it off and refresh once at the end (`refresh_timelines`).
        """
        if options is None:
            options = IngestOptions(**option_values)
        report = ingest(self.store, [str(p) for p in paths], options, stdin=stdin, progress=progress)
        return self.after_ingest(report, cluster, timelines=timelines)

    def ingest_texts(self, texts: Iterable[str], *, location: str = "<python>",
                     options: IngestOptions | None = None, cluster: bool = False) -> IngestReport:
        """Ingest article texts given as strings (title derived from the first line)."""
        records = (RawRecord(location=location, record=str(n), text=t, title_in_text=True)
                   for n, t in enumerate(texts, start=1))
        return self.after_ingest(ingest_records(self.store, records, options), cluster)

    def after_ingest(self, report: IngestReport, cluster: bool, analyse: bool | None = None,
                     timelines: bool | None = None) -> IngestReport:
        """The later stages for the articles a run added: the text stage, then story assignment.

        The text stage runs whenever stories are made (they list their entities), or when asked.
        """
        if (cluster if analyse is None else analyse) and report.new_ids:
            from .text.analyse import analyse_articles

            analyse_articles(self.store, report.new_ids, backend="builtin")
        if cluster and report.new_ids:
            from .cluster import assign

            assign(self.store, report.new_ids)
            if timelines is None or timelines:
                self.refresh_timelines()
        return report

    def ingest_records(self, records: Iterable[dict[str, Any]], *, location: str = "<python>",
                       options: IngestOptions | None = None, cluster: bool = False) -> IngestReport:
        """Ingest dictionaries with the fields of the JSON Lines format (text, title, published, url, id, source, lang)."""
        raws = (RawRecord(location=location, record=str(n), text=r.get("text"), title=r.get("title"),
                          published=r.get("published"), url=r.get("url"), external_id=r.get("id"),
                          outlet=r.get("source"), lang=r.get("lang"))
                for n, r in enumerate(records, start=1))
        return self.after_ingest(ingest_records(self.store, raws, options), cluster)

    def articles(self, *, lang: str | None = None, since: str | None = None, until: str | None = None,
                 limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Articles in publication order (undated last)."""
        return self.store.articles(lang=lang, since=since, until=until, limit=limit, offset=offset)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with all stored fields, or None."""
        return self.store.article(article_id)

    def search(self, query: str, *, limit: int = 20, lang: str | None = None) -> list[dict[str, Any]]:
        """Full-text search, best first, with snippets."""
        return self.store.search(query, limit=limit, lang=lang)

    def stats(self) -> dict[str, Any]:
        """Counts by language, month and source."""
        return self.store.stats()

    # -- stories ----------------------------------------------------------------------------------

    def cluster(self, *, rebuild: bool = False) -> ClusterReport:
        """Assign every article not yet in a story (or, with `rebuild`, all of them again, then replay corrections)."""
        from .cluster import assign
        from .cluster import rebuild as rebuild_all

        report = rebuild_all(self.store) if rebuild else assign(self.store)
        report.timelines = self.refresh_timelines().to_dict()
        return report

    def stories(self, *, since: str | None = None, until: str | None = None, lang: str | None = None,
                entity: str | None = None) -> list[dict[str, Any]]:
        """Stories (id, title, article_ids, event_ids, start, end, languages, entities), most recent first."""
        from .store.stories import list_stories

        return list_stories(self.store, since=since, until=until, lang=lang, entity=entity)

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story with its events and articles (an id or a unique prefix of 4+ characters), or None."""
        from .store.stories import list_stories, resolve_story

        found = resolve_story(self.store, story_id)
        if found is None:
            return None
        story = list_stories(self.store, story_ids=[found])[0]
        story["articles"], story["events"] = self.story_members(found)
        return story

    def story_members(self, story_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The articles (publication order, undated last) and events of the story with exactly this id."""
        rows = self.store.conn.execute(
            "SELECT a.id, a.title, a.lang, a.published, s.event_id, s.pinned, e.title AS event_title "
            "FROM story_assignments s JOIN articles a ON a.id = s.article_id JOIN events e ON e.id = s.event_id "
            "WHERE s.story_id = ? ORDER BY a.published_start IS NULL, a.published_start, a.seq", (story_id,)).fetchall()
        articles = [{k: r[k] for k in ("id", "title", "lang", "published", "event_id")} | {"pinned": bool(r["pinned"])}
                    for r in rows]
        events: dict[str, dict[str, Any]] = {}
        for r in rows:
            e = events.setdefault(r["event_id"], {"id": r["event_id"], "title": r["event_title"], "article_ids": [],
                                                  "start": None, "end": None})
            e["article_ids"].append(r["id"])
            if r["published"]:
                e["start"] = e["start"] or r["published"]
                e["end"] = r["published"]
        return articles, list(events.values())

    def timeline(self, story_id: str, *, max_dates: int | None = None,
                 summary: SummaryConfig | None = None) -> Timeline | None:
        """The dated timeline, headline and summary of one story (an id or unique prefix), or None if unknown.

        The headline is the story's title (`storyline.cluster.titles`), the same as in `stories` and the exports.

        The stored timeline is served while the story is unchanged; otherwise it is built (and stored, unless
        the archive is read-only). With `summary` (see `storyline.timeline.abstractive`), a model server is
        asked for an abstractive summary; on failure the extractive one stays.
        """
        from dataclasses import replace

        from .store.stories import resolve_story, story_title
        from .timeline import service

        found = resolve_story(self.store, story_id)
        if found is None:
            return None
        result = service.get(self.store, found, max_dates)
        title = story_title(self.store, found)
        if title:  # one title per story: the timeline's headline is the story's title
            result.timeline = replace(result.timeline, headline=title)
        return service.with_abstract(self.store, result, summary) if summary is not None else result.timeline

    def refresh_timelines(self) -> RefreshReport:
        """Rebuild the stored timelines of stories whose articles changed, and drop those of vanished stories."""
        from .timeline.service import RefreshReport, refresh

        return RefreshReport() if self.store.readonly else refresh(self.store)

    def merge_stories(self, keep: str, gone: str) -> str:
        """Merge story `gone` into `keep` (recorded as a correction); return the merged story's id."""
        from .cluster import merge_stories

        kept = merge_stories(self.store, keep, gone)
        self.refresh_timelines()
        return kept

    def split_story(self, story_id: str, article_ids: list[str]) -> str:
        """Take these articles out of a story into a new one (recorded as a correction); return its id."""
        from .cluster import split_story

        new = split_story(self.store, story_id, article_ids)
        self.refresh_timelines()
        return new

    def move_article(self, article_id: str, story_id: str) -> str:
        """Move an article into another story (recorded as a correction); return the story id."""
        from .cluster import move_article

        target = move_article(self.store, article_id, story_id)
        self.refresh_timelines()
        return target

    def close(self) -> None:
        """Close the database."""
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self.store.count()


def open_archive(path: str | Path | None = None, *, readonly: bool = False) -> Archive:
    """Open (creating if needed) the archive at `path`, STORYLINE_DB, or the per-user default."""
    return Archive(Store(path if path is not None else default_db_path(), readonly=readonly))
