"""Titles with nationalities, complements and names; unknown people with a known nationality."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from annales.actors import find_actors
from annales.model import Actor

if TYPE_CHECKING:
    from spacy.language import Language


def actors(nlp: Language, text: str, on: date | None = date(2018, 12, 30)) -> list[Actor]:
    return find_actors(nlp(text), pub_date=on)


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Le président russe a répondu.", "RUS", "GOV"),
        ("Le ministre turc des Affaires étrangères a répondu.", "TUR", "GOV"),
        ("Le chef de la diplomatie américaine a répondu.", "USA", "GOV"),
        ("Le ministre russe de la Défense a répondu.", "RUS", "MIL"),
        ("Le ministre de la Défense russe a répondu.", "RUS", "MIL"),
        ("Le président de la République française a répondu.", "FRA", "GOV"),
        ("Le président de la Syrie a répondu.", "SYR", "GOV"),
        ("Le ministre des Affaires étrangères de la Russie a répondu.", "RUS", "GOV"),
        ("La Première ministre britannique a répondu.", "GBR", "GOV"),
        ("Le chef d'état-major israélien a répondu.", "ISR", "MIL"),
        ("Le secrétaire d'Etat américain a répondu.", "USA", "GOV"),
        ("Le secrétaire général de l'ONU a répondu.", "UN", "IGO"),
    ],
)
def test_title_with_nationality_or_country(
    nlp_fr: Language, text: str, code: str, sector: str
) -> None:
    found = actors(nlp_fr, text)
    assert [(a.code, a.sector) for a in found] == [(code, sector)]
    assert found[0].rule in {"kb:demonym+title", "kb:title+country"}


def test_title_span_covers_the_whole_title(nlp_fr: Language) -> None:
    [actor] = actors(nlp_fr, "Le ministre turc des Affaires étrangères a répondu.")
    assert actor.text == "ministre turc des Affaires étrangères"


def test_title_and_name_in_apposition_make_one_actor(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "Le ministre russe de la Défense, Sergueï Choïgou, a démenti.")
    assert len(found) == 1
    [shoigu] = found
    assert (shoigu.code, shoigu.sector, shoigu.name) == ("RUS", "MIL", "Sergey Shoigu")
    assert shoigu.rule == "kb:title+name"


def test_title_directly_followed_by_a_name(nlp_fr: Language) -> None:
    [actor] = actors(nlp_fr, "Le président Poutine a signé le décret.")
    assert (actor.code, actor.sector, actor.wikidata) == ("RUS", "GOV", "Q7747")


def test_coordinated_nationalities_give_one_actor_each(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "Les militaires russes et américains coopèrent.")
    assert [(a.code, a.sector) for a in found] == [("RUS", "MIL"), ("USA", "MIL")]
    assert found[0].end is not None and found[1].start is not None
    assert found[0].end <= found[1].start  # no token belongs to both


def test_coordinated_titles_with_names(nlp_fr: Language) -> None:
    text = "Les présidents russe Vladimir Poutine et américain Barack Obama ont parlé."
    found = actors(nlp_fr, text, on=date(2016, 2, 1))
    assert [(a.code, a.name) for a in found] == [
        ("RUS", "Vladimir Putin"),
        ("USA", "Barack Obama"),
    ]


def test_list_of_countries_after_a_title(nlp_fr: Language) -> None:
    text = "Les ministres de la Défense de la Pologne, de la Lituanie et de l'Estonie ont parlé."
    found = actors(nlp_fr, text)
    assert [(a.code, a.sector) for a in found] == [("POL", "MIL"), ("LTU", "MIL"), ("EST", "MIL")]


def test_unknown_person_with_a_nationality(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "Le journaliste russe Ivan Petrovitch a été arrêté. Petrovitch nie.")
    assert [(a.code, a.sector) for a in found] == [("RUS", "MED"), ("RUS", "MED")]
    assert found[0].name == "Ivan Petrovitch"
    assert found[1].rule == "coref:surname"


def test_unnamed_person_with_a_role(nlp_fr: Language) -> None:
    assert [(a.code, a.sector) for a in actors(nlp_fr, "Un opposant iranien a été pendu.")] == [
        ("IRN", "OPP")
    ]


def test_former_office_holder_has_no_sector(nlp_fr: Language) -> None:
    [actor] = actors(nlp_fr, "L'ancien président ukrainien a fui.")
    assert (actor.code, actor.sector) == ("UKR", None)


def test_military_hardware_is_a_weak_military_actor(nlp_fr: Language) -> None:
    [actor] = actors(nlp_fr, "Un avion russe a été abattu.")
    assert (actor.code, actor.sector, actor.rule) == ("RUS", "MIL", "kb:equipment")
    assert actor.confidence < 0.7


def test_bare_president_of_the_republic_is_french(nlp_fr: Language) -> None:
    [actor] = actors(nlp_fr, "Le Président de la République salue cette décision.")
    assert (actor.code, actor.rule) == ("FRA", "kb:title+default")


def test_bare_group_of_people_is_not_given_the_state_the_text_is_about(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "Le Mali a protesté. Les manifestants ont incendié un commissariat.")
    assert [a.code for a in found] == ["MLI"]


def test_bare_institution_takes_the_state_of_the_context_weakly(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "La Russie a protesté. Le gouvernement a convoqué l'ambassadeur.")
    government = found[1]
    assert (government.code, government.rule) == ("RUS", "agent:role-noun+context")
    assert government.confidence < 0.5


def test_bare_body_takes_the_state_of_the_place_of_its_clause(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "Les manifestants ont été dispersés par la police à Erevan.")
    assert {(a.code, a.rule) for a in found} >= {("ARM", "agent:role-noun+clause-place")}


def test_place_nouns_do_not_make_nationalities_actors(nlp_fr: Language) -> None:
    assert actors(nlp_fr, "Ils ont franchi la frontière syrienne.") == []


def test_a_seat_of_power_gives_its_sector_to_a_generic_title(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "Un haut responsable du Pentagone a démenti.")
    assert [(a.code, a.sector) for a in found] == [("USA", "MIL")]


def test_an_organisation_gives_its_sector_to_a_title(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "Les combattants de l'EI et le chef du Hezbollah ont menacé.")
    assert [(a.code, a.sector) for a in found] == [("ISIS", "REB"), ("HEZBOLLAH", "REB")]


def test_title_then_comma_then_name(nlp_fr: Language) -> None:
    text = "Le président de la République, Emmanuel Macron, a parlé."
    [actor] = actors(nlp_fr, text)
    assert (actor.code, actor.rule, actor.name) == ("FRA", "kb:title+name", "Emmanuel Macron")


def test_a_body_followed_by_en_country_belongs_to_that_country(nlp_fr: Language) -> None:
    text = "En visite au Kenya, la ministre a salué la trêve acceptée par le régime en Libye."
    found = actors(nlp_fr, text)
    assert [(a.code, a.sector, a.rule) for a in found if a.text == "régime"] == [
        ("LBY", "GOV", "agent:role-noun+place")
    ]
    # troops are often abroad: "les troupes en Irak" says nothing of whose troops they are
    assert actors(nlp_fr, "Les troupes en Irak ont été rappelées.") == []


def test_a_named_stranger_takes_the_body_of_an_apposed_title(nlp_fr: Language) -> None:
    text = (
        "Nous remercions l'ambassadeur Jan Kowal, représentant spécial de l'ONU, pour son travail."
    )
    found = actors(nlp_fr, text)
    assert [(a.code, a.sector, a.rule) for a in found][:1] == [
        ("UN", "IGO", "agent:role-noun+name")
    ]
    assert found[0].name == "Jan Kowal"


def test_a_named_stranger_is_not_the_issuer_of_a_communique(nlp_fr: Language) -> None:
    title = "Communiqué du ministère de l'Europe et des affaires étrangères sur le Soudan"
    content = f"{title}\n\nNous remercions le médiateur Jan Kowal pour ses efforts."
    found = find_actors(nlp_fr(content), pub_date=date(2021, 1, 1), title=title)
    assert [a.rule for a in found] == ["kb:metonym+genitive", "coref:issuer"]


def test_a_title_that_swallowed_an_organisation_name_is_cut_before_it(nlp_fr: Language) -> None:
    # "président du Conseil" is a title (Italy); "Conseil européen" is the EU
    text = "Le président du Conseil européen, Charles Michel, a appelé Kiev. M. Michel a insisté."
    found = actors(nlp_fr, text, on=None)
    assert [(a.code, a.sector) for a in found if "Michel" in a.text] == [
        ("EU", "IGO"),
        ("EU", "IGO"),
    ]
