"""Distributed runs on Dask: partitions of documents coded on workers, one Parquet file each.

The client reads the input (any file :func:`annales.ingest.read_documents` reads), splits the
stream of documents into partitions of ``partition_size`` in input order (``part-00000``,
``part-00001``...) and ships each one to a Dask worker, keeping only a few in flight. The worker,
which loaded the model once (a worker plugin), codes the partition and writes it under ``out``
(see :mod:`annales.scale.partitions`). A partition whose marker exists is skipped, so a killed run
started again goes on where it stopped, and no partition is ever written twice or by halves.

``out`` must be a folder every worker can write to and the client can read (a shared file system
when the cluster spans several machines).
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annales.errors import ConfigError
from annales.ingest.problems import ProblemLog
from annales.model import DEFAULT_CODER, Document, IngestProblem
from annales.scale import partitions as parts
from annales.scale.parallel import ScaleError
from annales.scale.progress import Progress, estimate_total, show_progress

if TYPE_CHECKING:
    from annales.ingest import IngestLimits

__all__ = ["RunSummary", "code_distributed", "local_cluster"]

MANIFEST = "_manifest.json"
# Partitions queued per worker beyond the one it is coding: workers never wait for the client,
# and the client holds at most workers x (1 + QUEUED_PER_WORKER) partitions in memory.
QUEUED_PER_WORKER = 1


@dataclass(frozen=True)
class RunSummary:
    """What a distributed run did; also written to ``out/_manifest.json``."""

    out: str
    partitions: int  # partitions of the input, all finished when the run returns
    coded: int  # partitions coded by this run
    reused: int  # partitions an earlier, interrupted run had already finished
    documents: int
    events: int  # all events, optional ones included
    skipped: int  # documents not coded (unsupported language)
    # Inputs that could not be read: the first MAX_KEPT_PROBLEMS, and how many in all.
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    optional: int = 0  # of ``events``: future, negated... events (Event.optional)
    problems_total: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- on the client -------------------------------------------------------------------------------


# Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_=65536, so that freed memory goes back to
# the OS at once. spaCy allocates and frees many arrays per document: with it, coding costs about
# 20 % more CPU time per document (bench/throughput.py), for a worker whose memory stays flat
# anyway. Local clusters leave glibc's default; see docs/scaling.md for real clusters.
_TRIM = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"


@contextmanager
def local_cluster(workers: int) -> Iterator[Any]:
    """A Dask cluster of ``workers`` processes on this machine, one thread each, as ``--dask
    local`` starts: pass its ``scheduler_address`` to several runs to start it only once."""
    import dask.config
    from distributed import LocalCluster

    with (
        dask.config.set({_TRIM: None}),  # read by the nannies as the cluster starts
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,  # type: ignore[no-untyped-call]
    ):
        yield cluster


@contextmanager
def _client(scheduler: str, workers: int) -> Iterator[Any]:
    """A Dask client on ``scheduler`` (an address), or on a new local cluster for ``"local"``."""
    from distributed import Client

    if scheduler == "local":
        with local_cluster(workers) as cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    try:
        client = Client(scheduler, timeout="30s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise ScaleError(
            f"cannot reach the Dask scheduler at {scheduler} ({exc}); check the address "
            "(tcp://HOST:8786) and that the scheduler is running, or use --dask local"
        ) from None
    with client:
        yield client


def _check_manifest(out: Path, settings: dict[str, Any]) -> None:
    """Refuse to resume a run made with other settings: its partitions would not line up."""
    path = out / MANIFEST
    if not path.is_file():
        return
    earlier = json.loads(path.read_text(encoding="utf-8")).get("settings", {})
    for key in ("partition_size", "coder", "pub_date"):
        if earlier.get(key) != settings.get(key) and (key in earlier or key in settings):
            raise ConfigError(
                f"{out} holds a run made with {key}={earlier.get(key)!r}, not "
                f"{settings.get(key)!r}; resume it with the same {key}, or write to a new --out "
                "folder"
            )


def _write_manifest(
    out: Path, status: str, settings: dict[str, Any], summary: RunSummary | None
) -> None:
    data: dict[str, Any] = {
        "status": status,
        "updated": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": settings,
    }
    if summary is not None:
        data["summary"] = summary.to_dict()
    text = json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")
    parts.replace_atomically(out / MANIFEST, lambda handle: handle.write(text))


def _documents(
    paths: Sequence[str], problems: ProblemLog, limits: IngestLimits | None, pub_date: date | None
) -> Iterator[Document]:
    from annales.ingest import dated, read_documents

    for item in read_documents(list(paths), limits=limits):
        if isinstance(item, IngestProblem):
            problems.add(item)
        else:
            yield dated(item, pub_date)


def _import_dask() -> tuple[Any, Any, Any]:
    try:
        from distributed import KilledWorker, as_completed

        from annales.scale.worker import ModelPlugin
    except ImportError as exc:
        if exc.name and exc.name.split(".")[0] not in {"dask", "distributed"}:
            raise
        raise ConfigError(
            "distributed runs need Dask: install it with `pip install 'annales[dask]'`"
        ) from None
    return KilledWorker, as_completed, ModelPlugin


class _Totals:
    """Counts of a run, fed with the markers of finished partitions."""

    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        names = ("coded", "reused", "documents", "events", "optional", "skipped")
        self.counts = dict.fromkeys(names, 0)

    def add(self, done: parts.PartitionDone, how: str) -> None:
        self.counts[how] += 1
        self.counts["documents"] += done.documents
        self.counts["events"] += done.events
        self.counts["skipped"] += done.skipped
        self.counts["optional"] += done.optional
        self.bar.update(done.documents)


def code_distributed(
    paths: Sequence[str],
    *,
    out: str,
    scheduler: str = "local",
    workers: int = 2,
    partition_size: int = 1000,
    coder: str = DEFAULT_CODER,
    batch_size: int = 32,
    languages: Sequence[str] = ("fr",),
    limits: IngestLimits | None = None,
    quiet: bool = True,
    pub_date: date | None = None,
) -> RunSummary:
    """Code the documents of ``paths`` on a Dask cluster into Parquet partitions under ``out``.

    ``scheduler`` is ``"local"`` (a cluster of ``workers`` processes on this machine) or the
    address of a running scheduler (``tcp://host:8786``; ``workers`` is then ignored). Started
    again after an interruption, it codes only the partitions that are not finished. Raises
    ConfigError for bad settings or a resume with other settings or input, ScaleError when the
    cluster fails. ``limits`` are those of :func:`annales.ingest.read_documents`; ``pub_date``
    dates the documents whose file gives no date (``--pub-date``); ``quiet=False`` draws a
    progress bar on stderr when it is a terminal.
    """
    if isinstance(paths, str):
        raise TypeError("code_distributed() takes a list of paths")
    for label, value in (("workers", workers), ("partition size", partition_size)):
        if value < 1:
            raise ConfigError(f"the {label} must be at least 1, not {value}")
    killed_worker, as_completed, model_plugin = _import_dask()
    from annales.scale.worker import code_partition

    began = time.perf_counter()
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise ConfigError(f"--out {target} is a file; give a folder for the Parquet partitions")
    settings: dict[str, Any] = {
        "partition_size": partition_size, "coder": coder, "paths": [str(p) for p in paths],
    }  # fmt: skip
    if pub_date is not None:  # a resume must date the documents the same way
        settings["pub_date"] = pub_date.isoformat()
    parts.prepare_output(target)
    _check_manifest(target, settings)
    parts.clean_partials(target)
    _write_manifest(target, "running", settings, None)
    problems = ProblemLog()
    index = -1
    total = estimate_total(paths) if show_progress(quiet=quiet) else None
    with _client(scheduler, workers) as client, Progress(total=total, quiet=quiet) as bar:
        totals = _Totals(bar)
        client.register_plugin(model_plugin(coder, languages), name=model_plugin.name)
        n_workers = len(client.scheduler_info(n_workers=-1)["workers"])
        limit = max(1, n_workers) * (1 + QUEUED_PER_WORKER)
        running = as_completed()
        try:
            for index, documents in enumerate(
                parts.split(_documents(paths, problems, limits, pub_date), partition_size)
            ):
                name = parts.partition_name(index)
                done = parts.read_marker(target, name)
                if done is not None:
                    if done.fingerprint != parts.fingerprint(documents):
                        raise ConfigError(
                            f"{target} holds a run over other documents ({name} differs); "
                            "write this input to a new --out folder, or delete the old one"
                        )
                    totals.add(done, "reused")
                    continue
                [data] = client.scatter([documents], hash=False)
                running.add(
                    client.submit(
                        code_partition, str(target), name, index * partition_size, data,
                        coder=coder, batch_size=batch_size, pure=False, retries=1,
                        key=f"annales-{name}-{os.urandom(4).hex()}",
                    )
                )  # fmt: skip
                while running.count() >= limit:
                    totals.add(parts.PartitionDone.from_dict(next(running).result()), "coded")
            for future in running:
                totals.add(parts.PartitionDone.from_dict(future.result()), "coded")
        except killed_worker as exc:
            raise ScaleError(
                f"a Dask worker died while coding ({exc}); it may have run out of memory: give "
                "workers more memory or use a smaller --partition-size, then run again to resume"
            ) from None
    summary = RunSummary(
        out=str(target),
        partitions=index + 1,
        problems=[str(problem) for problem in problems.kept],
        problems_total=problems.count,
        seconds=round(time.perf_counter() - began, 3),
        **totals.counts,
    )
    _write_manifest(target, "complete", settings, summary)
    return summary
