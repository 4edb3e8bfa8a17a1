"""An in-memory, column-compact copy of the store's filterable columns.

Grouped SQL over a million joined rows takes seconds in SQLite; the same counts over
categorical pandas columns take tens of milliseconds. The dashboard therefore keeps
one immutable :class:`Snapshot` per store file, rebuilt when the file changes (new
articles, reviews), and fetches only the rows it shows (sentences, titles) from SQL
by id. The snapshot frame is never modified after it is built; a newer one replaces it.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

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
_SQL = f"""
SELECT f.id, f.article_id, {queries.EFF_LOCATION}, f.place_name, f.place_matched,
       f.country_code, {queries.EFF_CATEGORY}, f.unit, a.publisher, substr(a.date, 1, 10),
       f.vague, f.attributed_to, {queries.EFF_LOW}, {queries.EFF_HIGH}, {queries.EFF_BEST},
       f.latitude, f.longitude, f.review_status IS 'rejected', a.illustrative
FROM figures AS f JOIN articles AS a ON a.id = f.article_id
"""


@dataclass(frozen=True)
class Snapshot:
    """The filterable columns of every figure, one row per figure."""

    frame: pd.DataFrame
    signature: tuple[int, ...]

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
    """Read the store at ``path`` into a new snapshot."""
    before = signature(path)
    with queries.connect(path) as conn:
        rows = conn.execute(_SQL).fetchall()
    frame = pd.DataFrame.from_records(rows, columns=list(_COLUMNS))
    for column in _CATEGORICAL:
        frame[column] = frame[column].astype("category")
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce")
    frame["vague"] = frame["vague"].fillna(0).astype(bool)
    frame["rejected"] = frame["rejected"].fillna(0).astype(bool)
    frame["illustrative"] = frame["illustrative"].fillna(0).astype(bool)
    for column in ("low", "high", "best"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return Snapshot(frame=frame, signature=before)


class SnapshotCache:
    """Holds the newest snapshot of one store file; owned by the app, not the module."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._current: Snapshot | None = None

    def get(self) -> Snapshot:
        """The snapshot for the file as it is now (rebuilt if the file changed)."""
        now = signature(self.path)
        current = self._current
        if current is not None and current.signature == now:
            return current
        with self._lock:
            current = self._current
            if current is None or current.signature != signature(self.path):
                current = load(self.path)
                self._current = current
            return current
