"""Pipe tables in reports: "| Province | IDPs | Returnees |".

A number in a table cell counts what its column's header names ("IDPs"), in the place its
row's first cell names ("Nampula"); a "Total" row names no place.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

import regex

_SEPARATOR_CELL = regex.compile(r"\s*:?-{2,}:?\s*")
_TOTAL = regex.compile(r"(?i)(?:grand\s+)?totals?\b|all\b|overall\b|sum\b")


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a data cell's column header and row label are (character spans)."""

    start: int
    end: int
    header_start: int
    header_end: int
    label_start: int
    label_end: int
    corner_start: int  # the first column's header ("Province"): what the row labels are
    corner_end: int
    column: int

    def is_total_row(self, text: str) -> bool:
        return _TOTAL.match(text, self.label_start, self.label_end) is not None


class Tables:
    """The data cells of every pipe table in a text, for lookups by position."""

    def __init__(self, text: str) -> None:
        self.cells: list[Cell] = _cells(text) if "|" in text else []
        self._starts = [cell.start for cell in self.cells]

    def cell_at(self, position: int) -> Cell | None:
        """The data cell (not a row label) holding ``position``, if any."""
        index = bisect.bisect_right(self._starts, position) - 1
        if index >= 0 and position < self.cells[index].end:
            return self.cells[index]
        return None


def _cells(text: str) -> list[Cell]:
    found: list[Cell] = []
    header: list[tuple[int, int]] | None = None
    line_start = 0
    for line in text.split("\n"):
        row = _split(text, line_start, line_start + len(line))
        line_start += len(line) + 1
        if row is None:
            header = None  # the table has ended
            continue
        if header is None:
            header = row
            continue
        if all(_SEPARATOR_CELL.fullmatch(text, start, end) for start, end in row):
            continue  # |---|---|
        label_start, label_end = row[0]
        for column, (start, end) in enumerate(row[1:], start=1):
            if column < len(header) and start < end:
                header_start, header_end = header[column]
                corner_start, corner_end = header[0]
                found.append(
                    Cell(start, end, header_start, header_end, label_start, label_end, corner_start, corner_end, column)
                )
    return found


def _split(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The stripped cell spans of a table line, or None when the line is no table row."""
    line = text[start:end]
    stripped = line.strip()
    if not stripped.startswith("|") or stripped.count("|") < 3:
        return None
    bars = [start + i for i, char in enumerate(line) if char == "|"]
    cells = []
    for left, right in itertools.pairwise(bars):
        cell_start, cell_end = left + 1, right
        while cell_start < cell_end and text[cell_start].isspace():
            cell_start += 1
        while cell_end > cell_start and text[cell_end - 1].isspace():
            cell_end -= 1
        cells.append((cell_start, cell_end))
    return cells
