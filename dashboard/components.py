"""Layout pieces shared by pages: the filter bar, badges, legends, highlighted text.

Article text only ever becomes component *children* (strings), which React escapes;
nothing here builds raw HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from dash import dcc, html

from dashboard import ids, labels
from dashboard.figures import plain_text, short_name
from dashboard.snapshot import Snapshot
from dashboard.urlstate import filters_from_query, name_key
from impact.filters import Filters
from impact.names import country_name, publisher_name

ILLUSTRATIVE = "Illustrative sample — not real reporting"
VAGUE_EXPLAINED = (
    "Vague means a word like “hundreds” with no digits: it is shown as the range the "
    "figure specification gives, e.g. hundreds = 200–999, dozens = 24–99, thousands = "
    "2,000–9,999. Bars show each figure's low–high range; ◆ marks the best estimate, "
    "▶ an open-ended “at least N”, ◀ an “up to N”."
)
# Plain words for categories and units live in ``dashboard.labels`` (one home).
UNIT_WORDS = labels.UNIT_WORDS
CATEGORY_WORDS = labels.CATEGORY_WORDS
category_label = labels.category_label


def illustrative_badge() -> html.Span:
    return html.Span(ILLUSTRATIVE, className="badge badge-illustrative")


def vague_legend() -> html.Details:
    return html.Details(
        [html.Summary("How to read the figures"), html.P(VAGUE_EXPLAINED)],
        className="legend-note",
        open=True,
    )


def name_span(value: Any, empty: str = "") -> html.Span | str:
    """A name as page text: shortened, the whole of it on hover (``title``) when it is long."""
    shown = short_name(value, empty)
    whole = plain_text(value, empty)
    return shown if shown == whole else html.Span(shown, title=whole)


def name_options(values: Iterable[str], labels: dict[str, str] | None = None) -> list[dict[str, str]]:
    """Dropdown options: a long name is shown shortened, whole on hover (its ``title``),
    and filters by its whole value. One 20,000-character label hangs the dropdown."""
    labels = labels or {}
    options = []
    for value in values:
        whole = labels.get(value, value)
        option = {"label": short_name(whole), "value": name_key(value)}
        if option["label"] != whole:
            option["title"] = whole
        options.append(option)
    return options


def _keep_selected(options: list[str], selected: Sequence[str]) -> list[str]:
    """Options plus any value from the URL not among them (so a shared link still shows it)."""
    keys = {name_key(v) for v in options}
    return list(options) + [v for v in selected if name_key(v) not in keys]


def filter_bar(query: dict[str, Any], snapshot: Snapshot) -> html.Div:
    """The shared filters, initialised from the page's URL query."""
    filters: Filters = filters_from_query(query)
    frame = snapshot.frame
    live = frame[~frame["rejected"]] if len(frame) else frame

    def values(column: str, limit: int = 2000) -> list[str]:
        if not len(live):
            return []
        counts = live[column].value_counts()
        counts = counts[counts > 0]
        return [str(v) for v in counts.index[:limit]]

    def publishers() -> list[str]:
        """Publishers by their display name (``impact.names``), most figures first."""
        if not len(live):
            return []
        counts = live["publisher"].value_counts()
        folded = counts[counts > 0].groupby(lambda raw: publisher_name(str(raw)) or str(raw)).sum()
        return [str(v) for v in folded.sort_values(ascending=False, kind="stable").index[:2000]]

    dates = live["date"].dropna() if len(live) else live.get("date")
    date_min = dates.min().date().isoformat() if dates is not None and len(dates) else None
    date_max = dates.max().date().isoformat() if dates is not None and len(dates) else None
    kind = "all" if filters.vague is None else "vague" if filters.vague else "exact"

    def dropdown(id_: str, label: str, choices: list[str], selected: Sequence[str], **kw: Any):
        return html.Div(
            [
                html.Label(label, htmlFor=id_),
                dcc.Dropdown(
                    id=id_,
                    options=name_options(_keep_selected(choices, selected), kw.pop("labels", None)),
                    value=[name_key(v) for v in selected],
                    multi=True,
                    placeholder="Any",
                    **kw,
                ),
            ],
            className="filter",
        )

    notice = [empty_store_notice()] if not len(frame) else []
    return html.Div(
        [
            *notice,
            dropdown(ids.F_PLACE, "Place", values("place"), filters.places),
            dropdown(
                ids.F_COUNTRY,
                "Country",
                values("country_code"),
                filters.countries,
                labels={code: country_name(code) for code in (*values("country_code"), *filters.countries)},
            ),
            dropdown(
                ids.F_CATEGORY,
                "Category",
                values("category"),
                filters.categories,
                labels=CATEGORY_WORDS,
            ),
            dropdown(ids.F_UNIT, "Unit", values("unit"), filters.units, labels=UNIT_WORDS),
            dropdown(ids.F_SOURCE, "Source (publisher)", publishers(), filters.sources),
            html.Div(
                [
                    html.Label("Article date", htmlFor=ids.F_DATES),
                    dcc.DatePickerRange(
                        id=ids.F_DATES,
                        start_date=filters.date_from,
                        end_date=filters.date_to,
                        min_date_allowed=date_min,
                        max_date_allowed=date_max,
                        initial_visible_month=filters.date_from or date_max,
                        display_format="YYYY-MM-DD",
                        clearable=True,
                        start_date_placeholder_text="from",
                        end_date_placeholder_text="to",
                    ),
                ],
                className="filter filter-dates",
            ),
            html.Div(
                [
                    html.Label("Exact or vague", htmlFor=ids.F_KIND),
                    dcc.RadioItems(
                        id=ids.F_KIND,
                        options=[
                            {"label": "All", "value": "all"},
                            {"label": "Exact", "value": "exact"},
                            {"label": "Vague", "value": "vague"},
                        ],
                        value=kind,
                        inline=True,
                    ),
                ],
                className="filter filter-kind",
            ),
            html.Div(
                html.Button("Clear filters", id=ids.F_RESET, className="reset", n_clicks=0),
                className="filter filter-reset",
            ),
            dcc.Store(id=ids.URL_SYNC),
        ],
        className="filter-bar",
        role="search",
    )


EMPTY_STORE = (
    "This store holds no articles yet. Add some: `impact ingest FOLDER --db impact.db` reads "
    ".txt, .html, .pdf, .jsonl, .csv and .parquet files (`make run` ingests seeds/ and inbox/), "
    "or paste one on the “Add an article” page."
)


def empty_store_notice() -> html.Div:
    """What an empty store shows above the filters: how to add articles (not “no figures for
    these filters”, which would blame the filters)."""
    return html.Div(
        [html.Strong("No articles yet. "), EMPTY_STORE.removeprefix("This store holds no articles yet. "),
         " ", dcc.Link("Add an article", href="/add")],
        className="empty-store",
        role="status",
    )  # fmt: skip


def key_number(value: int, label: str, note: str | None = None) -> html.Div:
    return html.Div(
        [
            html.Div(f"{value:,}", className="key-value"),
            html.Div(label, className="key-label"),
            html.Div(note, className="key-note") if note else None,
        ],
        className="key-number",
    )


def filter_inputs() -> list[Any]:
    """The filter bar's values as callback inputs, in ``filters_from_controls`` order."""
    from dash import Input

    return [
        Input(ids.F_PLACE, "value"),
        Input(ids.F_COUNTRY, "value"),
        Input(ids.F_CATEGORY, "value"),
        Input(ids.F_UNIT, "value"),
        Input(ids.F_SOURCE, "value"),
        Input(ids.F_DATES, "start_date"),
        Input(ids.F_DATES, "end_date"),
        Input(ids.F_KIND, "value"),
    ]


def filter_states() -> list[Any]:
    """The filter bar's values as callback states (read, not listened to), same order."""
    from dash import State

    return [State(i.component_id, i.component_property) for i in filter_inputs()]


def controls_args(query: dict[str, Any]) -> tuple[Any, ...]:
    """The filter bar's control values for a URL query (what the browser would send)."""
    f = filters_from_query(query)
    kind = "all" if f.vague is None else "vague" if f.vague else "exact"
    return (
        list(f.places),
        list(f.countries),
        list(f.categories),
        list(f.units),
        list(f.sources),
        f.date_from,
        f.date_to,
        kind,
    )
