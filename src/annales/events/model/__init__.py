"""The trained event model: features, classifier, training, and the coders that use it."""

from annales.events.model.classifier import EventModel, Prediction, load_event_model, model_path
from annales.events.model.coder import HybridCoder, ModelCoder

__all__ = [
    "EventModel",
    "HybridCoder",
    "ModelCoder",
    "Prediction",
    "load_event_model",
    "model_path",
]
