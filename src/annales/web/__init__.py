"""The web stage: ``annales serve``, a local, read-only UI and JSON API over an event store.

app = create_app("annales.duckdb")      # a Starlette application (e.g. for a test client)
serve("annales.duckdb", port=8765)       # run it with uvicorn on 127.0.0.1

Starlette and uvicorn are the ``web`` extra; they are imported only when these names are used, so
the CLI starts without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annales.web.app import create_app, serve

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from annales.web import app

        return getattr(app, name)
    raise AttributeError(f"module 'annales.web' has no attribute {name!r}")
