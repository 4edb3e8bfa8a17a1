"""Compare: what different articles say about one place and one category."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import dash_ag_grid as dag
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import components, figures, ids, labels, queries
from dashboard.queries import StoreTarget
from dashboard.snapshot import Snapshot
from dashboard.urlstate import filters_from_controls, filters_from_query, name_key, with_named_keys
from impact import compare, consensus

MAX_ESTIMATES = 2000


def _first(values: Any) -> str | None:
    if not values:
        return None
    return str(values[0] if isinstance(values, list | tuple) else values)


def default_pair(snap: Snapshot, query: dict[str, Any]) -> tuple[str | None, str | None]:
    """The place and category to open with: from the URL, else the most reported pair."""
    filters = filters_from_query(query)
    place, category = _first(filters.places), _first(filters.categories)
    if place and category:
        return place, category
    live = snap.select(replace(filters, places=filters.places[:1], categories=filters.categories[:1]))
    pairs = live.dropna(subset=["place"]).groupby(["place", "category"], observed=True).size()
    if pairs.empty:
        return place, category
    top = pairs.sort_values(ascending=False, kind="stable").index[0]
    return place or str(top[0]), category or str(top[1])


def compare_outputs(
    snap: Snapshot, db: StoreTarget, place: str | None, category: str | None, *controls: Any, subplaces: bool = False
) -> tuple[go.Figure, list[Any]]:
    """The interval chart and a written summary (consensus, disagreements, copies).

    ``subplaces``: the place's parts too (its old city, camps; a country's places), each
    compared in its own group; the title says so."""
    if not place or not category:
        return figures.empty_figure("Pick a place and a category."), []
    # the dropdown holds a long place by its key
    place = next(iter(with_named_keys([place], snap.frame["place"].cat.categories)[1:]), place)
    filters = replace(filters_from_controls(*controls), places=(place,), categories=(category,), subplaces=subplaces)
    chosen = snap.select(filters)  # the place matched as everywhere (impact.filters.place_mask)
    chosen = chosen.sort_values(["date", "id"], kind="stable").tail(MAX_ESTIMATES)
    with queries.connect(db) as conn:
        rows = queries.rows_by_id(conn, [int(i) for i in chosen["id"]])
    result = compare(rows, place, category, subplaces=subplaces)
    agreement = consensus(result)
    units = sorted({str(u) for u in rows["unit"].dropna()}) if len(rows) else []
    label = components.category_label(category)
    where = figures.short_name(place) + (" and its parts" if subplaces else "")
    title = f"{label[:1].upper()}{label[1:]} in {where}: estimates by article"
    band = (agreement.low, agreement.high) if agreement.overlap and agreement.estimates > 1 else None
    fig = figures.compare_figure(result, band, title, figures.unit_label(units))
    return fig, summary(result, agreement)


def summary(result: Any, agreement: Any) -> list[Any]:
    """Plain-language consensus and a table of every estimate, disagreements flagged."""
    if result.empty:
        return [html.P("No estimates match.", className="note")]
    duplicates = int(result["duplicate_of"].notna().sum())
    undated = int(pd.to_datetime(result["date"], errors="coerce").isna().sum())
    disagreeing = int(result["disagrees"].sum())
    lines: list[Any] = [
        html.P(
            [
                html.Strong("Consensus: "),
                agreement.describe(),
                f". {disagreeing} estimate(s) overlap no other"
                + (f"; {duplicates} syndicated copy(ies) counted once." if duplicates else "."),
                f" {undated} estimate(s) from articles without a date: dotted lines." if undated else "",
            ]
        )
    ]
    lines.append(estimates_grid(result))
    return lines


PAGE_SIZE = 50  # estimates per page of the Compare table


def estimate_rows(result: Any) -> list[dict[str, Any]]:
    """One grid row per estimate: date, publisher and quoted source by display name, the
    words (a link to the article), the range and the flag."""
    rows = []
    for i, row in enumerate(result.to_dict("records")):
        flag = (
            "disagrees"
            if row.get("disagrees")
            else f"copy of {figures.plain_text(row['duplicate_of'])}"
            if row.get("duplicate_of")
            else ""
        )
        rows.append(
            {
                "row_id": str(i),
                "date": figures.plain_text(row.get("date")),
                "publisher": figures.short_name(labels.publisher_label(row.get("publisher")), "unknown"),
                "surface": figures.short_name(row.get("surface")),
                "article_href": f"/article?doc={_quote(row.get('doc'))}",
                "illustrative": bool(row.get("illustrative")),
                "range": figures.bounds_text(row.get("low"), row.get("high")),
                "quoted": figures.short_name(labels.source_label(row.get("attributed_to")), "not stated"),
                "flag": flag,
            }
        )
    return rows


def estimates_grid(result: Any) -> dag.AgGrid:
    """Every estimate in a grid, sortable, 50 to a page (8,000 estimates stay one screen)."""
    text = {"filter": "agTextColumnFilter"}
    columns = [
        {"field": "date", "headerName": "Date", "width": 115, **text},
        {"field": "publisher", "headerName": "Publisher", "flex": 1, "minWidth": 140, **text},
        {"field": "surface", "headerName": "Words", "cellRenderer": "WordsLink", "flex": 1, "minWidth": 140, **text},
        {"field": "range", "headerName": "Range", "width": 130, "sortable": False, **text},
        {"field": "quoted", "headerName": "Quoted", "flex": 1, "minWidth": 120, **text},
        {"field": "flag", "headerName": "Flag", "width": 120, "cellClassRules": {"flag-disagrees": "x == 'disagrees'"}},
    ]
    rows = estimate_rows(result)
    return dag.AgGrid(
        id=ids.CMP_GRID,
        rowData=rows,
        columnDefs=columns,
        defaultColDef={"sortable": True, "resizable": True},
        dashGridOptions={
            "pagination": len(rows) > PAGE_SIZE,
            "paginationPageSize": PAGE_SIZE,
            "paginationPageSizeSelector": False,
            "domLayout": "autoHeight",
            "animateRows": False,
            "enableCellTextSelection": True,
        },
        getRowId="params.data.row_id",
        style={"width": "100%"},
    )


def _quote(value: Any) -> str:
    from urllib.parse import quote

    return quote(str(value or ""), safe="")


def layout(query: dict[str, Any], snap: Snapshot, db: StoreTarget) -> html.Div:
    place, category = default_pair(snap, query)
    live = snap.frame[~snap.frame["rejected"]]
    places = [str(p) for p in live["place"].value_counts().index if p]
    categories = [str(c) for c in live["category"].value_counts().index]
    figure, written = compare_outputs(snap, db, place, category, *components.controls_args(query))
    return html.Div(
        [
            html.H1("Compare estimates"),
            components.filter_bar(query, snap),
            html.Div(
                [
                    html.Div(
                        [
                            html.Label("Place", htmlFor=ids.CMP_PLACE),
                            dcc.Dropdown(
                                id=ids.CMP_PLACE,
                                options=components.name_options(places),
                                value=name_key(place) if place else place,
                                clearable=False,
                                style={"minWidth": "260px"},
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            dcc.Checklist(
                                id=ids.CMP_SUBPLACES,
                                options=[
                                    {
                                        "label": " include its parts (old city, camps; a country's places)",
                                        "value": "parts",
                                    }
                                ],
                                value=[],
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            html.Label("Category", htmlFor=ids.CMP_CATEGORY),
                            dcc.Dropdown(
                                id=ids.CMP_CATEGORY,
                                options=[{"label": components.category_label(c), "value": c} for c in categories],
                                value=category,
                                clearable=False,
                                style={"minWidth": "220px"},
                            ),
                        ]
                    ),
                ],
                className="row",
            ),
            html.P(
                "Each point is one article's estimate at its publication date; the bar is its "
                "low–high range (◆ a vague word, ▲ “at least”, ▼ “up to”, hollow = a syndicated "
                "copy). The green band is where most estimates overlap; red rings mark "
                "estimates that overlap no other.",
                className="note",
            ),
            dcc.Graph(id=ids.CMP_GRAPH, figure=figure, config={"displaylogo": False}),
            html.Div(written, id=ids.CMP_SUMMARY),
        ]
    )
