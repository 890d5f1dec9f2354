"""Progress of long runs on stderr: documents done, documents per second, and the ETA when known.

Shown only when stderr is a terminal and the user did not ask for ``--quiet``: logs, pipes and
tests stay clean. The count of documents in the input is rarely known before reading it all;
:func:`estimate_total` gives a cheap estimate for the formats where one exists (a file per article,
a line per JSON record), so the bar can show an ETA without holding the corpus in memory.
"""

from __future__ import annotations

import gzip
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any, TypeVar

__all__ = ["Progress", "estimate_total", "progress", "show_progress"]

T = TypeVar("T")

_ONE_PER_FILE = (".txt", ".html", ".htm")
_ONE_PER_LINE = (".jsonl", ".ndjson")
_ONE_PER_LINE_GZ = (".jsonl.gz", ".ndjson.gz")


def show_progress(*, quiet: bool = False, stream: IO[str] | None = None) -> bool:
    """Whether to draw a progress bar: not asked to be quiet, and writing to a terminal."""
    target = stream if stream is not None else sys.stderr
    isatty = getattr(target, "isatty", None)
    return not quiet and callable(isatty) and bool(isatty())


class Progress:
    """A progress bar (tqdm on stderr) counting documents; does nothing when not shown.

    >>> with Progress(total=2_000, quiet=False) as bar:  # doctest: +SKIP
    ...     bar.update(32)
    """

    def __init__(
        self,
        *,
        total: int | None = None,
        unit: str = "doc",
        description: str = "coding",
        quiet: bool = False,
        stream: IO[str] | None = None,
    ) -> None:
        self.count = 0
        self._bar: Any = None
        if show_progress(quiet=quiet, stream=stream):
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                unit=unit,
                desc=description,
                file=stream if stream is not None else sys.stderr,
                dynamic_ncols=True,
                smoothing=0.05,
                mininterval=0.5,
            )

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def update(self, done: int = 1) -> None:
        """Count ``done`` more documents."""
        self.count += done
        if self._bar is not None:
            self._bar.update(done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def progress(
    items: Iterable[T],
    *,
    total: int | None = None,
    unit: str = "doc",
    description: str = "coding",
    quiet: bool = False,
    stream: IO[str] | None = None,
) -> Iterator[T]:
    """Yield ``items`` unchanged, counting them on a progress bar (see :class:`Progress`)."""
    with Progress(
        total=total, unit=unit, description=description, quiet=quiet, stream=stream
    ) as bar:
        for item in items:
            yield item
            bar.update()


def _lines(path: Path, compressed: bool) -> int:
    opener: Any = gzip.open if compressed else open
    count = 0
    with opener(path, "rb") as handle:
        for line in handle:
            count += bool(line.strip())
    return count


def _files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        yield from (Path(folder, name) for name in names if not name.startswith("."))


def estimate_total(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """About how many documents ``paths`` hold, or None when that cannot be known cheaply.

    One per text or HTML file, one per non-blank line of a JSON Lines file (gzipped ones are
    decompressed once more to count). WARC archives hold an unknown number of pages: None.
    Unreadable files are counted as they are found; the bar's total is only a guide.
    """
    total = 0
    for root in paths:
        for path in _files(Path(root)):
            name = path.name.lower()
            try:
                if name.endswith(_ONE_PER_LINE_GZ):
                    total += _lines(path, compressed=True)
                elif name.endswith(_ONE_PER_LINE):
                    total += _lines(path, compressed=False)
                elif name.endswith(_ONE_PER_FILE):
                    total += 1
                elif name.endswith((".warc", ".warc.gz")):
                    return None
            except (OSError, EOFError):
                total += 1
    return total
