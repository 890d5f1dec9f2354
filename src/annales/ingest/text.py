"""Plain text articles: the first non-empty line is the headline, the rest is the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from annales.errors import IngestError
from annales.ingest.decode import clean_text, decode_bytes, read_bounded
from annales.ingest.document import IngestLimits, Outcome, build_document

__all__ = ["read_text_file", "split_title"]

_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t\f\v]*\n)+")


def read_text_file(path: Path, source: str, limits: IngestLimits) -> Iterator[Outcome]:
    """One document from a ``.txt`` file; raises :class:`IngestError` when it is refused."""
    with path.open("rb") as stream:
        data = read_bounded(stream, limits.max_record_bytes, "file")
    text = clean_text(decode_bytes(data))
    if not text.strip():
        raise IngestError("empty file")
    title, body = split_title(text)
    # No pub_date: a text file has no metadata; a later stage looks for a dateline.
    yield build_document(text=body, title=title, source=source, limits=limits)


def split_title(text: str) -> tuple[str, str]:
    """Headline and body of a text; a single paragraph has no headline, only a body.

    Blank lines between the headline and the body are layout, not content, so they are dropped;
    the body is otherwise kept as written because later stages point into it by offset.
    """
    text = _LEADING_BLANK_LINES.sub("", text)
    first, _newline, rest = text.partition("\n")
    body = _LEADING_BLANK_LINES.sub("", rest).rstrip()
    if not body:
        return "", first.strip()
    return first.strip(), body
