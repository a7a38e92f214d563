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
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from . import stages
from . import workers as workers_module
from .config import IngestOptions, default_db_path
from .ingest.pipeline import Progress, ingest, ingest_records
from .models import IngestReport, RawRecord, Rejection, Timeline
from .settings import Settings, load_settings
from .stages import Notify
from .store.sqlite import SEARCH_SECONDS, Store

if TYPE_CHECKING:
    from .cluster import ClusterReport
    from .timeline.abstractive import SummaryConfig
    from .timeline.service import RefreshReport


class Archive:
    """Articles in one storyline database, with the operations of the command line."""

    def __init__(self, store: Store, ner_backend: str | None = None, settings: Settings | None = None,
                 workers: int | None = None) -> None:
        self.store = store
        self.on_run: Callable[[int | None], None] | None = None  # told the id of each run registered (the CLI's Ctrl-C line)
        # Every tunable in force (storyline.settings): ingest, entities, cluster, timeline, serve.
        self.settings = settings if settings is not None else load_settings(
            None, overrides={"entities.backend": ner_backend})
        self.ner_backend = self.settings.entities.backend
        # processes for the per-article stages (default: the [ingest] workers setting, else the cores)
        self.workers = workers_module.resolve(workers if workers is not None else self.settings.ingest.workers)
        self._pool: workers_module.Pool | None = None  # started by the first large enough stage, kept until close()

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
            options = replace(self.settings.ingest, **option_values) if option_values else self.settings.ingest
        with self._run(cluster, analyse, notify, options.workers) as active:
            report = ingest(self.store, [str(p) for p in paths], options, stdin=stdin, progress=progress,
                            pool=self._pool)
            return self._finish(active, report, cluster, analyse, timelines, stage_progress)

    def ingest_texts(self, texts: Iterable[str], *, location: str = "<python>",
                     options: IngestOptions | None = None, cluster: bool = False) -> IngestReport:
        """Ingest article texts given as strings (title derived from the first line)."""
        records = (RawRecord(location=location, record=str(n), text=t, title_in_text=True)
                   for n, t in enumerate(texts, start=1))
        with self._run(cluster, None, None, options.workers if options else None) as active:
            return self._finish(active, ingest_records(self.store, records, options or self.settings.ingest,
                                                       pool=self._pool), cluster,
                                None, None)

    @contextlib.contextmanager
    def _run(self, cluster: bool, analyse: bool | None, notify: Notify | None,
             workers: int | None = None) -> Iterator[stages.ActiveRun]:
        """A registered run, with the worker pool of `workers` processes (default: the archive's) ready to start."""
        plan = "cluster" if cluster else "analyse" if analyse else "store"
        wanted = self.workers if workers is None else workers_module.resolve(workers)
        if self._pool is not None and self._pool.workers != wanted:
            self._pool.close()
            self._pool = None
        if self._pool is None:
            from .cluster.embed import warm as warm_embeddings
            from .ingest.language import warm as warm_language
            from .text.analyse import warm as warm_text

            models = (warm_language, warm_text, warm_embeddings) if plan != "store" else (warm_language,)
            self._pool = workers_module.Pool(wanted, models=models)
        try:
            with stages.run(self.store, plan, notify) as active:
                if self.on_run is not None:
                    self.on_run(active.id)
                yield active
        except BaseException:  # Ctrl-C or an error: the workers stop now, not after their current units
            self._pool.close(kill=True)
            self._pool = None
            raise

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
                      backend=self.ner_backend, on_progress=progress, pool=self._pool, weights=self.settings.cluster,
                      timeline=self.settings.timeline)
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
               everything: bool = False, notify: Notify | None = None, workers: int | None = None,
               stage_progress: Callable[[str, int, int | None], None] | None = None) -> stages.StageReport:
        """Finish what interrupted runs left (with `everything`: every waiting article): text stage, stories, timelines."""
        with self._run(cluster, analyse, notify, workers) as active:
            active.stage("analysing")
            return stages.finish(self.store, active, analyse=analyse, cluster=cluster, timelines=timelines,
                                 everything=everything, backend=self.ner_backend, pool=self._pool,
                                 weights=self.settings.cluster, timeline=self.settings.timeline,
                                 on_progress=stage_progress)

    def analyse(self, *, backend: str | None = None, force: bool = False, notify: Notify | None = None,
                workers: int | None = None,
                stage_progress: Callable[[str, int, int | None], None] | None = None) -> int:
        """The text stage (entities, time expressions) for every article not analysed yet with `backend` (default:
        the archive's), or for all of them again with `force`; returns how many were analysed. A run killed
        after storing, which meant to make stories, is finished first, as it would have done it.
        `stage_progress` hears (stage, done, total) as the stages go (see `ingest`)."""
        from .text.analyse import analyse_articles

        done = 0
        if not force and "cluster" in stages.interrupted_plans(self.store):
            done = self.finish(notify=notify, workers=workers, stage_progress=stage_progress).analysed
        total = len(self) if force else self.pending()["analyse"]
        counted = 0

        def step(n: int) -> None:
            nonlocal counted
            counted += n
            if stage_progress is not None:
                stage_progress("entities and dates", counted, total)

        if total:
            step(0)
        with self._run(False, True, None, workers) as active:
            active.stage("analysing")
            return done + analyse_articles(self.store, backend=backend or self.ner_backend, force=force,
                                           progress=step, pool=self._pool)

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
        with self._run(cluster, None, None, options.workers if options else None) as active:
            return self._finish(active, ingest_records(self.store, raws, options or self.settings.ingest,
                                                       pool=self._pool), cluster, None, None)

    def articles(self, *, lang: str | None = None, since: str | None = None, until: str | None = None,
                 limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Articles in publication order (undated last)."""
        return self.store.articles(lang=lang, since=since, until=until, limit=limit, offset=offset)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with all stored fields, or None."""
        return self.store.article(article_id)

    def article_page(self, *, lang: str | None = None, since: str | None = None, until: str | None = None,
                     q: str | None = None, limit: int = 20, offset: int = 0,
                     budget: float | None = None) -> tuple[int, list[dict[str, Any]]]:
        """(total, one page of articles without their text), filtered like `articles` and, with `q`, by a search
        query that may run `budget` seconds (see :func:`storyline.store.listing.article_page`)."""
        from .store.listing import article_page

        return article_page(self.store, lang=lang, since=since, until=until, q=q, limit=limit, offset=offset,
                            budget=budget)

    def latest(self, n: int = 5) -> list[dict[str, Any]]:
        """The `n` most recently published articles, newest first."""
        from .store.listing import latest

        return latest(self.store, n)

    def titles(self, article_ids: list[str]) -> dict[str, str]:
        """Titles of these article ids (those that exist)."""
        from .store.listing import titles

        return titles(self.store, article_ids)

    def story_of(self, article_id: str) -> str | None:
        """Id of the story this article (exact id) is in, or None."""
        from .store.listing import story_id_of

        return story_id_of(self.store, article_id)

    def annotations(self, article: dict[str, Any]) -> dict[str, Any]:
        """Stored entities and time mentions of an article (a dict from `article`); computed on the fly, without
        storing them, for an article the text stage has not seen."""
        from .store.annotations import article_annotations
        from .store.listing import is_analysed
        from .text.analyse import analyse_text, analysed_text

        if is_analysed(self.store, article["id"]):
            return article_annotations(self.store, article["id"])
        entities, mentions = analyse_text(analysed_text(article.get("title"), article["text"]), article["lang"],
                                          article["published"], article["published_precision"])
        return {"entities": [e.to_dict() for e in entities], "time_mentions": [m.to_dict() for m in mentions]}

    def rejections(self) -> list[dict[str, Any]]:
        """Every input that was refused, with its reason."""
        return self.store.rejections()

    def entity_counts(self, *, type_: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Entities by the number of articles that name them (see :func:`storyline.store.annotations.entity_counts`)."""
        from .store.annotations import entity_counts

        return entity_counts(self.store, type_=type_, limit=limit)

    def entity(self, name: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any] | None:
        """One entity as the CLI, the API and the entity pages show it, or None (see
        :func:`storyline.store.entities_query.entity_detail`): types, counts, stories, co-occurring names and a
        page of its articles, newest first."""
        from .store.entities_query import entity_detail

        return entity_detail(self.store.conn, name, limit=limit, offset=offset)

    def run_summary(self, run_id: int | None) -> str:
        """What an interrupted run saved and what waits (see :func:`storyline.stages.summary`)."""
        return stages.summary(self.store, run_id)

    def count_stories(self) -> int:
        """How many stories the database holds."""
        return self.store.count_stories()

    def schema_version(self) -> int:
        """Highest migration applied to the database."""
        return self.store.schema_version()

    def search(self, query: str, *, limit: int = 20, lang: str | None = None,
               budget: float | None = SEARCH_SECONDS) -> list[dict[str, Any]]:
        """Full-text search, best first, with snippets: words, "phrases", prefix*, AND/OR/NOT (see
        :mod:`storyline.store.search_query`), stopped after `budget` seconds (:class:`~storyline.errors.SearchTimeout`)."""
        return self.store.search(query, limit=limit, lang=lang, budget=budget)

    def stats(self) -> dict[str, Any]:
        """Counts by language, month and source."""
        return self.store.stats()

    # -- stories ----------------------------------------------------------------------------------

    def cluster(self, *, rebuild: bool = False, notify: Notify | None = None, workers: int | None = None,
                stage_progress: Callable[[str, int, int | None], None] | None = None) -> ClusterReport:
        """Assign every article not yet in a story (or, with `rebuild`, all of them again, then replay corrections).

        `workers`: processes for the per-article work (default: the archive's); the stories are the same with any
        number. `stage_progress` hears (stage, done, total) as the stages go (see `ingest`)."""
        from .cluster import ClusterReport
        from .cluster import rebuild as rebuild_all

        with self._run(True, True, notify, workers) as active:
            if not rebuild:
                active.stage("analysing")
                done = stages.finish(self.store, active, analyse=True, cluster=True, timelines=True, everything=True,
                                     backend=self.ner_backend, pool=self._pool, weights=self.settings.cluster,
                                     timeline=self.settings.timeline, on_progress=stage_progress)
                report = done.cluster or ClusterReport()
                report.timelines = done.timelines or self.refresh_timelines(pool=self._pool).to_dict()
                return report
            active.lock()
            active.stage("clustering")
            tell = stage_progress or (lambda stage, done, total: None)
            report = rebuild_all(self.store, weights=self.settings.cluster, pool=self._pool,
                                 on_progress=lambda done, total: tell("embeddings and stories", done, total))
            active.stage("timelines")
            report.timelines = self.refresh_timelines(lambda done, total: tell("timelines", done, total),
                                                      pool=self._pool).to_dict()
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
        from .store.listing import story_member_rows

        rows = story_member_rows(self.store, story_id)
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
        from .store.stories import resolve_story, story_title
        from .timeline import service

        found = resolve_story(self.store, story_id)
        if found is None:
            return None
        result = service.get(self.store, found, max_dates, self.settings.timeline)
        title = story_title(self.store, found)
        if title:  # one title per story: the timeline's headline is the story's title
            result.timeline = replace(result.timeline, headline=title)
        return service.with_abstract(self.store, result, summary) if summary is not None else result.timeline

    def refresh_timelines(self, on_progress: Callable[[int, int], None] | None = None,
                          pool: workers_module.Pool | None = None) -> RefreshReport:
        """Rebuild the stored timelines of stories whose articles changed, and drop those of vanished stories;
        `on_progress` hears (timelines built, timelines to build)."""
        from .timeline.service import RefreshReport, refresh

        return RefreshReport() if self.store.readonly else refresh(self.store, self.settings.timeline, pool,
                                                                    on_progress=on_progress)

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
        """Stop the worker processes and close the database."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self.store.count()


def open_archive(path: str | Path | None = None, *, readonly: bool = False, ner_backend: str | None = None,
                 workers: int | None = None, config: str | Path | None = None, settings: Settings | None = None,
                 **sections: Any) -> Archive:
    """Open (creating if needed) the archive at `path`, STORYLINE_DB, or the per-user default.

    Its settings (`Archive.settings`; docs/configuration.md): the keyword arguments `sections` (``ingest``,
    ``entities``, ``cluster``, ``timeline``, ``serve``: a table or an option object each, e.g.
    ``cluster={"year": 0.2}``) and `ner_backend` (= ``entities={"backend": ...}``), over the
    STORYLINE_<SECTION>__<KEY> variables, over `config` (a TOML file; default $STORYLINE_CONFIG, else
    storyline.toml beside the database), over the defaults. `settings` gives them all, read elsewhere.
    Every value is checked now: a bad one is a ConfigError before anything is stored. `workers`: processes
    for the per-article stages (default: the [ingest] workers setting, else the number of cores; 1: this
    process only); a stage with fewer than a few hundred articles runs in this process whatever the number.

    >>> open_archive(":memory:", timeline={"min_entries": 5}).settings.timeline.min_entries
    5
    """
    db = path if path is not None else default_db_path()
    if settings is None:
        settings = load_settings(db, config=config, overrides={**sections, "entities.backend": ner_backend or None})
    return Archive(Store(db, readonly=readonly), settings=settings, workers=workers)
