"""The web UI says how many articles report an event and lists the other reports."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import httpx
import pytest

from annales.model import Actor, Document, Event
from annales.store import open_store
from annales.web import create_app

REPORTS = [
    ("w1", "fr", "Le Ghana et le Togo signent un accord frontalier",
     "Le Ghana et le Togo ont signé jeudi à Lomé un accord sur le tracé de leur frontière."),
    ("w2", "en", "Ghana, Togo sign border deal",
     "Ghana and Togo signed an agreement in Lomé on Thursday on the line of their border."),
    ("w3", "fr", "Accord frontalier à Lomé",
     "Accra et Lomé ont conclu jeudi un accord sur le tracé de la frontière commune."),
]  # fmt: skip


def _saved(path: Path) -> Path:
    with open_store(path) as store:
        for doc_id, lang, title, text in REPORTS:
            document = Document(
                id=doc_id,
                title=title,
                text=text,
                pub_date=date(2025, 4, 10),
                lang=lang,
                url=f"https://{doc_id}.example/news",
            )
            event = Event(
                doc_id=doc_id,
                type="AGREE",
                actors=[Actor("GHA", "GOV")],
                recipients=[Actor("TGO", "GOV")],
                date="2025-04-10",
                date_source="text",
                quote=text,
                sentence=text,
                start=len(title) + 2,
                end=len(title) + 2 + len(text),
            )
            store.save(document, [event])
        alone = Document(id="w4", title="Autre", text="Le Togo a accusé le Ghana.", lang="fr")
        store.save(alone, [Event(doc_id="w4", type="ACCUSE", actors=[Actor("TGO")],
                                 recipients=[Actor("GHA")], quote="Le Togo a accusé le Ghana.",
                                 date="2025-01-02", date_source="text")])  # fmt: skip
    return path


def _get(app: object, url: str) -> httpx.Response:
    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get(url)

    return asyncio.run(send())


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> object:
    return create_app(_saved(tmp_path_factory.mktemp("occasions") / "annales.duckdb"))


def test_web_occasions_api_gives_the_article_count_and_the_other_reports(app: object) -> None:
    body = _get(app, "/api/events?type=AGREE").json()
    assert [e["num_articles"] for e in body["events"]] == [3, 3, 3]
    first = body["events"][0]
    others = {report["doc_id"] for report in first["other_reports"]}
    assert others == {"w1", "w2", "w3"} - {first["doc_id"]}
    lone = _get(app, "/api/events?type=ACCUSE").json()["events"][0]
    assert (lone["num_articles"], lone["other_reports"]) == (1, [])


def test_web_occasions_page_says_reported_by_n_articles(app: object) -> None:
    page = _get(app, "/?type=AGREE").text
    assert page.count("Reported by 3 articles") == 3
    assert 'href="/documents/w2"' in page and "Ghana, Togo sign border deal" in page
    assert "Reported by" not in _get(app, "/?type=ACCUSE").text


def test_web_occasions_charts_count_occasions_unless_asked_for_mentions(app: object) -> None:
    ranking = _get(app, "/api/dyads").json()["dyads"]
    assert [(row["a"], row["b"], row["count"]) for row in ranking] == [("GHA", "TGO", 2)]
    mentions = _get(app, "/api/dyads?count=mentions").json()["dyads"]
    assert [row["count"] for row in mentions] == [4]
    edges = _get(app, "/api/network").json()["edges"]
    assert sorted((e["source"], e["target"], e["count"]) for e in edges) == [
        ("GHA", "TGO", 1),
        ("TGO", "GHA", 1),
    ]
    chart = _get(app, "/api/dyad?a=GHA&b=TGO&count=mentions").json()
    assert sum(chart["totals"].values()) == 4
    assert sum(_get(app, "/api/dyad?a=GHA&b=TGO").json()["totals"].values()) == 2
    assert _get(app, "/api/dyads?count=articles").status_code == 400
