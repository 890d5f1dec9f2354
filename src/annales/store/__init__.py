"""The store stage: an embedded DuckDB file of documents and their PLOVER events.

with open_store("annales.duckdb") as store:
    store.save(document, events)
    store.events(EventQuery(involving="RUS", since=date(2018, 1, 1), limit=50))
    store.export("events.parquet", "parquet")
"""

from __future__ import annotations

from annales.store.duck import Store, open_store
from annales.store.export import FLAT_COLUMNS
from annales.store.formats import EXPORT_FORMATS, Format, available_formats, register_format
from annales.store.query import ORDERS, EventQuery
from annales.store.schema import SCHEMA_VERSION

__all__ = [
    "EXPORT_FORMATS",
    "FLAT_COLUMNS",
    "ORDERS",
    "SCHEMA_VERSION",
    "EventQuery",
    "Format",
    "Store",
    "available_formats",
    "open_store",
    "register_format",
]
