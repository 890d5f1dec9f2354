"""resolve_code(): the codes, names and aliases a user types become the codes of stored events."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.actors import UnknownActorError, load_knowledge_base, resolve_code
from annales.actors.codes import close_matches
from annales.errors import QueryError


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("RUS", "RUS"),
        ("rus", "RUS"),
        (" Russie ", "RUS"),
        ("Russia", "RUS"),
        ("fédération de russie", "RUS"),
        ("Etats-Unis", "USA"),
        ("États-Unis", "USA"),
        ("ECOWAS", "ORG:ECOWAS"),
        ("CEDEAO", "ORG:ECOWAS"),
        ("Cédéao", "ORG:ECOWAS"),
        ("org:ecowas", "ORG:ECOWAS"),
        ("Otan", "NATO"),
        ("nato", "NATO"),
        ("Union européenne", "EU"),
        ("Daech", "ISIS"),
        ("Moscou", "RUS"),  # a capital standing for its state
        ("Kremlin", "RUS"),  # a seat of power
        ("Pentagone", "USA"),
    ],
)
def test_codes_names_and_aliases_resolve(text: str, code: str) -> None:
    assert resolve_code(text) == code


def test_codes_unknown_to_the_base_pass_when_written_as_codes() -> None:
    # A store may hold codes of the place gazetteer or of the user's own actor files.
    assert resolve_code("XYZ") == "XYZ"
    assert resolve_code("ORG:BLUE_LEAGUE") == "ORG:BLUE_LEAGUE"
    assert resolve_code("Ligue bleue", stored={"Ligue bleue"}.__contains__) == "Ligue bleue"


@pytest.mark.parametrize(
    ("text", "near"),
    [("Russsie", "Russie (RUS)"), ("Allemagen", "Allemagne (DEU)"), ("ECOWASS", "(ORG:ECOWAS)")],
)
def test_codes_an_unknown_name_lists_close_matches(text: str, near: str) -> None:
    with pytest.raises(UnknownActorError, match="unknown actor") as caught:
        resolve_code(text)
    message = str(caught.value)
    assert near in message and "\n" not in message
    assert isinstance(caught.value, QueryError)  # the CLI and the web render it as one line
    assert caught.value.matches


def test_codes_hostile_text_is_quoted_in_one_line() -> None:
    with pytest.raises(UnknownActorError) as caught:
        resolve_code("RUS'\n OR 1=1 --")
    assert "\n" not in str(caught.value) and "no close match" in str(caught.value)
    with pytest.raises(UnknownActorError, match="not empty"):
        resolve_code("   ")


def test_codes_a_name_of_two_actors_asks_for_the_code(tmp_path: Path) -> None:
    extra = tmp_path / "groups.yaml"
    extra.write_text(
        "- code: ORG:BLUE_LEAGUE\n  sector: REB\n  name: Blue League\n  names: [Ligue bleue]\n"
        "- code: ORG:BLUE_FRONT\n  sector: REB\n  name: Blue Front\n  names: [Ligue bleue]\n",
        encoding="utf-8",
    )
    kb = load_knowledge_base(extra=[extra])
    with pytest.raises(UnknownActorError, match="names several actors") as caught:
        resolve_code("ligue bleue", kb=kb)
    assert "ORG:BLUE_FRONT" in str(caught.value) and "ORG:BLUE_LEAGUE" in str(caught.value)
    assert resolve_code("Blue Front", kb=kb) == "ORG:BLUE_FRONT"


def test_codes_close_matches_are_distinct_actors() -> None:
    matches = close_matches("Ukrainne")
    assert matches[0][1] == "UKR"
    assert len({code for _, code in matches}) == len(matches)
