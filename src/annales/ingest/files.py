"""Files and folders in, documents and problems out: pick a reader by extension, walk folders.

Nothing a user can put on disk makes these functions raise: every file or record that cannot be
read becomes an :class:`IngestProblem` naming it and saying why, and reading goes on.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from annales.errors import IngestError
from annales.ingest.document import DEFAULT_LIMITS, IngestLimits, Outcome, internal_error
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
    try:
        is_folder = stat.S_ISDIR(path.stat().st_mode)
    except OSError:  # missing, a link loop, a name too long...: _read_file names the problem
        is_folder = False
    if is_folder:
        yield from _walk(path, limits)
    else:
        yield from _read_file(path, limits)


def _walk(top: Path, limits: IngestLimits) -> Iterator[Outcome]:
    """Every file under ``top``, in name order, depth first, with an explicit stack.

    No recursion, so any depth of nesting is walked; each folder is entered once (by device and
    inode), so a loop made by links or mounts is reported rather than followed for ever.
    """
    seen: set[tuple[int, int]] = set()
    # Each entry: the entries of a folder still to visit, in reverse name order (pop() is next).
    stack: list[list[os.DirEntry[str] | Path]] = [[top]]
    while stack:
        pending = stack[-1]
        if not pending:
            stack.pop()
            continue
        item = pending.pop()
        path = Path(item) if isinstance(item, Path) else Path(item.path)
        if isinstance(item, os.DirEntry):
            if item.name.startswith("."):
                continue
            try:
                folder = item.is_dir()
            except OSError as error:
                yield IngestProblem(str(path), _unreachable(error))
                continue
            if not folder:
                yield from _read_file(path, limits)
                continue
            if item.is_symlink():
                # Links to folders can form loops; a user who wants them can pass them explicitly.
                yield IngestProblem(str(path), "link to a folder, not followed")
                continue
        try:
            info = path.stat()
            if (info.st_dev, info.st_ino) in seen:
                yield IngestProblem(str(path), "folder already read (a loop of links or mounts)")
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(path) as scan:
                entries: list[os.DirEntry[str] | Path] = sorted(
                    scan, key=lambda entry: entry.name, reverse=True
                )
        except OSError as error:
            yield IngestProblem(str(path), f"cannot list the folder: {_os_reason(error)}")
            continue
        stack.append(entries)


def _unreachable(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "link loop (too many levels of symbolic links), not followed"
    return f"cannot be read: {_os_reason(error)}"


def _read_file(path: Path, limits: IngestLimits) -> Iterator[Outcome]:
    source = str(path)
    try:
        info = path.stat()
    except OSError as error:
        missing = error.errno in (errno.ENOENT, errno.ENOTDIR)
        yield IngestProblem(source, "no such file or directory" if missing else _unreachable(error))
        return
    if not stat.S_ISREG(info.st_mode):
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
    except Exception as error:
        # A reader's bug or a library's undocumented failure on hostile bytes: this file is lost
        # (after the documents already yielded), the run goes on with the next one.
        yield IngestProblem(source, internal_error(error))


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
