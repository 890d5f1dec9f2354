"""The event model as a source of triggers, for any coder that has a lexicon and a syntax.

A coder class mixes :class:`ModelTriggers` in front of its own class (``class ModelCoder(
ModelTriggers, RuleCoder)``): its ``triggers`` step then comes from the model (``uses_lexicon =
False``) or from the lexicon checked by the model (``True``), and everything after it, the
arguments and the modality, from the coder it is mixed into.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from annales import __version__
from annales.events.base import Decision
from annales.events.lexicon import Lexicon, TriggerRule, normalise
from annales.events.model.classifier import EventModel, Prediction, load_event_model
from annales.events.model.features import is_candidate
from annales.events.rules.triggers import Trigger, find_triggers

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["ADD_THRESHOLD", "DROP_THRESHOLD", "ModelTriggers"]

# The model's probability of an event above which a word it found becomes a trigger, and the
# probability of no event above which it sets a lexicon trigger aside.
ADD_THRESHOLD = 0.5
DROP_THRESHOLD = 1.0
# Verbs of cooperation are promises when in the future ("coordonneront"): PLOVER's AGREE.
_PROMISES = {"AGREE"}


def _model_rule(token: Token, kind: str, prediction: Prediction, source: str) -> TriggerRule:
    return TriggerRule(
        id=f"model/{kind.lower()}",
        type=kind,
        lemmas=(normalise(token.lemma_),),
        mode=prediction.mode,
        pos="verb" if token.pos_ in {"VERB", "AUX"} else "noun",
        promise=kind in _PROMISES,
        confidence=prediction.probability,
        source=source,
    )


class ModelTriggers:
    """Triggers from the event model (and the lexicon when ``uses_lexicon``)."""

    name: str
    lexicon: Lexicon
    uses_lexicon = False

    def __init__(
        self,
        lang: str = "fr",
        lexicon: Lexicon | None = None,
        model: EventModel | None = None,
        add_threshold: float = ADD_THRESHOLD,
        drop_threshold: float = DROP_THRESHOLD,
        **options: Any,
    ) -> None:
        super().__init__(lang=lang, lexicon=lexicon, **options)  # type: ignore[call-arg]
        self.model = model or load_event_model(lang)
        self.add_threshold = add_threshold
        self.drop_threshold = drop_threshold
        self.version = f"{self.name}-{lang}@{__version__}+{self.model.name}"

    def _predictions(self, sent: Span, blocked: set[int]) -> dict[int, tuple[Token, Prediction]]:
        words = [t for t in sent if is_candidate(t) and t.i not in blocked]
        return {t.i: (t, p) for t, p in zip(words, self.model.predict(words), strict=True)}

    def _set_aside(self, sent: Span, trigger: Trigger, prediction: Prediction) -> Decision:
        reason = f"the event model reads no event here (p={prediction.no_event:.2f})"
        return Decision.about(sent, trigger, reason)

    def triggers(self, sent: Span, blocked: set[int]) -> tuple[list[Trigger], list[Decision]]:
        predictions = self._predictions(sent, blocked)
        kept: list[Trigger] = []
        set_aside: list[Decision] = []
        used: set[int] = set()
        if self.uses_lexicon:
            for trigger in find_triggers(sent, self.lexicon, blocked):
                found = predictions.get(trigger.head.i)
                if found is not None and found[1].no_event >= self.drop_threshold:
                    set_aside.append(self._set_aside(sent, trigger, found[1]))
                    continue
                if found is not None:
                    confidence = round(min(trigger.rule.confidence, 1 - found[1].no_event), 4)
                    trigger = dataclasses.replace(
                        trigger, rule=dataclasses.replace(trigger.rule, confidence=confidence)
                    )
                kept.append(trigger)
                used.update(t.i for t in trigger.tokens)
        for index, (token, prediction) in predictions.items():
            if index in used or prediction.type is None:
                continue
            if prediction.probability < self.add_threshold:
                continue
            rule = _model_rule(token, prediction.type, prediction, self.model.name)
            kept.append(Trigger(rule=rule, head=token, tokens=[token]))
        kept.sort(key=lambda t: t.head.i)
        return kept, set_aside
