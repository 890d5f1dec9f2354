"""Actors as people read them: names beside codes, suggestions while typing, an actor's profile.

Everything here comes from the knowledge base (:func:`annales.actors.kb.load_knowledge_base`,
loaded once and shared); a code the knowledge base does not know (from a user's own actor file
or an older store) simply has no name, and is shown as its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from annales.actors.codes import close_matches
from annales.actors.kb import load_knowledge_base
from annales.actors.matcher import normalise

__all__ = ["ActorProfile", "actor_name", "names_of", "profile", "suggest"]


@dataclass(frozen=True)
class _Entry:
    code: str
    name: str  # the name shown (English for states, the usual one for organisations)
    kind: str  # "state" or "organisation"
    wikidata: str | None
    names: tuple[str, ...]  # every other name and alias, as written


@cache
def _entries() -> dict[str, _Entry]:
    kb = load_knowledge_base()
    entries: dict[str, _Entry] = {}
    for country in kb.countries.values():
        others = (*country.all_names(), *country.capitals)
        entries[country.code] = _Entry(
            country.code,
            country.name,
            "state",
            country.wikidata,
            tuple(n for n in dict.fromkeys(others) if n != country.name),
        )
    for body in kb.organisations.values():
        entries.setdefault(
            body.code,
            _Entry(
                body.code,
                body.name,
                "organisation",
                body.wikidata,
                tuple(n for n in dict.fromkeys(body.names) if n != body.name),
            ),
        )
    return entries


@cache
def _index() -> list[tuple[str, str, str]]:
    """(normalised name or code, name as written, code) for every name of every actor."""
    rows: list[tuple[str, str, str]] = []
    for entry in _entries().values():
        rows.append((normalise(entry.code), entry.code, entry.code))
        for name in (entry.name, *entry.names):
            rows.append((normalise(name), name, entry.code))
    return rows


def actor_name(code: str) -> str | None:
    """The name of the actor ``code`` ("RUS" -> "Russia"), or None when it is not known."""
    entry = _entries().get(code)
    return entry.name if entry else None


def names_of(codes: list[str]) -> dict[str, str]:
    """``code -> name`` for the codes of ``codes`` that have one."""
    return {code: name for code in codes if (name := actor_name(code))}


def suggest(text: str, limit: int = 10) -> list[dict[str, str]]:
    """Actors whose code or a name starts with (then contains) ``text``, accents and case
    ignored, then the closest spellings: ``[{"code", "name", "matched"}]``, one per actor."""
    key = normalise(text)
    if not key:
        return []
    ranked = sorted(
        (not name.startswith(key), len(name), written, code)
        for name, written, code in _index()
        if key in name
    )
    found: dict[str, str] = {}
    for _later, _length, written, code in ranked:
        found.setdefault(code, written)
    if not found:  # a misspelling: the closest names instead
        for written, code in close_matches(text, limit=limit):
            found.setdefault(code, written)
    return [
        {"code": code, "name": actor_name(code) or code, "matched": written}
        for code, written in list(found.items())[:limit]
    ]


@dataclass(frozen=True)
class ActorProfile:
    code: str
    name: str | None
    kind: str | None
    wikidata: str | None
    names: tuple[str, ...]
    roles: tuple[dict[str, Any], ...]  # people of the knowledge base acting for this actor

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "wikidata": self.wikidata,
            "names": list(self.names),
            "roles": list(self.roles),
        }


def profile(code: str, roles: int = 12) -> ActorProfile:
    """What the knowledge base says of ``code``: names, Wikidata id, and up to ``roles`` people
    who held a role for it, the latest first."""
    entry = _entries().get(code)
    held = []
    for person in load_knowledge_base().people.values():
        for role in person.roles:
            if role.country == code:
                held.append((role.start, person.name, person.wikidata, role))
    held.sort(key=lambda item: (item[0], item[1]), reverse=True)
    shown = tuple(
        {
            "person": name,
            "wikidata": wikidata,
            "role": role.role.replace("_", " "),
            "sector": role.sector,
            "start": role.start.isoformat(),
            "end": role.end.isoformat() if isinstance(role.end, date) else None,
        }
        for _start, name, wikidata, role in held[:roles]
    )
    if entry is None:
        return ActorProfile(code, None, None, None, (), shown)
    return ActorProfile(code, entry.name, entry.kind, entry.wikidata, entry.names, shown)
