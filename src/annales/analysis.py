"""What the stages know about one document before events are coded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annales.model import Actor, Document, Place, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Analysis"]


@dataclass
class Analysis:
    """A document with its parse and the actor mentions, time expressions and places found in it.

    ``doc`` is the spaCy parse of ``document.content``: every offset here indexes that string.
    """

    document: Document
    doc: Doc
    actors: list[Actor] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
