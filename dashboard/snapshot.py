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
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dashboard.urlstate import with_named_keys
from impact.filters import Filters, distinct_places
from impact.store import reading
from impact.store.backends import Reader, is_postgres_url

_COLUMNS = reading.SNAPSHOT_COLUMNS
_CATEGORICAL = (
    "place",
    "place_key",
    "place_name",
    "place_matched",
    "place_kind",
    "country_code",
    "category",
    "unit",
    "publisher",
    "attributed_to",
)

_INT, _FLOAT = np.dtype("int64"), np.dtype("float64")
_DTYPES = {
    "id": _INT,
    "article_id": _INT,
    "low": _FLOAT,
    "high": _FLOAT,
    "best": _FLOAT,
    "geonameid": _FLOAT,
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
    # rows per category of each categorical column, so a refresh finds unused categories
    # from the changed rows alone (computed on first need when not given)
    counts: dict[str, np.ndarray] | None = field(default=None, repr=False, compare=False)
    _places: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False, compare=False)

    def refresh(self, path: str | Path) -> Snapshot:
        """A snapshot of the store at ``path`` as it is now, built from this one.

        Reads only the rows changed since ``self.seq`` (a full build when the store has no
        log, or its log is behind this snapshot, i.e. another file). ``self`` is unchanged.
        """
        before = signature(path)
        with reading.connect(path) as conn:
            reading.begin(conn)  # one read transaction: the log and the rows agree
            seq = reading.current_seq(conn)
            if seq is None or self.seq is None or seq < self.seq:
                return _load(conn, before, seq)
            if seq == self.seq:
                return Snapshot(frame=self.frame, signature=before, seq=seq, counts=self.counts)
            changed = reading.changes_since(conn, self.seq)
            rows = reading.changed_snapshot_rows(conn, self.seq)
            counts = self.counts if self.counts is not None else _category_counts(self.frame)
            frame, counts = _apply(self.frame, counts, changed, _frame(rows))
            # A write that bypassed the store (and its log) shows as a wrong count.
            if len(frame) != reading.figure_count(conn):
                return _load(conn, before, seq)
        return Snapshot(frame=frame, signature=before, seq=seq, counts=counts)

    def select(self, filters: Filters) -> pd.DataFrame:
        """The rows matching ``filters``: ``Filters.mask``, the same selection as
        ``Store.figures`` (its places and sources resolved against this snapshot's)."""
        frame = self.frame
        filters = replace(
            filters,  # a long name stands in the URL and dropdowns as its key
            places=with_named_keys(filters.places, frame["place"].cat.categories),
            sources=with_named_keys(filters.sources, frame["publisher"].cat.categories),
        )
        places = self.places() if filters.by_place else None
        resolved = filters.resolve(places, frame["publisher"].cat.categories)
        return frame[filters.mask(frame, resolved)]

    def places(self) -> pd.DataFrame:
        """The distinct places of the figures (``impact.filters.PLACE_TABLE_COLUMNS``), computed once."""
        found = self._places.get("table")
        if found is None:
            found = distinct_places(self.frame.rename(columns={"place": "location"}))
            found["geonameid"] = found["geonameid"].astype("Int64")
            found = found.astype({c: object for c in found.columns if c != "geonameid"})
            self._places["table"] = found
        return found


def signature(path: str | Path) -> tuple[int, ...]:
    """Changes whenever the store file (or its write-ahead log) is written; for a
    PostgreSQL store, its change log's sequence number (every write through a Store logs)."""
    if is_postgres_url(path):
        with reading.connect(path) as conn:
            seq = reading.current_seq(conn)
        return (-1 if seq is None else seq,)
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
    with reading.connect(path) as conn:
        reading.begin(conn)  # one read transaction: the rows and their sequence number agree
        return _load(conn, before, reading.current_seq(conn))


def _load(conn: Reader, before: tuple[int, ...], seq: int | None) -> Snapshot:
    frame = _frame(reading.snapshot_rows(conn))
    return Snapshot(frame=frame, signature=before, seq=seq, counts=_category_counts(frame))


def _frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``reading.snapshot_rows`` with the snapshot's dtypes (the same for no rows)."""
    for column in _CATEGORICAL:
        frame[column] = frame[column].astype("category")
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce").astype(_DATE_DTYPE)
    for column in ("vague", "rejected", "illustrative"):
        frame[column] = frame[column].fillna(0).astype(bool)
    for column, dtype in _DTYPES.items():
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(dtype)
    return frame


def _category_counts(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    return {
        column: np.bincount(_codes(frame[column]), minlength=len(frame[column].cat.categories))
        for column in _CATEGORICAL
    }


def _codes(column: pd.Series) -> np.ndarray:
    """The category codes of the rows that have a value."""
    codes = column.cat.codes.to_numpy()
    return codes[codes >= 0]


def _apply(
    old: pd.DataFrame, counts: dict[str, np.ndarray], changed: list[tuple[Any, ...]], fresh: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """A new frame: ``old`` without the rows ``changed`` names, with ``fresh`` in id order.

    ``changed`` holds ``(article_id, figure_id)`` log rows (figure_id None: the whole
    article); ``fresh`` holds those figures as they are now (none for a deleted one).
    Builds new arrays column by column; ``old`` and its arrays are only read.
    """
    articles = np.array(sorted({int(a) for a, f in changed if f is None}), dtype="int64")
    figures = np.array(sorted({int(f) for _, f in changed if f is not None}), dtype="int64")
    old_ids, fresh_ids = old["id"].to_numpy(), fresh["id"].to_numpy()
    size = len(old_ids)
    # positions of the rows to drop: ids are sorted, so figures are found by bisection
    at = np.searchsorted(old_ids, figures)
    at = at[at < size]
    drop = at[old_ids[at] == figures[: len(at)]] if len(at) else at
    if len(articles):
        drop = np.union1d(drop, np.flatnonzero(np.isin(old["article_id"].to_numpy(), articles)))
    combine = _combiner(old_ids, drop, fresh_ids)
    columns: dict[str, Any] = {}
    new_counts: dict[str, np.ndarray] = {}
    for column in _COLUMNS:
        if column in _CATEGORICAL:
            columns[column], new_counts[column] = _merge_categorical(
                old[column], counts[column], drop, fresh[column], combine
            )
        else:
            old_values = old[column].to_numpy()
            columns[column] = combine(old_values, fresh[column].to_numpy().astype(old_values.dtype, copy=False))
    # copy=False: the arrays are new and ours; pandas would otherwise copy them all again
    return pd.DataFrame(columns, columns=list(_COLUMNS), copy=False), new_counts


_Combine = Callable[[np.ndarray, np.ndarray], np.ndarray]


def _combiner(old_ids: np.ndarray, drop: np.ndarray, fresh_ids: np.ndarray) -> _Combine:
    """How to make a new column from an old one, given the rows dropped and the fresh ones.

    Ids are unique and sorted, and a fresh id is never among the kept ones; the result is
    in id order. The usual cases take one pass over the column: reviews (the same ids come
    back, written over a copy, or the old array itself where no value changed) and added
    articles (new ids, larger than all, appended).
    """
    if len(drop) == len(fresh_ids) and np.array_equal(old_ids[drop], fresh_ids):
        if not len(drop):
            return lambda old, fresh: old

        def overwrite(old: np.ndarray, fresh: np.ndarray) -> np.ndarray:
            if np.array_equal(old[drop], fresh, equal_nan=True):
                return old  # a column the write left alone is shared: neither frame changes
            out = old.copy()
            out[drop] = fresh
            return out

        return overwrite
    if not len(drop) and (not len(old_ids) or not len(fresh_ids) or fresh_ids[0] > old_ids[-1]):
        return lambda old, fresh: np.concatenate([old, fresh])
    keep = np.ones(len(old_ids), dtype=bool)
    keep[drop] = False
    where = np.searchsorted(old_ids[keep], fresh_ids)  # insert before the next larger id
    return lambda old, fresh: np.insert(old[keep], where, fresh)


def _merge_categorical(
    old: pd.Series, old_counts: np.ndarray, drop: np.ndarray, fresh: pd.Series, combine: _Combine
) -> tuple[pd.Categorical[Any], np.ndarray]:
    """The column after ``combine``, its categories as a full build makes them (the sorted
    values present, none unused), and the rows per category. Reads only the changed rows
    unless the categories themselves change (a new or a vanished value)."""
    old_categories, fresh_categories = old.cat.categories, fresh.cat.categories
    old_codes = old.cat.codes.to_numpy()
    # rows per old category once the dropped rows are gone
    remaining = old_counts - np.bincount(_codes(old.iloc[drop]), minlength=len(old_categories))
    categories = old_categories
    extra = fresh_categories.difference(old_categories) if len(fresh_categories) else fresh_categories
    if len(extra):
        categories = old_categories.append(extra).sort_values() if len(old_categories) else extra
    fresh_codes = _recode(fresh.cat.codes.to_numpy(), fresh_categories, categories)
    counts = np.zeros(len(categories), dtype="int64")
    counts[_positions(categories, old_categories)] = remaining
    counts += np.bincount(fresh_codes[fresh_codes >= 0], minlength=len(categories))
    used = counts > 0
    if not used.all():
        categories, counts = categories[used], counts[used]
        fresh_codes = _recode(fresh.cat.codes.to_numpy(), fresh_categories, categories)
    if not len(categories):
        categories = pd.Index([], dtype=object)  # as a full build types a column with no values
    if not categories.equals(old_categories):
        # rows of a vanished category are all dropped, so every kept code maps somewhere
        old_codes = _recode(old_codes, old_categories, categories)
    dtype = old_codes.dtype if len(categories) < np.iinfo(old_codes.dtype).max else np.dtype("int64")
    codes = combine(old_codes.astype(dtype, copy=False), fresh_codes.astype(dtype))
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories)), counts


def _positions(target: pd.Index, source: pd.Index) -> np.ndarray:
    """Where each value of ``source`` is in ``target`` (-1 where it is not)."""
    if source.equals(target):
        return np.arange(len(source))
    return np.asarray(target.get_indexer(source))


def _recode(codes: np.ndarray, source: pd.Index, target: pd.Index) -> np.ndarray:
    """Category codes over ``source`` as codes over ``target`` (-1 for no value, or a value
    not in ``target``)."""
    if source.equals(target):
        return codes
    mapping = np.append(_positions(target, source), -1)  # code -1 (no value) -> -1
    return mapping[codes]


class SnapshotCache:
    """Holds the newest snapshot of one store file; owned by the app, not the module."""

    def __init__(self, path: str | Path) -> None:
        self.path: str | Path = path if is_postgres_url(path) else Path(path)
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
