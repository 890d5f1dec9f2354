"""Occasions in a real store: one meeting reported by four articles in two languages, the same pair
meeting three weeks later, re-coding, deleting, rebuilding, exporting and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from annales.cli import cli
from annales.ingest import read_documents
from annales.model import Actor, Document, Event, Place
from annales.store import Store, open_store

ARTICLES = Path(__file__).parent / "data" / "occasions" / "two_meetings.jsonl"
_DOCUMENTS = {d.id: d for d in read_documents([ARTICLES]) if isinstance(d, Document)}


def _articles() -> list[dict[str, Any]]:
    return [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]


def _document(article: dict[str, Any]) -> Document:
    """The article as annales reads it from the file (the JSON Lines reader)."""
    return _DOCUMENTS[article["id"]]


def _event(article: dict[str, Any], **changes: Any) -> Event:
    coded = article["event"]
    place = coded["place"]
    values: dict[str, Any] = {
        "doc_id": article["id"],
        "type": coded["type"],
        "actors": [Actor(code, "GOV") for code in coded["actors"]],
        "recipients": [Actor(code, "GOV") for code in coded["recipients"]],
        "date": coded["date"],
        "date_source": coded["date_source"],
        "location": Place(place["name"], place["country"], feature=place["feature"])
        if place
        else None,
        "quote": article["text"],
        "sentence": article["text"],
    }
    values.update(changes)
    return Event(**values)


def _save_all(store: Store) -> None:
    for article in _articles():
        store.save(_document(article), [_event(article)])


def _groups(store: Store) -> dict[str, set[str]]:
    """Each occasion's documents, by occasion id."""
    return {
        item["occasion_id"]: {row["doc_id"] for row in store.occasion_reports(item["event"].id)}
        or {item["event"].doc_id}
        for item in store.occasions()
    }


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "annales.duckdb"


def test_occasions_four_reports_in_two_languages_are_one_meeting(path: Path) -> None:
    with open_store(path) as store:
        _save_all(store)
        listed = store.occasions()
    articles = sorted((item["num_articles"], item["num_sources"]) for item in listed)
    assert articles == [(2, 2), (4, 4)]
    first = next(item for item in listed if item["num_articles"] == 4)
    assert first["event"].date == "2025-02-11"
    second = next(item for item in listed if item["num_articles"] == 2)
    assert second["event"].date == "2025-03-04"  # three weeks later: another occasion


def test_occasions_do_not_change_when_the_same_documents_are_coded_again(path: Path) -> None:
    with open_store(path) as store:
        _save_all(store)
        before = _groups(store)
        _save_all(store)
        assert _groups(store) == before
        store.rebuild_occasions()
        assert _groups(store) == before


def test_occasions_follow_a_deleted_or_recoded_document(path: Path) -> None:
    articles = {a["id"]: a for a in _articles()}
    with open_store(path) as store:
        _save_all(store)
        assert store.delete_documents(["m1-fr-1", "not-stored"]) == 1
        counts = sorted(item["num_articles"] for item in store.occasions())
        assert counts == [2, 3]
        # Re-coded, the English wire now reports the later meeting (a correction of its date).
        wire = articles["m1-en-1"]
        store.save(_document(wire), [_event(wire, date="2025-03-04", location=None)])
        groups = _groups(store)
    assert {"m1-en-1", "m2-fr-1", "m2-en-1"} in groups.values()
    assert {"m1-fr-2", "m1-fr-3"} in groups.values()


def test_occasions_counts_reach_the_plover_export_and_stats(path: Path) -> None:
    with open_store(path) as store:
        _save_all(store)
        store.export(path.with_name("events.jsonl"), "plover-jsonl")
        by_occasion = store.stats()
        by_mention = store.stats(count="mentions")
    exported = path.with_name("events.jsonl").read_text(encoding="utf-8")
    records = [json.loads(line) for line in exported.splitlines()]
    assert sorted(r["num_articles"] for r in records) == [2, 2, 4, 4, 4, 4]
    assert sorted(r["num_sources"] for r in records) == [2, 2, 4, 4, 4, 4]
    assert len({r["occasion_id"] for r in records}) == 2
    assert (by_occasion["events"], by_occasion["occasions"]) == (6, 2)
    assert by_occasion["by_type"] == {"CONSULT": 2}
    assert by_mention["by_type"] == {"CONSULT": 6}


def test_occasions_leave_optional_events_alone(path: Path) -> None:
    article = _articles()[0]
    planned = _event(article, modality="future", quote="Tusk recevra Meloni.")
    with open_store(path) as store:
        store.save(_document(article), [planned])
        other = _articles()[1]
        store.save(_document(other), [_event(other)])
        assert store.occasion_reports(planned.id) == []


def test_occasions_cli_lists_one_line_per_occasion_and_rebuilds(path: Path) -> None:
    with open_store(path) as store:
        _save_all(store)
    runner = CliRunner()
    listed = runner.invoke(cli, ["events", "--db", str(path), "--occasions"])
    assert listed.exit_code == 0, listed.output
    assert "[4 articles]" in listed.output and "[2 articles]" in listed.output
    assert listed.output.count("CONSULT") == 2
    rebuilt = runner.invoke(cli, ["dedupe", "--db", str(path), "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "6 events" in rebuilt.output and "2 occasions" in rebuilt.output
    jsonl = runner.invoke(cli, ["events", "--db", str(path), "--occasions", "--format", "jsonl"])
    assert sorted(json.loads(line)["num_articles"] for line in jsonl.output.splitlines()) == [2, 4]
