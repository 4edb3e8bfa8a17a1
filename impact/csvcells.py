"""Every CSV cell this project writes goes through here: quoted so that it stays one cell,
and made inert where a spreadsheet would run it as a formula.

Python's ``csv`` module quotes a cell holding the line terminator it writes (``\\n``) but
not a lone carriage return, which spreadsheets, ``csv`` and pandas read as a new row: a
title ``"Report\\r=1+1"`` came back as two rows, the second a live formula. Here a cell is
quoted when it holds a comma, a quote, ``\\r`` or ``\\n``; and a text cell starting with
``= + - @``, a tab or a carriage return gets a leading apostrophe (OWASP CSV injection).
Numbers are never touched, so negative numbers stay numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

# Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE_IF = (",", '"', "\r", "\n")


def neutralise_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_field(value: Any) -> str:
    """One cell as CSV text: formula-safe, quoted when it holds a separator or a line break."""
    value = neutralise_cell(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    text = value if isinstance(value, str) else str(value)
    if any(mark in text for mark in _QUOTE_IF):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(cells: Iterable[Any]) -> str:
    return ",".join(csv_field(cell) for cell in cells) + "\n"


class CsvWriter:
    """Rows (sequences, or dicts read by ``fields``) written as safe CSV lines to ``handle``."""

    def __init__(self, handle: IO[str], fields: Sequence[str] | None = None) -> None:
        self._handle = handle
        self.fields = list(fields) if fields is not None else None

    def writeheader(self) -> None:
        assert self.fields is not None
        self.writerow(self.fields)

    def writerow(self, cells: Iterable[Any]) -> None:
        self._handle.write(csv_line(cells))

    def writedicts(self, rows: Iterable[Mapping[str, Any]]) -> None:
        assert self.fields is not None
        fields = self.fields
        self._handle.write("".join(csv_line(row.get(field) for field in fields) for row in rows))
