"""Table page: wiring only; the content is built in ``dashboard.views.table``."""

from __future__ import annotations

from typing import Any

import dash
from dash import ClientsideFunction, Input, Output, State, callback, ctx, html

from dashboard import components, context, ids
from dashboard.views import table

dash.register_page(__name__, path="/table", name="Table", title="Table · impact", order=3)


def layout(**query: Any) -> html.Div:
    return table.layout(query, context.snapshot(), context.db_path())


@callback(
    Output(ids.TABLE_GRID, "rowData"),
    Output(ids.TABLE_COUNT, "children"),
    *components.filter_inputs(),
    prevent_initial_call=True,
)
def update_table(*controls: Any) -> tuple[Any, ...]:
    return table.table_outputs(context.snapshot(), context.db_path(), *controls)


@callback(
    Output(ids.TABLE_DOWNLOAD, "data"),
    Input(ids.TABLE_EXPORT_CSV, "n_clicks"),
    Input(ids.TABLE_EXPORT_HXL, "n_clicks"),
    State(ids.TABLE_GRID, "virtualRowData"),
    State(ids.TABLE_GRID, "rowData"),
    *components.filter_states(),
    prevent_initial_call=True,
)
def download(csv_clicks: Any, hxl_clicks: Any, virtual: Any, row_data: Any, *controls: Any) -> Any:
    return table.export_download(
        context.db_path(), csv_clicks, hxl_clicks, virtual, row_data, ctx.triggered_id, controls
    )


# Columns by width: when the page opens, the chooser ticks the columns meant for this window
# (``table.COLUMN_MIN_SCREEN``); the grid shows the ticked ones. Both run in the browser.
# (Functions in assets/impact.js, not inline: Dash hands inline browser callbacks to the
# first app built in a process only, and tests build several.)
dash.clientside_callback(
    ClientsideFunction(namespace="impact", function_name="columnsForWidth"),
    Output(ids.TABLE_COLUMNS, "value"),
    Input(ids.TABLE_COLUMN_WIDTHS, "data"),
)
dash.clientside_callback(
    ClientsideFunction(namespace="impact", function_name="showColumns"),
    Output(ids.TABLE_GRID, "columnDefs"),
    Input(ids.TABLE_COLUMNS, "value"),
    State(ids.TABLE_GRID, "columnDefs"),
)
