"""Which language a document is written in, offline, with py3langid."""

from __future__ import annotations

import re

__all__ = ["detect_language"]

# Below this many letters the classifier guesses (a one-word headline reads as anything).
MIN_LETTERS = 12
# The opening of an article settles its language; classifying a whole book would only cost time.
_SAMPLE_CHARS = 5000
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text`` ("fr", "en", ...), or None when it is empty or too short."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    # Imported here: loading the model takes a noticeable moment that reading files need not pay.
    import py3langid

    code, _score = py3langid.classify(sample)
    return str(code)
