"""The aggregates the web UI needs beyond the store's API: facets, dyad series, network, titles.

Every statement is read-only, made of fixed text plus the ``WHERE`` fragment of an
:class:`~annales.store.EventQuery` (itself fixed fragments); every value from a request travels as
a bound parameter. Counting, grouping and paging happen in DuckDB.

Speed: joining a million events to two million actor rows on their text ids takes seconds on a
small machine. The store cannot change while it is served (DuckDB keeps writers out of a file
that is open read-only), so :class:`Aggregates` reads once, at start-up, who takes part in each
event keyed by the event's integer ``rowid`` (about a second and 50 MB per million events, kept as
Arrow tables that each query's cursor registers); the aggregates then join on integers.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pyarrow.compute as pc

from annales.errors import QueryError
from annales.model import FIRST_YEAR, LAST_YEAR, QUAD_CLASS, SYMMETRIC_TYPES
from annales.store import EventQuery, Store

__all__ = ["PLACED", "QUAD_WEIGHTS", "Aggregates", "DyadMonth", "DyadSeries"]

# Net cooperation-conflict score of a month: material acts weigh twice verbal ones, cooperation
# counts up and conflict down (the QuadClass convention; see docs/web.md).
QUAD_WEIGHTS: dict[str, int] = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": -1,
    "material_conflict": -2,
}
_COOPERATION = sorted(q for q in set(QUAD_CLASS.values()) if q.endswith("cooperation"))
_SYMMETRIC = sorted(SYMMETRIC_TYPES)

# Who takes part in each event: one row per event and actor code, with the side(s) it is on and its
# first position; and every actor -> recipient pair of an event. ``ev`` is the event's rowid.
_PARTIES = """
SELECT e.rowid AS ev, a.code, bool_or(a.role = 'actor') AS as_actor,
    bool_or(a.role = 'recipient') AS as_recipient, min(a.position) AS pos
FROM event_actors a JOIN events e ON e.id = a.event_id GROUP BY 1, 2 ORDER BY 1
"""
_PAIRS = """
SELECT DISTINCT x.ev, x.code AS source, y.code AS target
FROM web_parties x JOIN web_parties y ON x.ev = y.ev AND x.as_actor AND y.as_recipient
WHERE x.code <> y.code ORDER BY 1
"""
_FACET_PARTIES = """
WITH f AS (SELECT e.rowid AS ev FROM events e WHERE {where})
SELECT p.code, count(*) FILTER (WHERE p.as_actor), count(*) FILTER (WHERE p.as_recipient)
FROM web_parties p JOIN f ON f.ev = p.ev GROUP BY 1
"""
# Countries first (what the ``place`` filter matches exactly), else the place name.
_FACET_EVENTS = """
SELECT e.type, e.quad_class, coalesce(e.location_country, e.location_name) AS place, count(*)
FROM events e WHERE {where}
GROUP BY GROUPING SETS ((e.type), (e.quad_class), (place))
"""
# The same two counts in one statement that filters the events once: faster when the filter reads
# text (a substring of a million sentences), slower than the two above otherwise.
_FACETS_ONCE = """
WITH f AS MATERIALIZED (
    SELECT e.rowid AS ev, e.type, e.quad_class,
        coalesce(e.location_country, e.location_name) AS place
    FROM events e WHERE {where})
SELECT 'events', type, quad_class, NULL, count(*), NULL FROM f
    GROUP BY GROUPING SETS ((type), (quad_class))
UNION ALL SELECT 'events', NULL, NULL, place, count(*), NULL FROM f
    WHERE place IS NOT NULL GROUP BY place
UNION ALL SELECT 'parties', p.code, NULL, NULL, count(*) FILTER (WHERE p.as_actor),
    count(*) FILTER (WHERE p.as_recipient)
FROM web_parties p JOIN f ON f.ev = p.ev GROUP BY p.code
"""
# Every pair of actors an event links, undirected (a < b): an actor and a recipient, or two
# parties of a symmetric event (CONSULT, AGREE, COOPERATE), where which one is "actor" is
# arbitrary. The events of the dyad A-B are the rows of its (a, b).
_LINKS = """
SELECT ev, least(source, target) AS a, greatest(source, target) AS b FROM web_pairs
UNION
SELECT x.ev, x.code, y.code FROM web_parties x
JOIN web_parties y ON x.ev = y.ev AND x.code < y.code
JOIN events e ON e.rowid = x.ev WHERE list_contains(?, e.type)
ORDER BY 1
"""
_OCCASION = "coalesce(o.occasion_id, e.id)"
_DYAD = "SELECT ev FROM web_links WHERE a = least(?, ?) AND b = greatest(?, ?)"
# An event is put in a month only when its date names that month or a day in it, in the plausible
# years (else ``unplaced``); an event without a date is ``undated``.
PLACED = (
    "date_trunc('month', e.date_start) = date_trunc('month', e.date_end) "
    f"AND year(e.date_start) BETWEEN {FIRST_YEAR} AND {LAST_YEAR}"
)
_MONTHLY = f"""
SELECT CASE WHEN e.date_start IS NULL THEN 'undated'
            WHEN {PLACED} THEN strftime(e.date_start, '%Y-%m')
            ELSE 'unplaced' END AS month, e.quad_class, {{count}}
FROM events e LEFT JOIN occasions o ON o.event_id = e.id
WHERE e.rowid IN ({{dyad}}) AND {{where}} GROUP BY ALL ORDER BY ALL
"""
_IN_MONTH = """
FROM events e WHERE e.rowid IN ({dyad}) AND {where} AND {bucket}
"""
_BUCKETS = {
    "undated": "e.date_start IS NULL",
    "unplaced": f"e.date_start IS NOT NULL AND NOT ({PLACED})",
    "month": "e.date_start >= ? AND e.date_end <= ?",
}
_SUMMARY = (
    "e.rowid, e.id, e.doc_id, e.date, e.type, e.quad_class, e.quote, e.modality, e.confidence, "
    "count(*) OVER ()"
)
# ``f.occasion``: the event's occasion (annales.store.occasions), itself when reported once.
_EDGES = """
WITH f AS (SELECT e.rowid AS ev, e.quad_class, coalesce(o.occasion_id, e.id) AS occasion
    FROM events e LEFT JOIN occasions o ON o.event_id = e.id WHERE {where})
SELECT p.source, p.target, {count} AS n,
    {count} FILTER (WHERE list_contains(?, f.quad_class)) AS cooperation
FROM web_pairs p JOIN f ON f.ev = p.ev GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?
"""
_NODES = """
WITH f AS (SELECT e.rowid AS ev, coalesce(o.occasion_id, e.id) AS occasion
    FROM events e LEFT JOIN occasions o ON o.event_id = e.id WHERE {where})
SELECT p.code, {count} AS n FROM web_parties p JOIN f ON f.ev = p.ev
WHERE list_contains(?, p.code) GROUP BY 1 ORDER BY n DESC, 1
"""
# What a chart counts: each occasion once (the default), or every mention.
COUNTS = {"occasions": "count(DISTINCT {occasion})", "mentions": "count(*)"}


def count_sql(unit: str, occasion: str = "f.occasion") -> str:
    """The SQL aggregate counting ``unit`` ("occasions" or "mentions") of the rows."""
    return COUNTS[unit].format(occasion=occasion)


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


@dataclass(frozen=True)
class DyadSeries:
    """The events of a dyad: per month, and those no month holds (``unplaced``: dated to a year
    only or to an implausible year; ``undated``: no date), each as counts per quad class."""

    months: list[DyadMonth]
    unplaced: dict[str, int]
    undated: dict[str, int]

    @property
    def totals(self) -> dict[str, int]:
        """Every event of the dyad per quad class, undated and unplaced ones included."""
        totals = dict.fromkeys(QUAD_WEIGHTS, 0)
        for counts in (*(m.counts for m in self.months), self.unplaced, self.undated):
            for quad, n in counts.items():
                totals[quad] += n
        return totals

    @property
    def score(self) -> int:
        return sum(QUAD_WEIGHTS[quad] * n for quad, n in self.totals.items())


def _month(text: str) -> tuple[int, int] | None:
    """``YYYY-MM`` as (year, month) when the year is plausible, else None."""
    year, _dash, month = text.partition("-")
    try:
        key = int(year), int(month)
    except ValueError:
        return None
    return key if FIRST_YEAR <= key[0] <= LAST_YEAR and 1 <= key[1] <= 12 else None


def _months(first: tuple[int, int], last: tuple[int, int]) -> Iterator[str]:
    """Every month from ``first`` to ``last``, compared as (year, month), never as text."""
    year, month = first
    while (year, month) <= last:
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


class Aggregates:
    """The web UI's read-only aggregates over one open (read-only) store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        with self.cursor("index the actors of the events", indexed=False) as cur:
            self._parties = cur.sql(_PARTIES).to_arrow_table()
            cur.register("web_parties", self._parties)
            self._pairs = cur.sql(_PAIRS).to_arrow_table()
            cur.register("web_pairs", self._pairs)
            self._links = cur.sql(_LINKS, params=[_SYMMETRIC]).to_arrow_table()
        self._codes: frozenset[str] | None = None

    def holds_code(self, code: str) -> bool:
        """Whether some stored event has the actor ``code``, written exactly so."""
        if self._codes is None:
            self._codes = frozenset(pc.unique(self._parties.column("code")).to_pylist())
        return code in self._codes

    @contextmanager
    def cursor(self, action: str, *, indexed: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the store on which the tables ``web_parties`` (ev, code, as_actor,
        as_recipient, pos), ``web_pairs`` (ev, source, target) and ``web_links`` (ev, a, b with
        a < b) are registered; DuckDB errors become StoreError naming ``action``."""
        with self.store.cursor(action) as cur:
            if indexed:
                cur.register("web_parties", self._parties)
                cur.register("web_pairs", self._pairs)
                cur.register("web_links", self._links)
            yield cur

    def facets(self, query: EventQuery, size: int) -> tuple[int, dict[str, list[dict[str, Any]]]]:
        """How many events match ``query`` (every event has a type, so the type counts add up to
        it) and the ``size`` most frequent values of type, quad class, actor, recipient, place."""
        where, params = query.where()
        with self.cursor("count facets") as cur:
            if query.text or query.place:
                both = cur.execute(_FACETS_ONCE.format(where=where), params).fetchall()
                rows = [row[1:5] for row in both if row[0] == "events"]
                parties = [(row[1], row[4], row[5]) for row in both if row[0] == "parties"]
            else:
                rows = cur.execute(_FACET_EVENTS.format(where=where), params).fetchall()
                parties = cur.execute(_FACET_PARTIES.format(where=where), params).fetchall()
        found: dict[str, list[tuple[str, int]]] = {
            "type": [], "quad": [], "actor": [], "recipient": [], "place": []
        }  # fmt: skip
        for kind, quad, place, n in rows:
            if kind is not None:
                found["type"].append((kind, n))
            elif quad is not None:
                found["quad"].append((quad, n))
            elif place is not None:
                found["place"].append((place, n))
        for code, as_actor, as_recipient in parties:  # events with the code on each side
            if as_actor:
                found["actor"].append((code, as_actor))
            if as_recipient:
                found["recipient"].append((code, as_recipient))
        total = sum(int(n) for _, n in found["type"])
        return total, {
            name: [
                {"value": value, "count": int(n)}
                for value, n in sorted(values, key=lambda item: (-item[1], item[0]))[:size]
            ]
            for name, values in found.items()
        }

    def _dyad(self, a: str, b: str) -> tuple[str, list[Any]]:
        return _DYAD, [a, b, a, b]

    def dyad_series(
        self, a: str, b: str, query: EventQuery, count: str = "occasions"
    ) -> DyadSeries:
        """Monthly counts per quad class of the a-b events (every month from the first to the
        last, so at most 4,812 months), and the counts of those with a date too coarse (a year)
        or implausible to place in a month, and of those without a date."""
        dyad, dyad_params = self._dyad(a, b)
        where, params = query.where()
        with self.cursor("count the events of a dyad") as cur:
            sql = _MONTHLY.format(dyad=dyad, where=where, count=count_sql(count, _OCCASION))
            rows = cur.execute(sql, [*dyad_params, *params]).fetchall()
        counts: dict[str, dict[str, int]] = {}
        buckets = {name: dict.fromkeys(QUAD_WEIGHTS, 0) for name in ("unplaced", "undated")}
        keys: list[tuple[int, int]] = []
        for month, quad, n in rows:
            key = _month(month)
            if key is None:  # "undated", or "unplaced": a year only, or a date no news is from
                buckets[month][quad] += int(n)
                continue
            name = f"{key[0]:04d}-{key[1]:02d}"
            counts.setdefault(name, dict.fromkeys(QUAD_WEIGHTS, 0))[quad] = int(n)
            keys.append(key)
        series: list[DyadMonth] = []
        if counts:
            empty = dict.fromkeys(QUAD_WEIGHTS, 0)
            months = _months(min(keys), max(keys))
            series = [DyadMonth(month, counts.get(month, empty)) for month in months]
        return DyadSeries(series, buckets["unplaced"], buckets["undated"])

    def dyad_events(
        self, a: str, b: str, month: str, query: EventQuery, limit: int, offset: int
    ) -> tuple[int, list[dict[str, Any]]]:
        """The a-b events placed in ``month`` (as :meth:`dyad_series` counts them), or in the
        bucket ``unplaced`` or ``undated``: total, page."""
        dyad, dyad_params = self._dyad(a, b)
        where, params = query.where()
        bounds: list[date] = []
        if month in ("unplaced", "undated"):
            bucket = _BUCKETS[month]
        else:
            key = _month(month)
            if key is None:
                raise QueryError(
                    f"month {month!r} is not a month from {FIRST_YEAR}-01 to {LAST_YEAR}-12 "
                    "(YYYY-MM), unplaced or undated"
                )
            year, number = key
            last = calendar.monthrange(year, number)[1]
            bucket, bounds = _BUCKETS["month"], [date(year, number, 1), date(year, number, last)]
        body = _IN_MONTH.format(dyad=dyad, where=where, bucket=bucket)
        values = [*dyad_params, *params, *bounds]
        with self.cursor("list the events of a dyad") as cur:
            rows = cur.execute(
                f"SELECT {_SUMMARY} {body} ORDER BY e.date_start, e.doc_id, e.start, e.id "
                "LIMIT ? OFFSET ?",
                [*values, limit, offset],
            ).fetchall()
            # Each row carries the total; a page past the end needs its own count.
            total = rows[0][-1] if rows else 0
            if not rows and offset:
                total = cur.execute(f"SELECT count(*) {body}", values).fetchall()[0][0]
            parties = cur.execute(
                "SELECT ev, code, as_actor, as_recipient FROM web_parties "
                "WHERE list_contains(?, ev) ORDER BY ev, pos, code",
                [[row[0] for row in rows]],
            ).fetchall()
        sides: dict[tuple[int, bool], list[str]] = {}
        for ev, code, as_actor, as_recipient in parties:
            if as_actor:
                sides.setdefault((ev, True), []).append(code)
            if as_recipient:
                sides.setdefault((ev, False), []).append(code)
        fields = ("id", "doc_id", "date", "type", "quad_class", "quote", "modality", "confidence")
        events = [
            {
                **dict(zip(fields, row[1:-1], strict=True)),
                "actors": sides.get((row[0], True), []),
                "recipients": sides.get((row[0], False), []),
            }
            for row in rows
        ]
        return int(total), events

    def network(self, query: EventQuery, edges: int, count: str = "occasions") -> dict[str, Any]:
        """The ``edges`` most frequent actor -> recipient pairs and the event counts of their
        actors. An event with two actors and one recipient gives two edges; ``cooperation`` and
        ``conflict`` split each edge's events by quad class."""
        where, params = query.where()
        with self.cursor("build the actor network") as cur:
            pairs = cur.execute(
                _EDGES.format(where=where, count=count_sql(count)), [*params, _COOPERATION, edges]
            ).fetchall()
            codes = sorted({code for source, target, *_ in pairs for code in (source, target)})
            nodes = (
                cur.execute(
                    _NODES.format(where=where, count=count_sql(count)), [*params, codes]
                ).fetchall()
                if codes
                else []
            )
        return {
            "nodes": [{"id": code, "count": int(n)} for code, n in nodes],
            "edges": [
                {
                    "source": source,
                    "target": target,
                    "count": int(n),
                    "cooperation": int(coop),
                    "conflict": int(n) - int(coop),
                    "cooperation_share": round(int(coop) / int(n), 4),
                }
                for source, target, n, coop in pairs
            ],
        }

    def documents_by_id(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """``id -> {"title", "text", "url", "pub_date", "lang"}`` of the documents ``ids``
        that exist."""
        if not ids:
            return {}
        with self.cursor("read documents", indexed=False) as cur:
            rows = cur.execute(
                "SELECT id, title, text, url, pub_date, lang FROM documents "
                "WHERE list_contains(?, id)",
                [sorted(set(ids))],
            ).fetchall()
        return {
            row[0]: {
                "title": row[1],
                "text": row[2],
                "url": row[3],
                "pub_date": row[4].isoformat() if isinstance(row[4], date) else None,
                "lang": row[5],
            }
            for row in rows
        }
