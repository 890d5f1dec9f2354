"""Date formats shared by every language: numeric dates, ISO dates, English "Month D, YYYY".

French pages carry English datelines from wire services ("December 30, 2018 07:19"), so the
English long format is read whatever the language of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annales.time.rules import Mention, Rule, Spec

__all__ = ["EN_MONTH", "FORMAT_RULES", "en_month_number"]

_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)


def en_month_number(word: str) -> int:
    return _EN_MONTHS[word.lower().rstrip(".")]


def _day_spec(year: int, month: int, day: int, *, two_digit: bool = False) -> Spec | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Spec(year=year, month=month, day=day, two_digit_year=two_digit)


def _numeric(match: re.Match[str], text: str) -> Sequence[Mention]:
    year, month = match["y1"] or match["y2"], match["m1"] or match["m2"]
    spec = _day_spec(int(year), int(month), int(match["day"]), two_digit=len(year) == 2)
    return [Mention(match.start(), match.end(), spec, "numeric")] if spec else []


def _iso(match: re.Match[str], text: str) -> Sequence[Mention]:
    spec = _day_spec(int(match["year"]), int(match["month"]), int(match["day"]))
    return [Mention(match.start(), match.end(), spec, "iso")] if spec else []


def _english(match: re.Match[str], text: str) -> Sequence[Mention]:
    spec = _day_spec(int(match["year"]), en_month_number(match["month"]), int(match["day"]))
    return [Mention(match.start(), match.end(), spec, "en.month-day-year")] if spec else []


FORMAT_RULES: tuple[Rule, ...] = (
    # 27/02/2018, 27.02.2018, 27-02-2018, 27/02/18 (two digits only with slashes)
    Rule(
        "numeric",
        re.compile(
            r"(?<![\d/.,-])(?P<day>[0-3]?\d)(?:(?P<s>[.-])(?P<m1>[01]?\d)(?P=s)(?P<y1>\d{4})"
            r"|/(?P<m2>[01]?\d)/(?P<y2>\d{4}|\d{2}))(?![\d/]|[.,]\d)"
        ),
        _numeric,
    ),
    Rule(
        "iso",
        re.compile(r"(?<![\d-])(?P<year>(?:1\d|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
        _iso,
    ),
    Rule(
        "en.month-day-year",
        re.compile(
            rf"\b(?P<month>{EN_MONTH})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+"
            r"(?P<year>(?:1\d|20)\d\d)(?!\d)"
        ),
        _english,
    ),
    Rule(
        "en.day-month-year",
        re.compile(
            rf"(?<![\w,.])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month>{EN_MONTH})(?![\w.]),?\s+"
            r"(?P<year>(?:1\d|20)\d\d)(?!\d)"
        ),
        _english,
    ),
)
