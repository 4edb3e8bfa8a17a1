"""Throughput of impact.extract against quantulum3 on the same texts, in the same process.

Prints one line per figure of merit:
  first-call   seconds for the first extract() after import (gazetteer load included)
  impact       MB/s and articles/s of extract() (best of --repeat runs)
  quantulum3   MB/s and articles/s of quantulum3.parser.parse() (one run: it is slow)
  ratio        impact throughput / quantulum3 throughput

Run:  .venv/bin/python bench/bench_extract.py [--repeat 5] [--scale 5] [--q-repeat 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import bench_texts


def _best_of(repeat: int, run) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=5, help="repeat the text set this many times")
    parser.add_argument("--q-repeat", type=int, default=2, help="runs of quantulum3 (slow)")
    args = parser.parse_args()

    name, texts = bench_texts()
    texts = texts * args.scale
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    started = time.perf_counter()
    import impact

    imported = time.perf_counter()
    impact.extract(texts[0])
    first_call = time.perf_counter() - imported
    print(f"first-call   import {imported - started:.3f} s, first extract() {first_call:.3f} s (gazetteer included)")

    def run_impact() -> None:
        for text in texts:
            impact.extract(text)

    seconds = _best_of(args.repeat, run_impact)
    ours = megabytes / seconds
    print(
        f"impact       {ours:8.3f} MB/s  {len(texts) / seconds:9.1f} articles/s  "
        f"({name} x{args.scale}, {megabytes:.2f} MB, best of {args.repeat})"
    )

    from quantulum3 import parser as q_parser

    q_parser.parse("warm up 5 people")  # quantulum3 loads its models on first use
    once = texts[: max(1, len(texts) // args.scale)]

    def run_quantulum() -> None:
        for text in once:
            q_parser.parse(text)

    q_seconds = _best_of(args.q_repeat, run_quantulum)
    theirs = megabytes / args.scale / q_seconds
    print(
        f"quantulum3   {theirs:8.3f} MB/s  {len(once) / q_seconds:9.1f} articles/s  "
        f"(the text set once, after warm-up, best of {args.q_repeat})"
    )
    print(f"ratio        {ours / theirs:8.1f} x  impact / quantulum3 throughput")


if __name__ == "__main__":
    main()
