"""Who fights, when a text condemns "the escalation" or calls "for calm" without saying.

A communiqué condemns "l'escalade de la violence" or asks that "les combats cessent": the act is
aimed at the belligerents. They are read, once per document, from the text itself first ("les
combats entre X et Y", "le conflit entre X et Y"), then from a conflict region it names
(``data/actors/conflicts.tsv``: "Haut-Karabakh" -> ARM, AZE). With neither, the act keeps no
recipient: no guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from annales.errors import DataError
from annales.events.lexicon import normalise
from annales.events.rules.arguments import case_of, depth_below
from annales.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from annales.events.rules.arguments import MentionIndex

__all__ = ["ConflictRegion", "aims_at_fighting", "belligerents", "read_conflict_regions"]

# Nouns of fighting whose "entre X et Y" names the two sides.
_FIGHTING = {
    "conflit", "guerre", "combat", "affrontement", "hostilite", "violence", "escalade",
    "tension", "heurt", "accrochage", "bombardement", "tir", "frappe",
}  # fmt: skip
# What a condemnation or a call aims at when it aims at the fighting itself.
_AIMED_WORDS = _FIGHTING | {
    "cessez-le-feu",
    "treve",
    "retenue",
    "desescalade",
    "cessation",
    "calme",
    "apaisement",
}
# A call to negotiate is addressed to the sides of the dispute, unless the talks have a topic
# of their own ("les négociations commerciales", "sur l'accord de libre-échange").
_TALKS = {"negociation", "pourparlers", "pourparler"}
_CODE = re.compile(r"^(?:[A-Z]{3}|[A-Z][A-Z_]+|ORG:[A-Z0-9_]+)$")


@dataclass(frozen=True)
class ConflictRegion:
    names: tuple[str, ...]  # normalised
    parties: tuple[str, ...]


def read_conflict_regions(path: Path) -> list[ConflictRegion]:
    """Read a conflicts table (names and parties, tab-separated); DataError names file:line."""
    regions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise DataError(f"{path}:{number}: expected 2 tab-separated columns (names, parties)")
        names = tuple(normalise(n.strip()) for n in fields[0].split("|") if n.strip())
        parties = tuple(fields[1].split())
        if not names or len(parties) < 2:
            raise DataError(f"{path}:{number}: a region needs a name and at least two parties")
        bad = [code for code in parties if not _CODE.match(code)]
        if bad:
            raise DataError(f"{path}:{number}: not an actor code: {', '.join(bad)}")
        regions.append(ConflictRegion(names, parties))
    return regions


@lru_cache(maxsize=1)
def _shipped_regions() -> tuple[ConflictRegion, ...]:
    table = resources.files("annales") / "data" / "actors" / "conflicts.tsv"
    with resources.as_file(table) as path:
        return tuple(read_conflict_regions(path))


def belligerents(doc: Doc, mentions: MentionIndex) -> list[Actor]:
    """The two (or more) sides of the fighting the document is about, or [] when it does not
    say."""
    for token in doc:
        if normalise(token.lemma_) not in _FIGHTING:
            continue
        between = [c for c in token.children if case_of(c) == "entre"]
        sides = mentions.in_tokens(t for c in between for t in c.subtree)
        if len({a.code for a in sides}) >= 2:
            return sides
    return _region_parties(doc)


def _region_parties(doc: Doc) -> list[Actor]:
    text = normalise(doc.text)
    found: list[tuple[int, int, ConflictRegion]] = []
    for region in _shipped_regions():
        for name in region.names:
            match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
            if match:
                found.append((match.start(), match.end(), region))
                break
    if not found:
        return []
    start, end, region = min(found, key=lambda f: f[0])
    return [
        Actor(
            code=code,
            text=doc.text[start:end],
            start=start,
            end=end,
            rule="conflict:parties",
            confidence=0.4,
        )
        for code in region.parties
    ]


def aims_at_fighting(head: Token, *, conjuncts: bool = True) -> bool:
    """Whether an act's own words aim at the fighting: "condamne l'escalade", "appelle à la
    retenue", "les combats doivent cesser". Without ``conjuncts``, only its first complement
    counts ("préoccupé par la situation au Xinjiang et par les tensions" is not about fighting
    alone)."""
    words = [head] + [
        t
        for t in head.subtree
        if depth_below(t, head) <= 2 and (conjuncts or not _through_conjunct(t, head))
    ]
    nouns = [t for t in words if t.pos_ == "NOUN"]
    return any(normalise(t.lemma_) in _AIMED_WORDS for t in nouns) or any(
        normalise(t.lemma_) in _TALKS and not _has_topic(t) for t in nouns
    )


def _has_topic(talks: Token) -> bool:
    return any(c.dep_ in {"nmod", "amod", "acl"} for c in talks.children)


def _through_conjunct(token: Token, head: Token) -> bool:
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "conj":
            return True
        token = token.head
    return False
