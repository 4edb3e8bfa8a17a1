"""The Overview's answer grid in a real browser, at 800 and 1400 px: a cell opens Compare for
its place and category with the other filters kept, no two labels overlap, the page never
scrolls sideways (the grid scrolls inside its card), and the grid follows the filters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard.testing import build_sample_store
from impact.model import Article, Figure, Place
from impact.store import Store

TIMEOUT = 20_000
WIDTHS = (800, 1400)
TOWNS = ("Raqqa", "Mosul", "Aleppo", "Tal Afar", "Hawija", "Deir ez-Zor", "Idlib", "Homs", "Sinjar", "Kirkuk")
CATEGORIES = ("killed", "injured", "displaced", "in_need", "missing", "detained", "returned", "affected")


def _figure(text: str, surface: str, value: int, category: str, place: str, unit: str = "people") -> Figure:
    at = text.index(surface)
    return Figure(start=at, end=at + len(surface), surface=surface, low=value, high=value, best=value,
                  approximate=False, vague=False, counted=unit, unit=unit, category=category, location=place,
                  place=Place(place, country_code="SY"), attributed_to="the monitor", sentence=text,
                  sentence_start=0, sentence_end=len(text))  # fmt: skip


@pytest.fixture(scope="module")
def grid_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample store plus ten towns, each with several categories (more columns than an
    800 px screen holds) and one count in households."""
    path = Path(build_sample_store(tmp_path_factory.mktemp("grid") / "grid.db"))
    with Store(path) as store:
        for t, town in enumerate(TOWNS):
            for c, category in enumerate(CATEGORIES[: 3 + t % 6]):
                value = 1200 + 37 * t + 11 * c
                text = f"In {town}, {value:,} people were counted as {category}, the monitor said."
                article = Article(f"grid-{t:02d}-{c}", text, publisher="Daily Example", date=f"2017-07-{1 + c:02d}")
                store.add_article(article, [_figure(text, f"{value:,}", value, category, town)])
        text = "In Raqqa, 166 families were displaced, the monitor said."
        store.add_article(
            Article("grid-households", text, publisher="Radio Example", date="2017-07-05"),
            [_figure(text, "166", 166, "displaced", "Raqqa", unit="households")],
        )
    return path


@pytest.fixture(scope="module")
def grid_url(grid_store: Path, serve: Any) -> Iterator[str]:
    with serve(grid_store) as url:
        yield url


def _open(page: Any, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.wait_for_selector("#answer-grid-stock .answer-cell", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")


# Boxes of the grid's labels (headers, place names, each line of each cell) that overlap,
# and lines whose text runs out of their cell (clipped with an ellipsis is allowed).
_GRID_OVERLAPS = """
() => {
  const items = [...document.querySelectorAll(
      '.answer-grid thead th, .answer-grid th.grid-place, .answer-cell > div, .answer-cell > .badge')]
    .filter(e => e.getBoundingClientRect().width > 0)
    .map(e => ({text: e.textContent.trim(), r: e.getBoundingClientRect(), cell: e.closest('td, th')}));
  const hits = [];
  for (let i = 0; i < items.length; i++) {
    const a = items[i].r, cell = items[i].cell.getBoundingClientRect();
    if (a.right > cell.right + 1 || a.left < cell.left - 1) hits.push('out of its cell: ' + items[i].text);
    for (let j = i + 1; j < items.length; j++) {
      const b = items[j].r;
      const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (dx > 1 && dy > 1 && !items[i].cell.contains(items[j].cell) && !items[j].cell.contains(items[i].cell)
          && items[i].cell !== items[j].cell)
        hits.push(items[i].text + ' / ' + items[j].text);
      else if (dx > 1 && dy > 1 && items[i].cell === items[j].cell) hits.push(items[i].text + ' / ' + items[j].text);
    }
  }
  return hits;
}
"""


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_the_grid_fits_the_page_and_no_labels_overlap(page: Any, console: Any, grid_url: str, width: int) -> None:
    _open(page, grid_url + "/", width)
    # the sticky place column is drawn over cells scrolled under it: check from the start
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"horizontal scroll: {scroll} > {inner}"
    assert page.evaluate(_GRID_OVERLAPS) == []
    wrap = page.locator(".answer-grid-wrap").first.bounding_box()
    assert wrap is not None and wrap["x"] + wrap["width"] <= width
    # every place and category of the store is in the grid (sideways scroll inside the card)
    headers = page.locator("#answer-grid-stock thead th").all_inner_texts()
    assert {"killed", "injured", "displaced", "in need"} <= set(headers)
    places = page.locator("#answer-grid-stock tbody th.grid-place").all_inner_texts()
    assert any(p.startswith("Raqqa") for p in places) and any(p.startswith("Kirkuk") for p in places)
    assert console.errors == []


def test_people_and_households_are_separate_lines_of_a_cell(page: Any, grid_url: str) -> None:
    _open(page, grid_url + "/", 1400)
    row = page.locator("#answer-grid-stock tbody tr", has=page.locator("th", has_text="Raqqa"))
    texts = row.locator(".answer-cell .cell-value").all_inner_texts()
    assert any(t.endswith(" households") for t in texts) and any(t.endswith(" people") for t in texts)


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_a_cell_opens_compare_for_its_place_and_category(page: Any, console: Any, grid_url: str, width: int) -> None:
    _open(page, grid_url + "/?date_from=2017-06-01", width)
    row = page.locator("#answer-grid-stock tbody tr", has=page.locator("th", has_text="Tal Afar"))
    cell = row.locator("td").nth(0).locator(".answer-cell").first
    href = cell.get_attribute("href")
    query = parse_qs(urlparse(href).query)
    category = query["category"][0]
    assert query["place"] == ["Tal Afar"] and query["date_from"] == ["2017-06-01"]
    cell.click()
    page.wait_for_url(re.compile(r"/compare\?"), timeout=TIMEOUT)
    page.wait_for_selector("#compare-graph .main-svg", timeout=TIMEOUT)
    landed = parse_qs(urlparse(page.url).query)
    assert landed["place"] == ["Tal Afar"] and landed["category"] == [category]
    assert landed["date_from"] == ["2017-06-01"]  # the other filters kept
    assert "Tal Afar" in page.locator("#compare-place").inner_text()
    title = page.locator("#compare-graph .gtitle").text_content() or ""
    assert "Tal Afar" in title
    assert console.errors == []


def test_the_grid_follows_the_filters(page: Any, grid_url: str) -> None:
    _open(page, grid_url + "/", 1400)
    page.locator("#filter-place").click()
    page.get_by_role("option", name="Hawija", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"place=Hawija"), timeout=TIMEOUT)
    page.wait_for_function(
        "document.querySelectorAll('#answer-grid-stock tbody th.grid-place').length === 1", timeout=TIMEOUT
    )
    assert page.locator("#answer-grid-stock tbody th.grid-place").inner_text().startswith("Hawija")
    assert "1 place" in page.locator("#overview-grid-note").inner_text()
