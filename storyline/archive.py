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

import contextlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from . import stages
from .config import IngestOptions, default_db_path
from .ingest.pipeline import Progress, ingest, ingest_records
from .models import IngestReport, RawRecord, Rejection, Timeline
from .stages import Notify
from .store.sqlite import SEARCH_SECONDS, Store

if TYPE_CHECKING:
    from .cluster import ClusterReport
    from .timeline.abstractive import SummaryConfig
    from .timeline.service import RefreshReport


class Archive:
    """Articles in one storyline database, with the operations of the command line."""

    def __init__(self, store: Store, ner_backend: str | None = None) -> None:
        self.store = store
        self.on_run: Callable[[int | None], None] | None = None  # told the id of each run registered (the CLI's Ctrl-C line)
        self.ner_backend = ner_backend  # None: $STORYLINE_NER_BACKEND, else builtin (text.entities.configured_backend)

    def ingest(self, *paths: str | Path, options: IngestOptions | None = None, stdin: BinaryIO | None = None,
               progress: Progress | None = None, cluster: bool = False, timelines: bool | None = None,
               analyse: bool | None = None, notify: Notify | None = None,
               stage_progress: Callable[[str, int, int | None], None] | None = None,
               **option_values: Any) -> IngestReport:
        """Ingest files, directories, globs or '-' for standard input; with `cluster`, assign articles to stories.

        The later stages (`analyse`: entities and time expressions, default as `cluster`; `cluster`; `timelines`,
        default as `cluster`) also finish what an earlier, interrupted run left (see storyline.stages).
        `timelines=False` leaves the stored timelines for a later `refresh_timelines` (a stream of many
        small runs may refresh once at the end). `notify` receives messages for the user (a wait for the
        clustering lock, the start of the later stages); `stage_progress` hears (stage, done, total or None)
        as the later stages go.
        """
        if options is None:
            options = IngestOptions(**option_values)
        with self._run(cluster, analyse, notify) as active:
            report = ingest(self.store, [str(p) for p in paths], options, stdin=stdin, progress=progress)
            return self._finish(active, report, cluster, analyse, timelines, stage_progress)

    def ingest_texts(self, texts: Iterable[str], *, location: str = "<python>",
                     options: IngestOptions | None = None, cluster: bool = False) -> IngestReport:
        """Ingest article texts given as strings (title derived from the first line)."""
        records = (RawRecord(location=location, record=str(n), text=t, title_in_text=True)
                   for n, t in enumerate(texts, start=1))
        with self._run(cluster, None, None) as active:
            return self._finish(active, ingest_records(self.store, records, options), cluster, None, None)

    @contextlib.contextmanager
    def _run(self, cluster: bool, analyse: bool | None, notify: Notify | None) -> Iterator[stages.ActiveRun]:
        plan = "cluster" if cluster else "analyse" if analyse else "store"
        with stages.run(self.store, plan, notify) as active:
            if self.on_run is not None:
                self.on_run(active.id)
            yield active

    def _finish(self, active: stages.ActiveRun, report: IngestReport, cluster: bool, analyse: bool | None,
                timelines: bool | None,
                progress: Callable[[str, int, int | None], None] | None = None) -> IngestReport:
        do_analyse = cluster if analyse is None else analyse
        if active.notify is not None and cluster:
            waiting = self.store.pending()["cluster"]
            if waiting:
                left = waiting - len(report.new_ids)
                active.say(f"finding entities, dates and stories for {len(report.new_ids)} new articles"
                           + (f" and {left} an earlier run left" if left > 0 else "") + "…")
        stages.finish(self.store, active, analyse=do_analyse, cluster=cluster, timelines=timelines,
                      backend=self.ner_backend, on_progress=progress)
        if cluster and report.new_ids:
            from .store.stories import new_and_grown

            report.new_stories, report.grown_stories = new_and_grown(self.store, report.new_ids)
        return report

    def after_ingest(self, report: IngestReport, cluster: bool, analyse: bool | None = None,
                     timelines: bool | None = None,
                     progress: Callable[[str, int, int | None], None] | None = None) -> IngestReport:
        """The later stages for the articles a run added, and for those earlier runs left: the text stage, then stories.

        The text stage runs whenever stories are made (they list their entities), or when asked. `progress` hears
        (stage, done, total) as the stages go: "entities and dates", "embeddings and stories", "timelines".
        """
        with self._run(cluster, analyse, None) as active:
            if active.id is not None and report.new_ids:
                from .store.progress import claim

                claim(self.store, active.id, report.new_ids)
            active.stage("analysing")
            return self._finish(active, report, cluster, analyse, timelines, progress)

    def finish(self, *, analyse: bool = True, cluster: bool = True, timelines: bool | None = None,
               everything: bool = False, notify: Notify | None = None,
               stage_progress: Callable[[str, int, int | None], None] | None = None) -> stages.StageReport:
        """Finish what interrupted runs left (with `everything`: every waiting article): text stage, stories, timelines."""
        with self._run(cluster, analyse, notify) as active:
            active.stage("analysing")
            return stages.finish(self.store, active, analyse=analyse, cluster=cluster, timelines=timelines,
                                 everything=everything, backend=self.ner_backend, on_progress=stage_progress)

    def pending(self) -> dict[str, int]:
        """How many articles wait for each later stage: analyse, cluster, timelines."""
        return self.store.pending()

    def ingest_records(self, records: Iterable[dict[str, Any] | Rejection], *, location: str = "<python>",
                       options: IngestOptions | None = None, cluster: bool = False) -> IngestReport:
        """Ingest dictionaries with the fields of the JSON Lines format (text, title, published, url, id, source, lang).

        A Rejection among them (a record the caller could not read) is recorded as it is, in its place."""
        raws = (r if isinstance(r, Rejection) else RawRecord(location=location, record=str(n), text=r.get("text"), title=r.get("title"),
                          published=r.get("published"), url=r.get("url"), external_id=r.get("id"),
                          outlet=r.get("source"), lang=r.get("lang"))
                for n, r in enumerate(records, start=1))
        with self._run(cluster, None, None) as active:
            return self._finish(active, ingest_records(self.store, raws, options), cluster, None, None)

    def articles(self, *, lang: str | None = None, since: str | None = None, until: str | None = None,
                 limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Articles in publication order (undated last)."""
        return self.store.articles(lang=lang, since=since, until=until, limit=limit, offset=offset)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with all stored fields, or None."""
        return self.store.article(article_id)

    def search(self, query: str, *, limit: int = 20, lang: str | None = None,
               budget: float | None = SEARCH_SECONDS) -> list[dict[str, Any]]:
        """Full-text search, best first, with snippets: words, "phrases", prefix*, AND/OR/NOT (see
        :mod:`storyline.store.search_query`), stopped after `budget` seconds (:class:`~storyline.errors.SearchTimeout`)."""
        return self.store.search(query, limit=limit, lang=lang, budget=budget)

    def stats(self) -> dict[str, Any]:
        """Counts by language, month and source."""
        return self.store.stats()

    # -- stories ----------------------------------------------------------------------------------

    def cluster(self, *, rebuild: bool = False, notify: Notify | None = None,
                stage_progress: Callable[[str, int, int | None], None] | None = None) -> ClusterReport:
        """Assign every article not yet in a story (or, with `rebuild`, all of them again, then replay corrections).

        `stage_progress` hears (stage, done, total) as the stages go (see `ingest`)."""
        from .cluster import ClusterReport
        from .cluster import rebuild as rebuild_all

        with self._run(True, True, notify) as active:
            if not rebuild:
                active.stage("analysing")
                done = stages.finish(self.store, active, analyse=True, cluster=True, timelines=True, everything=True,
                                     backend=self.ner_backend, on_progress=stage_progress)
                report = done.cluster or ClusterReport()
                report.timelines = done.timelines or self.refresh_timelines().to_dict()
                return report
            active.lock()
            active.stage("clustering")
            tell = stage_progress or (lambda stage, done, total: None)
            report = rebuild_all(self.store, on_progress=lambda done, total: tell("embeddings and stories", done, total))
            active.stage("timelines")
            report.timelines = self.refresh_timelines(lambda done, total: tell("timelines", done, total)).to_dict()
            return report

    def stories(self, *, since: str | None = None, until: str | None = None, lang: str | None = None,
                entity: str | None = None, sort: str = "recent", min_articles: int = 1,
                limit: int | None = None) -> list[dict[str, Any]]:
        """Stories (id, title, article_ids, event_ids, start, end, languages, entities): by default most recently
        active first with one-article stories last; ``sort="size"`` largest first (see ``order_stories``)."""
        from .store.stories import list_stories, order_stories

        return order_stories(list_stories(self.store, since=since, until=until, lang=lang, entity=entity), sort,
                             min_articles=min_articles, limit=limit)

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

    def refresh_timelines(self, on_progress: Callable[[int, int], None] | None = None) -> RefreshReport:
        """Rebuild the stored timelines of stories whose articles changed, and drop those of vanished stories;
        `on_progress` hears (timelines built, timelines to build)."""
        from .timeline.service import RefreshReport, refresh

        return RefreshReport() if self.store.readonly else refresh(self.store, on_progress)

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


def open_archive(path: str | Path | None = None, *, readonly: bool = False, ner_backend: str | None = None) -> Archive:
    """Open (creating if needed) the archive at `path`, STORYLINE_DB, or the per-user default.

    `ner_backend` names the entity backend of its text stage (default: $STORYLINE_NER_BACKEND, else builtin).
    """
    if ner_backend:
        from .text.entities import get_backend

        get_backend(ner_backend)  # an unknown name is a clear error now, not at the first ingest
    return Archive(Store(path if path is not None else default_db_path(), readonly=readonly), ner_backend)
