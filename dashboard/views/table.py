"""Table: every figure with its sentence, the number highlighted; sort, filter, page, export.

Sentences reach the grid as three plain strings (before, number, after); a small
React cell renderer (``assets/dashAgGridComponentFunctions.js``) wraps the number in
a ``<mark>``. No article text is ever inserted as HTML.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from dashboard import components, figures, ids, labels, queries
from dashboard.labels import category_label
from dashboard.queries import StoreTarget
from dashboard.snapshot import Snapshot
from dashboard.urlstate import describe, filters_from_controls
from impact.export import export_frame, export_view
from impact.filters import Filters

MAX_ROWS = 5000
EXPORT_NOTE = (
    "Exports contain exactly the rows in the table (after its own column filters and "
    "sorting). Where an analyst corrected a figure, the corrected values are exported "
    "and the review_status column says “corrected”; rejected figures are left out."
)


def split_sentence(row: Mapping[Any, Any]) -> tuple[str, str, str]:
    """(before, number, after) of a figure's sentence, by its character offsets."""
    sentence = str(row.get("sentence") or "")
    surface = str(row.get("surface") or "")
    try:
        at = int(row["start"]) - int(row["sentence_start"])
    except (KeyError, TypeError, ValueError):
        at = -1
    if not (at >= 0 and sentence[at : at + len(surface)] == surface):
        at = sentence.find(surface) if surface else -1
    if at < 0:
        return (sentence, "", "") if sentence else ("", surface, "")
    return sentence[:at], surface, sentence[at + len(surface) :]


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


# Grid columns whose text is a name of any length: shown shortened, whole on hover
# (``<field>_full``, a browser tooltip), so that one 20,000-character name cannot hang the grid.
NAME_FIELDS = ("publisher", "counted", "location", "attributed_to", "doc")


def _shortened(record: dict[str, Any]) -> dict[str, Any]:
    for field in NAME_FIELDS:
        value = record.get(field)
        if isinstance(value, str) and len(value) > figures.NAME_LIMIT:
            record[field] = figures.short_name(value)
            record[f"{field}_full"] = value
    return record


def grid_rows(rows: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as the grid wants them: JSON-ready, sentence split, link to the article,
    long names shortened (whole in ``<field>_full``), the time frame in plain words."""
    out = []
    for row in rows.to_dict("records"):
        before, number, after = split_sentence(row)
        out.append(
            _shortened(
                {
                    "id": int(row["id"]),
                    "row_id": str(int(row["id"])),
                    "date": _plain(row.get("date")),
                    "publisher": labels.publisher_label(_plain(row.get("publisher"))),
                    "before": before,
                    "number": number,
                    "after": after,
                    "counted": _plain(row.get("counted")),
                    "range": figures.bounds_text(row.get("low"), row.get("high")),
                    "low": _plain(row.get("low")),
                    "high": _plain(row.get("high")),
                    "best": _plain(row.get("best")),
                    "precision": "vague" if row.get("vague") else "exact",
                    "unit": _plain(row.get("unit")),
                    "category": category_label(_plain(row.get("category"))) or None,
                    "location": _plain(row.get("location")),
                    "period": _plain(row.get("period")),
                    "period_start": _plain(row.get("period_start")),
                    "period_end": _plain(row.get("period_end")),
                    "as_of": _plain(row.get("as_of")),
                    "kind": labels.kind_label(_plain(row.get("kind"))) or None,
                    "attributed_to": labels.source_label(_plain(row.get("attributed_to"))),
                    "review_status": _plain(row.get("review_status")),
                    "illustrative": bool(row.get("illustrative")),
                    "doc": _plain(row.get("doc")),
                    "article_href": f"/article?doc={quote(str(row.get('doc') or ''), safe='')}",
                }
            )
        )
    return out


_TEXT = {"filter": "agTextColumnFilter"}
_DAY = {"width": 88, "minWidth": 80, **_TEXT}
# Every column of the figures grid: (field, header, tooltip, options). Headers are plain words;
# the tooltip (hover on the header) says what the column holds.
COLUMNS: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    ("date", "Date", "The article's publication date", _DAY),
    ("publisher", "Source", "Who published the article", {"width": 120, "minWidth": 84, **_TEXT}),
    (
        "number",
        "Sentence (figure highlighted)",
        "The sentence the figure was read from, the figure's words highlighted",
        {
            "cellRenderer": "SentenceMark",
            "valueGetter": {"function": "params.data.before + params.data.number + params.data.after"},
            "flex": 1,
            "minWidth": 170,
            "wrapText": True,
            "autoHeight": True,
            "cellClass": "cell-sentence",
            **_TEXT,
        },
    ),
    ("range", "Range", "Low–high of the figure (a vague word as the range SPEC gives it)",
     {"width": 100, "minWidth": 80, "sortable": False, **_TEXT}),
    ("best", "Best", "The best single estimate",
     {"filter": "agNumberColumnFilter", "type": "rightAligned", "width": 80, "minWidth": 60}),
    ("precision", "Exact/ vague", "vague: a word such as “hundreds” with no digits; exact: a number",
     {"width": 76, "minWidth": 58, **_TEXT}),
    ("unit", "Unit", "people, households (families) or structures: never added together",
     {"width": 76, "minWidth": 58, **_TEXT}),
    ("category", "Category", "What happened to them: killed, displaced, in need ...",
     {"width": 96, "minWidth": 76, **_TEXT}),
    ("location", "Place", "Where, as the article writes it", {"width": 96, "minWidth": 76, **_TEXT}),
    ("period", "When (words)", "The time words the figure comes with: “since June 14”, “last week”",
     {"width": 100, "minWidth": 80, **_TEXT}),
    ("period_start", "From", "First day of the period the figure covers", _DAY),
    ("period_end", "To", "Last day of the period the figure covers", _DAY),
    ("as_of", "As of", "The day the count holds", _DAY),
    ("kind", "Count", "stock: a total as of a date; flow: new in a period; rate: per day …; projection: may happen",
     {"width": 80, "minWidth": 62, "tooltipField": "kind", **_TEXT}),
    ("attributed_to", "Quoted", "Who the article says gave the figure", {"width": 96, "minWidth": 76, **_TEXT}),
    ("review_status", "Review", "confirmed, corrected or rejected by an analyst",
     {"width": 80, "minWidth": 72, **_TEXT}),
    ("doc", "Article", "Open the article", {"cellRenderer": "ArticleLink", "width": 76, "minWidth": 62, **_TEXT}),
)  # fmt: skip
ALL_FIELDS: tuple[str, ...] = tuple(c[0] for c in COLUMNS)
TIME_FIELDS: tuple[str, ...] = ("period", "period_start", "period_end", "as_of", "kind")
# The Review page's grid: the figure and its review, without the time frame.
REVIEW_FIELDS: tuple[str, ...] = tuple(f for f in ALL_FIELDS if f not in TIME_FIELDS)
# The Table shows a column from this window width up (px): fewer on narrow screens, every one
# at 1400 px; the others stay reachable from the "Columns" chooser.
COLUMN_MIN_SCREEN: dict[str, int] = {
    "date": 0, "publisher": 0, "number": 0, "range": 0, "category": 0, "location": 0, "kind": 0, "doc": 0,
    "best": 1000, "as_of": 1000, "attributed_to": 1000, "unit": 1200, "precision": 1200, "review_status": 1200,
    "period": 1300, "period_start": 1300, "period_end": 1300,
}  # fmt: skip


def fields_for_width(width: int) -> list[str]:
    """The Table's columns shown by default in a window ``width`` px wide."""
    return [f for f in ALL_FIELDS if width >= COLUMN_MIN_SCREEN.get(f, 0)]


def column_defs(fields: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Grid columns (all of ``COLUMNS``; those not in ``fields`` hidden), sized to fit the
    screen: each shrinks to its ``minWidth``, so that at 1400 px every column is on screen."""
    shown = set(ALL_FIELDS if fields is None else fields)
    columns = []
    for field, header, tooltip, options in COLUMNS:
        column = {"field": field, "headerName": header, "headerTooltip": tooltip, **options}
        if field in NAME_FIELDS:
            column["tooltipField"] = f"{field}_full"
        if field not in shown:
            column["hide"] = True
        columns.append(column)
    return columns


def figure_grid(
    id_: str, row_data: list[dict[str, Any]], fields: Sequence[str] = REVIEW_FIELDS, **options: Any
) -> dag.AgGrid:
    """A grid of figures with the columns ``fields`` (the others defined, hidden)."""
    grid_options = {
        "pagination": True,
        "paginationPageSize": 20,
        "paginationPageSizeSelector": [20, 50, 100],
        "animateRows": False,
        "enableCellTextSelection": True,
        "tooltipShowDelay": 300,
        "enableBrowserTooltips": True,  # a long name's whole text as the cell's title
    }
    grid_options.update(options.pop("dashGridOptions", {}))
    return dag.AgGrid(
        id=id_,
        rowData=row_data,
        columnDefs=column_defs(fields),
        # no column menu button: the header keeps its width for its words and the filter button
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "filter": True,
            "suppressHeaderMenuButton": True,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        dashGridOptions=grid_options,
        getRowId="params.data.row_id",
        columnSize="responsiveSizeToFit",
        style={"height": "640px", "width": "100%"},
        className="figure-grid",
        **options,
    )


def table_outputs(snap: Snapshot, db: StoreTarget, *controls: Any) -> tuple[list[dict[str, Any]], str]:
    """Grid rows (newest articles first, at most ``MAX_ROWS``) and a count caption."""
    filters = filters_from_controls(*controls)
    selection = snap.select(filters)
    newest = selection.sort_values(["date", "id"], ascending=[False, True], kind="stable")
    chosen = [int(i) for i in newest["id"].head(MAX_ROWS)]
    with queries.connect(db) as conn:
        rows = queries.rows_by_id(conn, chosen)
    total = len(selection)
    caption = f"{total:,} figures match ({describe(filters)})"
    if total > MAX_ROWS:
        caption += f"; the table holds the {MAX_ROWS:,} from the newest articles — narrow the filters"
    return grid_rows(rows), caption + "."


def export_bytes(
    db: StoreTarget, grid_rows_on_screen: list[dict[str, Any]] | None, fmt: str, *, bom: bool = True
) -> bytes:
    """The rows on screen (in screen order) as formula-safe CSV or HXL CSV, with a byte-order
    mark so that Excel reads the file as UTF-8 (“Mosul’s”, not “Mosulâ€™s”)."""
    wanted = [int(r["id"]) for r in grid_rows_on_screen or [] if r and r.get("id") is not None]
    with queries.connect(db) as conn:
        rows = queries.rows_by_id(conn, wanted)
    frame = export_view(rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.csv"
        export_frame(frame, fmt, path, bom=bom)
        return path.read_bytes()


_SLUG = re.compile(r"[^\w]+")
FILENAME_FILTER_LIMIT = 80


def export_filename(fmt: str, filters: Filters | None = None, today: date | None = None) -> str:
    """``impact-figures_place-Raqqa_category-killed_2026-12-06.csv``: what was filtered and
    the day of the export (``impact-figures-hxl_…`` for HXL)."""
    stem = "impact-figures-hxl" if fmt == "hxl" else "impact-figures"
    parts = [stem]
    described = describe(filters) if filters is not None else "all figures"
    if described != "all figures":
        slug = _SLUG.sub("-", described.replace(": ", "-")).strip("-")
        parts.append(slug[:FILENAME_FILTER_LIMIT].rstrip("-"))
    parts.append((today or date.today()).isoformat())
    return "_".join(parts) + ".csv"


def export_download(
    db: StoreTarget,
    clicks_csv: Any,
    clicks_hxl: Any,
    virtual: Any,
    row_data: Any,
    trigger: str | None,
    controls: Sequence[Any] = (),
) -> dict[str, Any] | None:
    """``dcc.Download`` data for whichever export button was clicked; the file is named for
    the filter bar's ``controls`` and today's date."""
    if trigger not in (ids.TABLE_EXPORT_CSV, ids.TABLE_EXPORT_HXL):
        return None
    on_screen = virtual if virtual is not None else row_data
    fmt = "hxl" if trigger == ids.TABLE_EXPORT_HXL else "csv"
    name = export_filename(fmt, filters_from_controls(*controls))
    return dcc.send_bytes(export_bytes(db, on_screen, fmt), name, type="text/csv")


def column_chooser() -> html.Details:
    """Which columns the Table shows: set from the window's width when the page opens
    (``COLUMN_MIN_SCREEN``), any of them can be turned on or off."""
    return html.Details(
        [
            html.Summary("Columns (fewer on a narrow screen: tick one to show it)"),
            dcc.Checklist(
                id=ids.TABLE_COLUMNS,
                options=[{"label": header, "value": field} for field, header, _, _ in COLUMNS],
                value=list(ALL_FIELDS),
                inline=True,
                className="column-chooser",
            ),
            dcc.Store(id=ids.TABLE_COLUMN_WIDTHS, data=COLUMN_MIN_SCREEN),
        ],
        className="legend-note columns-note",
    )


def layout(query: dict[str, Any], snap: Snapshot, db: StoreTarget) -> html.Div:
    row_data, caption = table_outputs(snap, db, *components.controls_args(query))
    return html.Div(
        [
            html.H1("Figures table"),
            components.filter_bar(query, snap),
            html.Div(
                [
                    html.Span(caption, id=ids.TABLE_COUNT, className="note"),
                    html.Div(
                        [
                            html.Button("Export CSV", id=ids.TABLE_EXPORT_CSV, n_clicks=0),
                            html.Button("Export HXL", id=ids.TABLE_EXPORT_HXL, n_clicks=0),
                        ],
                        className="buttons",
                    ),
                ],
                className="toolbar",
            ),
            html.P(EXPORT_NOTE, className="note"),
            column_chooser(),
            figure_grid(ids.TABLE_GRID, row_data, fields=ALL_FIELDS),
            dcc.Download(id=ids.TABLE_DOWNLOAD),
        ]
    )
