"""Review: confirm, correct or reject a figure, or every figure of a sentence or article at
once; undo the last change; start from the figures most likely to be wrong.

The store keeps the extractor's original beside every correction, and the page shows it
beside each field. What a field may hold is checked by ``impact.corrections.validate``
(one home); this module only turns what was typed into values and shows the messages.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard import components, figures, ids, labels
from dashboard.queries import StoreTarget
from dashboard.snapshot import Snapshot
from dashboard.views.table import figure_grid, grid_rows, table_outputs
from impact.corrections import CORRECTABLE, apply_effective, validate
from impact.model import CATEGORIES, KINDS, UNITS
from impact.risk import risk
from impact.store import MAX_ID, Store

ACTIONS = {
    ids.REV_CONFIRM: "confirmed",
    ids.REV_CORRECT: "corrected",
    ids.REV_REJECT: "rejected",
}
BULK_ACTIONS: dict[str, tuple[str, str]] = {  # button -> (status, scope)
    ids.REV_BULK_CONFIRM_SENTENCE: ("confirmed", "sentence"),
    ids.REV_BULK_REJECT_SENTENCE: ("rejected", "sentence"),
    ids.REV_BULK_CONFIRM_ARTICLE: ("confirmed", "article"),
    ids.REV_BULK_REJECT_ARTICLE: ("rejected", "article"),
}
# One input per correctable field, in impact.corrections.CORRECTABLE's order.
FIELD_IDS: dict[str, str] = {
    "low": ids.REV_LOW,
    "high": ids.REV_HIGH,
    "category": ids.REV_CATEGORY,
    "location": ids.REV_LOCATION,
    "unit": ids.REV_UNIT,
    "kind": ids.REV_KIND,
    "attributed_to": ids.REV_SOURCE,
    "period_start": ids.REV_PERIOD_START,
    "period_end": ids.REV_PERIOD_END,
    "as_of": ids.REV_AS_OF,
}
FIELD_LABELS: dict[str, str] = {
    "low": "Low",
    "high": "High",
    "category": "Category",
    "location": "Place",
    "unit": "Unit",
    "kind": "Kind of count",
    "attributed_to": "Who gave the figure",
    "period_start": "Period from",
    "period_end": "Period to",
    "as_of": "Holds as of",
}
DATE_FIELDS = ("period_start", "period_end", "as_of")
QUEUE_SIZE = 20
HISTORY_SIZE = 6
# The State order of the single-figure action: the figure, every field, the note.
ACT_STATES: tuple[str, ...] = (ids.REV_CURRENT, *FIELD_IDS.values(), ids.REV_NOTE)

_SEPARATORS = str.maketrans("", "", ",_ \u00a0\u202f\u2009'")
_MINUS = ("-", "\u2212", "\u2013")


def parse_bound(value: Any, name: str) -> int | None:
    """A bound as typed or sent: empty is None (keep the extractor's), else a whole number
    (thousands separators allowed) for ``validate`` to check; anything else is a ValueError
    whose message says what to type."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise ValueError(f"{name} must be a whole number")
        return int(value)
    if isinstance(value, str):
        text = value.strip().translate(_SEPARATORS)
        if not text:
            return None
        negative = text.startswith(_MINUS)
        digits = text[1:] if negative else text
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 40:
            raise ValueError(f"{name} must be a whole number, like 1200 (got {value[:20]!r})")
        return -int(digits) if negative else int(digits)
    raise ValueError(f"{name} must be a whole number")


def read_corrections(raw: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The corrections typed in the form, checked by ``impact.corrections.validate``:
    (values by field, error message by field). Blank fields are None."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in CORRECTABLE:
        value = raw.get(name)
        try:
            if name in ("low", "high"):
                value = parse_bound(value, FIELD_LABELS[name])
            elif isinstance(value, str):
                value = value.strip() or None
            values[name] = validate(name, value)
        except ValueError as error:
            errors[name] = str(error.args[0] if error.args else error)
    return values, errors


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


def figure_rows(db: StoreTarget, figure_ids: list[int]) -> pd.DataFrame:
    """The figures with these ids, effective values in their own columns and the
    extractor's in ``original_*``."""
    with Store(db) as store:
        return apply_effective(store.figures_by_id(figure_ids))


def changed(grid: bool) -> dict[str, Any]:
    """The marker a write leaves for the queue and history to refresh (and the grid, when
    ``grid``: a bulk action or an undo may change rows the grid shows); new every time."""
    return {"grid": grid, "at": time.monotonic_ns()}


# -- the editor ----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value


def shown(name: str, value: Any) -> str:
    """A field's value as the page shows it."""
    value = _plain(value)
    if value is None or value == "":
        return "none"
    if name in ("low", "high"):
        return f"{int(value):,}"
    if name == "category":
        return labels.category_label(value)
    if name == "unit":
        return labels.unit_label(value)
    if name == "kind":
        return labels.kind_label(value)
    return str(value)


def _input_value(name: str, value: Any) -> Any:
    value = _plain(value)
    if name in ("low", "high") and value is not None:
        return int(value)
    return value


EMPTY_EDITOR: tuple[Any, ...] = (
    *([None] * len(CORRECTABLE)),
    *([""] * len(CORRECTABLE)),
    *([None] * len(CORRECTABLE)),
    None,
    None,
)


def editor_outputs(selected: list[dict[str, Any]] | None, db: StoreTarget) -> tuple[Any, ...]:
    """Fill the editor from the selected grid row: the description, each field's value, the
    extractor's original beside it, no error, the note and the figure id."""
    first = selected[0] if selected and isinstance(selected[0], dict) else {}
    figure_id = figure_id_or_none(first.get("id"))
    if figure_id is None:
        return ("Select a figure in the table, or one from the queue above, to review it.", *EMPTY_EDITOR)
    rows = figure_rows(db, [figure_id])
    if rows.empty:
        return ("That figure is no longer in the store.", *EMPTY_EDITOR)
    row = rows.iloc[0].to_dict()
    status = _plain(row.get("review_status"))
    description = [
        html.Div(
            [
                html.Strong(str(row.get("surface") or "")),
                " ",
                components.name_span(row.get("counted")),
                " — ",
                components.name_span(labels.publisher_label(row.get("publisher")), "unknown"),
                f", {_plain(row.get('date')) or 'no date'}",
                " · ",
                dcc.Link("article", href=f"/article?doc={row.get('doc')}"),
            ]
        ),
        html.Div(str(row.get("sentence") or ""), className="note"),
        html.Div(f"Review: {status}." if status else "Not reviewed yet.", className="note"),
    ]
    values = [_input_value(name, row.get(name)) for name in CORRECTABLE]
    originals = [f"Extractor: {shown(name, row.get(f'original_{name}'))}" for name in CORRECTABLE]
    return (
        description,
        *values,
        *originals,
        *([None] * len(CORRECTABLE)),
        _plain(row.get("note")),
        figure_id,
    )


def review_action(
    db: StoreTarget,
    trigger: str | None,
    figure_id: Any,
    raw: Mapping[str, Any],
    note: Any,
) -> tuple[Any, dict[str, Any] | None, list[str | None], Any]:
    """Record the verdict on one figure: (status line, grid row transaction, an error per
    field, the change marker for the queue and history)."""
    no_errors: list[str | None] = [None] * len(CORRECTABLE)
    status = ACTIONS.get(str(trigger))
    if status is None:
        return None, None, no_errors, None
    figure_id = figure_id_or_none(figure_id)
    if figure_id is None:
        return html.Div("Select a figure first.", className="status error"), None, no_errors, None
    kwargs: dict[str, Any] = {"note": note if isinstance(note, str) and note.strip() else None}
    if status == "corrected":
        values, errors = read_corrections(raw)
        if errors:
            message = "; ".join(f"{FIELD_LABELS[n]}: {errors[n]}" for n in CORRECTABLE if n in errors)
            return (
                html.Div(f"Not saved: {message}", className="status error"),
                None,
                [errors.get(name) for name in CORRECTABLE],
                None,
            )
        kwargs.update(_changed_only(db, figure_id, values))
    try:
        with Store(db) as store:
            store.review(figure_id, status, **kwargs)
    except (ValueError, KeyError) as error:
        message = error.args[0] if error.args else str(error)
        return html.Div(f"Not saved: {message}", className="status error"), None, no_errors, None
    rows = figure_rows(db, [figure_id])
    words = {"confirmed": "Confirmed", "corrected": "Corrected", "rejected": "Rejected"}[status]
    message = f"{words} figure {figure_id}."
    if status == "corrected":
        message += " The original is kept; charts and exports now use the correction."
    if status == "rejected":
        message += " It is left out of charts and exports."
    return html.Div(message, className="status ok"), {"update": grid_rows(rows)}, no_errors, changed(False)


def _changed_only(db: StoreTarget, figure_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """The corrections that differ from the extractor's values (the form shows every field;
    a field left as the extractor read it is not a correction). Bounds go as typed."""
    rows = figure_rows(db, [figure_id])
    if rows.empty:
        return values
    row = rows.iloc[0].to_dict()
    return {
        name: value
        if name in ("low", "high") or value is None or value != _plain(row.get(f"original_{name}"))
        else None
        for name, value in values.items()
    }


# -- bulk actions ----------------------------------------------------------------------------


def bulk_question(db: StoreTarget, trigger: str | None, figure_id: Any) -> tuple[str, bool, Any, Any]:
    """Ask before a bulk action: (dialog message, show the dialog, the pending action, status)."""
    action = BULK_ACTIONS.get(str(trigger))
    figure_id = figure_id_or_none(figure_id)
    if action is None:
        return "", False, None, None
    if figure_id is None:
        return "", False, None, html.Div("Select a figure first.", className="status error")
    status, scope = action
    with Store(db) as store:
        near = store.figures_near(figure_id, scope)
    if not near:
        return "", False, None, html.Div("That figure is no longer in the store.", className="status error")
    verb = "Confirm" if status == "confirmed" else "Reject"
    count = len(near)
    message = (
        f"{verb} all {count} figure{'s' if count != 1 else ''} of this {scope}? "
        "Reviews already made on them are replaced. Undo last change reverts it."
    )
    rows = figure_rows(db, [figure_id])
    doc = str(rows.iloc[0]["doc"]) if not rows.empty else ""
    sentence = figures.short_name(rows.iloc[0]["sentence"], "", 60) if not rows.empty else ""
    pending = {"status": status, "scope": scope, "ids": near, "doc": doc, "sentence": sentence}
    return message, True, pending, None


def bulk_action(db: StoreTarget, pending: Any) -> tuple[Any, Any]:
    """Carry out the confirmed bulk action: (status line, change marker)."""
    if not isinstance(pending, dict) or pending.get("status") not in ("confirmed", "rejected"):
        return None, None
    try:
        figure_ids = [int(i) for i in pending.get("ids") or []]
        scope = "sentence" if pending.get("scope") == "sentence" else "article"
        what = f"article {pending.get('doc')}"
        if scope == "sentence":
            what = f"the sentence “{pending.get('sentence')}” in {what}"
        with Store(db) as store:
            count = store.review_many(figure_ids, str(pending["status"]), what=what)
    except (TypeError, ValueError) as error:
        return html.Div(f"Not saved: {error}", className="status error"), None
    verb = "Confirmed" if pending["status"] == "confirmed" else "Rejected"
    message = f"{verb} {count} figure{'s' if count != 1 else ''} of the {scope}. Undo last change reverts it."
    return html.Div(message, className="status ok"), changed(True)


# -- undo and history --------------------------------------------------------------------


def undo_action(db: StoreTarget) -> tuple[Any, Any]:
    with Store(db) as store:
        done = store.undo()
    if done is None:
        return html.Div("Nothing to undo.", className="status"), None
    return html.Div(done.message, className="status ok"), changed(True)


def history_view(db: StoreTarget, limit: int = HISTORY_SIZE) -> tuple[Any, bool]:
    """The latest review actions in plain words, and whether Undo is disabled."""
    with Store(db) as store:
        history = store.review_history(limit)
        can_undo = store.can_undo()
    if not history:
        return html.P("No review changes yet.", className="note"), True
    items = [
        html.Li(
            [
                html.Span(h["when"].replace("T", " ")[:16], className="note"),
                " ",
                _long_text(h["summary"], 200),
                html.Span(" (undone)", className="note") if h["undone"] else None,
            ]
        )
        for h in history
    ]
    return html.Ul(items, className="review-history"), not can_undo


def _long_text(value: Any, limit: int) -> Any:
    """Text cut to ``limit`` characters, the whole of it on hover when cut."""
    shown, whole = figures.short_name(value, "", limit), figures.plain_text(value, "")
    return shown if shown == whole else html.Span(shown, title=whole)


def _reasons(reasons: list[str]) -> Any:
    return html.Ul([html.Li(_long_text(why, 160)) for why in reasons])


# -- the risk queue ------------------------------------------------------------------------


def queue_view(db: StoreTarget, limit: int = QUEUE_SIZE) -> Any:
    """The unreviewed figures most likely to be wrong, riskiest first, each with its reasons."""
    with Store(db) as store:
        frame = store.risk_figures()
    queue = risk(frame)
    if queue.empty:
        return html.P("Every figure has been reviewed.", className="note")
    sentences = dict(zip(frame["id"], frame["sentence"], strict=True))
    flagged = queue[queue["score"] > 0]
    if flagged.empty:
        return html.P(
            f"{len(queue):,} figure{'s' if len(queue) != 1 else ''} not reviewed yet; none shows a sign"
            " that the extractor guessed (review them from the table below).",
            className="note",
        )
    top = flagged.head(limit)
    header = html.Tr([html.Th(h) for h in ("Risk", "Figure", "Article", "Why", "")])
    body = [
        html.Tr(
            [
                html.Td(str(int(r["score"]))),
                html.Td(
                    [
                        html.Strong(_long_text(r["surface"], 80)),
                        html.Div(_long_text(sentences.get(r["id"]), 160), className="note"),
                    ]
                ),
                html.Td(components.name_span(r["doc"])),
                html.Td(_reasons(r["reasons"])),
                html.Td(dcc.Link("Review", href=f"/review?figure={int(r['id'])}")),
            ]
        )
        for r in top.to_dict("records")
    ]
    caption = (
        f"{len(queue):,} figure{'s' if len(queue) != 1 else ''} not reviewed yet, {len(flagged):,} with a sign"
        f" that the extractor guessed; the {len(top)} most likely to be wrong first."
    )
    return [
        html.P(caption, className="note"),
        html.Table([html.Thead(header), html.Tbody(body)], className="plain-table review-queue"),
    ]


# -- the page --------------------------------------------------------------------------------


def _field(name: str, value: Any, original: str) -> html.Div:
    field_id = FIELD_IDS[name]
    control: Any
    if name in ("category", "unit", "kind"):
        choices = {"category": CATEGORIES, "unit": UNITS, "kind": KINDS}[name]
        label = {"category": labels.category_label, "unit": labels.unit_label, "kind": labels.kind_explained}[name]
        control = dcc.Dropdown(
            id=field_id,
            options=[{"label": label(c), "value": c} for c in choices],
            value=value,
            style={"minWidth": "300px" if name == "kind" else "180px"},
        )
    elif name in ("low", "high"):
        control = dcc.Input(id=field_id, type="text", inputMode="numeric", value=value)
    else:
        placeholder = "YYYY-MM-DD" if name in DATE_FIELDS else None
        control = dcc.Input(id=field_id, type="text", value=value, placeholder=placeholder)
    return html.Div(
        [
            html.Label(FIELD_LABELS[name], htmlFor=field_id),
            control,
            html.Div(original, id=f"{field_id}-original", className="note"),
            html.Div(id=f"{field_id}-error", className="field-error"),
        ],
        className="review-field",
    )


def layout(query: dict[str, Any], snap: Snapshot, db: StoreTarget) -> html.Div:
    row_data, caption = table_outputs(snap, db, *components.controls_args(query))
    wanted = figure_id_or_none(query.get("figure"))
    selected: list[dict[str, Any]] = []
    if wanted is not None:
        selected = grid_rows(figure_rows(db, [wanted]))
        row_data = selected + [r for r in row_data if r["id"] != wanted]
    editor = editor_outputs(selected, db)
    description = editor[0]
    count = len(CORRECTABLE)
    values, originals = editor[1 : 1 + count], editor[1 + count : 1 + 2 * count]
    note, figure_id = editor[-2], editor[-1]
    history, undo_disabled = history_view(db)
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
            html.H2("Needs review"),
            html.Div(queue_view(db), id=ids.REV_QUEUE),
            html.H2("All figures"),
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
                    html.Div(description, id=ids.REV_CURRENT + "-text"),
                    html.Div(
                        [_field(name, values[i], originals[i]) for i, name in enumerate(CORRECTABLE)]
                        + [
                            html.Div(
                                [
                                    html.Label("Note", htmlFor=ids.REV_NOTE),
                                    dcc.Input(id=ids.REV_NOTE, type="text", value=note),
                                ],
                                className="review-field",
                            )
                        ],
                        className="row review-fields",
                    ),
                    html.Div(
                        [
                            html.Button("Confirm", id=ids.REV_CONFIRM, className="primary"),
                            html.Button("Save correction", id=ids.REV_CORRECT),
                            html.Button("Reject", id=ids.REV_REJECT),
                        ],
                        className="row",
                    ),
                    html.Div(
                        [
                            html.Span("All figures of this: ", className="note"),
                            html.Button("Confirm sentence", id=ids.REV_BULK_CONFIRM_SENTENCE),
                            html.Button("Reject sentence", id=ids.REV_BULK_REJECT_SENTENCE),
                            html.Button("Confirm article", id=ids.REV_BULK_CONFIRM_ARTICLE),
                            html.Button("Reject article", id=ids.REV_BULK_REJECT_ARTICLE),
                        ],
                        className="row",
                    ),
                    html.Div(id=ids.REV_STATUS),
                    dcc.Store(id=ids.REV_CURRENT, data=figure_id),
                    dcc.Store(id=ids.REV_BULK_PENDING),
                    dcc.Store(id=ids.REV_CHANGED),
                    dcc.ConfirmDialog(id=ids.REV_BULK_DIALOG),
                ],
                className="review-editor",
            ),
            html.H2("Recent changes"),
            html.Button("Undo last change", id=ids.REV_UNDO, disabled=undo_disabled),
            html.Div(history, id=ids.REV_HISTORY),
        ]
    )
