"""The events stage: PLOVER events from a parsed, actor-resolved document."""

from annales.events.base import (
    DEFAULT_CODER,
    Coder,
    Decision,
    available_coders,
    get_coder,
    register_coder,
)
from annales.events.lexicon import Lexicon, TriggerRule, load_lexicon
from annales.events.model import HybridCoder, ModelCoder
from annales.events.rules import RuleCoder

__all__ = [
    "DEFAULT_CODER",
    "Coder",
    "Decision",
    "HybridCoder",
    "Lexicon",
    "ModelCoder",
    "RuleCoder",
    "TriggerRule",
    "available_coders",
    "get_coder",
    "load_lexicon",
    "register_coder",
]
