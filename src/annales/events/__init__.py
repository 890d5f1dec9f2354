"""The events stage: PLOVER events from a parsed, actor-resolved document."""

from annales.events.coder import (
    Coder,
    Decision,
    RuleCoder,
    available_coders,
    get_coder,
    register_coder,
)
from annales.events.lexicon import Lexicon, TriggerRule, load_lexicon

__all__ = [
    "Coder",
    "Decision",
    "Lexicon",
    "RuleCoder",
    "TriggerRule",
    "available_coders",
    "get_coder",
    "load_lexicon",
    "register_coder",
]
