"""The analyst's endpoints: series over time, places as GeoJSON, dyad rankings, actors by name,
the undated bucket of a dyad, the ``between`` filter, confidence and modality, complete exports.

The store of ``test_web_api`` is extended with an undated event, a low-confidence one and places
with coordinates; the app is called in-process.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from annales.model import Document, Place
from annales.store import open_store
from annales.web import create_app
from annales.web.openapi import API
from test_web_api import EVENTS, Client, coded

D5 = Document(
    "d5",
    "La Russie menace la Turquie. Ankara et Moscou se consultent. =HYPERLINK(1) dit Erdoğan.",
    title="=cmd|' /C calc'!A0",
    url="https://example.org/d5",
)
ALEPPO = Place("Aleppo", "SYR", latitude=36.2, longitude=37.16)
SOCHI = Place("Sochi", "RUS", latitude=43.6, longitude=39.73)
MORE = [
    (
        D5,
        [
            coded(D5, "THREATEN", "menace", "RUS=La Russie", "TUR=la Turquie", location=ALEPPO),
            coded(
                D5,
                "CONSULT",
                "se consultent",
                "TUR=Ankara;RUS=Moscou",
                "",
                date="2019-02-03",
                location=SOCHI,
                confidence=0.3,
            ),
        ],
    ),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Client:
    path = tmp_path_factory.mktemp("analytics") / "annales.duckdb"
    with open_store(path) as store:
        for doc, events in [*EVENTS, *MORE]:
            store.save(doc, events)
    return Client(create_app(path))


def _types(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return [event["type"] for event in response.json()["events"]]


@pytest.mark.parametrize("pair", ["RUS,TUR", "tur,rus", "Russie,Turquie", "Turkey,Russia"])
def test_web_between_takes_either_direction_and_symmetric_events(client: Client, pair: str) -> None:
    # RUS->TUR (CONSULT, AID), TUR->RUS (ACCUSE), both actors of AGREE and of the second CONSULT.
    found = _types(client, f"/api/events?between={pair}")
    assert sorted(found) == ["ACCUSE", "AGREE", "AID", "CONSULT", "CONSULT", "THREATEN"]


@pytest.mark.parametrize(
    ("pair", "message"),
    [("RUS", "not two actors"), ("RUS,RUS", "two different"), ("RUS,Atlantide", "unknown actor")],
)
def test_web_between_refuses_what_is_not_a_pair(client: Client, pair: str, message: str) -> None:
    response = client.get(f"/api/events?between={pair}")
    assert response.status_code == 400 and message in response.json()["error"]


@pytest.mark.parametrize("words", ["Erdogan", "ERDOĞAN", "erdoğan"])
def test_web_text_search_ignores_accents_and_case(client: Client, words: str) -> None:
    assert _types(client, f"/api/events?q={words}") == ["CONSULT"]


def test_web_confidence_and_modality_filters(client: Client) -> None:
    assert "CONSULT" not in _types(
        client, "/api/events?between=RUS,TUR&min_confidence=0.5&since=2019"
    )
    assert _types(client, "/api/events?modality=conditional") == ["THREATEN"]
    assert "THREATEN" not in _types(client, "/api/events?modality=asserted&since=2018-11")
    bad = client.get("/api/events?min_confidence=2")
    assert bad.status_code == 400 and "min_confidence" in bad.json()["error"]


def test_web_event_records_carry_names_and_optional(client: Client) -> None:
    body = client.get("/api/events?actor=Russie&type=CONSULT&limit=1").json()
    (event,) = body["events"]
    assert event["actors"][0]["label"] == "Russia" and event["optional"] is False
    optional = client.get("/api/events?modality=conditional").json()["events"][0]
    assert optional["optional"] is True


def test_web_dyad_counts_undated_events_and_lists_them(client: Client) -> None:
    body = client.get("/api/dyad?a=Russie&b=TUR").json()
    assert body["undated"] == 1 and body["unplaced"] == 1
    assert sum(body["totals"].values()) == 6  # months, unplaced and undated together
    undated = client.get("/api/dyad/events?a=RUS&b=TUR&month=undated").json()
    assert undated["total"] == 1 and undated["events"][0]["type"] == "THREATEN"
    unplaced = client.get("/api/dyad/events?a=RUS&b=TUR&month=unplaced").json()
    assert [e["type"] for e in unplaced["events"]] == ["AID"]


def test_web_dyads_rank_both_directions_together(client: Client) -> None:
    body = client.get("/api/dyads").json()
    first = body["dyads"][0]
    assert (first["a"], first["b"], first["count"]) == ("RUS", "TUR", 6)
    assert first["conflict"] == 2 and first["undated"] == 1
    assert first["score"] == 1 + 1 - 1 + 2 - 1 + 1  # CONSULT AGREE ACCUSE AID THREATEN CONSULT
    assert body["names"]["TUR"] == "Turkey"
    assert {(d["a"], d["b"]) for d in body["dyads"]} >= {("EU", "RUS"), ("RUS", "SYR")}


def test_web_series_by_type_per_month_with_buckets(client: Client) -> None:
    body = client.get("/api/series?by=quad&interval=month").json()
    assert body["periods"][0] == "2018-09" and body["periods"][-1] == "2019-02"
    assert len(body["periods"]) == 6  # empty months included
    series = {s["key"]: s for s in body["series"]}
    assert series["verbal_cooperation"]["counts"][0] == 2  # CONSULT and AGREE in September
    assert body["undated"] == 1 and body["unplaced"] == 1  # THREATEN, AID ("2018")
    assert body["total"] == sum(s["total"] for s in body["series"]) == 8


@pytest.mark.parametrize(
    ("params", "periods"),
    [("interval=quarter", ["2018-Q3", "2018-Q4", "2019-Q1"]), ("interval=year", ["2018", "2019"])],
)
def test_web_series_intervals(client: Client, params: str, periods: list[str]) -> None:
    body = client.get(f"/api/series?{params}").json()
    assert body["periods"] == periods
    assert body["unplaced"] == (0 if params == "interval=year" else 1)


def test_web_series_by_actor_keeps_the_most_frequent(client: Client) -> None:
    body = client.get("/api/series?by=actor&series=2").json()
    assert [s["key"] for s in body["series"]] == ["RUS", "TUR", "other"]
    assert body["names"] == {"RUS": "Russia", "TUR": "Turkey"}
    assert body["total"] == 8
    refused = client.get("/api/series?by=weather")
    assert refused.status_code == 400 and "by" in refused.json()["error"]


def test_web_places_are_geojson_points_with_counts(client: Client) -> None:
    response = client.get("/api/places?include_optional=true")
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    (aleppo, sochi) = body["features"]
    assert aleppo["geometry"] == {"type": "Point", "coordinates": [37.16, 36.2]}
    assert aleppo["properties"]["count"] == 1 and aleppo["properties"]["name"] == "Aleppo"
    assert sochi["properties"]["quad_class"] == "verbal_cooperation"
    assert body["total"] == 9 and body["unlocated"] == 7
    assert client.get("/api/places?actor=EU").json()["features"] == []


def test_web_actor_suggestions_and_profile(client: Client) -> None:
    found = client.get("/api/actors?name=russ").json()["actors"]
    assert found[0] == {"code": "RUS", "name": "Russia", "matched": "Russia"}
    assert client.get("/api/actors?name=CEDEAO").json()["actors"][0]["code"] == "ORG:ECOWAS"
    body = client.get("/api/actors/Russie").json()
    assert (body["code"], body["name"], body["wikidata"]) == ("RUS", "Russia", "Q159")
    assert "Russie" in body["names"] and body["events"] == 8
    assert body["partners"][0]["partner"] == "TUR" and body["partner_names"]["TUR"] == "Turkey"
    assert body["roles"] and {"person", "role", "start", "end"} <= set(body["roles"][0])
    missing = client.get("/api/actors/Atlantide")
    assert missing.status_code == 400 and "unknown actor" in missing.json()["error"]


def test_web_json_export_is_complete_and_streamed(client: Client) -> None:
    response = client.get("/api/events.jsonl?include_optional=true")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert len(lines) == 9 and all("event" in line or "type" in line for line in lines)


def test_web_csv_has_document_fields_and_no_formula_cell(client: Client) -> None:
    text = client.get("/api/events.csv?doc=d5").text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {"title", "url", "pub_date", "actor_name", "recipient_name"} <= set(rows[0])
    assert rows[0]["url"] == "https://example.org/d5"
    assert rows[0]["title"].startswith("'=")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]


def test_web_openapi_lists_the_new_endpoints(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/series", "/api/places", "/api/dyads", "/api/actors/{code}"):
        assert path in paths


def test_web_docs_describe_every_endpoint_and_page() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "web.md").read_text(encoding="utf-8")
    for path in API:
        assert path in docs, path
    for page in ("/trends", "/map", "/dyads", "/actors/{code}"):
        assert f"**`{page}" in docs, page


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/trends?by=actor&interval=year", 'id="trends-table"'),
        ("/map?actor=Russie", 'id="places-table"'),
        ("/dyads?since=2018", 'id="dyads-table"'),
        ("/actors/Russie", "Russia"),
        ("/actors/ORG:ECOWAS", "Economic Community of West African States"),
        ("/dyad?a=Russie&b=Turquie&month=undated", 'data-month="undated"'),
    ],
)
def test_web_analyst_pages_render(client: Client, url: str, expected: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert expected in response.text
    assert '<a class="skip" href="#main">' in response.text


def test_web_pages_name_actors_and_mark_optional_events(client: Client) -> None:
    text = client.get("/?include_optional=true&min_confidence=0.2").text
    assert '<a class="actor" href="/actors/RUS">RUS</a> <span class="name">Russia</span>' in text
    assert '<span class="badge optional"' in text and ">conditional</span>" in text
    assert ">low confidence</span>" in text
    assert 'href="/api/events.jsonl?include_optional=true&amp;min_confidence=0.2"' in text


@pytest.mark.parametrize("url", ["/?since=2018-13", "/trends?until=nope", "/map?actor=Atlantide"])
def test_web_bad_filters_are_shown_in_the_form(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert 'class="error form-error" role="alert"' in response.text
    assert '<form class="filters"' in response.text
