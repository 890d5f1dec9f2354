"""The language-neutral coders: a trigger lexicon (and a trained model) over the dependency parse.

They serve every language whose profile names them (English today): the profile gives the
dependency labels and closed word classes, ``data/lexicons/<lang>.yaml`` the triggers and
``data/models/events-<lang>.npz`` the event model. French has its own, richer rule coder
(:mod:`annales.events.rules`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annales import __version__
from annales.actors.kb import load_knowledge_base
from annales.analysis import Analysis
from annales.events.base import Decision, title_topic, trigger_event, without_title_topic
from annales.events.contexts import contexts_in
from annales.events.lexicon import Lexicon, load_lexicon, normalise
from annales.events.model.triggers import ModelTriggers
from annales.events.rules.triggers import Trigger, find_triggers
from annales.events.syntax.arguments import (
    UNRESOLVED,
    Arguments,
    PhraseResolver,
    find_arguments,
    named_subject,
)
from annales.events.syntax.modality import modality_of
from annales.lang import LanguageProfile, get_profile
from annales.model import Event

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["SyntaxCoder", "SyntaxHybridCoder", "SyntaxModelCoder"]


class SyntaxCoder:
    """Lexicon triggers, arguments from the profile's dependency labels."""

    name = "rules"
    uses_lexicon = True

    def __init__(self, lang: str = "en", lexicon: Lexicon | None = None) -> None:
        self.lang = lang
        self.profile = get_profile(lang)
        self.lexicon = lexicon or load_lexicon(lang)
        self.version = f"{self.name}-{lang}@{__version__}"

    def code(self, analysis: Analysis) -> list[Event]:
        return [d.event for d in self.decide(analysis) if d.kept and d.event is not None]

    def triggers(self, sent: Span, blocked: set[int]) -> tuple[list[Trigger], list[Decision]]:
        return find_triggers(sent, self.lexicon, blocked), []

    def decide(self, analysis: Analysis) -> list[Decision]:
        """Every trigger in the document with the event kept or the reason it was discarded."""
        resolver = PhraseResolver(
            analysis.doc, analysis.actors, load_knowledge_base(), self.profile, analysis.places
        )
        blocked = resolver.covered()
        decisions: list[Decision] = []
        topic = title_topic(analysis)
        for sent in analysis.doc.sents:
            triggers, set_aside = self.triggers(sent, blocked)
            triggers, topical = without_title_topic(sent, triggers, topic)
            decisions.extend(set_aside + topical)
            pledged = _pledged_support(triggers, self.profile)
            # A pledge lends its subject to the support it names; other triggers do not.
            heads = {t.head.i for t in triggers} - set(pledged.values())
            for trigger in triggers:
                if trigger.head.i in pledged.values():
                    reason = "a pledge of support is the support itself"
                    decisions.append(Decision.about(sent, trigger, reason))
                    continue
                args = find_arguments(
                    trigger.head, trigger.rule, resolver, self.profile, heads - {trigger.head.i}
                )
                pledge = pledged.get(trigger.head.i)
                said = trigger.head if pledge is None else analysis.doc[pledge]
                decisions.append(self._decide(analysis, sent, trigger, args, said))
            resolver.antecedents = named_subject(sent, resolver, self.profile) or (
                resolver.antecedents
            )
        return decisions

    def _decide(
        self, analysis: Analysis, sent: Span, trigger: Trigger, args: Arguments, said: Token
    ) -> Decision:
        """The event of ``trigger``; ``said`` is the word whose modality is the event's (the
        trigger, or the verb that pledges the support it names)."""
        rule = trigger.rule
        decision = Decision.about(sent, trigger, how=args.how)
        if not args.actors:
            decision.reason = "no actor found"
            return decision
        modality = modality_of(said, self.profile, promise=rule.promise)
        kind, mode = rule.type, rule.mode
        if kind in _COMMITTABLE | {"AGREE"}:
            reading = _commitment(trigger, modality, self.profile)
            if reading == "refused":
                # "will not lift the ban", "failed to reach an agreement": a refusal.
                kind, mode, modality = "REJECT", None, None
            elif reading == "committed" and kind != "AGREE":
                # "will release the hostages", "agreed to withdraw": the commitment is the event.
                kind, mode, modality = "AGREE", None, None
        unresolved = [a.text for a in args.actors + args.recipients if a.code == UNRESOLVED]
        if unresolved and modality is None:
            modality = "vague"  # GUIDELINES 2: an actor that can only be coded vaguely
        text = analysis.document.content
        start, end = sent.start_char, sent.end_char
        # The quote is the sentence without the spaces and line breaks around it.
        start += len(text[start:end]) - len(text[start:end].lstrip())
        end -= len(text[start:end]) - len(text[start:end].rstrip())
        event = trigger_event(
            analysis, sent, trigger, kind=kind, mode=mode,
            context=[*rule.context, *contexts_in(list(sent), self.lexicon.context_cues)],
            actors=args.actors, recipients=args.recipients, span=(start, end),
            modality=modality, coder=self.version, lang=self.lang,
        )  # fmt: skip
        decision.kept, decision.event = True, event
        decision.reason = f"kept ({modality})" if modality else "kept"
        if unresolved:
            decision.reason += f"; not in the knowledge base: {', '.join(map(repr, unresolved))}"
        return decision


def _pledged_support(triggers: list[Trigger], profile: LanguageProfile) -> dict[int, int]:
    """Support pledged ("pledged his full support for X"): the head of the support noun -> the
    head of the commitment verb. The support is the event, said when the pledge is."""
    support = {t.head.i for t in triggers if t.rule.type == "SUPPORT"}
    return {
        child.i: t.head.i
        for t in triggers
        if t.rule.type == "AGREE"
        for child in t.head.children
        if child.i in support and child.dep_ in profile.dep("object")
    }


# Acts a party can commit itself to: announced, they are PLOVER's AGREE.
_COMMITTABLE = frozenset({"CONSULT", "AID", "COOPERATE", "RETREAT", "CONCEDE", "SUPPORT"})


def _commitment(trigger: Trigger, modality: str | None, profile: LanguageProfile) -> str | None:
    """ "committed" when the actor binds itself to the act (a future auxiliary on it, or a verb
    of commitment governing it: "agreed to", "pledged to"); "refused" when it binds itself not to
    ("will not", "failed to", "declined to"); else None."""
    head = trigger.head
    future = any(
        child.dep_ in profile.dep("auxiliary")
        and normalise(child.text) in profile.word("future_auxiliaries")
        for child in head.children
    )
    governed = head.dep_ in profile.dep("shares_subject") and head.head.i != head.i
    governor = normalise(head.head.lemma_) if governed else ""
    if governor in profile.word("refusal_verbs") or (future and modality == "negated"):
        return "refused"
    if modality == "planned" and (future or governor in profile.word("commitment_verbs")):
        return "committed"
    return None


class SyntaxModelCoder(ModelTriggers, SyntaxCoder):
    """Triggers from the event model of the language alone."""

    name = "model"
    uses_lexicon = False


class SyntaxHybridCoder(ModelTriggers, SyntaxCoder):
    """The lexicon's triggers checked by the event model, and the model's own where it is sure."""

    name = "hybrid"
    uses_lexicon = True
