"""Bytes to text: guess the encoding of a news file without ever refusing real text.

News archives come in UTF-8, UTF-8 with a BOM, UTF-16 from Windows tools, and Windows-1252 or
Latin-1 from older French sites. We try them in order of how much evidence they need, and only
call a file binary when what it decodes to is mostly control characters.
"""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO

from annales.errors import IngestError

__all__ = [
    "BINARY_REASON",
    "clean_text",
    "decode_bytes",
    "read_bounded",
    "sniff_html_charset",
]

BINARY_REASON = "binary file, not text"

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Enough bytes to judge a file by, small enough that judging a 20 MB file stays instant.
_SAMPLE_BYTES = 64 * 1024
# Controls that never appear in prose (tab, newlines and form feed excluded), C1 controls that
# only appear when bytes were forced through Latin-1, and the replacement character.
_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x9f\ufffd]")
_MAX_NON_TEXT_RATIO = 0.05
_MAX_NUL_RATIO = 0.01
# Declared charsets that browsers read as Windows-1252 (WHATWG Encoding Standard).
_CP1252_ALIASES = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "ascii", "us-ascii"})
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_NEWLINES = re.compile(r"\r\n?")
# Text codecs that no web page can mean: they decode escapes or domain names, not documents.
_NOT_DECLARABLE = frozenset(
    {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "utf-7"}
)


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode ``data``, guessing the encoding; ``declared`` is a charset named by the source.

    Raises :class:`IngestError` when the bytes are not text at all.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            # A byte-order mark is strong evidence: keep the text even if a few bytes are bad.
            text = data[len(bom) :].decode(codec, errors="replace")
            break
    else:
        text = _decode_without_bom(data, declared)
    if _looks_binary(text):
        raise IngestError(BINARY_REASON)
    return text


def _decode_without_bom(data: bytes, declared: str | None) -> str:
    sample = data[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        codec = _utf16_without_bom(sample)
        if codec is not None:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise IngestError(BINARY_REASON) from None
        # A stray NUL or two in an article is damage; many of them is a binary format.
        if sample.count(0) > max(3, len(sample) * _MAX_NUL_RATIO):
            raise IngestError(BINARY_REASON)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = _known_codec(declared)
    if codec is not None and codec != "utf-8":
        try:
            return data.decode(codec, errors="replace")
        except (UnicodeError, LookupError, ValueError):
            pass  # a codec that cannot even replace bad bytes (idna, punycode): guess instead
    # A UTF-8 file with a stray bad byte would turn every accent into mojibake under cp1252,
    # while a cp1252 file almost never holds a valid multi-byte UTF-8 sequence by accident: most
    # of its accents are invalid UTF-8, so good sequences outnumbering bad ones settles it.
    lenient = data.decode("utf-8", errors="replace")
    sample_text = lenient[:_SAMPLE_BYTES]
    bad = sample_text.count("\ufffd")
    good = sum(1 for char in sample_text if char > "\x7f") - bad
    if good > 2 * bad:
        return lenient
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # Five bytes are undefined in cp1252; Latin-1 maps every byte, so this cannot fail.
        return data.decode("latin-1")


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 of mostly Latin text has a NUL in every other byte; say which half holds them."""
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.7 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.7 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _known_codec(name: str | None) -> str | None:
    """The text encoding a source declares, or None for an unknown or a non-text codec.

    Python's codec registry also holds bytes-to-bytes and text-to-text transforms (zlib,
    base64, hex, rot13, bz2...) and escape codecs: a page declaring one of them is guessed.
    """
    if not name:
        return None
    name = name.strip().lower()
    if name in _CP1252_ALIASES:
        return "cp1252"
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # CodecInfo marks the transforms with _is_text_encoding=False (a documented attribute since
    # Python 3.4, though underscored); the escape codecs read backslashes as markup.
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_DECLARABLE:
        return None
    return info.name


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE_BYTES]
    if not sample:
        return False
    return len(_NON_TEXT.findall(sample)) > len(sample) * _MAX_NON_TEXT_RATIO


def sniff_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def clean_text(text: str) -> str:
    """Drop NUL characters and normalise newlines; nothing else, so offsets stay meaningful."""
    return _NEWLINES.sub("\n", text.replace("\x00", ""))


def read_bounded(stream: BinaryIO, limit: int, what: str) -> bytes:
    """Read at most ``limit`` bytes of ``stream``, refusing (not truncating) anything bigger.

    Reading one byte past the limit is how we tell "exactly at the limit" from "too big" without
    trusting a size the file system or a gzip header reports.
    """
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise IngestError(f"{what} is larger than the {limit:,} byte limit (max_record_bytes)")
    return data
