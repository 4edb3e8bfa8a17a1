"""Pure summaries of a selection of figures (a frame from ``Snapshot.select``).

Small frames in, small frames out: what the charts draw, no database, no Dash.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from impact.names import publisher_name

NOT_STATED = "(not stated)"
NO_PUBLISHER = "(unknown publisher)"


def key_numbers(selection: pd.DataFrame) -> dict[str, int]:
    """Articles, figures, places, sources and vague figures in a selection."""
    return {
        "articles": int(selection["article_id"].nunique()),
        "figures": len(selection),
        "places": int(selection["place"].nunique()),
        "sources": len({publisher_name(str(p)) for p in selection["publisher"].dropna().unique()}),
        "vague": int(selection["vague"].sum()),
        "illustrative_articles": int(
            selection.loc[selection["illustrative"].to_numpy(dtype=bool), "article_id"].nunique()
        ),
    }


def top_places(selection: pd.DataFrame, n: int = 15) -> list[str]:
    """The ``n`` places with most figures, most first (ties by name)."""
    counts = selection["place"].value_counts()
    counts = counts[counts > 0]
    frame = pd.DataFrame({"place": counts.index.astype(str), "n": counts.to_numpy()})
    frame = frame.sort_values(["n", "place"], ascending=[False, True], kind="stable")
    return frame["place"].head(n).tolist()


def largest_per_place(selection: pd.DataFrame, places: list[str], per_place: int = 25) -> list[int]:
    """Figure ids of the ``per_place`` largest best estimates in each of ``places``."""
    column = selection["place"]
    if not places or len(selection) == 0:
        return []
    codes = column.cat.codes.to_numpy()
    best = np.nan_to_num(selection["best"].to_numpy(dtype="float64"), nan=-1.0)
    ids = selection["id"].to_numpy()
    categories = column.cat.categories
    chosen: list[np.ndarray] = []
    for place in places:
        where = np.flatnonzero(codes == categories.get_loc(place))
        if len(where) > per_place:
            top = np.argpartition(-best[where], per_place - 1)[:per_place]
            where = where[top[np.argsort(-best[where][top], kind="stable")]]
        chosen.append(ids[where])
    return [int(i) for i in np.concatenate(chosen)] if chosen else []


def counts_by(
    selection: pd.DataFrame,
    column: str,
    n: int = 15,
    empty: str = NOT_STATED,
    display: Callable[[str], str | None] | None = None,
) -> pd.DataFrame:
    """Figures per value of ``column`` split exact/vague: columns name, exact, vague, total.

    The ``n`` most frequent values, most first (ties by name); missing values are
    counted as ``empty``. Counts by category codes, so a million rows take milliseconds.
    ``display`` (``impact.names.publisher_name``, ``source_name``) folds spellings of one
    name into one bar: "VOA" and "Voice of America" count together.
    """
    values = selection[column]
    if not isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype("category")
    shown = display or str
    names = [empty, *((shown(str(c)) or empty) for c in values.cat.categories)]
    codes = values.cat.codes.to_numpy().astype("int64") + 1  # 0 = missing
    vague = selection["vague"].to_numpy(dtype=bool)
    size = len(names)
    exact_counts = np.bincount(codes[~vague], minlength=size)
    vague_counts = np.bincount(codes[vague], minlength=size)
    out = pd.DataFrame({"name": names, "exact": exact_counts, "vague": vague_counts})
    out = out.groupby("name", sort=False, as_index=False)[["exact", "vague"]].sum()
    out["total"] = out["exact"] + out["vague"]
    out = out[out["total"] > 0]
    out = out.sort_values(["total", "name"], ascending=[False, True], kind="stable")
    return out.head(n).reset_index(drop=True)


def units(selection: pd.DataFrame) -> list[str]:
    """The units present in a selection."""
    counts = selection["unit"].value_counts()
    return sorted(str(u) for u in counts[counts > 0].index)


def timeline(selection: pd.DataFrame, top_categories: int = 6) -> tuple[pd.DataFrame, str]:
    """Figures per period of article date and category; returns (frame, period label).

    Days for spans under about four months, weeks under two years, months beyond.
    Categories beyond the ``top_categories`` most frequent are grouped with "other" (one
    "other" series, its colour the category's own grey).
    """
    dated = selection.dropna(subset=["date"])
    if dated.empty:
        return pd.DataFrame(columns=["period", "category", "n"]), "day"
    span = (dated["date"].max() - dated["date"].min()).days
    freq, label = (
        ("D", "day")
        if span <= 120
        else ("W-MON", "week")
        if span <= 730
        else (
            "MS",
            "month",
        )
    )
    daily = dated.groupby(["date", "category"], observed=True).size().rename("n").reset_index()
    keep = daily.groupby("category", observed=True)["n"].sum().nlargest(top_categories).index
    daily["category"] = daily["category"].astype(str).where(daily["category"].isin(keep), "other")
    if freq == "D":
        daily["period"] = daily["date"]
    elif freq == "MS":
        daily["period"] = daily["date"].dt.to_period("M").dt.start_time
    else:
        daily["period"] = daily["date"].dt.to_period("W-SUN").dt.start_time
    out = daily.groupby(["period", "category"])["n"].sum().reset_index()
    return out.sort_values(["period", "category"], kind="stable").reset_index(drop=True), label


def map_points(selection: pd.DataFrame, limit: int = 2000) -> pd.DataFrame:
    """One row per geocoded point: figures there, and the id of the largest one."""
    geo = selection.dropna(subset=["latitude", "longitude"])
    if geo.empty:
        return pd.DataFrame(columns=["latitude", "longitude", "n", "id", "best"])
    ordered = geo.sort_values(["best", "id"], ascending=[False, True], kind="stable")
    grouped = ordered.groupby(["latitude", "longitude"], sort=False)
    out = grouped.agg(n=("id", "size"), id=("id", "first"), best=("best", "first"))
    out = out.reset_index().sort_values(["n", "id"], ascending=[False, True], kind="stable")
    return out.head(limit).reset_index(drop=True)
