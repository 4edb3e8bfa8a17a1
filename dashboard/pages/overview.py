"""Overview page: wiring only; the content is built in ``dashboard.views.overview``."""

from __future__ import annotations

from typing import Any

import dash
from dash import Output, callback, html

from dashboard import components, context, ids
from dashboard.views import overview

dash.register_page(__name__, path="/", name="Overview", title="Overview · impact", order=0)


def layout(**query: Any) -> html.Div:
    return overview.layout(query, context.snapshot(), context.db_path())


@callback(
    Output(ids.OV_NUMBERS, "children"),
    Output(ids.OV_BY_PLACE, "figure"),
    Output(ids.OV_BY_PUBLISHER, "figure"),
    Output(ids.OV_BY_ATTRIBUTION, "figure"),
    Output(ids.OV_OVER_TIME, "figure"),
    *components.filter_inputs(),
    prevent_initial_call=True,
)
def update_overview(*controls: Any) -> tuple[Any, ...]:
    return overview.overview_outputs(context.snapshot(), context.db_path(), *controls)


@callback(
    Output(ids.OV_GRID, "children"),
    Output(ids.OV_CHART_NOTE, "children"),
    *components.filter_inputs(),
    prevent_initial_call=True,
)
def update_answer(*controls: Any) -> tuple[Any, ...]:
    snap = context.snapshot()
    return overview.answer_outputs(snap, context.db_path(), *controls), overview.chart_note(snap, *controls)
