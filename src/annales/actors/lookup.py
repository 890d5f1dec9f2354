"""Resolving a short phrase, and saying why: the Python side of ``annales actors lookup``.

>>> from datetime import date
>>> actors = lookup("le ministre turc des Affaires étrangères", on=date(2018, 12, 30))
>>> print(explain_actor(actors[0]))  # doctest: +SKIP
TUR GOV "ministre turc des Affaires étrangères" = Turkey -- a title or body with a nationality ...
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from annales.actors.kb import KnowledgeBase, load_knowledge_base
from annales.actors.matcher import ActorIndex, Entry, case_ok
from annales.actors.resolve import find_actors
from annales.errors import ConfigError
from annales.lang import get_profile
from annales.model import Actor

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["RULES", "explain_actor", "lookup", "lookup_name", "read_names"]

# What each rule means, for explanations (the rule names are stable: they appear in the data).
RULES: dict[str, str] = {
    "kb:country-name": "a state named as an actor",
    "kb:country-name+dative": "a state as the recipient of an à-phrase",
    "kb:country-name+genitive": "a state as the possessor in a de-phrase",
    "kb:capital": "a capital standing for its government",
    "kb:capital+dative": "a capital standing for its government, in an à-phrase",
    "kb:capital+genitive": "a capital standing for its government, in a de-phrase",
    "kb:metonym": "a seat of power standing for an institution",
    "kb:metonym+dative": "a seat of power in an à-phrase",
    "kb:metonym+genitive": "a seat of power in a de-phrase",
    "kb:organisation": "an organisation or armed group of the knowledge base",
    "kb:organisation+dative": "an organisation in an à-phrase",
    "kb:organisation+genitive": "an organisation in a de-phrase",
    "kb:group": 'a group of states, coded as its members ("les E3")',
    "kb:group+dative": "a group of states in an à-phrase",
    "kb:group+genitive": "a group of states in a de-phrase",
    "kb:person-role": "a person of the knowledge base, with the role held on that date",
    "kb:person-surname": "the surname of exactly one person of the knowledge base",
    "kb:person": "a known person who held no role on that date (country only, no sector)",
    "kb:person-surname+other-name": "a known surname after another given name: a relative (CVL)",
    "kb:title+name": "a title followed by a known person's name",
    "kb:demonym+title": "a title or body with a nationality",
    "kb:demonym+title+former": "a former office holder with a nationality (no sector)",
    "kb:title+country": "a title or body with a de-complement naming the state",
    "kb:title+country+former": "a former office holder of a named state (no sector)",
    "kb:title+default": "a title whose state is implied in French usage",
    "kb:equipment": "military hardware with a nationality",
    "kb:demonym-noun": 'a nationality used as a noun ("les Russes")',
    "kb:demonym+noun": "a nationality on an ordinary noun (weak)",
    "agent:role-noun+name": (
        "an unknown person with a title and a nationality, or an apposed title"
    ),
    "agent:role-noun+place": 'a body with the state it is in ("le régime en Syrie")',
    "agent:role-noun+issuer": "a title or body of the communiqué's issuer",
    "agent:role-noun+clause-place": "a body with the state of the place its clause names",
    "agent:role-noun+scene": "a body with the state of the place a sentence just before names",
    "agent:role-noun+context": "a state institution with the state last named (weak)",
    "coref:surname": "a surname of a person named earlier in the text",
    "coref:role-noun": 'a title or body named earlier with its state ("le régime")',
    "coref:homologue": "the counterpart of the role just mentioned",
    "coref:les-deux-dirigeants": '"les deux ...": the last two states mentioned',
    "coref:les-dirigeants": "a plural title referring to the last two states",
    "coref:les-parties": '"les parties": the two sides last mentioned (states or armed groups)',
    "coref:signers": '"les trois co-présidents": the signers of a joint declaration',
    "coref:issuer": "first person in a communiqué: its issuer",
    "coref:quote-speaker": '"nous" in a quotation ending with "a-t-il dit": the speaker',
}


def lookup(
    text: str,
    *,
    on: date | None = None,
    kb: KnowledgeBase | None = None,
    nlp: Language | None = None,
    lang: str = "fr",
) -> list[Actor]:
    """Resolve the actors of ``text`` (a name or a short phrase) on date ``on``.

    The phrase is read as a sentence, so "Moscou" alone is an actor but "à Moscou" a place. A
    name of the knowledge base alone ("Poutine", "la Russie", "CEDEAO") needs no context and is
    answered without the parser (see :func:`lookup_name`) unless ``nlp`` is given; anything else
    is parsed (the pipeline of ``lang`` is loaded on first use, a few seconds).
    """
    kb = kb or load_knowledge_base()
    if nlp is None:
        found = lookup_name(text, on=on, kb=kb, lang=lang)
        if found is not None:
            return found
        from annales.nlp import load_pipeline

        nlp = load_pipeline(lang)
    doc = nlp(text.strip())
    return find_actors(doc, pub_date=on, kb=kb)


# Readings that need the sentence: a nationality or a title depends on the words around it.
_PARSED_KINDS = frozenset({"demonym", "agent"})
# Names made of words, spaces, apostrophes, hyphens and dots are found whole by a document scan;
# others ("P5+1", "Myanmar (Birmanie)") depend on how the parser splits them.
_PLAIN = re.compile(r"^[\w\s'’.-]+$")


def lookup_name(
    text: str, *, on: date | None = None, kb: KnowledgeBase | None = None, lang: str = "fr"
) -> list[Actor] | None:
    """The actors of ``text`` when it is one name of the knowledge base, perhaps after an article
    (a person, a state, a capital, a seat of power, an organisation): what :func:`find_actors`
    gives for that name alone, found without parsing. ``None`` when the text needs the parser
    (a title, a nationality, a phrase, a name the knowledge base does not hold)."""
    kb = kb or load_knowledge_base()
    phrase = text.strip()
    index = kb.index(lang)
    for offset in (0, *_after_article(phrase, lang)):
        name = phrase[offset:]
        readings = _readings(index, name)
        if not readings:
            continue
        if readings[0].kind in _PARSED_KINDS or "\n" in name or not _PLAIN.match(name):
            return None
        return _name_actors(readings, name, offset, on, kb)
    return None


def _after_article(phrase: str, lang: str) -> list[int]:
    """Where the name starts after a leading article of ``lang`` ("la Russie", "the Kremlin"):
    an article changes nothing."""
    lowered = phrase.lower().replace("’", "'")
    articles = {a.lower().replace("’", "'") for a in get_profile(lang).places.articles}
    for article in sorted(articles, key=len, reverse=True):
        elided = article.endswith("'")
        if lowered.startswith(article) and (
            elided or lowered[len(article) : len(article) + 1].isspace()
        ):
            return [len(phrase) - len(phrase[len(article) :].lstrip())]
    return []


def _readings(index: ActorIndex, name: str) -> tuple[Entry, ...]:
    """The readings of ``name`` as one whole name, with the case rules of a document scan."""
    kept = [e for e in index.lookup(name) if case_ok(e, name)]
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) > 12 and sum(ch.isupper() for ch in letters) > 0.7 * len(letters):
        kept = [e for e in kept if e.case != 2]  # a headline in capitals: no acronyms
    return tuple(kept)


def _name_actors(
    readings: tuple[Entry, ...], name: str, offset: int, on: date | None, kb: KnowledgeBase
) -> list[Actor]:
    """The actors the resolver gives for a name standing alone (see ``resolve._Walker``)."""

    def actor(
        code: str, sector: str | None, rule: str, confidence: float, **who: str | None
    ) -> Actor:
        return Actor(
            code=code, sector=sector, text=name, wikidata=who.get("wikidata"),
            name=who.get("name") or kb.name_of(code), start=offset, end=offset + len(name),
            rule=rule, confidence=round(confidence, 3),
        )  # fmt: skip

    entry = readings[0]
    if entry.kind == "block":
        return []
    if entry.kind == "person":
        ids = list(dict.fromkeys(e.ref for e in readings if e.kind == "person"))
        if len(ids) > 1 and on is not None:
            ids = [pid for pid in ids if kb.people[pid].roles_on(on)]
        if len(ids) != 1:
            return []  # several people of that name: the resolver does not choose either
        person = kb.people[ids[0]]
        role, held = person.main_role(on)
        surname = all(e.single_word for e in readings if e.kind == "person")
        rule, confidence = ("kb:person-surname", 0.8) if surname else ("kb:person-role", 0.95)
        if not held:
            rule, confidence = "kb:person", min(confidence, 0.6)
        elif on is None:
            confidence -= 0.1
        sector = role.sector if held else None
        return [
            actor(
                role.country, sector, rule, confidence, name=person.name, wikidata=person.wikidata
            )
        ]
    members = kb.organisations[entry.ref].members if entry.kind == "org" else ()
    if members:  # a group of states, coded as its members
        bodies = [kb.organisations.get(member) for member in members]
        return [
            actor(member, body.sector if body else "GOV", "kb:group", 0.85)
            for member, body in zip(members, bodies, strict=True)
        ]
    wikidata = kb.wikidata_of(entry.ref) if entry.kind in {"country", "org"} else None
    return [
        actor(entry.ref, entry.sector, _NAME_RULES[entry.kind], entry.confidence, wikidata=wikidata)
    ]


_NAME_RULES = {
    "country": "kb:country-name",
    "capital": "kb:capital",
    "metonym": "kb:metonym",
    "org": "kb:organisation",
}


def read_names(path: str) -> list[str]:
    """The names of a file, one a line ('-': standard input); blank and ``#`` lines skipped."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read the names to look up ({err})") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def explain_actor(actor: Actor) -> str:
    """One line: code, sector, the text seen, who it is, and the rule that resolved it."""
    head = f"{actor.code} {actor.sector or '-'}"
    seen = f' "{actor.text}"' if actor.text else ""
    who = ""
    if actor.name and actor.name != actor.code:
        who = f" = {actor.name}" + (f" ({actor.wikidata})" if actor.wikidata else "")
    rule = actor.rule or "given"
    meaning = RULES.get(rule, "")
    why = (
        f"{meaning} ({rule}, {actor.confidence:.2f})"
        if meaning
        else f"{rule}, {actor.confidence:.2f}"
    )
    return f"{head}{seen}{who} -- {why}"
