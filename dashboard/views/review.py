"""Review: confirm, correct or reject a figure. The store keeps the extractor's original
beside the correction; charts and exports use the corrected values."""

from __future__ import annotations

import math
from typing import Any

from dash import dcc, html

from dashboard import components, figures, ids, labels, queries
from dashboard.queries import StoreTarget
from dashboard.snapshot import Snapshot
from dashboard.views.table import figure_grid, grid_rows, table_outputs
from impact.corrections import MAX_BOUND
from impact.model import CATEGORIES
from impact.store import MAX_ID, Store

ACTIONS = {
    ids.REV_CONFIRM: "confirmed",
    ids.REV_CORRECT: "corrected",
    ids.REV_REJECT: "rejected",
}


_SEPARATORS = str.maketrans("", "", ",_ \u00a0\u202f\u2009'")
_MINUS = ("-", "\u2212", "\u2013")


def parse_bound(value: Any, name: str) -> int | None:
    """A bound as typed or sent: empty is None (keep the extractor's), else a whole number
    from 0 to ``MAX_BOUND`` (thousands separators allowed); anything else is a ValueError
    whose message says what to type."""
    if value is None:
        return None
    number: int
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a whole number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise ValueError(f"{name} must be a whole number")
        if abs(value) > MAX_BOUND:
            raise ValueError(f"{name} is too large (at most {MAX_BOUND:,})")
        number = int(value)
    elif isinstance(value, str):
        text = value.strip().translate(_SEPARATORS)
        if not text:
            return None
        negative = text.startswith(_MINUS)
        digits = text[1:] if negative else text
        if not (digits.isascii() and digits.isdigit()):
            raise ValueError(f"{name} must be a whole number, like 1200 (got {value[:20]!r})")
        if len(digits.lstrip("0")) > len(str(MAX_BOUND)):
            raise ValueError(f"{name} is too large (at most {MAX_BOUND:,})")
        number = -int(digits) if negative else int(digits)
    else:
        raise ValueError(f"{name} must be a whole number")
    if number < 0:
        raise ValueError(f"{name} must be 0 or more")
    if number > MAX_BOUND:
        raise ValueError(f"{name} is too large (at most {MAX_BOUND:,})")
    return number


def figure_id_or_none(value: Any) -> int | None:
    """A figure id from a URL or a browser's store: a positive whole number that fits the
    database, else None (``1e400``, ``inf``, 20 digits, text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= MAX_ID else None
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID)):
            number = int(text)
            return number if 0 < number <= MAX_ID else None
    return None


def editor_outputs(selected: list[dict[str, Any]] | None, db: StoreTarget) -> tuple[Any, ...]:
    """Fill the editor from the selected grid row: description, low, high, category,
    place, note, the figure id."""
    first = selected[0] if selected and isinstance(selected[0], dict) else {}
    figure_id = figure_id_or_none(first.get("id"))
    if figure_id is None:
        return ("Select a figure in the table to review it.", None, None, None, None, None, None)
    with queries.connect(db) as conn:
        rows = queries.rows_by_id(conn, [figure_id])
    if rows.empty:
        return ("That figure is no longer in the store.", None, None, None, None, None, None)
    row = rows.iloc[0].to_dict()
    original = figures.bounds_text(row.get("original_low"), row.get("original_high"))
    description = [
        html.Div(
            [
                html.Strong(str(row.get("surface") or "")),
                " ",
                components.name_span(row.get("counted")),
                " — ",
                components.name_span(labels.publisher_label(row.get("publisher")), "unknown"),
                f", {row.get('date') or 'no date'}",
            ]
        ),
        html.Div(str(row.get("sentence") or ""), className="note"),
        html.Div(
            [
                f"Extractor read: {original}, {labels.category_label(row.get('original_category'))}, ",
                components.name_span(row.get("original_location") or None, "no place"),
                f". Review: {row['review_status']}" if row.get("review_status") else ".",
            ],
            className="note",
        ),
    ]
    return (
        description,
        _plain(row.get("low")),
        _plain(row.get("high")),
        row.get("category"),
        row.get("location"),
        row.get("note"),
        figure_id,
    )


def _plain(value: Any) -> Any:
    try:
        return None if value is None or value != value else int(value)
    except (TypeError, ValueError):
        return None


def review_action(
    db: StoreTarget,
    trigger: str | None,
    figure_id: int | None,
    low: Any,
    high: Any,
    category: str | None,
    location: str | None,
    note: str | None,
) -> tuple[Any, dict[str, Any] | None]:
    """Record the verdict; returns (status line, grid row transaction)."""
    status = ACTIONS.get(str(trigger))
    if status is None:
        return None, None
    figure_id = figure_id_or_none(figure_id)
    if figure_id is None:
        return html.Div("Select a figure first.", className="status error"), None
    kwargs: dict[str, Any] = {"note": note if isinstance(note, str) and note else None}
    try:
        if status == "corrected":
            kwargs.update(
                low=parse_bound(low, "Low"),
                high=parse_bound(high, "High"),
                category=category or None,
                location=(location if isinstance(location, str) else "").strip() or None,
            )
        with Store(db) as store:
            store.review(figure_id, status, **kwargs)
    except (ValueError, KeyError) as error:
        message = error.args[0] if error.args else str(error)
        return html.Div(f"Not saved: {message}", className="status error"), None
    with queries.connect(db) as conn:
        rows = queries.rows_by_id(conn, [int(figure_id)])
    words = {"confirmed": "Confirmed", "corrected": "Corrected", "rejected": "Rejected"}[status]
    message = f"{words} figure {figure_id}."
    if status == "corrected":
        message += " The original is kept; charts and exports now use the correction."
    if status == "rejected":
        message += " It is left out of charts and exports."
    return html.Div(message, className="status ok"), {"update": grid_rows(rows)}


def layout(query: dict[str, Any], snap: Snapshot, db: StoreTarget) -> html.Div:
    row_data, caption = table_outputs(snap, db, *components.controls_args(query))
    wanted = figure_id_or_none(query.get("figure"))
    selected: list[dict[str, Any]] = []
    if wanted is not None:
        with queries.connect(db) as conn:
            rows = grid_rows(queries.rows_by_id(conn, [wanted]))
        selected = rows
        row_data = rows + [r for r in row_data if r["id"] != wanted]
    description, low, high, category, location, note, figure_id = editor_outputs(selected, db)
    grid = figure_grid(
        ids.REV_GRID,
        row_data,
        dashGridOptions={
            "rowSelection": {"mode": "singleRow", "enableClickSelection": True},
            "paginationPageSize": 10,
            "paginationPageSizeSelector": [10, 20, 50],
        },
        selectedRows=selected,
    )
    grid.style = {"height": "460px", "width": "100%"}
    return html.Div(
        [
            html.H1("Review figures"),
            components.filter_bar(query, snap),
            html.P(
                [
                    html.Span(caption, id=ids.REV_COUNT),
                    " Click a row, then confirm it, correct it or reject it. The extractor's "
                    "values are kept beside every correction.",
                ],
                className="note",
            ),
            grid,
            html.Div(
                [
                    html.Div(description, id=ids.REV_SELECTED + "-text"),
                    html.Div(
                        [
                            html.Div(
                                [
                                    html.Label("Low", htmlFor=ids.REV_LOW),
                                    dcc.Input(id=ids.REV_LOW, type="text", inputMode="numeric", value=low),
                                ]
                            ),
                            html.Div(
                                [
                                    html.Label("High", htmlFor=ids.REV_HIGH),
                                    dcc.Input(id=ids.REV_HIGH, type="text", inputMode="numeric", value=high),
                                ]
                            ),
                            html.Div(
                                [
                                    html.Label("Category", htmlFor=ids.REV_CATEGORY),
                                    dcc.Dropdown(
                                        id=ids.REV_CATEGORY,
                                        options=[
                                            {"label": components.category_label(c), "value": c} for c in CATEGORIES
                                        ],
                                        value=category,
                                        style={"minWidth": "180px"},
                                    ),
                                ]
                            ),
                            html.Div(
                                [
                                    html.Label("Place", htmlFor=ids.REV_LOCATION),
                                    dcc.Input(id=ids.REV_LOCATION, type="text", value=location),
                                ]
                            ),
                            html.Div(
                                [
                                    html.Label("Note", htmlFor=ids.REV_NOTE),
                                    dcc.Input(id=ids.REV_NOTE, type="text", value=note),
                                ]
                            ),
                        ],
                        className="row",
                    ),
                    html.Div(
                        [
                            html.Button("Confirm", id=ids.REV_CONFIRM, className="primary"),
                            html.Button("Save correction", id=ids.REV_CORRECT),
                            html.Button("Reject", id=ids.REV_REJECT),
                        ],
                        className="row",
                    ),
                    html.Div(id=ids.REV_STATUS),
                    dcc.Store(id=ids.REV_SELECTED, data=figure_id),
                ],
                className="review-editor",
            ),
        ]
    )
