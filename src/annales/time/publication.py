"""The publication date written at the top of an article: a dateline or a byline.

Only the first :data:`HEAD` characters are read, and only dates placed where papers put
them count: after "Publié le" / "Mis à jour le" (byline), after a place name and a comma at the
start of a line ("Paris, le 3 mars 2021", dateline), or alone on its line, perhaps with a time
("December 30, 2018 07:19", byline). A date inside a sentence ("Le 27 février 2018, les
forces...") is an event's date, not the article's. A dateline without a year ("WASHINGTON, 18
septembre (Reuters)") is used only when a copyright line near it gives the year.
"""

from __future__ import annotations

import re
from datetime import date

from annales.model import plausible_date
from annales.time.find import find_time_expressions

__all__ = ["HEAD", "find_publication_date"]

HEAD = 400

_BYLINE = re.compile(
    r"(?:publi[ée]e?|mise?\s+à\s+jour|modifi[ée]e?|actualis[ée]e?|published|updated|posted"
    r"|last\s+modified)\s*(?:le|:|on)?\s*$",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^\W*[A-ZÀ-Ý][\w'’ .()-]{1,40},\s*(?:le\s+)?$")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*((?:19|20)\d\d)", re.IGNORECASE)
_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_NO_YEAR = re.compile(r"^XXXX-(\d{2})-(\d{2})")
# What may follow a date alone on its line: a time of day ("07:19", "à 10h30 UTC").
_TIME_TAIL = re.compile(
    r"^\s*(?:[-–|,]?\s*(?:à\s*)?\d{1,2}\s*[:hH.]\s*\d{0,2}\s*(?:UTC|GMT|CES?T|[AaPp]\.?[Mm]\.?)?)?"
    r"\s*$"
)


def _line_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(text before on the line, the line itself, text after on the line)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text[line_start:start], text[line_start:line_end], text[end:line_end]


def _to_date(value: str | None, year_hint: int | None) -> date | None:
    if not value:
        return None
    full = _FULL.match(value)
    found = None
    try:
        if full:
            found = date(int(full.group(1)), int(full.group(2)), int(full.group(3)))
        partial = _NO_YEAR.match(value)
        if partial and year_hint is not None:
            found = date(year_hint, int(partial.group(1)), int(partial.group(2)))
    except ValueError:
        return None
    return found if found is not None and plausible_date(found) else None


def find_publication_date(text: str) -> tuple[date, str] | None:
    """The publication date and its source ("byline" or "dateline"), or None."""
    head = text[:HEAD]
    copyright_year = _COPYRIGHT.search(head)
    year_hint = int(copyright_year.group(1)) if copyright_year else None
    for expression in find_time_expressions(head, None):
        if expression.kind not in {"DATE", "TIME"} or expression.granularity != "day":
            continue
        before, _line, after = _line_around(head, expression.start, expression.end)
        if _BYLINE.search(before):
            source = "byline"
        elif _DATELINE.match(before):
            source = "dateline"
        elif not before.strip() and _TIME_TAIL.match(after):
            source = "byline"
        else:
            continue
        found = _to_date(expression.value, year_hint)
        if found is not None:
            return found, source
    return None
