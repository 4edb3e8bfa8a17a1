"""Chart builders: small frames in, ``plotly.graph_objects.Figure`` out. Pure functions.

Text taken from articles (surfaces, names, sources) is HTML-escaped before it goes
into hover labels, because plotly renders a subset of HTML tags in them (``<``, ``>``
and ``&`` only: plotly shows ``&quot;`` as it is). Names are shortened for display
(``short_name``): one 20,000-character publisher or place in a tick label, a legend
or a hover label hangs the browser tab.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.labels import OKABE_ITO, PLOTLY_SAFE, category_color, category_label
from impact.names import MAX_DISPLAY, publisher_name, shorten, source_name

EXACT_COLOR = "#1f5f8b"
VAGUE_COLOR = "#9cc3de"
BEST_COLOR = "#111111"
DISAGREE_COLOR = "#c0392b"
CONSENSUS_COLOR = "rgba(39, 174, 96, 0.18)"
# Series that are not categories (publishers on Compare): colour-blind-safe colours in turn.
PALETTE = (*OKABE_ITO.values(), *PLOTLY_SAFE[:-1])
VAGUE_LEGEND = "Vague word, e.g. 'hundreds' (range from SPEC)"
EXACT_LEGEND = "Number in digits or words (bar = low–high)"
BEST_LEGEND = "Best estimate"
_GRID = "#e6eaee"
_FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13}


# Legends sit below the plot, across the figure's width, on every screen: beside the plot
# they take half of an 800 px card, above it they collide with the title.
_BOTTOM_LEGEND = {
    "orientation": "h",
    "yref": "container",
    "yanchor": "bottom",
    "y": 0,
    "xanchor": "left",
    "x": 0,
    "entrywidthmode": "pixels",
}


def _base_layout(
    fig: go.Figure,
    title: str | None = None,
    height: int = 420,
    legend: dict[str, Any] | None = None,
) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}} if title else None,
        # A light look without plotly_white: templates are deep-copied per figure (~30 ms).
        template="none",
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(PALETTE),
        font=_FONT,
        height=height,
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        hoverlabel={"align": "left"},
        legend={**_BOTTOM_LEGEND, **(legend or {})},
    )
    fig.update_xaxes(gridcolor=_GRID, zerolinecolor=_GRID, linecolor=_GRID, automargin=True)
    fig.update_yaxes(gridcolor=_GRID, zerolinecolor=_GRID, linecolor=_GRID, automargin=True)
    return fig


_AXIS = {"gridcolor": _GRID, "zerolinecolor": _GRID, "linecolor": _GRID, "automargin": True}
_NO_TEMPLATE = {"data": {"scatter": [{"type": "scatter"}]}}  # what template="none" becomes


def _plain_figure(
    data: list[dict[str, Any]],
    title: str | None = None,
    height: int = 420,
    *,
    xaxis: Mapping[str, Any] | None = None,
    yaxis: Mapping[str, Any] | None = None,
    **layout: Any,
) -> go.Figure:
    """The look of ``_base_layout`` built from plain values in one go, unchecked: each
    ``update_layout``/``update_*axes`` call validates its tree (about 35 ms a chart under
    load, most of the Overview's chart time). Callers pass values plotly takes as they are."""
    full: dict[str, Any] = {
        "title": {"text": title, "x": 0, "font": {"size": 15}} if title else {},
        "template": _NO_TEMPLATE,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(PALETTE),
        "font": dict(_FONT),
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        "hoverlabel": {"align": "left"},
        "legend": {**_BOTTOM_LEGEND, **layout.pop("legend", {})},
        "xaxis": {**_AXIS, **(xaxis or {})},
        "yaxis": {**_AXIS, **(yaxis or {})},
        **layout,
    }
    return go.Figure({"data": data, "layout": full}, _validate=False)


def empty_figure(message: str, height: int = 300) -> go.Figure:
    """A blank chart carrying a message (no data for these filters ...)."""
    note = {
        "font": {"color": "#555", "size": 15},
        "showarrow": False,
        "text": html.escape(message, quote=False),
        "x": 0.5,
        "xref": "paper",
        "y": 0.5,
        "yref": "paper",
    }
    return _plain_figure([], height=height, xaxis={"visible": False}, yaxis={"visible": False}, annotations=[note])


def _str_or_none(value: Any) -> str | None:
    return None if _is_missing(value) else str(value)


def _is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def plain_text(value: Any, empty: str = "") -> str:
    """``str(value)``, with None/NaN/NA as ``empty`` (for component children: not escaped)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return empty
    return str(value)


NAME_LIMIT = MAX_DISPLAY  # characters of a name shown in a label, a dropdown or a grid cell
HOVER_LIMIT = 300  # characters of one value in a hover label


def short_name(value: Any, empty: str = "", limit: int = NAME_LIMIT) -> str:
    """``plain_text`` cut to ``limit`` characters with an ellipsis (the whole value is
    stored and exported; pages show it on hover where they can)."""
    return shorten(plain_text(value, empty), limit)


def _text(value: Any, empty: str = "", limit: int = HOVER_LIMIT) -> str:
    """Like ``short_name`` but HTML-escaped, for plotly labels."""
    return html.escape(short_name(value, empty, limit), quote=False)


def _label(value: Any, empty: str = "") -> str:
    """A name for a tick label or a legend: short and escaped."""
    return _text(value, empty, NAME_LIMIT)


def _number(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "open"
    return f"{int(value):,}"


def bounds_text(low: Any, high: Any) -> str:
    """``200–999``, ``at least 73``, ``up to 300``, ``2,500``."""
    lo_missing = low is None or low is pd.NA or (isinstance(low, float) and math.isnan(low))
    hi_missing = high is None or high is pd.NA or (isinstance(high, float) and math.isnan(high))
    if lo_missing and hi_missing:
        return "unknown"
    if hi_missing:
        return f"at least {_number(low)}"
    if lo_missing:
        return f"up to {_number(high)}"
    if int(low) == int(high):
        return _number(low)
    return f"{_number(low)}–{_number(high)}"


def hover_text(row: Mapping[Any, Any]) -> str:
    """The exact words, the bounds, where, who said it and who published it."""
    words = f"<b>{_text(row.get('surface'))}</b> {_text(row.get('counted'))}".strip()
    kind = "vague word" if row.get("vague") else "approximate" if row.get("approximate") else ""
    publisher = publisher_name(_str_or_none(row.get("publisher")))
    lines = [
        words,
        f"Range: {bounds_text(row.get('low'), row.get('high'))}"
        + (f" ({kind})" if kind else "")
        + (f" · {_text(row.get('unit'))}" if row.get("unit") else ""),
        f"{_text(category_label(row.get('category')))} · {_text(row.get('location'), 'place not stated')}",
        f"Quoted: {_text(source_name(_str_or_none(row.get('attributed_to'))), 'not stated')}",
        f"Source: {_text(publisher, 'unknown')} {_text(row.get('date'))}".rstrip(),
    ]
    if row.get("review_status"):
        lines.append(f"Review: {_text(row.get('review_status'))}")
    if row.get("illustrative"):
        lines.append("<i>Illustrative sample — not real reporting</i>")
    return "<br>".join(lines)


def unit_label(units: Iterable[str]) -> str:
    """Axis words for the units on screen: ``people``, or a mixed-units note."""
    present = sorted({u for u in units if u})
    if len(present) == 1:
        return present[0]
    if not present:
        return "people, households or structures"
    return " / ".join(present) + " (mixed units: see each figure)"


def _plot_bounds(row: Mapping[Any, Any]) -> tuple[float, float, float]:
    """Finite (low, high, best) for drawing; open bounds collapse onto the known side."""

    def num(value: Any) -> float | None:
        if value is None or value is pd.NA:
            return None
        number = float(value)
        return None if math.isnan(number) else number

    low, high, best = num(row.get("low")), num(row.get("high")), num(row.get("best"))
    known = [v for v in (low, high, best) if v is not None]
    if not known:
        return (math.nan, math.nan, math.nan)
    lo = low if low is not None else min(known)
    hi = high if high is not None else max(known)
    bst = best if best is not None else (lo + hi) / 2
    return (max(lo, 1.0), max(hi, 1.0), max(bst, 1.0))


def range_bars(rows: pd.DataFrame, place_order: Sequence[str], units: Iterable[str] = ()) -> go.Figure:
    """Figures by place: one low–high bar per figure, the best estimate marked.

    Vague figures ("hundreds") are hatched and lighter; open-ended ones ("at least 73")
    get a triangle pointing to the open side. Log scale, since counts span magnitudes.
    """
    if rows.empty or not place_order:
        return empty_figure("No figures with a place for these filters.")
    position: dict[Any, int] = {place: i for i, place in enumerate(place_order)}
    groups: dict[Any, list[Mapping[Any, Any]]] = {}
    for record in rows.to_dict("records"):
        if record.get("location") in position:
            groups.setdefault(record["location"], []).append(record)
    records = []
    for place, group in groups.items():
        drawn = sorted(((_plot_bounds(r), r) for r in group), key=lambda item: item[0][2])
        drawn = [(b, r) for b, r in drawn if not math.isnan(b[2])]
        k = len(drawn)
        step = min(0.8 / max(k, 1), 0.14)
        for j, ((lo, hi, best), row) in enumerate(drawn):
            open_hi = _is_missing(row.get("high"))
            open_lo = _is_missing(row.get("low"))
            records.append(
                {
                    "y": position[place] + (j - (k - 1) / 2) * step,
                    "lo": lo,
                    "hi": hi,
                    "best": best,
                    "width": step * 0.8,
                    "vague": bool(row.get("vague")),
                    "symbol": "triangle-right" if open_hi else "triangle-left" if open_lo else "diamond",
                    "hover": hover_text(row),
                }
            )
    points = pd.DataFrame.from_records(records)
    if points.empty:
        return empty_figure("No figures with numbers for these filters.")
    fig = go.Figure()
    for vague, name, color, pattern in (
        (False, EXACT_LEGEND, EXACT_COLOR, ""),
        (True, VAGUE_LEGEND, VAGUE_COLOR, "/"),
    ):
        part = points[points["vague"] == vague]
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=part["y"],
                base=part["lo"],
                x=(part["hi"] - part["lo"]).clip(lower=0),
                width=part["width"],
                name=name,
                marker={
                    "color": color,
                    "line": {"color": EXACT_COLOR if vague else color, "width": 1},
                    "pattern": {"shape": pattern, "fgcolor": EXACT_COLOR, "size": 6},
                },
                customdata=part["hover"],
                hovertemplate="%{customdata}<extra></extra>",
                showlegend=True,
                visible=True if len(part) else "legendonly",
            )
        )
    for symbols, name in (
        (("diamond",), BEST_LEGEND),
        (("triangle-right", "triangle-left"), "Open-ended: ▶ at least N, ◀ up to N"),
    ):
        part = points[points["symbol"].isin(symbols)]
        fig.add_trace(
            go.Scatter(
                x=part["best"],
                y=part["y"],
                mode="markers",
                name=name,
                marker={
                    "symbol": part["symbol"],
                    "color": BEST_COLOR,
                    "size": 8 if symbols == ("diamond",) else 12,
                    "line": {"color": "white", "width": 1},
                },
                customdata=part["hover"],
                hovertemplate="%{customdata}<extra></extra>",
                visible=True if len(part) else "legendonly",
            )
        )
    fig.update_layout(barmode="overlay", bargap=0)
    fig.update_xaxes(type="log", title=f"Number of {unit_label(units)} (log scale)")
    fig.update_yaxes(
        tickvals=list(range(len(place_order))),
        ticktext=[_label(p) for p in place_order],
        autorange="reversed",
        range=[len(place_order) - 0.5, -0.5],
        zeroline=False,
        showgrid=False,
    )
    return _base_layout(fig, "Figures by place", height=max(360, 60 + 38 * len(place_order)))


def source_bars(counts: pd.DataFrame, title: str, axis_title: str = "Figures") -> go.Figure:
    """Horizontal bars of figures per publisher (or per quoted source), exact vs vague."""
    if counts.empty:
        return empty_figure(f"{title}: nothing for these filters.")
    fig = go.Figure()
    # rows by position, names as tick text: two long names alike in their first characters
    # stay two bars
    rows = list(range(len(counts)))
    names = [_text(n) for n in counts["name"]]
    for column, label, color, pattern in (
        ("exact", "Exact or hedged numbers", EXACT_COLOR, ""),
        ("vague", "Vague words ('hundreds' ...)", VAGUE_COLOR, "/"),
    ):
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=rows,
                x=counts[column],
                name=label,
                marker={
                    "color": color,
                    "pattern": {"shape": pattern, "fgcolor": EXACT_COLOR, "size": 6},
                },
                customdata=names,
                hovertemplate="%{customdata}: %{x:,} " + label.lower() + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_yaxes(tickvals=rows, ticktext=[_label(n) for n in counts["name"]], autorange="reversed", showgrid=False)
    fig.update_xaxes(title=axis_title)
    return _base_layout(fig, title, height=max(300, 90 + 26 * len(counts)))


def timeline_figure(frame: pd.DataFrame, period: str) -> go.Figure:
    """Figures per day/week/month of article date, stacked by category."""
    if frame.empty:
        return empty_figure("No dated articles for these filters.")
    fig = go.Figure()
    days = {"day": 1, "week": 7, "month": 30}.get(period, 1)
    for category, part in frame.groupby("category", sort=True, observed=True):
        fig.add_trace(
            go.Bar(
                x=part["period"],
                y=part["n"],
                width=days * 86_400_000 * 0.8,  # milliseconds on a date axis
                name=_label(category_label(category)),
                marker_color=category_color(category),
                hovertemplate="%{x|%Y-%m-%d}: %{y:,} figures (" + _label(category_label(category)) + ")<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(
        title=f"Article date (per {period})",
        tickformat="%Y-%m-%d" if period == "day" else "%b %Y",
        type="date",
        range=_date_range(frame["period"], days=days * 2),
    )
    fig.update_yaxes(title="Figures reported")
    return _base_layout(fig, "Figures over time, by article date", height=360)


def _span(values: pd.Series, minimum: float, floor: float, ceiling: float) -> list[float]:
    """An axis range around ``values``, at least ``minimum`` degrees wide, with a margin."""
    lo, hi = float(values.min()), float(values.max())
    pad = max((minimum - (hi - lo)) / 2, (hi - lo) * 0.15, 2.0)
    return [max(lo - pad, floor), min(hi + pad, ceiling)]


MAP_ASPECT = 2.8  # degrees of longitude shown per degree of latitude
MAP_LABELS = 12  # places named on the map (the largest estimates)


def map_figure(points: pd.DataFrame) -> go.Figure:
    """Places on a world map, each sized by the largest best estimate reported there."""
    if points.empty:
        return empty_figure("No geocoded figures for these filters.", height=520)
    best = pd.to_numeric(points["best"], errors="coerce").fillna(1).clip(lower=1)
    size = 6 + 34 * (best**0.5) / max(float(best.max()) ** 0.5, 1.0)
    hover = [
        f"<b>{_text(r.get('location'), 'unnamed place')}</b> — {int(r.get('n', 1)):,} figure(s)"
        f"<br>Largest:<br>{hover_text(r)}"
        for r in points.to_dict("records")
    ]
    fig = go.Figure()
    categories = points["category"].astype(str)
    rows_ = points.to_dict("records")
    # names only on the largest places: dense regions stay readable; the rest on hover
    labelled = set(best.reset_index(drop=True).nlargest(MAP_LABELS, keep="first").index)
    for category in sorted(categories.unique()):
        mask = (categories == category).to_numpy()
        fig.add_trace(
            go.Scattergeo(
                lat=points.loc[mask, "latitude"],
                lon=points.loc[mask, "longitude"],
                mode="markers+text",
                text=[
                    _label(r.get("location")) if k in labelled else ""
                    for k, (r, m) in enumerate(zip(rows_, mask, strict=True))
                    if m
                ],
                textposition="top center",
                textfont={"size": 11, "color": "#333"},
                name=_label(category_label(category)),
                marker={
                    "size": size[mask],
                    "color": category_color(category),
                    "opacity": 0.75,
                    "line": {"color": "white", "width": 0.5},
                },
                customdata=[h for h, m in zip(hover, mask, strict=True) if m],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    # as wide as a 1400 px card is to the map's height: the map fills the card, not half of it
    lat_range = _span(points["latitude"], 24, -60, 85)
    fig.update_geos(
        projection_type="natural earth",
        resolution=110,
        showcountries=True,
        countrycolor="#bbb",
        showland=True,
        landcolor="#f3f1ec",
        showocean=True,
        oceancolor="#e8f1f8",
        lataxis_range=lat_range,
        lonaxis_range=_span(points["longitude"], max(40.0, MAP_ASPECT * (lat_range[1] - lat_range[0])), -180, 180),
    )
    return _base_layout(
        fig,
        "Where figures were reported (size: largest best estimate)",
        560,
        legend={"title": {"text": "Category of the largest figure"}},
    )


def _log_label(fig: go.Figure, y: float, text: str, color: str, side: str) -> None:
    """A label just above height ``y`` on a log y axis (annotations take log10 there)."""
    fig.add_annotation(
        text=text,
        xref="paper",
        x=0 if side == "left" else 1,
        xanchor=side,
        yref="y",
        y=math.log10(max(y, 1.0)),
        yanchor="bottom",
        showarrow=False,
        font={"size": 12, "color": color},
    )


def _date_range(dates: Sequence[Any] | pd.Series, days: int = 3) -> list[str] | None:
    """At least ``days`` either side, so one date is not stretched over the whole axis."""
    known = pd.to_datetime(pd.Series(list(dates)), errors="coerce").dropna()
    if known.empty:
        return None
    pad = pd.Timedelta(days=days)
    return [(known.min() - pad).isoformat(), (known.max() + pad).isoformat()]


def _dates(records: Sequence[Mapping[Any, Any]]) -> list[str | None]:
    """ISO dates for a date axis; None (a gap, not a "NaT" category) when unknown."""
    parsed = pd.to_datetime(pd.Series([r.get("date") for r in records]), errors="coerce")
    return [None if pd.isna(d) else d.isoformat() for d in parsed]


def _symbol(row: Mapping[Any, Any]) -> str:
    """Marker for an estimate: ▲ "at least", ▼ "up to", ◆ a vague word, ● otherwise."""
    if _is_missing(row.get("high")) and not _is_missing(row.get("low")):
        return "triangle-up"
    if _is_missing(row.get("low")) and not _is_missing(row.get("high")):
        return "triangle-down"
    return "diamond" if row.get("vague") else "circle"


def compare_figure(
    result: pd.DataFrame,
    band: tuple[float | None, float | None] | None,
    title: str,
    unit: str = "people",
) -> go.Figure:
    """Each article's estimate as an interval over publication date, coloured by publisher.

    ``result`` is an ``impact.compare`` frame (``disagrees``, ``duplicate_of``);
    ``band`` the consensus bounds (``None`` = open). The band is shaded, estimates that
    overlap no other are ringed in red, syndicated copies drawn hollow.
    """
    if result.empty:
        return empty_figure("No estimates for this place and category with these filters.")
    records = result.to_dict("records")
    bounds = [_plot_bounds(r) for r in records]
    known = [b for b in bounds if not math.isnan(b[2])]
    if not known:
        return empty_figure("No numeric estimates for this place and category.")
    fig = go.Figure()
    if band is not None and (band[0] is not None or band[1] is not None):
        top = max(b[1] for b in known) * 3
        y0 = max(float(band[0]), 1.0) if band[0] is not None else 1.0
        y1 = float(band[1]) if band[1] is not None else top
        if y1 <= y0 * 1.04:  # a single value: widen a little so the band shows
            y0, y1 = y0 / 1.04, y1 * 1.04
        fig.add_hrect(
            y0=y0,
            y1=y1,
            fillcolor=CONSENSUS_COLOR,
            line_width=0,
            layer="below",
        )
        _log_label(fig, y1, f"consensus: {bounds_text(band[0], band[1])}", "#1e6b34", "left")
    publishers = [publisher_name(_str_or_none(r.get("publisher"))) or "(unknown publisher)" for r in records]
    for i, publisher in enumerate(sorted(set(publishers))):
        part = [k for k, p in enumerate(publishers) if p == publisher]
        fig.add_trace(
            go.Scatter(
                x=_dates([records[k] for k in part]),
                y=[bounds[k][2] for k in part],
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [bounds[k][1] - bounds[k][2] for k in part],
                    "arrayminus": [bounds[k][2] - bounds[k][0] for k in part],
                    "thickness": 3,
                    "width": 7,
                    "color": PALETTE[i % len(PALETTE)],
                },
                mode="markers",
                name=_label(publisher),
                marker={
                    "size": 11,
                    "color": ["white" if records[k].get("duplicate_of") else PALETTE[i % len(PALETTE)] for k in part],
                    "line": {"color": PALETTE[i % len(PALETTE)], "width": 2},
                    "symbol": [_symbol(records[k]) for k in part],
                },
                customdata=[hover_text(records[k]) for k in part],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    undated = [k for k, d in enumerate(_dates(records)) if d is None]
    for k in undated[:10]:  # no date to place them at: a dotted line at their value
        fig.add_hline(
            y=bounds[k][2],
            line_dash="dot",
            line_color="#777",
        )
        _log_label(
            fig,
            bounds[k][2],
            f"undated: {_text(records[k].get('surface'))} ({_text(records[k].get('publisher'), 'unknown publisher')})",
            "#555",
            "right",
        )
    outliers = [k for k, r in enumerate(records) if r.get("disagrees")]
    if outliers:
        fig.add_trace(
            go.Scatter(
                x=_dates([records[k] for k in outliers]),
                y=[bounds[k][2] for k in outliers],
                mode="markers",
                name="Disagrees: overlaps no other estimate",
                marker={
                    "size": 24,
                    "color": "rgba(0,0,0,0)",
                    "line": {"color": DISAGREE_COLOR, "width": 3},
                },
                hoverinfo="skip",
            )
        )
    fig.update_yaxes(type="log", dtick="D2", title=f"Estimate ({_label(unit)}, log scale)")  # 1, 2, 5 ticks: no pile-up
    fig.update_xaxes(type="date", tickformat="%Y-%m-%d", range=_date_range(_dates(records)))
    fig.update_xaxes(title="Publication date of the article")
    return _base_layout(fig, title, height=460, legend={"title": {"text": "Publisher"}})


# -- charts that count people (the Overview) ---------------------------------------------


def top_note(shown: int, total: int, noun: str) -> str:
    """``"top 15 of 189 places"`` when a chart shows only some, else ``"all 12 places"``."""
    if total > shown:
        return f"top {shown:,} of {total:,} {noun}"
    return f"all {total:,} {noun}" if total != 1 else f"1 {noun.rstrip('s')}"


def _count(value: Any) -> str:
    return "unknown" if _is_missing(value) else f"{float(value):,.0f}"


def cell_hover(cell: Mapping[Any, Any]) -> str:
    """A grid cell's estimate in words, for a hover label (escaped)."""
    unit = _text(cell.get("unit") or "people")
    counted = str(cell.get("counted_group") or "")
    lines = [
        f"<b>{_text(cell.get('place'))}</b> · {_text(category_label(cell.get('category')))}",
        f"{_count(cell.get('value'))} {unit}"
        + (f" ({_text(counted)})" if counted and counted not in ("people", "households", "structures") else ""),
        f"Range: {bounds_text(cell.get('low'), cell.get('high'))}",
        f"{_text(cell.get('time'))}",
        f"{int(cell.get('agreeing') or 0)} of {int(cell.get('estimates') or 0)} estimates agree",
    ]
    source = cell.get("source") or cell.get("publisher")
    if source:
        named = source_name(str(source)) if cell.get("source") else publisher_name(str(source))
        lines.append(f"Source: {_text(named)}")
    if cell.get("illustrative"):
        lines.append("<i>Illustrative sample — not real reporting</i>")
    return "<br>".join(lines)


KIND_SYMBOLS = {"stock": "circle", "flow": "diamond"}


def latest_by_place(cells: pd.DataFrame, places: Sequence[str], total_places: int) -> go.Figure:
    """The Overview's answer as a chart: per place, the latest estimate of each category in
    people (● a total as of a date, ◆ a count over a period), its range as a bar. Log scale;
    households and structures are never on this axis."""
    people = cells[cells["unit"] == PEOPLE_UNIT] if len(cells) else cells
    people = people[people["value"].notna()] if len(people) else people
    order = [p for p in places if len(people) and (people["place"] == p).any()]
    if people.empty or not order:
        return empty_figure("No estimates in people with a place for these filters.")
    position = {place: i for i, place in enumerate(order)}
    slots: dict[str, int] = {}
    counts = people.groupby("place").size().to_dict()
    ys: list[float] = []
    for record in people.to_dict("records"):
        k = counts[record["place"]]
        j = slots.get(record["place"], 0)
        slots[record["place"]] = j + 1
        step = min(0.8 / max(k, 1), 0.16)
        ys.append(position[record["place"]] + (j - (k - 1) / 2) * step)
    by_category: dict[Any, list[tuple[float, dict[Any, Any]]]] = {}
    for y, record in zip(ys, people.to_dict("records"), strict=True):
        by_category.setdefault(record["category"], []).append((y, record))
    traces = []
    for category, part in by_category.items():
        records = [r for _, r in part]
        bounds = [_plot_bounds({"low": r["low"], "high": r["high"], "best": r["value"]}) for r in records]
        color = category_color(category)
        traces.append(
            dict(
                type="scatter",
                x=[b[2] for b in bounds],
                y=[y for y, _ in part],
                mode="markers",
                name=_label(category_label(category)),
                marker={
                    "color": color,
                    "size": 10,
                    "symbol": [KIND_SYMBOLS.get(str(r["kind"]), "circle") for r in records],
                    "line": {"color": "white", "width": 1},
                },
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": [b[1] - b[2] for b in bounds],
                    "arrayminus": [b[2] - b[0] for b in bounds],
                    "color": color,
                    "thickness": 2,
                    "width": 0,
                },
                customdata=[cell_hover(r) for r in records],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    # built from plain values checked here: plotly's validation of ~20 traces took most of the time
    title = f"Latest estimate by place, in people ({top_note(len(order), total_places, 'places')})"
    return _plain_figure(
        traces,
        title,
        height=max(360, 110 + 34 * len(order)),
        # one tick per power of ten (10, 100, 1k): minor ticks crowd a narrow chart
        xaxis={"type": "log", "dtick": 1, "tickformat": "~s", "title": {"text": "People (latest estimate, log scale)"}},
        yaxis={
            "tickvals": list(range(len(order))),
            "ticktext": [_label(p) for p in order],
            "range": [len(order) - 0.5, -0.5],
            "zeroline": False,
            "showgrid": False,
        },
    )


PEOPLE_UNIT = "people"


def people_bars(counts: pd.DataFrame, total: int, title: str, noun: str) -> go.Figure:
    """Horizontal bars of people per publisher (or quoted source): the sum of best estimates,
    exact and vague stacked, lows and highs on hover. ``total``: how many ``noun`` in all."""
    if counts.empty:
        return empty_figure(f"{title}: nothing in people for these filters.")
    rows = list(range(len(counts)))
    names = [_text(n) for n in counts["name"]]
    spread = [
        f"{n}: {_count(t)} people in {int(f):,} figure(s); low–high {_count(lo)}–{_count(hi)}"
        for n, t, f, lo, hi in zip(
            names, counts["total"], counts["figures"], counts["low"], counts["high"], strict=True
        )
    ]
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "y": rows,
            "x": counts[column].to_numpy(dtype="float64"),
            "name": label,
            "marker": {"color": color, "pattern": {"shape": pattern, "fgcolor": EXACT_COLOR, "size": 6}},
            "customdata": spread,
            "hovertemplate": "%{customdata}<extra>" + label + "</extra>",
        }
        for column, label, color, pattern in (
            ("exact", "Exact or hedged numbers", EXACT_COLOR, ""),
            ("vague", "Vague words ('hundreds' ...)", VAGUE_COLOR, "/"),
        )
    ]
    full = f"{title} ({top_note(len(counts), total, noun)})"
    return _plain_figure(
        traces,
        full,
        height=max(300, 100 + 26 * len(counts)),
        barmode="stack",
        legend={"traceorder": "normal"},
        xaxis={"title": {"text": "People (sum of best estimates)"}},
        yaxis={
            "tickvals": rows,
            "ticktext": [_label(n) for n in counts["name"]],
            "autorange": "reversed",
            "showgrid": False,
        },
    )


def people_over_time_figure(frame: pd.DataFrame, period: str) -> go.Figure:
    """People per day/week/month of article date, one line per category (log scale), the
    sums of lows and highs on hover."""
    if frame.empty:
        return empty_figure("No dated figures in people for these filters.")
    traces = []
    for category, part in frame.groupby("category", sort=True, observed=True):
        label = _label(category_label(category))
        traces.append(
            dict(
                type="scatter",
                x=list(part["period"]),
                y=list(part["best"]),
                mode="lines+markers",
                name=label,
                line={"color": category_color(category), "width": 2},
                marker={"color": category_color(category), "size": 7},
                customdata=[
                    f"{_count(b)} people ({label}) in {int(f):,} figure(s); low–high {_count(lo)}–{_count(hi)}"
                    for b, f, lo, hi in zip(part["best"], part["figures"], part["low"], part["high"], strict=True)
                ],
                hovertemplate="%{x|%Y-%m-%d}: %{customdata}<extra></extra>",
            )
        )
    days = {"day": 1, "week": 7, "month": 30}.get(period, 1)
    xaxis: dict[str, Any] = {
        "title": {"text": f"Article date (per {period})"},
        "tickformat": "%Y-%m-%d" if period == "day" else "%b %Y",
        "type": "date",
    }
    shown = _date_range(frame["period"], days=days * 2)
    if shown is not None:
        xaxis["range"] = shown
    title = f"People in the figures reported per {period} (sum of best estimates), by category"
    return _plain_figure(  # plain values, checked here
        traces,
        title,
        height=400,
        xaxis=xaxis,
        yaxis={"type": "log", "dtick": 1, "tickformat": "~s", "title": {"text": "People (log scale)"}},
    )
