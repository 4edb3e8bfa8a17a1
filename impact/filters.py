"""Which figures to select: one ``Filters`` that renders its SQL, its pandas mask and its words.

Learned from datasette's ``filters.py``: one definition of each filter gives the SQL WHERE
clause (``Filters.where``, used by ``Store.figures`` and the exports), the same selection over
a frame in memory (``Filters.mask``, used by the dashboard's snapshot for speed) and a
plain-words description (``Filters.describe``: the CLI's and the dashboard's captions, export
file names). A test holds the SQL and the pandas renderings to the same rows.

Places are matched by one function, ``place_mask`` (built on ``impact.grouping.same_place``):
"Raqqa" finds "Raqqa city" and "Ar-Raqqah". Neither SQL nor pandas compares place names
itself: a place or country filter is first resolved, in Python, against the table of
distinct places the figures have (``PLACE_TABLE_COLUMNS``: the effective location, the
geocode, and ``place_key`` which identifies such a place in SQL and in the frame alike), and
both renderings then select the figures whose ``place_key`` is among those found.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from impact.corrections import effective_sql
from impact.grouping import is_subplace, same_place
from impact.names import country_code, country_name, publisher_name

# The columns of the table of distinct places a place or country filter is resolved against.
PLACE_TABLE_COLUMNS: tuple[str, ...] = (
    "place_key",
    "location",
    "place_name",
    "place_matched",
    "place_kind",
    "geonameid",
    "country_code",
)


def place_key_sql(alias: str = "f") -> str:
    """The SQL expression of a figure's ``place_key``: its effective location, the gazetteer
    name it was matched to and its country, joined. The reading layer stores the same value
    in frames, so a resolved filter selects the same figures in SQL and in memory."""
    parts = (effective_sql("location", alias), f"{alias}.place_matched", f"{alias}.country_code")
    return " || '|' || ".join(f"COALESCE({part}, '')" for part in parts)


@dataclass(frozen=True, slots=True)
class Filters:
    """Which figures to select; ``None`` (or an empty tuple) means no restriction."""

    places: tuple[str, ...] = ()  # matched loosely by ``place_mask`` ("Raqqa" ~ "Ar-Raqqah")
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes
    categories: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # article publisher, by display name ("VOA" ~ "Voice of America")
    date_from: str | None = None  # ISO date, inclusive, on the article's date
    date_to: str | None = None
    vague: bool | None = None  # True: only vague, False: only exact (non-vague)
    include_rejected: bool = False  # figures an analyst rejected are left out unless asked
    subplaces: bool = False  # a place includes its parts ("Mosul's Old City"); a country its places

    # -- words --------------------------------------------------------------------------

    def describe(self) -> str:
        """One plain line: ``"place: Mosul and its parts; country: Iraq; category: killed"``,
        ``"all figures"`` when nothing is filtered. Countries by name, not code."""
        parts: list[str] = []
        if self.places:
            parts.append(f"place: {', '.join(self.places)}" + (" and their parts" if self.subplaces else ""))
        if self.countries:
            parts.append(
                f"country: {', '.join(country_name(c) for c in self.countries)}"
                + (" and its places" if self.subplaces and not self.places else "")
            )
        for label, values in (("category", self.categories), ("unit", self.units), ("source", self.sources)):
            if values:
                parts.append(f"{label}: {', '.join(values)}")
        if self.date_from or self.date_to:
            parts.append(f"dates: {self.date_from or '…'} to {self.date_to or '…'}")
        if self.vague is not None:
            parts.append("vague only" if self.vague else "exact only")
        if self.include_rejected:
            parts.append("rejected included")
        return "; ".join(parts) if parts else "all figures"

    # -- resolving names ----------------------------------------------------------------

    @property
    def by_place(self) -> bool:
        return bool(self.places or self.countries)

    def resolve(self, places: pd.DataFrame | None, publishers: Iterable[Any] = ()) -> Resolved:
        """The place keys and publishers these filters select, found among the stored ones.

        ``places``: the distinct places (``PLACE_TABLE_COLUMNS``), needed when the filters
        name places or countries; ``publishers``: the distinct publishers, when they name sources.
        """
        keys: frozenset[str] | None = None
        if self.by_place:
            table = places if places is not None else pd.DataFrame(columns=list(PLACE_TABLE_COLUMNS))
            keys = frozenset(str(k) for k in table.loc[place_filter_mask(table, self), "place_key"])
        chosen: frozenset[str] | None = None
        if self.sources:
            chosen = frozenset(publishers_named(self.sources, publishers))
        return Resolved(place_keys=keys, publishers=chosen)

    # -- SQL ----------------------------------------------------------------------------

    def where(self, resolved: Resolved) -> tuple[str, list[Any]]:
        """A WHERE clause (``?`` placeholders) over ``figures AS f JOIN articles AS a``; names
        are matched in Python (``resolve``), so no SQL compares text loosely."""
        clauses: list[str] = []
        params: list[Any] = []

        def any_of(expression: str, values: Iterable[Any]) -> None:
            values = list(values)
            if not values:
                clauses.append("1 = 0")
                return
            clauses.append(f"{expression} IN ({', '.join('?' * len(values))})")
            params.extend(values)

        if resolved.place_keys is not None:
            any_of(f"({place_key_sql()})", sorted(resolved.place_keys))
        if self.categories:
            any_of(effective_sql("category"), self.categories)
        if self.units:
            any_of(effective_sql("unit"), self.units)
        if resolved.publishers is not None:
            any_of("a.publisher", sorted(resolved.publishers))
        if self.date_from:
            # Dates may carry a time; compare on the day.
            clauses.append("substr(a.date, 1, 10) >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("substr(a.date, 1, 10) <= ?")
            params.append(self.date_to)
        if self.vague is not None:
            clauses.append("f.vague = ?")
            params.append(int(self.vague))
        if not self.include_rejected:
            clauses.append("COALESCE(f.review_status, '') <> 'rejected'")
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    # -- pandas -------------------------------------------------------------------------

    def mask(self, frame: pd.DataFrame, resolved: Resolved) -> np.ndarray:
        """The same selection over a frame in memory (the dashboard's snapshot).

        ``frame`` has ``place_key``, ``category``, ``unit``, ``publisher``, ``date`` (day,
        datetime), ``vague`` and ``rejected`` columns, values effective.
        """
        mask = np.ones(len(frame), dtype=bool)
        if not self.include_rejected:
            mask &= ~frame["rejected"].to_numpy(dtype=bool)
        if resolved.place_keys is not None:
            mask &= _isin(frame["place_key"], resolved.place_keys)
        if self.categories:
            mask &= _isin(frame["category"], self.categories)
        if self.units:
            mask &= _isin(frame["unit"], self.units)
        if resolved.publishers is not None:
            mask &= _isin(frame["publisher"], resolved.publishers)
        if self.date_from:
            mask &= (frame["date"] >= pd.Timestamp(self.date_from)).to_numpy(dtype=bool)
        if self.date_to:
            mask &= (frame["date"] <= pd.Timestamp(self.date_to)).to_numpy(dtype=bool)
        if self.vague is not None:
            vague = frame["vague"].to_numpy(dtype=bool)
            mask &= vague if self.vague else ~vague
        return mask


@dataclass(frozen=True, slots=True)
class Resolved:
    """The stored names a ``Filters`` selects (None: that filter is not set)."""

    place_keys: frozenset[str] | None = None
    publishers: frozenset[str] | None = field(default=None)


def _isin(column: pd.Series, values: Iterable[Any]) -> np.ndarray:
    wanted = list(values)
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = column.cat.categories
        hits = np.flatnonzero(categories.isin(wanted))
        if not len(hits):
            return np.zeros(len(column), dtype=bool)
        return np.isin(column.cat.codes.to_numpy(), hits)
    return column.isin(wanted).to_numpy(dtype=bool)


def publishers_named(sources: Iterable[str], publishers: Iterable[Any]) -> list[str]:
    """The stored publishers a source filter names: each one written, or sharing its display
    name ("VOA" picks every spelling of Voice of America)."""
    wanted = set(sources)
    shown = {publisher_name(w) for w in wanted}
    return [str(p) for p in publishers if isinstance(p, str) and (p in wanted or publisher_name(p) in shown)]


# -- places ------------------------------------------------------------------------------


def place_filter_mask(table: pd.DataFrame, filters: Filters) -> pd.Series:
    """Rows of a place table (or any frame with its columns) that ``filters`` selects by
    place and country: any of its places (``place_mask``), in any of its countries."""
    mask = pd.Series(True, index=table.index)
    if filters.places:
        hit = pd.Series(False, index=table.index)
        for place in filters.places:
            hit |= place_mask(table, place, subplaces=filters.subplaces)
        mask &= hit
    if filters.countries:
        codes = {c.upper() for c in filters.countries}
        mask &= table["country_code"].map(lambda c: isinstance(c, str) and c.upper() in codes).astype(bool)
    return mask


def place_mask(frame: pd.DataFrame, place: str, *, subplaces: bool = False) -> pd.Series:
    """Rows whose place is ``place``: its name (loosely, ``grouping.same_place``), its
    gazetteer entity, and with ``subplaces`` the parts of it written as such (and, for a
    country, every place in it); without, a part is never the whole.

    The one place match: filters, exports, compare and the dashboard all call it.
    """
    if frame.empty:
        return pd.Series(False, index=frame.index, dtype=bool)
    parts = pd.Series(
        [
            is_subplace(row.get("location"), row.get("place_matched"), row.get("place_kind"))
            for row in frame.to_dict("records")
        ],
        index=frame.index,
        dtype=bool,
    )
    written = pd.Series(False, index=frame.index)
    for column in ("location", "place_name"):
        if column in frame.columns:
            written |= _matches(frame[column], place)
    if is_subplace(place):  # "Mosul's Old City": that part, by its name
        return written & parts
    named = written & ~parts
    if "place_matched" in frame.columns:
        matched = _matches(frame["place_matched"], place)
        named |= matched & (parts if subplaces else ~parts)
    if "geonameid" in frame.columns:
        ids = set(frame.loc[named, "geonameid"].dropna())
        if ids:
            named |= frame["geonameid"].isin(ids).fillna(False).astype(bool)
    if subplaces and "country_code" in frame.columns:
        code = country_code(place)
        if code is not None:
            named |= frame["country_code"].map(lambda c: isinstance(c, str) and c.upper() == code).astype(bool)
    return named if subplaces else named & ~parts


def _matches(column: pd.Series, place: str) -> pd.Series:
    """``same_place`` over a column, each distinct name tried once."""
    names = column.dropna().unique()
    hits = {name for name in names if same_place(place, name)}
    return column.isin(list(hits)).fillna(False).astype(bool)


def distinct_places(frame: pd.DataFrame, columns: Sequence[str] = PLACE_TABLE_COLUMNS) -> pd.DataFrame:
    """The distinct places of a frame with the place table's columns (for ``Filters.resolve``)."""
    present = [c for c in columns if c in frame.columns]
    return frame[present].drop_duplicates().reset_index(drop=True)
