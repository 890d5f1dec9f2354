"""The narrative reference time: the dates a text has given so far, read in text order.

News tells a story: after "Le sommet s'est ouvert le 12 mars 2017", "le lendemain" is 13 March
2017, not the day after publication, and "en juin" a few lines on is June 2017. Two anchors are
kept besides the publication date:

* the last calendar date of any kind (a written date, "lundi", "hier" or an anaphoric date
  already resolved) anchors the anaphoric expressions ("la veille", "deux jours plus tard",
  "l'année suivante"), when it is precise enough (a day for "le lendemain", a month for "le
  mois suivant"); without one they count from the publication date;
* the last date with a written year, when that year is not the publication's and it was given
  shortly before (:data:`STORY_REACH` characters), anchors a day, month or holiday written
  without a year: it takes the year of the story, or the next one when it would otherwise lie
  more than half a year before the story's date ("arrêté le 12 décembre 1999, libéré le 3
  janvier" is 3 January 2000).

Everything else is anchored on the publication date, as before (:mod:`annales.time.normalise`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from annales.time.normalise import normalise
from annales.time.rules import Direction, Spec

__all__ = ["STORY_REACH", "Narrative", "calendar_point"]

# How far back (in characters) a date with a written year still sets the year of the story.
STORY_REACH = 400

_DAY, _WEEK, _MONTH, _YEAR = 0, 1, 2, 3  # ranks: finer is smaller
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})(?:-WE)?|-(?:SP|SU|FA|WI))?(?:T|$)")


def calendar_point(value: str | None) -> tuple[date, int] | None:
    """A TimeML value as (a day in it, rank): 2017-03-12 is a day, 2017-W11 a week..."""
    match = _VALUE.match(value or "")
    if not match:
        return None
    year = int(match[1])
    try:
        if match[3]:
            return date(year, int(match[2]), int(match[3])), _DAY
        if match[4]:
            return date.fromisocalendar(year, int(match[4]), 1), _WEEK
        if match[2]:
            return date(year, int(match[2]), 15), _MONTH
        return date(year, 7, 2), _YEAR  # the middle of the year: nearest months stay in it
    except ValueError:
        return None


def _rank_needed(spec: Spec) -> int:
    if spec.unit in {"day", None} or spec.weekday is not None:
        return _DAY if spec.month is None else _MONTH
    return {"week": _WEEK, "weekend": _WEEK, "month": _MONTH}.get(spec.unit or "", _YEAR)


@dataclass
class Narrative:
    """The anchors of one text, updated expression after expression (see the module doc)."""

    pub_date: date | None
    last: list[tuple[date, int]]
    story: tuple[int, date, int] | None = None  # (end offset, day, rank), its year written

    def __init__(self, pub_date: date | None) -> None:
        self.pub_date = pub_date
        self.last = []
        self.story = None

    def _anchor(self, rank: int) -> date | None:
        for day, found_rank in reversed(self.last):
            if found_rank <= rank:
                return day
        return self.pub_date

    def _story_anchor(self, spec: Spec, start: int) -> date | None:
        """The story's date for a day, month or holiday without a year, if one applies."""
        if self.story is None or self.pub_date is None:
            return None
        if spec.year is not None or spec.generic or spec.direction is not None or spec.unit:
            return None
        if spec.month is None and spec.holiday is None:
            return None
        if spec.weekday is not None:
            return None  # "le jeudi 12 septembre": the weekday already tells the year
        end, day, _rank = self.story
        if day.year == self.pub_date.year or start - end > STORY_REACH:
            return None
        return day

    def normalise(
        self, spec: Spec, start: int, tense: Direction | None
    ) -> tuple[str | None, str | None]:
        """The value of ``spec`` written at offset ``start``, anchored as the module doc says."""
        if spec.anaphoric:
            return normalise(spec, self._anchor(_rank_needed(spec)), None)
        story = self._story_anchor(spec, start)
        if story is None:
            return normalise(spec, self.pub_date, tense)
        value, granularity = normalise(replace(spec, year=story.year), story, None)
        point = calendar_point(value)
        if point is not None and point[0] < story - timedelta(days=183):
            value, granularity = normalise(replace(spec, year=story.year + 1), story, None)
        return value, granularity

    def note(self, spec: Spec, end: int, value: str | None) -> None:
        """Remember the date an expression ending at ``end`` gave."""
        if spec.kind in {"DURATION", "SET"} or spec.fixed:
            return
        point = calendar_point(value)
        if point is None:
            return
        self.last.append(point)
        written_year = spec.year is not None and spec.decade is None and spec.century is None
        in_story = self._story_anchor(spec, end) is not None
        if written_year or in_story:
            self.story = (end, *point)
