"""Sentence boundaries the parser is given before it runs (``annales.nlp``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


def sentences(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_a_full_stop_left_on_a_word_still_ends_the_sentence(nlp_fr: Language) -> None:
    text = (
        "Les négociations doivent reprendre à Genève en vue d'un retour au JCPoA. "
        "Il intervient alors que Téhéran a réduit les inspections."
    )
    assert len(sentences(nlp_fr, text)) == 2


def test_abbreviations_do_not_end_sentences(nlp_fr: Language) -> None:
    text = "M. Macron a reçu le Dr. Martin et la délégation des U.S. Marines à Paris."
    assert len(sentences(nlp_fr, text)) == 1
    text = "MM. Macron et Scholz ont signé un accord à Berlin. Ils ont ensuite rencontré la presse."
    assert sentences(nlp_fr, text)[0].startswith("MM. Macron et Scholz ont signé")


def test_a_line_break_ends_a_title(nlp_fr: Language) -> None:
    assert len(sentences(nlp_fr, "Accord entre Kiev et Moscou\n\nLes deux pays ont signé.")) == 2


def test_english_abbreviations_come_from_the_profile() -> None:
    from annales.nlp import load_pipeline

    english = load_pipeline("en")
    assert len(sentences(english, "Messrs. Biden and Macron met in Paris.")) == 1
    assert len(sentences(english, "The ship was commanded by Capt. Jones. He said so.")) == 2
