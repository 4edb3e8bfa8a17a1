"""One figure schema: ``Figure``'s fields and the table of its place's columns
(``impact.frame``); the frame, the store, the exports and the dashboard read it."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from impact.export import EXPORT_COLUMNS
from impact.frame import FIGURE_COLUMNS, STORE_COLUMNS, figure_from_values, figure_values
from impact.model import Figure, Place
from impact.store import FIGURE_FRAME_COLUMNS, Store
from impact.store.reading import ROW_COLUMNS

FIGURE = Figure(
    start=3,
    end=10,
    surface="300 people",
    low=300,
    high=300,
    best=300,
    approximate=True,
    vague=False,
    counted="people",
    category="killed",
    location="Mosul",
    place=Place(
        "Mosul",
        start=20,
        end=25,
        matched="Mosul",
        country_code="IQ",
        latitude=36.3,
        longitude=43.1,
        geonameid=99072,
        kind="city",
    ),
    attributed_to="OCHA",
    sentence="300 people",
    period="in June",
    as_of="2017-06-30",
    kind="flow",
    place_role="origin",
)


def test_the_frame_columns_are_the_figure_dicts_keys() -> None:
    assert tuple(FIGURE.to_dict("doc")) == FIGURE_COLUMNS


def test_every_field_of_a_figure_has_a_store_column() -> None:
    own = {f.name for f in fields(Figure)} - {"place"}
    assert own <= set(STORE_COLUMNS)
    assert {"place_name", "place_matched", "place_kind", "place_start", "place_end"} <= set(STORE_COLUMNS)


def test_store_values_round_trip() -> None:
    assert figure_from_values(figure_values(FIGURE)) == FIGURE
    assert figure_from_values(figure_values(FIGURE.__class__(**{**_plain(FIGURE), "place": None}))).place is None


def test_a_stored_figure_comes_back_whole(tmp_path: Path) -> None:
    from impact.model import Article

    with Store(tmp_path / "s.db") as store:
        store.add_article(Article(doc="d", text="x" * 40), [FIGURE])
        assert store.figure_records("d") == [FIGURE]


def test_output_column_orders_derive_from_the_schema() -> None:
    assert EXPORT_COLUMNS[1 : 1 + len(FIGURE_COLUMNS)] == FIGURE_COLUMNS
    assert FIGURE_FRAME_COLUMNS[1 : 1 + len(FIGURE_COLUMNS)] == FIGURE_COLUMNS
    assert ROW_COLUMNS[1 : ROW_COLUMNS.index("title")] == FIGURE_COLUMNS[: FIGURE_COLUMNS.index("geonameid")]


def _plain(figure: Figure) -> dict[str, object]:
    return {f.name: getattr(figure, f.name) for f in fields(figure)}
