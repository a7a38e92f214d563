"""Only requests for the host names the server was started for are answered (against DNS rebinding).

A web page on another site can make the browser send requests to the loopback server under the
page's own host name (its DNS answer switched to 127.0.0.1) and read the answers as same-origin.
The ``Host`` header gives that away: :class:`HostCheckMiddleware` answers 400 to any host name that is
not ``localhost``, ``127.0.0.1``, ``[::1]``, the address the server listens on, or one given with
``--allowed-host`` (with or without a port).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import ServerMessages

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
_PORT = re.compile(r"^(?::\d{1,5})?$")


def normalise_host(name: str) -> str:
    """A host name or address as it is compared: lower case, without brackets or a final dot.

    >>> normalise_host("[::1]"), normalise_host("LocalHost."), normalise_host(" 127.0.0.1 ")
    ('::1', 'localhost', '127.0.0.1')
    """
    name = name.strip().lower()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    return name.rstrip(".")


def host_of(header: str) -> str | None:
    """The host name in a ``Host`` header value (port removed), or None when the value is malformed.

    >>> host_of("localhost:8000"), host_of("[::1]:8000"), host_of("[::1]"), host_of("::1"), host_of("a:b")
    ('localhost', '::1', '::1', None, None)
    """
    value = header.strip()
    if value.startswith("["):
        end = value.find("]")
        if end < 0 or not _PORT.match(value[end + 1:]):
            return None
        name = value[1:end]
    else:
        name, colon, port = value.partition(":")
        if colon and not _PORT.match(colon + port):
            return None
    return normalise_host(name) if name else None


def allowed_hosts(listen: str | None = None, extra: Iterable[str] = ()) -> frozenset[str]:
    """The loopback names, the address the server listens on and the `extra` names, normalised."""
    names = set(LOOPBACK_HOSTS) | {normalise_host(n) for n in extra if n and n.strip()}
    if listen:
        names.add(normalise_host(listen))
    return frozenset(names)


class HostCheckMiddleware:
    """400 for a request whose ``Host`` is not one of `allowed` (HTTP and WebSocket)."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            header = next((v for k, v in scope.get("headers") or () if k == b"host"), None)
            if header is None:
                await self._refuse(ServerMessages.NO_HOST, scope, receive, send)
                return
            raw = header.decode("latin-1")
            name = host_of(raw)
            if name not in self.allowed:
                shown = ", ".join(sorted(f"[{n}]" if ":" in n else n for n in self.allowed))
                hint = name if name else "NAME"
                await self._refuse(ServerMessages.BAD_HOST.format(host=raw[:100], allowed=shown, name=hint[:100]),
                                   scope, receive, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(detail: str, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await JSONResponse({"detail": detail}, status_code=400)(scope, receive, send)
