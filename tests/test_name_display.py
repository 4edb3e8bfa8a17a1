"""Long names on the dashboard: shortened where shown, whole on hover, in storage and in
exports; a long name filters by a short key (the browser test is tests/browser/test_long_names.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dashboard import components, figures, snapshot
from dashboard.app import create_app
from dashboard.testing import build_sample_store
from dashboard.urlstate import filters_from_controls, is_name_key, name_key
from dashboard.views import compare, table
from impact.export import export_figures
from impact.model import Article, Figure

LONG_PUBLISHER = "Press " + "P" * 19_994
LONG_PLACE = "Mosul " + "M" * 19_994
TEXT = "At least 12 people were killed in Mosul on Monday."


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from impact.store import Store

    path = Path(build_sample_store(tmp_path_factory.mktemp("names") / "s.db"))
    figure = Figure(
        start=0, end=11, surface="At least 12", low=12, high=12, best=12, approximate=False, vague=False,
        qualifier="at least", counted="people", unit="people", category="killed", location=LONG_PLACE,
        place=None, attributed_to="officials", sentence=TEXT, sentence_start=0, sentence_end=len(TEXT),
    )  # fmt: skip
    with Store(path) as store:
        store.add_article(Article("long", TEXT, publisher=LONG_PUBLISHER, date="2017-07-01"), [figure])
    return path


def _options(node: Any, id_: str) -> list[dict[str, Any]]:
    if getattr(node, "id", None) == id_:
        return list(node.options)
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        found = _options(child, id_)
        if found:
            return found
    return []


def test_short_name() -> None:
    assert figures.short_name("Mosul") == "Mosul"
    shown = figures.short_name(LONG_PLACE)
    assert len(shown) <= figures.NAME_LIMIT and shown.endswith("…") and LONG_PLACE.startswith(shown[:-1])


def test_filter_options_are_short_with_the_whole_name_as_title(db: Path) -> None:
    bar = components.filter_bar({}, snapshot.load(db))
    for id_, name in (("filter-source", LONG_PUBLISHER), ("filter-place", LONG_PLACE)):
        option = next(o for o in _options(bar, id_) if o.get("title") == name)
        assert len(option["label"]) <= figures.NAME_LIMIT
        assert option["value"] == name_key(name) and is_name_key(option["value"]) and len(option["value"]) < 80


def test_a_key_filters_like_the_whole_name(db: Path) -> None:
    snap = snapshot.load(db)
    by_key = snap.select(filters_from_controls([], [], [], [], [name_key(LONG_PUBLISHER)], None, None, "all"))
    by_name = snap.select(filters_from_controls([], [], [], [], [LONG_PUBLISHER], None, None, "all"))
    assert len(by_key) == len(by_name) == 1
    by_place = snap.select(filters_from_controls([name_key(LONG_PLACE)], [], [], [], [], None, None, "all"))
    assert len(by_place) == 1


def test_grid_rows_are_short_and_carry_the_whole_name(db: Path) -> None:
    rows, _ = table.table_outputs(snapshot.load(db), db, [], [], [], [], [], None, None, "all")
    row = next(r for r in rows if r.get("publisher_full"))
    assert row["publisher_full"] == LONG_PUBLISHER and row["location_full"] == LONG_PLACE
    assert len(row["publisher"]) <= figures.NAME_LIMIT and len(row["location"]) <= figures.NAME_LIMIT
    tooltips = {c["field"]: c.get("tooltipField") for c in table.column_defs()}
    assert tooltips["publisher"] == "publisher_full" and tooltips["location"] == "location_full"


def test_charts_show_short_names(db: Path) -> None:
    counts = __import__("pandas").DataFrame({"name": [LONG_PUBLISHER, "B"], "exact": [1, 2], "vague": [0, 0]})
    fig = figures.source_bars(counts, "Figures by publisher")
    assert max(len(t) for t in fig.layout.yaxis.ticktext) <= figures.NAME_LIMIT
    assert all(len(str(c)) <= figures.HOVER_LIMIT for trace in fig.data for c in trace.customdata)


def test_compare_picks_a_long_place_by_its_key(db: Path) -> None:
    fig, written = compare.compare_outputs(
        snapshot.load(db), db, name_key(LONG_PLACE), "killed", [], [], [], [], [], None, None, "all"
    )
    assert "Mosul MMM" in fig.layout.title.text and len(fig.layout.title.text) < 200
    assert written


def test_exports_and_pages_keep_or_shorten_as_they_should(db: Path) -> None:
    from impact.store import Store

    with Store(db) as store:
        frame = export_figures(store)
    assert LONG_PUBLISHER in set(frame["publisher"]) and LONG_PLACE in set(frame["location"])
    client = create_app(db).server.test_client()
    page = client.get("/table")
    assert page.status_code == 200 and len(page.data) < 200_000  # no page carries every name a dozen times


def test_chart_labels_do_not_show_html_entities() -> None:
    counts = __import__("pandas").DataFrame({"name": ['Say "hi" & <b>'], "exact": [1], "vague": [0]})
    fig = figures.source_bars(counts, "t")
    assert fig.layout.yaxis.ticktext[0] == 'Say "hi" &amp; &lt;b&gt;'
