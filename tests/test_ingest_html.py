"""Web pages: the article without boilerplate, its title, date and URL; hostile markup."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from annales.ingest import IngestLimits, read_path
from annales.ingest.html import strip_tags
from annales.model import Document, IngestProblem

PARAGRAPHS = [
    "Le chef de la diplomatie tunisienne a rencontré mercredi à Alger son homologue algérien "
    "pour discuter de la sécurité à la frontière commune et de la coopération énergétique.",
    "Les deux ministres ont signé un mémorandum d’entente prévoyant des patrouilles conjointes "
    "et un échange d’informations entre leurs services de renseignement.",
    "Selon un communiqué publié à l’issue de la réunion, une commission mixte se réunira avant "
    "la fin de l’année pour évaluer la mise en œuvre de ces engagements.",
]
ARTICLE = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Tunisie-Algérie : accord sur la sécurité frontalière | Le Quotidien du Maghreb</title>
<meta property="og:title" content="Tunisie-Algérie : accord sur la sécurité frontalière">
<meta property="article:published_time" content="2022-11-16T09:30:00+01:00">
<link rel="canonical" href="https://quotidien.example/monde/tunisie-algerie-accord">
<script>var tracker = "ne pas garder";</script></head>
<body>
<nav><a href="/">Accueil</a> | <a href="/monde">Monde</a> | <a href="/sport">Sport</a></nav>
<article><h1>Tunisie-Algérie : accord sur la sécurité frontalière</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<footer>© Le Quotidien du Maghreb — Mentions légales — Abonnez-vous à notre lettre</footer>
</body></html>"""


def read_one(path: Path, limits: IngestLimits | None = None) -> Document | IngestProblem:
    items = list(read_path(path, limits=limits))
    assert len(items) == 1, items
    return items[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_article_text_title_date_and_url(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path, "accord.html", ARTICLE))
    assert isinstance(doc, Document)
    assert doc.title == "Tunisie-Algérie : accord sur la sécurité frontalière"
    assert doc.text.split("\n") == PARAGRAPHS  # headline not repeated, no menu or footer
    assert str(doc.pub_date) == "2022-11-16"
    assert doc.pub_date_source == "html"
    assert doc.url == "https://quotidien.example/monde/tunisie-algerie-accord"
    assert doc.lang == "fr"


def test_page_without_metadata_uses_title_tag_and_has_no_date(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Grève à la SNCF</title></head><body>"
        f"<div><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div></body></html>"
    )
    doc = read_one(write(tmp_path, "greve.HTM", page))
    assert isinstance(doc, Document)
    assert doc.title == "Grève à la SNCF"
    assert PARAGRAPHS[1] in doc.text
    assert doc.pub_date is None and doc.pub_date_source is None


def test_charset_declared_in_meta_is_honoured(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        f"<title>Réunion à Genève</title></head><body><p>{PARAGRAPHS[0]}</p></body></html>"
    )
    doc = read_one(write(tmp_path, "geneve.html", page.encode("latin-1")))
    assert isinstance(doc, Document)
    assert doc.title == "Réunion à Genève"
    assert "diplomatie tunisienne a rencontré" in doc.text


@pytest.mark.parametrize("depth", [300, 50_000])
def test_deeply_nested_html_returns_quickly_with_its_text(tmp_path: Path, depth: int) -> None:
    page = (
        "<html><head><title>Profond</title></head><body>"
        + "<div>" * depth
        + f"<p>{PARAGRAPHS[0]}</p>"
        + "</div>" * depth
        + f"<p>{PARAGRAPHS[1]}</p></body></html>"
    )
    doc = read_one(write(tmp_path, "profond.html", page))
    assert isinstance(doc, Document)
    # libxml2 drops what lies below depth 255; the plain tag strip keeps both paragraphs.
    assert PARAGRAPHS[0] in doc.text and PARAGRAPHS[1] in doc.text


def test_url_looking_page_is_never_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # htmldate downloads a string that looks like a URL: any attempt to open a connection
    # while the page is read is recorded (192.0.2.0/24 is reserved and unroutable anyway).
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    item = read_one(write(tmp_path, "lien.html", "http://192.0.2.1/article"))
    assert attempts == []
    assert isinstance(item, Document | IngestProblem)


@pytest.mark.parametrize("content", ["", "  \n ", "<html><body><script>x()</script></body></html>"])
def test_page_without_text_is_a_problem(tmp_path: Path, content: str) -> None:
    item = read_one(write(tmp_path, "vide.html", content))
    assert isinstance(item, IngestProblem)
    assert item.reason in ("empty file", "no text found in the HTML page")


def test_binary_html_file_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 100)
    assert read_one(path) == IngestProblem(str(path), "binary file, not text")


def test_strip_tags_keeps_visible_text_only() -> None:
    markup = (
        "<p>Un&nbsp;<b>premier</b> paragraphe</p><!-- note --><script>if (a < b) {}</script>"
        "<STYLE>p{}</STYLE><div>a &lt; b &amp; c</div><p>fin <span"
    )
    assert strip_tags(markup) == "Un premier paragraphe\na < b & c\nfin"


def test_strip_tags_is_linear_on_hostile_markup() -> None:
    # A backtracking pattern would not come back from this; speed itself is not asserted.
    assert strip_tags("<p" * 200_000 + "<script>" * 50_000 + "<!--" * 50_000) == ""
    assert strip_tags("a <p" * 100_000 + "b").startswith("a")
