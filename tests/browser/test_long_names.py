"""One very long name (a 20,000-character publisher from an ingested row, a 20,000-character
place typed in Review) must not take the pages down: each renders in under 5 s, shows the
name shortened with the whole of it on hover, and storage and exports keep it whole."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.testing import build_sample_store
from impact.corrections import MAX_TEXT
from impact.export import export_figures
from impact.model import Article, Figure, Place
from impact.store import Store

LONG_PUBLISHER = "Press " + "P" * 19_994
LONG_PLACE = "Mosul " + "M" * 19_994
LONG_CORRECTED_PLACE = LONG_PLACE[:MAX_TEXT]
TEXT = "At least 12 people were killed in Mosul on Monday, officials said."
BUDGET_S = 5.0


def _figure() -> Figure:
    return Figure(
        start=0, end=11, surface="At least 12", low=12, high=12, best=12, approximate=False, vague=False,
        qualifier="at least", counted="people", unit="people", category="killed", location=LONG_PLACE,
        place=Place("Mosul", country_code="IQ", latitude=36.34, longitude=43.13, geonameid=99072),
        attributed_to="officials", sentence=TEXT, sentence_start=0, sentence_end=len(TEXT),
    )  # fmt: skip


@pytest.fixture(scope="module")
def long_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(build_sample_store(tmp_path_factory.mktemp("long") / "long.db"))
    with Store(path) as store:
        store.add_article(Article("long-names", TEXT, publisher=LONG_PUBLISHER, date="2017-07-01"), [_figure()])
        # a Review correction sets another figure's place to the longest name a correction takes
        first = int(store.figures()["id"].iloc[0])
        store.review(first, "corrected", location=LONG_CORRECTED_PLACE)
    return path


@pytest.fixture(scope="module")
def long_url(long_store: Path, serve: Any) -> Iterator[str]:
    with serve(long_store) as url:
        yield url


PAGES = [
    ("overview", "/", "#overview-by-place .main-svg"),
    ("map", "/map", "#map-graph .main-svg"),
    ("compare", "/compare?place=Mosul&category=killed", "#compare-graph .main-svg"),
    ("table", "/table", "#table-grid .ag-row"),
    ("review", "/review", "#review-grid .ag-row"),
]


def _load(page: Any, url: str, ready: str, timeout_s: float) -> float:
    started = time.monotonic()
    page.goto(url, timeout=timeout_s * 1000)
    page.wait_for_selector(ready, timeout=timeout_s * 1000)
    page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
    return time.monotonic() - started


@pytest.mark.parametrize(("name", "path", "ready"), PAGES, ids=[p[0] for p in PAGES])
def test_a_page_with_a_long_name_renders_quickly(
    page: Any, console: Any, live_url: str, long_url: str, name: str, path: str, ready: str
) -> None:
    """Under 5 s once the browser has the scripts cached; on a loaded machine, where the
    same page on the sample store alone takes longer, within 2x of that page's time (the
    better of two loads each: the machine is shared). Before the fix the tab hung."""
    _load(page, live_url + path, ready, 60)  # scripts cached
    plain, long = [], []
    for _ in range(2):  # interleaved, so that both see the same load from other work
        plain.append(_load(page, live_url + path, ready, 60))
        long.append(_load(page, long_url + path, ready, 60))
    baseline, elapsed = min(plain), min(long)
    budget = max(BUDGET_S, 2 * baseline)
    print(f"{name}: {elapsed:.1f} s (sample store alone: {baseline:.1f} s)")
    assert elapsed < budget, f"{name} took {elapsed:.1f} s"
    # no line of the page shows the whole name
    longest = page.evaluate("Math.max(...document.body.innerText.split('\\n').map(line => line.length))")
    assert longest < 2_000, f"{name}: a line of {longest} characters on screen"
    assert console.errors == []


def test_the_filter_shows_a_short_name_with_the_whole_on_hover(page: Any, long_url: str) -> None:
    page.goto(long_url + "/table", timeout=BUDGET_S * 1000)
    page.wait_for_selector("#table-grid .ag-row", timeout=BUDGET_S * 1000)
    page.locator("#filter-source").click()
    option = page.get_by_role("option", name="Press PPP", exact=False).first
    option.wait_for(timeout=BUDGET_S * 1000)
    assert len(option.inner_text()) < 100
    assert option.locator("xpath=descendant-or-self::*[@title]").first.get_attribute("title") == LONG_PUBLISHER


def test_the_grid_shows_a_short_place_with_the_whole_on_hover(page: Any, long_url: str) -> None:
    page.goto(long_url + "/table?source=" + LONG_PUBLISHER[:0], timeout=BUDGET_S * 1000)
    cell = page.locator("#table-grid [col-id=location]", has_text="Mosul MMM").first
    cell.wait_for(timeout=BUDGET_S * 1000)
    assert len(cell.inner_text()) < 100
    assert cell.locator("xpath=descendant-or-self::*[@title]").first.get_attribute("title") == LONG_PLACE


def test_storage_and_exports_keep_the_names_whole(long_store: Path) -> None:
    with Store(long_store) as store:
        frame = export_figures(store)
    assert LONG_PUBLISHER in set(frame["publisher"])
    assert (frame["location"] == LONG_PLACE).sum() == 1
    assert (frame["location"] == LONG_CORRECTED_PLACE).sum() == 1
