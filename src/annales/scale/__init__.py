"""Scale: code many documents on several local processes, or on a Dask cluster.

>>> from annales.scale import code_parallel, code_distributed, load_events
>>> for result in code_parallel(documents, workers=4):  # doctest: +SKIP
...     store.save(result.document, result.events)
>>> code_distributed(["articles/"], out="events/", scheduler="tcp://host:8786")  # doctest: +SKIP
>>> load_events("events/", "annales.duckdb")  # doctest: +SKIP

Dask is needed only by :func:`code_distributed` (``pip install 'annales[dask]'``).
"""

from __future__ import annotations

from annales.scale.distributed import RunSummary, code_distributed, local_cluster
from annales.scale.load import LoadSummary, iter_results, load_events, load_output
from annales.scale.parallel import ScaleError, code_parallel, default_workers
from annales.scale.progress import Progress, estimate_total, progress, show_progress

__all__ = [
    "LoadSummary",
    "Progress",
    "RunSummary",
    "ScaleError",
    "code_distributed",
    "code_parallel",
    "default_workers",
    "estimate_total",
    "iter_results",
    "load_events",
    "load_output",
    "local_cluster",
    "progress",
    "show_progress",
]
