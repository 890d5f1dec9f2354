"""The events stage: PLOVER events from a parsed, actor-resolved document."""

from annales.events.base import (
    DEFAULT_CODER,
    Coder,
    Decision,
    available_coders,
    coder_for,
    get_coder,
    language_coder,
    register_coder,
)
from annales.events.lexicon import Lexicon, TriggerRule, load_lexicon
from annales.events.model import HybridCoder, ModelCoder
from annales.events.rules import RuleCoder
from annales.events.syntax import SyntaxCoder, SyntaxHybridCoder, SyntaxModelCoder

# Each built-in coder name builds the class the document's language profile names for it.
for _name in ("rules", "model", "hybrid"):
    register_coder(_name, language_coder(_name))

__all__ = [
    "DEFAULT_CODER",
    "Coder",
    "Decision",
    "HybridCoder",
    "Lexicon",
    "ModelCoder",
    "RuleCoder",
    "SyntaxCoder",
    "SyntaxHybridCoder",
    "SyntaxModelCoder",
    "TriggerRule",
    "available_coders",
    "coder_for",
    "get_coder",
    "language_coder",
    "load_lexicon",
    "register_coder",
]
