"""The records of ``annales dates``: one JSON-able dict per time expression of each document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from annales.errors import IngestError
from annales.model import Document, TimeExpression
from annales.time.find import LANGUAGES, find_time_expressions
from annales.time.publication import find_publication_date

__all__ = ["dates_of_path", "dates_records", "record"]

_DEFAULT_LANG = "fr"


def record(doc_id: str, expression: TimeExpression) -> dict[str, Any]:
    """One line of ``annales dates``."""
    return {
        "id": doc_id,
        "text": expression.text,
        "start": expression.start,
        "end": expression.end,
        "value": expression.value,
        "granularity": expression.granularity,
        "kind": expression.kind,
    }


def dates_records(
    items: Iterable[tuple[str, str, date | None]], *, lang: str = _DEFAULT_LANG
) -> list[dict[str, Any]]:
    """One record per expression for each ``(id, text, pub_date)``."""
    return [
        record(doc_id, expression)
        for doc_id, text, pub_date in items
        for expression in find_time_expressions(text, pub_date, lang=lang)
    ]


def _publication(document: Document, default: date | None) -> date | None:
    if document.pub_date is not None:
        return document.pub_date
    if default is not None:
        return default
    found = find_publication_date(document.content)
    return found[0] if found else None


def dates_of_path(path: Path, *, pub_date: date | None = None) -> Iterator[dict[str, Any]]:
    """The records of a ``.txt`` file or a JSON Lines file of ``{id, text, pub_date}``.

    Offsets index :attr:`Document.content` (title, blank line, body), as everywhere in annales.
    A record's own ``pub_date`` wins over ``pub_date``; without either, a dateline or byline at
    the top of the text is used. The grammar is the document's language when annales has one
    (French otherwise). A file or record that cannot be read raises :class:`IngestError`.
    """
    from annales.ingest import read_path  # ingest is heavy; only this command needs it

    for item in read_path(path):
        if not isinstance(item, Document):
            raise IngestError(str(item))
        lang = item.lang if item.lang in LANGUAGES else _DEFAULT_LANG
        anchor = _publication(item, pub_date)
        for expression in find_time_expressions(item.content, anchor, lang=lang):
            yield record(item.id, expression)
