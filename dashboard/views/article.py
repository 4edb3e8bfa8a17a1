"""Article view: the stored text, escaped, with every figure highlighted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from dash import dcc, html, no_update

from dashboard import components, figures, ids, labels, queries
from dashboard.queries import StoreTarget
from impact.store import Store


def safe_url(url: Any) -> str | None:
    """Only http(s) links are made clickable (no ``javascript:`` from an article's metadata)."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def figure_title(row: Mapping[Any, Any]) -> str:
    """Plain-text tooltip for a highlighted figure."""
    parts = [
        f"{figures.bounds_text(row.get('low'), row.get('high'))} {figures.plain_text(row.get('unit'))}".strip(),
        labels.category_label(figures.plain_text(row.get("category"))),
        figures.short_name(row.get("location"), "place not stated", figures.HOVER_LIMIT),
        "quoted: "
        + figures.short_name(labels.source_label(row.get("attributed_to")), "not stated", figures.HOVER_LIMIT),
    ]
    if row.get("vague"):
        parts.append("vague word")
    if figures.plain_text(row.get("review_status")):
        parts.append(f"review: {row['review_status']}")
    return " · ".join(p for p in parts if p)


def mark_class(row: Mapping[Any, Any]) -> str:
    if row.get("review_status") == "rejected":
        return "figure figure-rejected"
    return "figure figure-vague" if row.get("vague") else "figure"


def highlighted(text: str, rows: pd.DataFrame | Sequence[Mapping[Any, Any]]) -> list[Any]:
    """The text as children: plain strings and ``html.Mark`` for each figure span.

    Overlapping spans keep the first; spans outside the text are skipped.
    """
    records: list[Mapping[Any, Any]] = list(rows.to_dict("records")) if isinstance(rows, pd.DataFrame) else list(rows)
    children: list[Any] = []
    cursor = 0
    for row in sorted(records, key=lambda r: (int(r["start"]), -int(r["end"]))):
        start, end = int(row["start"]), int(row["end"])
        if start < cursor or end > len(text) or start >= end:
            continue
        if start > cursor:
            children.append(text[cursor:start])
        children.append(html.Mark(text[start:end], title=figure_title(row), className=mark_class(row)))
        cursor = end
    children.append(text[cursor:])
    return children


def figure_list(rows: pd.DataFrame) -> html.Table:
    header = html.Tr([html.Th(h) for h in ("Words", "Range", "Unit", "Category", "Place", "Quoted", "Review")])
    body = [
        html.Tr(
            [
                html.Td(figures.plain_text(r.get("surface"))),
                html.Td(figures.bounds_text(r.get("low"), r.get("high"))),
                html.Td(figures.plain_text(r.get("unit"))),
                html.Td(components.category_label(figures.plain_text(r.get("category")))),
                html.Td(components.name_span(r.get("location"))),
                html.Td(components.name_span(labels.source_label(r.get("attributed_to")))),
                html.Td(
                    dcc.Link(
                        figures.plain_text(r.get("review_status"), "review"),
                        href=f"/review?figure={r['id']}",
                    )
                ),
            ]
        )
        for r in rows.to_dict("records")
    ]
    return html.Table([html.Thead(header), html.Tbody(body)], className="plain-table")


def _read(db: StoreTarget, doc: str) -> tuple[dict[str, Any] | None, pd.DataFrame | None]:
    with queries.connect(db) as conn:
        record = queries.article(conn, doc) if doc else None
        rows = queries.article_figures(conn, record["id"]) if record else None
    return record, rows


def article_body(record: Mapping[str, Any], rows: pd.DataFrame) -> list[Any]:
    """The article's heading, metadata line, highlighted text and figure list."""
    url = safe_url(record.get("url"))
    meta = [
        components.name_span(labels.publisher_label(record.get("publisher")), "unknown publisher"),
        " · ",
        record.get("date") or "no date",
        " · ",
        "id ",
        components.name_span(record["doc"]),
    ]
    if url:
        meta += [" · ", html.A("original", href=url, target="_blank", rel="noopener noreferrer")]
    return [
        html.H1(
            [
                components.name_span(record.get("title") or record["doc"]),
                components.illustrative_badge() if record.get("illustrative") else None,
            ]
        ),
        html.Div(meta, className="meta"),
        html.P(
            f"{len(rows)} figure(s) highlighted; hover one for its range, place and source. "
            "Light blue with a dashed edge: a vague word; struck through: rejected by a "
            "reviewer.",
            className="note",
        ),
        html.Div(highlighted(record["text"], rows), id=ids.ARTICLE_TEXT, className="article-text"),
        html.H2("Figures in this article"),
        figure_list(rows),
    ]


METADATA_FIELDS: dict[str, tuple[str, str]] = {  # field -> (input id, label)
    "title": (ids.ART_TITLE, "Title"),
    "publisher": (ids.ART_PUBLISHER, "Publisher"),
    "date": (ids.ART_DATE, "Published (e.g. 2024-03-01, 1 March 2024, March 2024)"),
    "url": (ids.ART_URL, "Link"),
}


def metadata_form(record: Mapping[str, Any], hidden: bool = False) -> html.Details:
    """Edit the article's title, publisher, date and link; a new date re-extracts its figures.

    ``hidden``: the form's components without a form to show (no article), so that Dash
    finds every id its callback names on any page."""
    return html.Details(
        hidden=hidden,
        children=[
            html.Summary("Edit this article's details"),
            html.Div(
                [
                    html.Div(
                        [
                            html.Label(label, htmlFor=input_id),
                            dcc.Input(id=input_id, type="text", value=record.get(name) or ""),
                        ],
                        className="review-field",
                    )
                    for name, (input_id, label) in METADATA_FIELDS.items()
                ],
                className="row",
            ),
            html.P(
                "A new date re-reads the article's time words (“last week”) against it; reviews "
                "stay with their figures. Undo it on the Review page.",
                className="note",
            ),
            html.Button("Save details", id=ids.ART_SAVE),
            html.Div(id=ids.ART_STATUS),
            dcc.Store(id=ids.ART_DOC, data=record.get("doc")),
        ],
        className="article-edit",
    )


def save_metadata(db: StoreTarget, doc: Any, *values: Any) -> tuple[Any, Any, Any]:
    """Save the form: (status line, the article body again, the date as stored)."""
    fields = dict(zip(METADATA_FIELDS, values, strict=True))
    if not isinstance(doc, str) or not doc:
        return html.Div("No article to edit.", className="status error"), no_update, no_update
    try:
        with Store(db) as store:
            summary = store.update_article(doc, **fields)
    except (ValueError, KeyError) as error:
        message = error.args[0] if error.args else str(error)
        return html.Div(f"Not saved: {message}", className="status error"), no_update, no_update
    if not summary:
        return html.Div("Nothing changed.", className="status"), no_update, no_update
    record, rows = _read(db, doc)
    if record is None or rows is None:
        return html.Div(f"Saved. {summary}.", className="status ok"), no_update, no_update
    return html.Div(f"Saved. {summary}.", className="status ok"), article_body(record, rows), record.get("date") or ""


def layout(query: dict[str, Any], db: StoreTarget) -> html.Div:
    doc = query.get("doc")
    doc = doc[0] if isinstance(doc, list) and doc else doc
    record, rows = _read(db, str(doc)) if doc else (None, None)
    if record is None or rows is None:
        return html.Div(
            [
                html.H1("Article"),
                html.P(
                    "No article with this id in the store. Open one from the Table page.",
                    className="status error",
                ),
                dcc.Link("Go to the table", href="/table"),
                metadata_form({}, hidden=True),
                html.Div(id=ids.ART_BODY),
            ]
        )
    return html.Div([metadata_form(record), html.Div(article_body(record, rows), id=ids.ART_BODY)])
