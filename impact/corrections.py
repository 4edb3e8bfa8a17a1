"""What an analyst may correct, and the value every layer uses: the correction where there is one.

This module is the one home of the *effective* value of a figure. The store renders it as
SQL (``effective_sql``), pandas frames get it from ``apply_effective``, and a single figure
from ``effective_best``; export, compare, grouping, the map and the dashboard all read it
from here, so a correction made in Review shows the same everywhere.

Rules:
- Only a figure whose review status is ``corrected`` has corrected values; a confirmed or
  rejected figure keeps the extractor's.
- The corrected bounds are complete (``Store.review`` fills the bounds not given with the
  extractor's), so ``low``/``high`` take the corrected column as it is, open bounds included.
- Every other correctable field takes its correction when one was given, else the
  extractor's value.
- ``best`` is the extractor's best when it lies within the effective bounds (a correction
  of the category leaves "about 2,500" at 2,500); otherwise the middle of the effective
  bounds, or the one bound there is ("Hundreds" corrected to 1,000–3,000 is 2,000).
"""

from __future__ import annotations

import numbers
from datetime import date
from typing import Any

import pandas as pd

from impact.model import CATEGORIES, KINDS, UNITS

# The largest corrected bound: no count of people comes near it, and every whole number up
# to it survives the float64 columns pandas reads a nullable integer through (2**53).
MAX_BOUND = 10**15
MAX_TEXT = 500  # characters in a corrected place or source

# The fields an analyst can correct, in the order the review form and the store list them.
CORRECTABLE: tuple[str, ...] = (
    "low",
    "high",
    "category",
    "location",
    "unit",
    "kind",
    "attributed_to",
    "period_start",
    "period_end",
    "as_of",
)
# Fields whose correction is stored whole (a null correction means an open bound).
_COMPLETE: frozenset[str] = frozenset({"low", "high"})

CORRECTED_COLUMNS: tuple[str, ...] = tuple(f"corrected_{name}" for name in CORRECTABLE)
EFFECTIVE_COLUMNS: tuple[str, ...] = (*(f"effective_{name}" for name in CORRECTABLE), "effective_best")


def validate(name: str, value: Any) -> Any:
    """A correction of field ``name`` as the store keeps it, or ValueError saying what is wrong.

    None means "not corrected" (the extractor's value stands). Bounds are whole numbers from
    0 to ``MAX_BOUND``; category, unit and kind come from their fixed lists; dates are ISO
    (``2024-03-01``, or ``2024-03`` / ``2024`` when only the month or year is known); place
    and source are text.
    """
    if name not in CORRECTABLE:
        raise ValueError(f"{name!r} cannot be corrected")
    if value is None:
        return None
    label = name.replace("_", " ")
    if name in ("low", "high"):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise ValueError(f"corrected {label} must be a whole number")
        if not 0 <= int(value) <= MAX_BOUND:
            raise ValueError(f"corrected {label} must be from 0 to {MAX_BOUND:,}")
        return int(value)
    choices = {"category": CATEGORIES, "unit": UNITS, "kind": KINDS}.get(name)
    if choices is not None:
        if value not in choices:
            raise ValueError(f"unknown {label} {value!r}; choose one of {', '.join(choices)}")
        return value
    if not isinstance(value, str):
        raise ValueError(f"corrected {label} must be text")
    value = value.strip()
    if name in ("period_start", "period_end", "as_of"):
        return _iso_date(value, label) if value else None
    if len(value) > MAX_TEXT:
        raise ValueError(f"corrected {label} is longer than {MAX_TEXT} characters")
    return value or None


def _iso_date(value: str, label: str) -> str:
    parts = value.split("-")
    try:
        if len(parts) == 3 and len(parts[0]) == 4:
            date.fromisoformat(value)
        elif len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            date(int(parts[0]), int(parts[1]), 1)
        elif len(parts) == 1 and len(value) == 4 and value.isdigit():
            date(int(value), 1, 1)
        else:
            raise ValueError(value)
    except ValueError:
        raise ValueError(f"{label} must be a date as YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}") from None
    return value


def is_corrected_sql(alias: str = "f") -> str:
    return f"{alias}.review_status = 'corrected'"


def effective_sql(name: str, alias: str = "f") -> str:
    """The SQL expression of a field's effective value, on the figures table as ``alias``."""
    if name == "best":
        return _effective_best_sql(alias)
    if name not in CORRECTABLE:
        raise ValueError(f"{name!r} cannot be corrected")
    original = f"{alias}.{name}"
    corrected = f"{alias}.corrected_{name}"
    value = corrected if name in _COMPLETE else f"COALESCE({corrected}, {original})"
    return f"(CASE WHEN {is_corrected_sql(alias)} THEN {value} ELSE {original} END)"


def _effective_best_sql(alias: str) -> str:
    low, high, best = effective_sql("low", alias), effective_sql("high", alias), f"{alias}.best"
    inside = f"({best} IS NOT NULL AND ({low} IS NULL OR {best} >= {low}) AND ({high} IS NULL OR {best} <= {high}))"
    middle = f"COALESCE(({low} + {high}) / 2, {low}, {high})"
    return f"(CASE WHEN {inside} THEN {best} ELSE {middle} END)"


def effective_best(best: Any, low: Any, high: Any) -> int | None:
    """The best value within the (effective) bounds ``low``–``high``; see the module's rules."""
    best, low, high = _value(best), _value(low), _value(high)
    if best is not None and (low is None or best >= low) and (high is None or best <= high):
        return int(best)
    if low is not None and high is not None:
        return (int(low) + int(high)) // 2
    if low is not None:
        return int(low)
    return None if high is None else int(high)


def apply_effective(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with effective values in the fields' own columns (a copy).

    ``frame`` has the store's columns (``effective_*``, as ``Store.figures()`` gives them);
    the extractor's values move to ``original_*`` columns. A frame without ``effective_*``
    columns (figures straight from ``extract``) is returned as it is, copied.
    """
    frame = frame.copy()
    for name in (*CORRECTABLE, "best"):
        column = f"effective_{name}"
        if column in frame.columns and name in frame.columns:
            frame[f"original_{name}"] = frame[name]
            frame[name] = frame[column]
    return frame


def _value(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value
