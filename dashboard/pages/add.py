"""Add-an-article page: wiring only; see ``dashboard.views.add``."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, html

from dashboard import context, ids
from dashboard.views import add

dash.register_page(__name__, path="/add", name="Add an article", title="Add · impact", order=5)


def layout(**_query: Any) -> html.Div:
    return add.layout()


@callback(
    Output(ids.ADD_TEXT, "value"),
    Output(ids.ADD_TITLE, "value"),
    Output(ids.ADD_PUBLISHER, "value"),
    Output(ids.ADD_DATE, "value"),
    Output(ids.ADD_URL, "value"),
    Output(ids.ADD_STATUS, "children"),
    Input(ids.ADD_UPLOAD, "contents"),
    State(ids.ADD_UPLOAD, "filename"),
    prevent_initial_call=True,
)
def uploaded(contents: str | None, filename: str | None) -> tuple[Any, ...]:
    return add.upload_outputs(contents, filename)


@callback(
    Output(ids.ADD_PREVIEW, "children"),
    Output(ids.ADD_PENDING, "data"),
    Output(ids.ADD_STATUS, "children", allow_duplicate=True),
    Input(ids.ADD_EXTRACT, "n_clicks"),
    State(ids.ADD_TEXT, "value"),
    State(ids.ADD_TITLE, "value"),
    State(ids.ADD_PUBLISHER, "value"),
    State(ids.ADD_DATE, "value"),
    State(ids.ADD_URL, "value"),
    prevent_initial_call=True,
)
def find_figures(_clicks: Any, text: str | None, *meta: str | None) -> tuple[Any, ...]:
    return add.extract_outputs(text, *meta)


@callback(
    Output(ids.ADD_SAVE_STATUS, "children"),
    Input(ids.ADD_SAVE, "n_clicks"),
    State(ids.ADD_PENDING, "data"),
    prevent_initial_call=True,
)
def save(_clicks: Any, pending: dict[str, Any] | None) -> Any:
    return add.save_outputs(context.db_path(), pending)
