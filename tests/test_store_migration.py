"""Stores of schema 1 (before occasions) are upgraded in place, whole or not at all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from annales.errors import StoreError
from annales.model import Actor, Document, Event
from annales.store import SCHEMA_VERSION, open_store


def _report(doc_id: str, title: str, quote: str) -> tuple[Document, list[Event]]:
    document = Document(id=doc_id, title=title, text=quote, pub_date=date(2025, 6, 3))
    event = Event(
        doc_id=doc_id,
        type="AGREE",
        actors=[Actor("KEN", "GOV")],
        recipients=[Actor("ETH", "GOV")],
        date="2025-06-03",
        date_source="text",
        quote=quote,
        sentence=quote,
    )
    return document, [event]


def _schema_one_store(path: Path) -> None:
    """A store as annales wrote it before schema 2: no occasions, no vectors, version 1."""
    french = "Le Kenya et l'Éthiopie ont signé mardi un accord sur les eaux du lac Turkana."
    english = "Kenya and Ethiopia signed an agreement on Tuesday on the waters of Lake Turkana."
    with open_store(path) as store:
        store.save(*_report("k1", "Accord entre Nairobi et Addis", french))
        store.save(*_report("k2", "Kenya, Ethiopia sign water deal", english))
    con = duckdb.connect(str(path))
    try:
        con.execute("DROP TABLE occasions")
        con.execute("DROP TABLE event_vectors")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    finally:
        con.close()


def _version(path: Path) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    finally:
        con.close()
    return str(row[0]) if row else ""


def test_store_migration_upgrades_schema_one_and_keeps_every_event(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _schema_one_store(path)
    with open_store(path) as store:
        assert len(store.events()) == 2  # nothing lost
        assert store.stats()["occasions"] == 2  # not linked yet: each event is its own
        assert store.rebuild_occasions() == 1
        assert [item["num_articles"] for item in store.occasions()] == [2]
    assert _version(path) == str(SCHEMA_VERSION)


def test_store_migration_read_only_names_the_file_and_the_command(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _schema_one_store(path)
    with pytest.raises(StoreError, match=r"old\.duckdb uses store schema 1.*annales dedupe"):
        open_store(path, read_only=True)
    assert _version(path) == "1"


def test_store_migration_that_fails_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _schema_one_store(path)
    con = duckdb.connect(str(path))
    try:  # something of the user's already holds the name of a new table
        con.execute("CREATE VIEW event_vectors AS SELECT 1 AS x")
    finally:
        con.close()
    with pytest.raises(StoreError, match=r"cannot upgrade the store .*old\.duckdb from schema 1"):
        open_store(path)
    assert _version(path) == "1"
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
        events = con.execute("SELECT count(*) FROM events").fetchone()
    finally:
        con.close()
    assert "occasions" not in tables
    assert events == (2,)
