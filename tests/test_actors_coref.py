"""Within-document co-reference: surnames, counterparts, "les deux dirigeants", communiqué voice."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from annales.actors import find_actors
from annales.model import Actor

if TYPE_CHECKING:
    from spacy.language import Language


def actors(nlp: Language, text: str, *, title: str = "", on: date | None = None) -> list[Actor]:
    content = f"{title}\n\n{text}" if title else text
    return find_actors(nlp(content), pub_date=on or date(2017, 3, 1), title=title)


def by_rule(found: list[Actor], rule: str) -> list[tuple[str, str | None]]:
    return [(a.code, a.sector) for a in found if a.rule == rule]


def test_surname_after_full_name(nlp_fr: Language) -> None:
    text = "Mevlüt Çavuşoğlu a rencontré la presse. Plus tard, M. Cavusoglu a ajouté un mot."
    found = actors(nlp_fr, text)
    assert by_rule(found, "coref:surname") == [("TUR", "GOV")]


def test_surname_not_in_the_variants_after_a_full_name(nlp_fr: Language) -> None:
    text = "Ali Mahmoud Abbas a inspecté une base. Abbas a ensuite parlé."
    found = actors(nlp_fr, text, on=date(2023, 1, 1))
    assert [(a.code, a.rule) for a in found] == [
        ("SYR", "kb:person-role"),
        ("SYR", "coref:surname"),
    ]


def test_counterpart_takes_the_sector_of_the_role_just_mentioned(nlp_fr: Language) -> None:
    text = "Le ministre russe de la Défense a appelé son homologue turc."
    found = actors(nlp_fr, text)
    assert by_rule(found, "coref:homologue") == [("TUR", "MIL")]


def test_counterpart_with_a_name(nlp_fr: Language) -> None:
    text = "Vladimir Poutine a reçu son homologue turc Recep Tayyip Erdogan."
    found = actors(nlp_fr, text)
    assert [(a.code, a.name) for a in found] == [
        ("RUS", "Vladimir Putin"),
        ("TUR", "Recep Tayyip Erdoğan"),
    ]


def test_the_two_leaders_are_the_last_two_states(nlp_fr: Language) -> None:
    text = (
        "Benjamin Netanyahou a téléphoné à Vladimir Poutine. "
        "Les deux dirigeants ont évoqué la Syrie."
    )
    found = actors(nlp_fr, text)
    pair = [a for a in found if a.rule == "coref:les-deux-dirigeants"]
    assert sorted(a.code for a in pair) == ["ISR", "RUS"]
    assert pair[0].start == pair[1].start
    assert pair[0].text == "Les deux dirigeants"


def test_the_two_countries_and_the_parties(nlp_fr: Language) -> None:
    text = (
        "L'Arménie et l'Azerbaïdjan se sont affrontés. Les deux pays s'accusent. "
        "Nous appelons les parties au calme."
    )
    found = actors(nlp_fr, text)
    assert sorted(c for c, _ in by_rule(found, "coref:les-deux-dirigeants")) == ["ARM", "AZE"]
    assert sorted(c for c, _ in by_rule(found, "coref:les-parties")) == ["ARM", "AZE"]


def test_the_speakers_partners_are_not_the_parties(nlp_fr: Language) -> None:
    text = (
        "Nous saluons les efforts de nos partenaires du Kenya et de l'Éthiopie pour une trêve. "
        "Nous appelons les parties au calme."
    )
    found = actors(nlp_fr, text)
    assert by_rule(found, "coref:les-parties") == []
    text = (
        "Le Soudan et le Soudan du Sud se sont affrontés. Nous saluons nos amis du Kenya. "
        "Nous appelons les parties au calme."
    )
    parties = by_rule(actors(nlp_fr, text), "coref:les-parties")
    assert sorted(code for code, _ in parties) == ["SDN", "SSD"]


def test_who_calls_on_the_parties_is_not_one_of_them(nlp_fr: Language) -> None:
    text = (
        "Le Soudan et le Soudan du Sud ont signé un accord à Genève. La Suisse remercie les "
        "parties et appelle les parties au calme."
    )
    parties = by_rule(actors(nlp_fr, text), "coref:les-parties")
    assert sorted({code for code, _ in parties}) == ["SDN", "SSD"]


def test_the_two_ministers_keep_their_sector(nlp_fr: Language) -> None:
    text = (
        "Le ministre russe de la Défense a reçu le ministre turc de la Défense. "
        "Les deux ministres ont signé."
    )
    found = actors(nlp_fr, text)
    assert sorted(by_rule(found, "coref:les-deux-dirigeants")) == [("RUS", "MIL"), ("TUR", "MIL")]


def test_first_person_of_a_ministry_communique(nlp_fr: Language) -> None:
    title = "Communiqué du ministère de l'Europe et des affaires étrangères sur la Birmanie"
    found = actors(nlp_fr, "Nous condamnons la répression.", title=title)
    assert by_rule(found, "coref:issuer") == [("FRA", "GOV")]


def test_first_person_of_a_joint_declaration(nlp_fr: Language) -> None:
    title = (
        "Déclaration conjointe des ministres des affaires étrangères de l'Italie, "
        "de l'Espagne et du Portugal, le 2 mars 2021"
    )
    found = actors(nlp_fr, "Nous appelons au dialogue. Nous restons unis.", title=title)
    codes = [c for c, _ in by_rule(found, "coref:issuer")]
    assert codes == ["ITA", "ESP", "PRT", "ITA", "ESP", "PRT"]


def test_first_person_without_an_issuer_is_not_an_actor(nlp_fr: Language) -> None:
    found = actors(nlp_fr, "Nous condamnons la répression.", title="Une tribune libre")
    assert found == []


def test_bare_minister_in_a_communique_is_the_issuer(nlp_fr: Language) -> None:
    title = "Communiqué du ministère de l'Europe et des affaires étrangères sur le Mali"
    found = actors(nlp_fr, "Le ministre a reçu une délégation.", title=title)
    assert by_rule(found, "agent:role-noun+issuer") == [("FRA", "GOV")]


def test_bare_role_noun_refers_back_to_its_full_mention(nlp_fr: Language) -> None:
    text = "Le régime syrien a nié. La Russie a protesté. Le régime a ensuite accusé Ankara."
    found = actors(nlp_fr, text)
    assert [(a.code, a.rule) for a in found if a.text == "régime"] == [("SYR", "coref:role-noun")]


def test_our_government_in_a_communique_is_the_issuer(nlp_fr: Language) -> None:
    title = "Communiqué du ministère de l'Europe et des affaires étrangères sur le Liban"
    found = actors(nlp_fr, "Notre gouvernement soutient la médiation.", title=title)
    assert by_rule(found, "agent:role-noun+issuer") == [("FRA", "GOV")]


def test_our_two_countries_in_a_joint_statement_are_its_issuers(nlp_fr: Language) -> None:
    title = "Déclaration commune des ministres des affaires étrangères de l'Italie et de l'Espagne"
    text = "La Russie a refusé. L'agence a confirmé les analyses menées par nos deux pays."
    found = actors(nlp_fr, text, title=title)
    assert [(a.code, a.rule) for a in found if a.text == "nos deux pays"] == [
        ("ITA", "coref:issuer"),
        ("ESP", "coref:issuer"),
    ]


def test_the_two_men_are_the_two_leaders_not_a_country_named_between(nlp_fr: Language) -> None:
    text = (
        "Le président Vladimir Poutine a reçu le Premier ministre israélien Benyamin Netanyahou. "
        "La Syrie reste au cœur des désaccords entre les deux hommes."
    )
    found = actors(nlp_fr, text, on=date(2018, 5, 9))
    assert sorted(a.code for a in found if a.text == "les deux hommes") == ["ISR", "RUS"]


def test_we_in_a_quotation_is_the_speaker_named_before(nlp_fr: Language) -> None:
    text = (
        "Le chef de la diplomatie grecque a reçu son homologue chypriote. "
        "« Nous travaillerons avec l'Égypte sur ce dossier », a-t-il assuré."
    )
    found = actors(nlp_fr, text)
    assert by_rule(found, "coref:quote-speaker") == [("GRC", "GOV")]
    # no inverted pronoun after the quotation: nobody to attribute it to
    assert (
        by_rule(actors(nlp_fr, "« Nous refusons », titrait un journal."), "coref:quote-speaker")
        == []
    )


def test_the_sides_are_those_the_text_set_fighting(nlp_fr: Language) -> None:
    text = (
        "L'armée soudanaise et les Forces de soutien rapide se combattent à Khartoum. "
        "Le Tchad a fermé sa frontière. Les deux belligérants ont accepté une trêve, "
        "et nous appelons les parties au calme."
    )
    found = actors(nlp_fr, text, on=date(2023, 4, 25))
    pairs = by_rule(found, "coref:les-deux-dirigeants")
    assert sorted({code for code, _ in pairs}) == ["ORG:RAPID_SUPPORT_FORCES", "SDN"]
    parties = by_rule(found, "coref:les-parties")
    assert sorted({code for code, _ in parties}) == ["ORG:RAPID_SUPPORT_FORCES", "SDN"]


def test_no_sides_are_guessed_among_more_than_two(nlp_fr: Language) -> None:
    text = (
        "Les combats entre l'armée soudanaise et les Forces de soutien rapide, soutenues par les "
        "Émirats arabes unis, ont repris. Les deux belligérants ont accepté une trêve."
    )
    pairs = by_rule(actors(nlp_fr, text, on=date(2023, 4, 25)), "coref:les-deux-dirigeants")
    assert sorted({code for code, _ in pairs}) == ["ORG:RAPID_SUPPORT_FORCES", "SDN"]
    text = "Berne condamne les combats entre Israël et le Hamas et appelle les parties au calme."
    parties = by_rule(actors(nlp_fr, text), "coref:les-parties")
    assert sorted({code for code, _ in parties}) == ["HAMAS", "ISR"]  # not the first word's CHE


def test_a_title_apposed_to_a_named_head_of_state_through_honorifics_is_theirs(
    nlp_fr: Language,
) -> None:
    found = actors(
        nlp_fr,
        "Le Président de la République, Son Excellence Monsieur Bassirou Diomaye Faye, est "
        "arrivé à Nouakchott. Le Président Faye a rencontré la presse. Le Chef de l'État a "
        "ensuite quitté la ville.",
        on=date(2024, 6, 1),
    )
    assert {a.code for a in found if a.code != "MRT"} == {"SEN"}
    assert any(a.text == "Chef de l'État" and a.rule == "coref:role-noun" for a in found)


def test_a_body_of_a_named_person_is_of_their_state(nlp_fr: Language) -> None:
    found = actors(
        nlp_fr,
        "Bruxelles critique le gouvernement de Viktor Orban. Le gouvernement a répondu.",
        on=date(2023, 5, 2),
    )
    assert [(a.code, a.rule) for a in found if a.text.startswith("gouvernement")] == [
        ("HUN", "kb:title+country"),
        ("HUN", "coref:role-noun"),
    ]
