"""The API application factory: routers, error handling, limits (:func:`storyline.web.create_app` adds the pages)."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..archive import open_archive
from . import hosts
from .deps import AppState, Writer
from .hosts import HostCheckMiddleware
from .response_cache import CachedAnswersMiddleware
from .routers import all_routers
from .schemas import ErrorOut
from .search_gate import SearchGate, SearchQueueMiddleware

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 10 * 1024 * 1024
# Everything the pages use ships in storyline/web/static: no inline script, no third-party origin.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def _warm(db_path: str | Path) -> None:
    """Compute the story list's snapshot in the background, so that the first visitor of a large archive does not wait."""
    from .story_queries import warm

    try:
        archive = open_archive(db_path, readonly=True)
    except Exception:  # an unreadable database is reported by the requests themselves
        return
    try:
        warm(archive)
    except Exception:
        log.warning("could not prepare the story list at start-up", exc_info=True)
    finally:
        archive.close()


def create_api(db_path: str | Path, token: str | None = None, *, max_body_bytes: int = MAX_BODY_BYTES,
               search: SearchGate | None = None, allowed_hosts: Iterable[str] = (),
               frontend: Callable[[FastAPI], None] | None = None) -> FastAPI:
    """The storyline JSON API over the database at `db_path` (:func:`storyline.web.create_app`: with the web pages).

    Without `token` the database must exist and the server only reads it; write endpoints answer 403.
    With `token`, the database is created if needed and write endpoints require ``Authorization: Bearer TOKEN``.
    `search` sets how many full-text searches run at once, how many wait, and each one's time budget
    (default :class:`~storyline.api.search_gate.SearchGate` ()). Requests are answered only for the host names
    ``localhost``, ``127.0.0.1``, ``[::1]`` and `allowed_hosts` (:mod:`storyline.api.hosts`); others get 400.
    `frontend(app)` adds pages to the app before its error handlers and middleware are installed (the web app
    does: :func:`storyline.web.mount`). Raises :class:`storyline.errors.DatabaseError` when the database cannot be
    opened.
    """
    db_path = Path(db_path)
    token = token or None
    writer = Writer(db_path)
    if token is not None:
        writer.open()  # creates and migrates the database, so that readers find it
    else:
        open_archive(db_path, readonly=True).close()  # fail now, with the reason, rather than on every request
    st = AppState(db_path=db_path, token=token, max_body_bytes=max_body_bytes, writer=writer,
                  search=search or SearchGate())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=_warm, args=(db_path,), daemon=True, name="storyline-warm").start()
        yield
        writer.close()

    app = FastAPI(title="storyline", version=__version__, lifespan=lifespan,
                  description="Browse, search and feed a storyline archive of news articles. Errors are JSON "
                              "objects with a `detail` message. Write endpoints need `Authorization: Bearer TOKEN` "
                              "and are off unless the server was started with a token.",
                  docs_url=None, redoc_url=None)  # the stock docs pages load scripts from a CDN; /api lists the endpoints
    app.state.storyline = st

    for router in all_routers():
        app.include_router(router)
    if frontend is not None:
        frontend(app)
    _install_error_handlers(app)
    _document_errors(app)
    app.add_middleware(SearchQueueMiddleware, gate=st.search)  # innermost: a kept answer never waits for a turn
    app.add_middleware(CachedAnswersMiddleware, db_path=str(db_path))  # kept answers get the headers too
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(HostCheckMiddleware, allowed=hosts.allowed_hosts(extra=allowed_hosts))  # outermost
    return app


def _document_errors(app: FastAPI) -> None:
    """Make /openapi.json say what the API answers on a 422: ``{"detail": "message"}`` (ErrorOut), as on every
    other error, instead of FastAPI's stock list of validation errors (which the handler below replaces)."""
    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas.setdefault("ErrorOut", ErrorOut.model_json_schema())
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    responses = operation.get("responses", {})
                    if "422" in responses:
                        responses["422"] = {"description": "Invalid parameter or body; `detail` says which and why.",
                                            "content": {"application/json": {
                                                "schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
            for name in ("HTTPValidationError", "ValidationError"):
                schemas.pop(name, None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend the schema


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api", "/openapi")) and "text/html" in request.headers.get("accept", "")


def _install_error_handlers(app: FastAPI) -> None:
    def error_page(request: Request, status_code: int, detail: str) -> Response | None:
        """The page a browser gets for an error, when the app has pages (else the JSON answer)."""
        page = request.app.state.storyline.error_page
        return page(request, status_code, detail) if page is not None and _wants_html(request) else None

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"there is nothing at {request.url.path}; the API is under /api (see /api for a list)"
        elif exc.status_code == 405 and detail == "Method Not Allowed":
            detail = f"{request.method} is not allowed on {request.url.path}"
        page = error_page(request, exc.status_code, detail)
        if page is not None:
            return page
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
            parts.append(f"{where}: {err.get('msg', 'invalid value')}" if where else err.get("msg", "invalid value"))
        detail = "invalid request: " + "; ".join(parts)
        page = error_page(request, 422, detail)
        if page is not None:
            return page
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        detail = f"internal error ({type(exc).__name__}); the server log has the details"
        page = error_page(request, 500, detail)
        if page is not None:
            return page
        return JSONResponse({"detail": detail}, status_code=500)


class BodyLimitMiddleware:
    """413 for a request that declares a body larger than the limit (endpoints also count what they read)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            declared = dict(scope.get("headers") or ()).get(b"content-length")
            too_big = False
            if declared is not None:
                try:
                    too_big = int(declared) > self.max_bytes
                except ValueError:
                    response = JSONResponse({"detail": "invalid Content-Length header"}, status_code=400)
                    await response(scope, receive, send)
                    return
            if too_big:
                response = JSONResponse({"detail": f"request body is larger than the {self.max_bytes:,}-byte limit; "
                                                   f"split the batch into smaller ones"}, status_code=413)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and friends on every response: article text can never run as script."""

    HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + self.HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)
