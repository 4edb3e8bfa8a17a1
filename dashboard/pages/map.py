"""Map page: wiring only; the content is built in ``dashboard.views.map``."""

from __future__ import annotations

from typing import Any

import dash
from dash import Output, callback, html

from dashboard import components, context, ids
from dashboard.views import map as map_view

dash.register_page(__name__, path="/map", name="Map", title="Map · impact", order=1)


def layout(**query: Any) -> html.Div:
    return map_view.layout(query, context.snapshot(), context.db_path(), dash.get_asset_url("topojson/"))


@callback(
    Output(ids.MAP_GRAPH, "figure"),
    Output(ids.MAP_NOTE, "children"),
    *components.filter_inputs(),
    prevent_initial_call=True,
)
def update_map(*controls: Any) -> tuple[Any, ...]:
    return map_view.map_outputs(context.snapshot(), context.db_path(), *controls)
