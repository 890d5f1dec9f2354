"""What every reader shares: the limits that protect a run, and how a Document is assembled."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TypeAlias

from annales.errors import ConfigError, IngestError
from annales.ingest.decode import clean_text
from annales.ingest.lang import detect_language
from annales.model import Document, IngestProblem, stable_id

__all__ = ["IngestLimits", "Outcome", "build_document", "dated", "internal_error"]

Outcome: TypeAlias = Document | IngestProblem


@dataclass(frozen=True)
class IngestLimits:
    """Bounds that keep one hostile or broken input from hanging or exhausting a run.

    ``max_document_chars``: a document whose text is longer is refused.
    ``max_record_bytes``: the decompressed size of one file, one JSON Lines record or one WARC
    payload; reading stops one byte past it, so a gzip bomb costs no more than this.
    ``max_html_depth``: an HTML tree nested deeper is read with a plain tag strip instead of the
    boilerplate remover (libxml2 silently drops what lies below depth 255).
    """

    max_document_chars: int = 2_000_000
    max_record_bytes: int = 20_000_000
    max_html_depth: int = 200

    def __post_init__(self) -> None:
        for name in ("max_document_chars", "max_record_bytes", "max_html_depth"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ConfigError(f"IngestLimits.{name} must be a positive number, not {value!r}")


DEFAULT_LIMITS = IngestLimits()


def build_document(
    *,
    text: str,
    title: str = "",
    source: str,
    limits: IngestLimits,
    doc_id: str | None = None,
    pub_date: date | None = None,
    pub_date_source: str | None = None,
    url: str | None = None,
    lang: str | None = None,
) -> Document:
    """Clean, check and identify one document; raises :class:`IngestError` when it is refused."""
    text = clean_text(text)
    title = " ".join(clean_text(title).split())
    if not text.strip() and not title:
        raise IngestError("no text")
    size = len(title) + len(text)
    if size > limits.max_document_chars:
        raise IngestError(
            f"document has {size:,} characters, more than the "
            f"{limits.max_document_chars:,} limit (max_document_chars)"
        )
    if lang is None:
        lang = detect_language(f"{title}\n{text}")
    return Document(
        # A content hash, not a counter: the same article gets the same id on every run.
        id=doc_id or stable_id(title, text),
        text=text,
        title=title,
        pub_date=pub_date,
        pub_date_source=pub_date_source if pub_date else None,
        url=url or None,
        lang=lang,
        source=source,
    )


def internal_error(error: BaseException) -> str:
    """The reason given for an input that made a reader or a library fail unexpectedly."""
    detail = " ".join(str(error).split())[:200]
    suffix = f": {detail}" if detail else ""
    return f"cannot be read: internal error {type(error).__name__}{suffix}"


def dated(document: Document, pub_date: date | None) -> Document:
    """``document`` with ``pub_date`` when its file or record gives none (``--pub-date``): a
    record's or a page's own date wins. Recorded with the source "given"."""
    if pub_date is None or document.pub_date is not None:
        return document
    return dataclasses.replace(document, pub_date=pub_date, pub_date_source="given")
