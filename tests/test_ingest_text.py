"""Plain text files: headline and body, every encoding French newsrooms produce, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.ingest import IngestLimits, read_path
from annales.model import Document, IngestProblem

HEADLINE = "Le Parlement adopte la réforme des retraites"
BODY = (
    "Les députés ont voté mardi soir, par 312 voix contre 198, le texte défendu par la ministre "
    "du Travail. L’opposition a annoncé qu’elle saisirait le Conseil constitutionnel."
)


def read_one(path: Path, limits: IngestLimits | None = None) -> Document | IngestProblem:
    items = list(read_path(path, limits=limits))
    assert len(items) == 1, items
    return items[0]


def read_doc(path: Path) -> Document:
    item = read_one(path)
    assert isinstance(item, Document), item
    return item


def test_first_line_is_title_rest_is_body(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(f"\n{HEADLINE}\n\n{BODY}\n\nDeuxième paragraphe.\n", encoding="utf-8")
    doc = read_doc(path)
    assert doc.title == HEADLINE
    assert doc.text == f"{BODY}\n\nDeuxième paragraphe."
    assert doc.lang == "fr"
    assert doc.pub_date is None and doc.pub_date_source is None
    assert doc.source == str(path)
    assert doc.content.startswith(f"{HEADLINE}\n\n{BODY}")


def test_single_paragraph_is_body_without_title(tmp_path: Path) -> None:
    path = tmp_path / "depeche.txt"
    path.write_text(BODY, encoding="utf-8")
    doc = read_doc(path)
    assert (doc.title, doc.text) == ("", BODY)


def test_crlf_and_nul_are_normalised_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(f"{HEADLINE}\r\n\r\nLigne  un,\x00 suite.\r\nLigne deux.\r\n".encode())
    doc = read_doc(path)
    assert doc.text == "Ligne  un, suite.\nLigne deux."


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_with_bom(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "unicode.txt"
    raw = f"{HEADLINE}\n{BODY}".encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        raw = "\ufeff".encode(encoding) + raw
    path.write_bytes(raw)
    doc = read_doc(path)
    assert (doc.title, doc.text) == (HEADLINE, BODY)


def test_utf16_without_bom_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "sans_bom.txt"
    path.write_bytes(f"{HEADLINE}\n{BODY}".encode("utf-16-le"))
    assert read_doc(path).text == BODY


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_decoded_not_rejected(tmp_path: Path, encoding: str) -> None:
    body = (
        "Le député a déclaré : « Nous irons jusqu’au bout »."
        if encoding == "cp1252"
        else ("Le député a déclaré : « Nous irons jusqu'au bout, coûte que coûte ».")
    )
    path = tmp_path / "ancien.txt"
    path.write_bytes(f"Élection à Besançon\n{body}".encode(encoding))
    doc = read_doc(path)
    assert doc.title == "Élection à Besançon"
    assert doc.text == body


def test_utf8_with_one_stray_byte_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "abime.txt"
    path.write_bytes(f"{HEADLINE}\n{BODY} Fin".encode() + b"\xff.")
    doc = read_doc(path)
    assert "L’opposition" in doc.text  # not turned into cp1252 mojibake
    assert doc.text.endswith("Fin\ufffd.")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n"])
def test_empty_or_whitespace_file_is_a_problem(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "vide.txt"
    path.write_bytes(content)
    assert read_one(path) == IngestProblem(str(path), "empty file")


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20,
        bytes(range(256)) * 40,
        b"\x1f\x8b\x08\x00" + bytes((i * 97 + 13) % 256 for i in range(4000)),
    ],
    ids=["png", "all-bytes", "gzip-like"],
)
def test_binary_file_is_a_problem(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(content)
    assert read_one(path) == IngestProblem(str(path), "binary file, not text")


def test_too_many_characters_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(f"{HEADLINE}\n" + "Un long discours. " * 100, encoding="utf-8")
    problem = read_one(path, IngestLimits(max_document_chars=500))
    assert isinstance(problem, IngestProblem)
    assert "more than the 500 limit (max_document_chars)" in problem.reason


def test_file_over_the_byte_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "enorme.txt"
    path.write_bytes(b"Titre\n" + b"x" * 5000)
    problem = read_one(path, IngestLimits(max_record_bytes=1000))
    assert problem == IngestProblem(
        str(path), "file is larger than the 1,000 byte limit (max_record_bytes)"
    )
