"""JSON Lines (plain or gzip): one article per line, read one line at a time.

A record holds ``id``, ``title``, ``text``, ``pub_date``, ``url`` and ``lang``; only ``text`` is
required (``content`` and ``body`` are accepted for it). Each bad line becomes an
:class:`IngestProblem` named ``path:LINE`` and reading goes on with the next one.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from annales.errors import IngestError
from annales.ingest.document import IngestLimits, Outcome, build_document, internal_error
from annales.model import Document, IngestProblem

__all__ = ["document_from_record", "read_jsonl_file"]

TEXT_KEYS = ("text", "content", "body")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# JSON may escape half of a UTF-16 pair ("\ud800"); such a string cannot be encoded or stored.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SKIP_CHUNK = 1 << 20
_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def read_jsonl_file(
    path: Path, source: str, limits: IngestLimits, *, compressed: bool
) -> Iterator[Outcome]:
    """Documents and problems of a JSON Lines file, never holding more than one line in memory.

    Raises :class:`IngestError` when the file itself breaks off (truncated or corrupt gzip); the
    records before the break have already been yielded. A file without a record (empty, or only
    blank lines) is refused too.
    """
    limit = limits.max_record_bytes
    line_number = records = 0
    with _open(path, compressed) as stream:
        try:
            while line := stream.readline(limit + 1):
                line_number += 1
                where = f"{source}:{line_number}"
                if len(line) > limit and not line.endswith(b"\n"):
                    records += 1
                    yield IngestProblem(where, _too_large(limit))
                    if not _skip_rest_of_line(stream, limit):
                        yield IngestProblem(
                            source,
                            f"line {line_number} goes on past twice the {limit:,} byte limit "
                            "(max_record_bytes): the rest of the file is skipped",
                        )
                        return
                    continue
                if line_number == 1:
                    line = line.removeprefix(b"\xef\xbb\xbf")
                if line.strip():
                    records += 1
                    yield _parse_line(line, where, limits)
        except EOFError:
            raise IngestError(_broken_gzip("ends early (truncated file?)", line_number)) from None
        except (OSError, zlib.error) as error:  # gzip.BadGzipFile is an OSError
            raise IngestError(_broken_gzip(f"is corrupt ({error})", line_number)) from None
    if not records:
        # Like an empty .txt file: a truncated download must not pass for an empty batch.
        raise IngestError("empty file: no JSON record")


def _open(path: Path, compressed: bool) -> io.BufferedIOBase:
    # GzipFile decompresses as it is read, so a bomb is never inflated beyond what we ask for.
    return gzip.open(path, "rb") if compressed else path.open("rb")


def _too_large(limit: int) -> str:
    return f"record is larger than the {limit:,} byte limit (max_record_bytes)"


def _broken_gzip(what: str, line_number: int) -> str:
    if line_number == 0:
        return f"gzip data {what}: no record could be read"
    return f"gzip data {what} after line {line_number}: the records before it were read"


def _skip_rest_of_line(stream: io.BufferedIOBase, limit: int) -> bool:
    """Read past an oversized line in bounded chunks; False when it goes on past the limit again.

    Skipping stays bounded too: a gzip bomb is one endless line, and reading all of it to find
    the next newline would cost the time the limit exists to save.
    """
    skipped = 0
    while chunk := stream.readline(_SKIP_CHUNK):
        if chunk.endswith(b"\n"):
            return True
        skipped += len(chunk)
        if skipped > limit:
            return False
    return True


def _parse_line(line: bytes, where: str, limits: IngestLimits) -> Outcome:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        position = error.start + 1
        return IngestProblem(where, f"not valid UTF-8 (byte {position}); JSON Lines must be UTF-8")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return IngestProblem(where, f"malformed JSON at column {error.colno}: {error.msg}")
    except RecursionError:
        return IngestProblem(where, "malformed JSON: nested too deeply")
    except ValueError as error:  # e.g. an integer with more digits than Python accepts
        return IngestProblem(where, f"malformed JSON: {error}")
    if not isinstance(record, dict):
        return IngestProblem(where, f"expected a JSON object, got {_json_type(record)}")
    try:
        return document_from_record(record, source=where, limits=limits)
    except IngestError as error:
        return IngestProblem(where, str(error))
    except Exception as error:  # one record's surprise never ends the file
        return IngestProblem(where, internal_error(error))


def document_from_record(record: dict[str, Any], *, source: str, limits: IngestLimits) -> Document:
    """A Document from one decoded record; raises :class:`IngestError` naming the bad field."""
    text = None
    for key in TEXT_KEYS:
        text = _optional_str(record, key)
        if text is not None:
            break
    if text is None or not text.strip():
        raise IngestError("record has no text (expected a non-empty 'text' field)")
    lang = _optional_str(record, "lang")
    return build_document(
        text=text,
        title=_optional_str(record, "title") or "",
        source=source,
        limits=limits,
        doc_id=_record_id(record.get("id")),
        pub_date=_pub_date(record.get("pub_date")),
        pub_date_source="record",
        url=_optional_str(record, "url"),
        lang=_language_code(lang),
    )


def _language_code(value: str | None) -> str | None:
    """The primary subtag, lower case: "fr-FR", "fr_FR" and "FR" all mean "fr" downstream."""
    code = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower() if value else ""
    return code or None


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return _valid_unicode(value)
    raise IngestError(f"field '{key}' must be a string, not {_json_type(value)}")


def _valid_unicode(value: str | None) -> str | None:
    """``value`` with each lone surrogate replaced by U+FFFD, as a decoder does with bad bytes."""
    return _LONE_SURROGATE.sub("\ufffd", value) if value else value


def _record_id(value: object) -> str | None:
    if value is None or value == "":
        return None
    # bool is an int subclass, and an id of true is a mistake rather than an id.
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return _valid_unicode(str(value))
    raise IngestError(f"field 'id' must be a string or an integer, not {_json_type(value)}")


def _pub_date(value: object) -> date | None:
    """``YYYY-MM-DD`` or an ISO datetime (its date as written, not converted to UTC)."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        candidate = value.strip()
        try:
            if len(candidate) == 10:
                return date.fromisoformat(candidate)
            return datetime.fromisoformat(candidate).date()
        except ValueError:
            pass
    shown = value if isinstance(value, str) else json.dumps(value)
    raise IngestError(f"pub_date {shown[:60]!r} is not a date (YYYY-MM-DD)")


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)
