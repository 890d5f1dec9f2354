"""The PLOVER policy every coder follows, in one place (GUIDELINES 2 and 4).

Coders decide which words carry which events and who their participants are; what makes an
event well-formed is decided here, the same for all of them:

- an actor is never its own recipient, except in internal acts against people or groups;
- a truce declared together is an agreement, an intent to meet is an agreement to meet;
- a directed act done in another country with no named target is aimed at that country;
- an event with no one on the other side is vaguely coded, hence optional.
"""

from __future__ import annotations

from annales.model import SYMMETRIC_TYPES, Actor, Event

__all__ = [
    "apply_policy",
    "clean_recipients",
    "flag_one_sided",
    "recipient_from_place",
    "reclassify",
]


# Sectors a state can act against internally (an execution by Iran of an Iranian citizen).
_INTERNAL_TARGETS = {"CVL", "OPP", "REB", "MED", "PTY", "JUD", "LEG", "BUS"}
_STATE_SECTORS = {"GOV", "COP", "MIL"}


def clean_recipients(kind: str, actors: list[Actor], recipients: list[Actor]) -> list[Actor]:
    """An actor is never its own recipient, except in internal acts against people or groups."""
    actor_codes = {a.code for a in actors}
    actor_sectors = {a.sector for a in actors}
    kept = []
    for recipient in recipients:
        # The state against people or groups of its own, or they against their state
        # ("les manifestants ... contre le gouvernement").
        society = bool(actor_sectors) and actor_sectors <= _INTERNAL_TARGETS
        internal = (
            kind not in SYMMETRIC_TYPES
            and (
                recipient.sector in _INTERNAL_TARGETS
                or (society and recipient.sector in _STATE_SECTORS)
            )
            and recipient.sector not in actor_sectors
            and "issuer" not in (recipient.rule or "")
        )
        if recipient.code in actor_codes and not internal:
            continue
        kept.append(recipient)
    return kept


def reclassify(
    kind: str, mode: str | None, modality: str | None, actors: list[Actor], *, intent: object
) -> tuple[str, str | None, str | None]:
    """The event's type, mode and modality once PLOVER's readings of two constructions apply.

    A truce declared together ("annoncée conjointement par l'Arménie et l'Azerbaïdjan") is an
    agreement between its parties, not a retreat by each; an intent to meet ("veut rencontrer",
    "a proposé de discuter", ``intent`` being the governing verb) is an AGREE event.
    """
    if kind == "RETREAT" and mode == "ceasefire" and len({a.code for a in actors}) > 1:
        return "AGREE", None, modality
    if kind == "CONSULT" and intent is not None:
        return "AGREE", None, None
    return kind, mode, modality


def flag_one_sided(event: Event) -> Event:
    """An event with no one on the other side is vaguely coded (GUIDELINES 2): optional.

    "La Russie a critiqué ce déploiement" says who criticised, not whom; such events are kept
    (with ``--include-optional``) but not counted as interactions.
    """
    participants = {a.code for a in event.actors} | {a.code for a in event.recipients}
    one_sided = len(participants) < 2 if event.type in SYMMETRIC_TYPES else not event.recipients
    if one_sided and event.modality is None:
        event.modality = "vague"
    return event


# Meetings are with someone, and refusals and concessions answer whoever made the demand, not
# the place where they are made; an accusation is aimed at an author, never at the place where
# something happened ("l'attaque perpétrée près de Goma", "la situation humanitaire à Gaza").
_NOT_AIMED_AT_PLACES = SYMMETRIC_TYPES | {"REJECT", "CONCEDE", "ACCUSE"}


def recipient_from_place(event: Event) -> Event:
    """A directed act with no recipient, done in another country, is done to that country; a
    visit to a country is a meeting with it.

    ("L'armée russe a bombardé des positions en Ukraine" is RUS -> UKR.) The recipient is marked
    with its own rule and a low confidence.
    """
    place = event.location
    visit = event.type == "CONSULT" and event.mode == "visit"
    # An event its coder already found one-sided (an unresolved actor, a worry that names no one)
    # is not aimed at a country for where it happens.
    if (
        event.recipients
        or event.modality == "vague"
        or (event.type in _NOT_AIMED_AT_PLACES and not visit)
    ):
        return event
    if not place or not place.country:
        return event
    if place.country in {a.code for a in event.actors}:
        return event
    event.recipients = [
        Actor(
            code=place.country,
            text=place.text,
            start=place.start,
            end=place.end,
            rule="place:recipient",
            confidence=0.5,
        )
    ]
    return event


def apply_policy(event: Event) -> Event:
    """The policy that needs the event's place: run once the event is dated and placed."""
    return flag_one_sided(recipient_from_place(event))
