"""Partition files round-trip exactly, and loading them into a DuckDB store is idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annales.errors import ConfigError
from annales.ingest import read_documents
from annales.model import Document
from annales.pipeline import Coded, code_documents
from annales.scale import iter_results, load_events, load_output
from annales.scale import partitions as parts
from annales.store import EventQuery, open_store

ARTICLES = Path(__file__).parent / "data" / "scale" / "articles.jsonl"
SIZE = 16  # documents per partition: 40 documents make 3 partitions


def plain(results: list[Coded]) -> list[tuple[Any, ...]]:
    return [
        (r.document.to_dict(), [event.to_dict() for event in r.events], r.skipped) for r in results
    ]


@pytest.fixture(scope="module")
def results() -> list[Coded]:
    documents = [item for item in read_documents([ARTICLES]) if isinstance(item, Document)]
    return list(code_documents(documents))


def write_output(out: Path, results: list[Coded], *, markers: bool = True) -> None:
    """What the workers of a distributed run write, without a cluster."""
    parts.prepare_output(out)
    for index in range(0, len(results), SIZE):
        name = parts.partition_name(index // SIZE)
        chunk = results[index : index + SIZE]
        parts.write_partition(out, name, index, chunk)
        if markers:
            done = parts.PartitionDone(
                name=name,
                fingerprint=parts.fingerprint([r.document for r in chunk]),
                documents=len(chunk),
                events=sum(len(r.events) for r in chunk),
                skipped=sum(1 for r in chunk if r.skipped),
                seconds=0.0,
            )
            parts.write_marker(out, done)


def stored(db: Path) -> tuple[set[str], list[dict[str, Any]]]:
    with open_store(db, read_only=True) as store:
        events = store.events(EventQuery(include_optional=True, order="doc"))
        return store.document_ids(), sorted((e.to_dict() for e in events), key=lambda e: e["id"])


def test_scale_load_partitions_round_trip_exactly(tmp_path: Path, results: list[Coded]) -> None:
    write_output(tmp_path, results)
    assert parts.finished(tmp_path) == ["part-00000", "part-00001", "part-00002"]
    assert plain(list(iter_results(tmp_path))) == plain(results)
    assert not list(tmp_path.rglob("*.tmp"))


def test_scale_load_twice_gives_the_same_store(tmp_path: Path, results: list[Coded]) -> None:
    out, db, reference = tmp_path / "events", tmp_path / "loaded.duckdb", tmp_path / "ref.duckdb"
    write_output(out, results)
    with open_store(reference) as store:
        for result in results:
            if result.skipped:
                store.save_skipped(result.document, result.skipped)
            else:
                store.save(result.document, result.events)
    first = load_events(str(out), str(db))
    assert first == sum(len(r.events) for r in results) > 0
    once = stored(db)
    assert load_events(str(out), str(db)) == first
    assert stored(db) == once == stored(reference)
    assert len(once[0]) == len(results)


def test_scale_load_skips_unfinished_partitions(tmp_path: Path, results: list[Coded]) -> None:
    write_output(tmp_path / "events", results)
    (tmp_path / "events" / "_done" / "part-00001.json").unlink()  # as if killed before its marker
    summary = load_output(tmp_path / "events", tmp_path / "annales.duckdb")
    assert summary.partitions == 2
    assert summary.unfinished == 1
    assert summary.documents == len(results) - SIZE
    ids, _events = stored(tmp_path / "annales.duckdb")
    assert ids == {r.document.id for r in results[:SIZE] + results[2 * SIZE :]}


def test_scale_load_refuses_a_folder_that_is_no_run_output(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not the output of a distributed run"):
        load_events(str(tmp_path), str(tmp_path / "annales.duckdb"))


def test_scale_load_fingerprint_depends_on_ids_and_text(results: list[Coded]) -> None:
    documents = [r.document for r in results[:3]]
    same = [Document.from_dict(d.to_dict()) for d in documents]
    assert parts.fingerprint(documents) == parts.fingerprint(same)
    same[1].text += " Modifié."
    assert parts.fingerprint(documents) != parts.fingerprint(same)
