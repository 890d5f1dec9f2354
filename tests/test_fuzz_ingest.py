"""Fuzzing ingest: whatever bytes a file holds, reading it never raises and nothing is lost.

Every property runs twice: a fast pass in the default run and a ``slow`` pass with many more cases
(``pytest -m slow tests/test_fuzz_ingest.py``). Crashes found by fuzzing are pinned below with
``@example`` or as plain tests.
"""

from __future__ import annotations

import gzip
import json
import re
import string
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from hypothesis import example
from hypothesis import strategies as st

from annales.ingest import SUPPORTED_EXTENSIONS, IngestLimits, read_documents, read_path
from annales.ingest.decode import clean_text
from annales.model import Document, IngestProblem
from fuzzing import fuzz

# -- what every outcome must look like -----------------------------------------------------------


def check_outcomes(outcomes: list[Any], path: Path, limits: IngestLimits) -> None:
    """Documents and problems only, each naming ``path``; documents clean and within limits."""
    for item in outcomes:
        assert isinstance(item, Document | IngestProblem), item
        assert item.source is not None and item.source.startswith(str(path)), item.source
        if isinstance(item, IngestProblem):
            # The CLI prints one line per problem: a reason must be a non-empty single line.
            assert item.reason.strip() and "\n" not in item.reason, item
            continue
        assert isinstance(item.id, str) and item.id
        assert isinstance(item.text, str) and isinstance(item.title, str)
        assert "\x00" not in item.content and "\r" not in item.text
        assert item.text.strip() or item.title
        assert len(item.title) + len(item.text) <= limits.max_document_chars
        assert item.content[item.body_offset :] == item.text
        assert item.lang is None or (isinstance(item.lang, str) and item.lang)


def read_file(folder: Path, name: str, data: bytes, limits: IngestLimits) -> list[Any]:
    path = folder / name
    path.write_bytes(data)
    outcomes = list(read_path(path, limits=limits))
    # Nothing lost: every file gives at least one document or one problem.
    assert outcomes, f"{name} gave nothing"
    check_outcomes(outcomes, path, limits)
    return outcomes


limits_strategy = st.builds(
    IngestLimits,
    max_document_chars=st.sampled_from([50, 1_000, 2_000_000]),
    max_record_bytes=st.sampled_from([64, 4_096, 20_000_000]),
    max_html_depth=st.sampled_from([3, 200]),
)
extensions = st.sampled_from(SUPPORTED_EXTENSIONS)

# Bytes with the shapes that break readers: magic numbers, BOMs, NULs, markup and JSON pieces.
_PIECES = [
    b"\x1f\x8b\x08\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00",
    b"\n",
    b"\r\n",
    b"<html><body><p>",
    b"</p></div>",
    b"<!--",
    b"<",
    b'{"text": "',
    b'"}',
    b"WARC/1.0\r\n",
    b"Content-Length: 99\r\n",
    "Le président a rencontré son homologue à Paris.".encode(),
    "Déclaration commune ".encode("cp1252"),
]
hostile_bytes = st.one_of(
    st.binary(max_size=2_000),
    st.lists(st.sampled_from(_PIECES) | st.binary(max_size=20), max_size=40).map(b"".join),
)


@example(extension=".jsonl.gz", data=b"\x1f\x8b\x08\x00garbage", limits=IngestLimits())
@example(extension=".warc.gz", data=b"\x1f\x8b", limits=IngestLimits())
@example(extension=".txt", data=b"\xff\xfe\x00", limits=IngestLimits())
@example(extension=".html", data=b"<" * 5_000, limits=IngestLimits())
def _any_bytes_in_any_format(extension: str, data: bytes, limits: IngestLimits) -> None:
    with TemporaryDirectory() as tmp:
        read_file(Path(tmp), f"fichier{extension}", data, limits)


test_any_bytes_never_raise, test_any_bytes_never_raise_slow = fuzz(
    80, 3_000, extension=extensions, data=hostile_bytes, limits=limits_strategy
)(_any_bytes_in_any_format)


def _gzip_cut_anywhere(payload: bytes, cut: float, name: str) -> None:
    compressed = gzip.compress(payload)
    data = compressed[: int(len(compressed) * cut)]
    with TemporaryDirectory() as tmp:
        read_file(Path(tmp), name, data, IngestLimits())


test_truncated_gzip_never_raises, test_truncated_gzip_never_raises_slow = fuzz(
    30,
    800,
    payload=hostile_bytes,
    cut=st.floats(0, 1),
    name=st.sampled_from(["a.jsonl.gz", "a.ndjson.gz", "a.warc.gz"]),
)(_gzip_cut_anywhere)


# -- text survives decoding ----------------------------------------------------------------------

# Printable text only: control characters are what makes a file count as binary.
prose = st.text(
    st.characters(categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters="\ufeff\ufffd")
    | st.just("\n"),
    min_size=1,
    max_size=300,
)
# Characters whose Windows-1252 / Latin-1 byte is at or above 0xC0: such bytes can never form a
# valid UTF-8 sequence together, so the guess is unambiguous (the ambiguous cases are documented).
_FRENCH_8BIT = "àâäçèéêëîïôöùûüÀÂÄÇÈÉÊËÎÏÔÖÙÛÜ"
french = st.text(
    st.sampled_from(string.ascii_letters + string.digits + " .,;:!?'-\n" + _FRENCH_8BIT)
)


def words(text: str) -> list[str]:
    return clean_text(text).split()


def _encodings_keep_every_word(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    with TemporaryDirectory() as tmp:
        outcomes = read_file(Path(tmp), "article.txt", data, IngestLimits())
    if not words(text):
        assert [type(o) for o in outcomes] == [IngestProblem]
        return
    (document,) = outcomes
    assert isinstance(document, Document)
    assert words(document.content) == words(text)


test_unicode_text_round_trips, test_unicode_text_round_trips_slow = fuzz(
    60,
    1_500,
    text=prose,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
)(_encodings_keep_every_word)

(test_legacy_8bit_text_round_trips, test_legacy_8bit_text_round_trips_slow) = fuzz(
    40, 800, text=french, encoding=st.sampled_from(["cp1252", "latin-1"])
)(example(text="Élysée : déclaration", encoding="cp1252")(_encodings_keep_every_word))


# -- JSON Lines: one outcome per line, named by its line number ------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {"text": st.text(min_size=1, max_size=200)},
    optional={
        "id": st.text(string.ascii_letters + string.digits, min_size=1, max_size=12),
        "title": st.text(max_size=60),
        "lang": st.sampled_from(["fr", "en", "fr-FR", "de", ""]),
        "pub_date": st.dates().map(str),
        "url": st.text(max_size=30),
    },
)
# Lone surrogates can only come in as JSON escapes ("\ud800"): ensure_ascii writes them so.
with_surrogates = st.text(st.characters(categories=["L", "Zs", "Cs"]), min_size=1, max_size=50)
lines = st.one_of(
    records.map(lambda r: json.dumps(r, ensure_ascii=False)),
    st.builds(dict, text=with_surrogates, title=with_surrogates, id=with_surrogates).map(
        json.dumps
    ),
    json_values.map(json.dumps),
    st.text(max_size=80).map(lambda s: s.replace("\n", " ")),
    st.sampled_from(["", "   ", "{", '{"text": 1}', '{"text": ""}', "[1, 2]", "null", "{}"]),
)


@example(rows=['{"text": "ok"}', "{", "", "[" * 100_000])
@example(rows=['{"text": "Paris \\ud800 Berlin", "id": "\\udfff", "title": "\\ud83d"}'])
def _one_outcome_per_line(rows: list[str]) -> None:
    data = "".join(row + "\n" for row in rows).encode("utf-8")
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "depeches.jsonl"
        outcomes = read_file(Path(tmp), path.name, data, IngestLimits())
    # A byte-order mark opening the file is not content.
    raw = [
        row.encode("utf-8").removeprefix(b"\xef\xbb\xbf" * (n == 1))
        for n, row in enumerate(rows, 1)
    ]
    expected = [f"{path}:{number}" for number, row in enumerate(raw, 1) if row.strip()]
    if not expected:  # no record at all: one problem for the file, like an empty .txt
        assert outcomes == [IngestProblem(str(path), "empty file: no JSON record")]
        return
    assert [o.source for o in outcomes] == expected
    for row, outcome in zip([r for r in raw if r.strip()], outcomes, strict=True):
        record = _valid_record(row.decode("utf-8"))
        if record is not None:
            assert isinstance(outcome, Document), outcome
            assert outcome.text == clean_text(without_surrogates(record["text"]))
            if record.get("id"):
                assert outcome.id == without_surrogates(record["id"])
            # Whatever came in, a document holds only text that can be encoded and stored.
            for value in (outcome.id, outcome.text, outcome.title, outcome.url or ""):
                value.encode("utf-8")


def without_surrogates(text: str) -> str:
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


def _valid_record(row: str) -> dict[str, Any] | None:
    """A record that must become a document: only the fields the ``records`` strategy makes."""
    try:
        record = json.loads(row)
    except (ValueError, RecursionError):
        return None
    fields = ("id", "title", "lang", "pub_date", "url")
    if not isinstance(record, dict) or set(record) - {"text", *fields}:
        return None
    if not isinstance(record.get("text"), str) or not clean_text(record["text"]).strip():
        return None
    if not all(isinstance(record.get(key, ""), str) for key in fields):
        return None
    return record


test_jsonl_lines_are_each_accounted_for, test_jsonl_lines_are_each_accounted_for_slow = fuzz(
    60, 1_500, rows=st.lists(lines, max_size=20)
)(_one_outcome_per_line)


# -- HTML of any shape ---------------------------------------------------------------------------

_TAGS = ["p", "div", "span", "script", "style", "title", "h1", "table", "td", "br", "b", "svg"]
html_pieces = st.one_of(
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(["<!--", "-->", "<", ">", "&amp;", "&#0;", "&#xD800;", "<meta charset=x>"]),
    st.text(max_size=40),
)


@example(pieces=["<div>" * 3_000, "texte", "</div>" * 3_000])
@example(pieces=["<title>", "Titre", "<p>", "&#0;"])
def _html_never_raises(pieces: list[str]) -> None:
    data = "".join(pieces).encode("utf-8")
    with TemporaryDirectory() as tmp:
        read_file(Path(tmp), "page.html", data, IngestLimits(max_html_depth=50))


test_html_of_any_shape_never_raises, test_html_of_any_shape_never_raises_slow = fuzz(
    40, 800, pieces=st.lists(html_pieces, max_size=60)
)(_html_never_raises)


# -- folders: every file is accounted for --------------------------------------------------------

file_names = st.text(
    st.characters(categories=["L", "N"]) | st.sampled_from(" -_()[]'é"), min_size=1, max_size=20
)


def _every_file_accounted_for(files: dict[str, tuple[str, bytes]]) -> None:
    with TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for number, (stem, (extension, data)) in enumerate(sorted(files.items())):
            sub = folder / f"d{number % 3}"
            sub.mkdir(exist_ok=True)
            path = sub / f"{stem}{extension}"
            path.write_bytes(data)
            paths.append(path)
        outcomes = list(read_documents([folder]))
        for path in paths:
            assert any(o.source.startswith(str(path)) for o in outcomes), path
        for outcome in outcomes:
            assert isinstance(outcome, Document | IngestProblem)


test_every_file_of_a_folder_is_accounted_for, test_every_file_of_a_folder_slow = fuzz(
    20,
    400,
    files=st.dictionaries(
        file_names,
        st.tuples(st.sampled_from([*SUPPORTED_EXTENSIONS, ".pdf", ""]), hostile_bytes),
        max_size=6,
    ),
)(_every_file_accounted_for)
