"""Is the event asserted, or only future, planned, conditional, hypothetical, negated or generic?

Dictionary coders lose most of their precision here: "pourrait frapper", "n'a pas rencontré",
"le retrait prévu" are not events that happened. Optional events are kept, flagged with the
PLOVER auxiliary mode, and left out of counts and exports unless asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annales.events.lexicon import normalise
from annales.events.rules.triggers import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["INTENT_VERBS", "modality_of"]

_NEGATORS = {"pas", "jamais", "plus", "guere", "aucunement", "nullement", "point"}
_NEGATIVE_DETERMINERS = {"aucun", "aucune", "nul", "nulle", "sans"}
# Governing verbs that make what they govern a plan or a possibility, not a fact.
_PLAN_VERBS = {
    "prevoir", "envisager", "projeter", "compter", "devoir", "esperer", "souhaiter", "vouloir",
    "chercher", "tenter", "essayer", "viser", "menacer", "preparer", "promettre", "annoncer",
    "decider", "s'appreter", "appreter", "aller", "falloir", "proposer", "offrir", "suggerer",
}  # fmt: skip
_POSSIBILITY_VERBS = {"pouvoir", "risquer", "sembler", "paraitre"}
# Intent to meet or cooperate is itself an AGREE event in PLOVER ("veut rencontrer").
INTENT_VERBS = {"vouloir", "souhaiter", "proposer", "accepter", "esperer", "convenir", "decider"}
_PLAN_ADJECTIVES = {
    "prevu", "eventuel", "futur", "possible", "prochain", "envisage", "annonce", "projete",
    "potentiel", "hypothetique", "souhaite",
}  # fmt: skip
_GENERIC_ADVERBS = {"regulierement", "habituellement", "traditionnellement", "toujours", "souvent"}


def _morph(token: Token, key: str) -> list[str]:
    return list(token.morph.get(key, []))


# The tagger sometimes reads a present as a future ("invitons" as Tense=Fut): believe the tag only
# when the word has the ending of that tense.
_FUTURE_ENDINGS = ("rai", "ras", "ra", "rons", "rez", "ront")
_CONDITIONAL_ENDINGS = ("rais", "rait", "rions", "riez", "raient")


def _tagged(word: Token, feature: str, value: str, endings: tuple[str, ...]) -> bool:
    return value in _morph(word, feature) and normalise(word.text).endswith(endings)


def _verb_chain(head: Token) -> list[Token]:
    """The trigger and the verbs that govern it (xcomp chains, support verbs of a noun)."""
    chain = [head]
    current = head
    for _ in range(4):
        if (
            current.dep_ in {"xcomp", "obj", "obl", "obl:arg", "acl"}
            and current.head.i != current.i
        ):
            hung_on_noun = current.dep_ == "acl"
            current = current.head
            if hung_on_noun and current.dep_ == "obl:arg" and current.head.i != current.i:
                # "a promis au Niger de livrer": the parser hangs the infinitive on "Niger"
                current = current.head
            if current.pos_ not in {"VERB", "AUX"}:
                break
            chain.append(current)
        else:
            break
    return chain


def _tense_words(verb: Token) -> list[Token]:
    return [verb] + [c for c in verb.children if c.dep_.startswith("aux")]


def _is_negated(token: Token) -> bool:
    for child in token.children:
        word = normalise(child.text)
        if child.dep_ == "advmod" and word in _NEGATORS:
            return any(normalise(c.text) in {"ne", "n'"} for c in token.children)
        if child.dep_ == "det" and word in _NEGATIVE_DETERMINERS:
            return True
    if any(normalise(c.text) in {"ne", "n'"} for c in token.children):
        # "nous ne céderons ni au chantage ni à la menace": "ni" marks the complements
        return any(
            normalise(g.text) == "ni" and g.dep_ == "cc" for c in token.children for g in c.children
        )
    return False


# Speech acts a speaker performs by saying "je veux / je tiens à / je voudrais" + the verb.
_PERFORMING_VERBS = {"vouloir", "tenir", "souhaiter"}
_SPEECH_ACTS = {"ACCUSE", "SUPPORT", "REQUEST", "REJECT"}


def _performative(chain: list[Token], kind: str) -> bool:
    """ "Je veux saluer l'appui de X", "nous tenons à condamner": in the first person, wanting to
    greet or condemn is greeting or condemning."""
    if len(chain) < 2 or kind not in _SPEECH_ACTS or chain[0].pos_ != "VERB":
        return False
    governor = chain[1]
    if normalise(governor.lemma_) not in _PERFORMING_VERBS:
        return False
    words = _tense_words(governor)
    first = any("1" in _morph(w, "Person") for w in words) or any(
        c.dep_ == "nsubj" and normalise(c.text) in {"je", "j'", "nous"} for c in governor.children
    )
    return first and not any(_tagged(w, "Tense", "Fut", _FUTURE_ENDINGS) for w in words)


def is_negated(trigger: Trigger) -> bool:
    """Whether a negation reaches the trigger or the verb right above it."""
    return any(_is_negated(verb) for verb in _verb_chain(trigger.head)[:2])


def modality_of(
    trigger: Trigger, approvals: frozenset[str] = frozenset()
) -> tuple[str | None, Token | None]:
    """The optional modality of ``trigger``'s event (or None) and the verb that governs its intent.

    ``approvals``: lemmas whose negation is a disapproval ("ne tolérerons pas"); as the verb
    above an event they do not negate it ("nous ne tolérerons pas cette annexion": the
    annexion is told as done).

    The second value is the governing intent verb ("veut rencontrer"), which the coder may use to
    turn a meeting into an agreement to meet.
    """
    rule, head = trigger.rule, trigger.head
    chain = _verb_chain(head)
    intent: Token | None = None
    if head.pos_ in {"NOUN", "PROPN"}:
        for child in head.children:
            if child.dep_ in {"amod", "acl"} and normalise(child.lemma_) in _PLAN_ADJECTIVES:
                return "planned", None
    performative = _performative(chain, rule.type)
    for position, verb in enumerate(chain):
        if position == 1 and performative:
            continue  # "je veux saluer", "je voudrais remercier": the greeting is made here
        # Negation reaches the trigger and the verb right above it ("ne veut pas rencontrer"),
        # not a clause further up.
        # "n'est pas acceptable": for an only_negated word the negation is the disapproval
        # itself; its other modalities still count ("ne serait pas acceptable").
        if position == 1 and normalise(verb.lemma_) in approvals:
            continue  # what is (not) tolerated is a fact, whatever the verb's tense
        negation_is_sense = rule.keeps_negation or rule.only_negated
        if position <= 1 and not negation_is_sense and _is_negated(verb):
            return "negated", None
        if any(normalise(c.lemma_) == "si" and c.dep_ == "mark" for c in verb.children):
            return "hypothetical", None
        words = _tense_words(verb)
        if any(_tagged(w, "Mood", "Cnd", _CONDITIONAL_ENDINGS) for w in words):
            return "conditional", None
        lemma = normalise(verb.lemma_)
        if position > 0 and lemma in INTENT_VERBS and intent is None:
            intent = verb
        if position > 0 and lemma in _POSSIBILITY_VERBS:
            return "hypothetical", None
        if rule.promise:
            continue
        if any(_tagged(w, "Tense", "Fut", _FUTURE_ENDINGS) for w in words):
            return "future", intent
        if position > 0 and lemma in _PLAN_VERBS:
            return "planned", intent
        if any(c.dep_ == "advmod" and normalise(c.text) in _GENERIC_ADVERBS for c in verb.children):
            return "generic", None
    return None, intent
