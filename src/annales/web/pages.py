"""The HTML pages: events (with facets and evidence), dyad chart, actor network, one document.

Pages are rendered on the server with :func:`annales.web.markup.html`, which escapes every value;
charts are drawn in the browser by our own scripts under ``static/`` from the JSON API, whose URL a
page hands over in a ``data-`` attribute (no inline script, as the Content-Security-Policy wants).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from annales.model import EVENT_TYPES
from annales.store.query import MODALITIES
from annales.web.api import aggregates, event_page
from annales.web.markup import Markup, Span, highlight, html, join, page, url
from annales.web.names import actor_name
from annales.web.params import FILTERS, PARAMS, QUAD_CLASSES, Parsed, WebError, parse

__all__ = [
    "LOW_CONFIDENCE",
    "actor_link",
    "doc_link",
    "event_marks",
    "events_page",
    "filter_fields",
    "filter_form",
    "page_filters",
    "parse_page",
    "select_field",
    "text_field",
]

# Below this confidence an event is marked "low confidence" in tables.
LOW_CONFIDENCE = 0.5
# Inputs that take an actor code or name get suggestions from the knowledge base (suggest.js).
_ACTOR_INPUTS = frozenset({"actor", "recipient", "involving", "between", "a", "b"})

_EVENTS_PARAMS = (*FILTERS, "limit", "offset", "sort", "facet_size")
_FACETS = {
    "type": "Type",
    "quad": "Quad class",
    "actor": "Actor",
    "recipient": "Recipient",
    "place": "Place",
}
_SORTS = {"date": "Date", "type": "Type", "doc": "Source", "-confidence": "Conf."}


def parse_page(request: Request, names: tuple[str, ...]) -> Parsed:
    given = {name: request.query_params.getlist(name) for name in request.query_params}
    return parse(given, names, where=request.url.path, stored=aggregates(request).holds_code)


def doc_link(doc_id: str) -> str:
    return "/documents/" + quote(doc_id, safe="")


def actor_link(code: str) -> Markup:
    """An actor code linking to its page, followed by its name when the knowledge base has one."""
    name = actor_name(code)
    return html(
        '<a class="actor" href="{href}">{code}</a>{name}',
        href="/actors/" + quote(code, safe=""),
        code=code,
        name=html(' <span class="name">{n}</span>', n=name) if name else "",
    )


def event_marks(optional: bool, modality: str | None, confidence: float) -> Markup:
    """Badges telling an optional event (planned, negated...) and a low-confidence one apart."""
    marks = []
    if optional:
        marks.append(
            html(
                '<span class="badge optional" title="optional event: not asserted as done">'
                "{m}</span>",
                m=modality or "optional",
            )
        )
    if confidence < LOW_CONFIDENCE:
        marks.append(
            html(
                '<span class="badge low" title="the coder was not sure of this event">'
                "low confidence</span>"
            )
        )
    return join(marks, " ")


def text_field(name: str, value: str, label: str, kind: str = "text") -> Markup:
    suggest = Markup(' list="actor-names" autocomplete="off"') if name in _ACTOR_INPUTS else ""
    return html(
        '<label>{label}<input type="{kind}" name="{name}" value="{value}" '
        'placeholder="{example}"{suggest}></label>',
        label=label,
        kind=kind,
        name=name,
        value=value,
        example=PARAMS[name].example or "",
        suggest=suggest,
    )


def select_field(name: str, value: str, label: str, choices: tuple[str, ...]) -> Markup:
    options = join(
        html(
            '<option value="{c}"{sel}>{c}</option>',
            c=c,
            sel=Markup(" selected") if c == value else "",
        )
        for c in ("", *choices)
    )
    return html(
        '<label>{label}<select name="{name}">{options}</select></label>',
        label=label,
        name=name,
        options=options,
    )


def _optional_box(parsed: Parsed) -> Markup:
    checked = Markup(" checked") if parsed.get("include_optional") else ""
    return html(
        '<label class="check"><input type="checkbox" name="include_optional" value="true"'
        "{checked}>optional events</label>",
        checked=checked,
    )


def filter_form(
    fields: list[Markup], action: str, parsed: Parsed, error: str | None = None
) -> Markup:
    """The filter form; ``error`` (a refused value) is shown inside it, next to the fields."""
    shown = (
        html('<p class="error form-error" role="alert">{e}</p>', e=error) if error else Markup("")
    )
    return html(
        '<form class="filters" method="get" action="{action}" role="search">{fields}{optional}'
        '<button type="submit">Apply</button> <a href="{action}">reset</a>{error}'
        '<datalist id="actor-names"></datalist></form>',
        action=action,
        fields=join(fields),
        optional=_optional_box(parsed),
        error=shown,
    )


def page_filters(request: Request, names: tuple[str, ...]) -> tuple[Parsed, str | None]:
    """The parsed parameters of a page with a filter form, or, when one is refused, the raw
    values (to show them again in the form) and the message to show next to it."""
    try:
        return parse_page(request, names), None
    except WebError as err:
        given = {
            name: value.strip()[:200]
            for name in names
            if (value := request.query_params.get(name)) is not None
        }
        return Parsed({}, given), str(err)


def filter_fields(parsed: Parsed) -> list[Markup]:
    """The fields of the filters shared by the events, trends, map and dyads pages."""
    g = parsed.given
    return [
        text_field("actor", g.get("actor", ""), "Actor"),
        text_field("recipient", g.get("recipient", ""), "Recipient"),
        text_field("involving", g.get("involving", ""), "Involving"),
        text_field("between", g.get("between", ""), "Between (A,B)"),
        select_field("type", g.get("type", "").upper(), "Type", EVENT_TYPES),
        select_field("quad", g.get("quad", "").lower(), "Quad class", QUAD_CLASSES),
        text_field("since", g.get("since", ""), "Since"),
        text_field("until", g.get("until", ""), "Until"),
        text_field("place", g.get("place", ""), "Place"),
        text_field("q", g.get("q", ""), "Text", "search"),
        select_field("modality", g.get("modality", "").lower(), "Modality", MODALITIES),
        text_field("min_confidence", g.get("min_confidence", ""), "Min. confidence"),
    ]


def _events_form(parsed: Parsed, error: str | None = None) -> Markup:
    g = parsed.given
    fields = filter_fields(parsed)
    if "doc" in g:
        fields.append(html('<input type="hidden" name="doc" value="{v}">', v=g["doc"]))
    if "sort" in g:
        fields.append(html('<input type="hidden" name="sort" value="{v}">', v=g["sort"]))
    return filter_form(fields, "/", parsed, error)


def _with(parsed: Parsed, **changes: Any) -> dict[str, Any]:
    """The given parameters with ``changes`` (None removes one); paging restarts unless set."""
    params: dict[str, Any] = {k: v for k, v in parsed.given.items() if k != "offset"}
    params.update(changes)
    return {k: v for k, v in params.items() if v is not None}


def _facets(parsed: Parsed, counts: dict[str, list[dict[str, Any]]]) -> Markup:
    blocks = []
    for name, label in _FACETS.items():
        items = join(
            html(
                '<li><a href="{href}">{value}{label}</a> <span class="n">{n}</span></li>',
                href=url("/", _with(parsed, **{name: item["value"]})),
                value=item["value"],
                label=html(' <span class="name">{n}</span>', n=known)
                if name in ("actor", "recipient") and (known := actor_name(item["value"]))
                else "",
                n=f"{item['count']:,}",
            )
            for item in counts[name]
        )
        blocks.append(
            html(
                '<section class="facet" data-facet="{name}"><h3>{label}</h3>'
                "<ul>{items}</ul></section>",
                name=name,
                label=label,
                items=items or html("<li class='none'>none</li>"),
            )
        )
    active = join(
        html(
            '<a class="chip" href="{href}" title="remove this filter">{name}: {value} ×</a>',
            href=url("/", _with(parsed, **{name: None})),
            name=name,
            value=value,
        )
        for name, value in parsed.given.items()
        if name in FILTERS
    )
    return html(
        '<aside class="facets"><div class="chips">{active}</div>{blocks}</aside>',
        active=active,
        blocks=join(blocks),
    )


def _sort_header(parsed: Parsed, order: str, key: str, label: str) -> Markup:
    """A column header linking to the order ``key`` (date toggles between up and down)."""
    target = key
    current = order == key
    if key == "date":
        current = order in ("date", "-date")
        target = "-date" if order == "date" else "date"
    arrow = ("↓" if order.startswith("-") or order in ("type", "doc") else "↑") if current else ""
    return html(
        '<th><a class="sort" href="{href}" data-sort="{key}">{label} {arrow}</a></th>',
        href=url("/", _with(parsed, sort=target)),
        key=key,
        label=label,
        arrow=arrow,
    )


def _evidence(record: dict[str, Any]) -> Markup:
    ev = record["evidence"]
    spans = [Span(s["start"], s["end"], s["kind"], s["label"]) for s in ev["spans"]]
    title = ev["document"]["title"] or record["doc_id"]
    details = [
        ("rule", record["rule"]),
        ("coder", record["coder"]),
        ("trigger", record["trigger"]),
        ("mode", record["mode"]),
        ("modality", record["modality"]),
        ("date", _date(record)),
        ("confidence", f"{record['confidence']:.2f}"),
    ]
    return html(
        '<blockquote class="sentence" lang="{lang}">{sentence}</blockquote>'
        '<p class="source">Document: <a href="{href}">{title}</a></p>{reports}<dl>{details}</dl>',
        lang=ev["document"].get("lang") or "",
        sentence=highlight(ev["text"], spans),
        href=doc_link(record["doc_id"]),
        title=title,
        reports=_other_reports(record),
        details=join(html("<dt>{k}</dt><dd>{v}</dd>", k=k, v=v) for k, v in details if v),
    )


def _other_reports(record: dict[str, Any]) -> Markup:
    """ "Reported by N articles" and the other reports of the event's occasion."""
    others = record.get("other_reports") or []
    if not others:
        return Markup("")
    items = join(
        html(
            '<li><a href="{href}" lang="{lang}">{title}</a> {date}</li>',
            href=doc_link(other["doc_id"]),
            lang=other["lang"] or "",
            title=other["title"] or other["doc_id"],
            date=f"({other['date']})" if other["date"] else "",
        )
        for other in others
    )
    return html(
        '<div class="reports"><p>Reported by {n} articles; the others:</p><ul>{items}</ul></div>',
        n=record["num_articles"],
        items=items,
    )


def _reported(record: dict[str, Any]) -> Markup:
    n = record.get("num_articles", 1)
    if n <= 1:
        return Markup("")
    return html(' <span class="badge reports" title="reported by {n} articles">×{n}</span>', n=n)


def _date(record: dict[str, Any]) -> str:
    if not record["date"]:
        return "none"
    source = record["date_source"]
    said = f", from “{record['date_text']}”" if record["date_text"] else ""
    return f"{record['date']} ({source}{said})" if source else record["date"]


def _codes(actors: list[dict[str, Any]]) -> Markup:
    return join((actor_link(actor["code"]) for actor in actors), ", ") or Markup("—")


def _row(record: dict[str, Any]) -> Markup:
    place = record["location"] or {}
    marks = event_marks(record["optional"], record["modality"], record["confidence"])
    classes = " ".join(
        name
        for name, on in (
            ("event", True),
            ("optional", record["optional"]),
            ("low", record["confidence"] < LOW_CONFIDENCE),
        )
        if on
    )
    return html(
        '<tr class="{classes}" data-id="{id}"><td><button type="button" class="toggle" '
        'aria-expanded="false" aria-controls="ev-{id}" aria-label="evidence of the {type} '
        'event of {date}" title="show the evidence">▸</button></td>'
        '<td>{date}</td><td><span class="q-{quad}">{type}</span> {marks}{reported}</td>'
        "<td>{actors}</td>"
        '<td>{recipients}</td><td lang="{lang}">{quote}</td><td>{place}</td>'
        '<td><a href="{href}">{doc}</a></td><td class="num">{confidence}</td></tr>'
        '<tr class="evidence" id="ev-{id}" hidden><td></td><td colspan="8">{evidence}</td></tr>',
        classes=classes,
        id=record["id"],
        date=record["date"] or "—",
        quad=record["quad_class"],
        type=record["type"],
        marks=marks,
        reported=_reported(record),
        actors=_codes(record["actors"]),
        recipients=_codes(record["recipients"]),
        lang=record["evidence"]["document"].get("lang") or "",
        quote=record["quote"],
        place=place.get("country") or place.get("name") or "",
        href=doc_link(record["doc_id"]),
        doc=record["evidence"]["document"]["title"] or record["doc_id"],
        evidence=_evidence(record),
        confidence=f"{record['confidence']:.2f}",
    )


def events_page(request: Request) -> Response:
    parsed, error = page_filters(request, _EVENTS_PARAMS)
    if error is not None:
        body = html(
            "<h1>Events</h1>{form}<p>Correct the filter above to see the events.</p>",
            form=_events_form(parsed, error),
        )
        return HTMLResponse(
            page("Events", body, active="/", scripts=("common.js", "suggest.js")), status_code=400
        )
    query = parsed.query()
    total, counts = aggregates(request).facets(query, parsed.get("facet_size"))
    total, records = event_page(request, query, total)
    limit = query.limit or 0
    filters = {k: v for k, v in parsed.given.items() if k in (*FILTERS, "sort")}
    pager = []
    if query.offset > 0:
        pager.append(
            html(
                '<a rel="prev" href="{h}">← previous</a>',
                h=url("/", _with(parsed, offset=max(0, query.offset - limit))),
            )
        )
    if limit and query.offset + limit < total:
        pager.append(
            html(
                '<a rel="next" href="{h}">next →</a>',
                h=url("/", _with(parsed, offset=query.offset + limit)),
            )
        )
    shown = f"{query.offset + 1:,}–{query.offset + len(records):,}" if records else "0"
    sort = {key: _sort_header(parsed, query.order, key, label) for key, label in _SORTS.items()}
    body = html(
        "<h1>Events</h1>{form}<div class='layout'>{facets}<section class='results'>"
        '<p class="summary"><span id="total">{total}</span> events · showing {shown} · '
        'download <a href="{csv}">CSV</a> <a href="{parquet}">Parquet</a> '
        '<a href="{json}">JSON</a> (all matching events)</p>'
        '<div class="scroll" tabindex="0" role="region" aria-label="events table">'
        '<table id="events"><thead><tr><th><span class="visually-hidden">Evidence</span></th>'
        "{date}{type}<th>Actor</th><th>Recipient</th>"
        "<th>Quote</th><th>Place</th>{doc}{confidence}</tr></thead><tbody>{rows}</tbody></table>"
        '</div><nav class="pager">{pager}</nav></section></div>',
        form=_events_form(parsed),
        facets=_facets(parsed, counts),
        total=f"{total:,}",
        shown=shown,
        csv=url("/api/events.csv", filters),
        parquet=url("/api/events.parquet", filters),
        json=url("/api/events.jsonl", filters),
        date=sort["date"],
        type=sort["type"],
        doc=sort["doc"],
        confidence=sort["-confidence"],
        rows=join(_row(r) for r in records)
        or html("<tr><td colspan='9'>No event matches these filters.</td></tr>"),
        pager=join(pager, " "),
    )
    return HTMLResponse(
        page("Events", body, active="/", scripts=("common.js", "events.js", "suggest.js"))
    )
