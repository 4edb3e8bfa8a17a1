"""A table pasted on one line: `impact ingest` of a 250 KB and a 500 KB one-line text, each
figure naming a town, and the ratio of their times (linear work gives about 2x).

Run:  .venv/bin/python bench/bench_one_line.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

_TOWNS = ("Gao", "Kidal", "Mopti", "Timbuktu", "Segou", "Kayes")


def _line(size: int) -> str:
    parts: list[str] = []
    total = i = 0
    while total < size:
        part = f"{300 + i} people were killed in {_TOWNS[i % len(_TOWNS)]}, "
        parts.append(part)
        total += len(part)
        i += 1
    return "".join(parts) + ".\n"


def _ingest_seconds(folder: Path, size: int) -> tuple[float, int]:
    text = folder / f"table-{size}.txt"
    text.write_text(_line(size), encoding="utf-8")
    database = folder / f"table-{size}.db"
    impact = Path(sys.executable).with_name("impact")
    began = time.perf_counter()
    subprocess.run([str(impact), "ingest", str(text), "--db", str(database)], check=True, capture_output=True)
    return time.perf_counter() - began, text.stat().st_size


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        small, small_bytes = _ingest_seconds(folder, 250_000)
        large, large_bytes = _ingest_seconds(folder, 500_000)
    print(f"ingest one line  {small_bytes / 1e3:6.0f} KB  {small:6.1f} s")
    print(f"ingest one line  {large_bytes / 1e3:6.0f} KB  {large:6.1f} s")
    print(f"ratio            {large / small:6.2f} x  for twice the text (linear: about 2)")


if __name__ == "__main__":
    main()
