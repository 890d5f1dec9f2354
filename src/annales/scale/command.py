"""Command-line pieces for scale, for ``annales.cli`` to register: thin layers over the API.

- :data:`load` is the ``annales load OUT_DIR --db FILE`` command (:func:`~.load_output`).
- :func:`scale_options` adds ``--workers``, ``--dask``, ``--out``, ``--partition-size`` and
  ``--quiet`` to ``annales code``; :func:`check_scale_options` validates their combination,
  :func:`run_distributed` runs ``--dask`` (:func:`~annales.scale.code_distributed`) and prints
  its summary, and :func:`progress_for` wraps the document stream of a local run in a progress bar.

Wiring, in ``annales/cli.py``::

    from annales.scale.command import load, scale_options
    cli.add_command(load)

    @cli.command()
    @scale_options
    def code(paths, db, ..., workers, dask, out, partition_size, quiet): ...
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from annales.errors import AnnalesError, ConfigError
from annales.model import DEFAULT_CODER, Document
from annales.scale.distributed import RunSummary, code_distributed
from annales.scale.load import load_output
from annales.scale.progress import estimate_total, progress
from annales.text import printable

if TYPE_CHECKING:
    from annales.ingest import IngestLimits

__all__ = ["check_scale_options", "load", "progress_for", "run_distributed", "scale_options"]

F = TypeVar("F", bound=Callable[..., Any])

_OPTIONS = (
    click.option(
        "--workers",
        default=1,
        show_default=True,
        type=click.IntRange(min=1),
        help="Worker processes coding in parallel on this machine (each loads the model once).",
    ),
    click.option(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="Code on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'. "
        "Writes Parquet partitions to --out instead of the store.",
    ),
    click.option(
        "--out",
        type=click.Path(file_okay=False),
        default=None,
        help="Folder of the Parquet partitions of a --dask run; run again to resume.",
    ),
    click.option(
        "--partition-size",
        default=1000,
        show_default=True,
        type=click.IntRange(min=1),
        help="Documents per partition of a --dask run.",
    ),
    click.option("--quiet", "-q", is_flag=True, help="No progress bar."),
)


def scale_options(command: F) -> F:
    """Add the options of parallel and distributed runs to ``annales code``."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def check_scale_options(dask: str | None, out: str | None) -> None:
    """``--dask`` and ``--out`` go together: a distributed run writes Parquet, not the store."""
    if dask and not out:
        raise ConfigError("--dask writes Parquet partitions: give a folder with --out events/")
    if out and not dask:
        raise ConfigError("--out is for --dask runs; use --dask local to code on this machine")


def progress_for(
    documents: Iterable[Document], paths: Iterable[str], *, quiet: bool
) -> Iterator[Document]:
    """``documents`` counted on a progress bar (with an ETA when the input size can be guessed)."""
    paths = list(paths)
    total = None if quiet else estimate_total(paths)
    return progress(documents, total=total, quiet=quiet)


def run_distributed(
    paths: Iterable[str],
    *,
    dask: str,
    out: str,
    workers: int,
    partition_size: int,
    coder: str = DEFAULT_CODER,
    batch_size: int = 32,
    limits: IngestLimits | None = None,
    quiet: bool = False,
    pub_date: date | None = None,
) -> RunSummary:
    """Run ``annales code --dask``: code on the cluster, print a summary line, list problems."""
    summary = code_distributed(
        list(paths),
        out=out,
        scheduler=dask,
        workers=workers,
        partition_size=partition_size,
        coder=coder,
        batch_size=batch_size,
        limits=limits,
        quiet=quiet,
        pub_date=pub_date,
    )
    for problem in summary.problems:
        click.echo(f"annales: skipped {printable(problem)}", err=True)
    hidden = summary.problems_total - len(summary.problems)
    if hidden > 0:
        click.echo(
            f"annales: {hidden:,} more inputs that could not be read not shown (only the first "
            f"{len(summary.problems):,} are); {summary.problems_total:,} in all",
            err=True,
        )
    resumed = f", {summary.reused} already done by an earlier run" if summary.reused else ""
    click.echo(
        f"{summary.documents} documents in {summary.partitions} partitions under {out}"
        f" ({summary.coded} coded now{resumed}): {summary.events - summary.optional} events "
        f"(+{summary.optional} optional); {summary.skipped} "
        f"skipped, {summary.problems_total} inputs failed; load them with "
        f"`annales load {printable(out)} --db annales.duckdb`"
    )
    return summary


@click.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option(
    "--db",
    default="annales.duckdb",
    show_default=True,
    help="DuckDB store file.",
    type=click.Path(),
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def load(out_dir: str, db: str, quiet: bool) -> None:
    """Load the Parquet partitions of an `annales code --dask` run into the store.

    Loading again (after a resumed run, or by mistake) replaces each document's events: the store
    never holds an event twice.
    """
    try:
        summary = load_output(out_dir, db, quiet=quiet)
    except AnnalesError as err:
        click.echo(f"annales: error: {printable(err)}", err=True)
        sys.exit(2)
    unfinished = (
        f"; {summary.unfinished} unfinished partitions left out (run `annales code --dask` again)"
        if summary.unfinished
        else ""
    )
    click.echo(
        f"{summary.documents} documents from {summary.partitions} partitions loaded into "
        f"{printable(db)}: "
        f"{summary.events - summary.optional} events (+{summary.optional} optional){unfinished}"
    )
