"""EventQuery's analyst filters: ``between`` two actors, ``modality``, and text search that
ignores accents and case."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from annales.errors import QueryError
from annales.model import Actor, Document, Event
from annales.store import EventQuery, Store, open_store
from annales.store.query import accent_pattern, fold_text


def _event(key: str, kind: str, actors: str, recipients: str, quote: str, **more: object) -> Event:
    return Event(
        doc_id="d1",
        type=kind,
        actors=[Actor(code) for code in actors.split()],
        recipients=[Actor(code) for code in recipients.split()],
        id=key,
        quote=quote,
        sentence=quote,
        **more,  # type: ignore[arg-type]
    )


EVENTS = [
    _event("e1", "CONSULT", "RUS", "TUR", "Poutine a reçu Erdoğan en Crimée."),
    _event("e2", "ACCUSE", "TUR", "RUS", "Ankara accuse Moscou."),
    _event("e3", "AGREE", "RUS TUR", "", "Moscou et Ankara signent un accord."),
    _event("e4", "ACCUSE", "RUS TUR", "", "Moscou et Ankara accusent ensemble."),
    _event("e5", "THREATEN", "RUS", "UKR", "Moscou pourrait frapper Kiev.", modality="conditional"),
    _event("e6", "AID", "USA", "TUR", "Washington (a+b) aide Ankara."),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("between") / "annales.duckdb"
    with open_store(path) as opened:
        opened.save(Document(id="d1", text="texte"), EVENTS)
        yield opened


def _ids(store: Store, query: EventQuery) -> list[str]:
    return sorted(event.id for event in store.events(query))


@pytest.mark.parametrize("pair", [("RUS", "TUR"), ("TUR", "RUS"), ("tur", "rus")])
def test_store_between_is_symmetric(store: Store, pair: tuple[str, str]) -> None:
    # Both directions, and both parties of the symmetric AGREE; not the ACCUSE with two actors.
    assert _ids(store, EventQuery(between=pair)) == ["e1", "e2", "e3"]


def test_store_between_from_names(store: Store) -> None:
    assert _ids(store, EventQuery.from_strings(between="Russie, Turquie")) == ["e1", "e2", "e3"]
    assert _ids(store, EventQuery.from_strings(between="USA,TUR")) == ["e6"]


@pytest.mark.parametrize(
    ("value", "message"),
    [(("RUS",), "two actor codes"), (("RUS", "RUS"), "two different"), (("RUS", 3), "two actor")],
)
def test_store_between_refuses_what_is_not_a_pair(value: object, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        EventQuery(between=value)  # type: ignore[arg-type]


def test_store_between_text_refuses_one_name() -> None:
    with pytest.raises(QueryError, match="not two actors"):
        EventQuery.from_strings(between="RUS")


def test_store_modality_filter_includes_optional_events(store: Store) -> None:
    assert _ids(store, EventQuery(modality="conditional")) == ["e5"]
    assert "e5" not in _ids(store, EventQuery(modality="asserted", include_optional=True))
    with pytest.raises(QueryError, match="unknown modality"):
        EventQuery(modality="maybe")


@pytest.mark.parametrize("words", ["Crimee", "CRIMÉE", "erdogan", "ERDOĞAN", "a+b"])
def test_store_text_search_ignores_accents_and_case(store: Store, words: str) -> None:
    assert len(store.events(EventQuery(text=words))) == 1


def test_store_accent_pattern_escapes_regex_characters() -> None:
    assert fold_text("Crimée") == "crimee"
    assert accent_pattern("a.b") == "(?i)[aàâäáãåā]\\.b"
    assert accent_pattern("(x)") == "(?i)\\(x\\)"
