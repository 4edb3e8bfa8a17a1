"""Review page: wiring only; see ``dashboard.views.review``."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, ctx, html

from dashboard import components, context, ids
from dashboard.views import review, table

dash.register_page(__name__, path="/review", name="Review", title="Review · impact", order=4)

_FIELDS = list(review.FIELD_IDS.values())


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
    Output(ids.REV_CURRENT + "-text", "children"),
    *(Output(field, "value") for field in _FIELDS),
    *(Output(f"{field}-original", "children") for field in _FIELDS),
    *(Output(f"{field}-error", "children") for field in _FIELDS),
    Output(ids.REV_NOTE, "value"),
    Output(ids.REV_CURRENT, "data"),
    Input(ids.REV_GRID, "selectedRows"),
    prevent_initial_call=True,
)
def select_figure(selected: list[dict[str, Any]] | None) -> tuple[Any, ...]:
    return review.editor_outputs(selected, context.db_path())


@callback(
    Output(ids.REV_STATUS, "children"),
    Output(ids.REV_GRID, "rowTransaction"),
    *(Output(f"{field}-error", "children", allow_duplicate=True) for field in _FIELDS),
    Output(ids.REV_CHANGED, "data"),
    Input(ids.REV_CONFIRM, "n_clicks"),
    Input(ids.REV_CORRECT, "n_clicks"),
    Input(ids.REV_REJECT, "n_clicks"),
    State(ids.REV_CURRENT, "data"),
    *(State(field, "value") for field in _FIELDS),
    State(ids.REV_NOTE, "value"),
    prevent_initial_call=True,
)
def act(*args: Any) -> tuple[Any, ...]:
    figure_id, *values, note = args[3:]
    raw = dict(zip(review.FIELD_IDS, values, strict=True))
    status, transaction, errors, changed = review.review_action(
        context.db_path(), ctx.triggered_id, figure_id, raw, note
    )
    return (status, transaction, *errors, changed)


@callback(
    Output(ids.REV_BULK_DIALOG, "message"),
    Output(ids.REV_BULK_DIALOG, "displayed"),
    Output(ids.REV_BULK_PENDING, "data"),
    Output(ids.REV_STATUS, "children", allow_duplicate=True),
    *(Input(button, "n_clicks") for button in review.BULK_ACTIONS),
    State(ids.REV_CURRENT, "data"),
    prevent_initial_call=True,
)
def ask_bulk(*args: Any) -> tuple[Any, ...]:
    return review.bulk_question(context.db_path(), ctx.triggered_id, args[-1])


@callback(
    Output(ids.REV_STATUS, "children", allow_duplicate=True),
    Output(ids.REV_CHANGED, "data", allow_duplicate=True),
    Input(ids.REV_BULK_DIALOG, "submit_n_clicks"),
    State(ids.REV_BULK_PENDING, "data"),
    prevent_initial_call=True,
)
def bulk(_: Any, pending: Any) -> tuple[Any, ...]:
    return review.bulk_action(context.db_path(), pending)


@callback(
    Output(ids.REV_STATUS, "children", allow_duplicate=True),
    Output(ids.REV_CHANGED, "data", allow_duplicate=True),
    Input(ids.REV_UNDO, "n_clicks"),
    prevent_initial_call=True,
)
def undo(_: Any) -> tuple[Any, ...]:
    return review.undo_action(context.db_path())


@callback(
    Output(ids.REV_QUEUE, "children"),
    Output(ids.REV_HISTORY, "children"),
    Output(ids.REV_UNDO, "disabled"),
    Output(ids.REV_GRID, "rowData", allow_duplicate=True),
    Output(ids.REV_COUNT, "children", allow_duplicate=True),
    Input(ids.REV_CHANGED, "data"),
    *components.filter_states(),
    prevent_initial_call=True,
)
def refresh(changed: Any, *controls: Any) -> tuple[Any, ...]:
    db = context.db_path()
    history, undo_disabled = review.history_view(db)
    grid: tuple[Any, Any] = (dash.no_update, dash.no_update)
    if isinstance(changed, dict) and changed.get("grid"):
        grid = table.table_outputs(context.snapshot(), db, *controls)
    return (review.queue_view(db), history, undo_disabled, *grid)
