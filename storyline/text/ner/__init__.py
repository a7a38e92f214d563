"""Named entities: a registry of backends (`registry`), the backends (`builtin`, `frog`, `hybrid`), the name
lists they share (`gazetteer`, `canonical`), and spans, normalisation and story aggregation (`extract`)."""

from __future__ import annotations

from . import builtin, frog, hybrid  # noqa: F401  (each registers its backend)
from .extract import StoryEntity, aggregate_entities, entities_from_tokens, extract_entities, normalize_entities
from .registry import (
    DEFAULT_BACKEND,
    ENV_BACKEND,
    TYPES,
    NerBackend,
    backend_names,
    best_backend_name,
    configured_backend,
    get_backend,
    register_backend,
    spans_from_iob,
)

__all__ = [
    "DEFAULT_BACKEND", "ENV_BACKEND", "TYPES", "NerBackend", "StoryEntity", "aggregate_entities", "backend_names",
    "best_backend_name", "configured_backend", "entities_from_tokens", "extract_entities", "get_backend",
    "normalize_entities", "register_backend", "spans_from_iob",
]
