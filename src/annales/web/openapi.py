"""The JSON API declared once as data: its endpoints, their parameters, and the OpenAPI document.

The handlers of :mod:`annales.web.api` validate each request against the parameters listed here,
and ``/api/openapi.json`` is generated from the same table, so the documentation cannot drift from
what the server accepts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annales.web.params import FILTERS, PARAMS, Param

__all__ = ["API", "Endpoint", "openapi_document"]

_PAGE = ("limit", "offset", "sort")
_JSON = "application/json"
_PATH_PARAMS = {"doc_id": "Document id.", "code": "Actor code or name."}


@dataclass(frozen=True)
class Endpoint:
    path: str
    summary: str
    params: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    defaults: dict[str, int | None] = field(default_factory=dict)
    media_type: str = _JSON
    description: str = ""


API: dict[str, Endpoint] = {
    e.path: e
    for e in (
        Endpoint(
            "/api/events",
            "Events matching the filters, a page at a time, with their evidence.",
            (*FILTERS, *_PAGE),
            description="Returns `total` (all matches), `limit`, `offset` and `events`: PLOVER "
            "events with actors, recipients and `evidence` (the sentence, highlight spans "
            "relative to it, and the document's title).",
        ),
        Endpoint(
            "/api/facets",
            "Counts of the matching events by type, quad class, actor, recipient and place.",
            (*FILTERS, "facet_size"),
        ),
        Endpoint(
            "/api/events.csv",
            "Download the matching events as CSV (one flat row per event).",
            (*FILTERS, "sort", "limit"),
            defaults={"limit": None},
            media_type="text/csv",
        ),
        Endpoint(
            "/api/events.parquet",
            "Download the matching events as Parquet (one flat row per event).",
            (*FILTERS, "sort", "limit"),
            defaults={"limit": None},
            media_type="application/vnd.apache.parquet",
        ),
        Endpoint(
            "/api/events.tsv",
            "Download the matching events as CAMEO rows (tab-separated, one row per source "
            "and target pair; see docs/interop.md).",
            (*FILTERS, "sort", "limit"),
            defaults={"limit": None},
            media_type="text/tab-separated-values",
        ),
        Endpoint(
            "/api/events.jsonl",
            "Download every matching event as PLOVER JSON Lines, streamed (no page limit).",
            (*FILTERS, "sort"),
            media_type="application/x-ndjson",
        ),
        Endpoint(
            "/api/series",
            "Counts of the matching events per period, split by type, quad class, actor or "
            "country.",
            (*FILTERS, "by", "interval", "series"),
            description="Returns `periods` (labels), `starts` (first days) and `series`: one "
            "per value of `by` (the most frequent ones, the rest summed as `other`), each with "
            "`counts` per period, `unplaced` (a date coarser than the period) and `undated`. "
            "With `by=actor` an event counts once per actor it involves.",
        ),
        Endpoint(
            "/api/places",
            "The places of the matching events as GeoJSON points with their counts.",
            (*FILTERS, "top"),
            defaults={"top": 500},
            media_type="application/geo+json",
            description="A FeatureCollection of Point features (longitude, latitude) whose "
            "properties hold `name`, `country`, `count`, the counts per quad class and the most "
            "frequent `quad_class`; `total` and `unlocated` (events without coordinates) are "
            "members of the collection.",
        ),
        Endpoint(
            "/api/dyads",
            "The pairs of actors with the most matching events, both directions together.",
            (*FILTERS, "top", "count"),
            description="Each row: `a`, `b` (a < b), `count`, `conflict`, `conflict_share`, "
            "`score` (net cooperation-conflict score) and `undated` (events without a date).",
        ),
        Endpoint(
            "/api/dyad",
            "Monthly counts per quad class of the events between two actors, and a net score.",
            ("a", "b", "since", "until", "include_optional", "modality", "min_confidence", "count"),
            required=("a", "b"),
            description="An event belongs to the dyad when one actor is on each side, or when "
            "both take part in a symmetric event (CONSULT, AGREE, COOPERATE). `score` weighs "
            "verbal cooperation +1, material cooperation +2, verbal conflict -1, material "
            "conflict -2. `totals` and `score` count every event of the dyad; those that no "
            "month holds are counted in `unplaced` (dated only to a year) and `undated`.",
        ),
        Endpoint(
            "/api/dyad/events",
            "The events of a dyad placed in one month (what a bar of the dyad chart counts), "
            "or its unplaced or undated ones.",
            (
                "a",
                "b",
                "month",
                "since",
                "until",
                "include_optional",
                "modality",
                "min_confidence",
                "limit",
                "offset",
            ),
            required=("a", "b", "month"),
        ),
        Endpoint(
            "/api/actors",
            "Actors of the knowledge base whose code or a name holds `name` (suggestions).",
            ("name",),
        ),
        Endpoint(
            "/api/actors/{code}",
            "One actor (a code or a name): names, Wikidata id, roles, events and top partners.",
        ),
        Endpoint(
            "/api/network",
            "Actors as nodes and actor -> recipient pairs as edges weighted by their events.",
            ("since", "until", "type", "quad", "include_optional", "edges", "count"),
        ),
        Endpoint(
            "/api/documents/{doc_id}",
            "A document's text, its events with character spans, and its actor mentions.",
            description="Spans index `content` (the title, a blank line, the body). 404 when "
            "no document has this id.",
        ),
        Endpoint("/api/openapi.json", "This document."),
    )
}


def _schema(param: Param) -> dict[str, Any]:
    if param.kind == "int":
        schema: dict[str, Any] = {
            "type": "integer",
            "minimum": param.minimum,
            "maximum": param.maximum,
        }
        if param.default is not None:
            schema["default"] = param.default
        return schema
    if param.kind == "bool":
        return {"type": "boolean", "default": False}
    if param.kind == "choice":
        return {"type": "string", "enum": list(param.choices)}
    if param.kind == "month":
        return {"type": "string", "pattern": r"^\d{4}-\d{2}$"}
    return {"type": "string"}


def _parameter(endpoint: Endpoint, name: str) -> dict[str, Any]:
    param = PARAMS[name]
    schema = _schema(param)
    if name in endpoint.defaults:
        schema.pop("default", None)
    spec: dict[str, Any] = {
        "name": name,
        "in": "query",
        "required": name in endpoint.required,
        "description": param.help,
        "schema": schema,
    }
    if param.example is not None:
        spec["example"] = param.example
    return spec


def _operation(endpoint: Endpoint) -> dict[str, Any]:
    parameters = [_parameter(endpoint, name) for name in endpoint.params]
    for name, description in _PATH_PARAMS.items():
        if f"{{{name}}}" in endpoint.path:
            parameters.insert(
                0,
                {
                    "name": name,
                    "in": "path",
                    "required": True,
                    "description": description,
                    "schema": {"type": "string"},
                },
            )
    error = {
        "description": "Invalid parameter (400) or unknown document (404).",
        "content": {
            _JSON: {
                "schema": {
                    "type": "object",
                    "properties": {"error": {"type": "string"}},
                    "required": ["error"],
                }
            }
        },
    }
    operation: dict[str, Any] = {
        "summary": endpoint.summary,
        "parameters": parameters,
        "responses": {
            "200": {"description": "OK", "content": {endpoint.media_type: {}}},
            "400": error,
        },
    }
    if "{" in endpoint.path:
        operation["responses"]["404"] = error
    if endpoint.description:
        operation["description"] = endpoint.description
    return operation


def openapi_document(version: str) -> dict[str, Any]:
    """The OpenAPI 3.1 description of every endpoint of :data:`API`."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "annales",
            "version": version,
            "description": "Read-only JSON API over an annales event store (PLOVER events).",
        },
        "paths": {path: {"get": _operation(endpoint)} for path, endpoint in API.items()},
    }
