"""When: time expressions found by our own grammars and anchored on the publication date.

The grammars (one module per language: :mod:`~annales.time.grammar_fr`, ...) find the
expressions and say what they mean; :mod:`~annales.time.normalise` turns a meaning into a
TimeML value against the publication date. When an expression leaves the occurrence open (a
bare weekday, "le 8 mai", "en septembre"), the tense of the governing verb decides: read from
the spaCy ``Doc`` when the caller passes one, else from verb forms near the expression.

>>> from datetime import date
>>> [t.value for t in find_time_expressions("Il a parlé hier.", date(2018, 2, 2))]
['2018-02-01']
"""

from __future__ import annotations

from annales.time.attach import date_for_event, event_date
from annales.time.find import LANGUAGES, find_time_expressions, supported_languages
from annales.time.publication import find_publication_date
from annales.time.records import dates_of_path, dates_records

__all__ = [
    "LANGUAGES",
    "date_for_event",
    "dates_of_path",
    "dates_records",
    "event_date",
    "find_publication_date",
    "find_time_expressions",
    "supported_languages",
]
