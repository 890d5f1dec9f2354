"""The English time grammar: a first, smaller grammar on the same model as the French one.

It covers what wire copy uses most (dates, weekdays, yesterday/today, last/next week, "three
days ago", years after a preposition, decades, durations after "for"). Month and weekday names
are matched with their capital, so that the verb "may" is never a month.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annales.time.formats import EN_MONTH, FORMAT_RULES, en_month_number
from annales.time.rules import (
    Builder,
    Direction,
    Mention,
    Rule,
    Spec,
    number_value,
    previous_words,
    run_rules,
    sentence_bounds,
)

__all__ = ["RULES_EN", "find_en", "tense_en"]

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = rf"(?P<wd>{'|'.join(_WEEKDAYS)})"
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_PART = r"(?P<part>morning|afternoon|evening|night)"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_NUMBER = rf"(?P<n>\d+|{'|'.join(sorted(_NUMBERS, key=len, reverse=True))}|a\s+few|several)"
_UNITS = {
    "day": ("D", "day"),
    "week": ("W", "week"),
    "month": ("M", "month"),
    "year": ("Y", "year"),
    "decade": ("DE", "year"),
    "hour": ("TH", None),
}
_UNIT = r"(?P<unit>days?|weeks?|months?|years?|decades?|hours?)"
_YEAR = r"(?P<year>(?:1\d|20)\d\d)(?!\d)"
_CUES = frozenset(
    {
        "in", "since", "by", "until", "from", "during", "before", "after", "of", "early", "late",
        "mid", "through"
    }
)  # fmt: skip
_OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_I = re.IGNORECASE


def _unit(word: str) -> tuple[str, str | None]:
    return _UNITS[word.lower().rstrip("s")]


def _count(match: re.Match[str]) -> int | None:
    raw = match["n"].lower()
    return None if raw in {"several"} or raw.startswith("a ") else number_value(raw, _NUMBERS)


def _direction(word: str | None) -> Direction | None:
    key = (word or "").lower()
    if key in {"last", "the past", "past", "previous"}:
        return "past"
    if key in {"next", "the coming", "coming"}:
        return "future"
    return None


def _date(match: re.Match[str], text: str) -> Sequence[Mention]:
    day = int(match["day"])
    if not 1 <= day <= 31:
        return []
    wd = match.groupdict().get("wd")
    spec = Spec(
        year=int(match["year"]) if match["year"] else None,
        month=en_month_number(match["month"]),
        day=day,
        weekday=_WEEKDAYS.index(wd) if wd else None,
    )
    return [Mention(match.start(), match.end(), spec, "en.date")]


def _month(match: re.Match[str], text: str) -> Sequence[Mention]:
    before = previous_words(text, match.start(), 1)
    if not (match["year"] or match["mod"] or (before and before[-1] in _CUES)):
        return []
    spec = Spec(
        year=int(match["year"]) if match["year"] else None, month=en_month_number(match["month"])
    )
    return [Mention(match.start(), match.end(), spec, "en.month")]


def _year(match: re.Match[str], text: str) -> Sequence[Mention]:
    before = previous_words(text, match.start(), 1)
    if not (before and before[-1] in _CUES):
        return []
    return [Mention(match.start(), match.end(), Spec(year=int(match["year"])), "en.year")]


def _relative_day(match: re.Match[str], text: str) -> Sequence[Mention]:
    word = match["rel"].lower()
    part = _PARTS.get((match["part"] or "").lower()) or ("NI" if word == "tonight" else None)
    spec = Spec(kind="TIME" if part else "DATE", unit="day", offset=_OFFSETS[word], part=part)
    return [Mention(match.start(), match.end(), spec, "en.relative-day")]


def _weekday(match: re.Match[str], text: str) -> Sequence[Mention]:
    rel = (match["rel"] or "").lower()
    part = _PARTS.get((match["part"] or "").lower())
    start = match.start("wd") if rel == "on" else match.start()
    spec = Spec(
        kind="TIME" if part else "DATE",
        weekday=_WEEKDAYS.index(match["wd"]),
        part=part,
        direction=_direction(rel),
        this=rel == "this",
    )
    return [Mention(start, match.end(), spec, "en.weekday")]


def _period(match: re.Match[str], text: str) -> Sequence[Mention]:
    direction = _direction(" ".join(match["rel"].lower().split()))
    unit = match["unit"].lower()
    offset = {"past": -1, "future": 1}.get(direction or "", 0)
    spec = Spec(unit=unit if unit != "weekend" else "weekend", offset=offset, direction=direction)
    return [Mention(match.start(), match.end(), spec, f"en.{unit}")]


def _ago(match: re.Match[str], text: str) -> Sequence[Mention]:
    count = _count(match)
    designator, unit = _unit(match["unit"])
    if count is None:
        return [Mention(match.start(), match.end(), Spec(fixed=True, literal="PAST_REF"), "en.ago")]
    steps = count * (10 if designator == "DE" else 1)
    spec = Spec(unit=unit or "day", offset=-steps if unit else 0)
    return [Mention(match.start(), match.end(), spec, "en.ago")]


def _duration(match: re.Match[str], text: str) -> Sequence[Mention]:
    count = _count(match)
    designator, unit = _unit(match["unit"])
    amount = "X" if count is None else str(count * (10 if designator == "DE" else 1))
    designator = "Y" if designator == "DE" else designator
    value = f"PT{amount}H" if designator == "TH" else f"P{amount}{designator}"
    spec = Spec(kind="DURATION", fixed=True, literal=value, granularity=unit)
    return [Mention(match.start("body"), match.end("body"), spec, "en.duration")]


def _decade(match: re.Match[str], text: str) -> Sequence[Mention]:
    digits = match["dec"]
    decade = int(digits[:3]) if len(digits) == 4 else 190 + int(digits[0])
    return [Mention(match.start(), match.end(), Spec(decade=decade), "en.decade")]


def _season(match: re.Match[str], text: str) -> Sequence[Mention]:
    code = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
    det = (match["det"] or "").lower()
    if not (det or match["year"]):
        return []
    spec = Spec(
        season=code[match["season"].lower()],
        year=int(match["year"]) if match["year"] else None,
        direction=_direction(det),
        this=det == "this",
    )
    return [Mention(match.start(), match.end(), spec, "en.season")]


# Holidays (see annales.time.holidays), longer names first; matched with their capitals.
_HOLIDAYS: tuple[tuple[str, str], ...] = (
    (r"Christmas\s+Eve", "christmas-eve"),
    (r"Christmas(?:\s+Day)?", "christmas"),
    (r"New\s+Year['’]s\s+Eve", "new-year-eve"),
    (r"New\s+Year['’]s(?:\s+Day)?", "new-year"),
    (r"Boxing\s+Day", "boxing-day"),
    (r"Valentine['’]s\s+Day", "valentine"),
    (r"Halloween", "halloween"),
    (r"All\s+Saints['’]?\s+Day", "all-saints"),
    (r"Independence\s+Day", "us-independence"),
    (r"Bastille\s+Day", "bastille-day"),
    (r"Thanksgiving(?:\s+Day)?", "thanksgiving"),
    (r"Memorial\s+Day", "memorial-day"),
    (r"Labou?r\s+Day", "labor-day"),
    (r"Martin\s+Luther\s+King(?:,?\s+Jr\.?)?\s+Day", "martin-luther-king-day"),
    (r"Shrove\s+Tuesday|Mardi\s+Gras", "shrove-tuesday"),
    (r"Ash\s+Wednesday", "ash-wednesday"),
    (r"Palm\s+Sunday", "palm-sunday"),
    (r"Maundy\s+Thursday", "maundy-thursday"),
    (r"Good\s+Friday", "good-friday"),
    (r"Holy\s+Saturday", "holy-saturday"),
    (r"Easter\s+Monday", "easter-monday"),
    (r"Easter(?:\s+Sunday|\s+Day)?", "easter"),
    (r"Ascension\s+Day", "ascension"),
    (r"Whit\s+Monday", "whit-monday"),
    (r"Pentecost|Whit\s+Sunday", "pentecost"),
)


def _holiday(name: str, key: str) -> Rule:
    def build(match: re.Match[str], text: str) -> Sequence[Mention]:
        rel = (match["rel"] or "").lower()
        spec = Spec(
            year=int(match["year"]) if match["year"] else None,
            holiday=key,
            direction=_direction(rel),
            this=rel == "this",
        )
        start = match.start("name") if rel == "on" else match.start()
        return [Mention(start, match.end(), spec, f"en.holiday.{key}")]

    pattern = (
        rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|on)\s+)?(?P<name>{name})(?![\w'’])"
        rf"(?:,?\s+{_YEAR})?"
    )
    return Rule(f"en.holiday.{key}", re.compile(pattern), build)


def _rule(name: str, pattern: str, build: Builder, flags: int = 0) -> Rule:
    return Rule(name, re.compile(pattern, flags), build)


RULES_EN: tuple[Rule, ...] = (
    *FORMAT_RULES,
    _rule(
        "en.date",
        rf"\b(?:{_WEEKDAY},?\s+)?(?P<month>{EN_MONTH})\s+(?P<day>[0-3]?\d)"
        rf"(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR})?",
        _date,
    ),
    _rule(
        "en.date",
        rf"\b(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<month>{EN_MONTH})(?:,?\s+{_YEAR})?",
        _date,
    ),
    _rule(
        "en.month",
        rf"\b(?P<mod>(?:[Ee]arly|[Ll]ate|[Mm]id)[-\s]+)?(?P<month>{EN_MONTH})"
        rf"(?![\w.])(?:\s+{_YEAR})?",
        _month,
    ),
    _rule("en.year", rf"\b{_YEAR}", _year),
    _rule(
        "en.relative-day",
        rf"\b(?P<rel>yesterday|today|tonight|tomorrow)(?:\s+{_PART})?\b",
        _relative_day,
        _I,
    ),
    _rule(
        "en.weekday",
        rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|on)\s+)?{_WEEKDAY}"
        rf"(?:\s+{_PART})?\b",
        _weekday,
    ),
    _rule(
        "en.period",
        r"\b(?P<rel>this|last|next|the\s+past|the\s+coming)\s+"
        r"(?P<unit>week|weekend|month|year)\b",
        _period,
        _I,
    ),
    _rule("en.ago", rf"\b{_NUMBER}\s+{_UNIT}\s+ago\b", _ago, _I),
    _rule(
        "en.duration",
        rf"\b(?:for|over|during|in)\s+(?P<body>(?:the\s+(?:past|last)\s+)?"
        rf"{_NUMBER}\s+{_UNIT})\b",
        _duration,
        _I,
    ),
    _rule("en.decade", r"\b(?:the\s+)?(?P<dec>(?:19|20)\d0|'?\d0)s\b", _decade, _I),
    _rule(
        "en.season",
        rf"\b(?:(?P<det>this|last|next)\s+)?(?P<season>spring|summer|autumn|"
        rf"fall|winter)(?:\s+{_YEAR})?\b",
        _season,
        _I,
    ),
    *(_holiday(name, key) for name, key in _HOLIDAYS),
)

_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|going\s+to|(?:is|are)\s+(?:due|set|expected|"
    r"scheduled)\s+to|plans?\s+to)\b",
    _I,
)
_PAST = re.compile(r"\b(?:was|were|had|did|said|\w{3,}ed)\b", _I)


def find_en(text: str) -> list[Mention]:
    """Every English time expression of ``text``, longest first on overlap, in text order."""
    return run_rules(RULES_EN, text)


def tense_en(text: str, start: int, end: int) -> Direction | None:
    """Past or future from the verb cue nearest the expression in its sentence."""
    left, right = sentence_bounds(text, start, end)
    best: tuple[int, Direction] | None = None
    cues: tuple[tuple[Direction, re.Pattern[str]], ...] = (("past", _PAST), ("future", _FUTURE))
    for direction, pattern in cues:
        for match in pattern.finditer(text, left, right):
            gap = start - match.end() if match.end() <= start else match.start() - end
            if gap >= 0 and (best is None or gap < best[0]):
                best = (gap, direction)
    return best[1] if best else None
