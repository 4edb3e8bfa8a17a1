"""Exports read back equal to what is stored; CSV is safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from impact.export import (
    CSV_TEXT_COLUMNS,
    EXPORT_COLUMNS,
    export_figures,
    export_frame,
    hxl_tag,
    neutralise_cell,
    read_export_csv,
)
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
    assert row["best"] == 52  # the old best (40) is outside the corrected range: its middle
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


def _hxl_dataset(path: Path) -> Any:
    hxl = pytest.importorskip("hxl")
    options = hxl.InputOptions(allow_local=True) if hasattr(hxl, "InputOptions") else None
    dataset = hxl.data(str(path), options) if options else hxl.data(str(path))
    return dataset.cache()  # read once: rows can be walked again


def test_hxl_is_read_by_libhxl(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "figures.hxl.csv"
    export_frame(export_figures(store), "hxl", path)
    dataset = _hxl_dataset(path)
    tags = [column.display_tag for column in dataset.columns]
    for tag in (
        "#affected+killed+ind",
        "#affected+killed+ind+min",
        "#affected+displaced+fled+ind+min",
        "#affected+displaced+fled+ind+max",
        "#indicator+fighters+ind+num",
        "#loc+name",
        "#country+code",
        "#geo+lat",
        "#geo+lon",
        "#date+reported",
        "#meta+source",
        "#meta+url",
    ):
        assert tag in tags, tag
    assert not any(tag.startswith("#affected+fighters") for tag in tags)  # fighters are not affected
    by_doc: dict[str, list[Any]] = {}
    for row in dataset:
        by_doc.setdefault(row.get("#meta+doc"), []).append(row)
    fighters = next(r for r in by_doc["daily"] if r.get("#meta+category") == "fighters")
    assert fighters.get("#indicator+fighters+ind+num") == "2500"
    assert fighters.get("#affected+killed+ind") in ("", None)
    assert fighters.get("#loc+name") == "Raqqa" and fighters.get("#country+code") == "SY"
    assert fighters.get("#meta+source") == "Daily Example"


@pytest.fixture
def mixed_units(tmp_path: Path) -> Iterator[Store]:
    """One category (displaced) counted in people and in households, plus a baseline, people
    in need and damaged houses."""
    with Store(tmp_path / "units.db") as opened:
        opened.add_article(
            Article("059", "...", publisher="Daily Example", date="2017-07-02"),
            [
                figure("791 people", 791, 791, category="displaced", unit="people", location="Mosul"),
                figure("166 families", 166, 166, start=20, end=32, category="displaced", unit="households",
                       location="Mosul"),
                figure("9,000", 9000, 9000, start=40, end=45, category="in_need", location="Mosul"),
                figure("40 houses", 40, 40, start=50, end=59, category="damaged", unit="structures"),
                figure("200,000", 200000, 200000, start=60, end=67, category="civilians_present"),
            ],
        )  # fmt: skip
        yield opened


def test_hxl_puts_people_and_households_in_separate_columns(mixed_units: Store, tmp_path: Path) -> None:
    path = tmp_path / "units.hxl.csv"
    export_frame(export_figures(mixed_units), "hxl", path)
    dataset = _hxl_dataset(path)
    tags = [column.display_tag for column in dataset.columns]
    assert "#affected+displaced+ind" in tags and "#affected+displaced+hh" in tags
    people = [row.get("#affected+displaced+ind") for row in dataset]
    households = [row.get("#affected+displaced+hh") for row in dataset]
    assert sorted(v for v in people if v) == ["791"]
    assert sorted(v for v in households if v) == ["166"]
    assert "#inneed+ind" in tags and "#population+civilians+ind" in tags
    assert "#indicator+damaged+structures+num" in tags
    # no figure counted in houses or a baseline is summed into #affected
    affected = [t for t in tags if t.startswith("#affected")]
    assert all(("+ind" in t) != ("+hh" in t) for t in affected), affected


# HXL core hashtags (https://hxlstandard.org/standard/dictionary): every tag the export writes
# starts with one of these, and every value column's hashtag is a number hashtag.
HXL_CORE = {"#affected", "#inneed", "#population", "#indicator", "#meta", "#loc", "#geo", "#country",
            "#date", "#description", "#status"}  # fmt: skip
HXL_NUMBER = {"#affected", "#inneed", "#population", "#indicator"}


def test_hxl_tags_come_from_the_dictionary(mixed_units: Store, store: Store, tmp_path: Path) -> None:
    for name, opened in (("units", mixed_units), ("mixed", store)):
        path = tmp_path / f"{name}.hxl.csv"
        export_frame(export_figures(opened), "hxl", path)
        lines = path.read_text(encoding="utf-8").splitlines()
        header, tags = next(csv.reader([lines[0]])), next(csv.reader([lines[1]]))
        assert len(header) == len(tags)
        for column, tag in zip(header, tags, strict=True):
            assert tag.split("+")[0] in HXL_CORE, (column, tag)
            assert re.fullmatch(r"#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*", tag), tag
            if column.endswith(("_people", "_households", "_structures", "_low", "_high")):
                assert tag.split("+")[0] in HXL_NUMBER, (column, tag)
                assert tag.startswith("#indicator") is tag.endswith(("+num", "+num+min", "+num+max")), tag


def test_hxl_has_only_the_columns_in_use(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "figures.hxl.csv"
    export_frame(export_figures(store), "hxl", path)
    header = next(csv.reader([path.read_text(encoding="utf-8").splitlines()[0]]))
    values = [c for c in header if c.endswith(("_people", "_low", "_high"))]
    # killed (40, open high), fled (200-999), fighters (2,500): best and the bounds that exist
    assert values == ["killed_people", "killed_people_low", "fled_people", "fled_people_low",
                      "fled_people_high", "fighters_people", "fighters_people_low",
                      "fighters_people_high"]  # fmt: skip
    for unused in ("start", "end", "sentence_start", "sentence_end", "qualifier", "note", "low", "high"):
        assert unused not in header
    assert len(header) < 40


@pytest.mark.parametrize("fmt", ["csv", "hxl"])
def test_doc_stays_text_on_a_round_trip(mixed_units: Store, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"docs.{fmt}.csv"
    export_frame(export_figures(mixed_units), fmt, path, bom=True)
    if fmt == "csv":
        back = read_export_csv(path)
    else:  # the hashtag row under the header skipped
        back = pd.read_csv(path, dtype=CSV_TEXT_COLUMNS, encoding="utf-8-sig", skiprows=[1])
    assert set(back["doc"].astype(str)) == {"059"}
    if fmt == "csv":
        assert back["low"].dtype == "int64"  # numbers stay numbers
        # a plain read keeps the key as text: numbers-like docs are written "doc:<doc>"
        assert set(pd.read_csv(path, encoding="utf-8-sig")["doc"]) == {"doc:059"}


@pytest.mark.parametrize(
    ("column", "tag"),
    [
        ("in_need_people_low", "#inneed+ind+min"),
        ("killed_people_high", "#affected+killed+ind+max"),
        ("killed_people", "#affected+killed+ind"),
        ("displaced_households", "#affected+displaced+hh"),
        ("fighters_people", "#indicator+fighters+ind+num"),
        ("damaged_structures_low", "#indicator+damaged+structures+num+min"),
        ("affected_structures", "#indicator+affected+structures+num"),
        ("civilians_present_people", "#population+civilians+ind"),
        ("returned_households", "#affected+returnees+hh"),
        ("date", "#date+reported"),
        ("period_start", "#date+start"),
        ("low_unknown", "#meta+low_unknown"),
    ],
    ids=lambda value: str(value),
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


@pytest.mark.parametrize(
    ("doc", "written"),
    [
        ("059", "doc:059"),
        ("59", "doc:59"),
        ("1e5", "doc:1e5"),
        ("-3.5", "doc:-3.5"),
        ("NA", "doc:NA"),
        ("True", "doc:True"),
        ("doc:7", "doc:doc:7"),
        ("a1", "a1"),
        ("mosul-report", "mosul-report"),
        ("2017-06-30", "2017-06-30"),
    ],
    ids=["leading-zero", "number", "exponent", "negative", "na-word", "truth-word", "prefixed", "word", "slug", "date"],
)
def test_a_plain_read_gives_every_article_key_back_as_text(tmp_path: Path, doc: str, written: str) -> None:
    frame = pd.DataFrame({"doc": [doc, doc], "low": [1, 2]})
    path = tmp_path / "keys.csv"
    export_frame(frame, "csv", path)
    plain = pd.read_csv(path)
    assert list(plain["doc"]) == [written, written]  # text, with no reader option
    assert list(read_export_csv(path)["doc"]) == [doc, doc]  # the store's doc
