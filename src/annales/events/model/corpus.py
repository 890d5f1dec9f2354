"""The training corpus of the event model: read, validate, and align to parsed words.

The corpus (``training/<lang>/*.jsonl``, format in ``training/fr/README.md``) labels sentences
with their events, each with the words that carry it (the trigger). Training needs labels on
words: each trigger is found in the text, and its syntactic head gets the event's label; every
other candidate word of the sentence is a ``NONE`` example.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annales.errors import DataError
from annales.events.model.classifier import NONE
from annales.events.model.features import is_candidate
from annales.model import EVENT_TYPES, OPTIONAL_MODALITIES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Example", "Labelled", "label_tokens", "read_corpus"]

MODES: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "phone", "multilateral", "third-party"}),
    "RETREAT": frozenset({"withdraw", "release", "ceasefire", "access", "resign", "disarm"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "SANCTION": frozenset({"expel", "withdraw", "discontinue", "convict"}),
}


@dataclass(frozen=True)
class Labelled:
    """One event of an example: its label (``TYPE/mode``) and where its trigger is."""

    label: str
    trigger: str
    modality: str | None


@dataclass
class Example:
    id: str
    text: str
    events: list[Labelled] = field(default_factory=list)
    source: str = ""  # "file:line"


def _problem(where: str, message: str) -> DataError:
    return DataError(f"{where}: {message}")


def _event(raw: Any, text: str, where: str) -> Labelled:
    if not isinstance(raw, dict):
        raise _problem(where, "an event must be an object")
    kind, mode, trigger = raw.get("type"), raw.get("mode"), raw.get("trigger")
    if kind not in EVENT_TYPES:
        raise _problem(where, f"unknown event type {kind!r}")
    if mode is not None and mode not in MODES.get(kind, frozenset()):
        raise _problem(where, f"mode {mode!r} is not a mode of {kind}")
    if not isinstance(trigger, str) or not trigger or trigger not in text:
        raise _problem(where, f"trigger {trigger!r} is not in the text")
    modality = raw.get("modality")
    if modality is not None and modality not in OPTIONAL_MODALITIES:
        raise _problem(where, f"unknown modality {modality!r}")
    for role in ("actors", "recipients"):
        for span in raw.get(role) or []:
            if not isinstance(span, str) or span not in text:
                raise _problem(where, f"{role[:-1]} {span!r} is not in the text")
    return Labelled(label=f"{kind}/{mode or '-'}", trigger=trigger, modality=modality)


def read_examples(path: Path) -> Iterator[Example]:
    """The examples of one corpus file; a bad line raises :class:`DataError` naming file:line."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as err:
                raise _problem(where, f"not JSON ({err.msg})") from None
            text = raw.get("text") if isinstance(raw, dict) else None
            if not isinstance(text, str) or not text.strip():
                raise _problem(where, "an example needs a non-empty 'text'")
            events = raw.get("events")
            if not isinstance(events, list):
                raise _problem(where, "an example needs an 'events' list (empty for a negative)")
            yield Example(
                id=str(raw.get("id") or where),
                text=text,
                events=[_event(e, text, where) for e in events],
                source=where,
            )


def read_corpus(paths: Iterable[Path]) -> list[Example]:
    return [example for path in sorted(paths) for example in read_examples(path)]


def _trigger_head(doc: Doc, start: int, end: int) -> Token | None:
    """The word of ``doc[start:end]`` (characters) that governs the others, if a candidate."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    inside = {t.i for t in span}
    heads = [t for t in span if t.head.i not in inside or t.head.i == t.i]
    for token in heads + list(span):
        if is_candidate(token):
            return token
    return None


def label_tokens(example: Example, doc: Doc) -> list[tuple[Token, str]]:
    """Every candidate word of the parsed example with its label (``NONE`` or ``TYPE/mode``)."""
    labels: dict[int, str] = {}
    searched_from: dict[str, int] = {}
    for event in example.events:
        # The same trigger word written twice names two events in order.
        start = example.text.find(event.trigger, searched_from.get(event.trigger, 0))
        if start < 0:
            start = example.text.find(event.trigger)
        searched_from[event.trigger] = start + 1
        head = _trigger_head(doc, start, start + len(event.trigger))
        if head is not None:
            labels.setdefault(head.i, event.label)
    return [(t, labels.get(t.i, NONE)) for t in doc if is_candidate(t) or t.i in labels]
