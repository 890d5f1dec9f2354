"""The trigger lexicon is data: validated on load, extensible by users."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.errors import DataError
from annales.events.lexicon import load_lexicon, read_lexicon_file
from annales.model import EVENT_TYPES


def test_shipped_lexicon_covers_all_sixteen_types() -> None:
    lexicon = load_lexicon("fr")
    assert {rule.type for rule in lexicon.rules} == set(EVENT_TYPES)


def test_reflexive_trigger_is_parsed() -> None:
    lexicon = load_lexicon("fr")
    rules = [r for r in lexicon.rules if r.lemmas == ("entretenir",)]
    assert rules and rules[0].reflexive


def test_bad_type_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "language: fr\nentries:\n  - id: ok\n    type: ACCUSE\n    triggers: [fustiger]\n"
        "  - id: bad\n    type: SHOUT\n    triggers: [crier]\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"mine\.yaml:6: unknown event type 'SHOUT'"):
        read_lexicon_file(path)


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "entries:\n  - id: x\n    type: ACCUSE\n    triggers: [a]\n    colour: red\n", "utf-8"
    )
    with pytest.raises(DataError, match="unknown field"):
        read_lexicon_file(path)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("entries:\n  - id: x\n   type: [\n", "utf-8")
    with pytest.raises(DataError, match=r"broken\.yaml:\d+: not valid YAML"):
        read_lexicon_file(path)


def test_user_file_adds_and_replaces_entries(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        "language: fr\nentries:\n"
        "  - id: threaten/menacer\n    type: THREATEN\n    triggers: [intimider]\n"
        "  - id: mine/ostraciser\n    type: SANCTION\n    triggers: [ostraciser]\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon("fr", extra=[path])
    by_id = {r.id: r for r in lexicon.rules}
    assert by_id["mine/ostraciser"].type == "SANCTION"
    assert [r.lemmas for r in lexicon.rules if r.id == "threaten/menacer"] == [("intimider",)]


def test_unknown_context_names_the_file_and_the_known_ones(tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    path.write_text("language: fr\ncontexts:\n  militray: [armée]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"typo\.yaml.*unknown context 'militray'.*military"):
        read_lexicon_file(path)


def test_context_of_an_entry_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "entry.yaml"
    path.write_text(
        "entries:\n  - id: x\n    type: ACCUSE\n    triggers: [a]\n    context: [war]\n", "utf-8"
    )
    with pytest.raises(DataError, match=r"entry\.yaml:2: unknown context 'war'"):
        read_lexicon_file(path)


def test_user_context_cues_add_to_the_shipped_ones(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text("language: fr\ncontexts:\n  agriculture: [céréale*, blé]\n", "utf-8")
    lexicon = load_lexicon("fr", extra=[path])
    assert ("cereale*",) in lexicon.context_cues["agriculture"]
    assert lexicon.context_cues["military"] == load_lexicon("fr").context_cues["military"]


def test_a_file_with_neither_entries_nor_contexts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("language: fr\n", "utf-8")
    with pytest.raises(DataError, match=r"empty\.yaml: a lexicon needs 'entries'"):
        read_lexicon_file(path)


def test_prefix_cue_matches_the_written_word_not_a_lemma() -> None:
    from annales.events.contexts import contexts_in
    from annales.nlp import load_pipeline

    cues = load_lexicon("fr").context_cues
    nlp = load_pipeline("fr")
    assert "diplomatic" not in contexts_in(nlp("La Turquie a consulté ses alliés."), cues)
    assert "diplomatic" in contexts_in(nlp("Le consulat turc a fermé."), cues)


def test_hyphenated_cue_matches_the_tokenizer_split() -> None:
    from annales.events.contexts import contexts_in
    from annales.nlp import load_pipeline

    cues = load_lexicon("fr").context_cues
    found = contexts_in(load_pipeline("fr")("L'état-major visé par al-Qaïda."), cues)
    assert {"military", "terrorism"} <= set(found)


def _modes_in_plover_doc() -> dict[str, set[str]]:
    """Type -> modes, read off the table of docs/plover.md ("modes annales assigns")."""
    doc = Path(__file__).resolve().parents[1] / "docs" / "plover.md"
    modes: dict[str, set[str]] = {}
    for line in doc.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[1] in EVENT_TYPES:
            modes[cells[1]] = {m.strip() for m in cells[2].split(",") if m.strip()}
    return modes


def test_shipped_lexicon_is_broad() -> None:
    """At least 1,000 trigger patterns, and every PLOVER type and mode has French triggers."""
    lexicon = load_lexicon("fr")
    assert len(lexicon.rules) >= 1000  # one rule per trigger of every entry
    count: dict[str, int] = {}
    for rule in lexicon.rules:
        count[rule.type] = count.get(rule.type, 0) + 1
    assert set(count) == set(EVENT_TYPES)
    documented = _modes_in_plover_doc()
    assert set(documented) == set(EVENT_TYPES)
    assert sum(len(m) for m in documented.values()) >= 20
    for kind, modes in documented.items():
        have = {rule.mode for rule in lexicon.rules if rule.type == kind}
        assert modes <= have, f"{kind}: no trigger for mode(s) {sorted(modes - have)}"


def test_violent_repression_is_an_assault_repression_short_of_it_a_coercion() -> None:
    from annales import code_text

    violent = code_text(
        "La police a réprimé violemment les manifestants à Téhéran.", pub_date="2024-12-02"
    )
    assert [e.type for e in violent] == ["ASSAULT"]
    dispersed = code_text("La police a dispersé les manifestants à Téhéran.", pub_date="2024-12-02")
    assert [e.type for e in dispersed] == ["COERCE"]
