"""PLOVER contexts (military, terrorism, migration...) read off the words of an event's clause.

The cues are data: the ``contexts`` section of a lexicon file maps a context to words ("armée",
"terroris*": a trailing ``*`` matches any ending of the word as written; several words match in
sequence, and the tokenizer's hyphens are words: "état - major"). An event gets
a context when a cue appears in the words that show it (its quote), not anywhere in the article:
"l'armée syrienne a décrété un cessez-le-feu" is military, the paragraph around it may not be.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from annales.events.lexicon import Cue, normalise

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["contexts_in"]


def _matches(word: str, forms: tuple[str, str]) -> bool:
    """A whole cue word matches the word or its lemma; a prefix ("juge*") only the word as
    written, so that a lemma ("jugé" -> "juger") does not stretch it."""
    text, _lemma = forms
    if word.endswith("*"):
        return text.startswith(word[:-1])
    return word in forms


def _begins_some(stem: str, texts: list[str]) -> bool:
    """Whether a word of ``texts`` (sorted) begins with ``stem``: those that do sort together,
    from the first word not below it."""
    position = bisect_left(texts, stem)
    return position < len(texts) and texts[position].startswith(stem)


def _contains(forms: list[tuple[str, str]], seen: set[str], texts: list[str], cue: Cue) -> bool:
    """Whether ``cue`` is in ``forms``; ``seen`` holds every form, ``texts`` the words as
    written, sorted."""
    first = cue[0]
    if first.endswith("*"):
        if not _begins_some(first[:-1], texts):
            return False
    elif first not in seen:
        return False  # most cues: their first word is nowhere in the quote
    if len(cue) == 1:
        return True
    return any(
        all(_matches(word, forms[i + k]) for k, word in enumerate(cue))
        for i in range(len(forms) - len(cue) + 1)
    )


def contexts_in(tokens: Iterable[Token], cues: Mapping[str, tuple[Cue, ...]]) -> list[str]:
    """The contexts whose cues appear in ``tokens`` (given in text order), sorted by name."""
    forms = [(normalise(t.text), normalise(t.lemma_)) for t in tokens if not t.is_space]
    seen = {form for pair in forms for form in pair}
    texts = sorted({text for text, _lemma in forms})
    return sorted(
        name
        for name, sequences in cues.items()
        if any(_contains(forms, seen, texts, c) for c in sequences)
    )
