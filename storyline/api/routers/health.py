"""GET /api/health: is the database readable, what does this server offer."""

from __future__ import annotations

from fastapi import APIRouter

from ... import __version__
from ..deps import ReaderDep, StateDep
from ..schemas import ErrorOut, HealthOut

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health", response_model=HealthOut, responses={503: {"model": ErrorOut}})
def health(archive: ReaderDep, st: StateDep) -> HealthOut:
    """Liveness and what this server offers: article count, schema version, write access, features."""
    return HealthOut(status="ok", version=__version__, database=st.db_path.name, articles=len(archive),
                     schema_version=archive.schema_version(), writes_enabled=st.writes_enabled,
                     features=st.features, pending=archive.pending())
