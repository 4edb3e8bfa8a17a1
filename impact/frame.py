"""Figures as a pandas DataFrame, with one stable column order for every layer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from impact.model import PERIOD_FIELDS, Figure

# The order of ``Figure.to_dict``: SPEC's fields first, then the richer ones.
FIGURE_COLUMNS: tuple[str, ...] = (
    "doc",
    "start",
    "end",
    "surface",
    "low",
    "high",
    "best",
    "approximate",
    "vague",
    "qualifier",
    "counted",
    "unit",
    "category",
    "location",
    "attributed_to",
    "sentence",
    "sentence_start",
    "sentence_end",
    "country_code",
    "latitude",
    "longitude",
    "geonameid",
    "place_role",
    *PERIOD_FIELDS,
)

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
