"""The event store: one DuckDB file holding documents, their events and the events' actors.

A document is the unit of writing: :meth:`Store.save` replaces everything known about one document
in a single transaction, so re-coding a corpus never duplicates an event and a crash mid-way leaves
the previous state. Reads filter and page in SQL and rebuild full :class:`~annales.model.Event`
records for the rows asked for only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from annales.errors import QueryError, StoreError
from annales.model import Document, Event
from annales.store import export as exporting
from annales.store import formats, frames, occasions, write
from annales.store.query import EventQuery
from annales.store.rows import document_from_row, event_from_row
from annales.store.schema import prepare

__all__ = ["Store", "open_store"]

try:
    _VERSION = version("annales")
except PackageNotFoundError:  # running from a source tree that was never installed
    _VERSION = "unknown"


# The events are chosen first, then only their actors are gathered: with a million events a web
# page of 50 must not aggregate the whole actor table.
_ACTOR_LIST = """list(struct_pack(role := a.role, code := a.code, sector := a.sector,
    text := a.text, wikidata := a.wikidata, name := a.name, start := a.start, "end" := a."end",
    rule := a.rule, confidence := a.confidence) ORDER BY a.role, a.position)"""
# A page (a query with a limit) is read in three short statements: the ids of the page, sorting
# only the sort keys (a deep offset then sorts a few narrow columns, not whole events); the page's
# events, found through the primary key; their actors.
_PAGE_IDS = "SELECT e.id FROM events e WHERE {where} ORDER BY {order} {page}"
_EVENTS_BY_ID = "SELECT e.* FROM events e WHERE e.id IN (SELECT unnest(?)) ORDER BY {order}"
_ACTORS_BY_EVENT = f"""
SELECT a.event_id, {_ACTOR_LIST} AS actors
FROM event_actors a WHERE a.event_id IN (SELECT unnest(?)) GROUP BY a.event_id
"""
# Without a limit (exports), one statement streams every matching event with its actors.
_SELECT_EVENTS = f"""
WITH picked AS MATERIALIZED (
    SELECT * FROM events e WHERE {{where}} {{picked_order}} {{page}}
)
SELECT e.*, a.actors
FROM picked e
LEFT JOIN (
    SELECT a.event_id, {_ACTOR_LIST} AS actors
    FROM event_actors a WHERE a.event_id IN (SELECT id FROM picked) GROUP BY a.event_id
) a ON a.event_id = e.id
ORDER BY {{order}}
"""


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# DuckDB's words when another process holds the file ("Could not set lock on file ...:
# Conflicting lock is held in ... (PID 1234)"); "checksum error in block" is damage, not a lock.
_LOCKED = re.compile(r"could not set lock on file|conflicting lock is held", re.IGNORECASE)
_DAMAGED = re.compile(
    r"checksum|corrupt|invalid block|failed to read (?:the )?(?:block|database header)",
    re.IGNORECASE,
)


def _open_error(path: Path, exc: duckdb.Error) -> StoreError:
    detail = _first_line(exc)
    lowered = detail.lower()
    if _LOCKED.search(detail):
        pid = re.search(r"PID (\d+)", detail)
        holder = f" (process {pid[1]} holds it)" if pid else ""
        return StoreError(
            f"another annales process is writing to {path}{holder}; wait for it to finish or "
            "use a copy"
        )
    if "not a valid duckdb database" in lowered:
        return StoreError(
            f"{path} is not a DuckDB database; give the path of an annales store (a .duckdb file "
            "written by `annales code`) or of a file that does not exist yet"
        )
    if "different configuration" in lowered:
        return StoreError(
            f"{path} is already open in this process in another mode (read-only vs. read-write); "
            "use the store that is already open, or close it first"
        )
    if _DAMAGED.search(detail):
        return _damaged(path, detail)
    return StoreError(f"cannot open the store {path}: {detail}")


def _failure(path: Path, action: str, exc: duckdb.Error) -> StoreError:
    """A DuckDB error met while doing ``action`` on the open store at ``path``."""
    detail = _first_line(exc)
    if _DAMAGED.search(detail):
        return _damaged(path, detail)
    return StoreError(f"cannot {action} in {path}: {detail}")


def _damaged(path: Path, detail: str) -> StoreError:
    return StoreError(
        f"the store {path} is damaged ({detail}); restore it from a copy, or code the inputs "
        "again into a new store"
    )


def open_store(
    path: str | os.PathLike[str] = "annales.duckdb", *, read_only: bool = False
) -> Store:
    """Open (or create, unless ``read_only``) the annales store at ``path``.

    Raises StoreError when the file is missing (read-only), is not an annales store, was written by
    a newer annales, or is held by another process.
    """
    target = Path(path)
    if target.is_dir():
        raise StoreError(
            f"{target} is a directory; give a store file such as {target / 'annales.duckdb'}"
        )
    if read_only and not target.exists():
        raise StoreError(f"no store at {target}; run `annales code` first")
    if not read_only and not target.parent.is_dir():
        raise StoreError(
            f"cannot create a store at {target}: the directory {target.parent} does not exist; "
            "create it first"
        )
    if not read_only and target.is_file() and target.stat().st_size == 0:
        # DuckDB refuses an empty file, yet it is what `touch` or mkstemp leave: treat it as new.
        target.unlink()
    try:
        con = duckdb.connect(str(target), read_only=read_only)
    except duckdb.InterruptException:
        raise KeyboardInterrupt from None
    except duckdb.Error as exc:
        raise _open_error(target, exc) from exc
    try:
        prepare(con, target, read_only=read_only)
    except BaseException as exc:
        con.close()
        if isinstance(exc, duckdb.InterruptException):
            raise KeyboardInterrupt from None  # Ctrl+C while the store is being prepared
        if isinstance(exc, duckdb.Error):
            detail = _first_line(exc)
            if _DAMAGED.search(detail):
                raise _damaged(target, detail) from exc
            raise StoreError(f"cannot read the store {target}: {detail}") from exc
        raise
    return Store(con, target, read_only=read_only)


class Store:
    """An open annales store. Use :func:`open_store` to get one; close it (or use ``with``).

    Each call runs on its own DuckDB cursor, so one Store may serve several threads (a web server).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, *, read_only: bool) -> None:
        self._con: duckdb.DuckDBPyConnection | None = con
        self._schemas: dict[str, Any] | None = None  # Arrow schemas of the tables, for writing
        self.path = path
        self.read_only = read_only

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        state = "closed" if self._con is None else mode
        return f"<Store {str(self.path)!r} {state}>"

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file; calling it again does nothing."""
        if self._con is not None:
            self._con.close()
            self._con = None

    @contextmanager
    def cursor(self, action: str = "read the store") -> Iterator[duckdb.DuckDBPyConnection]:
        """A fresh DuckDB cursor on the store, closed when the block ends.

        For read-only statements beyond this API (the web UI's aggregates); a DuckDB error in the
        block becomes a StoreError saying what was being done (``action``, e.g. "count facets").
        Bind every value as a parameter, never format it into the SQL text.
        """
        if self._con is None:
            raise StoreError(f"the store {self.path} is closed; open it again with open_store()")
        cursor = self._con.cursor()
        try:
            yield cursor
        except duckdb.InterruptException:
            raise KeyboardInterrupt from None  # Ctrl+C during a query stops the run
        except duckdb.Error as exc:
            raise _failure(self.path, action, exc) from exc
        finally:
            cursor.close()

    # -- writing ---------------------------------------------------------------------------------

    def save(self, document: Document, events: Iterable[Event]) -> None:
        """Record ``document`` as coded and make ``events`` its only events, in one transaction.

        Saving the same document again replaces its events (never duplicates them). Events sharing
        an id within one call are kept once, the first one. Raises StoreError, leaving the store as
        it was, when anything fails.
        """
        self.save_many([(document, events)])

    def save_many(self, coded: Iterable[tuple[Document, Iterable[Event]]]) -> int:
        """:meth:`save` for many documents in one transaction (much faster for large batches).

        A document given twice keeps its last events. Returns the number of documents saved.
        """
        batch = write.records(coded)
        self._write(batch)
        return len(batch)

    def save_skipped(self, document: Document, reason: str) -> None:
        """Record ``document`` as not coded (e.g. unsupported language) and drop its events."""
        self._write([write.Record(document, "skipped", reason, ())])

    def _write(self, batch: list[write.Record]) -> None:
        if self.read_only:
            raise StoreError(
                f"the store {self.path} was opened read-only; open it without read_only to save"
            )
        if not batch:
            return
        with self.cursor(f"save {write.describe([r.document.id for r in batch])}") as cur:
            if self._schemas is None:
                self._schemas = write.arrow_schemas(cur)
            write.replace(cur, batch, self._schemas, _VERSION)

    # -- reading documents -----------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        """Whether ``doc_id`` was saved, coded or skipped."""
        with self.cursor("look up a document") as cur:
            return (
                cur.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None
            )

    def document(self, doc_id: str) -> Document | None:
        with self.cursor("read a document") as cur:
            cur.execute("SELECT * FROM documents WHERE id = ?", [doc_id])
            rows = _dicts(cur)
        return document_from_row(rows[0]) if rows else None

    def document_ids(self) -> set[str]:
        with self.cursor("list documents") as cur:
            return {str(row[0]) for row in cur.execute("SELECT id FROM documents").fetchall()}

    # -- reading events --------------------------------------------------------------------------

    def events(self, query: EventQuery | None = None) -> list[Event]:
        """The events matching ``query`` (all asserted events when None), as full records."""
        return list(self.iter_events(query))

    def iter_events(
        self, query: EventQuery | None = None, batch_size: int = 1000
    ) -> Iterator[Event]:
        """Like :meth:`events`, fetching ``batch_size`` rows at a time (for exports)."""
        query = query or EventQuery()
        if query.limit is not None:
            yield from self._page(query)
            return
        where, params = query.where()
        page, page_params = query.page()
        order = query.order_by()
        sql = _SELECT_EVENTS.format(
            where=where, order=order, page=page, picked_order=f"ORDER BY {order}" if page else ""
        )
        with self.cursor("read events") as cur:
            cur.execute(sql, params + page_params)
            names = [column[0] for column in cur.description or []]
            while rows := cur.fetchmany(batch_size):
                for row in rows:
                    yield event_from_row(dict(zip(names, row, strict=True)))

    def _page(self, query: EventQuery) -> list[Event]:
        """The events of a query with a limit (a page), read in three statements."""
        where, params = query.where()
        page, page_params = query.page()
        order = query.order_by()
        with self.cursor("read events") as cur:
            # One transaction, so that the three statements see the same snapshot of the store.
            cur.execute("BEGIN TRANSACTION")
            ids = [
                row[0]
                for row in cur.execute(
                    _PAGE_IDS.format(where=where, order=order, page=page), params + page_params
                ).fetchall()
            ]
            if not ids:
                cur.execute("COMMIT")
                return []
            cur.execute(_EVENTS_BY_ID.format(order=order), [ids])
            rows = _dicts(cur)
            actors = dict(cur.execute(_ACTORS_BY_EVENT, [ids]).fetchall())
            cur.execute("COMMIT")
        return [event_from_row({**row, "actors": actors.get(row["id"])}) for row in rows]

    def count_events(self, query: EventQuery | None = None) -> int:
        """How many events match ``query``, ignoring its limit and offset (for page counts)."""
        where, params = (query or EventQuery()).where()
        with self.cursor("count events") as cur:
            row = cur.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
        return int(row[0]) if row else 0

    def stats(
        self, include_optional: bool = False, *, top: int = 10, count: str = "occasions"
    ) -> dict[str, Any]:
        """Counts for a summary: documents, events by type and quad class, the ``top`` dyads.

        ``count`` is the unit of ``by_type``, ``by_quad_class`` and ``top_dyads``: "occasions"
        (what happened: three articles on one meeting count once) or "mentions" (every stored
        event). ``events`` counts mentions and ``occasions`` occasions, whatever ``count``.
        ``top_dyads`` lists ``(actor code, recipient code or None, n)``, one pair per actor x
        recipient of each event. ``optional_events`` is always counted, whatever include_optional.
        """
        unit = _unit(count)
        where, params = EventQuery(include_optional=include_optional).where()
        with self.cursor("compute statistics") as cur:
            statuses = cur.execute(
                "SELECT status, status_reason, count(*) FROM documents GROUP BY ALL "
                "ORDER BY count(*) DESC, status_reason"
            ).fetchall()
            total, occasion_count, optional, first, last = cur.execute(
                f"SELECT count(*) FILTER (WHERE {where}), "
                f"count(DISTINCT {_OCCASION}) FILTER (WHERE {where}), "
                "count(*) FILTER (WHERE e.optional), "
                f"min(e.date_start) FILTER (WHERE {where}), max(e.date_end) FILTER (WHERE {where})"
                f" FROM events e {_WITH_OCCASION}",
                params * 4,
            ).fetchall()[0]
            by_type = cur.execute(
                f"SELECT e.type, {unit} AS n FROM events e {_WITH_OCCASION} WHERE {where} "
                "GROUP BY e.type ORDER BY n DESC, e.type",
                params,
            ).fetchall()
            by_quad = cur.execute(
                f"SELECT e.quad_class, {unit} AS n FROM events e {_WITH_OCCASION} WHERE {where} "
                "GROUP BY e.quad_class ORDER BY n DESC, e.quad_class",
                params,
            ).fetchall()
            dyads = cur.execute(
                f"SELECT a.code, r.code, {unit} AS n FROM events e {_WITH_OCCASION} "
                "JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor' "
                "LEFT JOIN event_actors r ON r.event_id = e.id AND r.role = 'recipient' "
                f"WHERE {where} GROUP BY a.code, r.code "
                "ORDER BY n DESC, a.code, r.code NULLS LAST LIMIT ?",
                [*params, top],
            ).fetchall()
        skipped = {str(reason): int(n) for status, reason, n in statuses if status == "skipped"}
        coded = sum(int(n) for status, _, n in statuses if status == "coded")
        return {
            "documents": {
                "total": coded + sum(skipped.values()),
                "coded": coded,
                "skipped": sum(skipped.values()),
                "skipped_reasons": skipped,
            },
            "events": int(total),
            "occasions": int(occasion_count),
            "counted": count,
            "optional_events": int(optional),
            "by_type": {str(kind): int(n) for kind, n in by_type},
            "by_quad_class": {str(quad): int(n) for quad, n in by_quad},
            "top_dyads": [(str(a), None if r is None else str(r), int(n)) for a, r, n in dyads],
            "first_date": first.isoformat() if first else None,
            "last_date": last.isoformat() if last else None,
        }

    # -- occasions --------------------------------------------------------------------------------

    def rebuild_occasions(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Recompute every occasion of the store (``annales dedupe --rebuild``); return how many
        occasions have more than one report. ``progress(done, total)`` is told of each batch."""
        self._writable("rebuild occasions")
        with self.cursor("rebuild the occasions") as cur:
            return occasions.rebuild(cur, progress=progress)

    def delete_documents(self, doc_ids: Iterable[str]) -> int:
        """Remove documents and their events, and update the occasions they took part in.
        Returns how many of the documents were stored."""
        self._writable("delete documents")
        ids = sorted(set(doc_ids))
        with self.cursor(f"delete {write.describe(ids)}") as cur:
            return write.delete(cur, ids)

    def occasion_reports(self, event_id: str) -> list[dict[str, Any]]:
        """The reports of ``event_id``'s occasion, itself included, with their documents (title,
        url, source, language); empty when the event is an occasion of its own."""
        return self.reports_of([event_id]).get(event_id, [])

    def reports_of(self, event_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """:meth:`occasion_reports` for many events in one query (a page of the web UI); events
        that are occasions of their own are left out."""
        with self.cursor("read occasions") as cur:
            return occasions.reports_of(cur, list(event_ids))

    def occasions(self, query: EventQuery | None = None) -> list[dict[str, Any]]:
        """One summary per occasion of the events matching ``query``, in date order: its id, its
        first report (an Event), ``num_articles``, ``num_sources`` and ``mentions``."""
        query = query or EventQuery()
        where, params = query.where()
        limit = f"LIMIT {int(query.limit)}" if query.limit is not None else ""
        with self.cursor("list occasions") as cur:
            rows = cur.execute(
                occasions.SUMMARY.format(where=where, occasion=_OCCASION, limit=limit), params
            ).fetchall()
            ids = [row[1] for row in rows]
            cur.execute(_EVENTS_BY_ID.format(order="e.id"), [ids])
            events = {row["id"]: row for row in _dicts(cur)}
            actors = dict(cur.execute(_ACTORS_BY_EVENT, [ids]).fetchall()) if ids else {}
        return [
            {
                "occasion_id": occasion,
                "event": event_from_row({**events[first], "actors": actors.get(first)}),
                "num_articles": int(articles),
                "num_sources": int(sources),
                "mentions": int(mentions),
            }
            for occasion, first, articles, sources, mentions in rows
        ]

    def _writable(self, action: str) -> None:
        if self.read_only:
            raise StoreError(
                f"the store {self.path} was opened read-only; open it without read_only to {action}"
            )

    # -- exporting -------------------------------------------------------------------------------

    def export(
        self,
        out: str | os.PathLike[str],
        fmt: str = "plover-jsonl",
        query: EventQuery | None = None,
    ) -> int:
        """Write the events matching ``query`` to ``out`` as ``fmt``; return how many were written.

        Formats are those of :mod:`annales.store.formats`: ``plover-jsonl`` (one PLOVER record per
        line), ``csv`` and ``parquet`` (one flat row per event, see
        :data:`annales.store.FLAT_COLUMNS`), ``cameo-tsv`` (CAMEO rows), and any a plugin
        registers. The file appears whole or not at all. ``out`` may not be the store itself (or
        its write-ahead log), nor anything but a regular file (a link, a FIFO...): StoreError.
        """
        query = query or EventQuery()
        target = Path(out)
        writer = formats.get_format(fmt)
        for own in (self.path, self.path.with_name(self.path.name + ".wal")):
            if exporting.same_file(target, own):
                raise StoreError(
                    f"cannot export to {target}: it is the store's own file {own}; "
                    "give another file name"
                )
        return writer.write(self, target, query)

    def to_arrow(self, query: EventQuery | None = None, **filters: Any) -> Any:
        """The matching events as a pyarrow Table of flat rows (the columns of a CSV export);
        ``filters`` are those of :class:`EventQuery`, as text or typed (``involving="RUS"``)."""
        return frames.events_table(self, frames.make_query(query, filters))

    def events_frame(
        self, query: EventQuery | None = None, *, library: str = "pandas", **filters: Any
    ) -> Any:
        """The matching events as a DataFrame (``library``: pandas or polars), one row each."""
        return frames.frame(self.to_arrow(query, **filters), library)

    def actors_frame(
        self, query: EventQuery | None = None, *, library: str = "pandas", **filters: Any
    ) -> Any:
        """One row per (event, side, actor) of the matching events, as a DataFrame."""
        table = frames.actors_table(self, frames.make_query(query, filters))
        return frames.frame(table, library)


# An event's occasion: its row in ``occasions``, else the event itself.
_OCCASION = "coalesce(o.occasion_id, e.id)"
_WITH_OCCASION = "LEFT JOIN occasions o ON o.event_id = e.id"
COUNT_UNITS = ("occasions", "mentions")


def _unit(count: str) -> str:
    if count not in COUNT_UNITS:
        raise QueryError(f"count must be one of {', '.join(COUNT_UNITS)}, not {count!r}")
    return f"count(DISTINCT {_OCCASION})" if count == "occasions" else "count(DISTINCT e.id)"


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [column[0] for column in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
