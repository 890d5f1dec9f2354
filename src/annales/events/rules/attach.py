"""Actors and recipients of a trigger: the syntax of its word (verbal or nominal), and the
stances a speaker takes on it — obligations ("X doit ..."), judgements ("ces propos sont
inacceptables") and named wrongs ("une violation par X de ...")."""

from __future__ import annotations

from annales.events.lexicon import normalise
from annales.events.rules.arguments import (
    FIRST_PERSON,
    REACTION_TYPES,
    SUBJECT_DEPS,
    Arguments,
    Discourse,
    MentionIndex,
    add,
    case_of,
    is_pronoun_subject,
    phrase_of,
    subject_of,
    subject_or_stranded,
    verbal,
)
from annales.events.rules.implied import (
    WRONGDOING_NOUNS,
    is_necessity,
    owner_of,
    possessive_of,
    speaker_of,
)
from annales.events.rules.nominal import clause_verb, nominal
from annales.events.rules.triggers import Trigger

__all__ = ["find_arguments"]


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
        return _owner_of_object(trigger, verbal(trigger, mentions, discourse), mentions, discourse)
    if head.pos_ == "ADJ" and any(c.dep_ == "cop" for c in head.children):
        if _is_judgement(trigger, mentions):
            return _judgement(trigger, mentions, discourse)
        # "la France est solidaire de l'Arménie": a predicate adjective takes its subject and
        # complements as a verb does.
        return verbal(trigger, mentions, discourse)
    args = nominal(trigger, mentions, discourse, trigger_heads or set())
    if trigger.rule.type == "ACCUSE" and normalise(head.lemma_) in WRONGDOING_NOUNS:
        return _wrong_told(trigger, args, mentions, discourse)
    return args


def _owner_of_object(
    trigger: Trigger, args: Arguments, mentions: MentionIndex, discourse: Discourse
) -> Arguments:
    """ "Trump a salué sa stratégie face à l'Ukraine": the owner of the object ("sa": Poutine)
    is the one supported, not a place or actor named around it."""
    if trigger.rule.type not in REACTION_TYPES:
        return args
    head = trigger.head
    actors = {a.code for a in args.actors}
    for obj in (c for c in head.children if c.dep_ == "obj"):
        determiner = possessive_of(obj)
        if determiner is None or obj.i in mentions.by_token:
            continue
        excluded = {t.i for t in subject_of(head)[0]}
        owners = [
            a
            for a in owner_of(determiner, obj, mentions, discourse, excluded)
            if a.code not in actors
        ]
        if owners:
            args.recipients = owners
            args.how.append("complement:owner")
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
    subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
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
    add(args.actors, speaker_of(head, mentions, discourse))
    add(args.recipients, [a for a in judged if a.code not in {x.code for x in args.actors}])
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
            for t in phrase_of(c)
        ]  # fmt: skip
        wrongdoers = mentions.in_tokens(doers)
        if case_of(head) == "en":
            # "des activités menées en violation du traité": the breach is the clause's doing.
            verb = clause_verb(head)
            wrongdoers = mentions.in_tokens(subject_of(verb)[0]) if verb is not None else []
        if (determiner := possessive_of(head)) is not None and not wrongdoers:
            verb = clause_verb(head)
            excluded = {t.i for t in subject_of(verb)[0]} if verb is not None else set()
            wrongdoers = owner_of(determiner, head, mentions, discourse, excluded)
    judged = Arguments(tokens=args.tokens, how=[*args.how, "wrong:speaker"])
    verb = clause_verb(trigger.head)
    if verb is not None:  # "Varsovie alerte sur les crimes russes": who names the wrong
        subject, passive = subject_or_stranded(verb, mentions)
        if not passive:
            add(judged.actors, mentions.in_tokens(subject))
    if not judged.actors:
        add(judged.actors, speaker_of(trigger.head, mentions, discourse))
    codes = {a.code for a in judged.actors}
    add(judged.recipients, [a for a in wrongdoers if a.code not in codes])
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
        if is_pronoun_subject(subject, FIRST_PERSON):
            return Arguments()  # a commitment of the speaker, not a request
        args.tokens.update(t.i for t in subject)
        add(args.recipients, mentions.in_tokens(subject))
        # "... doit être respecté par les deux parties": the agent is who must respect it.
        for verb in [clause] + [c for c in clause.children if c.dep_ == "xcomp"]:
            agents = [t for c in verb.children if c.dep_ == "obl:agent" for t in phrase_of(c)]
            add(args.recipients, mentions.in_tokens(agents))
    for child in head.children:
        if case_of(child) == "de" and normalise(child.text) == "part":
            add(args.recipients, mentions.in_tokens(phrase_of(child)))
    speaker = speaker_of(head, mentions, discourse)
    add(args.actors, speaker)
    codes = {a.code for a in args.actors}
    args.recipients = [r for r in args.recipients if r.code not in codes]
    if args.actors:
        args.how.append("necessity:speaker")
    if args.recipients:
        args.how.append("necessity:who-must")
    return args
