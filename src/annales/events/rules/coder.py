"""The rule coder: lexicon triggers + dependency arguments + modality -> PLOVER events."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from annales import __version__
from annales.actors.coref import issuer_actors
from annales.analysis import Analysis
from annales.events.base import Decision, register_coder
from annales.events.contexts import contexts_in
from annales.events.lexicon import Lexicon, load_lexicon, normalise
from annales.events.policy import clean_recipients, reclassify
from annales.events.rules.arguments import (
    Arguments,
    Discourse,
    MentionIndex,
    case_of,
    find_arguments,
    subject_of,
)
from annales.events.rules.conflict import aims_at_fighting, belligerents
from annales.events.rules.modality import modality_of
from annales.events.rules.triggers import Trigger, find_triggers
from annales.model import SYMMETRIC_TYPES, Actor, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["RuleCoder"]

_MAX_QUOTE = 200


def _clause_span(trigger: Trigger, tokens: set[int], sent: Span, text: str) -> tuple[int, int]:
    """Character span of the words that show the event, at most ``_MAX_QUOTE`` characters."""
    doc = sent.doc
    indices = {t.i for t in trigger.tokens} | {i for i in tokens if sent.start <= i < sent.end}
    first, last = min(indices), max(indices)
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    if end - start > _MAX_QUOTE:
        centre = trigger.start_char
        start = max(start, centre - _MAX_QUOTE // 2)
        end = min(end, start + _MAX_QUOTE)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return int(start), int(end)


def _issuer(analysis: Analysis) -> list[Actor]:
    """The actors a communiqué's title names as its issuer: the voice of "nous"."""
    return issuer_actors(analysis.actors, analysis.document.title)


# Events whose content is another event that has not happened (yet).
_UNREALISED_CONTENT = {"REQUEST", "THREATEN", "AGREE"}
_INTENT_NOUNS = {
    "proposition", "projet", "plan", "menace", "possibilite", "intention", "hypothese",
    "perspective", "eventualite", "risque", "volonte", "appel", "demande", "idee", "option",
}  # fmt: skip


# Verbal reactions to another event: their target is whoever did that event.
_REACTIONS = {"ACCUSE", "SUPPORT", "REJECT"}


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


def _aim_reaction(
    trigger: Trigger, arguments: dict[int, Arguments], trigger_heads: dict[int, Trigger]
) -> None:
    """ "La France condamne l'arrestation d'un journaliste français par l'Iran" targets Iran.

    When a reaction's object is a nominal event, the reaction is aimed at that event's actors,
    and never at its victims.
    """
    if trigger.rule.type not in _REACTIONS:
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
    for child in _reacted_to(head, trigger_heads, deep=not arguments[head.i].recipients):
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


def _reacted_to(head: Token, trigger_heads: dict[int, Trigger], *, deep: bool) -> list[Token]:
    """The events a reaction's object names: its complements, or (``deep``, when the reaction
    found no target of its own) one level further, where the parser hangs the object under an
    adverbial ("condamne avec force la répression")."""
    direct = [c for c in head.children if c.dep_ in _OBJECT_DEPS and c.i in trigger_heads]
    if direct or not deep:
        return direct[:1]
    further = [
        g for c in head.children if c.dep_ in _ADVERBIAL_DEPS
        for g in c.children if g.dep_ == "obj" and g.i in trigger_heads
    ]  # fmt: skip
    return further[:1]


def _share_their_meeting(
    trigger: Trigger, arguments: dict[int, Arguments], trigger_heads: dict[int, Trigger]
) -> None:
    """ "X a demandé à Y, lors de leur entretien, ...": "leur" meeting is X's and Y's."""
    head, args = trigger.head, arguments[trigger.head.i]
    if trigger.rule.type not in SYMMETRIC_TYPES or args.actors or head.pos_ not in {"NOUN"}:
        return
    if not any(normalise(c.text) in {"leur", "leurs"} for c in head.children if c.dep_ == "det"):
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


def _answer_previous(trigger: Trigger, args: Arguments, discourse: Discourse) -> None:
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


_CIRCUMSTANCES = {"lors", "pendant", "durant", "apres", "avant", "depuis"}


def _wished_for(trigger: Trigger, trigger_heads: dict[int, Trigger]) -> bool:
    """Whether the event is the content of a request, offer, threat or plan."""
    current = trigger.head
    if current.dep_ in {"acl", "acl:relcl", "amod"}:
        return False  # "une proposition rejetée": the refusal describes the proposal, it is not one
    if any(c.dep_ == "aux:tense" for c in current.children) and "Sub" not in current.morph.get(
        "Mood", []
    ):
        return False  # "s'est entretenu", "a frappé": told as done, whatever the parser hangs it on
    for _ in range(3):
        if case_of(current) in _CIRCUMSTANCES or normalise(current.lemma_) in _CIRCUMSTANCES:
            return False  # "lors de leur entretien" is when it was asked, not what
        if current.head.i == current.i or current.dep_ in {"nsubj", "nsubj:pass", "conj"}:
            return False
        current = current.head
        governing = trigger_heads.get(current.i)
        if governing is not None:
            return governing.rule.type in _UNREALISED_CONTENT
        if normalise(current.lemma_) in _INTENT_NOUNS:
            return True
    return False


# Verbs whose clausal or nominal complement is an allegation, not a fact the text asserts:
# "accusant l'Ukraine d'avoir soutenu les groupes armés" (the accusation is the event).
_ALLEGATION_VERBS = {
    "accuser", "soupconner", "reprocher", "imputer", "incriminer", "pretendre", "alleguer",
    "suspecter", "attribuer",
}  # fmt: skip
_CLAUSE_DEPS = {"xcomp", "ccomp", "obl", "obl:arg", "advcl", "acl"}
# ... and what a clause inside the allegation hangs on ("d'avoir armé les groupes qui ont attaqué").
_PASSING_DEPS = {"obj", "conj", "nmod", "acl:relcl"}


def _alleged(trigger: Trigger) -> bool:
    """Whether the event is what someone is accused of ("accusé d'avoir bombardé")."""
    current = trigger.head
    for _ in range(5):
        parent = current.head
        if parent.i == current.i or current.dep_ not in _CLAUSE_DEPS | _PASSING_DEPS:
            return False
        if normalise(parent.lemma_) in _ALLEGATION_VERBS and current.dep_ in _CLAUSE_DEPS:
            return True
        current = parent
    return False


# Meetings that gather everyone at once: their partners met each other too.
_GATHERINGS = {"multilateral", "third-party"}
_SIDES_RULES = {"coref:les-parties", "conflict:parties"}


def _signers_among_themselves(decision: Decision, issuer: list[Actor]) -> None:
    """ "Nous sommes déterminés à ..." in a joint declaration: the signers commit together, to
    no one; a meeting or an agreement needs a partner outside them, else it is vague."""
    event = decision.event
    if event is None or event.type not in SYMMETRIC_TYPES or event.modality is not None:
        return
    signers = {a.code for a in issuer}
    if len(signers) >= 2 and {a.code for a in event.actors + event.recipients} <= signers:
        event.modality = "vague"


def _one_per_partner(decision: Decision) -> list[Decision]:
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
    split = []
    partners = {r.code: r for r in reversed(event.recipients)}  # one per state, the first named
    for partner in sorted(partners.values(), key=lambda r: r.start or 0):
        one = dataclasses.replace(event, recipients=[partner], quotes=list(event.quotes))
        split.append(dataclasses.replace(decision, event=one))
    return split


def _same_event_as_told(trigger: Trigger, args: Arguments, discourse: Discourse) -> None:
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


def _depth(token: Token, top: Token) -> int:
    depth = 0
    while token.i != top.i and token.head.i != token.i and depth < 10:
        token, depth = token.head, depth + 1
    return depth


def _at_home(trigger: Trigger, args: Arguments, mentions: MentionIndex) -> None:
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
        if t.i not in mentions.by_token and _depth(t, c) <= 2 and t.pos_ == "NOUN"
    ]  # fmt: skip
    if any(normalise(t.lemma_) in _PEOPLE for t in undergoing):
        args.recipients = [dataclasses.replace(own, sector="CVL", rule="implied:own-people")]
        args.how.append("implied:own-people")


class _Sides:
    """The belligerents of the document, read on first need."""

    def __init__(self, doc: Doc, mentions: MentionIndex) -> None:
        self.doc, self.mentions = doc, mentions
        self._sides: list[Actor] | None = None

    def get(self) -> list[Actor]:
        if self._sides is None:
            self._sides = belligerents(self.doc, self.mentions)
        return self._sides


_AIMED_AT_SIDES = {"ACCUSE", "REQUEST"}


def _aim_at_the_fighting(trigger: Trigger, args: Arguments, sides: _Sides) -> None:
    """ "Nous condamnons l'escalade", "les combats doivent cesser", "une médiation française":
    the belligerents are the target when the text names them (see
    :mod:`annales.events.rules.conflict`)."""
    if not args.actors or args.recipients:
        return
    # A mediation is between the sides, whatever its words aim at.
    mediation = trigger.rule.type == "CONSULT" and trigger.rule.mode == "third-party"
    if not mediation and (
        trigger.rule.type not in _AIMED_AT_SIDES or not aims_at_fighting(trigger.head)
    ):
        return
    own = {a.code for a in args.actors}
    targets = [a for a in sides.get() if a.code not in own]
    if targets:
        args.recipients = targets
        args.how.append("implied:belligerents")


class RuleCoder:
    """The default, offline coder: a trigger lexicon over the dependency parse."""

    name = "rules"

    def __init__(self, lang: str = "fr", lexicon: Lexicon | None = None) -> None:
        self.lang = lang
        self.lexicon = lexicon or load_lexicon(lang)
        self.version = f"rules-{lang}@{__version__}"

    def code(self, analysis: Analysis) -> list[Event]:
        return [d.event for d in self.decide(analysis) if d.kept and d.event is not None]

    def triggers(self, sent: Span, blocked: set[int]) -> tuple[list[Trigger], list[Decision]]:
        """The triggers of ``sent`` to code, and those set aside with the reason why.

        Other coders change which words carry events and keep everything else of this one.
        """
        return find_triggers(sent, self.lexicon, blocked), []

    def decide(self, analysis: Analysis) -> list[Decision]:
        """Every trigger in the document with the event kept or the reason it was discarded."""
        doc = analysis.doc
        mentions = MentionIndex(doc, analysis.actors)
        blocked = mentions.covered()
        discourse = Discourse(issuer=_issuer(analysis))
        sides = _Sides(doc, mentions)
        decisions: list[Decision] = []
        for sent in doc.sents:
            triggers, set_aside = self.triggers(sent, blocked)
            decisions.extend(set_aside)
            trigger_heads = {t.head.i: t for t in triggers}
            arguments = {
                t.head.i: find_arguments(t, mentions, discourse, trigger_heads=set(trigger_heads))
                for t in triggers
            }
            for trigger in triggers:
                _same_event_as_told(trigger, arguments[trigger.head.i], discourse)
            for trigger in triggers:
                _aim_reaction(trigger, arguments, trigger_heads)
                _share_their_meeting(trigger, arguments, trigger_heads)
                _answer_previous(trigger, arguments[trigger.head.i], discourse)
                _aim_at_the_fighting(trigger, arguments[trigger.head.i], sides)
                _at_home(trigger, arguments[trigger.head.i], mentions)
                decision = self._decide(
                    analysis, sent, trigger, arguments[trigger.head.i], trigger_heads
                )
                _signers_among_themselves(decision, discourse.issuer)
                decisions.extend(_one_per_partner(decision))
                if decision.event is not None:
                    discourse.last_actors = decision.event.actors
                    discourse.told.append(
                        (
                            decision.event.type,
                            {normalise(t.lemma_) for t in trigger.tokens},
                            decision.event.actors,
                            decision.event.recipients,
                        )
                    )
            root_subject = mentions.in_tokens(subject_of(sent.root)[0])
            if root_subject:
                discourse.last_subject = root_subject
        return decisions

    def _contexts(self, sent: Span, start: int, end: int) -> list[str]:
        """The contexts the quote's own words make clear."""
        quote = [t for t in sent if start <= t.idx < end]
        return contexts_in(quote, self.lexicon.context_cues)

    def _decide(
        self,
        analysis: Analysis,
        sent: Span,
        trigger: Trigger,
        args: Arguments,
        trigger_heads: dict[int, Trigger],
    ) -> Decision:
        rule = trigger.rule
        decision = Decision(
            sentence=sent.text,
            trigger=trigger.text,
            rule=rule.id,
            kept=False,
            reason="",
            how=args.how,
        )
        if not args.actors:
            decision.reason = "no actor found"
            return decision
        kind, mode = rule.type, rule.mode
        modality, intent = modality_of(trigger)
        if modality is None and _wished_for(trigger, trigger_heads):
            # "appelle à la cessation des hostilités", "propose des frappes communes": what is
            # asked, offered or threatened has not happened.
            modality = "planned"
        if modality is None and _alleged(trigger):
            modality = "reported"
        kind, mode, modality = reclassify(kind, mode, modality, args.actors, intent=intent)
        recipients = clean_recipients(kind, args.actors, args.recipients)
        # Doc.text rebuilds the whole string on each access: use the document's own.
        text = analysis.document.content
        start, end = _clause_span(trigger, args.tokens, sent, text)
        event = Event(
            doc_id=analysis.document.id,
            type=kind,
            mode=mode,
            context=sorted(set(rule.context) | set(self._contexts(sent, start, end))),
            actors=args.actors,
            recipients=recipients,
            quote=text[start:end],
            sentence=sent.text.strip(),
            start=start,
            end=end,
            trigger=trigger.text,
            trigger_start=trigger.start_char,
            trigger_end=trigger.end_char,
            rule=f"{self.lang}:{rule.id}",
            coder=self.version,
            confidence=round(rule.confidence * min(a.confidence for a in args.actors), 3),
            modality=modality,
            quotes=[text[start:end]],
        )
        decision.kept, decision.event = True, event
        decision.reason = f"kept ({modality})" if modality else "kept"
        return decision


register_coder("rules", RuleCoder)
