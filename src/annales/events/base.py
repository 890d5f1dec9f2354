"""The seam between the pipeline and the coders: the ``Coder`` protocol and its registry.

A coder is any object with a ``name`` and ``code(analysis) -> list[Event]``; ``decide`` (optional)
returns every candidate with the reason it was kept or discarded, for ``annales explain``.
Coders are pluggable: :func:`register_coder` adds one under a name (an LLM backend, a model),
:func:`get_coder` builds one. A package can also declare its coder under the entry point group
``annales.coders`` (``name = "package.module:factory"``): it is loaded when first asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Protocol

from annales.analysis import Analysis
from annales.errors import ConfigError
from annales.model import DEFAULT_CODER, Event

__all__ = [
    "DEFAULT_CODER",
    "Coder",
    "Decision",
    "available_coders",
    "coder_for",
    "get_coder",
    "language_coder",
    "register_coder",
]


class Coder(Protocol):
    name: str

    def code(self, analysis: Analysis) -> list[Event]: ...


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
