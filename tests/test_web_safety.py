"""The web server against hostile requests and stores (issue 14).

- any ``Host`` header was accepted, so a page served by another site could read the UI of a
  loopback server through DNS rebinding;
- events dated 0001 and 9999 made ``/api/dyad`` list 1.2 million months (157 MB), and
  ``/api/dyad/events?month=0000-01`` answered 500;
- a busy port made ``annales serve`` exit with uvicorn's status 3 instead of 2.
"""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import duckdb
import httpx
import pytest
from click.testing import CliRunner
from starlette.applications import Starlette

from annales.model import Document
from annales.store import open_store
from annales.web import create_app
from annales.web.app import allowed_hosts
from annales.web.command import serve as serve_command
from web_events import event_at

DOC = Document(
    id="sotchi",
    title="Sotchi",
    text="Vladimir Poutine a reçu Recep Tayyip Erdoğan à Sotchi. Vladimir Poutine a rencontré "
    "Recep Tayyip Erdoğan à Ankara. Vladimir Poutine a appelé Recep Tayyip Erdoğan.",
    lang="fr",
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web-safety") / "annales.duckdb"
    parties = (("RUS", "Vladimir Poutine"), ("TUR", "Recep Tayyip Erdoğan"))
    with open_store(path) as store:
        store.save(
            DOC,
            [
                event_at(DOC, "CONSULT", "a reçu", *parties, "2018-09-17"),
                event_at(DOC, "CONSULT", "a rencontré", *parties, "2018-11-02"),
                event_at(DOC, "CONSULT", "a appelé", *parties, "2019-01-05"),
            ],
        )
    # A store written before dates were bounded: two events at the ends of the calendar.
    con = duckdb.connect(str(path))
    try:
        con.execute(
            "UPDATE events SET date = '0001-01-01', date_start = DATE '0001-01-01', "
            "date_end = DATE '0001-01-01' WHERE trigger = 'a rencontré'"
        )
        con.execute(
            "UPDATE events SET date = '9999-12-31', date_start = DATE '9999-12-31', "
            "date_end = DATE '9999-12-31' WHERE trigger = 'a appelé'"
        )
    finally:
        con.close()
    return path


def get(app: Starlette, url: str, host: str = "127.0.0.1:8765") -> httpx.Response:
    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://ignored") as client:
            return await client.get(url, headers={"host": host})

    return asyncio.run(send())


def test_allowed_hosts_of_loopback_and_other_addresses() -> None:
    assert allowed_hosts("127.0.0.1") == {"127.0.0.1", "localhost", "[::1]"}
    assert allowed_hosts("::1") == {"127.0.0.1", "localhost", "[::1]"}
    assert allowed_hosts("127.0.0.2") == {"127.0.0.1", "localhost", "[::1]", "127.0.0.2"}
    assert allowed_hosts("0.0.0.0") is None and allowed_hosts("192.0.2.7") is None


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LOCALHOST"])
def test_a_loopback_server_answers_its_own_names(db: Path, host: str) -> None:
    app = create_app(db, hosts=allowed_hosts("127.0.0.1"))
    assert get(app, "/api/events", host).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example:8765", "evil.example", "127.0.0.1.evil.example", ""]
)
def test_a_loopback_server_refuses_other_hosts(db: Path, host: str) -> None:
    app = create_app(db, hosts=allowed_hosts("127.0.0.1"))
    api = get(app, "/api/events", host)
    assert api.status_code == 400 and "answers only its own names" in api.json()["error"]
    assert api.headers["x-frame-options"] == "DENY"
    page = get(app, "/", host)
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]


def test_the_dyad_series_holds_plausible_months_only(db: Path) -> None:
    app = create_app(db)
    answer = get(app, "/api/dyad?a=RUS&b=TUR").json()
    assert [month["month"] for month in answer["months"]] == ["2018-09"]
    assert answer["unplaced"] == 2
    assert len(get(app, "/api/dyad?a=RUS&b=TUR").content) < 10_000


@pytest.mark.parametrize("month", ["0000-01", "0001-01", "9999-12"])
def test_dyad_events_of_an_implausible_month_is_a_400(db: Path, month: str) -> None:
    response = get(create_app(db), f"/api/dyad/events?a=RUS&b=TUR&month={month}")
    assert response.status_code == 400, response.text
    assert "out of range" in response.json()["error"]


def test_serve_on_a_busy_port_exits_2_naming_the_port(db: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = CliRunner().invoke(serve_command, ["--db", str(db), "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert f"cannot listen on 127.0.0.1 port {port}" in result.stderr
    assert "--port" in result.stderr
