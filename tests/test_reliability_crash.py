"""Crash safety: a writer killed (SIGKILL) at any moment leaves a store that opens and is whole.

Two writers are killed over and over: one that calls :meth:`Store.save` / :meth:`Store.save_many`
directly (no language model, so it is fast enough to kill many times in the default run), and
``annales code`` itself. After every kill the store must open, and every document in it must be
complete, with exactly the events an uninterrupted run gives it; a final complete run must give
the uninterrupted run's store, event for event.

Kills land at chosen points that the writer itself announces, never after a timer: a timer races
the machine's load (on a busy laptop every kill once landed before the first save, and the test
failed). The synthetic writer says "saving N" before each save and "saved N" after it, and waits
to be killed once it has saved the chosen number; ``annales code`` is killed when it reports a
malformed line placed at the chosen position of its input.
"""

from __future__ import annotations

import json
import random
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


def kill_points(count: int, per_call: int, kills: int, seed: int) -> list[tuple[str, int]]:
    """``kills`` chosen points of a run saving ``count`` documents ``per_call`` at a time.

    ("paused", N): the writer has saved N documents and waits; the kill lands between two
    transactions and the store must hold exactly what was saved. ("saving", N): the writer is
    about to save from document N on; the kill lands inside that transaction or just after it.
    """
    rng = random.Random(seed)
    calls = count // per_call
    return [
        ("paused" if number % 2 == 0 else "saving", per_call * rng.randint(1, calls - 1))
        for number in range(kills)
    ]


def kill_loop(
    command: list[str],
    db: Path,
    reference: dict[str, Any],
    points: list[tuple[str, int]],
    *,
    fresh_every: int = 4,
) -> list[tuple[str, int, int]]:
    """Start ``command`` once per point, SIGKILL it at that point, check the store each time.

    After each kill the store must open and hold only whole documents of ``reference``, at least
    those saved before the point (exactly those, for a paused writer, on top of what earlier runs
    left). Every ``fresh_every`` runs start from no store at all. Returns (mode, point, documents
    stored) for each kill.
    """
    outcomes: list[tuple[str, int, int]] = []
    stored = 0
    for number, (mode, point) in enumerate(points):
        if number % fresh_every == 0:
            for path in (db, db.with_name(db.name + ".wal")):
                path.unlink(missing_ok=True)
            stored = 0
        arguments = [*command, str(point)] if mode == "paused" else command
        expected = f"{'saved' if mode == 'paused' else 'saving'} {point}"
        with subprocess.Popen(
            arguments,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=db.parent,
            text=True,
        ) as process:
            assert process.stdout is not None
            said: list[str] = []
            for line in iter(process.stdout.readline, ""):
                said.append(line.strip())
                if said[-1] == expected:
                    break
            alive = process.poll() is None
            process.kill()
            process.wait(timeout=60)
        assert said and said[-1] == expected, f"the writer ended before {expected!r}: {said}"
        partial = snapshot(db) if db.exists() else {}
        assert_partial_of(partial, reference)
        if mode == "paused":
            assert alive, "a paused writer is alive until killed"
            assert len(partial) == max(stored, point), (mode, point, stored, len(partial))
        else:
            assert len(partial) >= max(stored, point), (mode, point, stored, len(partial))
        stored = len(partial)
        outcomes.append((mode, point, len(partial)))
    return outcomes


def run(command: list[str], cwd: Path, status: int = 0) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == status, done.stderr[-2000:]
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


def write_synthetic(db: str, count: int, per_call: int, pause_after: int | None = None) -> None:
    """What the killed process runs: save the batch one document (or ``per_call``) at a time.

    Says "saving N" before each save and "saved N" after it (N documents from the first), and
    once ``pause_after`` documents are saved waits for its standard input to close (the kill).
    """
    batch = synthetic_batch(count)
    with open_store(db) as store:
        for start in range(0, count, per_call):
            print(f"saving {start}", flush=True)
            chunk = batch[start : start + per_call]
            if per_call == 1:
                store.save(*chunk[0])
            else:
                store.save_many(chunk)
            saved = start + len(chunk)
            print(f"saved {saved}", flush=True)
            if saved == pause_after:
                sys.stdin.read()


def synthetic_command(db: Path, count: int, per_call: int) -> list[str]:
    """The writer's command; a last argument N makes it wait once N documents are saved."""
    code = (
        f"import sys; sys.path.insert(0, {str(TESTS)!r}); import test_reliability_crash as t; "
        f"t.write_synthetic({str(db)!r}, {count}, {per_call}, "
        "int(sys.argv[1]) if len(sys.argv) > 1 else None)"
    )
    return [sys.executable, "-c", code]


def _store_kill_loop(tmp_path: Path, *, count: int, kills: int, per_call: int, seed: int) -> None:
    reference_db = tmp_path / "reference.duckdb"
    run(synthetic_command(reference_db, count, per_call), tmp_path)
    reference = snapshot(reference_db)
    assert len(reference) == count

    db = tmp_path / "crash.duckdb"
    command = synthetic_command(db, count, per_call)
    outcomes = kill_loop(command, db, reference, kill_points(count, per_call, kills, seed))
    run(command, tmp_path)
    assert snapshot(db) == reference
    # The kills hit mid-run, not only before the first save or after the last: by construction.
    assert any(mode == "paused" and 0 < n < count for mode, _point, n in outcomes), outcomes


def test_store_killed_at_chosen_points_stays_whole(tmp_path: Path) -> None:
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
    return [str(ANNALES), "code", str(batch), "--db", str(db), "--quiet", *extra]


def add_marks(batch: Path, before: list[int]) -> list[int]:
    """Insert a malformed line before each record numbered in ``before`` (0-based); return the
    line numbers of the malformed lines, which ``annales code`` reports as it reaches them."""
    lines = batch.read_text(encoding="utf-8").splitlines(keepends=True)
    marks = []
    for offset, record in enumerate(sorted(before)):
        lines.insert(record + offset, "{pas du JSON\n")
        marks.append(record + offset + 1)
    batch.write_text("".join(lines), encoding="utf-8")
    return marks


def kill_annales_code(
    command: list[str], batch: Path, db: Path, reference: dict[str, Any], mark: int, saved: int
) -> int:
    """Run ``command``, SIGKILL it as soon as it reports the malformed line ``mark``, check the
    store: whole documents of ``reference`` only, and at least the ``saved`` documents that were
    stored before that line was read. Returns how many documents the store holds."""
    with subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=db.parent
    ) as process:
        assert process.stderr is not None
        said: list[str] = []
        for line in iter(process.stderr.readline, ""):
            said.append(line)
            if f"{batch}:{mark}:" in line:
                break
        process.kill()
        process.wait(timeout=60)
    assert said and f"{batch}:{mark}:" in said[-1], said
    partial = snapshot(db)
    assert_partial_of(partial, reference)
    assert len(partial) >= saved, (mark, saved, len(partial))
    return len(partial)


def saved_before(record: int, batch_size: int) -> int:
    """Documents ``annales code`` has stored when it reads the line before ``record``: every whole
    batch before it (a batch is coded and saved before the next one is read)."""
    return record // batch_size * batch_size


def test_annales_code_killed_mid_run_then_rerun_gives_the_same_store(tmp_path: Path) -> None:
    """Fast variant: two kills, each after whole batches were saved.

    Malformed lines before records 12 and 28 make ``annales code`` (4 documents per batch) say
    "skipped ...:13" once three batches are saved, and "skipped ...:30" once seven are: each run is
    killed as soon as it says one of them.
    """
    from click.testing import CliRunner

    from annales.cli import cli

    batch = french_batch(tmp_path / "batch.jsonl", 40)
    records = [12, 28]
    marks = add_marks(batch, records)
    extra = ("--batch-size", "4")

    reference_db = tmp_path / "reference.duckdb"
    result = CliRunner().invoke(cli, annales_code(batch, reference_db, *extra)[1:])
    assert result.exit_code == 1, result.output
    reference = snapshot(reference_db)
    assert len(reference) == 40

    db = tmp_path / "crash.duckdb"
    command = annales_code(batch, db, *extra)
    for record, mark in zip(records, marks, strict=True):
        kill_annales_code(command, batch, db, reference, mark, saved_before(record, 4))
    result = CliRunner().invoke(cli, command[1:])
    assert result.exit_code == 1
    assert snapshot(db) == reference


@pytest.mark.slow
def test_annales_code_killed_twenty_times_then_rerun_gives_the_same_store(tmp_path: Path) -> None:
    """300 dispatches; 24 SIGKILLs at 24 chosen points of a run, every fourth from no store."""
    batch = french_batch(tmp_path / "batch.jsonl", 300)
    records = sorted(random.Random(11).sample(range(1, 300), 24))
    marks = add_marks(batch, records)
    reference_db = tmp_path / "reference.duckdb"
    full = run(annales_code(batch, reference_db), tmp_path, status=1)
    reference = snapshot(reference_db)
    assert len(reference) == 300

    db = tmp_path / "crash.duckdb"
    command = annales_code(batch, db)
    outcomes = []
    for number, (record, mark) in enumerate(zip(records, marks, strict=True)):
        if number % 4 == 0:
            for path in (db, db.with_name(db.name + ".wal")):
                path.unlink(missing_ok=True)
        stored = kill_annales_code(command, batch, db, reference, mark, saved_before(record, 32))
        outcomes.append((record, stored))
    run(command, tmp_path, status=1)
    assert snapshot(db) == reference
    print(f"full run {full:.1f} s, kills (before record, documents stored): {outcomes}")
