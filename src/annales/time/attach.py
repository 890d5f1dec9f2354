"""From the time expressions of a clause to the date of its event."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from annales.model import FIRST_YEAR, LAST_YEAR, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["date_for_event", "event_date"]

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T.*)?$")
_MONTH_OR_YEAR = re.compile(r"^\d{4}(?:-\d{2})?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_SEASON = re.compile(r"^(\d{4})-(?:SP|SU|FA|WI)$")


def event_date(value: str | None) -> str | None:
    """A TimeML value as an event date: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, else None.

    A time of day keeps its day; a week becomes its month when it lies in one month (else its
    year); a season becomes its year. Decades, centuries, durations, sets and vague references
    ("PAST_REF") date no event.
    """
    if not value:
        return None
    day = _DAY.match(value)
    if day:
        return day.group(1)
    if _MONTH_OR_YEAR.match(value):
        return value
    week = _WEEK.match(value)
    if week:
        year, number = int(week.group(1)), int(week.group(2))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None  # the week's Sunday could leave the calendar (9999-W52)
        try:
            monday = date.fromisocalendar(year, number, 1)
        except ValueError:
            return None
        sunday = monday + timedelta(days=6)
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            return f"{monday.year:04d}-{monday.month:02d}"
        return f"{(monday + timedelta(days=3)).year:04d}"  # the year holding the week's Thursday
    season = _SEASON.match(value)
    return season.group(1) if season else None


# Dependencies that open a clause of their own: an expression under one of them dates the
# clause's verb, not the words outside it.
_CLAUSES = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "csubj", "parataxis", "ROOT"})
# A relative clause tells about its noun ("une réunion qui se tiendra jeudi"); participial
# clauses ("l'accord trouvé le 6 octobre") often date the very thing the event is about, so they
# stay candidates.
_MODIFIER_CLAUSES = frozenset({"acl:relcl"})


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _clause_head(token: Token) -> Token:
    seen = 0
    while token.dep_ not in _CLAUSES and token.head is not token and seen < 30:
        if token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"}:
            break  # "signé lundi et ratifié mardi": each verb its own clause
        token, seen = token.head, seen + 1
    return token


def _clause_relation(doc: Doc, expression: TimeExpression, trigger_start: int) -> int | None:
    """0 when the expression is in the trigger's own clause, 1 when elsewhere in the sentence,
    None when it sits in a relative clause about something else."""
    word = _token_at(doc, expression.start, expression.end)
    trigger = _token_at(doc, trigger_start, trigger_start + 1)
    if word is None or trigger is None:
        return 1
    above_trigger = {trigger.i, *(t.i for t in trigger.ancestors)}
    token, seen = word, 0
    while token.i not in above_trigger and token.head is not token and seen < 30:
        if token.dep_ in _MODIFIER_CLAUSES and token.head.i != trigger.i:
            return None  # "a demandé une réunion qui devrait se tenir jeudi"
        token, seen = token.head, seen + 1
    return 0 if _clause_head(word).i == _clause_head(trigger).i else 1


def date_for_event(
    times: Iterable[TimeExpression],
    *,
    clause_start: int,
    clause_end: int,
    trigger_start: int,
    pub_date: date | None,
    doc: Doc | None = None,
) -> tuple[str | None, str | None, str | None]:
    """The event's (date, source, text): the expression in its clause nearest the trigger.

    Only expressions inside ``[clause_start, clause_end)`` that give a calendar date count
    (durations, sets and vague references do not); the nearest to the trigger wins, a date before
    a time of day at equal distance. With ``doc`` (the spaCy parse of the document) the trigger's
    own clause comes first, and an expression inside a relative clause about another thing
    ("une réunion qui se tiendra jeudi") never dates the event. Without one the
    publication date is inherited; without a publication date nothing is known.
    """
    best: tuple[tuple[int, int, int], str, str] | None = None
    for expression in times:
        if expression.kind in {"DURATION", "SET"}:
            continue
        if expression.start < clause_start or expression.end > clause_end:
            continue
        value = event_date(expression.value)
        if value is None:
            continue
        if expression.end <= trigger_start:
            distance = trigger_start - expression.end
        else:
            distance = max(0, expression.start - trigger_start)
        relation = 1
        if doc is not None:
            found = _clause_relation(doc, expression, trigger_start)
            if found is None:
                continue
            relation = found
        key = (relation, distance, 0 if expression.kind == "DATE" else 1)
        if best is None or key < best[0]:
            best = (key, value, expression.text)
    if best is not None:
        return best[1], "text", best[2]
    if pub_date is not None:
        return pub_date.isoformat(), "inherited", None
    return None, None, None
