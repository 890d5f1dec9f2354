"""Reading paths: folder walks, format choice by extension, missing and unsupported files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import annales.ingest
from annales.errors import ConfigError
from annales.ingest import SUPPORTED_EXTENSIONS, IngestLimits, read_documents, read_path
from annales.model import Document, IngestProblem

BODY = (
    "Le Premier ministre a reçu jeudi à Matignon les représentants des syndicats agricoles, "
    "qui réclament une baisse des charges et un moratoire sur les nouvelles normes."
)


def make_tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "b" / "c").mkdir()
    (root / ".cache").mkdir()
    (root / "a.txt").write_text(f"Agriculteurs reçus à Matignon\n{BODY}", encoding="utf-8")
    (root / "b" / "d.jsonl").write_text(
        json.dumps({"id": "d1", "text": BODY}) + "\n" + json.dumps({"id": "d2", "text": BODY}),
        encoding="utf-8",
    )
    (root / "b" / "c" / "e.HTML").write_text(
        f"<html><head><title>Manifestation</title></head><body><p>{BODY}</p></body></html>",
        encoding="utf-8",
    )
    (root / "b" / "notes.md").write_text("# notes", encoding="utf-8")
    (root / ".cache" / "x.txt").write_text("caché", encoding="utf-8")
    (root / ".hidden.txt").write_text("caché", encoding="utf-8")


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = list(read_documents([tmp_path]))
    assert [Path(str(x.source)).relative_to(tmp_path).as_posix() for x in items] == [
        "a.txt",
        "b/c/e.HTML",
        "b/d.jsonl:1",
        "b/d.jsonl:2",
        "b/notes.md",
    ]
    assert [type(x) for x in items] == [Document] * 4 + [IngestProblem]
    assert items[-1] == IngestProblem(
        str(tmp_path / "b" / "notes.md"),
        "unsupported file type '.md' (expected .txt, .html, .jsonl, .jsonl.gz, .warc.gz)",
    )


def test_ids_are_stable_across_reads(tmp_path: Path) -> None:
    make_tree(tmp_path)
    first = [x.id for x in read_documents([tmp_path]) if isinstance(x, Document)]
    second = [x.id for x in read_path(tmp_path) if isinstance(x, Document)]
    assert first == second
    assert first[2:] == ["d1", "d2"]
    assert len(set(first)) == 4


def test_same_text_in_two_files_gets_the_same_id(tmp_path: Path) -> None:
    (tmp_path / "un.txt").write_text(f"Titre\n{BODY}", encoding="utf-8")
    (tmp_path / "deux.txt").write_text(f"Titre\r\n\r\n{BODY}\r\n", encoding="utf-8")
    one, two = read_documents([tmp_path / "un.txt", tmp_path / "deux.txt"])
    assert isinstance(one, Document) and isinstance(two, Document)
    assert one.id == two.id and one.source != two.source


def test_missing_path_and_unsupported_extensions_are_problems(tmp_path: Path) -> None:
    (tmp_path / "rapport.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "archive.tar.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "LISEZMOI").write_text("texte", encoding="utf-8")
    paths: list[str | Path] = [
        "absent.txt",
        tmp_path / "rapport.pdf",
        tmp_path / "archive.tar.gz",
        tmp_path / "LISEZMOI",
    ]
    reasons = [x.reason for x in read_documents(paths) if isinstance(x, IngestProblem)]
    expected = "(expected .txt, .html, .jsonl, .jsonl.gz, .warc.gz)"
    assert reasons == [
        "no such file or directory",
        f"unsupported file type '.pdf' {expected}",
        f"unsupported file type '.tar.gz' {expected}",
        f"unsupported file type (no extension) {expected}",
    ]


def test_a_lone_string_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="list of paths"):
        # str is itself an iterable of str, so only a runtime check can catch this.
        list(read_documents("articles/"))


def test_extensions_are_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "DEPECHE.TXT"
    path.write_text(f"Titre\n{BODY}", encoding="utf-8")
    (doc,) = read_path(path)
    assert isinstance(doc, Document)
    assert ".txt" in SUPPORTED_EXTENSIONS and ".warc.gz" in SUPPORTED_EXTENSIONS


def test_public_api_is_exported() -> None:
    assert set(annales.ingest.__all__) == {
        "MAX_KEPT_PROBLEMS",
        "SUPPORTED_EXTENSIONS",
        "IngestLimits",
        "Outcome",
        "ProblemLog",
        "dated",
        "detect_language",
        "read_documents",
        "read_path",
    }
    for name in annales.ingest.__all__:
        assert getattr(annales.ingest, name) is not None


@pytest.mark.parametrize("field", ["max_document_chars", "max_record_bytes", "max_html_depth"])
def test_limits_must_be_positive(field: str) -> None:
    with pytest.raises(ConfigError, match=field):
        IngestLimits(**{field: 0})
