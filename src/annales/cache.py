"""Compiled data kept on disk between runs: the gazetteer, the actor knowledge base and its name
index, the trigger lexicons.

Building them from their source files takes about 1.5 s that a user would otherwise wait for on
every command. Each is stored once, under the user's cache folder, in a file named by a content
hash of everything it was built from (the data files, the user's own files, the versions of
annales, Python and the libraries read): any change to one of them gives another name, so the
compiled copy is rebuilt, never stale. A cache file that cannot be read (damaged, written by
another version) is rebuilt too; a cache folder that cannot be written only costs the rebuild.

``ANNALES_CACHE_DIR`` chooses the folder (default: ``$XDG_CACHE_HOME/annales`` or
``~/.cache/annales``); ``ANNALES_CACHE_DIR=off`` turns the cache off.

The files are pickles, read only from the user's own cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from annales import __version__

__all__ = ["ENV_VAR", "cache_dir", "cached", "content_key", "source_files"]

ENV_VAR = "ANNALES_CACHE_DIR"
_OFF = {"off", "none", "0", "false", "no"}
_FORMAT = "1"  # bump when what is pickled changes shape without a version change
_KEPT = 4  # builds kept per name

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The folder of compiled data, or None when the cache is turned off."""
    chosen = os.environ.get(ENV_VAR, "").strip()
    if chosen.lower() in _OFF:
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "annales"


def content_key(*parts: str | bytes, files: Iterable[Path | str] = ()) -> str:
    """A hash of ``parts`` and of the bytes of ``files`` (their content, not their dates), with
    the versions of annales and Python: equal keys mean the same inputs. Callers list the source
    files of the code that builds the value among ``files``, so that a changed class or builder
    is never fed a pickle of the old shape."""
    digest = hashlib.sha256()
    for part in (_FORMAT, __version__, sys.version, *parts):
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    for path in files:
        data = Path(path).read_bytes()
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()[:32]


def source_files(*modules: str) -> list[Path]:
    """The source files of ``modules`` (imported names, e.g. ``"annales.actors.matcher"``)."""
    import importlib

    return [Path(str(importlib.import_module(name).__file__)) for name in modules]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The value ``build()`` returns, read from the cache file of ``name`` and ``key`` when there
    is one; otherwise built and written there (older files of ``name`` are removed)."""
    from annales.nlp import collector_paused

    # What is read or built here lives as long as the process (the knowledge base and its
    # index, the lexicons: hundreds of thousands of objects, none of them garbage): collections
    # while it loads would walk it all for nothing (0.05 CPU seconds of a one-line run).
    with collector_paused():
        return _cached(name, key, build)


def _cached(name: str, key: str, build: Callable[[], T]) -> T:
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # type: ignore[no-any-return]
    except Exception:  # missing, damaged or from another version: build it again
        pass
    value = build()
    _write(folder, name, path, value)
    return value


def _write(folder: Path, name: str, path: Path, value: object) -> None:
    """Write atomically (a reader never sees half a file); a failure only costs the rebuild."""
    partial = folder / f".{name}-{os.getpid()}-{threading.get_ident()}.partial"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except Exception:  # a value that cannot be kept (unpicklable, disk full): rebuilt next time
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return
    # Keep the few latest builds of ``name`` (a user switching between two sets of files does
    # not rebuild each time); older ones go, so that the folder does not grow with every edit.
    with contextlib.suppress(OSError):
        builds = sorted(folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in builds[:-_KEPT]:
            old.unlink()
