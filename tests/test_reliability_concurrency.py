"""Two processes, one store: a second writer or a reader gets a clear error, never a broken file.

DuckDB lets one process open a file for writing and then no other process may open it, not even
to read. While ``annales code`` runs, every other command on the same ``--db`` must fail with
status 2 and a message that names the file and says why; the workaround (read a copy, or wait
and export) is documented in ``docs/reliability.md`` and tested here.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annales.cli import cli
from annales.model import Document
from annales.store import EventQuery, open_store

ANNALES = Path(sys.executable).with_name("annales")
SENTENCE = "Le président français a rencontré son homologue allemand à Berlin le {n} mars 2022."


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def running_writer(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """``annales code`` on 400 dispatches, started and holding the store; killed at the end."""
    folder = tmp_path / "depeches"
    folder.mkdir()
    for n in range(400):
        (folder / f"{n:03d}.txt").write_text(SENTENCE.format(n=1 + n % 28), encoding="utf-8")
    db = tmp_path / "store.duckdb"
    process = subprocess.Popen(
        [str(ANNALES), "code", str(folder), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    # DuckDB creates the file and locks it in the same call; the header is written right after.
    while not (db.exists() and db.stat().st_size > 0):
        assert process.poll() is None, "the writer stopped before opening the store"
        assert time.monotonic() < deadline, "the writer never opened the store"
        time.sleep(0.05)
    time.sleep(0.3)
    try:
        yield process, db
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


def assert_names_the_writer(result: Result, db: Path) -> None:
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"annales: error: another annales process is writing to {db}")
    assert "wait for it to finish or use a copy" in line


def test_second_writer_and_readers_get_a_clear_error_while_a_batch_is_written(
    running_writer: tuple[subprocess.Popen[bytes], Path], tmp_path: Path
) -> None:
    process, db = running_writer
    (tmp_path / "autre.txt").write_text(SENTENCE.format(n=1), encoding="utf-8")

    assert_names_the_writer(invoke("code", str(tmp_path / "autre.txt"), "--db", str(db)), db)
    assert_names_the_writer(invoke("events", "--db", str(db)), db)
    assert_names_the_writer(invoke("stats", "--db", str(db)), db)
    out = tmp_path / "export.jsonl"
    assert_names_the_writer(invoke("export", "--db", str(db), "--out", str(out)), db)
    assert not out.exists()
    assert process.poll() is None, "the writer must still be running: the errors above are its"
    assert f"(process {process.pid} holds it)" in invoke("events", "--db", str(db)).stderr

    # The workaround: read a copy (both files: the store and its write-ahead log).
    copy = tmp_path / "copie.duckdb"
    shutil.copyfile(db, copy)
    wal = db.with_name(db.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
    result = invoke("stats", "--db", str(copy), "--json")
    assert result.exit_code == 0, result.output

    # The writer was never disturbed: once it is gone the store opens and is whole.
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    with open_store(db, read_only=True) as store:
        documents = store.document_ids()
        events = store.events(EventQuery(include_optional=True))
    assert {event.doc_id for event in events} <= documents


def test_a_reader_does_not_block_another_reader(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    with open_store(db) as store:
        store.save(Document(id="d1", text=SENTENCE.format(n=3)), [])
    with open_store(db, read_only=True) as first, open_store(db, read_only=True) as second:
        assert first.count_events() == second.count_events()
    # Another process can read while this one holds the file read-only.
    with open_store(db, read_only=True):
        reader = subprocess.run(
            [str(ANNALES), "stats", "--db", str(db), "--json"], capture_output=True, text=True
        )
    assert reader.returncode == 0, reader.stderr
