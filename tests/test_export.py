"""Exports read back equal to what is stored; CSV is safe to open in a spreadsheet."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from impact.export import EXPORT_COLUMNS, export_figures, export_frame, hxl_tag, neutralise_cell
from impact.filters import Filters
from impact.frame import FIGURE_COLUMNS, to_frame
from impact.model import Article, Figure, Place
from impact.store import Store

RAQQA = Place("Raqqa", matched="Ar Raqqah", country_code="SY", latitude=35.95, longitude=39.01)


def figure(surface: str, low: int | None, high: int | None, **fields: Any) -> Figure:
    values: dict[str, Any] = {
        "start": 0,
        "end": len(surface),
        "surface": surface,
        "low": low,
        "high": high,
        "best": low,
        "approximate": False,
        "vague": False,
        "sentence": f"{surface} remain, it said.",
    }
    values.update(fields)
    return Figure(**values)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "impact.db") as opened:
        opened.add_article(
            Article("daily", "An estimated 2,500 ... at least 40 ...", publisher="Daily Example",
                    date="2017-07-02", url="https://daily.example/1", title="Raqqa, “the last”"),
            [
                figure("An estimated 2,500", 2500, 2500, approximate=True, category="fighters",
                       counted="IS fighters", location="Raqqa", place=RAQQA),
                figure("at least 40", 40, None, start=20, end=31, category="killed",
                       counted="civilians", location="Raqqa", place=RAQQA,
                       attributed_to="the council"),
            ],
        )  # fmt: skip
        opened.add_article(
            Article("wire", "Hundreds fled Mosul.", publisher="Wire, Inc.", date="2017-07-05"),
            [figure("Hundreds", 200, 999, vague=True, category="fled", location="Mosul")],
        )
        yield opened


def plain(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


@pytest.mark.parametrize("bom", [False, True], ids=["utf8", "utf8-bom"])
def test_csv_round_trip(store: Store, tmp_path: Path, bom: bool) -> None:
    expected = export_figures(store)
    path = tmp_path / "figures.csv"
    export_frame(expected, "csv", path, bom=bom)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") is bom
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert list(back.columns) == list(EXPORT_COLUMNS)
    assert rows(back) == rows(expected)
    assert back["low"].dtype == "int64" and back["latitude"].dtype == "float64"


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_round_trip(store: Store, tmp_path: Path, fmt: str) -> None:
    expected = export_figures(store)
    path = tmp_path / f"figures.{fmt}"
    export_frame(expected, fmt, path)
    text = path.read_text(encoding="utf-8")
    records = json.loads(text) if fmt == "json" else [json.loads(x) for x in text.splitlines()]
    assert records == rows(expected)
    assert records[0]["approximate"] is True and records[1]["high"] is None


def test_parquet_round_trip(store: Store, tmp_path: Path) -> None:
    expected = export_figures(store)
    export_frame(expected, "parquet", tmp_path / "f.parquet")
    assert rows(pd.read_parquet(tmp_path / "f.parquet")) == rows(expected)


def test_stored_values_and_corrections_are_exported(store: Store) -> None:
    frame = store.figures()
    killed = int(frame.loc[frame["category"] == "killed", "id"].iloc[0])
    fled = int(frame.loc[frame["category"] == "fled", "id"].iloc[0])
    store.review(killed, "corrected", low=45, high=60, location="Raqqa city")
    store.review(fled, "rejected")
    exported = export_figures(store).set_index("figure_id")
    assert fled not in exported.index
    row = exported.loc[killed]
    assert (row["low"], row["high"], row["location"], row["review_status"]) == (
        45, 60, "Raqqa city", "corrected",
    )  # fmt: skip
    assert row["best"] == 45  # best kept inside the corrected range
    assert store.figures().set_index("id").loc[killed, "low"] == 40  # original untouched
    assert len(export_figures(store, Filters(include_rejected=True))) == 3


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("Officials", "Officials"),
        (12, 12),
        (-5, -5),
    ],
    ids=["equals", "plus", "minus", "at", "tab", "cr", "text", "int", "negative-int"],
)
def test_neutralise_cell(cell: Any, safe: Any) -> None:
    assert neutralise_cell(cell) == safe


def test_csv_export_is_safe_against_formula_injection(tmp_path: Path) -> None:
    with Store(tmp_path / "impact.db") as store:
        store.add_article(
            Article("evil", "=1+1 people", publisher='=HYPERLINK("http://evil")', title="@x"),
            [figure("-12", 12, 12, counted="+cmd", attributed_to="@SUM(A1)")],
        )
        frame = export_figures(store)
    path = tmp_path / "evil.csv"
    export_frame(frame, "csv", path)
    back = pd.read_csv(path)
    row = back.iloc[0]
    assert row["publisher"] == '\'=HYPERLINK("http://evil")'
    assert (row["surface"], row["counted"], row["attributed_to"], row["title"]) == (
        "'-12", "'+cmd", "'@SUM(A1)", "'@x",
    )  # fmt: skip
    assert back["low"].dtype == "int64" and row["low"] == 12  # numbers stay numbers
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        assert not any(cell.startswith(("=", "+", "@")) for cell in line.split(","))


def test_hxl_is_read_by_libhxl(store: Store, tmp_path: Path) -> None:
    hxl = pytest.importorskip("hxl")
    path = tmp_path / "figures.hxl.csv"
    export_frame(export_figures(store), "hxl", path)
    options = hxl.InputOptions(allow_local=True) if hasattr(hxl, "InputOptions") else None
    dataset = hxl.data(str(path), options) if options else hxl.data(str(path))
    tags = [column.display_tag for column in dataset.columns]
    for tag in (
        "#affected+killed+min",
        "#affected+killed+max",
        "#affected+fled+min",
        "#affected+fighters+min",
        "#affected+fighters+max",
        "#loc+name",
        "#country+code",
        "#geo+lat",
        "#geo+lon",
        "#date+reported",
        "#meta+source",
        "#meta+url",
        "#status+review",
    ):
        assert tag in tags, tag
    by_doc: dict[str, list[Any]] = {}
    for row in dataset:
        by_doc.setdefault(row.get("#meta+doc"), []).append(row)
    fighters = next(r for r in by_doc["daily"] if r.get("#indicator+category") == "fighters")
    assert fighters.get("#affected+fighters+min") == "2500"
    assert fighters.get("#affected+killed+min") in ("", None)
    assert fighters.get("#loc+name") == "Raqqa" and fighters.get("#country+code") == "SY"
    assert fighters.get("#meta+source") == "Daily Example"


@pytest.mark.parametrize(
    ("column", "tag"),
    [
        ("low_in_need", "#affected+in_need+min"),
        ("high_killed", "#affected+killed+max"),
        ("date", "#date+reported"),
        ("low_unknown", "#meta+low_unknown"),
    ],
)
def test_hxl_tag(column: str, tag: str) -> None:
    assert hxl_tag(column) == tag


def test_unknown_format_and_binary_to_stdout(store: Store) -> None:
    frame = export_figures(store)
    with pytest.raises(ValueError, match="unknown format"):
        export_frame(frame, "xlsx")
    with pytest.raises(ValueError, match="parquet"):
        export_frame(frame, "parquet", None)


def test_to_frame_has_a_stable_column_order() -> None:
    figures = [figure("Hundreds", 200, 999, vague=True, place=RAQQA), figure("five", 5, 5)]
    frame = to_frame(figures, doc="a")
    assert tuple(frame.columns) == FIGURE_COLUMNS
    assert list(frame["doc"]) == ["a", "a"]
    assert str(frame["low"].dtype) == "Int64" and frame["vague"].dtype == bool
    assert list(frame["country_code"].fillna("")) == ["SY", ""]
    assert tuple(to_frame([]).columns) == FIGURE_COLUMNS
