"""The dyad, network and document pages (the events page is in :mod:`annales.web.pages`).

The dyad and network pages render their form, a table of figures and an empty chart area whose
``data-api`` attribute names the JSON to draw; ``static/dyad.js`` and ``static/network.js`` draw
the SVG. The document page highlights every quote, trigger and actor mention on the server.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from annales.model import EVENT_TYPES
from annales.store import EventQuery
from annales.web.api import aggregates, dyad_pair, load_document, store
from annales.web.markup import Markup, document_spans, highlight, html, join, page, url
from annales.web.pages import filter_form, parse_page, select_field, text_field
from annales.web.params import QUAD_CLASSES
from annales.web.queries import QUAD_WEIGHTS

__all__ = ["document_page", "dyad_page", "network_page"]

_DYAD_PARAMS = ("a", "b", "since", "until", "include_optional")
_NETWORK_PARAMS = ("since", "until", "type", "quad", "include_optional", "edges")
_QUAD_LABELS = {
    "verbal_cooperation": "verbal coop.",
    "material_cooperation": "material coop.",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
}


def _dyad_suggestions(request: Request) -> Markup:
    top = aggregates(request).network(EventQuery(), 12)["edges"]
    items = join(
        html(
            '<li><a href="{href}">{a} – {b}</a> <span class="n">{n}</span></li>',
            href=url("/dyad", {"a": e["source"], "b": e["target"]}),
            a=e["source"],
            b=e["target"],
            n=f"{e['count']:,}",
        )
        for e in top
    )
    return html("<h2>Frequent pairs</h2><ul class='pairs'>{items}</ul>", items=items)


def dyad_page(request: Request) -> Response:
    parsed = parse_page(request, _DYAD_PARAMS)
    g = parsed.given
    fields = [
        text_field("a", g.get("a", "").upper(), "Actor A"),
        text_field("b", g.get("b", "").upper(), "Actor B"),
        text_field("since", g.get("since", ""), "Since"),
        text_field("until", g.get("until", ""), "Until"),
    ]
    form = filter_form(fields, "/dyad", parsed)
    if not (parsed.get("a") and parsed.get("b")):
        body = html(
            "<h1>Dyad</h1>{form}<p>Choose two actor codes.</p>{top}",
            form=form,
            top=_dyad_suggestions(request),
        )
        return HTMLResponse(page("Dyad", body, active="/dyad"))
    a, b = dyad_pair(parsed)
    series, unplaced = aggregates(request).dyad_series(a, b, parsed.query())
    totals = {quad: sum(m.counts[quad] for m in series) for quad in QUAD_WEIGHTS}
    cells = join(
        html(
            '<tr><td><span class="swatch q-{q}"></span>{label}</td><td class="num">{n}</td>'
            '<td class="num">{w}</td></tr>',
            q=q,
            label=_QUAD_LABELS[q],
            n=f"{n:,}",
            w=f"{QUAD_WEIGHTS[q]:+d}",
        )
        for q, n in totals.items()
    )
    params = {k: v for k, v in g.items()}
    body = html(
        "<h1>Dyad {a} – {b}</h1>{form}"
        '<section id="dyad-chart" class="chart" data-api="{api}" data-events="{events}">'
        '<p class="loading">Drawing the chart…</p></section>'
        '<p class="hint">Bars: events per month (cooperation above the axis, conflict below); '
        "line: net score. Click a month to list its events.</p>"
        '<section id="dyad-events" class="event-list" aria-live="polite"></section>'
        '<table class="totals"><thead><tr><th>Quad class</th><th>Events</th><th>Weight</th>'
        "</tr></thead><tbody>{cells}</tbody><tfoot><tr><td>Net score</td>"
        '<td class="num" id="dyad-score">{score}</td><td></td></tr></tfoot></table>'
        '<p class="hint">{unplaced} events dated only to a year are not in the chart.</p>',
        a=a,
        b=b,
        form=form,
        api=url("/api/dyad", params),
        events=url("/api/dyad/events", params),
        cells=cells,
        score=f"{sum(m.score for m in series):+d}",
        unplaced=f"{unplaced:,}",
    )
    return HTMLResponse(
        page(f"Dyad {a} – {b}", body, active="/dyad", scripts=("common.js", "dyad.js"))
    )


def network_page(request: Request) -> Response:
    parsed = parse_page(request, _NETWORK_PARAMS)
    g = parsed.given
    fields = [
        text_field("since", g.get("since", ""), "Since"),
        text_field("until", g.get("until", ""), "Until"),
        select_field("type", g.get("type", "").upper(), "Type", EVENT_TYPES),
        select_field("quad", g.get("quad", "").lower(), "Quad class", QUAD_CLASSES),
        text_field("edges", g.get("edges", ""), "Edges", "number"),
    ]
    events = {k: v for k, v in g.items() if k != "edges"}
    body = html(
        "<h1>Actor network</h1>{form}"
        '<section id="network" class="chart" data-api="{api}" data-events="{events}">'
        '<p class="loading">Drawing the network…</p></section>'
        '<p class="hint">Arrows go from actor to recipient; width: events; colour: share of '
        "cooperation (green) vs conflict (red). Click an edge to list its events.</p>"
        '<section id="network-events" class="event-list" aria-live="polite"></section>',
        form=filter_form(fields, "/network", parsed),
        api=url("/api/network", g),
        events=url("/api/events", {**events, "limit": 50}),
    )
    return HTMLResponse(
        page("Network", body, active="/network", scripts=("common.js", "network.js"))
    )


def _meta(record: dict[str, Any]) -> Markup:
    link: Markup | str = record["url"] or ""
    # Only web addresses become links: a javascript: or data: URL stays plain text.
    if isinstance(link, str) and link.lower().startswith(("http://", "https://")):
        link = html('<a href="{u}" rel="noopener noreferrer">{u}</a>', u=link)
    items = [
        ("date", record["pub_date"]),
        ("url", link),
        ("source", record["source"]),
        ("language", record["lang"]),
        ("id", record["id"]),
    ]
    return html(
        "<dl class='meta'>{items}</dl>",
        items=join(html("<dt>{k}</dt><dd>{v}</dd>", k=k, v=v) for k, v in items if v),
    )


def document_page(request: Request) -> Response:
    parse_page(request, ())
    record, found = load_document(store(request), request.path_params["doc_id"])
    content: str = record["content"]
    rows = join(
        html(
            '<tr class="doc-event" data-event="{id}" tabindex="0"><td>{type}</td><td>{actors}</td>'
            "<td>{recipients}</td><td>{date}</td><td>{quote}</td><td>{rule}</td>"
            "<td>{modality}</td></tr>",
            id=e.id,
            type=e.type,
            actors=", ".join(a.code for a in e.actors) or "—",
            recipients=", ".join(a.code for a in e.recipients) or "—",
            date=e.date or "—",
            quote=e.quote,
            rule=e.rule,
            modality=e.modality or "",
        )
        for e in found
    )
    body = html(
        '<h1 id="doc-title">{title}</h1>{meta}'
        '<p class="legend"><mark class="hl-quote">quote</mark> <mark class="hl-trigger">trigger'
        '</mark> <mark class="hl-actor">actor</mark> <mark class="hl-recipient">recipient</mark>'
        '</p><article id="doc-text" class="doc-text">{text}</article>'
        '<h2>{n} coded events</h2><table id="doc-events"><thead><tr><th>Type</th><th>Actor</th>'
        "<th>Recipient</th><th>Date</th><th>Quote</th><th>Rule</th><th>Modality</th></tr>"
        '</thead><tbody>{rows}</tbody></table><p><a href="{more}">These events in the '
        "events table</a></p>",
        title=record["title"] or record["id"],
        meta=_meta(record),
        text=highlight(content, document_spans(found, len(content))),
        n=len(found),
        rows=rows,
        more=url("/", {"doc": record["id"], "include_optional": True}),
    )
    title = record["title"] or record["id"]
    return HTMLResponse(page(title, body, scripts=("common.js", "document.js")))
