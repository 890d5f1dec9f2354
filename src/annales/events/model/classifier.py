"""The event model: a linear classifier over the features of a word, shipped as package data.

For every candidate word it gives a probability for each label: ``NONE`` (no event) or a PLOVER
type with its mode (``CONSULT/phone``, ``ACCUSE/-``). It is a softmax over hashed sparse features
plus word vectors: small (a few MB), fast (one matrix product per sentence), deterministic, and
loaded offline from ``annales/data/models/``. ``make train`` rebuilds it from ``training/fr/``.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from annales.errors import ModelError
from annales.events.model.features import DENSE_WIDTH, dense_features, sparse_features
from annales.model import EVENT_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "NONE",
    "EventModel",
    "Prediction",
    "load_event_model",
    "model_path",
    "read_event_model",
]

NONE = "NONE"
_FORMAT = 1


@dataclass(frozen=True)
class Prediction:
    """What the model thinks of one word: the likeliest event label and the probabilities."""

    type: str | None  # None when the likeliest reading is no event
    mode: str | None
    probability: float  # of the likeliest event type, modes summed
    no_event: float  # probability of no event

    @property
    def is_event(self) -> bool:
        return self.type is not None


@dataclass
class EventModel:
    labels: list[str]
    sparse: np.ndarray  # buckets x labels
    dense: np.ndarray  # DENSE_WIDTH x labels
    bias: np.ndarray  # labels
    meta: dict[str, Any]

    def __post_init__(self) -> None:
        self.buckets = int(self.sparse.shape[0])
        self.version = str(self.meta.get("version", "?"))
        self.name = f"{self.meta.get('name', 'events')}@{self.version}"
        types = [label.split("/")[0] for label in self.labels]
        self._type_names = sorted({t for t in types if t != NONE})
        index = {t: i for i, t in enumerate(self._type_names)}
        # labels -> types, to sum the probabilities of one type's modes
        self._to_type = np.zeros((len(self.labels), len(self._type_names)), dtype=np.float32)
        for position, kind in enumerate(types):
            if kind != NONE:
                self._to_type[position, index[kind]] = 1.0
        self._none = self.labels.index(NONE)
        # each type's label columns, to pick the likeliest mode of the likeliest type
        self._modes: list[list[tuple[int, str]]] = [[] for _ in self._type_names]
        for position, (kind, label) in enumerate(zip(types, self.labels, strict=True)):
            if kind != NONE:
                self._modes[index[kind]].append((position, label))

    def logits(self, sparse_rows: Sequence[Sequence[int]], dense_rows: np.ndarray) -> np.ndarray:
        scores = dense_rows @ self.dense + self.bias
        for row, indices in enumerate(sparse_rows):
            scores[row] += self.sparse[list(indices)].sum(axis=0, dtype=np.float32)
        return np.asarray(scores, dtype=np.float32)

    def probabilities(self, tokens: Sequence[Token]) -> np.ndarray:
        """Label probabilities for each token (rows) over :attr:`labels` (columns)."""
        if not tokens:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        sparse_rows = [sparse_features(t, self.buckets) for t in tokens]
        dense_rows = np.stack([dense_features(t) for t in tokens])
        return softmax(self.logits(sparse_rows, dense_rows))

    def predict(self, tokens: Sequence[Token]) -> list[Prediction]:
        probabilities = self.probabilities(tokens)
        by_type = probabilities @ self._to_type
        best_types = by_type.argmax(axis=1).tolist() if len(by_type) else []
        # Plain floats, read once: the loop below compares and rounds them one by one.
        label_rows, type_rows = probabilities.tolist(), by_type.tolist()
        predictions = []
        for best, row, by_label in zip(best_types, type_rows, label_rows, strict=True):
            # The likeliest mode of the likeliest type (ties: the greater label, as max() of
            # (probability, label) pairs over that type's labels).
            label = max((by_label[column], text) for column, text in self._modes[best])[1]
            mode = label.split("/")[1]
            no_event = by_label[self._none]
            is_event = row[best] > no_event
            predictions.append(
                Prediction(
                    type=self._type_names[best] if is_event else None,
                    mode=(None if mode == "-" else mode) if is_event else None,
                    probability=round(row[best], 4),
                    no_event=round(no_event, 4),
                )
            )
        return predictions

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                sparse=self.sparse.astype(np.float16),
                dense=self.dense.astype(np.float32),
                bias=self.bias.astype(np.float32),
                labels=np.array(self.labels),
                meta=np.array(json.dumps({**self.meta, "format": _FORMAT})),
            )


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float32)


def model_path(lang: str) -> Path:
    """The event model file of ``lang``: ``$ANNALES_EVENT_MODEL`` when set (a model a user trained
    with ``python -m annales.events.model.train``), else the one shipped in the package."""
    chosen = os.environ.get("ANNALES_EVENT_MODEL")
    if chosen:
        return Path(chosen)
    return Path(str(resources.files("annales") / "data" / "models" / f"events-{lang}.npz"))


def _check(path: Path, labels: list[str], arrays: dict[str, np.ndarray]) -> None:
    problems = []
    if NONE not in labels:
        problems.append(f"no {NONE} label")
    unknown = sorted({label.split("/")[0] for label in labels} - set(EVENT_TYPES) - {NONE})
    if unknown:
        problems.append(f"unknown event types {unknown}")
    width = len(labels)
    if arrays["sparse"].ndim != 2 or arrays["sparse"].shape[1] != width:
        problems.append(f"sparse weights of shape {arrays['sparse'].shape}")
    if arrays["dense"].shape != (DENSE_WIDTH, width):
        problems.append(f"dense weights of shape {arrays['dense'].shape}")
    if arrays["bias"].shape != (width,):
        problems.append(f"bias of shape {arrays['bias'].shape}")
    if problems:
        raise ModelError(
            f"{path}: not a valid annales event model ({'; '.join(problems)}); "
            "rebuild it with `make train` or code with `--coder rules`"
        )


def read_event_model(path: Path) -> EventModel:
    """Load an event model file, or say clearly which file is missing or damaged."""
    if not path.is_file():
        raise ModelError(
            f"{path}: the event model file is missing; reinstall annales, rebuild it with "
            "`make train`, or code with `--coder rules`"
        )
    try:
        # Open the file here: np.load leaves it open when the archive is damaged.
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            arrays = {key: data[key] for key in ("sparse", "dense", "bias", "labels", "meta")}
        meta = json.loads(str(arrays["meta"]))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as err:
        raise ModelError(
            f"{path}: the event model file is damaged ({err}); reinstall annales, rebuild it "
            "with `make train`, or code with `--coder rules`"
        ) from None
    labels = [str(label) for label in arrays["labels"]]
    _check(path, labels, arrays)
    return EventModel(
        labels=labels,
        sparse=arrays["sparse"].astype(np.float32),
        dense=arrays["dense"].astype(np.float32),
        bias=arrays["bias"].astype(np.float32),
        meta=meta,
    )


def load_event_model(lang: str = "fr") -> EventModel:
    """The event model of ``lang`` (see :func:`model_path`), loaded once per process and file."""
    return _cached_model(model_path(lang))


@cache
def _cached_model(path: Path) -> EventModel:
    return read_event_model(path)
