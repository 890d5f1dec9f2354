"""Local parallelism: code a stream of documents on several processes, results in input order.

Each worker process loads the spaCy model and the coder once, when it starts (the pool's
initializer), then codes chunks of documents with :func:`annales.pipeline.code_documents`. The
parent only reads, ships and collects: it keeps a few chunks per worker in flight, never the
whole corpus, and writes nothing, so the store keeps a single writer (the caller).

>>> from annales.scale import code_parallel
>>> for result in code_parallel(documents, workers=4):  # doctest: +SKIP
...     store.save(result.document, result.events)
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from annales.errors import AnnalesError, ConfigError
from annales.model import DEFAULT_CODER, Document
from annales.scale.partitions import split

if TYPE_CHECKING:
    from annales.events import Coder
    from annales.pipeline import Coded

__all__ = ["ScaleError", "code_parallel", "default_workers", "warm_up"]

# "spawn" starts every worker from a fresh interpreter: nothing the parent loaded (threads, an open
# DuckDB file, a half-initialised model) leaks into it, and it behaves the same on every platform.
START_METHOD = "spawn"
# Chunks kept queued per worker: enough that no worker waits for the parent, few enough that memory
# stays bounded (workers x IN_FLIGHT_PER_WORKER x chunk documents at most).
IN_FLIGHT_PER_WORKER = 3


class ScaleError(AnnalesError):
    """A parallel or distributed run failed (a worker died, the scheduler is unreachable...)."""


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS and Windows have no sched_getaffinity
        return max(1, os.cpu_count() or 1)


# -- inside a worker process ---------------------------------------------------------------------

_WORKER_CODER: Coder | None = None
_WORKER_ERROR: AnnalesError | None = None


# Coded once when a worker starts, so that what the stages load lazily on first use (actor tables,
# gazetteer, time grammars) is loaded before the first real document, not while coding it.
_WARM_UP: dict[str, str] = {
    "fr": "Le président français a rencontré lundi à Berlin son homologue allemand.",
    "en": "The French president met his German counterpart in Berlin on Monday.",
}


def warm_up(coder: Coder, languages: Sequence[str]) -> None:
    """Load the models of ``languages`` and everything the stages load on first use."""
    from annales.nlp import load_pipeline
    from annales.pipeline import code_documents

    for lang in languages:
        load_pipeline(lang)  # cached for the process: every chunk reuses it
        text = _WARM_UP.get(lang)
        if text:
            document = Document(id="annales-warm-up", text=text, lang=lang)
            list(code_documents([document], coder=coder))


def _start_worker(coder: str, languages: Sequence[str]) -> None:
    """Pool initializer: load the models and the coder once for the life of the process."""
    global _WORKER_CODER, _WORKER_ERROR
    from annales.events import get_coder

    try:
        _WORKER_CODER = get_coder(coder)
        warm_up(_WORKER_CODER, languages)
    except AnnalesError as exc:
        # An initializer that raises only breaks the pool; keep the message for the first chunk.
        _WORKER_ERROR = exc


def _code_chunk(documents: list[Document], batch_size: int) -> list[Coded]:
    from annales.pipeline import code_documents

    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    if _WORKER_CODER is None:  # pragma: no cover - the initializer always runs first
        raise ScaleError("a worker process was started without its coder")
    return list(code_documents(documents, coder=_WORKER_CODER, batch_size=batch_size))


# -- in the parent -------------------------------------------------------------------------------


def _check(workers: int, batch_size: int, chunk_size: int) -> None:
    for name, value in (
        ("workers", workers),
        ("batch size", batch_size),
        ("chunk size", chunk_size),
    ):
        if value < 1:
            raise ConfigError(f"the {name} must be at least 1, not {value}")


def code_parallel(
    documents: Iterable[Document],
    *,
    workers: int,
    batch_size: int = 32,
    coder: str = DEFAULT_CODER,
    chunk_size: int | None = None,
    languages: Sequence[str] = ("fr",),
) -> Iterator[Coded]:
    """Code ``documents`` on ``workers`` processes; yield one result per document, in order.

    Gives the same results as :func:`annales.pipeline.code_documents`. Documents are read from
    ``documents`` as workers need them, ``chunk_size`` (default ``batch_size``) at a time.
    ``languages`` are loaded when a worker starts; others load on first use. With one worker
    the documents are coded in this process. Raises ScaleError when a worker process dies.
    """
    chunk = chunk_size or batch_size
    _check(workers, batch_size, chunk)
    if workers == 1:
        from annales.pipeline import code_documents

        yield from code_documents(documents, coder=coder, batch_size=batch_size)
        return
    from annales.events import available_coders

    if coder not in available_coders():
        # Fail here, with one clear message, rather than once per worker process.
        raise ConfigError(f"unknown coder {coder!r}; available: {', '.join(available_coders())}")
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(START_METHOD),
        initializer=_start_worker,
        initargs=(coder, tuple(languages)),
    )
    pending: deque[Future[list[Coded]]] = deque()
    try:
        for part in split(documents, chunk):
            pending.append(pool.submit(_code_chunk, part, batch_size))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool as exc:
        raise ScaleError(
            f"a worker process died while coding ({exc}); it may have run out of memory: "
            "try fewer workers or a smaller batch size"
        ) from None
    finally:
        # Reached too when the caller stops early: drop what is queued, wait for what runs.
        pool.shutdown(wait=True, cancel_futures=True)
