"""Read-only queries over the store's schema, for ``Store`` and the dashboard alike.

Every function takes an open connection (a ``Store``'s backend, or a read-only ``Reader``
from ``open_reader`` / ``connect``) and returns rows or frames; none writes. Values are the
effective ones (``impact.corrections``): an analyst's correction where there is one. A place
corrected in Review is geocoded again here, at read time (``relocate``), so the map, the
filters, compare and the exports all show the figure at its new place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from impact.corrections import CORRECTABLE, effective_sql, is_corrected_sql
from impact.filters import PLACE_TABLE_COLUMNS, Filters, place_key_sql
from impact.frame import ARTICLE_COLUMNS, FIGURE_COLUMNS
from impact.store.backends import Cursor, Reader, open_reader

StoreTarget = str | Path  # a SQLite file or a PostgreSQL URL

_FROM = "FROM figures AS f JOIN articles AS a ON a.id = f.article_id"
# A figure whose place an analyst corrected: its stored geocode is the old place's.
RELOCATED_SQL = f"({is_corrected_sql()} AND f.corrected_location IS NOT NULL)"
# The columns ``relocate`` fills from the gazetteer for a relocated figure.
GEOCODE_COLUMNS: tuple[str, ...] = (
    "place_name",
    "place_matched",
    "country_code",
    "latitude",
    "longitude",
    "geonameid",
    "place_kind",
)


class Connection(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...


@contextmanager
def connect(target: StoreTarget) -> Iterator[Reader]:
    """A read-only connection to the store at ``target`` (a file or a PostgreSQL URL), closed on exit."""
    reader = open_reader(target)
    try:
        yield reader
    finally:
        reader.close()


def begin(conn: Connection) -> None:
    """Start one read transaction: what is read next is one state of the store."""
    conn.execute("BEGIN")


# -- the gazetteer for corrected places --------------------------------------------------


@lru_cache(maxsize=4096)
def geocode(name: str) -> tuple[Any, ...]:
    """``GEOCODE_COLUMNS`` values for a place written ``name`` (nulls when the gazetteer lacks it)."""
    from impact.context.gazetteer import load_gazetteer

    entry = load_gazetteer().lookup(name, small=True)
    if entry is None:
        return (name, None, None, None, None, None, None)
    return (name, entry.name, entry.country_code, entry.latitude, entry.longitude, entry.geonameid, entry.kind)


def relocate(frame: pd.DataFrame, location: str = "location") -> pd.DataFrame:
    """``frame`` with the geocode of each relocated row (``relocated``
    column, dropped) taken from its corrected ``location``; other rows keep theirs."""
    if "relocated" not in frame.columns:
        return frame
    moved = frame["relocated"].fillna(False).astype(bool).to_numpy()
    frame = frame.drop(columns="relocated")
    if not moved.any():
        return frame
    present = [(i, c) for i, c in enumerate(GEOCODE_COLUMNS) if c in frame.columns]
    rows = frame.index[moved]
    for at, name in zip(rows, frame.loc[moved, location], strict=True):
        values = geocode(str(name)) if isinstance(name, str) and name else (None,) * len(GEOCODE_COLUMNS)
        for i, column in present:
            frame.at[at, column] = values[i]
    return frame


# -- places and publishers, for resolving filters ------------------------------------------


_PLACE_TABLE_SQL = (
    f"SELECT DISTINCT {place_key_sql()}, {effective_sql('location')}, f.place_name, f.place_matched,"
    f" f.place_kind, f.geonameid, f.country_code, {RELOCATED_SQL} FROM figures AS f"
)


def place_table(conn: Connection) -> pd.DataFrame:
    """The distinct places of the stored figures (``PLACE_TABLE_COLUMNS``), relocated ones geocoded anew."""
    rows = conn.execute(_PLACE_TABLE_SQL).fetchall()
    frame = pd.DataFrame.from_records(rows, columns=[*PLACE_TABLE_COLUMNS, "relocated"])
    frame = relocate(frame)
    frame["geonameid"] = pd.to_numeric(frame["geonameid"], errors="coerce").astype("Int64")
    return frame.drop_duplicates().reset_index(drop=True)


def publishers(conn: Connection) -> list[str]:
    return [str(row[0]) for row in conn.execute("SELECT DISTINCT publisher FROM articles WHERE publisher IS NOT NULL")]


def where(conn: Connection, filters: Filters) -> tuple[str, list[Any]]:
    """``filters``' WHERE clause, its places and sources resolved against this store."""
    places = place_table(conn) if filters.by_place else None
    names = publishers(conn) if filters.sources else ()
    return filters.where(filters.resolve(places, names))


# -- the dashboard's snapshot: every figure's filterable columns -------------------------

SNAPSHOT_COLUMNS: tuple[str, ...] = (
    "id",
    "article_id",
    "place",
    "place_key",
    "place_name",
    "place_matched",
    "place_kind",
    "geonameid",
    "country_code",
    "category",
    "unit",
    "publisher",
    "date",
    "vague",
    "attributed_to",
    "low",
    "high",
    "best",
    "latitude",
    "longitude",
    "rejected",
    "illustrative",
)
_SNAPSHOT_EXPRESSIONS: tuple[str, ...] = (
    "f.id",
    "f.article_id",
    effective_sql("location"),
    place_key_sql(),
    "f.place_name",
    "f.place_matched",
    "f.place_kind",
    "f.geonameid",
    "f.country_code",
    effective_sql("category"),
    effective_sql("unit"),
    "a.publisher",
    "substr(a.date, 1, 10)",
    "f.vague",
    effective_sql("attributed_to"),
    effective_sql("low"),
    effective_sql("high"),
    effective_sql("best"),
    "f.latitude",
    "f.longitude",
    "COALESCE(f.review_status = 'rejected', FALSE)",
    "a.illustrative",
    RELOCATED_SQL,
)
_SNAPSHOT_SELECT = f"SELECT {', '.join(_SNAPSHOT_EXPRESSIONS)} {_FROM}"
# The figures a write after sequence number ? may have changed, as they are now: every
# figure of an added or re-extracted article, and each reviewed figure.
_CHANGED_WHERE = (
    "WHERE f.article_id IN (SELECT article_id FROM changes WHERE seq > ? AND figure_id IS NULL)"
    " OR f.id IN (SELECT figure_id FROM changes WHERE seq > ? AND figure_id IS NOT NULL)"
)
_HAS_LOG = {
    "sqlite": "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'changes'",
    "postgresql": "SELECT 1 FROM information_schema.tables WHERE table_name = 'changes'",
}


def _snapshot_frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=[*SNAPSHOT_COLUMNS, "relocated"])
    return relocate(frame, location="place")


def snapshot_rows(conn: Connection) -> pd.DataFrame:
    """Every figure's ``SNAPSHOT_COLUMNS`` (plain dtypes), in id order."""
    return _snapshot_frame(conn.execute(f"{_SNAPSHOT_SELECT} ORDER BY f.id").fetchall())


def changed_snapshot_rows(conn: Connection, since: int) -> pd.DataFrame:
    """``snapshot_rows`` of the figures a write after ``since`` may have changed, as they are now."""
    sql = f"{_SNAPSHOT_SELECT} {_CHANGED_WHERE} ORDER BY f.id"
    return _snapshot_frame(conn.execute(sql, (since, since)).fetchall())


def changes_since(conn: Connection, since: int) -> list[tuple[Any, Any]]:
    """``(article_id, figure_id)`` of every write after ``since`` (figure_id None: the whole article)."""
    return [tuple(row) for row in conn.execute("SELECT article_id, figure_id FROM changes WHERE seq > ?", (since,))]


def current_seq(conn: Reader) -> int | None:
    """The store's latest change sequence number (0: none yet; None: no log in this schema)."""
    if conn.execute(_HAS_LOG[conn.name]).fetchone() is None:
        return None
    return int(conn.execute("SELECT MAX(seq) FROM changes").fetchone()[0] or 0)


def figure_count(conn: Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM figures").fetchone()[0])


# -- rows on screen, by id ---------------------------------------------------------------

# The rows a page shows: the figure (effective values), its article, the review with the
# extractor's original beside each corrected value, and the geocode.
ROW_COLUMNS: tuple[str, ...] = (
    "id",
    *FIGURE_COLUMNS[: FIGURE_COLUMNS.index("geonameid")],
    *ARTICLE_COLUMNS,
    "review_status",
    *(f"original_{name}" for name in ("low", "high", "category", "location")),
    "note",
    "geonameid",
    "place_name",
    "place_matched",
    "place_kind",
    # the time frame (the dashboard's Table and the Overview's grouping)
    "period",
    "period_start",
    "period_end",
    "as_of",
    "kind",
)


def _row_expression(column: str) -> str:
    """The SQL of one of ``ROW_COLUMNS`` (effective where a correction applies)."""
    if column == "doc" or column in ARTICLE_COLUMNS:
        return f"a.{column}"
    if column.startswith("original_"):
        return f"f.{column.removeprefix('original_')}"
    if column in CORRECTABLE or column == "best":
        return effective_sql(column)
    return 'f."end"' if column == "end" else f"f.{column}"


_ROW_SELECT = "SELECT " + ", ".join(f'{_row_expression(c)} AS "{c}"' for c in ROW_COLUMNS) + f", {RELOCATED_SQL}"


def _rows_frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    frame = relocate(pd.DataFrame.from_records(rows, columns=[*ROW_COLUMNS, "relocated"]))
    for column in ("approximate", "vague", "illustrative"):
        frame[column] = frame[column].fillna(0).astype(bool)
    return frame


def rows_by_id(conn: Connection, ids: Sequence[int]) -> pd.DataFrame:
    """The rows with these figure ids (``ROW_COLUMNS``), in the order given (rejected ones included)."""
    wanted = [int(i) for i in ids]
    found: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        sql = f"{_ROW_SELECT} {_FROM} WHERE f.id IN ({', '.join('?' * len(chunk))})"
        for row in conn.execute(sql, chunk).fetchall():
            found[int(row[0])] = row
    return _rows_frame([found[i] for i in wanted if i in found])


_ARTICLE_KEYS = ("id", "doc", "title", "publisher", "date", "url", "illustrative", "text")


def article(conn: Connection, doc: str) -> dict[str, Any] | None:
    """The newest stored article ``doc`` with its text, or None."""
    row = conn.execute(
        f"SELECT {', '.join(_ARTICLE_KEYS)} FROM articles WHERE doc = ? ORDER BY id DESC LIMIT 1", (doc,)
    ).fetchone()
    if row is None:
        return None
    record = dict(zip(_ARTICLE_KEYS, row, strict=True))
    record["illustrative"] = bool(record["illustrative"])
    return record


def article_figures(conn: Connection, article_id: int) -> pd.DataFrame:
    """Every figure of one stored article (``ROW_COLUMNS``), rejected ones included, in text order."""
    sql = f"{_ROW_SELECT} {_FROM} WHERE f.article_id = ? ORDER BY f.start, f.id"
    return _rows_frame(conn.execute(sql, (article_id,)).fetchall())
