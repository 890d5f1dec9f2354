"""Finding knowledge-base names in a parsed document, fast and accent-blind.

Every name of the knowledge base (states, demonyms, capitals, seats of power, organisations,
people, agent nouns) is normalised (lower case, no accents, one kind of apostrophe and hyphen)
into one dictionary. A document is scanned once, left to right: at each token the normalised text
of the next tokens is extended while it is still the prefix of some name, and the longest name
found wins. Names are compared on the document's own characters, so the match does not depend on
how spaCy split "Tel-Aviv" or "l'Élysée" into tokens.

Case matters only where it should: an acronym written in capitals ("EI", "US", "ONU") matches
only in capitals (and never in a headline written all in capitals); a capitalised name ("Chili",
"Maurice") needs its capital; a name written in lower case ("russe", "fédération russe") matches
any case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from annales.actors.kb import KnowledgeBase

__all__ = ["ActorIndex", "Entry", "Match", "case_ok", "normalise"]

_FOLD = str.maketrans(
    {
        "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ß": "ss", "œ": "oe", "æ": "ae",
        "’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'", "ʻ": "'", "‐": "-", "‑": "-",
        "«": '"', "»": '"',
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")
_BOUNDARY = frozenset(" '-./")
# Kinds in the order the resolver prefers them when one name has several readings.
KIND_ORDER = ("block", "person", "org", "country", "metonym", "capital", "demonym", "agent")
MAX_TOKENS = 12
_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}


@lru_cache(maxsize=1 << 15)  # bounded: the frequent words; memory stays flat on long runs
def normalise(text: str) -> str:
    """Lower case, no diacritics, straight apostrophes and hyphens, single spaces."""
    folded = unicodedata.normalize("NFD", text.lower().translate(_FOLD))
    stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


@dataclass(frozen=True)
class Entry:
    """One reading of a name: what it refers to and how sure a bare mention is."""

    kind: str  # country, demonym, capital, metonym, org, person, agent, block
    ref: str  # a code (RUS, UN), a person id, or "title:ministre" for agents
    surface: str  # the form as written in the data
    sector: str | None
    confidence: float
    case: int  # 0: any case, 1: needs a capital first letter, 2: acronym, capitals only

    @property
    def single_word(self) -> bool:
        return " " not in self.surface.strip()


@dataclass(frozen=True)
class Match:
    """A name found in a document: tokens ``start``..``end`` (exclusive) and its readings."""

    start: int
    end: int
    entries: tuple[Entry, ...]

    def first(self, *kinds: str) -> Entry | None:
        for entry in self.entries:
            if entry.kind in kinds:
                return entry
        return None

    @property
    def kinds(self) -> set[str]:
        return {entry.kind for entry in self.entries}


def _case_of(surface: str) -> int:
    letters = [ch for ch in surface if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters) and len(surface) <= 10:
        return 2
    return 1 if letters and letters[0].isupper() else 0


def case_ok(entry: Entry, surface: str) -> bool:
    """Whether ``surface`` (as written) may be read as ``entry`` (acronyms in capitals ...)."""
    if entry.case == 0:
        return True
    letters = [ch for ch in surface if ch.isalpha()]
    if not letters:
        return False
    if entry.case == 1:
        return letters[0].isupper()
    return all(ch.isupper() for ch in letters)


class ActorIndex:
    """All names of one language, normalised, with the prefixes that let a scan stop early."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.names: dict[str, dict[tuple[str, str], Entry]] = {}
        self.prefixes: set[str] = set()

    def add(self, surface: str, entry: Entry) -> None:
        key = normalise(surface)
        if not key:
            return
        readings = self.names.setdefault(key, {})
        known = readings.get((entry.kind, entry.ref))
        if known is None or entry.case < known.case:
            readings[(entry.kind, entry.ref)] = entry
        for position in range(1, len(key)):
            if key[position] in _BOUNDARY or key[position - 1] in _BOUNDARY:
                self.prefixes.add(key[:position].rstrip())
        self.prefixes.add(key)

    @classmethod
    def build(cls, kb: KnowledgeBase, lang: str) -> ActorIndex:
        index = cls(lang)

        def add(kind: str, ref: str, surface: str, sector: str | None, confidence: float) -> None:
            case = _case_of(surface)
            if kind == "agent" and case == 1:
                case = 0  # common nouns: "Premier ministre" and "premier ministre" alike
            index.add(surface, Entry(kind, ref, surface, sector, confidence, case))

        for c in kb.countries.values():
            for name in c.names(lang):
                add("country", c.code, name, "GOV", 0.9)
            for name in c.demonyms(lang):
                add("demonym", c.code, name, None, 0.7)
            for name in c.capitals:
                add("capital", c.code, name, "GOV", 0.85)
        for m in kb.metonyms:
            for name in m.variants:
                add("metonym", m.code, name, m.sector, m.confidence)
        for o in kb.organisations.values():
            for name in o.names:
                add("org", o.code, name, o.sector, 0.95)
        for p in kb.people.values():
            for name in p.variants:
                add("person", p.id, name, None, 0.95)
        for key, agent in kb.agents.items():
            if agent.lang != lang or agent.kind == "place":
                continue
            if agent.kind == "pair":  # "les deux dirigeants": the leads come with the data
                for lead in agent.leads:
                    add("agent", key, f"{lead} {agent.term}", agent.sector, agent.confidence)
                continue
            kind = "block" if agent.kind == "block" else "agent"
            add(kind, key, agent.term, agent.sector, agent.confidence)
        return index

    def lookup(self, text: str) -> tuple[Entry, ...]:
        """Every reading of ``text`` as a whole name (case rules not applied)."""
        return _sorted(self.names.get(normalise(text), {}).values())

    def match(self, doc: Doc, start: int = 0, end: int | None = None) -> list[Match]:
        """Longest names of the index in ``doc[start:end]``, left to right, not overlapping."""
        stop = len(doc) if end is None else end
        # The words and their trailing spaces, read once: a name's surface is built from them
        # (the same characters as the doc's text between the name's ends), not cut from
        # ``doc.text``, which spaCy joins anew from every token of the doc at each call.
        words: list[str] = []
        spaces: list[str] = []
        for token in doc[start:stop]:
            words.append(token.text)
            spaces.append(token.whitespace_)
        norms = [normalise(word) for word in words]
        found: list[Match] = []
        i = 0
        n = len(norms)
        while i < n:
            key = norms[i]
            if not key:
                i += 1
                continue
            best: tuple[int, tuple[Entry, ...]] | None = None
            j = i
            surface = words[i]
            while key in self.prefixes:
                readings = self.names.get(key)
                if readings:
                    kept = [e for e in readings.values() if case_ok(e, surface)]
                    if kept and any(e.case == 2 for e in kept) and _shouting(doc, start + i):
                        kept = [e for e in kept if e.case != 2]
                    if kept:
                        best = (j + 1, _sorted(kept))
                j += 1
                if j >= n or j - i >= MAX_TOKENS or not norms[j]:
                    break  # names never run over a line break
                gap = " " if spaces[j - 1] else ""
                key = f"{key}{gap}{norms[j]}"
                surface = f"{surface}{spaces[j - 1]}{words[j]}"
            if best is None:
                i += 1
                continue
            found.append(Match(start + i, start + best[0], best[1]))
            i = best[0]
        return found


def _sorted(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=lambda e: (_RANK.get(e.kind, 99), e.ref)))


def _shouting(doc: Doc, i: int) -> bool:
    """Whether token ``i`` sits in a sentence written all in capitals (a headline)."""
    sent = doc[i].sent
    letters = [ch for ch in sent.text if ch.isalpha()]
    return len(letters) > 12 and sum(ch.isupper() for ch in letters) > 0.7 * len(letters)
