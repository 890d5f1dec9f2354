"""The field table generates the store's columns, the partitions' Arrow schema, the flat export
columns and the PLOVER record: adding a field there changes all four."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq

from annales.model import Actor, Document, Event, Place
from annales.scale.partitions import EVENT_SCHEMA
from annales.store import FLAT_COLUMNS, EventQuery, open_store
from annales.store.fields import (
    ACTOR_FIELDS,
    EVENT_FIELDS,
    PLACE_FIELDS,
    event_from_partition_row,
    flat_columns,
    partition_row,
    plover_record,
)
from annales.store.schema import ACTOR_COLUMNS, EVENT_COLUMNS

MEETING = Event(
    doc_id="d1",
    type="CONSULT",
    actors=[Actor("MLI", "GOV", "Assimi Goïta", wikidata="Q65035463", start=0, end=12)],
    recipients=[Actor("BFA", "GOV", "le capitaine Traoré"), Actor("BFA", "MIL", "l'armée")],
    mode="visit",
    context=["diplomatic"],
    date="2024-06-11",
    date_source="text",
    date_text="mardi",
    location=Place("Bamako", "MLI", 2460596, 12.65, -8.0, "city", "Bamako", 40, 46),
    quote="Assimi Goïta a reçu mardi à Bamako le capitaine Traoré",
    sentence="Assimi Goïta a reçu mardi à Bamako le capitaine Traoré et l'armée.",
    start=0,
    end=56,
    trigger="reçu",
    trigger_start=15,
    trigger_end=19,
    rule="fr:consult/recevoir",
    coder="rules-fr@0.1.0",
    confidence=0.8,
    quotes=["Assimi Goïta a reçu mardi à Bamako le capitaine Traoré"],
    id="m1",
)
DOCUMENT = Document(id="d1", text="texte", title="Visite", url="https://example.org/a/1", lang="fr")


def test_store_columns_are_the_field_table(tmp_path: Path) -> None:
    assert tuple(f.name for f in EVENT_FIELDS) == EVENT_COLUMNS
    assert ACTOR_COLUMNS[4:] == tuple(f.name for f in ACTOR_FIELDS)
    with open_store(tmp_path / "s.duckdb") as store, store.cursor() as cur:
        events = cur.sql("SELECT * FROM events LIMIT 0").columns
        actors = cur.sql("SELECT * FROM event_actors LIMIT 0").columns
        required = {
            row[0]
            for row in cur.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'events' AND is_nullable = 'NO'"
            ).fetchall()
        }
    assert tuple(events) == EVENT_COLUMNS and tuple(actors) == ACTOR_COLUMNS
    assert required == {f.name for f in EVENT_FIELDS if f.required}


def test_store_round_trips_every_field(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        store.save(DOCUMENT, [MEETING])
        (back,) = store.events(EventQuery(include_optional=True))
    assert back == MEETING


def test_partition_schema_and_rows_follow_the_table() -> None:
    kept = [f for f in EVENT_FIELDS if f.partition and not f.name.startswith("location_")]
    names = set(EVENT_SCHEMA.names)
    assert {"doc_index", "event_index", "actor", "recipient", "event_loc"} <= names
    assert len(names) == len(kept) + 5
    assert "event" in names and "event_text" in names and "type" not in names
    assert [f.name for f in EVENT_SCHEMA.field("event_loc").type] == [f.name for f in PLACE_FIELDS]
    row = partition_row(MEETING)
    assert set(row) == names - {"doc_index", "event_index"}
    assert event_from_partition_row(row) == MEETING


def test_flat_columns_follow_the_table(tmp_path: Path) -> None:
    assert flat_columns() == FLAT_COLUMNS
    flat = {f.flat for f in EVENT_FIELDS if f.flat}
    assert flat <= set(FLAT_COLUMNS)
    assert {"actor", "actor_name", "actor_sector", "actor_wikidata", "title", "url"} <= set(
        FLAT_COLUMNS
    )
    with open_store(tmp_path / "s.duckdb") as store:
        store.save(DOCUMENT, [MEETING])
        store.export(tmp_path / "e.csv", "csv")
        store.export(tmp_path / "e.parquet", "parquet")
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert tuple(row) == FLAT_COLUMNS
    assert tuple(pq.read_table(tmp_path / "e.parquet").column_names) == FLAT_COLUMNS
    # Each code once per side; the other cells follow the codes, first actor of each code.
    assert (row["recipient"], row["recipient_sector"]) == ("BFA", "GOV")
    assert (row["actor"], row["actor_wikidata"], row["geonameid"]) == (
        "MLI",
        "Q65035463",
        "2460596",
    )


def test_plover_record_has_the_specification_fields(tmp_path: Path) -> None:
    record = plover_record(MEETING)
    for item in EVENT_FIELDS:
        if item.plover and not item.plover.startswith("event_loc."):
            block, _, key = item.plover.rpartition(".")
            assert key in (record[block] if block else record), item.name
    assert record["event"] == "CONSULT" and record["coder"] == "rules-fr@0.1.0"
    assert record["actor"][0]["entity_text"] == "Assimi Goïta"
    assert record["actor"][0]["identifier_id"] == "Q65035463"
    assert record["event_loc"] == {
        "name": "Bamako",
        "country_code": "MLI",
        "geonameid": 2460596,
        "lat": 12.65,
        "lon": -8.0,
        "resolution": "city",
        "text": "Bamako",
        "start": 40,
        "end": 46,
    }
    assert record["provenance"]["rule"] == "fr:consult/recevoir"
    with open_store(tmp_path / "s.duckdb") as store:
        store.save(DOCUMENT, [MEETING])
        store.export(tmp_path / "e.jsonl", "plover-jsonl")
    exported = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8"))
    assert exported["cite_info"] == {
        "url": "https://example.org/a/1",
        "title": "Visite",
        "publication": "example.org",
        "language": "fr",
    }
    assert exported["text_info"] == {"sequence": 1, "start": 0, "end": 56}
    assert exported["coded_date"] and exported["provenance"] == record["provenance"]
