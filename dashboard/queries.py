"""Read-only SQL over the store's schema: the rows a page shows, fetched by id.

Filtering and counting happen in memory (``dashboard.snapshot``); the store (a SQLite file
or a PostgreSQL database) is asked only
for the few thousand rows on screen, with their sentences and article metadata, on a
read-only connection opened per call (no state shared between requests, no write lock).
Values are the effective ones: an analyst's correction where there is one, with the
extractor's original beside it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from impact.corrections import effective_sql
from impact.frame import FIGURE_COLUMNS
from impact.store.backends import Reader, open_reader

EFF_LOW = effective_sql("low")
EFF_HIGH = effective_sql("high")
EFF_CATEGORY = effective_sql("category")
EFF_LOCATION = effective_sql("location")
EFF_BEST = effective_sql("best")
_FROM = "FROM figures AS f JOIN articles AS a ON a.id = f.article_id"

ROW_COLUMNS: tuple[str, ...] = (
    "id",
    *FIGURE_COLUMNS[: FIGURE_COLUMNS.index("geonameid")],
    "title",
    "publisher",
    "date",
    "url",
    "illustrative",
    "review_status",
    "original_low",
    "original_high",
    "original_category",
    "original_location",
    "note",
    "geonameid",
    "place_name",
    "place_matched",
    "place_kind",
    "period",
    "period_start",
    "period_end",
    "as_of",
    "kind",
)

_ROW_EXPRESSIONS: tuple[str, ...] = (
    "f.id",
    "a.doc",
    "f.start",
    'f."end"',
    "f.surface",
    EFF_LOW,
    EFF_HIGH,
    EFF_BEST,
    "f.approximate",
    "f.vague",
    "f.qualifier",
    "f.counted",
    "f.unit",
    EFF_CATEGORY,
    EFF_LOCATION,
    "f.attributed_to",
    "f.sentence",
    "f.sentence_start",
    "f.sentence_end",
    "f.country_code",
    "f.latitude",
    "f.longitude",
    "a.title",
    "a.publisher",
    "a.date",
    "a.url",
    "a.illustrative",
    "f.review_status",
    "f.low",
    "f.high",
    "f.category",
    "f.location",
    "f.note",
    "f.geonameid",
    "f.place_name",
    "f.place_matched",
    "f.place_kind",
    "f.period",
    effective_sql("period_start"),
    effective_sql("period_end"),
    effective_sql("as_of"),
    effective_sql("kind"),
)
_ROW_SELECT = "SELECT " + ", ".join(f'{e} AS "{c}"' for e, c in zip(_ROW_EXPRESSIONS, ROW_COLUMNS, strict=True))


StoreTarget = str | Path  # a SQLite file or a PostgreSQL URL


@contextmanager
def connect(target: StoreTarget) -> Iterator[Reader]:
    """A read-only connection to the store at ``target`` (a file or a PostgreSQL URL), closed on exit."""
    reader = open_reader(target)
    try:
        yield reader
    finally:
        reader.close()


def _frame(rows: list[tuple[Any, ...]], columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(columns))
    for column in ("approximate", "vague", "illustrative"):
        if column in frame:
            frame[column] = frame[column].fillna(0).astype(bool)
    return frame


def rows_by_id(conn: Reader, ids: Sequence[int]) -> pd.DataFrame:
    """The rows with these figure ids, in the order given (rejected ones included)."""
    wanted = [int(i) for i in ids]
    if not wanted:
        return _frame([], ROW_COLUMNS)
    found: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        sql = f"{_ROW_SELECT} {_FROM} WHERE f.id IN ({', '.join('?' * len(chunk))})"
        for row in conn.execute(sql, chunk).fetchall():
            found[int(row[0])] = row
    return _frame([found[i] for i in wanted if i in found], ROW_COLUMNS)


def article(conn: Reader, doc: str) -> dict[str, Any] | None:
    """The newest stored article ``doc`` with its text, or None."""
    row = conn.execute(
        "SELECT id, doc, title, publisher, date, url, illustrative, text FROM articles"
        " WHERE doc = ? ORDER BY id DESC LIMIT 1",
        (doc,),
    ).fetchone()
    if row is None:
        return None
    keys = ("id", "doc", "title", "publisher", "date", "url", "illustrative", "text")
    record = dict(zip(keys, row, strict=True))
    record["illustrative"] = bool(record["illustrative"])
    return record


def article_figures(conn: Reader, article_id: int) -> pd.DataFrame:
    """Every figure of one stored article, rejected ones included, in text order."""
    sql = f"{_ROW_SELECT} {_FROM} WHERE f.article_id = ? ORDER BY f.start, f.id"
    return _frame(conn.execute(sql, (article_id,)).fetchall(), ROW_COLUMNS)
