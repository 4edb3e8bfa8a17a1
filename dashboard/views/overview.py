"""Overview: key numbers, figures by place, by publisher, by quoted source, over time."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from dashboard import aggregate, components, figures, ids, queries
from dashboard.queries import StoreTarget
from dashboard.snapshot import Snapshot
from dashboard.urlstate import describe, filters_from_controls
from impact.names import publisher_name, source_name

_GRAPH_CONFIG: Any = {"displaylogo": False, "toImageButtonOptions": {"format": "png"}}


def overview_outputs(
    snap: Snapshot, db: StoreTarget, *controls: Any
) -> tuple[list[Any], go.Figure, go.Figure, go.Figure, go.Figure]:
    """Everything the Overview shows for the filter bar's ``controls``."""
    filters = filters_from_controls(*controls)
    selection = snap.select(filters)
    numbers = aggregate.key_numbers(selection)
    places = aggregate.top_places(selection)
    chosen = aggregate.largest_per_place(selection, places)
    with queries.connect(db) as conn:
        rows = queries.rows_by_id(conn, chosen)
    units = aggregate.units(selection)
    timeline, period = aggregate.timeline(selection)
    key_numbers = [
        components.key_number(numbers["articles"], "articles", "with matching figures"),
        components.key_number(numbers["figures"], "figures", f"{numbers['vague']:,} vague"),
        components.key_number(numbers["places"], "places"),
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
        figures.range_bars(rows, places, units),
        figures.source_bars(
            aggregate.counts_by(selection, "publisher", empty=aggregate.NO_PUBLISHER, display=publisher_name),
            "Figures by publisher",
        ),
        figures.source_bars(
            aggregate.counts_by(selection, "attributed_to", display=source_name),
            "Figures by who is quoted",
        ),
        figures.timeline_figure(timeline, period),
    )


def layout(query: dict[str, Any], snap: Snapshot, db: StoreTarget) -> html.Div:
    numbers, by_place, by_publisher, by_attribution, over_time = overview_outputs(
        snap, db, *components.controls_args(query)
    )

    def graph(id_: str, figure: go.Figure) -> dcc.Graph:
        return dcc.Graph(id=id_, figure=figure, config=_GRAPH_CONFIG)

    return html.Div(
        [
            html.H1("Overview"),
            components.filter_bar(query, snap),
            html.Div(numbers, id=ids.OV_NUMBERS, className="key-numbers"),
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
