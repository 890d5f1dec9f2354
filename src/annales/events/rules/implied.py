"""Arguments the sentence leaves to the reader: who asks when something "must" happen, and whose
act a possessive ("son retrait", "leur soutien") names.

Both are read off the parse and the discourse, never guessed: when no speaker or no owner can be
found, the argument stays empty and the coder says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annales.events.lexicon import normalise
from annales.events.rules.arguments import (
    FIRST_PERSON,
    SPEECH_VERBS,
    Discourse,
    MentionIndex,
    subject_of,
)
from annales.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "WRONGDOING_NOUNS",
    "is_necessity",
    "owned_by_several",
    "owned_by_speaker",
    "owner_of",
    "possessive_of",
    "speaker_of",
]

# "X doit cesser", "il faut que X", "il est indispensable que X": the speaker asks X to act.
_NECESSITY_VERBS = {"devoir", "falloir"}
_NECESSITY_ADJECTIVES = {
    "necessaire", "indispensable", "imperatif", "essentiel", "urgent", "crucial", "vital",
    "primordial", "imperieux",
}  # fmt: skip
# Nouns that name a wrong: whoever did it is accused by the speaker, it accuses no one itself
# ("une violation grave par l'Iran de ses engagements", "les crimes de guerre russes").
WRONGDOING_NOUNS = {
    "violation", "crime", "manquement", "atteinte", "exaction", "ingerence", "abus",
    "infraction", "agissement", "provocation", "derive", "forfaiture", "trahison", "mensonge",
    "desinformation", "propagande", "insulte", "calomnie",
}  # fmt: skip
_FIRST_PERSON_OWNERS = {"notre", "nos", "mon", "ma", "mes"}
_THIRD_PERSON_OWNERS = {"son", "sa", "ses"}
_PLURAL_OWNERS = {"leur", "leurs"}


def is_necessity(head: Token) -> bool:
    """Whether the trigger states an obligation rather than an act ("doit", "indispensable")."""
    lemma = normalise(head.lemma_)
    if lemma in _NECESSITY_VERBS:
        return True
    # Only as a predicate ("est indispensable"): "l'indispensable travail de la Cour" asks nothing.
    predicate = any(c.dep_ == "cop" for c in head.children)
    return head.pos_ == "ADJ" and lemma in _NECESSITY_ADJECTIVES and predicate


def speaker_of(head: Token, mentions: MentionIndex, discourse: Discourse) -> list[Actor]:
    """Who states the obligation: the subject of a verb of saying that carries the clause
    ("« Israël doit cesser », a insisté la ministre"), else the document's issuer.

    A news story without an issuer and without a verb of saying has no speaker: "le sommet doit
    se tenir en mars" schedules, it asks nobody.
    """
    sent = head.sent
    for token in sent:
        if token.i == head.i or token.pos_ not in {"VERB", "AUX"}:
            continue
        if normalise(token.lemma_) not in SPEECH_VERBS:
            continue
        if not _carries(token, head):
            continue
        subject, passive = subject_of(token)
        found = mentions.in_tokens(subject)
        if found and not passive:
            return found
        if any(normalise(t.text) in FIRST_PERSON for t in subject) and discourse.issuer:
            return list(discourse.issuer)
    return list(discourse.issuer)


def _carries(verb: Token, head: Token) -> bool:
    """Whether ``head``'s clause is what ``verb`` reports: its complement, or the quotation the
    parser hung the incise from ("« ... », a déclaré X")."""
    if verb.head.i == head.i and verb.dep_ in {"parataxis", "ccomp", "advcl", "conj"}:
        return True
    current = head
    for _ in range(4):
        if current.head.i == current.i:
            return False
        if current.head.i == verb.i:
            return current.dep_ in {"ccomp", "parataxis", "xcomp", "obj", "csubj"}
        current = current.head
    return False


def owner_of(
    determiner: Token, head: Token, mentions: MentionIndex, discourse: Discourse, excluded: set[int]
) -> list[Actor]:
    """The actors a possessive determiner of an event noun stands for, when no verb above the
    noun lends its subject.

    "notre soutien" is the issuer's; "la Corée du Nord et son tir de missile" is the nearest actor
    before it that agrees in number ("leur" wants several), skipping ``excluded`` tokens (the
    subject of a verb that reacts to the act: "la France condamne son tir" does not fire);
    at the start of a sentence, the last subject told.
    """
    if owned_by_speaker(determiner):
        return list(discourse.issuer)
    if normalise(determiner.text) not in _THIRD_PERSON_OWNERS | _PLURAL_OWNERS:
        return []  # "votre", "vos": the addressee, unnamed
    plural = owned_by_several(determiner)
    inside = {t.i for t in head.subtree}
    before = [
        t for t in head.sent
        if t.i < head.i and t.i not in inside and t.i in mentions.by_token
    ]  # fmt: skip
    if not before:
        return list(discourse.last_subject)
    for token in reversed(before):
        if token.i not in excluded and _is_plural(token, mentions) == plural:
            return list(mentions.by_token[token.i])
    return []


def owned_by_speaker(determiner: Token) -> bool:
    """ "notre", "nos", "mon": the act is the speaker's own."""
    return normalise(determiner.text) in _FIRST_PERSON_OWNERS


def owned_by_several(determiner: Token) -> bool:
    """ "leur", "leurs": the act is several actors' together."""
    return normalise(determiner.text) in _PLURAL_OWNERS


def possessive_of(head: Token) -> Token | None:
    """The possessive determiner of a noun ("son", "leur", "nos"), if any."""
    for child in head.children:
        if child.dep_ == "det" and "Yes" in child.morph.get("Poss", []):
            return child
    return None


def _is_plural(token: Token, mentions: MentionIndex) -> bool:
    """Whether a mention stands for several ("les rebelles", "la France et l'Allemagne")."""
    root = token
    while root.head.i != root.i and root.head.i in mentions.by_token and root.dep_ != "conj":
        root = root.head
    if root.dep_ == "conj" and root.head.i in mentions.by_token:
        return True
    if any(c.dep_ == "conj" and c.i in mentions.by_token for c in root.children):
        return True
    return "Plur" in root.morph.get("Number", [])
