"""GET /api/stats: counts by language, month and source."""

from __future__ import annotations

from fastapi import APIRouter

from ..deps import ReaderDep
from ..schemas import StatsOut

router = APIRouter(prefix="/api", tags=["stats"])


@router.get("/stats", response_model=StatsOut)
def stats(archive: ReaderDep) -> StatsOut:
    """What is in the archive: articles, undated, near-duplicates, boilerplate, sources, rejections, and counts
    by language, month (of publication, 'unknown' for undated) and source (the 50 largest)."""
    return StatsOut(**archive.stats())
