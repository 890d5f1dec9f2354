"""The HTML pages of ``annales serve``: rendering, escaping of hostile text, security headers,
highlighting, and the ``serve`` function and command (without a browser; see test_web_browser)."""

from __future__ import annotations

import asyncio
import re
import socket
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from starlette.applications import Starlette

import annales.web
from annales.model import Actor, Document, Event
from annales.store import open_store
from annales.web import app as web_app
from annales.web import create_app
from annales.web.command import serve as serve_command
from annales.web.markup import Markup, Span, evidence, highlight, html, locate
from web_events import event_at

XSS = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
BAD = Document("bad<1>", f"Le {IMG} menace la Turquie. Fin.", title=XSS, url="javascript:alert(1)")
GOOD = Document(
    "d1",
    "Vladimir Poutine a reçu Recep Tayyip Erdoğan à Sotchi.",
    title="Sommet",
    url="https://example.org/sommet",
)


class _Tags(HTMLParser):
    """Every tag and attribute name of a page, and its scripts (as the browser will parse it)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.attributes: set[str] = set()
        self.scripts: list[dict[str, str]] = []
        self.inline_script = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append({name: value or "" for name, value in attrs})

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_script += data.strip()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [
            value for name, value in attrs if name in ("href", "src", "data-api") and value
        ]


class Client:
    def __init__(self, app: Starlette) -> None:
        self.app = app

    def get(self, url: str) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                return await client.get(url)

        return asyncio.run(send())


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "annales.duckdb"
    with open_store(path) as store:
        store.save(
            GOOD,
            [
                event_at(
                    GOOD,
                    "CONSULT",
                    "a reçu",
                    ("RUS", "Vladimir Poutine"),
                    ("TUR", "Recep Tayyip Erdoğan"),
                    "2018-09-17",
                )
            ],
        )
        store.save(
            BAD,
            [event_at(BAD, "THREATEN", "menace", (IMG, IMG), ("TUR", "la Turquie"), "2018-10-02")],
        )
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Client:
    return Client(create_app(db))


PAGES = [
    "/",
    "/?q=menace",
    "/dyad",
    "/dyad?a=RUS&b=TUR",
    "/network",
    "/documents/d1",
    "/documents/bad%3C1%3E",
]


@pytest.mark.parametrize("url", PAGES)
def test_web_pages_render_without_inline_script_and_with_csp(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    tags = _Tags()
    tags.feed(response.text)
    assert all(attrs.get("src", "").startswith("/static/") for attrs in tags.scripts)
    assert tags.inline_script == ""
    assert not {name for name in tags.attributes if name.startswith("on") or name == "style"}
    assert "img" not in tags.names


@pytest.mark.parametrize("url", ["/", "/?q=menace", "/network", "/documents/bad%3C1%3E"])
def test_web_pages_escape_untrusted_text(client: Client, url: str) -> None:
    page = client.get(url).text
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page or url == "/network"


def test_web_pages_document_highlights_quote_trigger_and_actors(client: Client) -> None:
    page = client.get("/documents/d1").text
    assert re.search(r'<mark class="hl-quote hl-trigger"[^>]*>a reçu</mark>', page)
    assert re.search(r'<mark class="hl-actor hl-quote" title="[^"]*actor RUS[^"]*"', page)
    assert '<a href="https://example.org/sommet"' in page
    hostile = client.get("/documents/bad%3C1%3E").text
    assert '<h1 id="doc-title">&lt;script&gt;alert(1)&lt;/script&gt;</h1>' in hostile
    assert 'href="javascript' not in hostile and "javascript:alert(1)" in hostile


def test_web_pages_events_table_links_facets_sort_and_pages(client: Client) -> None:
    page = client.get("/?limit=1&involving=tur").text
    assert '<span id="total">2</span>' in page
    assert 'href="/?involving=tur&amp;limit=1&amp;offset=1"' in page  # next page
    assert 'href="/?involving=tur&amp;limit=1&amp;sort=-date"' in page  # date column, reversed
    assert 'href="/?involving=tur&amp;limit=1&amp;type=CONSULT"' in page  # a facet value
    assert 'href="/api/events.csv?involving=tur"' in page
    assert '<input type="text" name="involving" value="tur"' in page
    assert 'class="evidence" id="ev-' in page and "hl-trigger" in page


@pytest.mark.parametrize(
    "url",
    [
        "/?facet_size=3&involving=RUS&limit=1&sort=type",
        "/dyad",
        "/dyad?a=RUS&b=TUR&since=2018",
        "/network?type=CONSULT",
        "/documents/bad%3C1%3E",
    ],
)
def test_web_pages_every_internal_link_answers(client: Client, url: str) -> None:
    links = _Links()
    links.feed(client.get(url).text)
    assert links.hrefs
    for href in links.hrefs:
        if href.startswith("/"):
            assert client.get(href).status_code == 200, href


def test_web_pages_errors_are_pages_not_tracebacks(client: Client) -> None:
    bad = client.get("/?type=%3Cb%3E")
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("text/html")
    assert "type: unknown event type &#x27;&lt;b&gt;&#x27;" in bad.text
    missing = client.get("/documents/nope")
    assert missing.status_code == 404 and "no document with id" in missing.text
    assert client.get("/nowhere").status_code == 404
    assert "content-security-policy" in client.get("/static/annales.css").headers


def test_web_unexpected_errors_are_500_without_details(
    db: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(db)

    def broken(*args: object) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(app.state.aggregates, "facets", broken)

    async def send(url: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get(url)

    for url in ("/api/facets", "/"):
        response = asyncio.run(send(url))
        assert response.status_code == 500 and "secret" not in response.text
        assert "Traceback" not in response.text and "internal error" in response.text
        assert "content-security-policy" in response.headers
    assert "secret detail" in caplog.text  # the server log has it
    app.state.store.close()


def test_web_pages_static_assets_are_ours_and_avoid_inner_html() -> None:
    static = Path(web_app.STATIC)
    scripts = sorted(static.glob("*.js"))
    assert {p.name for p in scripts} >= {"common.js", "events.js", "dyad.js", "network.js"}
    for script in scripts:
        code = script.read_text(encoding="utf-8")
        assert "innerHTML" not in code and "outerHTML" not in code and "eval(" not in code
        assert "http" not in code.replace("http://www.w3.org/2000/svg", "")  # nothing remote


def test_web_highlight_escapes_and_splits_overlapping_spans() -> None:
    text = "<b>Moscou</b> accuse Ankara"
    out = highlight(
        text,
        [
            Span(0, 13, "actor", "actor RUS"),
            Span(3, 9, "trigger", "x&y"),
            Span(40, 50, "quote", "outside"),
        ],
    )
    assert out == (
        '<mark class="hl-actor" title="actor RUS">&lt;b&gt;</mark>'
        '<mark class="hl-actor hl-trigger" title="actor RUS; x&amp;y">Moscou</mark>'
        '<mark class="hl-actor" title="actor RUS">&lt;/b&gt;</mark> accuse Ankara'
    )
    assert highlight("a<b", []) == "a&lt;b"


def test_web_evidence_finds_the_sentence_holding_the_trigger() -> None:
    content = "Titre\n\nIl a reçu. Il a reçu."
    assert locate(content, "Il a reçu.", near=21) == 18
    assert locate(content, "Il a reçu.", near=0) == 7
    assert locate(content, "absent", near=0) is None and locate(None, "x", 0) is None
    event = Event(
        "d",
        "CONSULT",
        [Actor("RUS", start=18, end=20)],
        trigger="a reçu",
        trigger_start=21,
        trigger_end=27,
        sentence="Il a reçu.",
    )
    text, spans = evidence(event, content)
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [
        ("trigger", "a reçu"),
        ("actor", "Il"),
    ]
    _, fallback = evidence(event, None)  # document missing: the trigger word is looked up
    assert [(s.kind, s.start, s.end) for s in fallback] == [("trigger", 3, 9)]


def test_web_markup_escapes_values_but_not_markup() -> None:
    assert html("<p title='{t}'>{b}</p>", t="'\"<", b=Markup("<i>ok</i>")) == (
        "<p title='&#x27;&quot;&lt;'><i>ok</i></p>"
    )


def test_web_serve_prints_the_url_and_warns_off_loopback(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    calls: list[tuple[str, int]] = []

    def fake_run(server: uvicorn.Server, sockets: list[socket.socket]) -> None:
        # serve binds the port itself (a busy port is its own error) and hands uvicorn the socket.
        host, port = sockets[0].getsockname()[:2]
        calls.append((host, port))
        server.config.app.state.store.close()

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    annales.web.serve(db, port=0)
    out, err = capsys.readouterr()
    port = calls[-1][1]
    assert f"http://127.0.0.1:{port}/" in out and err == ""
    annales.web.serve(db, host="0.0.0.0", port=0)
    out, err = capsys.readouterr()
    assert f"http://0.0.0.0:{calls[-1][1]}/" in out and "warning" in err and "authentication" in err
    assert [host for host, _port in calls] == ["127.0.0.1", "0.0.0.0"]


def test_web_serve_command_only_calls_serve(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str, int]] = []
    monkeypatch.setattr(web_app, "serve", lambda d, host, port: seen.append((d, host, port)))
    result = CliRunner().invoke(serve_command, ["--db", str(db), "--port", "8001"])
    assert result.exit_code == 0 and seen == [(str(db), "127.0.0.1", 8001)]
    monkeypatch.undo()
    missing = CliRunner().invoke(serve_command, ["--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "annales: error: no store at" in missing.output


def test_web_package_exports() -> None:
    assert annales.web.__all__ == ["create_app", "serve"]
    assert annales.web.create_app is create_app
    with pytest.raises(AttributeError):
        _ = annales.web.nothing
