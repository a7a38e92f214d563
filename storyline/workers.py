"""Worker processes for the per-article stages: one pool per run, each worker loading its models once.

The main process stays the only writer of the database and the only owner of the clusterer. It hands the
workers records or article texts in units of `UNIT` items, gets the results back in the order it gave them,
and writes them (see storyline.ingest.pipeline, storyline.text.analyse, storyline.cluster.assign). A unit is
computed by the same pure function whether it runs in a worker or in this process, and the units are cut
from the main process's ordered list, never by the number of workers: 1 or N workers give the same results
to the last bit (the sentence encoder's output depends on the other texts of its batch, and a batch is a unit).

Faults: a Python exception on one item is the unit function's business (each turns it into a rejection or
an empty analysis). A worker that dies (a crash of the interpreter, a signal, the out-of-memory killer)
breaks the pool: it is restarted, the units that were in flight are run again, and the unit that breaks it
a second time is run item by item, so that only the item that kills its worker is given up (`failed`, with
the reason). Ctrl-C belongs to the main process (workers ignore SIGINT); a worker whose main process is
gone (SIGKILL) exits by itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .errors import ConfigError, describe_exception

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")
UNIT = 32  # items per task: large enough to batch the sentence encoder, small enough to spread the work
IN_PROCESS_BELOW = 300  # a stage with fewer items runs in this process: starting workers would cost more
MAX_WORKERS = 64
# Units the workers run before fresh ones replace them, at the first moment none is busy (0: never): what a worker
# keeps from the units it ran (its caches of words, the encoder's and the allocator's freed memory) is bounded by
# this many units, not by the archive (issue 18: the workers of a 200,000-article stream grew from about 550 to
# 690 MB each). The fork server keeps the models, so a fresh worker starts with them (`storyline.preload`).
RECYCLE_AFTER = 1500
DIED = "the worker process running it died ({detail})"


def default_workers() -> int:
    """The number of cores this process may use (`os.process_cpu_count`, else the CPU affinity, else all)."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        n = count()
    else:
        try:
            n = len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            n = os.cpu_count()
    return max(1, min(n or 1, MAX_WORKERS))


def resolve(workers: int | None) -> int:
    """`workers`, or the default when None; a clear error for a number below 1."""
    if workers is None:
        return default_workers()
    if workers < 1:
        raise ConfigError(f"workers must be at least 1, got {workers}")
    return min(workers, MAX_WORKERS)


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _start_fork_server(context: Any, models: Sequence[Callable[[], None]]) -> bool:
    """Start the fork server with `models` loaded in it, unless it runs already; whether it was started now.

    The workers are forked from that server, so they start with the models in memory (copy-on-write) instead
    of each loading them (`storyline.preload`). A server that runs already (another pool of this process
    started it) is used as it is: the workers then load what it lacks themselves, with the same results.
    """
    if not models or context.get_start_method() != "forkserver":
        return False
    from multiprocessing import forkserver

    from . import preload  # (not at the top: importing it in the fork server loads the models, after this module)

    server = getattr(forkserver, "_forkserver", None)
    if server is None or getattr(server, "_forkserver_pid", 0) is not None:
        return False
    before = list(getattr(server, "_preload_modules", ["__main__"]))
    saved = os.environ.get(preload.ENV)
    server.set_forkserver_preload([preload.__name__])
    os.environ[preload.ENV] = preload.names(tuple(models))
    try:
        server.ensure_running()  # the server inherits this environment when it starts
    finally:
        server.set_forkserver_preload(before)
        if saved is None:
            os.environ.pop(preload.ENV, None)
        else:
            os.environ[preload.ENV] = saved
    return True


_MAIN_LOCK = threading.RLock()


@contextmanager
def _main_hidden() -> Iterator[None]:
    """While workers start, hide the main script from multiprocessing, so that they do not import it.

    Workers need only storyline's modules; a script that calls storyline without the
    `if __name__ == "__main__":` guard would otherwise run again in every worker (and fail there).
    """
    with _MAIN_LOCK:  # workers may be started from a background thread (`Pool.prestart`)
        main = sys.modules.get("__main__")
        if main is None:
            yield
            return
        saved: dict[str, Any] = {k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__}
        main.__dict__.pop("__file__", None)
        main.__dict__["__spec__"] = None
        try:
            yield
        finally:
            main.__dict__.pop("__spec__", None)
            main.__dict__.update(saved)


def _exit_with_parent() -> None:
    """Exit this worker when the main process is gone (killed with SIGKILL: nobody else would tell it)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(0)

    threading.Thread(target=watch, name="storyline-parent-watch", daemon=True).start()


def warm(models: Sequence[Callable[[], None]]) -> None:
    """Load the models of these stages now (each stage's `warm` function; loaded once per process and kept).

    The functions are given by the stages (`ingest.language.warm`, `text.analyse.warm`, `cluster.embed.warm`)
    and reach a worker by reference, so this module imports none of them."""
    for load in models:
        load()


def _release_manager(manager: threading.Thread | None, results: Any) -> None:
    """Let the executor's manager thread end after its workers were killed, so that the interpreter can exit.

    A worker killed while it wrote a result leaves half a message in the result pipe; the manager thread then
    waits forever for the rest, and Python's exit handler for process pools waits forever for that thread
    (a Ctrl-C that never returned). Closing this process's own copy of the pipe's writing end (the workers'
    copies died with them) ends that read with EOFError, which the manager takes for a broken pool and ends.
    Should it still not end, it is taken off the exit handler's list: nothing it could still do matters.
    """
    if manager is None or not manager.is_alive():
        return
    writer = getattr(results, "_writer", None)
    if writer is not None:
        try:
            writer.close()
        except OSError:
            pass
    manager.join(timeout=5)
    if manager.is_alive():
        from concurrent.futures import process

        getattr(process, "_threads_wakeups", {}).pop(manager, None)
        log.warning("the worker pool's manager thread did not stop; exiting without it")


def _init_worker(models: tuple[Callable[[], None], ...], level: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's: it stops the pool
    logging.basicConfig(level=level, format="%(levelname)s %(name)s[worker %(process)d]: %(message)s")
    _exit_with_parent()
    try:
        warm(models)
    except Exception:  # a model that cannot load fails the items that need it, contained by their unit function
        log.warning("a worker could not load its models", exc_info=True)


def _ready(items: list[None]) -> list[None]:
    return items


@dataclass
class _Part(Generic[T, R]):
    items: list[T]
    future: Future | None = None
    generation: int = 0
    done: list[R] | None = None


@dataclass
class Job(Generic[T, R]):
    """The units of one `Pool.submit`; `result()` gives one result per item, in the order given."""

    pool: Pool
    fn: Callable[[list[T]], list[R]]
    failed: Callable[[T, str], R]
    parts: list[_Part[T, R]] = field(default_factory=list)

    def result(self) -> list[R]:
        """Wait for every unit; a unit whose worker died is run again (item by item if it breaks a worker again)."""
        out: list[R] = []
        for part in self.parts:
            if part.done is not None:
                out.extend(part.done)
                continue
            assert part.future is not None
            try:
                got = part.future.result()
            except BrokenProcessPool:
                self.pool._broken(part.generation)
                got = self.pool._rescue(self.fn, part.items, self.failed)
            except Exception as exc:  # the unit failed as a whole (its result could not be sent back, ...)
                log.warning("a unit of %d items failed in a worker (%s); running its items one by one",
                            len(part.items), describe_exception(exc))
                got = self.pool._one_by_one(self.fn, part.items, self.failed)
            out.extend(got)
        return out


class Pool:
    """A pool of worker processes for one run, started the first time a stage has enough items for it.

    `workers` 1 (or a stage below `in_process_below` items while no worker runs yet) computes in this
    process, with the same units and functions. Workers that ran `recycle_after` units (default `RECYCLE_AFTER`;
    0: never) are replaced by fresh ones when the next unit is submitted while none is busy (`recycled` counts
    it): the same results (every unit is a pure function of its items), memory bounded per worker.
    """

    def __init__(self, workers: int | None = None, *, models: Sequence[Callable[[], None]] = (),
                 in_process_below: int | None = None, unit: int | None = None,
                 recycle_after: int | None = None) -> None:
        self.workers = resolve(workers)
        self.models = tuple(models)
        self.in_process_below = IN_PROCESS_BELOW if in_process_below is None else in_process_below
        self.unit = UNIT if unit is None else unit
        self.recycle_after = RECYCLE_AFTER if recycle_after is None else recycle_after
        self.recycled = 0  # times the workers were replaced by fresh ones (`recycle_after`)
        self._ran = 0  # units submitted to the current workers
        self._busy: set[Future] = set()  # their units not done yet
        self.restarts = 0
        self._executor: ProcessPoolExecutor | None = None
        self._generation = 0
        self._warming: list[Future] = []
        self._lock = threading.Lock()  # starting workers: this thread or the starter of `prestart`
        self._starter: threading.Thread | None = None

    @property
    def started(self) -> bool:
        """Whether worker processes run."""
        return self._executor is not None

    def prestart(self) -> None:
        """Start the workers now, in the background, while this process works on.

        A thread starts them: the fork server first loads the models (once, for all workers), and the first
        worker's start waits for it."""
        if self.workers > 1 and self._executor is None and self._starter is None:
            self._starter = threading.Thread(target=self._start_workers, name="storyline-pool-start", daemon=True)
            self._starter.start()

    def _start_workers(self) -> None:
        try:
            self._warming = [self._submit(_ready, [None]) for _ in range(self.workers)]
        except Exception as exc:  # the pool was closed meanwhile, ...: the next submit starts the workers again
            log.info("the worker processes could not be started ahead (%s)", describe_exception(exc))

    def ready(self) -> bool:
        """Whether the workers run and have loaded their models."""
        starter = self._starter
        return (self.started and (starter is None or not starter.is_alive())
                and all(f.done() for f in self._warming))

    def parallel(self, expected: int) -> bool:
        """Whether a stage of `expected` items goes to the workers (starting them if needed)."""
        return self.workers > 1 and (self.started or expected >= self.in_process_below)

    def _ensure(self) -> ProcessPoolExecutor:
        if self._executor is None:
            log.info("starting %d worker processes", self.workers)
            # A pool started again after a worker died loads its models when they are first needed: it often
            # runs a few units of one stage only.
            models = self.models if self._generation == 0 else ()
            context = _context()
            _start_fork_server(context, models)
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker,
                                                 initargs=(models, logging.getLogger().level))
        return self._executor

    def _submit(self, fn: Callable[[list[T]], list[R]], unit: list[T]) -> Future:
        with self._lock, _main_hidden():  # processes start inside submit
            self._recycle_if_due()
            future = self._ensure().submit(fn, unit)
            self._ran += 1
            self._busy.add(future)
            future.add_done_callback(self._busy.discard)
            return future

    def _recycle_if_due(self) -> None:
        """Replace the workers by fresh ones once they ran `recycle_after` units and none is busy (no unit lost,
        none waited for); not while workers are being started ahead (`prestart`)."""
        executor = self._executor
        starter = self._starter
        if (executor is None or not self.recycle_after or self._ran < self.recycle_after or self._busy
                or (starter is not None and starter.is_alive())):
            return
        log.info("replacing the %d worker processes by fresh ones after %d units", self.workers, self._ran)
        self._executor, self._ran = None, 0
        executor.shutdown(wait=True)  # (idle: they exit at once)
        self.recycled += 1

    def units(self, items: Sequence[T]) -> Iterator[list[T]]:
        """`items` cut into units, in order."""
        for start in range(0, len(items), self.unit):
            yield list(items[start:start + self.unit])

    def submit(self, fn: Callable[[list[T]], list[R]], items: Sequence[T], failed: Callable[[T, str], R], *,
               expected: int | None = None, remote: bool | None = None) -> Job[T, R]:
        """Start computing `fn` over `items` unit by unit; `expected` (default len(items)) is the stage's size.

        `remote` forces the choice between the workers and this process (the results are the same)."""
        job: Job[T, R] = Job(self, fn, failed)
        if remote is None:
            remote = self.parallel(len(items) if expected is None else expected)
        remote = remote and self.workers > 1
        for unit in self.units(items):
            if remote:
                job.parts.append(_Part(unit, self._submit(fn, unit), self._generation))
            else:
                job.parts.append(_Part(unit, done=fn(unit)))
        return job

    def map(self, fn: Callable[[list[T]], list[R]], items: Sequence[T], failed: Callable[[T, str], R], *,
            expected: int | None = None) -> list[R]:
        """`fn` over `items`, one result per item in order (see `submit`)."""
        return self.submit(fn, items, failed, expected=expected).result()

    # -- faults -----------------------------------------------------------------------------------

    def _broken(self, generation: int) -> None:
        """A worker of `generation` died: replace the pool (once per generation)."""
        if generation != self._generation or self._executor is None:
            return
        log.warning("a worker process died; starting a new pool and running its work again")
        self._stop(kill=True)
        self._generation += 1
        self.restarts += 1

    def _rescue(self, fn: Callable[[list[T]], list[R]], items: list[T], failed: Callable[[T, str], R]) -> list[R]:
        """Run a unit whose worker died once more; if it kills a worker again, item by item."""
        generation = self._generation
        try:
            return self._submit(fn, items).result()
        except BrokenProcessPool:
            self._broken(generation)
        except Exception as exc:
            log.warning("a unit failed in a worker (%s); running its items one by one", describe_exception(exc))
        return self._one_by_one(fn, items, failed)

    def _one_by_one(self, fn: Callable[[list[T]], list[R]], items: list[T], failed: Callable[[T, str], R]) -> list[R]:
        out: list[R] = []
        for item in items:
            generation = self._generation
            try:
                out.extend(self._submit(fn, [item]).result())
            except BrokenProcessPool:
                self._broken(generation)
                log.warning("an item killed its worker process; it is given up, the others go on")
                out.append(failed(item, DIED.format(detail="killed by a signal or crashed")))
            except Exception as exc:
                out.append(failed(item, describe_exception(exc)))
        return out

    # -- life -------------------------------------------------------------------------------------

    def _stop(self, *, kill: bool) -> None:
        starter, self._starter = self._starter, None
        if starter is not None:  # workers being started ahead: let their start end first (a few seconds at most)
            starter.join()
        executor, self._executor = self._executor, None
        self._ran = 0
        if executor is None:
            return
        if kill:
            processes = list((getattr(executor, "_processes", None) or {}).values())
            manager = getattr(executor, "_executor_manager_thread", None)
            results = getattr(executor, "_result_queue", None)
            executor.shutdown(wait=False, cancel_futures=True)
            for proc in processes:
                if proc.is_alive():
                    proc.kill()
            for proc in processes:
                proc.join(timeout=5)
            _release_manager(manager, results)
        else:
            executor.shutdown(wait=True, cancel_futures=True)

    def close(self, *, kill: bool = False) -> None:
        """Stop the workers (`kill`: at once, without waiting for running units)."""
        self._stop(kill=kill)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        self.close(kill=kind is not None)


@contextmanager
def pool(workers: int | None = None, *, models: Sequence[Callable[[], None]] = ()) -> Iterator[Pool]:
    """A `Pool` for the duration of the block (killed on an exception, Ctrl-C included)."""
    with Pool(workers, models=models) as p:
        yield p
