"""Opening a store: creation, schema version, and the errors a user meets with the wrong file."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from annales.errors import StoreError
from annales.model import Document
from annales.store import SCHEMA_VERSION, open_store

# A second process that opens the store for writing and keeps it until its stdin closes.
_HOLDER = """
import sys
from annales.store import open_store
store = open_store(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
store.close()
"""


@pytest.fixture
def held_store(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "annales.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        line = holder.stdout.readline()
        assert line == "ready\n", holder.stderr.read() if holder.stderr else line
        yield path
    finally:
        holder.communicate(timeout=30)
    assert holder.returncode == 0


def test_store_open_creates_the_schema_with_its_version(tmp_path: Path) -> None:
    path = tmp_path / "annales.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    finally:
        con.close()
    assert tables == {"meta", "documents", "events", "event_actors", "occasions", "event_vectors"}
    assert version == (str(SCHEMA_VERSION),)
    with open_store(path) as store:  # reopening keeps what is there
        store.save(Document(id="d1", text="texte"), [])
    with open_store(path, read_only=True) as store:
        assert store.document_ids() == {"d1"}


def test_store_open_second_process_gets_a_clear_error(held_store: Path) -> None:
    with pytest.raises(StoreError, match=r"another annales process is writing to .*annales.duckdb"):
        open_store(held_store)
    # DuckDB locks the whole file: even a reader in another process must wait.
    with pytest.raises(StoreError, match="wait for it to finish or use a copy"):
        open_store(held_store, read_only=True)


def test_store_open_read_only_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nothing.duckdb"
    with pytest.raises(StoreError, match=r"no store at .*nothing.duckdb; run `annales code` first"):
        open_store(path, read_only=True)
    assert not path.exists()


def test_store_open_refuses_a_file_that_is_not_duckdb(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match=r"notes.duckdb is not a DuckDB database"):
        open_store(path)
    assert path.read_text().startswith("these are my notes")


def test_store_open_treats_an_empty_file_as_new(tmp_path: Path) -> None:
    path = tmp_path / "annales.duckdb"
    path.touch()
    with open_store(path) as store:
        assert store.count_events() == 0


def test_store_open_refuses_a_foreign_duckdb_database(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE prices (day DATE, price DOUBLE)")
    con.close()
    with pytest.raises(StoreError, match="a DuckDB database but not an annales store"):
        open_store(path)


def test_store_open_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "annales.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match=r"written by a newer annales.*upgrade annales"):
        open_store(path, read_only=True)


def test_store_open_refuses_directories_and_missing_parents(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match=r"the directory .*missing does not exist"):
        open_store(tmp_path / "missing" / "annales.duckdb")


def test_store_open_same_file_in_two_modes_in_one_process(tmp_path: Path) -> None:
    path = tmp_path / "annales.duckdb"
    with open_store(path) as writer:
        with pytest.raises(StoreError, match="already open in this process"):
            open_store(path, read_only=True)
        # A second read-write Store in the same process shares DuckDB's database instance.
        with open_store(path) as other:
            other.save(Document(id="d1", text="texte"), [])
        assert writer.has_document("d1")


def test_ctrl_c_inside_a_query_stops_the_run_it_is_no_store_failure(tmp_path: Path) -> None:
    # DuckDB turns a SIGINT that lands during a query into its own InterruptException; as a
    # store failure it was recorded as one input failed and the run went on.
    with open_store(tmp_path / "s.duckdb") as store:
        with pytest.raises(KeyboardInterrupt), store.cursor() as cur:
            cur.execute("SELECT 1")
            raise duckdb.InterruptException("INTERRUPT Error: Interrupted!")
        assert store.stats()["documents"]["total"] == 0  # still usable
