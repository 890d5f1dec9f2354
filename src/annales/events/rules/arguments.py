"""Who did it, and to whom: actors and recipients of a trigger, read off the dependency parse.

The parse of news French is imperfect, so every rule here is a preference order: the syntactic
reading first (subject, passive agent, objects and obliques, the de/par/entre phrases of nominal
events), then the discourse (a pronoun subject takes the last subject's actors; first-person
communiqués take their issuer).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annales.events.lexicon import normalise
from annales.events.rules.implied import (
    WRONGDOING_NOUNS,
    is_necessity,
    owner_of,
    possessive_of,
    speaker_of,
)
from annales.events.rules.triggers import Trigger, is_reflexive, marker_word
from annales.model import SYMMETRIC_TYPES, Actor
from annales.places import resolve_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "Arguments",
    "Discourse",
    "MentionIndex",
    "case_of",
    "depth_below",
    "find_arguments",
    "subject_of",
]

# Dependents that open another clause: their actors belong to another event.
_CLAUSE_DEPS = {
    "acl:relcl",
    "advcl",
    "ccomp",
    "parataxis",
    "conj",
    "csubj",
    "dislocated",
    "vocative",
}
_SUBJECT_DEPS = {"nsubj", "nsubj:pass", "csubj"}
_COMPLEMENT_DEPS = {
    "dep",
    "obj",
    "iobj",
    "obl",
    "obl:arg",
    "obl:mod",
    "nmod",
    "xcomp",
    "acl",
    "amod",
    "appos",
}
_ACTOR_CASES = {"par"}
_RECIPIENT_CASES = {"avec", "contre", "a", "au", "aux", "envers", "vers", "aupres", "entre", "sur"}
# Recipients further down than this are usually another event's arguments
# ("sont convenus de poursuivre la discussion sur la lutte contre l'EI").
_MAX_DEPTH = 5
_SUPPORT_PARTICIPLES = {
    "mener", "effectuer", "conduire", "lancer", "realiser", "perpetrer", "commettre", "imposer",
    "decreter", "infliger", "operer", "proceder", "organiser", "declencher", "annoncer",
    "proclamer", "declarer", "apporter", "adopter", "prendre", "fournir", "accorder", "exprimer",
    "adresser", "formuler", "emettre", "voter", "signer", "conclure", "negocier", "livrer",
    "appliquer", "entreprendre", "orchestrer", "ordonner", "exercer", "decider", "engager",
}  # fmt: skip
# Verbs of learning, perceiving, narrating and judging: their subject knows of or weighs the event,
# it does not do it ("le Président a appris la libération de l'otage" frees no one). Verbs of
# saying are not among them: "a souligné dans un message de félicitations" is the speaker's act.
_TELLING_VERBS = {
    "apprendre", "savoir", "constater", "observer", "suivre", "craindre", "redouter", "ignorer",
    "decouvrir", "lire", "voir", "entendre", "attendre", "remarquer", "considerer",
    "estimer", "juger", "penser", "croire", "oublier", "analyser", "etudier", "raconter",
    "relater", "rapporter", "decrire", "retracer", "documenter",
}  # fmt: skip
_CONTAINER_NOUNS = {
    "message", "forme", "serie", "vague", "signe", "geste", "lettre", "mot", "note", "train",
    "paquet", "salve", "ensemble", "nombre", "type", "campagne", "programme", "volet", "cycle",
    "round", "declaration", "communique", "telegramme",
}  # fmt: skip
_CALENDAR_WORDS = {
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche",
}  # fmt: skip
# Nouns that only say an act is decided, held or carried on: "a annoncé la tenue d'un sommet",
# "a décidé la mise en oeuvre de sanctions"; whoever does them does the act.
_SUPPORT_NOUNS = {
    "tenue", "mise", "adoption", "lancement", "emission", "imposition", "decision", "choix",
    "annonce", "organisation", "conduite", "signature", "conclusion", "poursuite",
    "intensification", "reprise", "multiplication", "application", "preparation",
    "renforcement", "prolongation", "extension", "elargissement",
}  # fmt: skip
# nouns a support verb reaches through
_EVENT_HOLDERS = _CONTAINER_NOUNS | _CALENDAR_WORDS | _SUPPORT_NOUNS
_SOURCE_CASES = {"selon", "d'apres", "apres"}
_COMPANION_CASES = {"avec"}
_PARTNER_CASES = {"avec", "entre", "a", "aupres", "par"}
_SUPPORTED_DEPS = {"obj", "obl", "obl:arg", "xcomp"}
# "celui-ci" is split into "celui", "-", "ci" by the tokenizer.
_DEMONSTRATIVES = {"celui", "celle", "ceux", "celles"}
_PRONOUNS = {"il", "elle", "ils", "elles", "lui", "on"} | _DEMONSTRATIVES
_FIRST_PERSON = {"nous", "je", "j'"}


@dataclass
class Arguments:
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)
    how: list[str] = field(default_factory=list)  # which rules found them, for explanations
    tokens: set[int] = field(default_factory=set)  # tokens read, to bound the quote


_DEMONYM_NOUN = "kb:demonym+noun"


class MentionIndex:
    """Actor mentions looked up by token."""

    def __init__(self, doc: Doc, actors: Iterable[Actor]) -> None:
        self.by_token: dict[int, list[Actor]] = {}
        for actor in actors:
            if actor.start is None or actor.end is None:
                continue
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, []).append(actor)

    def covered(self) -> set[int]:
        """Tokens that name an actor, and so hold no event; but a noun read as an actor only
        through its nationality adjective ("la médiation française", "le retrait américain")
        is the event, and the adjective its author."""
        return {
            i for i, actors in self.by_token.items()
            if not all(a.rule == _DEMONYM_NOUN for a in actors)
        }  # fmt: skip

    def in_tokens(self, tokens: Iterable[Token]) -> list[Actor]:
        """Distinct actors mentioned in ``tokens``, in text order."""
        seen: set[tuple[str, int | None]] = set()
        found: list[Actor] = []
        for token in sorted(tokens, key=lambda t: t.i):
            for actor in self.by_token.get(token.i, ()):
                key = (actor.code, actor.start)
                if key not in seen:
                    seen.add(key)
                    found.append(actor)
        return found


def _phrase(token: Token) -> list[Token]:
    """The token's subtree without the clauses hanging off it."""
    kept = [token]
    for child in token.children:
        if child.dep_ not in _CLAUSE_DEPS or child.pos_ not in {"VERB", "AUX"}:
            if child.dep_ in {"acl:relcl", "parataxis"}:
                continue
            kept.extend(_phrase(child))
    return kept


def subject_of(verb: Token) -> tuple[list[Token], bool]:
    """The subject phrase of ``verb`` (climbing shared subjects) and whether it is passive."""
    current = verb
    for _ in range(5):
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            # Two subjects are a misparse ("L'Ukraine honore ... sur lesquelles la Russie ...
            # s'étaient accordées"): the one before and nearest the verb is its own.
            before = [s for s in subjects if s.i < current.i]
            subject = before[-1] if before else subjects[0]
            split = {s.i for s in subjects}  # "Celui", "-", "ci" are three subject tokens
            while subject.i - 1 in split:
                subject = subject.doc[subject.i - 1]
            if subject.lower_ == "qui" and current.dep_ == "acl:relcl":
                return _phrase(current.head), False
            if current.i != verb.i:
                # A shared subject: "Nous sommes préoccupés ... et appelons": the voice is the
                # verb's own, not the one of the verb whose subject it borrows.
                return _phrase(subject), _own_passive(verb)
            passive = subject.dep_ == "nsubj:pass" and not _pronominal(current)
            return _phrase(subject), passive and not _moves(current)
        untensed = current.morph.get("VerbForm", []) in (["Part"], ["Ger"], ["Inf"])
        # "en s'emparant": the tagger may call a gerund finite; "en" + "-ant" does not lie.
        gerund = current.lower_.endswith("ant") and any(
            c.dep_ == "mark" and c.lower_ == "en" for c in current.children
        )
        untensed = untensed or gerund
        if current.dep_ == "advcl" and untensed and current.head.i != current.i:
            # "en s'emparant de la Crimée", "craignant un afflux": the main clause's subject.
            current = current.head
            continue
        if current.dep_ in {"conj", "xcomp"} and current.head.i != current.i:
            governor = current.head
            # Object control: in "accuser X d'avoir frappé", "appeler X à cesser", X is the
            # subject of the embedded verb.
            objects = [
                c for c in governor.children if c.dep_ in {"obj", "iobj"} and c.i < current.i
            ]
            if current.dep_ == "xcomp" and objects:
                return _phrase(objects[0]), False
            intent = _intent_noun_before(current)
            if intent is not None:
                # "préoccupés par la décision de la Serbie de relever ...": the parser hangs the
                # infinitive on the verb; the decision's owner acts.
                own = {t.i for t in current.subtree}
                return [t for t in _phrase(intent) if t.i not in own], False
            current = governor
            continue
        finite = "Fin" in current.morph.get("VerbForm", [])
        present_participle = "Part" in current.morph.get("VerbForm", []) and "Pres" in (
            current.morph.get("Tense", [])
        )
        if current.dep_ == "acl" and (
            "Inf" in current.morph.get("VerbForm", []) or present_participle
        ):
            # "la déclaration commune de X et Y, appelant Z à ...": the noun phrase speaks.
            # "la campagne de Moscou pour aider Damas": the noun phrase acts, without the verb.
            own = {t.i for t in current.subtree}
            return [t for t in _phrase(current.head) if t.i not in own], False
        if current.dep_ == "acl:relcl" or (current.dep_ == "acl" and finite):
            # A finite verb the parser hung under a noun: that noun phrase is its subject.
            return _phrase(current.head), False
        break
    return [], False


# Nouns whose "de" + infinitive is what their owner does: "la décision de X de fermer".
_INTENT_HOLDERS = {
    "decision", "intention", "volonte", "tentative", "refus", "choix", "projet", "menace",
    "promesse", "engagement", "annonce", "ordre", "plan",
}  # fmt: skip


def _intent_noun_before(infinitive: Token) -> Token | None:
    """A decision-like noun the parser left beside the infinitive that completes it."""
    if infinitive.dep_ != "xcomp" or "Inf" not in infinitive.morph.get("VerbForm", []):
        return None
    siblings = [
        c for c in infinitive.head.children
        if c.i < infinitive.i and c.pos_ == "NOUN" and normalise(c.lemma_) in _INTENT_HOLDERS
    ]  # fmt: skip
    return siblings[-1] if siblings else None


# Verbs conjugated with "être" that the parser reads as passives: "sont descendus dans la rue"
# is done by its subject.
_ETRE_VERBS = {
    "descendre", "monter", "aller", "venir", "arriver", "partir", "entrer", "sortir", "rester",
    "tomber", "retourner", "rentrer", "revenir", "parvenir", "intervenir", "survenir", "accourir",
    "passer", "repartir", "redescendre",
}  # fmt: skip


def _moves(verb: Token) -> bool:
    """A verb of motion with "être" and no "par" agent: active, whatever the parser says."""
    agent = any(c.dep_ == "obl:agent" for c in verb.children)
    return normalise(verb.lemma_) in _ETRE_VERBS and not agent


def _own_passive(verb: Token) -> bool:
    passive = any(c.dep_ == "aux:pass" for c in verb.children)
    return passive and not _pronominal(verb) and not _moves(verb)


def _pronominal(verb: Token) -> bool:
    """ "se sont accordés", "s'étaient engagés": the parser may read a pronominal verb as a
    passive one, but without a "par" agent its subject is the one who acts."""
    return is_reflexive(verb) and not any(c.dep_ == "obl:agent" for c in verb.children)


def depth_below(token: Token, head: Token) -> int:
    """How many arcs separate ``token`` from ``head`` (its ancestor)."""
    depth = 0
    while token.i != head.i and token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def case_of(token: Token) -> str:
    for child in token.children:
        if child.dep_ in {"case", "mark"}:
            return marker_word(child)
    return ""


def _complements(head: Token) -> list[Token]:
    """Direct complements of the trigger that may name recipients (or agents).

    A source ("selon l'agence syrienne") is neither.
    """
    return [
        c for c in head.children
        if (c.dep_ in _COMPLEMENT_DEPS or c.dep_ == "obl:agent")
        and case_of(c) not in _SOURCE_CASES
    ]  # fmt: skip


def _is_pronoun_subject(tokens: list[Token], words: set[str]) -> bool:
    return any(
        normalise(t.text) in words
        and (t.pos_ == "PRON" or normalise(t.text) in _DEMONSTRATIVES)  # "Celui" may be PROPN
        and _anaphoric(t)
        for t in tokens
    )


def _anaphoric(pronoun: Token) -> bool:
    """ "celui-ci" points back; "ceux qui jouent avec le feu" points at no one in particular."""
    if normalise(pronoun.text) not in _DEMONSTRATIVES:
        return True
    following = pronoun.doc[pronoun.i + 1 : pronoun.i + 3].text.replace(" ", "")
    return following.startswith(("-ci", "-là"))


@dataclass
class Discourse:
    """What earlier sentences of the document tell about who is speaking and acting."""

    issuer: list[Actor] = field(default_factory=list)
    last_subject: list[Actor] = field(default_factory=list)
    last_actors: list[Actor] = field(default_factory=list)  # of the last event told
    # Events told so far with their authors: (type, lemmas of the trigger, actors, recipients).
    told: list[tuple[str, set[str], list[Actor], list[Actor]]] = field(default_factory=list)


def _add(target: list[Actor], actors: Iterable[Actor], exclude: Iterable[Actor] = ()) -> None:
    taken = {(a.code, a.start) for a in target} | {(a.code, a.start) for a in exclude}
    for actor in actors:
        if (actor.code, actor.start) not in taken:
            target.append(actor)
            taken.add((actor.code, actor.start))


def _verbal(trigger: Trigger, mentions: MentionIndex, discourse: Discourse) -> Arguments:
    head = trigger.head
    args = Arguments()
    if discourse.issuer and not _own_subject(head) and _first_person_plural(head):
        # "Nous sommes préoccupés par X et appelons Y": the verb's person says who speaks,
        # whatever subject the parser would have it share.
        subject: list[Token] = []
        passive = False
    else:
        subject, passive = _subject_or_stranded(head, mentions)
    # "Les forces russes, en collaboration avec l'armée syrienne, ont...": a companion is not
    # a co-author.
    # The relative's antecedent may itself be a companion ("nos relations avec le Nicaragua,
    # qui a expulsé ..."): only phrases inside the subject are set aside.
    inside = {t.i for t in subject}
    subject = [
        t for t in subject
        if t.head.i not in inside or not _under_case(t, subject, _COMPANION_CASES)
    ]  # fmt: skip
    args.tokens.update(t.i for t in subject)
    subject_actors = mentions.in_tokens(subject)
    if not subject_actors and _is_pronoun_subject(subject, _FIRST_PERSON) and discourse.issuer:
        subject_actors, how = list(discourse.issuer), "subject:issuer"
    elif not subject_actors and _is_pronoun_subject(subject, _PRONOUNS) and discourse.last_subject:
        subject_actors, how = list(discourse.last_subject), "subject:pronoun"
    else:
        how = "subject:passive" if passive else "subject"
    if trigger.rule.own_object:
        return _own_object(trigger, subject, passive, subject_actors, mentions, args)
    psych = normalise(head.lemma_) in _PSYCH_VERBS
    if psych and not passive:
        # "La décision de Kigali inquiète Kinshasa": the one moved is the object.
        return _moved_object(head, subject_actors, mentions, args)
    # "Nous sommes préoccupés par X": the parser reads a passive, the subject feels, X is aimed.
    subject_is_recipient = (passive and not psych) or trigger.rule.subject_role == "recipient"
    if subject_actors:
        _add(args.recipients if subject_is_recipient else args.actors, subject_actors)
        args.how.append(how)
    symmetric = trigger.rule.type in SYMMETRIC_TYPES
    complements = _complements(head)
    if trigger.rule.type == "REQUEST" and _addresses_the_reader(head):
        # "je vous prie de bien vouloir excuser la ministre, qui est au Japon pour une réunion
        # du G7": a courtesy to the addressee, whom nothing names, not a political request.
        return Arguments()
    if any(c.dep_ in {"obj", "iobj"} and mentions.in_tokens(_phrase(c)) for c in complements):
        # "appeler X à faire Y": X is the recipient, Y's parties are the content of the call.
        complements = [c for c in complements if c.dep_ not in {"xcomp", "ccomp"}]
    for child in complements:
        phrase = _phrase(child)
        args.tokens.update(t.i for t in phrase)
        reachable = [t for t in phrase if depth_below(t, head) <= _MAX_DEPTH]
        if symmetric:
            reachable = [t for t in reachable if _names_a_partner(t, child)]
        elif trigger.rule.type != "SANCTION":
            # Whoever acts "avec" the actor is a partner, not a target.
            reachable = [t for t in reachable if not _under_case(t, phrase, _COMPANION_CASES)]
        found = mentions.in_tokens(reachable)
        if not found:
            continue
        if (child.dep_ == "obl:agent" or case_of(child) in _ACTOR_CASES) and not psych:
            _add(args.actors, found)
            args.how.append("agent:par")
        else:
            _add(args.recipients, found, exclude=args.actors)
            args.how.append(f"complement:{child.dep_}")
    if not args.recipients and not symmetric:
        objects = [c for c in head.children if c.dep_ == "obj"]
        # "a frappé Odessa", "a frappé les infrastructures portuaires d'Odessa"
        objects += [
            n for c in objects for n in c.children if n.dep_ == "nmod" and case_of(n) == "de"
        ]
        _add(args.recipients, [p for c in objects if (p := _place_target(c, args.actors))])
        # "a lancé une offensive contre Kharkiv", "a tiré sur Gaza"
        _add(args.recipients, _aimed_places(head.children, args.actors))
    if not args.actors and discourse.issuer and _first_person_plural(head):
        # "Nous, présidents de ..., condamnons": the parse may lose the subject, the verb's
        # person does not.
        _add(args.actors, discourse.issuer)
        args.how.append("subject:issuer")
    return args


# Verbs of feeling: their grammatical object (or the subject of their passive) feels, their
# subject (or "par" phrase) is what the feeling is about.
_PSYCH_VERBS = {
    "preoccuper", "inquieter", "alarmer", "choquer", "indigner", "consterner", "scandaliser",
    "revolter", "attrister", "rejouir", "satisfaire", "encourager", "rassurer", "decevoir",
    "troubler", "heurter", "emouvoir", "soulager", "affliger", "bouleverser", "outrer",
    "horrifier", "atterrer", "desoler", "irriter", "agacer",
}  # fmt: skip


def _moved_object(
    head: Token, subject_actors: list[Actor], mentions: MentionIndex, args: Arguments
) -> Arguments:
    """ "L'essai nucléaire inquiète le Japon": JPN feels, about the subject's author."""
    objects = [t for c in head.children if c.dep_ in {"obj", "iobj"} for t in _phrase(c)]
    moved = mentions.in_tokens(objects)
    if moved:
        _add(args.actors, moved)
        _add(args.recipients, subject_actors, exclude=moved)
        args.how.append("psych:object-feels")
        args.tokens.update(t.i for t in objects)
    return args


# Where an envoy or a force is sent: "son ambassadeur en Turquie", "des troupes contre X".
_DESTINATION_CASES = {"en", "a", "au", "aupres", "dans", "contre", "vers"}


def _own_object(
    trigger: Trigger,
    subject: list[Token],
    passive: bool,
    subject_actors: list[Actor],
    mentions: MentionIndex,
    args: Arguments,
) -> Arguments:
    """ "La France a rappelé son ambassadeur en Turquie" and "l'ambassadeur de France en
    Turquie a été rappelé" are both FRA -> TUR: the envoy's (or the troops') state acts, the
    country they are posted in, or sent against, undergoes."""
    head = trigger.head
    if passive:
        envoy = subject
    else:
        envoy = [t for c in head.children if c.dep_ == "obj" for t in _phrase(c)]
    agents = [t for c in head.children if c.dep_ == "obl:agent" for t in _phrase(c)]
    posted = [t for t in envoy if _under_case(t, envoy, _DESTINATION_CASES)]
    owners = mentions.in_tokens(t for t in envoy if t not in posted)
    _add(args.actors, mentions.in_tokens(agents) or (owners if passive else subject_actors))
    # "déployé des troupes en Syrie", "envoyé des renforts contre les rebelles": the verb's own
    # complements name the destination too.
    aimed = [
        t for c in head.children
        if c.dep_ in {"obl", "obl:arg", "obl:mod"} and case_of(c) in _DESTINATION_CASES
        for t in _phrase(c)
    ]  # fmt: skip
    for token in posted + aimed:
        found = mentions.in_tokens([token])
        if not found and token.pos_ == "PROPN" and (place := _place_target(token, args.actors)):
            found = [place]
        _add(args.recipients, found, exclude=args.actors)
    args.tokens.update(t.i for t in envoy + aimed)
    args.how.append("own-object:posting" if args.recipients else "own-object")
    return args


def _under_case(token: Token, phrase: list[Token], cases: set[str]) -> bool:
    """Whether ``token`` sits in a sub-phrase of ``phrase`` introduced by one of ``cases``."""
    inside = {t.i for t in phrase}
    current = token
    for _ in range(_MAX_DEPTH + 1):
        if case_of(current) in cases:
            return True
        if current.head.i == current.i or current.head.i not in inside:
            return False
        current = current.head
    return False


def _names_a_partner(token: Token, complement: Token) -> bool:
    """Meetings and agreements are with someone: "avec X", "entre X et Y", "rencontrer X".

    Other complements of such verbs name topics ("ont discuté de la Syrie"), not partners. The
    phrase that holds ``token`` decides, even when the parser hung it lower ("jeudi avec X").
    """
    current = token
    for _ in range(_MAX_DEPTH + 1):
        case = case_of(current)
        if case == "de" and current.i != complement.i and current.dep_ == "nmod":
            # "avec nos partenaires du G7", "avec le président de la Turquie": a genitive
            # names whose person the partner is; the phrase above it decides.
            current = current.head
            continue
        if case:
            return case in _PARTNER_CASES
        if current.i == complement.i:
            return complement.dep_ in {"obj", "iobj", "obl:agent"}
        current = current.head
    return False


def _place_target(token: Token, actors: list[Actor]) -> Actor | None:
    """The state of a place named as the object of an act ("a bombardé Kharkiv" -> UKR)."""
    if token.pos_ != "PROPN":
        return None
    words = [token] + [c for c in token.children if c.dep_ in {"flat:name", "flat"}]
    name = token.doc[min(w.i for w in words) : max(w.i for w in words) + 1]
    start, end = name.start_char, name.end_char
    place = resolve_place(name.text)
    if place is None or not place.country or place.country in {a.code for a in actors}:
        return None
    return Actor(
        code=place.country,
        text=name.text,
        start=start,
        end=end,
        rule="place:object",
        confidence=0.5,
    )


def _stranded_subject(verb: Token, mentions: MentionIndex) -> list[Token]:
    """An actor the parser left outside the verb's clause, right before it ("Pékin a dit", with
    "Pékin" parsed as a sentence of its own)."""
    if verb.dep_ in {"acl", "acl:relcl", "amod", "advcl", "nmod", "obl", "obj", "ccomp", "csubj"}:
        return []  # participles and embedded clauses have their own (unexpressed) subjects
    adjacent = _word_before_verb_group(verb)
    if adjacent is not None and adjacent.i in mentions.by_token:
        return [adjacent]  # "..., et Bruxelles a adopté": the name right before the verb
    sent = verb.sent
    start = sent.start
    if start > 0:
        previous = verb.doc[start - 1].sent
        cut = sent[0].is_punct or sent[0].is_lower  # ", se dit prêt": the parser split a clause
        short = len(previous) <= 3 and not previous[-1].is_punct
        if (short or cut) and "\n" not in previous.text_with_ws:
            start = previous.start  # a fragment the parser cut off ("Pékin" | "a dit ...")
            if cut and previous.root.i in mentions.by_token:
                return [previous.root]  # "Washington, qui ... | , se dit prêt"
    for token in reversed(list(verb.doc[start : verb.i])):
        if token.dep_ in {"ROOT", "dislocated", "nsubj"} and token.i in mentions.by_token:
            return _phrase(token) if token.dep_ != "ROOT" else [token]
        if token.pos_ in {"VERB"} and token.dep_ != "ROOT":
            return []
    return []


def _subject_or_stranded(verb: Token, mentions: MentionIndex) -> tuple[list[Token], bool]:
    """The verb's subject, or the actor the parser left stranded before it."""
    subject, passive = subject_of(verb)
    return subject or _stranded_subject(verb, mentions), passive


def _word_before_verb_group(verb: Token) -> Token | None:
    """The word before the verb and its auxiliaries, negation and clitics ("Kiev n'a pas")."""
    i = verb.i - 1
    while i >= verb.sent.start:
        token = verb.doc[i]
        if (
            token.dep_.startswith(("aux", "expl"))
            or token.dep_ in {"advmod"}
            or (token.pos_ == "PRON" and token.dep_ in {"obj", "iobj"})
        ):
            i -= 1
            continue
        return token if token.pos_ in {"PROPN", "NOUN"} else None
    return None


def _first_person_plural(verb: Token) -> bool:
    words = [verb] + [c for c in verb.children if c.dep_.startswith("aux")]
    finite = [w for w in words if not set(w.morph.get("VerbForm", [])) & {"Inf", "Part"}]
    return any(
        "1" in w.morph.get("Person", []) and "Plur" in w.morph.get("Number", []) for w in words
    ) or any(w.lower_.endswith("ons") for w in finite)  # the tagger may say "appelons" is 3rd


def _addresses_the_reader(verb: Token) -> bool:
    return any(
        c.dep_ in {"obj", "iobj"} and normalise(c.text) in {"vous", "te", "t'"}
        for c in verb.children
    )


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECT_DEPS for c in verb.children)


def _governing_verb(noun: Token, trigger_heads: set[int]) -> Token | None:
    """The verb a nominal event hangs from, through the noun phrases a date or place may insert
    ("ont imposé jeudi 4 août des sanctions": the parser hangs "sanctions" under "août")."""
    current = noun
    for _ in range(4):
        if current.dep_ not in _SUPPORTED_DEPS and current.dep_ not in {"nmod", "obl:mod"}:
            return None
        if (
            current.dep_ == "nmod"
            and current.head.pos_ == "NOUN"
            and normalise(current.head.lemma_) not in _EVENT_HOLDERS
        ):
            # "souligné l'importance de la reprise des pourparlers", "partageons des
            # préoccupations quant à la répression": the complement of another noun is that
            # noun's topic, and the verb above does not hold the event; but "un message de
            # félicitations", "une série de sanctions" are the event itself.
            return None
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
        if current.i in trigger_heads:
            # Under another event noun ("la condamnation de l'empoisonnement"): not supported.
            return None
    return None


# Verbs that only place an event in time: its phrases belong to the event noun, their subject.
_ASPECTUAL_VERBS = {
    "reprendre", "eclater", "continuer", "poursuivre", "intensifier", "commencer", "cesser",
    "durer", "s'intensifier", "redoubler", "se poursuivre", "survenir", "avoir lieu", "debuter",
}  # fmt: skip
# Prepositions that aim an act at a place: "contre Kharkiv", "sur Gaza".
_AIMED_CASES = {"contre", "sur"}


def _aimed_places(roots: Iterable[Token], actors: list[Actor]) -> list[Actor]:
    """The states of the places an act is aimed at ("contre Kharkiv", "sur Gaza") in the phrases
    below ``roots``, two levels down at most."""
    aimed = [
        d for c in roots for d in c.subtree
        if case_of(d) in _AIMED_CASES and depth_below(d, c) <= 2
    ]  # fmt: skip
    return [p for d in aimed if (p := _place_target(d, actors))]


# "après des entretiens", "lors d'un échange", "au cours d'une conversation", "à l'issue de
# la réunion": a meeting that frames the clause.
_FRAMING_CASES = {"apres", "avant", "pendant", "durant", "lors"}
_FRAMING_NOUNS = {"cours", "occasion", "issue", "terme", "sortie", "marge"}


def _framed_verb(head: Token) -> Token | None:
    """The verb of the clause a meeting noun frames, if it frames one."""
    current = head
    framing_noun = normalise(current.head.lemma_) in _FRAMING_NOUNS
    if current.dep_ == "nmod" and case_of(current) == "de" and framing_noun:
        current = current.head  # "au cours d'un échange": through "cours"
    elif normalise(current.head.lemma_) == "lors":
        current = current.head  # the parser makes "lors" the head of "lors d'un entretien"
    elif case_of(current) not in _FRAMING_CASES:
        return None
    verb = current.head
    return verb if verb.pos_ in {"VERB", "AUX"} and verb.i != current.i else None


def _meeting_of_the_clause(
    head: Token, mentions: MentionIndex, discourse: Discourse, args: Arguments
) -> None:
    """ "Le ministre a évoqué la crise avec son homologue lors d'un entretien téléphonique": the
    meeting is between the clause's subject and the partner it names."""
    verb = _framed_verb(head)
    determiner = possessive_of(head)
    if verb is None or (determiner is not None and normalise(determiner.text) in {"leur", "leurs"}):
        return  # "lors de leur entretien" is the meeting of both sides: see the coder
    subject, passive = _subject_or_stranded(verb, mentions)
    found = mentions.in_tokens(subject)
    if not found and _is_pronoun_subject(subject, _FIRST_PERSON):
        found = list(discourse.issuer)
    if not found or passive:
        return
    _add(args.actors, found)
    args.how.append("noun:framing-meeting")
    inside = {t.i for t in head.subtree}
    partners = [
        t for c in verb.children
        if c.dep_ in {"obj", "iobj"} or case_of(c) in {"avec", "a", "au", "aux", "aupres"}
        for t in _phrase(c) if t.i not in inside
    ]  # fmt: skip
    _add(args.recipients, mentions.in_tokens(partners), exclude=args.actors)


# Sectors that coerce and strike rather than undergo it: "la répression des autorités" is theirs.
_FORCE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD"}


def _state_force(trigger: Trigger, found: list[Actor]) -> bool:
    """Whether a "de" phrase of a repression or an attack names its author, not its victims:
    "la répression des autorités" (author) against "la répression des manifestants" (victims)."""
    if trigger.rule.type not in {"COERCE", "ASSAULT"}:
        return False
    return all(a.sector in _FORCE_SECTORS for a in found)


def _holder_agents(head: Token, mentions: MentionIndex) -> list[Actor]:
    """ "l'adoption par l'UE de sanctions", "la décision de Kigali de fermer la frontière": the
    agent of a support noun is the agent of the act it holds."""
    holder = head.head
    if head.dep_ != "nmod" or case_of(head) != "de" or holder.i == head.i:
        return []
    if normalise(holder.lemma_) not in _SUPPORT_NOUNS:
        return []
    agents = [
        c for c in holder.children
        if c.i != head.i and (case_of(c) == "par" or (case_of(c) == "de" and c.i < head.i))
    ]  # fmt: skip
    return mentions.in_tokens(t for c in agents for t in _phrase(c))


def _clause_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` (the parser may hang "de son soutien" under a noun)."""
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return None


def _owner(
    trigger: Trigger, mentions: MentionIndex, discourse: Discourse, trigger_heads: set[int]
) -> list[Actor]:
    """Whose act a possessive event noun names: "La Turquie a réaffirmé son soutien" (the
    subject of the support verb), "nos partenaires et leur médiation" (the nearest actor).
    "leur entretien" is left to the meeting's own rule."""
    head = trigger.head
    determiner = possessive_of(head)
    if determiner is None:
        return []
    word = normalise(determiner.text)
    if trigger.rule.type in SYMMETRIC_TYPES and word in {"leur", "leurs"}:
        return []
    if word in {"notre", "nos", "mon", "ma", "mes"}:
        return list(discourse.issuer)  # "malgré nos appels": the speaker's own
    governor = _governing_verb(head, trigger_heads) or _clause_verb(head)
    excluded: set[int] = set()
    if governor is not None:
        subject, passive = _subject_or_stranded(governor, mentions)
        lends = governor.i not in trigger_heads and normalise(governor.lemma_) not in _TELLING_VERBS
        if lends and not passive:
            found = mentions.in_tokens(subject)
            if not found and _is_pronoun_subject(subject, _FIRST_PERSON):
                found = list(discourse.issuer)
            if found:
                return found
        excluded = {t.i for t in subject}
    return owner_of(determiner, head, mentions, discourse, excluded)


def _nominal(
    trigger: Trigger, mentions: MentionIndex, discourse: Discourse, trigger_heads: set[int]
) -> Arguments:
    head = trigger.head
    args = Arguments()
    own = {t.i for t in trigger.tokens}
    children = [c for t in trigger.tokens for c in t.children if c.i not in own]
    owner = _owner(trigger, mentions, discourse, trigger_heads)
    if owner:
        # "son retrait de l'accord": the owner acts, the "de" phrase names what it acts on.
        _add(args.actors, owner)
        args.how.append("noun:possessive")
    if head.dep_ in {"nsubj", "nsubj:pass"} and normalise(head.head.lemma_) in _ASPECTUAL_VERBS:
        # "Les combats ont repris entre X et Y": the verb only says when; its phrases are the
        # noun's.
        children += [c for c in head.head.children if c.dep_ in {"obl", "obl:mod", "obl:arg"}]
    for child in children:
        if child.dep_ == "acl" and normalise(child.lemma_) in _SUPPORT_PARTICIPLES:
            # "les frappes menées par la coalition": the agent of a support participle acts.
            # The parser may hang the "par" phrase lower ("annoncée ce soir par X").
            agents = [
                d for d in child.subtree
                if d.i != child.i and (d.dep_ == "obl:agent" or case_of(d) == "par")
                and depth_below(d, child) <= 2
            ]  # fmt: skip
            phrase = [t for a in agents for t in _phrase(a)]
            # "imposées par le Canada sur l'acier chinois": the parser may hang the target
            # under the agent.
            aimed = [t for t in phrase if _under_case(t, phrase, _RECIPIENT_CASES - {"entre"})]
            found = mentions.in_tokens(t for t in phrase if t not in aimed)
            if found:
                _add(args.actors, found)
                _add(args.recipients, mentions.in_tokens(aimed), exclude=args.actors)
                args.how.append("noun:support-participle")
            continue
        # Participles and appositions carry their own events ("une trêve négociée par X",
        # "une frappe, un incident imputé à Israël"): their phrases are not this noun's.
        if child.dep_ in {"det", "case", "punct", "cc", "acl", "appos"}:
            continue
        phrase = _phrase(child) if child.dep_ not in _CLAUSE_DEPS else []
        args.tokens.update(t.i for t in phrase)
        found = mentions.in_tokens(phrase)
        if not found:
            continue
        case = case_of(child)
        if case in _ACTOR_CASES or child.dep_ == "obl:agent":
            _add(args.actors, found)
            args.how.append("noun:par")
        elif case == "entre":
            _add(args.actors, found)
            args.how.append("noun:entre")
        elif (
            case == "de"
            and not owner
            and (trigger.rule.de_role == "actor" or _state_force(trigger, found))
        ):
            _add(args.actors, found)
            args.how.append("noun:de-actor")
        elif child.dep_ == "amod":
            # "les frappes russes", "la médiation française": the adjective names the author.
            _add(args.actors, found)
            args.how.append("noun:adjective")
        else:
            _add(args.recipients, found, exclude=args.actors)
            args.how.append(f"noun:{case or child.dep_}")
    if not args.actors:
        _add(args.actors, _holder_agents(head, mentions))
        if args.actors:
            args.how.append("noun:support-noun")
    withdrawal = trigger.rule.type == "RETREAT" and bool(args.actors)
    if not args.recipients and (trigger.rule.de_role == "recipient" or withdrawal):
        # "l'annexion de la Crimée": a place undergoes the act; "le retrait américain
        # d'Afghanistan": the place left is the recipient.
        places = [c for c in children if c.dep_ == "nmod" and case_of(c) == "de"]
        _add(args.recipients, [p for c in places if (p := _place_target(c, args.actors))])
    if not args.recipients and trigger.rule.type not in SYMMETRIC_TYPES:
        # "des frappes (menées par X) contre Kharkiv": the place attacked is the target's.
        _add(args.recipients, _aimed_places(children, args.actors))
    governor = _governing_verb(head, trigger_heads)
    if governor is not None and normalise(governor.lemma_) in _TELLING_VERBS:
        governor = None
    # A support verb ("procéder à des frappes", "imposer des sanctions") lends its subject, but
    # a verb that is itself an event does not: "la France condamne l'exécution" executes no one.
    # An adjunct ("en coordination avec Damas") belongs to the subject whatever the verb.
    adjunct = case_of(head) == "en" and head.head.dep_ == "ROOT"
    if not args.actors and governor is not None and (governor.i not in trigger_heads or adjunct):
        subject, passive = _subject_or_stranded(governor, mentions)
        found = mentions.in_tokens(subject)
        if not found and _is_pronoun_subject(subject, _FIRST_PERSON) and discourse.issuer:
            found = list(discourse.issuer)
        if found and not passive:
            _add(args.actors, found)
            args.how.append("noun:support-verb")
            symmetric = trigger.rule.type in SYMMETRIC_TYPES
            for sibling in _complements(governor):
                if sibling.i == head.i or sibling.dep_ == "obl:agent":
                    continue
                phrase = _phrase(sibling)
                if symmetric:  # "un accord conclu sous l'égide de X": X mediates, not agrees
                    phrase = [t for t in phrase if _names_a_partner(t, sibling)]
                _add(args.recipients, mentions.in_tokens(phrase), exclude=args.actors)
    if not args.actors and trigger.rule.type in SYMMETRIC_TYPES:
        _meeting_of_the_clause(head, mentions, discourse, args)
    describes = head.dep_ in {"appos", "acl"} or (head.dep_ == "nmod" and case_of(head) == "en")
    if not args.actors and head.head.i != head.i and describes:
        # "John Kerry, en visite à Londres": the event noun describes the person it hangs from;
        # "un communiqué sur l'empoisonnement de X" is about the event, its authors did not act.
        found = mentions.in_tokens([head.head])
        if found:
            _add(args.actors, found)
            args.how.append("noun:describes")
    if not args.actors and trigger.rule.type in SYMMETRIC_TYPES and len(args.recipients) >= 2:
        args.actors, args.recipients = args.recipients, []
    return args


def find_arguments(
    trigger: Trigger,
    mentions: MentionIndex,
    discourse: Discourse,
    *,
    trigger_heads: set[int] | None = None,
) -> Arguments:
    """Actors and recipients of ``trigger``; ``trigger_heads`` are the sentence's other triggers."""
    head = trigger.head
    if trigger.rule.type == "REQUEST" and is_necessity(head):
        return _necessity(trigger, mentions, discourse)
    if trigger.rule.id == "request/necessity":
        return Arguments()  # "l'indispensable travail", "un dialogue nécessaire": no request
    if head.pos_ in {"VERB", "AUX"}:
        return _verbal(trigger, mentions, discourse)
    if head.pos_ == "ADJ" and any(c.dep_ == "cop" for c in head.children):
        if _is_judgement(trigger, mentions):
            return _judgement(trigger, mentions, discourse)
        # "la France est solidaire de l'Arménie": a predicate adjective takes its subject and
        # complements as a verb does.
        return _verbal(trigger, mentions, discourse)
    args = _nominal(trigger, mentions, discourse, trigger_heads or set())
    if trigger.rule.type == "ACCUSE" and normalise(head.lemma_) in WRONGDOING_NOUNS:
        return _wrong_told(trigger, args, mentions, discourse)
    return args


_BREACHES = {"violation", "atteinte", "manquement", "infraction"}
_POINTING_PRONOUNS = {"ce", "c'", "cela", "ceci", "ca", "qui"}


_PRAISE_ADJECTIVES = {
    "bienvenu", "positif", "encourageant", "salutaire", "louable", "remarquable", "exemplaire",
    "constructif", "courageux", "sage", "responsable",
}  # fmt: skip
_PERSONAL_PRONOUNS = {"nous", "je", "j'", "il", "elle", "ils", "elles", "on", "vous"}


def _is_judgement(trigger: Trigger, mentions: MentionIndex) -> bool:
    """Whether a predicate adjective judges a thing ("ces propos sont inacceptables") rather
    than tells an actor's stance ("la France est solidaire", "nous sommes inquiets")."""
    head = trigger.head
    kind = trigger.rule.type
    if kind != "ACCUSE" and not (
        kind == "SUPPORT" and normalise(head.lemma_) in _PRAISE_ADJECTIVES
    ):
        return False
    subjects = [c for c in head.children if c.dep_ in _SUBJECT_DEPS]
    return not any(
        c.i in mentions.by_token or normalise(c.text) in _PERSONAL_PRONOUNS for c in subjects
    )


def _judgement(trigger: Trigger, mentions: MentionIndex, discourse: Discourse) -> Arguments:
    """ "Les propos du président Aliev sont inacceptables", "ce qui est inacceptable": the
    speaker judges; the author of what is judged (or of the act just told) is the target."""
    head = trigger.head
    args = Arguments()
    subject, _ = subject_of(head)
    args.tokens.update(t.i for t in subject)
    judged = mentions.in_tokens(subject)
    if not judged and any(normalise(t.text) in _POINTING_PRONOUNS for t in subject):
        # "X a expulsé nos diplomates, ce qui est inacceptable": the main clause's doer.
        root = head.sent.root
        if root.i != head.i:
            judged = mentions.in_tokens(subject_of(root)[0])
        judged = judged or list(discourse.last_actors)
    _add(args.actors, speaker_of(head, mentions, discourse))
    _add(args.recipients, [a for a in judged if a.code not in {x.code for x in args.actors}])
    args.how.append("judgement:speaker")
    return args


def _wrong_told(
    trigger: Trigger, args: Arguments, mentions: MentionIndex, discourse: Discourse
) -> Arguments:
    """ "une violation grave par l'Iran de ses engagements": a wrong named by the speaker
    accuses whoever did it; the noun's author is the target, the speaker the accuser."""
    head = trigger.head
    wrongdoers = args.actors
    if normalise(head.lemma_) in _BREACHES:
        # "violation du cessez-le-feu par X": the "de" phrase is what was breached.
        doers = [
            t for c in head.children
            if case_of(c) == "par" or c.dep_ in {"obl:agent", "amod"}
            or (case_of(c) == "de" and c.i in mentions.by_token)  # "les violations de l'Iran"
            for t in _phrase(c)
        ]  # fmt: skip
        wrongdoers = mentions.in_tokens(doers)
        if case_of(head) == "en":
            # "des activités menées en violation du traité": the breach is the clause's doing.
            verb = _clause_verb(head)
            wrongdoers = mentions.in_tokens(subject_of(verb)[0]) if verb is not None else []
        if (determiner := possessive_of(head)) is not None and not wrongdoers:
            verb = _clause_verb(head)
            excluded = {t.i for t in subject_of(verb)[0]} if verb is not None else set()
            wrongdoers = owner_of(determiner, head, mentions, discourse, excluded)
    judged = Arguments(tokens=args.tokens, how=[*args.how, "wrong:speaker"])
    verb = _clause_verb(trigger.head)
    if verb is not None:  # "Varsovie alerte sur les crimes russes": who names the wrong
        subject, passive = _subject_or_stranded(verb, mentions)
        if not passive:
            _add(judged.actors, mentions.in_tokens(subject))
    if not judged.actors:
        _add(judged.actors, speaker_of(trigger.head, mentions, discourse))
    codes = {a.code for a in judged.actors}
    _add(judged.recipients, [a for a in wrongdoers if a.code not in codes])
    return judged


def _necessity(trigger: Trigger, mentions: MentionIndex, discourse: Discourse) -> Arguments:
    """ "La Russie doit retirer ses troupes", "il est indispensable que l'Iran coopère": the
    speaker asks; whoever must act is the recipient. "Nous devons" commits the speaker, it asks
    no one; "une clarification est nécessaire de la part de X" asks X."""
    head = trigger.head
    args = Arguments()
    if normalise(head.lemma_) == "devoir":
        clauses = [head]
    else:
        clauses = [c for c in head.children if c.dep_ in {"ccomp", "csubj", "xcomp", "advcl"}]
    for clause in clauses:
        subject, _ = subject_of(clause)
        subject = [t for t in subject if not (t.dep_ == "expl:subj" or t.lower_ == "il")]
        if _is_pronoun_subject(subject, _FIRST_PERSON):
            return Arguments()  # a commitment of the speaker, not a request
        args.tokens.update(t.i for t in subject)
        _add(args.recipients, mentions.in_tokens(subject))
        # "... doit être respecté par les deux parties": the agent is who must respect it.
        for verb in [clause] + [c for c in clause.children if c.dep_ == "xcomp"]:
            agents = [t for c in verb.children if c.dep_ == "obl:agent" for t in _phrase(c)]
            _add(args.recipients, mentions.in_tokens(agents))
    for child in head.children:
        if case_of(child) == "de" and normalise(child.text) == "part":
            _add(args.recipients, mentions.in_tokens(_phrase(child)))
    speaker = speaker_of(head, mentions, discourse)
    _add(args.actors, speaker)
    codes = {a.code for a in args.actors}
    args.recipients = [r for r in args.recipients if r.code not in codes]
    if args.actors:
        args.how.append("necessity:speaker")
    if args.recipients:
        args.how.append("necessity:who-must")
    return args
