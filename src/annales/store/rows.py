"""Conversions between the records of :mod:`annales.model` and the rows of the store's tables.

Kept apart from the SQL so that what a column holds is decided in one place, and so that the
conversions can be read (and tested) without a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from annales.model import Actor, Document, Event, Place
from annales.store.fields import ACTOR_FIELDS, EVENT_FIELDS, PLACE_FIELDS, period_bounds

__all__ = [
    "actor_rows",
    "document_from_row",
    "document_row",
    "event_from_row",
    "event_row",
    "period_bounds",
]


def document_row(
    document: Document, status: str, reason: str | None, version: str
) -> tuple[Any, ...]:
    """The ``documents`` row, in the order of ``schema.DOCUMENT_COLUMNS``."""
    return (
        document.id,
        document.title,
        document.text,
        document.pub_date,
        document.pub_date_source,
        document.url,
        document.lang,
        document.source,
        status,
        reason,
        datetime.now(),
        version,
    )


def document_from_row(row: Mapping[str, Any]) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        pub_date=row["pub_date"],
        pub_date_source=row["pub_date_source"],
        url=row["url"],
        lang=row["lang"],
        source=row["source"],
    )


def event_row(event: Event) -> tuple[Any, ...]:
    """The ``events`` row, in the order of ``schema.EVENT_COLUMNS`` (the field table's)."""
    return tuple(item.value(event) for item in EVENT_FIELDS)


def actor_rows(event: Event) -> list[tuple[Any, ...]]:
    """The ``event_actors`` rows of one event, in the order of ``schema.ACTOR_COLUMNS``."""
    return [
        (event.id, event.doc_id, role, position, *(getattr(actor, f.name) for f in ACTOR_FIELDS))
        for role, actors in (("actor", event.actors), ("recipient", event.recipients))
        for position, actor in enumerate(actors)
    ]


# The Event attributes an ``events`` row holds as they are (the rest is derived from them).
_EVENT_ATTRIBUTES = tuple(
    item.name for item in EVENT_FIELDS if item.name in Event.__dataclass_fields__
)


def _actors(records: list[Mapping[str, Any]] | None, role: str) -> list[Actor]:
    # The query hands the actors already ordered by role then position.
    return [
        Actor(**{f.name: record[f.name] for f in ACTOR_FIELDS})
        for record in records or []
        if record["role"] == role
    ]


def event_from_row(row: Mapping[str, Any]) -> Event:
    """Rebuild an :class:`Event` from an ``events`` row plus its ``actors`` list of structs."""
    place = None
    if row["location_name"] is not None:
        place = Place(**{f.name: row[f"location_{f.name}"] for f in PLACE_FIELDS})
    values = {name: row[name] for name in _EVENT_ATTRIBUTES}
    values["context"] = list(values["context"])
    values["quotes"] = list(values["quotes"])
    return Event(
        **values,
        actors=_actors(row["actors"], "actor"),
        recipients=_actors(row["actors"], "recipient"),
        location=place,
    )
