"""Resolving a short phrase, and saying why: the Python side of ``annales actors lookup``.

>>> from datetime import date
>>> actors = lookup("le ministre turc des Affaires étrangères", on=date(2018, 12, 30))
>>> print(explain_actor(actors[0]))  # doctest: +SKIP
TUR GOV "ministre turc des Affaires étrangères" = Turkey -- a title or body with a nationality ...
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from annales.actors.kb import KnowledgeBase, load_knowledge_base
from annales.actors.resolve import find_actors
from annales.model import Actor

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["RULES", "explain_actor", "lookup"]

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
    "agent:role-noun+context": "a title or body with the state the text is about (weak)",
    "coref:surname": "a surname of a person named earlier in the text",
    "coref:role-noun": 'a title or body named earlier with its state ("le régime")',
    "coref:homologue": "the counterpart of the role just mentioned",
    "coref:les-deux-dirigeants": '"les deux ...": the last two states mentioned',
    "coref:les-dirigeants": "a plural title referring to the last two states",
    "coref:les-parties": '"les parties": the last two states mentioned',
    "coref:issuer": "first person in a communiqué: its issuer",
    "coref:quote-speaker": '"nous" in a quotation ending with "a-t-il dit": the speaker',
}


def lookup(
    text: str,
    *,
    on: date | None = None,
    kb: KnowledgeBase | None = None,
    nlp: Language | None = None,
) -> list[Actor]:
    """Parse ``text`` (a name or a short phrase) and resolve its actors on date ``on``.

    The phrase is read as a sentence, so "Moscou" alone is an actor but "à Moscou" a place.
    """
    if nlp is None:
        from annales.nlp import load_pipeline

        nlp = load_pipeline("fr")
    doc = nlp(text.strip())
    return find_actors(doc, pub_date=on, kb=kb or load_knowledge_base())


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
