"""The on-disk layout of a distributed run: one Parquet file of events per partition of documents.

A run writes, for the partition ``part-00003`` (documents 3 x N to 4 x N - 1 of the input)::

    out/part-00003.parquet             one row per event (PLOVER columns, actors as structs)
    out/documents/part-00003.parquet   one row per document, coded or skipped
    out/_done/part-00003.json          the marker: written last, so it proves the two files whole

Every file is written under a hidden temporary name and renamed into place once complete, so a
reader (or a run killed half-way) never sees half a file. A partition counts as done only when its
marker exists; the marker also holds a fingerprint of the partition's documents, so that resuming
against different input is refused instead of mixing two corpora.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from annales.model import Document, Event
from annales.pipeline import Coded
from annales.store.fields import event_from_partition_row, partition_arrow_fields, partition_row

__all__ = [
    "DOCUMENT_SCHEMA",
    "EVENT_SCHEMA",
    "PartitionDone",
    "clean_partials",
    "fingerprint",
    "partition_name",
    "read_partition",
    "replace_atomically",
    "split",
    "write_partition",
]

DONE_DIR = "_done"
DOCUMENTS_DIR = "documents"

# The event columns come from the field table (annales.store.fields): PLOVER names where the
# specification has one (event, event_text, actor, recipient, event_loc), then annales' provenance,
# so that every Event can be rebuilt exactly from its row.
EVENT_SCHEMA = pa.schema(
    [
        ("doc_index", pa.int64()),  # position of the document in the input
        ("event_index", pa.int32()),  # position of the event among its document's events
        *partition_arrow_fields(),
    ]
)
DOCUMENT_SCHEMA = pa.schema(
    [
        ("doc_index", pa.int64()),
        ("id", pa.string()),
        ("title", pa.string()),
        ("text", pa.string()),
        ("pub_date", pa.date32()),
        ("pub_date_source", pa.string()),
        ("url", pa.string()),
        ("lang", pa.string()),
        ("source", pa.string()),
        ("status", pa.string()),  # "coded" or "skipped"
        ("reason", pa.string()),  # why a skipped document was not coded
        ("events", pa.int32()),
    ]
)


@dataclass(frozen=True)
class PartitionDone:
    """The marker of a finished partition (also what a worker reports back)."""

    name: str
    fingerprint: str
    documents: int
    events: int
    skipped: int
    seconds: float
    optional: int = 0  # of ``events``: future, negated... events (Event.optional)
    worker: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PartitionDone:
        return cls(**{key: data[key] for key in cls.__dataclass_fields__ if key in data})


def partition_name(index: int) -> str:
    """``part-00000``, ``part-00001``... from the partition's position in the input."""
    return f"part-{index:05d}"


def split(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of ``size`` documents (the last one shorter), read lazily."""
    iterator = iter(documents)
    while part := list(islice(iterator, size)):
        yield part


def fingerprint(documents: Sequence[Document]) -> str:
    """A digest of the ids and contents of ``documents``: equal only for the same partition."""
    digest = hashlib.sha256()
    for document in documents:
        digest.update(document.id.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
        digest.update(hashlib.sha256(document.content.encode("utf-8", "surrogatepass")).digest())
    return digest.hexdigest()[:32]


def events_path(out: Path, name: str) -> Path:
    return out / f"{name}.parquet"


def documents_path(out: Path, name: str) -> Path:
    return out / DOCUMENTS_DIR / f"{name}.parquet"


def marker_path(out: Path, name: str) -> Path:
    return out / DONE_DIR / f"{name}.json"


def prepare_output(out: Path) -> None:
    """Create the folders of a run (nothing happens when they already exist)."""
    for folder in (out, out / DOCUMENTS_DIR, out / DONE_DIR):
        folder.mkdir(parents=True, exist_ok=True)


def clean_partials(out: Path) -> int:
    """Remove the temporary files a killed run left behind; how many there were."""
    removed = 0
    for folder in (out, out / DOCUMENTS_DIR, out / DONE_DIR):
        if folder.is_dir():
            for partial in folder.glob(".*.tmp"):
                partial.unlink(missing_ok=True)
                removed += 1
    return removed


def replace_atomically(target: Path, write: Callable[[BinaryIO], object]) -> None:
    """Call ``write(file)`` on a hidden temporary file, sync it to disk, then rename it in place."""
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with partial.open("wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def read_marker(out: Path, name: str) -> PartitionDone | None:
    """The marker of ``name``, or None when that partition is not finished."""
    path = marker_path(out, name)
    try:
        return PartitionDone.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None


def finished(out: Path) -> list[str]:
    """The names of the finished partitions of ``out``, in input order."""
    return sorted(path.stem for path in (out / DONE_DIR).glob("part-*.json"))


def _event_row(event: Event, doc_index: int, event_index: int) -> dict[str, Any]:
    return {"doc_index": doc_index, "event_index": event_index, **partition_row(event)}


def _document_row(result: Coded, doc_index: int) -> dict[str, Any]:
    document = result.document
    return {
        "doc_index": doc_index,
        **{key: value for key, value in asdict(document).items()},
        "status": "skipped" if result.skipped else "coded",
        "reason": result.skipped,
        "events": len(result.events),
    }


def _write_table(path: Path, table: pa.Table) -> None:
    replace_atomically(path, lambda handle: pq.write_table(table, handle))


def write_partition(out: Path, name: str, first_index: int, results: Sequence[Coded]) -> None:
    """Write the events and documents of one partition (the caller writes the marker after)."""
    documents = [_document_row(result, first_index + i) for i, result in enumerate(results)]
    events = [
        _event_row(event, first_index + i, position)
        for i, result in enumerate(results)
        for position, event in enumerate(result.events)
    ]
    for path, rows, schema in (
        (documents_path(out, name), documents, DOCUMENT_SCHEMA),
        (events_path(out, name), events, EVENT_SCHEMA),
    ):
        _write_table(path, pa.Table.from_pylist(rows, schema=schema))


def write_marker(out: Path, done: PartitionDone) -> None:
    """Declare ``done.name`` finished: call only once both of its Parquet files are in place."""
    text = json.dumps(done.to_dict(), indent=1).encode("utf-8")
    replace_atomically(marker_path(out, done.name), lambda handle: handle.write(text))


def read_partition(out: Path, name: str) -> list[Coded]:
    """The documents of a finished partition with their events, in input order."""
    documents = pq.read_table(documents_path(out, name), schema=DOCUMENT_SCHEMA)
    events = pq.read_table(events_path(out, name), schema=EVENT_SCHEMA)
    by_doc: dict[int, list[Event]] = {}
    for row in events.sort_by(
        [("doc_index", "ascending"), ("event_index", "ascending")]
    ).to_pylist():
        by_doc.setdefault(row["doc_index"], []).append(event_from_partition_row(row))
    results = []
    for row in documents.sort_by("doc_index").to_pylist():
        document = Document(**{key: row[key] for key in Document.__dataclass_fields__})
        results.append(Coded(document, by_doc.get(row["doc_index"], []), row["reason"]))
    return results
