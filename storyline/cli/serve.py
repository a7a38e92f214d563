"""`storyline serve`: the API and the web app in one process (FastAPI + uvicorn)."""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import socket

import click

from ..config import ServeOptions
from ..errors import ConfigError, Messages, StorylineError
from ..settings import ENV_CONFIG
from . import Context, main, pass_context


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_port(host: str, port: int) -> None:
    """Fail with one clear line, before anything is printed, when `port` cannot be listened on at `host`."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a closing socket is no user
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(Messages.PORT_IN_USE.format(port=port)) from None
            raise ConfigError(Messages.CANNOT_LISTEN.format(host=host, port=port,
                                                            detail=exc.strerror or exc)) from None


@main.command()
@click.option("--host", default=ServeOptions().host, show_default=True,
              help="Address to listen on; the default is reachable from this machine only ([serve] host).")
@click.option("--port", type=click.IntRange(1, 65535), default=ServeOptions().port, show_default=True,
              help="Port to listen on ([serve] port).")
@click.option("--token", envvar="STORYLINE_TOKEN", default=None, metavar="TOKEN",
              help="Enable write endpoints (POST /api/ingest) for requests with 'Authorization: Bearer TOKEN' "
                   "(default: $STORYLINE_TOKEN; without a token the server only reads).")
@click.option("--allowed-host", "allowed", multiple=True, metavar="NAME",
              help="Also answer requests for this host name (repeatable). Only localhost, 127.0.0.1, [::1], the "
                   "--host value and these are answered; others get 400 (against DNS rebinding).")
@pass_context
@click.pass_context
def serve(ctx: click.Context, obj: Context, host: str, port: int, token: str | None, allowed: tuple[str, ...]) -> None:
    """Serve the web app and the JSON API over the database (Ctrl-C stops).

    Options not typed here take the [serve] settings ('storyline config'), else the defaults shown."""
    obj.given(ctx, host="serve.host", port="serve.port", allowed="serve.allowed_hosts")
    settings = obj.settings().serve
    host, port, allowed = settings.host, settings.port, settings.allowed_hosts
    try:
        import uvicorn

        from ..web import create_app
    except ImportError as exc:  # pragma: no cover - both are dependencies; a broken install says so
        raise StorylineError(f"the web server needs {exc.name}; reinstall storyline (pip install -e .)") from exc
    if not token and not obj.db.exists():
        raise StorylineError(f"database {obj.db} does not exist; ingest articles first ('storyline --db {obj.db} "
                             f"ingest PATH'), or start with --token to fill it through POST /api/ingest")
    _check_port(host, port)
    if obj.config is not None:  # the app opens the archive itself: it reads the same settings file
        os.environ[ENV_CONFIG] = str(obj.config)
    app = create_app(obj.db, token=token or None, allowed_hosts=(host, *allowed))
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"storyline is serving {obj.db} at http://{shown}:{port}/  (API: http://{shown}:{port}/api; "
               f"write endpoints {'on, with the token' if token else 'off'}). Ctrl-C stops.", err=True)
    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}: everyone who can reach this machine can read the archive", err=True)
        if not allowed:
            click.echo("note: only requests for localhost, 127.0.0.1, [::1] and the --host value are answered; "
                       "give the names others use to reach this machine with --allowed-host NAME", err=True)
    verbose = logging.getLogger().getEffectiveLevel() <= logging.INFO
    uvicorn.run(app, host=host, port=port, log_level="info" if verbose else "warning", access_log=verbose,
                server_header=False)
