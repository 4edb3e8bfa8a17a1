"""Compare page: wiring only; the content is built in ``dashboard.views.compare``."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, html

from dashboard import components, context, ids
from dashboard.views import compare

dash.register_page(__name__, path="/compare", name="Compare", title="Compare · impact", order=2)


def layout(**query: Any) -> html.Div:
    return compare.layout(query, context.snapshot(), context.db_path())


@callback(
    Output(ids.CMP_GRAPH, "figure"),
    Output(ids.CMP_SUMMARY, "children"),
    Input(ids.CMP_PLACE, "value"),
    Input(ids.CMP_CATEGORY, "value"),
    Input(ids.CMP_SUBPLACES, "value"),
    *components.filter_inputs(),
    prevent_initial_call=True,
)
def update_compare(place: str | None, category: str | None, parts: Any, *controls: Any) -> tuple[Any, ...]:
    return compare.compare_outputs(
        context.snapshot(), context.db_path(), place, category, *controls, subplaces=bool(parts)
    )
