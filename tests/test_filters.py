"""One ``Filters``: its SQL (``Store.figures``) and its pandas rendering (the dashboard's
snapshot) select the same figures; places match loosely by one function everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dashboard import snapshot
from impact.comparison import compare
from impact.export import export_figures
from impact.filters import Filters
from impact.model import Article, Figure, Place
from impact.store import Store

MOSUL = Place(
    "Mosul", matched="Mosul", country_code="IQ", latitude=36.34, longitude=43.13, geonameid=99072, kind="city"
)
OLD_CITY = Place(
    "Mosul's Old City",
    matched="Mosul",
    country_code="IQ",
    latitude=36.34,
    longitude=43.13,
    geonameid=99072,
    kind="area",
)
RAQQA_CITY = Place(
    "Raqqa city", matched="Ar Raqqah", country_code="SY", latitude=35.95, longitude=39.01, geonameid=172955
)
AR_RAQQAH = Place(
    "Ar-Raqqah", matched="Ar Raqqah", country_code="SY", latitude=35.95, longitude=39.01, geonameid=172955
)
TRIPOLI_LY = Place("Tripoli", matched="Tripoli", country_code="LY", latitude=32.9, longitude=13.2, geonameid=2210247)
TRIPOLI_LB = Place("Tripoli", matched="Tripoli", country_code="LB", latitude=34.4, longitude=35.8, geonameid=266826)


def fig(start: int, low: int, place: Place | None, **fields: Any) -> Figure:
    surface = f"{low:,} people"
    values: dict[str, Any] = {
        "start": start,
        "end": start + len(surface),
        "surface": surface,
        "low": low,
        "high": low,
        "best": low,
        "approximate": False,
        "vague": False,
        "unit": "people",
        "category": "killed",
        "location": place.name if place else None,
        "place": place,
        "sentence": surface,
        "sentence_start": start,
        "sentence_end": start + len(surface),
    }
    values.update(fields)
    return Figure(**values)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "filters.db"
    docs = [
        ("a", "VOA News", "2017-06-20", [fig(0, 100, MOSUL), fig(50, 200, OLD_CITY), fig(100, 300, RAQQA_CITY)]),
        ("b", "Voice of America", "2017-07-02", [fig(0, 110, MOSUL, vague=True), fig(50, 310, AR_RAQQAH)]),
        ("c", "Reuters", "2017-07-15T10:00:00", [fig(0, 5, TRIPOLI_LY), fig(50, 7, TRIPOLI_LB, category="injured")]),
        ("d", None, None, [fig(0, 40, MOSUL, unit="households"), fig(50, 9, None)]),
    ]
    with Store(path) as store:
        for doc, publisher, date, figures in docs:
            store.add_article(Article(doc=doc, text=doc * 200, publisher=publisher, date=date), figures)
        ids = {(row.doc, row.start): int(row.id) for row in store.figures(Filters(include_rejected=True)).itertuples()}
        store.review(ids[("a", 0)], "rejected")
        store.review(ids[("b", 0)], "corrected", category="injured", unit="households")
        store.review(ids[("d", 0)], "corrected", location="Tabqa")  # moves to Syria
        store.review(ids[("c", 0)], "confirmed")
    return path


FILTERS = {
    "none": Filters(),
    "place": Filters(places=("Mosul",)),
    "place loosely": Filters(places=("Raqqa",)),
    "place case": Filters(places=("ar raqqah",)),
    "place with parts": Filters(places=("Mosul",), subplaces=True),
    "a part": Filters(places=("Mosul's Old City",)),
    "country": Filters(countries=("SY",)),
    "country with places": Filters(places=("Iraq",), subplaces=True),
    "two countries": Filters(countries=("LY", "IQ")),
    "place in country": Filters(places=("Tripoli",), countries=("LB",)),
    "corrected place": Filters(places=("Tabqa",)),
    "corrected away": Filters(places=("Mosul",), include_rejected=True),
    "category": Filters(categories=("injured",)),
    "corrected unit": Filters(units=("households",)),
    "source": Filters(sources=("VOA",)),
    "source spelt": Filters(sources=("Voice of America",)),
    "from": Filters(date_from="2017-07-01"),
    "to": Filters(date_to="2017-07-15"),
    "vague": Filters(vague=True),
    "exact": Filters(vague=False),
    "rejected": Filters(include_rejected=True),
    "unknown place": Filters(places=("Nowhere",)),
    "all at once": Filters(places=("Raqqa",), categories=("killed",), date_from="2017-06-01", vague=False),
}


@pytest.mark.parametrize("filters", FILTERS.values(), ids=FILTERS.keys())
def test_sql_and_pandas_select_the_same_figures(db: Path, filters: Filters) -> None:
    with Store(db) as store:
        by_sql = sorted(int(i) for i in store.figures(filters)["id"])
    by_pandas = sorted(int(i) for i in snapshot.load(db).select(filters)["id"])
    assert by_sql == by_pandas


EXPECTED = {  # (doc, low) of the figures selected
    "place loosely": {("a", 300), ("b", 310)},
    "place": {("b", 110)},  # a's Mosul figure is rejected, d's moved to Tabqa
    "place with parts": {("b", 110), ("a", 200)},
    "a part": {("a", 200)},
    "country with places": {("b", 110), ("a", 200)},
    "place in country": {("c", 7)},
    "corrected place": {("d", 40)},
    "corrected away": {("a", 100), ("b", 110)},
    "corrected unit": {("b", 110), ("d", 40)},
    "source": {("a", 200), ("a", 300), ("b", 110), ("b", 310)},
    "to": {("a", 200), ("a", 300), ("b", 110), ("b", 310), ("c", 5), ("c", 7)},
}


@pytest.mark.parametrize("name", EXPECTED)
def test_filters_select_what_they_say(db: Path, name: str) -> None:
    with Store(db) as store:
        frame = store.figures(FILTERS[name])
    assert set(zip(frame["doc"], frame["low"].astype(int), strict=True)) == EXPECTED[name]


def test_export_and_compare_find_the_same_places(db: Path) -> None:
    """The issue's example: "Raqqa city" and "Ar-Raqqah" stored; both find 2."""
    with Store(db) as store:
        exported = export_figures(store, Filters(places=("Raqqa",)))
        compared = compare(store, "Raqqa", "killed")
    assert len(exported) == 2 and len(compared) == 2


DESCRIPTIONS = {
    "none": "all figures",
    "place": "place: Mosul",
    "place with parts": "place: Mosul and their parts",
    "two countries": "country: Libya, Iraq",
    "country": "country: Syria",
    "all at once": "place: Raqqa; category: killed; dates: 2017-06-01 to …; exact only",
    "rejected": "rejected included",
}


@pytest.mark.parametrize("name", DESCRIPTIONS)
def test_filters_describe_themselves_in_plain_words(name: str) -> None:
    assert FILTERS[name].describe() == DESCRIPTIONS[name]


def _grid_rows(written: list[Any]) -> int:
    from dashboard import ids

    grids = [c for c in written if getattr(c, "id", None) == ids.CMP_GRID]
    return len(grids[0].rowData) if grids else 0


def test_the_dashboards_compare_matches_places_as_export_does(db: Path) -> None:
    from dashboard.views import compare as view

    snap = snapshot.load(db)
    _, raqqa = view.compare_outputs(snap, db, "Raqqa", "killed")
    assert _grid_rows(raqqa) == 2  # "Raqqa city" and "Ar-Raqqah"
    _, alone = view.compare_outputs(snap, db, "Mosul", "killed")
    figure, parts = view.compare_outputs(snap, db, "Mosul", "killed", subplaces=True)
    assert _grid_rows(alone) == 0 and _grid_rows(parts) == 1  # the Old City, on request
    assert "Mosul and its parts" in figure.layout.title.text
