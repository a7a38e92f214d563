"""Shared fixtures: paths to ../shared/data (tests that need it skip when it is absent), stores, CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import storyline
from storyline.data import sample_articles_dir, sample_dir

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLINE_SHARED_DATA", ROOT.parent / "shared" / "data"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, skipping the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the evaluation data in ../shared/data beside the project); absent here")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    """The five Dutch reference articles."""
    return shared_path("seeds")


@pytest.fixture
def dfn_file() -> Path:
    """The DFN labelled article file."""
    return shared_path("dfn", "articles.jsonl")


@pytest.fixture
def sample() -> Path:
    """The bundled sample corpus (articles only)."""
    return sample_articles_dir()


@pytest.fixture
def sample_gold() -> Path:
    """Gold labels of the bundled sample corpus."""
    return sample_dir() / "gold.jsonl"


@pytest.fixture
def archive():
    """An empty in-memory archive."""
    with storyline.open(":memory:") as arc:
        yield arc


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file path in a fresh temporary folder."""
    return tmp_path / "test.db"


@pytest.fixture
def runner() -> CliRunner:
    """click's test runner."""
    return CliRunner()


@pytest.fixture(scope="session")
def bilingual_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A database of a Dutch and an English article on one event whose timeline keeps the English sentence as the
    Dutch one's alternative (tests/bilingual_story.py), and the story's id; skips without the multilingual encoder."""
    from .bilingual_story import build_database

    path = tmp_path_factory.mktemp("bilingual") / "storyline.db"
    return path, build_database(path)
