"""The JSON API: thin handlers that validate their parameters and call the store or the aggregates.

Every handler is a plain function (Starlette runs it in a worker thread, next to DuckDB's own
threads); parameters are checked against :data:`annales.web.openapi.API`, and any refusal is a
:class:`~annales.web.params.WebError` that :mod:`annales.web.app` renders as ``{"error": ...}``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from annales import __version__
from annales.model import Event
from annales.store import EventQuery, Store
from annales.store.formats import get_format, plover_lines
from annales.web import analytics, names
from annales.web.markup import document_spans, evidence
from annales.web.openapi import API, openapi_document
from annales.web.params import Parsed, WebError, parse
from annales.web.queries import QUAD_WEIGHTS, Aggregates

__all__ = [
    "actor_summary",
    "aggregates",
    "api_routes",
    "dyad_pair",
    "event_page",
    "event_record",
    "load_document",
    "parse_request",
    "store",
]


def store(request: Request) -> Store:
    result: Store = request.app.state.store
    return result


def aggregates(request: Request) -> Aggregates:
    result: Aggregates = request.app.state.aggregates
    return result


def parse_request(request: Request, path: str) -> Parsed:
    """The validated query parameters of ``request`` for the API endpoint ``path``."""
    endpoint = API[path]
    given = {name: request.query_params.getlist(name) for name in request.query_params}
    return parse(
        given,
        endpoint.params,
        where=path,
        required=endpoint.required,
        defaults=endpoint.defaults,
        stored=aggregates(request).holds_code,
    )


def event_record(event: Event, documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``event`` as JSON, with its evidence: sentence, spans relative to it, document title."""
    document = documents.get(event.doc_id)
    content = None
    if document is not None:
        title, text = document["title"], document["text"]
        content = f"{title}\n\n{text}" if title else text
    sentence, spans = evidence(event, content)
    record = event.to_dict()
    record["quad_class"] = event.quad_class
    record["optional"] = event.optional
    for role, actors in (("actors", event.actors), ("recipients", event.recipients)):
        for actor, shown in zip(actors, record[role], strict=True):
            shown["label"] = names.actor_name(actor.code)
    record["evidence"] = {
        "text": sentence,
        "spans": [span.to_dict() for span in spans],
        "document": {
            "id": event.doc_id,
            "title": document["title"] if document else None,
            "url": document["url"] if document else None,
            "lang": document["lang"] if document else None,
        },
    }
    return record


def event_page(
    request: Request, query: EventQuery, total: int | None = None
) -> tuple[int, list[dict[str, Any]]]:
    """How many events match ``query`` (counted unless ``total`` is given) and its page."""
    db = store(request)
    total = db.count_events(query) if total is None else total
    events = db.events(query)
    documents = aggregates(request).documents_by_id([event.doc_id for event in events])
    reports = db.reports_of(event.id for event in events)
    records = [event_record(event, documents) for event in events]
    for record in records:
        # The other articles that report the same happening (annales.store.occasions).
        shown = reports.get(record["id"], [])
        record["num_articles"] = len({report["doc_id"] for report in shown}) or 1
        record["other_reports"] = [
            {key: report[key] for key in ("event_id", "doc_id", "title", "url", "lang", "date")}
            for report in shown
            if report["event_id"] != record["id"]
        ]
    return total, records


def events(request: Request) -> Response:
    parsed = parse_request(request, "/api/events")
    query = parsed.query()
    total, records = event_page(request, query)
    return JSONResponse(
        {
            "total": total,
            "limit": query.limit,
            "offset": query.offset,
            "sort": query.order,
            "events": records,
        }
    )


def facets(request: Request) -> Response:
    parsed = parse_request(request, "/api/facets")
    query = parsed.query()
    total, counts = aggregates(request).facets(query, parsed.get("facet_size"))
    return JSONResponse({"total": total, "facets": counts})


def _download(request: Request, name: str) -> Response:
    """The matching events as a file of the registered format ``name`` (annales.store.formats)."""
    fmt = get_format(name)
    path = f"/api/events{fmt.suffix}"
    parsed = parse_request(request, path)
    query = parsed.query()
    folder = Path(tempfile.mkdtemp(prefix="annales-web-"))
    target = folder / f"events{fmt.suffix}"
    try:
        store(request).export(target, fmt.name, query)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        target,
        media_type=fmt.media_type,
        filename=f"annales-events{fmt.suffix}",
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


def events_csv(request: Request) -> Response:
    return _download(request, "csv")


def events_parquet(request: Request) -> Response:
    return _download(request, "parquet")


def events_cameo(request: Request) -> Response:
    return _download(request, "cameo-tsv")


def dyad_pair(parsed: Parsed) -> tuple[str, str]:
    """The two actor codes of a dyad request; a WebError when they are the same."""
    a, b = parsed.get("a"), parsed.get("b")
    if a == b:
        raise WebError(f"a and b are both {a}; a dyad needs two different actors")
    return a, b


def dyad(request: Request) -> Response:
    parsed = parse_request(request, "/api/dyad")
    a, b = dyad_pair(parsed)
    found = aggregates(request).dyad_series(a, b, parsed.query(), _unit(parsed))
    return JSONResponse(
        {
            "a": a,
            "b": b,
            "names": names.names_of([a, b]),
            "weights": QUAD_WEIGHTS,
            "months": [month.to_dict() for month in found.months],
            "totals": found.totals,
            "score": found.score,
            "unplaced": sum(found.unplaced.values()),
            "undated": sum(found.undated.values()),
        }
    )


def dyads(request: Request) -> Response:
    parsed = parse_request(request, "/api/dyads")
    ranking = analytics.dyad_ranking(
        aggregates(request), parsed.query(), parsed.get("top"), count=_unit(parsed)
    )
    codes = sorted({row[side] for row in ranking for side in ("a", "b")})
    return JSONResponse({"dyads": ranking, "names": names.names_of(codes)})


def series(request: Request) -> Response:
    parsed = parse_request(request, "/api/series")
    answer = analytics.series(
        aggregates(request),
        parsed.query(),
        parsed.get("by") or "type",
        parsed.get("interval") or "month",
        parsed.get("series"),
    )
    if answer["by"] == "actor":
        answer["names"] = names.names_of([s["key"] for s in answer["series"]])
    return JSONResponse(answer)


def places(request: Request) -> Response:
    parsed = parse_request(request, "/api/places")
    answer = analytics.places(aggregates(request), parsed.query(), parsed.get("top"))
    return JSONResponse(answer, media_type="application/geo+json")


def actors(request: Request) -> Response:
    parsed = parse_request(request, "/api/actors")
    return JSONResponse({"actors": names.suggest(parsed.get("name") or "")})


def actor(request: Request) -> Response:
    parse_request(request, "/api/actors/{code}")
    return JSONResponse(actor_summary(request, request.path_params["code"]))


def actor_summary(request: Request, text: str) -> dict[str, Any]:
    """The profile of the actor ``text`` (a code or a name): knowledge base, events, partners."""
    code = parse({"a": [text]}, ("a",), where="/actors", stored=aggregates(request).holds_code).get(
        "a"
    )
    query = EventQuery(involving=code)
    partners = analytics.dyad_ranking(aggregates(request), query, 10, actor=code)
    return {
        **names.profile(code).to_dict(),
        "events": store(request).count_events(query),
        "partners": [
            {**row, "partner": row["b"] if row["a"] == code else row["a"]} for row in partners
        ],
        "partner_names": names.names_of(
            sorted({row["b"] if row["a"] == code else row["a"] for row in partners})
        ),
    }


def events_jsonl(request: Request) -> Response:
    """Every matching event as a PLOVER JSON line, streamed (no page limit)."""
    parsed = parse_request(request, "/api/events.jsonl")
    query = parsed.query()
    # The records of `annales export --format plover-jsonl`, streamed.
    found = plover_lines(store(request), query)

    def lines() -> Iterator[bytes]:
        for line in found:
            yield line.encode()

    return StreamingResponse(
        lines(),
        media_type=API["/api/events.jsonl"].media_type,
        headers={"content-disposition": 'attachment; filename="annales-events.jsonl"'},
    )


def dyad_events(request: Request) -> Response:
    parsed = parse_request(request, "/api/dyad/events")
    limit, offset = parsed.get("limit"), parsed.get("offset")
    a, b = dyad_pair(parsed)
    total, records = aggregates(request).dyad_events(
        a,
        b,
        parsed.get("month"),
        parsed.query(limit=None, offset=0),
        limit,
        offset,
    )
    return JSONResponse({"total": total, "limit": limit, "offset": offset, "events": records})


def network(request: Request) -> Response:
    parsed = parse_request(request, "/api/network")
    found = aggregates(request).network(parsed.query(), parsed.get("edges"), _unit(parsed))
    return JSONResponse(found)


def _unit(parsed: Parsed) -> str:
    """What the charts count: occasions unless ``count=mentions``."""
    return str(parsed.get("count") or "occasions")


def load_document(db: Store, doc_id: str) -> tuple[dict[str, Any], list[Event]]:
    """The document ``doc_id`` as JSON and its events (optional ones too), or a 404 WebError."""
    document = db.document(doc_id)
    if document is None:
        raise WebError(f"no document with id {doc_id!r} in this store", status=404)
    found = db.events(EventQuery(doc_id=doc_id, include_optional=True, order="doc"))
    record = document.to_dict()
    record["content"] = document.content
    record["body_offset"] = document.body_offset
    return record, found


def document(request: Request) -> Response:
    db = store(request)
    parse_request(request, "/api/documents/{doc_id}")
    record, found = load_document(db, request.path_params["doc_id"])
    spans = document_spans(found, len(record["content"]))
    mentions: dict[tuple[int, int, str], dict[str, Any]] = {}
    for event in found:
        for role, actors in (("actor", event.actors), ("recipient", event.recipients)):
            for actor in actors:
                if actor.start is not None and actor.end is not None:
                    key = (actor.start, actor.end, actor.code)
                    mention = mentions.setdefault(key, {**actor.to_dict(), "roles": []})
                    if role not in mention["roles"]:
                        mention["roles"].append(role)
    record["events"] = [{**e.to_dict(), "quad_class": e.quad_class} for e in found]
    record["spans"] = [span.to_dict() for span in spans]
    record["mentions"] = [mentions[key] for key in sorted(mentions)]
    return JSONResponse(record)


def openapi(request: Request) -> Response:
    parse_request(request, "/api/openapi.json")
    return JSONResponse(openapi_document(__version__))


_HANDLERS = {
    "/api/events": events,
    "/api/facets": facets,
    "/api/events.csv": events_csv,
    "/api/events.parquet": events_parquet,
    "/api/events.tsv": events_cameo,
    "/api/events.jsonl": events_jsonl,
    "/api/series": series,
    "/api/places": places,
    "/api/dyads": dyads,
    "/api/actors": actors,
    "/api/actors/{code}": actor,
    "/api/dyad": dyad,
    "/api/dyad/events": dyad_events,
    "/api/network": network,
    "/api/documents/{doc_id}": document,
    "/api/openapi.json": openapi,
}


def api_routes() -> list[Route]:
    """One GET route per endpoint of :data:`API` (a test checks the two tables agree).

    Document ids may hold slashes (record ids of JSON Lines files), hence the ``path`` convertor.
    """
    return [
        Route(
            path.replace("{doc_id}", "{doc_id:path}").replace("{code}", "{code:path}"),
            _HANDLERS[path],
            methods=["GET"],
        )
        for path in API
    ]
