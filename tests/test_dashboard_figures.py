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


# -- the Overview's answer grid (aggregate.answer_grid) -------------------------------------

RAQQA_ID = 163915


def _figure(doc: str, best: int, **fields: object) -> dict[str, object]:
    """One stored figure as ``queries.rows_by_id`` gives it (people killed in Mosul, a stock)."""
    surface = f"{best:,}"
    sentence = f"{surface} people were killed, officials said."
    row: dict[str, object] = {
        "doc": doc, "start": 0, "end": len(surface), "surface": surface, "low": best, "high": best,
        "best": best, "approximate": False, "vague": False, "counted": "people", "unit": "people",
        "category": "killed", "location": "Mosul", "attributed_to": "officials", "sentence": sentence,
        "sentence_start": 0, "geonameid": None, "place_matched": None, "place_kind": None,
        "publisher": "Daily Example", "date": "2017-07-01", "kind": "stock", "as_of": None,
        "period_start": None, "period_end": None, "illustrative": False,
    }  # fmt: skip
    row.update(fields)
    return row


def _grid(*figures_: dict[str, object], max_places: int = aggregate.GRID_PLACES) -> aggregate.AnswerGrid:
    frame = pd.DataFrame.from_records(list(figures_))
    frame.insert(0, "id", range(1, len(frame) + 1))
    return aggregate.answer_grid(frame, max_places=max_places)


def _cell(grid: aggregate.AnswerGrid, **match: object) -> dict[str, object]:
    cells = grid.cells
    for column, value in match.items():
        cells = cells[cells[column] == value]
    assert len(cells) == 1, cells
    return cells.iloc[0].to_dict()


def test_a_cell_holds_the_latest_estimate_with_its_range_date_source_and_agreement() -> None:
    grid = _grid(
        _figure("a", 50, date="2017-06-01", publisher="Radio Example"),
        _figure("b", 100, date="2017-07-01", low=90, high=110, publisher="Reuters"),
        _figure("c", 104, date="2017-07-02", publisher="VOA News", attributed_to="the health ministry"),
    )
    cell = _cell(grid, category="killed")
    assert (cell["value"], cell["low"], cell["high"]) == (102, 100, 104)  # median of the agreeing, their overlap
    assert (cell["agreeing"], cell["estimates"], cell["articles"]) == (2, 2, 2)
    assert cell["time"] == "as of 2017-07-01 – 2017-07-02" and cell["as_of"] == "2017-07-02"
    assert cell["source"] == "the health ministry" and cell["publisher"] == "VOA News"  # the newest article's
    assert cell["other_counts"] == 1  # the June count is an earlier group of the same quantity
    assert list(grid.places["place"]) == ["Mosul"] and grid.total_places == 1


def test_people_and_households_are_never_one_cell() -> None:
    grid = _grid(
        _figure("a", 791, category="displaced"),
        _figure("a", 166, category="displaced", unit="households", counted="families", start=40, end=43),
    )
    cells = grid.cells.sort_values("unit")
    assert list(cells["unit"]) == ["households", "people"]
    assert not grid.cells.duplicated(["place_key", "category", "unit", "kind"]).any()  # one cell each
    assert list(cells["value"]) == [166, 791]


def test_stocks_and_flows_are_apart() -> None:
    grid = _grid(
        _figure("a", 2500, category="displaced"),
        _figure(
            "b",
            40,
            category="displaced",
            kind="flow",
            period="on 1 July",
            period_start="2017-07-01",
            period_end="2017-07-01",
        ),
    )
    assert set(grid.cells["kind"]) == {"stock", "flow"}
    assert _cell(grid, kind="flow")["value"] == 40 and _cell(grid, kind="stock")["value"] == 2500


def test_rates_projections_and_placeless_figures_are_counted_out() -> None:
    grid = _grid(
        _figure("a", 10),
        _figure("a", 30, kind="rate", start=50),
        _figure("a", 9000, kind="projection", start=60),
        _figure("a", 7, location=None, start=70),
    )
    assert grid.left_out == {"rate": 1, "projection": 1, "no place": 1}
    assert len(grid.cells) == 1


def test_places_by_identity_one_row_for_two_spellings_of_one_gazetteer_place() -> None:
    grid = _grid(
        _figure("a", 100, location="Raqqa", geonameid=RAQQA_ID, place_matched="Ar Raqqah", low=90, high=110),
        _figure("b", 102, location="Ar Raqqah", geonameid=RAQQA_ID, place_matched="Ar Raqqah", low=90, high=110),
        _figure("c", 98, location="Raqqa", geonameid=RAQQA_ID, place_matched="Ar Raqqah", low=90, high=110),
    )
    assert len(grid.places) == 1
    place = grid.places.iloc[0]
    assert place["articles"] == 3 and place["link_place"] == "Raqqa"  # Compare opens on the name written most
    assert _cell(grid, category="killed")["agreeing"] == 3


def test_a_part_of_a_place_is_its_own_row() -> None:
    grid = _grid(
        _figure("a", 100),
        _figure("b", 20, location="Mosul's Old City", place_matched="Mosul"),
    )
    assert sorted(grid.places["place"]) == ["Mosul", "Mosul's Old City"]


def test_places_most_articles_report_come_first_and_only_the_top_are_shown() -> None:
    grid = _grid(
        _figure("a", 1, location="Aleppo"),
        _figure("b", 1, location="Raqqa"),
        _figure("c", 1, location="Raqqa"),
        _figure("d", 1, location="Mosul"),
        _figure("e", 1, location="Mosul"),
        _figure("f", 1, location="Mosul"),
        max_places=2,
    )
    assert list(grid.places["place"]) == ["Mosul", "Raqqa"]
    assert grid.total_places == 3 and set(grid.cells["place"]) == {"Mosul", "Raqqa"}


def test_estimates_that_do_not_overlap_show_their_spread_and_disagree() -> None:
    grid = _grid(_figure("a", 100), _figure("b", 5000, date="2017-07-02"))
    cell = _cell(grid, category="killed")
    assert (cell["agreeing"], cell["estimates"]) == (1, 2)
    assert (cell["low"], cell["high"]) == (100, 5000)


def test_the_plain_count_is_shown_before_a_subgroup_and_vague_and_sample_marks_carry() -> None:
    grid = _grid(
        _figure("a", 300, counted="children", surface="300", start=0, end=3),
        _figure("b", 600, low=200, high=999, vague=True, surface="Hundreds", illustrative=True),
    )
    cell = _cell(grid, category="killed")
    assert cell["counted_group"] == "people" and cell["vague"] and cell["illustrative"]
    assert cell["other_counts"] == 1  # the children


def test_a_cell_links_to_compare_with_its_place_and_category_and_the_other_filters() -> None:
    from dashboard.urlstate import filters_from_query, parse_search
    from dashboard.views import overview
    from impact.filters import Filters

    cell = {"link_place": "Ar Raqqah", "category": "in_need", "unit": "households"}
    href = overview.compare_href(Filters(places=("Mosul",), date_from="2017-06-01", vague=False), cell)
    assert href.startswith("/compare?")
    chosen = filters_from_query(parse_search(href.split("?", 1)[1]))
    assert chosen.places == ("Ar Raqqah",) and chosen.categories == ("in_need",)
    assert chosen.units == ("households",) and chosen.date_from == "2017-06-01" and chosen.vague is False


def test_an_empty_selection_gives_an_empty_grid() -> None:
    grid = aggregate.answer_grid(pd.DataFrame(columns=["id", "doc", "low", "high", "best"]))
    assert grid.cells.empty and grid.places.empty and grid.total_places == 0


# -- charts that count people --------------------------------------------------------------


def _selection() -> pd.DataFrame:
    """A snapshot selection: two articles, a repeated headline, households and structures."""
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5, 6],
            "article_id": [1, 1, 1, 2, 2, 2],
            "place": ["Mosul", "Mosul", "Mosul", "Raqqa", "Raqqa", "Raqqa"],
            "category": ["killed", "killed", "displaced", "killed", "displaced", "damaged"],
            "unit": ["people", "people", "households", "people", "people", "structures"],
            "publisher": ["VOA News", "VOA News", "VOA News", "Reuters", "Reuters", "Reuters"],
            "attributed_to": ["WHO", "WHO", None, None, "UNHCR", None],
            "low": [100.0, 100.0, 50.0, 200.0, 200.0, 31.0],
            "high": [120.0, 120.0, 50.0, 999.0, 300.0, 31.0],
            "best": [110.0, 110.0, 50.0, 600.0, 250.0, 31.0],
            "vague": [False, False, False, True, False, False],
            "date": pd.to_datetime(["2017-07-01"] * 3 + ["2017-07-03"] * 3),
        }
    )


def test_people_only_leaves_other_units_out_and_counts_a_repeat_once() -> None:
    people, left_out = aggregate.people_only(_selection())
    assert list(people["id"]) == [1, 4, 5]  # figure 2 repeats figure 1 in the same article
    assert left_out == {"households": 1, "structures": 1}


def test_people_by_publisher_sums_best_estimates_with_lows_and_highs() -> None:
    people, _ = aggregate.people_only(_selection())
    counts, total = aggregate.people_by(people, "publisher", n=1, display=lambda raw: raw.split()[0])
    assert total == 2 and list(counts["name"]) == ["Reuters"]
    reuters = counts.iloc[0]
    assert (reuters["exact"], reuters["vague"], reuters["low"], reuters["high"]) == (250, 600, 400, 1299)
    fig = figures.people_bars(counts, total, "People by publisher", "publishers")
    assert "top 1 of 2 publishers" in fig.layout.title.text
    assert fig.layout.xaxis.title.text.startswith("People")


def test_people_over_time_sums_per_day_and_category() -> None:
    people, _ = aggregate.people_only(_selection())
    frame, period = aggregate.people_over_time(people)
    assert period == "day"
    sums = {(str(p.date()), c): b for p, c, b in zip(frame["period"], frame["category"], frame["best"], strict=True)}
    assert sums == {("2017-07-01", "killed"): 110, ("2017-07-03", "displaced"): 250, ("2017-07-03", "killed"): 600}
    fig = figures.people_over_time_figure(frame, period)
    assert fig.layout.yaxis.type == "log" and "People" in fig.layout.yaxis.title.text
    assert "sum of best estimates" in fig.layout.title.text


def test_latest_by_place_draws_people_only_and_says_it_shows_the_top() -> None:
    grid = _grid(
        _figure("a", 791, category="displaced"),
        _figure("a", 166, category="displaced", unit="households", counted="families", start=40, end=43),
        _figure("b", 12, location="Raqqa"),
    )
    fig = figures.latest_by_place(grid.cells, list(grid.places["place"]), total_places=40)
    assert "top 2 of 40 places" in fig.layout.title.text
    drawn = [x for trace in fig.data for x in trace.x]
    assert sorted(drawn) == [12, 791]  # the households are not on the people axis
    assert list(fig.layout.yaxis.ticktext) == ["Mosul", "Raqqa"]


@pytest.mark.parametrize(
    ("shown", "total", "noun", "text"),
    [(15, 189, "places", "top 15 of 189 places"), (3, 3, "places", "all 3 places"), (1, 1, "places", "1 place")],
    ids=["cut", "all", "one"],
)
def test_top_note(shown: int, total: int, noun: str, text: str) -> None:
    assert figures.top_note(shown, total, noun) == text


def test_a_place_counts_the_articles_of_the_whole_selection_not_only_those_grouped() -> None:
    frame = pd.DataFrame.from_records([_figure("a", 10), _figure("b", 11, location="Raqqa")])
    frame.insert(0, "id", [1, 2])
    grid = aggregate.answer_grid(frame, articles={"mosul": 40, "raqqa": 3})
    assert list(grid.places["place"]) == ["Mosul", "Raqqa"] and list(grid.places["articles"]) == [40, 3]


def test_grid_candidates_take_the_newest_of_each_place_and_category() -> None:
    selection = pd.DataFrame(
        {
            "id": range(1, 8),
            "article_id": [1, 2, 3, 4, 5, 6, 7],
            "place": pd.Categorical(["Raqqa", "Raqqa", "Raqqa", "Ar Raqqah", "Mosul", None, "Aleppo"]),
            "place_matched": pd.Categorical(["Ar Raqqah", "Ar Raqqah", "Ar Raqqah", "Ar Raqqah", None, None, None]),
            "category": ["killed", "killed", "killed", "displaced", "killed", "killed", "killed"],
            "date": pd.to_datetime(["2017-07-01", "2017-07-03", "2017-07-02", "2017-07-01", "2017-07-01", None, None]),
        }
    )
    chosen, places, articles = aggregate.grid_candidates(selection, places=2, per_cell=2)
    assert places == 3 and articles == {"raqqah": 4, "aleppo": 1}
    assert chosen == [2, 3, 4, 7]  # Raqqa's two newest killed, its displaced; Aleppo (ties by name)
