"""The effective (corrected) value has one home, ``impact.corrections``: every layer agrees."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard import queries
from impact.corrections import CORRECTABLE, effective_best, validate
from impact.export import export_figures
from impact.filters import Filters
from impact.model import Article, Figure
from impact.store import Store

TEXT = "Hundreds of civilians fled Mosul last week. About 2,500 IS fighters remain in Raqqa."


def _figures() -> list[Figure]:
    hundreds = Figure(
        start=0, end=8, surface="Hundreds", low=200, high=999, best=200, approximate=False, vague=True,
        unit="people", category="fled", location="Mosul", counted="civilians", kind="flow",
        sentence=TEXT[:43], sentence_end=43,
    )  # fmt: skip
    about = Figure(
        start=44, end=55, surface="About 2,500", low=2250, high=2750, best=2500, approximate=True, vague=False,
        unit="people", category="fighters", location="Raqqa", counted="IS fighters",
        sentence=TEXT[44:], sentence_start=44, sentence_end=len(TEXT),
    )  # fmt: skip
    return [hundreds, about]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "corrections.db")
    store.add_article(Article("wire", TEXT, publisher="Wire Example", date="2017-07-05"), _figures())
    return store


def _id(store: Store, surface: str) -> int:
    frame = store.figures()
    return int(frame.loc[frame["surface"] == surface, "id"].iloc[0])


@pytest.mark.parametrize(
    ("best", "low", "high", "expected"),
    [
        pytest.param(2500, 2250, 2750, 2500, id="inside-kept"),
        pytest.param(200, 1000, 3000, 2000, id="outside-middle"),
        pytest.param(200, 1000, None, 1000, id="outside-open-high-takes-low"),
        pytest.param(None, None, 30, 30, id="only-high"),
        pytest.param(None, None, None, None, id="nothing"),
        pytest.param(5000, None, 3000, 3000, id="above-open-low-takes-high"),
    ],
)
def test_effective_best(best: int | None, low: int | None, high: int | None, expected: int | None) -> None:
    assert effective_best(best, low, high) == expected


def test_a_corrected_range_gives_one_best_in_the_store_the_export_and_the_dashboard(store: Store) -> None:
    figure_id = _id(store, "Hundreds")
    store.review(figure_id, "corrected", low=1000, high=3000)
    frame = store.figures()
    stored = frame.loc[frame["id"] == figure_id].iloc[0]
    assert (stored["effective_low"], stored["effective_high"], stored["effective_best"]) == (1000, 3000, 2000)
    exported = export_figures(store).set_index("figure_id").loc[figure_id]
    assert (exported["low"], exported["high"], exported["best"]) == (1000, 3000, 2000)
    with queries.connect(store.target) as conn:
        row = queries.rows_by_id(conn, [figure_id]).iloc[0]
    assert (row["low"], row["high"], row["best"]) == (1000, 3000, 2000)


def test_a_category_correction_keeps_the_best_inside_the_range(store: Store) -> None:
    figure_id = _id(store, "About 2,500")
    store.review(figure_id, "corrected", category="civilians_present")
    exported = export_figures(store).set_index("figure_id").loc[figure_id]
    assert (exported["category"], exported["best"]) == ("civilians_present", 2500)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("unit", "households"),
        ("kind", "stock"),
        ("attributed_to", "UNHCR"),
        ("period_start", "2017-06-26"),
        ("period_end", "2017-07-02"),
        ("as_of", "2017-07"),
        ("location", "Mosul Old City"),
    ],
)
def test_every_correctable_field_takes_effect_in_the_store_and_the_export(store: Store, field: str, value: str) -> None:
    figure_id = _id(store, "Hundreds")
    store.review(figure_id, "corrected", **{field: value})
    frame = store.figures()
    row = frame.loc[frame["id"] == figure_id].iloc[0]
    assert row[f"effective_{field}"] == value
    assert row[f"corrected_{field}"] == value
    exported = export_figures(store).set_index("figure_id").loc[figure_id]
    if field in exported.index:
        assert exported[field] == value
    # Other fields keep the extractor's values.
    assert row["effective_category"] == "fled"


def test_a_corrected_unit_is_what_the_unit_filter_sees(store: Store) -> None:
    figure_id = _id(store, "Hundreds")
    store.review(figure_id, "corrected", unit="households")
    assert list(store.figures(Filters(units=("households",)))["id"]) == [figure_id]
    assert figure_id not in set(store.figures(Filters(units=("people",)))["id"])


def test_clearing_a_review_restores_every_field(store: Store) -> None:
    figure_id = _id(store, "Hundreds")
    store.review(figure_id, "corrected", low=1000, high=3000, kind="stock", unit="households")
    store.review(figure_id, None)
    row = store.figures().set_index("id").loc[figure_id]
    assert [row[f"effective_{name}"] for name in ("low", "high", "kind", "unit", "best")] == [
        200, 999, "flow", "people", 200,
    ]  # fmt: skip
    assert all(pd.isna(row[f"corrected_{name}"]) for name in CORRECTABLE)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("unit", "tents", "unknown unit"),
        ("kind", "total", "unknown kind"),
        ("as_of", "last week", "YYYY-MM-DD"),
        ("period_start", "2017-02-30", "YYYY-MM-DD"),
        ("attributed_to", 7, "must be text"),
        ("attributed_to", "x" * 501, "longer than 500"),
        ("low", -1, "from 0"),
        ("best", 3, "cannot be corrected"),
    ],
)
def test_invalid_corrections_are_refused_with_a_reason(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate(field, value)


def test_the_store_refuses_a_field_it_cannot_correct(store: Store) -> None:
    with pytest.raises(ValueError, match="surface cannot be corrected"):
        store.review(_id(store, "Hundreds"), "corrected", surface="Thousands")
