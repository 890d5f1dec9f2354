"""Find lexicon triggers in a parsed sentence."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annales.events.lexicon import Lexicon, TriggerRule, normalise
from annales.lang import LanguageProfile, get_profile

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["NAMED_PERSON", "Trigger", "find_triggers", "is_reflexive", "marker_word"]

# In a lexicon entry's ``requires_object``: a person the parser names counts as an object.
NAMED_PERSON = "<person>"

_VERB_POS = {"VERB", "AUX"}
_NOUN_POS = {"NOUN", "PROPN"}
# Between the words of a multi-word trigger we allow an adverb, adjective or determiner
# ("a lancé un sérieux avertissement").
_SKIPPABLE = {"ADV", "ADJ", "DET"}
_MAX_SKIPS = 2


@dataclass
class Trigger:
    """A lexicon rule matched at some tokens; ``head`` carries the event's syntax."""

    rule: TriggerRule
    head: Token
    tokens: list[Token]

    @property
    def start_char(self) -> int:
        return int(self.tokens[0].idx)

    @property
    def end_char(self) -> int:
        last = self.tokens[-1]
        return int(last.idx + len(last.text))

    @property
    def text(self) -> str:
        return str(self.head.doc[self.tokens[0].i : self.tokens[-1].i + 1].text)


def _keys(token: Token, profile: LanguageProfile) -> list[str]:
    lemma, text = normalise(token.lemma_), normalise(token.text)
    keys = [lemma] if lemma == text else [lemma, text]
    # Verbs the lemmatizer leaves inflected ("demande", "menaçant" in French).
    return keys + profile.lemma_variants(lemma, token.pos_ in _VERB_POS)


def _match_sequence(
    sent: Span, start: int, lemmas: tuple[str, ...], profile: LanguageProfile
) -> list[Token] | None:
    """Tokens matching ``lemmas`` from sentence position ``start``, allowing a few fillers."""
    matched = [sent[start]]
    position, skips = start + 1, 0
    for lemma in lemmas[1:]:
        while position < len(sent):
            token = sent[position]
            if lemma in _keys(token, profile):
                matched.append(token)
                position += 1
                break
            if token.pos_ in _SKIPPABLE and skips < _MAX_SKIPS:
                skips += 1
                position += 1
                continue
            return None
        else:
            return None
    return matched


def _head_of(tokens: list[Token], pos: str) -> Token | None:
    wanted = _VERB_POS if pos == "verb" else _NOUN_POS if pos == "noun" else None
    for token in tokens:
        if wanted is None and token.pos_ in _VERB_POS | _NOUN_POS:
            return token  # "en visite": the noun, not the preposition, carries the syntax
        if wanted is not None and token.pos_ in wanted:
            return token
    return tokens[0] if wanted is None else None


def marker_word(marker: Token) -> str:
    """The preposition or conjunction ``marker`` as a normalised word.

    Prepositions are invariable: the word itself, except for contractions ("au" = "à le") and
    elisions ("d'"), is safer than the lemmatizer's guess (which reads "entre" as the verb
    "entrer", "sous" as "sou").
    """
    word = normalise(marker.text)
    contracted = get_profile(marker.doc.lang_).word("contracted_markers")
    return normalise(marker.lemma_) if word in contracted or word.endswith("'") else word


def _as_written(marker: str, profile: LanguageProfile) -> str:
    """A marker as the lexicon's ``requires`` writes it: "au calme" requires "à" (the event
    model keeps reading the marker as the parser gives it: its features were trained so)."""
    return profile.contractions.get(marker, marker)


def _markers_below(head: Token, profile: LanguageProfile) -> set[str]:
    """Prepositions and complementisers introducing the trigger's complements ("appeler à",
    "call on")."""
    found = set()
    subjects = profile.dep("subject") | profile.dep("passive_subject")
    markers = profile.dep("marker")
    for child in head.children:
        if child.dep_ in subjects:
            continue
        for token in child.subtree:
            if token.dep_ not in markers or token.i < head.i:
                continue
            # The parser may hang "à établir" under a noun of the object ("appelle tous les
            # Etats appliquant encore la peine de mort à établir"): look three levels down.
            depth, current = 0, token.head
            while current.i != head.i and depth < 3 and current.head.i != current.i:
                current, depth = current.head, depth + 1
            if current.i == head.i:
                found.add(_as_written(marker_word(token), profile))
    return found


def _objects_below(head: Token, profile: LanguageProfile) -> set[str]:
    """Lemmas of the trigger's complements (objects, obliques, noun modifiers, passive
    subjects), two levels deep; time phrases ("last week") are not complements.

    A participle's own noun counts too: "les troupes déployées" deploys troops.
    """
    found = {normalise(head.head.lemma_)} if head.dep_ == "acl" else set()
    skipped = {"nsubj", "punct", "cc", "conj"} | profile.dep("time_modifier")
    people = profile.places.person_entities
    for child in head.children:
        if child.dep_ in skipped:  # a passive subject is an object
            continue
        for word in (child, *child.children):
            found.add(normalise(word.lemma_))
            if word.ent_type_ in people:
                found.add(NAMED_PERSON)  # "release Pablo Moncayo": a named person
    return found


def is_reflexive(verb: Token) -> bool:
    """Whether the verb carries "se" ("s'est entretenu", "se sont accordés")."""
    return any(normalise(c.lemma_) in {"se", "s'"} for c in verb.children)


def _fits(rule: TriggerRule, head: Token, profile: LanguageProfile) -> bool:
    if rule.reflexive and not is_reflexive(head):
        return False
    if rule.requires or rule.excludes:
        markers = _markers_below(head, profile)
        if rule.requires and not markers & set(rule.requires):
            return False
        if rule.excludes and markers & set(rule.excludes):
            return False
    return not (
        rule.requires_object and not _objects_below(head, profile) & set(rule.requires_object)
    )


def find_triggers(sent: Span, lexicon: Lexicon, blocked: Collection[int] = ()) -> list[Trigger]:
    """Every trigger of ``sent``; tokens in ``blocked`` (actor names) never trigger.

    Longer sequences win over shorter ones, and a token belongs to at most one trigger.
    """
    profile = get_profile(lexicon.lang)
    found: list[Trigger] = []
    used: set[int] = set(blocked)
    for position, token in enumerate(sent):
        if token.i in used or token.is_punct:
            continue
        for key in _keys(token, profile):
            for rule in lexicon.by_first.get(key, ()):
                tokens = _match_sequence(sent, position, rule.lemmas, profile)
                if tokens is None or any(t.i in used for t in tokens):
                    continue
                head = _head_of(tokens, rule.pos)
                if head is None or not _fits(rule, head, profile):
                    continue
                found.append(Trigger(rule=rule, head=head, tokens=tokens))
                used.update(t.i for t in tokens)
                break
            else:
                continue
            break
    return found
