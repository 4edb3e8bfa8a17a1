"""The dashboard's callbacks as plain functions, on a small hand-made store."""

from __future__ import annotations

import base64
import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from dash import html

from dashboard import ids, snapshot
from dashboard.components import controls_args
from dashboard.testing import build_sample_store
from dashboard.views import add, article, compare, overview, review, table
from dashboard.views import map as map_view
from impact.filters import Filters
from impact.model import Article, Figure
from impact.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_sample_store(tmp_path / "sample.db")


def snap(db: Path) -> snapshot.Snapshot:
    return snapshot.load(db)


def controls(**query: Any) -> tuple[Any, ...]:
    return controls_args(query)


def texts(component: Any) -> list[str]:
    """Every string in a component tree (what a reader would see)."""
    if component is None:
        return []
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [t for c in component for t in texts(c)]
    return texts(getattr(component, "children", None))


# -- snapshot: the same rows as the store's own query ---------------------------------


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(places=("raqqa",)),
        Filters(countries=("sy",)),
        Filters(categories=("fighters", "killed")),
        Filters(units=("households",)),
        Filters(sources=("Radio Example",)),
        Filters(date_from="2017-07-02", date_to="2017-07-10"),
        Filters(vague=True),
        Filters(vague=False, places=("Mosul",)),
    ],
    ids=repr,
)
def test_snapshot_selects_what_the_store_selects(db: Path, filters: Filters) -> None:
    with Store(db) as store:
        expected = sorted(int(i) for i in store.figures(filters)["id"])
    assert sorted(int(i) for i in snap(db).select(filters)["id"]) == expected


def test_snapshot_follows_reviews(db: Path) -> None:
    cache = snapshot.SnapshotCache(db)
    before = cache.get()
    first = int(before.frame["id"].iloc[0])
    with Store(db) as store:
        store.review(first, "rejected")
    after = cache.get()
    assert after is not before
    assert first not in set(after.select(Filters())["id"])
    assert first in set(after.select(Filters(include_rejected=True))["id"])


# -- overview ----------------------------------------------------------------------


def test_overview_numbers_and_charts(db: Path) -> None:
    numbers, by_place, by_publisher, by_quoted, over_time = overview.overview_outputs(snap(db), db, *controls())
    shown = " ".join(texts(numbers))
    assert "4" in shown and "9" in shown  # 4 articles, 9 figures
    assert list(by_place.layout.yaxis.ticktext) == ["Raqqa", "Mosul", "Aleppo"]
    assert {t.name for t in by_publisher.data} >= {"Exact or hedged numbers"}
    assert "(not stated)" in list(by_quoted.layout.yaxis.ticktext)
    assert over_time.data


def test_a_filter_changes_the_overview(db: Path) -> None:
    numbers, by_place, *_ = overview.overview_outputs(snap(db), db, *controls(place="Mosul", kind="vague"))
    assert list(by_place.layout.yaxis.ticktext) == ["Mosul"]
    assert "1" in texts(numbers[1].children[0])  # one vague figure in Mosul


# -- table and export --------------------------------------------------------------


def test_table_rows_split_the_sentence_around_the_number(db: Path) -> None:
    rows, caption = table.table_outputs(snap(db), db, *controls(place="Raqqa"))
    assert caption.startswith("5 figures match")
    estimated = next(r for r in rows if r["number"] == "An estimated 2,500")
    assert estimated["before"] == ""
    assert estimated["after"].startswith(" IS fighters remain in Raqqa")
    assert estimated["article_href"] == "/article?doc=sample-raqqa-1"
    assert all(r["row_id"] == str(r["id"]) for r in rows)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            {"sentence": "Some 12 died.", "surface": "12", "start": 105, "sentence_start": 100},
            ("Some ", "12", " died."),
        ),
        (  # offsets that do not fit: fall back to finding the words
            {"sentence": "Some 12 died.", "surface": "12", "start": 0, "sentence_start": 50},
            ("Some ", "12", " died."),
        ),
        ({"sentence": "", "surface": "12", "start": 0, "sentence_start": 0}, ("", "12", "")),
    ],
)
def test_split_sentence(row: dict[str, Any], expected: tuple[str, str, str]) -> None:
    assert table.split_sentence(row) == expected


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_export_has_exactly_the_rows_on_screen_in_order(db: Path) -> None:
    rows, _ = table.table_outputs(snap(db), db, *controls(category="fighters"))
    on_screen = list(reversed(rows))[:3]  # as if sorted and filtered in the grid
    exported = _csv_rows(table.export_bytes(db, on_screen, "csv"))
    assert [int(r["figure_id"]) for r in exported] == [r["id"] for r in on_screen]
    assert {r["category"] for r in exported} == {"fighters"}


def test_export_download_picks_the_format(db: Path) -> None:
    rows, _ = table.table_outputs(snap(db), db, *controls())
    hxl = table.export_download(db, 0, 1, rows, None, ids.TABLE_EXPORT_HXL)
    assert hxl is not None and re.fullmatch(r"impact-figures-hxl_\d{4}-\d{2}-\d{2}\.csv", hxl["filename"])
    content = base64.b64decode(hxl["content"]).decode("utf-8-sig").splitlines()
    assert content[1].startswith("#meta+id")  # HXL hashtag row under the header
    assert table.export_download(db, 0, 0, None, None, "something-else") is None
    csv_data = table.export_download(db, 1, 0, None, rows, ids.TABLE_EXPORT_CSV)
    assert csv_data is not None and len(_csv_rows(base64.b64decode(csv_data["content"]))) == 9


def test_dashboard_csv_starts_with_a_bom_and_keeps_doc_as_text(tmp_path: Path) -> None:
    import pandas as pd

    db = tmp_path / "docs.db"
    text = "In Mosul’s old city 12 people died."
    at = text.index("12")
    figure = Figure(start=at, end=at + 2, surface="12", low=12, high=12, best=12, approximate=False,
                    vague=False, category="killed", location="Mosul", sentence=text)  # fmt: skip
    with Store(db) as store:
        store.add_article(Article(doc="059", text=text, publisher="Mosul’s Daily"), [figure])
    rows, _ = table.table_outputs(snapshot.load(db), db, *controls())
    data = table.export_bytes(db, rows, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    back = pd.read_csv(path, encoding="utf-8-sig")  # a plain read: no dtype needed
    assert list(back["doc"]) == ["doc:059"] and list(back["publisher"]) == ["Mosul’s Daily"]


@pytest.mark.parametrize(
    ("fmt", "query", "expected"),
    [
        ("csv", {}, "impact-figures_2026-12-06.csv"),
        ("hxl", {}, "impact-figures-hxl_2026-12-06.csv"),
        ("csv", {"place": "Raqqa", "category": "killed"}, "impact-figures_place-Raqqa-category-killed_2026-12-06.csv"),
        ("csv", {"place": "Deir ez-Zor/East"}, "impact-figures_place-Deir-ez-Zor-East_2026-12-06.csv"),
        ("csv", {"date_from": "2017-01-01"}, "impact-figures_dates-2017-01-01-to_2026-12-06.csv"),
    ],
    ids=["all-csv", "all-hxl", "place-category", "slash-in-name", "dates"],
)
def test_export_file_name_carries_the_filter_and_the_date(fmt: str, query: dict[str, Any], expected: str) -> None:
    from datetime import date

    filters = table.filters_from_controls(*controls(**query))
    assert table.export_filename(fmt, filters, date(2026, 12, 6)) == expected


def test_dashboard_hxl_with_its_bom_parses_in_libhxl_with_people_and_households_apart(db: Path, tmp_path: Path) -> None:
    hxl = pytest.importorskip("hxl")
    rows, _ = table.table_outputs(snap(db), db, *controls())
    data = table.export_bytes(db, rows, "hxl")
    assert data.startswith(b"\xef\xbb\xbf")
    path = tmp_path / "figures.hxl.csv"
    path.write_bytes(data)
    dataset = hxl.data(str(path), hxl.InputOptions(allow_local=True)).cache()
    tags = [column.display_tag for column in dataset.columns]
    assert tags[0] == "#meta+id"  # the BOM is not part of the first hashtag
    assert "#affected+displaced+fled+hh" in tags  # "Thousands of families fled"
    assert "#affected+displaced+fled+ind" in tags  # "Hundreds of civilians fled"
    households = [row.get("#affected+displaced+fled+hh") for row in dataset]
    assert [v for v in households if v] == ["5000"]


def test_export_is_formula_injection_safe(tmp_path: Path) -> None:
    db = tmp_path / "evil.db"
    text = '=HYPERLINK("http://x") 12 people died in Mosul.'
    figure = Figure(
        start=text.index("12"),
        end=text.index("12") + 2,
        surface="12",
        low=12,
        high=12,
        best=12,
        approximate=False,
        vague=False,
        counted="people",
        category="killed",
        location="Mosul",
        attributed_to="@evil",
        sentence=text,
    )
    with Store(db) as store:
        store.add_article(Article(doc="evil", text=text, publisher="+Publisher"), [figure])
    rows, _ = table.table_outputs(snapshot.load(db), db, *controls())
    exported = _csv_rows(table.export_bytes(db, rows, "csv"))
    assert exported[0]["sentence"].startswith("'=")
    assert exported[0]["attributed_to"] == "'@evil"
    assert exported[0]["publisher"] == "'+Publisher"


# -- review ------------------------------------------------------------------------


def test_correction_keeps_the_original_and_exports_the_correction(db: Path) -> None:
    rows, _ = table.table_outputs(snap(db), db, *controls(place="Raqqa", category="fighters"))
    target = next(r for r in rows if r["number"] == "An estimated 2,500")
    described = review.editor_outputs([target], db)
    assert described[1:5] == (2500, 2500, "fighters", "Raqqa") and described[-1] == target["id"]
    typed = {"low": 3000, "high": "3500", "category": "fighters", "location": "Raqqa"}
    status, transaction, _, _ = review.review_action(db, ids.REV_CORRECT, target["id"], typed, "checked")
    assert "Corrected" in " ".join(texts(status))
    assert transaction is not None
    updated = transaction["update"][0]
    assert (updated["low"], updated["high"], updated["review_status"]) == (3000, 3500, "corrected")
    exported = _csv_rows(table.export_bytes(db, [target], "csv"))[0]
    assert (exported["low"], exported["high"], exported["review_status"]) == (
        "3000",
        "3500",
        "corrected",
    )
    with Store(db) as store:
        original = store.figures(Filters(places=("Raqqa",)))
    row = original[original["id"] == target["id"]].iloc[0]
    assert (row["low"], row["high"]) == (2500, 2500)  # the extractor's values are kept


def test_rejected_figures_leave_charts_and_tables(db: Path) -> None:
    rows, _ = table.table_outputs(snap(db), db, *controls())
    target = rows[0]["id"]
    review.review_action(db, ids.REV_REJECT, target, {}, None)
    rows_after, caption = table.table_outputs(snap(db), db, *controls())
    assert target not in {r["id"] for r in rows_after}
    assert caption.startswith("8 figures")


def test_review_errors_are_one_clear_line(db: Path) -> None:
    status, transaction, _, _ = review.review_action(db, ids.REV_CORRECT, 1, {"low": 500, "high": 100}, None)
    assert transaction is None
    assert "Not saved" in " ".join(texts(status))
    status, *_ = review.review_action(db, ids.REV_CONFIRM, None, {}, None)
    assert "Select a figure" in " ".join(texts(status))


# -- article view ------------------------------------------------------------------


def test_article_text_is_escaped_and_marked(tmp_path: Path) -> None:
    db = tmp_path / "html.db"
    text = "<script>alert(1)</script> Some 40 people were killed in <b>Mosul</b>."
    start = text.index("Some 40")
    figure = Figure(
        start=start,
        end=start + 7,
        surface="Some 40",
        low=40,
        high=40,
        best=40,
        approximate=True,
        vague=False,
        category="killed",
        sentence=text,
    )
    with Store(db) as store:
        store.add_article(Article(doc="x", text=text, url="javascript:alert(1)", illustrative=True), [figure])
    page = article.layout({"doc": "x"}, db)
    shown_body = next(c for c in page.children if getattr(c, "id", None) == ids.ART_BODY)  # beside the edit form
    body = next(c for c in shown_body.children if getattr(c, "id", None) == ids.ARTICLE_TEXT)
    assert body.children[0] == "<script>alert(1)</script> "  # a plain string: React escapes it
    assert isinstance(body.children[1], html.Mark) and body.children[1].children == "Some 40"
    assert "".join(texts(body)) == text
    shown = " ".join(texts(page))
    assert "Illustrative sample — not real reporting" in shown
    assert "original" not in shown  # a javascript: url is not made a link
    assert "No article" in " ".join(texts(article.layout({"doc": "missing"}, db)))


# -- add an article ----------------------------------------------------------------


def _upload(data: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(data).decode()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"hello", "notes.docx", "only .txt, .html and .pdf"),
        (b"hello", "fake.pdf", "not a PDF"),
        (b"\x00\x01\x02binary", "data.txt", "binary"),
        (b"x" * (add.MAX_UPLOAD_BYTES + 1), "big.txt", "larger than"),
    ],
    ids=["extension", "fake-pdf", "binary-text", "too-big"],
)
def test_uploads_are_checked(data: bytes, name: str, message: str) -> None:
    result = add.read_upload(_upload(data), name)
    assert isinstance(result, str) and message in result


def test_text_upload_fills_the_form() -> None:
    text, _title, *_meta, status = add.upload_outputs(_upload(b"Some 40 people were killed."), "report.txt")
    assert text == "Some 40 people were killed."
    assert "Find figures" in " ".join(texts(status))


def test_pasted_text_shows_its_figures_and_saves(db: Path) -> None:
    text = "Hundreds of civilians fled Mosul on Monday. At least 73 people died in Raqqa."
    preview, pending, _status = add.extract_outputs(text, "A title", "Pub", "2017-07-01", None)
    marks = [c for c in preview[1].children if isinstance(c, html.Mark)]
    assert [m.children for m in marks][:2] == ["Hundreds", "At least 73"]
    assert pending is not None and pending["title"] == "A title"
    saved = add.save_outputs(db, pending)
    assert "Saved with" in " ".join(texts(saved))
    again = add.save_outputs(db, pending)
    assert "already in the store" in " ".join(texts(again))
    with Store(db) as store:
        assert store.counts()["articles"] == 5


def test_empty_text_is_refused() -> None:
    preview, pending, status = add.extract_outputs("   ", None, None, None, None)
    assert preview == [] and pending is None
    assert "Paste" in " ".join(texts(status))


# -- map and compare ---------------------------------------------------------------


def test_map_places_and_caption(db: Path) -> None:
    fig, note = map_view.map_outputs(snap(db), db, *controls())
    assert note.startswith("9 figures at 3 places")
    lats = sorted(float(v) for trace in fig.data for v in trace.lat)
    assert lats == [35.95, 36.2, 36.34]


def test_compare_fighters_in_raqqa(db: Path) -> None:
    fig, written = compare.compare_outputs(snap(db), db, "Raqqa", "fighters", *controls())
    points = sum(len(t.y) for t in fig.data if t.name and not t.name.startswith("Disagrees"))
    assert points == 3
    shown = " ".join(texts(written))
    assert "Consensus" in shown
    grid = next(c for c in written if getattr(c, "id", None) == ids.CMP_GRID)
    assert "An estimated 2,500" in {row["surface"] for row in grid.rowData}
    assert grid.dashGridOptions["pagination"] is False  # three estimates: one page


def test_compare_defaults_to_the_most_reported_pair(db: Path) -> None:
    assert compare.default_pair(snap(db), {}) == ("Raqqa", "fighters")
    assert compare.default_pair(snap(db), {"place": "Mosul"})[0] == "Mosul"
