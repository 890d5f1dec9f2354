"""English names of the knowledge base found in English text: states, titles and bodies."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from annales.actors import load_knowledge_base
from annales.actors.resolve import find_actors

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp_en() -> Language:
    from annales.nlp import load_pipeline

    return load_pipeline("en")


def _found(nlp: Language, text: str) -> list[tuple[str, str | None, str, str]]:
    return [(a.code, a.sector, a.text, a.rule) for a in find_actors(nlp(text))]


def test_english_agents_are_matched_in_english_text(nlp_en: Language) -> None:
    doc = nlp_en("The army, the police, the rebels and the protesters blamed the government.")
    index = load_knowledge_base().index(doc.lang_)
    found = {doc[m.start : m.end].text: m.first("agent") for m in index.match(doc)}
    sectors = {text: entry.sector for text, entry in found.items() if entry is not None}
    assert sectors == {
        "army": "MIL",
        "police": "COP",
        "rebels": "REB",
        "protesters": "CVL",
        "government": "GOV",
    }


def test_english_titles_take_the_person_they_name(nlp_en: Language) -> None:
    found = _found(
        nlp_en, "Prime Minister Benjamin Netanyahu met Secretary of State Antony Blinken."
    )
    assert ("ISR", "GOV", "Prime Minister Benjamin Netanyahu", "kb:title+name") in found
    assert ("USA", "GOV", "Secretary of State Antony Blinken", "kb:title+name") in found


def test_a_nationality_before_the_noun_is_not_overruled_by_the_context(nlp_en: Language) -> None:
    # "ambassador" takes the nationality before it, not the state the sentence names first
    found = _found(nlp_en, "France on Tuesday summoned the Chinese ambassador.")
    assert [(code, text) for code, _, text, _ in found] == [
        ("FRA", "France"),
        ("CHN", "Chinese ambassador"),
    ]


def test_french_agents_stay_out_of_english_text(nlp_en: Language) -> None:
    doc = nlp_en("Le ministre des Affaires étrangères et les deux dirigeants.")
    index = load_knowledge_base().index("en")
    assert all(m.first("agent") is None for m in index.match(doc))


def test_a_nationality_before_an_english_title(nlp_en: Language) -> None:
    found = _found(nlp_en, "The government of Mali expelled the French ambassador.")
    assert ("FRA", "GOV", "French ambassador") in [(c, s, t) for c, s, t, _ in found]
    found = _found(nlp_en, "Russian President Vladimir Putin met the Turkish foreign minister.")
    assert [(c, r) for c, _, _, r in found] == [
        ("RUS", "kb:title+name"),
        ("TUR", "kb:demonym+title"),
    ]


def test_lookup_reads_english_names_and_phrases() -> None:
    from annales.actors import lookup
    from annales.actors.lookup import lookup_name

    # A name alone, after an English article: no parser needed.
    found = lookup_name("the Kremlin", lang="en")
    assert found is not None and [(a.code, a.rule) for a in found] == [("RUS", "kb:metonym")]
    phrase = lookup("the Turkish foreign minister", lang="en")
    assert [(a.code, a.sector, a.rule) for a in phrase] == [("TUR", "GOV", "kb:demonym+title")]


def test_english_title_words_come_from_the_profile(nlp_en: Language) -> None:
    # "of" joins a title to its state, "in" places a body, "the" names a role seen before.
    found = _found(nlp_en, "The president of Egypt met the rebels in Sudan.")
    assert [(code, sector) for code, sector, _, _ in found] == [("EGY", "GOV"), ("SDN", "REB")]


def test_a_term_both_languages_write_has_one_agent_per_language() -> None:
    kb = load_knowledge_base()
    french, english = kb.agent("body", "police", "fr"), kb.agent("body", "police", "en")
    assert french is not None and english is not None
    assert (french.lang, english.lang) == ("fr", "en")
    assert kb.agent("title", "ministre", "en") is None
