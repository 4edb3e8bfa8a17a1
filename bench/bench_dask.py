"""Throughput of the Dask engine with 1 and 2 local workers, on the bench_stream corpus.

Each run ingests the same synthetic JSON Lines corpus into Parquet parts (no database, so
the figures, not the driver's SQLite writes, are what is measured). Cluster start-up and
the workers' gazetteer load are timed apart; the in-process local engine is the reference.
All three engines stay up and take turns, --repeat rounds; each throughput is its best run
(other work on a shared machine only ever slows a run down). All runs must give the same number of figures.

    .venv/bin/python bench/bench_dask.py [--articles 4000] [--chunk 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_stream import build_corpus

from impact import ingest
from impact.engines import open_engine
from impact.pipeline import extract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--chunk", type=int, default=100, help="articles per Dask task")
    parser.add_argument("--repeat", type=int, default=3, help="runs per engine; the best counts")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_dask_") as folder:
        tmp = Path(folder)
        corpus = tmp / "corpus.jsonl"
        size = build_corpus(corpus, options.articles)
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
        print(f"corpus: {options.articles} articles ({size / 1e6:.1f} MB), {options.chunk} per task, "
              f"{os.cpu_count()} CPUs, load average {load}")  # fmt: skip
        setups = {"local": 0, "dask 1 worker": 1, "dask 2 workers": 2}
        best = dict.fromkeys(setups, float("inf"))
        figures: dict[str, int] = {}
        added = 0
        with contextlib.ExitStack() as stack:
            engines = {}
            for name, workers in setups.items():
                began = time.perf_counter()
                if workers:
                    engines[name] = stack.enter_context(open_engine("dask", workers=workers))
                    print(f"{name}: cluster start and warm-up {time.perf_counter() - began:.1f} s")
                else:
                    engines[name] = stack.enter_context(open_engine("local"))
                    extract("At least 12 people were killed in Aleppo.")  # load the gazetteer, as workers do
            # the engines take turns, so load from other work on the machine falls on all of them
            for run in range(options.repeat):
                for name, engine in engines.items():
                    began = time.perf_counter()
                    out = tmp / f"{name.replace(' ', '_')}-{run}"
                    report = ingest([corpus], None, engine=engine, out=out, batch_size=options.chunk)
                    best[name] = min(best[name], time.perf_counter() - began)
                    figures[name], added = report.figures, report.added
        rates = {name: added / seconds for name, seconds in best.items()}
        for name, seconds in best.items():
            print(f"{name}: {rates[name]:.0f} articles/s ({figures[name] / seconds:.0f} figures/s, {seconds:.1f} s)")
        print(f"dask 2 workers / 1 worker throughput: {rates['dask 2 workers'] / rates['dask 1 worker']:.2f}x")
        print(f"dask 2 workers / local engine throughput: {rates['dask 2 workers'] / rates['local']:.2f}x")
        same = len(set(figures.values())) == 1
        print(f"figures per run: {figures} ({'equal' if same else 'DIFFERENT'})")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
