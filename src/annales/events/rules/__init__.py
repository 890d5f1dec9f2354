"""The rule coder: a user-extensible trigger lexicon over the dependency parse."""

from annales.events.rules.coder import RuleCoder

__all__ = ["RuleCoder"]
