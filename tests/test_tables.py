"""Pipe tables in situation reports: the column header says what a cell counts, the row where."""

from __future__ import annotations

from impact import extract
from impact.tables import Tables

TABLE = (
    "Displacement by province, as of 10 May (illustrative):\n"
    "\n"
    "| Province | IDPs | Returnees | Houses destroyed |\n"
    "|---|---|---|---|\n"
    "| Nampula | 12,400 | 3,100 | 540 |\n"
    "| Lake Chilwa shore | 800 | 0 | 15 |\n"
    "| Total | 13,200 | 3,100 | 555 |\n"
    "\n"
    "Figures come from site assessments on 9 May.\n"
)

KEY_VALUES = (
    "| Category | Number |\n|---|---|\n| Deaths | 1,234 |\n| Injured | 3,400 |\n| Schools used as shelters | 12 |\n"
)


def test_cells_know_their_header_and_row_label() -> None:
    tables = Tables(TABLE)
    position = TABLE.index("12,400")
    cell = tables.cell_at(position)
    assert cell is not None
    assert TABLE[cell.header_start : cell.header_end] == "IDPs"
    assert TABLE[cell.label_start : cell.label_end] == "Nampula"
    assert tables.cell_at(TABLE.index("Nampula")) is None  # a row label is no data cell
    assert Tables("no table | here").cells == []


def test_a_cell_counts_what_its_column_header_names_where_its_row_says() -> None:
    figures = [(f.surface, f.category, f.unit, f.location) for f in extract(TABLE)]
    assert ("12,400", "displaced", "people", "Nampula") in figures
    assert ("3,100", "returned", "people", "Nampula") in figures
    assert ("540", "structures", "damaged", "Nampula") not in figures  # (unit, category) order below
    assert ("540", "damaged", "structures", "Nampula") in figures
    assert ("800", "displaced", "people", "Lake Chilwa shore") in figures  # unknown, but the column holds provinces


def test_a_total_row_names_no_place_and_zero_is_no_figure() -> None:
    by_value = {(f.surface, f.category): f for f in extract(TABLE)}
    assert by_value[("13,200", "displaced")].location is None
    assert ("0", "returned") not in by_value


def test_a_two_column_table_takes_what_is_counted_from_the_row() -> None:
    figures = {f.surface: f for f in extract(KEY_VALUES)}
    assert (figures["1,234"].category, figures["1,234"].location) == ("killed", None)
    assert figures["3,400"].category == "injured"
    assert "12" not in figures  # schools are no people
