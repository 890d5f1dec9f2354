"""Finding and anchoring time expressions: the languages and their grammars."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from annales.errors import ConfigError
from annales.model import TimeExpression
from annales.time.grammar_en import find_en, tense_en
from annales.time.grammar_fr import find_fr
from annales.time.lexicon_fr import tense_fr
from annales.time.narrative import Narrative
from annales.time.rules import Direction, Mention, Reading, Spec
from annales.time.tense import tense_from_doc

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["LANGUAGES", "find_time_expressions", "supported_languages"]


@dataclass(frozen=True)
class _Language:
    find: Callable[[str], list[Mention]]
    tense: Callable[[str, int, int], Reading]


LANGUAGES: dict[str, _Language] = {
    "fr": _Language(find_fr, tense_fr),
    "en": _Language(find_en, tense_en),
}


def supported_languages() -> list[str]:
    return sorted(LANGUAGES)


def _grammar(lang: str) -> _Language:
    try:
        return LANGUAGES[lang]
    except KeyError:
        raise ConfigError(
            f"no time grammar for language {lang!r}; use one of {', '.join(supported_languages())}"
        ) from None


def _open_ended(spec: Spec) -> bool:
    """Whether the occurrence depends on tense (a weekday, a date or month without a year...)."""
    if spec.fixed or spec.direction is not None or spec.year is not None or spec.unit:
        return spec.unit == "weekend" and spec.direction is None
    return any(part is not None for part in (spec.weekday, spec.month, spec.season, spec.holiday))


def _tense(grammar: _Language, text: str, mention: Mention, doc: Doc | None) -> Direction | None:
    """Which way the governing verb points; a present tense announces a weekday to come."""
    reading = tense_from_doc(doc, mention.start, mention.end) if doc is not None else None
    if reading is None:
        reading = grammar.tense(text, mention.start, mention.end)
    if reading == "present":
        spec = mention.spec
        # "Le parti tient son congrès dimanche": the coming Sunday.
        return "future" if spec.weekday is not None and spec.month is None else None
    return reading


def find_time_expressions(
    text: str, pub_date: date | None, *, lang: str = "fr", doc: Doc | None = None
) -> list[TimeExpression]:
    """The time expressions of ``text``, in order, with exact character offsets.

    Values are TimeML (``2018-02-27``, ``2018-09``, ``2018-W05``, ``P1Y``); relative
    expressions need ``pub_date`` and get ``None`` without it. ``doc`` (a spaCy parse of the
    same text) lets the verb's tense decide which Friday "vendredi" is.
    """
    grammar = _grammar(lang)
    use_doc = doc is not None and doc.text == text
    story = Narrative(pub_date)
    found = []
    years_of_days: dict[tuple[int, int], int] = {}  # (month, day) -> year, from full dates
    for mention in grammar.find(text):
        spec = mention.spec
        if spec.month is not None and spec.day is not None and spec.year is not None:
            if not spec.two_digit_year:
                years_of_days[(spec.month, spec.day)] = spec.year
        elif spec.month is not None and spec.day is not None and not spec.generic:
            # "le sommet du 9 décembre 2019 ... les accords du 9 décembre": the same day.
            year = years_of_days.get((spec.month, spec.day))
            if year is not None:
                mention = replace(mention, spec=replace(spec, year=year, direction=None))
        spec = mention.spec
        tense: Direction | None = None
        if pub_date is not None and _open_ended(spec):
            tense = _tense(grammar, text, mention, doc if use_doc else None)
            if spec.generic and spec.season is not None and tense is not None:
                spec = replace(spec, generic=False)  # "il partira au printemps": the next one
        value, granularity = story.normalise(spec, mention.start, tense)
        story.note(spec, mention.end, value)
        found.append(
            TimeExpression(
                text=text[mention.start : mention.end],
                start=mention.start,
                end=mention.end,
                value=value,
                granularity=granularity,
                kind=mention.spec.kind,
                rule=mention.rule,
            )
        )
    return found
