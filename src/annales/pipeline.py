"""The whole path for documents already read: parse -> actors -> events -> dates, places -> merge.

``code_text`` codes one string without any database; ``code_documents`` streams many documents
(parsed in batches with ``nlp.pipe``) and yields one :class:`Coded` result per document, in order.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING

from annales.actors import find_actors, load_knowledge_base
from annales.analysis import Analysis
from annales.errors import AnnalesError, ConfigError, ModelError
from annales.events import Coder, Decision, coder_for
from annales.events.lexicon import Lexicon
from annales.events.policy import apply_policy
from annales.ingest import detect_language
from annales.lang import supported_languages
from annales.merge import merge_events
from annales.model import DEFAULT_CODER, Document, Event, plausible_date, stable_id
from annales.nlp import load_pipeline
from annales.nlp.select import (
    ParseShare,
    SentenceSelector,
    parse_selected,
    parse_share,
    refusal_reason,
    selection_words,
)
from annales.places import find_places, place_for_event
from annales.time import date_for_event, find_publication_date, find_time_expressions

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "Coded",
    "CoderPerLanguage",
    "analyse",
    "code_documents",
    "code_text",
    "explain_document",
    "failure_reason",
    "parse_pub_date",
    "sentence_selector",
]

DEFAULT_LANG = "fr"
_MAX_REASON = 300
_log = logging.getLogger(__name__)


@dataclass
class Coded:
    """The outcome for one document: its events, or why it was skipped."""

    document: Document
    events: list[Event] = field(default_factory=list)
    skipped: str | None = None
    sentences: int = 0  # sentences in the document
    parsed: int = 0  # of which the full parser read (see annales.nlp.select)


def _language(document: Document) -> str:
    return document.lang or detect_language(document.content) or DEFAULT_LANG


def _with_publication_date(document: Document) -> Document:
    if document.pub_date is not None:
        return document
    found = find_publication_date(document.content)
    if found is None:
        return document
    day, source = found
    return dataclasses.replace(document, pub_date=day, pub_date_source=source)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


class CoderPerLanguage:
    """The coder a user chose, and the coder of the same name for each other language met: the
    French ``hybrid`` coder does not read English, the English ``hybrid`` coder does.

    A coder object built for one language (``RuleCoder(lexicon=...)``) serves that language as
    given; documents in another language get that language's default coder of the same name.
    A coder object with no ``lang`` (a plugin's) serves every language."""

    def __init__(self, coder: Coder | str | None) -> None:
        self.chosen = coder
        self._built: dict[str, Coder] = {}

    def of(self, lang: str) -> Coder | None:
        chosen = self.chosen
        if chosen is None:
            return None
        if not isinstance(chosen, str) and getattr(chosen, "lang", lang) == lang:
            return chosen
        if lang not in self._built:
            name = chosen if isinstance(chosen, str) else chosen.name
            self._built[lang] = coder_for(name, lang)
        return self._built[lang]


def analyse(
    documents: Iterable[Document],
    *,
    batch_size: int = 32,
    coder: Coder | CoderPerLanguage | None = None,
    release_strings: bool = False,
) -> Iterator[Analysis | Coded]:
    """Parse and annotate documents; unsupported languages come back as skipped results.

    With a ``coder`` that starts from the trigger lexicon, only the sentences that can hold one
    of its events are parsed fully, with their context (see :mod:`annales.nlp.select`); without
    one, every sentence is. Either way the parser reads bounded pieces, and a document of more
    sentences than :data:`~annales.nlp.select.MAX_SENTENCES` is skipped with the reason.

    With ``release_strings``, the strings each batch adds to the vocabulary are released when
    the caller asks for the next item after the batch: its analyses (their ``doc``) must not be
    used after that.

    One document never stops the others: whatever fails while reading its language and date,
    parsing or annotating it makes that document a skipped result saying why (see
    :func:`failure_reason`), and the batch goes on.
    """
    coders = coder if isinstance(coder, CoderPerLanguage) else CoderPerLanguage(coder)
    for batch in _batches(documents, batch_size):
        with contextlib.ExitStack() as strings:
            results, by_lang = _prepare_batch(batch)
            for lang, positions in by_lang.items():
                if release_strings:
                    # The words this batch adds to the vocabulary leave it once the batch is
                    # coded (spaCy's memory zone): a long run's memory stays flat.
                    strings.enter_context(load_pipeline(lang).memory_zone())
                documents_of_lang = [batch[p] for p in positions]
                annotated = _annotate(lang, documents_of_lang, batch_size, coders.of(lang))
                for position, result in zip(positions, annotated, strict=True):
                    results[position] = result
            yield from (r for r in results if r is not None)


def _prepare_batch(
    batch: list[Document],
) -> tuple[list[Analysis | Coded | None], dict[str, list[int]]]:
    """Each document with its language and date (in place), or its skipped result; and the
    positions of those to parse, by language."""
    results: list[Analysis | Coded | None] = [None] * len(batch)
    by_lang: dict[str, list[int]] = {}
    for position, document in enumerate(batch):
        try:
            prepared = _prepare(document)
        except ModelError:
            raise  # a missing model fails every document: it stops the run, once
        except Exception as error:
            results[position] = _failed(document, error)
            continue
        if isinstance(prepared, Coded):
            results[position] = prepared
            continue
        batch[position] = prepared
        by_lang.setdefault(prepared.lang or DEFAULT_LANG, []).append(position)
    return results, by_lang


def _annotate(
    lang: str, documents: list[Document], batch_size: int, coder: Coder | None
) -> list[Analysis | Coded]:
    """Parse ``documents`` (all in ``lang``) and find their actors, times and places."""
    parsed = _parse(
        lang, [d.content for d in documents], batch_size, sentence_selector(lang, coder)
    )
    results: list[Analysis | Coded] = []
    for document, outcome in zip(documents, parsed, strict=True):
        if isinstance(outcome, Exception):
            results.append(_failed(document, outcome))
            continue
        if isinstance(outcome, str):
            results.append(Coded(document, skipped=outcome))
            continue
        doc = outcome[0]
        try:
            results.append(
                Analysis(
                    document=document,
                    doc=doc,
                    actors=find_actors(doc, pub_date=document.pub_date, title=document.title),
                    times=find_time_expressions(
                        document.content, document.pub_date, lang=lang, doc=doc
                    ),
                    places=find_places(doc),
                )
            )
        except Exception as error:
            results.append(_failed(document, error))
    return results


def _prepare(document: Document) -> Document | Coded:
    """The document with its language and publication date, or why it is not coded."""
    if not document.content.strip():
        return Coded(document)  # nothing to code: no events, and nothing wrong with it
    refusal = refusal_reason(document.content)  # before any model is loaded for it
    if refusal:
        return Coded(document, skipped=refusal)
    lang = _language(document)
    if lang not in supported_languages():
        supported = ", ".join(supported_languages())
        return Coded(
            document, skipped=f"language {lang!r} is not supported (annales codes {supported})"
        )
    limit = load_pipeline(lang).max_length
    if len(document.content) > limit:
        return Coded(
            document,
            skipped=f"{len(document.content):,} characters: longer than the parser's "
            f"limit of {limit:,}; split the document",
        )
    if document.pub_date is not None and not plausible_date(document.pub_date):
        # A pub_date of 0001-01-01 or 9999-12-31 anchors nothing: look for a dateline instead.
        document = dataclasses.replace(document, pub_date=None, pub_date_source=None)
    return dataclasses.replace(_with_publication_date(document), lang=lang)


def _parse(
    lang: str, texts: list[str], batch_size: int, selector: SentenceSelector | None
) -> list[tuple[Doc, ParseShare] | str | Exception]:
    """The parses of ``texts`` (or why a text is refused); should the batch fail, each text
    again on its own, so that only the text that breaks the parser is lost (as the error it
    raised)."""
    nlp = load_pipeline(lang)  # a missing model stops the run: it is no document's fault
    try:
        return list(parse_selected(nlp, texts, selector, batch_size=batch_size))
    except Exception:
        parsed: list[tuple[Doc, ParseShare] | str | Exception] = []
        for text in texts:
            try:
                parsed.extend(parse_selected(nlp, [text], selector, batch_size=1))
            except Exception as error:
                parsed.append(error)
        return parsed


_SELECTORS: dict[tuple[str, int], tuple[Lexicon, SentenceSelector]] = {}
FULL_PARSE_ENV = "ANNALES_FULL_PARSE"


def sentence_selector(lang: str, coder: Coder | None) -> SentenceSelector | None:
    """The first pass for ``coder`` in ``lang``: None (parse every sentence) for a coder that
    does not start from the trigger lexicon, or when ``ANNALES_FULL_PARSE`` is set to 1."""
    lexicon = getattr(coder, "lexicon", None)
    words = selection_words(lang)
    if (
        os.environ.get(FULL_PARSE_ENV, "").strip() not in {"", "0"}
        or not isinstance(lexicon, Lexicon)
        or not getattr(coder, "uses_lexicon", True)
        or words is None
    ):
        return None
    known = _SELECTORS.get((lang, id(lexicon)))
    if known is not None and known[0] is lexicon:
        return known[1]
    index = load_knowledge_base().index(lang)
    selector = SentenceSelector(
        load_pipeline(lang),
        (rule.lemmas for rule in lexicon.rules),
        mentions=lambda doc: (match.start for match in index.match(doc)),
        words=words,
    )
    _SELECTORS[(lang, id(lexicon))] = (lexicon, selector)
    return selector


def failure_reason(error: BaseException) -> str:
    """What a skipped result says when coding a document raised ``error``: one line, bounded."""
    detail = " ".join(str(error).split())
    if not isinstance(error, AnnalesError):
        detail = f"internal error {type(error).__name__}" + (f": {detail}" if detail else "")
    if len(detail) > _MAX_REASON:
        detail = detail[: _MAX_REASON - 3] + "..."
    return f"cannot be coded: {detail or type(error).__name__}"


def _failed(document: Document, error: Exception) -> Coded:
    _log.debug("document %r cannot be coded", document.id, exc_info=error)
    return Coded(document, skipped=failure_reason(error))


def _situate(event: Event, analysis: Analysis) -> Event:
    """Give the event its date and place from the expressions of its clause."""
    content = analysis.document.content
    sentence_start = content.find(event.sentence) if event.sentence else event.start
    clause_start = min(event.start, max(sentence_start, 0))
    clause_end = max(event.end, clause_start + len(event.sentence))
    value, source, text = date_for_event(
        analysis.times,
        clause_start=clause_start,
        clause_end=clause_end,
        trigger_start=event.trigger_start,
        pub_date=analysis.document.pub_date,
        doc=analysis.doc,
    )
    event.date, event.date_source, event.date_text = value, source, text
    event.location = place_for_event(
        analysis.places,
        clause_start=clause_start,
        clause_end=clause_end,
        trigger_start=event.trigger_start,
    )
    return apply_policy(event)


def code_analysis(analysis: Analysis, coder: Coder) -> list[Event]:
    events = [_situate(event, analysis) for event in coder.code(analysis)]
    return merge_events(events)


def code_documents(
    documents: Iterable[Document], *, coder: Coder | str = DEFAULT_CODER, batch_size: int = 32
) -> Iterator[Coded]:
    """Code ``documents`` in order; each result holds the document (with its found date).

    A document that cannot be coded (see :func:`analyse`) comes back skipped, with the reason.
    """
    coders = CoderPerLanguage(coder)
    for item in analyse(documents, batch_size=batch_size, coder=coders, release_strings=True):
        if isinstance(item, Coded):
            yield item
            continue
        try:
            chosen = coders.of(item.document.lang or DEFAULT_LANG)
            if chosen is None:  # CoderPerLanguage(None) is analyse()'s, never code_documents'
                raise ConfigError("code_documents needs a coder")
            events = code_analysis(item, chosen)
        except Exception as error:  # this document's fault, or a coder bug it triggers
            yield _failed(item.document, error)
            continue
        share = parse_share(item.doc)
        yield Coded(item.document, events, sentences=share.sentences, parsed=share.parsed)


def _document(
    text: str, title: str, pub_date: date | str | None, lang: str | None, doc_id: str | None
) -> Document:
    day = parse_pub_date(pub_date)
    return Document(
        id=doc_id or stable_id(title, text),
        text=text,
        title=title,
        pub_date=day,
        pub_date_source="given" if day else None,
        lang=lang,
    )


def parse_pub_date(value: date | str | None) -> date | None:
    """A publication date given by the caller; ConfigError when it is not one."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        raise ConfigError(
            f"pub_date {value[:40]!r} is not a date; write it as YYYY-MM-DD (e.g. 2018-09-17)"
        ) from None


def code_text(
    text: str,
    *,
    title: str = "",
    pub_date: date | str | None = None,
    lang: str | None = None,
    doc_id: str | None = None,
    coder: Coder | str = DEFAULT_CODER,
) -> list[Event]:
    """The events of one text, without any database. Optional events are included, flagged.

    A text that cannot be coded (a language annales does not code, a text too long) gives no
    events and a warning that says why, instead of a silent empty list.
    """
    result = next(code_documents([_document(text, title, pub_date, lang, doc_id)], coder=coder))
    if result.skipped:
        warnings.warn(f"no events coded: {result.skipped}", UserWarning, stacklevel=2)
    return result.events


def explain_document(
    document: Document, *, coder: str = DEFAULT_CODER
) -> tuple[Analysis | Coded, list[Decision]]:
    """The analysis of one document and every coding decision, kept or discarded, with reasons."""
    coders = CoderPerLanguage(coder)
    item = next(analyse([document], coder=coders))
    if isinstance(item, Coded):
        return item, []
    chosen = coders.of(item.document.lang or DEFAULT_LANG)
    decide = getattr(chosen, "decide", None)
    if decide is None:
        raise ConfigError(f"the {coder!r} coder does not explain its decisions")
    decisions: list[Decision] = decide(item)
    for decision in decisions:
        if decision.event is not None:
            _situate(decision.event, item)
    return item, decisions
