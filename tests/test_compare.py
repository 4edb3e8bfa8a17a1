"""Comparing estimates across articles: ranges, consensus, disagreements, syndication."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from impact.comparison import COMPARE_COLUMNS, Consensus, compare, consensus, same_place
from impact.frame import to_frame
from impact.model import Article, Figure, Place
from impact.store import Store

AR_RAQQAH: dict[str, Any] = {"matched": "Ar Raqqah", "country_code": "SY", "geonameid": 163915}
SENTENCE_DAILY = "An estimated 2,500 IS fighters remain in Raqqa, officials said."


def fighters(surface: str, low: int | None, high: int | None, place: str, **extra: Any) -> Figure:
    best = extra.pop("best", low if high is None else high if low is None else (low + high) // 2)
    start = extra.pop("start", 0)
    return Figure(
        start=start,
        end=extra.pop("end", start + len(surface)),
        surface=surface,
        low=low,
        high=high,
        best=best,
        approximate=False,
        vague=False,
        counted="IS fighters",
        category=extra.pop("category", "fighters"),
        location=place,
        place=Place(place, **AR_RAQQAH) if "Raq" in place else Place(place),
        sentence=extra.pop("sentence", f"{surface} IS fighters remain in {place}."),
        **extra,
    )


def add(store: Store, doc: str, date: str, figures: list[Figure], **meta: Any) -> None:
    store.add_article(Article(doc, f"text of {doc}", date=date, **meta), figures)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "impact.db") as opened:
        add(opened, "daily", "2017-07-02", [
            fighters("An estimated 2,500", 2500, 2500, "Raqqa", sentence=SENTENCE_DAILY,
                     attributed_to="Officials"),
            fighters("200 to 300", 200, 300, "Mosul"),
            fighters("40", 40, 40, "Raqqa", category="killed"),
        ], publisher="Daily Example")  # fmt: skip
        add(opened, "monitor", "2017-07-03", [
            fighters("Between 3,000 and 4,000", 3000, 4000, "Ar Raqqah",
                     attributed_to="the monitor"),
        ], publisher="Monitor Example", illustrative=True)  # fmt: skip
        yield opened


def test_two_non_overlapping_estimates(store: Store) -> None:
    result = compare(store, "Raqqa", "fighters")
    assert tuple(result.columns) == COMPARE_COLUMNS
    assert list(result["doc"]) == ["daily", "monitor"]
    assert list(result["low"]) == [2500, 3000] and list(result["high"]) == [2500, 4000]
    assert list(result["publisher"]) == ["Daily Example", "Monitor Example"]
    assert list(result["attributed_to"]) == ["Officials", "the monitor"]
    assert list(result["disagrees"]) == [True, True]
    agreement = consensus(result)
    assert (agreement.estimates, agreement.overlap) == (2, False)
    assert agreement.median_best == 3000.0  # median of 2,500 and 3,500
    assert "no overlap among 2 estimates" in agreement.describe()


def test_consensus_is_the_overlap_of_the_largest_agreeing_group(store: Store) -> None:
    add(store, "third", "2017-07-04", [fighters("at least 3,500", 3500, None, "Raqqa")])
    result = compare(store, "raqqa", "fighters")
    assert list(result["doc"]) == ["daily", "monitor", "third"]
    assert list(result["disagrees"]) == [True, False, False]
    agreement = consensus(result)
    assert (agreement.low, agreement.high, agreement.agreeing, agreement.estimates) == (
        3500, 4000, 2, 3,
    )  # fmt: skip
    assert agreement.describe().startswith("3,500 to 4,000 (2 of 3 estimates overlap)")


def test_syndicated_copy_is_flagged_and_counted_once(store: Store) -> None:
    copy = fighters(
        "An estimated 2,500", 2500, 2500, "Raqqa",
        sentence="An  estimated 2,500 IS fighters remain in Raqqa, officials said. ",
    )  # fmt: skip
    add(store, "wire-copy", "2017-07-05", [copy], publisher="Wire Example")
    result = compare(store, "Raqqa", "fighters")
    assert list(result["doc"]) == ["daily", "monitor", "wire-copy"]
    assert list(result["duplicate_of"].fillna("")) == ["", "", "daily"]
    assert consensus(result).estimates == 2
    assert bool(result.loc[2, "disagrees"]) is False


def test_an_article_repeating_itself_counts_once_and_still_disagrees(store: Store) -> None:
    headline = fighters("2,500", 2500, 2500, "Raqqa", sentence="2,500 fighters hold Raqqa")
    add(store, "repeats", "2017-07-06", [headline, replace(headline, start=90, end=95)])
    result = compare(store, "Raqqa", "fighters")
    assert list(result["doc"]) == ["daily", "monitor", "repeats", "repeats"]
    assert list(result["duplicate_of"].fillna("")) == ["", "", "", "repeats"]
    assert list(result["disagrees"]) == [False, True, False, False]
    agreement = consensus(result)
    assert (agreement.estimates, agreement.agreeing, agreement.low) == (3, 2, 2500)


def test_one_article_alone_does_not_disagree_with_itself(store: Store) -> None:
    add(store, "solo", "2017-07-06", [
        fighters("100", 100, 100, "Tabqa"),
        fighters("5,000", 5000, 5000, "Tabqa", start=50, end=55),
    ])  # fmt: skip
    assert list(compare(store, "Tabqa", "fighters")["disagrees"]) == [False, False]


@pytest.mark.parametrize(
    ("low", "high", "disagrees"),
    [
        pytest.param(None, 3000, [False, False, False], id="open-low-overlaps-both"),
        pytest.param(5000, None, [True, True, True], id="open-high-above-all"),
        pytest.param(2400, 2600, [False, True, False], id="overlaps-daily-only"),
    ],
)
def test_open_bounds_are_open(store: Store, low: int | None, high: int | None, disagrees: list[bool]) -> None:
    add(store, "zz", "2017-07-09", [fighters("some", low, high, "Raqqa")])
    result = compare(store, "Raqqa", "fighters")
    assert list(result["disagrees"]) == disagrees


def test_reviewed_values_are_compared(store: Store) -> None:
    frame = store.figures()
    daily = int(frame.loc[(frame["doc"] == "daily") & (frame["location"] == "Raqqa"), "id"].iloc[0])
    store.review(daily, "corrected", low=2500, high=3200)
    result = compare(store, "Raqqa", "fighters")
    assert list(result["disagrees"]) == [False, False]
    assert (consensus(result).low, consensus(result).high) == (3000, 3200)
    store.review(daily, "rejected")
    assert list(compare(store, "Raqqa", "fighters")["doc"]) == ["monitor"]


def test_compare_a_frame_from_to_frame() -> None:
    frame = pd.concat(
        [
            to_frame([fighters("2,500", 2500, 2500, "Raqqa")], doc="a"),
            to_frame([fighters("3,000", 3000, 3000, "Ar-Raqqah")], doc="b"),
            to_frame([fighters("9", 9, 9, "Homs")], doc="c"),
        ],
        ignore_index=True,
    )
    result = compare(frame, "RAQQA", "fighters")
    assert list(result["doc"]) == ["a", "b"]
    # undated: nothing says the two held at one time, so each is compared within its article
    assert result["group"].nunique() == 2 and list(result["disagrees"]) == [False, False]
    pooled = compare(frame, "RAQQA", "fighters", pool_undated=True)
    assert pooled["group"].nunique() == 1 and list(pooled["disagrees"]) == [True, True]


def test_nothing_found(store: Store) -> None:
    result = compare(store, "Aleppo", "fighters")
    assert result.empty and consensus(result).describe() == "no estimates"


@pytest.mark.parametrize(
    ("query", "name", "same"),
    [
        ("Raqqa", "Ar Raqqah", True),
        ("raqqa", "RAQQA", True),
        ("Raqqa", "Raqqa city", True),
        ("Raqqa", "ar-Raqqa Governorate", True),
        ("Aleppo", "Aleppo province", True),
        ("Mosul", "Mosul's Old City", False),
        ("Homs", "Hama", False),
        ("Raqqa", None, False),
        ("Dar", "Daraa", False),
    ],
)
def test_same_place(query: str, name: str | None, same: bool) -> None:
    assert same_place(query, name) is same


@pytest.mark.parametrize(
    ("agreement", "text"),
    [
        (Consensus(0, 0, None, None, None, overlap=False), "no estimates"),
        (Consensus(1, 1, 2500, 2500, 2500.0, overlap=True), "2,500 (a single estimate)"),
        (
            Consensus(3, 2, 3500, None, 3500.0, overlap=True),
            "3,500 to open (2 of 3 estimates overlap); median best 3,500",
        ),
        (Consensus(2, 1, None, None, 3000.0, overlap=False), "no overlap among 2 estimates; median best 3,000"),
    ],
    ids=["none", "single", "open-high", "no-overlap"],
)
def test_consensus_description(agreement: Consensus, text: str) -> None:
    assert agreement.describe() == text
