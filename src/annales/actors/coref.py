"""Within-document co-reference: what earlier mentions and the title tell about later ones.

- surnames: after "Mevlüt Çavuşoğlu", "Cavusoglu" and "M. Çavuşoğlu" are the same person
  (``coref:surname``); an unknown "le journaliste russe Ivan Petrov" makes "Petrov" RUS MED;
- "son homologue turc": TUR, with the sector of the role just mentioned (``coref:homologue``);
- "les deux dirigeants", "les deux pays", "les parties": the two most recent distinct states
  (``coref:les-deux-dirigeants``, ``coref:les-parties``);
- "nous" in a communiqué whose title names its issuer ("Communiqué du ministère de l'Europe et des
  affaires étrangères", "Déclaration conjointe des ministres ... de la France, de l'Allemagne et du
  Royaume-Uni"): the issuing states (``coref:issuer``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from annales.actors.matcher import Match, normalise
from annales.lang import get_profile
from annales.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from annales.actors.kb import KnowledgeBase

__all__ = [
    "Issuer",
    "Memory",
    "Referent",
    "issuer_actors",
    "issuers_from_title",
    "issuing_phrase",
    "opening_state",
]

HORIZON = 8  # sentences: older mentions weigh less than 1/256
_WEAK = ("agent:role-noun+clause-place", "kb:demonym+noun", "coref:role-noun")
_PEOPLE = ("kb:person", "kb:title", "coref:surname", "kb:demonym+title", "coref:homologue")
_PEOPLE_PAIR = (*_PEOPLE, "coref:les-deux-dirigeants", "coref:les-dirigeants")
_SEGMENT = re.compile(r"^|\s[–—-]\s|:\s")


@dataclass(frozen=True)
class _TitleGrammar:
    """How a title names who speaks, in one language (``issuer`` of its profile)."""

    openers: tuple[str, ...]
    phrase_start: re.Pattern[str]
    phrase_end: re.Pattern[str]


@cache
def _title_grammar(lang: str) -> _TitleGrammar | None:
    words = get_profile(lang).issuer
    if words is None:
        return None

    def either(items: tuple[str, ...]) -> str:
        return "|".join(re.escape(item) for item in items)

    return _TitleGrammar(
        openers=words.openers,
        phrase_start=re.compile(rf"\b(?:{either(words.phrase_start)})\s", re.IGNORECASE),
        phrase_end=re.compile(rf"\s(?:{either(words.phrase_end)})\b|{words.date_tail}"),
    )


@dataclass(frozen=True)
class Referent:
    """What an earlier mention resolved to, to resolve a later reference to the same actor."""

    code: str
    sector: str | None
    name: str | None
    wikidata: str | None
    person: str | None = None  # knowledge-base id of a person


@dataclass
class Memory:
    """The mentions seen so far in a document, in order."""

    actors: list[Actor] = field(default_factory=list)
    surnames: dict[str, Referent] = field(default_factory=dict)  # normalised surname -> who
    people: set[str] = field(default_factory=set)  # knowledge-base ids mentioned
    places: list[tuple[int, float]] = field(default_factory=list)  # (sentence, weight) per actor
    roles: dict[str, Referent] = field(default_factory=dict)  # "ministre" -> the last one's state
    # person id -> the role a title gave them here ("le président du Conseil européen, C. Michel")
    person_roles: dict[str, Referent] = field(default_factory=dict)

    def remember_name(self, surface: str, referent: Referent) -> None:
        """Register the surname of a full name ("Ivan Petrov" -> "petrov") for later mentions."""
        words = [w for w in re.split(r"\s+", surface.strip()) if w]
        if len(words) >= 2:
            last = normalise(words[-1])
            if len(last) > 2:
                self.surnames.setdefault(last, referent)
                # "al-Assad" -> "assad" too
                bare = re.sub(r"^(?:al|el| al|ben|bin|ibn|de|van|von)-", "", last)
                if bare != last and len(bare) > 2:
                    self.surnames.setdefault(bare, referent)
        if referent.person:
            self.people.add(referent.person)

    def give_role(self, person: str, referent: Referent) -> None:
        """Later mentions of ``person`` (full name or surname) take ``referent``'s role."""
        self.person_roles[person] = referent
        for surname, earlier in list(self.surnames.items()):
            if earlier.person == person:
                self.surnames[surname] = referent

    def note(self, actor: Actor, sentence: int, weight: float) -> None:
        """Record a mention with its sentence number and how prominent its position is."""
        self.actors.append(actor)
        self.places.append((sentence, weight))

    def recent_states(
        self,
        kb: KnowledgeBase,
        count: int,
        exclude: set[str],
        *,
        sentence: int | None = None,
        people_first: bool = False,
        only_people: bool = False,
        armed_groups: bool = False,
    ) -> list[Actor]:
        """The ``count`` most salient distinct states so far, the most salient first.

        Salience adds up the confidence of each mention, halved for every sentence back, doubled
        in the subject of a main clause (and, with ``people_first``, for named leaders and
        titles): "Les liens d'Israël avec la Russie se sont tendus quand l'Iran ..." makes
        Israel and Russia "les deux pays". ``only_people`` counts people and titles only:
        "les deux hommes" are two leaders, not a country named in between. ``armed_groups``
        counts armed groups as sides ("les parties" of a war with Hamas).
        """
        now = sentence if sentence is not None else (self.places[-1][0] if self.places else 0)
        score: dict[str, float] = {}
        latest: dict[str, int] = {}
        last_actor: dict[str, Actor] = {}
        for n in range(len(self.actors) - 1, -1, -1):
            actor, (where, weight) = self.actors[n], self.places[n]
            if now - where > HORIZON:
                break
            if actor.code in exclude or not (
                kb.is_state(actor.code) or (armed_groups and is_armed_group(kb, actor.code))
            ):
                continue
            rule = actor.rule or ""
            if rule.startswith(_WEAK) or (only_people and not rule.startswith(_PEOPLE_PAIR)):
                continue
            boost = 2.0 if people_first and rule.startswith(_PEOPLE) else 1.0
            decay = 0.5 ** max(0, now - where)
            score[actor.code] = (
                score.get(actor.code, 0.0) + actor.confidence * weight * boost * decay
            )
            latest.setdefault(actor.code, n)
            last_actor.setdefault(actor.code, actor)
        ranked = sorted(score, key=lambda code: (score[code], latest[code]), reverse=True)
        return [last_actor[code] for code in ranked[:count]]

    def last_sides(
        self,
        kb: KnowledgeBase,
        fighting: dict[int, frozenset[int]],
        exclude: set[str],
        *,
        sentence: int,
    ) -> list[Actor]:
        """The two states or armed groups the latest sentence about fighting within the horizon
        names in its fighting words' phrases (``fighting``: sentence number -> the character
        offsets of those phrases' words): "les combats entre l'armée et les FSR ... les deux
        belligérants" are those two, not the country named since, nor one that only backs a
        side ("soutenues par les Émirats"). More than two there: no guess."""
        for number in sorted((n for n in fighting if 0 <= sentence - n <= HORIZON), reverse=True):
            found: dict[str, Actor] = {}
            for actor, (where, _weight) in zip(self.actors, self.places, strict=True):
                if where != number or actor.code in exclude or actor.code in found:
                    continue
                if actor.start not in fighting[number]:
                    continue
                if (actor.rule or "").startswith(_WEAK):
                    continue
                if kb.is_state(actor.code) or is_armed_group(kb, actor.code):
                    found[actor.code] = actor
            if len(found) == 2:
                return list(found.values())
            if len(found) > 2:
                return []
        return []

    def remember_role(self, term: str, referent: Referent, role: str | None = None) -> None:
        """ "le régime syrien" makes a later bare "le régime" Syrian (also by its first word);
        with the office it names (``role``), any title of that office ("le chef de l'État")."""
        self.roles[term] = referent
        self.roles[term.split(" ")[0]] = referent
        if role:
            self.roles[f"role:{role}"] = referent

    def last_sector(self, code: str | None = None) -> str | None:
        """The sector of the most recent person or title mention (of ``code`` when given)."""
        for actor in reversed(self.actors):
            if code is not None and actor.code != code:
                continue
            if actor.rule and actor.rule.startswith(
                ("kb:person", "kb:title", "kb:demonym+title", "coref:surname", "kb:person-surname")
            ):
                return actor.sector
        return None

    def last_state(self, kb: KnowledgeBase, *, before: int | None = None) -> Actor | None:
        for actor in reversed(self.actors):
            if before is not None and (actor.start or 0) >= before:
                continue
            if kb.is_state(actor.code) and not (actor.rule or "").endswith("+context"):
                return actor
        return None


@dataclass(frozen=True)
class Issuer:
    """The author of a communiqué, from its title."""

    codes: tuple[str, ...]
    sector: str


def is_armed_group(kb: KnowledgeBase, code: str) -> bool:
    """Whether ``code`` is an armed group of the knowledge base (sector REB)."""
    organisation = kb.organisations.get(code)
    return organisation is not None and organisation.sector == "REB"


def issuing_phrase(title: str, lang: str = "fr") -> tuple[int, int] | None:
    """Where a communiqué's title names its issuer: "Communiqué conjoint des ministres [de la
    France et de l'Allemagne] sur l'empoisonnement de M. Navalny", "Joint statement [by France
    and Germany] on ..." (character offsets), or None when the title does not open a communiqué,
    declaration, speech or letter in ``lang``."""
    grammar = _title_grammar(lang)
    if grammar is None:
        return None
    folded = normalise(title)
    # The opener starts the title, or one of its dash- or colon-separated parts: "Questions au
    # Gouvernement – ... – Réponse de la ministre de l'Europe et des Affaires étrangères".
    segment = next(
        (
            m.end()
            for m in _SEGMENT.finditer(folded)
            if folded[m.end() :].startswith(grammar.openers)
        ),
        None,
    )
    if segment is None:
        return None
    opened = grammar.phrase_start.search(folded, segment)
    if opened is None:
        return None
    closed = grammar.phrase_end.search(folded, opened.end())
    # normalise() keeps lengths for the titles we meet; map back on the original string.
    if len(folded) != len(title):
        return 0, len(title)
    return opened.start(), closed.start() if closed else len(folded)


def issuer_actors(actors: Iterable[Actor], title: str, lang: str = "fr") -> list[Actor]:
    """The actors a communiqué's title names in its issuing phrase, one per code: the voice of
    "nous" for the actor resolver and for every coder (one definition, read by both).

    "Communiqué conjoint de la France et de l'Allemagne sur l'empoisonnement d'un opposant
    russe" is issued by France and Germany, not Russia; "Déclaration de M. X, ministre ..." by
    X's state; a title whose issuing phrase names no known actor gives no issuer, not a guess.
    """
    phrase = issuing_phrase(title, lang) if title else None
    if phrase is None:
        return []
    low, high = phrase
    seen: set[str] = set()
    issuer = []
    for actor in actors:
        if actor.start is not None and low <= actor.start < high and actor.code not in seen:
            seen.add(actor.code)
            issuer.append(actor)
    return issuer


# How far into the body the state that opens it may stand ("\n\nLe Luxembourg condamne").
_OPENING = 24


def opening_state(actors: Iterable[Actor], title: str, lang: str = "fr") -> list[Actor]:
    """The state named first, at the very start of the body of a statement whose title names no
    issuer ("Déclaration du ministère des Affaires étrangères et européennes sur ...", then "Le
    Luxembourg condamne ..."): the speaker, for the "nous" that follows. Empty otherwise."""
    if not title or issuing_phrase(title, lang) is None:
        return []
    body = len(title)
    opening = [a for a in actors if a.start is not None and a.start >= body]
    if not opening:
        return []
    first = min(opening, key=lambda a: a.start or 0)
    state = (first.rule or "").startswith(("kb:country-name", "kb:metonym", "kb:capital"))
    return [first] if state and (first.start or 0) - body <= _OPENING else []


def issuers_from_title(
    doc: Doc, title: str, matches: list[Match], kb: KnowledgeBase
) -> Issuer | None:
    """The states (or organisations) that issue the text, when its title says so.

    The title must open with "Communiqué", "Déclaration" (conjointe, commune ...) or the like; the
    issuer is then the phrase after "du/de la/des" up to "sur", "concernant" or the date.
    """
    if not title or not doc.text.startswith(title):
        return None
    phrase = issuing_phrase(title, doc.lang_)
    if phrase is None:
        return None
    low, high = phrase
    codes: list[str] = []
    sector: str | None = None
    for match in matches:
        first = doc[match.start]
        if first.idx < low or first.idx >= high:
            continue
        entry = match.first("country", "org", "metonym", "capital", "demonym")
        if entry is not None:
            if entry.ref not in codes:
                codes.append(entry.ref)
            if entry.kind in {"metonym", "org"} and sector is None:
                sector = entry.sector
            continue
        agent_entry = match.first("agent")
        if agent_entry is not None:
            agent = kb.agents.get(agent_entry.ref)
            if agent is not None and agent.kind in {"title", "body"}:
                sector = sector or agent.sector
                if agent.default_country and not codes:
                    codes.append(agent.default_country)
    if not codes:
        return None
    return Issuer(tuple(codes), sector or "GOV")
