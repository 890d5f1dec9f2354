"""Coders that let the trained event model decide which words carry events.

- ``model``: only the model's words are triggers; the rule coder's syntax finds their actors and
  recipients, and its modality rules say whether they happened.
- ``hybrid`` (the default): the lexicon's triggers stand unless the model is sure they carry no
  event here; the model adds the words it is confident about that the lexicon does not list.

Every event keeps its provenance: the lexicon rule or ``model/<type>``, the model's name and
version in ``coder``, and the model's probability of an event as its confidence.
"""

from __future__ import annotations

from annales.events.model.triggers import ModelTriggers
from annales.events.rules.coder import RuleCoder

__all__ = ["HybridCoder", "ModelCoder"]


class ModelCoder(ModelTriggers, RuleCoder):
    """Triggers from the event model alone; arguments and modality from the rule coder."""

    name = "model"
    uses_lexicon = False


class HybridCoder(ModelCoder):
    """The lexicon's triggers checked by the model, and the model's own where it is confident."""

    name = "hybrid"
    uses_lexicon = True
