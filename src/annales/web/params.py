"""Every URL parameter of the web UI, declared once as data, and the one function that reads them.

Each parameter says its kind, its limits and its help text; the API handlers, the HTML pages and
the OpenAPI document (:mod:`annales.web.openapi`) all read this table, so a parameter cannot be
accepted by one and undocumented in another. Values are validated here (or by
:class:`~annales.store.EventQuery`, whose messages are reused) and a bad one raises a
:class:`WebError` that names it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from annales.actors.codes import resolve_code
from annales.errors import AnnalesError, QueryError
from annales.model import EVENT_TYPES, FIRST_YEAR, LAST_YEAR, QUAD_CLASS
from annales.store import ORDERS, EventQuery
from annales.store.query import MODALITIES

__all__ = [
    "COUNT_UNITS",
    "FILTERS",
    "INTERVALS",
    "MONTH_BUCKETS",
    "PARAMS",
    "QUAD_CLASSES",
    "SERIES_BY",
    "Param",
    "Parsed",
    "WebError",
    "parse",
]

QUAD_CLASSES: tuple[str, ...] = tuple(dict.fromkeys(QUAD_CLASS.values()))
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MAX_TEXT = 200
_MAX_OFFSET = 2**31 - 1


SERIES_BY: tuple[str, ...] = ("type", "quad", "actor", "country")
# The units of the dyad chart, the dyad ranking and the network (annales.store.occasions).
COUNT_UNITS: tuple[str, ...] = ("occasions", "mentions")
INTERVALS: tuple[str, ...] = ("month", "quarter", "year")
# Values of ``month`` that name the events a monthly chart cannot place.
MONTH_BUCKETS: tuple[str, ...] = ("unplaced", "undated")


class WebError(AnnalesError):
    """A request the web UI refuses: rendered as ``{"error": ...}`` (API) or an error page."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Param:
    """One URL parameter. ``field`` is the :class:`EventQuery` field it fills, if any."""

    name: str
    kind: str  # "code", "pair", "choice", "date", "month", "text", "bool", "int", "fraction"
    help: str
    example: str | None = None
    field: str | None = None
    choices: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int = _MAX_OFFSET
    default: int | None = None


PARAMS: dict[str, Param] = {
    p.name: p
    for p in (
        Param(
            "actor",
            "code",
            "Actor code or name on the source side (RUS, UN, ORG:ECOWAS, Russie, CEDEAO).",
            "RUS",
            "actor",
        ),
        Param("recipient", "code", "Actor code or name on the target side.", "TUR", "recipient"),
        Param("involving", "code", "Actor code or name on either side.", "RUS", "involving"),
        Param(
            "between",
            "pair",
            "Two actors, codes or names, as A,B: one on each side either way round, or both "
            "in a symmetric event (CONSULT, AGREE, COOPERATE).",
            "RUS,TUR",
            "between",
        ),
        Param("type", "choice", "PLOVER event type.", "CONSULT", "type", EVENT_TYPES),
        Param("quad", "choice", "Quad class.", "verbal_conflict", "quad_class", QUAD_CLASSES),
        Param("since", "date", "First day (YYYY-MM-DD, YYYY-MM or YYYY).", "2018-01", "since"),
        Param("until", "date", "Last day (YYYY-MM-DD, YYYY-MM or YYYY).", "2018-12-31", "until"),
        Param("place", "text", "Country code or part of a place name.", "SYR", "place"),
        Param("q", "text", "Words that the quote or the sentence contains.", "sommet", "text"),
        Param("doc", "text", "Only the events of this document id.", None, "doc_id"),
        Param(
            "include_optional",
            "bool",
            "Also show future, planned, negated... events (true/false).",
            "false",
            "include_optional",
        ),
        Param(
            "min_confidence",
            "fraction",
            "Only events the coder was at least this sure of (0 to 1).",
            "0.5",
            "min_confidence",
        ),
        Param(
            "modality",
            "choice",
            "Only events of this modality (asserted, planned, negated...); optional ones are "
            "then included.",
            "asserted",
            "modality",
            MODALITIES,
        ),
        Param("limit", "int", "Events per page.", "50", "limit", maximum=1000, default=50),
        Param("offset", "int", "Events to skip (paging).", "0", "offset", default=0),
        Param("sort", "choice", "Order of the events.", "-date", "order", tuple(ORDERS)),
        Param(
            "facet_size",
            "int",
            "Values listed per facet.",
            "10",
            minimum=1,
            maximum=100,
            default=10,
        ),
        Param("a", "code", "First actor of the dyad (code or name).", "RUS"),
        Param("b", "code", "Second actor of the dyad (code or name).", "TUR"),
        Param(
            "month",
            "month",
            "One month (YYYY-MM), or `unplaced` (dated to a year only) or `undated`.",
            "2018-09",
        ),
        Param("by", "choice", "What the series are split by.", "type", choices=SERIES_BY),
        Param("interval", "choice", "Length of a period.", "month", choices=INTERVALS),
        Param(
            "series",
            "int",
            "Series drawn (the most frequent; the rest are summed as `other`).",
            "8",
            minimum=1,
            maximum=30,
            default=8,
        ),
        Param("top", "int", "Rows of a ranking.", "50", minimum=1, maximum=500, default=50),
        Param("name", "text", "Part of an actor's name or code.", "Russ"),
        Param("edges", "int", "Strongest edges drawn.", "80", minimum=1, maximum=500, default=80),
        Param(
            "count",
            "choice",
            "What counts: occasions (a happening reported by several articles counts once, the "
            "default) or mentions (every report).",
            "mentions",
            choices=COUNT_UNITS,
        ),
    )
}

# The filters shared by the events list, its facets, its downloads and the events page.
FILTERS: tuple[str, ...] = (
    "actor",
    "recipient",
    "involving",
    "between",
    "type",
    "quad",
    "since",
    "until",
    "place",
    "q",
    "doc",
    "include_optional",
    "modality",
    "min_confidence",
)


@dataclass(frozen=True)
class Parsed:
    """The validated parameters of one request: typed ``values`` and the ``given`` raw strings."""

    values: dict[str, Any]
    given: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def query(self, **overrides: Any) -> EventQuery:
        """The :class:`EventQuery` made of the parsed values that are query fields."""
        fields: dict[str, Any] = {}
        for name, value in self.values.items():
            target = PARAMS[name].field
            if target is not None and value is not None:
                fields[target] = value
        fields.update(overrides)
        try:
            return EventQuery(**fields)
        except QueryError as err:  # a combination, e.g. since after until
            raise WebError(str(err)) from err


def parse(
    query: Mapping[str, list[str]],
    names: tuple[str, ...],
    *,
    where: str,
    required: tuple[str, ...] = (),
    defaults: Mapping[str, int | None] | None = None,
    stored: Callable[[str], bool] | None = None,
) -> Parsed:
    """Validate the URL parameters ``query`` (name -> every value given) against ``names``.

    Empty values mean "not given". Raises WebError naming the parameter for an unknown, repeated,
    missing or invalid one. ``defaults`` overrides the defaults of integer parameters. Actors
    are codes or names; ``stored`` says whether the store holds a code the knowledge base does
    not know (so that a link made from a stored code always works).
    """
    unknown = sorted(set(query) - set(names))
    if unknown:
        raise WebError(
            f"unknown parameter {unknown[0]!r} for {where}; valid parameters are "
            f"{', '.join(names) or 'none'}"
        )
    values: dict[str, Any] = {}
    given: dict[str, str] = {}
    for name in names:
        param = PARAMS[name]
        raw = [value for value in query.get(name, []) if value.strip()]
        if len(raw) > 1:
            raise WebError(f"{name}: given {len(raw)} times; give it once")
        if raw:
            given[name] = raw[0].strip()
            values[name] = _value(param, given[name], stored)
        elif name in required:
            raise WebError(f"{name}: missing; {param.help[0].lower()}{param.help[1:]}")
        else:
            values[name] = (defaults or {}).get(name, param.default)
    return Parsed(values, given)


def _value(param: Param, text: str, stored: Callable[[str], bool] | None = None) -> Any:
    name = param.name
    if len(text) > _MAX_TEXT:
        raise WebError(f"{name}: longer than {_MAX_TEXT} characters")
    if _CONTROL.search(text):
        raise WebError(f"{name}: contains control characters")
    if param.kind == "month":
        if text.lower() in MONTH_BUCKETS:
            return text.lower()
        month = _MONTH.match(text)
        if not month:
            raise WebError(
                f"{name}: {text!r} is not a month; write it as YYYY-MM (e.g. 2018-09), "
                "unplaced or undated"
            )
        if not FIRST_YEAR <= int(month[1]) <= LAST_YEAR:
            raise WebError(
                f"{name}: {text!r} is out of range; give a month from {FIRST_YEAR}-01 to "
                f"{LAST_YEAR}-12"
            )
        return text
    if param.kind == "int":
        try:
            number = int(text)
        except ValueError:
            raise WebError(f"{name}: {text!r} is not a whole number") from None
        if not param.minimum <= number <= param.maximum:
            raise WebError(
                f"{name}: {number} is out of range; give a number from {param.minimum} to "
                f"{param.maximum}"
            )
        return number
    if param.kind == "code":  # a code, or a name or alias of the knowledge base ("CEDEAO")
        try:
            return resolve_code(text, stored=stored)
        except QueryError as err:
            raise WebError(f"{name}: {err}") from None
    if param.kind == "pair":  # "RUS,Turquie": two codes or names
        parts = [part.strip() for part in text.split(",")]
        if len(parts) != 2 or not all(parts):
            raise WebError(f"{name}: {text!r} is not two actors; write them as A,B (e.g. RUS,TUR)")
        try:
            pair = tuple(resolve_code(part, stored=stored) for part in parts)
        except QueryError as err:
            raise WebError(f"{name}: {err}") from None
        if pair[0] == pair[1]:
            raise WebError(f"{name}: both actors are {pair[0]}; give two different actors")
        return pair
    if param.kind == "choice" and param.field is None:
        if text.lower() not in param.choices:
            raise WebError(f"{name}: {text!r} is not one of {', '.join(param.choices)}")
        return text.lower()
    if param.field is None:
        return text
    # Types, quad classes, orders, dates and yes/no values: the store's own validation.
    try:
        query = EventQuery.from_strings(**{param.field: text})
    except QueryError as err:
        message = str(err)
        for prefix in (f"{param.field}: ", f"{name}: "):
            message = message.removeprefix(prefix)
        raise WebError(f"{name}: {message}") from None
    return getattr(query, param.field)
