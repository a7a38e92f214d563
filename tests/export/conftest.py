"""Fixtures of the export tests: the demo's database (built once per session) with a hostile story added."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import demo_run, hostile_database


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The folder `storyline demo` wrote, and its terminal output."""
    return demo_run(tmp_path_factory)


@pytest.fixture(scope="session")
def export_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database plus a one-article story with script in its title, text, outlet and URL."""
    return hostile_database(tmp_path_factory)
