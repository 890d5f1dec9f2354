"""The records annales passes between stages, defined once.

Every stage (ingest, nlp, actors, events, time, places, merge, store) is a function over these
plain dataclasses. Character offsets always index ``Document.content`` (the title, a blank line,
the body), so that an event found in a headline and one found in the body point into the same
string.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

__all__ = [
    "DEFAULT_CODER",
    "EVENT_TYPES",
    "FIRST_YEAR",
    "LAST_YEAR",
    "OPTIONAL_MODALITIES",
    "PLOVER_CONTEXTS",
    "QUAD_CLASS",
    "SECTORS",
    "SYMMETRIC_TYPES",
    "Actor",
    "Document",
    "Event",
    "IngestProblem",
    "Place",
    "TimeExpression",
    "plausible_date",
]

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# The event coder used when none is named (``annales.events``): the trigger lexicon, extended and
# checked by the trained event model. "rules" and "model" are the other two shipped.
DEFAULT_CODER = "hybrid"
# The contexts of the PLOVER codebook: a typo in a lexicon is an error, not a new context.
PLOVER_CONTEXTS = frozenset(
    {
        "agriculture", "asylum", "business", "cbrn", "corruption", "crime", "cyber", "democracy",
        "diplomatic", "disaster", "economic", "election", "environment", "executive", "gender",
        "health", "human_rights", "humanitarian", "intelligence", "legal", "legislative",
        "migration", "military", "peacekeeping", "political_institutions", "resources",
        "rights_freedoms", "territory", "terrorism",
    }
)  # fmt: skip
QUAD_CLASS: dict[str, str] = {
    **dict.fromkeys(["AGREE", "CONSULT", "SUPPORT", "CONCEDE"], "verbal_cooperation"),
    **dict.fromkeys(["COOPERATE", "AID", "RETREAT"], "material_cooperation"),
    **dict.fromkeys(["REQUEST", "ACCUSE", "REJECT", "THREATEN"], "verbal_conflict"),
    **dict.fromkeys(["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"], "material_conflict"),
}
SECTORS = frozenset(
    {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "REB", "OPP", "PTY", "CVL", "MED", "BUS", "IGO"}
)
# Auxiliary modes that make an event optional (stored, but left out of counts and exports by
# default).
OPTIONAL_MODALITIES = frozenset(
    {"future", "planned", "conditional", "hypothetical", "negated", "generic", "vague", "reported"}
)

# The years a news date may fall in. Dates computed from text ("dans 99999999 jours") or read
# from records (a pub_date of 9999-12-31) outside them are noise: they are dropped, never used as
# an anchor, and never let calendar arithmetic overflow.
FIRST_YEAR = 1800
LAST_YEAR = 2200


def plausible_date(day: date) -> bool:
    """Whether ``day`` lies in the years annales trusts, :data:`FIRST_YEAR` to :data:`LAST_YEAR`."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def _from_dict(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Keep only the keys ``cls`` declares, so records written by a newer version still load."""
    names = {f.name for f in fields(cls)}
    return {key: value for key, value in data.items() if key in names}


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex digest of ``parts``: the same inputs give the same id on every machine."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass
class Document:
    """One article or communiqué, as read from a file or record."""

    id: str
    text: str
    title: str = ""
    pub_date: date | None = None
    pub_date_source: str | None = None  # "record", "html", "dateline", "text" ...
    url: str | None = None
    lang: str | None = None
    source: str | None = None  # the file (and line) it came from

    @property
    def content(self) -> str:
        """Title and body as one string: the text every character offset refers to."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text

    @property
    def body_offset(self) -> int:
        """Where the body starts inside :attr:`content`."""
        return len(self.title) + 2 if self.title else 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["pub_date"] = self.pub_date.isoformat() if self.pub_date else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        values = _from_dict(cls, data)
        raw = values.get("pub_date")
        values["pub_date"] = date.fromisoformat(str(raw)[:10]) if raw else None
        return cls(**values)


@dataclass(frozen=True)
class IngestProblem:
    """An input that could not become a :class:`Document`, and why (written for the user)."""

    source: str  # file name, with ":LINE" for a record of a JSON Lines file
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class Actor:
    """A resolved actor: a code of the guidelines, with sector and identity when known.

    When it comes from a mention in a document it also carries where (``start``/``end`` into
    ``Document.content``), the ``text`` seen, the ``rule`` that resolved it and a ``confidence``.
    """

    code: str  # "RUS", "UN", "ISIS", "ORG:FIFA"
    sector: str | None = None  # GOV, MIL, REB ... (see SECTORS)
    text: str | None = None
    wikidata: str | None = None  # "Q7747" for the person or body when known
    name: str | None = None  # canonical name ("Vladimir Putin", "NATO")
    start: int | None = None
    end: int | None = None
    rule: str | None = None
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | str) -> Actor:
        if isinstance(data, str):
            return cls(code=data)
        return cls(**_from_dict(cls, data))


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression found in a text, normalised TimeML-style."""

    text: str
    start: int
    end: int
    value: str | None  # "2018-12-28", "2018-09", "2018", "2018-W05", None when not resolvable
    granularity: str | None  # "day", "week", "month", "year", ...
    kind: str = "DATE"  # DATE, TIME, DURATION, SET
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeExpression:
        return cls(**_from_dict(cls, data))


@dataclass(frozen=True)
class Place:
    """Where an event happened: a country or a named place, resolved when possible."""

    name: str  # canonical name ("Aleppo", "Syria")
    country: str | None = None  # ISO 3166-1 alpha-3
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    feature: str | None = None  # "country", "city", "region"
    text: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        return cls(**_from_dict(cls, data))


@dataclass
class Event:
    """One PLOVER event with the evidence that supports it."""

    doc_id: str
    type: str  # one of EVENT_TYPES
    actors: list[Actor]
    recipients: list[Actor] = field(default_factory=list)
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    date: str | None = None  # "2018-12-28", "2018-12" or "2018"
    date_source: str | None = None  # "text" (an expression in the sentence) or "inherited"
    date_text: str | None = None
    location: Place | None = None
    quote: str = ""  # the sentence or clause that shows the event
    sentence: str = ""
    start: int = 0  # span of ``quote`` inside Document.content
    end: int = 0
    trigger: str = ""
    trigger_start: int = 0
    trigger_end: int = 0
    rule: str = ""  # lexicon entry or model that fired: "fr:consult/s'entretenir"
    coder: str = ""  # "rules-fr@0.1.0"
    confidence: float = 1.0
    modality: str | None = None  # one of OPTIONAL_MODALITIES, None when the event is asserted
    quotes: list[str] = field(default_factory=list)  # every quote merged into this event
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = stable_id(
                self.doc_id,
                self.type,
                ",".join(sorted(a.code for a in self.actors)),
                ",".join(sorted(a.code for a in self.recipients)),
                self.trigger_start,
            )

    @property
    def optional(self) -> bool:
        """Future, planned, conditional, negated, generic or vague events (see GUIDELINES 2)."""
        return self.modality is not None

    @property
    def quad_class(self) -> str:
        return QUAD_CLASS[self.type]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["actors"] = [a.to_dict() for a in self.actors]
        data["recipients"] = [a.to_dict() for a in self.recipients]
        data["location"] = self.location.to_dict() if self.location else None
        data["optional"] = self.optional
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        values = _from_dict(cls, data)
        values["actors"] = [Actor.from_dict(a) for a in data.get("actors") or []]
        values["recipients"] = [Actor.from_dict(a) for a in data.get("recipients") or []]
        location = data.get("location")
        values["location"] = Place.from_dict(location) if location else None
        return cls(**values)

    def to_plover(self) -> dict[str, Any]:
        """The PLOVER JSON record (field names of the PLOVER specification) plus provenance.

        Laid out by the field table, :func:`annales.store.fields.plover_record`; without the
        store, ``cite_info`` is empty and ``coded_date`` None (exports fill them).
        """
        # The field table is built on these records, so it is imported when used, not above.
        from annales.store.fields import plover_record

        return plover_record(self)
