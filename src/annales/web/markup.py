"""Safe HTML: a tiny template helper, the page layout, and evidence highlighting.

``html("<a href='{url}'>{title}</a>", url=..., title=...)`` escapes ``url`` and ``title`` (quotes
included, so values are safe in attributes too); every value is escaped unless it is already
:class:`Markup`, and only this module builds Markup, so text from a document, an actor name or a
URL parameter can never become markup by accident.

Offsets of events and actors index ``Document.content``; the events page shows the sentence only,
so spans are moved to the sentence, which starts where ``content.find(sentence)`` says (the
occurrence holding the trigger when the sentence appears twice). Highlighting cuts the text at
every span boundary and escapes each piece, so overlapping spans and hostile text are both safe.
"""

from __future__ import annotations

import html as _html
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from annales.model import Event

__all__ = [
    "Markup",
    "Span",
    "document_spans",
    "escape",
    "evidence",
    "highlight",
    "html",
    "join",
    "locate",
    "page",
    "url",
]


class Markup(str):
    """A string of HTML that is safe to insert as it is."""

    __slots__ = ()


def escape(value: object) -> Markup:
    """``value`` as HTML text: Markup as it is, None as nothing, anything else escaped."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(_html.escape(str(value), quote=True))


def html(template: str, /, **values: Any) -> Markup:
    """Fill ``template`` (a literal of our code, ``str.format`` style) with escaped ``values``."""
    return Markup(template.format(**{name: escape(value) for name, value in values.items()}))


def join(parts: Iterable[object], separator: str = "") -> Markup:
    """Escape and join ``parts``."""
    return Markup(escape(separator).join(escape(part) for part in parts))


def url(path: str, params: dict[str, Any] | None = None) -> str:
    """``path`` with the non-empty ``params`` as a query string (escape it when writing HTML)."""
    pairs = {
        name: ("true" if value is True else "false" if value is False else str(value))
        for name, value in (params or {}).items()
        if value is not None and value != ""
    }
    return f"{path}?{urlencode(pairs)}" if pairs else path


_NAV = (
    ("/", "Events"),
    ("/trends", "Trends"),
    ("/map", "Map"),
    ("/dyads", "Dyads"),
    ("/network", "Network"),
)


def page(title: str, body: Markup, *, active: str = "", scripts: tuple[str, ...] = ()) -> str:
    """A whole HTML page: our stylesheet, the navigation bar, ``body`` and our ``scripts``."""
    nav = join(
        html(
            '<a href="{href}"{current}>{label}</a>',
            href=href,
            label=label,
            current=Markup(' aria-current="page"') if href == active else "",
        )
        for href, label in _NAV
    )
    tags = join(html('<script src="/static/{name}" defer></script>', name=name) for name in scripts)
    return html(
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{title} · annales</title>"
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/annales.css">{tags}'
        "</head>"
        '<body><a class="skip" href="#main">Skip to the content</a>'
        '<header><span class="brand">annales</span><nav aria-label="pages">{nav}</nav></header>'
        '<main id="main">{body}</main></body></html>\n',
        title=title,
        tags=tags,
        nav=nav,
        body=body,
    )


# -- evidence -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A highlighted stretch ``[start, end)`` of some text; ``kind`` is a CSS class suffix."""

    start: int
    end: int
    kind: str  # "quote", "trigger", "actor", "recipient"
    label: str
    event: str = ""

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "label": self.label,
        }
        if self.event:
            data["event"] = self.event
        return data


def locate(content: str | None, text: str, near: int) -> int | None:
    """Where ``text`` starts in ``content``: the occurrence covering ``near``, else the first."""
    if not content or not text:
        return None
    first = position = content.find(text)
    while position != -1:
        if position <= near < position + len(text):
            return position
        position = content.find(text, position + 1)
    return first if first != -1 else None


def _event_spans(event: Event, shift: int, length: int, *, quote: bool) -> list[Span]:
    """The spans of ``event`` moved by ``-shift`` and kept when they fall inside ``[0, length)``."""
    spans: list[Span] = []
    if quote and event.end > event.start:
        spans.append(
            Span(event.start, event.end, "quote", f"{event.type} ({event.rule})", event.id)
        )
    if event.trigger_end > event.trigger_start:
        spans.append(
            Span(
                event.trigger_start,
                event.trigger_end,
                "trigger",
                f"trigger of {event.type}",
                event.id,
            )
        )
    for kind, actors in (("actor", event.actors), ("recipient", event.recipients)):
        for actor in actors:
            if actor.start is not None and actor.end is not None and actor.end > actor.start:
                label = f"{kind} {actor.code}" + (f" ({actor.name})" if actor.name else "")
                spans.append(Span(actor.start, actor.end, kind, label, event.id))
    moved = [Span(s.start - shift, s.end - shift, s.kind, s.label, s.event) for s in spans]
    return [s for s in moved if s.start >= 0 and s.end <= length]


def evidence(event: Event, content: str | None) -> tuple[str, list[Span]]:
    """The sentence (or quote) that shows ``event`` and its spans, relative to that text.

    When the text cannot be found in the document (document missing, text edited), the trigger
    word is looked up in the sentence instead, so the evidence still shows what fired.
    """
    text = event.sentence or event.quote
    start = locate(content, text, event.trigger_start)
    if start is not None:
        # The quote is worth marking only when it is a part of the sentence, not all of it.
        partial = bool(event.sentence) and event.quote.strip() != event.sentence.strip()
        return text, _event_spans(event, start, len(text), quote=partial)
    spans: list[Span] = []
    if event.trigger and event.trigger in text:
        at = text.find(event.trigger)
        spans.append(Span(at, at + len(event.trigger), "trigger", f"trigger of {event.type}"))
    return text, spans


def document_spans(events: Iterable[Event], length: int) -> list[Span]:
    """Every quote, trigger and actor mention of ``events`` in their document's content."""
    return [span for event in events for span in _event_spans(event, 0, length, quote=True)]


def highlight(text: str, spans: list[Span]) -> Markup:
    """``text`` escaped, each stretch covered by spans wrapped in one ``<mark>``.

    A stretch covered by several spans gets all their classes, labels and event ids, so nothing
    nests and nothing is lost. Spans that do not fit in ``text`` are left out.
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    parts: list[Markup] = []
    for begin, finish in itertools.pairwise(cuts):
        piece = text[begin:finish]
        covering = [s for s in spans if s.start <= begin and finish <= s.end]
        if not covering:
            parts.append(escape(piece))
            continue
        kinds = sorted({s.kind for s in covering})
        events = sorted({s.event for s in covering if s.event})
        parts.append(
            html(
                '<mark class="{classes}" title="{labels}"{events}>{piece}</mark>',
                classes=" ".join(f"hl-{kind}" for kind in kinds),
                labels="; ".join(dict.fromkeys(s.label for s in covering)),
                events=html(' data-events="{ids}"', ids=" ".join(events)) if events else "",
                piece=piece,
            )
        )
    return join(parts)
