"""The seam between the pipeline and the coders: the ``Coder`` protocol and its registry.

A coder is any object with a ``name`` and ``code(analysis) -> list[Event]``; ``decide`` (optional)
returns every candidate with the reason it was kept or discarded, for ``annales explain``.
Coders are pluggable: :func:`register_coder` adds one under a name (an LLM backend, a model),
:func:`get_coder` builds one. A package can also declare its coder under the entry point group
``annales.coders`` (``name = "package.module:factory"``): it is loaded when first asked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Protocol

from annales.analysis import Analysis
from annales.errors import ConfigError
from annales.events.lexicon import normalise
from annales.lang import get_profile
from annales.model import DEFAULT_CODER, Actor, Event

if TYPE_CHECKING:
    from spacy.tokens import Span

    from annales.events.rules.triggers import Trigger

__all__ = [
    "DEFAULT_CODER",
    "Coder",
    "Decision",
    "available_coders",
    "coder_for",
    "get_coder",
    "language_coder",
    "register_coder",
    "title_topic",
    "trigger_event",
    "without_title_topic",
]


class Coder(Protocol):
    name: str

    def code(self, analysis: Analysis) -> list[Event]: ...


def trigger_event(
    analysis: Analysis,
    sent: Span,
    trigger: Trigger,
    *,
    kind: str,
    mode: str | None,
    context: Iterable[str],
    actors: list[Actor],
    recipients: list[Actor],
    span: tuple[int, int],
    modality: str | None,
    coder: str,
    lang: str,
) -> Event:
    """The event a coder keeps for ``trigger``: its quote is ``span`` of the document's text,
    its confidence the rule's times the least sure actor's, its provenance the rule and coder."""
    text = analysis.document.content  # Doc.text rebuilds the whole string on each access
    start, end = span
    return Event(
        doc_id=analysis.document.id,
        type=kind,
        mode=mode,
        context=sorted(set(context)),
        actors=actors,
        recipients=recipients,
        quote=text[start:end],
        sentence=sent.text.strip(),
        start=start,
        end=end,
        trigger=trigger.text,
        trigger_start=trigger.start_char,
        trigger_end=trigger.end_char,
        rule=f"{lang}:{trigger.rule.id}",
        coder=coder,
        confidence=round(trigger.rule.confidence * min(a.confidence for a in actors), 3),
        modality=modality,
        quotes=[text[start:end]],
    )


_TITLE_PARTS = re.compile(r"\s[–—-]\s|:\s")


def title_topic(analysis: Analysis) -> tuple[int, int] | None:
    """The characters of the topic of an official text's title ("Déclaration de M. X, ministre,
    en réponse à une question concernant la menace des Houthis"; "Statement by X on ..."), or
    None: what the title names there is what the text is about, not an act of its own."""
    title = analysis.document.title or ""
    issuer = get_profile(analysis.doc.lang_).issuer
    if not title or issuer is None or not analysis.document.content.startswith(title):
        return None
    words = [(t.idx, normalise(t.text)) for t in analysis.doc if t.idx < len(title)]
    heading = " ".join(w for _, w in words)
    if not any(heading.startswith(opener) for opener in issuer.openers):
        # "Questions au Gouvernement – Guerre en Ukraine – Réponse de M. X": the headings before
        # the part that opens the statement are its topic.
        for part in _TITLE_PARTS.finditer(title):
            rest = normalise(title[part.end() :])
            if rest.startswith(issuer.openers):
                return 0, part.start()
        return None
    for n in range(1, len(words)):
        for marker in issuer.topic_markers:
            if tuple(w for _, w in words[n : n + len(marker)]) == marker:
                return words[n][0], len(title)
    return None


def without_title_topic(
    sent: Span, triggers: list[Trigger], topic: tuple[int, int] | None
) -> tuple[list[Trigger], list[Decision]]:
    """``triggers`` outside the title's topic, and those in it set aside with the reason."""
    if topic is None or sent.start_char >= topic[1]:
        return triggers, []
    inside = [t for t in triggers if topic[0] <= t.start_char < topic[1]]
    reason = "the topic the title announces, not an act"
    return (
        [t for t in triggers if t not in inside],
        [Decision.about(sent, t, reason) for t in inside],
    )


@dataclass
class Decision:
    """One candidate trigger and what the coder made of it (for ``annales explain``)."""

    sentence: str
    trigger: str
    rule: str
    kept: bool
    reason: str
    event: Event | None = None
    how: list[str] = field(default_factory=list)

    @classmethod
    def about(
        cls, sent: Span, trigger: Trigger, reason: str = "", how: list[str] | None = None
    ) -> Decision:
        """A decision on ``trigger`` not kept (yet): ``reason`` says why."""
        return cls(sent.text, trigger.text, trigger.rule.id, False, reason, how=how or [])


_REGISTRY: dict[str, Callable[..., Coder]] = {}


def register_coder(name: str, factory: Callable[..., Coder]) -> None:
    """Make a coder available under ``name`` (``annales code --coder NAME``)."""
    _REGISTRY[name] = factory


def language_coder(name: str, default_lang: str = "fr") -> Callable[..., Coder]:
    """A factory for the coder ``name`` that builds the class the language's profile names for it
    (``coders`` in ``annales/lang/<lang>/profile.yaml``): French rules are not English rules."""

    def build(lang: str = default_lang, **options: object) -> Coder:
        from annales.lang import get_profile

        return get_profile(lang).coder_class(name)(lang=lang, **options)  # type: ignore[no-any-return]

    build.per_language = True  # type: ignore[attr-defined]
    return build


def available_coders() -> list[str]:
    return sorted(_REGISTRY)


def coder_for(name: str, lang: str) -> Coder:
    """The coder ``name`` for documents in ``lang``: the language's own class for the built-in
    names, the same coder for every language for a plugin's (it was not told about languages)."""
    factory = _factory(name)
    return factory(lang=lang) if getattr(factory, "per_language", False) else factory()


def get_coder(name: str = DEFAULT_CODER, **options: object) -> Coder:
    return _factory(name)(**options)


def _factory(name: str) -> Callable[..., Coder]:
    if name not in _REGISTRY:
        # A plugin's coder, declared under the entry point group "annales.coders" as a factory.
        for point in entry_points(group="annales.coders", name=name):
            register_coder(name, point.load())
    if name not in _REGISTRY:
        raise ConfigError(f"unknown coder {name!r}; available: {', '.join(available_coders())}")
    return _REGISTRY[name]
