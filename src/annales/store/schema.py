"""The tables of an annales store, their version, and how a file is checked before use.

The schema is written once here; every query of the store names these columns, so a change
means a new ``SCHEMA_VERSION`` (and a migration in :func:`prepare`).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

import duckdb

from annales.errors import StoreError
from annales.model import EVENT_TYPES, QUAD_CLASS
from annales.store.fields import ACTOR_FIELDS, EVENT_FIELDS, stored_event_columns

__all__ = [
    "ACTOR_COLUMNS",
    "DOCUMENT_COLUMNS",
    "EVENT_COLUMNS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "TABLES",
    "prepare",
]

# Version 1 is the first layout; version 2 adds the occasions linking events across documents and
# the text vectors they are computed from (:data:`MIGRATIONS`). A file stamped with a larger number
# was written by a newer annales whose columns this code does not know, so it is refused rather
# than half-read.
SCHEMA_VERSION = 2

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "id", "title", "text", "pub_date", "pub_date_source", "url", "lang", "source",
    "status", "status_reason", "coded_at", "annales_version",
)  # fmt: skip

# The events and event_actors columns come from the field table (annales.store.fields).
EVENT_COLUMNS: tuple[str, ...] = stored_event_columns()

ACTOR_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "role", "position", *(f.name for f in ACTOR_FIELDS),
)  # fmt: skip

TABLES = ("meta", "documents", "events", "event_actors", "occasions", "event_vectors")


def _sql_list(values: Iterable[str]) -> str:
    # Only ever fed the constants of annales.model, never user input.
    return ", ".join(f"'{value}'" for value in sorted(values))


# Constraints beyond the type and NOT NULL that the field table gives.
_CONSTRAINTS: dict[str, str] = {
    "id": "PRIMARY KEY",
    "type": f"CHECK (type IN ({_sql_list(EVENT_TYPES)}))",
    "quad_class": f"CHECK (quad_class IN ({_sql_list(set(QUAD_CLASS.values()))}))",
}


def _column_sql(name: str, sql: str, required: bool, constraint: str = "") -> str:
    parts = [f'"{name}"', sql, "NOT NULL" if required else "", constraint]
    return " ".join(part for part in parts if part)


def _event_columns_sql() -> str:
    return ",\n        ".join(
        _column_sql(f.name, f.sql, f.required, _CONSTRAINTS.get(f.name, "")) for f in EVENT_FIELDS
    )


def _actor_columns_sql() -> str:
    return ",\n        ".join(_column_sql(f.name, f.sql, f.required) for f in ACTOR_FIELDS)


_DDL: tuple[str, ...] = (
    """
    CREATE TABLE meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL
    )""",
    """
    CREATE TABLE documents (
        id VARCHAR PRIMARY KEY,
        title VARCHAR NOT NULL,
        text VARCHAR NOT NULL,
        pub_date DATE,
        pub_date_source VARCHAR,
        url VARCHAR,
        lang VARCHAR,
        source VARCHAR,
        status VARCHAR NOT NULL CHECK (status IN ('coded', 'skipped')),
        status_reason VARCHAR,
        coded_at TIMESTAMP NOT NULL,
        annales_version VARCHAR NOT NULL
    )""",
    # date_start/date_end bound the period that ``date`` names ("2018-09" -> Sept 1..30), so that
    # range filters and ordering work on day, month and year granularity alike.
    f"""
    CREATE TABLE events (
        {_event_columns_sql()}
    )""",
    # doc_id is repeated here so that replacing a document's events is an index lookup, not a scan
    # of every actor row in the store.
    f"""
    CREATE TABLE event_actors (
        event_id VARCHAR NOT NULL,
        doc_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL CHECK (role IN ('actor', 'recipient')),
        position INTEGER NOT NULL,
        {_actor_columns_sql()},
        PRIMARY KEY (event_id, role, position)
    )""",
    "CREATE INDEX events_doc_id ON events (doc_id)",
    "CREATE INDEX event_actors_doc_id ON event_actors (doc_id)",
)

# Each step takes a store from version N (the key) to N + 1. Version 2: every event belongs to
# one occasion (a row here; an event without one counts as its own occasion), and each event's
# evidence has a multilingual text vector (512 signed bytes, see annales.merge.embed).
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """
        CREATE TABLE occasions (
            occasion_id VARCHAR NOT NULL,
            event_id VARCHAR PRIMARY KEY,
            score DOUBLE NOT NULL
        )""",
        "CREATE INDEX occasions_occasion_id ON occasions (occasion_id)",
        """
        CREATE TABLE event_vectors (
            event_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            vector BLOB NOT NULL
        )""",
        "CREATE INDEX event_vectors_doc_id ON event_vectors (doc_id)",
    ),
}


def _existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {str(row[0]) for row in rows}


def prepare(con: duckdb.DuckDBPyConnection, path: Path, *, read_only: bool) -> None:
    """Create the tables in an empty database, or check that an existing one is a store we can read.

    Raises StoreError for a database that is not an annales store, one that is incomplete, or one
    written by a newer annales.
    """
    tables = _existing_tables(con)
    if not tables:
        if read_only:
            raise StoreError(
                f"{path} is an empty database, not an annales store; run `annales code`"
            )
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in _DDL + tuple(s for step in MIGRATIONS.values() for s in step):
                con.execute(statement)
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return
    if "meta" not in tables:
        raise StoreError(
            f"{path} is a DuckDB database but not an annales store (it has no meta table); "
            "choose another file for the store"
        )
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        version = int(row[0]) if row else 0
    except ValueError:
        version = 0
    if version < 1:
        raise StoreError(f"{path} has no valid schema version in its meta table; it is damaged")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer annales (store schema {version}, this version reads "
            f"schema {SCHEMA_VERSION}); upgrade annales to read it"
        )
    if version < SCHEMA_VERSION:
        _migrate(con, path, version, read_only=read_only)
        tables = _existing_tables(con)
    missing = sorted(set(TABLES) - tables)
    if missing:
        raise StoreError(f"{path} lacks the table(s) {', '.join(missing)}; it is damaged")


def _migrate(con: duckdb.DuckDBPyConnection, path: Path, version: int, *, read_only: bool) -> None:
    """Bring a store written by an older annales to :data:`SCHEMA_VERSION`, all or nothing.

    Migrations only add tables: documents, events and actors are never rewritten.
    """
    if read_only:
        raise StoreError(
            f"{path} uses store schema {version}, older than this annales (schema "
            f"{SCHEMA_VERSION}); upgrade it once with `annales dedupe --db {path} --rebuild` "
            "(it keeps every document and event)"
        )
    con.execute("BEGIN TRANSACTION")
    try:
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step]:
                con.execute(statement)
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])
        con.execute("COMMIT")
    except duckdb.Error as exc:
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")
        if isinstance(exc, duckdb.InterruptException):
            raise KeyboardInterrupt from None  # rolled back: the store is as it was
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(
            f"cannot upgrade the store {path} from schema {version} to {SCHEMA_VERSION} "
            f"({detail}); it was left unchanged: check that the disk is not full and the file "
            "writable, or keep using an older annales on it"
        ) from exc
