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
    "get_coder",
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


def available_coders() -> list[str]:
    return sorted(_REGISTRY)


def get_coder(name: str = DEFAULT_CODER, **options: object) -> Coder:
    if name not in _REGISTRY:
        # A plugin's coder, declared under the entry point group "annales.coders" as a factory.
        for point in entry_points(group="annales.coders", name=name):
            register_coder(name, point.load())
    if name not in _REGISTRY:
        raise ConfigError(f"unknown coder {name!r}; available: {', '.join(available_coders())}")
    return _REGISTRY[name](**options)
