"""Stored events as Arrow tables and pandas DataFrames; the Parquet export reads back the same."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from annales.errors import ConfigError, QueryError
from annales.model import Actor, Document, Event
from annales.store import FLAT_COLUMNS, EventQuery, Store, open_store

EVENTS = [
    Event("d1", "ACCUSE", [Actor("MLI", "GOV")], [Actor("FRA"), Actor("FRA", "MIL")], id="a"),
    Event("d1", "CONSULT", [Actor("RUS", "GOV")], [Actor("MLI")], date="2023-02-07", id="b"),
    Event("d1", "THREATEN", [Actor("RUS")], [Actor("UKR")], modality="conditional", id="c"),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "s.duckdb") as opened:
        opened.save(Document(id="d1", text="t", title="Bamako"), EVENTS)
        yield opened


def test_parquet_export_round_trips_to_the_same_dataframe(store: Store, tmp_path: Path) -> None:
    store.export(tmp_path / "e.parquet", "parquet")
    from_file = pd.read_parquet(tmp_path / "e.parquet")
    frame = store.events_frame()
    assert list(frame.columns) == list(FLAT_COLUMNS)
    pd.testing.assert_frame_equal(frame, from_file)
    assert list(frame["id"]) == ["b", "a"]  # asserted events only, by date, undated last
    assert store.to_arrow().equals(pq.read_table(tmp_path / "e.parquet"))


def test_frames_take_the_filters_of_an_event_query(store: Store) -> None:
    assert list(store.events_frame(involving="Russie", include_optional=True)["id"]) == ["b", "c"]
    assert list(store.events_frame(EventQuery(type="ACCUSE"))["recipient"]) == ["FRA"]
    with pytest.raises(ConfigError, match="not both"):
        store.events_frame(EventQuery(), involving="RUS")
    with pytest.raises(QueryError, match="unknown query parameter"):
        store.events_frame(country="RUS")


def test_actors_frame_has_one_row_per_event_side_and_actor(store: Store) -> None:
    actors = store.actors_frame(type="ACCUSE")
    sectors = actors["sector"].fillna("-")
    assert list(zip(actors["role"], actors["code"], sectors, strict=True)) == [
        ("actor", "MLI", "GOV"),
        ("recipient", "FRA", "-"),
        ("recipient", "FRA", "MIL"),
    ]
    assert set(actors["event_id"]) == {"a"}


@pytest.mark.skipif(importlib.util.find_spec("polars") is not None, reason="polars is installed")
def test_a_missing_library_is_a_clear_error(store: Store) -> None:
    with pytest.raises(ConfigError, match="need polars, which is not installed; pip install"):
        store.events_frame(library="polars")
    with pytest.raises(ConfigError, match="unknown DataFrame library 'R'"):
        store.events_frame(library="R")
