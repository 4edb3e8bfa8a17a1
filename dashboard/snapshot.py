"""An in-memory, column-compact copy of the store's filterable columns.

Grouped SQL over a million joined rows takes seconds in SQLite; the same counts over
categorical pandas columns take tens of milliseconds. The dashboard therefore keeps
one immutable :class:`Snapshot` per store file, and fetches only the rows it shows
(sentences, titles) from SQL by id. The snapshot frame is never modified after it is
built; a newer one replaces it.

A full build reads every figure (seconds at a million). When the file changes (new
articles, reviews), :meth:`Snapshot.refresh` reads only what the store's ``changes`` log
says changed after the snapshot's sequence number, and builds a new frame from the old
one: minus the changed figures and every figure of a changed article, plus those rows
as they are now. The log and the rows are read in one read transaction and every write
logs itself in its own transaction, so a snapshot never holds half of a write.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dashboard import queries
from impact.filters import Filters

_COLUMNS = (
    "id",
    "article_id",
    "place",
    "place_name",
    "place_matched",
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
_CATEGORICAL = (
    "place",
    "place_name",
    "place_matched",
    "country_code",
    "category",
    "unit",
    "publisher",
    "attributed_to",
)
_SELECT = f"""
SELECT f.id, f.article_id, {queries.EFF_LOCATION}, f.place_name, f.place_matched,
       f.country_code, {queries.EFF_CATEGORY}, f.unit, a.publisher, substr(a.date, 1, 10),
       f.vague, f.attributed_to, {queries.EFF_LOW}, {queries.EFF_HIGH}, {queries.EFF_BEST},
       f.latitude, f.longitude, f.review_status IS 'rejected', a.illustrative
FROM figures AS f JOIN articles AS a ON a.id = f.article_id
"""
_SQL_ALL = f"{_SELECT} ORDER BY f.id"
# The figures a write after sequence number ? may have changed, as they are now: every
# figure of an added or re-extracted article, and each reviewed figure.
_SQL_CHANGED = f"""{_SELECT}
WHERE f.article_id IN (SELECT article_id FROM changes WHERE seq > ? AND figure_id IS NULL)
   OR f.id IN (SELECT figure_id FROM changes WHERE seq > ? AND figure_id IS NOT NULL)
ORDER BY f.id
"""
_SQL_CHANGED_IDS = "SELECT article_id, figure_id FROM changes WHERE seq > ?"
_SQL_SEQ = "SELECT MAX(seq) FROM changes"
_SQL_HAS_LOG = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'changes'"
_SQL_COUNT = "SELECT COUNT(*) FROM figures"

_INT, _FLOAT = np.dtype("int64"), np.dtype("float64")
_DTYPES = {
    "id": _INT,
    "article_id": _INT,
    "low": _FLOAT,
    "high": _FLOAT,
    "best": _FLOAT,
    "latitude": _FLOAT,
    "longitude": _FLOAT,
}
_DATE_DTYPE = np.dtype("datetime64[us]")


@dataclass(frozen=True)
class Snapshot:
    """The filterable columns of every figure, one row per figure, in id order.

    ``seq`` is the store's change sequence number the frame reflects (None for a store
    without a changes log, which :meth:`refresh` then reads in full).
    """

    frame: pd.DataFrame
    signature: tuple[int, ...]
    seq: int | None = None

    def refresh(self, path: str | Path) -> Snapshot:
        """A snapshot of the store at ``path`` as it is now, built from this one.

        Reads only the rows changed since ``self.seq`` (a full build when the store has no
        log, or its log is behind this snapshot, i.e. another file). ``self`` is unchanged.
        """
        before = signature(path)
        with queries.connect(path) as conn:
            conn.execute("BEGIN")  # one read transaction: the log and the rows agree
            seq = _current_seq(conn)
            if seq is None or self.seq is None or seq < self.seq:
                return _load(conn, before, seq)
            if seq == self.seq:
                return Snapshot(frame=self.frame, signature=before, seq=seq)
            changed = conn.execute(_SQL_CHANGED_IDS, (self.seq,)).fetchall()
            rows = conn.execute(_SQL_CHANGED, (self.seq, self.seq)).fetchall()
            frame = _apply(self.frame, changed, _frame(rows))
            # A write that bypassed the store (and its log) shows as a wrong count.
            if len(frame) != conn.execute(_SQL_COUNT).fetchone()[0]:
                return _load(conn, before, seq)
        return Snapshot(frame=frame, signature=before, seq=seq)

    def select(self, filters: Filters) -> pd.DataFrame:
        """The rows matching ``filters`` (same meaning as ``Store.figures``)."""
        frame = self.frame
        mask = np.ones(len(frame), dtype=bool)
        if not filters.include_rejected:
            mask &= ~frame["rejected"].to_numpy()
        if filters.places:
            wanted = {p.casefold() for p in filters.places}
            place_mask = np.zeros(len(frame), dtype=bool)
            for column in ("place", "place_name", "place_matched"):
                place_mask |= _isin_casefold(frame[column], wanted)
            mask &= place_mask
        for column, values in (
            ("country_code", tuple(c.upper() for c in filters.countries)),
            ("category", filters.categories),
            ("unit", filters.units),
            ("publisher", filters.sources),
        ):
            if values:
                mask &= frame[column].isin(values).to_numpy()
        if filters.date_from:
            mask &= (frame["date"] >= pd.Timestamp(filters.date_from)).to_numpy(dtype=bool)
        if filters.date_to:
            mask &= (frame["date"] <= pd.Timestamp(filters.date_to)).to_numpy(dtype=bool)
        if filters.vague is not None:
            vague = frame["vague"].to_numpy()
            mask &= vague if filters.vague else ~vague
        return frame[mask]


def _isin_casefold(column: pd.Series, wanted: set[str]) -> np.ndarray:
    categories = column.cat.categories
    hits = [i for i, name in enumerate(categories) if str(name).casefold() in wanted]
    if not hits:
        return np.zeros(len(column), dtype=bool)
    return np.isin(column.cat.codes.to_numpy(), hits)


def signature(path: str | Path) -> tuple[int, ...]:
    """Changes whenever the store file (or its write-ahead log) is written."""
    parts: list[int] = []
    for suffix in ("", "-wal"):
        try:
            stat = os.stat(f"{path}{suffix}")
        except FileNotFoundError:
            parts.extend((0, 0))
        else:
            parts.extend((stat.st_mtime_ns, stat.st_size))
    return tuple(parts)


def load(path: str | Path) -> Snapshot:
    """Read the store at ``path`` into a new snapshot (every figure)."""
    before = signature(path)
    with queries.connect(path) as conn:
        conn.execute("BEGIN")  # one read transaction: the rows and their sequence number agree
        return _load(conn, before, _current_seq(conn))


def _load(conn: sqlite3.Connection, before: tuple[int, ...], seq: int | None) -> Snapshot:
    return Snapshot(frame=_frame(conn.execute(_SQL_ALL).fetchall()), signature=before, seq=seq)


def _current_seq(conn: sqlite3.Connection) -> int | None:
    """The store's latest change sequence number (0: none yet; None: no log in this schema)."""
    if conn.execute(_SQL_HAS_LOG).fetchone() is None:
        return None
    return int(conn.execute(_SQL_SEQ).fetchone()[0] or 0)


def _frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    """Rows of ``_SELECT`` as a frame with the snapshot's dtypes (the same for no rows)."""
    frame = pd.DataFrame.from_records(rows, columns=list(_COLUMNS))
    for column in _CATEGORICAL:
        frame[column] = frame[column].astype("category")
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce").astype(_DATE_DTYPE)
    for column in ("vague", "rejected", "illustrative"):
        frame[column] = frame[column].fillna(0).astype(bool)
    for column, dtype in _DTYPES.items():
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(dtype)
    return frame


def _apply(old: pd.DataFrame, changed: list[tuple[Any, ...]], fresh: pd.DataFrame) -> pd.DataFrame:
    """A new frame: ``old`` without the rows ``changed`` names, with ``fresh`` in id order.

    ``changed`` holds ``(article_id, figure_id)`` log rows (figure_id None: the whole
    article); ``fresh`` holds those figures as they are now (none for a deleted one).
    Builds new arrays column by column; ``old`` and its arrays are only read.
    """
    articles = np.array(sorted({int(a) for a, f in changed if f is None}), dtype="int64")
    figures = np.array(sorted({int(f) for _, f in changed if f is not None}), dtype="int64")
    keep = ~(np.isin(old["id"].to_numpy(), figures) | np.isin(old["article_id"].to_numpy(), articles))
    # Ids are unique and a fresh id is never among the kept ones: insert each fresh row
    # before the first kept row with a larger id, so the frame stays in id order.
    kept_ids = old["id"].to_numpy()[keep]
    fresh_ids = fresh["id"].to_numpy()
    where = np.searchsorted(kept_ids, fresh_ids)
    columns: dict[str, Any] = {}
    for column in _COLUMNS:
        if column in _CATEGORICAL:
            columns[column] = _merge_categorical(old[column], keep, where, fresh[column])
        else:
            old_values = old[column].to_numpy()
            values = fresh[column].to_numpy().astype(old_values.dtype, copy=False)
            columns[column] = np.insert(old_values[keep], where, values)
    return pd.DataFrame(columns, columns=list(_COLUMNS))


def _merge_categorical(old: pd.Series, keep: np.ndarray, where: np.ndarray, fresh: pd.Series) -> pd.Categorical[Any]:
    """``old[keep]`` with ``fresh`` inserted at ``where``, categories as a full build makes them:
    the sorted values present, none unused."""
    old_categories, fresh_categories = old.cat.categories, fresh.cat.categories
    categories = old_categories
    if len(fresh_categories):
        extra = fresh_categories.difference(old_categories)
        if len(extra):
            categories = old_categories.append(extra).sort_values() if len(old_categories) else extra
    old_codes = _recode(old.cat.codes.to_numpy()[keep], old_categories, categories)
    fresh_codes = _recode(fresh.cat.codes.to_numpy(), fresh_categories, categories)
    codes = np.insert(old_codes.astype("int64"), where, fresh_codes)
    used = np.bincount(codes[codes >= 0], minlength=len(categories)) > 0
    if not used.all():
        renumber = np.cumsum(used) - 1
        codes = np.where(codes >= 0, renumber[np.maximum(codes, 0)], -1)
        categories = categories[used]
    if not len(categories):
        categories = pd.Index([], dtype=object)  # as a full build types a column with no values
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories))


def _recode(codes: np.ndarray, source: pd.Index, target: pd.Index) -> np.ndarray:
    """Category codes over ``source`` as codes over ``target`` (which holds every source value)."""
    if source.equals(target) or not len(source):
        return codes.astype("int64")
    mapping = target.get_indexer(source)
    return np.where(codes >= 0, mapping[np.maximum(codes, 0)], -1)


class SnapshotCache:
    """Holds the newest snapshot of one store file; owned by the app, not the module."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._current: Snapshot | None = None

    def get(self) -> Snapshot:
        """The snapshot for the file as it is now (refreshed if the file changed)."""
        now = signature(self.path)
        current = self._current
        if current is not None and current.signature == now:
            return current
        with self._lock:  # one refresh at a time; readers keep the snapshot they hold
            current = self._current
            if current is None:
                current = load(self.path)
            elif current.signature != signature(self.path):
                current = current.refresh(self.path)
            self._current = current
            return current
