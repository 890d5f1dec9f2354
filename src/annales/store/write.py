"""Replacing documents and their events in one transaction.

Rows go to DuckDB as Arrow tables rather than row by row: a statement costs DuckDB about as much
for one row as for a thousand, so a batch of documents (a Dask partition, a corpus) is written in
a handful of statements, and a single document in five.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from annales.errors import StoreError
from annales.model import EVENT_TYPES, Document, Event
from annales.store import occasions
from annales.store.rows import actor_rows, document_row, event_row
from annales.store.schema import ACTOR_COLUMNS, DOCUMENT_COLUMNS, EVENT_COLUMNS

__all__ = ["Record", "arrow_schemas", "delete", "describe", "records", "replace"]

_TABLES: dict[str, tuple[str, ...]] = {
    "documents": DOCUMENT_COLUMNS,
    "events": EVENT_COLUMNS,
    "event_actors": ACTOR_COLUMNS,
}
# The name under which a batch is shown to DuckDB while it is copied into a table.
_VIEW = "_annales_batch"


@dataclass(frozen=True)
class Record:
    """What to store for one document: its status and, when coded, its events."""

    document: Document
    status: str  # "coded" or "skipped"
    reason: str | None
    events: tuple[Event, ...]


def _checked(document: Document, events: Iterable[Event]) -> tuple[Event, ...]:
    """The events of ``document`` with duplicate ids dropped (the first is kept).

    The merge stage orders the better evidence first, hence "first wins".
    """
    unique: dict[str, Event] = {}
    for event in events:
        if event.doc_id != document.id:
            raise StoreError(
                f"event {event.id} belongs to document {event.doc_id!r}, not to "
                f"{document.id!r} that is being saved; save it with its own document"
            )
        if event.type not in EVENT_TYPES:
            raise StoreError(
                f"event {event.id} of document {document.id!r} has the unknown type "
                f"{event.type!r}; valid types are {', '.join(EVENT_TYPES)}"
            )
        unique.setdefault(event.id, event)
    return tuple(unique.values())


def records(coded: Iterable[tuple[Document, Iterable[Event]]]) -> list[Record]:
    """Validated records; a document given twice keeps its last events, as two saves would."""
    latest: dict[str, Record] = {}
    for document, events in coded:
        latest.pop(document.id, None)
        latest[document.id] = Record(document, "coded", None, _checked(document, events))
    return list(latest.values())


def arrow_schemas(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The Arrow schema of each table, read from the database so that it cannot drift."""
    schemas: dict[str, Any] = {}
    for table, columns in _TABLES.items():
        names = ", ".join(f'"{name}"' for name in columns)
        schemas[table] = cur.sql(f"SELECT {names} FROM {table} LIMIT 0").to_arrow_table().schema
    return schemas


def _insert(
    cur: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]], schema: Any
) -> None:
    if not rows:
        return
    columns = _TABLES[table]
    batch = pa.table(
        {name: list(values) for name, values in zip(columns, zip(*rows, strict=True), strict=True)},
        schema=schema,
    )
    names = ", ".join(f'"{name}"' for name in columns)
    cur.register(_VIEW, batch)
    # No try/finally: after a failed INSERT the transaction refuses every statement, unregister
    # included, and that error would hide the real one. replace() cleans up after its ROLLBACK.
    cur.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {_VIEW}")
    cur.unregister(_VIEW)


def replace(
    cur: duckdb.DuckDBPyConnection, batch: list[Record], schemas: dict[str, Any], version: str
) -> None:
    """Make each record's document and events the only ones stored under its id, all or nothing,
    and update the occasions around them (:mod:`annales.store.occasions`).

    Raises StoreError (after a rollback) when an event id already belongs to another document or
    a value does not fit its column; other DuckDB errors are left to the caller to word.
    """
    if not batch:
        return
    ids = [record.document.id for record in batch]
    events = [event for record in batch for event in record.events]
    # The text model runs before the transaction, so that the store is not held meanwhile.
    vectors = occasions.event_vector_rows([(r.document, r.events) for r in batch])
    cur.execute("BEGIN TRANSACTION")
    try:
        neighbours = occasions.forget(cur, ids)
        # A single id goes through "= ?" so that DuckDB uses the doc_id indexes.
        where, params = ("= ?", ids[0]) if len(ids) == 1 else ("IN (SELECT unnest(?))", ids)
        for table, column in (
            ("event_actors", "doc_id"),
            ("events", "doc_id"),
            ("documents", "id"),
        ):
            cur.execute(f"DELETE FROM {table} WHERE {column} {where}", [params])
        _insert(
            cur,
            "documents",
            [document_row(r.document, r.status, r.reason, version) for r in batch],
            schemas["documents"],
        )
        _insert(cur, "events", [event_row(event) for event in events], schemas["events"])
        _insert(
            cur,
            "event_actors",
            [row for event in events for row in actor_rows(event)],
            schemas["event_actors"],
        )
        occasions.insert(cur, "event_vectors", ("event_id", "doc_id", "vector"), vectors)
        occasions.update(cur, ids, neighbours)
        cur.execute("COMMIT")
    except BaseException as exc:
        # A failed ROLLBACK (connection gone) must not hide the error that caused it.
        with suppress(duckdb.Error):
            cur.execute("ROLLBACK")
        with suppress(duckdb.Error):
            cur.unregister(_VIEW)
        if isinstance(exc, duckdb.ConstraintException) and "Duplicate key" in str(exc):
            raise StoreError(
                f"cannot save {describe(ids)}: {str(exc).splitlines()[0]}; an event id "
                "is already stored for another document"
            ) from exc
        if isinstance(exc, (pa.ArrowInvalid, pa.ArrowTypeError)):
            raise StoreError(
                f"cannot save {describe(ids)}: a value does not fit its column ({exc})"
            ) from exc
        raise


def delete(cur: duckdb.DuckDBPyConnection, ids: list[str]) -> int:
    """Remove the documents ``ids`` with their events, and regroup the occasions they were part
    of, in one transaction; return how many of them were stored."""
    cur.execute("BEGIN TRANSACTION")
    try:
        neighbours = occasions.forget(cur, ids)
        row = cur.execute("SELECT count(*) FROM documents WHERE id IN (SELECT unnest(?))", [ids])
        found = int((row.fetchone() or (0,))[0])
        for table, column in (
            ("event_actors", "doc_id"),
            ("events", "doc_id"),
            ("documents", "id"),
        ):
            cur.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", [ids])
        occasions.update(cur, [], neighbours)
        cur.execute("COMMIT")
    except BaseException:
        with suppress(duckdb.Error):
            cur.execute("ROLLBACK")
        raise
    return found


def describe(ids: list[str]) -> str:
    """``document 'd1'`` or ``documents 'a', 'b', 'c' and 7 more``, for messages."""
    if len(ids) == 1:
        return f"document {ids[0]!r}"
    shown = ", ".join(repr(doc_id) for doc_id in ids[:3])
    return f"documents {shown}" + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
