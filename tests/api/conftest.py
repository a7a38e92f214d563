"""Fixtures for the API tests: apps over the sample corpus (read-only) and over fresh databases (writable)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from .helpers import app_for, sample_database

TOKEN = "s3cret-token"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_database(tmp_path_factory)


@pytest.fixture(scope="session")
def client(sample_db: Path) -> Iterator[TestClient]:
    """A read-only server (no token) over the sample corpus."""
    with TestClient(app_for(sample_db)) as c:
        yield c


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[TestClient]:
    """A server with a token over a new, empty database."""
    with TestClient(app_for(tmp_path / "new.db", token=TOKEN)) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        yield c
