"""Actor resolution: who acts, as PLOVER codes (states, organisations, armed groups) and sectors.

>>> from annales.actors import lookup
>>> [a.code for a in lookup("le ministre turc des Affaires étrangères")]
['TUR']
"""

from __future__ import annotations

from annales.actors.codes import UnknownActorError, resolve_code
from annales.actors.kb import ENV_VAR, KBRow, KnowledgeBase, load_knowledge_base
from annales.actors.lookup import explain_actor, lookup
from annales.actors.resolve import find_actors

__all__ = [
    "ENV_VAR",
    "KBRow",
    "KnowledgeBase",
    "UnknownActorError",
    "explain_actor",
    "find_actors",
    "load_knowledge_base",
    "lookup",
    "resolve_code",
]
