"""End to end: Debian's Chromium, driven by Playwright, against a real uvicorn on 127.0.0.1.

Filters the events table, expands evidence, opens a dyad chart and clicks a month, clicks a network
edge, opens a document, and checks that hostile text in a stored document runs no script. Each
test saves a screenshot in a pytest temporary folder. Skipped when /usr/bin/chromium is missing
(``apt-get install chromium``); never downloads a browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annales.model import Document
from annales.store import open_store
from live_web import BROWSER_MARKS, headless_chromium, serving
from web_events import event_at

pytestmark = BROWSER_MARKS
playwright_api = pytest.importorskip("playwright.sync_api")

XSS_TITLE = "<script>alert(1)</script>"
XSS_ACTOR = "<img src=x onerror=alert(1)>"
XSS_FLAG = '<svg onload="window.__xss = 1">'


def _sample(path: Path) -> None:
    meeting = Document(
        "d1",
        "Vladimir Poutine a reçu Recep Tayyip Erdoğan à Sotchi. La Turquie "
        "accuse la Russie de bombarder Idlib.",
        title="Poutine reçoit Erdoğan",
    )
    aid = Document(
        "d2",
        "La Russie livre une aide à la Turquie. L'Union européenne sanctionne la Russie.",
        title="Aide et sanctions",
    )
    hostile = Document("x1", f"Le {XSS_ACTOR} menace la Turquie. {XSS_FLAG} fin.", title=XSS_TITLE)
    with open_store(path) as store:
        store.save(
            meeting,
            [
                event_at(
                    meeting,
                    "CONSULT",
                    "a reçu",
                    ("RUS", "Vladimir Poutine"),
                    ("TUR", "Recep Tayyip Erdoğan"),
                    "2018-09-17",
                ),
                event_at(
                    meeting,
                    "ACCUSE",
                    "accuse",
                    ("TUR", "La Turquie"),
                    ("RUS", "la Russie"),
                    "2018-09-20",
                ),
            ],
        )
        store.save(
            aid,
            [
                event_at(
                    aid,
                    "AID",
                    "livre une aide",
                    ("RUS", "La Russie"),
                    ("TUR", "la Turquie"),
                    "2018-11-03",
                ),
                event_at(
                    aid,
                    "SANCTION",
                    "sanctionne",
                    ("EU", "L'Union européenne"),
                    ("RUS", "la Russie"),
                    "2018-11-05",
                ),
            ],
        )
        store.save(
            hostile,
            [
                event_at(
                    hostile,
                    "THREATEN",
                    "menace",
                    (XSS_ACTOR, XSS_ACTOR),
                    ("TUR", "la Turquie"),
                    "2018-10-01",
                )
            ],
        )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("browser") / "annales.duckdb"
    _sample(path)
    with serving(path) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with headless_chromium(playwright_api) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records script errors, dialogs and CSP reports."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(5000)
    tab.problems = []
    tab.on("pageerror", lambda error: tab.problems.append(f"error: {error}"))
    tab.on(
        "dialog",
        lambda dialog: (tab.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()),
    )
    tab.on(
        "console",
        lambda msg: tab.problems.append(f"console: {msg.text}") if msg.type == "error" else None,
    )
    yield tab
    context.close()


def test_web_browser_filters_the_table_and_expands_evidence(
    server: str, page: Any, shots: Path
) -> None:
    page.goto(server + "/")
    assert page.locator("#events tr.event").count() == 5
    page.fill("input[name=actor]", "rus")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?*actor=rus*")
    assert page.locator("#total").inner_text() == "2"
    assert page.locator("#events tr.event").count() == 2
    page.click("section[data-facet=type] a:text('AID')")
    page.wait_for_url("**type=AID*")
    row = page.locator("#events tr.event")
    assert row.count() == 1
    evidence = page.locator("#events tr.evidence").first
    assert evidence.is_hidden()
    row.first.locator("button.toggle").click()
    assert evidence.is_visible()
    assert evidence.locator("mark.hl-trigger").first.inner_text() == "livre une aide"
    assert evidence.locator("mark.hl-actor").first.inner_text() == "La Russie"
    assert "fr:aid/livre une aide" in evidence.inner_text()
    page.screenshot(path=shots / "events-evidence.png", full_page=True)
    assert page.problems == []


def test_web_browser_dyad_chart_lists_a_month(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/dyad?a=RUS&b=TUR")
    page.wait_for_selector("svg.dyad")
    assert page.locator("svg.dyad .month-hit").count() == 3  # Sept., Oct. (empty) and Nov. 2018
    assert page.locator("svg.dyad rect.bar.q-verbal_cooperation").count() == 1
    assert page.locator("svg.dyad polyline.score-line").count() == 1
    page.click("svg.dyad .month-hit[data-month='2018-09']")
    page.wait_for_selector("#dyad-events li")
    items = page.locator("#dyad-events li")
    assert items.count() == 2
    assert "Events of 2018-09" in page.locator("#dyad-events h2").inner_text()
    page.screenshot(path=shots / "dyad.png", full_page=True)
    assert page.problems == []


def test_web_browser_network_edge_lists_its_events(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/network")
    page.wait_for_selector("svg.network")
    assert page.locator("svg.network g.node").count() == 4
    edge = page.locator("svg.network g.edge-group[data-source='RUS'][data-target='TUR']")
    edge.locator("line.edge-hit").click()
    page.wait_for_selector("#network-events li")
    assert "RUS → TUR" in page.locator("#network-events h2").inner_text()
    assert page.locator("#network-events li").count() == 2
    page.screenshot(path=shots / "network.png", full_page=True)
    assert page.problems == []


def test_web_browser_document_highlights_and_spotlights(
    server: str, page: Any, shots: Path
) -> None:
    page.goto(server + "/")
    page.click("#events a:text('Poutine reçoit Erdoğan') >> nth=0")
    page.wait_for_url("**/documents/d1")
    assert page.locator("#doc-text mark.hl-trigger").count() == 2
    page.click("tr.doc-event >> nth=1")
    focused = page.locator("#doc-text mark.focus")
    assert focused.count() > 0 and "accuse" in " ".join(focused.all_inner_texts())
    page.screenshot(path=shots / "document.png", full_page=True)
    assert page.problems == []


@pytest.mark.parametrize(
    "path", ["/documents/x1", "/?q=menace", "/network", "/dyad?a=TUR&b=%3Cimg%20src%3Dx%3E"]
)
def test_web_browser_hostile_text_runs_no_script(
    server: str, page: Any, shots: Path, path: str
) -> None:
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    if path == "/network":
        page.locator("svg.network g.edge-group").first.locator("line.edge-hit").click()
        page.wait_for_selector("#network-events li")
        labels = page.locator("svg.network g.node text").all_text_contents()
        assert XSS_ACTOR in labels
    if path == "/documents/x1":
        assert page.locator("#doc-title").inner_text() == XSS_TITLE
        assert XSS_ACTOR in page.locator("#doc-text").inner_text()
        assert XSS_FLAG in page.locator("#doc-text").inner_text()
    if path == "/?q=menace":
        assert XSS_ACTOR in page.locator("#events").inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.locator("main img, main script, #doc-text svg").count() == 0
    name = path.strip("/").split("?")[0].replace("/", "-") or "events"
    page.screenshot(path=shots / f"xss-{name}.png", full_page=True)
    if path.startswith("/dyad"):  # the unknown actor is refused (400) next to the form
        assert "unknown actor" in page.locator("form .form-error").inner_text()
        page.problems = [p for p in page.problems if "status of 400" not in p]
    assert page.problems == []
