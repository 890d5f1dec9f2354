"""find_actors: states, demonyms, capitals and seats as actors; places are not actors."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from annales.actors import find_actors
from annales.model import Actor

if TYPE_CHECKING:
    from spacy.language import Language


def actors(nlp: Language, text: str, on: date | None = date(2019, 6, 1)) -> list[Actor]:
    return find_actors(nlp(text), pub_date=on)


def pairs(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    return [(a.code, a.sector) for a in actors(nlp, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La Russie a dénoncé l'accord.", [("RUS", "GOV")]),
        ("Les Etats-Unis et le Royaume-Uni ont protesté.", [("USA", "GOV"), ("GBR", "GOV")]),
        ("Les USA ont protesté.", [("USA", "GOV")]),
        ("La Fédération de Russie a protesté.", [("RUS", "GOV")]),
        ("La Republique islamique a riposté.", [("IRN", "GOV")]),
        ("Les forces russes ont progressé.", [("RUS", "MIL")]),
        ("Le gouvernement syrien a démenti.", [("SYR", "GOV")]),
        ("Les rebelles syriens ont riposté.", [("SYR", "REB")]),
        ("L'opposition vénézuélienne manifeste.", [("VEN", "OPP")]),
        ("La police iranienne a arrêté trois étudiants.", [("IRN", "COP")]),
        ("Les services de renseignement britanniques ont alerté.", [("GBR", "SPY")]),
        ("Le parlement ukrainien a voté.", [("UKR", "LEG")]),
        ("Les Russes ont répondu.", [("RUS", None)]),
    ],
)
def test_states_and_demonyms(nlp_fr: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(nlp_fr, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscou a réagi sèchement.", [("RUS", "GOV")]),
        ("Le Pentagone a démenti.", [("USA", "MIL")]),
        ("Le Kremlin a confirmé.", [("RUS", "GOV")]),
        ("L'Élysée et Matignon se taisent.", [("FRA", "GOV"), ("FRA", "GOV")]),
        ("Downing Street a réagi.", [("GBR", "GOV")]),
        ("Damas accuse Ankara.", [("SYR", "GOV"), ("TUR", "GOV")]),
        ("La Maison-Blanche a répondu.", [("USA", "GOV")]),
        ("Tsahal a frappé.", [("ISR", "MIL")]),
    ],
)
def test_capitals_and_seats_of_power(
    nlp_fr: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert pairs(nlp_fr, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Des combats ont eu lieu en Syrie.",
        "Il vit à Moscou depuis dix ans.",
        "Des tirs ont été entendus dans le nord de la Syrie.",
        "Le convoi se dirige vers Damas.",
        "Il est arrivé depuis Ankara hier.",
        "Elle a quitté Moscou mardi.",
        "Le ministre s'est rendu au Liban.",
        "Les réfugiés venus de Syrie attendent.",
    ],
)
def test_places_are_not_actors(nlp_fr: Language, text: str) -> None:
    assert [a for a in actors(nlp_fr, text) if a.code in {"SYR", "RUS", "LBN", "TUR"}] == []


def test_actor_and_place_in_one_sentence(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "La Turquie a accusé la Syrie de bombardements en Irak.")
    assert [a.code for a in found] == ["TUR", "SYR"]


def test_partners_and_agents_are_actors(nlp_fr: Language) -> None:
    text = "La coopération entre Moscou et Ankara, saluée par l'Iran, inquiète."
    assert [a.code for a in actors(nlp_fr, text)] == ["RUS", "TUR", "IRN"]


def test_dative_recipient_is_an_actor_with_lower_confidence(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "Paris a demandé à la Turquie de retirer ses troupes.")
    turkey = next(a for a in found if a.code == "TUR")
    assert turkey.rule == "kb:country-name+dative"
    assert turkey.confidence < 0.9


def test_organisations_and_armed_groups(nlp_fr: Language) -> None:
    text = "L'Otan, l'ONU et l'Union européenne ont condamné Daech, le Hezbollah et le Hamas."
    assert pairs(nlp_fr, text) == [
        ("NATO", "IGO"), ("UN", "IGO"), ("EU", "IGO"),
        ("ISIS", "REB"), ("HEZBOLLAH", "REB"), ("HAMAS", "REB"),
    ]  # fmt: skip


def test_acronyms_need_capitals(nlp_fr: Language) -> None:
    assert [a.code for a in actors(nlp_fr, "L'EI a revendiqué l'attaque.")] == ["ISIS"]
    assert actors(nlp_fr, "Nous sommes allés chez eux, ei ei.") == []


def test_offsets_point_into_the_text(nlp_fr: Language) -> None:
    text = "Titre\n\nLe président russe a parlé à Washington."
    doc = nlp_fr(text)
    for actor in find_actors(doc):
        assert actor.start is not None and actor.end is not None
        assert text[actor.start : actor.end] == actor.text
    assert find_actors(doc)[0].text == "président russe"


def test_accents_and_apostrophes_do_not_matter(nlp_fr: Language) -> None:
    assert pairs(nlp_fr, "Le Departement d’Etat a refusé.") == [("USA", "GOV")]
    assert pairs(nlp_fr, "Les Etats Unis ont refusé.") == [("USA", "GOV")]


def test_blocked_phrases_are_not_actors(nlp_fr: Language) -> None:
    assert actors(nlp_fr, "L'Amérique latine regarde le Washington Post.") == []


def test_pro_and_compound_demonyms_are_not_nationalities(nlp_fr: Language) -> None:
    assert [a.code for a in actors(nlp_fr, "Des séparatistes pro-russes ont tiré.")] != ["RUS"]


def test_a_dateline_is_a_place(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "MOSCOU (Reuters) - Le Kremlin a démenti.")
    assert [(a.code, a.text) for a in found] == [("RUS", "Kremlin")]


def test_state_media_are_media_actors(nlp_fr: Language) -> None:
    assert pairs(nlp_fr, "L'agence TASS a diffusé la vidéo.") == [("RUS", "MED")]


def test_resolution_covers_a_long_document(nlp_fr: Language) -> None:
    # Speed is measured in bench/, not asserted here.
    sentence = (
        "Le ministre russe de la Défense a rencontré son homologue turc à Moscou, "
        "puis la Russie et la Turquie ont dénoncé les frappes de Daech en Syrie. "
        "Les deux pays ont salué M. Erdogan. "
    )
    doc = nlp_fr(sentence * 120)
    found = find_actors(doc, pub_date=date(2018, 1, 1))
    assert len(found) > 600


def test_a_group_of_states_is_coded_as_its_members(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "Les E3 ont rejeté la demande. Le groupe de Minsk a appelé au calme.")
    assert [(a.code, a.rule) for a in found] == [
        ("FRA", "kb:group"), ("DEU", "kb:group"), ("GBR", "kb:group"),
        ("FRA", "kb:group"), ("RUS", "kb:group"), ("USA", "kb:group"),
    ]  # fmt: skip
    assert len({(a.start, a.end) for a in found[:3]}) == 1


def test_separatist_entities_have_org_codes(nlp_fr: Language) -> None:
    text = "La République populaire de Donetsk a annoncé un référendum."
    assert pairs(nlp_fr, text) == [("ORG:DONETSK_PEOPLES_REPUBLIC", "REB")]


def test_a_city_that_hosted_a_meeting_is_a_venue_not_an_actor(nlp_fr: Language) -> None:
    text = (
        "Les engagements du sommet de Lisbonne et de la conférence de Rome ont été tenus par Kiev."
    )
    assert [(a.code, a.rule) for a in actors(nlp_fr, text)] == [("UKR", "kb:capital")]
    # a capital after an ordinary noun stays the possessor
    assert pairs(nlp_fr, "Le soutien de Rome a été salué.") == [("ITA", "GOV")]


def test_press_conferences_and_company_boards_are_not_actors(nlp_fr: Language) -> None:
    text = "Lors d'une conférence de presse, elle a quitté le conseil d'administration du groupe."
    assert actors(nlp_fr, text, on=None) == []


def test_a_relative_of_a_known_leader_is_a_private_person(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "Le magazine a interrogé Hunter Biden sur ses affaires.", on=None)
    assert [(a.code, a.sector, a.text, a.rule) for a in found] == [
        ("USA", "CVL", "Hunter Biden", "kb:person-surname+other-name")
    ]
    # the leader himself, by surname or full name, keeps his role
    found = actors(nlp_fr, "Joe Biden a répondu. Selon Biden, rien ne change.", date(2022, 1, 1))
    assert [(a.code, a.sector) for a in found] == [("USA", "GOV"), ("USA", "GOV")]


def test_a_city_naming_a_treaty_is_no_actor(nlp_fr: Language) -> None:
    found = find_actors(
        nlp_fr("Le Chili accuse l'Iran de violer la convention de Vienne."),
        pub_date=date(2024, 1, 1),
    )
    assert "AUT" not in {a.code for a in found}


def test_each_of_two_nationalities_of_one_noun_is_an_actor(nlp_fr: Language) -> None:
    found = find_actors(
        nlp_fr("Le Hamas a rencontré les médiateurs égyptiens et qataris au Caire."),
        pub_date=date(2024, 1, 1),
    )
    assert {"EGY", "QAT"} <= {a.code for a in found}
