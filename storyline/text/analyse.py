"""The text stage: entities and time mentions for stored articles (computed here, stored by the store)."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any

from ..errors import Reasons, describe_exception
from ..models import Entity, TimeMention
from ..workers import Job, Pool
from .furniture import generic_title, is_page_furniture
from .ner import configured_backend, extract_entities
from .timex import extract_time_mentions

WORKER_BACKENDS = ("builtin",)  # backends run in worker processes; the others (a Frog server each) stay here

log = logging.getLogger(__name__)


def analyse_text(text: str, lang: str | None, published: str | None, precision: str | None,
                 backend: str | None = None) -> tuple[list[Entity], list[TimeMention]]:
    """Entities and time mentions of one article text; pure, no I/O.

    >>> ents, times = analyse_text("Kim Jong-un ontmoet Donald Trump op 12 juni in Singapore.", "nl", "2018-05", "month")
    >>> [t.value for t in times]
    ['2018-06-12']
    """
    language = lang if lang in ("nl", "en", "de") else "en"
    entities = extract_entities(text, language, backend=backend)
    mentions = extract_time_mentions(text, language, published, precision)
    return entities, mentions


Analysed = tuple[str, list[Entity], list[TimeMention]]


def analysed_text(title: str | None, text: str) -> str:
    """What the text stage reads of an article: its text, or for page furniture (a cookie wall, a web archive's note,
    a site menu: `storyline.text.furniture.is_page_furniture`) its headline alone, since the text is what a crawler
    saw instead of the article ("Internet Archive" and "Wayback Machine" are no names of the story).

    >>> analysed_text("Brand in Venlo", "Focused crawls are collections of web crawl data. The WARC files are kept.")
    'Brand in Venlo'
    >>> analysed_text("Brand in Venlo", "In Venlo is dinsdag een loods afgebrand.")
    'In Venlo is dinsdag een loods afgebrand.'
    """
    if title is not None and is_page_furniture(title, text):
        return "" if generic_title(title) else title
    return text


def analyse_unit(backend: str, items: list[dict[str, Any]]) -> list[Analysed]:
    """`analyse_text` over a unit of stored articles (id, title, text, lang, published, published_precision; see
    `analysed_text`): a worker's
    task. An article that makes it fail is kept without entities and time mentions (a warning says why)."""
    out: list[Analysed] = []
    for art in items:
        try:
            entities, mentions = analyse_text(analysed_text(art.get("title"), art["text"]), art["lang"],
                                              art["published"], art["published_precision"], backend=backend)
        except Exception as exc:  # one article never stops the stage: it is kept, without annotations
            log.warning("text stage: article %s could not be analysed (%s); kept without entities and time "
                        "mentions", art["id"], describe_exception(exc))
            log.debug("text stage failure for %s", art["id"], exc_info=True)
            entities, mentions = [], []
        out.append((art["id"], entities, mentions))
    return out


def _died(art: dict[str, Any], detail: str) -> Analysed:
    log.warning("text stage: %s", Reasons.format("R191", article_id=art["id"], detail=detail,
                                                   what="entities and time mentions"))
    return art["id"], [], []


def analyse_articles(store: Any, ids: list[str] | None = None, *, backend: str | None = None,
                     force: bool = False, progress: Callable[[int], None] | None = None,
                     pool: Pool | None = None, workers: int | None = 1) -> int:
    """Run the text stage on `ids` (default: every article not analysed yet) and store the results.

    The articles are analysed in `pool`'s worker processes (else in a pool of `workers` for this call) when
    there are enough of them and the backend is the built-in one (Frog runs as a server of its own); the
    results are stored here, batch by batch in store order.
    """
    from ..store.annotations import pending_articles, pending_count, save_annotations

    backend = configured_backend(backend)[0]
    if pool is None:
        with Pool(workers, models=(warm,)) as own:
            return analyse_articles(store, ids, backend=backend, force=force, progress=progress, pool=own)
    total = len(ids) if ids is not None else pending_count(store, backend=backend, force=force)
    task = partial(analyse_unit, backend)
    in_workers = backend in WORKER_BACKENDS
    done = 0
    ahead: deque[Job] = deque()

    def save(job: Job) -> None:
        nonlocal done
        results = job.result()
        save_annotations(store, results, backend)
        done += len(results)
        if progress is not None:
            progress(len(results))

    # The next batches are analysed while this process stores the one before (at most a few ahead).
    for batch in pending_articles(store, ids, backend=backend, force=force):
        if in_workers:
            ahead.append(pool.submit(task, batch, _died, expected=total))
        else:
            ahead.append(Pool(1).submit(task, batch, _died))
        while ahead and (len(ahead) > (pool.workers if pool.started else 0)):
            save(ahead.popleft())
    while ahead:
        save(ahead.popleft())
    log.info("text stage: %d articles analysed with backend %s", done, backend)
    return done


def warm() -> None:
    """Load the text stage's lists now (once per worker process: `storyline.workers`)."""
    analyse_text("De Noord-Koreaanse leider Kim Jong-un ontmoet Donald Trump op 12 juni in Singapore.", "nl", "2018-05", "month", backend="builtin")
