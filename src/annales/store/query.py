"""Which events to read: one validated, immutable query shared by the Python API, CLI and web UI.

:class:`EventQuery` turns into a SQL ``WHERE``/``ORDER BY`` made only of fixed fragments; every
value that came from a user travels as a bound parameter, because the web UI exposes these queries.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from annales.errors import QueryError
from annales.model import EVENT_TYPES, OPTIONAL_MODALITIES, QUAD_CLASS, SYMMETRIC_TYPES

__all__ = ["MODALITIES", "ORDERS", "EventQuery", "accent_pattern", "fold_text"]

QUAD_CLASSES: tuple[str, ...] = tuple(dict.fromkeys(QUAD_CLASS.values()))

# Every order ends on the event id so that pages never overlap or skip rows between two requests.
ORDERS: dict[str, str] = {
    "date": "e.date_start ASC NULLS LAST, e.doc_id, e.start, e.id",
    "-date": "e.date_start DESC NULLS LAST, e.doc_id, e.start, e.id",
    "type": "e.type, e.date_start ASC NULLS LAST, e.doc_id, e.start, e.id",
    "doc": "e.doc_id, e.start, e.id",
    "-confidence": "e.confidence DESC, e.date_start ASC NULLS LAST, e.id",
}

_ACTOR_EXISTS = (
    "EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND {role} AND a.code = ?)"
)
# The events linking two actors: one on each side (either way round), or both among the parties
# of a symmetric event, whose "actor" is arbitrary. Two uncorrelated semi-joins over the actor
# rows: five times faster on a million events than one EXISTS per side and direction.
_PAIRED = (
    "SELECT x.event_id FROM event_actors x "
    "JOIN event_actors y ON y.event_id = x.event_id AND y.code = ? WHERE x.code = ?"
)
_BETWEEN = (
    f"(e.id IN ({_PAIRED} AND x.role <> y.role) "
    f"OR (list_contains(?, e.type) AND e.id IN ({_PAIRED})))"
)
# "asserted": an event the text states as done (no optional modality).
MODALITIES: tuple[str, ...] = ("asserted", *sorted(OPTIONAL_MODALITIES))
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")
_TEXT_FIELDS = (
    "actor", "recipient", "involving", "type", "quad_class", "doc_id", "text", "place", "modality"
)  # fmt: skip
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


# The store counts rows in 64-bit integers: a larger limit or offset is no count it can use.
_MAX_COUNT = 2**63 - 1


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_COUNT


def _code(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if not code:
        raise QueryError(f"{name} must be an actor code such as RUS or UN, not an empty string")
    return code


def fold_text(text: str) -> str:
    """``text`` lower-cased without accents ("Crimée" -> "crimee")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# The accented forms a plain letter of a search stands for. A regular expression of character
# classes runs about four times faster in DuckDB than folding every stored sentence with
# strip_accents (1 s per million sentences on the development machine).
_ACCENTED = {
    "a": "aàâäáãåā", "c": "cçćč", "e": "eéèêëēě", "i": "iîïíìī", "o": "oôöóòõøō",
    "u": "uùûüúū", "y": "yÿý", "n": "nñń", "g": "gğ", "s": "sşšś", "z": "zžź", "r": "rř",
}  # fmt: skip
_REGEX_SPECIAL = frozenset(".^$*+?()[]{}|\\-/")


def accent_pattern(text: str) -> str:
    """A case-insensitive regular expression (RE2) matching ``text`` with or without accents:
    "Crimee" and "crimée" both match "Crimée"."""
    parts = []
    for char in fold_text(text):
        if char in _ACCENTED:
            parts.append(f"[{_ACCENTED[char]}]")
        else:
            parts.append("\\" + char if char in _REGEX_SPECIAL else char)
    return "(?i)" + "".join(parts)


def _actor_code(text: str, name: str) -> str:
    """The code of an actor given by code or by name, for text parameters (CLI, URL)."""
    from annales.actors.codes import resolve_code  # "Russie", "CEDEAO" -> RUS, ORG:ECOWAS

    try:
        return resolve_code(text)
    except QueryError as err:
        raise QueryError(f"{name}: {err}") from None


@dataclass(frozen=True)
class EventQuery:
    """A filter over stored events; every field left at its default does not filter.

    - ``actor`` / ``recipient``: an actor code on that side of the event; ``involving``: on
      either side. :meth:`from_strings` also takes a name or alias ("Russie", "CEDEAO") and
      turns it into its code (:func:`annales.actors.codes.resolve_code`).
    - ``between``: two actor codes (A, B): A on one side and B on the other, either way round,
      or both among the parties of a symmetric event (CONSULT, AGREE, COOPERATE). Text
      parameters write it ``"RUS,TUR"``.
    - ``type`` (a PLOVER type) and ``quad_class`` are case-insensitive.
    - ``since`` / ``until`` keep the events whose date period overlaps ``[since, until]``: an event
      dated "2018-09" matches ``since=2018-09-15``. Events without a date never match a date filter.
    - ``text``: case- and accent-insensitive substring of the quote or the sentence ("crimee"
      finds "Crimée"); ``place``: a country code, or a case-insensitive substring of the place
      name.
    - optional events (``Event.optional``) are left out unless ``include_optional``.
    - ``modality``: only the events of that modality (``asserted``, or one of
      :data:`~annales.model.OPTIONAL_MODALITIES`); optional ones are then kept whatever
      ``include_optional`` says, since asking for "planned" events means wanting them.
    - ``min_confidence`` (0 to 1) keeps the events the coder was at least that sure of
      (``Event.confidence``: the event model's probability for the model and hybrid coders).
    """

    actor: str | None = None
    recipient: str | None = None
    involving: str | None = None
    between: tuple[str, str] | None = None
    type: str | None = None
    quad_class: str | None = None
    since: date | None = None
    until: date | None = None
    doc_id: str | None = None
    text: str | None = None
    place: str | None = None
    include_optional: bool = False
    modality: str | None = None
    min_confidence: float | None = None
    limit: int | None = None
    offset: int = 0
    order: str = "date"

    def __post_init__(self) -> None:
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise QueryError(f"{name} must be text, not {value!r}")
        # Normalised here (frozen dataclass, hence object.__setattr__) so that two queries meaning
        # the same thing compare equal, which lets a web UI cache by query.
        for name in ("actor", "recipient", "involving"):
            object.__setattr__(self, name, _code(getattr(self, name), name))
        if self.between is not None:
            pair = self.between
            if (
                not isinstance(pair, tuple | list)
                or len(pair) != 2
                or not all(isinstance(code, str) for code in pair)
            ):
                raise QueryError(f"between must be two actor codes (A, B), not {pair!r}")
            codes = tuple(_code(code, "between") for code in pair)
            if codes[0] == codes[1]:
                raise QueryError(f"between needs two different actors, not {codes[0]} twice")
            object.__setattr__(self, "between", codes)
        if self.modality is not None:
            modality = self.modality.strip().lower()
            if modality not in MODALITIES:
                raise QueryError(
                    f"unknown modality {self.modality!r}; valid ones are {', '.join(MODALITIES)}"
                )
            object.__setattr__(self, "modality", modality)
        if self.type is not None:
            kind = self.type.strip().upper()
            if kind not in EVENT_TYPES:
                raise QueryError(
                    f"unknown event type {self.type!r}; valid types are {', '.join(EVENT_TYPES)}"
                )
            object.__setattr__(self, "type", kind)
        if self.quad_class is not None:
            quad = self.quad_class.strip().lower()
            if quad not in QUAD_CLASSES:
                raise QueryError(
                    f"unknown quad class {self.quad_class!r}; valid classes are "
                    f"{', '.join(QUAD_CLASSES)}"
                )
            object.__setattr__(self, "quad_class", quad)
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, date):
                raise QueryError(f"{name} must be a date, not {value!r}")
        if self.since and self.until and self.since > self.until:
            raise QueryError(
                f"since ({self.since.isoformat()}) is after until ({self.until.isoformat()}); "
                "swap them"
            )
        if self.limit is not None and not _count(self.limit):
            raise QueryError(
                f"limit must be a whole number from 0 to {_MAX_COUNT}, not {self.limit!r}"
            )
        if not _count(self.offset):
            raise QueryError(
                f"offset must be a whole number from 0 to {_MAX_COUNT}, not {self.offset!r}"
            )
        if not isinstance(self.include_optional, bool):
            raise QueryError(
                f"include_optional must be true or false, not {self.include_optional!r}"
            )
        if self.min_confidence is not None and (
            isinstance(self.min_confidence, bool)
            or not isinstance(self.min_confidence, int | float)
            or not 0.0 <= self.min_confidence <= 1.0
        ):
            raise QueryError(
                f"min_confidence must be a number from 0 to 1, not {self.min_confidence!r}"
            )
        if not isinstance(self.order, str) or self.order not in ORDERS:
            raise QueryError(f"unknown order {self.order!r}; choose one of {', '.join(ORDERS)}")

    @classmethod
    def from_strings(cls, **params: object) -> EventQuery:
        """Build a query from text parameters (CLI options, URL query strings).

        Empty strings and None mean "not given". Actors are codes or names ("Russie", "CEDEAO":
        an unknown name is a QueryError listing close matches). Dates are ``YYYY-MM-DD``;
        ``since`` also accepts ``YYYY-MM`` or ``YYYY`` (the first day) and ``until`` the same (the
        last day). A value that is already typed (an int limit, a bool flag, a date) is passed
        through and validated as is.
        """
        names = {f.name for f in fields(cls)}
        # Names come from URLs too: anything but a plain word is quoted, so that a name holding
        # a newline or markup cannot forge lines in a log or a message.
        unknown = [n if n.isidentifier() else repr(n) for n in sorted(set(params) - names)]
        if unknown:
            raise QueryError(
                f"unknown query parameter(s) {', '.join(unknown)}; valid ones are "
                f"{', '.join(sorted(names))}"
            )
        values: dict[str, Any] = {}
        for name, raw in params.items():
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            if not isinstance(raw, str):
                values[name] = raw
                continue
            text = raw.strip()
            if name in ("since", "until"):
                values[name] = _parse_date(text, name, end=name == "until")
            elif name in ("limit", "offset"):
                values[name] = _parse_int(text, name)
            elif name == "include_optional":
                values[name] = _parse_bool(text, name)
            elif name == "min_confidence":
                values[name] = _parse_fraction(text, name)
            elif name in ("actor", "recipient", "involving"):
                values[name] = _actor_code(text, name)
            elif name == "between":
                values[name] = _pair(text)
            else:
                values[name] = text
        return cls(**values)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on ``events e`` and its parameters, in order."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.modality == "asserted":
            clauses.append("e.modality IS NULL")
        elif self.modality is not None:
            clauses.append("e.modality = ?")
            params.append(self.modality)
        elif not self.include_optional:
            clauses.append("NOT e.optional")
        if self.min_confidence is not None:
            clauses.append("e.confidence >= ?")
            params.append(self.min_confidence)
        for value, role in (
            (self.actor, "a.role = 'actor'"),
            (self.recipient, "a.role = 'recipient'"),
            (self.involving, "TRUE"),
        ):
            if value is not None:
                clauses.append(_ACTOR_EXISTS.format(role=role))
                params.append(value)
        if self.between is not None:
            a, b = self.between
            clauses.append(_BETWEEN)
            params += [b, a, sorted(SYMMETRIC_TYPES), b, a]
        for column, value in (
            ("e.type", self.type),
            ("e.quad_class", self.quad_class),
            ("e.doc_id", self.doc_id),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        # Overlap of the event's period with the asked range (see the class docstring).
        if self.since is not None:
            clauses.append("e.date_end >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append("e.date_start <= ?")
            params.append(self.until)
        if self.text:
            clauses.append("(regexp_matches(e.quote, ?) OR regexp_matches(e.sentence, ?))")
            params += [accent_pattern(self.text)] * 2
        if self.place:
            clauses.append(
                "(upper(e.location_country) = upper(?) "
                "OR contains(lower(e.location_name), lower(?)))"
            )
            params += [self.place, self.place]
        return (" AND ".join(clauses) or "TRUE"), params

    def order_by(self) -> str:
        return ORDERS[self.order]

    def page(self) -> tuple[str, list[Any]]:
        """The LIMIT/OFFSET clause (possibly empty) and its parameters."""
        if self.limit is None:
            return ("OFFSET ?", [self.offset]) if self.offset else ("", [])
        return "LIMIT ? OFFSET ?", [self.limit, self.offset]


def _pair(text: str) -> tuple[str, str]:
    """``"RUS,TUR"`` (codes or names) as two codes."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise QueryError(
            f"between: {text!r} is not two actors; write them as A,B "
            "(e.g. RUS,TUR or Russie,Turquie)"
        )
    a, b = (_actor_code(part, "between") for part in parts)
    return a, b


def _parse_date(text: str, name: str, *, end: bool) -> date:
    try:
        if _DAY.match(text):
            return date.fromisoformat(text)
        month = _MONTH.match(text)
        if month:
            year, number = int(month[1]), int(month[2])
            day = calendar.monthrange(year, number)[1] if end else 1
            return date(year, number, day)
        if _YEAR.match(text):
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
    except ValueError:
        pass
    raise QueryError(f"{name}: {text!r} is not a date; write it as YYYY-MM-DD (e.g. 2018-09-17)")


def _parse_fraction(text: str, name: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise QueryError(f"{name} must be a number from 0 to 1, not {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise QueryError(f"{name} must be a number from 0 to 1, not {text!r}")
    return value


def _parse_int(text: str, name: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise QueryError(f"{name}: {text!r} is not a whole number") from None


def _parse_bool(text: str, name: str) -> bool:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise QueryError(f"{name}: {text!r} is not a yes/no value; use true or false")
