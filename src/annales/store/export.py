"""Writing stored events to files: PLOVER JSON Lines, or flat CSV / Parquet tables.

The layouts come from the field table (:mod:`annales.store.fields`); the formats users choose
from are registered in :mod:`annales.store.formats`, which calls the writers below.

Flat rows are built by DuckDB and streamed as Arrow batches straight into the writers, so exporting
a million events never builds a million Python objects. Every writer goes through
:func:`atomic_output`: a failed or interrupted export leaves no half-written file behind.
"""

from __future__ import annotations

import json
import os
import stat
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from annales.errors import StoreError
from annales.model import Event
from annales.store.fields import (
    ACTOR_FIELDS,
    DOCUMENT_FLAT,
    EVENT_FIELDS,
    SEPARATOR,
    Citation,
    flat_columns,
    plover_record,
)
from annales.store.query import EventQuery
from annales.text import FORMULA_PREFIXES

__all__ = [
    "ACTOR_TABLE_COLUMNS",
    "FLAT_COLUMNS",
    "actors_reader",
    "atomic_output",
    "batches",
    "citations",
    "flat_reader",
    "plover_lines",
    "safe_cells",
    "same_file",
    "write_jsonl",
    "write_table",
]

# The flat row is generated from the field table: the event's own columns as stored (lists joined
# with fields.SEPARATOR), one cell per side and actor attribute, then the document's columns.
# Each actor code appears once per side ("MLI;BFA", not "MLI;BFA;BFA"); the name, sector and
# Wikidata cells hold, in the same order, those of the first actor with that code, so the cells
# of a side can be zipped back together. The actors table (actors_reader) keeps every actor.
_ACTOR_CELLS = {"": "code", "_name": "name", "_sector": "sector", "_wikidata": "wikidata"}


def _flat_expression(column: str) -> str:
    for item in EVENT_FIELDS:
        if item.flat == column:
            if item.sql.endswith("[]"):
                return f"array_to_string(e.\"{item.name}\", '{SEPARATOR}')"
            return f'e."{item.name}"'
    if column in DOCUMENT_FLAT:
        return f'd."{column}"'
    return f"coalesce(a.{column}, '')"  # an actor cell, aggregated below


# Asked for the citations of a batch of event ids.
CitationLookup = Callable[[list[str]], dict[str, Citation]]

_FLAT_SELECT: dict[str, str] = {column: _flat_expression(column) for column in flat_columns()}
FLAT_COLUMNS: tuple[str, ...] = tuple(_FLAT_SELECT)
_FORMULA = "^[" + "".join("\\-" if c == "-" else c for c in FORMULA_PREFIXES) + "]"
_ACTOR_AGGREGATES = ",\n        ".join(
    f"string_agg(coalesce({attribute}, ''), '{SEPARATOR}' ORDER BY position) "
    f"FILTER (WHERE role = '{side}') AS {side}{suffix}"
    for side in ("actor", "recipient")
    for suffix, attribute in _ACTOR_CELLS.items()
)

# The matching events are chosen first (their row ids, in order, paged), and only their actors are
# aggregated: a download of 30 events from a million must not aggregate two million actor rows.
_FLAT_SQL = (
    """
WITH picked AS MATERIALIZED (
    SELECT e.rowid AS row, e.id FROM events e WHERE {where} {picked_order} {page}
)
SELECT {columns}
FROM events e
JOIN picked ON picked.row = e.rowid
LEFT JOIN documents d ON d.id = e.doc_id
LEFT JOIN (
    SELECT event_id,
        """
    + _ACTOR_AGGREGATES
    + """
    FROM (
        SELECT *, row_number() OVER (PARTITION BY event_id, role, code ORDER BY position) AS nth
        FROM event_actors WHERE event_id IN (SELECT id FROM picked)
    ) WHERE nth = 1
    GROUP BY event_id
) a ON a.event_id = e.id
ORDER BY {order}
"""
)

# One row per (event, side, actor), every actor kept: the long table for pandas and R users.
ACTOR_TABLE_COLUMNS: tuple[str, ...] = (
    "event_id", "role", "position", *(f.name for f in ACTOR_FIELDS),
)  # fmt: skip
_ACTORS_SQL = """
WITH picked AS MATERIALIZED (SELECT e.id FROM events e WHERE {where} {page})
SELECT {columns} FROM event_actors a JOIN picked ON picked.id = a.event_id
ORDER BY a.event_id, a.role, a.position
"""

# What the PLOVER record says of an event's document, and the event's rank in it.
_CITATION_SQL = """
SELECT e.id, d.url, d.title, d.lang AS language, d.pub_date, d.coded_at AS coded_date,
    s.sequence
FROM events e
LEFT JOIN documents d ON d.id = e.doc_id
JOIN (
    SELECT id, row_number() OVER (PARTITION BY doc_id ORDER BY start, trigger_start, id) AS sequence
    FROM events WHERE doc_id IN (SELECT doc_id FROM events WHERE id IN (SELECT unnest(?)))
) s ON s.id = e.id
WHERE e.id IN (SELECT unnest(?))
"""


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


def plover_lines(
    events: Iterable[Event],
    citations: CitationLookup | None = None,
    occasions: Callable[[list[str]], dict[str, dict[str, Any]]] | None = None,
) -> Iterator[str]:
    """One PLOVER JSON line per event (with its newline), non-ASCII characters kept as they are.

    ``citations`` (event ids -> :class:`~annales.store.fields.Citation`, asked for a batch of
    events at a time) fills ``cite_info``, ``coded_date`` and ``text_info.sequence``;
    ``occasions`` (event ids -> ``occasion_id``, ``num_articles``, ``num_sources``) adds those.
    """
    for batch in batches(events):
        found = citations([event.id for event in batch]) if citations else {}
        counted = occasions([event.id for event in batch]) if occasions else {}
        for event in batch:
            record = plover_record(event, found.get(event.id)) | counted.get(event.id, {})
            yield json.dumps(record, ensure_ascii=False) + "\n"


def write_jsonl(
    events: Iterable[Event],
    target: Path,
    citations: CitationLookup | None = None,
    occasions: Callable[[list[str]], dict[str, dict[str, Any]]] | None = None,
) -> int:
    """The :func:`plover_lines` of ``events`` written to ``target``, UTF-8; how many."""
    count = 0
    with atomic_output(target) as partial, partial.open("w", encoding="utf-8") as out:
        for line in plover_lines(events, citations, occasions):
            out.write(line)
            count += 1
    return count


def batches(events: Iterable[Event], size: int = 1000) -> Iterator[list[Event]]:
    """``events`` in lists of ``size`` (the last one shorter), read lazily."""
    iterator = iter(events)
    while batch := list(islice(iterator, size)):
        yield batch


def citations(cur: duckdb.DuckDBPyConnection, event_ids: list[str]) -> dict[str, Citation]:
    """The citation of each event of ``event_ids``: its document's url, title, language, dates,
    the site the url names (``publication``) and the event's rank in the document."""
    cur.execute(_CITATION_SQL, [event_ids, event_ids])
    names = [column[0] for column in cur.description or []]
    found: dict[str, Citation] = {}
    for values in cur.fetchall():
        row = dict(zip(names, values, strict=True))
        host = urlsplit(row["url"]).hostname if row["url"] else None
        found[row["id"]] = Citation.from_row({**row, "publication": host})
    return found


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


def actors_reader(
    cur: duckdb.DuckDBPyConnection, query: EventQuery, batch_size: int = 10_000
) -> Any:
    """A pyarrow RecordBatchReader over the actors of the events matching ``query``: one row per
    (event, side, actor), columns :data:`ACTOR_TABLE_COLUMNS`."""
    where, params = query.where()
    page, page_params = query.page()
    columns = ", ".join(f'a."{name}"' for name in ACTOR_TABLE_COLUMNS)
    picked_page = f"ORDER BY {query.order_by()} {page}" if page else ""
    sql = _ACTORS_SQL.format(columns=columns, where=where, page=picked_page)
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
