"""The analyst's pages: trends over time, the map, the ranking of dyads and an actor's page.

Each page renders its filter form and, on the server, a table of the figures its chart shows (the
fallback for screen readers, keyboards and phones); ``static/trends.js`` and ``static/map.js``
draw the charts from the JSON API named in a ``data-api`` attribute.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from annales.web import analytics
from annales.web.api import actor_summary, aggregates
from annales.web.markup import Markup, html, join, page, url
from annales.web.pages import actor_link, filter_fields, filter_form, page_filters, select_field
from annales.web.params import FILTERS, INTERVALS, SERIES_BY, Parsed

__all__ = ["actor_page", "dyads_page", "map_page", "trends_page"]

_SCRIPTS = ("common.js", "suggest.js")
_TRENDS_PARAMS = (*FILTERS, "by", "interval", "series")
_MAP_PARAMS = (*FILTERS, "top")
_DYADS_PARAMS = (*FILTERS, "top", "count")
_BY_LABELS = {"type": "event type", "quad": "quad class", "actor": "actor", "country": "country"}


def _refused(title: str, active: str, form: Markup) -> Response:
    body = html(
        "<h1>{title}</h1>{form}<p>Correct the filter above to see the figures.</p>",
        title=title,
        form=form,
    )
    return HTMLResponse(page(title, body, active=active, scripts=_SCRIPTS), status_code=400)


def _given(parsed: Parsed, *names: str) -> dict[str, Any]:
    return {k: v for k, v in parsed.given.items() if k in (*FILTERS, *names)}


def trends_page(request: Request) -> Response:
    parsed, error = page_filters(request, _TRENDS_PARAMS)
    g = parsed.given
    fields = [
        select_field("by", g.get("by", "type").lower(), "Split by", SERIES_BY),
        select_field("interval", g.get("interval", "month").lower(), "Interval", INTERVALS),
        *filter_fields(parsed),
    ]
    form = filter_form(fields, "/trends", parsed, error)
    if error is not None:
        return _refused("Trends", "/trends", form)
    by, interval = parsed.get("by") or "type", parsed.get("interval") or "month"
    data = analytics.series(aggregates(request), parsed.query(), by, interval, parsed.get("series"))
    rows = join(
        html(
            "<tr><th scope='row'>{key}</th><td class='num'>{total}</td>"
            "<td class='num'>{unplaced}</td><td class='num'>{undated}</td><td>{peak}</td></tr>",
            key=actor_link(s["key"]) if by == "actor" and s["key"] != "other" else s["key"],
            total=f"{s['total']:,}",
            unplaced=f"{s['unplaced']:,}",
            undated=f"{s['undated']:,}",
            peak=_peak(data["periods"], s["counts"]),
        )
        for s in data["series"]
    )
    body = html(
        "<h1>Trends</h1>{form}"
        '<p class="summary">{total} events by {by}, per {interval}; {unplaced} dated too '
        "coarsely for one {interval} and {undated} undated are counted in the table, not drawn. "
        'Download <a href="{csv}">CSV</a> <a href="{json}">JSON</a> of these events.</p>'
        '<section id="trends-chart" class="chart" data-api="{api}" data-interval="{interval}">'
        '<p class="loading">Drawing the chart…</p></section>'
        '<p class="hint">Each line is one {by}. Focus the chart with Tab and move along the '
        "periods with the arrow keys; press Enter to list the events of a period.</p>"
        '<section id="trends-events" class="event-list" aria-live="polite"></section>'
        '<div class="scroll"><table id="trends-table"><caption>Events per {by}</caption>'
        "<thead><tr><th>{By}</th><th class='num'>Events</th><th class='num'>Too coarse</th>"
        "<th class='num'>Undated</th><th>Busiest {interval}</th></tr></thead>"
        "<tbody>{rows}</tbody></table></div>",
        form=form,
        total=f"{data['total']:,}",
        by=_BY_LABELS[by],
        By=_BY_LABELS[by].capitalize(),
        interval=interval,
        unplaced=f"{data['unplaced']:,}",
        undated=f"{data['undated']:,}",
        csv=url("/api/events.csv", _given(parsed)),
        json=url("/api/events.jsonl", _given(parsed)),
        api=url("/api/series", _given(parsed, "by", "interval", "series")),
        rows=rows or html("<tr><td colspan='5'>No event matches these filters.</td></tr>"),
    )
    return HTMLResponse(page("Trends", body, active="/trends", scripts=(*_SCRIPTS, "trends.js")))


def _peak(periods: list[str], counts: list[int]) -> str:
    if not counts or max(counts) == 0:
        return "—"
    best = max(range(len(counts)), key=lambda i: (counts[i], -i))
    return f"{periods[best]} ({counts[best]:,})"


def map_page(request: Request) -> Response:
    parsed, error = page_filters(request, _MAP_PARAMS)
    form = filter_form(filter_fields(parsed), "/map", parsed, error)
    if error is not None:
        return _refused("Map", "/map", form)
    data = analytics.places(aggregates(request), parsed.query(), parsed.get("top") or 500)
    rows = join(
        html(
            "<tr><th scope='row'><a href='{href}'>{name}</a></th><td>{country}</td>"
            "<td class='num'>{n}</td><td><span class='q-{quad}'>{quad}</span></td></tr>",
            href=url("/", {**_given(parsed), "place": f["properties"]["name"]}),
            name=f["properties"]["name"],
            country=f["properties"]["country"] or "",
            n=f"{f['properties']['count']:,}",
            quad=f["properties"]["quad_class"],
        )
        for f in data["features"][:100]
    )
    body = html(
        "<h1>Map</h1>{form}"
        '<p class="summary">{located} of {total} events have a place with coordinates; '
        "{unlocated} have none and are not drawn.</p>"
        '<section id="map" class="chart map" data-api="{api}" data-world="/static/world/'
        'countries-110m.json"><p class="loading">Drawing the map…</p></section>'
        '<p class="hint">Circles: places, sized by their events, coloured by their most '
        "frequent quad class. Tab to a place and press Enter to list its events.</p>"
        '<section id="map-events" class="event-list" aria-live="polite"></section>'
        '<div class="scroll"><table id="places-table"><caption>Places with the most events'
        "</caption><thead><tr><th>Place</th><th>Country</th><th class='num'>Events</th>"
        "<th>Most frequent</th></tr></thead><tbody>{rows}</tbody></table></div>"
        '<p class="hint credit">Country shapes: Natural Earth (public domain), through the '
        "world-atlas package (ISC licence).</p>",
        form=form,
        located=f"{data['total'] - data['unlocated']:,}",
        total=f"{data['total']:,}",
        unlocated=f"{data['unlocated']:,}",
        api=url("/api/places", _given(parsed, "top")),
        rows=rows or html("<tr><td colspan='4'>No place among these events.</td></tr>"),
    )
    return HTMLResponse(page("Map", body, active="/map", scripts=(*_SCRIPTS, "map.js")))


def _ranking_table(ranking: list[dict[str, Any]], filters: dict[str, Any]) -> Markup:
    rows = join(
        html(
            "<tr><th scope='row'><a href='{href}'>{a} – {b}</a></th>"
            "<td class='num'>{n}</td><td class='num'>{share}</td><td class='num'>{score}</td>"
            "<td class='num'>{undated}</td><td><a href='{events}'>events</a></td></tr>",
            href=url("/dyad", {"a": d["a"], "b": d["b"], **_dated(filters)}),
            a=actor_link(d["a"]),
            b=actor_link(d["b"]),
            n=f"{d['count']:,}",
            share=f"{d['conflict_share']:.0%}",
            score=f"{d['score']:+d}",
            undated=f"{d['undated']:,}",
            events=url("/", {**filters, "between": f"{d['a']},{d['b']}"}),
        )
        for d in ranking
    )
    return html(
        '<div class="scroll"><table id="dyads-table"><caption>Pairs of actors, both directions '
        "together</caption><thead><tr><th>Dyad</th><th class='num'>Events</th>"
        "<th class='num'>Conflict</th><th class='num'>Net score</th>"
        "<th class='num'>Undated</th><th>List</th></tr></thead><tbody>{rows}</tbody></table>"
        "</div>",
        rows=rows or html("<tr><td colspan='6'>No pair among these events.</td></tr>"),
    )


def _dated(filters: dict[str, Any]) -> dict[str, Any]:
    """The filters that the dyad chart takes too."""
    return {k: v for k, v in filters.items() if k in ("since", "until", "include_optional")}


def dyads_page(request: Request) -> Response:
    parsed, error = page_filters(request, _DYADS_PARAMS)
    form = filter_form(filter_fields(parsed), "/dyads", parsed, error)
    if error is not None:
        return _refused("Dyads", "/dyads", form)
    ranking = analytics.dyad_ranking(aggregates(request), parsed.query(), parsed.get("top"))
    body = html(
        "<h1>Dyads</h1>{form}"
        '<p class="hint">Events between two actors, either way round (and both parties of '
        "symmetric events: consultations, agreements, cooperation); conflict: share of "
        "conflict events; net score: verbal cooperation +1, material cooperation +2, verbal "
        "conflict −1, material conflict −2. Undated events are counted too.</p>{table}",
        form=form,
        table=_ranking_table(ranking, _given(parsed)),
    )
    return HTMLResponse(page("Dyads", body, active="/dyads", scripts=_SCRIPTS))


def actor_page(request: Request) -> Response:
    page_filters(request, ())  # no parameter is accepted
    summary = actor_summary(request, request.path_params["code"])
    code = summary["code"]
    names = join(html("<li>{n}</li>", n=n) for n in summary["names"][:30])
    roles = join(
        html(
            "<tr><td>{person}</td><td>{role}</td><td>{sector}</td><td>{start}</td>"
            "<td>{end}</td></tr>",
            person=r["person"],
            role=r["role"],
            sector=r["sector"] or "",
            start=r["start"],
            end=r["end"] or "now",
        )
        for r in summary["roles"]
    )
    wikidata = summary["wikidata"]
    link = (
        html(
            '<a href="https://www.wikidata.org/wiki/{q}" rel="noopener noreferrer">{q}</a>',
            q=wikidata,
        )
        if wikidata
        else "unknown"
    )
    partners = [{**p, "a": code, "b": p["partner"]} for p in summary["partners"]]
    involving = {"involving": code}
    body = html(
        '<h1>{name} <span class="code">{code}</span></h1>'
        "<dl class='meta'><dt>Kind</dt><dd>{kind}</dd><dt>Wikidata</dt><dd>{link}</dd>"
        "<dt>Events</dt><dd><a href='{events}'>{n}</a></dd></dl>"
        "<details><summary>Other names ({count})</summary><ul class='names' lang='fr'>"
        "{names}</ul></details>"
        "<h2>Events over time</h2>"
        '<section id="trends-chart" class="chart" data-api="{api}" data-interval="year">'
        '<p class="loading">Drawing the chart…</p></section>'
        '<section id="trends-events" class="event-list" aria-live="polite"></section>'
        "<h2>Top partners</h2>{partners}"
        "<h2>People acting for it</h2>{roles}",
        name=summary["name"] or code,
        code=code,
        kind=summary["kind"] or "not in the knowledge base",
        link=link,
        events=url("/", involving),
        n=f"{summary['events']:,}",
        count=len(summary["names"]),
        names=names,
        api=url("/api/series", {**involving, "by": "quad", "interval": "year"}),
        partners=_ranking_table(partners, {}),
        roles=html(
            "<div class='scroll'><table id='roles'><thead><tr><th>Person</th><th>Role</th>"
            "<th>Sector</th><th>From</th><th>To</th></tr></thead><tbody>{rows}</tbody></table>"
            "</div>",
            rows=roles,
        )
        if roles
        else html("<p>The knowledge base lists nobody for this actor.</p>"),
    )
    return HTMLResponse(page(summary["name"] or code, body, scripts=("common.js", "trends.js")))
