"""Review page: wiring only; see ``dashboard.views.review``."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, ctx, html

from dashboard import components, context, ids
from dashboard.views import review, table

dash.register_page(__name__, path="/review", name="Review", title="Review · impact", order=4)


def layout(**query: Any) -> html.Div:
    return review.layout(query, context.snapshot(), context.db_path())


@callback(
    Output(ids.REV_GRID, "rowData"),
    Output(ids.REV_COUNT, "children"),
    *components.filter_inputs(),
    prevent_initial_call=True,
)
def update_review_grid(*controls: Any) -> tuple[Any, ...]:
    return table.table_outputs(context.snapshot(), context.db_path(), *controls)


@callback(
    Output(ids.REV_SELECTED + "-text", "children"),
    Output(ids.REV_LOW, "value"),
    Output(ids.REV_HIGH, "value"),
    Output(ids.REV_CATEGORY, "value"),
    Output(ids.REV_LOCATION, "value"),
    Output(ids.REV_NOTE, "value"),
    Output(ids.REV_SELECTED, "data"),
    Input(ids.REV_GRID, "selectedRows"),
    prevent_initial_call=True,
)
def select_figure(selected: list[dict[str, Any]] | None) -> tuple[Any, ...]:
    return review.editor_outputs(selected, context.db_path())


@callback(
    Output(ids.REV_STATUS, "children"),
    Output(ids.REV_GRID, "rowTransaction"),
    Input(ids.REV_CONFIRM, "n_clicks"),
    Input(ids.REV_CORRECT, "n_clicks"),
    Input(ids.REV_REJECT, "n_clicks"),
    State(ids.REV_SELECTED, "data"),
    State(ids.REV_LOW, "value"),
    State(ids.REV_HIGH, "value"),
    State(ids.REV_CATEGORY, "value"),
    State(ids.REV_LOCATION, "value"),
    State(ids.REV_NOTE, "value"),
    prevent_initial_call=True,
)
def act(*args: Any) -> tuple[Any, ...]:
    figure_id, low, high, category, location, note = args[3:]
    return review.review_action(context.db_path(), ctx.triggered_id, figure_id, low, high, category, location, note)
