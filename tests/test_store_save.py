"""Saving documents and events: full round trip, idempotence, replacement, rollback, constraints."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from annales.errors import StoreError
from annales.model import Actor, Document, Event, Place
from annales.store import EventQuery, Store, open_store


def _doc(doc_id: str = "d1") -> Document:
    return Document(
        id=doc_id,
        title="Poutine reçoit Erdoğan",
        text="Le président russe a reçu mardi son homologue turc à Sotchi.",
        pub_date=date(2018, 9, 18),
        pub_date_source="record",
        url="https://example.org/a",
        lang="fr",
        source="corpus.jsonl:3",
    )


def _event(doc_id: str = "d1", trigger_start: int = 40, **changes: object) -> Event:
    values: dict[str, object] = {
        "doc_id": doc_id,
        "type": "CONSULT",
        "actors": [Actor("RUS", "GOV", "Le président russe", "Q7747", "Vladimir Putin", 24, 42)],
        "recipients": [Actor("TUR", "GOV", "son homologue turc", start=65, end=83, rule="coref")],
        "trigger_start": trigger_start,
        "trigger_end": trigger_start + 5,
        "quote": "Le président russe a reçu mardi son homologue turc",
        "sentence": "Le président russe a reçu mardi son homologue turc à Sotchi.",
        "date": "2018-09-17",
    }
    values.update(changes)
    return Event(**values)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "annales.duckdb") as opened:
        yield opened


def test_store_save_round_trip_keeps_every_field(store: Store) -> None:
    full = _event(
        mode="visit",
        context=["diplomatic", "military"],
        date="2018-09",
        date_source="text",
        date_text="en septembre",
        location=Place("Sochi", "RUS", 491422, 43.6, 39.73, "city", "Sotchi", 90, 96),
        start=20,
        end=70,
        trigger="reçu",
        rule="fr:consult/recevoir",
        coder="rules-fr@0.1.0",
        confidence=0.8,
        modality="planned",
        quotes=["Le président russe a reçu", "Poutine reçoit Erdoğan"],
        recipients=[Actor("TUR", "GOV"), Actor("UN", "IGO", text="l'ONU")],
    )
    bare = _event(trigger_start=7, type="ACCUSE", recipients=[], date=None, start=60, end=80)
    store.save(_doc(), [full, bare])

    assert store.events(EventQuery(include_optional=True, order="doc")) == [full, bare]
    assert store.document("d1") == _doc()
    assert store.document("nope") is None
    assert store.has_document("d1") and not store.has_document("d2")
    assert store.document_ids() == {"d1"}


def test_store_save_twice_is_idempotent(store: Store) -> None:
    events = [_event(), _event(trigger_start=99, type="AGREE")]
    store.save(_doc(), events)
    store.save(_doc(), events)
    assert store.count_events() == 2
    assert sorted(e.id for e in store.events()) == sorted(e.id for e in events)


def test_store_save_replaces_previous_events_of_the_document(tmp_path: Path) -> None:
    path = tmp_path / "annales.duckdb"
    with open_store(path) as store:
        store.save(_doc("d1"), [_event("d1"), _event("d1", trigger_start=99, type="AGREE")])
        store.save(_doc("d2"), [_event("d2")])
        store.save(_doc("d1"), [_event("d1", trigger_start=5, type="REJECT")])
        assert sorted((e.doc_id, e.type) for e in store.events()) == [
            ("d1", "REJECT"),
            ("d2", "CONSULT"),
        ]
    con = duckdb.connect(str(path), read_only=True)
    try:
        # No actor row may outlive its event.
        counts = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.id = a.event_id)) FROM event_actors a"
        ).fetchone()
    finally:
        con.close()
    assert counts == (4, 0)


def test_store_save_keeps_the_first_of_events_sharing_an_id(store: Store) -> None:
    first = _event(quote="first quote")
    second = _event(quote="second quote")
    assert first.id == second.id
    store.save(_doc(), [first, second])
    assert [e.quote for e in store.events()] == ["first quote"]


def test_store_save_failure_rolls_back_to_the_previous_events(store: Store) -> None:
    before = [_event(), _event(trigger_start=99, type="AGREE")]
    store.save(_doc(), before)
    # The schema refuses an actor without a code; the failure comes after the old rows were
    # deleted and the new events inserted, so only a real rollback keeps the old state.
    broken = _event(trigger_start=3, id="broken", actors=[Actor(None)])  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="cannot save document 'd1'"):
        store.save(_doc(), [_event(trigger_start=1, type="REJECT"), broken])
    assert sorted(e.id for e in store.events()) == sorted(e.id for e in before)


def test_store_save_refuses_an_event_id_of_another_document(store: Store) -> None:
    store.save(_doc("d1"), [_event("d1", id="shared")])
    store.save(_doc("d2"), [_event("d2", id="other")])
    with pytest.raises(StoreError, match="already stored for another document"):
        store.save(_doc("d2"), [_event("d2", id="shared")])
    assert {(e.id, e.doc_id) for e in store.events()} == {("shared", "d1"), ("other", "d2")}


def test_store_save_refuses_events_of_another_document_or_unknown_type(store: Store) -> None:
    with pytest.raises(StoreError, match="belongs to document 'd2'"):
        store.save(_doc("d1"), [_event("d2")])
    with pytest.raises(StoreError, match=r"unknown type 'BOGUS'.*CONSULT"):
        store.save(_doc("d1"), [_event(type="BOGUS")])
    assert not store.has_document("d1")


def test_store_save_skipped_records_the_reason_and_drops_events(store: Store) -> None:
    store.save(_doc(), [_event()])
    store.save_skipped(_doc(), "unsupported language: en")
    assert store.has_document("d1")
    assert store.count_events(EventQuery(include_optional=True)) == 0
    assert store.stats()["documents"]["skipped_reasons"] == {"unsupported language: en": 1}


def test_store_schema_enforces_unique_event_ids(tmp_path: Path) -> None:
    path = tmp_path / "annales.duckdb"
    with open_store(path) as store:
        store.save(_doc(), [_event(id="e1")])
    con = duckdb.connect(str(path))
    try:
        with pytest.raises(duckdb.ConstraintException):
            con.execute(
                "INSERT INTO events SELECT * REPLACE ('d9' AS doc_id) FROM events WHERE id = 'e1'"
            )
        with pytest.raises(duckdb.ConstraintException):
            con.execute("INSERT INTO documents SELECT * FROM documents")
        orphans = con.execute(
            "SELECT count(*) FROM event_actors a "
            "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = a.event_id)"
        ).fetchone()
        assert orphans == (0,)
    finally:
        con.close()


def test_store_read_only_refuses_to_save(tmp_path: Path) -> None:
    path = tmp_path / "annales.duckdb"
    open_store(path).close()
    with open_store(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.save(_doc(), [])


def test_store_closed_store_says_so(tmp_path: Path) -> None:
    store = open_store(tmp_path / "annales.duckdb")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="is closed"):
        store.events()


def test_store_save_many_writes_a_batch_and_keeps_the_last_copy(store: Store) -> None:
    store.save(_doc("d0"), [_event("d0")])
    saved = store.save_many(
        [
            (_doc("d1"), [_event("d1")]),
            (_doc("d2"), [_event("d2"), _event("d2", trigger_start=9, type="AGREE")]),
            (_doc("d1"), [_event("d1", type="REJECT")]),
        ]
    )
    assert saved == 2
    assert store.document_ids() == {"d0", "d1", "d2"}
    assert sorted((e.doc_id, e.type) for e in store.events()) == [
        ("d0", "CONSULT"),
        ("d1", "REJECT"),
        ("d2", "AGREE"),
        ("d2", "CONSULT"),
    ]


def test_store_save_many_is_all_or_nothing(store: Store) -> None:
    store.save(_doc("d1"), [_event("d1")])
    with pytest.raises(StoreError, match="cannot save documents 'd1', 'd2'"):
        store.save_many(
            [
                (_doc("d1"), []),
                (_doc("d2"), [_event("d2", actors=[Actor("RUS", start="here")])]),  # type: ignore[arg-type]
            ]
        )
    assert store.document_ids() == {"d1"}
    assert [e.doc_id for e in store.events()] == ["d1"]


def test_store_serves_reader_threads_while_saving(store: Store) -> None:
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            while not done.is_set():
                counted = store.count_events()
                # Each save is atomic: a reader sees whole documents of 2 events, never half.
                assert counted % 2 == 0
                assert len(store.events(EventQuery(limit=5))) <= 5
        except BaseException as exc:  # handed to the main thread, which fails the test
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    try:
        for number in range(30):
            doc_id = f"d{number}"
            store.save(_doc(doc_id), [_event(doc_id), _event(doc_id, trigger_start=1)])
    finally:
        done.set()
        for thread in readers:
            thread.join()
    assert errors == []
    assert store.count_events() == 60
