"""The web application: routes, the one error handler, security headers, and ``serve``.

The store is opened read-only once per application; every request reads it on its own cursor.
Errors are rendered by one handler (as Datasette does): ``{"error": ...}`` under ``/api/``, an HTML
page elsewhere, never a stack trace. Every response carries a Content-Security-Policy that allows
our own scripts, styles and the API only.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from annales.errors import AnnalesError, ConfigError, QueryError
from annales.store import open_store
from annales.web.api import api_routes
from annales.web.markup import html, page
from annales.web.pages import events_page
from annales.web.params import WebError
from annales.web.queries import Aggregates
from annales.web.views import document_page, dyad_page, network_page

__all__ = ["SECURITY_HEADERS", "STATIC", "create_app", "serve"]

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


def create_app(db_path: str | os.PathLike[str]) -> Starlette:
    """The web UI and JSON API over the store at ``db_path``, opened read-only.

    Raises StoreError when the store cannot be opened. The store is closed when the application
    shuts down (the end of ``uvicorn.run`` or of a ``with TestClient(app)`` block).
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
        Route("/network", network_page, methods=["GET"]),
        Route("/documents/{doc_id:path}", document_page, methods=["GET"]),
        *api_routes(),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
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
    app = create_app(db_path)
    if not _is_loopback(host):
        print(
            f"annales: warning: serving on {host} lets other machines read the store "
            f"{db_path}; the UI has no authentication, prefer 127.0.0.1",
            file=sys.stderr,
        )
    shown = f"[{host}]" if ":" in host else host
    print(f"annales: serving {db_path} at http://{shown}:{port}/ (Ctrl+C to stop)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
