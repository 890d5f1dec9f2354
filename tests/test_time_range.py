"""Dates stay within the plausible years (1800 to 2200): calendar arithmetic never overflows.

Regression tests of issue 14: "Dans 99999999 jours", a pub_date of 9999-12-31 with "mardi
prochain", or of 0001-01-01 with "hier" raised OverflowError out of the time normaliser, which
stopped the whole run (``annales code``), and ``annales explain``, ``annales dates`` and
``code_text`` with it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from annales.cli import cli
from annales.errors import ConfigError
from annales.model import Document
from annales.pipeline import code_documents, code_text
from annales.store.rows import period_bounds
from annales.time import event_date, find_publication_date, find_time_expressions

ARTICLE = "Le président français a rencontré {when} son homologue allemand à Berlin."

# (text, publication date): each once raised OverflowError.
OVERFLOWS = [
    ("Dans 99999999 jours, le président français recevra son homologue.", date(2020, 1, 1)),
    ("Le président français recevra mardi prochain son homologue allemand.", date(9999, 12, 31)),
    ("Le président français a rencontré hier son homologue allemand.", date(1, 1, 1)),
    ("Dans 99999999 semaines, le sommet aura lieu à Paris.", date(2020, 1, 1)),
    ("Il y a 99999999 mois, le sommet a eu lieu à Paris.", date(2020, 1, 1)),
    ("Dans 99999999 ans, le sommet aura lieu à Paris.", date(2020, 1, 1)),
]


@pytest.mark.parametrize(("text", "pub_date"), OVERFLOWS)
def test_time_expressions_never_overflow_and_stay_in_range(text: str, pub_date: date) -> None:
    for expression in find_time_expressions(text, pub_date):
        year = expression.value[:4] if expression.value else None
        if year and year.isdigit():
            assert 1800 <= int(year) <= 2200, expression


def test_relative_dates_leaving_the_range_have_no_value() -> None:
    found = find_time_expressions("Dans 99999999 jours, puis dans 3 jours.", date(2020, 1, 1))
    assert [t.value for t in found] == [None, "2020-01-04"]
    # An implausible anchor anchors nothing; a plausible one still works.
    assert [t.value for t in find_time_expressions("hier", date(1, 1, 1))] == [None]
    assert [t.value for t in find_time_expressions("hier", date(2018, 2, 2))] == ["2018-02-01"]


def test_written_years_outside_the_range_date_nothing() -> None:
    assert [t.value for t in find_time_expressions("en 2019", date(2020, 1, 1))] == ["2019"]
    assert [t.value for t in find_time_expressions("le 3 mars 1492", date(2020, 1, 1))] == [None]


def test_event_dates_and_store_bounds_of_extreme_weeks_do_not_overflow() -> None:
    assert event_date("9999-W52") is None
    assert period_bounds("9999-W52") == (None, None)
    assert period_bounds("0001-01-01") == (None, None)
    assert period_bounds("2018-W05") == (date(2018, 1, 29), date(2018, 2, 4))


def test_publication_dates_outside_the_range_are_not_taken() -> None:
    assert find_publication_date("Publié le 3 mars 9999\n\nLe texte.") is None
    assert find_publication_date("Publié le 3 mars 2019\n\nLe texte.") == (
        date(2019, 3, 3),
        "byline",
    )


@pytest.mark.parametrize(("text", "pub_date"), OVERFLOWS[:3])
def test_code_text_codes_documents_with_extreme_dates(text: str, pub_date: date) -> None:
    for event in code_text(text, pub_date=pub_date):
        assert event.date is None or 1800 <= int(event.date[:4]) <= 2200


def test_an_implausible_publication_date_is_dropped_not_inherited() -> None:
    [result] = code_documents(
        [Document(id="d", text=ARTICLE.format(when="mardi"), pub_date=date(9999, 12, 31))]
    )
    assert result.skipped is None and result.events
    assert result.document.pub_date is None
    assert all(event.date is None for event in result.events)


def test_code_text_refuses_a_pub_date_that_is_not_a_date() -> None:
    with pytest.raises(ConfigError, match="'31/12/2020' is not a date"):
        code_text(ARTICLE.format(when="hier"), pub_date="31/12/2020")


def test_annales_code_stores_the_good_documents_beside_extreme_dates(tmp_path: Path) -> None:
    batch = tmp_path / "dates.jsonl"
    records = [
        {"id": "bon", "text": ARTICLE.format(when="lundi"), "pub_date": "2020-03-05"},
        {"id": "loin", "text": OVERFLOWS[0][0], "pub_date": "2020-01-01"},
        {"id": "fin", "text": OVERFLOWS[1][0], "pub_date": "9999-12-31"},
        {"id": "debut", "text": OVERFLOWS[2][0], "pub_date": "0001-01-01"},
        {"id": "bon2", "text": ARTICLE.format(when="mardi"), "pub_date": "2020-03-05"},
    ]
    batch.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    db = tmp_path / "store.duckdb"
    result = CliRunner().invoke(cli, ["code", str(batch), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "5 documents coded" in result.stdout
    events = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "jsonl"])
    dated = {
        json.loads(line)["doc_id"]: json.loads(line)["date"] for line in events.stdout.splitlines()
    }
    assert dated["bon"] == "2020-03-02" and dated["bon2"] == "2020-03-03"


def test_explain_and_dates_survive_extreme_dates(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(OVERFLOWS[0][0], encoding="utf-8")
    runner = CliRunner()
    explained = runner.invoke(cli, ["explain", str(article), "--pub-date", "2020-01-01"])
    assert explained.exit_code == 0, explained.output
    found = runner.invoke(cli, ["dates", str(article), "--pub-date", "2020-01-01"])
    assert found.exit_code == 0, found.output
    assert json.loads(found.stdout.splitlines()[0])["value"] is None
    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps({"id": "x", "text": OVERFLOWS[1][0], "pub_date": "9999-12-31"}) + "\n"
    )
    found = runner.invoke(cli, ["dates", str(records)])
    assert found.exit_code == 0, found.output


@pytest.mark.parametrize("command", ["explain", "dates"])
@pytest.mark.parametrize("value", ["2020-13-45", "demain", "9999-12-31"])
def test_a_bad_pub_date_option_is_a_usage_error_with_status_2(
    tmp_path: Path, command: str, value: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE.format(when="hier"), encoding="utf-8")
    result = CliRunner().invoke(cli, [command, str(article), "--pub-date", value])
    assert result.exit_code == 2, result.output
    assert "--pub-date" in result.stderr and "Traceback" not in result.output
