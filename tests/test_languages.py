"""Language profiles: validated data, one folder per language, and a Spanish stub that shows what
a third language still needs."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from annales.errors import ConfigError, DataError
from annales.events import SyntaxHybridCoder, coder_for
from annales.events.model import HybridCoder
from annales.lang import _profile, get_profile, known_languages, supported_languages
from annales.model import Document
from annales.pipeline import code_documents, code_text

PROFILES = Path(str(resources.files("annales") / "lang"))


def test_french_and_english_are_coded_spanish_is_a_stub() -> None:
    assert supported_languages() == ("en", "fr")
    assert "es" in known_languages()
    assert not get_profile("es").supported


def test_the_coder_name_builds_each_language_its_own_class() -> None:
    assert isinstance(coder_for("hybrid", "fr"), HybridCoder)
    assert isinstance(coder_for("hybrid", "en"), SyntaxHybridCoder)


def test_an_unknown_language_is_named_in_the_error() -> None:
    with pytest.raises(ConfigError, match="'xx'"):
        get_profile("xx")


def _raw(lang: str) -> dict[str, object]:
    loaded = yaml.safe_load((PROFILES / lang / "profile.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_a_word_yaml_reads_as_a_boolean_is_refused_with_the_file_and_key(tmp_path: Path) -> None:
    raw = _raw("en")
    words = raw["words"]
    assert isinstance(words, dict)
    words["negators"] = ["not", False]  # what an unquoted `no` becomes
    path = tmp_path / "en" / "profile.yaml"
    with pytest.raises(DataError, match=r"profile.yaml: 'negators' holds False"):
        _profile(raw, path)


def test_a_missing_key_and_a_misplaced_profile_are_refused(tmp_path: Path) -> None:
    raw = _raw("en")
    del raw["dependencies"]
    with pytest.raises(DataError, match="'dependencies' is missing"):
        _profile(raw, tmp_path / "en" / "profile.yaml")
    with pytest.raises(DataError, match="does not match its folder 'fr'"):
        _profile(_raw("en"), tmp_path / "fr" / "profile.yaml")


def test_the_spanish_stub_lists_what_it_still_lacks() -> None:
    """What `docs/languages.md` asks of a new language, checked for Spanish: the profile is
    there; the pinned spaCy package, the lexicon, the corpus and the model are not yet."""
    root = Path(__file__).resolve().parent.parent
    profile = get_profile("es")
    missing = []
    if profile.pip_requirement not in (root / "requirements.lock").read_text(encoding="utf-8"):
        missing.append("spaCy package in requirements.lock")
    data = Path(str(resources.files("annales") / "data"))
    if not (data / "lexicons" / "es.yaml").is_file():
        missing.append("trigger lexicon")
    if not (root / "training" / "es").is_dir():
        missing.append("training corpus")
    if not (data / "models" / "events-es.npz").is_file():
        missing.append("event model")
    assert missing == [
        "spaCy package in requirements.lock",
        "trigger lexicon",
        "training corpus",
        "event model",
    ]
    with pytest.warns(UserWarning, match="'es' is not supported"):
        assert code_text("El ejército atacó la ciudad.", lang="es") == []


def test_a_mixed_batch_codes_each_document_in_its_language() -> None:
    documents = [
        Document(id="fr-1", title="", text="La France condamne l'offensive russe.", lang="fr"),
        Document(id="en-1", title="", text="France condemned the Russian offensive.", lang="en"),
    ]
    coded = {
        r.document.id: [e for e in r.events if not e.optional] for r in code_documents(documents)
    }
    for doc_id, lang in (("fr-1", "fr"), ("en-1", "en")):
        assert [(e.type, e.actors[0].code, e.recipients[0].code) for e in coded[doc_id]] == [
            ("ACCUSE", "FRA", "RUS")
        ]
        assert coded[doc_id][0].coder.startswith(f"hybrid-{lang}")


def test_the_cheap_first_pass_reads_its_words_from_the_profile() -> None:
    from annales.nlp.select import selection_words

    french = selection_words("fr")
    assert french is not None and "nous" in french.subjects and "etre" in french.grammar
    # English parses every sentence: its first pass left out what only the event model finds.
    assert selection_words("en") is None


def test_profile_errors_name_the_file_and_the_key(tmp_path: Path) -> None:
    path = tmp_path / "en" / "profile.yaml"
    raw = _raw("en")
    issuer = raw["issuer"]
    assert isinstance(issuer, dict)
    del issuer["openers"]
    with pytest.raises(DataError, match="'openers' is missing"):
        _profile(raw, path)
    raw = _raw("en")
    issuer = raw["issuer"]
    assert isinstance(issuer, dict)
    issuer["date_tail"] = "(unclosed"
    with pytest.raises(DataError, match="'date_tail' is not a valid regular expression"):
        _profile(raw, path)
    raw = _raw("en")
    raw["coders"] = {"rules": "annales.nowhere:Coder"}
    with pytest.raises(ConfigError, match="cannot be loaded"):
        _profile(raw, path).coder_class("rules")
    with pytest.raises(KeyError, match="no word class"):
        get_profile("en").word("negatorz")
