"""One document never stops a run (issue 14): whatever fails while parsing or coding it makes
that document "not coded", with the reason, and the documents beside it are coded and stored.

The failures are real components that fail: a coder plugged in through the public registry that
breaks on one document (as a remote coder would time out), and a spaCy component added to the
real pipeline that breaks on one text. Only a store failure stops a run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language
from spacy.tokens import Doc

from annales.analysis import Analysis
from annales.cli import cli
from annales.events import RuleCoder, register_coder
from annales.model import Document, Event
from annales.nlp import load_pipeline
from annales.pipeline import Coded, code_documents, failure_reason
from annales.store import open_store

ARTICLE = "Le président français a rencontré {when} à Berlin le chancelier allemand."
BREAKS = "PANNE"  # the word that makes the failing components fail


class UnreliableCoder:
    """The rule coder, except that it fails on documents holding ``PANNE``."""

    name = "unreliable"

    def __init__(self) -> None:
        self.rules = RuleCoder()

    def code(self, analysis: Analysis) -> list[Event]:
        if BREAKS in analysis.document.text:
            raise TimeoutError("the coding service did not answer in 30 s")
        return self.rules.code(analysis)


register_coder("test-unreliable", UnreliableCoder)


@Language.component("annales_test_breaker")
def breaker(doc: Doc) -> Doc:
    if BREAKS in doc.text:
        raise RecursionError("maximum recursion depth exceeded")
    return doc


@pytest.fixture
def breaking_parser() -> Iterator[None]:
    """The real French pipeline with one more component that fails on ``PANNE``."""
    nlp = load_pipeline("fr")
    nlp.add_pipe("annales_test_breaker", last=True)
    try:
        yield
    finally:
        nlp.remove_pipe("annales_test_breaker")


def documents() -> list[Document]:
    days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
    return [
        Document(
            id=f"d{n}",
            text=ARTICLE.format(when=day) + (f" {BREAKS}." if n == 2 else ""),
            lang="fr",
        )
        for n, day in enumerate(days)
    ]


def assert_only_the_bad_one_skipped(results: list[Coded], reason: str) -> None:
    assert [r.document.id for r in results] == ["d0", "d1", "d2", "d3", "d4"]
    skipped = {r.document.id: r.skipped for r in results if r.skipped}
    assert list(skipped) == ["d2"]
    assert skipped["d2"] == reason
    assert all(r.events for r in results if not r.skipped)


def test_a_coder_failing_on_one_document_loses_that_document_only() -> None:
    results = list(code_documents(documents(), coder=UnreliableCoder(), batch_size=4))
    assert_only_the_bad_one_skipped(
        results,
        "cannot be coded: internal error TimeoutError: the coding service did not answer in 30 s",
    )


def test_a_parser_failing_on_one_text_loses_that_document_only(breaking_parser: None) -> None:
    results = list(code_documents(documents(), batch_size=4))
    assert_only_the_bad_one_skipped(
        results, "cannot be coded: internal error RecursionError: maximum recursion depth exceeded"
    )


def test_failure_reasons_are_one_bounded_line() -> None:
    reason = failure_reason(ValueError("ligne 1\nligne 2 " + "x" * 1000))
    assert "\n" not in reason and len(reason) <= len("cannot be coded: ") + 300
    assert failure_reason(KeyError()) == "cannot be coded: internal error KeyError"


def test_annales_code_stores_the_good_documents_and_names_the_bad_one(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in documents()),
        encoding="utf-8",
    )
    db = tmp_path / "store.duckdb"
    result = CliRunner().invoke(
        cli, ["code", str(batch), "--db", str(db), "--coder", "test-unreliable", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert f"annales: not coded {batch}:3: cannot be coded: internal error TimeoutError" in (
        result.stderr
    )
    assert "4 documents coded" in result.stdout and "1 skipped" in result.stdout
    with open_store(db, read_only=True) as store:
        documents_stats = store.stats()["documents"]
        assert (documents_stats["coded"], documents_stats["skipped"]) == (4, 1)
        assert {e.doc_id for e in store.events()} == {"d0", "d1", "d3", "d4"}
