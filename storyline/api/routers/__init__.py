"""One router per resource; :func:`core_routers` lists those every installation has."""

from __future__ import annotations

from fastapi import APIRouter


def core_routers() -> list[APIRouter]:
    from . import articles, health, ingest, search, stats

    return [health.router, articles.router, search.router, stats.router, ingest.router]
