"""Two-pass parsing: parse fully only the sentences that can hold an event.

Most sentences of a news article hold no political event, and the parser (with the tagger,
lemmatizer and entity recogniser it feeds) is most of the cost of coding. A cheap first pass
tokenizes the whole text, splits it into sentences at final punctuation and line breaks, and keeps
as candidates the sentences where

* every content word of some trigger of the lexicon may occur ("lieu" for "avoir lieu", both
  "renverser" and "gouvernement" for "renverser le gouvernement"), each word read through the
  lemmatizer's own tables (exceptions, suffix rules and lookup, for every part of speech at
  once, so that "pris" finds "prendre" without a tagger), and
* someone may act: a name of the actor index, a subject pronoun, or the title.

The full pipeline then parses the candidates, the sentence before a candidate that may need it
(a pronoun subject, or no name: co-reference) and the title, in runs of consecutive sentences
read with a few words of margin on each side (so that each word gets the vectors it has in the
whole text); the other runs keep their tokens and sentence boundaries with no tags, lemmas or
dependencies, so that no trigger can fire there. The pieces are joined into one
:class:`~spacy.tokens.Doc` over exactly the original text, so every offset still indexes the
document.

The parser also never reads more than a bounded piece at once, so memory stays small whatever the
document (see :data:`MAX_RUN_CHARS`, :data:`MAX_SENTENCE_TOKENS`, :data:`MAX_SENTENCES`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annales.events.lexicon import normalise
from annales.lang import get_profile

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = [
    "MAX_RUN_CHARS",
    "MAX_SENTENCES",
    "MAX_SENTENCE_TOKENS",
    "ParseShare",
    "SelectionWords",
    "SentenceSelector",
    "cheap_sentences",
    "parse_selected",
    "parse_share",
    "refusal_reason",
    "selection_words",
]

# Words that end a sentence when they stand as a token of their own ("M." and "3.5" do not).
_ENDS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
# Closing marks that stay with the sentence they close.
_CLOSERS = frozenset({"»", '"', "”", ")", "]", "’"})


@dataclass(frozen=True)
class SelectionWords:
    """What the selection needs to know of a language."""

    grammar: frozenset[str]  # never a trigger's key word: they are in every sentence
    subjects: frozenset[str]  # pronouns that may stand for an actor named earlier


def selection_words(lang: str) -> SelectionWords | None:
    """The selection's words of ``lang`` (``selection`` in its profile), or None when the
    profile gives none: then every sentence is parsed."""
    profile = get_profile(lang)
    if profile.selection is None:
        return None
    grammar, subjects = profile.selection
    return SelectionWords(grammar=grammar, subjects=subjects)


_PARTS_OF_SPEECH = ("verb", "noun", "adj", "adv")
# Bounds that keep the parser's memory small whatever the text (it needs about 1 GB per 100,000
# characters read at once).
CONTEXT_TOKENS = 8  # read around each parsed piece: twice the encoders' reach (depth 4, window 1)
# When the pieces to parse (margins included) would cover this share of a text's tokens, the text
# is parsed whole: joining many pieces costs more than the few sentences left out (measured).
WHOLE_SHARE = 0.7
MAX_RUN_CHARS = 20_000  # characters parsed in one piece
MAX_SENTENCE_TOKENS = 400  # longer "sentences" (no full stop) are parsed in pieces
MAX_SENTENCES = 10_000  # more in one document: refused (a news article has a few dozen)
_TITLE_SENTENCES = 3  # at most this many sentences of the first paragraph are always parsed
_SHARE_KEY = "annales_parse_share"  # in Doc.user_data: (sentences, parsed)
_WORD_CACHE = 30_000  # word forms remembered (bounded: memory stays flat on long runs)


@dataclass
class ParseShare:
    """How many sentences a document had, and how many of them the full parser read."""

    sentences: int = 0
    parsed: int = 0


# Where a sentence may end, counted on the characters before anything is tokenized.
_SENTENCE_END = re.compile(r"[.!?…]+[\"»”)\]’]*(?:\s+|$)|\n\s*")


def refusal_reason(text: str) -> str | None:
    """Why ``text`` is not parsed at all, or None: more than MAX_SENTENCES sentence ends (a
    pathological document of one-word lines costs seconds to count this way, not gigabytes
    to tokenize)."""
    count = sum(1 for _end in _SENTENCE_END.finditer(text))
    # Twice the limit: abbreviations ("M. Macron") and blank lines are counted too.
    return _too_many(count) if count > 2 * MAX_SENTENCES else None


def _too_many(count: int) -> str:
    return (
        f"{count:,} sentences: more than the {MAX_SENTENCES:,} annales codes in one document; "
        "split it into articles"
    )


def parse_share(doc: Doc) -> ParseShare:
    """The share of ``doc``'s sentences that :func:`parse_selected` had parsed (all of them for
    a doc parsed otherwise)."""
    counts = doc.user_data.get(_SHARE_KEY)
    if counts is None:
        sentences = sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 0
        return ParseShare(sentences, sentences)
    return ParseShare(*counts)


def cheap_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentences of an untagged ``doc`` as token ranges: a new one after a token of final
    punctuation (and the closing quotes after it), after a line break, or after
    MAX_SENTENCE_TOKENS tokens (a paragraph with no full stop is read in pieces)."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(doc)
    i = 0
    while i < n:
        token = doc[i]
        end = None
        if i + 1 - start >= MAX_SENTENCE_TOKENS:
            end = i + 1
        elif token.text in _ENDS:
            end = i + 1
            while end < n and doc[end].text in _CLOSERS:
                end += 1
        elif "\n" in token.text or "\n" in token.whitespace_:
            end = i + 1
        while end is not None and end < n and doc[end].is_space:
            end += 1  # a paragraph break belongs to the sentence it ends
        if end is not None and end < n:
            spans.append((start, end))
            start = i = end
            continue
        i += 1
    if start < n:
        spans.append((start, n))
    return spans


class SentenceSelector:
    """Which sentences may hold an event: a trigger's key word and someone who may act."""

    def __init__(
        self,
        nlp: Language,
        triggers: Iterable[Sequence[str]],
        *,
        mentions: Callable[[Doc], Iterable[int]],
        words: SelectionWords,
    ) -> None:
        """``triggers``: the normalised words of each trigger; ``mentions``: the token indices
        where an actor name starts in an untagged doc; ``words``: the language's grammatical
        words and subject pronouns."""
        # Each trigger as the set of its content words, filed under one of them: a sentence can
        # hold the trigger only if it may hold every one of its words.
        self.triggers: dict[str, list[frozenset[str]]] = {}
        for trigger in triggers:
            content = frozenset(w for w in trigger if w not in words.grammar) or frozenset(trigger)
            if content:
                self.triggers.setdefault(min(content), []).append(content)
        self.words = frozenset(w for group in self.triggers.values() for c in group for w in c)
        self.mentions = mentions
        self.subject_words = words.subjects
        self.profile = get_profile(nlp.lang)
        self._tables = _lemma_tables(nlp)
        self._known: dict[str, frozenset[str]] = {}

    def trigger_words(self, word: str) -> frozenset[str]:
        """The trigger words ``word`` may be a form of (none for most words)."""
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= _WORD_CACHE:
                self._known.clear()
            known = self._known[word] = self.words.intersection(self._lemmas(word))
        return known

    def may_hold_trigger(self, tokens: Iterable[Token]) -> bool:
        """Whether ``tokens`` may hold every content word of some trigger."""
        found: set[str] = set()
        for token in tokens:
            if not (token.is_punct or token.is_space or token.like_num):
                found.update(self.trigger_words(token.text))
        return any(content <= found for word in found for content in self.triggers.get(word, ()))

    def _lemmas(self, word: str) -> set[str]:
        lower = word.lower()
        found = {lower}
        lookup, exceptions, rules, index = self._tables
        guess = lookup(lower)
        if isinstance(guess, str):
            found.add(guess)
        elif isinstance(guess, list):
            found.update(guess)
        for pos in _PARTS_OF_SPEECH:
            found.update(exceptions[pos].get(lower, ()))
            known = index[pos]
            for old, new in rules[pos]:
                if lower.endswith(old):
                    candidate = lower[: len(lower) - len(old)] + new
                    if candidate in known:
                        found.add(candidate)
        out = {normalise(w) for w in found}
        for lemma in list(out):
            # Verbs the lemmatizer may leave inflected ("menaçant"), as the coder reads them.
            out.update(self.profile.stem_guesses(lemma))
        return out

    def select(self, doc: Doc, sentences: Sequence[tuple[int, int]]) -> list[bool]:
        """For each sentence of ``doc``, whether the full parser must read it."""
        starts = set(self.mentions(doc))
        wanted = [False] * len(sentences)
        for number, (start, end) in enumerate(sentences):
            tokens = doc[start:end]
            if not self.may_hold_trigger(tokens):
                continue
            named = any(i in starts for i in range(start, end))
            pronoun = any(t.lower_ in self.subject_words for t in tokens)
            if named or pronoun or number == 0:
                wanted[number] = True
                if number and (pronoun or not named):
                    wanted[number - 1] = True  # who "il" is: the sentence before, parsed
        first_paragraph = True
        for number, (_start, end) in enumerate(sentences[:_TITLE_SENTENCES]):
            wanted[number] = wanted[number] or first_paragraph
            last = doc[end - 1]
            first_paragraph = first_paragraph and "\n" not in last.text + last.whitespace_
        return wanted


def _lemma_tables(nlp: Language) -> tuple[
    Callable[[str], object], dict[str, dict[str, list[str]]], dict[str, list[list[str]]],
    dict[str, frozenset[str]],
]:  # fmt: skip
    """The lookup, exceptions, suffix rules and known lemmas of the pipeline's lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names:
        return (lambda word: None), {}, {}, {}
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]

    def table(name: str) -> Any:
        return lookups.get_table(name) if lookups.has_table(name) else {}

    exceptions, rules, index = table("lemma_exc"), table("lemma_rules"), table("lemma_index")
    return (
        table("lemma_lookup").get,
        {pos: exceptions.get(pos) or {} for pos in _PARTS_OF_SPEECH},
        {pos: rules.get(pos) or [] for pos in _PARTS_OF_SPEECH},
        {pos: frozenset(index.get(pos) or ()) for pos in _PARTS_OF_SPEECH},
    )


def parse_selected(
    nlp: Language,
    texts: Sequence[str],
    selector: SentenceSelector | None,
    *,
    batch_size: int = 32,
) -> list[tuple[Doc, ParseShare] | str]:
    """The docs of ``texts``, fully parsed where ``selector`` wants (everywhere without one),
    each with its share of parsed sentences; or, for a text that cannot be coded, the reason.

    The parser never reads more than :data:`MAX_RUN_CHARS` characters at once, nor a sentence of
    more than :data:`MAX_SENTENCE_TOKENS` tokens (it is read in pieces), so memory stays bounded
    whatever the text; a text of more than :data:`MAX_SENTENCES` sentences is refused.
    """
    from spacy.tokens import Doc

    plans: list[tuple[Doc, str, list[_Piece], ParseShare] | str] = []
    # text with its margins (or the whole cheap doc), tokens of each margin
    runs: list[tuple[str | Doc, int, int]] = []
    for text in texts:
        refusal = refusal_reason(text)
        if refusal:
            plans.append(refusal)
            continue
        cheap = nlp.make_doc(text)
        sentences = cheap_sentences(cheap)
        if len(sentences) > MAX_SENTENCES:
            plans.append(_too_many(len(sentences)))
            continue
        _mark(cheap, sentences)
        wanted = selector.select(cheap, sentences) if selector else [True] * len(sentences)
        pieces = _pieces(cheap, len(text), sentences, wanted)
        if not all(wanted) and _parsed_tokens(pieces) >= WHOLE_SHARE * len(cheap):
            # Nearly everything would be read anyway: one piece costs less than many.
            wanted = [True] * len(sentences)
            pieces = _pieces(cheap, len(text), sentences, wanted)
        plans.append((cheap, text, pieces, ParseShare(len(sentences), sum(wanted))))
        if len(pieces) == 1 and pieces[0].parse:
            # Parsed whole: the parser reads the cheap doc itself, its sentences unmarked, not
            # the text again. The same tokens (one tokenizer, one text), tokenized once: inside
            # the memory zone of annales code the tokenizer caches nothing, and the second
            # tokenization cost about 0.5 CPU seconds on the 216 articles of bench/startup.py.
            runs.append((_unmarked(cheap), 0, 0))
            continue
        runs.extend(_with_margins(cheap, text, piece) for piece in pieces if piece.parse)
    parsed = (
        _trim(doc, left, right)
        for doc, (_text, left, right) in zip(
            nlp.pipe((run[0] for run in runs), batch_size=batch_size), runs, strict=True
        )
    )
    width = _tensor_width(nlp)
    out: list[tuple[Doc, ParseShare] | str] = []
    for plan in plans:
        if isinstance(plan, str):
            out.append(plan)
            continue
        cheap, text, pieces, share = plan
        parts = [next(parsed) if piece.parse else _bare(cheap, piece, width) for piece in pieces]
        doc = Doc.from_docs(parts, ensure_whitespace=False) if len(parts) > 1 else parts[0]
        if len(doc) != len(cheap) or doc.text != text:
            # A piece tokenized differently on its own (a sentence cut without a space): parse
            # this text whole rather than shift an offset.
            doc, share = nlp(text), ParseShare(share.sentences, share.sentences)
        doc.user_data[_SHARE_KEY] = (share.sentences, share.parsed)
        out.append((doc, share))
    return out


@dataclass(frozen=True)
class _Piece:
    """Consecutive sentences parsed alike: their characters and their token ranges."""

    parse: bool
    start_char: int
    end_char: int
    sentences: tuple[tuple[int, int], ...]


def _pieces(
    doc: Doc, length: int, sentences: Sequence[tuple[int, int]], wanted: Sequence[bool]
) -> list[_Piece]:
    """Runs of sentences parsed alike, cut so that none to parse exceeds MAX_RUN_CHARS."""
    pieces: list[_Piece] = []
    group: list[tuple[int, int]] = []
    group_start = 0
    for number, sentence in enumerate(sentences):
        group.append(sentence)
        last = number + 1 == len(sentences)
        end_char = length if last else doc[sentences[number + 1][0]].idx
        full = wanted[number] and end_char - group_start >= MAX_RUN_CHARS
        if last or full or wanted[number + 1] != wanted[number]:
            pieces.append(_Piece(wanted[number], group_start, end_char, tuple(group)))
            group, group_start = [], end_char
    return pieces


def _parsed_tokens(pieces: Sequence[_Piece]) -> int:
    """Tokens the parser would read for ``pieces``, margins included."""
    return sum(
        sum(end - start for start, end in piece.sentences) + 2 * CONTEXT_TOKENS
        for piece in pieces
        if piece.parse
    )


def _with_margins(cheap: Doc, text: str, piece: _Piece) -> tuple[str, int, int]:
    """The text of ``piece`` with up to CONTEXT_TOKENS tokens on each side, and how many there
    are: the token-to-vector layers read four words around each word and the parser's state
    reaches a little further, so with them each word of the piece gets the vectors, tags and
    parse it has in the whole text. (Dev set, measured: no margin loses a point of typed and
    quad F1 to the full parse; 4 words, one false event; 8 words, the very same events.)"""
    first, last = piece.sentences[0][0], piece.sentences[-1][1]
    left = min(first, CONTEXT_TOKENS)
    right = min(len(cheap) - last, CONTEXT_TOKENS)
    start_char = cheap[first - left].idx if left else piece.start_char
    end_char = cheap[last + right].idx if last + right < len(cheap) else len(text)
    return text[start_char:end_char], left, right


def _trim(doc: Doc, left: int, right: int) -> Doc:
    """``doc`` without its margins (heads that pointed into them become roots)."""
    if not left and not right:
        return doc
    return doc[left : len(doc) - right].as_doc()


def _mark(doc: Doc, sentences: Sequence[tuple[int, int]]) -> None:
    """Set the cheap sentences on an untagged doc (the actor matcher reads them): every token
    marked, so that a text of one sentence has its boundaries set too."""
    import numpy
    from spacy.attrs import SENT_START

    if not sentences:
        return  # an empty text
    # One array for the whole doc (1 starts a sentence, -1 does not): what Token.is_sent_start
    # sets token by token, for a fiftieth of the cost (0.12 s to 0.003 s on 216 articles).
    starts = numpy.full((len(doc), 1), -1, dtype=numpy.int64)
    starts[[start for start, _end in sentences], 0] = 1
    values: Any = starts.view(numpy.uint64)  # spaCy's own typing names thinc's array types
    doc.from_array([SENT_START], values)


def _unmarked(doc: Doc) -> Doc:
    """``doc`` with its sentence starts as the tokenizer leaves them (the first token starts
    one, the others are unknown), for the parser to find the sentences itself."""
    import numpy
    from spacy.attrs import SENT_START

    starts = numpy.zeros((len(doc), 1), dtype=numpy.uint64)
    if len(doc):
        starts[0, 0] = 1
    values: Any = starts  # spaCy's own typing names thinc's array types
    doc.from_array([SENT_START], values)
    return doc


def _bare(cheap: Doc, piece: _Piece, width: int) -> Doc:
    """The tokens of ``piece`` with its sentences and nothing else: each sentence a flat tree
    under its first token (labels "ROOT" and "dep"), no tags, lemmas or entities, a zero
    tensor."""
    import numpy
    from spacy.tokens import Doc

    offset = piece.sentences[0][0]
    words, spaces, heads, deps = [], [], [], []
    for start, end in piece.sentences:
        for i in range(start, end):
            token = cheap[i]
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
            heads.append(start - offset)
            deps.append("ROOT" if i == start else "dep")
    doc = Doc(cheap.vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    doc.tensor = numpy.zeros((len(doc), width), dtype="float32")
    return doc


def _tensor_width(nlp: Language) -> int:
    """How wide the pipeline's ``doc.tensor`` rows are (the shared token-to-vector layer)."""
    probe = nlp("a")
    return int(probe.tensor.shape[1]) if probe.tensor is not None and probe.tensor.size else 0
