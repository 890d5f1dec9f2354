"""Arguments the sentence leaves implicit, on sentences of our own: the speaker of an obligation,
the owner of a possessive act, support nouns and participles, a meeting that frames its clause,
verbs of feeling, and the voice of a verb that shares its subject."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales import code_text
from annales.errors import DataError
from annales.events.rules.conflict import read_conflict_regions
from event_atoms import scored_atoms

_MINISTER = (
    "Déclaration de M. Jean-Noël Barrot, ministre de l'Europe et des affaires étrangères, "
    "en réponse à une question sur la situation au Caucase"
)


def test_an_obligation_stated_by_the_issuer_is_its_request_to_whoever_must_act() -> None:
    events = code_text(
        "La Russie doit retirer sans délai ses troupes de Géorgie.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    atoms = scored_atoms(events)
    assert ("REQUEST", "FRA", "RUS") in atoms
    assert not any(a[0] == "REQUEST" and a[1] == "RUS" for a in atoms)


def test_an_obligation_in_a_news_story_without_speaker_asks_nobody() -> None:
    events = code_text(
        "Le Premier ministre japonais doit se rendre en Inde la semaine prochaine.",
        pub_date="2024-04-02",
    )
    assert not [e for e in events if e.type == "REQUEST" and not e.optional]


def test_a_possessive_act_belongs_to_the_nearest_actor_that_agrees_in_number() -> None:
    events = code_text(
        "Nous dénonçons la présence de mercenaires russes au Mali et leur soutien à la junte.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    supports = [e for e in events if e.type == "SUPPORT"]
    assert supports
    assert {a.code for a in supports[0].actors} == {"RUS"}


def test_a_possessive_act_after_a_verb_of_saying_belongs_to_its_subject() -> None:
    events = code_text(
        "Le président Ruto a assuré le président Museveni de son soutien.",
        pub_date="2024-04-02",
    )
    supports = [e for e in events if e.type == "SUPPORT"]
    assert supports
    assert {a.code for a in supports[0].actors} == {"KEN"}


def test_the_agent_of_a_support_noun_is_the_agent_of_the_act_it_holds() -> None:
    events = code_text(
        "Le Conseil européen a décidé la mise en oeuvre de nouvelles sanctions contre la "
        "Biélorussie.",
        pub_date="2024-04-02",
    )
    assert ("SANCTION", "EU", "BLR") in scored_atoms(events)


def test_a_support_participle_names_the_author_and_its_target_stays_a_target() -> None:
    events = code_text(
        "Les droits de douane imposés par le Canada sur l'acier chinois entrent en vigueur.",
        pub_date="2024-04-02",
    )
    assert ("SANCTION", "CAN", "CHN") in scored_atoms(events)


def test_a_present_participle_speaks_for_the_noun_phrase_it_describes() -> None:
    events = code_text(
        "La déclaration commune du Kenya et de l'Ouganda, appelant le Soudan du Sud à la "
        "retenue, a été publiée mardi.",
        pub_date="2024-04-02",
    )
    atoms = scored_atoms(events)
    assert {("REQUEST", "KEN", "SSD"), ("REQUEST", "UGA", "SSD")} <= atoms


def test_a_meeting_that_frames_the_clause_is_between_its_subject_and_partner() -> None:
    events = code_text(
        "Le président Ruto a évoqué la sécheresse avec le président tanzanien lors d'une "
        "conversation téléphonique.",
        pub_date="2024-04-02",
    )
    consults = [e for e in events if e.type == "CONSULT"]
    assert consults
    assert {a.code for e in consults for a in e.actors + e.recipients} == {"KEN", "TZA"}


def test_being_worried_by_an_act_aims_at_its_author_and_the_shared_subject_keeps_its_voice() -> (
    None
):
    events = code_text(
        "Nous sommes préoccupés par la décision du Tchad de fermer sa frontière et appelons "
        "le Soudan à la retenue.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    atoms = scored_atoms(events)
    assert ("ACCUSE", "FRA", "TCD") in atoms
    assert ("REQUEST", "FRA", "SDN") in atoms
    assert not any(a[2] == "FRA" for a in atoms)


def test_a_judged_thing_accuses_its_author_and_the_speaker_judges() -> None:
    events = code_text(
        "Les propos tenus par le président Loukachenko sont inacceptables.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    assert ("ACCUSE", "FRA", "BLR") in scored_atoms(events)


def test_what_is_judged_by_a_relative_is_the_main_clause_act() -> None:
    events = code_text(
        "Le Venezuela a expulsé nos diplomates, ce qui est inacceptable.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    assert ("ACCUSE", "FRA", "VEN") in scored_atoms(events)


def test_a_breach_accuses_its_author_not_what_was_breached() -> None:
    events = code_text(
        "Ceci constitue une violation grave par la Corée du Nord de ses obligations "
        "internationales.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    atoms = scored_atoms(events)
    assert ("ACCUSE", "FRA", "PRK") in atoms
    assert not any(a[1] == "PRK" for a in atoms if a[0] == "ACCUSE")


def test_a_stance_adjective_keeps_its_subject_as_actor() -> None:
    events = code_text("La Lettonie est solidaire de l'Ukraine.", pub_date="2024-04-02")
    assert ("SUPPORT", "LVA", "UKR") in scored_atoms(events)


def test_a_call_for_calm_aims_at_the_sides_the_text_names() -> None:
    events = code_text(
        "Les affrontements entre l'Éthiopie et l'Érythrée se sont intensifiés. "
        "Nous appelons à la cessation immédiate des hostilités.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    atoms = scored_atoms(events)
    assert {("REQUEST", "FRA", "ETH"), ("REQUEST", "FRA", "ERI")} <= atoms


def test_a_condemned_escalation_in_a_conflict_region_aims_at_its_parties() -> None:
    events = code_text(
        "Nous condamnons fermement l'escalade de la violence au Cachemire.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    atoms = scored_atoms(events)
    assert {("ACCUSE", "FRA", "IND"), ("ACCUSE", "FRA", "PAK")} <= atoms


def test_without_named_sides_a_call_for_calm_stays_one_sided() -> None:
    events = code_text(
        "Nous appelons au calme et à la retenue.", title=_MINISTER, pub_date="2024-04-02"
    )
    assert not [e for e in events if e.type == "REQUEST" and e.recipients]


def test_a_malformed_conflicts_table_is_named_with_its_line(tmp_path: Path) -> None:
    table = tmp_path / "conflicts.tsv"
    table.write_text("# names\tparties\nCachemire\tIND\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"conflicts.tsv:2: .*at least two parties"):
        read_conflict_regions(table)


def test_a_french_ministry_title_makes_an_unknown_speaker_french() -> None:
    events = code_text(
        "Nous sommes préoccupés par la décision du Togo de fermer sa frontière.",
        title="Déclaration de Mme Anne Dubois, ministre de l'Europe et des affaires étrangères, "
        "en réponse à une question sur le Sahel",
        pub_date="2024-04-02",
    )
    assert ("ACCUSE", "FRA", "TGO") in scored_atoms(events)


def test_a_condemnation_of_someone_names_the_condemned_after_de() -> None:
    events = code_text(
        "Le Maroc a réitéré sa ferme condamnation du Front Polisario.", pub_date="2024-04-02"
    )
    assert ("ACCUSE", "MAR", "ORG:POLISARIO") in scored_atoms(events)


def test_an_event_noun_named_by_its_nationality_is_an_event_of_that_state() -> None:
    events = code_text(
        "Le retrait américain d'Afghanistan s'est achevé fin août.", pub_date="2021-09-02"
    )
    assert ("RETREAT", "USA", "AFG") in scored_atoms(events)


def test_a_mediation_is_between_the_sides_of_the_fighting() -> None:
    events = code_text(
        "Les combats entre le Soudan et le Soudan du Sud ont cessé après une médiation "
        "éthiopienne menée ces derniers jours.",
        pub_date="2024-04-02",
    )
    consults = [e for e in events if e.type == "CONSULT" and not e.optional]
    assert consults
    assert {a.code for e in consults for a in e.actors + e.recipients} >= {"ETH", "SDN", "SSD"}


def test_concern_about_a_repression_aims_at_the_authorities_who_repress() -> None:
    events = code_text(
        "Nous partageons les mêmes préoccupations très fortes quant à la répression brutale "
        "des autorités biélorusses.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    atoms = scored_atoms(events)
    assert ("ACCUSE", "FRA", "BLR") in atoms
    assert not any(a[0] == "COERCE" and a[1] == "FRA" for a in atoms)


def test_a_meeting_with_two_counterparts_is_one_meeting_with_each() -> None:
    events = code_text(
        "Le ministre turc s'est entretenu jeudi avec ses homologues kényan et somalien.",
        pub_date="2024-04-02",
    )
    consults = [e for e in events if e.type == "CONSULT" and not e.optional]
    assert sorted(r.code for e in consults for r in e.recipients) == ["KEN", "SOM"]
    assert all(len(e.recipients) == 1 for e in consults)


def test_the_parties_of_a_war_with_an_armed_group_are_both_sides() -> None:
    events = code_text(
        "Israël a intensifié ses frappes contre le Hamas à Gaza. Nous avons travaillé avec "
        "toutes les parties pour éviter l'escalade.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    cooperation = [e for e in events if e.type == "COOPERATE"]
    assert sorted(r.code for e in cooperation for r in e.recipients) == ["HAMAS", "ISR"]
    assert all(len(e.recipients) == 1 for e in cooperation)


def test_a_courtesy_to_the_addressee_is_no_request() -> None:
    events = code_text(
        "Monsieur le Député, je vous prie de bien vouloir excuser la ministre, qui est au "
        "Japon pour une réunion du G7.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    assert not [e for e in events if e.type == "REQUEST"]


def test_an_event_noun_that_points_back_is_the_event_told_before() -> None:
    events = code_text(
        "L'armée turque a mené des frappes contre des positions kurdes en Syrie. "
        "Le lendemain, les frappes ont repris près de Kobané, et Damas les a condamnées.",
        pub_date="2024-04-02",
    )
    strikes = [e for e in events if e.type == "ASSAULT"]
    assert strikes and all({a.code for a in e.actors} == {"TUR"} for e in strikes)


def test_the_signers_of_a_joint_declaration_are_its_issuers() -> None:
    events = code_text(
        "Les trois co-présidents appellent l'Arménie à reprendre les négociations.",
        title="Déclaration conjointe des présidents de la Fédération de Russie, des Etats-Unis "
        "et de la République française",
        pub_date="2020-10-01",
    )
    assert {("REQUEST", code, "ARM") for code in ("RUS", "USA", "FRA")} <= scored_atoms(events)


def test_a_count_that_does_not_match_the_signers_resolves_nothing() -> None:
    events = code_text(
        "Les deux co-présidents appellent l'Arménie à reprendre les négociations.",
        title="Déclaration conjointe des présidents de la Fédération de Russie, des Etats-Unis "
        "et de la République française",
        pub_date="2020-10-01",
    )
    assert not [e for e in events if e.type == "REQUEST" and not e.optional]


def test_a_relative_whose_antecedent_is_a_companion_still_acts() -> None:
    events = code_text(
        "Nos relations avec le Nicaragua, qui a expulsé notre ambassadeur le 3 mars, restent "
        "tendues.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    assert ("SANCTION", "NIC", "FRA") in scored_atoms(events)


def test_a_strike_on_the_installations_of_a_city_targets_its_state() -> None:
    events = code_text(
        "Des drones russes ont frappé les infrastructures portuaires d'Odessa.",
        pub_date="2024-04-02",
    )
    assert ("ASSAULT", "RUS", "UKR") in scored_atoms(events)


def test_signers_committing_together_agree_with_no_one() -> None:
    events = code_text(
        "Nous sommes déterminés à renforcer notre coordination.",
        title="Déclaration conjointe de la France, de l'Allemagne et du Royaume-Uni",
        pub_date="2024-04-02",
    )
    assert not [e for e in events if e.type in {"AGREE", "COOPERATE"} and not e.optional]


def test_a_condemned_act_hung_under_an_adverbial_is_still_what_is_condemned() -> None:
    events = code_text(
        "Le Canada condamne avec force la répression violente exercée par le régime iranien "
        "contre les manifestants pacifiques.",
        pub_date="2024-04-02",
    )
    assert ("ACCUSE", "CAN", "IRN") in scored_atoms(events)


def test_the_answer_named_after_a_dash_in_the_title_speaks() -> None:
    events = code_text(
        "Nous attendons de l'Azerbaïdjan qu'il libère les prisonniers.",
        title="Questions au Gouvernement – Situation au Caucase – Réponse de la ministre de "
        "l'Europe et des Affaires étrangères",
        pub_date="2023-10-02",
    )
    assert ("REQUEST", "FRA", "AZE") in scored_atoms(events)


def test_an_interview_title_names_its_speaker_not_the_newspaper() -> None:
    from annales.actors.coref import issuing_phrase

    title = "Entretien de M. Emmanuel Macron avec Le Monde"
    low, high = issuing_phrase(title) or (0, 0)
    assert title[low:high] == "de M. Emmanuel Macron"


def test_a_meeting_told_in_the_past_is_no_wish_and_one_per_state() -> None:
    events = code_text(
        "Le Président de la République s'est entretenu le jour même des attaques avec le "
        "Premier ministre arménien, M. Pachinian, puis avec le président Aliev, à qui il a "
        "demandé de cesser immédiatement les hostilités.",
        pub_date="2022-09-20",
    )
    consults = [e for e in events if e.type == "CONSULT" and not e.optional]
    assert sorted(r.code for e in consults for r in e.recipients) == ["ARM", "AZE"]


def test_protesters_and_police_in_the_street_act_at_home() -> None:
    events = code_text(
        "Des milliers de manifestants sont descendus dans les rues de Tbilissi samedi soir. "
        "La police anti-émeute a interpellé plus d'une centaine de personnes. Plusieurs "
        "journalistes ont été frappés par des policiers.",
        pub_date="2024-12-01",
    )
    atoms = scored_atoms(events)
    assert {("PROTEST", "GEO", "GEO"), ("COERCE", "GEO", "GEO"), ("ASSAULT", "GEO", "GEO")} <= (
        atoms
    )


def test_people_named_only_inside_a_clause_are_not_the_target() -> None:
    events = code_text(
        "La France agit en détruisant les drones dirigés contre des navires civils.",
        pub_date="2024-01-17",
    )
    assert ("ASSAULT", "FRA", "FRA") not in scored_atoms(events)


def test_a_junta_in_power_in_a_capital_is_that_state() -> None:
    events = code_text(
        "Elle tire les conséquences des obstructions de la junte au pouvoir à Bamako, qui a "
        "expulsé notre ambassadeur le 31 janvier.",
        title="Questions au Gouvernement – Mali – Réponse de la ministre des Armées",
        pub_date="2022-02-20",
    )
    assert ("SANCTION", "MLI", "FRA") in scored_atoms(events)


def test_wanting_to_greet_in_the_first_person_is_greeting() -> None:
    events = code_text(
        "Je voudrais remercier le Qatar pour sa médiation.", title=_MINISTER, pub_date="2024-04-02"
    )
    assert ("SUPPORT", "FRA", "QAT") in scored_atoms(events)
    others = code_text("La Turquie veut condamner l'Arménie.", pub_date="2024-04-02")
    assert not [e for e in others if e.type == "ACCUSE" and not e.optional]


def test_a_mediation_framing_a_concluded_agreement_happened() -> None:
    events = code_text(
        "L'Arménie et l'Azerbaïdjan ont conclu samedi un accord de cessez-le-feu humanitaire sous "
        "l'égide de la Russie pour le Haut-Karabakh.",
        pub_date="2020-10-17",
    )
    mediations = [e for e in events if e.type == "CONSULT" and e.mode == "third-party"]
    assert mediations and not mediations[0].optional


def test_at_the_request_of_someone_the_one_who_acts_was_asked() -> None:
    events = code_text(
        "À la demande du Niger, la France maintiendra un appui à ses armées.",
        pub_date="2023-05-02",
    )
    assert ("REQUEST", "NER", "FRA") in scored_atoms(events)


def test_a_pronoun_subject_of_a_support_verb_is_the_last_subject() -> None:
    events = code_text(
        "Le président sénégalais a appris avec tristesse le naufrage au large de Dakar. Il "
        "adresse un message de sympathie au président mauritanien.",
        pub_date="2024-04-02",
    )
    assert ("SUPPORT", "SEN", "MRT") in scored_atoms(events)


def test_a_worry_about_the_fighting_blames_no_side_but_a_worry_about_a_state_does() -> None:
    fighting = code_text(
        "Les combats entre l'Arménie et l'Azerbaïdjan ont repris. La Belgique est vivement "
        "préoccupée par l'intensification des combats au Haut-Karabakh.",
        pub_date="2024-04-02",
    )
    worries = [e for e in fighting if e.type == "ACCUSE"]
    assert worries and all(e.optional and not e.recipients for e in worries)
    rights = code_text(
        "La Belgique est vivement préoccupée par la répression des défenseurs des droits "
        "humains par les autorités iraniennes.",
        pub_date="2024-04-02",
    )
    assert ("ACCUSE", "BEL", "IRN") in scored_atoms(rights)
    condemned = code_text(
        "Les combats entre l'Arménie et l'Azerbaïdjan ont repris. La Belgique condamne "
        "l'intensification des combats.",
        pub_date="2024-04-02",
    )
    assert {("ACCUSE", "BEL", "ARM"), ("ACCUSE", "BEL", "AZE")} <= scored_atoms(condemned)


def test_a_verb_of_feeling_moves_its_object_unless_a_state_acts() -> None:
    moved = code_text("Les essais nord-coréens inquiètent le Japon.", pub_date="2024-04-02")
    assert ("ACCUSE", "JPN", "PRK") in scored_atoms(moved)
    urged = code_text(
        "La Suisse encourage le CICR, qui sera chargé de l'échange, à le mettre en œuvre.",
        pub_date="2024-04-02",
    )
    assert ("REQUEST", "CHE", "ICRC") in scored_atoms(urged)
    assert ("REQUEST", "ICRC", "CHE") not in scored_atoms(urged)


def test_what_serves_a_requested_act_is_wished_for_too() -> None:
    events = code_text(
        "La France appelle l'Arménie et l'Azerbaïdjan à reprendre les négociations pour signer "
        "un accord de paix.",
        pub_date="2024-04-02",
    )
    agreements = [e for e in events if e.type == "AGREE"]
    assert agreements and all(e.modality == "planned" for e in agreements)


def test_a_call_to_negotiate_is_addressed_to_the_sides() -> None:
    text = "La Norvège appelle à la reprise immédiate des négociations."
    events = code_text(
        "Les combats entre Israël et le Hamas se poursuivent. " + text, pub_date="2024-06-02"
    )
    assert {("REQUEST", "NOR", "ISR"), ("REQUEST", "NOR", "HAMAS")} <= scored_atoms(events)
    alone = code_text(text, pub_date="2024-06-02")
    calls = [e for e in alone if e.type == "REQUEST"]
    assert calls and all(not e.recipients for e in calls)  # no sides named: no guess
    topical = code_text(
        "Les combats entre Israël et le Hamas se poursuivent. La Norvège appelle à la reprise "
        "des négociations commerciales avec le Mercosur.",
        pub_date="2024-06-02",
    )
    assert ("REQUEST", "NOR", "ISR") not in scored_atoms(topical)  # talks with a topic


def test_only_the_negation_of_an_approval_is_a_disapproval() -> None:
    negated = code_text(
        "Les propos du président Aliev ne sont pas acceptables.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    disapproval = [e for e in negated if e.rule == "fr:accuse/negated-approval"]
    assert [e.modality for e in disapproval] == [None]
    assert ("ACCUSE", "FRA", "AZE") in scored_atoms(disapproval)
    tolerated = code_text(
        "Nous ne tolérerons pas cette annexion de la Crimée par la Russie.",
        title=_MINISTER,
        pub_date="2024-04-02",
    )
    annexation = [e for e in tolerated if e.type == "COERCE"]
    assert annexation and annexation[0].modality is None  # a fact, not negated by the stance
    approved = code_text(
        "Le compromis proposé par l'Égypte est acceptable.", title=_MINISTER, pub_date="2024-04-02"
    )
    assert not [e for e in approved if e.rule == "fr:accuse/negated-approval"]


def test_a_bare_past_participle_tells_what_its_subject_underwent() -> None:
    from annales.events.rules.arguments import subject_of
    from annales.nlp import load_pipeline

    doc = load_pipeline("fr")(
        "Le Président de la République a appris avec soulagement la libération de Madame Sophie "
        "Martin, travailleuse humanitaire française retenue en otage au Mali depuis quatre ans."
    )
    held = next(t for t in doc if t.text == "retenue")
    subject, passive = subject_of(held)
    assert subject and passive  # whoever the parser makes its subject underwent it
    doc = load_pipeline("fr")("Monsieur le Député, j'ai moi-même reçu à Paris mon homologue.")
    received = next(t for t in doc if t.text == "reçu")
    assert subject_of(received)[1] is False  # under "ai" it is the compound past, active
    arrived = code_text(
        "Arrivé à Moscou lundi, le président turc a rencontré Vladimir Poutine.",
        pub_date="2024-06-02",
    )
    assert ("CONSULT", "TUR", "RUS") in scored_atoms(arrived)  # who arrives still acts


def test_a_reaction_to_someones_stance_is_aimed_at_its_owner() -> None:
    events = code_text(
        "L'appel de Vladimir Poutine survient un mois après que Donald Trump a salué sa "
        "stratégie face à l'Ukraine.",
        pub_date="2024-06-02",
    )
    atoms = scored_atoms(events)
    assert ("SUPPORT", "USA", "RUS") in atoms
    assert ("SUPPORT", "USA", "UKR") not in atoms


def test_whom_a_support_is_against_is_not_its_recipient() -> None:
    support = code_text(
        "La France soutient l'Ukraine contre l'agression russe.", pub_date="2024-12-02"
    )
    assert ("SUPPORT", "FRA", "UKR") in scored_atoms(support)
    assert ("SUPPORT", "FRA", "RUS") not in scored_atoms(support)
    aid = code_text(
        "La France fournit des armes au Niger dans sa lutte contre l'État islamique.",
        pub_date="2024-12-02",
    )
    assert ("AID", "FRA", "NER") in scored_atoms(aid)
    assert ("AID", "FRA", "ISIS") not in scored_atoms(aid)


def test_an_actor_named_like_a_village_is_not_a_place() -> None:
    events = code_text(
        "Les États-Unis livrent des armes à Israël contre le Hamas.", pub_date="2024-12-02"
    )
    assert ("AID", "USA", "DEU") not in scored_atoms(events)
    assert ("AID", "USA", "ISR") in scored_atoms(events)


def test_an_agent_the_parser_hung_under_the_victim_is_the_author() -> None:
    events = code_text(
        "La France condamne l'arrestation d'un journaliste français par l'Iran.",
        pub_date="2024-12-02",
    )
    atoms = scored_atoms(events)
    assert {("ACCUSE", "FRA", "IRN"), ("COERCE", "IRN", "FRA")} <= atoms
    held = code_text(
        "Les États-Unis ont lancé une opération militaire sur les territoires contrôlés par "
        "les Houthis.",
        pub_date="2024-01-17",
    )
    assert ("ASSAULT", "USA", "ORG:HOUTHIS") in scored_atoms(held)
    assert not [e for e in held if any(a.code == "ORG:HOUTHIS" for a in e.actors)]
