"""lookup() and explain_actor(): the Python side of `annales actors lookup`."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import annales.actors as package
from annales.actors import explain_actor, lookup
from annales.actors.lookup import RULES
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
