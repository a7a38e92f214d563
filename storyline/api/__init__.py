"""The HTTP layer of storyline: a JSON API under /api and the web app, served by one process.

``create_app(db_path, token=None)`` builds the FastAPI application; ``storyline serve`` runs it
with uvicorn. Routers live in :mod:`storyline.api.routers` (one module per resource); optional
features (stories, timelines, entities, exports) plug in through :mod:`storyline.api.features`.
"""

from __future__ import annotations

from .app import MAX_BODY_BYTES, create_app

__all__ = ["MAX_BODY_BYTES", "create_app"]
