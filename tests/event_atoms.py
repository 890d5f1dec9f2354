"""The scorer's view of coded events, for tests: (type, actor, recipient or "-") of each asserted
event."""

from __future__ import annotations

from annales.model import Event


def scored_atoms(events: list[Event]) -> set[tuple[str, str, str]]:
    return {
        (e.type, a.code, r.code if r else "-")
        for e in events
        if not e.optional
        for a in e.actors
        for r in e.recipients or [None]
    }
