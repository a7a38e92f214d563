"""One router per resource; :func:`all_routers` lists them."""

from __future__ import annotations

from fastapi import APIRouter


def all_routers() -> list[APIRouter]:
    from . import articles, entities, export, health, ingest, search, stats, stories

    return [health.router, articles.router, search.router, stats.router, ingest.router, stories.router,
            entities.router, export.router]
