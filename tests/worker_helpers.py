"""Unit functions that kill their worker process on a marked item, for the fault tests of storyline.workers.

They wrap the package's own unit functions. They kill only a worker (a process with a multiprocessing parent),
never the test process itself, and they live in an importable module so that worker processes can load them.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
from typing import Any

from storyline.ingest import prepare
from storyline.text import analyse

assign = importlib.import_module("storyline.cluster.assign")  # the module (storyline.cluster.assign is also a function)

MARK = "dezewerkerstoptnu"  # one word, so that it survives cleaning


def _kill_if_marked(texts: list[str]) -> None:
    if multiprocessing.parent_process() is not None and any(MARK in (t or "") for t in texts):
        os.kill(os.getpid(), signal.SIGKILL)


def prepare_unit(options: Any, now: Any, items: list[Any]) -> list[Any]:
    """`prepare.prepare_unit`, killing its worker when a record's text holds MARK."""
    _kill_if_marked([getattr(i, "text", None) or "" for i in items])
    return prepare.prepare_unit(options, now, items)


def analyse_unit(backend: str, items: list[dict[str, Any]]) -> list[Any]:
    """`analyse.analyse_unit`, killing its worker when an article's text holds MARK."""
    _kill_if_marked([i["text"] for i in items])
    return analyse.analyse_unit(backend, items)


def features_unit(weights: Any, items: list[Any]) -> list[Any]:
    """`assign.features_unit`, killing its worker when an article's text holds MARK."""
    _kill_if_marked([i[2] for i in items])
    return assign.features_unit(weights, items)


def square_unit(items: list[int]) -> list[int]:
    """Squares; a worker given -1 dies (SIGKILL), 10000 makes the whole unit raise."""
    if -1 in items and multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), signal.SIGKILL)
    if 10_000 in items:
        raise ValueError("unlucky unit")
    return [i * i for i in items]


def pid_unit(items: list[int]) -> list[int]:
    """The pid of the process that ran each item."""
    return [os.getpid() for _ in items]


def half_sent_unit(items: list[str]) -> list[None]:
    """Dies (SIGKILL) halfway through sending a result back: it writes the start of a message to the pool's result
    pipe, touches each item (a file path), and kills itself. Only in a worker; in this process it does nothing."""
    if multiprocessing.parent_process() is None:
        return [None for _ in items]
    import gc
    import struct
    from multiprocessing.queues import SimpleQueue

    queue = next(o for o in gc.get_objects() if isinstance(o, SimpleQueue))
    with queue._wlock:  # type: ignore[attr-defined]
        os.write(queue._writer.fileno(), struct.pack("!i", 1000) + b"x" * 10)  # type: ignore[attr-defined]
        for path in items:
            with open(path, "w", encoding="utf-8"):
                pass
        os.kill(os.getpid(), signal.SIGKILL)
    return []


LOADED_BY: int | None = None


def load_model() -> None:
    """A stand-in for a stage's model loader: remembers the process that loaded it (kept by its forks)."""
    global LOADED_BY
    if LOADED_BY is None:
        LOADED_BY = os.getpid()


def failing_model() -> None:
    """A model loader that fails."""
    raise OSError("no such model")


def loaded_by_unit(items: list[int]) -> list[tuple[int, int | None]]:
    """(the pid of the process that ran each item, the pid of the process that loaded its model)."""
    return [(os.getpid(), LOADED_BY) for _ in items]
