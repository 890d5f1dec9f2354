"""The rule coder: lexicon triggers + dependency arguments + modality -> PLOVER events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annales import __version__
from annales.actors.coref import issuer_actors, opening_state
from annales.analysis import Analysis
from annales.events.base import Decision, title_topic, trigger_event, without_title_topic
from annales.events.contexts import contexts_in
from annales.events.lexicon import Lexicon, load_lexicon, normalise
from annales.events.policy import clean_recipients, reclassify
from annales.events.rules.arguments import (
    Arguments,
    Discourse,
    MentionIndex,
    case_of,
    subject_of,
)
from annales.events.rules.attach import find_arguments
from annales.events.rules.conflict import aims_at_fighting
from annales.events.rules.discourse import Sides, after_decision, same_event_as_told, settle
from annales.events.rules.modality import is_negated, modality_of
from annales.events.rules.triggers import Trigger, find_triggers
from annales.model import Actor, Event

if TYPE_CHECKING:
    from spacy.tokens import Span

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
    """The actors a communiqué's title names as its issuer, else the state that opens its body:
    the voice of "nous"."""
    title, lang = analysis.document.title, analysis.doc.lang_
    return issuer_actors(analysis.actors, title, lang) or opening_state(
        analysis.actors, title, lang
    )


# Events whose content is another event that has not happened (yet).
_UNREALISED_CONTENT = {"REQUEST", "THREATEN", "AGREE"}
_INTENT_NOUNS = {
    "proposition", "projet", "plan", "menace", "possibilite", "intention", "hypothese",
    "perspective", "eventualite", "risque", "volonte", "appel", "demande", "idee", "option",
}  # fmt: skip


_CIRCUMSTANCES = {"lors", "pendant", "durant", "apres", "avant", "depuis"}
# "reprendre les négociations pour signer un accord": a further act done for a purpose.
_PURPOSE_MARKERS = {"pour", "afin"}


def _wished_for(trigger: Trigger, trigger_heads: dict[int, Trigger]) -> bool:
    """Whether the event is the content of a request, offer, threat or plan."""
    current = trigger.head
    framed = trigger_heads.get(current.head.i) if case_of(current) == "sous" else None
    if framed is not None and framed.head.i != current.i:
        # "un accord conclu sous l'égide de X": the mediation is as wished as what it frames.
        return _wished_for(framed, trigger_heads)
    if current.dep_ in {"acl", "acl:relcl", "amod"}:
        return False  # "une proposition rejetée": the refusal describes the proposal, it is not one
    if any(c.dep_ == "aux:tense" for c in current.children) and "Sub" not in current.morph.get(
        "Mood", []
    ):
        return False  # "s'est entretenu", "a frappé": told as done, whatever the parser hangs it on
    purpose = False
    for _ in range(3):
        purpose = purpose or (current.pos_ == "VERB" and case_of(current) in _PURPOSE_MARKERS)
        if case_of(current) in _CIRCUMSTANCES or normalise(current.lemma_) in _CIRCUMSTANCES:
            return False  # "lors de leur entretien" is when it was asked, not what
        if current.head.i == current.i or current.dep_ in {"nsubj", "nsubj:pass", "conj"}:
            return False
        current = current.head
        governing = trigger_heads.get(current.i)
        if governing is not None:
            # "appelle les parties à s'appuyer sur ... pour prolonger la trêve": what serves a
            # wish is wished for too.
            # Only an act's purpose ("pour" + infinitive) shares its wish: "appelle à
            # condamner l'attaque" or "à sanctionner X pour son invasion" take the attack
            # and the invasion as facts.
            return governing.rule.type in _UNREALISED_CONTENT or (
                purpose and _wished_for(governing, trigger_heads)
            )
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


class RuleCoder:
    """The default, offline coder: a trigger lexicon over the dependency parse."""

    name = "rules"

    def __init__(self, lang: str = "fr", lexicon: Lexicon | None = None) -> None:
        self.lang = lang
        self.lexicon = lexicon or load_lexicon(lang)
        self.version = f"rules-{lang}@{__version__}"
        self._approvals = frozenset(
            r.lemmas[0] for r in self.lexicon.rules if r.only_negated and len(r.lemmas) == 1
        )
        # One-word event nouns: "les frappes russes" holds an event even where the knowledge
        # base reads the phrase as a force.
        self._event_nouns = frozenset(
            r.lemmas[0] for r in self.lexicon.rules if len(r.lemmas) == 1 and r.pos != "verb"
        )

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
        blocked = mentions.covered(self._event_nouns)
        discourse = Discourse(issuer=_issuer(analysis))
        sides = Sides(doc, mentions)
        decisions: list[Decision] = []
        topic = title_topic(analysis)
        for sent in doc.sents:
            triggers, set_aside = self.triggers(sent, blocked)
            triggers, topical = without_title_topic(sent, triggers, topic)
            decisions.extend(set_aside + topical)
            trigger_heads = {t.head.i: t for t in triggers}
            arguments = {
                t.head.i: find_arguments(t, mentions, discourse, trigger_heads=set(trigger_heads))
                for t in triggers
            }
            for trigger in triggers:
                same_event_as_told(trigger, arguments[trigger.head.i], discourse)
            for trigger in triggers:
                settle(trigger, arguments, trigger_heads, discourse, sides, mentions)
                decision = self._decide(
                    analysis, sent, trigger, arguments[trigger.head.i], trigger_heads
                )
                decisions.extend(after_decision(decision, trigger, discourse))
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
        decision = Decision.about(sent, trigger, how=args.how)
        if not args.actors:
            decision.reason = "no actor found"
            return decision
        if rule.only_negated and not is_negated(trigger):
            decision.reason = "an approval: only its negation is an event"
            return decision
        kind, mode = rule.type, rule.mode
        modality, intent = modality_of(trigger, self._approvals)
        if modality is None and _wished_for(trigger, trigger_heads):
            # "appelle à la cessation des hostilités", "propose des frappes communes": what is
            # asked, offered or threatened has not happened.
            modality = "planned"
        if modality is None and _alleged(trigger):
            modality = "reported"
        kind, mode, modality = reclassify(kind, mode, modality, args.actors, intent=intent)
        recipients = clean_recipients(kind, args.actors, args.recipients)
        if (
            not recipients
            and not rule.implied_target
            and modality is None
            and aims_at_fighting(trigger.head, conjuncts=False)
        ):
            modality = "vague"  # worried about "the escalation": no one named, no one blamed
        # Doc.text rebuilds the whole string on each access: use the document's own.
        text = analysis.document.content
        span = _clause_span(trigger, args.tokens, sent, text)
        event = trigger_event(
            analysis, sent, trigger, kind=kind, mode=mode,
            context=[*rule.context, *self._contexts(sent, *span)],
            actors=args.actors, recipients=recipients, span=span, modality=modality,
            coder=self.version, lang=self.lang,
        )  # fmt: skip
        decision.kept, decision.event = True, event
        decision.reason = f"kept ({modality})" if modality else "kept"
        return decision
