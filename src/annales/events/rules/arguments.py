"""Who did it, and to whom: the parse helpers every argument rule shares, and the arguments of
verbal triggers (subject, passive agent, objects and obliques).

The parse of news French is imperfect, so every rule here is a preference order: the syntactic
reading first (subject, passive agent, objects and obliques, the de/par/entre phrases of nominal
events), then the discourse (a pronoun subject takes the last subject's actors; first-person
communiqués take their issuer).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from annales.events.lexicon import normalise
from annales.events.rules.triggers import Trigger, is_reflexive, marker_word
from annales.lang import get_profile
from annales.model import SYMMETRIC_TYPES, Actor
from annales.places import resolve_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "ACTOR_CASES",
    "CLAUSE_DEPS",
    "FIRST_PERSON",
    "PRONOUNS",
    "REACTION_TYPES",
    "RECIPIENT_CASES",
    "SPEECH_VERBS",
    "SUBJECT_DEPS",
    "Arguments",
    "Discourse",
    "MentionIndex",
    "add",
    "aimed_places",
    "at_home",
    "case_of",
    "complements_of",
    "depth_below",
    "is_agent",
    "is_pronoun_subject",
    "located_states",
    "names_a_partner",
    "phrase_of",
    "place_target",
    "subject_actors",
    "subject_of",
    "subject_or_stranded",
    "under_a_verb",
    "under_case",
    "verbal",
]

# Dependents that open another clause: their actors belong to another event.
CLAUSE_DEPS = {
    "acl:relcl",
    "advcl",
    "ccomp",
    "parataxis",
    "conj",
    "csubj",
    "dislocated",
    "vocative",
}
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "csubj"}
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
ACTOR_CASES = {"par"}
RECIPIENT_CASES = {"avec", "contre", "a", "au", "aux", "envers", "vers", "aupres", "entre", "sur"}
# Recipients further down than this are usually another event's arguments
# ("sont convenus de poursuivre la discussion sur la lutte contre l'EI").
_MAX_DEPTH = 5
_SOURCE_CASES = {"selon", "d'apres", "apres"}
_COMPANION_CASES = {"avec"}
_PARTNER_CASES = {"avec", "entre", "a", "aupres", "par"}
_ADVERSARY_CASES = {"contre"}
_COOPERATIVE_TYPES = {"SUPPORT", "AID", "CONCEDE", "RETREAT"}
# Reactions to someone's act or stance: the author of what they react to is whom they are
# aimed at ("a salué sa stratégie", "condamne la pendaison ... par le régime").
REACTION_TYPES = {"ACCUSE", "SUPPORT", "REJECT"}
# "celui-ci" is split into "celui", "-", "ci" by the tokenizer.
_DEMONSTRATIVES = {"celui", "celle", "ceux", "celles"}
PRONOUNS = {"il", "elle", "ils", "elles", "lui", "on"} | _DEMONSTRATIVES
FIRST_PERSON = {"nous", "je", "j'"}
# Verbs that report what someone said: their subject is the speaker of the clause they carry.
SPEECH_VERBS = {
    "dire", "declarer", "affirmer", "estimer", "souligner", "insister", "rappeler", "ajouter",
    "lancer", "indiquer", "expliquer", "preciser", "marteler", "repeter", "juger", "ecrire",
    "avertir", "plaider", "assurer", "considerer", "exiger", "reclamer", "demander", "souhaiter",
    "tweeter", "poursuivre", "conclure", "trancher", "prevenir", "confier", "reagir", "commenter",
    "annoncer", "clamer",
}  # fmt: skip


@dataclass
class Arguments:
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)
    how: list[str] = field(default_factory=list)  # which rules found them, for explanations
    tokens: set[int] = field(default_factory=set)  # tokens read, to bound the quote


_DEMONYM_NOUN = "kb:demonym+noun"
_DEMONYM_TITLE = "kb:demonym+title"


class MentionIndex:
    """Actor mentions looked up by token."""

    def __init__(self, doc: Doc, actors: Iterable[Actor]) -> None:
        self.doc = doc
        self.by_token: dict[int, list[Actor]] = {}
        for actor in actors:
            if actor.start is None or actor.end is None:
                continue
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, []).append(actor)

    def covered(self, event_nouns: frozenset[str] = frozenset()) -> set[int]:
        """Tokens that name an actor, and so hold no event; but a noun read as an actor only
        through its nationality adjective ("la médiation française", "le retrait américain")
        is the event, and the adjective its author; so is an event noun the knowledge base
        reads as a force ("les frappes russes", "les bombardements azerbaïdjanais")."""
        doc = self.doc
        return {
            i for i, actors in self.by_token.items()
            if not all(a.rule == _DEMONYM_NOUN for a in actors)
            and not (
                doc[i].pos_ == "NOUN"
                and normalise(doc[i].lemma_) in event_nouns
                and all((a.rule or "").startswith(_DEMONYM_TITLE) for a in actors)
            )
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


def phrase_of(token: Token) -> list[Token]:
    """The token's subtree without the clauses hanging off it."""
    kept = [token]
    for child in token.children:
        if child.dep_ not in CLAUSE_DEPS or child.pos_ not in {"VERB", "AUX"}:
            if child.dep_ in {"acl:relcl", "parataxis"}:
                continue
            kept.extend(phrase_of(child))
    return kept


def subject_of(verb: Token) -> tuple[list[Token], bool]:
    """The subject phrase of ``verb`` (climbing shared subjects) and whether it is passive."""
    current = verb
    for _ in range(5):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            # Two subjects are a misparse ("L'Ukraine honore ... sur lesquelles la Russie ...
            # s'étaient accordées"): the one before and nearest the verb is its own.
            before = [s for s in subjects if s.i < current.i]
            subject = before[-1] if before else subjects[0]
            split = {s.i for s in subjects}  # "Celui", "-", "ci" are three subject tokens
            while subject.i - 1 in split:
                subject = subject.doc[subject.i - 1]
            if subject.lower_ == "qui" and current.dep_ == "acl:relcl":
                return phrase_of(current.head), False
            if current.i != verb.i:
                # A shared subject: "Nous sommes préoccupés ... et appelons": the voice is the
                # verb's own, not the one of the verb whose subject it borrows.
                return phrase_of(subject), _own_passive(verb)
            # "Sophie Pétronin, retenue en otage au Mali": a participle with no auxiliary
            # tells what its subject underwent.
            bare = _bare_past_participle(current) and current.dep_ != "ROOT"
            passive = (subject.dep_ == "nsubj:pass" or bare) and not _pronominal(current)
            return phrase_of(subject), passive and not _moves(current)
        untensed = current.morph.get("VerbForm", []) in (["Part"], ["Ger"], ["Inf"])
        # "en s'emparant": the tagger may call a gerund finite; "en" + "-ant" does not lie.
        gerund = current.lower_.endswith("ant") and any(
            c.dep_ == "mark" and c.lower_ == "en" for c in current.children
        )
        untensed = untensed or gerund
        if current.dep_ == "advcl" and untensed and current.head.i != current.i:
            # "en s'emparant de la Crimée", "craignant un afflux": the main clause's subject;
            # a bare past participle ("retenue en otage", "arrêté lundi, l'opposant ...") tells
            # what its subject underwent, unless it moves ("arrivé à Paris, le président").
            # ("j'ai moi-même reçu": the parser may make "ai" the verb and the participle
            # its adjunct; under "avoir" it is the compound past, active)
            auxiliary = normalise(current.head.lemma_) in _TENSE_AUXILIARIES
            if _bare_past_participle(current) and not _moves(current) and not auxiliary:
                return subject_of(current.head)[0], True
            current = current.head
            continue
        if current.dep_ in {"conj", "xcomp"} and current.head.i != current.i:
            governor = current.head
            # Object control: in "accuser X d'avoir frappé", "appeler X à cesser", X is the
            # subject of the embedded verb.
            objects = [
                c for c in governor.children
                if c.i < current.i
                and (
                    c.dep_ in {"obj", "iobj"}
                    or (
                        # "demander aux autorités de libérer": "à X" names who is to act
                        c.dep_ == "obl:arg"
                        and case_of(c) in {"a", "au", "aux"}
                        and normalise(governor.lemma_) in _OBJECT_CONTROL
                    )
                )
            ]  # fmt: skip
            if (
                current.dep_ == "xcomp"
                and objects
                and normalise(governor.lemma_) not in _SUBJECT_CONTROL
            ):
                return phrase_of(objects[0]), False
            intent = _intent_noun_before(current)
            if intent is not None:
                # "préoccupés par la décision de la Serbie de relever ...": the parser hangs the
                # infinitive on the verb; the decision's owner acts.
                own = {t.i for t in current.subtree}
                return [t for t in phrase_of(intent) if t.i not in own], False
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
            promised = current.head
            if (
                promised.dep_ == "obl:arg"
                and normalise(promised.head.lemma_) in _SUBJECT_CONTROL
                and promised.head.i != promised.i
            ):
                # "a promis au Niger de livrer": the parser hangs the infinitive on "Niger";
                # the one who promises delivers.
                current = promised.head
                continue
            own = {t.i for t in current.subtree}
            return [t for t in phrase_of(current.head) if t.i not in own], False
        if current.dep_ == "acl:relcl" or (current.dep_ == "acl" and finite):
            # A finite verb the parser hung under a noun: that noun phrase is its subject.
            return phrase_of(current.head), False
        break
    return [], False


# Verbs whose "à X de" + infinitive is X's to do ("promettre à X de" is the speaker's own).
_OBJECT_CONTROL = {
    "demander", "ordonner", "conseiller", "recommander", "enjoindre", "interdire", "permettre",
    "suggerer", "imposer", "reprocher", "commander", "defendre",
}  # fmt: skip
# ... and those where it is still the subject's ("promettre à X de livrer").
_SUBJECT_CONTROL = {"promettre", "garantir", "jurer"}
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
# is done by its subject, and so is "sont convenus de" (to agree).
_ETRE_VERBS = {
    "descendre", "monter", "aller", "venir", "arriver", "partir", "entrer", "sortir", "rester",
    "tomber", "retourner", "rentrer", "revenir", "parvenir", "intervenir", "survenir", "accourir",
    "passer", "repartir", "redescendre", "convenir",
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


def complements_of(head: Token) -> list[Token]:
    """Direct complements of the trigger that may name recipients (or agents).

    A source ("selon l'agence syrienne") is neither.
    """
    return [
        c for c in head.children
        if (c.dep_ in _COMPLEMENT_DEPS or c.dep_ == "obl:agent")
        and case_of(c) not in _SOURCE_CASES
    ]  # fmt: skip


def is_pronoun_subject(tokens: list[Token], words: set[str]) -> bool:
    return any(
        normalise(t.text) in words
        and (t.pos_ == "PRON" or normalise(t.text) in _DEMONSTRATIVES)  # "Celui" may be PROPN
        and _anaphoric(t)
        for t in tokens
    )


def subject_actors(
    subject: list[Token], mentions: MentionIndex, discourse: Discourse
) -> list[Actor]:
    """The actors a subject phrase names, or the issuer when it is "nous" or "je"."""
    found = mentions.in_tokens(subject)
    if not found and is_pronoun_subject(subject, FIRST_PERSON):
        return list(discourse.issuer)
    return found


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


def add(target: list[Actor], actors: Iterable[Actor], exclude: Iterable[Actor] = ()) -> None:
    taken = {(a.code, a.start) for a in target} | {(a.code, a.start) for a in exclude}
    for actor in actors:
        if (actor.code, actor.start) not in taken:
            target.append(actor)
            taken.add((actor.code, actor.start))


def verbal(trigger: Trigger, mentions: MentionIndex, discourse: Discourse) -> Arguments:
    head = trigger.head
    args = Arguments()
    if discourse.issuer and not _own_subject(head) and _first_person_plural(head):
        # "Nous sommes préoccupés par X et appelons Y": the verb's person says who speaks,
        # whatever subject the parser would have it share.
        subject: list[Token] = []
        passive = False
    else:
        subject, passive = subject_or_stranded(head, mentions)
    # "Les forces russes, en collaboration avec l'armée syrienne, ont...": a companion is not
    # a co-author.
    # The relative's antecedent may itself be a companion ("nos relations avec le Nicaragua,
    # qui a expulsé ..."): only phrases inside the subject are set aside.
    inside = {t.i for t in subject}
    subject = [
        t for t in subject
        if t.head.i not in inside or not under_case(t, subject, _COMPANION_CASES)
    ]  # fmt: skip
    subject = _without_apposition(subject, mentions)
    args.tokens.update(t.i for t in subject)
    subject_actors = mentions.in_tokens(subject)
    speaker = quote_speaker(head, mentions) if _first_person(head, subject) else []
    if speaker and not subject_actors:
        # "« Nous condamnons cette attaque », a déclaré X": the quotation's speaker.
        subject_actors, how = speaker, "subject:quote-speaker"
    elif not subject_actors and is_pronoun_subject(subject, FIRST_PERSON) and discourse.issuer:
        subject_actors, how = list(discourse.issuer), "subject:issuer"
    elif (
        not subject_actors
        and is_pronoun_subject(subject, PRONOUNS)
        and (reporter := _reporting_subject(head, mentions))
    ):
        # "le gouvernement rwandais a annoncé qu'il rompait ...": the one who reports it.
        subject_actors, how = reporter, "subject:pronoun-reporter"
    elif not subject_actors and is_pronoun_subject(subject, PRONOUNS) and discourse.last_subject:
        subject_actors, how = list(discourse.last_subject), "subject:pronoun"
        met = _last_meeting(discourse)
        if is_pronoun_subject(subject, _PLURAL_PRONOUNS) and len(subject_actors) < 2 and met:
            # "X s'est entretenu avec Y ; ils sont convenus de ...": those who met.
            subject_actors, how = met, "subject:pronoun-meeting"
    else:
        how = "subject:passive" if passive else "subject"
    if trigger.rule.own_object:
        return _own_object(trigger, subject, passive, subject_actors, mentions, args)
    lemma = normalise(head.lemma_)
    psych = lemma in _PSYCH_VERBS and not (
        lemma in _ACTS_BY_ACTORS and _names_actor(subject, mentions)
    )
    if psych and not passive:
        # "La décision de Kigali inquiète Kinshasa": the one moved is the object.
        return _moved_object(head, subject_actors, mentions, args)
    # "Nous sommes préoccupés par X": the parser reads a passive, the subject feels, X is aimed.
    subject_is_recipient = (passive and not psych) or trigger.rule.subject_role == "recipient"
    if subject_actors:
        add(args.recipients if subject_is_recipient else args.actors, subject_actors)
        args.how.append(how)
    symmetric = trigger.rule.type in SYMMETRIC_TYPES
    complements = complements_of(head) + _stray_conjuncts(head)
    if trigger.rule.type == "REQUEST" and _addresses_the_reader(head):
        # "je vous prie de bien vouloir excuser la ministre, qui est au Japon pour une réunion
        # du G7": a courtesy to the addressee, whom nothing names, not a political request.
        return Arguments()
    if any(c.dep_ in {"obj", "iobj"} and mentions.in_tokens(phrase_of(c)) for c in complements):
        # "appeler X à faire Y", "appeler X au respect de la souveraineté de Y": X is the
        # recipient, Y's parties are the content of the call.
        content = {"a", "au", "aux"} if trigger.rule.type == "REQUEST" else set()
        complements = [
            c for c in complements
            if c.dep_ not in {"xcomp", "ccomp"}
            and (c.dep_ in {"obj", "iobj"} or case_of(c) not in content)
        ]  # fmt: skip
    for child in complements:
        phrase = phrase_of(child)
        args.tokens.update(t.i for t in phrase)
        reachable = [t for t in phrase if depth_below(t, head) <= _MAX_DEPTH]
        if not symmetric and _with_partners(child):
            # "Avec mes homologues allemand et polonais, nous avons dénoncé ...": they act too.
            add(args.actors, mentions.in_tokens(reachable))
            args.how.append("agent:with-partners")
            continue
        if symmetric:
            reachable = [t for t in reachable if names_a_partner(t, child)]
        elif trigger.rule.type != "SANCTION":
            # Whoever acts "avec" the actor is a partner, not a target; whom a help or a
            # support is "contre" is its adversary ("accompagner les armées sahéliennes dans
            # leur lutte contre l'EI" aids no jihadist).
            cases = _COMPANION_CASES | (
                _ADVERSARY_CASES if trigger.rule.type in _COOPERATIVE_TYPES else set()
            )
            reachable = [t for t in reachable if not under_case(t, phrase, cases)]
        if trigger.rule.type == "ACCUSE":
            # "Nous condamnons les attaques contre EULEX": whom the condemned act aimed at is
            # its victim, not the one accused.
            reachable = [t for t in reachable if not _victim_of_noun(t, phrase, head)]
        found = mentions.in_tokens(reachable)
        if not found:
            continue
        by = is_agent(child) or _continues_agent_list(child, complements)
        if by and not psych and not passive and subject_actors and child.dep_ != "obl:agent":
            # "La France condamne la pendaison de deux manifestants par le régime": an active
            # verb with its own subject has no agent; the parser hung the object's author on it.
            authors = mentions.in_tokens(t for t in reachable if not under_a_verb(t, child))
            if trigger.rule.type in REACTION_TYPES and authors:
                add(args.recipients, authors, exclude=args.actors)
                args.how.append("complement:author-of-object")
        elif by and not psych:
            add(args.actors, found)
            args.how.append("agent:par")
        else:
            add(args.recipients, found, exclude=args.actors)
            args.how.append(f"complement:{child.dep_}")
    if not args.recipients and not symmetric:
        # "Le communiqué l'accuse de comploter", "La France la condamne": the object pronoun
        # stands for the last actor named before it, other than the subject.
        add(args.recipients, _clitic_antecedent(head, mentions, args.actors))
        if args.recipients:
            args.how.append("complement:pronoun")
    if not args.recipients and head.dep_ == "acl" and _has_agent(head) and not symmetric:
        # "la République populaire de Donetsk (reconnue par Moscou)": the participle's noun
        # underwent the act.
        own = {t.i for t in head.subtree}
        undergone = [t for t in phrase_of(head.head) if t.i not in own]
        add(args.recipients, mentions.in_tokens(undergone), exclude=args.actors)
        if args.recipients:
            args.how.append("participle:noun")
    if not args.recipients and trigger.rule.type == "REQUEST":
        # "Nous exigeons que les autorités libèrent ...": whoever must do what is asked.
        add(args.recipients, _clause_subject_actors(head, mentions), exclude=args.actors)
    if not args.recipients and not symmetric:
        objects = [c for c in head.children if c.dep_ == "obj"]
        # "a frappé Odessa", "a frappé les infrastructures portuaires d'Odessa"
        objects += [
            n for c in objects for n in c.children if n.dep_ == "nmod" and case_of(n) == "de"
        ]
        add(
            args.recipients,
            [p for c in objects if (p := place_target(c, args.actors, mentions))],
        )
        # "a lancé une offensive contre Kharkiv", "a tiré sur Gaza"
        add(args.recipients, aimed_places(head.children, args.actors, mentions))
    if not args.actors and speaker:
        add(args.actors, speaker)
        args.how.append("subject:quote-speaker")
    if not args.actors and discourse.issuer and _first_person_plural(head):
        # "Nous, présidents de ..., condamnons": the parse may lose the subject, the verb's
        # person does not.
        add(args.actors, discourse.issuer)
        args.how.append("subject:issuer")
    if not args.actors and passive and trigger.rule.internal:
        # "plus de 300 manifestants ont été interpellés à Minsk": with no agent, the state
        # where it happens, against its people.
        at_home(head, mentions, args)
    return args


def _continues_agent_list(child: Token, complements: list[Token]) -> bool:
    """ "condamné par les États-Unis, le Japon et la Corée du Sud": the parser may hang the
    later members of the agent's list on the verb, with no "par" of their own."""
    if case_of(child) or child.dep_ not in {"obl", "obl:mod", "nmod", "appos"}:
        return False
    comma = child.left_edge.i - 1
    if comma < 0 or child.doc[comma].text != ",":
        return False
    return any(is_agent(c) and c.right_edge.i == comma - 1 for c in complements)


def _without_apposition(phrase: list[Token], mentions: MentionIndex) -> list[Token]:
    """ "La Chine, principal allié de Pyongyang, a appelé ...": what an apposition says of the
    subject (the parser may read it as a conjunct with no "et") names no co-author."""
    inside = {t.i for t in phrase}
    dropped: set[int] = set()
    for token in phrase:
        first = token.left_edge  # the comma may be the phrase's own first word
        after_comma = first.text == "," or (first.i > 0 and token.doc[first.i - 1].text == ",")
        described = token.dep_ == "appos" or (token.dep_ == "conj" and after_comma)
        if token.dep_ == "acl" and token.head.i in inside and _has_agent(token):
            # "Le Kosovo, reconnu par les États-Unis, a protesté": the agent of what the
            # subject underwent is no co-author.
            dropped.update(t.i for t in token.subtree)
            continue
        if (
            described
            and token.pos_ == "NOUN"
            and not any(c.dep_ == "cc" for c in token.children)
            and token.i not in mentions.by_token
            and token.head.i in inside
            and token.head.i in mentions.by_token
        ):
            dropped.update(t.i for t in token.subtree)
    return [t for t in phrase if t.i not in dropped]


_CLITIC_OBJECTS = {"le", "la", "l'", "les"}


def _clitic_antecedent(verb: Token, mentions: MentionIndex, actors: list[Actor]) -> list[Actor]:
    """The actors an object pronoun before ``verb`` stands for: the last mention in this sentence
    or the one before, other than the verb's own actors."""
    clitic = next(
        (
            c for c in verb.children
            if c.dep_ in {"obj", "iobj"} and c.pos_ == "PRON" and c.i < verb.i
            and normalise(c.text) in _CLITIC_OBJECTS
        ),
        None,
    )  # fmt: skip
    if clitic is None:
        return []
    sent = verb.sent
    start = sent.start
    if start > 0:
        start = verb.doc[start - 1].sent.start
    own = {a.code for a in actors}
    for i in range(clitic.i - 1, start - 1, -1):
        found = [a for a in mentions.by_token.get(i, []) if a.code not in own]
        if found:
            return found
    return []


def _stray_conjuncts(verb: Token) -> list[Token]:
    """ "Nous remercions le Qatar et l'Égypte": a noun the parser hangs on the verb as a
    conjunct, after its object, is a second object."""
    objects = [c for c in verb.children if c.dep_ == "obj"]
    return [
        c for c in verb.children
        if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}
        and any(o.i < c.i for o in objects)
    ]  # fmt: skip


def is_agent(complement: Token) -> bool:
    """Whether ``complement`` is a "par" phrase: a passive's agent, or one the parser left as
    an oblique."""
    return complement.dep_ == "obl:agent" or case_of(complement) in ACTOR_CASES


def _has_agent(verb: Token) -> bool:
    return any(is_agent(c) for c in verb.children)


def _clause_subject_actors(head: Token, mentions: MentionIndex) -> list[Actor]:
    """The actors subject of a "que" clause the trigger governs ("exiger que X fasse", "il est
    nécessaire que X fasse")."""
    for clause in head.children:
        if clause.dep_ not in {"ccomp", "csubj"} or case_of(clause) != "que":
            continue
        subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
        found = mentions.in_tokens([t for s in subjects for t in phrase_of(s)])
        if found:
            return found
    return []


_PLURAL_PRONOUNS = {"ils", "elles"}


def _reporting_subject(verb: Token, mentions: MentionIndex) -> list[Actor]:
    """The actors subject of the verb whose "que" clause holds ``verb`` ("X a annoncé qu'il
    ...", "X a affirmé qu'elle allait ..."), when the clause's own subject is a pronoun."""
    clause = verb
    for _ in range(3):  # "qu'il allait rompre": up through the verbs of the clause
        if clause.dep_ == "ccomp" and case_of(clause) in {"que", "qu'"}:
            subject, passive = subject_of(clause.head)
            return [] if passive else mentions.in_tokens(subject)
        if clause.dep_ != "xcomp" or clause.head.i == clause.i:
            return []
        clause = clause.head
    return []


def _with_partners(complement: Token) -> bool:
    """ "avec mes homologues", "avec nos partenaires canadiens": the speaker's partners in the
    act, not its targets."""
    partners = get_profile(complement.doc.lang_).word("partner_nouns")
    return case_of(complement) == "avec" and normalise(complement.text) in partners


def _last_meeting(discourse: Discourse) -> list[Actor]:
    """Everyone in the last event told, when it was a meeting with at least two sides."""
    if not discourse.told:
        return []
    kind, _lemmas, actors, recipients = discourse.told[-1]
    people = {a.code: a for a in [*actors, *recipients]}
    return list(people.values()) if kind == "CONSULT" and len(people) >= 2 else []


# Verbs of feeling: their grammatical object (or the subject of their passive) feels, their
# subject (or "par" phrase) is what the feeling is about.
_PSYCH_VERBS = {
    "preoccuper", "inquieter", "alarmer", "choquer", "indigner", "consterner", "scandaliser",
    "revolter", "attrister", "rejouir", "satisfaire", "encourager", "rassurer", "decevoir",
    "troubler", "heurter", "emouvoir", "soulager", "affliger", "bouleverser", "outrer",
    "horrifier", "atterrer", "desoler", "irriter", "agacer",
}  # fmt: skip
# ... unless a state or a body is their subject: then it acts ("la France encourage le Mali à").
_ACTS_BY_ACTORS = {"encourager", "rassurer"}


def _names_actor(phrase: list[Token], mentions: MentionIndex) -> bool:
    """Whether the head word of ``phrase`` is itself an actor ("la France", not "la décision de
    Kigali")."""
    inside = {t.i for t in phrase}
    return any(t.i in mentions.by_token for t in phrase if t.head.i not in inside or t.head == t)


def _moved_object(
    head: Token, subject_actors: list[Actor], mentions: MentionIndex, args: Arguments
) -> Arguments:
    """ "L'essai nucléaire inquiète le Japon": JPN feels, about the subject's author."""
    objects = [t for c in head.children if c.dep_ in {"obj", "iobj"} for t in phrase_of(c)]
    moved = mentions.in_tokens(objects)
    if moved:
        add(args.actors, moved)
        add(args.recipients, subject_actors, exclude=moved)
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
        envoy = [t for c in head.children if c.dep_ == "obj" for t in phrase_of(c)]
    agents = [t for c in head.children if c.dep_ == "obl:agent" for t in phrase_of(c)]
    posted = [t for t in envoy if under_case(t, envoy, _DESTINATION_CASES)]
    owners = mentions.in_tokens(t for t in envoy if t not in posted)
    add(args.actors, mentions.in_tokens(agents) or (owners if passive else subject_actors))
    # "déployé des troupes en Syrie", "envoyé des renforts contre les rebelles": the verb's own
    # complements name the destination too.
    aimed = [
        t for c in head.children
        if c.dep_ in {"obl", "obl:arg", "obl:mod"} and case_of(c) in _DESTINATION_CASES
        for t in phrase_of(c)
    ]  # fmt: skip
    for token in posted + aimed:
        found = mentions.in_tokens([token])
        if not found and (place := place_target(token, args.actors, mentions)):
            found = [place]
        add(args.recipients, found, exclude=args.actors)
    args.tokens.update(t.i for t in envoy + aimed)
    args.how.append("own-object:posting" if args.recipients else "own-object")
    return args


def under_case(token: Token, phrase: list[Token], cases: set[str]) -> bool:
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


def under_a_verb(token: Token, top: Token) -> bool:
    """Whether a verb stands between ``token`` and ``top``, its ancestor ("par le Conseil d'une
    résolution appelant l'Iran": Iran is the participle's; "les territoires contrôlés par les
    Houthis": the "par" phrase is the participle's agent, not the event's)."""
    current = token
    while current.i != top.i and current.head.i != current.i:
        current = current.head
        if current.i != top.i and current.pos_ in {"VERB", "AUX"}:
            return True
    return False


def _victim_of_noun(token: Token, phrase: list[Token], trigger_head: Token) -> bool:
    """Whether ``token`` sits under a "contre" phrase of a noun of ``phrase`` ("les frappes
    contre l'Ukraine"), not of the trigger itself."""
    inside = {t.i for t in phrase}
    current = token
    for _ in range(_MAX_DEPTH + 1):
        if (
            case_of(current) in _ADVERSARY_CASES
            and current.head.i != trigger_head.i
            and current.head.pos_ == "NOUN"
        ):
            return True
        if current.head.i == current.i or current.head.i not in inside:
            return False
        current = current.head
    return False


def names_a_partner(token: Token, complement: Token) -> bool:
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


def place_target(
    token: Token, actors: list[Actor], mentions: MentionIndex | None = None
) -> Actor | None:
    """The state of a place named as the object of an act ("a bombardé Kharkiv" -> UKR); never a
    name the actors stage read as an actor ("contre le Hamas" is no German village)."""
    if token.pos_ != "PROPN":
        return None
    words = [token] + [c for c in token.children if c.dep_ in {"flat:name", "flat"}]
    name = token.doc[min(w.i for w in words) : max(w.i for w in words) + 1]
    start, end = name.start_char, name.end_char
    place = resolve_place(name.text)
    if place is None or not place.country or place.country in {a.code for a in actors}:
        return None
    named = mentions.by_token.get(token.i, []) if mentions is not None else []
    if named and place.country not in {a.code for a in named}:
        return None  # the name stands for an actor elsewhere, not this place
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
            return phrase_of(token) if token.dep_ != "ROOT" else [token]
        if token.pos_ in {"VERB"} and token.dep_ != "ROOT":
            return []
    return []


_TENSE_AUXILIARIES = {"avoir"}


def _bare_past_participle(verb: Token) -> bool:
    """A past participle without auxiliary or reflexive: passive in sense."""
    return (
        "Part" in verb.morph.get("VerbForm", [])
        and "Past" in verb.morph.get("Tense", [])
        and not any(c.dep_.startswith(("aux", "expl")) for c in verb.children)
    )


def subject_or_stranded(verb: Token, mentions: MentionIndex) -> tuple[list[Token], bool]:
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
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


# Prepositions that aim an act at a place: "contre Kharkiv", "sur Gaza".
_AIMED_CASES = {"contre", "sur"}


def aimed_places(
    roots: Iterable[Token], actors: list[Actor], mentions: MentionIndex
) -> list[Actor]:
    """The states of the places an act is aimed at ("contre Kharkiv", "sur Gaza") in the phrases
    below ``roots``, two levels down at most."""
    aimed = [
        d for c in roots for d in c.subtree
        if case_of(d) in _AIMED_CASES and depth_below(d, c) <= 2
    ]  # fmt: skip
    return [p for d in aimed if (p := place_target(d, actors, mentions))]


# "l'exécution d'un opposant en Iran", "la situation des droits humains au Bélarus"
_WHERE_CASES = {"en", "au", "aux", "a", "dans"}


def located_states(head: Token, actors: list[Actor], mentions: MentionIndex) -> list[Actor]:
    """The one state where the phrases below ``head`` (three levels down at most) place what it
    names, or nothing when they name none or several."""
    placed = [
        d for c in head.children for d in c.subtree
        if case_of(d) in _WHERE_CASES and depth_below(d, head) <= 3
    ]  # fmt: skip
    states = {p.code: p for d in placed if (p := place_target(d, actors, mentions))}
    return list(states.values()) if len(states) == 1 else []


def at_home(head: Token, mentions: MentionIndex, args: Arguments) -> None:
    """An act a state does to its own people, told with no author: the state where it happens
    did it, to its people (GUIDELINES 4: "an execution by Iran of an Iranian")."""
    states = located_states(head, [], mentions)
    if not states:
        return
    (state,) = states
    add(args.actors, [replace(state, sector="GOV", rule="place:internal-act")])
    if not args.recipients:
        add(args.recipients, [replace(state, sector="CVL", rule="place:internal-act")])
    args.how.append("place:internal-act")


_OPENING_QUOTES = {"«", "“"}
_CLOSING_QUOTES = {"»", "”"}


def _first_person(verb: Token, subject: list[Token]) -> bool:
    return is_pronoun_subject(subject, FIRST_PERSON) or _first_person_plural(verb)


def quote_speaker(token: Token, mentions: MentionIndex) -> list[Actor]:
    """ "« Nous condamnons cette attaque », a déclaré Ignazio Cassis": the actors who speak the
    quotation ``token`` stands in, named by the verb of saying right after it (the parser may
    put that verb in a sentence of its own)."""
    doc = token.doc
    opened = False
    for word in doc[token.sent.start : token.i]:
        if word.text in _OPENING_QUOTES:
            opened = True
        elif word.text in _CLOSING_QUOTES:
            opened = False
    if not opened:
        return []
    limit = min(len(doc), token.sent.end + 4)
    close = next((w.i for w in doc[token.i : limit] if w.text in _CLOSING_QUOTES), None)
    if close is None:
        return []
    for word in doc[close + 1 : min(len(doc), close + 5)]:
        if word.pos_ != "VERB" or normalise(word.lemma_) not in SPEECH_VERBS:
            continue
        subject, passive = subject_of(word)
        if passive:
            return []
        found = mentions.in_tokens(subject)
        if found:
            return found
        # "a déclaré Ignazio Cassis": an inverted subject the parser did not attach
        after = doc[word.i + 1 : min(len(doc), word.i + 6)]
        return next((list(mentions.by_token[w.i]) for w in after if w.i in mentions.by_token), [])
    return []
