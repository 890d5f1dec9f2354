"""Whether an event happened, from the profile's closed word classes: negators, future and
conditional auxiliaries, verbs of plan or possibility governing the trigger, adjectives of plan on
an event noun, habitual adverbs, and verbs of alleging ("accused X of attacking": reported)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annales.events.lexicon import normalise
from annales.lang import LanguageProfile

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["modality_of"]


def _governors(head: Token, profile: LanguageProfile) -> list[Token]:
    """The trigger and the verbs above it up to the clause it belongs to ("plans to withdraw",
    "accused Iran of funding")."""
    chain = [head]
    current = head
    # Up through clauses, objects and prepositions: the labels of the language's parser.
    climb = (
        profile.dep("clause") | profile.dep("object") | profile.dep("marker")
        | profile.dep("marker_object")
    )  # fmt: skip
    for _ in range(4):
        if current.head.i == current.i or current.dep_ not in climb:
            break
        current = current.head
        chain.append(current)
    return chain


def modality_of(head: Token, profile: LanguageProfile, *, promise: bool = False) -> str | None:
    """The PLOVER auxiliary modality of the event whose trigger head is ``head``; None when it is
    asserted. A promise (``promise`` entries) stays asserted in the future: to pledge is the act."""
    chain = _governors(head, profile)
    near = [child for verb in chain[:2] for child in verb.children]
    # Negation first: "will not release" is not a plan to release.
    if any(
        child.dep_ in profile.dep("negation") or normalise(child.text) in profile.word("negators")
        for child in near
    ):
        return "negated"
    for child in near:
        word, text = normalise(child.lemma_), normalise(child.text)
        if child.dep_ in profile.dep("auxiliary"):
            if text in profile.word("future_auxiliaries") and not promise:
                return "planned"
            if text in profile.word("conditional_auxiliaries"):
                return "conditional"
        if word in profile.word("generic_adverbs"):
            return "generic"
        if child.dep_ in profile.dep("modifier") and word in profile.word("plan_adjectives"):
            return "planned"
    for governor in chain[1:]:
        lemma = normalise(governor.lemma_)
        if lemma in profile.word("allegation_verbs"):
            return "reported"
        if lemma in profile.word("plan_verbs") and not promise:
            return "planned"
        if lemma in profile.word("possibility_verbs"):
            return "conditional"
    return None
