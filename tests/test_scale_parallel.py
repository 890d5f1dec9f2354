"""code_parallel: the same results as code_documents, in input order, read as workers need them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annales.errors import ConfigError
from annales.ingest import read_documents
from annales.model import Document
from annales.pipeline import Coded, code_documents
from annales.scale import code_parallel

ARTICLES = Path(__file__).parent / "data" / "scale" / "articles.jsonl"


def plain(results: list[Coded]) -> list[tuple[Any, ...]]:
    """Results as plain data, to compare runs made in different processes."""
    return [
        (r.document.to_dict(), [event.to_dict() for event in r.events], r.skipped) for r in results
    ]


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return [item for item in read_documents([ARTICLES]) if isinstance(item, Document)]


@pytest.fixture(scope="module")
def expected(documents: list[Document]) -> list[tuple[Any, ...]]:
    return plain(list(code_documents(documents, batch_size=4)))


def test_scale_parallel_fixture_has_events_and_a_skipped_document(
    expected: list[tuple[Any, ...]],
) -> None:
    assert len(expected) == 40
    assert sum(len(events) for _doc, events, _skipped in expected) >= 20
    assert [doc["id"] for doc, _events, skipped in expected if skipped] == ["scale-038"]


def test_scale_parallel_two_workers_equal_single_process_and_stream(
    documents: list[Document], expected: list[tuple[Any, ...]]
) -> None:
    read: list[int] = []

    def stream() -> Iterator[Document]:
        for document in documents:
            read.append(1)
            yield document

    results = code_parallel(stream(), workers=2, batch_size=4, chunk_size=2)
    first = next(results)
    # At most workers x 3 chunks in flight when the first result comes back, plus the next chunk.
    assert len(read) <= 2 * 3 * 2 + 2 < len(documents)
    assert plain([first, *results]) == expected


def test_scale_parallel_one_worker_codes_in_this_process(
    documents: list[Document], expected: list[tuple[Any, ...]]
) -> None:
    assert plain(list(code_parallel(documents, workers=1, batch_size=4))) == expected


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"workers": 0}, "workers must be at least 1"),
        ({"workers": 2, "batch_size": 0}, "batch size must be at least 1"),
        ({"workers": 2, "coder": "nonesuch"}, "unknown coder 'nonesuch'"),
    ],
)
def test_scale_parallel_rejects_bad_settings(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        next(code_parallel([], **options))


def test_scale_parallel_empty_input_gives_nothing() -> None:
    assert list(code_parallel([], workers=2)) == []


@pytest.mark.slow
def test_scale_parallel_stopping_early_shuts_the_pool_down(documents: list[Document]) -> None:
    import multiprocessing

    results = code_parallel(documents, workers=2, batch_size=4, chunk_size=2)
    assert next(results).document.id == documents[0].id
    results.close()
    assert multiprocessing.active_children() == []
