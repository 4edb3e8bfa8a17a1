"""Article page (``/article?doc=<id>``): wiring only; see ``dashboard.views.article``."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, html

from dashboard import context, ids
from dashboard.views import article

dash.register_page(__name__, path="/article", name="Article", title="Article · impact", order=9)


def layout(**query: Any) -> html.Div:
    return article.layout(query, context.db_path())


@callback(
    Output(ids.ART_STATUS, "children"),
    Output(ids.ART_BODY, "children"),
    Output(ids.ART_DATE, "value"),
    Input(ids.ART_SAVE, "n_clicks"),
    State(ids.ART_DOC, "data"),
    *(State(input_id, "value") for input_id, _ in article.METADATA_FIELDS.values()),
    prevent_initial_call=True,
)
def save(_: Any, doc: Any, *values: Any) -> tuple[Any, ...]:
    return article.save_metadata(context.db_path(), doc, *values)
