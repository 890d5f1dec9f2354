"""The web application: routes, the one error handler, security headers, and ``serve``.

The store is opened read-only once per application; every request reads it on its own cursor.
Errors are rendered by one handler (as Datasette does): ``{"error": ...}`` under ``/api/``, an HTML
page elsewhere, never a stack trace. Every response carries a Content-Security-Policy that allows
our own scripts, styles and the API only. A server bound to a loopback address answers only
requests whose ``Host`` names it (127.0.0.1, localhost, [::1] or the address it was given), so that
a web page cannot read the store through DNS rebinding.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
import sys
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from annales.errors import AnnalesError, ConfigError, QueryError
from annales.store import open_store
from annales.web.analyst import actor_page, dyads_page, map_page, trends_page
from annales.web.api import api_routes
from annales.web.markup import html, page
from annales.web.pages import events_page
from annales.web.params import WebError
from annales.web.queries import Aggregates
from annales.web.views import document_page, dyad_page, network_page

__all__ = ["LOOPBACK_NAMES", "SECURITY_HEADERS", "STATIC", "allowed_hosts", "create_app", "serve"]

STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
_log = logging.getLogger("annales.web")
# The names a browser on this machine uses for a loopback server.
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostCheck:
    """ASGI middleware refusing (400) any request whose ``Host`` header is not in ``allowed``."""

    def __init__(self, app: ASGIApp, allowed: Collection[str] | None = None) -> None:
        self.app = app
        self.allowed = frozenset(allowed) if allowed is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.allowed is None or scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("host", "")
        if _host_name(given) in self.allowed:
            await self.app(scope, receive, send)
            return
        response = _error(
            Request(scope, receive),
            400,
            f"this server answers only its own names ({', '.join(sorted(self.allowed))}), not "
            f"the Host {given[:100]!r}; open it as http://127.0.0.1:PORT/",
        )
        await response(scope, receive, send)


def _host_name(header: str) -> str:
    """The host of a ``Host`` header without its port: ``[::1]:8765`` is ``[::1]``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0].rstrip(".")


def allowed_hosts(host: str) -> frozenset[str] | None:
    """The ``Host`` names a server listening on ``host`` answers: for a loopback address, the
    loopback names and ``host`` itself; None (any) for other addresses, whose names are unknown."""
    if not _is_loopback(host):
        return None
    name = host.strip().lower()
    if ":" in name and not name.startswith("["):
        name = f"[{name}]"
    return LOOPBACK_NAMES | {name}


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    title = "Not found" if status == 404 else "Error"
    body = html(
        '<h1>{title}</h1><p class="error">{message}</p><p><a href="/">Events</a></p>',
        title=title,
        message=message,
    )
    return HTMLResponse(page(title, body), status_code=status)


async def _annales_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, WebError):
        return _error(request, exc.status, str(exc))
    status = 400 if isinstance(exc, QueryError) else 500
    return _error(request, status, str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = f"nothing at {request.url.path}; see /api/openapi.json for the API"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}; use GET"
    else:
        message = str(exc.detail)
    return _error(request, exc.status_code, message)


async def _unexpected(request: Request, exc: Exception) -> Response:
    _log.error("error while answering %s", request.url.path, exc_info=exc)
    response = _error(
        request, 500, "internal error while answering this request; see the server log"
    )
    # This handler answers outside the middleware stack, so it adds the headers itself.
    response.headers.update(SECURITY_HEADERS)
    return response


def create_app(
    db_path: str | os.PathLike[str], *, hosts: Collection[str] | None = None
) -> Starlette:
    """The web UI and JSON API over the store at ``db_path``, opened read-only.

    ``hosts``: the ``Host`` names to answer (see :func:`allowed_hosts`); None answers any (for
    in-process clients and servers behind a proxy). Raises StoreError when the store cannot be
    opened. The store is closed when the application shuts down (the end of ``uvicorn.run`` or
    of a ``with TestClient(app)`` block).
    """
    store = open_store(db_path, read_only=True)
    try:
        aggregates = Aggregates(store)
    except BaseException:
        store.close()
        raise

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    routes = [
        Route("/", events_page, methods=["GET"]),
        Route("/dyad", dyad_page, methods=["GET"]),
        Route("/dyads", dyads_page, methods=["GET"]),
        Route("/trends", trends_page, methods=["GET"]),
        Route("/map", map_page, methods=["GET"]),
        Route("/actors/{code:path}", actor_page, methods=["GET"]),
        Route("/network", network_page, methods=["GET"]),
        Route("/documents/{doc_id:path}", document_page, methods=["GET"]),
        *api_routes(),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders), Middleware(HostCheck, allowed=hosts)],
        exception_handlers={
            AnnalesError: _annales_error,
            HTTPException: _http_error,
            Exception: _unexpected,
        },
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.aggregates = aggregates
    return app


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db_path: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve the web UI for the store at ``db_path`` until interrupted (Ctrl+C).

    Prints the address; warns on stderr when ``host`` is not a loopback address, since the UI has
    no authentication. Raises StoreError (bad store) or ConfigError (bad port).
    """
    import uvicorn

    if not 0 <= port <= 65535:
        raise ConfigError(f"port {port} is not a TCP port; give a number from 1 to 65535")
    app = create_app(db_path, hosts=allowed_hosts(host))
    listener = _listen(host, port)
    if not _is_loopback(host):
        print(
            f"annales: warning: serving on {host} lets other machines read the store "
            f"{db_path}; the UI has no authentication, prefer 127.0.0.1",
            file=sys.stderr,
        )
    shown = f"[{host}]" if ":" in host else host
    port = listener.getsockname()[1]
    print(f"annales: serving {db_path} at http://{shown}:{port}/ (Ctrl+C to stop)", flush=True)
    # Bound here, not by uvicorn, so that a busy port is a ConfigError (exit status 2), not
    # uvicorn's own exit status 3.
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    with listener:
        server.run(sockets=[listener])


def _listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host``:``port``; ConfigError naming the cause when it cannot."""
    address = host.strip("[]")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    try:
        return socket.create_server((address, port), family=family)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(
            f"cannot listen on {host} port {port}: {reason.lower()}; another program (or "
            "another annales serve) may be using it: choose another port with --port"
        ) from None
