"""storyline.preload: the model loaders named for the worker pool's fork server."""

from __future__ import annotations

import logging

import pytest

from storyline import preload
from tests import worker_helpers


def test_names_name_each_loader_by_module_and_function() -> None:
    from storyline.cluster.embed import warm as warm_embeddings
    from storyline.ingest.language import warm as warm_language

    assert preload.names((warm_language, warm_embeddings)) == \
        "storyline.ingest.language:warm,storyline.cluster.embed:warm"


def test_load_calls_each_loader_and_a_failing_one_is_logged_not_raised(caplog: pytest.LogCaptureFixture,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_helpers, "LOADED_BY", None)
    spec = preload.names((worker_helpers.failing_model, worker_helpers.load_model)) + ",tests.no_such_module:warm"
    with caplog.at_level(logging.WARNING, logger="storyline.preload"):
        loaded = preload.load(spec)
    assert loaded == ["tests.worker_helpers:load_model"]
    assert worker_helpers.LOADED_BY is not None
    assert "tests.worker_helpers:failing_model" in caplog.text and "tests.no_such_module:warm" in caplog.text


def test_nothing_is_loaded_without_names() -> None:
    assert preload.load("") == [] and preload.load(" , ") == []


def test_regression_workers_copied_the_preloaded_models_pages_the_fork_server_freezes_them() -> None:
    """The collector of a worker walked the objects inherited from the fork server and wrote to their headers, so
    each page holding one was copied into the worker (session 15: 25 MB of PSS on a 3,000-article stream). The fork
    server (the variable set) now freezes what it loaded; imported elsewhere the module freezes nothing."""
    import os
    import subprocess
    import sys

    code = "import gc, storyline.preload; print(gc.get_freeze_count())"
    counts = []
    for spec in ("gc:collect", ""):  # (any loader: the fork server's variable is set)
        env = {k: v for k, v in os.environ.items() if k != preload.ENV}
        if spec:
            env[preload.ENV] = spec
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        counts.append(int(out.stdout.split()[-1]))
    assert counts[0] > 0 and counts[1] == 0
