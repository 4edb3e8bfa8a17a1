"""Read-only, aggregated SQL over the store's schema, sized for a million figures.

``Store.figures()`` returns every matching row as a DataFrame: right for exports and
small stores, too slow for a dashboard over a large one. The views here ask SQLite
for counts and for at most a few thousand rows, on a read-only connection opened per
call (no shared state between requests, never a write lock).

The WHERE clause mirrors ``impact.store`` semantics (corrected values where an analyst
corrected a figure, rejected figures left out), with place names compared
case-insensitively by SQLite's NOCASE instead of a Python function per row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from impact.filters import Filters

_CORRECTED = "f.review_status = 'corrected'"
EFF_LOW = f"(CASE WHEN {_CORRECTED} THEN f.corrected_low ELSE f.low END)"
EFF_HIGH = f"(CASE WHEN {_CORRECTED} THEN f.corrected_high ELSE f.high END)"
EFF_CATEGORY = (
    f"(CASE WHEN {_CORRECTED} THEN COALESCE(f.corrected_category, f.category) ELSE f.category END)"
)
EFF_LOCATION = (
    f"(CASE WHEN {_CORRECTED} THEN COALESCE(f.corrected_location, f.location) ELSE f.location END)"
)
EFF_BEST = (
    f"(CASE WHEN {_CORRECTED} THEN COALESCE((f.corrected_low + f.corrected_high) / 2,"
    " f.corrected_low, f.corrected_high)"
    " ELSE COALESCE(f.best, f.low, f.high) END)"
)
_FROM = "FROM figures AS f JOIN articles AS a ON a.id = f.article_id"

ROW_COLUMNS: tuple[str, ...] = (
    "id",
    "doc",
    "start",
    "end",
    "surface",
    "low",
    "high",
    "best",
    "approximate",
    "vague",
    "qualifier",
    "counted",
    "unit",
    "category",
    "location",
    "attributed_to",
    "sentence",
    "sentence_start",
    "sentence_end",
    "country_code",
    "latitude",
    "longitude",
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
)
_ROW_SELECT = "SELECT " + ", ".join(
    f'{e} AS "{c}"' for e, c in zip(_ROW_EXPRESSIONS, ROW_COLUMNS, strict=True)
)


@contextmanager
def connect(path: str | Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the store at ``path``, closed on exit."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
    try:
        yield conn
    finally:
        conn.close()


def where(filters: Filters) -> tuple[str, list[Any]]:
    """``WHERE ...`` with ``?`` placeholders for every value taken from ``filters``."""
    clauses: list[str] = []
    params: list[Any] = []

    def any_of(expression: str, values: Sequence[str]) -> None:
        if values:
            clauses.append(f"{expression} IN ({', '.join('?' * len(values))})")
            params.extend(values)

    if filters.places:
        marks = ", ".join("?" * len(filters.places))
        names = (EFF_LOCATION, "f.place_name", "f.place_matched")
        clauses.append(
            "(" + " OR ".join(f"{n} COLLATE NOCASE IN ({marks})" for n in names) + ")"
        )
        params.extend(list(filters.places) * len(names))
    any_of("f.country_code", [c.upper() for c in filters.countries])
    any_of(EFF_CATEGORY, list(filters.categories))
    any_of("f.unit", list(filters.units))
    any_of("a.publisher", list(filters.sources))
    if filters.date_from:
        clauses.append("a.date >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        clauses.append("substr(a.date, 1, 10) <= ?")
        params.append(filters.date_to)
    if filters.vague is not None:
        clauses.append("f.vague = ?")
        params.append(int(filters.vague))
    if not filters.include_rejected:
        clauses.append("f.review_status IS NOT 'rejected'")
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _frame(rows: list[tuple[Any, ...]], columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(columns))
    for column in ("approximate", "vague", "illustrative"):
        if column in frame:
            frame[column] = frame[column].fillna(0).astype(bool)
    return frame


def rows(
    conn: sqlite3.Connection,
    filters: Filters,
    limit: int | None = None,
    extra_where: str = "",
    extra_params: Sequence[Any] = (),
    order: str = "a.date DESC, a.doc, f.start, f.id",
) -> pd.DataFrame:
    """Figure rows (columns ``ROW_COLUMNS``, corrected values where reviewed)."""
    clause, params = where(filters)
    if extra_where:
        clause = f"{clause} AND {extra_where}" if clause else f"WHERE {extra_where}"
        params = [*params, *extra_params]
    sql = f"{_ROW_SELECT} {_FROM} {clause} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _frame(conn.execute(sql, params).fetchall(), ROW_COLUMNS)


def rows_by_id(conn: sqlite3.Connection, ids: Sequence[int]) -> pd.DataFrame:
    """The rows with these figure ids, in the order given (rejected ones included)."""
    wanted = [int(i) for i in ids]
    if not wanted:
        return _frame([], ROW_COLUMNS)
    found: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        sql = f"{_ROW_SELECT} {_FROM} WHERE f.id IN ({', '.join('?' * len(chunk))})"
        for row in conn.execute(sql, chunk):
            found[int(row[0])] = row
    return _frame([found[i] for i in wanted if i in found], ROW_COLUMNS)


def count(conn: sqlite3.Connection, filters: Filters) -> int:
    clause, params = where(filters)
    return int(conn.execute(f"SELECT COUNT(*) {_FROM} {clause}", params).fetchone()[0])


@dataclass(frozen=True)
class Overview:
    """Everything the Overview page draws, for one set of filters."""

    numbers: dict[str, int]
    places: pd.DataFrame  # figure rows for the top places (at most per_place each)
    place_order: list[str]  # top places, most figures first
    publishers: pd.DataFrame  # publisher, vague, n
    attributions: pd.DataFrame  # attributed_to, vague, n
    timeline: pd.DataFrame  # date, category, n
    units: list[str] = field(default_factory=list)


def overview(
    conn: sqlite3.Connection, filters: Filters, top_places: int = 15, per_place: int = 25
) -> Overview:
    """Key numbers, per-place figures and counts by publisher, quoted source and date.

    One grouped scan gives every count; only the rows drawn as bars are fetched.
    """
    clause, params = where(filters)
    cube = pd.DataFrame.from_records(
        conn.execute(
            f"SELECT {EFF_LOCATION} AS place, a.publisher, f.attributed_to,"
            " substr(a.date, 1, 10) AS day, f.vague, " + EFF_CATEGORY + " AS category,"
            " f.unit, COUNT(*) AS n, COUNT(DISTINCT f.article_id) AS docs"
            f" {_FROM} {clause} GROUP BY 1, 2, 3, 4, 5, 6, 7",
            params,
        ).fetchall(),
        columns=[
            "place",
            "publisher",
            "attributed_to",
            "date",
            "vague",
            "category",
            "unit",
            "n",
            "docs",
        ],
    )
    articles = int(
        conn.execute(f"SELECT COUNT(DISTINCT f.article_id) {_FROM} {clause}", params).fetchone()[0]
    )
    cube["vague"] = cube["vague"].fillna(0).astype(bool)
    numbers = {
        "articles": articles,
        "figures": int(cube["n"].sum()),
        "places": int(cube["place"].dropna().nunique()),
        "sources": int(cube["publisher"].dropna().nunique()),
        "vague": int(cube.loc[cube["vague"], "n"].sum()),
    }
    by_place = cube.dropna(subset=["place"]).groupby("place")["n"].sum()
    order = by_place.sort_values(ascending=False, kind="stable").head(top_places)
    place_order = [str(p) for p in order.index]
    if place_order:
        marks = ", ".join("?" * len(place_order))
        ranked = (
            "SELECT * FROM (SELECT t.*, ROW_NUMBER() OVER (PARTITION BY t.location"
            f" ORDER BY t.best DESC, t.id) AS rk FROM ({_ROW_SELECT} {_FROM}"
            f" {clause}{' AND' if clause else ' WHERE'} {EFF_LOCATION} IN ({marks})) AS t)"
            f" WHERE rk <= {int(per_place)}"
        )
        fetched = conn.execute(ranked, [*params, *place_order]).fetchall()
        places = _frame([r[:-1] for r in fetched], ROW_COLUMNS)
    else:
        places = _frame([], ROW_COLUMNS)

    def grouped(column: str) -> pd.DataFrame:
        out = cube.groupby([column, "vague"], dropna=False)["n"].sum().reset_index()
        return out

    timeline = cube.dropna(subset=["date"]).groupby(["date", "category"])["n"].sum().reset_index()
    units = sorted(str(u) for u in cube["unit"].dropna().unique())
    return Overview(
        numbers=numbers,
        places=places,
        place_order=place_order,
        publishers=grouped("publisher"),
        attributions=grouped("attributed_to"),
        timeline=timeline,
        units=units,
    )


def map_points(conn: sqlite3.Connection, filters: Filters, limit: int = 2000) -> pd.DataFrame:
    """One row per geocoded place: how many figures, and the largest one with its words."""
    clause, params = where(filters)
    geo = "f.latitude IS NOT NULL AND f.longitude IS NOT NULL"
    clause = f"{clause} AND {geo}" if clause else f"WHERE {geo}"
    sql = f"""
    SELECT place, country_code, latitude, longitude, n, best, surface, counted, category,
           unit, publisher, attributed_to, date, vague
    FROM (
        SELECT {EFF_LOCATION} AS place, f.country_code, f.latitude, f.longitude,
               COUNT(*) OVER w AS n, {EFF_BEST} AS best, f.surface, f.counted,
               {EFF_CATEGORY} AS category, f.unit, a.publisher, f.attributed_to, a.date,
               f.vague,
               ROW_NUMBER() OVER (w ORDER BY {EFF_BEST} DESC, f.id) AS rk
        {_FROM} {clause}
        WINDOW w AS (PARTITION BY f.latitude, f.longitude)
    ) WHERE rk = 1 ORDER BY n DESC LIMIT {int(limit)}
    """
    columns = [
        "place",
        "country_code",
        "latitude",
        "longitude",
        "n",
        "best",
        "surface",
        "counted",
        "category",
        "unit",
        "publisher",
        "attributed_to",
        "date",
        "vague",
    ]
    return _frame(conn.execute(sql, params).fetchall(), columns)


@dataclass(frozen=True)
class Options:
    """Choices for the filter bar, most frequent first."""

    places: list[str]
    countries: list[str]
    categories: list[str]
    units: list[str]
    sources: list[str]
    date_min: str | None
    date_max: str | None


def options(conn: sqlite3.Connection, limit: int = 1000) -> Options:
    def top(expression: str, source: str = "figures AS f") -> list[str]:
        sql = (
            f"SELECT {expression} AS v FROM {source} WHERE v IS NOT NULL AND v != ''"
            f" GROUP BY v ORDER BY COUNT(*) DESC, v LIMIT {int(limit)}"
        )
        return [str(r[0]) for r in conn.execute(sql)]

    date_min, date_max = conn.execute(
        "SELECT MIN(substr(date, 1, 10)), MAX(substr(date, 1, 10)) FROM articles"
    ).fetchone()
    return Options(
        places=top("f.location"),
        countries=top("f.country_code"),
        categories=top(EFF_CATEGORY),
        units=top("f.unit"),
        sources=top("a.publisher", "articles AS a"),
        date_min=date_min,
        date_max=date_max,
    )


def article(conn: sqlite3.Connection, doc: str) -> dict[str, Any] | None:
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


def article_figures(conn: sqlite3.Connection, article_id: int) -> pd.DataFrame:
    """Every figure of one stored article, rejected ones included, in text order."""
    return rows(
        conn,
        Filters(include_rejected=True),
        extra_where="f.article_id = ?",
        extra_params=(article_id,),
        order="f.start, f.id",
    )
