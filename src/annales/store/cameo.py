"""CAMEO codes for PLOVER events, for users of GDELT- and Phoenix-style tables.

The mapping is data (``data/cameo/plover_cameo.tsv``): each PLOVER type, and each mode annales
assigns, goes to the most specific CAMEO code that covers every event coded so, with that code's
Goldstein weight. The root code and the quad class follow from the CAMEO code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TextIO

from annales.errors import DataError
from annales.model import EVENT_TYPES, Actor, Event
from annales.text import csv_cell

__all__ = [
    "CAMEO_COLUMNS",
    "CameoCode",
    "cameo_code",
    "cameo_rows",
    "load_cameo_table",
    "write_rows",
]

CAMEO_COLUMNS: tuple[str, ...] = (
    "id", "date", "source", "source_root", "source_agent", "target", "target_root",
    "target_agent", "cameo_code", "root_code", "quad_class", "goldstein", "place",
    "country_code", "latitude", "longitude", "url", "plover_event", "plover_mode", "doc_id",
)  # fmt: skip

_HEADER = ["plover_type", "plover_mode", "cameo_code", "goldstein", "cameo_name"]


@dataclass(frozen=True)
class CameoCode:
    """The CAMEO code of a PLOVER type (and mode), with what follows from it."""

    code: str  # "0874"
    goldstein: float
    name: str

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        """Phoenix quad class: 1 verbal, 2 material cooperation; 3 verbal, 4 material conflict."""
        root = int(self.root)
        return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _parse(path: str, lines: Iterable[str]) -> dict[tuple[str, str], CameoCode]:
    table: dict[tuple[str, str], CameoCode] = {}
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if not header_seen:
            if cells != _HEADER:
                raise DataError(f"{path}:{number}: the header must be {' '.join(_HEADER)}")
            header_seen = True
            continue
        if len(cells) != len(_HEADER):
            raise DataError(f"{path}:{number}: expected {len(_HEADER)} tab-separated cells")
        kind, mode, code, weight, name = cells
        if kind not in EVENT_TYPES:
            raise DataError(f"{path}:{number}: {kind!r} is not a PLOVER event type")
        if not (code.isdigit() and 3 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20):
            raise DataError(f"{path}:{number}: {code!r} is not a CAMEO code (3 or 4 digits)")
        try:
            goldstein = float(weight)
        except ValueError:
            raise DataError(f"{path}:{number}: goldstein {weight!r} is not a number") from None
        if not -10 <= goldstein <= 10:
            raise DataError(f"{path}:{number}: goldstein {goldstein} is outside -10 to 10")
        if (kind, mode) in table:
            raise DataError(f"{path}:{number}: {kind} {mode or '(no mode)'} is listed twice")
        table[(kind, mode)] = CameoCode(code, goldstein, name)
    missing = [kind for kind in EVENT_TYPES if (kind, "") not in table]
    if missing:
        raise DataError(f"{path}: no row without a mode for {', '.join(missing)}")
    return table


def load_cameo_table(path: Path | None = None) -> dict[tuple[str, str], CameoCode]:
    """The PLOVER -> CAMEO table of ``path`` (default: the packaged one), checked line by line."""
    if path is not None:
        return _parse(str(path), path.read_text(encoding="utf-8").splitlines())
    return _packaged()


@cache
def _packaged() -> dict[tuple[str, str], CameoCode]:
    resource = files("annales").joinpath("data/cameo/plover_cameo.tsv")
    return _parse("data/cameo/plover_cameo.tsv", resource.read_text(encoding="utf-8").splitlines())


def cameo_code(kind: str, mode: str | None = None) -> CameoCode:
    """The CAMEO code of a PLOVER type and mode (a mode without a row takes the type's)."""
    table = _packaged()
    return table.get((kind, mode or "")) or table[(kind, "")]


def _sides(actors: list[Actor]) -> list[Actor | None]:
    # One row per distinct code: two Burkinabè officials are one Burkina Faso side.
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor.code, actor)
    return list(seen.values()) or [None]


def _actor_cells(actor: Actor | None) -> list[str]:
    if actor is None:
        return ["", "", ""]
    # Phoenix joins a country and its sector ("RUSGOV"); other codes stay as annales writes them.
    country = len(actor.code) == 3 and actor.code.isalpha()
    full = actor.code + (actor.sector or "") if country else actor.code
    return [full, actor.code, actor.sector or ""]


def cameo_rows(event: Event, url: str | None = None) -> Iterator[list[str]]:
    """The rows of ``event`` in :data:`CAMEO_COLUMNS` order: one per (source, target) pair."""
    code = cameo_code(event.type, event.mode)
    place = event.location
    for source in _sides(event.actors):
        for target in _sides(event.recipients):
            yield [
                event.id,
                event.date or "",
                *_actor_cells(source),
                *_actor_cells(target),
                code.code,
                code.root,
                str(code.quad_class),
                f"{code.goldstein:g}",
                place.name if place else "",
                (place.country or "") if place else "",
                "" if place is None or place.latitude is None else f"{place.latitude:g}",
                "" if place is None or place.longitude is None else f"{place.longitude:g}",
                url or "",
                event.type,
                event.mode or "",
                event.doc_id,
            ]


# Numbers keep their sign; every other cell is text a spreadsheet must not run as a formula.
_NUMERIC = frozenset(
    i for i, name in enumerate(CAMEO_COLUMNS) if name in {"goldstein", "latitude", "longitude"}
)


def write_rows(rows: Iterable[list[str]], handle: TextIO) -> int:
    """Write a header and ``rows`` as TSV to the text file ``handle``; how many rows."""
    writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
    writer.writerow(CAMEO_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([c if i in _NUMERIC else csv_cell(c) for i, c in enumerate(row)])
        count += 1
    return count
