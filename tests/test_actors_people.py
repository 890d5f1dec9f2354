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
