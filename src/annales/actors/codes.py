"""From what a user types to an actor code: ``"ECOWAS"``, ``"CEDEAO"`` -> ``ORG:ECOWAS``.

:func:`resolve_code` is the one place where the CLI (``annales events --actor``, ``annales actors
list --country``), the store query (:class:`~annales.store.EventQuery`) and the web parameters turn
a code, a name or an alias into the code the events are stored under.

>>> resolve_code("Russie"), resolve_code("russia"), resolve_code("CEDEAO")
('RUS', 'RUS', 'ORG:ECOWAS')
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from annales.actors.kb import KnowledgeBase, load_knowledge_base
from annales.actors.matcher import normalise
from annales.errors import QueryError

__all__ = ["UnknownActorError", "close_matches", "resolve_code"]

# Codes that a store may hold although the knowledge base does not list them (states named only by
# the place gazetteer, organisations of the user's own actor files): written as codes, they pass.
_PASSING_CODE = re.compile(r"^(?:[A-Z]{3}|ORG:[A-Z0-9_]{2,60})$")
_SHOWN = 5  # close matches listed in an error


class UnknownActorError(QueryError):
    """A name that is neither an actor code nor a name of the knowledge base, or one that names
    several actors. ``matches`` holds the close matches, as ``(name, code)`` pairs."""

    def __init__(self, message: str, matches: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(message)
        self.matches = matches


@dataclass(frozen=True)
class _Table:
    codes: dict[str, str]  # upper-case code -> code
    names: dict[str, dict[str, str]]  # normalised name -> {code: name as written}, states & bodies
    aliases: dict[str, dict[str, str]]  # same for capitals and seats of power ("Moscou", "Kremlin")
    shown: dict[str, tuple[str, str]]  # normalised name or code -> (as written, code), for hints


_TABLES: dict[int, tuple[KnowledgeBase, _Table]] = {}


def _table(kb: KnowledgeBase) -> _Table:
    cached = _TABLES.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    codes: dict[str, str] = {}
    names: dict[str, dict[str, str]] = {}
    aliases: dict[str, dict[str, str]] = {}

    def add(into: dict[str, dict[str, str]], name: str, code: str) -> None:
        key = normalise(name)
        if key:
            into.setdefault(key, {}).setdefault(code, name)

    for country in kb.countries.values():
        codes[country.code.upper()] = country.code
        for name in (country.name, *country.all_names()):
            add(names, name, country.code)
        for name in country.capitals:
            add(aliases, name, country.code)
    for body in kb.organisations.values():
        codes[body.code.upper()] = body.code
        for name in (body.name, *body.names):
            add(names, name, body.code)
    for metonym in kb.metonyms:
        codes.setdefault(metonym.code.upper(), metonym.code)
        for name in metonym.variants:
            add(aliases, name, metonym.code)
    for person in kb.people.values():
        for role in person.roles:  # organisations known only as someone's employer
            codes.setdefault(role.country.upper(), role.country)
    shown: dict[str, tuple[str, str]] = {}
    for table in (aliases, names):  # names win over aliases for the hint shown
        for key, found in table.items():
            if len(found) == 1:
                shown[key] = next((written, code) for code, written in found.items())
    for upper, code in codes.items():
        shown.setdefault(upper.lower(), (code, code))
    built = _Table(codes, names, aliases, shown)
    _TABLES[id(kb)] = (kb, built)
    return built


def resolve_code(
    text: str,
    *,
    kb: KnowledgeBase | None = None,
    stored: Callable[[str], bool] | None = None,
) -> str:
    """The actor code meant by ``text``: a code (any case), or a name or alias of a state or an
    organisation in French or English ("Russie", "Russia", "CEDEAO", "Moscou", "Kremlin").

    A value written as an unknown code (three capitals, ``ORG:SOMETHING``) is kept as is, since a
    store may hold codes the knowledge base does not list; so is any value for which ``stored``
    (when given: whether a store holds that code) says yes. Anything else raises
    :class:`UnknownActorError` naming the closest names, as does a name of several actors.
    """
    if not isinstance(text, str):
        raise UnknownActorError(f"an actor must be given as text, not {text!r}")
    raw = text.strip()
    if not raw:
        raise UnknownActorError("an actor must be a code such as RUS or UN, or a name, not empty")
    table = _table(kb or load_knowledge_base())
    code = table.codes.get(raw.upper())
    if code is not None:
        return code
    key = normalise(raw)
    for tier in (table.names, table.aliases):
        found = tier.get(key)
        if not found:
            continue
        if len(found) == 1:
            return next(iter(found))
        listed = ", ".join(f"{c} ({written})" for c, written in sorted(found.items()))
        raise UnknownActorError(
            f"{raw!r} names several actors: {listed}; give the code",
            tuple((written, c) for c, written in sorted(found.items())),
        )
    if _PASSING_CODE.match(raw) or (stored is not None and stored(raw)):
        return raw
    matches = close_matches(raw, kb=kb)
    hint = (
        "close matches: " + ", ".join(f"{name} ({code})" for name, code in matches)
        if matches
        else "no close match"
    )
    raise UnknownActorError(
        f"unknown actor {raw!r}: not a code nor a name of the knowledge base ({hint}); "
        "give a code such as RUS, UN or ORG:ECOWAS, or see `annales actors list`",
        matches,
    )


def close_matches(
    text: str, *, kb: KnowledgeBase | None = None, limit: int = _SHOWN
) -> tuple[tuple[str, str], ...]:
    """Up to ``limit`` ``(name, code)`` pairs whose name or code is closest to ``text``."""
    table = _table(kb or load_knowledge_base())
    key = normalise(text)
    out: list[tuple[str, str]] = []
    for near in difflib.get_close_matches(key, table.shown, n=limit * 3, cutoff=0.6):
        pair = table.shown[near]
        if pair not in out and all(code != pair[1] for _, code in out):
            out.append(pair)
        if len(out) == limit:
            break
    return tuple(out)
