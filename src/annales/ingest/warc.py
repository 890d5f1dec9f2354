"""Web archives (``.warc``, ``.warc.gz``): every HTML response becomes a document.

warcio comes with the ``dask`` extra, since crawls are what one reads on a cluster; without it a
WARC file is reported as a problem rather than breaking the import of annales.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annales.errors import IngestError
from annales.ingest.document import IngestLimits, Outcome, internal_error
from annales.ingest.html import html_to_document
from annales.model import IngestProblem, stable_id

__all__ = ["MAX_HEADER_BYTES", "read_warc_file"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Header lines (WARC and HTTP headers, blank lines between records) one record may take; real
# records use a few kilobytes. ``max_record_bytes`` lowers it.
MAX_HEADER_BYTES = 1 << 20


def read_warc_file(path: Path, source: str, limits: IngestLimits) -> Iterator[Outcome]:
    """Documents of the HTML responses of a WARC file, each named ``path#N`` (its record number).

    Other records (requests, metadata, images...) are skipped silently: they are not articles.
    Raises :class:`IngestError` when warcio is missing, when the archive breaks off (the records
    before the break have already been yielded), or when it holds no HTML response at all.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise IngestError("reading WARC files needs warcio: pip install 'annales[dask]'") from None

    number = found = 0
    budget = min(limits.max_record_bytes, MAX_HEADER_BYTES)
    with path.open("rb") as stream:
        archive = ArchiveIterator(stream)
        # warcio reads header lines with an unbounded readline: a file of zeros (no line break)
        # would be read whole into one line. Its reader is replaced, before any read, by one that
        # allows each record at most ``budget`` bytes of header lines.
        guard = _guarded_reader(archive.fh, budget)
        archive.reader = guard
        records = iter(archive)
        while True:
            guard.line_budget = budget
            try:
                record = next(records, None)
            except _HeadersTooLong:
                raise IngestError(
                    f"record {number + 1} has more than {budget:,} bytes of header lines "
                    "(max_record_bytes, at most 1 MiB): not a WARC file, or a corrupt one; "
                    "the rest of the file is skipped"
                ) from None
            # warcio fails on a malformed archive with whatever its parser trips on: not only
            # ArchiveLoadFailed but AttributeError (a record without a target URI), zlib.error...
            # Only warcio runs inside this try, so any error here is the archive's, not ours.
            except Exception as error:
                raise IngestError(
                    f"WARC data is truncated or corrupt after record {number} ({error})"
                ) from None
            if record is None:
                break
            number += 1
            if record.rec_type != "response" or not _is_html(record):
                continue
            found += 1
            yield _response(record, f"{source}#{number}", limits)
    if not found:
        raise IngestError("no HTML response record in this WARC file")


class _HeadersTooLong(Exception):
    """Raised inside warcio's parser when a record's header lines pass their budget."""


def _guarded_reader(stream: Any, budget: int) -> Any:
    """warcio's decompressing reader, with every ``readline`` drawn from ``line_budget``.

    Payloads are read with ``read`` and are not counted (``max_record_bytes`` bounds them).
    """
    from warcio.bufferedreaders import DecompressingBufferedReader

    class GuardedReader(DecompressingBufferedReader):  # type: ignore[misc]
        line_budget = budget

        def readline(self, length: int | None = None) -> bytes:
            allowed = self.line_budget + 1  # one byte past the budget tells "too long"
            if length is None or length < 0 or length > allowed:
                length = allowed
            line: bytes = super().readline(length)
            self.line_budget -= len(line)
            if self.line_budget < 0:
                raise _HeadersTooLong
            return line

    return GuardedReader(stream)


def _is_html(record: Any) -> bool:
    headers = record.http_headers
    if headers is None:
        return False
    content_type = str(headers.get_header("Content-Type") or "").lower()
    return content_type.startswith(_HTML_TYPES)


def _charset(record: Any) -> str | None:
    content_type = str(record.http_headers.get_header("Content-Type") or "")
    for parameter in content_type.split(";")[1:]:
        name, _equals, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _response(record: Any, where: str, limits: IngestLimits) -> Outcome:
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    record_id = str(record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    limit = limits.max_record_bytes
    # content_stream() undoes chunked and gzip transfer encodings: read it bounded, like any gzip.
    try:
        payload = record.content_stream().read(limit + 1)
    except Exception as error:  # as in read_warc_file: only warcio runs here
        return IngestProblem(where, f"record cannot be read ({error})")
    if len(payload) > limit:
        reason = f"payload is larger than the {limit:,} byte limit (max_record_bytes)"
        return IngestProblem(where, reason)
    # warcio returns a record cut short by the end of the file as if it were whole; the bytes
    # its Content-Length promised but never came are the only sign of it.
    if getattr(record.raw_stream, "limit", 0) > 0:
        return IngestProblem(where, "record is cut short: the WARC file is truncated")
    try:
        return html_to_document(
            payload,
            source=where,
            limits=limits,
            doc_id=record_id or (stable_id(url) if url else None),
            url=url,
            charset=_charset(record),
        )
    except IngestError as error:
        return IngestProblem(where, str(error))
    except Exception as error:  # a library's surprise on one page loses that page only
        return IngestProblem(where, internal_error(error))
