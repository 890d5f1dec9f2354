"""Merging inside one document: one event per happening the document reports.

A document that reports the same event twice (headline and body, a repeated quote) yields one
event carrying every quote. Two events are the same occasion when they share type, actors and
recipients, unless the text gives them different dates; an asserted mention wins over an
optional one.
"""

from __future__ import annotations

from annales.model import SYMMETRIC_TYPES, Event

__all__ = ["merge_events", "occasion_key"]


def occasion_key(event: Event) -> tuple[object, ...]:
    """Who did what to whom: mentions with one key are one occasion unless their dates differ.

    Symmetric types ignore who acted first.
    """
    actors = frozenset(a.code for a in event.actors)
    recipients = frozenset(a.code for a in event.recipients)
    if event.type in SYMMETRIC_TYPES:
        actors, recipients = actors | recipients, frozenset()
    return (event.doc_id, event.type, actors, recipients)


def _same_occasion(event: Event, other: Event) -> bool:
    """Two dates read in the text that differ mean two occasions (two calls a month apart); a
    date inherited from publication does not tell occasions apart."""
    both_dated = event.date_source == "text" and other.date_source == "text"
    return not both_dated or event.date == other.date


def _participants(event: Event) -> frozenset[str]:
    return frozenset(a.code for a in event.actors) | frozenset(a.code for a in event.recipients)


def _less_specific(event: Event, other: Event) -> bool:
    """Whether ``event`` is a vaguer mention of ``other``'s occasion (it names fewer parties)."""
    if event is other or event.type != other.type:
        return False
    if event.optional != other.optional and event.modality != "vague":
        return False
    if event.type in SYMMETRIC_TYPES:
        mine, theirs = _participants(event), _participants(other)
        return len(mine) == 1 and mine < theirs
    same_actors = {a.code for a in event.actors} == {a.code for a in other.actors}
    return same_actors and not event.recipients and bool(other.recipients)


def merge_events(events: list[Event]) -> list[Event]:
    """Merge repeated mentions of one occasion, keeping the first and all quotes.

    A mention that names fewer parties ("le retrait" after "le retrait des troupes russes de
    Syrie") joins the fuller one instead of counting as an event of its own.
    """
    events = _merge_identical(events)
    kept = []
    for event in events:
        fuller = next((other for other in events if _less_specific(event, other)), None)
        if fuller is None:
            kept.append(event)
        else:
            fuller.quotes.extend(q for q in event.quotes if q not in fuller.quotes)
    return kept


def _merge_identical(events: list[Event]) -> list[Event]:
    occasions: dict[tuple[object, ...], list[Event]] = {}
    order: list[Event] = []
    for event in events:
        same = occasions.setdefault(occasion_key(event), [])
        first = next((e for e in same if _same_occasion(e, event)), None)
        if first is None:
            same.append(event)
            order.append(event)
            continue
        kept, other = (event, first) if first.optional and not event.optional else (first, event)
        kept.quotes = kept.quotes + [q for q in other.quotes if q not in kept.quotes]
        kept.confidence = max(kept.confidence, other.confidence)
        if kept.date_source != "text" and other.date_source == "text":
            # The headline inherits the publication date; the body says when it happened.
            kept.date, kept.date_source, kept.date_text = other.date, "text", other.date_text
        if kept is not first:
            same[same.index(first)] = kept
            order[order.index(first)] = kept
    return order
