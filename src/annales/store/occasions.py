"""Keeping the store's occasions (events of different documents that report one happening).

The grouping itself is :func:`annales.merge.corpus.group_reports`; this module chooses what to
regroup and writes the ``occasions`` rows. Every save runs :func:`update` in the save's own
transaction over a small neighbourhood: the saved events, the stored events a blocking query finds
for them (same actor code, overlapping dates), the whole occasions those belong to, and what is
left of the occasions the document's previous events belonged to. :func:`rebuild` clears the table
and runs the same update over the linkable events in date order, a chunk at a time.

Only asserted events with a short dated period are linked; the others have no row and count as
occasions of their own everywhere (queries read ``coalesce(o.occasion_id, e.id)``).
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from functools import cache
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from annales.merge.corpus import (
    INHERITED_SLACK_DAYS,
    MAX_SPAN_DAYS,
    Report,
    group_reports,
    occasion_id,
)
from annales.merge.embed import embed, from_bytes, to_bytes
from annales.model import Document, Event

__all__ = [
    "counts",
    "event_vector_rows",
    "forget",
    "insert",
    "rebuild",
    "reports_of",
    "update",
]

# The events (of some documents, or given by id) that may be linked: asserted, dated with a short
# period. ``{column}`` is "doc_id" or "id", chosen by update(), never text from a user.
_SUBJECTS = f"""
SELECT e.id, e.date_start, e.date_end, list(a.code) AS codes
FROM events e JOIN event_actors a ON a.event_id = e.id
WHERE e.{{column}} IN (SELECT unnest(?)) AND NOT e.optional AND e.date_start IS NOT NULL
    AND e.date_end - e.date_start < {MAX_SPAN_DAYS}
GROUP BY e.id, e.date_start, e.date_end
"""
# Stored events sharing an actor code with a subject event over overlapping dates (a superset of
# the blocks of annales.merge.corpus, which then decides exactly). Both sides are spread over the
# weeks their dates cover, so that the join matches on (code, week) and never pairs every event
# of a frequent actor with every other; the outer date range lets DuckDB skip row groups.
_WEEK = "(({day}) - DATE '1970-01-05') // 7"
_CANDIDATES = f"""
WITH subject AS (
    SELECT unnest(?) AS code, unnest(?)::DATE AS lo, unnest(?)::DATE AS hi
), subject_weeks AS (
    SELECT code, lo, hi,
        unnest(range({_WEEK.format(day="lo")}, {_WEEK.format(day="hi")} + 1)) AS week
    FROM subject
), stored AS (
    SELECT e.id, a.code, e.date_start, e.date_end
    FROM events e JOIN event_actors a ON a.event_id = e.id
    WHERE e.date_start <= ? AND e.date_end >= ? AND NOT e.optional
        AND e.date_end - e.date_start < {MAX_SPAN_DAYS}
), stored_weeks AS (
    SELECT id, code, date_start, date_end, unnest(range({_WEEK.format(day="date_start")},
        {_WEEK.format(day="date_end")} + 1)) AS week
    FROM stored
)
SELECT DISTINCT t.id
FROM stored_weeks t JOIN subject_weeks s ON t.code = s.code AND t.week = s.week
WHERE t.date_start <= s.hi AND t.date_end >= s.lo
"""
_MATES = """
SELECT DISTINCT m.event_id FROM occasions o JOIN occasions m ON m.occasion_id = o.occasion_id
WHERE o.event_id IN (SELECT unnest(?))
"""
_REPORTS = """
SELECT e.id, e.doc_id, e.type, e.date_start, e.date_end, e.date_source, e.location_name,
    e.location_country, e.location_feature, coalesce(nullif(e.quote, ''), e.sentence) AS text,
    any_value(d.title) AS title,
    v.vector,
    list(a.code) FILTER (WHERE a.role = 'actor') AS actors,
    list(a.code) FILTER (WHERE a.role = 'recipient') AS recipients
FROM events e
LEFT JOIN event_actors a ON a.event_id = e.id
LEFT JOIN event_vectors v ON v.event_id = e.id
LEFT JOIN documents d ON d.id = e.doc_id
WHERE e.id IN (SELECT unnest(?))
GROUP BY ALL
"""


_VIEW = "_annales_occasion_rows"


def insert(
    cur: duckdb.DuckDBPyConnection,
    table: str,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
) -> None:
    """Insert ``rows`` in one statement (an Arrow table: row-by-row inserts cost ~1000x more)."""
    if not rows:
        return
    batch = pa.table(
        {name: list(values) for name, values in zip(columns, zip(*rows, strict=True), strict=True)}
    )
    cur.register(_VIEW, batch)
    names = ", ".join(columns)
    cur.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {_VIEW}")
    cur.unregister(_VIEW)


# One line per occasion of the events matching a query: its first report (by date, then id), the
# distinct documents and outlets (the URL's host, else the source field) reporting it.
SUMMARY = (
    """
WITH picked AS (
    SELECT {occasion} AS occasion, e.id, e.doc_id, e.date_start
    FROM events e LEFT JOIN occasions o ON o.event_id = e.id WHERE {where}
)
SELECT p.occasion, arg_min(p.id, (p.date_start, p.id)), count(DISTINCT p.doc_id),
    count(DISTINCT """
    + "{outlet}"
    + """), count(*)
FROM picked p LEFT JOIN documents d ON d.id = p.doc_id
GROUP BY p.occasion ORDER BY min(p.date_start) NULLS LAST, p.occasion {limit}
"""
)
# The outlet of a document: the host of its URL without "www.", else its source field.
OUTLET = (
    "coalesce(nullif(regexp_extract(d.url, '^[a-zA-Z]+://(?:www[.])?([^/:?#]+)', 1), ''), "
    "d.source, d.id)"
)
SUMMARY = SUMMARY.replace("{outlet}", OUTLET)


_COUNTS = f"""
SELECT x.event_id, coalesce(o.occasion_id, x.event_id), count(DISTINCT e.doc_id),
    count(DISTINCT {OUTLET})
FROM (SELECT unnest(?) AS event_id) x
LEFT JOIN occasions o ON o.event_id = x.event_id
LEFT JOIN occasions m ON m.occasion_id = o.occasion_id
JOIN events e ON e.id = coalesce(m.event_id, x.event_id)
LEFT JOIN documents d ON d.id = e.doc_id
GROUP BY ALL
"""


def counts(cur: duckdb.DuckDBPyConnection, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """For each event: ``occasion_id`` (the event's own id when it is alone), ``num_articles``
    (distinct documents reporting the occasion) and ``num_sources`` (distinct outlets), as
    GDELT's NumArticles and NumSources."""
    rows = cur.execute(_COUNTS, [event_ids]).fetchall()
    return {
        str(event_id): {"occasion_id": occasion, "num_articles": articles, "num_sources": sources}
        for event_id, occasion, articles, sources in rows
    }


def evidence_text(title: str | None, quote: str) -> str:
    """The text embedded for an event: its document's title, then its evidence. The title names
    the happening the article is about, which a short clause ("ils se sont entretenus") may not."""
    return f"{title.strip()}. {quote}" if title and title.strip() else quote


def linked(event: Event) -> bool:
    """Whether an event takes part in occasions (asserted; see the module docstring for dates)."""
    return not event.optional


@cache
def _openblas_threads() -> Callable[[int], int] | None:
    """OpenBLAS's ``openblas_set_num_threads_local`` (it returns the previous count) from the
    copy numpy loaded, or None where there is none to find (another BLAS, not Linux)."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower()})
    except OSError:
        return None
    for path in paths:
        try:
            setter = ctypes.CDLL(path).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        setter.argtypes, setter.restype = [ctypes.c_int], ctypes.c_int
        return setter
    return None


@contextmanager
def _encoder_threads() -> Iterator[None]:
    """Run the sentence encoder on ``ANNALES_EMBED_THREADS`` BLAS threads (default 1), as
    annales.merge.embed intends: its model limits them only where threadpoolctl is installed.
    Without the limit numpy's OpenBLAS starts a thread per core whose waiting burns CPU: on the
    two cores of the development machine, 216 documents' vectors took 8.6 CPU seconds (4 to 8
    wall) instead of 1.5, the vectors unchanged."""
    setter = _openblas_threads()
    wanted = int(os.environ.get("ANNALES_EMBED_THREADS", "1"))
    previous = setter(wanted) if setter is not None else None
    try:
        yield
    finally:
        if setter is not None and previous is not None:
            setter(previous)


def event_vector_rows(
    coded: Sequence[tuple[Document, Sequence[Event]]],
) -> list[tuple[str, str, bytes]]:
    """``event_vectors`` rows for the events that take part in occasions (computed before the
    save's transaction, so that the store is not held while the model runs)."""
    wanted = [(doc, event) for doc, events in coded for event in events if linked(event)]
    texts = [evidence_text(doc.title, event.quote or event.sentence) for doc, event in wanted]
    with _encoder_threads():
        vectors = embed(texts)
    return [
        (event.id, event.doc_id, to_bytes(vector))
        for (_, event), vector in zip(wanted, vectors, strict=True)
    ]


def forget(cur: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[str]:
    """Drop the occasion rows and vectors of the stored events of ``doc_ids`` (about to be
    replaced); return the other events of their occasions, to be regrouped after the write."""
    own = [
        str(row[0])
        for row in cur.execute(
            "SELECT id FROM events WHERE doc_id IN (SELECT unnest(?))", [doc_ids]
        ).fetchall()
    ]
    if not own:
        return []
    mates = {str(row[0]) for row in cur.execute(_MATES, [own]).fetchall()} - set(own)
    cur.execute("DELETE FROM occasions WHERE event_id IN (SELECT unnest(?))", [own])
    cur.execute("DELETE FROM event_vectors WHERE doc_id IN (SELECT unnest(?))", [doc_ids])
    return sorted(mates)


def _slack_bounds(rows: list[tuple[Any, ...]]) -> tuple[list[str], list[date], list[date]]:
    # Both sides may be off by their slack: widen by the larger slack twice.
    margin = timedelta(days=2 * INHERITED_SLACK_DAYS)
    codes: list[str] = []
    lows: list[date] = []
    highs: list[date] = []
    for _, first, last, event_codes in rows:
        for code in set(event_codes):
            codes.append(code)
            lows.append(first - margin)
            highs.append(last + margin)
    return codes, lows, highs


def update(
    cur: duckdb.DuckDBPyConnection,
    doc_ids: list[str],
    neighbours: Iterable[str] = (),
    *,
    event_ids: list[str] | None = None,
) -> int:
    """Regroup the occasions around the stored events of ``doc_ids`` (or the events
    ``event_ids``), and ``neighbours``: the events that shared an occasion with what those
    documents held before. Runs inside the caller's transaction; returns how many events were
    regrouped."""
    if event_ids is not None:
        subjects = cur.execute(_SUBJECTS.format(column="id"), [event_ids]).fetchall()
    else:
        subjects = cur.execute(_SUBJECTS.format(column="doc_id"), [doc_ids]).fetchall()
    todo = {str(row[0]) for row in subjects} | set(neighbours)
    if subjects:
        codes, lows, highs = _slack_bounds(subjects)
        candidates = cur.execute(
            _CANDIDATES, [codes, lows, highs, max(highs), min(lows)]
        ).fetchall()
        todo |= {str(row[0]) for row in candidates}
    if not todo:
        return 0
    todo |= {str(row[0]) for row in cur.execute(_MATES, [sorted(todo)]).fetchall()}
    reports = _reports(cur, sorted(todo))
    groups = group_reports(reports)
    cur.execute("DELETE FROM occasions WHERE event_id IN (SELECT unnest(?))", [sorted(todo)])
    rows = [
        (occasion_id(event_id for event_id, _ in group), event_id, score)
        for group in groups
        if len(group) > 1
        for event_id, score in group
    ]
    insert(cur, "occasions", ("occasion_id", "event_id", "score"), rows)
    return len(todo)


def _reports(cur: duckdb.DuckDBPyConnection, event_ids: list[str]) -> list[Report]:
    rows = cur.execute(_REPORTS, [event_ids]).fetchall()
    missing = [
        (row[0], row[1], evidence_text(row[10], row[9] or "")) for row in rows if row[11] is None
    ]
    computed: dict[str, np.ndarray] = {}
    if missing:
        # Events stored before schema 2, or loaded in bulk: their vectors are made once, here.
        with _encoder_threads():
            vectors = embed([text for _, _, text in missing])
        computed = {
            event_id: vector for (event_id, _, _), vector in zip(missing, vectors, strict=True)
        }
        insert(
            cur,
            "event_vectors",
            ("event_id", "doc_id", "vector"),
            [(event_id, doc_id, to_bytes(computed[event_id])) for event_id, doc_id, _ in missing],
        )
    return [
        Report(
            event_id=row[0],
            doc_id=row[1],
            type=row[2],
            actors=frozenset(row[12] or ()),
            recipients=frozenset(row[13] or ()),
            first=row[3],
            last=row[4],
            dated_in_text=row[5] == "text",
            place_name=row[6],
            place_country=row[7],
            place_feature=row[8],
            vector=computed[row[0]] if row[11] is None else from_bytes(row[11]),
        )
        for row in rows
    ]


def rebuild(
    cur: duckdb.DuckDBPyConnection,
    *,
    chunk: int = 50_000,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Recompute every occasion: clear the table, then update the linkable events in date order,
    ``chunk`` events per transaction. Date order keeps each step's candidates to the events of a
    few days around its chunk; each step still scans the tables once (their joins), hence large
    chunks. Returns the number of occasions of more than one event."""
    cur.execute("BEGIN TRANSACTION")
    cur.execute("DELETE FROM occasions")
    cur.execute("COMMIT")
    event_ids = [
        str(row[0])
        for row in cur.execute(
            "SELECT id FROM events WHERE NOT optional AND date_start IS NOT NULL "
            f"AND date_end - date_start < {MAX_SPAN_DAYS} ORDER BY date_start, id"
        ).fetchall()
    ]
    for start in range(0, len(event_ids), chunk):
        cur.execute("BEGIN TRANSACTION")
        try:
            update(cur, [], event_ids=event_ids[start : start + chunk])
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        if progress is not None:
            progress(min(start + chunk, len(event_ids)), len(event_ids))
    row = cur.execute("SELECT count(DISTINCT occasion_id) FROM occasions").fetchone()
    return int(row[0]) if row else 0


_REPORTS_OF = """
SELECT o.event_id AS asked, e.id, e.doc_id, e.date, e.quote, d.title, d.url, d.source, d.lang,
    m.score
FROM occasions o
JOIN occasions m ON m.occasion_id = o.occasion_id
JOIN events e ON e.id = m.event_id
LEFT JOIN documents d ON d.id = e.doc_id
WHERE o.event_id IN (SELECT unnest(?))
ORDER BY o.event_id, d.pub_date NULLS LAST, e.doc_id, e.id
"""
_REPORT_KEYS = ("event_id", "doc_id", "date", "quote", "title", "url", "source", "lang", "score")


def reports_of(
    cur: duckdb.DuckDBPyConnection, event_ids: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """For each event of ``event_ids`` that shares its occasion, every report of that occasion
    (itself included) with its document's title, url, source and language, oldest first."""
    found: dict[str, list[dict[str, Any]]] = {}
    for asked, *values in cur.execute(_REPORTS_OF, [event_ids]).fetchall():
        found.setdefault(str(asked), []).append(dict(zip(_REPORT_KEYS, values, strict=True)))
    return found
