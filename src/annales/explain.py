"""Human-readable explanations of how a document was coded (``annales explain``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from annales.errors import IngestError
from annales.events import Decision
from annales.model import Actor, Document, IngestProblem
from annales.pipeline import explain_document, parse_pub_date

__all__ = ["explain_lines", "explain_path"]


def _actor(actor: Actor) -> str:
    sector = f"/{actor.sector}" if actor.sector else ""
    return f"{actor.text!r}={actor.code}{sector} [{actor.rule}]"


def _decision(decision: Decision) -> str:
    if decision.kept and decision.event is not None:
        event = decision.event
        actors = "+".join(a.code for a in event.actors)
        recipients = "+".join(a.code for a in event.recipients) or "-"
        extra = f" [{event.modality}, optional]" if event.optional else ""
        mode = f" ({event.mode})" if event.mode else ""
        how = ", ".join(decision.how) or "-"
        return (
            f"  KEEP {event.type}{mode}{extra}: {actors} -> {recipients}  "
            f"trigger {decision.trigger!r} rule {decision.rule} via {how}; "
            f"date {event.date or '?'} ({event.date_source or '-'})"
        )
    return f"  DROP {decision.rule}: trigger {decision.trigger!r}: {decision.reason}"


def explain_lines(document: Document) -> Iterator[str]:
    """Each sentence with its actor mentions and the coder's decisions."""
    analysis, decisions = explain_document(document)
    if not hasattr(analysis, "doc"):
        yield f"{document.id}: not coded: {getattr(analysis, 'skipped', '')}"
        return
    published, lang = document.pub_date or "?", document.lang or "?"
    yield f"document {document.id}  published {published}  language {lang}"
    by_sentence: dict[str, list[Decision]] = {}
    for decision in decisions:
        by_sentence.setdefault(decision.sentence, []).append(decision)
    actors = getattr(analysis, "actors", [])
    for sent in analysis.doc.sents:
        if not sent.text.strip():
            continue
        yield ""
        yield f"» {sent.text.strip()}"
        found = [
            a for a in actors if a.start is not None and sent.start_char <= a.start < sent.end_char
        ]
        if found:
            yield "  actors: " + "; ".join(_actor(a) for a in found)
        for decision in by_sentence.get(sent.text, []):
            yield _decision(decision)


def explain_path(path: str, *, pub_date: date | str | None = None) -> Iterator[str]:
    """Explain every document of a file (text, HTML or JSON Lines).

    ``pub_date`` (a date or ``YYYY-MM-DD``) replaces the documents' own; ConfigError when it is
    not a date.
    """
    from annales.ingest import read_documents

    if not Path(path).exists():
        raise IngestError(f"{path!r}: no such file or directory")
    day = parse_pub_date(pub_date)
    for item in read_documents([path]):
        if isinstance(item, IngestProblem):
            yield f"skipped {item}"
            continue
        if day is not None:
            item = dataclasses.replace(item, pub_date=day, pub_date_source="given")
        yield from explain_lines(item)
