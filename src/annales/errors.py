"""The one exception family of annales.

Every error a user can meet is an ``AnnalesError``; its message says what went wrong, where
(file, line, record) and what to do. Only the CLI turns them into exit codes.
"""

from __future__ import annotations

__all__ = [
    "AnnalesError",
    "ConfigError",
    "DataError",
    "IngestError",
    "ModelError",
    "QueryError",
    "StoreError",
]


class AnnalesError(Exception):
    """Base class of every error annales raises on purpose."""


class IngestError(AnnalesError):
    """An input file or record cannot be read (empty, binary, malformed, too large...)."""


class ModelError(AnnalesError):
    """A language model is missing or cannot be loaded."""


class DataError(AnnalesError):
    """A lexicon, actor dictionary or pattern file is invalid (the message names file and line)."""


class ConfigError(AnnalesError):
    """A setting or option has an invalid value."""


class StoreError(AnnalesError):
    """The event store cannot be opened, written or read."""


class QueryError(AnnalesError):
    """A query parameter is invalid (unknown type, bad date, ...)."""
