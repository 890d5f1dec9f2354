"""People by name, with the role they held on the publication date."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from annales.actors import find_actors
from annales.model import Actor

if TYPE_CHECKING:
    from spacy.language import Language


def first(nlp: Language, text: str, on: date | None) -> Actor:
    return find_actors(nlp(text), pub_date=on)[0]


def test_person_in_office_gets_country_sector_and_identity(nlp_fr: Language) -> None:
    trump = first(nlp_fr, "Donald Trump a menacé de nouvelles sanctions.", date(2018, 5, 2))
    assert (trump.code, trump.sector, trump.wikidata) == ("USA", "GOV", "Q22686")
    assert trump.rule == "kb:person-role"
    assert trump.confidence >= 0.9


def test_person_out_of_office_keeps_the_country_but_no_sector(nlp_fr: Language) -> None:
    trump = first(nlp_fr, "Donald Trump a menacé de nouvelles sanctions.", date(2015, 5, 2))
    assert (trump.code, trump.sector, trump.rule) == ("USA", None, "kb:person")
    assert trump.confidence <= 0.6


def test_defence_minister_is_military(nlp_fr: Language) -> None:
    carter = first(nlp_fr, "Ash Carter a rencontré des officiers.", date(2015, 9, 1))
    assert (carter.code, carter.sector) == ("USA", "MIL")
    assert first(nlp_fr, "Ash Carter a parlé.", date(2014, 9, 1)).sector is None


def test_role_changes_with_the_date(nlp_fr: Language) -> None:
    text = "Jean-Yves Le Drian a reçu les chefs militaires."
    assert first(nlp_fr, text, date(2015, 1, 1)).sector == "MIL"
    assert first(nlp_fr, text, date(2019, 1, 1)).sector == "GOV"


def test_igo_leaders_act_for_their_organisation(nlp_fr: Language) -> None:
    guterres = first(nlp_fr, "António Guterres a appelé au calme.", date(2020, 1, 1))
    assert (guterres.code, guterres.sector) == ("UN", "IGO")
    stoltenberg = first(nlp_fr, "Jens Stoltenberg a répondu.", date(2016, 1, 1))
    assert (stoltenberg.code, stoltenberg.sector) == ("NATO", "IGO")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Poutine a parlé.", "RUS"),
        ("Vladimir Putin a parlé.", "RUS"),
        ("Sergei Lavrov a parlé.", "RUS"),
        ("Recep Tayyip Erdogan a parlé.", "TUR"),
        ("Erdoğan a parlé.", "TUR"),
        ("Netanyahou a parlé.", "ISR"),
        ("Bachar Al Assad a parlé.", "SYR"),
        ("Zelenskyy a parlé.", "UKR"),
        ("Volodymyr Zelensky a parlé.", "UKR"),
    ],
)
def test_french_and_english_spellings(nlp_fr: Language, text: str, code: str) -> None:
    assert first(nlp_fr, text, date(2020, 6, 1)).code == code


def test_no_date_takes_the_longest_role(nlp_fr: Language) -> None:
    shoigu = first(nlp_fr, "Sergueï Choïgou a inspecté les troupes.", None)
    assert (shoigu.code, shoigu.sector) == ("RUS", "MIL")


def test_unlisted_surname_alone_is_left_out(nlp_fr: Language) -> None:
    assert find_actors(nlp_fr("Cohen a parlé."), pub_date=date(2010, 1, 1)) == []


def test_surname_that_is_also_a_country(nlp_fr: Language) -> None:
    found = find_actors(nlp_fr("Hollande a reçu le roi des Pays-Bas."), pub_date=date(2014, 1, 1))
    assert [a.code for a in found] == ["FRA", "NLD"]


@pytest.mark.parametrize(
    ("text", "on", "code", "sector"),
    [
        ("Ahmed Attaf a reçu son homologue.", date(2024, 1, 10), "DZA", "GOV"),
        ("Abdelmadjid Tebboune a prononcé un discours.", date(2023, 6, 1), "DZA", "GOV"),
        ("Bola Tinubu a menacé d'intervenir.", date(2023, 8, 5), "NGA", "GOV"),
        ("Ruben Vardanyan a rejeté l'offre.", date(2023, 1, 15), "ORG:ARTSAKH", "REB"),
        ("Laurence Boone s'est rendue à Kiev.", date(2023, 3, 1), "FRA", "GOV"),
        ("Chrysoula Zacharopoulou a annoncé une aide.", date(2023, 5, 2), "FRA", "GOV"),
        ("Nasser Bourita a signé l'accord.", date(2020, 12, 22), "MAR", "GOV"),
        ("Kaïs Saïed a limogé le gouvernement.", date(2021, 7, 26), "TUN", "GOV"),
        ("Salifou Mody a rencontré les officiers.", date(2023, 9, 1), "NER", "MIL"),
        (
            "Mohamed Hamdan Daglo a lancé une offensive.",
            date(2023, 6, 1),
            "ORG:RAPID_SUPPORT_FORCES",
            "REB",
        ),
        ("Min Aung Hlaing a pris le pouvoir.", date(2021, 3, 1), "MMR", "GOV"),
        ("Gustavo Petro a appelé au dialogue.", date(2023, 3, 1), "COL", "GOV"),
    ],
)
def test_added_people_resolve_with_their_role(
    nlp_fr: Language, text: str, on: date, code: str, sector: str
) -> None:
    actor = first(nlp_fr, text, on)
    assert (actor.code, actor.sector, actor.rule) == (code, sector, "kb:person-role")


def test_added_people_change_role_with_the_date(nlp_fr: Language) -> None:
    text = "Jean-Noël Barrot a reçu son homologue."
    assert first(nlp_fr, text, date(2024, 5, 1)).code == "FRA"
    hemedti = "Mohamed Hamdan Daglo a parlé."
    assert first(nlp_fr, hemedti, date(2020, 6, 1)).code == "SDN"
    assert first(nlp_fr, hemedti, date(2024, 6, 1)).code == "ORG:RAPID_SUPPORT_FORCES"


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Le Front Polisario a revendiqué l'attaque.", "ORG:POLISARIO", "REB"),
        ("L'Africa Corps a remplacé les mercenaires.", "RUS", "MIL"),
        ("Le TPLF a signé l'accord.", "ORG:TPLF", "REB"),
        ("L'Arakan Army a pris la ville.", "ORG:ARAKAN_ARMY", "REB"),
        ("Le CSP-DPA a revendiqué l'attaque.", "ORG:CSP_DPA", "REB"),
    ],
)
def test_added_groups(nlp_fr: Language, text: str, code: str, sector: str) -> None:
    actor = first(nlp_fr, text, date(2024, 6, 1))
    assert (actor.code, actor.sector) == (code, sector)
