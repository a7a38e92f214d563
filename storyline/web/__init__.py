"""The web app: server-rendered pages (Jinja2, autoescaped) and the static files they use.

Everything a page loads is in ``storyline/web/static``; nothing comes from another origin, so the
app works offline. :func:`mount` adds the pages, the static files and the optional feature pages
to an application built by :func:`storyline.api.create_app`.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .render import STATIC_DIR, TEMPLATES_DIR

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "mount"]


def mount(app: FastAPI, extra_routers: list[Any] | tuple[Any, ...] = ()) -> None:
    """Add the web pages, the static files and the pages of optional features to `app`."""
    from .pages import router

    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.include_router(router)
    for extra in extra_routers:
        app.include_router(extra)
