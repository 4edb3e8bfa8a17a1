"""Map: places on a world map sized by the largest best estimate, drawn offline."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from dashboard import aggregate, components, figures, ids, queries
from dashboard.queries import StoreTarget
from dashboard.snapshot import Snapshot
from dashboard.urlstate import filters_from_controls


def map_outputs(snap: Snapshot, db: StoreTarget, *controls: Any) -> tuple[go.Figure, str]:
    """The map and a caption saying how many figures could not be placed."""
    selection = snap.select(filters_from_controls(*controls))
    points = aggregate.map_points(selection)
    with queries.connect(db) as conn:
        rows = queries.rows_by_id(conn, [int(i) for i in points["id"]])
    if len(rows):
        rows = rows.merge(points[["id", "n"]], on="id", how="left")
    placed = int(points["n"].sum()) if len(points) else 0
    unplaced = len(selection) - placed
    note = (
        f"{placed:,} figures at {len(points):,} places on the map"
        + (f"; {unplaced:,} figures have no coordinates and are not shown" if unplaced else "")
        + ". Circle size: the largest best estimate reported there; hover for its exact words."
    )
    return figures.map_figure(rows), note


def layout(query: dict[str, Any], snap: Snapshot, db: StoreTarget, topojson_url: str) -> html.Div:
    figure, note = map_outputs(snap, db, *components.controls_args(query))
    return html.Div(
        [
            html.H1("Map"),
            components.filter_bar(query, snap),
            html.P(note, id=ids.MAP_NOTE, className="note"),
            dcc.Graph(
                id=ids.MAP_GRAPH,
                figure=figure,
                # plotly.js fetches <topojsonURL>world_110m.json: serve it from assets.
                config={"topojsonURL": topojson_url, "displaylogo": False},
            ),
        ]
    )
