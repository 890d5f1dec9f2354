"""The actor knowledge base: states, organisations, people with dated roles, generic agents.

Names that belong to a language (a state's names and demonyms, the generic agents) carry that
language, so that adding a language is adding rows: :meth:`KnowledgeBase.index` gives the names of
one language.

It is data (``annales/data/actors/``), validated on load; users extend it with their own files of
the same formats, passed to :func:`load_knowledge_base` or listed in ``ANNALES_ACTORS_PATH``
(paths of files or folders separated by ``os.pathsep``). A later file overrides an earlier one:
a state, an organisation or a person with the same code or id is replaced (a state keeps its
names); names, metonyms and agent terms are added (an agent term seen again in the same language
takes its new meaning).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from annales.actors import _readers as readers
from annales.errors import DataError

if TYPE_CHECKING:
    from annales.actors.matcher import ActorIndex

__all__ = [
    "ENV_VAR",
    "Agent",
    "Country",
    "KBRow",
    "KnowledgeBase",
    "Metonym",
    "Organisation",
    "Person",
    "Role",
    "load_knowledge_base",
]

ENV_VAR = "ANNALES_ACTORS_PATH"
_DEFAULT_FILES = (
    "countries.tsv", "names.tsv", "metonyms.tsv", "organisations.yaml", "agents.yaml", "people.tsv",
)  # fmt: skip
_ORDER = {"countries": 0, "names": 1, "metonyms": 2, "organisations": 3, "agents": 4, "people": 5}


@dataclass(frozen=True)
class Country:
    code: str
    name: str  # English name, the one shown
    wikidata: str | None
    capitals: tuple[str, ...]
    labels: tuple[tuple[str, str, str], ...] = ()  # (lang, kind, name) rows of the names files

    def names(self, lang: str) -> tuple[str, ...]:
        """The names of the state in ``lang`` ("Russie", "Fédération de Russie"), usual first."""
        return tuple(name for la, kind, name in self.labels if la == lang and kind == "name")

    def demonyms(self, lang: str) -> tuple[str, ...]:
        """The demonyms of ``lang``, every gender and number ("russe", "russes")."""
        return tuple(name for la, kind, name in self.labels if la == lang and kind == "demonym")

    def all_names(self) -> tuple[str, ...]:
        """Its names in every language (not the demonyms), in the order of the files."""
        return tuple(dict.fromkeys(name for _, kind, name in self.labels if kind == "name"))


@dataclass(frozen=True)
class Organisation:
    code: str
    sector: str
    name: str
    wikidata: str | None
    names: tuple[str, ...]
    members: tuple[str, ...] = ()  # a group coded as its member states (GUIDELINES 4)


@dataclass(frozen=True)
class Metonym:
    code: str
    sector: str
    confidence: float
    variants: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    country: str  # a state code, or an organisation code (UN, NATO, HEZBOLLAH ...)
    sector: str | None
    role: str
    start: date
    end: date | None  # None: ongoing

    def valid_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def distance(self, day: date) -> int:
        """Days between ``day`` and this role (0 when it is valid then)."""
        if day < self.start:
            return (self.start - day).days
        if self.end is not None and day >= self.end:
            return (day - self.end).days + 1
        return 0

    def length(self, today: date) -> int:
        return ((self.end or today) - self.start).days


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    wikidata: str | None
    variants: tuple[str, ...]
    roles: tuple[Role, ...]

    def roles_on(self, day: date) -> list[Role]:
        return [role for role in self.roles if role.valid_on(day)]

    def main_role(self, day: date | None) -> tuple[Role, bool]:
        """The role that tells who this person acts for on ``day``, and whether it was held then.

        With no date, the longest role (an ongoing one counts to today); on a date when no role
        was held, the nearest role in time (for the country only).
        """
        if day is None:
            today = date.today()
            return max(self.roles, key=lambda r: (r.length(today), r.start)), True
        held = self.roles_on(day)
        if held:
            return max(held, key=lambda r: (_RANK.get(r.role, 0), r.start)), True
        return min(self.roles, key=lambda r: r.distance(day)), False


# When several roles are held at once, the one that speaks for the state first.
_RANK = {
    "president": 9, "head_of_state": 9, "supreme_leader": 9, "prime_minister": 8, "chancellor": 8,
    "head_of_government": 8, "foreign_minister": 7, "defence_minister": 7, "vice_president": 6,
}  # fmt: skip


@dataclass(frozen=True)
class Agent:
    term: str
    kind: str  # title, body, equipment, place, pair, counterpart, block
    sector: str | None
    role: str | None
    default_country: str | None
    confidence: float
    bare: bool
    domestic: bool = False
    lang: str = readers.DEFAULT_AGENT_LANG
    leads: tuple[str, ...] = ()  # a pair's words before the noun ("les deux")


@dataclass(frozen=True)
class KBRow:
    """One line of ``annales actors list``."""

    kind: str  # state, organisation, person, metonym
    code: str
    name: str
    sector: str | None = None
    role: str | None = None
    start: date | None = None
    end: date | None = None
    wikidata: str | None = None

    def to_dict(self) -> dict[str, str]:
        out = {"kind": self.kind, "code": self.code, "name": self.name}
        for key in ("sector", "role", "start", "end", "wikidata"):
            value = getattr(self, key)
            if value is not None:
                out[key] = str(value)
        return out


@dataclass
class KnowledgeBase:
    """Everything the resolver knows. Build it with :func:`load_knowledge_base`."""

    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    metonyms: list[Metonym] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    # "kind:normalised term" -> agent; "kind:normalised term@lang" for a word that another
    # language used first with its own meaning ("police")
    agents: dict[str, Agent] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    _indexes: dict[str, ActorIndex] = field(default_factory=dict, repr=False)
    _cache: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _surnames: dict[str, list[Person]] = field(default_factory=dict, repr=False)

    def stats(self) -> dict[str, int]:
        return {
            "states": len(self.countries),
            "organisations": len(self.organisations),
            "people": len(self.people),
            "roles": sum(len(p.roles) for p in self.people.values()),
            "metonyms": sum(len(m.variants) for m in self.metonyms),
            "agent_terms": len(self.agents),
        }

    def languages(self) -> list[str]:
        """The languages that have names or agents in the base."""
        found = {lang for c in self.countries.values() for lang, _, _ in c.labels}
        found.update(agent.lang for agent in self.agents.values())
        return sorted(found)

    def by_surname(self, surname: str) -> list[Person]:
        """The people whose name ends with ``surname`` (normalised): "joly" for Mélanie Joly."""
        if not self._surnames:
            from annales.actors.matcher import normalise

            for person in self.people.values():
                last = normalise(person.name.split()[-1]) if person.name.split() else ""
                if len(last) > 2:
                    self._surnames.setdefault(last, []).append(person)
        return self._surnames.get(surname, [])

    def index(self, lang: str = "fr") -> ActorIndex:
        """The name index of ``lang``, built on first use and kept."""
        if lang not in self._indexes:
            from annales.actors.matcher import ActorIndex

            self._indexes[lang] = ActorIndex.build(self, lang)
        return self._indexes[lang]

    def agent(self, kind: str, term: str, lang: str) -> Agent | None:
        """The agent ``kind:term`` (a normalised term) of ``lang``: a term both languages write
        ("police", "président") has one entry per language."""
        for key in (f"{kind}:{term}@{lang}", f"{kind}:{term}"):
            agent = self.agents.get(key)
            if agent is not None and agent.lang == lang:
                return agent
        return None

    def place_nouns(self, lang: str | None = None) -> frozenset[str]:
        """Normalised nouns after which a nationality or a "de"-complement is a place ("la
        frontière syrienne", "the Syrian border"): those of ``lang``, or of every language."""
        key = f"place:{lang or '*'}"
        if key not in self._cache:
            from annales.actors.matcher import normalise

            self._cache[key] = frozenset(
                normalise(agent.term)
                for agent in self.agents.values()
                if agent.kind == "place" and lang in (None, agent.lang)
            )
        return self._cache[key]

    def is_state(self, code: str) -> bool:
        return code in self.countries

    def name_of(self, code: str) -> str:
        if code in self.countries:
            return self.countries[code].name
        if code in self.organisations:
            return self.organisations[code].name
        return code

    def wikidata_of(self, code: str) -> str | None:
        if code in self.countries:
            return self.countries[code].wikidata
        if code in self.organisations:
            return self.organisations[code].wikidata
        return None

    def list(self, country: str | None = None) -> list[KBRow]:
        """States, organisations and people's roles, all or those of one code (``RUS``, ``UN``)."""
        rows: list[KBRow] = []
        want = country.upper() if country else None
        for c in self.countries.values():
            if want in (None, c.code):
                rows.append(KBRow("state", c.code, c.name, "GOV", wikidata=c.wikidata))
        for o in self.organisations.values():
            if want in (None, o.code):
                rows.append(KBRow("organisation", o.code, o.name, o.sector, wikidata=o.wikidata))
        for m in self.metonyms:
            if want in (None, m.code):
                rows.extend(KBRow("metonym", m.code, v, m.sector) for v in m.variants)
        for p in self.people.values():
            for r in p.roles:
                if want in (None, r.country):
                    rows.append(
                        KBRow("person", r.country, p.name, r.sector, r.role, r.start, r.end,
                              p.wikidata)
                    )  # fmt: skip
        return rows


def _add_people(kb: KnowledgeBase, rows: list[readers.RoleRow]) -> None:
    grouped: dict[str, list[readers.RoleRow]] = {}
    for row in rows:
        grouped.setdefault(row.person, []).append(row)
    for pid, group in grouped.items():
        first = group[0]
        if not first.name:
            raise DataError(f"{first.where}: the first row of {pid!r} needs the person's name")
        wikidata = first.wikidata
        variants: list[str] = [first.name]
        for row in group:
            if row.name and row.name != first.name:
                raise DataError(f"{row.where}: {pid!r} is named {first.name!r} on {first.where}")
            if row.wikidata and wikidata and row.wikidata != wikidata:
                raise DataError(f"{row.where}: {pid!r} has Wikidata id {wikidata} elsewhere")
            wikidata = wikidata or row.wikidata
            variants.extend(v for v in row.variants if v not in variants)
        roles = tuple(Role(r.country, r.sector, r.role, r.start, r.end) for r in group)
        kb.people[pid] = Person(pid, first.name, wikidata, tuple(variants), roles)


def _add_file(kb: KnowledgeBase, path: Path, kind: str) -> None:
    if kind == "countries":
        for c in readers.read_countries(path):
            known = kb.countries.get(c.code)
            labels = known.labels if known is not None else ()
            kb.countries[c.code] = Country(c.code, c.name_en, c.wikidata, c.capitals, labels)
    elif kind == "names":
        added: dict[str, list[tuple[str, str, str]]] = {}
        for row in readers.read_names(path, kb.countries.keys()):
            added.setdefault(row.code, []).append((row.lang, row.kind, row.name))
        for code, rows in added.items():
            country = kb.countries[code]
            new = tuple(label for label in rows if label not in country.labels)
            kb.countries[code] = replace(country, labels=country.labels + new)
    elif kind == "metonyms":
        kb.metonyms.extend(
            Metonym(m.code, m.sector, m.confidence, m.variants) for m in readers.read_metonyms(path)
        )
    elif kind == "organisations":
        for o in readers.read_organisations(path):
            kb.organisations[o.code] = Organisation(
                o.code, o.sector, o.name, o.wikidata, o.names, o.members
            )
    elif kind == "agents":
        from annales.actors.matcher import normalise

        for spec in readers.read_agents(path):
            for term in spec.terms:
                key = f"{spec.kind}:{normalise(term)}"
                held = kb.agents.get(key)
                if held is not None and held.lang != spec.lang:
                    key = f"{key}@{spec.lang}"  # "police" in French and in English
                kb.agents[key] = Agent(
                    term, spec.kind, spec.sector, spec.role, spec.default_country,
                    spec.confidence, spec.bare, spec.domestic, spec.lang, spec.leads,
                )  # fmt: skip
    else:
        _add_people(kb, readers.read_people(path))
    kb.sources.append(str(path))


def _check(kb: KnowledgeBase) -> None:
    """Cross-file checks: every state has a name; every code a person or metonym points to must
    be known."""
    for c in kb.countries.values():
        if not c.all_names():
            raise DataError(f"state {c.code!r} has no name: add its names to a names file")
    known = set(kb.countries) | set(kb.organisations)
    for p in kb.people.values():
        for r in p.roles:
            if r.country not in known and not r.country.startswith("ORG:"):
                raise DataError(
                    f"person {p.id!r}: role {r.role} points to unknown code {r.country!r}; "
                    "add the state or organisation first"
                )
    for m in kb.metonyms:
        if m.code not in known and not m.code.startswith("ORG:"):
            raise DataError(f"metonym {m.variants[0]!r}: unknown code {m.code!r}")
    for o in kb.organisations.values():
        for member in o.members:
            nested = member in kb.organisations and kb.organisations[member].members
            if member not in known or nested:
                raise DataError(f"group {o.code!r}: member {member!r} is not a known state or body")


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in {".tsv", ".yaml", ".yml"}))
        elif path.is_file():
            out.append(path)
        else:
            raise DataError(f"{path}: no such actor file or folder (check {ENV_VAR} or --actors)")
    return out


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> KnowledgeBase:
    """The knowledge base with the name index of each language, compiled once and read from the
    user's cache folder (see :mod:`annales.cache`); the key hashes every packaged and user file,
    so editing one rebuilds it."""
    from annales.cache import cached, content_key, source_files

    files = _expand(extra)
    code = source_files(__name__, readers.__name__, "annales.actors.matcher", "annales.model")
    base = resources.files("annales") / "data" / "actors"
    with resources.as_file(base) as folder:
        shipped = [Path(folder) / name for name in _DEFAULT_FILES]
        try:
            key = content_key("actors", *map(str, files), files=[*code, *shipped, *files])
        except OSError:  # unreadable: the build below says which file, as a DataError
            return _build(shipped, files)
        return cached("actors", key, lambda: _build(shipped, files))


def _build(shipped: list[Path], files: list[Path]) -> KnowledgeBase:
    kb = KnowledgeBase()
    for path in shipped:
        _add_file(kb, path, readers.sniff(path))
    # Within the user's files, states before people, so that roles can point to new states.
    for path in sorted(files, key=lambda p: _ORDER[readers.sniff(p)]):
        _add_file(kb, path, readers.sniff(path))
    _check(kb)
    for lang in kb.languages():
        kb.index(lang)  # compiled with the rest, so that a cached copy carries it
    return kb


def load_knowledge_base(extra: Iterable[str | os.PathLike[str]] = ()) -> KnowledgeBase:
    """The packaged knowledge base, extended by ``extra`` files and ``$ANNALES_ACTORS_PATH``.

    Loaded once per distinct set of files and cached (the result is shared: do not mutate it).
    """
    env = os.environ.get(ENV_VAR, "")
    paths = [p for p in env.split(os.pathsep) if p] + [str(p) for p in extra]
    return _load(tuple(paths))
