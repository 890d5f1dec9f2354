"""Who speaks and whom an act answers: the discourse constructions, on sentences of our own."""

from __future__ import annotations

from annales import code_text
from event_atoms import scored_atoms


def test_issuer_is_the_issuing_phrase_of_the_title_not_its_topic() -> None:
    events = code_text(
        "Nous condamnons cette tentative d'assassinat et exigeons une enquête.",
        title="Communiqué conjoint de la France et de la Belgique sur l'empoisonnement "
        "d'un opposant russe",
        pub_date="2021-02-02",
        coder="rules",
    )
    actors = {a.code for e in events for a in e.actors}
    assert {"FRA", "BEL"} <= actors
    assert "RUS" not in actors


def test_elided_first_person_speaks_for_the_issuer() -> None:
    events = code_text(
        "J'ai appelé le président nigérien à libérer sans délai les détenus.",
        title="Déclaration de M. Jean-Yves Le Drian, ministre de l'Europe et des affaires "
        "étrangères, sur la situation au Niger",
        pub_date="2021-06-01",
        coder="rules",
    )
    assert ("REQUEST", "FRA", "NER") in scored_atoms(events)


def test_partner_named_by_a_genitive_inside_avec() -> None:
    events = code_text(
        "La ministre sénégalaise des affaires étrangères a échangé mardi avec ses homologues "
        "de l'Union africaine.",
        pub_date="2023-03-07",
        coder="rules",
    )
    assert {e.type for e in events} == {"CONSULT"}
    assert "AU" in {r.code for e in events for r in e.recipients + e.actors}


def test_fighting_between_two_states_names_them_and_a_demonstrative_answers_it() -> None:
    events = code_text(
        "Les combats ont repris entre le Soudan et le Soudan du Sud. "
        "L'Égypte condamne fermement cette escalade.",
        pub_date="2024-02-11",
        coder="rules",
    )
    accusations = [e for e in events if e.type == "ACCUSE"]
    assert accusations
    assert {r.code for r in accusations[0].recipients} == {"SDN", "SSD"}


def test_relative_que_condemns_the_event_it_stands_for() -> None:
    events = code_text(
        "Moscou a lancé une offensive contre Kharkiv, que nous condamnons.",
        title="Communiqué du ministère des affaires étrangères de la Pologne",
        pub_date="2024-05-11",
        coder="rules",
    )
    assert ("ACCUSE", "POL", "RUS") in scored_atoms(events)


def test_the_topic_of_an_official_title_is_not_an_act() -> None:
    title = (
        "Déclaration de M. Stéphane Séjourné, ministre de l'Europe et des affaires étrangères, "
        "en réponse à une question concernant la menace des Houthis du Yémen sur la sécurité "
        "maritime en mer Rouge"
    )
    events = code_text(
        "La France condamne les attaques des Houthis contre les navires marchands.",
        title=title,
        pub_date="2024-01-17",
    )
    assert not [e for e in events if e.trigger_start < len(title)]
    assert [e.type for e in events if e.trigger_start > len(title)][:1] == ["ACCUSE"]
    headline = code_text(
        "Les deux pays ont signé un accord.",
        title="La Russie a bombardé Kharkiv",
        pub_date="2024-06-02",
    )
    assert [e.type for e in headline if e.trigger_start < 60] == ["ASSAULT"]


def test_the_topic_of_an_english_statement_is_not_an_act() -> None:
    title = "Statement by the Foreign Secretary on the Russian strikes on Ukraine"
    events = code_text(
        "The United Kingdom condemns the Russian strikes on Kharkiv.",
        title=title,
        pub_date="2024-06-02",
        lang="en",
    )
    assert not [e for e in events if e.trigger_start < len(title)]
    assert "ACCUSE" in [e.type for e in events if e.trigger_start > len(title)]


def test_a_meeting_noun_with_avec_in_an_official_text_is_the_speakers() -> None:
    events = code_text(
        "L'évacuation a été rendue possible par des contacts étroits avec le Soudan et le Tchad.",
        title="Déclaration du ministère de l'Europe et des affaires étrangères",
        pub_date="2023-04-25",
    )
    atoms = scored_atoms(events)
    assert {("CONSULT", "FRA", "SDN"), ("CONSULT", "FRA", "TCD")} <= atoms
    assert ("CONSULT", "SDN", "TCD") not in atoms


def test_one_meeting_per_partner_each_with_its_own_id() -> None:
    events = code_text(
        "Le ministre s'est entretenu avec ses homologues kényan et somalien.",
        title="Communiqué du ministère de l'Europe et des affaires étrangères",
        pub_date="2024-06-02",
    )
    meetings = [e for e in events if e.type == "CONSULT"]
    assert sorted(r.code for e in meetings for r in e.recipients) == ["KEN", "SOM"]
    assert len({e.id for e in meetings}) == 2  # the store keeps one event per id


def test_fighting_between_two_sides_is_each_attacking_the_other() -> None:
    events = code_text(
        "Les combats entre l'armée soudanaise et les Forces de soutien rapide ont repris.",
        pub_date="2023-04-25",
    )
    assaults = [e for e in events if e.type == "ASSAULT" and not e.optional]
    assert {
        ("ASSAULT", "SDN", "ORG:RAPID_SUPPORT_FORCES"),
        ("ASSAULT", "ORG:RAPID_SUPPORT_FORCES", "SDN"),
    } <= scored_atoms(assaults)
    assert len({e.id for e in assaults}) == len(assaults)


def test_a_call_to_calm_is_a_request_not_a_phone_call() -> None:
    events = code_text(
        "Le Soudan et le Tchad se sont affrontés à la frontière. La France appelle les parties "
        "au calme et la Russie au cessez-le-feu.",
        pub_date="2024-12-02",
    )
    atoms = scored_atoms(events)
    assert {("REQUEST", "FRA", "SDN"), ("REQUEST", "FRA", "TCD")} <= atoms
    assert not [e for e in events if e.type == "CONSULT"]
    assert {("ASSAULT", "SDN", "TCD"), ("ASSAULT", "TCD", "SDN")} <= atoms  # fought each other
    call = code_text("Emmanuel Macron a appelé Vladimir Poutine mardi.", pub_date="2024-12-02")
    assert [e.mode for e in call if e.type == "CONSULT"] == ["phone"]


def test_between_names_two_even_when_the_parser_loses_the_second() -> None:
    events = code_text(
        "Les combats entre la Russie et l'Ukraine se poursuivent.", pub_date="2024-12-02"
    )
    assert {("ASSAULT", "RUS", "UKR"), ("ASSAULT", "UKR", "RUS")} <= scored_atoms(events)


def test_a_statement_whose_title_names_no_state_speaks_for_the_state_that_opens_it() -> None:
    events = code_text(
        "Le Portugal condamne l'attaque contre la mission de l'ONU. Nous demandons au Mali de "
        "protéger les Casques bleus.",
        title="Communiqué du ministère des Affaires étrangères sur la situation au Sahel",
        pub_date="2024-02-02",
    )
    assert ("REQUEST", "PRT", "MLI") in scored_atoms(events)
    news = code_text(
        "Selon plusieurs témoins, le Portugal a condamné l'attaque. Nous demandons au Mali de "
        "protéger les Casques bleus.",
        title="Sahel : nouvelle attaque contre la mission de l'ONU",
        pub_date="2024-02-02",
    )
    assert not any(a.code == "PRT" for e in news if e.type == "REQUEST" for a in e.actors)


def test_they_after_a_meeting_are_those_who_met_and_agreed() -> None:
    events = code_text(
        "Le Premier ministre japonais a rencontré son homologue australien à Tokyo. Ils sont "
        "convenus de renforcer leurs exercices navals.",
        pub_date="2024-02-02",
    )
    agreements = [e for e in events if e.type == "AGREE" and not e.optional]
    assert any({a.code for a in e.actors} == {"JPN", "AUS"} for e in agreements)


def test_a_bare_minister_in_an_official_statement_is_the_issuer_s_not_the_last_named() -> None:
    events = code_text(
        "L'envoyé de l'ONU a rencontré les ministres turc et russe des affaires étrangères. "
        "Le ministre s'est entretenu hier avec son homologue allemand.",
        title="Déclaration de la porte-parole du ministère de l'Europe et des affaires étrangères",
        pub_date="2024-02-02",
    )
    meetings = [e for e in events if e.trigger.startswith("entretenu")]
    assert meetings and {a.code for e in meetings for a in e.actors} == {"FRA"}


def test_headings_before_the_part_that_opens_a_statement_are_its_topic() -> None:
    events = code_text(
        "Monsieur le Député, la France soutient l'Arménie.",
        title="Questions au Gouvernement – Frappes azerbaïdjanaises en Arménie – Réponse de la "
        "ministre de l'Europe et des affaires étrangères",
        pub_date="2023-09-20",
    )
    assert not any(e.type == "ASSAULT" for e in events)
    assert ("SUPPORT", "FRA", "ARM") in scored_atoms(events)
