"""What runs on a Dask worker: load the model once, code one partition, write it.

Importable only where ``distributed`` is installed (the ``dask`` extra); the client side of a run
(:mod:`annales.scale.distributed`) imports it when a run starts.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distributed.diagnostics.plugin import WorkerPlugin

from annales.model import Document
from annales.scale import partitions as parts
from annales.scale.parallel import warm_up

if TYPE_CHECKING:
    from annales.events import Coder

__all__ = ["ModelPlugin", "code_partition"]

_CODERS: dict[str, Coder] = {}


def _coder(name: str) -> Coder:
    """The coder ``name``, built once per worker process (a module-level cache)."""
    coder = _CODERS.get(name)
    if coder is None:
        from annales.events import get_coder

        coder = _CODERS[name] = get_coder(name)
    return coder


class ModelPlugin(WorkerPlugin):
    """Load the language models and the coder when a worker starts, before its first task."""

    idempotent = True  # registering it again (a resumed run on the same cluster) does nothing
    name = "annales-model"

    def __init__(self, coder: str, languages: Sequence[str]) -> None:
        self.coder = coder
        self.languages = tuple(languages)

    def setup(self, worker: Any) -> None:
        warm_up(_coder(self.coder), self.languages)  # cached for the life of the worker process


def code_partition(
    out: str, name: str, first_index: int, documents: list[Document], *, coder: str, batch_size: int
) -> dict[str, Any]:
    """Code one partition, write its two Parquet files then its marker; return the marker."""
    from annales.pipeline import code_documents

    target = Path(out)
    expected = parts.fingerprint(documents)
    done = parts.read_marker(target, name)
    if done is not None and done.fingerprint == expected:
        return done.to_dict()  # a retried task whose first attempt finished: keep what is there
    began = time.perf_counter()
    results = list(code_documents(documents, coder=_coder(coder), batch_size=batch_size))
    parts.write_partition(target, name, first_index, results)
    done = parts.PartitionDone(
        name=name,
        fingerprint=expected,
        documents=len(results),
        events=sum(len(result.events) for result in results),
        skipped=sum(1 for result in results if result.skipped),
        optional=sum(event.optional for result in results for event in result.events),
        seconds=round(time.perf_counter() - began, 3),
        worker=f"{socket.gethostname()}:{os.getpid()}",
    )
    parts.write_marker(target, done)
    return done.to_dict()
