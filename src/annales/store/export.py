"""Writing stored events to files: PLOVER JSON Lines, or flat CSV / Parquet tables.

Flat rows are built by DuckDB and streamed as Arrow batches straight into the writers, so exporting
a million events never builds a million Python objects. Every writer goes through
:func:`atomic_output`: a failed or interrupted export leaves no half-written file behind.
"""

from __future__ import annotations

import json
import os
import stat
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from annales.errors import ConfigError, StoreError
from annales.model import Event
from annales.store.query import EventQuery
from annales.text import FORMULA_PREFIXES

__all__ = [
    "EXPORT_FORMATS",
    "FLAT_COLUMNS",
    "atomic_output",
    "check_format",
    "flat_reader",
    "safe_cells",
    "same_file",
    "write_jsonl",
    "write_table",
]

EXPORT_FORMATS: tuple[str, ...] = ("plover-jsonl", "csv", "parquet")

# Lists inside a flat row are joined with ";". Sectors keep one slot per actor ("GOV;" for two
# actors, the second without a sector) so that codes and sectors can be zipped back together.
_FLAT_SELECT: dict[str, str] = {
    "id": "e.id",
    "doc_id": "e.doc_id",
    "date": "e.date",
    "event": "e.type",
    "mode": "e.mode",
    "quad_class": "e.quad_class",
    "context": "array_to_string(e.context, ';')",
    "actor": "coalesce(a.actor, '')",
    "actor_name": "coalesce(a.actor_name, '')",
    "actor_sector": "coalesce(a.actor_sector, '')",
    "recipient": "coalesce(a.recipient, '')",
    "recipient_name": "coalesce(a.recipient_name, '')",
    "recipient_sector": "coalesce(a.recipient_sector, '')",
    "event_loc": "e.location_name",
    "event_loc_country": "e.location_country",
    "latitude": "e.location_latitude",
    "longitude": "e.location_longitude",
    "event_text": "e.quote",
    "sentence": "e.sentence",
    "start": "e.start",
    "end": 'e."end"',
    "trigger": "e.trigger",
    "rule": "e.rule",
    "coder": "e.coder",
    "confidence": "e.confidence",
    "modality": "e.modality",
    "optional": "e.optional",
    "title": "d.title",
    "url": "d.url",
    "pub_date": "d.pub_date",
    "source": "d.source",
}
FLAT_COLUMNS: tuple[str, ...] = tuple(_FLAT_SELECT)
_FORMULA = "^[" + "".join("\\-" if c == "-" else c for c in FORMULA_PREFIXES) + "]"

# The matching events are chosen first (their row ids, in order, paged), and only their actors are
# aggregated: a download of 30 events from a million must not aggregate two million actor rows.
_FLAT_SQL = """
WITH picked AS MATERIALIZED (
    SELECT e.rowid AS row, e.id FROM events e WHERE {where} {picked_order} {page}
)
SELECT {columns}
FROM events e
JOIN picked ON picked.row = e.rowid
LEFT JOIN documents d ON d.id = e.doc_id
LEFT JOIN (
    SELECT event_id,
        string_agg(code, ';' ORDER BY position) FILTER (WHERE role = 'actor') AS actor,
        string_agg(coalesce(sector, ''), ';' ORDER BY position)
            FILTER (WHERE role = 'actor') AS actor_sector,
        string_agg(coalesce(name, ''), ';' ORDER BY position)
            FILTER (WHERE role = 'actor') AS actor_name,
        string_agg(coalesce(name, ''), ';' ORDER BY position)
            FILTER (WHERE role = 'recipient') AS recipient_name,
        string_agg(code, ';' ORDER BY position) FILTER (WHERE role = 'recipient') AS recipient,
        string_agg(coalesce(sector, ''), ';' ORDER BY position)
            FILTER (WHERE role = 'recipient') AS recipient_sector
    FROM event_actors WHERE event_id IN (SELECT id FROM picked) GROUP BY event_id
) a ON a.event_id = e.id
ORDER BY {order}
"""


def check_format(fmt: str) -> None:
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(
            f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        )


@contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """A temporary path next to ``target`` that becomes ``target`` only if the block succeeds.

    ``target`` must be a regular file or not exist: the rename would replace a symbolic link, a
    FIFO or a device with a file, so they are refused (StoreError) before anything is written.
    Removing the temporary file never hides the error that stopped the block.
    """
    if not target.parent.is_dir():
        raise StoreError(
            f"cannot write {target}: the directory {target.parent} does not exist; create it first"
        )
    _check_target(target)
    # Same directory, so the final rename is atomic; a hidden name so that nobody picks it up.
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        yield partial
        os.replace(partial, target)
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        # A read-only folder, a file turned folder: the error that matters is the one raised.
        with suppress(OSError):
            partial.unlink(missing_ok=True)


_KINDS = (
    (stat.S_ISDIR, "a directory; give a file name"),
    (stat.S_ISLNK, "a symbolic link; give the path of the file itself"),
    (stat.S_ISFIFO, "a FIFO (named pipe), not a regular file"),
    (stat.S_ISSOCK, "a socket, not a regular file"),
    (stat.S_ISCHR, "a device, not a regular file"),
    (stat.S_ISBLK, "a device, not a regular file"),
)


def _check_target(target: Path) -> None:
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc.strerror or exc}") from exc
    for test, kind in _KINDS:
        if test(mode):
            raise StoreError(f"cannot write {target}: it is {kind}")


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file (through links, ``..`` or another spelling)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist: compare what the names resolve to
        return a.resolve() == b.resolve()


def safe_cells(batch: Any) -> Any:
    """``batch`` with every text cell that a spreadsheet would run as a formula (``=``, ``+``,
    ``-``, ``@``, tab, CR first) prefixed with an apostrophe, as :func:`annales.text.csv_cell`."""
    columns = []
    for column in batch.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            risky = pc.and_(pc.match_substring_regex(column, _FORMULA), pc.not_equal(column, "-"))
            column = pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, schema=batch.schema)


def write_jsonl(events: Iterable[Event], target: Path) -> int:
    """One PLOVER JSON object per line, UTF-8, non-ASCII characters kept as they are."""
    count = 0
    with atomic_output(target) as partial, partial.open("w", encoding="utf-8") as out:
        for event in events:
            out.write(json.dumps(event.to_plover(), ensure_ascii=False))
            out.write("\n")
            count += 1
    return count


def flat_reader(cur: duckdb.DuckDBPyConnection, query: EventQuery, batch_size: int = 10_000) -> Any:
    """A pyarrow RecordBatchReader over the flat rows of the events matching ``query``."""
    where, params = query.where()
    page, page_params = query.page()
    columns = ",\n    ".join(f'{expr} AS "{name}"' for name, expr in _FLAT_SELECT.items())
    order = query.order_by()
    # Ordering the picked rows matters only when a page of them is kept.
    picked_order = f"ORDER BY {order}" if page else ""
    sql = _FLAT_SQL.format(
        columns=columns, where=where, picked_order=picked_order, order=order, page=page
    )
    # A relation streams its batches; an executed cursor would copy the whole result first.
    return cur.sql(sql, params=params + page_params).to_arrow_reader(batch_size)


def write_table(reader: Any, target: Path, fmt: str) -> int:
    """Stream the batches of ``reader`` into a CSV (with header) or Parquet file.

    CSV cells that would run as spreadsheet formulas are neutralised (:func:`safe_cells`);
    Parquet keeps the values as they are.
    """
    count = 0
    with atomic_output(target) as partial:
        if fmt == "parquet":
            with pq.ParquetWriter(partial, reader.schema) as parquet:
                for batch in reader:
                    parquet.write_batch(batch)
                    count += batch.num_rows
        else:
            with pa_csv.CSVWriter(partial, reader.schema) as csv_out:
                for batch in reader:
                    csv_out.write_batch(safe_cells(batch))
                    count += batch.num_rows
    return count
