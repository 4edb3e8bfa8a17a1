"""Every page readable at 800 px and 1400 px: no console errors, no horizontal scroll, legends
below plots on narrow screens, each chart's plot area at least half its card, paging on every
table of more than 50 rows. Screenshots of each page at both widths go to ``$IMPACT_SCREENSHOTS``
(``docs/screenshots/<page>-<width>.png`` when ``IMPACT_DOCS_SCREENSHOTS`` names that folder)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.testing import build_sample_store
from impact.model import Article, Figure, Place
from impact.store import Store

TIMEOUT = 20_000
WIDTHS = (800, 1400)
RAQQA = Place("Raqqa", country_code="SY", latitude=35.95, longitude=39.01, geonameid=163915)
PUBLISHERS = (
    "VOA News", "Voice of America", "Reuters", "The Syrian Observatory Weekly Digest of Events",
    "Daily Example", "Radio Example", "Agence France-Presse", "Mosul Eye",
)  # fmt: skip
CATEGORIES = ("fighters", "killed", "displaced", "in_need", "civilians_present", "refugees", "injured")
ESTIMATES = 80  # 60 of them Raqqa fighters: more than one page (50) of estimates

PAGES = [
    ("overview", "/", "#overview-by-place .main-svg"),
    ("map", "/map", "#map-graph .main-svg"),
    ("compare", "/compare?place=Raqqa&category=fighters", "#compare-graph .main-svg"),
    ("table", "/table", "#table-grid .ag-row"),
    ("review", "/review", "#review-grid .ag-row"),
    ("article", "/article?doc=sample-mosul-1", "#article-text mark"),
    ("add", "/add", "#add-text"),
]


def _figure(text: str, surface: str, value: int, category: str) -> Figure:
    at = text.index(surface)
    return Figure(start=at, end=at + len(surface), surface=surface, low=value, high=value + value // 10,
                  best=value, approximate=False, vague=False, counted="people", unit="people",
                  category=category, location="Raqqa", place=RAQQA, attributed_to="the monitor",
                  sentence=text, sentence_start=0, sentence_end=len(text))  # fmt: skip


@pytest.fixture(scope="module")
def busy_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample store plus 80 articles on Raqqa from eight publishers over three months."""
    path = Path(build_sample_store(tmp_path_factory.mktemp("busy") / "busy.db"))
    with Store(path) as store:
        for i in range(ESTIMATES):
            value = 2000 + 37 * i
            category = CATEGORIES[(i // 4) % len(CATEGORIES)] if i % 4 == 0 else "fighters"
            text = f"Some {value:,} people in Raqqa are counted, the monitor said (report {i})."
            date = f"2017-{7 + i // 28:02d}-{1 + i % 28:02d}"
            article = Article(f"busy-{i:03d}", text, publisher=PUBLISHERS[i % len(PUBLISHERS)], date=date)
            store.add_article(article, [_figure(text, f"{value:,}", value, category)])
    return path


@pytest.fixture(scope="module")
def busy_url(busy_store: Path, serve: Any) -> Iterator[str]:
    with serve(busy_store) as url:
        yield url


# For each plotly chart: the card (graph) width, the plot area's box and the legend's box.
_CHARTS = """
() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
  const card = plot.getBoundingClientRect();
  const area = plot.querySelector('.draglayer .nsewdrag') || plot.querySelector('.geo .bglayer rect')
            || plot.querySelector('.geolayer .geo');
  const legend = plot.querySelector('.legend');
  const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
                     return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  return {id: plot.parentElement.id || plot.id, card: card.width, area: box(area), legend: box(legend),
          empty: !area};
})
"""

# Tables (plain HTML) and grids: rows in the data, rows on screen, paging controls present.
_TABLES = """
() => {
  const grids = [...document.querySelectorAll('.ag-root-wrapper')].map(g => ({
      kind: 'grid', rows: g.querySelectorAll('.ag-center-cols-container .ag-row').length,
      paging: !!g.querySelector('.ag-paging-panel:not(.ag-hidden)'),
      total: (g.querySelector('.ag-paging-row-summary-panel') || {}).innerText || ''}));
  const tables = [...document.querySelectorAll('table')].map(t => ({
      kind: 'table', rows: t.querySelectorAll('tbody tr').length, paging: false, total: ''}));
  return grids.concat(tables);
}
"""


# Text labels of each chart (ticks, annotations, legend entries) whose boxes overlap.
_OVERLAPS = """
() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
  const boxes = [...plot.querySelectorAll('text')]
    .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map(t => { const r = t.getBoundingClientRect(); return {text: t.textContent, r}; });
  const hits = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].r, b = boxes[j].r;
    const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (dx > 2 && dy > 2) hits.push((plot.parentElement.id || '?') + ': ' + boxes[i].text + ' / ' + boxes[j].text);
  }
  return hits;
})
"""


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("path", ["/", "/compare?place=Raqqa&category=fighters"], ids=["overview", "compare"])
def test_chart_labels_do_not_overlap(page: Any, busy_url: str, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(busy_url + path)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(400)
    assert page.evaluate(_OVERLAPS) == []


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize(("name", "path", "ready"), PAGES, ids=[p[0] for p in PAGES])
def test_page_is_readable_at_width(
    page: Any, console: Any, shoot: Any, busy_url: str, name: str, path: str, ready: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(busy_url + path)
    page.wait_for_selector(ready, timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(400)  # plotly's relayout after the first paint
    shoot(f"{name}-{width}")
    assert console.errors == []
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"horizontal scroll: {scroll} > {inner}"
    for chart in page.evaluate(_CHARTS):
        if chart["empty"]:
            continue
        area = chart["area"]
        assert area["w"] >= chart["card"] / 2, f"{chart['id']}: plot {area['w']:.0f} of {chart['card']:.0f} px"
        legend = chart["legend"]
        if width <= 900 and legend and legend["h"] > 0 and name != "map":
            # on a narrow screen the legend sits below the plot area, not over or beside it
            assert legend["y"] >= area["y"] + area["h"] - 1, f"{chart['id']}: legend not below the plot"
    for table in page.evaluate(_TABLES):
        assert table["rows"] <= 50 or table["paging"], f"a {table['kind']} of {table['rows']} rows without paging"
    if name in ("table", "review") and width >= 1400:
        # every column on screen: the article link's header ends inside the grid
        grid = page.locator(f"#{name}-grid").bounding_box()
        last = page.locator(f"#{name}-grid .ag-header-cell[col-id=doc]").bounding_box()
        assert last is not None and last["x"] + last["width"] <= grid["x"] + grid["width"] + 1


def test_compare_pages_its_estimates(page: Any, busy_url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(busy_url + "/compare?place=Raqqa&category=fighters")
    page.wait_for_selector("#compare-graph .main-svg", timeout=TIMEOUT)
    page.wait_for_selector("#compare-summary .ag-row", timeout=TIMEOUT)
    tables = page.evaluate(_TABLES)
    estimates = [t for t in tables if t["kind"] == "grid"]
    assert estimates and estimates[0]["paging"] and estimates[0]["rows"] <= 50
