"""`heron serve`: the dashboard and JSON API over a store, on this machine only unless told."""

from __future__ import annotations

import ipaddress
import socket
from typing import Annotated

import typer

from heron.cli.common import ActorsOpt, ConfigOpt, DbOpt, console, read_settings, reports_errors
from heron.errors import InputError


@reports_errors
def serve(
    db: DbOpt = None,
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port to listen on (0: any free port).")
    ] = 8000,
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on. The default serves this machine only; 0.0.0.0 lets "
            "anyone who can reach it read the store."
        ),
    ] = "127.0.0.1",
    actors: ActorsOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Start the web dashboard and JSON API over the store (opened read-only) and print its URL.
    Stop it with Ctrl+C."""
    import uvicorn

    from heron.web import create_app

    settings = read_settings(config, db=db, actors_file=actors)
    app = create_app(settings=settings)
    sock = _bind(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"Heron dashboard: http://{shown}:{bound}/  (API docs: /api/docs)", err=False)
    console.print(f"serving {settings.db} read-only; Ctrl+C stops the server")
    if not _loopback(host):
        console.print(
            f"[yellow]warning:[/] listening on {host}: anyone who can reach this machine can "
            "read the store"
        )
    # keep idle connections a while: a dashboard page loads its data and the chart library
    # over a few of them, and a browser that reuses one the server just closed sees an error
    options = uvicorn.Config(app, log_level="warning", access_log=False, timeout_keep_alive=30)
    server = uvicorn.Server(options)
    server.run(sockets=[sock])


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket, or an InputError that says what to change."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise InputError(
            f"cannot listen on {host}:{port}: {e.strerror or e}. Pass another --port "
            "(or --port 0 for any free one) or --host"
        ) from e
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
