"""Overview: the answer (latest estimate per place and category), key numbers, and charts
that count people: by place, by publisher, by quoted source, over time."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import aggregate, components, figures, ids, labels, queries
from dashboard.queries import StoreTarget
from dashboard.snapshot import Snapshot
from dashboard.urlstate import describe, filters_from_controls, query_from_filters
from impact.filters import Filters
from impact.model import CATEGORIES
from impact.names import publisher_name, source_name

_GRAPH_CONFIG: Any = {"displaylogo": False, "toImageButtonOptions": {"format": "png"}}
KIND_TITLES = {
    "stock": ("Totals as of a date", "how many in all, as of the date shown (“2,500 displaced so far”)"),
    "flow": ("Counts over a period", "how many in a day, a week or another window (“40 killed on Monday”)"),
}
GRID_EXPLAINED = [
    "Each cell is the latest estimate of one quantity: the same place, category, unit, group "
    "counted and kind of count, at the same time (within 7 days). Articles that report it are "
    "compared with one another, never with other quantities.",
    "The number is the central estimate: the median best value of the estimates that agree "
    "(whose ranges overlap). The range below it is where they overlap, widened to hold the "
    "lowest and the central value; “at least N” is open above. When no two estimates overlap, "
    "the range runs from the lowest to the highest and the cell says they disagree.",
    "“as of” is the date the count holds (the article's own date when the text gives none); "
    "“over” is the window of a count over a period. The source is who the newest article "
    "quotes, then its publisher. “3 of 4 agree” counts articles: a syndicated copy and an "
    "article repeating itself count once.",
    "Units are never mixed: people and households (families) are separate lines; structures "
    "(houses, buildings) are not people. A cell reading “hundreds (vague)” rests only on vague "
    "words, shown as the range SPEC gives them (hundreds = 200–999). “+2 other counts” are "
    "other groups (children, IS fighters), parts or earlier counts: click the cell to compare them.",
]

_CACHE_SIZE = 16
_cache: OrderedDict[tuple[Any, ...], tuple[aggregate.AnswerGrid, int]] = OrderedDict()
_cache_lock = threading.Lock()


def answer(
    snap: Snapshot, db: StoreTarget, filters: Filters, selection: pd.DataFrame | None = None
) -> tuple[aggregate.AnswerGrid, int]:
    """The grid of latest estimates for ``filters`` and how many places the selection names
    (kept for the last few snapshots and filters: the grid and the by-place chart share it).
    ``selection``: ``snap.select(filters)`` when the caller has it already."""
    key = (str(db), snap.signature, snap.seq, filters)
    with _cache_lock:  # held while computing: the grid and the chart callbacks ask at once
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        result = _compute_answer(snap, db, filters, selection)
        _cache[key] = result
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def clear_cache() -> None:
    """Forget every kept grid (the bench times a filter's first call with it)."""
    with _cache_lock:
        _cache.clear()


def _compute_answer(
    snap: Snapshot, db: StoreTarget, filters: Filters, selection: pd.DataFrame | None
) -> tuple[aggregate.AnswerGrid, int]:
    if selection is None:
        selection = snap.select(filters)
    chosen, named_places, articles = aggregate.grid_candidates(selection)
    with queries.connect(db) as conn:
        rows = queries.rows_by_id(conn, chosen)
    grid = aggregate.answer_grid(rows, articles=articles)
    return grid, max(named_places, grid.total_places)


def overview_outputs(
    snap: Snapshot, db: StoreTarget, *controls: Any
) -> tuple[list[Any], go.Figure, go.Figure, go.Figure, go.Figure]:
    """Key numbers and the four charts for the filter bar's ``controls``; every chart counts
    people (households and structures are left out, and say so)."""
    filters = filters_from_controls(*controls)
    selection = snap.select(filters)
    numbers = aggregate.key_numbers(selection)
    grid, total_places = answer(snap, db, filters, selection)
    people, _ = aggregate.people_only(selection, aggregate.PEOPLE_CHART_COLUMNS)
    by_publisher, publishers = aggregate.people_by(
        people, "publisher", empty=aggregate.NO_PUBLISHER, display=publisher_name
    )
    by_quoted, quoted = aggregate.people_by(people, "attributed_to", display=source_name)
    over_time, period = aggregate.people_over_time(people)
    key_numbers = [
        components.key_number(numbers["articles"], "articles", "with matching figures"),
        components.key_number(numbers["figures"], "figures", f"{numbers['vague']:,} vague"),
        components.key_number(total_places, "places"),
        components.key_number(numbers["sources"], "sources", "publishers"),
        html.Div(f"Showing {describe(filters)}.", className="key-caption"),
    ]
    if numbers["illustrative_articles"]:
        key_numbers.append(
            html.Div(
                [
                    components.illustrative_badge(),
                    f" {numbers['illustrative_articles']:,} of these articles are invented "
                    "demo samples, marked in every view.",
                ],
                className="key-caption",
            )
        )
    return (
        key_numbers,
        figures.latest_by_place(grid.cells, list(grid.places["place"]), total_places),
        figures.people_bars(by_publisher, publishers, "People by publisher", "publishers"),
        figures.people_bars(by_quoted, quoted, "People by who is quoted", "sources"),
        figures.people_over_time_figure(over_time, period),
    )


def chart_note(snap: Snapshot, *controls: Any) -> str:
    """What the charts leave out: figures in other units than people."""
    left_out = aggregate.other_units(snap.select(filters_from_controls(*controls)))
    text = (
        "The charts count people. By publisher, by source and over time they add up the best "
        "estimate of every figure (an article's repeats once), so a toll reported by ten "
        "articles counts ten times: read them as how much was reported; the grid above is the answer."
    )
    if left_out:
        parts = [f"{n:,} figure(s) in {labels.unit_label(unit)}" for unit, n in sorted(left_out.items())]
        text += f" Left out of the charts (not people): {', '.join(parts)}."
    return text


# -- the grid ------------------------------------------------------------------------------


def compare_href(filters: Filters, cell: dict[str, Any]) -> str:
    """Compare for a cell's place and category, the other filters kept (a household or
    structure count also keeps its unit)."""
    chosen = replace(filters, places=(str(cell["link_place"]),), categories=(str(cell["category"]),))
    if cell.get("unit") and cell["unit"] != aggregate.PEOPLE:
        chosen = replace(chosen, units=(str(cell["unit"]),))
    return "/compare?" + query_from_filters(chosen)


def unit_words(cell: dict[str, Any]) -> str:
    """What a cell counts: its unit, or the group counted when it says more ("IS fighters",
    "civilians"); households and structures always name their unit."""
    unit = str(cell.get("unit") or "people")
    counted = str(cell.get("counted_group") or "")
    plain = counted in ("", "people", "households", "structures", unit)
    if unit == aggregate.PEOPLE:
        return "people" if plain else counted
    return unit if plain else f"{unit} ({counted})"


def _value_text(cell: dict[str, Any]) -> str:
    value = cell.get("value")
    if value is None or pd.isna(value):
        return figures.bounds_text(cell.get("low"), cell.get("high"))
    return f"{float(value):,.0f}"


def cell_view(cell: dict[str, Any], filters: Filters) -> dcc.Link:
    """One estimate in a grid cell, a link to Compare for its place and category."""
    low, high, value = cell.get("low"), cell.get("high"), cell.get("value")
    span = figures.bounds_text(low, high)
    agree = f"{cell['agreeing']} of {cell['estimates']} agree" if cell["estimates"] > 1 else "1 article"
    if cell["estimates"] > 1 and cell["agreeing"] < 2:
        agree = f"{cell['estimates']} estimates disagree"
    source = source_name(cell["source"]) if cell.get("source") else None
    publisher = publisher_name(cell["publisher"]) if cell.get("publisher") else None
    said = " · ".join(figures.short_name(s, limit=28) for s in (source, publisher) if s) or "source not stated"
    lines: list[Any] = [
        html.Div([html.Strong(_value_text(cell)), f" {unit_words(cell)}"], className="cell-value"),
    ]
    show_span = span not in ("unknown", _value_text(cell)) and not (value is not None and low == high == value)
    if show_span or cell.get("vague"):
        words = (span if show_span else "") + (" (vague)" if cell.get("vague") else "")
        lines.append(html.Div(words.strip(), className="cell-range"))
    lines.append(html.Div(str(cell["time"]), className="cell-time"))
    lines.append(html.Div(said, className="cell-source"))
    tail: list[Any] = [agree]
    if cell.get("other_counts"):
        tail.append(f" · +{cell['other_counts']} other count{'s' if cell['other_counts'] > 1 else ''}")
    lines.append(html.Div(tail, className="cell-agree"))
    if cell.get("illustrative"):
        lines.append(html.Span("sample", className="badge badge-illustrative", title=components.ILLUSTRATIVE))
    label = figures.short_name(cell["group_label"], limit=figures.HOVER_LIMIT)
    title = f"{label}\n{cell['method']}\nClick to compare every estimate."
    return dcc.Link(lines, href=compare_href(filters, cell), className="answer-cell", title=title)


def grid_table(grid: aggregate.AnswerGrid, kind: str, filters: Filters) -> html.Div | None:
    """The place × category table of one kind of count (None when it has no cell)."""
    cells = grid.cells[grid.cells["kind"] == kind] if len(grid.cells) else grid.cells
    if cells.empty:
        return None
    # the categories most places have first (on a narrow screen they are the ones in view)
    filled: dict[Any, int] = cells.groupby("category")["place_key"].nunique().to_dict()
    canonical = {c: i for i, c in enumerate(CATEGORIES)}
    categories = sorted(filled, key=lambda c: (-filled[c], canonical.get(c, len(canonical)), c))
    by_cell: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    for record in cells.to_dict("records"):
        cell = {str(k): v for k, v in record.items()}
        by_cell.setdefault((cell["place_key"], cell["category"]), []).append(cell)
    unit_order = {"people": 0, "households": 1}
    header = html.Tr(
        [html.Th("Place", scope="col", className="grid-place")]
        + [
            html.Th(
                labels.category_label(c),
                scope="col",
                style={"borderTopColor": labels.category_color(c)},
                className="grid-category",
            )
            for c in categories
        ]
    )
    body = []
    for place in grid.places.to_dict("records"):
        if not any((place["place_key"], c) in by_cell for c in categories):
            continue
        row: list[Any] = [
            html.Th(
                [
                    components.name_span(place["place"]),
                    html.Div(f"{place['articles']} article(s)", className="cell-time"),
                ],
                scope="row",
                className="grid-place",
            )
        ]
        for category in categories:
            found = sorted(by_cell.get((place["place_key"], category), []), key=lambda c: unit_order.get(c["unit"], 2))
            row.append(html.Td([cell_view(c, filters) for c in found] if found else "–"))
        body.append(html.Tr(row))
    title, words = KIND_TITLES[kind]
    return html.Div(
        [
            html.H3([title, html.Span(f" — {words}", className="note")]),
            html.Div(
                html.Table([html.Thead(header), html.Tbody(body)], className="answer-grid", id=f"answer-grid-{kind}"),
                className="answer-grid-wrap",
            ),
        ]
    )


def answer_outputs(snap: Snapshot, db: StoreTarget, *controls: Any) -> list[Any]:
    """The grid section for the filter bar's ``controls``: a note, both tables, what is left out."""
    filters = filters_from_controls(*controls)
    grid, total_places = answer(snap, db, filters)
    if grid.cells.empty:
        return [html.P("No estimates with a place for these filters.", className="note")]
    shown = len(grid.places)
    note = f"Showing {figures.top_note(shown, total_places, 'places')}, those most articles report on" + (
        "; filter by place to see another." if total_places > shown else "."
    )
    parts: list[Any] = [html.P(note, className="note", id=ids.OV_GRID_NOTE)]
    for kind in aggregate.GRID_KINDS:
        table = grid_table(grid, kind, filters)
        if table is not None:
            parts.append(table)
    if grid.left_out:
        words = {"no place": "without a place", "rate": "rates (“a day”)", "projection": "projections (“could reach”)"}
        left = ", ".join(f"{n:,} {words.get(k, k)}" for k, n in sorted(grid.left_out.items()))
        parts.append(html.P(f"Not in the grid: {left} figure(s); see the Table.", className="note"))
    return parts


def layout(query: dict[str, Any], snap: Snapshot, db: StoreTarget) -> html.Div:
    controls = components.controls_args(query)
    numbers, by_place, by_publisher, by_attribution, over_time = overview_outputs(snap, db, *controls)

    def graph(id_: str, figure: go.Figure) -> dcc.Graph:
        return dcc.Graph(id=id_, figure=figure, config=_GRAPH_CONFIG)

    return html.Div(
        [
            html.H1("Overview"),
            components.filter_bar(query, snap),
            html.Div(numbers, id=ids.OV_NUMBERS, className="key-numbers"),
            html.H2("The answer: latest estimate by place and category"),
            html.Details(
                [
                    html.Summary(
                        "How to read the grid: each cell is the latest estimate of one quantity, its range, "
                        "the date it holds, who said it and how many articles agree; click a cell to compare "
                        "every estimate"
                    ),
                    *[html.P(p) for p in GRID_EXPLAINED],
                ],
                className="legend-note",
            ),
            html.Div(answer_outputs(snap, db, *controls), id=ids.OV_GRID),
            html.H2("What was reported, in people"),
            html.P(chart_note(snap, *controls), id=ids.OV_CHART_NOTE, className="note"),
            components.vague_legend(),
            graph(ids.OV_BY_PLACE, by_place),
            html.Div(
                [
                    graph(ids.OV_BY_PUBLISHER, by_publisher),
                    graph(ids.OV_BY_ATTRIBUTION, by_attribution),
                ],
                className="two-columns",
            ),
            graph(ids.OV_OVER_TIME, over_time),
        ]
    )
