"""lookup() and explain_actor(): the Python side of `annales actors lookup`."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import annales.actors as package
from annales.actors import explain_actor, load_knowledge_base, lookup
from annales.actors.lookup import RULES, lookup_name
from annales.model import Actor

if TYPE_CHECKING:
    from spacy.language import Language


def test_lookup_a_title(nlp_fr: Language) -> None:
    [actor] = lookup("le ministre turc des Affaires étrangères", on=date(2018, 12, 30), nlp=nlp_fr)
    assert (actor.code, actor.sector) == ("TUR", "GOV")


def test_lookup_a_person_on_a_date(nlp_fr: Language) -> None:
    [actor] = lookup("Mevlüt Çavuşoğlu", on=date(2018, 12, 30), nlp=nlp_fr)
    assert (actor.code, actor.sector, actor.name) == ("TUR", "GOV", "Mevlüt Çavuşoğlu")


def test_lookup_a_media_outlet(nlp_fr: Language) -> None:
    [actor] = lookup("l'agence TASS", nlp=nlp_fr)
    assert (actor.code, actor.sector) == ("RUS", "MED")


def test_lookup_nothing(nlp_fr: Language) -> None:
    assert lookup("une belle journée", nlp=nlp_fr) == []


def test_explain_says_code_sector_text_and_rule(nlp_fr: Language) -> None:
    [actor] = lookup("Recep Tayyip Erdogan", on=date(2016, 1, 1), nlp=nlp_fr)
    line = explain_actor(actor)
    assert line.startswith('TUR GOV "Recep Tayyip Erdogan" = Recep Tayyip Erdoğan (Q39723)')
    assert "kb:person-role" in line and "0.95" in line


def test_explain_a_bare_actor() -> None:
    assert explain_actor(Actor(code="ORG:FIFA")) == "ORG:FIFA - -- given, 1.00"


def test_every_rule_the_resolver_uses_is_explained() -> None:
    source = "\n".join(p.read_text() for p in Path(package.__file__).parent.glob("*.py"))
    used = set(re.findall(r'"((?:kb|agent|coref):[a-z+-]+)"', source))
    known = set(RULES) | {f"{rule}+former" for rule in RULES}
    # prefixes used to group rules ("kb:title" for kb:title+name, kb:title+country ...)
    unexplained = {u for u in used - known if not any(k.startswith(u) for k in known)}
    assert unexplained == set()


# -- names alone: answered from the knowledge base, without the parser --------------------------


def _names_of_the_base() -> list[str]:
    kb = load_knowledge_base()
    names: set[str] = {"la Russie", "l'Otan", "L'Union européenne", "le Kremlin", "les E3"}
    for country in kb.countries.values():
        names.update((*country.all_names(), *country.capitals))
    for body in kb.organisations.values():
        names.update(body.names)
    for metonym in kb.metonyms:
        names.update(metonym.variants)
    for person in kb.people.values():
        names.update(person.variants)
    return sorted(names)


@pytest.mark.parametrize(
    "every", [pytest.param(9, id="fast"), pytest.param(1, id="slow", marks=pytest.mark.slow)]
)
def test_lookup_of_a_name_without_parser_is_what_the_parser_gives(
    nlp_fr: Language, every: int
) -> None:
    answered = 0
    for on in (None, date(2019, 6, 1)):
        for name in _names_of_the_base()[::every]:
            quick = lookup_name(name, on=on)
            if quick is None:
                continue
            answered += 1
            assert quick == lookup(name, on=on, nlp=nlp_fr), name
    assert answered > 500


@pytest.mark.parametrize(
    "phrase",
    [
        "le ministre turc des Affaires étrangères",  # a title: read with its words
        "à Moscou",  # a place, not an actor
        "russe",  # a nationality
        "Poutine et Erdogan",  # two names
        "P5+1",  # split by the parser in its own way
    ],
)
def test_lookup_name_leaves_phrases_to_the_parser(phrase: str) -> None:
    assert lookup_name(phrase) is None


def test_lookup_name_of_a_person_an_organisation_and_a_group() -> None:
    [putin] = lookup_name("Poutine", on=date(2010, 1, 1)) or []
    assert (putin.code, putin.sector, putin.rule) == ("RUS", "GOV", "kb:person-surname")
    [otan] = lookup_name("l'Otan") or []
    assert (otan.code, otan.text, otan.start, otan.end) == ("NATO", "Otan", 2, 6)
    assert [a.code for a in lookup_name("les E3") or []] == ["FRA", "DEU", "GBR"]
    assert lookup_name("Amérique latine") == []  # a blocked phrase is no actor


def test_lookup_of_a_name_does_not_load_the_parser() -> None:
    script = (
        "import sys\n"
        "from annales.actors import lookup\n"
        "found = lookup('Vladimir Poutine')\n"
        "assert [a.code for a in found] == ['RUS'], found\n"
        "assert 'spacy' not in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
