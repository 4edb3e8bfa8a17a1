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
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from impact.corrections import apply_effective
from impact.csvcells import CsvWriter, neutralise_cell
from impact.filters import Filters
from impact.frame import ARTICLE_COLUMNS, FIGURE_COLUMNS
from impact.model import CATEGORIES, UNITS
from impact.store import Store

__all__ = [
    "CSV_TEXT_COLUMNS",
    "DOC_KEY_PREFIX",
    "EXPORT_COLUMNS",
    "FORMATS",
    "HXL_CATEGORY_TAGS",
    "article_key",
    "doc_from_key",
    "export_figures",
    "export_frame",
    "export_view",
    "hxl_frame",
    "hxl_tag",
    "hxl_value_column",
    "neutralise_cell",
    "read_export_csv",
]

FORMATS: tuple[str, ...] = ("csv", "hxl", "json", "jsonl", "parquet")

EXPORT_COLUMNS: tuple[str, ...] = (
    "figure_id",
    *FIGURE_COLUMNS,
    "place_name",
    *ARTICLE_COLUMNS,
    "review_status",
    "note",
)

# Columns that hold text even when every value looks like a number (a country code, a
# surface "12"): read an export back with ``read_export_csv`` (or ``pd.read_csv(path,
# dtype=CSV_TEXT_COLUMNS)``) and they stay text.
CSV_TEXT_COLUMNS: dict[str, type] = {
    name: str
    for name in (
        "doc", "surface", "qualifier", "counted", "unit", "category", "location", "attributed_to",
        "sentence", "country_code", "place_name", "title", "publisher", "date", "url", "review_status",
        "note", "period", "period_start", "period_end", "as_of", "kind",
    )
}  # fmt: skip

# A CSV export writes an article key ``doc`` that a reader would not give back as the same
# text (a number such as "059", which pandas and spreadsheets read as 59; a word pandas reads
# as missing or as a truth value, such as "NA" or "True") as ``doc:<doc>`` ("doc:059"), so a
# plain ``pd.read_csv`` or a spreadsheet keeps it as text with no option; other keys ("a1",
# "mosul-report") are written as they are. ``read_export_csv`` gives back the store's ``doc``.
# JSON, JSON Lines and Parquet are typed and keep ``doc`` as it is; HXL's hashtag row already
# makes every column text.
DOC_KEY_PREFIX = "doc:"
_NUMBER_LIKE = re.compile(r"\s*[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*")
_READ_AS_OTHER = frozenset(
    word.casefold()
    for word in (
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "1.#IND", "1.#QNAN", "<NA>", "N/A",
        "NA", "NULL", "NaN", "None", "n/a", "nan", "inf", "-inf", "+inf", "infinity", "-infinity",
        "+infinity", "True", "False",
    )
)  # fmt: skip


def article_key(doc: Any) -> Any:
    """The CSV form of an article's ``doc``: ``"059"`` -> ``"doc:059"``, ``"NA"`` -> ``"doc:NA"``,
    ``"a1"`` -> ``"a1"``; a missing doc stays missing."""
    if doc is None or doc is pd.NA or (isinstance(doc, float) and math.isnan(doc)):
        return None
    text = str(doc)
    if _NUMBER_LIKE.fullmatch(text) or text.strip().casefold() in _READ_AS_OTHER or text.startswith(DOC_KEY_PREFIX):
        return f"{DOC_KEY_PREFIX}{text}"
    return text


def doc_from_key(key: Any) -> Any:
    """``"doc:059"`` -> ``"059"``; anything else as it is."""
    if isinstance(key, str) and key.startswith(DOC_KEY_PREFIX):
        return key[len(DOC_KEY_PREFIX) :]
    return key


_HXL_TAGS: dict[str, str] = {
    "figure_id": "#meta+id",
    "doc": "#meta+doc",
    "surface": "#description+surface",
    "approximate": "#meta+approximate",
    "vague": "#meta+vague",
    "qualifier": "#meta+qualifier",
    "counted": "#description+counted",
    "unit": "#meta+unit",
    "category": "#meta+category",
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
    "kind": "#meta+kind",
    "title": "#meta+title",
    "publisher": "#meta+source",
    "date": "#date+reported",
    "url": "#meta+url",
    "illustrative": "#meta+illustrative",
    "review_status": "#status+review",
    "note": "#description+review",
    "place_name": "#loc+name+gazetteer",
    "place_role": "#meta+place_role",
}

# Columns an HXL reader has no use for (character offsets into the article), and the value
# columns that ``hxl_frame`` spreads into one column set per category and unit.
HXL_DROPPED: tuple[str, ...] = ("start", "end", "sentence_start", "sentence_end", "low", "high", "best")

# The HXL hashtag (with attributes) of each category's figures counted in people or households
# (HXL dictionary: ``#affected`` with ``+killed``, ``+injured``, ``+missing``, ``+displaced``,
# ``+refugees``, ``+returnees``; ``#inneed``; ``#population`` for a baseline). Figures that are
# not people harmed by the crisis (fighters, damaged structures, other counts) are indicators,
# never ``#affected``, so that summing ``#affected`` adds only affected people.
HXL_CATEGORY_TAGS: dict[str, str] = {
    "killed": "#affected+killed",
    "injured": "#affected+injured",
    "missing": "#affected+missing",
    "displaced": "#affected+displaced",
    "fled": "#affected+displaced+fled",
    "returned": "#affected+returnees",
    "refugees": "#affected+refugees",
    "trapped": "#affected+trapped",
    "besieged": "#affected+besieged",
    "detained": "#affected+detained",
    "affected": "#affected",
    "in_need": "#inneed",
    "evacuated": "#affected+evacuated",
    "homeless": "#affected+homeless",
    "fighters": "#indicator+fighters+num",
    "civilians_present": "#population+civilians",
    "damaged": "#indicator+damaged+num",
    "other": "#indicator+other+num",
}
# HXL's unit attributes: ``+ind`` individuals, ``+hh`` households. Structures and other units
# are never people: their figures go under ``#indicator+<category>+<unit>+num``.
HXL_UNIT_ATTRIBUTES: dict[str, str] = {
    "people": "+ind",
    "households": "+hh",
    "structures": "+structures",
    "other": "+units_other",
}
_BOUND_SUFFIX: dict[str, tuple[str, str]] = {"best": ("", ""), "low": ("_low", "+min"), "high": ("_high", "+max")}


def hxl_value_column(category: str, unit: str, bound: str = "best") -> str:
    """The export column of one category, unit and bound: ``killed_people``,
    ``displaced_households_low``, ``damaged_structures_high``."""
    return f"{category}_{unit}{_BOUND_SUFFIX[bound][0]}"


def _value_tag(category: str, unit: str, bound: str) -> str:
    base = HXL_CATEGORY_TAGS.get(category, f"#indicator+{category}+num")
    unit_attribute = HXL_UNIT_ATTRIBUTES.get(unit, f"+{unit}")
    if unit not in ("people", "households") and not base.startswith("#indicator"):
        base = f"#indicator+{category}+num"  # e.g. 300 homes "affected": not people
    stem, numeric = (base[: -len("+num")], "+num") if base.endswith("+num") else (base, "")
    return stem + unit_attribute + numeric + _BOUND_SUFFIX[bound][1]


_VALUE_TAGS: dict[str, str] = {
    hxl_value_column(category, unit, bound): _value_tag(category, unit, bound)
    for category in CATEGORIES
    for unit in UNITS
    for bound in _BOUND_SUFFIX
}


def export_figures(store: Store, filters: Filters | None = None) -> pd.DataFrame:
    """The store's figures as they should be exported: corrected values, review status."""
    return export_view(store.figures(filters))


def export_view(frame: pd.DataFrame) -> pd.DataFrame:
    """``Store.figures()`` rows reduced to ``EXPORT_COLUMNS`` with effective values."""
    view = frame.copy()
    if "id" in view.columns:
        view = view.rename(columns={"id": "figure_id"})
    view = apply_effective(view)
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


def read_export_csv(path: str | Path) -> pd.DataFrame:
    """A CSV export read back as written: text columns stay text, ``doc`` is the store's
    ("doc:059" -> "059"), a BOM is skipped."""
    frame = pd.read_csv(path, dtype=CSV_TEXT_COLUMNS, encoding="utf-8-sig")
    if "doc" in frame.columns:
        frame["doc"] = frame["doc"].map(doc_from_key)
    return frame


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
        if "doc" in frame.columns:
            frame = frame.assign(doc=frame["doc"].map(article_key))
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
    """The HXL hashtag for an export column (``killed_people_low`` -> ``#affected+killed+ind+min``,
    ``displaced_households`` -> ``#affected+displaced+hh``, ``in_need_people`` -> ``#inneed+ind``)."""
    return _VALUE_TAGS.get(column) or _HXL_TAGS.get(column, f"#meta+{column}")


def hxl_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Values spread into one column set (best, low, high) per category and unit present.

    A figure counted in households never shares a column with one counted in people
    (``#affected+displaced+hh`` beside ``#affected+displaced+ind``), so an HXL tool summing a
    column adds like with like. Character offsets and columns empty on every row are left out.
    """
    wide = frame.drop(columns=[c for c in HXL_DROPPED if c in frame.columns])
    wide = wide[[c for c in wide.columns if not _all_empty(wide[c])]]
    insert_at = list(wide.columns).index("category") + 1 if "category" in wide.columns else 0
    if "category" not in frame.columns:
        return wide
    units = frame["unit"].fillna("people") if "unit" in frame.columns else pd.Series("people", index=frame.index)
    present = [
        (category, unit)
        for category in CATEGORIES
        for unit in UNITS
        if ((frame["category"] == category) & (units == unit)).any()
    ]
    for category, unit in reversed(present):
        chosen = (frame["category"] == category) & (units == unit)
        for bound in ("high", "low", "best"):
            if bound in frame.columns:
                values = frame[bound].where(chosen).astype("Int64")
                if bound != "best" and values.isna().all():
                    continue
                wide.insert(insert_at, hxl_value_column(category, unit, bound), values)
    return wide


def _all_empty(column: pd.Series) -> bool:
    return bool(column.isna().all()) or bool((column.astype(str).str.strip() == "").all())


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
