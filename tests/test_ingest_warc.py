"""Web archives written with warcio: HTML responses become documents, the rest is skipped."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from annales.ingest import read_path
from annales.model import Document, IngestProblem

PAGE = """<html><head><title>Niger : la junte reçoit une délégation de la Cédéao</title>
<meta name="date" content="2023-08-19"></head><body><nav>Accueil - Afrique - Économie</nav>
<article><p>Une délégation de la Communauté économique des États de l’Afrique de l’Ouest a été
reçue samedi à Niamey par le chef de la junte, trois semaines après le coup d’État.</p>
<p>Les émissaires ont plaidé pour un retour rapide à l’ordre constitutionnel et la libération
du président renversé, selon un diplomate présent à la rencontre.</p></article></body></html>"""


def write_warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    """Write ``(uri, content type, payload)`` responses plus one request record."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for uri, content_type, payload in records:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            # An explicit length keeps warcio from spooling the payload to a temporary file.
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),
                http_headers=headers,
            )
            writer.write_record(record)
        request = writer.create_warc_record(
            "https://presse.example/niger", "request", payload=io.BytesIO(b""), length=0
        )
        writer.write_record(request)


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(
        path,
        [
            ("https://presse.example/niger", "text/html; charset=utf-8", PAGE.encode()),
            ("https://presse.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
            (
                "https://presse.example/ancien",
                "text/html; charset=windows-1252",
                PAGE.encode("cp1252"),
            ),
        ],
    )
    first, second = list(read_path(path))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.url == "https://presse.example/niger"
    assert first.id.startswith("urn:uuid:")
    assert first.source == f"{path}#1"
    assert first.title == "Niger : la junte reçoit une délégation de la Cédéao"
    assert "reçue samedi à Niamey" in first.text and "Accueil" not in first.text
    assert str(first.pub_date) == "2023-08-19" and first.lang == "fr"
    assert second.text == first.text and second.source == f"{path}#3"


def test_truncated_warc_reports_the_cut_record(tmp_path: Path) -> None:
    path = tmp_path / "coupe.warc"
    write_warc(path, [("https://presse.example/niger", "text/html", PAGE.encode())] * 2)
    data = path.read_bytes()
    second_record = data.index(b"WARC/1.", 10)
    path.write_bytes(data[: second_record + 600])
    first, cut = list(read_path(path))
    assert isinstance(first, Document)
    assert cut == IngestProblem(f"{path}#2", "record is cut short: the WARC file is truncated")


def test_warc_without_html_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    write_warc(path, [("https://presse.example/logo.png", "image/png", b"\x89PNG\r\n")])
    assert list(read_path(path)) == [
        IngestProblem(str(path), "no HTML response record in this WARC file")
    ]


def test_garbage_named_warc_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "faux.warc.gz"
    path.write_bytes(b"ceci n'est pas une archive web\n" * 10)
    (problem,) = list(read_path(path))
    assert isinstance(problem, IngestProblem) and problem.source == str(path)


def test_without_warcio_the_problem_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://presse.example/niger", "text/html", PAGE.encode())])
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)  # import now fails
    assert list(read_path(path)) == [
        IngestProblem(str(path), "reading WARC files needs warcio: pip install 'annales[dask]'")
    ]
