"""The JSON API of ``annales serve``: every endpoint, its filters, and its refusals of bad input.

A real DuckDB store is built in a temporary folder by saving hand-made events through
``Store.save``; the app is called in-process through httpx's ASGI transport.
"""

from __future__ import annotations

import asyncio
import io
import tempfile
from pathlib import Path
from typing import Any

import httpx
import pyarrow.parquet as pq
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from annales.errors import StoreError
from annales.model import Actor, Document, Event, Place
from annales.store import open_store
from annales.web import create_app
from annales.web.openapi import API
from annales.web.params import PARAMS


class Client:
    """A synchronous in-process client (starlette.testclient warns about httpx; this does not)."""

    def __init__(self, app: Starlette) -> None:
        self.app = app

    def request(self, method: str, url: str) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                return await client.request(method, url)

        return asyncio.run(send())

    def get(self, url: str) -> httpx.Response:
        return self.request("GET", url)


def coded(
    doc: Document, kind: str, trigger: str, actors: str, recipients: str, **more: Any
) -> Event:
    """An event of ``doc`` whose spans are found in its text: ``actors`` is "CODE=words;..."."""
    content = doc.content
    at = content.index(trigger)
    stop = content.rfind(". ", 0, at)
    start = max(stop + 2 if stop >= 0 else 0, content.rfind("\n", 0, at) + 1)
    end = content.index(".", at) + 1

    def parties(spec: str) -> list[Actor]:
        found = []
        for item in filter(None, spec.split(";")):
            code, words = item.split("=")
            begin = content.index(words, start)
            found.append(Actor(code, text=words, start=begin, end=begin + len(words)))
        return found

    return Event(
        doc_id=doc.id,
        type=kind,
        actors=parties(actors),
        recipients=parties(recipients),
        trigger=trigger,
        trigger_start=at,
        trigger_end=at + len(trigger),
        sentence=content[start:end],
        quote=content[start:end],
        start=start,
        end=end,
        rule=f"fr:{kind.lower()}/{trigger}",
        coder="rules-fr@test",
        **more,
    )


D1 = Document(
    "d1",
    "Vladimir Poutine a reçu Recep Tayyip Erdoğan à Sotchi lundi. La Turquie "
    "accuse la Russie de bombarder Idlib.",
    title="Poutine reçoit Erdoğan",
)
D2 = Document(
    "d2",
    "Moscou et Ankara ont signé un accord sur Idlib. L'Union européenne sanctionne la Russie.",
    url="https://example.org/d2",
)
D3 = Document("d/3 é", "Les troupes russes ont bombardé Alep. Moscou pourrait frapper Ankara.")
D4 = Document("d4", "La Russie aidera la Turquie en 2018.")
EVENTS = [
    (
        D1,
        [
            coded(
                D1,
                "CONSULT",
                "a reçu",
                "RUS=Vladimir Poutine",
                "TUR=Recep Tayyip Erdoğan",
                date="2018-09-17",
                location=Place("Sochi", "RUS"),
            ),
            coded(D1, "ACCUSE", "accuse", "TUR=La Turquie", "RUS=la Russie", date="2018-09"),
        ],
    ),
    (
        D2,
        [
            coded(D2, "AGREE", "ont signé", "RUS=Moscou;TUR=Ankara", "", date="2018-09-20"),
            coded(
                D2,
                "SANCTION",
                "sanctionne",
                "EU=L'Union européenne",
                "RUS=la Russie",
                date="2018-10-05",
            ),
        ],
    ),
    (
        D3,
        [
            coded(
                D3,
                "ASSAULT",
                "ont bombardé",
                "RUS=Les troupes russes",
                "SYR=Alep",
                date="2018-11-02",
                location=Place("Aleppo", "SYR"),
            ),
            coded(
                D3,
                "THREATEN",
                "pourrait frapper",
                "RUS=Moscou",
                "TUR=Ankara",
                date="2018-11",
                modality="conditional",
            ),
        ],
    ),
    (D4, [coded(D4, "AID", "aidera", "RUS=La Russie", "TUR=la Turquie", date="2018")]),
]


def build_store(path: Path) -> Path:
    with open_store(path) as store:
        for doc, events in EVENTS:
            store.save(doc, events)
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Client:
    return Client(create_app(build_store(tmp_path_factory.mktemp("web") / "annales.duckdb")))


def _types(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return [event["type"] for event in response.json()["events"]]


def test_web_api_events_page_in_date_order_with_total(client: Client) -> None:
    body = client.get("/api/events?limit=2").json()
    assert body["total"] == 6
    assert (body["limit"], body["offset"], body["sort"]) == (2, 0, "date")
    assert [e["type"] for e in body["events"]] == ["AID", "ACCUSE"]
    assert _types(client, "/api/events?limit=2&offset=4") == ["SANCTION", "ASSAULT"]
    assert _types(client, "/api/events?sort=-date&limit=1") == ["ASSAULT"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("actor=RUS", ["AID", "CONSULT", "AGREE", "ASSAULT"]),
        ("recipient=rus", ["ACCUSE", "SANCTION"]),
        ("involving=TUR", ["AID", "ACCUSE", "CONSULT", "AGREE"]),
        ("type=accuse", ["ACCUSE"]),
        ("quad=material_conflict", ["SANCTION", "ASSAULT"]),
        ("since=2018-10", ["AID", "SANCTION", "ASSAULT"]),
        ("until=2018-09-15", ["AID", "ACCUSE"]),
        ("place=SYR", ["ASSAULT"]),
        ("q=BOMBARD", ["ACCUSE", "ASSAULT"]),
        ("doc=d1", ["ACCUSE", "CONSULT"]),
        ("include_optional=true&since=2018-11", ["AID", "THREATEN", "ASSAULT"]),
        ("actor=RUS&recipient=TUR&type=CONSULT", ["CONSULT"]),
        ("actor=", ["AID", "ACCUSE", "CONSULT", "AGREE", "SANCTION", "ASSAULT"]),
    ],
)
def test_web_api_events_filters(client: Client, params: str, expected: list[str]) -> None:
    assert _types(client, f"/api/events?{params}") == expected


def test_web_api_events_carry_evidence_relative_to_the_sentence(client: Client) -> None:
    (event,) = client.get("/api/events?type=CONSULT").json()["events"]
    evidence = event["evidence"]
    text = evidence["text"]
    assert text == "Vladimir Poutine a reçu Recep Tayyip Erdoğan à Sotchi lundi."
    spans = {s["kind"]: text[s["start"] : s["end"]] for s in evidence["spans"]}
    assert spans == {
        "trigger": "a reçu",
        "actor": "Vladimir Poutine",
        "recipient": "Recep Tayyip Erdoğan",
    }
    assert evidence["document"] == {
        "id": "d1",
        "title": "Poutine reçoit Erdoğan",
        "url": None,
        "lang": None,
    }
    assert event["actors"][0]["code"] == "RUS" and event["quad_class"] == "verbal_cooperation"
    assert event["rule"] == "fr:consult/a reçu"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/events?quad=bad", "quad"),
        ("/api/events?type=FOO", "type"),
        ("/api/events?since=2018-13-45", "since"),
        ("/api/events?until=yesterday", "until"),
        ("/api/events?limit=-1", "limit"),
        ("/api/events?limit=5000", "limit"),
        ("/api/events?limit=abc", "limit"),
        ("/api/events?offset=x", "offset"),
        ("/api/events?offset=99999999999999999999", "offset"),
        ("/api/events?sort=up", "sort"),
        ("/api/events?include_optional=maybe", "include_optional"),
        ("/api/events?foo=1", "foo"),
        ("/api/events?type=AID&type=ACCUSE", "type"),
        ("/api/events?since=2019&until=2018", "since"),
        ("/api/events?q=%00x", "q"),
        ("/api/events?q=" + "a" * 201, "q"),
        ("/api/facets?facet_size=0", "facet_size"),
        ("/api/facets?limit=3", "limit"),
        ("/api/events.csv?quad=x", "quad"),
        ("/api/events.parquet?since=nope", "since"),
        ("/api/dyad?a=RUS", "b"),
        ("/api/dyad?a=RUS&b=rus", "b"),
        ("/api/dyad?a=RUS&b=TUR&type=AID", "type"),
        ("/api/dyad/events?a=RUS&b=TUR", "month"),
        ("/api/dyad/events?a=RUS&b=TUR&month=2018-13", "month"),
        ("/api/network?edges=0", "edges"),
        ("/api/network?actor=RUS", "actor"),
        ("/api/documents/d1?x=1", "x"),
    ],
)
def test_web_api_refuses_bad_parameters_naming_them(client: Client, url: str, name: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert name in error
    assert "Traceback" not in error


def test_web_api_values_are_bound_not_spliced_into_sql(client: Client) -> None:
    for url in (
        "/api/events?q=';%20DROP%20TABLE%20events;%20--",
        "/api/events?place=x')%20OR%20('1'='1",
    ):
        response = client.get(url)
        assert response.status_code == 200 and response.json()["total"] == 0, url
    # An actor that is neither a code nor a known name is refused before any query.
    refused = client.get("/api/events?actor=RUS'%20OR%201=1%20--")
    assert refused.status_code == 400 and "unknown actor" in refused.json()["error"]
    assert client.get("/api/events").json()["total"] == 6


def test_web_api_unknown_paths_and_methods_answer_json(client: Client) -> None:
    missing = client.get("/api/nothing")
    assert missing.status_code == 404 and "error" in missing.json()
    post = client.request("POST", "/api/events")
    assert post.status_code == 405 and "GET" in post.json()["error"]
    assert client.get("/api/documents/nope").json() == {
        "error": "no document with id 'nope' in this store"
    }
    assert client.get("/api/documents/nope").status_code == 404


def test_web_api_facets_count_each_dimension(client: Client) -> None:
    facets = client.get("/api/facets").json()
    assert facets["total"] == 6
    counts = {
        name: {f["value"]: f["count"] for f in values} for name, values in facets["facets"].items()
    }
    assert counts["actor"] == {"RUS": 4, "TUR": 2, "EU": 1}
    assert counts["recipient"] == {"RUS": 2, "TUR": 2, "SYR": 1}
    assert counts["place"] == {"RUS": 1, "SYR": 1}
    assert counts["quad"]["verbal_cooperation"] == 2
    assert sum(counts["type"].values()) == 6
    narrow = client.get("/api/facets?recipient=TUR&facet_size=1").json()["facets"]
    assert narrow["actor"] == [{"value": "RUS", "count": 2}]


@pytest.mark.parametrize("params", ["q=bombard", "q=BOMBARD&place="])
def test_web_api_facets_of_a_text_search(client: Client, params: str) -> None:
    # Text and place filters take the one-pass plan: it must count the same.
    body = client.get(f"/api/facets?{params}").json()
    counts = {
        name: {f["value"]: f["count"] for f in values} for name, values in body["facets"].items()
    }
    assert body["total"] == 2
    assert counts["type"] == {"ACCUSE": 1, "ASSAULT": 1}
    assert counts["actor"] == {"RUS": 1, "TUR": 1}
    assert counts["recipient"] == {"RUS": 1, "SYR": 1}
    assert counts["place"] == {"SYR": 1}
    assert counts["quad"] == {"verbal_conflict": 1, "material_conflict": 1}
    placed = client.get("/api/facets?place=alep").json()
    assert placed["total"] == 1 and placed["facets"]["recipient"] == [{"value": "SYR", "count": 1}]


def test_web_api_dyad_counts_months_and_score(client: Client) -> None:
    body = client.get("/api/dyad?a=RUS&b=TUR").json()
    assert body["weights"] == {
        "verbal_cooperation": 1,
        "material_cooperation": 2,
        "verbal_conflict": -1,
        "material_conflict": -2,
    }
    (month,) = body["months"]
    # CONSULT and the symmetric AGREE (+1 each), ACCUSE (-1); AID is dated only "2018".
    assert month == {
        "month": "2018-09",
        "verbal_cooperation": 2,
        "material_cooperation": 0,
        "verbal_conflict": 1,
        "material_conflict": 0,
        "total": 3,
        "score": 1,
    }
    # The totals and the score count every event, the unplaced AID (+2) included.
    assert body["unplaced"] == 1 and body["undated"] == 0 and body["score"] == 3
    assert body["totals"]["material_cooperation"] == 1 and body["names"]["RUS"] == "Russia"
    reverse = client.get("/api/dyad?a=tur&b=rus").json()
    assert reverse["months"] == body["months"]
    optional = client.get("/api/dyad?a=RUS&b=TUR&include_optional=true").json()
    assert [m["month"] for m in optional["months"]] == ["2018-09", "2018-10", "2018-11"]
    assert optional["months"][1]["total"] == 0 and optional["months"][2]["score"] == -1
    assert client.get("/api/dyad?a=RUS&b=TUR&since=2019").json()["months"] == []


def test_web_api_dyad_events_of_one_month(client: Client) -> None:
    body = client.get("/api/dyad/events?a=RUS&b=TUR&month=2018-09").json()
    assert body["total"] == 3
    assert [e["type"] for e in body["events"]] == ["ACCUSE", "CONSULT", "AGREE"]
    assert body["events"][2]["actors"] == ["RUS", "TUR"] and body["events"][2]["recipients"] == []
    page = client.get("/api/dyad/events?a=RUS&b=TUR&month=2018-09&limit=1&offset=1").json()
    assert [e["type"] for e in page["events"]] == ["CONSULT"] and page["total"] == 3
    past = client.get("/api/dyad/events?a=RUS&b=TUR&month=2018-09&offset=10").json()
    assert past["events"] == [] and past["total"] == 3
    assert client.get("/api/dyad/events?a=RUS&b=TUR&month=2018-10").json()["total"] == 0


def test_web_api_network_nodes_and_weighted_edges(client: Client) -> None:
    body = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert set(edges) == {("RUS", "TUR"), ("TUR", "RUS"), ("EU", "RUS"), ("RUS", "SYR")}
    assert edges["RUS", "TUR"]["count"] == 2 and edges["RUS", "TUR"]["cooperation_share"] == 1.0
    assert edges["TUR", "RUS"]["conflict"] == 1 and edges["TUR", "RUS"]["cooperation"] == 0
    assert body["edges"][0]["source"] == "RUS" and body["edges"][0]["target"] == "TUR"
    nodes = {n["id"]: n["count"] for n in body["nodes"]}
    assert nodes == {"RUS": 6, "TUR": 4, "EU": 1, "SYR": 1}
    assert len(client.get("/api/network?edges=1").json()["edges"]) == 1
    only = client.get("/api/network?type=ASSAULT").json()
    assert [(e["source"], e["target"]) for e in only["edges"]] == [("RUS", "SYR")]


def test_web_api_document_text_events_and_mentions(client: Client) -> None:
    body = client.get("/api/documents/d1").json()
    assert body["title"] == "Poutine reçoit Erdoğan" and body["content"].startswith(body["title"])
    assert [e["type"] for e in body["events"]] == ["CONSULT", "ACCUSE"]
    content = body["content"]
    quotes = [content[s["start"] : s["end"]] for s in body["spans"] if s["kind"] == "quote"]
    assert quotes == [e["quote"] for e in body["events"]]
    mentions = [(m["code"], content[m["start"] : m["end"]], m["roles"]) for m in body["mentions"]]
    assert ("RUS", "Vladimir Poutine", ["actor"]) in mentions
    assert ("RUS", "la Russie", ["recipient"]) in mentions
    odd = client.get("/api/documents/d%2F3%20%C3%A9")
    assert odd.status_code == 200 and len(odd.json()["events"]) == 2  # optional ones included


def test_web_api_downloads_follow_the_filter(
    client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    csv = client.get("/api/events.csv?involving=TUR&sort=-date")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert 'filename="annales-events.csv"' in csv.headers["content-disposition"]
    lines = csv.text.strip().splitlines()
    assert lines[0].startswith('"id","doc_id","date","event"') and len(lines) == 5
    parquet = client.get("/api/events.parquet?type=ACCUSE")
    table = pq.read_table(io.BytesIO(parquet.content))
    assert table.num_rows == 1 and table.column("event").to_pylist() == ["ACCUSE"]
    assert pq.read_table(io.BytesIO(client.get("/api/events.parquet").content)).num_rows == 6
    assert list(tmp_path.iterdir()) == []  # the temporary export files are gone


def test_web_api_openapi_documents_every_endpoint(client: Client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    routed = {
        route.path.replace(":path}", "}")
        for route in client.app.routes
        if isinstance(route, Route) and route.path.startswith("/api/")
    }
    assert routed == set(spec["paths"]) == set(API)
    for path, endpoint in API.items():
        names = [p["name"] for p in spec["paths"][path]["get"]["parameters"] if p["in"] == "query"]
        assert names == list(endpoint.params)
    documented = {p["name"] for item in spec["paths"].values() for p in item["get"]["parameters"]}
    assert set(PARAMS) <= documented


def test_web_api_opens_the_store_read_only(tmp_path: Path) -> None:
    app = create_app(build_store(tmp_path / "s.duckdb"))
    store = app.state.store
    assert store.read_only
    with pytest.raises(StoreError, match="read-only"):
        store.save(D4, [])
    store.close()
    with pytest.raises(StoreError, match="no store"):
        create_app(tmp_path / "missing.duckdb")


def test_web_api_counts_an_actor_once_per_event(tmp_path: Path) -> None:
    doc = Document("twice", "Poutine et le Kremlin ont reçu Erdoğan.")
    event = coded(
        doc, "CONSULT", "ont reçu", "RUS=Poutine;RUS=le Kremlin", "TUR=Erdoğan", date="2018-09-17"
    )
    with open_store(tmp_path / "s.duckdb") as store:
        store.save(doc, [event])
    client = Client(create_app(tmp_path / "s.duckdb"))
    facets = client.get("/api/facets").json()["facets"]
    assert facets["actor"] == [{"value": "RUS", "count": 1}]
    network = client.get("/api/network").json()
    assert network["edges"][0]["count"] == 1 and {"id": "RUS", "count": 1} in network["nodes"]
    assert client.get("/api/dyad?a=RUS&b=TUR").json()["months"][0]["total"] == 1
    client.app.state.store.close()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("actor=Russie", ["AID", "CONSULT", "AGREE", "ASSAULT"]),
        ("actor=Russia", ["AID", "CONSULT", "AGREE", "ASSAULT"]),
        ("recipient=Moscou", ["ACCUSE", "SANCTION"]),
        ("involving=Turquie", ["AID", "ACCUSE", "CONSULT", "AGREE"]),
        ("actor=Union%20europ%C3%A9enne", ["SANCTION"]),
    ],
)
def test_web_api_actor_parameters_take_names(
    client: Client, params: str, expected: list[str]
) -> None:
    assert _types(client, f"/api/events?{params}") == expected


def test_web_api_unknown_actor_name_is_refused_with_close_matches(client: Client) -> None:
    response = client.get("/api/events?involving=Turqie")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith("involving: unknown actor 'Turqie'") and "Turquie (TUR)" in error
    dyad = client.get("/api/dyad?a=Russie&b=Turquie").json()
    assert dyad == client.get("/api/dyad?a=RUS&b=TUR").json()
    assert client.get("/api/dyad?a=Russie&b=RUS").status_code == 400  # the same actor twice
