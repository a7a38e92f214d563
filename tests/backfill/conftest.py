"""Fixtures of the backfill tests: the sample corpus ingested the plain way, once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import storyline

# Before Ray is imported: keep 127.0.0.1 as it is. Otherwise Ray replaces a loopback address with this machine's
# network address when connecting, and a cluster kept on loopback cannot be reached.
os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
SAMPLE = str(Path(storyline.__file__).parent / "data" / "sample" / "articles")


@pytest.fixture(scope="session")
def plain_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus after a plain `ingest` with entities, dates, stories and timelines."""
    path = tmp_path_factory.mktemp("plain") / "plain.db"
    with storyline.open(path) as archive:
        archive.ingest(SAMPLE, cluster=True)
    return path
