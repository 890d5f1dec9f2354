"""End to end in Debian's Chromium: the map, trends, dyads and actor pages at desktop and phone
widths, used with the keyboard as well as the mouse.

A real uvicorn on 127.0.0.1 serves a store with places that have coordinates, events over several
months, an undated event and an optional one. Each test checks that the page does not overflow
the phone's width, and saves a screenshot in a pytest temporary folder (also in the folder named
by ``ANNALES_SCREENSHOTS``, which is how the pictures of ``docs/web.md`` are made).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annales.model import Document, Place
from annales.store import open_store
from live_web import BROWSER_MARKS, headless_chromium, serving
from web_events import event_at

pytestmark = BROWSER_MARKS
playwright_api = pytest.importorskip("playwright.sync_api")

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
ALEPPO = Place("Aleppo", "SYR", latitude=36.2, longitude=37.16)
SOCHI = Place("Sochi", "RUS", latitude=43.6, longitude=39.73)
KYIV = Place("Kyiv", "UKR", latitude=50.45, longitude=30.52)


def _sample(path: Path) -> None:
    docs = [
        Document(
            "d1",
            "Vladimir Poutine a reçu Recep Tayyip Erdoğan à Sotchi. La Turquie accuse la "
            "Russie de bombarder la Syrie.",
            title="Poutine reçoit Erdoğan",
        ),
        Document(
            "d2",
            "La Russie livre une aide à la Turquie. L'Union européenne sanctionne la Russie.",
            title="Aide et sanctions",
        ),
        Document(
            "d3",
            "La Russie bombarde Alep. La Russie menace l'Ukraine. La Russie attaque Kiev.",
            title="Offensive",
        ),
    ]
    Plan = list[tuple[str, str, tuple[str, str], tuple[str, str], str | None, Place | None]]
    plan: dict[str, Plan] = {
        "d1": [
            ("CONSULT", "a reçu", ("RUS", "Vladimir Poutine"), ("TUR", "Recep Tayyip Erdoğan"),
             "2018-09-17", SOCHI),
            ("ACCUSE", "accuse", ("TUR", "La Turquie"), ("RUS", "la Russie"), "2018-10-02", None),
        ],
        "d2": [
            ("AID", "livre une aide", ("RUS", "La Russie"), ("TUR", "la Turquie"), None, None),
            ("SANCTION", "sanctionne", ("EU", "L'Union européenne"), ("RUS", "la Russie"),
             "2018-11-05", None),
        ],
        "d3": [
            ("ASSAULT", "bombarde", ("RUS", "La Russie"), ("SYR", "Alep"), "2018-11-20", ALEPPO),
            ("THREATEN", "menace", ("RUS", "La Russie"), ("UKR", "l'Ukraine"), "2019-01-10",
             KYIV),
            ("ASSAULT", "attaque", ("RUS", "La Russie"), ("UKR", "Kiev"), "2019-02-24", KYIV),
        ],
    }  # fmt: skip
    with open_store(path) as store:
        for doc in docs:
            events = []
            for kind, trigger, actor, recipient, day, place in plan[doc.id]:
                event = event_at(doc, kind, trigger, actor, recipient, day or "2018")
                if day is None:
                    event.date = None
                event.location = place
                events.append(event)
            store.save(doc, events)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("analyst") / "annales.duckdb"
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


@pytest.fixture(params=list(SIZES))
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page at the width ``request.param`` that records script errors."""
    context = browser.new_context(viewport=SIZES[request.param])
    tab = context.new_page()
    tab.set_default_timeout(5000)
    tab.size = request.param
    tab.problems = []
    tab.on("pageerror", lambda error: tab.problems.append(f"error: {error}"))
    tab.on(
        "console",
        lambda msg: tab.problems.append(f"console: {msg.text}") if msg.type == "error" else None,
    )
    yield tab
    context.close()


def _finish(page: Any, shots: Path, name: str) -> None:
    """Check the page fits the window's width, save its screenshot, and expect no problem."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[page.size]["width"], f"{name} is {width} px wide"
    folders = [shots]
    if os.environ.get("ANNALES_SCREENSHOTS"):
        folders.append(Path(os.environ["ANNALES_SCREENSHOTS"]))
    for folder in folders:
        page.screenshot(path=folder / f"web-{name}-{page.size}.png")
    assert page.problems == []


def _press_until_focused(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_web_browser_map_places_by_keyboard(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/map")
    page.wait_for_selector("svg.world circle.place")
    assert page.locator("svg.world path.country").count() > 150
    assert page.locator("svg.world circle.place").count() == 3
    assert "have none and are not drawn" in page.locator("p.summary").inner_text()
    _press_until_focused(page, "circle.place")
    page.keyboard.press("Enter")
    page.wait_for_selector("#map-events li")
    assert page.locator("#map-events h2").inner_text().startswith("Events at ")
    assert "#place=" in page.url
    assert page.locator("#places-table tbody tr").count() == 3
    _finish(page, shots, "map")


def test_web_browser_map_reopens_the_place_of_its_url(server: str, page: Any) -> None:
    page.goto(server + "/map?actor=Russie#place=Kyiv")
    page.wait_for_selector("#map-events li")
    assert page.locator("#map-events li").count() == 2
    assert page.locator("circle.place.selected").get_attribute("data-place") == "Kyiv"


def test_web_browser_trends_by_keyboard(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/trends?by=quad")
    page.wait_for_selector("svg.trends polyline.series-line")
    assert page.locator("svg.trends polyline.series-line").count() == 4
    assert page.locator("#trends-table tbody tr").count() == 4
    _press_until_focused(page, "svg.trends")
    page.keyboard.press("ArrowRight")  # the focus shows the first period, this the second
    assert page.locator("p.readout").inner_text().startswith("2018-10:")
    page.keyboard.press("Enter")
    page.wait_for_selector("#trends-events li")
    assert page.locator("#trends-events h2").inner_text().startswith("Events of 2018-10")
    assert "#period=2018-10" in page.url
    _finish(page, shots, "trends")


def test_web_browser_trends_by_actor_per_year(server: str, page: Any) -> None:
    page.goto(server + "/trends?by=actor&interval=year")
    page.wait_for_selector("svg.trends polyline.series-line")
    assert "RUS Russia" in page.locator("#trends-chart ul.legend").inner_text()
    page.select_option("select[name=interval]", "quarter")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**interval=quarter*")
    page.wait_for_selector("svg.trends")
    assert "2018-Q3" in (page.locator("svg.trends").text_content() or "")
    assert page.problems == []


def test_web_browser_dyads_ranking_to_chart_by_keyboard(
    server: str, page: Any, shots: Path
) -> None:
    page.goto(server + "/dyads")
    first = page.locator("#dyads-table tbody tr").first
    assert "RUS" in first.inner_text() and "TUR" in first.inner_text()
    assert first.locator("td").first.inner_text() == "3"  # both directions, the undated AID too
    _finish(page, shots, "dyads")
    _press_until_focused(page, "#dyads-table tbody tr:first-child th a[href^='/dyad?']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/dyad?a=RUS&b=TUR*")
    page.wait_for_selector("svg.dyad")
    _press_until_focused(page, ".month-hit[tabindex='0']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#dyad-events li")
    assert "month=2018-09" in page.url
    page.click("button.bucket[data-month=undated]")
    page.wait_for_selector("#dyad-events h2:text('Undated events')")
    assert page.locator("#dyad-events li").count() == 1
    assert "month=undated" in page.url
    _finish(page, shots, "dyad")


def test_web_browser_actor_page_names_and_partners(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/actors/Russie")
    assert page.locator("h1").inner_text().startswith("Russia")
    page.wait_for_selector("svg.trends polyline.series-line")
    partners = page.locator("#dyads-table tbody tr")
    assert partners.count() == 4 and "TUR" in partners.first.inner_text()
    _press_until_focused(page, "svg.trends")
    page.keyboard.press("Enter")
    page.wait_for_selector("#trends-events li")
    _finish(page, shots, "actor")


def test_web_browser_events_names_marks_and_form_errors(
    server: str, page: Any, shots: Path
) -> None:
    page.goto(server + "/?between=Russie,Turquie")
    rows = page.locator("#events tr.event")
    assert rows.count() == 3
    assert "Russia" in rows.first.inner_text()
    label = rows.first.locator("button.toggle").get_attribute("aria-label") or ""
    assert label.startswith("evidence of the")
    page.fill("input[name=since]", "2018-13")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("form .form-error")
    assert "since" in page.locator("form .form-error").inner_text()
    assert page.locator("input[name=since]").input_value() == "2018-13"
    page.problems = [p for p in page.problems if "status of 400" not in p]
    _finish(page, shots, "events-error")
