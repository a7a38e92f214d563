"""The web app: server-rendered pages (Jinja2, autoescaped) and the static files they use.

Everything a page loads is in ``storyline/web/static``; nothing comes from another origin, so the
app works offline. :func:`create_app` builds the JSON API (:func:`storyline.api.create_api`) with the
pages, the static files and the error pages added by :func:`mount`. The pages build on ``storyline.api``;
that package never imports this one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ..api.app import MAX_BODY_BYTES, create_api
from ..api.response_cache import RESPONSES
from ..api.search_gate import SearchGate
from .render import STATIC_DIR, TEMPLATES_DIR

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "create_app", "mount"]


def create_app(db_path: str | Path, token: str | None = None, *, max_body_bytes: int = MAX_BODY_BYTES,
               search: SearchGate | None = None, allowed_hosts: Iterable[str] = ()) -> FastAPI:
    """The storyline web application over the database at `db_path`: the JSON API under /api and the pages.

    The options are those of :func:`storyline.api.create_api`: without `token` the database must exist and
    the server only reads it; with `token` write endpoints require ``Authorization: Bearer TOKEN``.
    Raises :class:`storyline.errors.DatabaseError` when the database cannot be opened.
    """
    return create_api(db_path, token, max_body_bytes=max_body_bytes, search=search, allowed_hosts=allowed_hosts,
                      frontend=mount)


def mount(app: FastAPI) -> None:
    """Add the web pages, the static files and the browser's error pages to an app of :func:`create_api`."""
    from . import entities, stories
    from .i18n import page_variant
    from .pages import error_page, router

    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.include_router(router)
    for extra in (stories.router, entities.router):
        app.include_router(extra)
    app.state.storyline.error_page = error_page
    RESPONSES.page_variant = page_variant
