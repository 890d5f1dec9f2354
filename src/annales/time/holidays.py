"""Named days: fixed civic and religious holidays, and moveable feasts computed from Easter.

A holiday is a key (``"noel"``, ``"paques+1"``...) that the grammars put in
:attr:`Spec.holiday <annales.time.rules.Spec>`; :func:`holiday_date` gives its day in a year, so
that the normaliser can choose the occurrence the tense or a word ("dernier") points to, as for
a day and month without a year. Keys are language-independent: "Pâques" and "Easter" are both
``"paques"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["HOLIDAYS", "Holiday", "easter", "fixed_day", "holiday_date"]


@dataclass(frozen=True)
class Holiday:
    """A fixed day (``month``, ``day``), a day after Easter (``easter``), or the ``nth`` weekday
    of a month (``nth=-1`` for the last one)."""

    month: int | None = None
    day: int | None = None
    easter: int | None = None
    weekday: int | None = None  # 0 is Monday
    nth: int | None = None


HOLIDAYS: dict[str, Holiday] = {
    # fixed
    "new-year": Holiday(1, 1),
    "epiphany": Holiday(1, 6),
    "candlemas": Holiday(2, 2),
    "valentine": Holiday(2, 14),
    "labour-day": Holiday(5, 1),
    "music-day": Holiday(6, 21),
    "saint-jean": Holiday(6, 24),
    "us-independence": Holiday(7, 4),
    "bastille-day": Holiday(7, 14),
    "assumption": Holiday(8, 15),
    "halloween": Holiday(10, 31),
    "all-saints": Holiday(11, 1),
    "armistice": Holiday(11, 11),
    "christmas-eve": Holiday(12, 24),
    "christmas": Holiday(12, 25),
    "boxing-day": Holiday(12, 26),
    "new-year-eve": Holiday(12, 31),
    # moveable, from Easter Sunday
    "shrove-tuesday": Holiday(easter=-47),
    "ash-wednesday": Holiday(easter=-46),
    "palm-sunday": Holiday(easter=-7),
    "maundy-thursday": Holiday(easter=-3),
    "good-friday": Holiday(easter=-2),
    "holy-saturday": Holiday(easter=-1),
    "easter": Holiday(easter=0),
    "easter-monday": Holiday(easter=1),
    "ascension": Holiday(easter=39),
    "pentecost": Holiday(easter=49),
    "whit-monday": Holiday(easter=50),
    # the nth weekday of a month (United States)
    "martin-luther-king-day": Holiday(1, weekday=0, nth=3),
    "memorial-day": Holiday(5, weekday=0, nth=-1),
    "labor-day": Holiday(9, weekday=0, nth=1),
    "thanksgiving": Holiday(11, weekday=3, nth=4),
}


def easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own letters)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def holiday_date(key: str, year: int) -> date | None:
    """The day of holiday ``key`` in ``year``; None for an unknown key or an impossible year."""
    holiday = HOLIDAYS.get(key)
    if holiday is None or not 2 <= year <= 9998:
        return None
    if holiday.easter is not None:
        return easter(year) + timedelta(days=holiday.easter)
    if holiday.month is None:
        return None
    if holiday.weekday is not None and holiday.nth is not None:
        return _nth_weekday(year, holiday.month, holiday.weekday, holiday.nth)
    return date(year, holiday.month, holiday.day or 1)


def fixed_day(key: str) -> tuple[int, int] | None:
    """(month, day) of a holiday on the same day every year, else None."""
    holiday = HOLIDAYS.get(key)
    if holiday is None or holiday.easter is not None or holiday.weekday is not None:
        return None
    if holiday.month is None or holiday.day is None:
        return None
    return holiday.month, holiday.day
