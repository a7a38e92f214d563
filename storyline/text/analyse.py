"""The text stage: entities and time mentions for stored articles (computed here, stored by the store)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..errors import describe_exception
from ..models import Entity, TimeMention
from .entities import configured_backend, extract_entities
from .timex import extract_time_mentions

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


def analyse_articles(store: Any, ids: list[str] | None = None, *, backend: str | None = None,
                     force: bool = False, progress: Callable[[int], None] | None = None) -> int:
    """Run the text stage on `ids` (default: every article not analysed yet) and store the results."""
    from ..store.annotations import pending_articles, save_annotations

    backend = configured_backend(backend)[0]
    done = 0
    for batch in pending_articles(store, ids, backend=backend, force=force):
        results = []
        for art in batch:
            try:
                entities, mentions = analyse_text(art["text"], art["lang"], art["published"],
                                                  art["published_precision"], backend=backend)
            except Exception as exc:  # one article never stops the stage: it is kept, without annotations
                log.warning("text stage: article %s could not be analysed (%s); kept without entities and time "
                            "mentions", art["id"], describe_exception(exc))
                log.debug("text stage failure for %s", art["id"], exc_info=True)
                entities, mentions = [], []
            results.append((art["id"], entities, mentions))
        save_annotations(store, results, backend)
        done += len(results)
        if progress is not None:
            progress(len(results))
    log.info("text stage: %d articles analysed with backend %s", done, backend)
    return done
