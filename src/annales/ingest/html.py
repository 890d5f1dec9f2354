"""Web pages: the article without menus and footers (trafilatura), its title, date and URL.

The page is parsed once with lxml and every library is handed the tree, never a string: given a
string that looks like a URL, htmldate would download it, and ingest must never touch the network.
"""

from __future__ import annotations

import html as html_entities
import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from annales.errors import IngestError
from annales.ingest.decode import decode_bytes, read_bounded, sniff_html_charset
from annales.ingest.document import IngestLimits, Outcome, build_document
from annales.ingest.lang import detect_language
from annales.model import Document

__all__ = ["html_to_document", "read_html_file", "strip_tags"]

log = logging.getLogger(__name__)

_HIDDEN_BLOCKS = frozenset({"script", "style", "noscript", "template", "svg", "title"})
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd", "dt",
    "tr", "table", "section", "article", "header", "footer", "nav", "aside", "main", "blockquote",
    "pre", "figure", "figcaption",
})  # fmt: skip
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})")
_SPACES = re.compile(r"[ \t\f\v\xa0]+")


def read_html_file(path: Path, source: str, limits: IngestLimits) -> Iterator[Outcome]:
    """One document from an ``.html`` file; raises :class:`IngestError` when it is refused."""
    with path.open("rb") as stream:
        data = read_bounded(stream, limits.max_record_bytes, "file")
    yield html_to_document(data, source=source, limits=limits)


def html_to_document(
    data: bytes,
    *,
    source: str,
    limits: IngestLimits,
    doc_id: str | None = None,
    url: str | None = None,
    charset: str | None = None,
) -> Document:
    """The article in an HTML page; ``charset`` is one announced outside the page (HTTP header)."""
    if not data.strip():
        raise IngestError("empty file")
    markup = decode_bytes(data, declared=charset or sniff_html_charset(data))
    if not markup.strip():
        raise IngestError("empty file")

    # Imported here: trafilatura pulls in a large stack that text and JSON Lines input never need.
    from trafilatura.utils import load_html

    tree = load_html(markup)
    meta = _metadata(tree, url) if tree is not None else {}
    text = ""
    if tree is not None and _depth_below(tree, limits.max_html_depth):
        text = _main_text(tree)
    if not text.strip():
        # Too deep, unparsable or no article found: keep every visible word rather than none.
        text = strip_tags(markup)
    title = _best_title(meta.get("title") or "", _title_tag(markup))
    text = _drop_repeated_title(text, title)
    if not text.strip():
        raise IngestError("no text found in the HTML page")
    pub_date = meta.get("date")
    return build_document(
        text=text,
        title=title,
        source=source,
        limits=limits,
        doc_id=doc_id,
        pub_date=pub_date,
        pub_date_source="html",
        url=url or meta.get("url"),
        lang=detect_language(f"{title}\n{text}") or _html_lang(tree),
    )


def _main_text(tree: Any) -> str:
    from trafilatura import bare_extraction

    try:
        extracted = bare_extraction(tree, include_comments=False, include_tables=True)
    # Extraction libraries fail on hostile markup in ways they do not document (RecursionError,
    # lxml errors, ValueError...); the caller then falls back to a plain tag strip.
    except Exception as error:
        log.warning("trafilatura failed (%s: %s); keeping the plain page text", type(error), error)
        return ""
    return str(getattr(extracted, "text", None) or "")


def _metadata(tree: Any, url: str | None) -> dict[str, Any]:
    from trafilatura.metadata import extract_metadata

    # htmldate's find_date, run by trafilatura on the parsed tree: no heavy search, no network.
    date_config = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}
    try:
        meta = extract_metadata(tree, default_url=url, date_config=date_config, extensive=False)
    except Exception as error:  # same reason as in _main_text: the page is kept, metadata lost
        log.warning("metadata extraction failed (%s: %s)", type(error), error)
        return {}
    return {
        "title": meta.title or "",
        "url": meta.url or None,
        "date": _parse_date(meta.date),
    }


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _depth_below(tree: Any, limit: int) -> bool:
    """Whether the tree nests fewer than ``limit`` levels; iterative, so no recursion limit."""
    stack = [(tree, 1)]
    while stack:
        element, depth = stack.pop()
        if depth >= limit:
            return False
        stack.extend((child, depth + 1) for child in element)
    return True


def _html_lang(tree: Any) -> str | None:
    if tree is None:
        return None
    value = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    code = str(value).split("-")[0].strip().lower() if value else ""
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def _title_tag(markup: str) -> str:
    """The text of the first ``<title>``, found with ``find`` so that hostile pages stay linear."""
    head = markup[:100_000]
    lower = head.lower()
    start = lower.find("<title")
    opened = head.find(">", start) if start >= 0 else -1
    end = lower.find("</title", opened) if opened >= 0 else -1
    if end < 0:
        return ""
    return " ".join(html_entities.unescape(head[opened + 1 : end]).split())


def _best_title(found: str, title_tag: str) -> str:
    """The metadata title, unless it is a ``<title>`` cut at a colon.

    trafilatura splits ``<title>`` at its last separator to drop the site name ("Titre | Site"),
    but in French " : " belongs to headlines ("Niger : la junte reçoit..."), not to site names.
    """
    if found and title_tag.startswith(found) and title_tag[len(found) :].lstrip().startswith(":"):
        return title_tag
    return found or title_tag


def _drop_repeated_title(text: str, title: str) -> str:
    """Pages repeat the headline as the first line of the article; the title already holds it."""
    first, _newline, rest = text.lstrip().partition("\n")
    if title and " ".join(first.split()) == " ".join(title.split()):
        return rest.lstrip("\n")
    return text


def strip_tags(markup: str) -> str:
    """Visible text of ``markup`` without a parser: one linear scan, no recursion, any nesting.

    A hand-written scan rather than regexes: ``<[^>]*>`` is quadratic on a page full of ``<``
    without ``>``, and the fallback exists precisely for pages that are hostile or broken.
    """
    pieces: list[str] = []
    position, size = 0, len(markup)
    while position < size:
        start = markup.find("<", position)
        if start < 0:
            pieces.append(markup[position:])
            break
        pieces.append(markup[position:start])
        if markup.startswith("<!--", start):
            end = markup.find("-->", start + 4)
            position = size if end < 0 else end + 3
            continue
        tag = _TAG_NAME.match(markup, start)
        if tag is None:  # a literal "<" in the text ("a < b")
            pieces.append("<")
            position = start + 1
            continue
        end = markup.find(">", start)
        if end < 0:  # an unterminated tag: what follows is markup, not text
            break
        name = tag.group(2).lower()
        position = end + 1
        if name in _HIDDEN_BLOCKS and not tag.group(1):
            close = re.compile(rf"</{name}\b", re.IGNORECASE).search(markup, position)
            close_end = -1 if close is None else markup.find(">", close.end())
            position = size if close_end < 0 else close_end + 1
        elif name in _BLOCK_TAGS:
            pieces.append("\n")
    text = html_entities.unescape("".join(pieces))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
