"""annales: political event data from news, with the sentence that proves it.

>>> from annales import code_text
>>> events = code_text("La France condamne les frappes russes.", pub_date="2020-10-01")

The heavy parts (spaCy, DuckDB) load on first use, so ``import annales.model`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from annales.errors import (
    AnnalesError,
    ConfigError,
    DataError,
    IngestError,
    ModelError,
    QueryError,
    StoreError,
)
from annales.model import Actor, Document, Event, IngestProblem, Place, TimeExpression

__version__ = "0.1.0"

if TYPE_CHECKING:
    from annales.pipeline import Coded, code_documents, code_text
    from annales.store import EventQuery, Store, open_store

_LAZY = {
    "Coded": "annales.pipeline",
    "code_documents": "annales.pipeline",
    "code_text": "annales.pipeline",
    "EventQuery": "annales.store",
    "Store": "annales.store",
    "open_store": "annales.store",
}

__all__ = [
    "Actor",
    "AnnalesError",
    "Coded",
    "ConfigError",
    "DataError",
    "Document",
    "Event",
    "EventQuery",
    "IngestError",
    "IngestProblem",
    "ModelError",
    "Place",
    "QueryError",
    "Store",
    "StoreError",
    "TimeExpression",
    "__version__",
    "code_documents",
    "code_text",
    "open_store",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'annales' has no attribute {name!r}")
