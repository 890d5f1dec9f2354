"""Stored events as Arrow tables and DataFrames, for pandas, polars and R users.

The events table has the flat columns of CSV and Parquet exports (:data:`FLAT_COLUMNS`); the
actors table has one row per (event, side, actor), so that no one has to split packed cells.
pandas and polars are optional: asking for a frame without them is a clear ConfigError.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from annales.errors import ConfigError
from annales.store import export as exporting
from annales.store.query import EventQuery

if TYPE_CHECKING:
    from annales.store.duck import Store

__all__ = ["actors_table", "events_table", "frame", "make_query"]

_INSTALL = {
    "pandas": "pip install 'annales[frames]' (or pip install pandas)",
    "polars": "pip install polars",
}


def make_query(query: EventQuery | None, filters: dict[str, Any]) -> EventQuery:
    """``query``, or one built from keyword filters as the CLI reads them (``involving="RUS"``,
    ``since="2018-01"``); giving both is an error."""
    if query is not None and filters:
        raise ConfigError("give either an EventQuery or keyword filters, not both")
    return query or EventQuery.from_strings(**filters)


def events_table(store: Store, query: EventQuery) -> Any:
    """A pyarrow Table of the flat rows of the events matching ``query``."""
    with store.cursor("read events into a table") as cur:
        return exporting.flat_reader(cur, query).read_all()


def actors_table(store: Store, query: EventQuery) -> Any:
    """A pyarrow Table, one row per (event, side, actor) of the events matching ``query``."""
    with store.cursor("read actors into a table") as cur:
        return exporting.actors_reader(cur, query).read_all()


def frame(table: Any, library: str = "pandas") -> Any:
    """``table`` as a pandas or polars DataFrame; a ConfigError when the library is missing."""
    if library not in _INSTALL:
        raise ConfigError(f"unknown DataFrame library {library!r}; choose pandas or polars")
    try:
        module = import_module(library)
    except ImportError:
        raise ConfigError(
            f"DataFrames need {library}, which is not installed; {_INSTALL[library]}, "
            "or use to_arrow() for a pyarrow Table"
        ) from None
    if library == "polars":
        return module.from_arrow(table)
    return table.to_pandas()
