"""JSON Lines, plain and gzip: good records, every kind of bad line, broken and hostile gzip."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from annales.ingest import IngestLimits, read_path
from annales.model import Document, IngestProblem

TEXT = (
    "Le gouvernement sénégalais a annoncé lundi la libération de douze militants "
    "de l’opposition arrêtés lors des manifestations de la semaine dernière à Dakar."
)
RECORD: dict[str, Any] = {
    "id": "dakar-001",
    "title": "Sénégal : libération de militants",
    "text": TEXT,
    "pub_date": "2023-06-12",
    "url": "https://presse.example/dakar-001",
    "lang": "fr",
}


def write_jsonl(path: Path, lines: list[str | dict[str, Any]]) -> Path:
    data = "".join(
        (json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x) + "\n" for x in lines
    )
    if path.name.lower().endswith(".gz"):
        path.write_bytes(gzip.compress(data.encode()))
    else:
        path.write_text(data, encoding="utf-8")
    return path


def read_all(path: Path, limits: IngestLimits | None = None) -> list[Document | IngestProblem]:
    return list(read_path(path, limits=limits))


@pytest.mark.parametrize("name", ["depeches.jsonl", "depeches.jsonl.gz", "DEPECHES.NDJSON.GZ"])
def test_records_become_documents(tmp_path: Path, name: str) -> None:
    other = {"text": "Un second article, sans titre ni date, publié par une agence de presse."}
    path = write_jsonl(tmp_path / name, [RECORD, "", other])
    first, second = read_all(path)
    assert first == Document(
        id="dakar-001",
        text=TEXT,
        title=RECORD["title"],
        pub_date=date(2023, 6, 12),
        pub_date_source="record",
        url=RECORD["url"],
        lang="fr",
        source=f"{path}:1",
    )
    assert isinstance(second, Document)
    assert second.source == f"{path}:3"  # the blank line 2 still counts
    assert second.lang == "fr" and second.pub_date is None and len(second.id) == 16


def test_aliases_integer_ids_iso_datetimes_and_region_tags(tmp_path: Path) -> None:
    records: list[str | dict[str, Any]] = [
        {"id": 42, "content": TEXT, "pub_date": "2023-06-12T23:30:00-05:00", "lang": "fr-SN"},
        {"body": TEXT, "pub_date": "2023-06-13T08:00:00Z", "lang": "FR"},
    ]
    path = write_jsonl(tmp_path / "alias.jsonl", records)
    first, second = read_all(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.pub_date, first.lang) == ("42", date(2023, 6, 12), "fr")
    assert (second.pub_date, second.lang) == (date(2023, 6, 13), "fr")


def test_byte_order_mark_on_first_line_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(RECORD).encode() + b"\n")
    (doc,) = read_all(path)
    assert isinstance(doc, Document)


def test_bad_lines_are_problems_and_reading_goes_on(tmp_path: Path) -> None:
    lines: list[str | dict[str, Any]] = [
        RECORD,
        '{"id": "x", "text": "coupé',
        "[1, 2, 3]",
        {"id": "sans-texte", "title": "Rien"},
        {"text": "   "},
        {"text": TEXT, "title": ["liste"]},
        {"text": TEXT, "pub_date": "hier"},
        {"text": TEXT, "pub_date": "2023-02-30"},
        {"text": TEXT, "id": True},
        "[" * 100_000,
        {**RECORD, "id": "dernier"},
    ]
    path = write_jsonl(tmp_path / "melange.jsonl", lines)
    items = read_all(path)
    assert [x.id for x in items if isinstance(x, Document)] == ["dakar-001", "dernier"]
    problems = {p.source.rsplit(":", 1)[1]: p.reason for p in items if isinstance(p, IngestProblem)}
    assert problems["2"].startswith("malformed JSON at column")
    assert problems["3"] == "expected a JSON object, got an array"
    assert (
        problems["4"] == problems["5"] == "record has no text (expected a non-empty 'text' field)"
    )
    assert problems["6"] == "field 'title' must be a string, not an array"
    assert problems["7"] == "pub_date 'hier' is not a date (YYYY-MM-DD)"
    assert problems["8"] == "pub_date '2023-02-30' is not a date (YYYY-MM-DD)"
    assert problems["9"] == "field 'id' must be a string or an integer, not a boolean"
    assert problems["10"].startswith("malformed JSON")
    assert all(p.source.startswith(f"{path}:") for p in items if isinstance(p, IngestProblem))


def test_invalid_utf8_line_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes('{"text": "Député élu"}\n'.encode("latin-1") + json.dumps(RECORD).encode())
    problem, doc = read_all(path)
    assert problem == IngestProblem(
        f"{path}:1", "not valid UTF-8 (byte 12); JSON Lines must be UTF-8"
    )
    assert isinstance(doc, Document)


def test_truncated_gzip_keeps_earlier_records_and_names_the_file(tmp_path: Path) -> None:
    full = gzip.compress(
        "".join(json.dumps({**RECORD, "id": str(i)}) + "\n" for i in range(200)).encode()
    )
    path = tmp_path / "coupe.jsonl.gz"
    path.write_bytes(full[: len(full) // 2])
    items = read_all(path)
    *docs, problem = items
    assert docs and all(isinstance(d, Document) for d in docs)
    assert isinstance(problem, IngestProblem)
    assert problem.source == str(path)
    assert problem.reason.startswith("gzip data ends early (truncated file?) after line")


def test_file_that_is_not_gzip_is_a_problem(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "faux.jsonl", [RECORD]).rename(tmp_path / "faux.jsonl.gz")
    (problem,) = read_all(path)
    assert isinstance(problem, IngestProblem) and problem.source == str(path)
    assert problem.reason.startswith("gzip data is corrupt")


def test_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bombe.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as stream:
        stream.write(json.dumps(RECORD).encode() + b"\n")
        chunk = b" " * 1_000_000
        for _ in range(50):  # 50 MB of spaces on one line, a few dozen kB on disk
            stream.write(chunk)
    assert path.stat().st_size < 1_000_000
    items = read_all(path, IngestLimits(max_record_bytes=1_000_000))
    doc, too_large, gave_up = items
    assert isinstance(doc, Document)
    assert too_large == IngestProblem(
        f"{path}:2", "record is larger than the 1,000,000 byte limit (max_record_bytes)"
    )
    assert isinstance(gave_up, IngestProblem) and gave_up.source == str(path)
    assert "rest of the file is skipped" in gave_up.reason


def test_oversized_record_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    big = {"text": "Un très long communiqué. " * 200}
    path = write_jsonl(tmp_path / "gros.jsonl", [big, RECORD])
    problem, doc = read_all(path, IngestLimits(max_record_bytes=3000))
    assert isinstance(problem, IngestProblem) and problem.source == f"{path}:1"
    assert isinstance(doc, Document) and doc.id == "dakar-001"


def test_document_over_the_character_limit_is_refused(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "long.jsonl", [RECORD])
    (problem,) = read_all(path, IngestLimits(max_document_chars=100))
    assert isinstance(problem, IngestProblem) and problem.source == f"{path}:1"
    assert "more than the 100 limit (max_document_chars)" in problem.reason
