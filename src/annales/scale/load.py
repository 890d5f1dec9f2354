"""Loading the Parquet output of a distributed run into a DuckDB store.

Only finished partitions (those with a marker) are read, one at a time, and every document goes
through :meth:`annales.store.Store.save`, which replaces what the store held for that document:
loading the same output twice, or loading it again after a resumed run finished more partitions,
leaves each document once with its events once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annales.errors import ConfigError
from annales.pipeline import Coded
from annales.scale import partitions as parts
from annales.scale.progress import Progress

__all__ = ["LoadSummary", "iter_results", "load_events", "load_output"]


@dataclass(frozen=True)
class LoadSummary:
    """What :func:`load_output` put in the store."""

    partitions: int
    documents: int
    events: int  # optional ones included
    unfinished: int  # partitions with files but no marker (a run still going, or killed)
    optional: int = 0  # of ``events``: future, negated... events (Event.optional)


def _output(out_dir: str | os.PathLike[str]) -> Path:
    folder = Path(out_dir)
    if not (folder / parts.DONE_DIR).is_dir():
        raise ConfigError(
            f"{folder} is not the output of a distributed run (no {parts.DONE_DIR}/ folder); "
            "give the folder passed to `annales code --out`"
        )
    return folder


def iter_results(out_dir: str | os.PathLike[str]) -> Iterator[Coded]:
    """Every document of the finished partitions of ``out_dir`` with its events, in input order."""
    folder = _output(out_dir)
    for name in parts.finished(folder):
        yield from parts.read_partition(folder, name)


def _unfinished(folder: Path) -> int:
    done = set(parts.finished(folder))
    written = {path.stem for path in folder.glob("part-*.parquet")}
    return len(written - done)


def load_output(
    out_dir: str | os.PathLike[str], db: str | os.PathLike[str], *, quiet: bool = True
) -> LoadSummary:
    """Save every finished partition of ``out_dir`` into the store ``db`` (created if missing)."""
    from annales.store import open_store

    folder = _output(out_dir)
    names = parts.finished(folder)
    documents = events = optional = 0
    total = _expected_documents(folder)
    with open_store(db) as store, Progress(total=total, description="loading", quiet=quiet) as bar:
        for name in names:
            for result in parts.read_partition(folder, name):
                if result.skipped:
                    store.save_skipped(result.document, result.skipped)
                else:
                    store.save(result.document, result.events)
                    events += len(result.events)
                    optional += sum(event.optional for event in result.events)
                documents += 1
                bar.update()
    return LoadSummary(
        partitions=len(names),
        documents=documents,
        events=events,
        unfinished=_unfinished(folder),
        optional=optional,
    )


def _expected_documents(folder: Path) -> int | None:
    """The documents of the finished partitions, from their markers (for the progress bar)."""
    try:
        return sum(
            int(json.loads(path.read_text(encoding="utf-8"))["documents"])
            for path in (folder / parts.DONE_DIR).glob("part-*.json")
        )
    except (OSError, ValueError, KeyError):
        return None


def load_events(out_dir: str, db: str) -> int:
    """Load the Parquet output ``out_dir`` of a distributed run into the store ``db``.

    Returns the number of events loaded. Idempotent: loading twice gives the same store.
    """
    return load_output(out_dir, db).events
