"""Shared by the web tests: an event built around a trigger phrase of a test document."""

from __future__ import annotations

from annales.model import Actor, Document, Event


def event_at(
    doc: Document,
    kind: str,
    trigger: str,
    actor: tuple[str, str],
    recipient: tuple[str, str],
    date: str,
) -> Event:
    """A ``kind`` event whose sentence holds ``trigger``; parties are (code, words seen)."""
    content = doc.content
    at = content.index(trigger)
    start = max(content.rfind(". ", 0, at) + 2, content.rfind("\n", 0, at) + 1)
    end = content.index(".", at) + 1

    def party(code: str, words: str) -> Actor:
        begin = content.index(words, start)
        return Actor(code, text=words, start=begin, end=begin + len(words))

    return Event(
        doc_id=doc.id,
        type=kind,
        actors=[party(*actor)],
        recipients=[party(*recipient)],
        trigger=trigger,
        trigger_start=at,
        trigger_end=at + len(trigger),
        date=date,
        sentence=content[start:end],
        quote=content[start:end],
        start=start,
        end=end,
        rule=f"fr:{kind.lower()}/{trigger}",
        coder="rules-fr@test",
    )
