"""Optional features that plug into the API and the web app when the library grows them.

A feature is present when :class:`storyline.archive.Archive` has its method (``stories``,
``timeline``, ``export``) or, for entities, when the store has its entity queries
(``storyline.store.entities_query``: the entity tables are part of every schema). Its routers are then imported from the modules named
below, if they exist, and included in the app; the web app shows navigation links only for
present features. Adding a feature is therefore: give ``Archive`` the method, write
``storyline/api/routers/<name>.py`` (and ``storyline/web/<name>.py``) exposing ``router``.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from ..archive import Archive

log = logging.getLogger(__name__)

# feature name -> (Archive method, or "module:attribute", that signals it; API router module; web router module)
FEATURES: dict[str, tuple[str, str, str]] = {
    "stories": ("stories", "storyline.api.routers.stories", "storyline.web.stories"),
    "timelines": ("timeline", "storyline.api.routers.timelines", "storyline.web.timelines"),
    "entities": ("storyline.store.entities_query:entity_detail", "storyline.api.routers.entities",
                 "storyline.web.entities"),
    "export": ("storyline.export:story_document", "storyline.api.routers.export", "storyline.web.export"),
}


def available(archive_class: type = Archive) -> dict[str, bool]:
    """Which optional features this installation has.

    >>> sorted(available(object))
    ['entities', 'export', 'stories', 'timelines']
    >>> [name for name, present in available(object).items() if present]
    ['entities', 'export']
    """
    return {name: _signalled(archive_class, signal) for name, (signal, _, _) in FEATURES.items()}


def _signalled(archive_class: type, signal: str) -> bool:
    if ":" not in signal:
        return hasattr(archive_class, signal)
    module_name, _, attr = signal.partition(":")
    try:
        return hasattr(importlib.import_module(module_name), attr)
    except ModuleNotFoundError:
        return False


def routers(present: dict[str, bool], which: int) -> dict[str, Any]:
    """Feature name -> router, for the present features whose module exists (``which`` = 1: API, 2: web)."""
    found: dict[str, Any] = {}
    for name, spec in FEATURES.items():
        if not present.get(name):
            continue
        module_name = spec[which]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            log.info("feature %s is present in the library but %s does not exist yet", name, module_name)
            continue
        found[name] = module.router
    return found
