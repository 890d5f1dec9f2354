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
from annales.web.api import aggregates, dyad_pair, load_document, store
from annales.web.markup import Markup, document_spans, highlight, html, join, page, url
from annales.web.pages import (
    actor_link,
    filter_form,
    page_filters,
    parse_page,
    select_field,
    text_field,
)
from annales.web.params import QUAD_CLASSES
from annales.web.queries import QUAD_WEIGHTS

__all__ = ["document_page", "dyad_page", "network_page"]

_DYAD_PARAMS = ("a", "b", "since", "until", "include_optional", "month", "count")
_NETWORK_PARAMS = ("since", "until", "type", "quad", "include_optional", "edges", "count")
_QUAD_LABELS = {
    "verbal_cooperation": "verbal coop.",
    "material_cooperation": "material coop.",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
}


def dyad_page(request: Request) -> Response:
    parsed, error = page_filters(request, _DYAD_PARAMS)
    g = parsed.given
    fields = [
        text_field("a", g.get("a", ""), "Actor A"),
        text_field("b", g.get("b", ""), "Actor B"),
        text_field("since", g.get("since", ""), "Since"),
        text_field("until", g.get("until", ""), "Until"),
    ]
    form = filter_form(fields, "/dyad", parsed, error)
    scripts = ("common.js", "suggest.js")
    if error is not None or not (parsed.get("a") and parsed.get("b")):
        body = html(
            "<h1>Dyad</h1>{form}<p>Choose two actors (codes or names), or pick a pair in the "
            '<a href="/dyads">ranking of dyads</a>.</p>',
            form=form,
        )
        return HTMLResponse(
            page("Dyad", body, active="/dyads", scripts=scripts),
            status_code=400 if error else 200,
        )
    a, b = dyad_pair(parsed)
    found = aggregates(request).dyad_series(a, b, parsed.query())
    in_months = {q: sum(m.counts[q] for m in found.months) for q in QUAD_WEIGHTS}
    columns = (
        ("in months", in_months, None),
        ("year only", found.unplaced, "unplaced"),
        ("undated", found.undated, "undated"),
    )
    heads = join(
        html(
            '<th class="num">{label}{button}</th>',
            label=label,
            button=html(' <button type="button" class="bucket" data-month="{m}">list</button>', m=m)
            if m and sum(counts.values())
            else "",
        )
        for label, counts, m in columns
    )
    totals = found.totals
    cells = join(
        html(
            '<tr><td><span class="swatch q-{q}"></span>{label}</td>{parts}'
            '<td class="num">{n}</td><td class="num">{w}</td></tr>',
            q=q,
            label=_QUAD_LABELS[q],
            parts=join(
                html('<td class="num">{n}</td>', n=f"{counts[q]:,}") for _l, counts, _m in columns
            ),
            n=f"{totals[q]:,}",
            w=f"{QUAD_WEIGHTS[q]:+d}",
        )
        for q in QUAD_WEIGHTS
    )
    months = join(
        html(
            '<tr><td><a href="{href}">{month}</a></td><td class="num">{coop}</td>'
            '<td class="num">{conflict}</td><td class="num">{score}</td></tr>',
            href=url("/dyad", {**g, "month": m.month}),
            month=m.month,
            coop=m.counts["verbal_cooperation"] + m.counts["material_cooperation"],
            conflict=m.counts["verbal_conflict"] + m.counts["material_conflict"],
            score=f"{m.score:+d}",
        )
        for m in found.months
        if m.total
    )
    params = {k: v for k, v in g.items() if k != "month"}
    body = html(
        "<h1>Dyad {a_link} – {b_link}</h1>{form}"
        '<section id="dyad-chart" class="chart" data-api="{api}" data-events="{events}" '
        'data-month="{month}"><p class="loading">Drawing the chart…</p></section>'
        '<p class="hint">Bars: events per month (cooperation above the axis, conflict below); '
        "line: net score. Click a month, or focus it with Tab and press Enter, to list its "
        "events.</p>"
        '<section id="dyad-events" class="event-list" aria-live="polite"></section>'
        '<div class="scroll"><table class="totals"><caption>Every event of the dyad, by quad '
        "class and by how precisely it is dated</caption><thead><tr><th>Quad class</th>{heads}"
        '<th class="num">All</th><th class="num">Weight</th></tr></thead><tbody>{cells}</tbody>'
        '<tfoot><tr><td>Net score</td><td colspan="4"></td>'
        '<td class="num" id="dyad-score">{score}</td></tr></tfoot></table></div>'
        "<details class=\"fallback\"><summary>Months as a table</summary><div class='scroll'>"
        "<table><thead><tr><th>Month</th><th class='num'>Cooperation</th>"
        "<th class='num'>Conflict</th><th class='num'>Net score</th></tr></thead>"
        "<tbody>{months}</tbody></table></div></details>",
        a_link=actor_link(a),
        b_link=actor_link(b),
        form=form,
        api=url("/api/dyad", params),
        events=url("/api/dyad/events", params),
        month=g.get("month", ""),
        heads=heads,
        cells=cells,
        score=f"{found.score:+d}",
        months=months,
    )
    return HTMLResponse(
        page(f"Dyad {a} – {b}", body, active="/dyads", scripts=(*scripts, "dyad.js"))
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
        ("read from", record["source"]),
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
            '<td>{recipients}</td><td>{date}</td><td lang="{lang}">{quote}</td><td>{rule}</td>'
            "<td>{modality}</td></tr>",
            id=e.id,
            type=e.type,
            actors=join((actor_link(a.code) for a in e.actors), ", ") or "—",
            recipients=join((actor_link(a.code) for a in e.recipients), ", ") or "—",
            date=e.date or "—",
            lang=record["lang"] or "",
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
        '</p><article id="doc-text" class="doc-text" lang="{lang}">{text}</article>'
        '<h2>{n} coded events</h2><div class="scroll"><table id="doc-events"><thead><tr>'
        "<th>Type</th><th>Actor</th>"
        "<th>Recipient</th><th>Date</th><th>Quote</th><th>Rule</th><th>Modality</th></tr>"
        '</thead><tbody>{rows}</tbody></table></div><p><a href="{more}">These events in the '
        "events table</a></p>",
        title=record["title"] or record["id"],
        meta=_meta(record),
        lang=record["lang"] or "",
        text=highlight(content, document_spans(found, len(content))),
        n=len(found),
        rows=rows,
        more=url("/", {"doc": record["id"], "include_optional": True}),
    )
    title = record["title"] or record["id"]
    return HTMLResponse(page(title, body, scripts=("common.js", "document.js")))
