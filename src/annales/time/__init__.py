"""When: time expressions found by our own grammars and anchored on the publication date.

The grammars (one module per language: :mod:`~annales.time.grammar_fr`, ...) find the
expressions and say what they mean; :mod:`~annales.time.normalise` turns a meaning into a
TimeML value against the publication date. When an expression leaves the occurrence open (a
bare weekday, "le 8 mai", "en septembre"), the tense of the governing verb decides: read from
the spaCy ``Doc`` when the caller passes one, else from verb forms near the expression.

>>> [t.value for t in find_time_expressions("Il a parlé hier.", date(2018, 2, 2))]
['2018-02-01']
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from annales.time.attach import date_for_event, event_date, record
from annales.time.find import LANGUAGES, find_time_expressions, supported_languages
from annales.time.publication import find_publication_date

__all__ = [
    "LANGUAGES",
    "date_for_event",
    "dates_records",
    "event_date",
    "find_publication_date",
    "find_time_expressions",
    "supported_languages",
]


def dates_records(
    items: Iterable[tuple[str, str, date | None]], *, lang: str = "fr"
) -> list[dict[str, Any]]:
    """One JSON-able record per expression for each ``(id, text, pub_date)``: ``annales dates``."""
    return [
        record(doc_id, expression)
        for doc_id, text, pub_date in items
        for expression in find_time_expressions(text, pub_date, lang=lang)
    ]
