"""What the sentences of a document tell each other about an event's sides.

Run by the rule coder (and so by every coder) once the syntax has found each trigger's own
arguments: a reaction aims at the author of the act it reacts to, an event noun that points back
is the event told before, a call for calm aims at the sides of the fight the document names,
protesters and police at home act on their own state, a meeting with two counterparts is one
meeting with each. Every step appends its name to the arguments' ``how``, for ``annales
explain``.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from annales.events.base import Decision
from annales.events.lexicon import normalise
from annales.events.rules.arguments import (
    REACTION_TYPES,
    Arguments,
    Discourse,
    MentionIndex,
    depth_below,
)
from annales.events.rules.conflict import aims_at_fighting, belligerents
from annales.events.rules.implied import owned_by_several, possessive_of
from annales.events.rules.triggers import Trigger
from annales.model import SYMMETRIC_TYPES, Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Sides", "after_decision", "same_event_as_told", "settle"]


def settle(
    trigger: Trigger,
    arguments: dict[int, Arguments],
    trigger_heads: dict[int, Trigger],
    discourse: Discourse,
    sides: Sides,
    mentions: MentionIndex,
) -> None:
    """The discourse steps that complete one trigger's arguments before it is decided."""
    args = arguments[trigger.head.i]
    aim_reaction(trigger, arguments, trigger_heads)
    share_their_meeting(trigger, arguments, trigger_heads)
    answer_previous(trigger, args, discourse)
    aim_at_the_fighting(trigger, args, sides)
    at_home(trigger, args, mentions)


def after_decision(decision: Decision, trigger: Trigger, discourse: Discourse) -> list[Decision]:
    """The decision as events to keep (one per partner) and what the discourse remembers."""
    signers_among_themselves(decision, discourse.issuer)
    if decision.event is not None:
        event = decision.event
        discourse.last_actors = event.actors
        lemmas = {normalise(t.lemma_) for t in trigger.tokens}
        discourse.told.append((event.type, lemmas, event.actors, event.recipients))
    return [d for kept in one_per_partner(decision) for d in fighting_each_other(kept, trigger)]


def fighting_each_other(decision: Decision, trigger: Trigger) -> list[Decision]:
    """ "Les combats entre l'armée et les FSR", "le Soudan et le Tchad se sont affrontés": each
    side attacks the other (two events), not both sides attacking no one."""
    event = decision.event
    mutual = "noun:entre" in decision.how or trigger.rule.reflexive
    if event is None or event.type != "ASSAULT" or event.recipients or not mutual:
        return [decision]
    sides = _one_per_code(event.actors)
    if len(sides) < 2:
        return [decision]
    return _split(decision, [([side], [o for o in sides if o is not side]) for side in sides])


def _one_per_code(actors: list[Actor]) -> list[Actor]:
    """One actor per code, the first named, in text order."""
    first = {a.code: a for a in reversed(actors)}
    return sorted(first.values(), key=lambda a: a.start or 0)


def _split(decision: Decision, parties: list[tuple[list[Actor], list[Actor]]]) -> list[Decision]:
    """One decision per (actors, recipients) of ``parties``, each event with its own id (the id
    hashes them: the store keeps one event per id)."""
    event = decision.event
    assert event is not None
    return [
        dataclasses.replace(
            decision,
            event=dataclasses.replace(
                event, actors=actors, recipients=recipients, quotes=list(event.quotes), id=""
            ),
        )
        for actors, recipients in parties
    ]


def _relative_antecedent(head: Token, trigger_heads: dict[int, Trigger]) -> Trigger | None:
    """The event a relative "que" stands for, when ``head`` is the verb of that clause.

    The parser hangs "..., que nous condamnons" under the noun or under the verb that carries
    it: either way, the trigger holding that word is the antecedent.
    """
    if head.dep_ not in {"acl:relcl", "advcl"}:
        return None
    if not any(normalise(c.text) in {"que", "qu'"} and c.pos_ == "PRON" for c in head.children):
        return None
    if any(c.dep_ == "obj" and normalise(c.text) not in {"que", "qu'"} for c in head.children):
        return None
    # The parser may hang the clause on the last noun of the event's phrase ("une offensive
    # contre Kharkiv, que ..."): the event's word is the antecedent or one of its two heads.
    candidates = [head.head, head.head.head, head.head.head.head]
    for antecedent in candidates:
        for trigger in trigger_heads.values():
            if trigger.head.i != head.i and antecedent.i in {t.i for t in trigger.tokens}:
                return trigger
    return None


def aim_reaction(
    trigger: Trigger, arguments: dict[int, Arguments], trigger_heads: dict[int, Trigger]
) -> None:
    """ "La France condamne l'arrestation d'un journaliste français par l'Iran" targets Iran.

    When a reaction's object is a nominal event, the reaction is aimed at that event's actors,
    and never at its victims.
    """
    if trigger.rule.type not in REACTION_TYPES:
        return
    head = trigger.head
    told = _relative_antecedent(head, trigger_heads)
    if told is not None:
        # "une offensive contre X, que nous condamnons": the relative clause reacts to the
        # event its pronoun stands for.
        inner = arguments[told.head.i]
        if inner.actors:
            arguments[head.i].recipients = list(inner.actors)
            arguments[head.i].how.append("reaction:relative")
        return
    own = bool(arguments[head.i].recipients)
    for child in _reacted_to(head, trigger_heads, deep=not own, objects_only=own):
        inner = arguments[child.i]
        if inner.actors:
            arguments[head.i].recipients = list(inner.actors)
        else:
            victims = {(a.code, a.start) for a in inner.recipients}
            arguments[head.i].recipients = [
                r for r in arguments[head.i].recipients if (r.code, r.start) not in victims
            ]
        arguments[head.i].how.append("reaction:to-" + trigger_heads[child.i].rule.type.lower())
        return


_OBJECT_DEPS = {"obj", "obl", "obl:arg", "nmod"}
_ADVERBIAL_DEPS = {"obl:mod", "advmod", "obl"}


def _reacted_to(
    head: Token, trigger_heads: dict[int, Trigger], *, deep: bool, objects_only: bool = False
) -> list[Token]:
    """The events a reaction's object names: its complements, or (``deep``, when the reaction
    found no target of its own) one level further, where the parser hangs the object under an
    adverbial ("condamne avec force la répression"). A reaction that found its own target
    reacts only to an event that is its object: "soutient l'Ukraine contre l'agression russe"
    supports Ukraine."""
    deps = {"obj"} if objects_only else _OBJECT_DEPS
    direct = [c for c in head.children if c.dep_ in deps and c.i in trigger_heads]
    if direct or not deep:
        return direct[:1]
    further = [
        g for c in head.children if c.dep_ in _ADVERBIAL_DEPS
        for g in c.children if g.dep_ == "obj" and g.i in trigger_heads
    ]  # fmt: skip
    return further[:1]


def share_their_meeting(
    trigger: Trigger, arguments: dict[int, Arguments], trigger_heads: dict[int, Trigger]
) -> None:
    """ "X a demandé à Y, lors de leur entretien, ...": "leur" meeting is X's and Y's."""
    head, args = trigger.head, arguments[trigger.head.i]
    if trigger.rule.type not in SYMMETRIC_TYPES or args.actors or head.pos_ not in {"NOUN"}:
        return
    determiner = possessive_of(head)
    if determiner is None or not owned_by_several(determiner):
        return
    current = head
    for _ in range(4):
        if current.head.i == current.i:
            return
        current = current.head
        if current.i in trigger_heads and current.i != head.i:
            governing = arguments[current.i]
            args.actors = list(governing.actors) + list(governing.recipients)
            args.how.append("noun:their")
            return


# Answers to an act told before: refusing "l'opération" answers whoever planned it; condemning
# or welcoming "cette escalade", "cet accord" (a demonstrative points back) answers its authors.
_ANSWERS = {"REJECT"}
_ANSWERS_BY_DEMONSTRATIVE = {"ACCUSE", "SUPPORT"}
# "une offensive dénoncée par Kiev": a participle describing an act told before.
_DESCRIBED_ANSWERS = {"REJECT", "ACCUSE"}
_NOUNS = {"NOUN", "PROPN"}
_DEMONSTRATIVE_DETERMINERS = {"ce", "cet", "cette", "ces"}
_DEFINITE_DETERMINERS = {"le", "la", "l'", "les"} | _DEMONSTRATIVE_DETERMINERS


def _refers_back(head: Token, determiners: set[str]) -> bool:
    """Whether the trigger's object is a thing already told: "s'oppose à cette opération"."""
    return any(
        child.dep_ in {"obj", "obl:arg"}
        and child.pos_ == "NOUN"
        and any(normalise(d.text) in determiners for d in child.children if d.dep_ == "det")
        for child in head.children
    )


def answer_previous(trigger: Trigger, args: Arguments, discourse: Discourse) -> None:
    """ "La Russie envisageait une offensive. La Turquie s'y est opposée": TUR -> RUS."""
    if args.recipients or not args.actors:
        return
    head, kind = trigger.head, trigger.rule.type
    refers = (kind in _ANSWERS and _refers_back(head, _DEFINITE_DETERMINERS)) or (
        kind in _ANSWERS_BY_DEMONSTRATIVE and _refers_back(head, _DEMONSTRATIVE_DETERMINERS)
    )
    describes = kind in _DESCRIBED_ANSWERS and head.dep_ == "acl" and head.head.pos_ in _NOUNS
    if not (refers or describes):
        return
    own = {a.code for a in args.actors}
    answered = [a for a in discourse.last_actors if a.code not in own]
    if answered:
        args.recipients = answered
        args.how.append("reaction:to-previous")


# Meetings that gather everyone at once: their partners met each other too.
_GATHERINGS = {"multilateral", "third-party"}
_SIDES_RULES = {"coref:les-parties", "conflict:parties"}


def signers_among_themselves(decision: Decision, issuer: list[Actor]) -> None:
    """ "Nous sommes déterminés à ..." in a joint declaration: the signers commit together, to
    no one; a meeting or an agreement needs a partner outside them, else it is vague."""
    event = decision.event
    if event is None or event.type not in SYMMETRIC_TYPES or event.modality is not None:
        return
    signers = {a.code for a in issuer}
    if len(signers) >= 2 and {a.code for a in event.actors + event.recipients} <= signers:
        event.modality = "vague"


def one_per_partner(decision: Decision) -> list[Decision]:
    """ "Le ministre s'est entretenu avec ses homologues congolais et rwandais": one meeting
    with each (GUIDELINES 4: the partners did not meet each other), unless the meeting is a
    summit or a mediation that gathers them all. Agreements and cooperation with several
    partners are usually joint, and stay one event, unless the partners are the opposing sides
    of a conflict ("travaillé avec toutes les parties")."""
    event = decision.event
    sides = event is not None and all(r.rule in _SIDES_RULES for r in event.recipients)
    if (
        event is None
        or event.type not in SYMMETRIC_TYPES
        or (event.type != "CONSULT" and not sides)
        or event.mode in _GATHERINGS
        or not event.actors
        or len({r.code for r in event.recipients}) < 2
    ):
        return [decision]
    partners = _one_per_code(event.recipients)
    return _split(decision, [(event.actors, [partner]) for partner in partners])


def same_event_as_told(trigger: Trigger, args: Arguments, discourse: Discourse) -> None:
    """ "Moscou a bombardé Kharkiv. Cette attaque ...", "l'offensive de Bakou ... L'offensive a
    fait des victimes": an event noun that points back (definite or demonstrative) and names no
    one is the event told before with the same word (a demonstrative: of the same type)."""
    head = trigger.head
    if args.actors or head.pos_ != "NOUN":
        return
    determiners = {normalise(c.text) for c in head.children if c.dep_ == "det"}
    demonstrative = bool(determiners & _DEMONSTRATIVE_DETERMINERS)
    if not demonstrative and not determiners & _DEFINITE_DETERMINERS:
        return
    lemma = normalise(head.lemma_)
    for kind, lemmas, actors, recipients in reversed(discourse.told):
        if lemma in lemmas or (demonstrative and kind == trigger.rule.type):
            args.actors = list(actors)
            if not args.recipients:
                args.recipients = list(recipients)
            args.how.append("coref:event")
            return


# Who protests at home protests against its own government; the police or army that arrests
# or beats unnamed people at home acts against its own people (GUIDELINES 4: an internal act).
_PROTESTERS = {"CVL", "OPP", "PTY", "MED"}
_FORCES = {"COP", "MIL", "GOV", "JUD", "SPY"}
_PEOPLE = {
    "foule", "manifestant", "manifestante", "personne", "journaliste", "civil", "opposant",
    "militant", "etudiant", "habitant", "population", "protestataire", "detenu", "prisonnier",
    "citoyen", "femme", "enfant", "homme", "jeune", "avocat", "defenseur", "syndicaliste",
}  # fmt: skip


def at_home(trigger: Trigger, args: Arguments, mentions: MentionIndex) -> None:
    if args.recipients or not args.actors:
        return
    kind, head = trigger.rule.type, trigger.head
    codes = {a.code for a in args.actors}
    if len(codes) != 1:
        return
    own = args.actors[0]
    if kind == "PROTEST" and all(a.sector in _PROTESTERS for a in args.actors):
        args.recipients = [dataclasses.replace(own, sector="GOV", rule="implied:own-government")]
        args.how.append("implied:own-government")
        return
    if kind not in {"COERCE", "ASSAULT"} or not all(a.sector in _FORCES for a in args.actors):
        return
    # The undergoing phrase itself ("la foule", "plus d'une centaine de personnes"), not a
    # clause inside it ("les drones dirigés contre des navires civils").
    undergoing = [
        t for c in head.children if c.dep_ in {"obj", "nsubj:pass", "nmod"}
        for t in c.subtree
        if t.i not in mentions.by_token and depth_below(t, c) <= 2 and t.pos_ == "NOUN"
    ]  # fmt: skip
    if any(normalise(t.lemma_) in _PEOPLE for t in undergoing):
        args.recipients = [dataclasses.replace(own, sector="CVL", rule="implied:own-people")]
        args.how.append("implied:own-people")


class Sides:
    """The belligerents of the document, read on first need."""

    def __init__(self, doc: Doc, mentions: MentionIndex) -> None:
        self.doc, self.mentions = doc, mentions
        self._sides: list[Actor] | None = None

    def get(self) -> list[Actor]:
        if self._sides is None:
            self._sides = belligerents(self.doc, self.mentions)
        return self._sides


_AIMED_AT_SIDES = {"ACCUSE", "REQUEST"}


def aim_at_the_fighting(trigger: Trigger, args: Arguments, sides: Sides) -> None:
    """ "Nous condamnons l'escalade", "les combats doivent cesser", "une médiation française":
    the belligerents are the target when the text names them (see
    :mod:`annales.events.rules.conflict`)."""
    if not args.actors or args.recipients:
        return
    # A mediation is between the sides, whatever its words aim at.
    mediation = trigger.rule.type == "CONSULT" and trigger.rule.mode == "third-party"
    if not trigger.rule.implied_target:
        return  # a worry about the fighting blames no side
    if not mediation and (
        trigger.rule.type not in _AIMED_AT_SIDES or not aims_at_fighting(trigger.head)
    ):
        return
    own = {a.code for a in args.actors}
    targets = [a for a in sides.get() if a.code not in own]
    if targets:
        args.recipients = targets
        args.how.append("implied:belligerents")
