"""Figures as a pandas DataFrame, with one stable column order for every layer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any

import pandas as pd

from impact.model import PERIOD_FIELDS, Figure, Place

# The one figure schema: ``Figure``'s fields, and this table of where each field of its
# ``Place`` goes. The frame, the store, the exports and the dashboard derive their column
# lists from these; none restates them.
#
# Each field of ``Place`` -> its column in the store (and in frames that carry it).
PLACE_COLUMNS: dict[str, str] = {
    "name": "place_name",
    "start": "place_start",
    "end": "place_end",
    "matched": "place_matched",
    "country_code": "country_code",
    "latitude": "latitude",
    "longitude": "longitude",
    "geonameid": "geonameid",
    "kind": "place_kind",
}
assert set(PLACE_COLUMNS) == {f.name for f in fields(Place)}, "a new Place field needs a column"
# The place's columns a figure row carries (``Figure.to_dict``, ``to_frame``, extract output).
FIGURE_PLACE_COLUMNS: tuple[str, ...] = ("country_code", "latitude", "longitude", "geonameid")
_OWN: tuple[str, ...] = tuple(f.name for f in fields(Figure) if f.name not in ("place", "place_role", *PERIOD_FIELDS))
# The record's fields as SPEC.md lists them (the contract's JSONL keys), in its order.
SPEC_FIELDS: tuple[str, ...] = (
    "doc",
    "start",
    "end",
    "surface",
    "low",
    "high",
    "approximate",
    "vague",
    "counted",
    "unit",
    "category",
    "location",
    "attributed_to",
    "period",
)

# The order of ``Figure.to_dict``: SPEC's fields first, then the richer ones.
FIGURE_COLUMNS: tuple[str, ...] = ("doc", *_OWN, *FIGURE_PLACE_COLUMNS, "place_role", *PERIOD_FIELDS)
# The figure's columns in the store: every field of ``Figure``, its place spread into columns.
STORE_COLUMNS: tuple[str, ...] = tuple(
    column for f in fields(Figure) for column in (PLACE_COLUMNS.values() if f.name == "place" else (f.name,))
)
# The article's columns beside each figure in ``Store.figures()``, exports and the dashboard's rows.
ARTICLE_COLUMNS: tuple[str, ...] = ("title", "publisher", "date", "url", "illustrative")

INT_COLUMNS: tuple[str, ...] = (
    "start",
    "end",
    "low",
    "high",
    "best",
    "sentence_start",
    "sentence_end",
    "geonameid",
    "period_span_start",
    "period_span_end",
)
BOOL_COLUMNS: tuple[str, ...] = ("approximate", "vague")
FLOAT_COLUMNS: tuple[str, ...] = ("latitude", "longitude")
_EXTRA_INT_COLUMNS = frozenset(
    {"id", "place_start", "place_end", "corrected_low", "corrected_high"} | {"effective_low", "effective_high"}
)


def to_frame(figures: Iterable[Figure], doc: str | None = None) -> pd.DataFrame:
    """One row per figure, columns in ``FIGURE_COLUMNS`` order, nullable integers as ``Int64``."""
    rows = [figure.to_dict(doc) for figure in figures]
    return typed_frame(rows, FIGURE_COLUMNS)


def typed_frame(rows: Iterable[dict[str, Any]], columns: Iterable[str]) -> pd.DataFrame:
    """A frame with exactly ``columns`` (missing ones filled with nulls) and stable dtypes."""
    columns = list(columns)
    frame = pd.DataFrame.from_records(list(rows), columns=columns)
    return apply_dtypes(frame)


def apply_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Nullable ``Int64`` for counts and offsets, ``bool`` for flags, ``float`` for coordinates."""
    for column in frame.columns:
        name = str(column)
        if name in INT_COLUMNS or name in _EXTRA_INT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
        elif name in BOOL_COLUMNS or name == "illustrative":
            frame[column] = frame[column].fillna(False).astype(bool)
        elif name in FLOAT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def figure_values(figure: Figure) -> tuple[Any, ...]:
    """A figure's values in ``STORE_COLUMNS`` order (flags as 0/1)."""
    place = figure.place
    values: list[Any] = []
    for f in fields(Figure):
        if f.name == "place":
            values.extend(getattr(place, name) if place else None for name in PLACE_COLUMNS)
        else:
            value = getattr(figure, f.name)
            values.append(int(value) if isinstance(value, bool) else value)
    return tuple(values)


def figure_from_values(values: Sequence[Any]) -> Figure:
    """The ``Figure`` of a row in ``STORE_COLUMNS`` order (the inverse of ``figure_values``)."""
    row = dict(zip(STORE_COLUMNS, values, strict=True))
    place_values = {name: row.pop(column) for name, column in PLACE_COLUMNS.items()}
    place = Place(**place_values) if place_values["name"] is not None else None
    for name in BOOL_COLUMNS:
        row[name] = bool(row[name])
    row["kind"] = row["kind"] or "stock"
    return Figure(**row, place=place)
