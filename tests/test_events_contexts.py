"""Context cues read off a quote's words: prefix cues are found wherever the word sorts."""

from __future__ import annotations

import spacy

from annales.events.contexts import contexts_in

# Tokenizer only: the cues below are matched on the words as written. Cues are normalised
# words, as the lexicon stores them (no accents).
_NLP = spacy.blank("fr")
_CUES = {
    "terrorism": (("terroris*",),),
    "military": (("armee",), ("etat", "-", "major")),
    "health": (("epidemi*",),),
}


def test_a_prefix_cue_finds_its_word_among_words_that_sort_before_and_after_it() -> None:
    tokens = _NLP("Zones, abris et terroristes présumés visés à Alep.")
    assert contexts_in(tokens, _CUES) == ["terrorism"]


def test_a_prefix_cue_matches_the_bare_stem_but_not_a_shorter_word() -> None:
    assert contexts_in(_NLP("le terroris ambiant"), _CUES) == ["terrorism"]
    assert contexts_in(_NLP("la terre tremble"), _CUES) == []


def test_whole_and_sequence_cues_with_prefix_cues_sorted_by_name() -> None:
    tokens = _NLP("L'état-major face à l'épidémie et aux terroristes.")
    assert contexts_in(tokens, _CUES) == ["health", "military", "terrorism"]
    assert contexts_in(_NLP("L'état et le major."), _CUES) == []
