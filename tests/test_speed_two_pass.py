"""Two-pass parsing: the cheap pass picks the sentences that can hold an event, the parser reads
only those (with their context), and the result is the same events over the same offsets."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from annales import code_text
from annales.events import get_coder
from annales.model import Document
from annales.nlp.select import (
    MAX_SENTENCE_TOKENS,
    cheap_sentences,
    parse_selected,
    parse_share,
    refusal_reason,
)
from annales.pipeline import FULL_PARSE_ENV, code_documents, sentence_selector

if TYPE_CHECKING:
    from spacy.language import Language

    from annales.nlp.select import SentenceSelector

# Written for these tests: events, background and a paragraph of pure colour.
ARTICLE = (
    "Le ministre malien des Affaires étrangères a condamné mardi l'attaque contre un convoi de "
    "l'ONU près de Gao. Il a appelé la Mauritanie à renforcer la coopération à la frontière.\n\n"
    "Le marché de Bamako était animé ce matin. Les prix du riz restent stables depuis le "
    "printemps, selon les commerçants. La saison des pluies a commencé tôt cette année. Les "
    "routes du sud sont encore praticables. Les pêcheurs du fleuve rentrent avant la nuit. "
    "Le thé se boit très sucré dans les cours des maisons. Les enfants jouent au football sur "
    "la place du quartier jusqu'au soir.\n\n"
    "Moscou a reçu lundi une délégation burkinabée pour discuter de sécurité."
)
TITLE = "Le Mali condamne une attaque contre l'ONU"


@pytest.fixture(scope="module")
def selector(nlp_fr: Language) -> SentenceSelector:
    chosen = sentence_selector("fr", get_coder("hybrid"))
    assert chosen is not None
    return chosen


def sentences_of(nlp: Language, text: str) -> list[str]:
    doc = nlp.make_doc(text)
    return [doc[start:end].text.strip() for start, end in cheap_sentences(doc)]


def test_cheap_sentences_split_at_final_punctuation_and_line_breaks(nlp_fr: Language) -> None:
    found = sentences_of(
        nlp_fr, "M. Dupont est arrivé. « Bien ! » a-t-il dit.\n\nTitre sans point\nFin."
    )
    assert found == [
        "M. Dupont est arrivé.",
        "« Bien ! »",
        "a-t-il dit.",
        "Titre sans point",
        "Fin.",
    ]


def test_a_paragraph_without_full_stop_is_cut_in_bounded_sentences(nlp_fr: Language) -> None:
    doc = nlp_fr.make_doc(" ".join(["mot"] * (MAX_SENTENCE_TOKENS * 2 + 10)))
    spans = cheap_sentences(doc)
    assert len(spans) == 3
    assert all(end - start <= MAX_SENTENCE_TOKENS for start, end in spans)


def test_selector_reads_trigger_forms_through_the_lemmatizer_tables(
    selector: SentenceSelector,
) -> None:
    assert selector.trigger_words("condamné")  # condamner
    assert selector.trigger_words("reçu")  # recevoir: a form that does not start like its lemma
    assert not selector.trigger_words("riz")


def test_only_sentences_with_a_trigger_and_someone_are_parsed(
    nlp_fr: Language, selector: SentenceSelector
) -> None:
    text = f"{TITLE}\n\n{ARTICLE}"
    [outcome] = parse_selected(nlp_fr, [text], selector)
    assert not isinstance(outcome, str)
    doc, share = outcome
    assert doc.text == text and len(doc) == len(nlp_fr.make_doc(text))
    parsed = {s.text.strip(): any(t.dep_ not in {"", "ROOT", "dep"} for t in s) for s in doc.sents}
    assert parsed["Moscou a reçu lundi une délégation burkinabée pour discuter de sécurité."]
    assert parsed[TITLE]
    assert not parsed["Le marché de Bamako était animé ce matin."]
    assert not any(t.lemma_ for t in doc if t.text == "riz")
    assert share.sentences == 11 and share.parsed < share.sentences
    assert parse_share(doc) == share


def test_two_pass_codes_the_same_events_as_the_full_parse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = Document(id="t1", title=TITLE, text=ARTICLE, lang="fr", pub_date=None)

    def coded() -> list[tuple[str, int, int, tuple[str, ...]]]:
        [result] = list(code_documents([document]))
        return [(e.type, e.start, e.end, tuple(a.code for a in e.actors)) for e in result.events]

    two_pass = coded()
    monkeypatch.setenv(FULL_PARSE_ENV, "1")
    assert coded() == two_pass
    assert {kind for kind, *_ in two_pass} >= {"ACCUSE", "CONSULT"}


def test_results_report_the_share_of_sentences_parsed() -> None:
    document = Document(id="t2", title=TITLE, text=ARTICLE, lang="fr")
    [result] = list(code_documents([document]))
    assert 0 < result.parsed < result.sentences


def test_a_document_of_190000_one_word_sentences_is_skipped_with_the_reason() -> None:
    text = " ".join(["Oui.", "Non.", "Fin."] * 63_334)[:950_000]
    assert refusal_reason(text) is not None
    [result] = list(code_documents([Document(id="huge", text=text, lang="fr")]))
    assert result.skipped is not None
    assert "sentences" in result.skipped and "split" in result.skipped
    assert result.events == []


def test_the_model_coder_parses_every_sentence() -> None:
    assert sentence_selector("fr", get_coder("model")) is None


def test_a_text_of_events_only_is_parsed_whole(
    nlp_fr: Language, selector: SentenceSelector
) -> None:
    text = "La Russie a condamné la Turquie. Moscou a reçu Ankara. L'ONU a salué la France."
    [outcome] = parse_selected(nlp_fr, [text], selector)
    assert not isinstance(outcome, str)
    doc, share = outcome
    assert share.parsed == share.sentences == 3
    assert all(token.pos_ for token in doc)


def test_a_one_sentence_text_with_an_acronym_is_coded() -> None:
    # The cheap pass once left a one-sentence doc without boundaries, and the acronym check
    # of the actor matcher failed on it.
    events = code_text("La Suisse encourage le CICR à organiser l'échange.", pub_date="2024-04-02")
    assert ("REQUEST", "CHE", "ICRC") in {
        (e.type, a.code, r.code) for e in events for a in e.actors for r in e.recipients
    }
