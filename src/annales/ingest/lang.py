"""Which language a document is written in, offline, with py3langid.

On short texts (headlines, one-line files) the classifier's character statistics are weak: "Biden
meets Xi." reads as Dutch, "Erevan / Pachinian accuse Moscou." as Ligurian. There, when the
classifier's guess is a language annales does not code, the languages annales codes that lie
close behind it are weighed by the words their profiles list as theirs (function words and place
names only they write so), the classifier's order breaking ties. A guess annales codes is kept.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from importlib import metadata
from typing import Any

from annales.lang import get_profile, supported_languages

__all__ = ["detect_language"]

# Below this many letters the classifier guesses (a one-word headline reads as anything).
MIN_LETTERS = 12
# The opening of an article settles its language; classifying a whole book would only cost time.
_SAMPLE_CHARS = 5000
# Below this many letters a text is short: its own words weigh before the classifier.
SHORT_LETTERS = 300
# How far (log-probability) behind an unsupported guess a supported language may lie and still win
# on a short text; a real German or Spanish sentence lies 60 and more behind.
_CLOSE_BEHIND = 12.0
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+(?:[-.'’][^\W\d_]+)*\.?")


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text`` ("fr", "en", ...), or None when it is empty or too short."""
    sample = text[:_SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return None
    identifier = _identifier()
    if letters >= SHORT_LETTERS:
        code, _score = identifier.classify(sample)
        return str(code)
    ranked = [(str(code), float(score)) for code, score in identifier.rank(sample)]
    best, best_score = ranked[0]
    supported = set(supported_languages())
    if best in supported:
        return best
    close = [
        code for code, score in ranked if code in supported and best_score - score <= _CLOSE_BEHIND
    ]
    if not close:
        return best
    return _by_own_words(sample, close) or close[0]


@cache
def _identifier() -> Any:
    """py3langid's classifier, loaded once per process from the user's cache folder (reading the
    package's model file takes half a second; the cached copy a tenth of it)."""
    from py3langid.langid import _load_identifier

    from annales.cache import cached, content_key

    version = metadata.version("py3langid")
    return cached("langid", content_key("py3langid", version), _load_identifier)


def _by_own_words(sample: str, languages: list[str]) -> str | None:
    """The one of ``languages`` whose own words the text uses most, or None on a tie."""
    from annales.events.lexicon import normalise

    words = [normalise(w) for w in _WORD.findall(sample)]
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)]
    counts: dict[str, int] = {}
    for code in languages:
        profile = get_profile(code)
        own = profile.word("function_words") | profile.word("exonyms")
        counts[code] = sum(w in own or w.rstrip(".") in own for w in words) + sum(
            p in own for p in pairs
        )
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]
