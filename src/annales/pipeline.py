"""The whole path for documents already read: parse -> actors -> events -> dates, places -> merge.

``code_text`` codes one string without any database; ``code_documents`` streams many documents
(parsed in batches with ``nlp.pipe``) and yields one :class:`Coded` result per document, in order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from annales.actors import find_actors
from annales.analysis import Analysis
from annales.events import Coder, Decision, RuleCoder, get_coder
from annales.ingest import detect_language
from annales.merge import merge_events
from annales.model import SYMMETRIC_TYPES, Actor, Document, Event, stable_id
from annales.nlp import MODELS, load_pipeline
from annales.places import find_places, place_for_event
from annales.time import date_for_event, find_publication_date, find_time_expressions

__all__ = ["Coded", "analyse", "code_documents", "code_text", "explain_document"]

DEFAULT_LANG = "fr"


@dataclass
class Coded:
    """The outcome for one document: its events, or why it was skipped."""

    document: Document
    events: list[Event] = field(default_factory=list)
    skipped: str | None = None


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


def analyse(documents: Iterable[Document], *, batch_size: int = 32) -> Iterator[Analysis | Coded]:
    """Parse and annotate documents; unsupported languages come back as skipped results."""
    for batch in _batches(documents, batch_size):
        results: list[Analysis | Coded | None] = [None] * len(batch)
        by_lang: dict[str, list[int]] = {}
        for position, document in enumerate(batch):
            lang = _language(document)
            if lang not in MODELS:
                supported = ", ".join(sorted(MODELS))
                results[position] = Coded(
                    document,
                    skipped=f"language {lang!r} is not supported (annales codes {supported})",
                )
                continue
            limit = load_pipeline(lang).max_length
            if len(document.content) > limit:
                results[position] = Coded(
                    document,
                    skipped=f"{len(document.content):,} characters: longer than the parser's "
                    f"limit of {limit:,}; split the document",
                )
                continue
            batch[position] = dataclasses.replace(_with_publication_date(document), lang=lang)
            by_lang.setdefault(lang, []).append(position)
        for lang, positions in by_lang.items():
            texts = [batch[p].content for p in positions]
            for position, doc in zip(
                positions, load_pipeline(lang).pipe(texts, batch_size=batch_size), strict=True
            ):
                document = batch[position]
                results[position] = Analysis(
                    document=document,
                    doc=doc,
                    actors=find_actors(doc, pub_date=document.pub_date, title=document.title),
                    times=find_time_expressions(
                        document.content, document.pub_date, lang=lang, doc=doc
                    ),
                    places=find_places(doc),
                )
        yield from (r for r in results if r is not None)


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
    )
    event.date, event.date_source, event.date_text = value, source, text
    event.location = place_for_event(
        analysis.places,
        clause_start=clause_start,
        clause_end=clause_end,
        trigger_start=event.trigger_start,
    )
    return _flag_one_sided(_recipient_from_place(event))


def _flag_one_sided(event: Event) -> Event:
    """An event with no one on the other side is vaguely coded (GUIDELINES 2): optional.

    "La Russie a critiqué ce déploiement" says who criticised, not whom; such events are kept
    (with ``--include-optional``) but not counted as interactions.
    """
    participants = {a.code for a in event.actors} | {a.code for a in event.recipients}
    one_sided = len(participants) < 2 if event.type in SYMMETRIC_TYPES else not event.recipients
    if one_sided and event.modality is None:
        event.modality = "vague"
    return event


# Meetings are with someone, and refusals and concessions answer whoever made the demand, not
# the place where they are made.
_NOT_AIMED_AT_PLACES = SYMMETRIC_TYPES | {"REJECT", "CONCEDE"}


def _recipient_from_place(event: Event) -> Event:
    """A directed act with no recipient, done in another country, is done to that country; a
    visit to a country is a meeting with it.

    ("L'armée russe a bombardé des positions en Ukraine" is RUS -> UKR.) The recipient is marked
    with its own rule and a low confidence.
    """
    place = event.location
    visit = event.type == "CONSULT" and event.mode == "visit"
    if event.recipients or (event.type in _NOT_AIMED_AT_PLACES and not visit):
        return event
    if not place or not place.country:
        return event
    if place.country in {a.code for a in event.actors}:
        return event
    event.recipients = [
        Actor(
            code=place.country,
            text=place.text,
            start=place.start,
            end=place.end,
            rule="place:recipient",
            confidence=0.5,
        )
    ]
    return event


def code_analysis(analysis: Analysis, coder: Coder) -> list[Event]:
    events = [_situate(event, analysis) for event in coder.code(analysis)]
    return merge_events(events)


def code_documents(
    documents: Iterable[Document], *, coder: Coder | str = "rules", batch_size: int = 32
) -> Iterator[Coded]:
    """Code ``documents`` in order; each result holds the document (with its found date)."""
    coder = get_coder(coder) if isinstance(coder, str) else coder
    for item in analyse(documents, batch_size=batch_size):
        if isinstance(item, Coded):
            yield item
        else:
            yield Coded(item.document, code_analysis(item, coder))


def _document(
    text: str, title: str, pub_date: date | str | None, lang: str | None, doc_id: str | None
) -> Document:
    day = date.fromisoformat(pub_date) if isinstance(pub_date, str) else pub_date
    return Document(
        id=doc_id or stable_id(title, text),
        text=text,
        title=title,
        pub_date=day,
        pub_date_source="given" if day else None,
        lang=lang,
    )


def code_text(
    text: str,
    *,
    title: str = "",
    pub_date: date | str | None = None,
    lang: str | None = None,
    doc_id: str | None = None,
    coder: Coder | str = "rules",
) -> list[Event]:
    """The events of one text, without any database. Optional events are included, flagged."""
    result = next(code_documents([_document(text, title, pub_date, lang, doc_id)], coder=coder))
    return result.events


def explain_document(document: Document) -> tuple[Analysis | Coded, list[Decision]]:
    """The analysis of one document and every coding decision, kept or discarded, with reasons."""
    item = next(analyse([document]))
    if isinstance(item, Coded):
        return item, []
    coder = RuleCoder(lang=item.document.lang or DEFAULT_LANG)
    decisions = coder.decide(item)
    for decision in decisions:
        if decision.event is not None:
            _situate(decision.event, item)
    return item, decisions
