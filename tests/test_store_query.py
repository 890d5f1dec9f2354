"""Reading events back: every EventQuery filter, paging, ordering, validation and stats."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from annales.errors import QueryError, StoreError
from annales.model import Actor, Document, Event, Place
from annales.store import EventQuery, Store, open_store
from annales.store.rows import period_bounds


def _event(doc_id: str, key: str, kind: str, actors: str, recipients: str, **more: object) -> Event:
    return Event(
        doc_id=doc_id,
        type=kind,
        actors=[Actor(code) for code in actors.split()],
        recipients=[Actor(code) for code in recipients.split()],
        id=key,
        **more,  # type: ignore[arg-type]
    )


EVENTS = {
    "d1": [
        _event("d1", "e1", "CONSULT", "RUS", "TUR", date="2018-09-17", start=0,
               quote="Poutine a reçu Erdoğan", sentence="Poutine a reçu Erdoğan à Sotchi."),
        _event("d1", "e2", "ACCUSE", "USA", "RUS", date="2018-09", start=10,
               quote="Washington accuse Moscou", location=Place("Syria", "SYR")),
        _event("d1", "e3", "ASSAULT", "ISIS", "SYR", date="2018", modality="planned", start=20,
               quote="l'EI pourrait frapper"),
    ],
    "d2": [
        _event("d2", "e4", "AGREE", "RUS USA", "", date="2018-10-02",
               location=Place("Sochi", "RUS")),
        _event("d2", "e5", "SANCTION", "EU", "RUS", quote="L'UE sanctionne la Russie",
               confidence=0.4),
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("query") / "annales.duckdb"
    with open_store(path) as opened:
        for doc_id, events in EVENTS.items():
            opened.save(Document(id=doc_id, text="texte"), events)
        opened.save_skipped(Document(id="d3", text="text"), "unsupported language: en")
        opened.save_skipped(Document(id="d4", text="text"), "unsupported language: en")
        yield opened


def _ids(store: Store, **params: object) -> list[str]:
    return [event.id for event in store.events(EventQuery(**params))]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["e2", "e1", "e4", "e5"]),
        ({"actor": "RUS"}, ["e1", "e4"]),
        ({"recipient": "RUS"}, ["e2", "e5"]),
        ({"involving": "rus"}, ["e2", "e1", "e4", "e5"]),
        ({"actor": "USA", "recipient": "RUS"}, ["e2"]),
        ({"type": "accuse"}, ["e2"]),
        ({"quad_class": "Material_Conflict"}, ["e5"]),
        ({"doc_id": "d2"}, ["e4", "e5"]),
        # A month-granularity date overlaps any day of its month.
        ({"since": date(2018, 9, 20)}, ["e2", "e4"]),
        ({"until": date(2018, 9, 10)}, ["e2"]),
        ({"since": date(2018, 9, 17), "until": date(2018, 9, 17)}, ["e2", "e1"]),
        ({"since": date(2018, 11, 1)}, []),
        ({"text": "ERDOĞAN"}, ["e1"]),
        ({"text": "à sotchi"}, ["e1"]),
        ({"place": "syr"}, ["e2"]),
        ({"place": "soch"}, ["e4"]),
        ({"include_optional": True}, ["e3", "e2", "e1", "e4", "e5"]),
        ({"include_optional": True, "since": date(2018, 12, 1)}, ["e3"]),
        ({"limit": 2}, ["e2", "e1"]),
        ({"limit": 2, "offset": 1}, ["e1", "e4"]),
        ({"offset": 3}, ["e5"]),
        ({"limit": 0}, []),
        ({"order": "-date"}, ["e4", "e1", "e2", "e5"]),
        ({"order": "type"}, ["e2", "e4", "e1", "e5"]),
        ({"text": "'; DROP TABLE events; --"}, []),
        ({"min_confidence": 0.5}, ["e2", "e1", "e4"]),
        ({"min_confidence": 0.4}, ["e2", "e1", "e4", "e5"]),
    ],
)
def test_store_query_filters(store: Store, params: dict[str, object], expected: list[str]) -> None:
    assert _ids(store, **params) == expected


def test_store_query_count_ignores_paging(store: Store) -> None:
    assert store.count_events() == 4
    assert store.count_events(EventQuery(limit=1, offset=2)) == 4
    assert store.count_events(EventQuery(include_optional=True)) == 5
    assert store.count_events(EventQuery(involving="TUR")) == 1


def test_store_query_iter_events_in_small_batches(store: Store) -> None:
    query = EventQuery(include_optional=True)
    assert list(store.iter_events(query, batch_size=2)) == store.events(query)


def test_store_query_rebuilds_joint_actors_in_order(store: Store) -> None:
    (agree,) = store.events(EventQuery(type="AGREE"))
    assert [a.code for a in agree.actors] == ["RUS", "USA"]
    assert agree.recipients == []
    assert agree.location == Place("Sochi", "RUS")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "VISIT"}, "unknown event type 'VISIT'; valid types are AGREE, CONSULT"),
        ({"quad_class": "cooperation"}, "valid classes are verbal_cooperation"),
        ({"limit": -1}, "limit must be a whole number from 0 to"),
        ({"offset": -5}, "offset must be a whole number from 0 to"),
        ({"since": date(2019, 1, 1), "until": date(2018, 1, 1)}, "is after until"),
        ({"since": "2018-01-01"}, "since must be a date"),
        ({"order": "random()"}, "unknown order 'random\\(\\)'; choose one of date"),
        ({"actor": "  "}, "actor must be an actor code"),
        ({"min_confidence": 1.5}, "min_confidence must be a number from 0 to 1"),
        ({"min_confidence": True}, "min_confidence must be a number from 0 to 1"),
    ],
)
def test_store_query_rejects_bad_values(params: dict[str, object], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        EventQuery(**params)  # type: ignore[arg-type]


def test_store_query_min_confidence_from_text() -> None:
    assert EventQuery.from_strings(min_confidence="0.75").min_confidence == 0.75
    with pytest.raises(QueryError, match="min_confidence must be a number from 0 to 1"):
        EventQuery.from_strings(min_confidence="high")


def test_store_query_from_strings_parses_text_parameters() -> None:
    query = EventQuery.from_strings(
        actor="rus",
        type="consult",
        since="2018-09",
        until="2018",
        limit="20",
        offset="",
        include_optional="yes",
        text=None,
    )
    assert query == EventQuery(
        actor="RUS",
        type="CONSULT",
        since=date(2018, 9, 1),
        until=date(2018, 12, 31),
        limit=20,
        include_optional=True,
    )
    assert EventQuery.from_strings(until="2016-02").until == date(2016, 2, 29)
    # Options a CLI parser already typed go through unchanged.
    assert EventQuery.from_strings(limit=5, include_optional=True) == EventQuery(
        limit=5, include_optional=True
    )
    assert EventQuery.from_strings(since="2018-09-17").since == date(2018, 9, 17)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "17/09/2018"}, "since: '17/09/2018' is not a date; write it as YYYY-MM-DD"),
        ({"until": "2018-02-30"}, "until: '2018-02-30' is not a date"),
        ({"limit": "ten"}, "limit: 'ten' is not a whole number"),
        ({"limit": "-3"}, "limit must be a whole number from 0 to"),
        ({"include_optional": "maybe"}, "not a yes/no value"),
        ({"colour": "red"}, "unknown query parameter\\(s\\) colour; valid ones are actor"),
        ({"limit": 2.5}, "limit must be a whole number"),
    ],
)
def test_store_query_from_strings_rejects_bad_text(params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        EventQuery.from_strings(**params)


def test_store_stats_counts_documents_types_and_dyads(store: Store) -> None:
    stats = store.stats()
    assert stats["documents"] == {
        "total": 4,
        "coded": 2,
        "skipped": 2,
        "skipped_reasons": {"unsupported language: en": 2},
    }
    assert stats["events"] == 4
    assert stats["optional_events"] == 1
    assert stats["by_type"] == {"ACCUSE": 1, "AGREE": 1, "CONSULT": 1, "SANCTION": 1}
    assert stats["by_quad_class"] == {
        "verbal_cooperation": 2,
        "material_conflict": 1,
        "verbal_conflict": 1,
    }
    assert stats["top_dyads"] == [
        ("EU", "RUS", 1),
        ("RUS", "TUR", 1),
        ("RUS", None, 1),
        ("USA", "RUS", 1),
        ("USA", None, 1),
    ]
    assert (stats["first_date"], stats["last_date"]) == ("2018-09-01", "2018-10-02")


def test_store_stats_with_optional_events(store: Store) -> None:
    stats = store.stats(include_optional=True, top=1)
    assert stats["events"] == 5
    assert stats["by_type"]["ASSAULT"] == 1
    assert stats["by_quad_class"]["material_conflict"] == 2
    assert len(stats["top_dyads"]) == 1
    assert stats["last_date"] == "2018-12-31"


def test_store_stats_of_an_empty_store(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.duckdb") as store:
        stats = store.stats()
    assert stats["events"] == 0
    assert stats["documents"]["total"] == 0
    assert stats["by_type"] == {} and stats["top_dyads"] == []
    assert stats["first_date"] is None


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2018-09-17", (date(2018, 9, 17), date(2018, 9, 17))),
        ("2018-02", (date(2018, 2, 1), date(2018, 2, 28))),
        ("2016", (date(2016, 1, 1), date(2016, 12, 31))),
        ("2018-W05", (date(2018, 1, 29), date(2018, 2, 4))),
        ("2018-09-17T10:00", (date(2018, 9, 17), date(2018, 9, 17))),
        ("2018-13", (None, None)),
        ("PRESENT_REF", (None, None)),
        (None, (None, None)),
    ],
)
def test_store_query_date_periods(value: str | None, bounds: tuple[date, date]) -> None:
    assert period_bounds(value) == bounds


@pytest.mark.parametrize("order", ["date", "-date", "type", "doc", "-confidence"])
def test_store_query_pages_match_the_unpaged_events(store: Store, order: str) -> None:
    # A query with a limit reads its page in separate statements (ids, events, actors); a query
    # without one streams a single statement: both must give the same events, actors included.
    every = store.events(EventQuery(include_optional=True, order=order))
    assert len(every) == 5
    for offset in range(6):
        for limit in (1, 2, 5):
            query = EventQuery(include_optional=True, order=order, limit=limit, offset=offset)
            assert store.events(query) == every[offset : offset + limit]
    assert store.events(EventQuery(include_optional=True, order=order, offset=2)) == every[2:]


def test_store_query_page_keeps_the_actors_of_each_event(store: Store) -> None:
    first, second = store.events(EventQuery(limit=2, offset=2, order="doc"))
    assert (first.id, [a.code for a in first.actors], first.recipients) == (
        "e4",
        ["RUS", "USA"],
        [],
    )
    assert (second.id, [a.code for a in second.actors]) == ("e5", ["EU"])
    assert [a.code for a in second.recipients] == ["RUS"]


def test_store_cursor_reports_errors_as_store_errors(tmp_path: Path) -> None:
    opened = open_store(tmp_path / "annales.duckdb")
    with opened.cursor("count events") as cur:
        assert cur.execute("SELECT count(*) FROM events WHERE id = ?", ["e1"]).fetchall() == [(0,)]
    with (
        pytest.raises(StoreError, match=r"cannot count events in .*no_such_table"),
        opened.cursor("count events") as cur,
    ):
        cur.execute("SELECT * FROM no_such_table")
    opened.close()
    with pytest.raises(StoreError, match="is closed"), opened.cursor():
        pass


def test_a_limit_beyond_what_the_store_counts_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="limit must be a whole number from 0 to"):
        EventQuery.from_strings(limit="99999999999999999999999")
