"""The worker pool: results in order, the same in or out of process, faults contained to the item that causes them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from storyline import preload, workers
from storyline.errors import ConfigError
from tests import worker_helpers
from tests.resume_helpers import env
from tests.worker_helpers import pid_unit, square_unit


def _failed(item: int, detail: str) -> str:
    return f"failed {item}: {detail}"


def test_default_workers_is_the_number_of_usable_cores() -> None:
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert workers.default_workers() == min(expected or 1, workers.MAX_WORKERS)
    assert workers.resolve(None) == workers.default_workers() and workers.resolve(3) == 3
    with pytest.raises(ConfigError, match="at least 1"):
        workers.resolve(0)


def test_a_small_stage_stays_in_this_process() -> None:
    with workers.Pool(2) as pool:
        assert pool.map(pid_unit, list(range(40)), _failed) == [os.getpid()] * 40
        assert not pool.started


def _fresh_fork_server() -> None:
    """Stop the fork server an earlier test of this process may have started (with other models, or none)."""
    from multiprocessing import forkserver

    forkserver._forkserver._stop()


@pytest.mark.skipif("forkserver" not in __import__("multiprocessing").get_all_start_methods(), reason="no fork server")
def test_workers_start_with_the_models_their_fork_server_loaded_once() -> None:
    _fresh_fork_server()
    with workers.Pool(2, models=(worker_helpers.load_model,), in_process_below=0, unit=4) as pool:
        got = pool.map(worker_helpers.loaded_by_unit, list(range(64)), _failed)
        assert pool.started
    ran = {pid for pid, _ in got}
    loaded_by = {pid for _, pid in got}
    # one process loaded the model for every worker: the fork server, neither a worker nor this process
    assert len(loaded_by) == 1 and loaded_by.isdisjoint(ran) and os.getpid() not in ran | loaded_by
    assert worker_helpers.LOADED_BY is None  # (nothing was loaded here)
    assert preload.ENV not in os.environ  # the server's variable is not left behind


@pytest.mark.skipif("forkserver" not in __import__("multiprocessing").get_all_start_methods(), reason="no fork server")
def test_workers_started_ahead_are_ready_and_a_model_that_fails_in_the_fork_server_is_left_to_the_workers() -> None:
    _fresh_fork_server()
    with workers.Pool(2, models=(worker_helpers.failing_model, worker_helpers.load_model), unit=4) as pool:
        pool.prestart()  # in a thread: this one goes on
        deadline = time.monotonic() + 60
        while not pool.ready() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pool.ready()
        got = pool.map(worker_helpers.loaded_by_unit, list(range(16)), _failed, expected=16)
    assert {pid for _, pid in got}.isdisjoint({pid for pid, _ in got} | {os.getpid()})


def test_regression_workers_grew_with_the_archive_fresh_ones_replace_them_after_recycle_after_units() -> None:
    # Issue 18 (session 16): an archive's workers lived as long as the archive, and each kept what its units left
    # behind (caches of words, freed memory): about 550 -> 690 MB each over a 200,000-article stream. Workers that ran
    # `recycle_after` units are replaced by fresh ones once none is busy: same results, no unit lost or repeated.
    with workers.Pool(2, in_process_below=0, unit=4, models=(), recycle_after=5) as pool:
        first = pool.map(pid_unit, list(range(16)), _failed)  # 4 units: not yet due
        second = pool.map(square_unit, list(range(40)), _failed)  # 10 units, submitted at once: busy, not replaced
        assert pool.recycled == 0 and second == [i * i for i in range(40)]
        third = pool.map(pid_unit, list(range(16)), _failed)  # idle and due: fresh workers run it
        assert pool.recycled == 1
        fourth = pool.map(pid_unit, list(range(8)), _failed)  # the same fresh workers, not due again yet
        assert pool.recycled == 1
    assert os.getpid() not in set(first) | set(third) | set(fourth)
    # (which of the two workers runs which unit is the scheduler's choice: compare the sets, not who ran what)
    fresh = set(third) | set(fourth)
    assert fresh.isdisjoint(first) and len(fresh) <= 2
    with workers.Pool(2, in_process_below=0, unit=4, models=(), recycle_after=0) as never:
        before = set(never.map(pid_unit, list(range(40)), _failed))
        assert set(never.map(pid_unit, list(range(16)), _failed)) <= before and never.recycled == 0


@pytest.mark.slow
def test_results_come_back_in_order_from_the_workers_and_a_dead_worker_costs_only_its_item() -> None:
    items = list(range(100)) + [-1] + list(range(100, 150)) + [10_000]
    with workers.Pool(2, in_process_below=0, unit=8, models=()) as pool:
        pids = set(pool.map(pid_unit, list(range(64)), _failed))
        assert pool.started and os.getpid() not in pids and len(pids) <= 2
        got = pool.map(square_unit, items, _failed)
        assert pool.restarts >= 1
    # The unit with -1 killed its worker twice, so it ran item by item: only -1 is given up.
    assert got[:100] == [i * i for i in range(100)]
    assert got[100].startswith("failed -1: the worker process running it died")
    assert got[101:151] == [i * i for i in range(100, 150)]
    # A unit that raises as a whole is run item by item as well: the exception is the item's reason.
    assert got[151] == "failed 10000: ValueError: unlucky unit"


@pytest.mark.slow
def test_workers_exit_when_their_main_process_is_killed(tmp_path: Path) -> None:
    # Also a script without the `if __name__ == "__main__":` guard: the workers do not run it again.
    script = tmp_path / "unguarded.py"
    script.write_text(textwrap.dedent("""
        import sys, time
        from storyline.workers import Pool
        from tests.worker_helpers import pid_unit
        pool = Pool(2, in_process_below=0, unit=1, models=())
        pids = sorted(set(pool.map(pid_unit, list(range(16)), lambda i, d: -1)))
        print(" ".join(map(str, pids)), flush=True)
        time.sleep(600)
    """))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(),
                            cwd=Path(__file__).resolve().parent.parent)
    try:
        line = proc.stdout.readline().decode() if proc.stdout else ""
        pids = [int(p) for p in line.split()]
        assert pids and -1 not in pids and proc.pid not in pids, (line, proc.stderr.read().decode()[-2000:] if proc.stderr else "")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_running(p) for p in pids):
            time.sleep(0.2)
        assert not any(_running(p) for p in pids), "a worker outlived its killed main process"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_a_pool_killed_while_a_worker_sends_its_result_back_lets_the_process_exit(tmp_path: Path) -> None:
    # Regression (CI, Ctrl-C during story assignment): a worker killed halfway through writing a result left
    # half a message in the result pipe; the executor's manager thread waited for the rest forever, and so did
    # Python's exit handler: the interrupted ingest printed its line and never exited.
    script = tmp_path / "interrupted.py"
    script.write_text(textwrap.dedent(f"""
        import os, time
        from storyline.workers import Pool
        from tests.worker_helpers import half_sent_unit
        mark = os.path.join({str(tmp_path)!r}, "half-sent")
        try:
            with Pool(2, in_process_below=0, unit=1, models=()) as pool:
                pool.submit(half_sent_unit, [mark], lambda i, d: None, remote=True)
                while not os.path.exists(mark):
                    time.sleep(0.01)
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            print("interrupted", flush=True)
    """))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(),
                            cwd=Path(__file__).resolve().parent.parent)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"the process did not exit after its pool was killed: {err.decode()[-2000:]}")
    assert proc.returncode == 0 and out.decode().strip() == "interrupted", err.decode()[-2000:]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")
