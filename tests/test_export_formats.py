"""Exporting stored events as PLOVER JSON Lines, CSV and Parquet, all-or-nothing."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from annales.errors import ConfigError, StoreError
from annales.model import Actor, Document, Event, Place
from annales.store import FLAT_COLUMNS, EventQuery, Store, open_store
from annales.store.export import write_jsonl

CONSULT = Event(
    doc_id="d1",
    type="CONSULT",
    actors=[Actor("RUS", "GOV", "Poutine"), Actor("TUR")],
    recipients=[Actor("IRN", "GOV", "Rohani")],
    mode="meeting",
    context=["diplomatic", "military"],
    date="2018-09-07",
    location=Place("Tehran", "IRN", latitude=35.69, longitude=51.42),
    quote="Poutine, Erdoğan et Rohani se sont réunis à Téhéran",
    sentence="Poutine, Erdoğan et Rohani se sont réunis à Téhéran vendredi.",
    start=0,
    end=51,
    trigger="réunis",
    rule="fr:consult/se réunir",
    coder="rules-fr@0.1.0",
    confidence=0.9,
    id="e1",
)
THREAT = Event(
    doc_id="d1",
    type="THREATEN",
    actors=[Actor("USA")],
    recipients=[Actor("SYR", "GOV")],
    date="2018-09",
    quote="Washington menace Damas",
    start=60,
    end=83,
    modality="conditional",
    id="e2",
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "annales.duckdb") as opened:
        opened.save(Document(id="d1", text="texte"), [CONSULT, THREAT])
        yield opened


def test_export_plover_jsonl(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert store.export(out, "plover-jsonl", EventQuery(include_optional=True)) == 2
    text = out.read_text(encoding="utf-8")
    assert "Erdoğan et Rohani se sont réunis à Téhéran" in text  # not \\u-escaped
    records = [json.loads(line) for line in text.splitlines()]
    # What the store adds to a bare event's record: its document, when it was coded, its occasion.
    added = ("cite_info", "text_info", "coded_date", "occasion_id", "num_articles", "num_sources")
    bare = [{k: v for k, v in r.items() if k not in added} for r in records]
    assert bare == [
        {k: v for k, v in e.to_plover().items() if k not in added} for e in (THREAT, CONSULT)
    ]  # by date: 2018-09 sorts first
    assert [r["text_info"] for r in records] == [
        {"sequence": 2, "start": 60, "end": 83},
        {"sequence": 1, "start": 0, "end": 51},
    ]
    assert records[0]["coded_date"][:4] == str(date.today().year)


def test_export_csv_flat_rows(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert store.export(out, "csv") == 1
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == FLAT_COLUMNS
        (row,) = list(reader)
    assert row["id"] == "e1" and row["event"] == "CONSULT" and row["date"] == "2018-09-07"
    assert (row["actor"], row["actor_sector"]) == ("RUS;TUR", "GOV;")
    assert (row["recipient"], row["recipient_sector"]) == ("IRN", "GOV")
    assert row["context"] == "diplomatic;military"
    assert (row["event_loc"], row["event_loc_country"]) == ("Tehran", "IRN")
    assert float(row["latitude"]) == pytest.approx(35.69)
    assert row["event_text"] == CONSULT.quote
    assert (row["start"], row["end"], row["optional"]) == ("0", "51", "false")


def test_export_parquet_flat_rows(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    query = EventQuery(include_optional=True, order="-date")
    assert store.export(out, "parquet", query) == 2
    table = pq.read_table(out)
    assert tuple(table.column_names) == FLAT_COLUMNS
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == ["e1", "e2"]
    assert rows[1] | {"sentence": None} == {
        "id": "e2",
        "doc_id": "d1",
        "date": "2018-09",
        "event": "THREATEN",
        "mode": None,
        "quad_class": "verbal_conflict",
        "context": "",
        "actor": "USA",
        "actor_sector": "",
        "recipient": "SYR",
        "recipient_sector": "GOV",
        "event_loc": None,
        "event_loc_country": None,
        "latitude": None,
        "longitude": None,
        "event_text": "Washington menace Damas",
        "sentence": None,
        "start": 60,
        "end": 83,
        "trigger": "",
        "rule": "",
        "coder": "",
        "confidence": 1.0,
        "modality": "conditional",
        "optional": True,
        "actor_name": "",
        "recipient_name": "",
        "actor_wikidata": "",
        "recipient_wikidata": "",
        "geonameid": None,
        "title": "",
        "url": None,
        "pub_date": None,
        "source": None,
    }


@pytest.mark.parametrize("fmt", ["plover-jsonl", "csv", "parquet"])
def test_export_with_no_matching_event_writes_an_empty_file(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"none.{fmt}"
    assert store.export(out, fmt, EventQuery(actor="FRA")) == 0
    if fmt == "parquet":
        assert pq.read_table(out).num_rows == 0
    elif fmt == "csv":
        assert out.read_text().splitlines() == [",".join(f'"{c}"' for c in FLAT_COLUMNS)]
    else:
        assert out.read_text() == ""


def test_export_failure_leaves_the_previous_file(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    out.write_text("previous export\n")

    def events() -> Iterator[Event]:
        yield CONSULT
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError, match="disk gone"):
        write_jsonl(events(), out)
    assert out.read_text() == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl"]


def test_export_rejects_unknown_format_and_missing_directory(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown export format 'xlsx'; choose one of"):
        store.export(tmp_path / "events.xlsx", "xlsx")
    with pytest.raises(StoreError, match=r"the directory .*nowhere does not exist"):
        store.export(tmp_path / "nowhere" / "events.csv", "csv")
    assert not (tmp_path / "events.xlsx").exists()


def test_export_flat_rows_of_a_filtered_page(tmp_path: Path) -> None:
    # Only the chosen events' actors are gathered: each row must still carry its own event's.
    events = [
        Event(doc_id="d1", type="ACCUSE", actors=[Actor(f"A{i}", "GOV")],
              recipients=[Actor(f"R{i}")], date=f"2018-09-{10 + i:02d}", quote=f"q{i}",
              start=i, end=i + 1, id=f"e{i}")
        for i in range(6)
    ]  # fmt: skip
    with open_store(tmp_path / "annales.duckdb") as opened:
        opened.save(Document(id="d1", text="texte"), events)
        out = tmp_path / "page.csv"
        query = EventQuery(order="-date", limit=2, offset=1, since=date(2018, 9, 11))
        assert opened.export(out, "csv", query) == 2
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["id"], r["actor"], r["actor_sector"], r["recipient"]) for r in rows] == [
        ("e4", "A4", "GOV", "R4"),
        ("e3", "A3", "GOV", "R3"),
    ]
