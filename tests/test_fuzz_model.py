"""Fuzzing the records and the query: round trips lose nothing, bad input is a QueryError.

Round trips: ``to_dict``/``from_dict`` (and through JSON) for :class:`Document` and :class:`Event`,
and a save/read through a real store. Every property runs twice: a fast pass by default and a
``slow`` pass with many more cases (``pytest -m slow tests/test_fuzz_model.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from annales.errors import QueryError, StoreError
from annales.model import (
    EVENT_TYPES,
    OPTIONAL_MODALITIES,
    SECTORS,
    Actor,
    Document,
    Event,
    Place,
    stable_id,
)
from annales.store import ORDERS, EventQuery, Store, open_store
from fuzzing import fuzz

# Any Unicode, NUL and controls included (surrogates cannot be encoded, see test_fuzz_ingest).
texts = st.text(max_size=40)
optional_texts = st.none() | texts
positions = st.integers(0, 2**31 - 1)
optional_positions = st.none() | positions
scores = st.floats(0, 1)

actors = st.builds(
    Actor,
    code=st.text(min_size=1, max_size=12),
    sector=st.none() | st.sampled_from(sorted(SECTORS)),
    text=optional_texts,
    wikidata=optional_texts,
    name=optional_texts,
    start=optional_positions,
    end=optional_positions,
    rule=optional_texts,
    confidence=scores,
)
places = st.builds(
    Place,
    name=texts,
    country=optional_texts,
    geonames_id=st.none() | st.integers(0, 2**62),
    latitude=st.none() | st.floats(-90, 90),
    longitude=st.none() | st.floats(-180, 180),
    feature=optional_texts,
    text=optional_texts,
    start=optional_positions,
    end=optional_positions,
)
event_dates = st.none() | st.sampled_from(["2018-09-17", "2018-09", "2018", "2018-W05"]) | texts


def events_of(doc_id: str) -> st.SearchStrategy[Event]:
    return st.builds(
        Event,
        doc_id=st.just(doc_id),
        type=st.sampled_from(EVENT_TYPES),
        actors=st.lists(actors, max_size=3),
        recipients=st.lists(actors, max_size=3),
        mode=optional_texts,
        context=st.lists(texts, max_size=3),
        date=event_dates,
        date_source=optional_texts,
        date_text=optional_texts,
        location=st.none() | places,
        quote=texts,
        sentence=texts,
        start=positions,
        end=positions,
        trigger=texts,
        trigger_start=positions,
        trigger_end=positions,
        rule=texts,
        coder=texts,
        confidence=scores,
        modality=st.none() | st.sampled_from(sorted(OPTIONAL_MODALITIES)),
        quotes=st.lists(texts, max_size=3),
        id=st.just("") | st.text("0123456789abcdef", min_size=1, max_size=16),
    )


documents = st.builds(
    Document,
    id=st.text(min_size=1, max_size=20),
    text=st.text(max_size=200),
    title=texts,
    pub_date=st.none() | st.dates(),
    pub_date_source=optional_texts,
    url=optional_texts,
    lang=st.none() | st.sampled_from(["fr", "en", "de"]),
    source=optional_texts,
)
events = st.text(min_size=1, max_size=10).flatmap(events_of)


# -- to_dict / from_dict -------------------------------------------------------------------------


def _document_round_trip(document: Document) -> None:
    assert Document.from_dict(document.to_dict()) == document
    assert Document.from_dict(json.loads(json.dumps(document.to_dict()))) == document


test_document_round_trips, test_document_round_trips_slow = fuzz(150, 1_500, document=documents)(
    _document_round_trip
)


def _event_round_trip(event: Event) -> None:
    assert Event.from_dict(event.to_dict()) == event
    assert Event.from_dict(json.loads(json.dumps(event.to_dict()))) == event
    # The id is computed once: reading a record back never changes it.
    assert Event.from_dict(event.to_dict()).id == event.id
    plover = event.to_plover()
    assert plover["id"] == event.id and plover["event_text"] == event.quote
    json.dumps(plover)


test_event_round_trips, test_event_round_trips_slow = fuzz(150, 1_500, event=events)(
    _event_round_trip
)


def test_from_dict_ignores_unknown_keys_and_accepts_a_bare_actor_code() -> None:
    event = Event("d1", "CONSULT", [Actor("FRA")], id="e1")
    data = {**event.to_dict(), "added_by_a_newer_version": 1, "actors": ["FRA"]}
    assert Event.from_dict(data) == event


# -- through a real store ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with TemporaryDirectory() as tmp, open_store(Path(tmp) / "fuzz.duckdb") as opened:
        yield opened


def _store_round_trip(store: Store, data: st.DataObject) -> None:
    document = data.draw(documents)
    stored = data.draw(st.lists(events_of(document.id), max_size=4, unique_by=lambda e: e.id))
    # An event id names one event of one document (the store refuses to give it to another):
    # explicit ids are made unique to the document, as computed ids are.
    for event in stored:
        event.id = stable_id(document.id, event.id)
    store.save(document, stored)
    assert store.document(document.id) == document
    query = EventQuery(doc_id=document.id, include_optional=True)
    assert sorted(store.events(query), key=lambda e: e.id) == sorted(stored, key=lambda e: e.id)
    # Saving again replaces, never duplicates.
    store.save(document, stored[:1])
    assert store.count_events(query) == len(stored[:1])


@pytest.mark.parametrize(
    "count", [pytest.param(40, id="fast"), pytest.param(800, id="slow", marks=pytest.mark.slow)]
)
def test_anything_saved_reads_back_identical(store: Store, count: int) -> None:
    settings(max_examples=count, deadline=None, suppress_health_check=list(HealthCheck))(
        given(data=st.data())(lambda data: _store_round_trip(store, data))
    )()


def test_values_that_do_not_fit_are_a_store_error_and_change_nothing(store: Store) -> None:
    document = Document(id="too-big", text="x")
    event = Event("too-big", "CONSULT", [Actor("FRA")], start=2**40)
    with pytest.raises(StoreError, match="does not fit"):
        store.save(document, [event])
    assert not store.has_document("too-big")


# -- EventQuery.from_strings ---------------------------------------------------------------------

_FIELDS = [
    "actor",
    "recipient",
    "involving",
    "type",
    "quad_class",
    "since",
    "until",
    "doc_id",
    "text",
    "place",
    "include_optional",
    "limit",
    "offset",
    "order",
]
_LIKELY = [
    "",
    " ",
    "RUS",
    "consult",
    "CONSULT",
    "verbal_conflict",
    "2018",
    "2018-02",
    "2018-02-30",
    "2018-13",
    "0000",
    "9999-12-31",
    "-1",
    "0",
    "10",
    "1e3",
    "99999999999999999999999",
    "true",
    "no",
    "-date",
    *ORDERS,
    "'; DROP TABLE events; --",
    "\x00",
]
query_values = st.none() | st.sampled_from(_LIKELY) | st.text(max_size=30)
query_params = st.dictionaries(
    st.sampled_from(_FIELDS) | st.text(max_size=10), query_values, max_size=6
)


@example(params={"since": "2018-12", "until": "2018-01"})
@example(params={"limit": "99999999999999999999999"})
@example(params={"type": "\x00"})
@example(params={"since": "0000"})
@example(params={"\n": None})  # was echoed raw: a forged second line in the message
def _query_is_valid_or_a_query_error(params: dict[str, str | None]) -> None:
    try:
        query = EventQuery.from_strings(**params)
    except QueryError as error:
        assert str(error) and "\n" not in str(error)
        return
    where, values = query.where()
    page, page_values = query.page()
    assert where.count("?") == len(values) and page.count("?") == len(page_values)
    # User text only ever travels as a parameter, never inside the SQL.
    assert "DROP" not in where and "\x00" not in where


test_from_strings_gives_a_query_or_a_query_error, test_from_strings_slow = fuzz(
    200, 3_000, params=query_params
)(_query_is_valid_or_a_query_error)


@pytest.mark.parametrize(
    "count", [pytest.param(30, id="fast"), pytest.param(600, id="slow", marks=pytest.mark.slow)]
)
def test_any_valid_query_runs_on_a_store(store: Store, count: int) -> None:
    """A query from_strings accepts always runs: no SQL error, whatever the text."""

    def run(params: dict[str, str | None]) -> None:
        try:
            query = EventQuery.from_strings(**params)
        except QueryError:
            return
        store.events(query)
        store.count_events(query)

    settings(max_examples=count, deadline=None, suppress_health_check=list(HealthCheck))(
        given(params=query_params)(run)
    )()
