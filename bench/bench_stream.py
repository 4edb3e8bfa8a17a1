"""Peak memory of streaming ingest and extract: one chunk of articles vs a corpus many chunks long.

Builds a synthetic JSON Lines corpus from the invented fixture articles (tests/fixtures/articles,
seeds/) with their numbers varied, then runs ``impact ingest`` and ``impact extract --format
parquet`` in fresh subprocesses on one chunk and on the whole corpus (and ``impact ingest`` on
both as single-row-group Parquet files), and prints each peak RSS (``getrusage``) and the
ratio. Streaming keeps the ratio near 1 (target: at most 2); the floor (imports, lexicon,
gazetteer) and a reference run that loads the whole corpus at once show what streaming saves.

    .venv/bin/python bench/bench_stream.py [--chunk 200] [--chunks 20]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [*sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt")), *sorted((ROOT / "seeds").glob("*.txt"))]
_NUMBER = re.compile(r"\d[\d,]*")


def _vary(match: re.Match[str], rng: random.Random) -> str:
    written = match.group()
    digits = written.replace(",", "")
    if len(digits) == 4 and digits.startswith(("19", "20")):
        return written  # a year
    value = rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 1, 10 ** len(digits) - 1)
    return f"{value:,}" if "," in written else str(value)


def build_corpus(path: Path, articles: int, seed: int = 7) -> int:
    """``articles`` JSON Lines rows, each 3-8 paragraphs of the fixture texts, numbers varied; bytes written."""
    rng = random.Random(seed)
    paragraphs = [
        p.strip()
        for source in SOURCES
        for p in source.read_text(encoding="utf-8").split("\n\n")
        if p.strip() and not p.lstrip().startswith("ILLUSTRATIVE")
    ]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(articles):
            chosen = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(3, 8)))
            text = "\n\n".join(_NUMBER.sub(lambda m: _vary(m, rng), p) for p in chosen)
            row = {"id": f"bench-{i:06d}", "text": text, "publisher": "Bench Wire", "date": "2026-01-15"}
            handle.write(json.dumps(row) + "\n")
    return path.stat().st_size


def _to_parquet(path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    pq.write_table(pa.Table.from_pylist(rows), path.with_suffix(".parquet"), row_group_size=len(rows))


def _child(argv: list[str]) -> None:
    """Run one command in this (fresh) process, then print its peak RSS in KiB."""
    if argv[0] == "floor":  # what every run pays before reading a row: imports, lexicon, gazetteer
        import pyarrow.parquet  # noqa: F401

        import impact.cli  # noqa: F401
        from impact.pipeline import extract

        extract("At least 12 people were killed in Aleppo.")
    elif argv[0] == "whole":  # the reference: every article and every figure in memory at once
        from impact.frame import FIGURE_COLUMNS, typed_frame
        from impact.pipeline import extract
        from impact.readers import Article, read_path

        articles = [item for item in read_path(argv[1]) if isinstance(item, Article)]
        rows = [figure.to_dict(a.doc) for a in articles for figure in extract(a.text)]
        typed_frame(rows, FIGURE_COLUMNS).to_parquet(argv[2])
    else:
        from impact.cli import cli

        with contextlib.suppress(SystemExit):
            cli.main(argv, standalone_mode=False)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _peak(args: list[str]) -> tuple[float, float]:
    """Peak RSS in MB of ``args`` run in a fresh interpreter, and its wall time in seconds."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return int(done.stdout.strip().splitlines()[-1]) / 1024, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunk", type=int, default=200, help="articles per chunk (--chunk-size)")
    parser.add_argument("--chunks", type=int, default=20, help="chunks in the whole corpus (at least 10)")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        _child(options.child)
        return
    chunk, total = options.chunk, options.chunk * max(10, options.chunks)
    with tempfile.TemporaryDirectory(prefix="bench_stream_") as folder:
        tmp = Path(folder)
        one = tmp / "one_chunk.jsonl"
        whole = tmp / "whole.jsonl"
        size_one = build_corpus(one, chunk)
        size_whole = build_corpus(whole, total)
        print(
            f"corpus: one chunk {chunk} articles ({size_one / 1e6:.1f} MB), "
            f"whole {total} articles ({size_whole / 1e6:.1f} MB, {total // chunk} chunks)"
        )
        floor, _ = _peak(["floor"])
        print(f"floor (imports, lexicon, gazetteer; no corpus): {floor:.1f} MB")
        # the same corpora as Parquet, each in a single row group (the hard case for a reader)
        for corpus in (one, whole):
            _to_parquet(corpus)
        results: dict[str, float] = {}
        for command in ("ingest", "extract", "ingest-parquet"):
            for label, corpus in (("one chunk", one), ("whole corpus", whole)):
                name = f"{command}-{corpus.stem}"
                if command == "ingest-parquet":
                    args = ["ingest", str(corpus.with_suffix(".parquet")), "--db", str(tmp / f"{name}.db"),
                            "--chunk-size", str(chunk), "--no-progress"]  # fmt: skip
                elif command == "ingest":
                    args = ["ingest", str(corpus), "--db", str(tmp / f"{name}.db"), "--out", str(tmp / name),
                            "--chunk-size", str(chunk), "--no-progress"]  # fmt: skip
                else:
                    args = ["extract", str(corpus), "--format", "parquet", "-o", str(tmp / f"{name}.parquet"),
                            "--chunk-size", str(chunk)]  # fmt: skip
                peak, seconds = _peak(args)
                results[name] = peak
                print(f"{command} peak RSS, {label}: {peak:.1f} MB ({seconds:.1f} s)")
            ratio = results[f"{command}-whole"] / results[f"{command}-one_chunk"]
            print(f"{command} peak RSS ratio whole corpus / one chunk: {ratio:.2f} (target <= 2)")
            above = (results[f"{command}-one_chunk"] - floor, results[f"{command}-whole"] - floor)
            print(f"{command} peak RSS above the floor: one chunk {above[0]:.1f} MB, whole corpus {above[1]:.1f} MB")
        reference, seconds = _peak(["whole", str(whole), str(tmp / "all.parquet")])
        ratio = reference / results["extract-one_chunk"]
        print(f"reference, whole corpus in memory at once: {reference:.1f} MB ({seconds:.1f} s), "
              f"{reference - floor:.1f} MB above the floor, {ratio:.2f}x the one-chunk stream")  # fmt: skip


if __name__ == "__main__":
    main()
