"""Conversions between the records of :mod:`annales.model` and the rows of the store's tables.

Kept apart from the SQL so that what a column holds is decided in one place, and so that the
conversions can be read (and tested) without a database.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from annales.model import FIRST_YEAR, LAST_YEAR, Actor, Document, Event, Place

__all__ = [
    "actor_rows",
    "document_from_row",
    "document_row",
    "event_from_row",
    "event_row",
    "period_bounds",
]

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
    """The ``events`` row, in the order of ``schema.EVENT_COLUMNS``."""
    place = event.location
    start, end = period_bounds(event.date)
    return (
        event.id,
        event.doc_id,
        event.type,
        event.quad_class,
        event.mode,
        list(event.context),
        event.date,
        start,
        end,
        event.date_source,
        event.date_text,
        place.name if place else None,
        place.country if place else None,
        place.geonames_id if place else None,
        place.latitude if place else None,
        place.longitude if place else None,
        place.feature if place else None,
        place.text if place else None,
        place.start if place else None,
        place.end if place else None,
        event.quote,
        event.sentence,
        event.start,
        event.end,
        event.trigger,
        event.trigger_start,
        event.trigger_end,
        event.rule,
        event.coder,
        event.confidence,
        event.modality,
        event.optional,
        list(event.quotes),
    )


def actor_rows(event: Event) -> list[tuple[Any, ...]]:
    """The ``event_actors`` rows of one event, in the order of ``schema.ACTOR_COLUMNS``."""
    rows: list[tuple[Any, ...]] = []
    for role, actors in (("actor", event.actors), ("recipient", event.recipients)):
        for position, actor in enumerate(actors):
            rows.append(
                (
                    event.id,
                    event.doc_id,
                    role,
                    position,
                    actor.code,
                    actor.sector,
                    actor.text,
                    actor.wikidata,
                    actor.name,
                    actor.start,
                    actor.end,
                    actor.rule,
                    actor.confidence,
                )
            )
    return rows


# The keys of an actor struct as the event query selects them (see duck._SELECT_EVENTS).
_ACTOR_FIELDS = ("code", "sector", "text", "wikidata", "name", "start", "end", "rule", "confidence")


def _actors(records: list[Mapping[str, Any]] | None, role: str) -> list[Actor]:
    # The query hands the actors already ordered by role then position.
    return [
        Actor(**{key: record[key] for key in _ACTOR_FIELDS})
        for record in records or []
        if record["role"] == role
    ]


def event_from_row(row: Mapping[str, Any]) -> Event:
    """Rebuild an :class:`Event` from an ``events`` row plus its ``actors`` list of structs."""
    place = None
    if row["location_name"] is not None:
        place = Place(
            name=row["location_name"],
            country=row["location_country"],
            geonames_id=row["location_geonames_id"],
            latitude=row["location_latitude"],
            longitude=row["location_longitude"],
            feature=row["location_feature"],
            text=row["location_text"],
            start=row["location_start"],
            end=row["location_end"],
        )
    return Event(
        id=row["id"],
        doc_id=row["doc_id"],
        type=row["type"],
        actors=_actors(row["actors"], "actor"),
        recipients=_actors(row["actors"], "recipient"),
        mode=row["mode"],
        context=list(row["context"]),
        date=row["date"],
        date_source=row["date_source"],
        date_text=row["date_text"],
        location=place,
        quote=row["quote"],
        sentence=row["sentence"],
        start=row["start"],
        end=row["end"],
        trigger=row["trigger"],
        trigger_start=row["trigger_start"],
        trigger_end=row["trigger_end"],
        rule=row["rule"],
        coder=row["coder"],
        confidence=row["confidence"],
        modality=row["modality"],
        quotes=list(row["quotes"]),
    )
