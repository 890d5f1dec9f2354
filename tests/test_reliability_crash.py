"""Crash safety: a writer killed (SIGKILL) at any moment leaves a store that opens and is whole.

Two writers are killed over and over: one that calls :meth:`Store.save` / :meth:`Store.save_many`
directly (no language model, so it is fast enough to kill many times in the default run), and
``annales code`` itself (marked ``slow``: each start loads spaCy). After every kill the store must
open, and every document in it must be complete, with exactly the events an uninterrupted run
gives it; a final complete run must give the uninterrupted run's store, event for event.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from annales.errors import StoreError
from annales.model import Actor, Document, Event, Place
from annales.store import open_store

TESTS = Path(__file__).resolve().parent
ANNALES = Path(sys.executable).with_name("annales")

# -- comparing stores ----------------------------------------------------------------------------

_DOCUMENT_COLUMNS = (
    "id, title, text, pub_date, pub_date_source, url, lang, source, status, status_reason, "
    "annales_version"  # coded_at is the only column allowed to differ between two runs
)


def snapshot(db: Path) -> dict[str, Any]:
    """Everything stored, grouped by document, after checking the store opens as a user's would."""
    # First as a reader would, right after the crash (DuckDB replays the write-ahead log in
    # memory), then as the next run would (replayed and written back). Only a store killed while
    # it was being created may refuse a reader, and then it must hold nothing.
    try:
        with open_store(db, read_only=True) as store:
            readable = store.stats()["documents"]["total"]
    except StoreError as error:
        assert "empty" in str(error) or "not a DuckDB database" in str(error), error
        readable = 0
    with open_store(db):
        pass
    con = duckdb.connect(str(db), read_only=True)
    try:
        documents = {
            row[0]: row
            for row in con.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents").fetchall()
        }
        events = con.execute("SELECT * FROM events ORDER BY id").fetchall()
        actors = con.execute("SELECT * FROM event_actors ORDER BY ALL").fetchall()
        orphan_events = con.execute(
            "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone()
        orphan_actors = con.execute(
            "SELECT count(*) FROM event_actors WHERE event_id NOT IN (SELECT id FROM events) "
            "OR doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone()
        duplicates = con.execute("SELECT count(*) - count(DISTINCT id) FROM events").fetchone()
    finally:
        con.close()
    assert orphan_events == (0,), "events whose document is not stored"
    assert orphan_actors == (0,), "actors whose event or document is not stored"
    assert duplicates == (0,), "duplicate event ids"
    assert readable == len(documents), "a reader saw another store than the next run"
    by_doc: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in events:
        by_doc[row[1]].append(row)
    actors_by_doc: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in actors:
        actors_by_doc[row[1]].append(row)
    return {
        doc_id: (document, by_doc.get(doc_id, []), actors_by_doc.get(doc_id, []))
        for doc_id, document in documents.items()
    }


def assert_partial_of(partial: dict[str, Any], reference: dict[str, Any]) -> None:
    """Every document stored is one of the reference's, with exactly its events and actors."""
    assert set(partial) <= set(reference)
    for doc_id, stored in partial.items():
        assert stored == reference[doc_id], f"document {doc_id} differs from the reference"


def kill_loop(
    command: list[str],
    db: Path,
    reference: dict[str, Any],
    *,
    kills: int,
    earliest: float,
    latest: float,
    seed: int,
    fresh_every: int = 4,
) -> list[tuple[bool, int]]:
    """Start ``command`` ``kills`` times and SIGKILL it after a random delay in [earliest, latest].

    After each kill the store must open and hold only whole documents of ``reference``. Every
    ``fresh_every`` runs start from no store at all (a kill can then land while it is created).
    Returns, for each kill, whether the process was still running and how many documents the
    store held, to show that the kills did land mid-run.
    """
    rng = random.Random(seed)
    outcomes: list[tuple[bool, int]] = []
    for number in range(kills):
        if number % fresh_every == 0:
            for path in (db, db.with_name(db.name + ".wal")):
                path.unlink(missing_ok=True)
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=db.parent
        )
        time.sleep(rng.uniform(earliest, latest))
        alive = process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        partial = snapshot(db) if db.exists() else {}
        assert_partial_of(partial, reference)
        outcomes.append((alive, len(partial)))
    return outcomes


def run(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return time.perf_counter() - start


# -- a writer without a model: Store.save and Store.save_many --------------------------------------

_ACTORS = ["FRA", "DEU", "RUS", "UKR", "UN", "EU", "MLI", "NER"]


def synthetic_batch(count: int) -> list[tuple[Document, list[Event]]]:
    """Documents with 0 to 4 events each, the same on every call."""
    rng = random.Random(20240501)
    batch = []
    for number in range(count):
        text = f"Dépêche {number} : le ministre a rencontré son homologue. " * rng.randint(1, 5)
        document = Document(
            id=f"doc-{number:04d}",
            title=f"Titre {number}",
            text=text,
            pub_date=date(2020, 1, 1 + number % 28),
            pub_date_source="record",
            lang="fr",
            source=f"batch.jsonl:{number + 1}",
        )
        events = []
        for position in range(rng.randint(0, 4)):
            actor, recipient = rng.sample(_ACTORS, 2)
            events.append(
                Event(
                    doc_id=document.id,
                    type=rng.choice(["CONSULT", "ACCUSE", "AID", "ASSAULT"]),
                    actors=[Actor(actor, "GOV", text=actor, start=0, end=3)],
                    recipients=[Actor(recipient)],
                    date="2020-01",
                    location=Place("Paris", "FRA") if position % 2 else None,
                    quote=text[:40],
                    sentence=text[:60],
                    start=0,
                    end=40,
                    trigger="rencontré",
                    trigger_start=position * 10,
                    trigger_end=position * 10 + 9,
                    rule="test",
                    coder="test@1",
                    modality="future" if position == 3 else None,
                )
            )
        batch.append((document, events))
    return batch


def write_synthetic(db: str, count: int, per_call: int) -> None:
    """What the killed process runs: save the batch one document (or ``per_call``) at a time."""
    batch = synthetic_batch(count)
    with open_store(db) as store:
        for start in range(0, count, per_call):
            chunk = batch[start : start + per_call]
            if per_call == 1:
                store.save(*chunk[0])
            else:
                store.save_many(chunk)


def synthetic_command(db: Path, count: int, per_call: int) -> list[str]:
    code = (
        f"import sys; sys.path.insert(0, {str(TESTS)!r}); import test_reliability_crash as t; "
        f"t.write_synthetic({str(db)!r}, {count}, {per_call})"
    )
    return [sys.executable, "-c", code]


def _store_kill_loop(tmp_path: Path, *, count: int, kills: int, per_call: int, seed: int) -> None:
    reference_db = tmp_path / "reference.duckdb"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import annales.store"], check=True)
    startup = time.perf_counter() - started
    full = run(synthetic_command(reference_db, count, per_call), tmp_path)
    reference = snapshot(reference_db)
    assert len(reference) == count

    db = tmp_path / "crash.duckdb"
    command = synthetic_command(db, count, per_call)
    outcomes = kill_loop(
        command, db, reference, kills=kills, earliest=startup, latest=full * 1.1, seed=seed
    )
    run(command, tmp_path)
    assert snapshot(db) == reference
    # The kills must have hit mid-run, not only before the first save or after the last.
    assert any(alive and 0 < n < count for alive, n in outcomes), outcomes


def test_store_killed_at_random_moments_stays_whole(tmp_path: Path) -> None:
    _store_kill_loop(tmp_path, count=50, kills=3, per_call=1, seed=1)


@pytest.mark.slow
@pytest.mark.parametrize(("per_call", "count"), [(1, 250), (25, 2000)])
def test_store_killed_many_times_stays_whole_slow(
    tmp_path: Path, per_call: int, count: int
) -> None:
    _store_kill_loop(tmp_path, count=count, kills=25, per_call=per_call, seed=100 + per_call)


# -- `annales code` itself -------------------------------------------------------------------------

_WHO = [
    "Le président français",
    "Le gouvernement malien",
    "La chancelière allemande",
    "Le ministre russe des Affaires étrangères",
    "L'ONU",
    "Les rebelles",
    "La police kényane",
    "Le Premier ministre japonais",
]
_DID = [
    "a rencontré",
    "a condamné",
    "a accusé",
    "a attaqué",
    "a félicité",
    "a menacé",
    "a aidé",
    "a critiqué",
]
_WHOM = [
    "son homologue chinois",
    "le gouvernement ukrainien",
    "les manifestants",
    "l'armée nigérienne",
    "le président américain",
    "l'Union européenne",
]
_WHERE = ["à Paris", "à Bamako", "à Moscou", "à Nairobi", "à Tokyo", ""]


def french_batch(path: Path, count: int, seed: int = 7) -> Path:
    """``count`` short French dispatches of our own, one JSON record per line."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            sentences = [
                f"{rng.choice(_WHO)} {rng.choice(_DID)} {rng.choice(_WHOM)} {rng.choice(_WHERE)}"
                f" le {rng.randint(1, 28)} mars 2022."
                for _ in range(rng.randint(1, 3))
            ]
            record = {
                "id": f"d{number:04d}",
                "title": f"Dépêche {number}",
                "text": " ".join(sentences),
                "pub_date": "2022-03-29",
                "lang": "fr",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def annales_code(batch: Path, db: Path, *extra: str) -> list[str]:
    return [str(ANNALES), "code", str(batch), "--db", str(db), *extra]


def test_annales_code_killed_mid_run_then_rerun_gives_the_same_store(tmp_path: Path) -> None:
    """Fast variant: two kills, each landing after the first documents were saved.

    A malformed line 13 makes ``annales code`` (4 documents per batch) say "skipped ...:13" once
    three batches are saved: the kill comes at a random moment after that line.
    """
    from click.testing import CliRunner

    from annales.cli import cli

    batch = french_batch(tmp_path / "batch.jsonl", 40)
    lines = batch.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(12, "{pas du JSON\n")
    batch.write_text("".join(lines), encoding="utf-8")
    extra = ("--batch-size", "4")

    reference_db = tmp_path / "reference.duckdb"
    result = CliRunner().invoke(cli, annales_code(batch, reference_db, *extra)[1:])
    assert result.exit_code == 1, result.output
    reference = snapshot(reference_db)
    assert len(reference) == 40

    db = tmp_path / "crash.duckdb"
    rng = random.Random(3)
    for _ in range(2):
        process = subprocess.Popen(
            annales_code(batch, db, *extra), stderr=subprocess.PIPE, text=True, cwd=tmp_path
        )
        assert process.stderr is not None
        line = process.stderr.readline()
        assert f"{batch}:13" in line, line
        time.sleep(rng.uniform(0, 0.5))
        assert process.poll() is None, "the run ended before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        process.stderr.close()
        assert_partial_of(snapshot(db), reference)
    assert 12 <= len(snapshot(db)) <= 40
    result = CliRunner().invoke(cli, annales_code(batch, db, *extra)[1:])
    assert result.exit_code == 1
    assert snapshot(db) == reference


@pytest.mark.slow
def test_annales_code_killed_twenty_times_then_rerun_gives_the_same_store(tmp_path: Path) -> None:
    """300 dispatches; 24 SIGKILLs at random moments between model load and the end of a run."""
    batch = french_batch(tmp_path / "batch.jsonl", 300)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from annales.nlp import load_pipeline; load_pipeline('fr')"],
        check=True,
    )
    load = time.perf_counter() - started
    reference_db = tmp_path / "reference.duckdb"
    full = run(annales_code(batch, reference_db), tmp_path)
    reference = snapshot(reference_db)
    assert len(reference) == 300

    db = tmp_path / "crash.duckdb"
    outcomes = kill_loop(
        annales_code(batch, db), db, reference, kills=24, earliest=load, latest=full, seed=11
    )
    run(annales_code(batch, db), tmp_path)
    assert snapshot(db) == reference
    mid_run = [n for alive, n in outcomes if alive and 0 < n < 300]
    assert mid_run, outcomes
    print(f"load {load:.1f} s, full run {full:.1f} s, kills (alive, documents): {outcomes}")
