"""Pairwise precision and recall of the grouping of estimates against hand labels.

    python tools/score_groups.py                  # the invented set, then the real corpus
    python tools/score_groups.py --set corpus -v  # one set, listing wrong and missed pairs

Each labels file (``tests/fixtures/groups/*_labels.json``) names figures by ``doc`` and the
character span of the extractor's output when they were labelled, and gives each a group
name: figures sharing a name estimate the same quantity. The articles are ingested into a
temporary store, grouped by ``impact.grouping.groups``, and every labelled figure is paired
with the stored figure overlapping its span most. A pair of figures is a positive when the
labels put them in one group; precision is the share of the pairs the grouping puts together
that are positives, recall the share of positives it puts together. "before" is today's
pooling by place and category (``compare(place, category)`` before grouping).

The real corpus lives in ``../shared/corpus`` (not in this repository); without it that set
is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from impact import ingest  # noqa: E402
from impact.grouping import DEFAULT_TOLERANCE_DAYS, groups, same_place  # noqa: E402
from impact.store import Store  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "groups"
SETS: dict[str, tuple[Path, Path]] = {
    "invented": (FIXTURES / "invented_labels.json", FIXTURES / "articles"),
    "corpus": (FIXTURES / "corpus_labels.json", ROOT.parent / "shared" / "corpus" / "texts"),
}

Pair = tuple[int, int]


def load(labels_path: Path, texts: Path) -> tuple[pd.DataFrame, list[dict[str, Any]]] | None:
    """The stored figures of the labelled docs and the labels, or None without the texts."""
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["figures"]
    docs = sorted({label["doc"] for label in labels})
    files = [texts / f"{doc}.txt" for doc in docs]
    if not all(path.is_file() for path in files):
        return None
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "groups.db") as store:
        report = ingest(files, store)
        if report.failed:
            raise SystemExit("; ".join(str(error) for error in report.errors))
        frame = store.figures()
    return frame, labels


def match(frame: pd.DataFrame, labels: list[dict[str, Any]]) -> tuple[dict[int, str], list[dict[str, Any]]]:
    """Frame row index -> label group, for the labels found; and the labels not found."""
    found: dict[int, str] = {}
    lost: list[dict[str, Any]] = []
    for label in labels:
        rows = frame[frame["doc"] == label["doc"]]
        best, overlap = None, 0
        for index, start, end in zip(rows.index, rows["start"], rows["end"], strict=True):
            shared = min(int(end), label["end"]) - max(int(start), label["start"])
            if shared > overlap and index not in found:
                best, overlap = index, shared
        if best is None:
            lost.append(label)
        else:
            found[int(best)] = label["group"]
    return found, lost


def pooled_by_place_and_category(frame: pd.DataFrame) -> Callable[[int, int], bool]:
    """Today's comparison: one pool per place (loose name match or GeoNames id) and category."""

    def names(index: int) -> list[str]:
        row = frame.loc[index]
        return [str(row[c]) for c in ("effective_location", "place_name", "place_matched") if isinstance(row[c], str)]

    def together(a: int, b: int) -> bool:
        if frame.loc[a, "effective_category"] != frame.loc[b, "effective_category"]:
            return False
        ida, idb = frame.loc[a, "geonameid"], frame.loc[b, "geonameid"]
        if pd.notna(ida) and pd.notna(idb) and int(ida) == int(idb):
            return True
        return any(same_place(x, y) for x in names(a) for y in names(b))

    return together


def score(pairs: Sequence[Pair], truth: Callable[[int, int], bool], said: Callable[[int, int], bool]) -> dict[str, Any]:
    tp = fp = fn = 0
    for a, b in pairs:
        gold, guess = truth(a, b), said(a, b)
        tp += gold and guess
        fp += guess and not gold
        fn += gold and not guess
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": precision, "recall": recall, "tp": tp, "fp": fp, "fn": fn}


def line(name: str, result: dict[str, Any]) -> str:
    return (
        f"  {name:<28} precision {result['precision']:.3f}  recall {result['recall']:.3f}"
        f"  (together right {result['tp']}, wrongly {result['fp']}; missed {result['fn']})"
    )


def run(name: str, tolerance_days: int, verbose: bool, pool_undated: bool = False) -> bool:
    labels_path, texts = SETS[name]
    loaded = load(labels_path, texts)
    if loaded is None:
        print(f"{name}: skipped (texts not found under {texts})")
        return False
    frame, labels = loaded
    found, lost = match(frame, labels)
    grouped = groups(frame, tolerance_days=tolerance_days, pool_undated=pool_undated)
    indices = sorted(found)
    pairs = list(combinations(indices, 2))
    cross = [(a, b) for a, b in pairs if frame.loc[a, "doc"] != frame.loc[b, "doc"]]

    def truth(a: int, b: int) -> bool:
        return found[a] == found[b]

    def after(a: int, b: int) -> bool:
        return bool(grouped.loc[a, "group"] == grouped.loc[b, "group"])

    before = pooled_by_place_and_category(frame)
    docs = frame["doc"].nunique()
    print(
        f"{name}: {len(found)} labelled figures in {docs} articles ({len(lost)} labels not found),"
        f" {sum(truth(a, b) for a, b in pairs)} same-quantity pairs of {len(pairs)}"
        f" ({sum(truth(a, b) for a, b in cross)} across articles)"
    )
    print(line("before (place + category)", score(pairs, truth, before)))
    print(line("after (groups)", score(pairs, truth, after)))
    print(line("before, across articles", score(cross, truth, before)))
    print(line("after, across articles", score(cross, truth, after)))
    if verbose:
        for a, b in pairs:
            gold, guess = truth(a, b), after(a, b)
            if gold != guess:
                tag = "WRONGLY TOGETHER" if guess else "MISSED"
                print(f"    {tag}: {describe(grouped, found, a)}  |  {describe(grouped, found, b)}")
    return True


def describe(grouped: pd.DataFrame, found: dict[int, str], index: int) -> str:
    row = grouped.loc[index]
    return f"{row['doc']}:{row['start']} {row['surface']!r} [{found[index]}] -> {row['group_label']}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--tolerance-days", type=int, default=DEFAULT_TOLERANCE_DAYS)
    parser.add_argument("--pool-undated", action="store_true", help="compare undated estimates across articles")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the pairs scored wrong")
    options = parser.parse_args(argv)
    for name in SETS if options.set == "all" else [options.set]:
        run(name, options.tolerance_days, options.verbose, options.pool_undated)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
