"""Anchoring: from what an expression means (:class:`Spec`) to a TimeML value and granularity.

Language-independent calendar arithmetic. The anchor is the publication date; ``tense`` is the
direction the governing verb points to (past or future), used only when the expression itself
leaves the occurrence open: a bare weekday, a day and month without a year, a month alone.

Choices, documented in docs/time-and-places.md:

* a word wins over tense: "vendredi dernier" is strictly before the anchor, "prochain" strictly
  after; without such a word a past tense means on or before the anchor, a future tense on or
  after;
* a bare weekday with no tense cue is the last one on or before the anchor (news report what
  happened); a day and month, or a month, with no cue is the nearest occurrence (articles
  announce as often as they report), ties going to the past;
* granularity is kept: a month is ``2018-09``, never ``2018-09-01``;
* only years from :data:`~annales.model.FIRST_YEAR` to :data:`~annales.model.LAST_YEAR` exist: an
  anchor outside them anchors nothing, an offset that leaves them ("dans 99999999 jours") gives no
  value, and so does a year written outside them; calendar arithmetic never overflows.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from annales.model import FIRST_YEAR, LAST_YEAR, plausible_date
from annales.time.holidays import fixed_day, holiday_date
from annales.time.rules import Direction, Spec

__all__ = ["normalise"]

# Months of each season; winter ``Y`` runs from December ``Y-1`` to February ``Y``.
_SEASON_START = {"SP": (0, 3), "SU": (0, 6), "FA": (0, 9), "WI": (-1, 12)}
_FIRST_DAY = date(FIRST_YEAR, 1, 1).toordinal()
_LAST_DAY = date(LAST_YEAR, 12, 31).toordinal()
_LEADING_YEAR = re.compile(r"^(\d{4,})(?:-|$)")


def normalise(
    spec: Spec, anchor: date | None, tense: Direction | None
) -> tuple[str | None, str | None]:
    """The TimeML value and granularity of ``spec`` anchored on ``anchor``.

    The value is None when it would fall outside the plausible years (see the module docstring).
    """
    if anchor is not None and not plausible_date(anchor):
        anchor = None  # a publication date of 0001-01-01 or 9999-12-31 is noise, not an anchor
    value, granularity = _normalise(spec, anchor, tense)
    if value is not None and granularity not in {"decade", "century"}:
        year = _LEADING_YEAR.match(value)
        if year is not None and not FIRST_YEAR <= int(year[1]) <= LAST_YEAR:
            value = None
    return value, granularity


def _normalise(
    spec: Spec, anchor: date | None, tense: Direction | None
) -> tuple[str | None, str | None]:
    if spec.fixed:
        return spec.literal, spec.granularity
    if spec.decade is not None:
        return str(spec.decade), "decade"
    if spec.century is not None:
        return f"{spec.century:02d}", "century"
    if spec.season is not None:
        return _season(spec, anchor, tense), "season"
    if spec.holiday is not None:
        return _holiday(spec, anchor, tense), "day"
    if spec.unit is not None:
        return _relative(spec, anchor, tense)
    return _absolute(spec, anchor, tense)


def _year(spec: Spec, anchor: date | None) -> int | None:
    if spec.year is None or not spec.two_digit_year:
        return spec.year
    # The century that puts the year at most ten years after the anchor ("93" in 2002 is 1993).
    reference = anchor.year if anchor else 2000
    year = reference - reference % 100 + spec.year
    return year - 100 if year > reference + 10 else year


def _with_part(value: str, spec: Spec) -> str:
    return f"{value}T{spec.part}" if spec.part else value


def _absolute(
    spec: Spec, anchor: date | None, tense: Direction | None
) -> tuple[str | None, str | None]:
    year = _year(spec, anchor)
    month, day = spec.month, spec.day
    if month is not None and day is not None:
        if year is not None:
            return (
                _with_part(_iso(year, month, day), spec) if _valid(year, month, day) else None
            ), "day"
        if anchor is None or spec.generic:
            return _with_part(f"XXXX-{month:02d}-{day:02d}", spec), "day"
        found = _pick_day(month, day, spec.weekday, anchor, spec.direction, tense)
        return (_with_part(found.isoformat(), spec) if found else None), "day"
    if month is not None:
        if year is not None:
            return f"{year:04d}-{month:02d}", "month"
        if anchor is None or spec.generic:
            return f"XXXX-{month:02d}", "month"
        return _pick_month(month, anchor, spec.direction, tense), "month"
    if year is not None:
        return f"{year:04d}", "year"
    if spec.weekday is not None:
        if anchor is None:
            return None, "day"
        return _with_part(_pick_weekday(spec, anchor, tense).isoformat(), spec), "day"
    return None, None


def _holiday(spec: Spec, anchor: date | None, tense: Direction | None) -> str | None:
    """Its day in the year written, else the occurrence the cue points to, else the nearest."""
    key = spec.holiday or ""
    year = _year(spec, anchor)
    if year is not None:
        day = holiday_date(key, year)
        return _with_part(day.isoformat(), spec) if day else None
    if anchor is None or spec.generic:
        fixed = fixed_day(key)
        return _with_part(f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}", spec) if fixed else None
    days = [holiday_date(key, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    ordinals = [d.toordinal() for d in days if d is not None]
    found = _choose(ordinals, anchor.toordinal(), spec.direction, tense)
    return _with_part(date.fromordinal(found).isoformat(), spec) if found is not None else None


def _relative(spec: Spec, anchor: date | None, tense: Direction | None) -> tuple[str | None, str]:
    unit, offset = spec.unit or "day", spec.offset or 0
    granularity = "week" if unit == "weekend" else unit
    if anchor is None:
        return None, granularity
    if unit == "day":
        day = _shifted(anchor, offset)
        return (_with_part(day.isoformat(), spec) if day else None), "day"
    if unit == "week":
        day = _shifted(anchor, 7 * offset)
        return (_iso_week(day) if day else None), "week"
    if unit == "weekend":
        return _weekend(anchor, spec.direction, offset, tense), "week"
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + offset
        month = f"{index // 12:04d}-{index % 12 + 1:02d}"
        return (month if _in_range(index // 12) else None), "month"
    year = anchor.year + offset
    return (f"{year:04d}" if _in_range(year) else None), "year"


def _in_range(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def _shifted(anchor: date, days: int) -> date | None:
    """``anchor`` moved by ``days``; None when that leaves the plausible years (never overflows)."""
    ordinal = anchor.toordinal() + days
    return date.fromordinal(ordinal) if _FIRST_DAY <= ordinal <= _LAST_DAY else None


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _iso_week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _choose(
    candidates: list[int],
    anchor: int,
    direction: Direction | None,
    tense: Direction | None,
) -> int | None:
    """The candidate (an ordinal: days or months) the cue points to, else the nearest one."""
    if direction == "past":
        pool = [c for c in candidates if c < anchor]
        return max(pool) if pool else None
    if direction == "future":
        pool = [c for c in candidates if c > anchor]
        return min(pool) if pool else None
    if tense == "past":
        pool = [c for c in candidates if c <= anchor]
    elif tense == "future":
        pool = [c for c in candidates if c >= anchor]
    else:
        pool = []
    if pool:
        return max(pool) if tense == "past" else min(pool)
    return min(candidates, key=lambda c: (abs(c - anchor), c > anchor)) if candidates else None


def _pick_day(
    month: int,
    day: int,
    weekday: int | None,
    anchor: date,
    direction: Direction | None,
    tense: Direction | None,
) -> date | None:
    dates = [
        date(y, month, day)
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if _valid(y, month, day)
    ]
    if weekday is not None:
        # "lundi 17 février": the weekday settles the year when only one candidate agrees.
        agreeing = [d for d in dates if d.weekday() == weekday]
        dates = agreeing or dates
    found = _choose([d.toordinal() for d in dates], anchor.toordinal(), direction, tense)
    return date.fromordinal(found) if found is not None else None


def _pick_month(
    month: int, anchor: date, direction: Direction | None, tense: Direction | None
) -> str:
    candidates = [(y * 12 + month - 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    found = _choose(candidates, anchor.year * 12 + anchor.month - 1, direction, tense)
    index = found if found is not None else anchor.year * 12 + month - 1
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _pick_weekday(spec: Spec, anchor: date, tense: Direction | None) -> date:
    weekday = spec.weekday if spec.weekday is not None else anchor.weekday()
    back = (anchor.weekday() - weekday) % 7  # days back to the last one on or before the anchor
    ahead = (weekday - anchor.weekday()) % 7
    if spec.direction == "past":
        return anchor - timedelta(days=back or 7)
    if spec.direction == "future":
        return anchor + timedelta(days=ahead or 7)
    if spec.this:
        # "ce lundi": the one of the anchor's week, unless the tense says otherwise.
        same_week = anchor + timedelta(days=weekday - anchor.weekday())
        if tense == "future" and same_week < anchor:
            return same_week + timedelta(days=7)
        if tense == "past" and same_week > anchor:
            return same_week - timedelta(days=7)
        return same_week
    if tense == "future":
        # "il recevra vendredi" written on a Friday means the next one: today would be
        # "aujourd'hui" or "ce vendredi".
        return anchor + timedelta(days=ahead or 7)
    return anchor - timedelta(days=back)


def _weekend(
    anchor: date, direction: Direction | None, offset: int, tense: Direction | None
) -> str:
    monday = anchor - timedelta(days=anchor.weekday())
    in_weekend = anchor.weekday() >= 5
    if direction == "past" or offset < 0:
        week = monday - timedelta(weeks=1)
    elif direction == "future" or offset > 0:
        # From Thursday on, "ce week-end" is the coming one and "le prochain" the one after.
        week = monday + timedelta(weeks=1) if anchor.weekday() >= 3 else monday
    elif tense == "past":
        week = monday if in_weekend else monday - timedelta(weeks=1)
    elif tense == "future" or anchor.weekday() >= 3:
        week = monday
    else:  # "ce week-end" read on a Monday to Wednesday is the one just gone
        week = monday - timedelta(weeks=1)
    return f"{_iso_week(week)}-WE"


def _season(spec: Spec, anchor: date | None, tense: Direction | None) -> str:
    season = spec.season or "SU"
    if spec.year is not None:
        return f"{_year(spec, anchor):04d}-{season}"
    if anchor is None or spec.generic:
        return f"XXXX-{season}"
    shift, start_month = _SEASON_START[season]
    occurrences = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        start = date(year + shift, start_month, 1)
        end_index = (year + shift) * 12 + start_month - 1 + 3
        end = date(end_index // 12, end_index % 12 + 1, 1) - timedelta(days=1)
        occurrences.append((year, start, end))
    direction = spec.direction or (None if spec.this else tense)
    if direction == "past":
        past = [o for o in occurrences if o[2] < anchor]
        chosen = past[-1] if past else occurrences[0]
    elif direction == "future":
        future = [o for o in occurrences if o[1] > anchor]
        chosen = future[0] if future else occurrences[-1]
    else:
        chosen = min(occurrences, key=lambda o: _distance(o[1], o[2], anchor))
    return f"{chosen[0]:04d}-{season}"


def _distance(start: date, end: date, anchor: date) -> int:
    if start <= anchor <= end:
        return 0
    return min(abs((start - anchor).days), abs((end - anchor).days))
