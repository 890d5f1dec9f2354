"""The rule coder on sentences written for these tests, through the real pipeline."""

from __future__ import annotations

from annales import code_text
from annales.model import Event


def _atoms(events: list[Event], *, optional: bool = False) -> set[tuple[str, str, str]]:
    found = set()
    for event in events:
        if event.optional and not optional:
            continue
        for actor in event.actors:
            for recipient in event.recipients or [None]:
                found.add((event.type, actor.code, recipient.code if recipient else "-"))
    return found


def test_subject_verb_object() -> None:
    events = code_text("La Turquie a vivement critiqué la Grèce.", pub_date="2021-03-04")
    assert ("ACCUSE", "TUR", "GRC") in _atoms(events)


def test_reflexive_consult_with_oblique_avec() -> None:
    events = code_text(
        "Le président russe s'est entretenu jeudi avec le chancelier allemand.",
        pub_date="2021-03-05",
    )
    assert ("CONSULT", "RUS", "DEU") in _atoms(events)


def test_coordinated_subjects_act_together() -> None:
    events = code_text("La France et l'Allemagne dénoncent la répression en Biélorussie.")
    actors = {a.code for e in events if e.type == "ACCUSE" for a in e.actors}
    assert {"FRA", "DEU"} <= actors


def test_passive_agent_is_the_actor() -> None:
    events = code_text("La proposition chinoise a été rejetée par l'Inde.")
    rejects = [e for e in events if e.type == "REJECT"]
    assert rejects and rejects[0].actors[0].code == "IND"


def test_request_with_appeler_a() -> None:
    events = code_text("L'Égypte a appelé Israël à cesser ses opérations.")
    assert ("REQUEST", "EGY", "ISR") in _atoms(events)


def test_negated_event_is_optional() -> None:
    events = code_text("Le Japon n'a pas condamné la Corée du Nord.")
    assert events and all(e.optional for e in events if e.type == "ACCUSE")
    assert events[0].modality == "negated"


def test_conditional_event_is_optional() -> None:
    events = code_text("L'Iran pourrait frapper des cibles en Arabie saoudite.")
    assert all(e.optional for e in events)


def test_future_promise_is_an_agree_event() -> None:
    events = code_text("Le Brésil et l'Argentine s'engagent à renforcer leur coopération.")
    agrees = [e for e in events if e.type == "AGREE"]
    assert agrees and not agrees[0].optional


def test_planned_withdrawal_is_optional() -> None:
    events = code_text("Les États-Unis prévoient de retirer leurs troupes d'Irak.")
    retreats = [e for e in events if e.type == "RETREAT"]
    assert retreats and retreats[0].optional


def test_nominal_event_with_par_agent() -> None:
    events = code_text("Le Canada dénonce l'annexion de la Crimée par la Russie.")
    assert ("COERCE", "RUS", "UKR") in _atoms(events) or ("COERCE", "RUS", "-") in _atoms(events)
    assert ("ACCUSE", "CAN", "RUS") in _atoms(events) or any(
        e.type == "ACCUSE" and e.actors[0].code == "CAN" for e in events
    )


def test_nationality_adjective_names_the_attacker() -> None:
    events = code_text("Des frappes aériennes israéliennes ont touché Damas dans la nuit.")
    assert any(e.type == "ASSAULT" and e.actors[0].code == "ISR" for e in events)


def test_words_of_an_actor_name_do_not_trigger() -> None:
    events = code_text("L'Organisation pour l'interdiction des armes chimiques a salué la Syrie.")
    assert not any(e.type == "COERCE" for e in events)


def test_every_event_has_evidence() -> None:
    text = "Moscou a accusé Kiev de saboter les négociations."
    events = code_text(text)
    assert events
    for event in events:
        assert event.quote and event.quote in text
        assert text[event.trigger_start : event.trigger_end] == event.trigger
        assert event.rule.startswith("fr:")
