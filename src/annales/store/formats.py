"""The export formats, registered once and shared by ``Store.export``, the CLI and the web API.

A format is a name, a file suffix, a media type and a writer ``(store, target, query) -> count``.
The four shipped are registered below; a plugin adds its own with :func:`register_format`, or
from its package metadata through the entry point group ``annales.formats``::

    [project.entry-points."annales.formats"]
    geojson = "my_plugin:GEOJSON"     # a Format object

Entry points are read the first time a name is not found, never at import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annales.errors import ConfigError
from annales.store import cameo, occasions
from annales.store import export as exporting
from annales.store.fields import Citation
from annales.store.query import EventQuery

if TYPE_CHECKING:
    from annales.store.duck import Store

__all__ = [
    "ENTRY_POINT_GROUP",
    "EXPORT_FORMATS",
    "Format",
    "available_formats",
    "get_format",
    "plover_lines",
    "register_format",
]

ENTRY_POINT_GROUP = "annales.formats"

Writer = Callable[["Store", Path, EventQuery], int]


@dataclass(frozen=True)
class Format:
    """An export format: ``write(store, target, query)`` writes the file, returns the count."""

    name: str
    suffix: str  # the file name's extension, with its dot
    media_type: str
    description: str
    write: Writer


_REGISTRY: dict[str, Format] = {}
_plugins_loaded = False


def register_format(fmt: Format) -> None:
    """Make ``fmt`` available to ``Store.export``, ``annales export --format`` and plugins."""
    _REGISTRY[fmt.name] = fmt


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            fmt = point.load()
        except Exception as exc:  # a broken plugin must say so, not hide the shipped formats
            raise ConfigError(
                f"the format plugin {point.name!r} ({point.value}) cannot be loaded: {exc}"
            ) from exc
        if not isinstance(fmt, Format):
            raise ConfigError(
                f"the format plugin {point.name!r} ({point.value}) is not an "
                "annales.store.formats.Format"
            )
        _REGISTRY.setdefault(fmt.name, fmt)


def available_formats() -> list[str]:
    """The names of every format, the shipped ones first."""
    _load_plugins()
    return list(_REGISTRY)


def get_format(name: str) -> Format:
    """The format called ``name``; a ConfigError listing the others when there is none."""
    if name not in _REGISTRY:
        _load_plugins()
    if name not in _REGISTRY:
        raise ConfigError(
            f"unknown export format {name!r}; choose one of {', '.join(available_formats())}"
        )
    return _REGISTRY[name]


def plover_lines(store: Store, query: EventQuery) -> Iterator[str]:
    """The PLOVER JSON lines of the events matching ``query``, with what the store knows of them
    (their document's citation, their occasion): what ``plover-jsonl`` writes, for streaming."""

    def lookup(ids: list[str]) -> dict[str, Citation]:
        with store.cursor("read the events' documents") as cur:
            return exporting.citations(cur, ids)

    def reported(ids: list[str]) -> dict[str, dict[str, Any]]:
        with store.cursor("count the events' reports") as cur:
            return occasions.counts(cur, ids)

    return exporting.plover_lines(store.iter_events(query), lookup, reported)


def _plover_jsonl(store: Store, target: Path, query: EventQuery) -> int:
    count = 0
    with exporting.atomic_output(target) as partial, partial.open("w", encoding="utf-8") as out:
        for line in plover_lines(store, query):
            out.write(line)
            count += 1
    return count


def _flat(fmt: str) -> Writer:
    def write(store: Store, target: Path, query: EventQuery) -> int:
        with store.cursor(f"export events to {target}") as cur:
            return exporting.write_table(exporting.flat_reader(cur, query), target, fmt)

    return write


def _cameo_tsv(store: Store, target: Path, query: EventQuery) -> int:
    def rows() -> Iterator[list[str]]:
        for batch in exporting.batches(store.iter_events(query)):
            with store.cursor("read the events' documents") as cur:
                found = exporting.citations(cur, [event.id for event in batch])
            for event in batch:
                citation = found.get(event.id)
                yield from cameo.cameo_rows(event, citation.url if citation else None)

    with exporting.atomic_output(target) as partial, partial.open("w", encoding="utf-8") as out:
        return cameo.write_rows(rows(), out)


for _shipped in (
    Format(
        "plover-jsonl",
        ".jsonl",
        "application/x-ndjson",
        "one PLOVER record per line (JSON Lines)",
        _plover_jsonl,
    ),
    Format("csv", ".csv", "text/csv", "one flat row per event", _flat("csv")),
    Format(
        "parquet",
        ".parquet",
        "application/vnd.apache.parquet",
        "one flat row per event (Apache Parquet)",
        _flat("parquet"),
    ),
    Format(
        "cameo-tsv",
        ".tsv",
        "text/tab-separated-values",
        "Phoenix-style CAMEO rows, one per source-target pair (tab-separated)",
        _cameo_tsv,
    ),
):
    register_format(_shipped)

# The formats annales ships (plugins add theirs to available_formats()).
EXPORT_FORMATS: tuple[str, ...] = tuple(_REGISTRY)
