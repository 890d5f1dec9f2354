"""Coverage of the actor knowledge base: the leaders, ministers and groups of 2015-2025 news.

Each case is a real lookup through the public API (``lookup``, ``find_actors``, ``resolve_code``)
on the packaged data, so that a wrong date, a lost alias or a name that collides with another
entry shows up here rather than as a missing dyad in the evaluation.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from annales.actors import find_actors, load_knowledge_base, lookup, resolve_code

if TYPE_CHECKING:
    from spacy.language import Language

# The states most covered in international news, 2015-2025 (a head of state or government is
# known for every date); Libya is left out: its rival governments have no single head.
MOST_COVERED = (
    "USA", "RUS", "CHN", "FRA", "GBR", "DEU", "UKR", "ISR", "PSE", "IRN", "SYR", "IRQ", "TUR",
    "SAU", "AFG", "PAK", "IND", "JPN", "KOR", "PRK", "EGY", "LBN", "YEM", "QAT", "ARE", "JOR",
    "MLI", "NER", "BFA", "TCD", "NGA", "DZA", "MAR", "TUN", "SDN", "SSD", "ETH", "SOM", "KEN",
    "COD", "RWA", "ARM", "AZE", "GEO", "BLR", "KAZ", "MMR", "THA", "PHL", "IDN", "VNM", "VEN",
    "BRA", "MEX", "COL", "ARG", "CUB", "ITA", "ESP", "POL", "HUN", "CAN", "AUS", "TWN", "SRB",
)  # fmt: skip
HEAD_ROLES = frozenset(
    {"president", "head_of_state", "supreme_leader", "prime_minister", "chancellor",
     "head_of_government", "junta_leader", "military_council_head", "chief_adviser"}
)  # fmt: skip
# States whose foreign minister is known on every date sampled below.
FOREIGN_MINISTER_KNOWN = (
    "RUS", "CHN", "FRA", "GBR", "DEU", "UKR", "ISR", "IRN", "SYR", "IRQ", "TUR", "SAU", "IND",
    "JPN", "EGY", "QAT", "ARE", "JOR", "DZA", "MAR", "AZE", "GEO", "BLR", "IDN", "ITA", "POL",
    "HUN", "CAN", "AUS", "USA", "ETH", "RWA", "BRA", "ARG", "CUB", "SRB", "LBN", "ESP", "PRK",
)  # fmt: skip
SAMPLED_DAYS = [date(year, month, 1) for year in range(2015, 2026) for month in (1, 7)]


def _held(country: str, roles: frozenset[str], day: date) -> bool:
    kb = load_knowledge_base()
    return any(
        role.country == country and role.role in roles and role.valid_on(day)
        for person in kb.people.values()
        for role in person.roles
    )


@pytest.mark.parametrize("country", MOST_COVERED)
def test_a_head_of_state_or_government_is_known_on_every_date(country: str) -> None:
    missing = [day for day in SAMPLED_DAYS if not _held(country, HEAD_ROLES, day)]
    assert missing == [], f"{country}: no head of state or government on {missing[:3]}"


@pytest.mark.parametrize("country", FOREIGN_MINISTER_KNOWN)
def test_a_foreign_minister_is_known_on_every_date(country: str) -> None:
    fm = frozenset({"foreign_minister"})
    missing = [day for day in SAMPLED_DAYS if not _held(country, fm, day)]
    assert missing == [], f"{country}: no foreign minister on {missing[:3]}"


def test_wikidata_ids_are_never_shared_by_two_entries() -> None:
    kb = load_knowledge_base()
    owners: dict[str, str] = {}
    entries = [
        *((c.wikidata, c.code) for c in kb.countries.values()),
        *((o.wikidata, o.code) for o in kb.organisations.values()),
        *((p.wikidata, p.id) for p in kb.people.values()),
    ]
    for qid, owner in entries:
        if qid:
            assert owners.setdefault(qid, owner) == owner, f"{qid}: {owners[qid]} and {owner}"


# -- people: the role held on the day asked -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "on", "code", "sector"),
    [
        ("Ahmed Attaf", date(2024, 3, 1), "DZA", "GOV"),
        ("Bola Tinubu", date(2024, 3, 1), "NGA", "GOV"),
        ("Ruben Vardanyan", date(2023, 1, 15), "ORG:ARTSAKH", "REB"),
        ("Abdellatif Loudiyi", date(2022, 5, 1), "MAR", "MIL"),
        ("Mohamed Ould Ghazouani", date(2023, 2, 1), "MRT", "GOV"),
        ("Aguila Saleh", date(2020, 6, 1), "LBY", "LEG"),
        ("Karamoko Jean-Marie Traoré", date(2024, 5, 1), "BFA", "GOV"),
        ("Faustin-Archange Touadéra", date(2022, 1, 10), "CAF", "GOV"),
        ("Brice Oligui Nguema", date(2024, 1, 10), "GAB", "GOV"),
        ("Corneille Nangaa", date(2025, 2, 1), "ORG:M23", "REB"),
        ("Debretsion Gebremichael", date(2021, 7, 1), "ORG:TPLF", "REB"),
        ("Hamza Abdi Barre", date(2023, 4, 1), "SOM", "GOV"),
        ("Mazloum Abdi", date(2025, 3, 10), "SDF", "REB"),
        ("Zeina Akar", date(2020, 6, 1), "LBN", "MIL"),
        ("Khalil al-Hayya", date(2024, 11, 1), "HAMAS", "REB"),
        ("Ziyad al-Nakhalah", date(2023, 11, 1), "ORG:ISLAMIC_JIHAD", "REB"),
        ("Mahdi al-Mashat", date(2024, 1, 12), "ORG:HOUTHIS", "REB"),
        ("Aidarous al-Zoubaidi", date(2023, 5, 1), "ORG:SOUTHERN_TRANSITIONAL_COUNCIL", "REB"),
        ("Masrour Barzani", date(2022, 1, 1), "ORG:KURDISTAN_REGIONAL_GOVERNMENT", "GOV"),
        ("Thabet al-Abbasi", date(2024, 1, 1), "IRQ", "MIL"),
        ("Hikmet Hajiyev", date(2023, 9, 20), "AZE", "GOV"),
        ("Shavkat Mirziyoyev", date(2020, 1, 1), "UZB", "GOV"),
        ("Sadyr Japarov", date(2022, 9, 16), "KGZ", "GOV"),
        ("Amir Khan Muttaqi", date(2023, 1, 1), "AFG", "GOV"),
        ("Twan Mrat Naing", date(2024, 1, 1), "ORG:ARAKAN_ARMY", "REB"),
        ("Hun Manet", date(2024, 1, 1), "KHM", "GOV"),
        ("Choe Son-hui", date(2023, 1, 1), "PRK", "GOV"),
        ("Lin Chia-lung", date(2024, 8, 1), "TWN", "GOV"),
        ("Yván Gil", date(2024, 8, 1), "VEN", "GOV"),
        ("María Corina Machado", date(2024, 8, 1), "VEN", "OPP"),
        ("Nayib Bukele", date(2024, 8, 1), "SLV", "GOV"),
        ("Brahim Ghali", date(2021, 4, 20), "ORG:POLISARIO", "REB"),
        ("Iyad Ag Ghaly", date(2023, 1, 1), "ORG:JNIM", "REB"),
        ("Omar Alieu Touray", date(2023, 8, 1), "ORG:ECOWAS", "IGO"),
    ],
)
def test_a_person_has_the_role_held_that_day(
    nlp_fr: Language, name: str, on: date, code: str, sector: str
) -> None:
    [actor] = lookup(name, on=on, nlp=nlp_fr)
    assert (actor.code, actor.sector, actor.rule) == (code, sector, "kb:person-role")


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        # Getachew Reda: TPLF spokesman, then head of Tigray's interim administration (Ethiopia)
        ("Getachew Reda", (date(2021, 6, 1), "ORG:TPLF", "REB"), (date(2024, 1, 1), "ETH", "GOV")),
        # Mahmoud Ali Youssouf: Djibouti's foreign minister, then chair of the AU Commission
        ("Mahmoud Ali Youssouf", (date(2020, 1, 1), "DJI", "GOV"), (date(2025, 6, 1), "AU", "IGO")),
        # Mohamed Bazoum: interior minister of Niger, then its president
        ("Mohamed Bazoum", (date(2018, 1, 1), "NER", "GOV"), (date(2022, 1, 1), "NER", "GOV")),
        # Carlos Holmes Trujillo: foreign, then defence minister of Colombia
        (
            "Carlos Holmes Trujillo",
            (date(2019, 1, 1), "COL", "GOV"),
            (date(2020, 6, 1), "COL", "MIL"),
        ),
    ],
)
def test_a_person_changes_role_with_the_date(
    nlp_fr: Language,
    name: str,
    before: tuple[date, str, str],
    after: tuple[date, str, str],
) -> None:
    for on, code, sector in (before, after):
        [actor] = lookup(name, on=on, nlp=nlp_fr)
        assert (actor.code, actor.sector) == (code, sector), on


def test_a_person_out_of_office_keeps_only_the_country(nlp_fr: Language) -> None:
    # Zeina Akar left the defence ministry in September 2021.
    [actor] = lookup("Zeina Akar", on=date(2023, 1, 1), nlp=nlp_fr)
    assert (actor.code, actor.sector, actor.rule) == ("LBN", None, "kb:person")


def test_a_head_of_government_who_held_a_portfolio_is_named_by_it(nlp_fr: Language) -> None:
    text = (
        "Le ministre israélien des Affaires étrangères, Benyamin Netanyahou, a reçu son homologue."
    )
    actor = find_actors(nlp_fr(text), pub_date=date(2017, 5, 1))[0]
    assert (actor.code, actor.sector) == ("ISR", "GOV")
    assert actor.name == "Benjamin Netanyahu"


# -- groups and state bodies --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codes", "sector"),
    [
        ("Le Front Polisario a revendiqué l'attaque.", ["ORG:POLISARIO"], "REB"),
        ("L'Africa Corps a remplacé les mercenaires.", ["RUS"], "MIL"),
        ("Le JNIM a revendiqué l'embuscade.", ["ORG:JNIM"], "REB"),
        ("La katiba Macina a attaqué le camp.", ["ORG:JNIM"], "REB"),
        ("L'EIGS a revendiqué l'attaque.", ["ISIS"], "REB"),
        ("Le CSP-DPA a pris le contrôle de la base.", ["ORG:CSP_DPA"], "REB"),
        (
            "Le Front de libération de l'Azawad a revendiqué l'attaque.",
            ["ORG:AZAWAD_LIBERATION_FRONT"],
            "REB",
        ),
        ("Le CNSP a suspendu la Constitution.", ["NER"], "GOV"),
        ("Les shebab ont revendiqué l'attentat.", ["ORG:AL_SHABAAB"], "REB"),
        ("Le TPLF a signé l'accord.", ["ORG:TPLF"], "REB"),
        ("Les milices Fano ont pris la ville.", ["ORG:FANO"], "REB"),
        ("Le Hezbollah a tiré des roquettes.", ["HEZBOLLAH"], "REB"),
        ("Les Brigades al-Qassam ont revendiqué le tir.", ["HAMAS"], "REB"),
        ("Hayat Tahrir al-Cham a pris Alep.", ["HTS"], "REB"),
        ("Les Forces démocratiques syriennes ont arrêté des suspects.", ["SDF"], "REB"),
        (
            "Le Conseil de transition du Sud a rejeté l'accord.",
            ["ORG:SOUTHERN_TRANSITIONAL_COUNCIL"],
            "REB",
        ),
        ("Les peshmergas ont repris le village.", ["ORG:KURDISTAN_REGIONAL_GOVERNMENT"], "MIL"),
        ("L'Armée d'Arakan a pris la ville.", ["ORG:ARAKAN_ARMY"], "REB"),
        (
            "L'Armée pour l'indépendance kachin a attaqué un poste.",
            ["ORG:KACHIN_INDEPENDENCE_ARMY"],
            "REB",
        ),
        (
            "L'Alliance des États du Sahel a annoncé une force commune.",
            ["MLI", "BFA", "NER"],
            "GOV",
        ),
        ("L'ELN a libéré les otages.", ["ORG:ELN"], "REB"),
    ],
)
def test_groups_and_state_bodies(
    nlp_fr: Language, text: str, codes: list[str], sector: str | None
) -> None:
    found = find_actors(nlp_fr(text), pub_date=date(2024, 6, 1))
    assert [a.code for a in found] == codes
    if sector is not None:
        assert found[0].sector == sector


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Le président de la transition malienne a reçu l'envoyé.", "MLI"),
        ("Les autorités de transition burkinabè ont suspendu la radio.", "BFA"),
        ("La junte nigérienne a dénoncé les accords.", "NER"),
    ],
)
def test_transitional_authorities_take_their_nationality(
    nlp_fr: Language, text: str, code: str
) -> None:
    actor = find_actors(nlp_fr(text), pub_date=date(2024, 6, 1))[0]
    assert (actor.code, actor.sector) == (code, "GOV")


def test_africa_corps_is_not_wagner(nlp_fr: Language) -> None:
    text = "Après Wagner, l'Africa Corps a pris le relais."
    found = find_actors(nlp_fr(text), pub_date=date(2024, 6, 1))
    assert [(a.code, a.sector) for a in found] == [("WAGNER", "REB"), ("RUS", "MIL")]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Front Polisario", "ORG:POLISARIO"),
        ("Alliance des États du Sahel", "ORG:AES"),
        ("G5 Sahel", "ORG:G5_SAHEL"),
        ("Kurdistan Regional Government", "ORG:KURDISTAN_REGIONAL_GOVERNMENT"),
        ("FARC", "ORG:FARC"),
    ],
)
def test_group_names_are_accepted_where_a_code_is_asked(typed: str, code: str) -> None:
    assert resolve_code(typed) == code


@pytest.mark.parametrize(
    "text",
    [
        # "Barbecue" (Jimmy Chérizier) is a name only with its capital
        "Un barbecue a été organisé dans le jardin.",
        "Le talon d'Achille du plan reste le financement.",
        "Ils ont signé un contrat civil devant notaire.",
    ],
)
def test_common_words_are_not_taken_for_new_names(nlp_fr: Language, text: str) -> None:
    assert find_actors(nlp_fr(text), pub_date=date(2024, 6, 1)) == []
