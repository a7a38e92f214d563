"""Models loaded once in the worker pool's fork server, before it forks the workers (`storyline.workers`).

The pool's workers are forked by multiprocessing's fork server. `storyline.workers` starts that server with
this module as its only preload and the pool's model loaders (each stage's `warm` function, as
`module:function` names) in the environment variable `STORYLINE_PRELOAD`; importing this module in the server
calls them. Every worker forked afterwards starts with the models already in memory (copy-on-write: the
weights' pages are shared, not copied), instead of each worker loading lingua, the entity lists and the
sentence encoder again. The workers still call the same loaders when they start, which then find them loaded.
A loader that fails here is logged and left to the workers (where it fails as it would without this).

Imported anywhere else (without the variable) it does nothing.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os

log = logging.getLogger(__name__)
ENV = "STORYLINE_PRELOAD"


def names(models: tuple[object, ...]) -> str:
    """The `STORYLINE_PRELOAD` value for these loaders: `module:function` names, comma-separated."""
    return ",".join(f"{getattr(m, '__module__', '')}:{getattr(m, '__qualname__', '')}" for m in models)


def load(spec: str) -> list[str]:
    """Call each `module:function` of `spec` (a `names` value); returns the names that loaded."""
    loaded = []
    for name in filter(None, (part.strip() for part in spec.split(","))):
        module, _, function = name.partition(":")
        try:
            getattr(importlib.import_module(module), function)()
        except Exception:  # noqa: BLE001 - the workers load it again and meet the error where it belongs
            log.warning("could not preload %s in the worker pool's fork server", name, exc_info=True)
            continue
        loaded.append(name)
    return loaded


load(os.environ.get(ENV, ""))

if os.environ.get(ENV):
    # The models' objects are the fork server's for good: frozen, the collector of a worker never walks them, and so
    # never writes to their headers, which would copy every page holding one into that worker (copy-on-write).
    gc.freeze()
