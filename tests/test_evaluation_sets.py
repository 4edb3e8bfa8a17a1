"""Floors under the extractor's scores on our own annotated sets (tests/fixtures/*/gold.jsonl).

The five sets are invented articles annotated by hand from SPEC.md, without the extractor's
output (see each set's README): ``heldout`` and the three ``tuning`` sets have guided general
rules, ``blind`` never has. A floor a little below the score measured when it was set catches a
change that quietly breaks a whole class of figures (a decimal read wrongly, a lost list).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from impact.cli.extract import figure_rows
from impact.evaluate import score

FIXTURES = Path(__file__).parent / "fixtures"

# set -> (detection F1, category accuracy, full-figure F1) floors; measured 2026-11-26:
# heldout 0.995 / 0.958 / 0.759, tuning 0.980 / 0.924 / 0.596, tuning2 0.983 / 0.847 / 0.559,
# tuning3 0.976 / 0.844 / 0.510, blind 0.978 / 0.856 / 0.562
FLOORS = {
    "heldout": (0.97, 0.93, 0.73),
    "tuning": (0.95, 0.90, 0.57),
    "tuning2": (0.95, 0.82, 0.53),
    "tuning3": (0.95, 0.81, 0.48),
    "blind": (0.94, 0.83, 0.53),
}


@pytest.mark.parametrize("name", list(FLOORS))
def test_scores_on_our_annotated_sets_stay_above_their_floors(name: str) -> None:
    folder = FIXTURES / name
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    paths = tuple(sorted((folder / "texts").glob("*.txt")))
    rows, failed = figure_rows(paths)
    assert failed == 0
    scores = score(gold, rows).scores
    detect, category, full = FLOORS[name]
    assert scores["detect_f1"] >= detect, scores
    assert scores["category_acc"] >= category, scores
    assert scores["full_f1"] >= full, scores
