"""Which way the verb governing a time expression points, read from a parsed spaCy ``Doc``.

Used only when the caller passes the ``Doc`` of the text: the morphology of the governing verb
is more reliable than the word cues of the grammars. Returns ``"present"`` when the verb is in
the present (no direction: the expression keeps its default), ``None`` when no verb governs the
expression (the caller then falls back on word cues).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from annales.time.lexicon_fr import CONDITIONAL_WORD as _CONDITIONAL
from annales.time.rules import Reading

if TYPE_CHECKING:
    from spacy.tokens import Doc, MorphAnalysis, Token

__all__ = ["tense_from_doc"]

_FUTURE_LEMMAS = frozenset({"prévoir", "programmer", "planifier", "envisager"})
_PERIPHRASTIC = frozenset({"aller", "devoir", "compter", "entendre", "pouvoir"})
_TENSE_AUX = ("aux:tense", "aux")
# A future the model mislabels ("votera" read as a participle): the ending settles it.
_FUTURE_FORM = re.compile(
    r"\w{2,}(?:era|eront|ira|iront|dra|dront|rra|rront|vra|vront|ura|uront)$", re.IGNORECASE
)


def _feats(morph: MorphAnalysis, field: str) -> list[str]:
    return list(morph.get(field, []))


def _governing_verb(token: Token) -> Token | None:
    seen = 0
    while seen < 12:
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in (*_TENSE_AUX, "aux:pass", "cop"):
            return token
        if token.head is token:
            return token if token.pos_ in {"VERB", "AUX"} else None
        token, seen = token.head, seen + 1
    return None


def _points_ahead(token: Token) -> bool:
    """A future or conditional form ("sera", "devrait"), or a verb of plan ("doit")."""
    morph = token.morph
    return (
        "Fut" in _feats(morph, "Tense")
        or "Cnd" in _feats(morph, "Mood")
        or bool(_CONDITIONAL.match(token.text))
        or bool(_FUTURE_FORM.match(token.text))
    )


def _passive_reading(verb: Token) -> Reading:
    """The reading a passive auxiliary gives: "sera examiné", "est organisée", "a été reçu"."""
    children = list(verb.children)
    tense_aux = [c for c in children if c.dep_ in _TENSE_AUX and c.pos_ == "AUX"]
    for child in children:
        if child.dep_ != "aux:pass":
            continue
        if _points_ahead(child):
            return "future"
        if "Pres" in _feats(child.morph, "Tense") and not tense_aux:
            return "present"  # "Une marche est organisée samedi": an announcement
    head = verb.head
    ahead = head.pos_ in {"VERB", "AUX"} and (_points_ahead(head) or head.lemma_ in _PERIPHRASTIC)
    if verb.dep_ == "xcomp" and ahead:
        return "future"  # "devrait être prise", "doit être adopté"
    return None


def _verb_reading(verb: Token) -> Reading:
    morph = verb.morph
    passive = _passive_reading(verb)
    if passive is not None:
        return passive
    for child in verb.children:
        if child.dep_ in _TENSE_AUX and child.pos_ == "AUX":
            aux = child.morph
            if "Fut" in _feats(aux, "Tense") and "Part" in _feats(morph, "VerbForm"):
                return "future"  # "aura signé": done before a future point
            if "Part" in _feats(morph, "VerbForm"):
                return "past"  # passé composé, plus-que-parfait, conditionnel passé
            if child.lemma_ in _PERIPHRASTIC and "Inf" in _feats(morph, "VerbForm"):
                return "future"  # "va signer", "doit signer"
            if child.lemma_ in {"avoir", "être"} and "Fut" not in _feats(aux, "Tense"):
                return "past"  # "a évacué" that the model reads as an infinitive
    if _points_ahead(verb):
        return "future"  # the model often tags the conditional as an imperfect: read the form too
    if (
        "Past" in _feats(morph, "Tense")
        and "Fin" in _feats(morph, "VerbForm")
        and verb.text.lower().endswith("it")
    ):
        # "se réunit": the present and the passé simple of -ir verbs look alike, and news
        # seldom writes the passé simple.
        return "present"
    if set(_feats(morph, "Tense")) & {"Imp", "Past"} and "Part" not in _feats(morph, "VerbForm"):
        return "past"
    if "Part" in _feats(morph, "VerbForm"):
        return "future" if verb.lemma_ in _FUTURE_LEMMAS else "past"
    if verb.lemma_ in _PERIPHRASTIC and any(
        c.dep_ == "xcomp" and "Inf" in _feats(c.morph, "VerbForm") for c in verb.children
    ):
        return "future"
    head = verb.head
    if "Inf" in _feats(morph, "VerbForm") and head.lemma_ in _PERIPHRASTIC and verb.dep_ == "xcomp":
        return "future"  # "va se rendre lundi"
    if "Pres" in _feats(morph, "Tense") or "Inf" in _feats(morph, "VerbForm"):
        return "present"  # no direction: "avant de quitter ses fonctions le 30 octobre"
    return None


def tense_from_doc(doc: Doc, start: int, end: int) -> Reading:
    """The reading of the verb that governs the tokens of ``doc.text[start:end]``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    if root.pos_ in {"VERB", "AUX"} and root.head is not root:
        root = root.head  # "dimanche" mistagged as a verb governs nothing: start above it
    verb = _governing_verb(root)
    return _verb_reading(verb) if verb is not None else None
