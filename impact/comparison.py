"""Compare what different articles say about one place and one category.

``compare(source, place, category)`` answers by group: the estimates of the same quantity
(see ``impact.grouping``: same place and scope, unit, group counted, part or total, kind of
count and time) are compared with one another, never with the rest. Each estimate is a
range (an open bound is open; a hedged one gets its hedge as tolerance). Within a group, an
estimate whose range meets no other article's is flagged ``disagrees``; a syndicated copy
(same values, surface and sentence in another article) or an article repeating its own
estimate is shown, flagged ``duplicate_of``, and counted once.

    >>> result = compare(store, "Mosul", "fighters")  # doctest: +SKIP
    >>> result[["doc", "surface", "group", "group_label", "disagrees"]]  # doctest: +SKIP
    >>> result.attrs["groups"]  # one row per group: band, conservative, central, method  # doctest: +SKIP
    >>> consensus(result).describe()  # the main group's consensus  # doctest: +SKIP

For every stored estimate at once (``impact compare --all``), use ``impact.grouping.groups``.
"""

from __future__ import annotations

import pandas as pd

from impact.filters import Filters, place_mask
from impact.grouping import (
    DEFAULT_HEDGE,
    DEFAULT_TOLERANCE_DAYS,
    Consensus,
    agreement,
    effective,
    groups,
    normal_place,
    same_place,
    summarise,
)
from impact.store import Store

__all__ = ["COMPARE_COLUMNS", "Consensus", "compare", "consensus", "normal_place", "place_mask", "same_place"]

COMPARE_COLUMNS: tuple[str, ...] = (
    "doc",
    "publisher",
    "date",
    "attributed_to",
    "low",
    "high",
    "best",
    "vague",
    "surface",
    "sentence",
    "location",
    "illustrative",
    "disagrees",
    "duplicate_of",
    "group",
    "group_label",
    "counted",
    "kind",
    "time",
    "latest",
    "tolerance_low",
    "tolerance_high",
)


def compare(
    source: Store | pd.DataFrame,
    place: str,
    category: str,
    *,
    subplaces: bool = False,
    tolerance_days: int = DEFAULT_TOLERANCE_DAYS,
    hedge: float = DEFAULT_HEDGE,
    pool_undated: bool = False,
) -> pd.DataFrame:
    """One row per article estimate for ``place`` and ``category``, in date order, with the
    ``group`` of estimates it is compared with and why (``group_label``).

    ``source`` is a ``Store`` or a frame from ``Store.figures()`` / ``to_frame()``.
    ``subplaces``: also the parts of the place written as such ("Mosul's Old City" for
    "Mosul"), each as its own group. ``tolerance_days``: how far apart the as-of dates of
    two stocks may be (default 7). ``hedge``: the tolerance of an approximate figure
    (default 0.10). ``pool_undated``: compare estimates with no date at all across articles
    (by default only within their article). ``result.attrs["groups"]`` holds one row per group (``summarise``);
    ``result.attrs["consensus"]`` the ``Consensus`` of the main group (the most estimates,
    then the latest), also given by ``consensus(result)``.
    """
    if isinstance(source, Store):
        source = source.figures(Filters(places=(place,), categories=(category,), subplaces=subplaces))
    frame = effective(source)
    frame = frame[frame["category"] == category]
    frame = frame[place_mask(frame, place, subplaces=subplaces)]
    grouped = groups(frame, tolerance_days=tolerance_days, hedge=hedge, pool_undated=pool_undated)
    order = grouped.sort_values(["date", "doc", "start"], na_position="last", kind="stable").index
    rows = grouped.loc[order]
    result = pd.DataFrame(
        {column: rows[column] if column in rows.columns else None for column in COMPARE_COLUMNS}
    ).reset_index(drop=True)
    result["disagrees"] = result["disagrees"].astype(bool)
    summary = summarise(grouped)
    result.attrs["groups"] = summary
    result.attrs["consensus"] = _main_consensus(result, summary)
    return result


def consensus(result: pd.DataFrame) -> Consensus:
    """The consensus of a ``compare()`` result's main group (recomputed when ``attrs`` were lost)."""
    found = result.attrs.get("consensus")
    if isinstance(found, Consensus):
        return found
    return _main_consensus(result, None)


def _main_consensus(result: pd.DataFrame, summary: pd.DataFrame | None) -> Consensus:
    if result.empty:
        return agreement(result.assign(doc=[], low=[], high=[], best=[]))[1]
    if summary is None or summary.empty:
        distinct = result[result["duplicate_of"].isna()]
        sizes = distinct.groupby("group", sort=False).size()
        main = sizes.index[0] if len(sizes) else result["group"].iloc[0]
    else:
        ranked = summary.assign(_dated=summary["time"] != "undated").sort_values(
            ["estimates", "_dated", "group"], ascending=[False, False, False], kind="stable"
        )
        main = ranked["group"].iloc[0]
    members = result[(result["group"] == main) & result["duplicate_of"].isna()]
    return agreement(members, bounds=("tolerance_low", "tolerance_high"))[1]
