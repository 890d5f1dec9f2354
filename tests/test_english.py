"""English coding with our own sentences: one per PLOVER type, and the constructions the
language-neutral coder reads (modality, commitments, refusals, unresolved actors, datelines)."""

from __future__ import annotations

import pytest

from annales.model import Document, Event
from annales.pipeline import code_text, explain_document

CASES = [
    (
        "Japan and Australia agreed on a defence pact in Tokyo on Monday.",
        "AGREE",
        ["JPN", "AUS"],
        [],
    ),
    ("Japan signed a defence pact with Australia in Tokyo on Monday.", "SUPPORT", ["JPN"], ["AUS"]),
    (
        "The Turkish foreign minister met his Greek counterpart in Ankara.",
        "CONSULT",
        ["TUR"],
        ["GRC"],
    ),
    ("Germany praised Poland for its handling of the refugee crisis.", "SUPPORT", ["DEU"], ["POL"]),
    (
        "Kenya will host talks between the two Sudanese factions next month.",
        "AGREE",
        ["KEN"],
        ["SDN"],
    ),
    (
        "Kenyan and Somali forces worked together to secure the border.",
        "COOPERATE",
        ["KEN", "SOM"],
        [],
    ),
    (
        "Japan sent medical teams and emergency supplies to Turkey after the earthquake.",
        "AID",
        ["JPN"],
        ["TUR"],
    ),
    ("Russia withdrew its troops from the Syrian province of Idlib.", "RETREAT", ["RUS"], ["SYR"]),
    ("Iran released two French citizens detained since 2022.", "RETREAT", ["IRN"], ["FRA"]),
    (
        "Egypt eased restrictions on Palestinian travellers crossing at Rafah.",
        "CONCEDE",
        ["EGY"],
        ["PSE"],
    ),
    ("The United States urged China to restrain North Korea.", "REQUEST", ["USA"], ["CHN"]),
    ("Britain condemned Iran for seizing the tanker.", "ACCUSE", ["GBR"], ["IRN"]),
    ("Venezuela rejected Brazil's proposal for new elections.", "REJECT", ["VEN"], ["BRA"]),
    ("North Korea threatened South Korea with a nuclear strike.", "THREATEN", ["PRK"], ["KOR"]),
    (
        "Thousands of Armenians protested against Azerbaijan outside its embassy.",
        "PROTEST",
        ["ARM"],
        ["AZE"],
    ),
    (
        "The European Union imposed sanctions on Belarus over the crackdown.",
        "SANCTION",
        ["EU"],
        ["BLR"],
    ),
    ("China deployed warships near Taiwan on Saturday.", "MOBILIZE", ["CHN"], ["TWN"]),
    (
        "Turkish police arrested dozens of Kurdish activists in Istanbul.",
        "COERCE",
        ["TUR"],
        ["TUR"],
    ),
    ("Israeli warplanes struck Hamas positions in Gaza overnight.", "ASSAULT", ["ISR"], ["HAMAS"]),
]


def _asserted(text: str) -> list[Event]:
    return [e for e in code_text(text, lang="en") if not e.optional]


@pytest.mark.parametrize(("text", "kind", "actors", "recipients"), CASES)
def test_each_type_with_its_actors(
    text: str, kind: str, actors: list[str], recipients: list[str]
) -> None:
    found = [
        (e.type, [a.code for a in e.actors], [r.code for r in e.recipients])
        for e in _asserted(text)
    ]
    assert (kind, actors, recipients) in found, found


def test_negated_and_reported_acts_are_optional() -> None:
    events = code_text("Egypt did not attend the summit in Doha.", lang="en")
    assert [(e.type, e.modality) for e in events] == [("CONSULT", "negated")]
    accused = code_text("Russia accused Ukraine of shelling the power plant.", lang="en")
    assert ("ACCUSE", None) in [(e.type, e.modality) for e in accused]
    assert ("ASSAULT", "reported") in [(e.type, e.modality) for e in accused]


def test_a_commitment_is_an_agreement_and_a_refusal_a_rejection() -> None:
    assert [(e.type, e.modality) for e in _asserted("Iran will release the British tanker.")] == [
        ("AGREE", None)
    ]
    refused = _asserted("France will not lift the ban on British fishing boats.")
    assert [e.type for e in refused] == ["REJECT"]
    failed = code_text("Serbia and Kosovo failed to reach an agreement in Brussels.", lang="en")
    assert [e.type for e in failed] == ["REJECT"]


def test_a_pledge_of_support_is_support() -> None:
    events = _asserted("Canada pledged its full support for Ukraine.")
    assert [(e.type, e.recipients[0].code) for e in events] == [("SUPPORT", "UKR")]


def test_an_unknown_organisation_gets_an_org_code() -> None:
    events = _asserted("The Coastal Farmers Union sued Chile over the new water law.")
    assert [(e.type, e.actors[0].code) for e in events] == [("ACCUSE", "ORG:COASTAL_FARMERS_UNION")]


def test_a_body_takes_the_country_of_its_clause_and_may_act_on_its_own_state() -> None:
    events = _asserted("Police arrested dozens of opposition activists in Minsk on Sunday.")
    assert [(e.actors[0].code, e.actors[0].sector, e.recipients[0].sector) for e in events] == [
        ("BLR", "COP", "OPP")
    ]


def test_an_actor_no_one_can_code_stays_unresolved_and_explain_says_so() -> None:
    text = "Local elders condemned the ambush on the convoy."
    events = code_text(text, lang="en")
    assert ("ACCUSE", "---", "vague") in [(e.type, e.actors[0].code, e.modality) for e in events]
    _analysis, decisions = explain_document(Document(id="d", title="", text=text, lang="en"))
    assert any("not in the knowledge base: 'Local elders'" in d.reason for d in decisions)


def test_a_dateline_is_not_an_actor() -> None:
    events = _asserted("KYIV (Reuters) - Russian forces shelled Kharkiv on Tuesday.")
    assert [(e.type, [a.code for a in e.actors]) for e in events] == [("ASSAULT", ["RUS"])]


def test_we_in_a_statement_is_its_issuer() -> None:
    alone = code_text("We condemn the Russian strikes on Ukrainian cities.", lang="en")
    # No issuer: "we" is no one known, and the condemnation is vague.
    assert [(e.actors[0].code, e.modality) for e in alone if e.type == "ACCUSE"] == [
        ("---", "vague")
    ]
    events = code_text(
        "We condemn the Russian strikes on Ukrainian cities.",
        title="Joint statement by France and Germany on Ukraine",
        lang="en",
    )
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert [sorted(a.code for a in e.actors) for e in accuse] == [["DEU", "FRA"]]
    assert {a.rule for e in accuse for a in e.actors} == {"coref:issuer"}


def test_the_one_urged_to_act_is_the_actor_of_the_act() -> None:
    events = code_text("The EU urged Iran to release the tanker.", lang="en")
    assert ("REQUEST", ["EU"], ["IRN"], None) in [
        (e.type, [a.code for a in e.actors], [r.code for r in e.recipients], e.modality)
        for e in events
    ]
    release = [e for e in events if e.type == "RETREAT"]
    assert [(e.actors[0].code, e.modality) for e in release] == [("IRN", "planned")]


def test_he_is_the_subject_named_just_before() -> None:
    text = (
        "Turkish President Recep Tayyip Erdogan met Vladimir Putin in Sochi on Friday. "
        "He condemned the attacks on Turkish troops in Idlib."
    )
    accuse = [e for e in code_text(text, lang="en") if e.type == "ACCUSE"]
    assert [(a.code, a.text, a.rule) for e in accuse for a in e.actors] == [
        ("TUR", "He", "syntax:subject:pronoun")
    ]


def test_a_city_before_an_event_noun_is_where_not_who() -> None:
    events = code_text("Russia condemned the Kyiv attack.", lang="en")
    assert [(e.type, [a.code for a in e.actors]) for e in events] == [("ACCUSE", ["RUS"])]


def test_a_noun_of_quantity_passes_its_verb_subject_on() -> None:
    events = _asserted(
        "Jordan and the United States began a new round of joint military exercises."
    )
    assert [(e.type, sorted(a.code for a in e.actors)) for e in events] == [
        ("COOPERATE", ["JOR", "USA"])
    ]
