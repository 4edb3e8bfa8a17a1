"""Pure summaries of a selection of figures (a frame from ``Snapshot.select``).

Small frames in, small frames out: what the charts draw, no database, no Dash.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from impact.grouping import SUMMARY_INPUTS, groups, normal_place, summarise
from impact.names import publisher_name

# a pure function of a short string, asked again for the same few thousand place names by
# every filter's grid candidates (about 0.1-0.3 ms a call)
_normal_place = lru_cache(maxsize=1 << 16)(normal_place)

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


# -- the answer: latest estimate per place and category ----------------------------------

# The kinds of count the grid shows, each in its own table: a stock is how many as of a date
# ("2,500 displaced so far"), a flow how many over a window ("40 killed on Monday"). Rates
# ("a day") and projections ("could reach") answer other questions and are left out.
GRID_KINDS: tuple[str, ...] = ("stock", "flow")
GRID_PLACES = 15  # place rows in the grid, the places most articles report on
UNKNOWN_TIME = "date unknown"

CELL_COLUMNS: tuple[str, ...] = (
    "place_key",
    "place",
    "link_place",
    "category",
    "unit",
    "kind",
    "counted_group",
    "value",
    "low",
    "high",
    "conservative",
    "time",
    "as_of",
    "source",
    "publisher",
    "agreeing",
    "estimates",
    "articles",
    "vague",
    "illustrative",
    "other_counts",
    "group",
    "group_label",
    "method",
)
PLACE_COLUMNS: tuple[str, ...] = ("place_key", "place", "link_place", "articles")


@dataclass(frozen=True)
class AnswerGrid:
    """The Overview's answer: ``cells`` (one row per place, category, unit and kind, columns
    ``CELL_COLUMNS``) for the ``places`` shown (``PLACE_COLUMNS``, most reported first), out
    of ``total_places`` place identities; ``left_out`` counts the figures not in the grid by
    reason ("no place", "rate", "projection")."""

    cells: pd.DataFrame
    places: pd.DataFrame
    total_places: int
    left_out: dict[str, int]


def _mode(values: Iterable[object]) -> str:
    """The most frequent non-empty text of ``values`` (ties: the first in sorted order)."""
    counts = Counter(text for text in (_text_or_empty(v).strip() for v in values) if text)
    if not counts:
        return ""
    most = max(counts.values())
    return min(text for text, n in counts.items() if n == most)


def _is_plain_group(counted_group: str, unit: str) -> bool:
    return counted_group in ("people", "households", "structures", unit)


_GRID_FIELDS = (
    "place_key", "place", "parent", "location", "category", "unit", "kind", "counted_group", "part",
    "series", "group", "latest", "doc", "date", "as_of", "period_end", "attributed_to", "publisher",
    "vague", "illustrative", "duplicate_of", "best",
)  # fmt: skip


def answer_grid(
    rows: pd.DataFrame, max_places: int = GRID_PLACES, articles: Mapping[str, int] | None = None
) -> AnswerGrid:
    """The latest estimate of each place (by identity) and category, stocks and flows apart.

    ``rows`` are figures as ``queries.rows_by_id`` or ``Store.figures()`` give them (the
    rejected ones left out by the caller). Estimates are grouped by ``impact.grouping.groups``
    (same place identity, category, unit, group counted, kind of count and time); each cell
    holds the ``latest`` group of its main series: the count of the plain group ("people")
    rather than a part or a sub-group ("children", "IS fighters"), else the series most
    articles report. Its ``value`` is the central estimate (median best of the estimates
    that agree), ``low``/``high`` where they overlap, widened to take in the conservative
    and central values (or, when no two estimates overlap, the lowest to the highest best);
    ``agreeing`` of ``estimates`` (copies and an article's repeats counted once); ``source``
    is who the newest article quotes, ``publisher`` who published it. ``other_counts`` says
    how many other groups of that place, category, unit and kind (other groups counted,
    parts, earlier or undated counts) the cell leaves to Compare. Units are never mixed:
    households and people are separate cells. Places are ranked by how many articles
    report on them (then how many figures); the first ``max_places`` are shown. ``articles``
    (normalised place name -> articles, from ``grid_candidates``) counts the articles of a
    selection larger than ``rows``.
    """
    empty_cells = pd.DataFrame(columns=list(CELL_COLUMNS))
    empty_places = pd.DataFrame(columns=list(PLACE_COLUMNS))
    if rows.empty:
        return AnswerGrid(empty_cells, empty_places, 0, {})
    grouped = groups(rows)
    present = [c for c in _GRID_FIELDS if c in grouped.columns]
    records = [dict(zip(present, values, strict=True)) for values in grouped[present].itertuples(index=False)]
    left_out: Counter[str] = Counter()
    kept: list[dict[str, object]] = []
    for record in records:
        record["doc"] = _text_or_empty(record.get("doc"))
        record["unit"] = _text_or_empty(record.get("unit")) or "people"
        record["category"] = _text_or_empty(record.get("category"))
        if not _text_or_empty(record.get("place_key")):
            left_out["no place"] += 1
        elif record.get("kind") not in GRID_KINDS:
            left_out[str(record.get("kind"))] += 1
        else:
            kept.append(record)
    by_place: dict[str, list[dict[str, object]]] = {}
    for record in kept:
        by_place.setdefault(str(record["place_key"]), []).append(record)
    ranked = []
    for key, members in by_place.items():
        name = _mode(m.get("place") for m in members)
        parent = _mode(m.get("parent") for m in members)
        if parent and parent not in name:
            name = f"{name} (in {parent})"
        link = _mode(m.get("location") for m in members) or name
        count = len({m["doc"] for m in members})
        if articles:  # the whole selection's count, by the names written and the gazetteer's
            written = {link, _text_or_empty(members[0].get("place"))}
            count = max(count, *(articles.get(_normal_place(n), 0) for n in written if n))
        ranked.append((-count, -len(members), name, key, link))
    ranked.sort()
    shown_places = [(articles, name, key, link) for articles, _, name, key, link in ranked[:max_places]]
    places = pd.DataFrame.from_records(
        [(key, name, link, -negative) for negative, name, key, link in shown_places], columns=list(PLACE_COLUMNS)
    )
    # (place key, the cell's category and unit, group, other groups): a group may hold a
    # figure of another category told again (``impact.grouping``); the cell keeps its own
    chosen: list[tuple[str, str, str, int, int]] = []
    for _, _, key, _ in shown_places:
        cells: dict[tuple[object, ...], list[dict[str, object]]] = {}
        for record in by_place[key]:
            cells.setdefault((record["category"], record["unit"], record["kind"]), []).append(record)
        for (category, unit, _), members in cells.items():
            group = _main_group(members)
            chosen.append((key, str(category), str(unit), group, len({m["group"] for m in members}) - 1))
    wanted = {group for *_, group, _ in chosen}
    # summarise reads these columns only: a narrow frame of plain objects makes its per-group
    # slicing several times cheaper (the figures' sentences and titles are not copied 300 times)
    reads = [c for c in SUMMARY_INPUTS if c in grouped.columns]
    narrow = grouped.loc[grouped["group"].isin(wanted).to_numpy(), reads].astype(object)
    summary: dict[int, dict[str, Any]] = {
        int(r["group"]): {str(k): v for k, v in r.items()} for r in summarise(narrow).to_dict("records")
    }
    members_of: dict[int, list[dict[str, object]]] = {}
    for record in kept:
        if record["group"] in wanted:
            members_of.setdefault(_whole(record["group"]), []).append(record)
    names = {key: (name, link) for _, name, key, link in shown_places}
    out = []
    for key, category, unit, group, others in chosen:
        members = members_of[group]
        found = summary[group]
        distinct = [m for m in members if m.get("duplicate_of") is None or _text_or_empty(m.get("duplicate_of")) == ""]
        newest = max(members, key=lambda m: (_text_or_empty(m.get("date")), m["doc"]))
        value, low, high = _cell_range(found, distinct)
        out.append(
            {
                "place_key": key,
                "place": names[key][0],
                "link_place": names[key][1],
                "category": category,
                "unit": unit,
                "kind": str(found["kind"]),
                "counted_group": str(found["counted_group"]),
                "value": value,
                "low": low,
                "high": high,
                "conservative": _number(found["conservative"]),
                "time": UNKNOWN_TIME if found["time"] == "undated" else str(found["time"]),
                "as_of": _last_day(members),
                "source": _text_or_empty(newest.get("attributed_to")),
                "publisher": _text_or_empty(newest.get("publisher")),
                "agreeing": _whole(found["agreeing"]),
                "estimates": _whole(found["estimates"]),
                "articles": len({m["doc"] for m in distinct}),
                "vague": bool(distinct) and all(bool(m.get("vague")) for m in distinct),
                "illustrative": any(bool(m.get("illustrative")) for m in members),
                "other_counts": others,
                "group": int(group),
                "group_label": str(found["group_label"]),
                "method": str(found["method"]),
            }
        )
    cells_frame = pd.DataFrame.from_records(out, columns=list(CELL_COLUMNS))
    return AnswerGrid(cells_frame, places, len(ranked), dict(left_out))


def _cell_range(found: Mapping[str, Any], distinct: list[dict[str, object]]) -> tuple[float | None, ...]:
    """(value, low, high) of a cell: the central estimate, and a range that holds it."""
    value = _number(found["central"])
    low, high = _number(found["band_low"]), _number(found["band_high"])
    if int(found["agreeing"]) < 2 <= int(found["estimates"]):  # no two overlap: their spread
        bests = [b for b in (_number(m.get("best")) for m in distinct) if b is not None]
        return value, (min(bests) if bests else None), (max(bests) if bests else None)
    conservative = _number(found["conservative"])
    if low is not None and conservative is not None:
        low = min(low, conservative)
    if high is not None and value is not None:
        high = max(high, value)
    return value, low, high


def _main_group(members: list[dict[str, object]]) -> int:
    """The group a cell shows: the latest group of its main series (see ``answer_grid``)."""
    by_series: dict[object, list[dict[str, object]]] = {}
    for member in members:
        by_series.setdefault(member["series"], []).append(member)

    def series_rank(item: tuple[object, list[dict[str, object]]]) -> tuple[object, ...]:
        series, part = item
        counted = str(part[0]["counted_group"])
        plain = _is_plain_group(counted, str(part[0]["unit"]))
        return (bool(part[0]["part"]), not plain, -len({m["doc"] for m in part}), str(series))

    _, main = min(by_series.items(), key=series_rank)
    latest = [m for m in main if bool(m.get("latest"))] or main
    by_group: dict[int, list[dict[str, object]]] = {}
    for member in latest:
        by_group.setdefault(int(member["group"]), []).append(member)  # type: ignore[call-overload]
    # several latest groups (undated ones): the most articles, then the newest article
    return max(
        by_group.items(),
        key=lambda item: (
            len({m["doc"] for m in item[1]}),
            max(_text_or_empty(m.get("date")) for m in item[1]),
            -item[0],
        ),
    )[0]


def _last_day(members: list[dict[str, object]]) -> str:
    """The latest day a group's estimates hold (as of, end of period), else its newest article's."""
    for column in ("as_of", "period_end", "date"):
        days = [_text_or_empty(m.get(column))[:10] for m in members]
        days = [d for d in days if len(d) == 10 and d[4] == "-" and d[7] == "-"]
        if days:
            return max(days)
    return ""


def _whole(value: Any) -> int:
    return int(value)


def _number(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if np.isnan(number) else number


def _text_or_empty(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def grid_candidates(
    selection: pd.DataFrame, places: int = 2 * GRID_PLACES, per_cell: int = 15, limit: int = 1500
) -> tuple[list[int], int, dict[str, int]]:
    """Figure ids to group for the grid, how many places the selection names, and the
    articles of each (by normalised name) for ``answer_grid``.

    Places are ranked by articles on their normalised name (the gazetteer's name when there
    is one, so "Ar Raqqah" and "Raqqa" rank together); the figures of the first ``places``
    are taken (more than the grid shows: ``answer_grid`` ranks them again by identity): the
    newest ``per_cell`` of each place and category (the latest estimate is among them), the
    newest ``limit`` in all. Grouping costs about half a millisecond a figure.
    """
    if selection.empty:
        return [], 0, {}
    names: dict[str, int] = {}  # normalised place name -> number

    def numbers(column: pd.Series) -> np.ndarray:
        """Each row's normalised name as a number (-1: missing), computed once per distinct name."""
        written, codes = _names_and_codes(column)
        normal = (_normal_place(str(name)) for name in written)
        table = np.array([names.setdefault(n, len(names)) if n else -1 for n in normal] + [-1], dtype=np.int64)
        return table[codes]  # code -1 (missing) picks the last, -1

    matched = numbers(selection["place_matched"])
    key = np.where(matched >= 0, matched, numbers(selection["place"]))
    named = np.flatnonzero(key >= 0)
    if len(named) == 0:
        return [], 0, {}
    article, _ = pd.factorize(selection["article_id"].to_numpy()[named])
    width = int(article.max()) + 1
    pairs = pd.unique(key[named] * width + article)  # each (place, article) once
    per_key = np.bincount(pairs // width, minlength=len(names))
    spelled = np.array(list(names), dtype=object)
    present = np.flatnonzero(per_key)
    ranked = sorted(present.tolist(), key=lambda k: (-per_key[k], spelled[k]))
    top = ranked[:places]
    counts = {str(spelled[k]): int(per_key[k]) for k in top}
    inside = np.zeros(len(names) + 1, dtype=bool)
    inside[top] = True
    category = _codes_of(selection["category"])
    rows = np.flatnonzero(inside[key] & (category >= 0))  # key -1 reads the last, False
    return _newest_per_cell(selection, rows, key, category, per_cell, limit), len(present), counts


def _newest_per_cell(
    selection: pd.DataFrame, rows: np.ndarray, key: np.ndarray, category: np.ndarray, per_cell: int, limit: int
) -> list[int]:
    """Ids of ``rows`` newest first (by date, missing last, then id), at most ``per_cell`` of
    each (key, category) and ``limit`` in all. Only the newest rows are sorted: a row's rank
    in its cell depends only on the newer rows, so the first ``taken`` newest decide as many."""
    if len(rows) == 0:
        return []
    ids = selection["id"].to_numpy()[rows].astype(np.int64)
    dates = selection["date"]
    days = dates.to_numpy().astype("datetime64[D]").astype(np.int64)[rows]
    known = dates.notna().to_numpy()[rows]
    oldest = int(days[known].min()) if known.any() else 0
    day_rank = np.where(known, days - oldest + 1, 0)  # 0: no date, after every dated row
    span = int(ids.max()) - int(ids.min()) + 1
    if (int(day_rank.max()) + 1) * span >= 2**62:  # no room for one sort key: pandas sorts
        order = np.lexsort((-ids, -day_rank))
        score = None
    else:
        score = day_rank * span + (ids - int(ids.min()))
    cells = key[rows] * (int(category.max()) + 1) + category[rows]
    taken = min(len(rows), 2 * limit)
    while True:
        if score is not None:
            newest = np.argpartition(-score, taken - 1)[:taken] if taken < len(rows) else np.arange(len(rows))
            newest = newest[np.argsort(-score[newest], kind="stable")]
        else:
            newest = order[:taken]
        kept = newest[pd.Series(cells[newest]).groupby(cells[newest]).cumcount().to_numpy() < per_cell]
        if len(kept) >= limit or taken == len(rows):
            return [int(i) for i in ids[kept[:limit]]]
        taken = min(len(rows), 4 * taken)


# -- charts that count people -----------------------------------------------------------

PEOPLE = "people"


# what ``people_by`` and ``people_over_time`` read of a ``people_only`` selection
PEOPLE_CHART_COLUMNS: tuple[str, ...] = (
    "id", "date", "category", "publisher", "attributed_to", "best", "low", "high", "vague",
)  # fmt: skip


def people_only(selection: pd.DataFrame, columns: Iterable[str] | None = None) -> tuple[pd.DataFrame, dict[str, int]]:
    """The figures counted in people, each article's repeats of one figure once (a headline
    and its body: same place, category and bounds), and how many figures of other units
    (households, structures) were left out. ``columns`` (e.g. ``PEOPLE_CHART_COLUMNS``):
    only those are copied, the others left out."""
    is_people, left_out = _people_rows(selection)
    rows = np.flatnonzero(is_people)
    keys = [
        selection["article_id"].to_numpy()[rows],
        _codes_of(selection["place"])[rows],
        _codes_of(selection["category"])[rows],
        np.nan_to_num(selection["low"].to_numpy(dtype="float64")[rows], nan=-1.0),
        np.nan_to_num(selection["high"].to_numpy(dtype="float64")[rows], nan=-1.0),
    ]
    kept = rows[~_repeated(keys)]
    if columns is None:
        people = selection.take(kept)
    else:
        taken = {c: selection[c].array.take(kept) for c in columns if c in selection.columns}
        people = pd.DataFrame(taken, index=selection.index.take(kept))
    return people, left_out


def other_units(selection: pd.DataFrame) -> dict[str, int]:
    """How many figures of a selection count something else than people, by unit (a
    figure without a unit counts people)."""
    return _people_rows(selection)[1]


def _people_rows(selection: pd.DataFrame) -> tuple[np.ndarray, dict[str, int]]:
    """Which rows count people, and how many rows there are of each other unit (most first)."""
    names, codes = _names_and_codes(selection["unit"])
    is_people = np.isin(codes, [-1, *(i for i, name in enumerate(names) if name == PEOPLE)])
    other = np.bincount(codes[~is_people], minlength=len(names))
    left_out: dict[str, int] = {}
    for name, n in zip(names, other, strict=True):
        if n:
            left_out[str(name)] = left_out.get(str(name), 0) + int(n)
    return is_people, dict(sorted(left_out.items(), key=lambda kv: -kv[1]))


def _names_and_codes(column: pd.Series) -> tuple[list[object], np.ndarray]:
    """A column's distinct values and each row's code (-1: missing), categories kept as they are."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return list(column.cat.categories), column.cat.codes.to_numpy()
    codes, uniques = pd.factorize(column)
    return list(uniques), codes


def _repeated(keys: list[np.ndarray]) -> np.ndarray:
    """``DataFrame(keys).duplicated()`` (keep the first): rows are hashed to one 64-bit number
    each, and every row found a repeat is checked field by field against the first row of its
    hash (a collision, never seen in practice, falls back to the exact pandas test)."""
    size = len(keys[0]) if keys else 0
    if size == 0:
        return np.zeros(0, dtype=bool)
    mixed = np.zeros(size, dtype=np.uint64)
    for key in keys:
        word = (key.astype(np.float64) + 0.0) if key.dtype.kind == "f" else key.astype(np.int64)  # -0.0 is 0.0
        mixed = (mixed ^ word.view(np.uint64)) * np.uint64(0x9E3779B97F4A7C15)
        mixed ^= mixed >> np.uint64(29)
    # a row alone in its bucket of the hash's low bits repeats nothing: only the others are numbered
    buckets = 1 << max(10, int(4 * size).bit_length())
    low_bits = (mixed & np.uint64(buckets - 1)).astype(np.int64)
    shared = np.flatnonzero(np.bincount(low_bits, minlength=buckets)[low_bits] > 1)
    codes, _ = pd.factorize(mixed[shared])  # numbered in order of first appearance
    repeated = np.zeros(size, dtype=bool)
    if len(shared):
        seen = np.maximum.accumulate(codes)
        again = np.zeros(len(shared), dtype=bool)
        again[1:] = seen[1:] == seen[:-1]  # a new hash raises the running maximum
        first = shared[np.flatnonzero(~again)]  # the first row of hash k is first[k]
        where = shared[again]
        repeated[where] = True
        if not all(np.array_equal(key[where], key[first[codes[again]]]) for key in keys):
            return pd.DataFrame({str(i): key for i, key in enumerate(keys)}).duplicated().to_numpy()
    return repeated


def _codes_of(column: pd.Series) -> np.ndarray:
    """Integer codes of a column's values (-1: missing), for fast grouping."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy()
    return pd.factorize(column)[0]


def people_by(
    selection: pd.DataFrame,
    column: str,
    n: int = 15,
    empty: str = NOT_STATED,
    display: Callable[[str], str | None] | None = None,
) -> tuple[pd.DataFrame, int]:
    """People per value of ``column`` (a ``people_only`` selection): the sum of best estimates,
    split exact/vague, with the sums of lows and highs; the ``n`` largest, and how many values
    there are in all. Columns: name, exact, vague, total, low, high, figures."""
    columns = ["name", "exact", "vague", "total", "low", "high", "figures"]
    if selection.empty:
        return pd.DataFrame(columns=columns), 0
    values = selection[column]
    if not isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype("category")
    shown = display or str
    # names by category code (0: missing), so a display function runs once per name
    names = [empty, *((shown(str(c)) or empty) for c in values.cat.categories)]
    codes = values.cat.codes.to_numpy().astype("int64") + 1
    best = np.nan_to_num(selection["best"].to_numpy(dtype="float64"))
    vague = selection["vague"].to_numpy(dtype=bool)
    low = selection["low"].to_numpy(dtype="float64")
    high = selection["high"].to_numpy(dtype="float64")
    size = len(names)

    def total(weights: np.ndarray) -> np.ndarray:
        return np.bincount(codes, weights=weights, minlength=size)

    frame = pd.DataFrame(
        {
            "name": names,
            "exact": total(np.where(vague, 0.0, best)),
            "vague": total(np.where(vague, best, 0.0)),
            "low": total(np.where(np.isnan(low), best, low)),
            "high": total(np.where(np.isnan(high), best, high)),
            "figures": np.bincount(codes, minlength=size),
        }
    )
    out = frame.groupby("name", sort=False, as_index=False)[["exact", "vague", "low", "high", "figures"]].sum()
    out["total"] = out["exact"] + out["vague"]
    out = out[out["total"] > 0]
    out = out.sort_values(["total", "name"], ascending=[False, True], kind="stable")
    return out[columns].head(n).reset_index(drop=True), len(out)


def people_over_time(selection: pd.DataFrame, top_categories: int = 6) -> tuple[pd.DataFrame, str]:
    """People per period of article date and category (a ``people_only`` selection): the sum
    of best estimates, lows and highs. Periods as ``timeline``; categories beyond the
    ``top_categories`` largest are one "other" series. Columns: period, category, best, low,
    high, figures."""
    columns = ["period", "category", "best", "low", "high", "figures"]
    frame = _people_per_day(selection)
    if frame is None:
        return pd.DataFrame(columns=columns), "day"
    span = (frame["date"].max() - frame["date"].min()).days
    freq, label = ("D", "day") if span <= 120 else ("W-SUN", "week") if span <= 730 else ("M", "month")
    frame["category"] = frame["category"].astype(str)
    keep = frame.groupby("category")["best"].sum().nlargest(top_categories).index
    frame["category"] = frame["category"].where(frame["category"].isin(keep), "other")
    if freq == "D":
        frame["period"] = frame["date"]
    else:
        frame["period"] = frame["date"].dt.to_period(freq).dt.start_time
    out = frame.groupby(["period", "category"], as_index=False)[["best", "low", "high", "figures"]].sum()
    out["figures"] = out["figures"].astype("int64")
    return out.sort_values(["period", "category"], kind="stable").reset_index(drop=True)[columns], label


def _people_per_day(selection: pd.DataFrame) -> pd.DataFrame | None:
    """Sums of best, low and high (a missing bound: the best) and figures per day and category
    of a selection's dated figures with a best estimate (None: there are none). By one
    ``np.bincount`` per sum over day x category numbers: a million rows take milliseconds."""
    best = selection["best"].to_numpy(dtype="float64")
    dates = selection["date"]
    days = dates.to_numpy().astype("datetime64[D]").astype("int64")
    names, codes = _names_and_codes(selection["category"])
    rows = np.flatnonzero(dates.notna().to_numpy() & ~np.isnan(best) & (codes >= 0))
    if len(rows) == 0:
        return None
    days, codes, best = days[rows], codes[rows], best[rows]
    first, width = int(days.min()), len(names)
    slot = (days - first) * width + codes
    size = int(slot.max()) + 1
    if size > 4 * len(slot) + 100_000:  # dates centuries apart: number the slots in use
        used_slots, slot = np.unique(slot, return_inverse=True)
        size = len(used_slots)
    else:
        used_slots = np.arange(size)
    low = selection["low"].to_numpy(dtype="float64")[rows]
    high = selection["high"].to_numpy(dtype="float64")[rows]
    sums = {
        "best": np.bincount(slot, weights=best, minlength=size),
        "low": np.bincount(slot, weights=np.where(np.isnan(low), best, low), minlength=size),
        "high": np.bincount(slot, weights=np.where(np.isnan(high), best, high), minlength=size),
        "figures": np.bincount(slot, minlength=size),
    }
    used = np.flatnonzero(sums["figures"])
    day = (first + used_slots[used] // width).astype("datetime64[D]")
    return pd.DataFrame(
        {
            "date": pd.Series(day).astype(dates.dtype if dates.dtype.kind == "M" else "datetime64[us]"),
            "category": np.asarray([str(n) for n in names], dtype=object)[used_slots[used] % width],
            **{name: values[used] for name, values in sums.items()},
        }
    )
