"""The registry of entity backends: each tags a document's sentences with IOB2 labels, registered by name.

The backends (`builtin`, `frog`, `hybrid`) register themselves when `storyline.text.ner` is imported, which
importing this module always does first. The backend is chosen by name, else by the environment
(`$STORYLINE_ENTITIES__BACKEND`, `$STORYLINE_NER_BACKEND`), else `builtin` (no system package needed).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Protocol

from ...errors import ConfigError

log = logging.getLogger(__name__)

TYPES = ("PER", "LOC", "ORG", "MISC")
ENV_BACKEND = "STORYLINE_NER_BACKEND"
DEFAULT_BACKEND = "builtin"  # the default of storyline.config.EntityOptions (tests/text/ner/test_backend_setting.py)


class NerBackend(Protocol):
    """What every recogniser provides."""

    name: str

    def available(self) -> tuple[bool, str]:
        """Whether the backend can run here, and why not when it cannot."""
        ...

    def tag(self, sentences: list[list[str]], lang: str) -> list[list[str]]:
        """IOB2 labels (`B-PER`, `I-PER`, `O`, ...) for the tokens of one document's sentences."""
        ...


_FACTORIES: dict[str, Callable[[], NerBackend]] = {}
_INSTANCES: dict[str, NerBackend] = {}


def register_backend(name: str) -> Callable[[Callable[[], NerBackend]], Callable[[], NerBackend]]:
    """Decorator: make a backend factory available under `name`."""

    def deco(factory: Callable[[], NerBackend]) -> Callable[[], NerBackend]:
        _FACTORIES[name] = factory
        return factory

    return deco


def backend_names() -> list[str]:
    """Names of all registered backends."""
    return sorted(_FACTORIES)


def get_backend(name: str | None = None) -> NerBackend:
    """The backend called `name`, else the configured default (`$STORYLINE_NER_BACKEND`, else builtin).

    >>> get_backend("builtin").name
    'builtin'
    >>> get_backend("nope")
    Traceback (most recent call last):
    ...
    storyline.errors.ConfigError: unknown entity backend 'nope'; choose one of builtin, frog, hybrid
    """
    name = configured_backend(name)[0]
    if name not in _FACTORIES:
        raise ConfigError(f"unknown entity backend {name!r}; choose one of {', '.join(sorted(_FACTORIES))}")
    if name not in _INSTANCES:
        _INSTANCES[name] = _FACTORIES[name]()
    return _INSTANCES[name]


def configured_backend(name: str | None = None) -> tuple[str, str]:
    """The entity backend to use and what chose it; the one place that decides, for every command and the API.

    The name given (an archive's setting `entities.backend`, or a command's own `--backend`), else the setting
    as the environment gives it ($STORYLINE_ENTITIES__BACKEND, $STORYLINE_NER_BACKEND), else the default of
    `storyline.config.EntityOptions` (builtin).

    >>> configured_backend("hybrid")
    ('hybrid', 'argument')
    """
    if name:
        return name, "argument"
    # the environment layer of storyline.settings, read here so that the text stage needs no settings module
    # (an archive passes its whole setting, storyline.toml included, as `name`)
    for var in ("STORYLINE_ENTITIES__BACKEND", ENV_BACKEND):
        if os.environ.get(var):
            return os.environ[var], f"${var}"
    return DEFAULT_BACKEND, "default"


def best_backend_name(lang: str = "nl") -> str:
    """The most accurate backend that can run here for `lang` (hybrid, Frog plus name lists, for Dutch)."""
    if lang == "nl" and get_backend("hybrid").available()[0]:
        return "hybrid"
    return "builtin"


def spans_from_iob(labels: list[str]) -> list[tuple[str, int, int]]:
    """(type, first, last + 1) token spans from IOB labels; a stray I- starts a span.

    >>> spans_from_iob(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-MISC"])
    [('PER', 0, 2), ('LOC', 3, 4), ('ORG', 4, 5), ('MISC', 5, 6)]
    """
    out: list[tuple[str, int, int]] = []
    cur: list = []
    for i, label in enumerate(labels):
        if label == "O":  # most tokens: checked first (this runs for every token of every article)
            if cur:
                out.append(tuple(cur))
                cur = []
            continue
        head, kind = label[:2], label[2:] or None
        if head == "B-" or (head == "I-" and (not cur or cur[0] != kind)):
            if cur:
                out.append(tuple(cur))
            cur = [kind, i, i + 1]
        elif head == "I-":
            cur[2] = i + 1
        else:
            if cur:
                out.append(tuple(cur))
            cur = []
    if cur:
        out.append(tuple(cur))
    return out
