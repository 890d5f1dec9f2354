"""Who acts and who undergoes, from the dependency parse, for any language with a profile.

The rules are the few that hold across languages: the subject of a verb acts and its object
undergoes; a passive turns them round and the agent phrase ("by X") names the actor; a noun's
possessive ("Russia's strikes") or nationality ("Russian strikes") names the actor, its "of X"
names the actor or the one acted upon as the lexicon entry says; a preposition of the profile's
recipient list ("sanctions against X", "talks with X") names the one acted upon. A noun that is the
object of another verb borrows that verb's subject ("Russia launched an offensive").

An argument phrase is resolved to actors by the mentions the actors stage found in it, else by a
country, nationality, capital or organisation name of the knowledge base inside it, with the sector
its head noun gives (``sectors`` in the profile); a body the profile knows by its head noun ("the
police", "protesters") with no nationality takes the country of a place named in its sentence
("in Minsk"); an organisation the parser names but the knowledge base does not know gets the
guidelines' ``ORG:`` code. A phrase that names someone (a person or body the parser marks, or a
sector noun) but resolves to nothing known stays unresolved: an actor with the code
:data:`UNRESOLVED` and the text seen, never a guess from the rest of the document; the coder makes
such an event vague (optional, GUIDELINES 2).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from annales.actors.context import is_dateline
from annales.actors.kb import KnowledgeBase
from annales.events.lexicon import TriggerRule, normalise
from annales.lang import LanguageProfile
from annales.model import Actor, Place
from annales.places.gazetteer import resolve_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "UNRESOLVED", "Arguments", "PhraseResolver", "find_arguments", "named_subject", "phrase",
]  # fmt: skip

UNRESOLVED = "---"  # the code of an actor named in the text that annales cannot code

_NAME_KINDS = ("org", "country", "capital", "metonym", "demonym")
_VERB_POS = {"VERB", "AUX"}


class _Name(NamedTuple):
    kind: str  # country, capital, org, metonym, demonym
    code: str
    sector: str | None


@dataclass
class Arguments:
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)  # the words that named them
    how: list[str] = field(default_factory=list)  # how each was found, for `annales explain`


def phrase(token: Token, profile: LanguageProfile) -> list[Token]:
    """The noun phrase of ``token`` without the clauses hanging off it."""
    clause = profile.dep("clause")
    kept = [token]
    for child in token.children:
        if (
            child.dep_ == "punct"
            or child.is_space
            or (child.dep_ in clause and child.pos_ in _VERB_POS)
        ):
            continue
        if child.dep_ in profile.dep("relative"):
            continue
        kept.extend(phrase(child, profile))
    return sorted(kept, key=lambda t: t.i)


class PhraseResolver:
    """Actors named by a phrase: the actors stage's mentions, else knowledge-base names in it."""

    def __init__(
        self,
        doc: Doc,
        mentions: Iterable[Actor],
        kb: KnowledgeBase,
        profile: LanguageProfile,
        places: Iterable[Place] = (),
    ) -> None:
        self.profile = profile
        # Who "he", "she", "they" may stand for: the actors the subject of the latest sentence
        # that named a known one named (the coder moves it along, sentence after sentence).
        self.antecedents: list[Actor] = []
        # The country of the places of each sentence, by the sentence's first token.
        self.place_country: dict[int, str] = {}
        for place in places:
            if place.country and place.start is not None and place.end is not None:
                span = doc.char_span(place.start, place.end, alignment_mode="expand")
                if span is not None:
                    self.place_country.setdefault(span.sent.start, place.country)
        self.by_token: dict[int, list[Actor]] = {}
        for actor in mentions:
            if actor.start is None or actor.end is None:
                continue
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            for token in span or ():
                self.by_token.setdefault(token.i, []).append(actor)
        self.names: dict[int, _Name] = {}  # token -> the knowledge-base name it is part of
        index = kb.index(profile.code)
        for match in index.match(doc):
            entry = match.first(*_NAME_KINDS)
            if entry is None or is_dateline(doc, match.start, match.end):
                continue
            for i in range(match.start, match.end):
                self.names[i] = _Name(entry.kind, entry.ref, entry.sector)
        # Plural nationalities ("Armenians") are in the index by their singular.
        endings = profile.word("plural_endings")
        for token in doc:
            if token.i in self.names or not token.text[:1].isupper():
                continue
            singulars = {token.lemma_} | {
                token.text[: -len(e)] for e in endings if token.text.endswith(e)
            }
            for singular in singulars - {token.text}:
                found = [e for e in index.lookup(singular) if e.kind == "demonym"]
                if found:
                    self.names[token.i] = _Name("demonym", found[0].ref, None)
                    break

    def covered(self) -> set[int]:
        """Tokens that name an actor and so carry no event ("Russian" in "Russian strikes" names
        the author; "strikes" stays free)."""
        return set(self.by_token) | {i for i, name in self.names.items() if name.kind != "demonym"}

    def resolve(
        self, tokens: list[Token], rule: str, *, acting: bool = False, named_only: bool = False
    ) -> list[Actor]:
        """Distinct actors named in ``tokens`` (text order). ``acting``: the phrase is the one
        that acts (a subject, an agent), so any noun or pronoun names someone, known or not;
        ``named_only``: only the actors stage's mentions and knowledge-base names count (a
        modifier: "the Kyiv attack" names where, not who)."""
        found: list[Actor] = []
        seen: set[str] = set()
        head = _phrase_head(tokens, self.profile)
        if head is None:
            return []
        organisation = self._unknown_organisation(head, rule)
        if organisation is not None:
            return [organisation]
        for token in tokens:
            for actor in self.by_token.get(token.i, ()):
                if named_only and (actor.rule or "").startswith("kb:capital"):
                    continue  # "the Kyiv attack": a city before a noun says where, not who
                if actor.code not in seen:
                    seen.add(actor.code)
                    found.append(actor)
        if found:
            return found
        sector = self.profile.sectors.get(normalise(head.lemma_)) or self.profile.sectors.get(
            normalise(head.text)
        )
        for token in tokens:
            name = self.names.get(token.i)
            if name is None or name.code in seen or (named_only and name.kind == "capital"):
                continue
            seen.add(name.code)
            kind = name.kind
            found.append(
                Actor(
                    code=name.code,
                    sector=sector or name.sector,
                    text=token.doc[tokens[0].i : tokens[-1].i + 1].text,
                    start=tokens[0].idx,
                    end=tokens[-1].idx + len(tokens[-1].text),
                    rule=f"{rule}:{kind}",
                    confidence=0.7 if kind == "demonym" else 0.85,
                )
            )
        if found or named_only:
            return found
        return self._unnamed(tokens, head, sector, rule, acting)

    def _unnamed(
        self, tokens: list[Token], head: Token, sector: str | None, rule: str, acting: bool
    ) -> list[Actor]:
        """A body known by its head noun, placed by its sentence ("police ... in Minsk")."""
        country = self.place_country.get(head.sent.start)
        text = head.doc[tokens[0].i : tokens[-1].i + 1].text
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if not acting and head.pos_ == "PROPN":
            # A town shelled, a region invaded: the one acted upon is its state.
            placed = self.place_state(tokens, rule)
            if placed:
                return placed
        if sector is not None and country is not None:
            return [Actor(code=country, sector=sector, text=text, start=start, end=end,
                          rule=f"{rule}:sector+clause-place", confidence=0.5)]  # fmt: skip
        third_person = normalise(head.text) in self.profile.word("third_person")
        if head.pos_ == "PRON" and third_person and self.antecedents:
            # "he said", "they agreed": the subject named just before
            return [
                replace(a, text=text, start=start, end=end, rule=f"{rule}:pronoun",
                        confidence=round(min(a.confidence, 0.6), 3))
                for a in self.antecedents
            ]  # fmt: skip
        someone = acting and head.pos_ in {"NOUN", "PROPN", "PRON"} and not head.like_num
        if someone or sector is not None or head.ent_type_ in self.profile.places.name_entities:
            return [Actor(code=UNRESOLVED, sector=sector, text=text, start=start, end=end,
                          rule=f"{rule}:unresolved", confidence=0.2)]  # fmt: skip
        return []

    def place_state(self, tokens: list[Token], rule: str) -> list[Actor]:
        """The state of the place ``tokens`` name ("Kharkiv": UKR), or nothing."""
        text = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
        place = resolve_place(text, country_hints=list(self.place_country.values()))
        if place is None or not place.country:
            return []
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return [Actor(code=place.country, text=text, start=start, end=end,
                      rule=f"{rule}:place", confidence=0.5)]  # fmt: skip

    def _unknown_organisation(self, head: Token, rule: str) -> Actor | None:
        """An organisation the parser names around the head that the knowledge base does not know
        (at most a nationality inside it: "the American Civil Liberties Union"): ``ORG:NAME``."""
        if head.ent_type_ != "ORG" or normalise(head.lemma_) in self.profile.sectors:
            return None
        entity = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        if entity is None:
            return None
        for token in entity:
            name = self.names.get(token.i)
            if name is not None and name.kind != "demonym":
                return None
            if any(
                not (a.rule or "").startswith("kb:demonym") for a in self.by_token.get(token.i, ())
            ):
                return None
        articles = self.profile.word("articles")
        words = [w for w in entity.text.split() if normalise(w) not in articles]
        code = "ORG:" + "_".join("".join(ch for ch in w.upper() if ch.isalnum()) for w in words)
        return Actor(code=code, sector=None, text=entity.text, start=entity.start_char,
                     end=entity.end_char, rule=f"{rule}:named-organisation",
                     confidence=0.5)  # fmt: skip


def _phrase_head(tokens: list[Token], profile: LanguageProfile) -> Token | None:
    """The word the phrase hangs from; through a quantity ("dozens of activists") its noun."""
    inside = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), None)
    if head is None:
        return head
    if head.like_num or normalise(head.lemma_) in profile.word("quantity_nouns"):
        for _marker, noun in _marked(head, profile):
            return noun
    return head


def _children(token: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _marked(token: Token, profile: LanguageProfile) -> list[tuple[str, Token]]:
    """(preposition, noun) pairs of the complements of ``token``, in either parse scheme: the
    preposition heading its noun ("against" -> "Russia") or hanging under it ("contre" <-
    "Russie")."""
    found = []
    markers, objects = profile.dep("marker"), profile.dep("marker_object")
    for child in token.children:
        if child.dep_ in markers and objects:
            for noun in _children(child, objects):
                found.append((normalise(child.text), noun))
        elif not objects:
            for case in child.children:
                if case.dep_ in markers and case.i < child.i:
                    found.append((normalise(case.text), child))
    return found


def named_subject(sent: Span, resolver: PhraseResolver, profile: LanguageProfile) -> list[Actor]:
    """The known actors the subject of ``sent``'s main verb names (none for "it", "---")."""
    subject, _passive = _subject(sent.root, profile)
    if subject is None:
        return []
    actors = resolver.resolve(phrase(subject, profile), "syntax:subject")
    return [a for a in actors if a.code != UNRESOLVED]


def _subject(verb: Token, profile: LanguageProfile) -> tuple[Token | None, bool]:
    """The subject of ``verb`` (climbing to the verb it is coordinated with or governed by), and
    whether it is a passive subject."""
    current = verb
    for _ in range(4):
        active = _children(current, profile.dep("subject"))
        if active:
            # Two subjects are a misparse ("MANILA, July 8 - Japan signed"): the one nearest
            # before the verb is its own.
            before = [s for s in active if s.i < current.i]
            return (before[-1] if before else active[0]), False
        passive = _children(current, profile.dep("passive_subject"))
        if passive:
            return passive[0], True
        if current.dep_ in profile.dep("relative") and current.head.i != current.i:
            return current.head, False  # "the forces that attacked": the noun is the subject
        if current.dep_ not in profile.dep("shares_subject") or current.head.i == current.i:
            break
        governor = current.head
        if current.dep_ in profile.dep("object_control") and normalise(
            governor.lemma_
        ) in profile.word("control_verbs"):
            # "urged Iran to release", "called on Russia to withdraw": the one asked acts.
            asked = _children(governor, profile.dep("object")) + [
                noun for marker, noun in _marked(governor, profile)
                if marker in profile.word("control_markers")
            ]  # fmt: skip
            if asked:
                return asked[0], False
        current = governor
    return None, False


def _accused(head: Token, profile: LanguageProfile) -> Token | None:
    """ "accused Ukraine of shelling the plant": the one accused of the act is its actor."""
    current = head
    for _ in range(3):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in _VERB_POS:
            break
    if normalise(current.lemma_) not in profile.word("allegation_verbs"):
        return None
    objects = _children(current, profile.dep("object"))
    return objects[0] if objects else None


def find_arguments(
    head: Token,
    rule: TriggerRule,
    resolver: PhraseResolver,
    profile: LanguageProfile,
    trigger_heads: Collection[int] = (),
) -> Arguments:
    """The actors and recipients of the trigger whose syntactic head is ``head``; the heads of
    the sentence's other triggers (``trigger_heads``) lend no subject: who condemns an attack
    did not make it."""
    args = Arguments()

    def take(token: Token | None, role: str, how: str, *, named_only: bool = False) -> None:
        """Resolve the phrase of ``token`` as actors or recipients; ``named_only``: only a name
        the knowledge base knows counts ("Russian strikes", not "access agreement")."""
        if token is None:
            return
        words = phrase(token, profile)
        acting = role == "actor" and not named_only
        actors = resolver.resolve(words, f"syntax:{how}", acting=acting, named_only=named_only)
        target = args.actors if role == "actor" else args.recipients
        for actor in actors:
            if actor.code not in {a.code for a in target}:
                target.append(actor)
        if actors:
            args.tokens.extend(words)
            args.how.append(f"{role} from {how}: {' '.join(t.text for t in words)}")

    recipient_markers = profile.word("recipient_markers")
    agent_markers = profile.word("agent_markers")
    is_verb = head.pos_ in _VERB_POS and rule.pos != "noun"
    if is_verb:
        subject, passive = _subject(head, profile)
        subject_role = "recipient" if passive else "actor"
        if rule.subject_role == "recipient" or (passive and rule.own_object):
            # "troops were deployed": what is sent is the actor's own, so it names the actor.
            subject_role = "actor" if passive else "recipient"
        take(subject, subject_role, "passive subject" if passive else "subject")
        if not rule.own_object:  # "recalled its ambassador": its own, not a recipient
            for obj in _children(head, profile.dep("object")):
                take(obj, "recipient", "object")
        for agent in _children(head, profile.dep("agent")):
            for noun in _children(agent, profile.dep("marker_object")) or [agent]:
                take(noun, "actor", "agent")
    else:
        for owner in _children(head, profile.dep("possessive")):
            if owner.pos_ != "PRON":  # "its support": whose is said by the verb it hangs from
                take(owner, "actor", "possessive")
        for modifier in _children(head, profile.dep("modifier")):
            if modifier.i < head.i:
                named = len(args.actors)
                take(modifier, "actor", "modifier", named_only=True)
                if len(args.actors) == named and modifier.pos_ == "PROPN":
                    # "the Kyiv attack", "a Gaza offensive": the place is where it struck.
                    placed = resolver.place_state(phrase(modifier, profile), "syntax:modifier")
                    args.recipients.extend(p for p in placed if p.code not in
                                           {r.code for r in args.recipients})  # fmt: skip
    for marker, noun in _marked(head, profile):
        if marker in agent_markers:
            take(noun, "actor", f"'{marker}'")
        elif marker in profile.word("genitive_markers"):
            take(noun, rule.de_role, f"'{marker}'")
        elif marker in recipient_markers:
            take(noun, "recipient", f"'{marker}'")
    if not args.actors:
        accused = _accused(head, profile)
        if accused is not None:
            take(accused, "actor", "the accused")
    if not args.actors and not is_verb and head.head.i != head.i:
        # "Russia launched an offensive on X", "began a new round of exercises": the verb the
        # noun is the object of (through prepositions and nouns of quantity) lends its subject.
        governor = head.head
        complements = profile.dep("object") | profile.dep("marker_object")
        if head.dep_ in complements:
            for _ in range(4):
                if governor.pos_ in _VERB_POS or governor.head.i == governor.i:
                    break
                if governor.dep_ not in profile.dep("marker") | complements:
                    break
                governor = governor.head
            subject, passive = _subject(governor, profile)
            if not passive and governor.i not in trigger_heads:
                take(subject, "actor", "subject of its verb")
    # An actor is not its own recipient, unless the act is internal: the police of a state
    # against that state's opposition (GUIDELINES 4).
    acting = {(a.code, a.sector) for a in args.actors}
    args.recipients = [r for r in args.recipients if (r.code, r.sector) not in acting]
    return args
