"""The Table's columns follow the screen: fewer at 800 px (the others one tick away in the
"Columns" chooser), every one at 1400 px, with the time frame (period, from, to, as of, kind
of count) shown in plain headers with tooltips; no sideways page scroll at either width."""

from __future__ import annotations

from typing import Any

from dashboard.views import table

TIMEOUT = 20_000


def _visible_headers(page: Any) -> list[str]:
    """``col-id`` of the grid's header cells, left to right."""
    cells = page.locator("#table-grid .ag-header-row-column .ag-header-cell")
    pairs = []
    for i in range(cells.count()):
        cell = cells.nth(i)
        box = cell.bounding_box()
        if box and box["width"] > 0:
            pairs.append((box["x"], cell.get_attribute("col-id")))
    return [col for _, col in sorted(pairs)]


def _open(page: Any, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url + "/table")
    page.wait_for_selector("#table-grid .ag-row", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def test_at_800_px_the_table_shows_fewer_columns_and_the_others_are_reachable(
    page: Any, console: Any, live_url: str
) -> None:
    _open(page, live_url, 800)
    shown = _visible_headers(page)
    assert shown == table.fields_for_width(800)
    assert len(shown) < len(table.ALL_FIELDS)
    assert {"number", "category", "location", "kind", "doc"} <= set(shown)  # the figure, what, where, which kind, link
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"horizontal scroll: {scroll} > {inner}"
    grid = page.locator("#table-grid").bounding_box()
    last = page.locator("#table-grid .ag-header-cell[col-id=doc]").bounding_box()
    assert grid and last and last["x"] + last["width"] <= grid["x"] + grid["width"] + 1  # no column off-screen
    # a hidden column is one tick away
    page.locator(".columns-note summary").click()
    page.locator("#table-columns").get_by_label("As of", exact=True).check()
    page.wait_for_function(
        "document.querySelector('#table-grid .ag-header-cell[col-id=as_of]') !== null", timeout=TIMEOUT
    )
    assert "as_of" in _visible_headers(page)
    assert console.errors == []


def test_at_1400_px_every_column_is_on_screen_with_the_time_frame(page: Any, console: Any, live_url: str) -> None:
    _open(page, live_url, 1400)
    shown = _visible_headers(page)
    assert shown == list(table.ALL_FIELDS)
    grid = page.locator("#table-grid").bounding_box()
    last = page.locator("#table-grid .ag-header-cell[col-id=doc]").bounding_box()
    assert grid and last and last["x"] + last["width"] <= grid["x"] + grid["width"] + 1
    headers = {
        field: page.locator(f"#table-grid .ag-header-cell[col-id={field}] .ag-header-cell-text").inner_text()
        for field in table.TIME_FIELDS
    }
    assert headers == {"period": "When (words)", "period_start": "From", "period_end": "To", "as_of": "As of",
                       "kind": "Count"}  # fmt: skip
    tooltip = page.locator("#table-grid .ag-header-cell[col-id=kind]").get_attribute("title") or ""
    assert "stock" in tooltip and "flow" in tooltip
    kinds = set(page.locator("#table-grid .ag-center-cols-container [col-id=kind]").all_inner_texts())
    assert kinds and kinds <= {"stock (total)", "flow (in a period)", "rate", "projection"}
    assert console.errors == []
