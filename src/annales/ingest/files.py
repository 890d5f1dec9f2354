"""Files and folders in, documents and problems out: pick a reader by extension, walk folders.

Nothing a user can put on disk makes these functions raise: every file or record that cannot be
read becomes an :class:`IngestProblem` naming it and saying why, and reading goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from annales.errors import IngestError
from annales.ingest.document import DEFAULT_LIMITS, IngestLimits, Outcome
from annales.ingest.html import read_html_file
from annales.ingest.jsonl import read_jsonl_file
from annales.ingest.text import read_text_file
from annales.ingest.warc import read_warc_file
from annales.model import IngestProblem

__all__ = ["SUPPORTED_EXTENSIONS", "read_documents", "read_path"]

Reader = Callable[[Path, str, IngestLimits], Iterator[Outcome]]


def _read_jsonl(path: Path, source: str, limits: IngestLimits) -> Iterator[Outcome]:
    return read_jsonl_file(path, source, limits, compressed=False)


def _read_jsonl_gz(path: Path, source: str, limits: IngestLimits) -> Iterator[Outcome]:
    return read_jsonl_file(path, source, limits, compressed=True)


# Longest suffixes first, so that "a.jsonl.gz" is not taken for some other ".gz".
_READERS: tuple[tuple[str, Reader], ...] = (
    (".jsonl.gz", _read_jsonl_gz),
    (".ndjson.gz", _read_jsonl_gz),
    (".warc.gz", read_warc_file),
    (".jsonl", _read_jsonl),
    (".ndjson", _read_jsonl),
    (".warc", read_warc_file),
    (".txt", read_text_file),
    (".html", read_html_file),
    (".htm", read_html_file),
)
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(suffix for suffix, _reader in _READERS)
_EXPECTED = "expected .txt, .html, .jsonl, .jsonl.gz, .warc.gz"


def read_documents(
    paths: Iterable[str | os.PathLike[str]], *, limits: IngestLimits | None = None
) -> Iterator[Outcome]:
    """Documents from files and folders, in order; an :class:`IngestProblem` for each bad input.

    Folders are walked recursively in name order, skipping hidden files and folders. Documents
    are read lazily: a JSON Lines file of any size is never held in memory.
    """
    if isinstance(paths, str | bytes | os.PathLike):
        # A lone path would be iterated character by character: an error in the calling code.
        raise TypeError("read_documents() takes a list of paths; use read_path() for one path")
    for path in paths:
        yield from read_path(path, limits=limits)


def read_path(
    path: str | os.PathLike[str], *, limits: IngestLimits | None = None
) -> Iterator[Outcome]:
    """Documents and problems of one file (a folder is walked as :func:`read_documents` does)."""
    limits = limits or DEFAULT_LIMITS
    path = Path(path)
    if path.is_dir():
        yield from _walk(path, limits)
    else:
        yield from _read_file(path, limits)


def _walk(folder: Path, limits: IngestLimits) -> Iterator[Outcome]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield IngestProblem(str(folder), f"cannot list the folder: {_os_reason(error)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir():
            if entry.is_symlink():
                # Links to folders can form loops; a user who wants them can pass them explicitly.
                yield IngestProblem(str(path), "link to a folder, not followed")
            else:
                yield from _walk(path, limits)
        else:
            yield from _read_file(path, limits)


def _read_file(path: Path, limits: IngestLimits) -> Iterator[Outcome]:
    source = str(path)
    if not path.exists():
        yield IngestProblem(source, "no such file or directory")
        return
    if not path.is_file():
        yield IngestProblem(source, "not a regular file")
        return
    reader = _reader_for(path.name)
    if reader is None:
        yield IngestProblem(source, f"unsupported file type {_suffix(path)} ({_EXPECTED})")
        return
    try:
        yield from reader(path, source, limits)
    except IngestError as error:
        yield IngestProblem(source, str(error))
    except OSError as error:
        yield IngestProblem(source, f"cannot be read: {_os_reason(error)}")


def _reader_for(name: str) -> Reader | None:
    name = name.lower()
    for suffix, reader in _READERS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return reader
    return None


def _suffix(path: Path) -> str:
    suffixes = path.suffixes
    if not suffixes:
        return "(no extension)"
    shown = "".join(suffixes[-2:]) if suffixes[-1].lower() == ".gz" else suffixes[-1]
    return f"'{shown}'"


def _os_reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
