"""The aggregates the web UI needs beyond the store's API: facets, dyad series, network, titles.

Every statement here is read-only and made of fixed text plus the ``WHERE`` fragment of an
:class:`~annales.store.EventQuery` (itself fixed fragments); every value from a request travels as
a bound parameter. Counting, grouping and paging happen in DuckDB, so a page over a million events
moves only what it shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from annales.model import QUAD_CLASS, SYMMETRIC_TYPES
from annales.store import EventQuery, Store

__all__ = [
    "QUAD_WEIGHTS",
    "DyadMonth",
    "documents_by_id",
    "dyad_events",
    "dyad_series",
    "facets",
    "network",
]

# Net cooperation-conflict score of a month: material acts weigh twice verbal ones, cooperation
# counts up and conflict down (the QuadClass convention; see docs/web.md).
QUAD_WEIGHTS: dict[str, int] = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": -1,
    "material_conflict": -2,
}
_COOPERATION = tuple(sorted(q for q in set(QUAD_CLASS.values()) if q.endswith("cooperation")))
_SYMMETRIC = sorted(SYMMETRIC_TYPES)


def _cursor(store: Store, action: str) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
    # The store runs every call on a fresh cursor of its (read-only) connection and turns DuckDB
    # errors into StoreError; its reads are the only way into the file, so the UI borrows them.
    return store._cursor(action)


def _rows(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    return cur.execute(sql, params).fetchall()


# -- facets ----------------------------------------------------------------------------------------

_FACET_SQL: dict[str, str] = {
    "type": "SELECT e.type, count(*) AS n FROM events e WHERE {where} "
    "GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
    "quad": "SELECT e.quad_class, count(*) AS n FROM events e WHERE {where} "
    "GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
    "actor": "SELECT a.code, count(DISTINCT a.event_id) AS n FROM event_actors a "
    "JOIN events e ON e.id = a.event_id WHERE a.role = 'actor' AND {where} "
    "GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
    "recipient": "SELECT a.code, count(DISTINCT a.event_id) AS n FROM event_actors a "
    "JOIN events e ON e.id = a.event_id WHERE a.role = 'recipient' AND {where} "
    "GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
    # Countries first (they are what the ``place`` filter matches exactly), else the place name.
    "place": "SELECT coalesce(e.location_country, e.location_name) AS place, count(*) AS n "
    "FROM events e WHERE {where} AND place IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
}


def facets(store: Store, query: EventQuery, size: int) -> dict[str, list[dict[str, Any]]]:
    """The ``size`` most frequent values of type, quad class, actor, recipient and place."""
    where, params = query.where()
    result: dict[str, list[dict[str, Any]]] = {}
    with _cursor(store, "count facets") as cur:
        for name, sql in _FACET_SQL.items():
            rows = _rows(cur, sql.format(where=where), [*params, size])
            result[name] = [{"value": value, "count": int(n)} for value, n in rows]
    return result


# -- dyads -----------------------------------------------------------------------------------------

# One row per event of the dyad: a on one side and b on the other, or both among the parties of a
# symmetric event (CONSULT, AGREE, COOPERATE), where who is "actor" is arbitrary.
_DYAD_EVENTS = """
SELECT e.id FROM events e JOIN (
    SELECT event_id,
        bool_or(code = ? AND role = 'actor') AS a_act, bool_or(code = ? AND role = 'recipient') AS a_rec,
        bool_or(code = ? AND role = 'actor') AS b_act, bool_or(code = ? AND role = 'recipient') AS b_rec
    FROM event_actors WHERE code IN (?, ?) GROUP BY event_id
) p ON p.event_id = e.id
WHERE ((p.a_act AND p.b_rec) OR (p.b_act AND p.a_rec)
       OR (list_contains(?, e.type) AND (p.a_act OR p.a_rec) AND (p.b_act OR p.b_rec)))
  AND {where}
"""  # noqa: E501
# An event is put in a month only when its date names that month or a day in it.
_MONTHLY = """
SELECT strftime(e.date_start, '%Y-%m') AS month, e.quad_class, count(*) AS n
FROM events e WHERE e.id IN ({dyad})
  AND date_trunc('month', e.date_start) = date_trunc('month', e.date_end)
GROUP BY ALL ORDER BY ALL
"""
_UNPLACED = """
SELECT count(*) FROM events e WHERE e.id IN ({dyad})
  AND date_trunc('month', e.date_start) IS DISTINCT FROM date_trunc('month', e.date_end)
"""


def _dyad_params(a: str, b: str, query: EventQuery) -> tuple[str, list[Any]]:
    where, params = query.where()
    return _DYAD_EVENTS.format(where=where), [a, a, b, b, a, b, _SYMMETRIC, *params]


@dataclass(frozen=True)
class DyadMonth:
    month: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def score(self) -> int:
        return sum(QUAD_WEIGHTS[quad] * n for quad, n in self.counts.items())

    def to_dict(self) -> dict[str, Any]:
        return {"month": self.month, **self.counts, "total": self.total, "score": self.score}


def _months(first: str, last: str) -> Iterator[str]:
    year, month = int(first[:4]), int(first[5:])
    while f"{year:04d}-{month:02d}" <= last:
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def dyad_series(store: Store, a: str, b: str, query: EventQuery) -> tuple[list[DyadMonth], int]:
    """Monthly counts per quad class of the a-b events (every month from the first to the last),
    and how many of them have a date too coarse (a year, a week across months) to place."""
    dyad, params = _dyad_params(a, b, query)
    with _cursor(store, "count the events of a dyad") as cur:
        rows = _rows(cur, _MONTHLY.format(dyad=dyad), params)
        unplaced = _rows(cur, _UNPLACED.format(dyad=dyad), params)[0][0]
    counts: dict[str, dict[str, int]] = {}
    for month, quad, n in rows:
        counts.setdefault(month, dict.fromkeys(QUAD_WEIGHTS, 0))[quad] = int(n)
    if not counts:
        return [], int(unplaced)
    empty = dict.fromkeys(QUAD_WEIGHTS, 0)
    series = [
        DyadMonth(month, counts.get(month, empty)) for month in _months(min(counts), max(counts))
    ]
    return series, int(unplaced)


_SUMMARY = """
SELECT e.id, e.doc_id, e.date, e.type, e.quad_class, e.quote,
    (SELECT string_agg(x.code, ', ' ORDER BY x.position) FROM event_actors x
     WHERE x.event_id = e.id AND x.role = 'actor') AS actors,
    (SELECT string_agg(x.code, ', ' ORDER BY x.position) FROM event_actors x
     WHERE x.event_id = e.id AND x.role = 'recipient') AS recipients
FROM (SELECT * FROM events e WHERE e.id IN ({dyad}) AND strftime(e.date_start, '%Y-%m') = ?
      AND date_trunc('month', e.date_start) = date_trunc('month', e.date_end)
      ORDER BY e.date_start, e.doc_id, e.start, e.id LIMIT ? OFFSET ?) e
ORDER BY e.date_start, e.doc_id, e.start, e.id
"""
_SUMMARY_COUNT = """
SELECT count(*) FROM events e WHERE e.id IN ({dyad}) AND strftime(e.date_start, '%Y-%m') = ?
  AND date_trunc('month', e.date_start) = date_trunc('month', e.date_end)
"""
_SUMMARY_FIELDS = ("id", "doc_id", "date", "type", "quad_class", "quote", "actors", "recipients")


def dyad_events(
    store: Store, a: str, b: str, month: str, query: EventQuery, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """The a-b events placed in ``month`` (as counted by :func:`dyad_series`): total and a page."""
    dyad, params = _dyad_params(a, b, query)
    with _cursor(store, "list the events of a dyad") as cur:
        total = _rows(cur, _SUMMARY_COUNT.format(dyad=dyad), [*params, month])[0][0]
        rows = _rows(cur, _SUMMARY.format(dyad=dyad), [*params, month, limit, offset])
    events = [dict(zip(_SUMMARY_FIELDS, row, strict=True)) for row in rows]
    for event in events:
        event["actors"] = (event["actors"] or "").split(", ") if event["actors"] else []
        event["recipients"] = event["recipients"].split(", ") if event["recipients"] else []
    return int(total), events


# -- network ---------------------------------------------------------------------------------------

_EDGES = """
WITH f AS (SELECT e.id, e.quad_class FROM events e WHERE {where})
SELECT x.code AS source, y.code AS target, count(*) AS n,
    count(*) FILTER (WHERE list_contains(?, f.quad_class)) AS cooperation
FROM f
JOIN event_actors x ON x.event_id = f.id AND x.role = 'actor'
JOIN event_actors y ON y.event_id = f.id AND y.role = 'recipient'
WHERE x.code <> y.code
GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?
"""
_NODES = """
SELECT a.code, count(DISTINCT a.event_id) AS n
FROM event_actors a JOIN events e ON e.id = a.event_id
WHERE list_contains(?, a.code) AND {where}
GROUP BY 1 ORDER BY n DESC, 1
"""


def network(store: Store, query: EventQuery, edges: int) -> dict[str, Any]:
    """The ``edges`` most frequent actor -> recipient pairs and the events counts of their actors.

    An event with two actors and one recipient gives two edges; ``cooperation`` and ``conflict``
    split each edge's events by quad class.
    """
    where, params = query.where()
    with _cursor(store, "build the actor network") as cur:
        pairs = _rows(cur, _EDGES.format(where=where), [*params, list(_COOPERATION), edges])
        codes = sorted({code for source, target, *_ in pairs for code in (source, target)})
        nodes = _rows(cur, _NODES.format(where=where), [codes, *params]) if codes else []
    return {
        "nodes": [{"id": code, "count": int(n)} for code, n in nodes],
        "edges": [
            {
                "source": source,
                "target": target,
                "count": int(n),
                "cooperation": int(coop),
                "conflict": int(n) - int(coop),
                "cooperation_share": round(int(coop) / int(n), 4) if n else 0.0,
            }
            for source, target, n, coop in pairs
        ],
    }


# -- documents -------------------------------------------------------------------------------------


def documents_by_id(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """``id -> {"title", "text", "url", "pub_date"}`` of the documents ``ids`` that exist."""
    if not ids:
        return {}
    with _cursor(store, "read documents") as cur:
        rows = _rows(
            cur,
            "SELECT id, title, text, url, pub_date FROM documents WHERE list_contains(?, id)",
            [sorted(set(ids))],
        )
    return {
        row[0]: {
            "title": row[1],
            "text": row[2],
            "url": row[3],
            "pub_date": row[4].isoformat() if isinstance(row[4], date) else None,
        }
        for row in rows
    }
