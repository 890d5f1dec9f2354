"""The arguments of event nouns: "l'annexion de la Crimée par la Russie", "son retrait",
"les sanctions adoptées par l'UE contre X", "la mise en oeuvre de sanctions", "lors d'un
entretien avec X" — de/par/entre phrases, possessives, support verbs, nouns and participles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annales.events.lexicon import normalise
from annales.events.rules.arguments import (
    ACTOR_CASES,
    CLAUSE_DEPS,
    PRONOUNS,
    RECIPIENT_CASES,
    Arguments,
    Discourse,
    MentionIndex,
    add,
    aimed_places,
    at_home,
    case_of,
    complements_of,
    depth_below,
    is_agent,
    is_pronoun_subject,
    names_a_partner,
    phrase_of,
    place_target,
    subject_actors,
    subject_or_stranded,
    under_a_verb,
    under_case,
)
from annales.events.rules.implied import (
    owned_by_several,
    owned_by_speaker,
    owner_of,
    possessive_of,
)
from annales.events.rules.triggers import Trigger
from annales.model import SYMMETRIC_TYPES, Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["clause_verb", "nominal"]

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
# "prendre note de", "prendre acte de": the verb only notes the event
_NOTED = {"note", "acte"}
# nouns a support verb reaches through
_EVENT_HOLDERS = _CONTAINER_NOUNS | _CALENDAR_WORDS | _SUPPORT_NOUNS
_SUPPORTED_DEPS = {"obj", "obl", "obl:arg", "xcomp"}


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
        if (
            normalise(current.head.lemma_) in _NOTED
            and normalise(current.head.head.lemma_) == "prendre"
        ):
            return None  # "prendre note du cessez-le-feu": noting it, not concluding it
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
        if current.i in trigger_heads:
            # Under another event noun ("la condamnation de l'empoisonnement"): not supported.
            return None
    return None


# Verbs that carry on their subject's own act ("maintenir sa répression", "poursuivre son
# offensive").
_CARRYING_ON = {
    "maintenir", "poursuivre", "continuer", "intensifier", "renforcer", "redoubler", "reprendre",
    "accentuer", "etendre", "amplifier", "multiplier",
}  # fmt: skip
# Verbs that only place an event in time: its phrases belong to the event noun, their subject.
_ASPECTUAL_VERBS = {
    "reprendre", "eclater", "continuer", "poursuivre", "intensifier", "commencer", "cesser",
    "durer", "s'intensifier", "redoubler", "se poursuivre", "survenir", "avoir lieu", "debuter",
}  # fmt: skip
# Verbs whose subject is an attack and whose object is what it struck.
_AIMING_VERBS = {"viser", "toucher", "frapper", "cibler", "atteindre", "endommager", "detruire"}


def _aimed_by_its_verb(head: Token) -> bool:
    return head.dep_ == "nsubj" and normalise(head.head.lemma_) in _AIMING_VERBS


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
    if verb is None or (determiner is not None and owned_by_several(determiner)):
        return  # "lors de leur entretien" is the meeting of both sides: see the coder
    subject, passive = subject_or_stranded(verb, mentions)
    found = subject_actors(subject, mentions, discourse)
    if not found or passive:
        return
    add(args.actors, found)
    args.how.append("noun:framing-meeting")
    inside = {t.i for t in head.subtree}
    partners = [
        t for c in verb.children
        if c.dep_ in {"obj", "iobj"} or case_of(c) in {"avec", "a", "au", "aux", "aupres"}
        for t in phrase_of(c) if t.i not in inside
    ]  # fmt: skip
    add(args.recipients, mentions.in_tokens(partners), exclude=args.actors)


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
    return mentions.in_tokens(t for c in agents for t in phrase_of(c))


def clause_verb(token: Token) -> Token | None:
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
    if trigger.rule.type in SYMMETRIC_TYPES and owned_by_several(determiner):
        return []
    if owned_by_speaker(determiner):  # "malgré nos appels": the speaker's own, whatever the verb
        return owner_of(determiner, head, mentions, discourse, set())
    governor = _governing_verb(head, trigger_heads) or clause_verb(head)
    excluded: set[int] = set()
    if governor is not None:
        subject, passive = subject_or_stranded(governor, mentions)
        lemma = normalise(governor.lemma_)
        # "les autorités maintiennent leur répression": carrying on one's own act, even where
        # the verb holds an event of its own
        lends = (governor.i not in trigger_heads or lemma in _CARRYING_ON) and (
            lemma not in _TELLING_VERBS
        )
        if lends and not passive:
            found = subject_actors(subject, mentions, discourse)
            if found:
                return found
        excluded = {t.i for t in subject}
    return owner_of(determiner, head, mentions, discourse, excluded)


def nominal(
    trigger: Trigger, mentions: MentionIndex, discourse: Discourse, trigger_heads: set[int]
) -> Arguments:
    head = trigger.head
    args = Arguments()
    own = {t.i for t in trigger.tokens}
    children = [c for t in trigger.tokens for c in t.children if c.i not in own]
    owner = _owner(trigger, mentions, discourse, trigger_heads)
    if owner:
        # "son retrait de l'accord": the owner acts, the "de" phrase names what it acts on.
        add(args.actors, owner)
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
                if d.i != child.i and is_agent(d)
                and depth_below(d, child) <= 2
            ]  # fmt: skip
            if not agents:
                # "le cessez-le-feu conclu hier soir entre Erevan et Bakou": its two parties
                agents = [d for d in child.children if case_of(d) == "entre"]
            phrase = [t for a in agents for t in phrase_of(a)]
            # "imposées par le Canada sur l'acier chinois": the parser may hang the target
            # under the agent.
            aimed = [t for t in phrase if under_case(t, phrase, RECIPIENT_CASES - {"entre"})]
            found = mentions.in_tokens(t for t in phrase if t not in aimed)
            if found:
                add(args.actors, found)
                add(args.recipients, mentions.in_tokens(aimed), exclude=args.actors)
                args.how.append("noun:support-participle")
            continue
        # Participles and appositions carry their own events ("une trêve négociée par X",
        # "une frappe, un incident imputé à Israël"): their phrases are not this noun's.
        if child.dep_ in {"det", "case", "punct", "cc", "acl", "appos"}:
            continue
        phrase = phrase_of(child) if child.dep_ not in CLAUSE_DEPS else []
        args.tokens.update(t.i for t in phrase)
        case = case_of(child)
        if case not in ACTOR_CASES:
            # "l'arrestation d'un journaliste par l'Iran": the parser may hang the agent under
            # the noun's complement; a "par" phrase there is still the act's author.
            agent = [
                t
                for t in phrase
                if under_case(t, phrase, ACTOR_CASES) and not under_a_verb(t, child)
            ]
            if (authors := mentions.in_tokens(agent)) and not args.actors:
                add(args.actors, authors)
                args.how.append("noun:par")
                phrase = [t for t in phrase if t not in agent]
        found = mentions.in_tokens(phrase)
        if not found:
            continue
        if is_agent(child):
            add(args.actors, found)
            args.how.append("noun:par")
        elif case == "entre":
            add(args.actors, found)
            if len({a.code for a in found}) == 1:
                # "entre X et Y" names two: the parser may hang "et Y" elsewhere
                add(args.actors, _second_of_pair(phrase, mentions))
            args.how.append("noun:entre")
        elif (
            case == "de"
            and not owner
            and (trigger.rule.de_role == "actor" or _state_force(trigger, found))
        ):
            add(args.actors, found)
            args.how.append("noun:de-actor")
        elif child.dep_ == "amod":
            # "les frappes russes", "la médiation française": the adjective names the author.
            add(args.actors, found)
            args.how.append("noun:adjective")
        else:
            add(args.recipients, found, exclude=args.actors)
            args.how.append(f"noun:{case or child.dep_}")
    if not args.actors:
        add(args.actors, _holder_agents(head, mentions))
        if args.actors:
            args.how.append("noun:support-noun")
    withdrawal = trigger.rule.type == "RETREAT" and bool(args.actors)
    if not args.recipients and (trigger.rule.de_role == "recipient" or withdrawal):
        # "l'annexion de la Crimée": a place undergoes the act; "le retrait américain
        # d'Afghanistan": the place left is the recipient.
        places = [c for c in children if c.dep_ == "nmod" and case_of(c) == "de"]
        add(
            args.recipients,
            [p for c in places if (p := place_target(c, args.actors, mentions))],
        )
    if not args.recipients and trigger.rule.type not in SYMMETRIC_TYPES:
        # "des frappes (menées par X) contre Kharkiv": the place attacked is the target's.
        add(args.recipients, aimed_places(children, args.actors, mentions))
    if not args.recipients and _aimed_by_its_verb(head):
        # "Les frappes russes ont visé Kharkiv", "... ont touché plusieurs localités de
        # l'Arménie": the verb says where the act struck.
        objects = [c for c in head.head.children if c.dep_ == "obj"]
        objects += [n for o in objects for n in o.children if n.dep_ == "nmod"]
        add(
            args.recipients,
            [p for o in objects if (p := place_target(o, args.actors, mentions))],
        )
    governor = _governing_verb(head, trigger_heads)
    if governor is not None and normalise(governor.lemma_) in _TELLING_VERBS:
        governor = None
    # A support verb ("procéder à des frappes", "imposer des sanctions") lends its subject, but
    # a verb that is itself an event does not: "la France condamne l'exécution" executes no one.
    # An adjunct ("en coordination avec Damas") belongs to the subject whatever the verb.
    adjunct = case_of(head) == "en" and head.head.dep_ == "ROOT"
    if not args.actors and governor is not None and (governor.i not in trigger_heads or adjunct):
        subject, passive = subject_or_stranded(governor, mentions)
        found = subject_actors(subject, mentions, discourse)
        if not found and is_pronoun_subject(subject, PRONOUNS):
            found = list(discourse.last_subject)  # "Il adresse un message de sympathie à ..."
        if found and not passive:
            add(args.actors, found)
            args.how.append("noun:support-verb")
            _support_verb_recipients(trigger, governor, mentions, args)
    elif (
        owner
        and not args.recipients
        and head.dep_ == "obj"
        and governor is not None
        and governor.i not in trigger_heads
    ):
        # "ont exprimé au Népal leur solidarité": the owner acts, the verb's other complements
        # say whom the act is for.
        _support_verb_recipients(trigger, governor, mentions, args)
    if not args.actors and trigger.rule.type in SYMMETRIC_TYPES:
        _meeting_of_the_clause(head, mentions, discourse, args)
    describes = head.dep_ in {"appos", "acl"} or (head.dep_ == "nmod" and case_of(head) == "en")
    if not args.actors and head.head.i != head.i and describes:
        # "John Kerry, en visite à Londres": the event noun describes the person it hangs from;
        # "un communiqué sur l'empoisonnement de X" is about the event, its authors did not act.
        found = mentions.in_tokens([head.head])
        if found:
            add(args.actors, found)
            args.how.append("noun:describes")
    partners = args.recipients and "noun:avec" in args.how
    if not args.actors and trigger.rule.type in SYMMETRIC_TYPES and partners and discourse.issuer:
        # "des contacts étroits avec les deux parties" in an official text: the speaker's own.
        add(args.actors, discourse.issuer)
        args.how.append("noun:avec-issuer")
    if not args.actors and trigger.rule.type in SYMMETRIC_TYPES and len(args.recipients) >= 2:
        args.actors, args.recipients = args.recipients, []
    if not args.actors and trigger.rule.internal:
        at_home(head, mentions, args)
    if trigger.rule.type == "REQUEST" and not args.recipients and case_of(head) in {"a", "au"}:
        # "À notre demande, le Conseil de sécurité s'est réuni": asked is who then acted.
        verb = clause_verb(head)
        if verb is not None:
            subject, _ = subject_or_stranded(verb, mentions)
            add(args.recipients, mentions.in_tokens(subject), exclude=args.actors)
            if args.recipients:
                args.how.append("noun:at-the-request")
    return args


def _support_verb_recipients(
    trigger: Trigger, governor: Token, mentions: MentionIndex, args: Arguments
) -> None:
    """The other complements of the verb that carries the event noun ("imposer des sanctions à
    X", "apporter son soutien à X")."""
    symmetric = trigger.rule.type in SYMMETRIC_TYPES
    for sibling in complements_of(governor):
        if sibling.i == trigger.head.i or sibling.dep_ == "obl:agent":
            continue
        phrase = phrase_of(sibling)
        if symmetric:  # "un accord conclu sous l'égide de X": X mediates, not agrees
            phrase = [t for t in phrase if names_a_partner(t, sibling)]
        add(args.recipients, mentions.in_tokens(phrase), exclude=args.actors)


def _second_of_pair(phrase: list[Token], mentions: MentionIndex) -> list[Actor]:
    """The actor right after "et" that follows ``phrase`` in the text ("entre la Russie et
    l'Ukraine" with "et l'Ukraine" parsed as another subject)."""
    doc = phrase[-1].doc
    after = max(t.i for t in phrase) + 1
    if after >= len(doc) or normalise(doc[after].text) != "et":
        return []
    following = [t for t in doc[after + 1 : after + 6] if not t.is_punct]
    for token in following:
        if token.i in mentions.by_token:
            return list(mentions.by_token[token.i])
        if token.pos_ not in {"DET", "ADP"}:
            return []
    return []
