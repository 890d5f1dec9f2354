"""The pieces every language grammar shares: what a match means, and how matches are chosen.

A grammar is a list of :class:`Rule` (a compiled regular expression and a builder). A builder
looks at the match (and the text around it, for guards) and returns the :class:`Mention` objects
it stands for, or nothing when a guard rejects it. :func:`run_rules` keeps the longest matches
that do not overlap. Anchoring on a publication date is left to :mod:`annales.time.normalise`,
so that grammars stay free of calendar arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Builder",
    "Direction",
    "Mention",
    "Reading",
    "Rule",
    "Spec",
    "duration_value",
    "number_value",
    "previous_words",
    "roman_value",
    "run_rules",
    "sentence_bounds",
]

Direction = Literal["past", "future"]
# What a verb's tense says: a direction, the present (no direction of its own), or nothing.
Reading = Direction | Literal["present"] | None


@dataclass(frozen=True)
class Spec:
    """What an expression means before it is anchored on a date.

    Absolute parts (``year``, ``month``, ``day``, ``weekday``) are filled when the text gives
    them; a relative expression gives ``unit`` and ``offset`` (``hier`` is day/-1, ``la semaine
    prochaine`` week/+1). ``fixed`` marks expressions whose value does not depend on the anchor
    (durations, sets, vague references), with that value in ``literal``.
    """

    kind: str = "DATE"  # DATE, TIME, DURATION, SET
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 is Monday
    two_digit_year: bool = False  # "octobre 98": the century comes from the anchor
    unit: str | None = None  # day, week, weekend, month, year: the unit of ``offset``
    offset: int | None = None
    season: str | None = None  # SP, SU, FA, WI
    decade: int | None = None  # 199 for the 1990s (TimeML)
    century: int | None = None  # 19 for the 20th century (TimeML)
    part: str | None = None  # part of the day: MO, AF, EV, NI, DT
    direction: Direction | None = None  # given by a word: "dernier", "prochain"
    this: bool = False  # "ce lundi", "cet été": the occurrence around the anchor
    generic: bool = False  # "en été", "le 15 août" of every year: no year is meant
    anaphoric: bool = False  # "le lendemain", "l'année suivante": from the narrative's last date
    holiday: str | None = None  # a key of annales.time.holidays ("noel", "paques+1")
    fixed: bool = False
    literal: str | None = None
    granularity: str | None = None  # for fixed values


@dataclass(frozen=True)
class Mention:
    """A matched span of text and its meaning."""

    start: int
    end: int
    spec: Spec
    rule: str


Builder = Callable[[re.Match[str], str], Sequence[Mention]]


@dataclass(frozen=True)
class Rule:
    """A named pattern and the function that turns its matches into mentions."""

    name: str
    pattern: re.Pattern[str]
    build: Builder


def run_rules(rules: Sequence[Rule], text: str) -> list[Mention]:
    """Every mention the rules find, keeping the longest of overlapping matches.

    Candidates are whole matches (a coordination such as "les 6 et 13 avril" yields two mentions
    that stand or fall together); ties in length go to the rule listed first.
    """
    candidates: list[tuple[int, int, int, Sequence[Mention]]] = []
    for rank, rule in enumerate(rules):
        for match in rule.pattern.finditer(text):
            mentions = rule.build(match, text)
            if mentions:
                start = min(m.start for m in mentions)
                end = max(m.end for m in mentions)
                candidates.append((start, end, rank, mentions))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[Mention] = []
    for start, end, _rank, mentions in candidates:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        chosen.extend(mentions)
    return sorted(chosen, key=lambda m: m.start)


_WORD = re.compile(r"[\w'’-]+|[^\w\s]")


def previous_words(text: str, start: int, count: int = 3) -> list[str]:
    """The ``count`` tokens before ``start``, lowercased, nearest last (punctuation included)."""
    window = text[max(0, start - 60) : start]
    return [w.lower() for w in _WORD.findall(window)][-count:]


_SENTENCE_END = re.compile(r"[.!?;]\s|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A cheap sentence around ``[start, end)``: from the last stop before to the next after."""
    left = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - 400), start):
        left = match.end()
    following = _SENTENCE_END.search(text, end)
    return left, following.start() + 1 if following else len(text)


def number_value(word: str, words: dict[str, int]) -> int | None:
    """An integer written in digits or with the compound number words of a language.

    ``words`` maps single words to values ("vingt": 20, "deux": 2); compounds are summed
    ("vingt-deux", "trente et un") except a multiplier that follows ("quatre-vingts").
    """
    cleaned = word.strip().lower()
    if cleaned.isdigit():
        return int(cleaned)
    parts = [p for p in re.split(r"[\s-]+", cleaned) if p not in {"et", "and"}]
    if not parts:
        return None
    total = 0
    for part in parts:
        value = words.get(part)
        if value is None:
            return None
        if value in (20, 100) and 1 < total < value:  # quatre-vingts, trois cents
            total *= value
        else:
            total += value
    return total


# A half unit is written in the next smaller unit: "un an et demi" is P18M.
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("TH", 24), "TH": ("TM", 60)}


def duration_value(count: float | None, designator: str) -> str:
    """An ISO 8601 duration: ``count`` (None when vague) of a unit designator.

    Designators are D, W, M, Y, DE (decade), CE (century) and TH, TM, TS for hours, minutes
    and seconds.
    """
    if count is not None and designator in {"DE", "CE"}:
        count, designator = count * (10 if designator == "DE" else 100), "Y"
    if count is not None and count != int(count) and designator in _SMALLER:
        designator, factor = _SMALLER[designator]
        count *= factor
    amount = "X" if count is None else str(round(count))
    if designator.startswith("T"):  # hours, minutes, seconds
        return f"PT{amount}{designator[1:]}"
    return f"P{amount}{'Y' if designator in {'DE', 'CE'} else designator}"


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral ("XXI" is 21); 0 for anything else."""
    values = [_ROMAN.get(c, 0) for c in numeral.upper()]
    if not values or 0 in values:
        return 0
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
