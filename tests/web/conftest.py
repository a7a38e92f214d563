"""Fixtures for the web tests: the sample corpus plus hostile articles, served by TestClient or a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.api import create_app

from ..api.helpers import copy_database, insert_raw_article, sample_database


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus plus one hostile article stored without cleaning (see tests/api/helpers.py)."""
    target = tmp_path_factory.mktemp("web") / "storyline.db"
    copy_database(sample_database(tmp_path_factory), target)
    insert_raw_article(target)
    return target


@pytest.fixture(scope="session")
def web(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(web_db)) as c:
        c.headers["Accept"] = "text/html"
        yield c
