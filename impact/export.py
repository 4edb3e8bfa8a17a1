"""Write figures out: CSV (formula-safe), HXL, JSON, JSON Lines, Parquet.

Exports carry the values an analyst should use: corrected where a figure was
reviewed and corrected, with its ``review_status`` beside it.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from impact.csvcells import CsvWriter, neutralise_cell
from impact.filters import Filters
from impact.frame import FIGURE_COLUMNS
from impact.model import CATEGORIES
from impact.store import Store

__all__ = ["EXPORT_COLUMNS", "FORMATS", "export_figures", "export_frame", "export_view", "hxl_frame", "hxl_tag",
           "neutralise_cell"]

FORMATS: tuple[str, ...] = ("csv", "hxl", "json", "jsonl", "parquet")

EXPORT_COLUMNS: tuple[str, ...] = (
    "figure_id",
    *FIGURE_COLUMNS,
    "place_name",
    "title",
    "publisher",
    "date",
    "url",
    "illustrative",
    "review_status",
    "note",
)

_HXL_TAGS: dict[str, str] = {
    "figure_id": "#meta+id",
    "doc": "#meta+doc",
    "surface": "#description+surface",
    "approximate": "#meta+approximate",
    "vague": "#meta+vague",
    "counted": "#description+counted",
    "unit": "#indicator+unit",
    "category": "#indicator+category",
    "location": "#loc+name",
    "attributed_to": "#meta+attribution",
    "sentence": "#description+sentence",
    "country_code": "#country+code",
    "latitude": "#geo+lat",
    "longitude": "#geo+lon",
    "geonameid": "#loc+code+geonames",
    "period": "#date+period",
    "period_start": "#date+start",
    "period_end": "#date+end",
    "as_of": "#date+asof",
    "time_source": "#meta+time_source",
    "kind": "#indicator+kind",
    "title": "#meta+title",
    "publisher": "#meta+source",
    "date": "#date+reported",
    "url": "#meta+url",
    "illustrative": "#meta+illustrative",
    "review_status": "#status+review",
    "note": "#description+review",
}


def export_figures(store: Store, filters: Filters | None = None) -> pd.DataFrame:
    """The store's figures as they should be exported: corrected values, review status."""
    return export_view(store.figures(filters))


def export_view(frame: pd.DataFrame) -> pd.DataFrame:
    """``Store.figures()`` rows reduced to ``EXPORT_COLUMNS`` with effective values."""
    view = frame.copy()
    if "id" in view.columns:
        view = view.rename(columns={"id": "figure_id"})
    for name in ("low", "high", "category", "location"):
        effective = f"effective_{name}"
        if effective in view.columns:
            view[name] = view[effective]
    if "effective_low" in view.columns and "best" in view.columns:
        view["best"] = [
            _clamp(best, low, high) for best, low, high in zip(view["best"], view["low"], view["high"], strict=True)
        ]
        view["best"] = view["best"].astype("Int64")
    columns = [column for column in EXPORT_COLUMNS if column in view.columns]
    return view[columns].reset_index(drop=True)


def export_frame(frame: pd.DataFrame, fmt: str, path: str | Path | None = None, *, bom: bool = False) -> None:
    """Write ``frame`` as ``fmt`` to ``path`` (``None`` or ``"-"``: standard output)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    to_stdout = path is None or str(path) == "-"
    if fmt == "parquet":
        if to_stdout:
            raise ValueError("parquet is binary: give an output file with -o")
        with _replacing(Path(str(path))) as partial:
            frame.to_parquet(partial, index=False)
        return
    text = _render(frame, fmt)
    encoding = "utf-8-sig" if bom else "utf-8"
    if to_stdout:
        sys.stdout.buffer.write(text.encode(encoding))
        sys.stdout.buffer.flush()
    else:
        with _replacing(Path(str(path))) as partial:
            partial.write_bytes(text.encode(encoding))


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A file beside ``path`` to write, moved over it only once whole: a full disk or a
    failed write leaves no empty or partial export (and an older one as it was)."""
    if path.exists() and not path.is_file():  # a device or a FIFO: written directly
        yield path
        return
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _render(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "csv":
        return _csv(frame)
    if fmt == "hxl":
        wide = hxl_frame(frame)
        tags = [hxl_tag(str(column)) for column in wide.columns]
        return _csv(wide, tag_row=tags)
    records = list(_records(frame))
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def _csv(frame: pd.DataFrame, tag_row: list[str] | None = None) -> str:
    """Header, HXL tag row, then the rows: every cell through ``impact.csvcells``."""
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow(str(column) for column in frame.columns)
    if tag_row:
        writer.writerow(tag_row)
    for record in _records(frame):
        writer.writerow(record.values())
    return buffer.getvalue()


def hxl_tag(column: str) -> str:
    """The HXL hashtag for an export column (``low_killed`` -> ``#affected+killed+min``)."""
    for prefix, attribute in (("low_", "+min"), ("high_", "+max"), ("best_", "+best")):
        if column.startswith(prefix) and column[len(prefix) :] in CATEGORIES:
            return f"#affected+{column[len(prefix) :]}{attribute}"
    return _HXL_TAGS.get(column, f"#meta+{column}")


def hxl_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Values spread into one ``low_<category>``/``high_<category>`` pair per category.

    A figure's bounds sit under ``#affected+<category>+min/+max`` so that HXL tools can
    select, say, every ``#affected+killed`` column; the other pairs stay empty on its row.
    """
    wide = frame.drop(columns=[c for c in ("low", "high", "best") if c in frame.columns])
    insert_at = list(wide.columns).index("category") + 1 if "category" in wide.columns else 0
    present = [c for c in CATEGORIES if "category" in frame.columns and (frame["category"] == c).any()]
    for category in reversed(present):
        chosen = frame["category"] == category
        for bound in ("best", "high", "low"):
            if bound in frame.columns:
                values = frame[bound].where(chosen).astype("Int64")
                wide.insert(insert_at, f"{bound}_{category}", values)
    return wide


def _records(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    columns = [str(column) for column in frame.columns]
    for row in frame.itertuples(index=False, name=None):
        yield {column: _plain(value) for column, value in zip(columns, row, strict=True)}


def _plain(value: Any) -> Any:
    """A JSON-ready Python value: NA/NaN to ``None``, numpy scalars to built-ins."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def _clamp(best: Any, low: Any, high: Any) -> Any:
    if best is None or best is pd.NA:
        return None
    if low is not None and low is not pd.NA and best < low:
        return low
    if high is not None and high is not pd.NA and best > high:
        return high
    return best
