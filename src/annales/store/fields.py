"""The fields of an event, declared once.

Every layout of an event is generated from the tables below: the columns of the store's
``events`` and ``event_actors`` tables (:mod:`annales.store.schema`, :mod:`annales.store.rows`),
the Arrow schema of the Parquet partitions of a distributed run (:mod:`annales.scale.partitions`),
the flat rows of CSV and Parquet exports (:mod:`annales.store.export`) and the PLOVER record
(:func:`plover_record`). A new field is one line here; ``tests/test_interop_fields.py`` checks
that the four layouts follow.

This module imports nothing heavy (no DuckDB, no Arrow), so that any stage may read it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from annales.model import FIRST_YEAR, LAST_YEAR, Actor, Event, Place

__all__ = [
    "ACTOR_FIELDS",
    "DOCUMENT_FLAT",
    "EVENT_FIELDS",
    "PLACE_FIELDS",
    "SEPARATOR",
    "Citation",
    "Field",
    "SubField",
    "arrow_struct",
    "arrow_type",
    "event_from_partition_row",
    "flat_columns",
    "partition_arrow_fields",
    "partition_row",
    "period_bounds",
    "plover_record",
    "stored_event_columns",
]

# Several actors (or contexts) in one flat cell are joined with this; each code appears once.
SEPARATOR = ";"


@dataclass(frozen=True)
class Field:
    """One column of the store's ``events`` table and where it appears elsewhere.

    ``plover`` is the key of the PLOVER record (``"provenance.rule"`` for a key of the provenance
    block; None: not in the record); ``flat`` the column name in CSV and Parquet exports (None: not
    exported flat); ``partition`` whether the Parquet partitions of a distributed run keep it (a
    column derived from another one is recomputed on load instead).
    """

    name: str
    sql: str  # the DuckDB type
    value: Callable[[Event], Any]
    required: bool = False
    plover: str | None = None
    flat: str | None = None
    partition: bool = True
    doc: str = ""


@dataclass(frozen=True)
class SubField:
    """One field of an :class:`~annales.model.Actor` or a :class:`~annales.model.Place`."""

    name: str  # the attribute (and the store column, prefixed for places)
    sql: str
    plover: str | None  # key in the PLOVER actor or location object
    required: bool = False


ACTOR_FIELDS: tuple[SubField, ...] = (
    SubField("code", "VARCHAR", "code", required=True),
    SubField("sector", "VARCHAR", "sector"),
    SubField("text", "VARCHAR", "entity_text"),
    SubField("wikidata", "VARCHAR", "identifier_id"),
    SubField("name", "VARCHAR", "name"),
    SubField("start", "INTEGER", "start"),
    SubField("end", "INTEGER", "end"),
    SubField("rule", "VARCHAR", "rule"),
    SubField("confidence", "DOUBLE", "confidence", required=True),
)

PLACE_FIELDS: tuple[SubField, ...] = (
    SubField("name", "VARCHAR", "name"),
    SubField("country", "VARCHAR", "country_code"),
    SubField("geonames_id", "BIGINT", "geonameid"),
    SubField("latitude", "DOUBLE", "lat"),
    SubField("longitude", "DOUBLE", "lon"),
    SubField("feature", "VARCHAR", "resolution"),
    SubField("text", "VARCHAR", "text"),
    SubField("start", "INTEGER", "start"),
    SubField("end", "INTEGER", "end"),
)
# Place columns of the flat exports, under the names they had before the field table.
_PLACE_FLAT = {
    "name": "event_loc",
    "country": "event_loc_country",
    "geonames_id": "geonameid",
    "latitude": "latitude",
    "longitude": "longitude",
}


def _place_value(attribute: str) -> Callable[[Event], Any]:
    return lambda event: getattr(event.location, attribute) if event.location else None


def _date_bound(index: int) -> Callable[[Event], date | None]:
    return lambda event: period_bounds(event.date)[index]


_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T)")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def period_bounds(value: str | None) -> tuple[date | None, date | None]:
    """First and last day of the period an event date names: a day, a month, an ISO week or a year.

    Anything else (None, "PRESENT_REF", a malformed value, a year outside
    :data:`~annales.model.FIRST_YEAR` to :data:`~annales.model.LAST_YEAR`) has no bounds, so the
    event sorts last and never matches a date filter, instead of making the whole save fail.
    """
    if not value:
        return None, None
    try:
        week = _WEEK.match(value)
        if week:
            if not FIRST_YEAR <= int(week[1]) <= LAST_YEAR:
                return None, None
            first = date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return first, first + timedelta(days=6)
        match = _PERIOD.match(value)
        if not match:
            return None, None
        year = int(match[1])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None, None
        if match[3]:
            day = date(year, int(match[2]), int(match[3]))
            return day, day
        if match[2]:
            month = int(match[2])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None, None


def _f(
    name: str,
    sql: str,
    plover: str | None = None,
    flat: str | None = None,
    *,
    required: bool = True,
    value: Callable[[Event], Any] | None = None,
    partition: bool = True,
    doc: str = "",
) -> Field:
    """A field read from the Event attribute of the same name unless ``value`` says otherwise."""
    getter = value or (lambda event: getattr(event, name))
    return Field(name, sql, getter, required, plover, flat, partition, doc)


def _listed(name: str) -> Callable[[Event], list[str]]:
    return lambda event: list(getattr(event, name))


# The columns of the store's ``events`` table, in order. Nullable ones say ``required=False``.
EVENT_FIELDS: tuple[Field, ...] = (
    _f("id", "VARCHAR", "id", "id", doc="stable id of the event"),
    _f("doc_id", "VARCHAR", "doc_id", "doc_id", doc="id of the document it was read from"),
    _f("date", "VARCHAR", "date", "date", required=False, doc="a day, a month or a year"),
    _f("date_start", "DATE", value=_date_bound(0), required=False, partition=False),
    _f("date_end", "DATE", value=_date_bound(1), required=False, partition=False),
    _f("date_source", "VARCHAR", "provenance.date_source", required=False),
    _f("date_text", "VARCHAR", "provenance.date_text", required=False),
    _f("type", "VARCHAR", "event", "event", doc="PLOVER event type"),
    _f("mode", "VARCHAR", "mode", "mode", required=False, doc="PLOVER mode"),
    _f("quad_class", "VARCHAR", "quad_class", "quad_class", doc="PLOVER quad class"),
    _f("context", "VARCHAR[]", "context", "context", value=_listed("context")),
    *(
        _f(
            f"location_{sub.name}",
            sub.sql,
            f"event_loc.{sub.plover}",
            _PLACE_FLAT.get(sub.name),
            required=False,
            value=_place_value(sub.name),
        )
        for sub in PLACE_FIELDS
    ),
    _f("quote", "VARCHAR", "event_text", "event_text", doc="the words that show the event"),
    _f("sentence", "VARCHAR", "provenance.sentence", "sentence"),
    _f("start", "INTEGER", "provenance.start", "start"),
    _f("end", "INTEGER", "provenance.end", "end"),
    _f("trigger", "VARCHAR", "provenance.trigger", "trigger"),
    _f("trigger_start", "INTEGER", "provenance.trigger_start"),
    _f("trigger_end", "INTEGER", "provenance.trigger_end"),
    _f("rule", "VARCHAR", "provenance.rule", "rule"),
    _f("coder", "VARCHAR", "coder", "coder", doc="the coder and its version"),
    _f("confidence", "DOUBLE", "provenance.confidence", "confidence"),
    _f("modality", "VARCHAR", "modality", "modality", required=False),
    _f("optional", "BOOLEAN", "optional", "optional"),
    _f("quotes", "VARCHAR[]", "provenance.quotes", value=_listed("quotes")),
)

# The document columns a flat row carries, after the event's own ones.
DOCUMENT_FLAT: tuple[str, ...] = ("title", "url", "pub_date", "source")
# The actor columns of a flat row: one cell per side and attribute, codes listed once each.
_ACTOR_FLAT = ("", "_name", "_sector", "_wikidata")


def stored_event_columns() -> tuple[str, ...]:
    """The columns of the store's ``events`` table, in order."""
    return tuple(f.name for f in EVENT_FIELDS)


def flat_columns() -> tuple[str, ...]:
    """The columns of a flat export row (CSV, Parquet), in order.

    The event's fields that have a flat name, in table order, with the actor cells after
    ``context`` and the document's columns last.
    """
    columns: list[str] = []
    for item in EVENT_FIELDS:
        if item.flat is not None:
            columns.append(item.flat)
        if item.name == "context":
            columns += [f"{side}{end}" for side in ("actor", "recipient") for end in _ACTOR_FLAT]
    return (*columns, *DOCUMENT_FLAT)


@dataclass(frozen=True)
class Citation:
    """What the PLOVER record says about the document an event was read from."""

    url: str | None = None
    title: str | None = None
    publication: str | None = None  # the file or feed it came from
    language: str | None = None
    license: str | None = None
    pub_date: str | None = None
    coded_date: str | None = None  # when annales coded it, ISO 8601
    sequence: int | None = None  # the event's rank in its document (1 = first), by position

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Citation:
        """From a mapping with any of the keys of this class (a store query's row)."""

        def text(key: str) -> str | None:
            value = row.get(key)
            return None if value is None else str(value)

        coded = row.get("coded_date")
        if isinstance(coded, datetime):
            coded = coded.isoformat(timespec="seconds")
        return cls(
            url=text("url"),
            title=text("title"),
            publication=text("publication"),
            language=text("language"),
            license=text("license"),
            pub_date=text("pub_date"),
            coded_date=None if coded is None else str(coded),
            sequence=row.get("sequence"),
        )


def _actor_object(actor: Actor) -> dict[str, Any]:
    record = {sub.plover: getattr(actor, sub.name) for sub in ACTOR_FIELDS if sub.plover}
    return {key: value for key, value in record.items() if value is not None}


def _place_object(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    record = {sub.plover: getattr(place, sub.name) for sub in PLACE_FIELDS if sub.plover}
    return {key: value for key, value in record.items() if value is not None}


def plover_record(event: Event, citation: Citation | None = None) -> dict[str, Any]:
    """The PLOVER JSON record of ``event``: the specification's field names, then annales' own.

    ``citation`` fills ``cite_info``, ``coded_date`` and ``text_info.sequence`` (the store knows
    them, a bare :class:`~annales.model.Event` does not). The ``provenance`` block keeps the
    evidence: sentence, spans, rule, confidence, the date's source and every merged quote.
    """
    record: dict[str, Any] = {}
    for item in EVENT_FIELDS:
        if item.plover is None or item.plover.startswith("event_loc."):
            continue
        block, _, key = item.plover.rpartition(".")
        target = record.setdefault(block, {}) if block else record
        target[key or item.plover] = item.value(event)
        if item.name == "context":
            record["actor"] = [_actor_object(a) for a in event.actors]
            record["recipient"] = [_actor_object(a) for a in event.recipients]
            record["event_loc"] = _place_object(event.location)
    cite = citation or Citation()
    info = {
        "url": cite.url,
        "title": cite.title,
        "publication": cite.publication,
        "language": cite.language,
        "license": cite.license,
        "pub_date": cite.pub_date,
    }
    record["cite_info"] = {key: value for key, value in info.items() if value}
    record["text_info"] = {"sequence": cite.sequence, "start": event.start, "end": event.end}
    record["coded_date"] = cite.coded_date
    # The provenance block last, whole, as readers of earlier versions expect it.
    record["provenance"] = record.pop("provenance")
    return record


def arrow_type(sql: str) -> Any:
    """The Arrow type of a store type (for schemas built in Python, such as the partitions')."""
    import pyarrow as pa  # only the callers that build Arrow schemas pay for pyarrow

    if sql.endswith("[]"):
        return pa.list_(arrow_type(sql[:-2]))
    # Partitions keep integers 64-bit, as they always have.
    types = {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int64(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "DATE": pa.date32(),
    }
    return types[sql]


def arrow_struct(subfields: tuple[SubField, ...]) -> Any:
    """The Arrow struct of an actor or a place, field names as the dataclass's attributes."""
    import pyarrow as pa

    return pa.struct([(sub.name, arrow_type(sub.sql)) for sub in subfields])


# -- the Parquet partitions of a distributed run ---------------------------------------------------
# A partition row keeps an event whole: the fields the partitions keep, under their PLOVER name
# when it is a top-level one ("event", "event_text"), actors and place as structs.


def _partition_name(item: Field) -> str:
    return item.plover if item.plover and "." not in item.plover else item.name


_SIDES = (("actor", "actors"), ("recipient", "recipients"))


def partition_arrow_fields() -> list[tuple[str, Any]]:
    """The (name, Arrow type) of each event column of a partition, in the field table's order."""
    import pyarrow as pa

    columns: list[tuple[str, Any]] = []
    for item in EVENT_FIELDS:
        if not item.partition or item.name.startswith("location_"):
            continue
        columns.append((_partition_name(item), arrow_type(item.sql)))
        if item.name == "context":
            columns += [(side, pa.list_(arrow_struct(ACTOR_FIELDS))) for side, _ in _SIDES]
            columns.append(("event_loc", arrow_struct(PLACE_FIELDS)))
    return columns


def partition_row(event: Event) -> dict[str, Any]:
    """The partition row of ``event`` (see :func:`partition_arrow_fields`)."""
    row: dict[str, Any] = {}
    for item in EVENT_FIELDS:
        if item.partition and not item.name.startswith("location_"):
            row[_partition_name(item)] = item.value(event)
    for side, attribute in _SIDES:
        row[side] = [
            {sub.name: getattr(actor, sub.name) for sub in ACTOR_FIELDS}
            for actor in getattr(event, attribute)
        ]
    place = event.location
    row["event_loc"] = (
        {sub.name: getattr(place, sub.name) for sub in PLACE_FIELDS} if place else None
    )
    return row


def event_from_partition_row(row: Mapping[str, Any]) -> Event:
    """The :class:`Event` of a partition row; derived columns (quad class...) are recomputed."""
    names = {_partition_name(item): item.name for item in EVENT_FIELDS}
    attributes = Event.__dataclass_fields__
    values = {names.get(key, key): value for key, value in row.items()}
    record = {key: value for key, value in values.items() if key in attributes}
    for side, attribute in _SIDES:
        record[attribute] = row.get(side) or []
    record["location"] = row.get("event_loc")
    return Event.from_dict(record)
