"""Throughput of impact.extract against quantulum3 on the same texts, in the same process.

Prints one line per figure of merit:
  first-call   seconds for import and for the first extract() (gazetteer load included)
  gazetteer    seconds to build the gazetteer on its own (in a fresh process)
  for each text set (the development corpus when ../shared is there, and our own fixture
  articles, repeated with varied numbers into a larger synthetic corpus):
    impact       MB/s and articles/s of extract() (best of --repeat runs)
    quantulum3   MB/s and articles/s of quantulum3.parser.parse() (best of --q-repeat)
    ratio        impact throughput / quantulum3 throughput

Run:  .venv/bin/python bench/bench_extract.py [--repeat 5] [--scale 5] [--q-repeat 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import bench_texts, conflict_texts, synthetic_texts


def _best_of(repeat: int, run: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def _gazetteer_seconds() -> float:
    code = (
        "import time; from impact.context import gazetteer as g; "
        "t = time.perf_counter(); g.load_gazetteer(); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _compare(name: str, texts: list[str], args: argparse.Namespace) -> None:
    from quantulum3 import parser as q_parser

    import impact

    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    def run_impact() -> None:
        for text in texts:
            impact.extract(text)

    seconds = _best_of(args.repeat, run_impact)
    ours = megabytes / seconds
    print(
        f"impact       {ours:8.3f} MB/s  {len(texts) / seconds:9.1f} articles/s  "
        f"({name}, {megabytes:.2f} MB, best of {args.repeat})"
    )

    q_parser.parse("warm up 5 people")  # quantulum3 loads its models on first use
    sample = texts[: max(1, len(texts) // args.scale)]
    sample_mb = sum(len(t.encode("utf-8")) for t in sample) / 1e6

    def run_quantulum() -> None:
        for text in sample:
            q_parser.parse(text)

    q_seconds = _best_of(args.q_repeat, run_quantulum)
    theirs = sample_mb / q_seconds
    print(
        f"quantulum3   {theirs:8.3f} MB/s  {len(sample) / q_seconds:9.1f} articles/s  "
        f"({len(sample)} of the same texts, after warm-up, best of {args.q_repeat})"
    )
    print(f"ratio        {ours / theirs:8.1f} x  impact / quantulum3 throughput ({name})")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=5, help="repeat each text set this many times")
    parser.add_argument("--q-repeat", type=int, default=2, help="runs of quantulum3 (slow)")
    args = parser.parse_args()

    name, texts = bench_texts()
    started = time.perf_counter()
    import impact

    imported = time.perf_counter()
    impact.extract(texts[0])
    first_call = time.perf_counter() - imported
    print(f"first-call   import {imported - started:.3f} s, first extract() {first_call:.3f} s (gazetteer included)")
    print(f"gazetteer    {_gazetteer_seconds():.3f} s to build, once per process, on first use")

    _compare(f"{name} x{args.scale}", texts * args.scale, args)
    conflict = conflict_texts()
    if conflict is not None:
        _compare(f"{conflict[0]} x{args.scale}", conflict[1] * args.scale, args)
    own_name, own = synthetic_texts(copies=2 * args.scale)
    _compare(own_name, own, args)


if __name__ == "__main__":
    main()
