"""A correction made in Review takes effect in every layer: the snapshot (map and filters),
the rows a page shows (table), compare and the exports. A corrected place is geocoded again
at read time, so the figure moves on the map."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import queries, snapshot
from impact.comparison import compare
from impact.export import export_figures
from impact.filters import Filters
from impact.grouping import groups
from impact.model import Article, Figure, Place
from impact.store import Store

MOSUL = Place(
    "Mosul", matched="Mosul", country_code="IQ", latitude=36.335, longitude=43.119, geonameid=99072, kind="city"
)
TABQA = (35.83758, 38.54828)  # the gazetteer's Al-Tabqa


def fig(start: int, low: int, **fields: object) -> Figure:
    surface = f"{low:,} people"
    values: dict[str, object] = {
        "start": start,
        "end": start + len(surface),
        "surface": surface,
        "low": low,
        "high": low,
        "best": low,
        "approximate": False,
        "vague": False,
        "category": "killed",
        "location": "Mosul",
        "place": MOSUL,
        "sentence": surface,
        "sentence_start": start,
        "sentence_end": start + len(surface),
    }
    values.update(fields)
    return Figure(**values)  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, int, int]:
    """Two articles on Mosul; one figure moved to Tabqa, one's unit and source corrected."""
    path = tmp_path / "corrected.db"
    with Store(path) as store:
        store.add_article(Article(doc="a", text="a" * 100, date="2017-07-01"), [fig(0, 100), fig(40, 500)])
        store.add_article(Article(doc="b", text="b" * 100, date="2017-07-02"), [fig(0, 110)])
        ids = {(r.doc, r.start): int(r.id) for r in store.figures().itertuples()}
        moved, recounted = ids[("a", 0)], ids[("a", 40)]
        store.review(moved, "corrected", location="Tabqa")
        store.review(recounted, "corrected", unit="households", attributed_to="OCHA", kind="flow")
    return path, moved, recounted


def test_map_the_snapshot_places_a_moved_figure_at_its_new_place(db: tuple[Path, int, int]) -> None:
    path, moved, _ = db
    row = snapshot.load(path).frame.set_index("id").loc[moved]
    assert (round(row["latitude"], 3), round(row["longitude"], 3)) == (round(TABQA[0], 3), round(TABQA[1], 3))
    assert row["place"] == "Tabqa" and row["country_code"] == "SY"
    assert set(snapshot.load(path).select(Filters(countries=("SY",)))["id"]) == {moved}


def test_table_rows_show_the_corrected_place_unit_and_source(db: tuple[Path, int, int]) -> None:
    path, moved, recounted = db
    with queries.connect(path) as conn:
        rows = queries.rows_by_id(conn, [moved, recounted]).set_index("id")
    assert rows.loc[moved, "location"] == "Tabqa" and rows.loc[moved, "country_code"] == "SY"
    assert round(rows.loc[moved, "latitude"], 3) == round(TABQA[0], 3)
    assert rows.loc[recounted, "unit"] == "households" and rows.loc[recounted, "attributed_to"] == "OCHA"


def test_compare_finds_a_moved_figure_at_its_new_place_only(db: tuple[Path, int, int]) -> None:
    path, _, _ = db
    with Store(path) as store:
        assert list(compare(store, "Tabqa", "killed")["low"]) == [100]
        at_mosul = compare(store, "Mosul", "killed")
    assert 100 not in set(at_mosul["low"])


def test_grouping_keeps_a_corrected_unit_apart(db: tuple[Path, int, int]) -> None:
    path, _, recounted = db
    with Store(path) as store:
        grouped = groups(store.figures()).set_index("id")
    assert grouped.loc[recounted, "unit"] == "households"
    assert grouped.loc[recounted, "group"] not in set(grouped.drop(index=recounted)["group"])


def test_exports_carry_the_corrected_place_unit_and_source(db: tuple[Path, int, int]) -> None:
    path, moved, recounted = db
    with Store(path) as store:
        exported = export_figures(store).set_index("figure_id")
        syria = export_figures(store, Filters(countries=("SY",)))
    assert exported.loc[moved, "location"] == "Tabqa" and exported.loc[moved, "country_code"] == "SY"
    assert exported.loc[moved, "geonameid"] == 172374
    assert exported.loc[recounted, "unit"] == "households" and exported.loc[recounted, "attributed_to"] == "OCHA"
    assert exported.loc[recounted, "kind"] == "flow"
    assert list(syria["figure_id"]) == [moved]
