"""The ingest stage: news files (text, HTML, JSON Lines, WARC) in, :class:`Document` records out.

>>> from annales.ingest import read_documents
>>> for item in read_documents(["articles/"]):  # doctest: +SKIP
...     print(item)

Bad input never stops a run: each unreadable file or record comes out as an
:class:`~annales.model.IngestProblem` saying which and why, among the documents.
"""

from __future__ import annotations

from annales.ingest.document import IngestLimits, Outcome, dated
from annales.ingest.files import SUPPORTED_EXTENSIONS, read_documents, read_path
from annales.ingest.lang import detect_language
from annales.ingest.problems import MAX_KEPT_PROBLEMS, ProblemLog

__all__ = [
    "MAX_KEPT_PROBLEMS",
    "SUPPORTED_EXTENSIONS",
    "IngestLimits",
    "Outcome",
    "ProblemLog",
    "dated",
    "detect_language",
    "read_documents",
    "read_path",
]
