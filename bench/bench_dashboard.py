"""How fast is the dashboard's main filter callback on a store of a million figures?

    python bench/bench_dashboard.py                # 1,000,000 figures, temp store
    python bench/bench_dashboard.py --figures 200000 --runs 7 --keep bench.db

Fills a temporary SQLite store (the real schema, made by ``impact.store.Store``) with
synthetic figures by bulk insert, then times the Overview page's filter callback
(server side: queries + figure building, no browser) for a few filter settings and
prints the median of several runs against the 300 ms target: "overview" once the
filter's grid is kept (what every later call of that filter costs), "first" with the
kept grids forgotten before each run (a filter's first call groups the grid's figures),
"grid" the grid callback (the tables and the chart note) once its grid is kept, and
"pre-grid" the Overview callback as it was before the answer grid (top places by
figures, their largest estimates as range bars, figures by publisher, by quoted source
and over time), run here on the same store as the same run's baseline.

Then times the in-memory snapshot the callbacks read: a full build (every figure) against
an incremental refresh after one review and after one added article (``Store.review``,
``Store.add_article``, as the dashboard writes), with their ratio, and checks that the
refreshed snapshot equals a full build.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd

from dashboard import aggregate, figures, queries, snapshot
from dashboard.components import controls_args
from dashboard.urlstate import filters_from_controls
from dashboard.views import overview, table
from impact.model import CATEGORIES, Article, Figure, Place
from impact.names import publisher_name, source_name
from impact.store import Store

TARGET_MS = 300.0
_VAGUE = ((200, 999, "Hundreds"), (2000, 9999, "Thousands"), (24, 99, "Dozens"))


def fill(path: Path, figures: int, per_article: int = 20, seed: int = 7) -> None:
    """Write ``figures`` synthetic figures (``per_article`` each) into a new store."""
    Store(path).close()  # creates the schema
    rng = random.Random(seed)
    places = [
        (f"Place {i}", rng.choice(["SY", "IQ", "YE", "SD", "UA", "PS"]),
         rng.uniform(-40, 60), rng.uniform(-20, 120))
        for i in range(400)
    ]  # fmt: skip
    publishers = [f"Publisher {i}" for i in range(40)]
    sources = [None, "Officials", "the United Nations", "UNHCR", "local medics", "witnesses"]
    articles = max(1, figures // per_article)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO articles (id, doc, content_hash, title, publisher, date, url,"
        " illustrative, text, extractor_version, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                i + 1,
                f"doc{i}",
                f"hash{i}",
                f"Synthetic article {i}",
                rng.choice(publishers),
                f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                f"https://example.org/{i}",
                0,
                "text",
                "bench",
                "2026-01-01T00:00:00",
            )
            for i in range(articles)
        ),
    )

    def rows() -> Iterator[tuple[Any, ...]]:
        for i in range(figures):
            name, country, lat, lon = places[min(int(rng.paretovariate(1.2)) - 1, 399)]
            vague = rng.random() < 0.2
            if vague:
                low, high, surface = rng.choice(_VAGUE)
                best = (low + high) // 2
            else:
                low = rng.randint(1, 50_000)
                high = low if rng.random() < 0.7 else low * 2
                best = (low + high) // 2
                surface = f"{low:,}" if low == high else f"{low:,} to {high:,}"
            sentence = f"In {name}, {surface} people were affected, officials said."
            yield (
                i // per_article + 1, 10, 10 + len(surface), surface, low, high, best,
                0, int(vague), "people", "people", rng.choice(CATEGORIES), name, name,
                country, lat, lon, rng.choice(sources), sentence, 0, len(sentence),
            )  # fmt: skip

    conn.executemany(
        'INSERT INTO figures (article_id, start, "end", surface, low, high, best,'
        " approximate, vague, counted, unit, category, location, place_name, country_code,"
        " latitude, longitude, attributed_to, sentence, sentence_start, sentence_end)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows(),
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def _median_ms(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _timed(call: Callable[[], snapshot.Snapshot]) -> tuple[float, snapshot.Snapshot]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def _new_article(n: int, per_article: int = 20) -> tuple[Article, list[Figure]]:
    place = Place("Place 3", country_code="SY", latitude=35.9, longitude=39.0)
    sentences = [f"In Place 3, {k + 1:,} people were displaced, officials said." for k in range(per_article)]
    text = " ".join(sentences) + f" (Synthetic article {n}.)"
    figures, offset = [], 0
    for k, sentence in enumerate(sentences):
        start = offset + len("In Place 3, ")
        surface = f"{k + 1:,}"
        figures.append(
            Figure(start=start, end=start + len(surface), surface=surface, low=k + 1, high=k + 1, best=k + 1,
                   approximate=False, vague=False, counted="people", unit="people", category="displaced",
                   location="Place 3", place=place, attributed_to="officials", sentence=sentence,
                   sentence_start=offset, sentence_end=offset + len(sentence))
        )  # fmt: skip
        offset += len(sentence) + 1
    article = Article(f"bench-new-{n}", text, title=f"New article {n}", publisher="Publisher 41", date="2025-01-02")
    return article, figures


def pre_grid_overview(snap: snapshot.Snapshot, path: Path, *controls: Any) -> object:
    """The Overview callback before the answer grid (its key numbers' markup left out)."""
    filters = filters_from_controls(*controls)
    selection = snap.select(filters)
    numbers = aggregate.key_numbers(selection)
    places = aggregate.top_places(selection)
    chosen = aggregate.largest_per_place(selection, places)
    with queries.connect(path) as conn:
        rows = queries.rows_by_id(conn, chosen)
    units = aggregate.units(selection)
    over_time, period = aggregate.timeline(selection)
    return (
        numbers,
        figures.range_bars(rows, places, units),
        figures.source_bars(
            aggregate.counts_by(selection, "publisher", empty=aggregate.NO_PUBLISHER, display=publisher_name),
            "Figures by publisher",
        ),
        figures.source_bars(
            aggregate.counts_by(selection, "attributed_to", display=source_name), "Figures by who is quoted"
        ),
        figures.timeline_figure(over_time, period),
    )


def bench_refresh(path: Path, runs: int) -> None:
    """Full snapshot build against incremental refreshes after one write, same run."""
    full_runs = max(1, min(runs, 3))
    full_times = []
    for _ in range(full_runs):
        elapsed, current = _timed(lambda: snapshot.load(path))
        full_times.append(elapsed)
    full = statistics.median(full_times)
    figures = len(current.frame)
    rng = random.Random(3)
    ids = current.frame["id"].to_numpy()
    review_times, article_times = [], []
    with Store(path) as store:
        for run in range(runs):
            figure_id = int(ids[rng.randrange(len(ids))])
            status = ("confirmed", "rejected", "corrected")[run % 3]
            store.review(figure_id, status, location="Place 7" if status == "corrected" else None)
            elapsed, current = _timed(lambda c=current: c.refresh(path))
            review_times.append(elapsed)
        for run in range(runs):
            store.add_article(*_new_article(run))
            elapsed, current = _timed(lambda c=current: c.refresh(path))
            article_times.append(elapsed)
    rebuilt = snapshot.load(path)
    same = current.seq == rebuilt.seq and current.frame.equals(rebuilt.frame)
    pd.testing.assert_frame_equal(current.frame, rebuilt.frame)
    print(f"snapshot of {figures:,} figures: full build {full:,.0f} ms (median of {full_runs})")
    for label, times in (("one review", review_times), ("one added article (20 figures)", article_times)):
        median = statistics.median(times)
        ratio = full / median
        print(f"  refresh after {label:<31} {median:>6.0f} ms (median of {len(times)})   full/refresh {ratio:,.0f}x")
    print(f"  refreshed snapshot equals a full build: {'yes' if same else 'NO'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the store here and keep it")
    parser.add_argument("--no-refresh", action="store_true", help="skip the snapshot refresh timings")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.db"
        if path.exists():
            print(f"using existing store {path}")
        else:
            started = time.perf_counter()
            fill(path, args.figures)
            print(f"filled {args.figures:,} figures in {time.perf_counter() - started:.1f} s")
        cases: dict[str, dict[str, Any]] = {
            "no filter": {},
            "one category": {"category": ["killed"]},
            "place + vague": {"place": ["Place 3"], "kind": "vague"},
            "source + dates": {
                "source": ["Publisher 5"],
                "date_from": "2018-01-01",
                "date_to": "2019-12-31",
            },
        }
        started = time.perf_counter()
        cache = snapshot.SnapshotCache(path)
        cache.get()
        print(f"first load of the in-memory snapshot: {time.perf_counter() - started:.1f} s")
        print(
            f"{'case':<18} {'overview':>9} {'first':>9} {'grid':>9} {'pre-grid':>9} {'table':>9}"
            f"   overview/pre-grid  first/pre-grid   target {TARGET_MS:.0f} ms"
        )
        worst = worst_first = 0.0
        for name, controls in cases.items():
            args_ = controls_args(controls)

            def run_overview(a: tuple[Any, ...] = args_) -> object:
                return overview.overview_outputs(cache.get(), path, *a)

            def run_first(a: tuple[Any, ...] = args_) -> object:
                overview.clear_cache()
                return overview.overview_outputs(cache.get(), path, *a)

            def run_grid(a: tuple[Any, ...] = args_) -> object:
                snap = cache.get()
                return overview.answer_outputs(snap, path, *a), overview.chart_note(snap, *a)

            def run_pre_grid(a: tuple[Any, ...] = args_) -> object:
                return pre_grid_overview(cache.get(), path, *a)

            def run_table(a: tuple[Any, ...] = args_) -> object:
                return table.table_outputs(cache.get(), path, *a)

            first = _median_ms(run_first, args.runs)
            ov = _median_ms(run_overview, args.runs)
            grid = _median_ms(run_grid, args.runs)
            pre = _median_ms(run_pre_grid, args.runs)
            tb = _median_ms(run_table, args.runs)
            worst, worst_first = max(worst, ov), max(worst_first, first)
            print(
                f"{name:<18} {ov:>7.0f}ms {first:>7.0f}ms {grid:>7.0f}ms {pre:>7.0f}ms {tb:>7.0f}ms"
                f"   {ov / pre:>17.2f}  {first / pre:>14.2f}"
            )
        verdict = "meets" if worst <= TARGET_MS else "misses"
        print(
            f"overview filter callback: worst median {worst:.0f} ms, {verdict} the target"
            f" (a filter's first call: worst median {worst_first:.0f} ms)"
        )
        if not args.no_refresh:
            bench_refresh(path, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
