"""Text bound for a terminal, a log or a spreadsheet, made harmless to its reader.

Documents, file names and records are written by strangers. Printed raw, a newline in a file
name forges a second ``annales: error:`` line, an escape sequence in an article rewrites the
terminal, and a CSV cell starting with ``=`` runs as a formula when the file is opened in a
spreadsheet. Every message and table the CLI prints goes through :func:`printable` (or
:func:`json_text`); every CSV cell through :func:`csv_cell`.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["FORMULA_PREFIXES", "csv_cell", "json_text", "printable", "terminal_cell"]

# C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidirectional
# embeddings, overrides and isolates that reorder what a terminal shows.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The same minus the tab and the newline, which a CSV writer quotes properly.
_CONTROL_IN_CELL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters JSON allows raw that a terminal does not: DEL, C1, separators, bidi controls (C0
# controls are escaped by json.dumps itself).
_CONTROL_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# What makes a spreadsheet read a cell as a formula (OWASP's list: =, +, -, @, tab, CR).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def printable(text: object) -> str:
    """``text`` on one line with every control character written as an escape (``\\n``,
    ``\\x1b``, ``\\u202e``); accents, non-breaking spaces and every other letter are kept."""
    return _CONTROL.sub(_escape, str(text))


def json_text(value: Any, *, indent: int | None = None) -> str:
    """``value`` as JSON (one line unless ``indent``), non-ASCII kept, every control character
    escaped."""
    text = json.dumps(value, ensure_ascii=False, default=str, indent=indent)
    return _CONTROL_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def csv_cell(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text: one starting like a formula gets a leading
    apostrophe (``=1+1`` becomes ``'=1+1``); a lone ``-`` (an empty side) is left alone."""
    if value.startswith(FORMULA_PREFIXES) and value != "-":
        return "'" + value
    return value


def terminal_cell(value: str) -> str:
    """A CSV cell printed to a terminal: :func:`csv_cell` with controls other than tab and
    newline escaped."""
    return csv_cell(_CONTROL_IN_CELL.sub(_escape, value))
