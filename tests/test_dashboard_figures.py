"""Chart builders are pure: small frames in, plotly figures out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import aggregate, figures


def _rows(**overrides: list[object]) -> pd.DataFrame:
    base: dict[str, list[object]] = {
        "id": [1, 2, 3],
        "surface": ["Hundreds", "200 to 300", "at least 73"],
        "counted": ["civilians", "IS extremists", "people"],
        "low": [200, 200, 73],
        "high": [999, 300, None],
        "best": [600, 250, 73],
        "vague": [True, False, False],
        "approximate": [False, False, False],
        "unit": ["people"] * 3,
        "category": ["fled", "fighters", "killed"],
        "location": ["Mosul", "Mosul", "Raqqa"],
        "attributed_to": [None, "Officials", "medics"],
        "publisher": ["Radio Example", "Radio Example", "Daily Sample"],
        "date": ["2017-06-30", "2017-06-30", "2017-07-02"],
        "illustrative": [True, False, False],
        "review_status": [None, None, None],
    }
    base.update(overrides)
    return pd.DataFrame(base)


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (200, 999, "200–999"),
        (2500, 2500, "2,500"),
        (73, None, "at least 73"),
        (None, 300, "up to 300"),
        (None, None, "unknown"),
        (1.0, float("nan"), "at least 1"),
    ],
)
def test_bounds_text(low: object, high: object, text: str) -> None:
    assert figures.bounds_text(low, high) == text


def test_range_bars_mark_vague_figures_apart() -> None:
    fig = figures.range_bars(_rows(), ["Mosul", "Raqqa"], ["people"])
    names = [trace.name for trace in fig.data]
    assert figures.VAGUE_LEGEND in names and figures.EXACT_LEGEND in names
    vague = next(t for t in fig.data if t.name == figures.VAGUE_LEGEND)
    exact = next(t for t in fig.data if t.name == figures.EXACT_LEGEND)
    assert vague.marker.pattern.shape == "/"  # hatched
    assert vague.marker.color == figures.VAGUE_COLOR != exact.marker.color
    assert list(vague.base) == [200.0] and list(vague.x) == [799.0]
    best, open_ended = (t for t in fig.data if isinstance(t, go.Scatter))
    assert sorted(best.x) == [250.0, 600.0]
    assert list(open_ended.x) == [73.0]  # "at least 73"
    assert list(open_ended.marker.symbol) == ["triangle-right"]
    assert fig.layout.xaxis.type == "log"
    assert "people" in fig.layout.xaxis.title.text
    assert list(fig.layout.yaxis.ticktext) == ["Mosul", "Raqqa"]


def test_hover_shows_exact_words_and_source_escaped() -> None:
    rows = _rows(surface=["<b>Hundreds</b>", "200 to 300", "at least 73"])
    text = figures.hover_text(rows.iloc[0].to_dict())
    assert "&lt;b&gt;Hundreds&lt;/b&gt;" in text
    assert "Radio Example" in text and "civilians" in text
    assert "Illustrative sample" in text
    assert "<b>Hundreds</b>" not in text


def test_empty_inputs_give_a_message_not_an_error() -> None:
    empty = _rows().iloc[0:0]
    for fig in (
        figures.range_bars(empty, []),
        figures.source_bars(pd.DataFrame(columns=["name", "exact", "vague", "total"]), "x"),
        figures.timeline_figure(pd.DataFrame(columns=["period", "category", "n"]), "day"),
        figures.map_figure(empty),
        figures.compare_figure(empty, None, "t"),
    ):
        assert isinstance(fig, go.Figure)
        assert fig.layout.annotations and not fig.data


def test_source_bars_stack_exact_and_vague() -> None:
    counts = pd.DataFrame({"name": ["A", "<i>B</i>"], "exact": [3, 1], "vague": [2, 0], "total": [5, 1]})
    fig = figures.source_bars(counts, "By publisher")
    assert fig.layout.barmode == "stack"
    assert list(fig.data[0].x) == [3, 1] and list(fig.data[1].x) == [2, 0]
    assert list(fig.layout.yaxis.ticktext) == ["A", "&lt;i&gt;B&lt;/i&gt;"]  # rows by position, names as ticks


def test_map_sizes_by_best_estimate() -> None:
    points = _rows().assign(latitude=[36.3, 36.3, 35.9], longitude=[43.1, 43.1, 39.0], n=1)
    fig = figures.map_figure(points)
    sizes = {trace.name: list(trace.marker.size) for trace in fig.data}
    assert sizes["fled"][0] > sizes["killed"][0]  # 600 > 73
    assert all(isinstance(t, go.Scattergeo) for t in fig.data)


def test_compare_rings_disagreements_and_draws_the_band() -> None:
    result = _rows(
        location=["Raqqa"] * 3,
        category=["fighters"] * 3,
        low=[2000, 2500, 40000],
        high=[3000, 2600, 50000],
        best=[2500, 2550, 45000],
        vague=[False] * 3,
    ).assign(disagrees=[False, False, True], duplicate_of=[None, None, None])
    fig = figures.compare_figure(result, (2500, 2600), "Fighters in Raqqa")
    ring = [t for t in fig.data if t.name and t.name.startswith("Disagrees")]
    assert len(ring) == 1 and list(ring[0].y) == [45000.0]
    band = fig.layout.shapes[0]
    assert band.y0 <= 2500 and band.y1 >= 2600
    publishers = {t.name for t in fig.data} - {ring[0].name}
    assert publishers == {"Radio Example", "Daily Sample"}


def test_counts_by_and_timeline() -> None:
    selection = pd.DataFrame(
        {
            "publisher": pd.Categorical(["A", "A", None, "B"]),
            "vague": [True, False, False, False],
            "date": pd.to_datetime(["2017-06-30", "2017-06-30", "2017-07-01", None]),
            "category": pd.Categorical(["fled", "killed", "killed", "killed"]),
        }
    )
    counts = aggregate.counts_by(selection, "publisher", empty="(unknown)")
    assert counts.to_dict("records")[0] == {"name": "A", "exact": 1, "vague": 1, "total": 2}
    assert "(unknown)" in set(counts["name"])
    frame, period = aggregate.timeline(selection)
    assert period == "day" and int(frame["n"].sum()) == 3
