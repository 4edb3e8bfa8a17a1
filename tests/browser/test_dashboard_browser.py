"""The running dashboard in headless Chromium: pages, filters, export, add, offline map."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

TIMEOUT = 15_000
PAGES = [
    ("overview", "/", "#overview-by-place .main-svg"),
    ("map", "/map", "#map-graph .main-svg"),
    ("compare", "/compare", "#compare-graph .main-svg"),
    ("table", "/table", "#table-grid .ag-row"),
    ("review", "/review", "#review-grid .ag-row"),
    ("article", "/article?doc=sample-mosul-1", "#article-text mark"),
    ("add", "/add", "#add-text"),
]


def _grid_ids(page: Any, grid: str) -> list[int]:
    """Figure ids of the grid's rows in display order."""
    rows = page.locator(f"#{grid} .ag-center-cols-container .ag-row")
    pairs = []
    for i in range(rows.count()):
        row = rows.nth(i)
        pairs.append((int(row.get_attribute("row-index")), int(row.get_attribute("row-id"))))
    return [figure_id for _, figure_id in sorted(pairs)]


@pytest.mark.parametrize(("name", "path", "ready"), PAGES, ids=[p[0] for p in PAGES])
def test_page_loads_without_console_errors(
    page: Any, console: Any, live_url: str, name: str, path: str, ready: str
) -> None:
    page.goto(live_url + path)
    page.wait_for_selector(ready, timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    assert console.errors == []  # screenshots at 800 and 1400 px: tests/browser/test_widths.py


def test_illustrative_badge_is_visible(page: Any, live_url: str) -> None:
    page.goto(live_url + "/article?doc=sample-raqqa-1")
    badge = page.get_by_text("Illustrative sample — not real reporting")
    badge.wait_for(timeout=TIMEOUT)
    assert badge.is_visible()


def test_a_filter_changes_the_chart_the_url_and_the_table(page: Any, console: Any, live_url: str) -> None:
    page.goto(live_url + "/")
    page.wait_for_selector("#overview-by-place .main-svg", timeout=TIMEOUT)
    ticks = "#overview-by-place .yaxislayer-above text"
    page.wait_for_function(f"document.querySelectorAll('{ticks}').length === 3", timeout=TIMEOUT)
    page.locator("#filter-kind").get_by_text("Exact", exact=True).click()
    page.wait_for_url(re.compile(r"kind=exact"), timeout=TIMEOUT)
    # Aleppo has only a vague figure ("Dozens"): with exact figures only it leaves the chart.
    page.wait_for_function(f"document.querySelectorAll('{ticks}').length === 2", timeout=TIMEOUT)
    assert page.locator(ticks).all_text_contents() == ["Raqqa", "Mosul"]
    assert "6" in page.locator("#overview-numbers").inner_text()
    # the nav link carries the filters to the table
    page.locator("#nav-table").click()
    page.wait_for_url(re.compile(r"/table\?kind=exact"), timeout=TIMEOUT)
    page.wait_for_selector("#table-grid .ag-row", timeout=TIMEOUT)
    page.wait_for_function(
        "document.querySelectorAll('#table-grid .ag-center-cols-container .ag-row').length === 6",
        timeout=TIMEOUT,
    )
    kinds = page.locator("#table-grid .ag-center-cols-container [col-id=precision]").all_inner_texts()
    assert set(kinds) == {"exact"}
    assert console.errors == []


def test_export_downloads_exactly_the_filtered_rows(page: Any, live_url: str, tmp_path: Path) -> None:
    page.goto(live_url + "/table?place=Raqqa")
    page.wait_for_function(
        "document.querySelectorAll('#table-grid .ag-center-cols-container .ag-row').length === 5",
        timeout=TIMEOUT,
    )
    # narrow further inside the grid: sort by best estimate, largest first
    header = page.locator("#table-grid .ag-header-cell[col-id=best]")
    header.click()
    header.click()
    page.wait_for_timeout(300)
    on_screen = _grid_ids(page, "table-grid")
    assert len(on_screen) == 5
    with page.expect_download(timeout=TIMEOUT) as download:
        page.locator("#table-export-csv").click()
    path = tmp_path / "export.csv"
    download.value.save_as(path)
    assert download.value.suggested_filename.startswith("impact-figures_place-Raqqa_")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert [int(r["figure_id"]) for r in rows] == on_screen
    assert {r["location"] for r in rows} == {"Raqqa"}
    bests = [int(r["best"]) for r in rows]
    assert bests == sorted(bests, reverse=True)


def test_pasting_an_article_shows_its_figures(page: Any, console: Any, live_url: str) -> None:
    page.goto(live_url + "/add")
    page.wait_for_selector("#add-text", timeout=TIMEOUT)
    page.fill(
        "#add-text",
        "Hundreds of civilians fled Mosul on Monday. At least 73 people died in Raqqa, "
        "officials said. <script>alert('x')</script>",
    )
    page.locator("#add-extract").click()
    marks = page.locator("#article-text mark")
    marks.first.wait_for(timeout=TIMEOUT)
    assert marks.all_inner_texts()[:2] == ["Hundreds", "At least 73"]
    assert "<script>alert('x')</script>" in page.locator("#article-text").inner_text()
    assert page.locator("#article-text script").count() == 0
    assert console.errors == []


def test_the_map_draws_with_the_network_closed(page: Any, console: Any, live_url: str) -> None:
    blocked: list[str] = []

    def only_loopback(route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    topojson: list[str] = []
    page.on("requestfinished", lambda r: topojson.append(r.url) if "topojson" in r.url else None)
    page.goto(live_url + "/map")
    page.wait_for_selector("#map-graph .geo .scattergeo .point", timeout=TIMEOUT)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('#map-graph .geo .layer.countries path'))"
        ".some(p => (p.getAttribute('d') || '').length > 1000)",
        timeout=TIMEOUT,
    )
    assert page.locator("#map-graph .geo .scattergeo .point").count() == 3
    assert any(url.endswith("/assets/topojson/world_110m.json") for url in topojson)
    assert blocked == []
    assert console.errors == []


def test_the_place_dropdown_filters_and_the_link_can_be_shared(page: Any, console: Any, live_url: str) -> None:
    page.goto(live_url + "/map")
    page.wait_for_selector("#map-graph .scattergeo .point", timeout=TIMEOUT)
    page.locator("#filter-place").click()
    page.get_by_role("option", name="Aleppo", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"/map\?place=Aleppo$"), timeout=TIMEOUT)
    page.wait_for_function(
        "document.querySelectorAll('#map-graph .scattergeo .point').length === 1",
        timeout=TIMEOUT,
    )
    shared = page.url
    page.goto(shared)  # a shared link opens with the same filter
    page.wait_for_selector("#map-graph .scattergeo .point", timeout=TIMEOUT)
    assert page.locator("#map-graph .scattergeo .point").count() == 1
    assert page.locator("#filter-place").inner_text().strip().startswith("Aleppo")
    assert console.errors == []


def test_review_rejects_a_figure(page: Any, console: Any, live_url: str) -> None:
    # Runs last in this file: it changes the session's store.
    page.goto(live_url + "/review?place=Aleppo")
    rows = page.locator("#review-grid .ag-center-cols-container .ag-row")
    rows.first.wait_for(timeout=TIMEOUT)
    assert rows.count() == 1
    rows.first.click()
    page.wait_for_function("document.querySelector('#review-low').value === '24'", timeout=TIMEOUT)
    page.locator("#review-reject").click()
    status = page.locator("#review-status")
    status.get_by_text("Rejected figure").wait_for(timeout=TIMEOUT)
    page.goto(live_url + "/table?place=Aleppo")
    page.get_by_text("0 figures match").wait_for(timeout=TIMEOUT)
    assert console.errors == []


def test_uploading_a_file_fills_the_form_and_shows_its_figures(
    page: Any, console: Any, live_url: str, tmp_path: Path
) -> None:
    article = tmp_path / "kidal-update.txt"
    article.write_text(
        "Clashes near Kidal\n\nAt least 40 people were killed near Kidal on Sunday, officials said.\n",
        encoding="utf-8",
    )
    page.goto(live_url + "/add")
    page.wait_for_selector("#add-text", timeout=TIMEOUT)
    page.set_input_files("#add-upload input[type=file]", str(article))
    page.wait_for_function("document.querySelector('#add-text').value.includes('At least 40')", timeout=TIMEOUT)
    page.locator("#add-extract").click()
    marks = page.locator("#article-text mark")
    marks.first.wait_for(timeout=TIMEOUT)
    assert marks.all_inner_texts() == ["At least 40"]
    assert console.errors == []


def test_hxl_export_downloads_the_rows_on_screen_with_hashtags(page: Any, live_url: str, tmp_path: Path) -> None:
    page.goto(live_url + "/table?place=Raqqa")
    page.wait_for_function(
        "document.querySelectorAll('#table-grid .ag-center-cols-container .ag-row').length === 5",
        timeout=TIMEOUT,
    )
    on_screen = _grid_ids(page, "table-grid")
    with page.expect_download(timeout=TIMEOUT) as download:
        page.locator("#table-export-hxl").click()
    path = tmp_path / "export-hxl.csv"
    download.value.save_as(path)
    assert download.value.suggested_filename.startswith("impact-figures-hxl_place-Raqqa_")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header, hashtags = next(csv.reader([lines[0]])), next(csv.reader([lines[1]]))
    assert len(header) == len(hashtags) and all(tag.startswith("#") for tag in hashtags if tag)
    rows = list(csv.DictReader(io.StringIO("\n".join([lines[0], *lines[2:]]))))
    assert [int(r["figure_id"]) for r in rows] == on_screen
