"""A temporal test suite: expressions in context with the TimeML value they must get.

The suite is a YAML file (``tests/data/time/fr.yaml`` for French) of classes, each a block of
lines ``PUBLICATION | EXPECTED | sentence with the [expression] in brackets``. ``EXPECTED`` is a
TimeML value, or ``-`` when nothing may be found there; a line starting with ``~`` is a known
gap (scored, not required). Used by ``tests/test_time_suite.py`` and ``bench/timebank_dates.py
--suite``; a malformed line raises :class:`~annales.errors.ConfigError` naming file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from annales.errors import ConfigError
from annales.time.find import find_time_expressions

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Case", "Outcome", "check_case", "read_suite"]

NOTHING = "-"


@dataclass(frozen=True)
class Case:
    """One expression to normalise: its class, the line it was read from and what it must get."""

    kind: str  # the class of the suite ("anaphoric-day", "holiday-easter"...)
    line: str
    pub_date: date
    expected: str  # a TimeML value, or "-" when no expression may be found
    text: str  # the sentence, brackets removed
    start: int
    end: int
    known_gap: bool


@dataclass(frozen=True)
class Outcome:
    case: Case
    got: str | None  # the value found over the brackets, "-" when nothing was found

    @property
    def passed(self) -> bool:
        return self.got == self.case.expected


def _case(path: Path, kind: str, raw: str) -> Case:
    line = raw.strip()
    gap = line.startswith("~")
    fields = [f.strip() for f in line.lstrip("~").split("|", 2)]
    where = f"{path}, class {kind!r}, line {line!r}"
    if len(fields) != 3:
        raise ConfigError(f"{where}: write PUBLICATION | EXPECTED | sentence")
    pub, expected, marked = fields
    try:
        pub_date = date.fromisoformat(pub)
    except ValueError:
        raise ConfigError(f"{where}: {pub!r} is not a date (YYYY-MM-DD)") from None
    start, end = marked.find("["), marked.find("]")
    if start < 0 or end < start or marked.count("[") != 1 or marked.count("]") != 1:
        raise ConfigError(f"{where}: put the expression in one pair of brackets [ ]")
    text = marked[:start] + marked[start + 1 : end] + marked[end + 1 :]
    return Case(kind, line, pub_date, expected, text, start, end - 1, gap)


def read_suite(path: Path) -> list[Case]:
    """Every case of the suite at ``path``, in file order."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read the time suite {path}: {error}") from None
    classes = data.get("classes") if isinstance(data, dict) else None
    if not isinstance(classes, dict):
        raise ConfigError(f"{path}: expected a mapping 'classes' of blocks of lines")
    cases = []
    for kind, block in classes.items():
        if not isinstance(block, str):
            raise ConfigError(f"{path}: class {kind!r} must be a block of lines (use '|')")
        for raw in block.splitlines():
            if raw.strip() and not raw.strip().startswith("#"):
                cases.append(_case(path, str(kind), raw))
    return cases


def check_case(case: Case, *, lang: str = "fr", doc: Doc | None = None) -> Outcome:
    """The value annales gives the bracketed expression (the found one overlapping it most)."""
    found = find_time_expressions(case.text, case.pub_date, lang=lang, doc=doc)
    overlapping = [
        (min(t.end, case.end) - max(t.start, case.start), t.value)
        for t in found
        if t.start < case.end and case.start < t.end
    ]
    if not overlapping:
        return Outcome(case, NOTHING)
    return Outcome(case, max(overlapping, key=lambda o: o[0])[1])
