"""The HTTP layer of storyline: a JSON API under /api and the web app, served by one process.

``create_api(db_path, token=None)`` builds the JSON API; :func:`storyline.web.create_app` builds it with the
web pages, and ``storyline serve`` runs that with uvicorn. Routers live in :mod:`storyline.api.routers` (one
module per resource). The web app builds on this package; nothing here imports :mod:`storyline.web`.
"""

from __future__ import annotations

from .app import MAX_BODY_BYTES, create_api

__all__ = ["MAX_BODY_BYTES", "create_api"]
