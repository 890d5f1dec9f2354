"""Readers of the actor knowledge-base files, each validated row by row.

Every problem raises :class:`~annales.errors.DataError` with ``FILE:LINE``, what is wrong and what
to do, so that a user extending the knowledge base with their own files can fix them at once.
The formats are documented in ``docs/actors.md``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from annales.errors import DataError
from annales.model import SECTORS

__all__ = [
    "AGENT_KINDS",
    "NAME_KINDS",
    "AgentSpec",
    "CountryRow",
    "MetonymRow",
    "NameRow",
    "OrgRow",
    "RoleRow",
    "read_agents",
    "read_countries",
    "read_metonyms",
    "read_names",
    "read_organisations",
    "read_people",
    "sniff",
]

COUNTRY_COLUMNS = ("code", "wikidata", "name_en", "capitals")
NAME_COLUMNS = ("code", "lang", "kind", "name")
NAME_KINDS = frozenset({"name", "demonym"})
PEOPLE_COLUMNS = ("id", "name", "wikidata", "country", "sector", "role", "start", "end", "variants")
METONYM_COLUMNS = ("code", "sector", "confidence", "variants")
AGENT_KINDS = frozenset(
    {"title", "body", "equipment", "place", "pair", "counterpart", "block"}
)  # fmt: skip

_CODE = re.compile(r"^(?:[A-Z]{3}|[A-Z][A-Z0-9_]{1,30}|ORG:[A-Z0-9_]{2,60})$")
_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ROLE = re.compile(r"^[a-z][a-z_]*$")
_LANG = re.compile(r"^[a-z]{2,3}$")  # an ISO 639 code: fr, en, es
DEFAULT_AGENT_LANG = "fr"  # the language of an agents.yaml entry that says none


@dataclass(frozen=True)
class CountryRow:
    code: str
    wikidata: str | None
    name_en: str
    capitals: tuple[str, ...]
    where: str


@dataclass(frozen=True)
class NameRow:
    """One name of a state in one language: ``RUS fr name Russie``, ``RUS en demonym Russian``."""

    code: str
    lang: str
    kind: str  # name, demonym
    name: str
    where: str


@dataclass(frozen=True)
class MetonymRow:
    code: str
    sector: str
    confidence: float
    variants: tuple[str, ...]
    where: str


@dataclass(frozen=True)
class OrgRow:
    code: str
    sector: str
    wikidata: str | None
    name: str
    names: tuple[str, ...]
    where: str
    members: tuple[str, ...] = ()  # a group of states coded as its members ("E3", "P5+1")


@dataclass(frozen=True)
class RoleRow:
    person: str
    name: str
    wikidata: str | None
    country: str
    sector: str | None
    role: str
    start: date
    end: date | None
    variants: tuple[str, ...]
    where: str


@dataclass(frozen=True)
class AgentSpec:
    kind: str
    terms: tuple[str, ...]
    sector: str | None
    role: str | None
    default_country: str | None
    confidence: float
    bare: bool  # may resolve without a nationality (through the context)
    domestic: bool  # bare, it belongs to the state where things happen ("forces gouvernementales")
    where: str
    lang: str = DEFAULT_AGENT_LANG
    leads: tuple[str, ...] = ()  # a pair's words before the noun ("les deux", "both")


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[str, dict[str, str]]]:
    """``(FILE:LINE, row)`` for every data line of a TSV file whose header is ``columns``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(f"{path}: cannot read this actor file ({err})") from None
    header: tuple[str, ...] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(cell.strip() for cell in line.split("\t"))
        where = f"{path}:{number}"
        if header is None:
            header = cells
            if header != columns:
                raise DataError(
                    f"{where}: header {list(header)} is not {list(columns)} "
                    "(columns are tab-separated; see docs/actors.md)"
                )
            continue
        if len(cells) > len(columns):
            raise DataError(f"{where}: {len(cells)} cells for {len(columns)} columns")
        cells += ("",) * (len(columns) - len(cells))
        yield where, dict(zip(columns, cells, strict=True))
    if header is None:
        raise DataError(f"{path}: empty actor file (it needs a header line)")


def _code(where: str, value: str, *, state: bool = False) -> str:
    pattern = _ALPHA3 if state else _CODE
    if not pattern.match(value):
        kind = "an ISO 3166-1 alpha-3 code" if state else "a code like RUS, UN or ORG:FIFA"
        raise DataError(f"{where}: {value!r} is not {kind}")
    return value


def _sector(where: str, value: str, *, optional: bool = False) -> str | None:
    if not value and optional:
        return None
    if value not in SECTORS:
        raise DataError(f"{where}: sector {value!r} is not one of {', '.join(sorted(SECTORS))}")
    return value


def _wikidata(where: str, value: str) -> str | None:
    if value and not _QID.match(value):
        raise DataError(f"{where}: {value!r} is not a Wikidata id (Q followed by digits)")
    return value or None


def _date(where: str, value: str, column: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataError(f"{where}: {column} {value!r} is not a date YYYY-MM-DD") from None


def read_countries(path: Path) -> list[CountryRow]:
    out: list[CountryRow] = []
    for where, row in _rows(path, COUNTRY_COLUMNS):
        code = _code(where, row["code"], state=True)
        if not row["name_en"]:
            raise DataError(f"{where}: a state needs name_en (its names go in names.tsv)")
        out.append(
            CountryRow(
                code=code,
                wikidata=_wikidata(where, row["wikidata"]),
                name_en=row["name_en"],
                capitals=_split(row["capitals"]),
                where=where,
            )
        )
    return out


def _lang(where: str, value: str) -> str:
    if not _LANG.match(value):
        raise DataError(
            f"{where}: language {value!r} is not an ISO 639 code in lower case (fr, en)"
        )
    return value


def read_names(path: Path, known: Collection[str]) -> list[NameRow]:
    """The rows of a names file; ``known`` holds the state codes the names may belong to."""
    out: list[NameRow] = []
    seen: dict[tuple[str, str, str, str], str] = {}
    for where, row in _rows(path, NAME_COLUMNS):
        code = _code(where, row["code"], state=True)
        if code not in known:
            raise DataError(f"{where}: unknown state {code!r}; add it to a countries file first")
        lang = _lang(where, row["lang"])
        if row["kind"] not in NAME_KINDS:
            raise DataError(f"{where}: kind {row['kind']!r} is not one of {sorted(NAME_KINDS)}")
        if not row["name"]:
            raise DataError(f"{where}: empty name")
        key = (code, lang, row["kind"], row["name"])
        if key in seen:
            raise DataError(f"{where}: the same row as on line {seen[key].rsplit(':', 1)[1]}")
        seen[key] = where
        out.append(NameRow(code, lang, row["kind"], row["name"], where))
    return out


def read_metonyms(path: Path) -> list[MetonymRow]:
    out: list[MetonymRow] = []
    for where, row in _rows(path, METONYM_COLUMNS):
        try:
            confidence = float(row["confidence"] or 0.85)
        except ValueError:
            raise DataError(f"{where}: confidence {row['confidence']!r} is not a number") from None
        if not 0 < confidence <= 1:
            raise DataError(f"{where}: confidence must be in (0, 1]")
        variants = _split(row["variants"])
        if not variants:
            raise DataError(f"{where}: no variants")
        sector = _sector(where, row["sector"])
        assert sector is not None
        out.append(MetonymRow(_code(where, row["code"]), sector, confidence, variants, where))
    return out


def read_people(path: Path) -> list[RoleRow]:
    out: list[RoleRow] = []
    for where, row in _rows(path, PEOPLE_COLUMNS):
        if not _SLUG.match(row["id"]):
            raise DataError(f"{where}: id {row['id']!r} must be a lowercase slug (a-z, 0-9, -)")
        if not _ROLE.match(row["role"]):
            raise DataError(f"{where}: role {row['role']!r} must be a lowercase label")
        start = _date(where, row["start"], "start")
        end = _date(where, row["end"], "end") if row["end"] else None
        if end is not None and end < start:
            raise DataError(f"{where}: the role ends ({end}) before it starts ({start})")
        out.append(
            RoleRow(
                person=row["id"],
                name=row["name"],
                wikidata=_wikidata(where, row["wikidata"]),
                country=_code(where, row["country"]),
                sector=_sector(where, row["sector"], optional=True),
                role=row["role"],
                start=start,
                end=end,
                variants=_split(row["variants"]),
                where=where,
            )
        )
    return out


def _yaml_items(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(FILE:LINE, mapping)`` for each item of a YAML list."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(f"{path}: cannot read this actor file ({err})") from None
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as err:
        raise DataError(f"{path}: invalid YAML ({err})") from None
    finally:
        loader.dispose()
    if data is None:
        return
    if not isinstance(data, list) or node is None:
        raise DataError(f"{path}: the file must be a YAML list of entries")
    for item_node, item in zip(node.value, data, strict=True):
        where = f"{path}:{item_node.start_mark.line + 1}"
        if not isinstance(item, dict):
            raise DataError(f"{where}: each entry must be a mapping")
        yield where, item


def _strings(where: str, item: dict[str, Any], key: str) -> tuple[str, ...]:
    value = item.get(key)
    if not isinstance(value, list) or not value:
        raise DataError(f"{where}: {key!r} must be a non-empty list of strings")
    out = []
    for part in value:
        if not isinstance(part, str | int) or not str(part).strip():
            raise DataError(f"{where}: {key!r} holds {part!r}, not a string")
        out.append(str(part).strip())
    return tuple(out)


def _check_keys(where: str, item: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(item) - allowed
    if unknown:
        raise DataError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")


def read_organisations(path: Path) -> list[OrgRow]:
    out: list[OrgRow] = []
    for where, item in _yaml_items(path):
        _check_keys(where, item, {"code", "sector", "wikidata", "name", "names", "members"})
        code = _code(where, str(item.get("code", "")))
        sector = _sector(where, str(item.get("sector", "")))
        assert sector is not None
        names = _strings(where, item, "names")
        name = str(item.get("name") or names[0])
        members: tuple[str, ...] = ()
        if "members" in item:
            members = tuple(_code(where, m) for m in _strings(where, item, "members"))
        wikidata = _wikidata(where, str(item.get("wikidata") or ""))
        out.append(OrgRow(code, sector, wikidata, name, names, where, members))
    return out


def read_agents(path: Path) -> list[AgentSpec]:
    out: list[AgentSpec] = []
    allowed = {
        "kind",
        "lang",
        "sector",
        "role",
        "default_country",
        "confidence",
        "bare",
        "domestic",
        "leads",
        "terms",
    }
    for where, item in _yaml_items(path):
        _check_keys(where, item, allowed)
        kind = str(item.get("kind", ""))
        if kind not in AGENT_KINDS:
            raise DataError(f"{where}: kind {kind!r} is not one of {sorted(AGENT_KINDS)}")
        sector = _sector(where, str(item.get("sector") or ""), optional=True)
        if kind in {"title", "body", "equipment"} and sector is None:
            raise DataError(f"{where}: a {kind} needs a sector")
        country = item.get("default_country")
        confidence = item.get("confidence", 0.8)
        if not isinstance(confidence, int | float) or not 0 < confidence <= 1:
            raise DataError(f"{where}: confidence must be a number in (0, 1]")
        bare = item.get("bare", kind in {"title", "body"})
        domestic = item.get("domestic", False)
        if not isinstance(bare, bool) or not isinstance(domestic, bool):
            raise DataError(f"{where}: bare and domestic must be true or false")
        role = item.get("role")
        lang = _lang(where, str(item.get("lang", DEFAULT_AGENT_LANG)))
        leads: tuple[str, ...] = ()
        if kind == "pair":
            leads = _strings(where, item, "leads")
        elif "leads" in item:
            raise DataError(f"{where}: only a pair has leads")
        out.append(
            AgentSpec(
                kind=kind,
                terms=_strings(where, item, "terms"),
                sector=sector,
                role=str(role) if role else None,
                default_country=_code(where, str(country), state=True) if country else None,
                confidence=float(confidence),
                bare=bare,
                domestic=domestic,
                where=where,
                lang=lang,
                leads=leads,
            )
        )
    return out


def sniff(path: Path) -> str:
    """Which kind of actor file ``path`` is: countries, names, people, metonyms, organisations,
    agents."""
    if path.suffix in {".tsv", ".tab", ".txt"}:
        try:
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    if line.strip() and not line.startswith("#"):
                        header = tuple(cell.strip() for cell in line.rstrip("\n").split("\t"))
                        break
                else:
                    header = ()
        except (OSError, UnicodeDecodeError) as err:
            raise DataError(f"{path}: cannot read this actor file ({err})") from None
        for kind, columns in (
            ("countries", COUNTRY_COLUMNS),
            ("names", NAME_COLUMNS),
            ("people", PEOPLE_COLUMNS),
            ("metonyms", METONYM_COLUMNS),
        ):
            if header == columns:
                return kind
        raise DataError(
            f"{path}:1: unknown actor table header {list(header)}; expected the columns of "
            "countries.tsv, names.tsv, people.tsv or metonyms.tsv (see docs/actors.md)"
        )
    if path.suffix in {".yaml", ".yml"}:
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*-?\s*terms\s*:", text, re.MULTILINE):
            return "agents"
        if re.search(r"^\s*-?\s*names\s*:", text, re.MULTILINE):
            return "organisations"
        raise DataError(
            f"{path}: neither an organisations file (entries with 'names') nor an agents file "
            "(entries with 'terms')"
        )
    raise DataError(f"{path}: actor files are .tsv or .yaml, not {path.suffix or 'no extension'}")
