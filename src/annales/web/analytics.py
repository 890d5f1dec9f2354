"""What an analyst reads first: counts over time, events on a map, the ranking of dyads.

Each function takes the :class:`~annales.web.queries.Aggregates` of the served store and an
:class:`~annales.store.EventQuery`, and counts in DuckDB; as in :mod:`annales.web.queries`, every
statement is fixed text plus the query's ``WHERE`` fragment, and every value is bound.

Honest counts: an event that a period cannot hold (no date, or a date coarser than the period,
such as "2018" in a monthly series) is counted as ``undated`` or ``unplaced``, never dropped, and an
event without coordinates is counted as ``unlocated`` by the map.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from annales.model import FIRST_YEAR, LAST_YEAR, QUAD_CLASS
from annales.store import EventQuery
from annales.web.queries import QUAD_WEIGHTS, Aggregates, count_sql

__all__ = ["dyad_ranking", "period_label", "places", "series"]

_CONFLICT = sorted(q for q in set(QUAD_CLASS.values()) if q.endswith("conflict"))
_QUADS = list(QUAD_WEIGHTS)
# What a series is split by: a column of the filtered events ``f``, or the actors' codes.
_KEYS = {
    "type": "f.type",
    "quad": "f.quad_class",
    "country": "f.location_country",
    "actor": "p.code",
}
# ``{unit}`` is one of the fixed words of _UNITS, never text from a request: a literal lets
# DuckDB fold it, which halves the time of a million-event series compared with a bound value.
_PLACED = (
    "date_trunc('{unit}', e.date_start) = date_trunc('{unit}', e.date_end) "
    f"AND year(e.date_start) BETWEEN {FIRST_YEAR} AND {LAST_YEAR}"
)
# Each event's period as one integer (year * 100 + first month; -1: unplaced, -2: undated), so
# that joining a million events to their actors groups integers, not dates and labels.
_SERIES = f"""
WITH f AS (
    SELECT e.rowid AS ev, e.type, e.quad_class, e.location_country,
        CASE WHEN e.date_start IS NULL THEN -2
             WHEN {_PLACED} THEN year(date_trunc('{{unit}}', e.date_start)) * 100
                 + month(date_trunc('{{unit}}', e.date_start))
             ELSE -1 END AS slot
    FROM events e WHERE {{where}})
SELECT f.slot, {{key}} AS key, count(*) AS n
FROM f {{join}} GROUP BY ALL
"""
_BUCKETS = {-1: "unplaced", -2: "undated"}
_UNITS = {"month": "month", "quarter": "quarter", "year": "year"}
_PLACES = """
SELECT e.location_latitude AS lat, e.location_longitude AS lon,
    mode(e.location_name) AS name, mode(e.location_country) AS country, count(*) AS n,
    count(*) FILTER (WHERE e.quad_class = 'verbal_cooperation'),
    count(*) FILTER (WHERE e.quad_class = 'material_cooperation'),
    count(*) FILTER (WHERE e.quad_class = 'verbal_conflict'),
    count(*) FILTER (WHERE e.quad_class = 'material_conflict')
FROM events e WHERE {where} AND e.location_latitude BETWEEN -90 AND 90
    AND e.location_longitude BETWEEN -180 AND 180
GROUP BY 1, 2 ORDER BY n DESC, name LIMIT ?
"""
_LOCATED = """
SELECT count(*), count(*) FILTER (WHERE e.location_latitude BETWEEN -90 AND 90
    AND e.location_longitude BETWEEN -180 AND 180)
FROM events e WHERE {where}
"""
_RANKING = """
WITH f AS (SELECT e.rowid AS ev, e.quad_class, e.date_start,
        coalesce(o.occasion_id, e.id) AS occasion
    FROM events e LEFT JOIN occasions o ON o.event_id = e.id WHERE {where})
SELECT l.a, l.b, {count} AS n,
    {count} FILTER (WHERE list_contains(?, f.quad_class)) AS conflict,
    {count} FILTER (WHERE f.quad_class = 'verbal_cooperation')
        + 2 * {count} FILTER (WHERE f.quad_class = 'material_cooperation')
        - {count} FILTER (WHERE f.quad_class = 'verbal_conflict')
        - 2 * {count} FILTER (WHERE f.quad_class = 'material_conflict') AS score,
    {count} FILTER (WHERE f.date_start IS NULL) AS undated
FROM web_links l JOIN f ON f.ev = l.ev {only}
GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?
"""


def period_label(start: str, interval: str) -> str:
    """``"2018-07"`` (the first month of a period) as ``2018-07``, ``2018-Q3`` or ``2018``."""
    year, month = int(start[:4]), int(start[5:7])
    if interval == "year":
        return f"{year:04d}"
    if interval == "quarter":
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    return f"{year:04d}-{month:02d}"


def _periods(first: str, last: str, interval: str) -> list[str]:
    """Every period from ``first`` to ``last`` (their first months, ``YYYY-MM``)."""
    step = {"month": 1, "quarter": 3, "year": 12}[interval]
    year, month = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return out


@dataclass(frozen=True)
class _Series:
    key: str
    counts: dict[str, int]  # period (first month) -> events
    buckets: dict[str, int]  # "unplaced" / "undated" -> events

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + sum(self.buckets.values())


def series(
    aggregates: Aggregates, query: EventQuery, by: str, interval: str, size: int
) -> dict[str, Any]:
    """Counts per period of the events matching ``query``, one series per value of ``by`` (the
    ``size`` most frequent; the others summed as ``other``).

    With ``by=actor`` an event counts once in the series of each actor it involves (so the series
    add up to more than ``total``). Periods run from the first to the last one with events,
    empty ones included; ``unplaced`` and ``undated`` count what no period can hold.
    """
    where, params = query.where()
    join = "JOIN web_parties p ON p.ev = f.ev" if by == "actor" else ""
    sql = _SERIES.replace("{unit}", _UNITS[interval]).format(where=where, key=_KEYS[by], join=join)
    with aggregates.cursor("count events over time") as cur:
        rows = cur.execute(sql, params).fetchall()
        total = aggregates.store.count_events(query) if by == "actor" else None
    found: dict[str, _Series] = {}
    for slot, key, n in rows:
        name = "unknown" if key is None else str(key)
        one = found.setdefault(name, _Series(name, {}, {"unplaced": 0, "undated": 0}))
        if slot in _BUCKETS:
            one.buckets[_BUCKETS[slot]] += int(n)
        else:
            start = f"{slot // 100:04d}-{slot % 100:02d}"
            one.counts[start] = one.counts.get(start, 0) + int(n)
    ranked = sorted(found.values(), key=lambda s: (-s.total, s.key))
    kept, rest = ranked[:size], ranked[size:]
    if rest:
        other = _Series("other", {}, {"unplaced": 0, "undated": 0})
        for one in rest:
            for period, n in one.counts.items():
                other.counts[period] = other.counts.get(period, 0) + n
            for bucket, n in one.buckets.items():
                other.buckets[bucket] += n
        kept.append(other)
    starts = sorted({period for one in kept for period in one.counts})
    periods = _periods(starts[0], starts[-1], interval) if starts else []
    return {
        "by": by,
        "interval": interval,
        "total": total if total is not None else sum(one.total for one in kept),
        "periods": [period_label(p, interval) for p in periods],
        "starts": [date.fromisoformat(f"{p}-01").isoformat() for p in periods],
        "series": [
            {
                "key": one.key,
                "counts": [one.counts.get(p, 0) for p in periods],
                "unplaced": one.buckets["unplaced"],
                "undated": one.buckets["undated"],
                "total": one.total,
            }
            for one in kept
        ],
        "unplaced": sum(one.buckets["unplaced"] for one in kept),
        "undated": sum(one.buckets["undated"] for one in kept),
    }


def places(aggregates: Aggregates, query: EventQuery, size: int) -> dict[str, Any]:
    """The ``size`` places with the most matching events, as a GeoJSON FeatureCollection of
    points (longitude, latitude), each with its counts per quad class; ``total`` and
    ``unlocated`` (events without coordinates) are members of the collection."""
    where, params = query.where()
    with aggregates.cursor("count events per place") as cur:
        rows = cur.execute(_PLACES.format(where=where), [*params, size]).fetchall()
        total, located = cur.execute(_LOCATED.format(where=where), params).fetchall()[0]
    features = []
    for lat, lon, name, country, n, *quads in rows:
        counts = dict(zip(_QUADS, (int(q) for q in quads), strict=True))
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                "properties": {
                    "name": name,
                    "country": country,
                    "count": int(n),
                    **counts,
                    "quad_class": max(_QUADS, key=lambda q: (counts[q], -_QUADS.index(q))),
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "total": int(total),
        "unlocated": int(total) - int(located),
    }


def dyad_ranking(
    aggregates: Aggregates,
    query: EventQuery,
    size: int,
    actor: str | None = None,
    count: str = "occasions",
) -> list[dict[str, Any]]:
    """The ``size`` pairs of actors with the most matching events, both directions together
    (and both parties of symmetric events), with their conflict share and net score (the
    weights of :data:`~annales.web.queries.QUAD_WEIGHTS`); only the pairs of ``actor`` if given."""
    where, params = query.where()
    only = "WHERE l.a = ? OR l.b = ?" if actor else ""
    values = [*params, _CONFLICT, *([actor, actor] if actor else []), size]
    with aggregates.cursor("rank the dyads") as cur:
        sql = _RANKING.format(where=where, only=only, count=count_sql(count))
        rows = cur.execute(sql, values).fetchall()
    return [
        {
            "a": a,
            "b": b,
            "count": int(n),
            "conflict": int(conflict),
            "conflict_share": round(int(conflict) / int(n), 4),
            "score": int(score),
            "undated": int(undated),
        }
        for a, b, n, conflict, score, undated in rows
    ]
