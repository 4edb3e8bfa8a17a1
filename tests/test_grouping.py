"""Which estimates are compared with which: one test per grouping rule, on invented frames.

Every article and figure here is invented (illustrative); none is taken from a real report.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from impact import compare, consensus
from impact.grouping import (
    GROUP_COLUMNS,
    SUMMARY_INPUTS,
    counted_group,
    groups,
    is_subplace,
    names_a_group,
    place_identity,
    same_figure,
    same_place,
    summarise,
    timeline,
)

MOSUL = 99072
IRAQ = 99237
FIXTURES = Path(__file__).parent / "fixtures" / "groups"


def fig(doc: str, surface: str, low: int | None, high: int | None, **extra: Any) -> dict[str, Any]:
    """One stored figure as ``Store.figures()`` gives it (the fields grouping reads)."""
    counted = extra.pop("counted", "people")
    location = extra.pop("location", "Mosul")
    sentence = extra.pop("sentence", f"{surface} {counted} were counted in {location}.")
    best = low if high is None else high if low is None else (low + high) // 2
    row = {
        "doc": doc,
        "start": sentence.find(surface),
        "end": sentence.find(surface) + len(surface),
        "surface": surface,
        "low": low,
        "high": high,
        "best": extra.pop("best", best),
        "approximate": extra.pop("approximate", False),
        "vague": extra.pop("vague", False),
        "counted": counted,
        "unit": extra.pop("unit", "people"),
        "category": extra.pop("category", "killed"),
        "location": location,
        "place_matched": extra.pop("place_matched", "Mosul" if "Mosul" in location else None),
        "geonameid": extra.pop("geonameid", MOSUL if "Mosul" in location else None),
        "attributed_to": extra.pop("attributed_to", None),
        "sentence": sentence,
        "sentence_start": 0,
        "date": extra.pop("date", "2017-06-01"),
        "publisher": extra.pop("publisher", f"Example {doc}"),
    }
    row.update(extra)
    return row


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(rows))


def together(result: pd.DataFrame) -> list[bool]:
    """For each pair of rows in order, whether they share a group."""
    return [bool(a == b) for a, b in combinations(result["group"], 2)]


# -- place identity and scope ------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        pytest.param({"location": "Mosul"}, {"location": "Mosul city"}, True, id="city-word"),
        pytest.param({"location": "Mosul"}, {"location": "Al-Mosul", "geonameid": MOSUL}, True, id="geonames-id"),
        pytest.param({"location": "Mosul"}, {"location": "Mosul's Old City"}, False, id="old-city-is-a-part"),
        pytest.param({"location": "Mosul"}, {"location": "eastern Mosul"}, False, id="eastern-part"),
        pytest.param(
            {"location": "Mosul"},
            {"location": "Iraq", "geonameid": IRAQ, "place_matched": "Iraq"},
            False,
            id="country-is-another-scope",
        ),
        pytest.param(
            {"location": "Mosul"},
            {"location": "Tal Afar", "geonameid": 99131, "place_matched": "Tall 'Afar"},
            False,
            id="another-town",
        ),
    ],
)
def test_same_place_identity_and_scope(a: dict[str, Any], b: dict[str, Any], same: bool) -> None:
    result = groups(frame(fig("a", "1,000", 1000, 1000, **a), fig("b", "1,050", 1050, 1050, **b)))
    assert together(result) == [same]


@pytest.mark.parametrize(
    ("written", "same"),
    [
        ("Derna city", True),
        ("the city of Derna", True),
        ("City of Derna", True),
        ("Derna, Libya", True),
        ("Derna governorate", True),
        ("the Derna", True),
        ("Derna's Old City", False),
        ("Derna, Albayda and Benghazi", False),  # a list of places, not Derna and its parent
        ("Dernaville", False),
    ],
)
def test_one_place_written_differently_is_one_place(written: str, same: bool) -> None:
    assert same_place("Derna", written) is same
    rows = frame(
        fig("a", "1,000", 1000, 1000, location="Derna", geonameid=None, place_matched=None),
        fig("b", "1,050", 1050, 1050, location=written, geonameid=None, place_matched=None),
    )
    assert together(groups(rows)) == [same]


def test_a_subplace_keeps_its_own_name_under_its_parent() -> None:
    key, name, parent = place_identity({"location": "Mosul's Old City", "geonameid": MOSUL, "place_matched": "Mosul"})
    assert key == f"geonames:{MOSUL}>mosul old" and name == "Mosul's Old City" and parent == "Mosul"
    assert is_subplace("Mosul's Old City") and is_subplace("Hasansham camp")
    assert not is_subplace("Mosul city", "Mosul") and not is_subplace("North Darfur") and not is_subplace(None)


def test_compare_includes_subplaces_only_on_request() -> None:
    rows = frame(
        fig("a", "Some 500", 500, 500, counted="civilians", category="trapped"),
        fig("b", "Some 600", 600, 600, counted="civilians", category="trapped", location="Mosul's Old City"),
        fig("c", "Some 650", 650, 650, counted="civilians", category="trapped", location="Mosul city"),
    )
    plain = compare(rows, "Mosul", "trapped")
    assert list(plain["doc"]) == ["a", "c"] and plain["group"].nunique() == 1
    wide = compare(rows, "Mosul", "trapped", subplaces=True)
    assert list(wide["doc"]) == ["a", "b", "c"]
    assert wide["group"].nunique() == 2  # the Old City is its own group, not a disagreement
    assert set(wide["group_label"].str.split(" · ").str[0]) == {"Mosul", "Mosul's Old City"}
    assert list(wide["doc"][wide["group_label"].str.startswith("Mosul's")]) == ["b"]
    assert list(compare(rows, "Mosul's Old City", "trapped")["doc"]) == ["b"]


# -- category and unit -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("b", "same"),
    [
        pytest.param({}, True, id="same-unit"),
        pytest.param({"unit": "households", "counted": "families"}, False, id="families-not-people"),
        pytest.param({"unit": "structures", "counted": "houses", "category": "damaged"}, False, id="houses"),
        pytest.param({"category": "fled"}, False, id="another-category"),
    ],
)
def test_same_category_and_unit(b: dict[str, Any], same: bool) -> None:
    a = fig("a", "35,000", 35000, 35000, category="displaced")
    result = groups(frame(a, fig("b", "34,000", 34000, 34000, **{"category": "displaced", **b})))
    assert together(result) == [same]


# -- the group counted and parts ---------------------------------------------------------


@pytest.mark.parametrize(
    ("counted", "group"),
    [
        ("IS fighters", ("fighters", {"is"})),
        ("ISIL militants", ("fighters", {"is"})),
        ("Daesh fighters", ("fighters", {"is"})),
        ("Iraqi troops", ("forces", {"iraqi"})),
        ("Kurdish Peshmerga forces", ("forces", {"kurdish"})),
        ("foreign fighters", ("fighters", {"foreign"})),
        ("servicemen", ("forces", set())),
        ("children", ("children", set())),
        ("Burmese children", ("children", {"burmese"})),
        ("civilians", ("civilians", set())),
        ("people", ("people", set())),
        ("persons", ("people", set())),
        ("individuals", ("people", set())),
        ("residents", ("people", set())),
        ("inhabitants", ("people", set())),
        ("reported dead", ("people", set())),
        ("Estimated Flood-Affected People", ("people", set())),
        (None, ("people", set())),
        ("IDPs", ("people", {"internal"})),
    ],
)
def test_counted_group(counted: str | None, group: tuple[str, set[str]]) -> None:
    assert counted_group(counted) == (group[0], frozenset(group[1]))


def test_the_group_counted_separates_troops_militants_and_kurdish_forces() -> None:
    rows = frame(
        fig("a", "About 3,000", 3000, 3000, counted="IS fighters", category="fighters", approximate=True),
        fig("a", "Some 18,000", 18000, 18000, counted="Iraqi troops", category="fighters", approximate=True),
        fig("b", "10,000", 10000, 10000, counted="Kurdish forces", category="fighters"),
        fig("b", "3,200", 3200, 3200, counted="Daesh fighters", category="fighters"),
        fig("c", "1,000", 1000, None, counted="foreign fighters", category="fighters"),
    )
    result = compare(rows, "Mosul", "fighters")
    labels = dict(zip(result["surface"], result["group_label"], strict=True))
    assert labels["About 3,000"] == labels["3,200"] == "Mosul · fighters · IS fighters · stock · as of 2017-06-01"
    assert len({labels["About 3,000"], labels["Some 18,000"], labels["10,000"], labels["1,000"]}) == 4
    assert not result["disagrees"].any()  # no longer "Consensus: 10,000, the Kurdish forces"


def test_children_and_a_part_of_whom_are_not_the_total() -> None:
    total = "Some 1,200 people have been killed in Mosul, including 300 children."
    part = "At least 900 were killed in Mosul, of whom 250 were civilians."
    rows = frame(
        fig("a", "Some 1,200", 1200, 1200, sentence=total),
        fig("a", "300", 300, 300, counted="children", sentence=total),
        fig("b", "1,100", 1100, 1100),
        fig("b", "280", 280, 280, counted="children"),
        fig("c", "At least 900", 900, None, counted=None, sentence=part),
        fig("c", "250", 250, 250, counted=None, sentence=part),
    )
    result = groups(rows)
    group = dict(zip(result["surface"], result["group"], strict=True))
    assert group["Some 1,200"] == group["1,100"] == group["At least 900"]
    assert group["300"] == group["280"] != group["Some 1,200"]
    assert group["250"] not in (group["At least 900"], group["300"])
    assert bool(result.loc[result["surface"] == "250", "part"].iloc[0])


def test_internally_displaced_are_not_all_displaced() -> None:
    rows = frame(
        fig("a", "4.5 million", 4_500_000, None, category="displaced", location="Sudan", geonameid=366755,
            sentence="More than 4.5 million people have been displaced inside and outside Sudan."),
        fig("b", "3.6 million", 3_600_000, None, category="displaced", location="Sudan", geonameid=366755,
            sentence="More than 3.6 million people have been displaced internally, the IOM said."),
        fig("c", "3.5 million", 3_500_000, None, counted="IDPs", category="displaced", location="Sudan",
            geonameid=366755),
    )  # fmt: skip
    assert together(groups(rows)) == [False, False, True]


def in_sentence(
    doc: str, sentence: str, *figures: tuple[str, int | None, int | None, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Figures of one sentence, each at its own offset (searched after the one before)."""
    rows, position = [], 0
    for surface, low, high, extra in figures:
        start = sentence.index(surface, position)
        position = start + len(surface)
        rows.append(fig(doc, surface, low, high, sentence=sentence, start=start, end=position, **extra))
    return rows


@pytest.mark.parametrize(
    ("sentence", "first", "second", "counted"),
    [
        pytest.param(
            "Azerbaijan lost 2,906 troops, with 6 missing in action.",
            ("2,906", {"counted": "troops"}), ("6", {"counted": "missing", "category": "missing"}),
            "forces", id="with-after-troops",
        ),
        pytest.param(
            "The army reported 3,825 servicemen dead during the war, [3] while 187 remained missing.",
            ("3,825", {"counted": "servicemen"}), ("187", {"counted": "remained missing", "category": "missing"}),
            "forces", id="while-after-a-citation",
        ),
        pytest.param(
            "Casualties: 782+ civilians killed, 1,143+ injured (May 2024)",
            ("782+", {"counted": "civilians"}), ("1,143+", {"counted": "injured", "category": "injured"}),
            "civilians", id="list-comma",
        ),
        pytest.param(
            "+26,000 violent deaths 61,000 killed overall",
            ("+26,000", {"counted": "violent deaths"}), ("61,000", {"counted": None}),
            "people", id="no-connector-no-ellipsis",
        ),
        pytest.param(
            "Officials said 12 soldiers died. By Friday 300 had died in the city.",
            ("12", {"counted": "soldiers"}), ("300", {"counted": None}),
            "people", id="sentence-stop",
        ),
        pytest.param(
            "Some 50 soldiers and 20 civilians were killed.",
            ("50", {"counted": "soldiers"}), ("20", {"counted": "civilians"}),
            "civilians", id="own-noun-wins",
        ),
        pytest.param(
            "Casualties: 204 residents killed (4 children), 505 injured",
            ("4", {"counted": "children"}), ("505", {"counted": "injured", "category": "injured"}),
            "people", id="not-across-a-bracket",
        ),
        pytest.param(
            "The helicopter carried 5 soldiers, 9 of the rescue team and 6 of the crew.",
            ("5", {"counted": "soldiers"}), ("9", {"counted": None}),
            "people", id="own-of-phrase",
        ),
        pytest.param(
            "We are near the 250,000 arrivals mark…last year, we did not hit 3,000 until May.",
            ("250,000", {"counted": "arrivals"}), ("3,000", {"counted": None}),
            "people", id="ellipsis-mark-is-a-stop",
        ),
        pytest.param(
            "Some 40 families and 200 were displaced.",
            ("40", {"counted": "families", "unit": "households"}), ("200", {"counted": None}),
            "people", id="another-unit",
        ),
    ],
)  # fmt: skip
def test_an_elided_group_is_the_figure_befores(
    sentence: str, first: tuple[str, dict[str, Any]], second: tuple[str, dict[str, Any]], counted: str
) -> None:
    rows = in_sentence("a", sentence, (first[0], 1, 1, first[1]), (second[0], 2, 2, second[1]))
    assert groups(frame(*rows))["counted_group"].iloc[1] == counted


@pytest.mark.parametrize(
    ("counted", "names"),
    [("troops", True), ("Armenian civilians", True), ("missing", False), ("remained missing", False), (None, False)],
)
def test_names_a_group(counted: str | None, names: bool) -> None:
    assert names_a_group(counted) is names


def test_an_elided_group_puts_two_reports_of_a_side_together() -> None:
    dated = in_sentence(
        "a", "Per Azerbaijan: 2,906 servicemen killed, 6 servicemen missing",
        ("2,906", 2906, 2906, {"counted": "servicemen"}),
        ("6", 6, 6, {"counted": "servicemen missing", "category": "missing"}),
    )  # fmt: skip
    undated = in_sentence(
        "b", "Azerbaijan lost 2,906 troops, with 6 missing in action.",
        ("2,906", 2906, 2906, {"counted": "troops", "date": None}),
        ("6", 6, 6, {"counted": "missing", "category": "missing", "date": None}),
    )  # fmt: skip
    result = groups(frame(*dated, *undated))
    assert together(result) == [False, True, False, False, True, False]


@pytest.mark.parametrize(
    ("sentence", "surface", "additional"),
    [
        ("At least 498 children, and likely hundreds more, have died of hunger.", "likely hundreds", True),
        ("About 800 died in the town, with about 100 more in the villages.", "about 100", True),
        ("More than 500 children have died of hunger.", "More than 500", False),
        ("500 children, more than the week before, have died.", "500", False),
    ],
)
def test_a_figure_followed_by_more_counts_an_addition(sentence: str, surface: str, additional: bool) -> None:
    row = fig("a", surface, 200, 999, counted="children", sentence=sentence)
    assert ("additional" in groups(frame(row))["counted_group"].iloc[0]) is additional


def test_more_after_another_category_is_no_addition() -> None:
    rows = in_sentence(
        "a", "The storm killed 66 people and injured 111 more.",
        ("66", 66, 66, {"counted": "people"}),
        ("111", 111, 111, {"counted": None, "category": "injured"}),
    )  # fmt: skip
    assert list(groups(frame(*rows))["counted_group"]) == ["people", "people"]


def test_an_addition_is_not_another_estimate_of_the_count_before_it() -> None:
    rows = in_sentence(
        "a", "At least 498 children, and likely hundreds more, have died of hunger.",
        ("At least 498", 498, None, {"counted": "children"}),
        ("likely hundreds", 200, 999, {"counted": None, "approximate": True, "vague": True}),
    )  # fmt: skip
    result = groups(frame(*rows))
    assert together(result) == [False]
    assert list(result["counted_group"]) == ["children", "additional children"]


# -- the kind of count -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "kind"),
    [
        ("Up to 400,000 people may flee Mosul, the UN said.", "Up to 400,000", "projection"),
        ("As many as 350,000 people could flee Mosul if fighting spreads.", "As many as 350,000", "projection"),
        ("Some 200,000 people have fled Mosul since October.", "Some 200,000", "stock"),
        ("About 2,000 people a day are fleeing Mosul.", "About 2,000", "rate"),
        ("In the past 24 hours, 40 people were killed in Mosul.", "40", "flow"),
        ("40 people were killed in Mosul overnight.", "40", "flow"),
        ("In the past 24 hours, 40 died, bringing the total to 900.", "900", "stock"),
        ("In May, 2,000 people fled Mosul.", "2,000", "stock"),
        ("(Example Daily) About 3,000 IS fighters remain in Mosul.", "About 3,000", "stock"),
    ],
)
def test_kind_read_from_the_clause_without_a_kind_column(sentence: str, surface: str, kind: str) -> None:
    row = fig("a", surface, 1, 1, sentence=sentence, category="fled")
    assert groups(frame(row))["kind"].iloc[0] == kind


def test_a_projection_a_rate_an_increment_and_a_stock_are_four_quantities() -> None:
    rows = frame(
        fig("a", "Up to 400,000", None, 400_000, category="fled", sentence="Up to 400,000 people may flee Mosul."),
        fig("b", "Some 200,000", 200_000, 200_000, category="fled",
            sentence="Some 200,000 people have fled Mosul since October."),
        fig("c", "About 2,000", 2000, 2000, category="fled", sentence="About 2,000 people a day are fleeing Mosul."),
        fig("d", "More than 190,000", 190_000, None, category="fled", date="2017-06-02",
            sentence="More than 190,000 people have fled Mosul so far."),
    )  # fmt: skip
    result = groups(rows)
    assert list(result["kind"]) == ["projection", "stock", "rate", "stock"]
    assert together(result) == [False, False, False, False, True, False]
    assert not result["disagrees"].any()


def test_the_kind_column_wins_and_a_missing_kind_is_a_stock() -> None:
    rows = frame(
        fig("a", "40", 40, 40, kind="flow", period="in the past 24 hours", period_start="2017-05-31",
            period_end="2017-06-01"),
        fig("b", "900", 900, 900, kind=None),
        fig("c", "960", 960, 960, kind="stock", date="2017-06-03"),
        fig("d", "1,355", 1355, 1355, kind="flow", period="since the offensive began", period_start="2017-01-01",
            date="2017-06-02"),
    )  # fmt: skip
    result = groups(rows)
    assert list(result["kind"]) == ["flow", "stock", "stock", "stock"]  # a long window is a running total
    assert together(result) == [False, False, False, True, True, True]


def test_increments_compare_over_the_same_window_only() -> None:
    daily = "In the past 24 hours, {n} civilians were killed in Mosul."
    rows = frame(
        fig("a", "40", 40, 40, counted="civilians", sentence=daily.format(n=40), date="2017-06-03"),
        fig("b", "38", 38, 38, counted="civilians", sentence=daily.format(n=38), date="2017-06-03"),
        fig("c", "35", 35, 35, counted="civilians", sentence=daily.format(n=35), date="2017-06-05"),
    )
    result = groups(rows)
    assert list(result["kind"]) == ["flow"] * 3
    assert together(result) == [True, False, False]
    assert result["group_label"].iloc[0].endswith("civilians · flow · on 2017-06-03")


# -- time --------------------------------------------------------------------------------


def test_stocks_within_the_tolerance_are_compared_later_ones_form_a_timeline() -> None:
    rows = frame(
        *(
            fig(doc, surface, n, n, approximate=True, counted="IS fighters", category="fighters", date=day)
            for doc, surface, n, day in (
                ("a", "About 3,000", 3000, "2017-06-01"),
                ("b", "about 3,200", 3200, "2017-06-06"),
                ("c", "About 1,500", 1500, "2017-06-20"),
                ("d", "around 1,600", 1600, "2017-06-21"),
            )
        )
    )
    result = groups(rows)
    assert together(result) == [True, False, False, False, False, True]
    assert result["series"].nunique() == 1 and not result["disagrees"].any()
    assert list(result["latest"]) == [False, False, True, True]
    assert list(result["time"]) == ["as of 2017-06-01 – 2017-06-06"] * 2 + ["as of 2017-06-20 – 2017-06-21"] * 2
    line = timeline(result)
    assert list(line["time"]) == ["as of 2017-06-01 – 2017-06-06", "as of 2017-06-20 – 2017-06-21"]
    assert list(line["latest"]) == [False, True]
    # the tolerance is a parameter: a month puts all four together, and only two agree
    wide = summarise(groups(rows, tolerance_days=31))
    assert len(wide) == 1 and (wide["estimates"].iloc[0], wide["agreeing"].iloc[0]) == (4, 2)
    # and a window never grows past it: 1 June anchors, 6 June joins, 9 June starts anew
    chained = groups(frame(*[fig(d, "9", 9, 9, date=f"2017-06-0{d}") for d in "169"]), tolerance_days=5)
    assert together(chained) == [True, False, False]


def test_the_as_of_date_beats_the_article_date() -> None:
    rows = frame(
        fig("a", "3.6 million", 3_600_000, 3_600_000, category="displaced", date="2023-08-23", as_of="2023-08-22"),
        fig("b", "3.4 million", 3_400_000, 3_400_000, category="displaced", date="2023-09-30", as_of="2023-08-20"),
    )
    assert together(groups(rows)) == [True]


def test_undated_estimates_meet_other_articles_only_when_their_ranges_meet() -> None:
    rows = frame(
        fig("a", "2,906", 2906, 2906, date=None),
        fig("a", "2,906", 2906, 2906, date=None, start=90),
        fig("b", "3,000", 3000, 3000, date=None),
        fig("c", "2,906", 2906, 2906, date=None),
    )
    assert together(groups(rows)) == [True, False, True, False, True, False]
    assert together(groups(rows, pool_undated=True)) == [True] * 6


def test_a_month_only_as_of_is_like_undated() -> None:
    september = {"period": "September 2022", "period_start": "2022-09-01", "period_end": "2022-09-30"}
    rows = frame(
        fig("a", "1,355", 1355, 1355, date=None, kind="stock", as_of="2022-09-30", **september),
        fig("b", "1,693", 1693, 1693, date=None, kind="stock", as_of="2022-09-30", **september),
        fig("b", "33 million", 33_000_000, 33_000_000, category="affected", date=None, kind="stock",
            as_of="2022-09-30", **september),
        fig("a", "33 million", 33_000_000, 33_000_000, category="affected", date=None, kind="stock",
            as_of="2022-09-30", **september),
    )  # fmt: skip
    result = groups(rows)
    assert together(result) == [False, False, False, False, False, True]
    assert result["time"].iloc[0] == "within 2022-09-01 – 2022-09-30"


def test_an_undated_figure_joins_its_own_articles_dated_one() -> None:
    rows = frame(
        fig("a", "1,355", 1355, 1355, date=None, kind="stock", as_of="2022-09-07", period="As of September 7"),
        fig("a", "at least 1,355", 1355, None, date=None, kind="stock", period="since June 14",
            period_start="2022-06-14"),
        fig("b", "1,400", 1400, 1400, date=None, kind="stock"),
    )  # fmt: skip
    result = groups(rows)
    assert together(result) == [True, False, False]
    assert list(result["time"][:2]) == ["as of 2022-09-07"] * 2


def test_two_different_counts_in_one_article_are_two_quantities() -> None:
    listing = frame(
        fig("a", "2,906", 2906, 2906, counted="servicemen", sentence="2,906 servicemen killed"),
        fig("a", "3,825", 3825, 3825, counted="servicemen", sentence="3,825 servicemen killed"),
        fig("a", "2,900", 2900, 2900, counted="servicemen", sentence="Azerbaijan lost 2,900 servicemen."),
    )
    assert together(groups(listing)) == [False, True, False]
    sides = frame(
        fig("a", "2,906", 2906, 2906, counted="servicemen", attributed_to="Azerbaijan"),
        fig("a", "3,825", 3825, 3825, counted="servicemen", attributed_to="Armenia"),
    )
    assert together(groups(sides)) == [False]  # two sources do not make them one quantity
    near = frame(
        fig("a", "At least 10,000", 10000, None, attributed_to="the foreign minister"),
        fig("a", "15,000", 15000, 15000, attributed_to="Xinhua"),
        fig("a", "only 351", 351, 351),
    )
    assert together(groups(near)) == [True, False, False]  # an open bound meets twice its value


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (2906, 2906, True),
        (138_000, 138_373, True),
        (138_373, 138_000, True),
        (4_500_000, 4_500_000, True),
        (1400, 1355, True),
        (10, 12, False),  # one significant digit is no rounding to speak of
        (8000, 10_000, False),
        (3000, 3400, False),
        (None, 5, False),
    ],
)
def test_same_figure_to_its_rounding(a: int | None, b: int | None, same: bool) -> None:
    assert same_figure(a, b) is same


def test_an_undated_figure_that_repeats_another_articles_dated_one_is_that_figure() -> None:
    rows = frame(
        fig("a", "2,906", 2906, 2906, counted="servicemen", date="2020-11-20"),
        fig("b", "2,906", 2906, 2906, counted="troops", date=None),
        fig("c", "2,900", 2900, 2900, counted="troops", date=None),  # a rounder figure may be another time
        fig("d", "3,825", 3825, 3825, counted="troops", date=None),
    )
    result = groups(rows)
    assert together(result) == [True, False, False, False, False, False]
    assert list(result["time"][:2]) == ["as of 2020-11-20"] * 2


@pytest.mark.parametrize(
    ("flow_sentence", "flow", "stock", "same"),
    [
        pytest.param(
            "The storm made landfall on 3 March, causing at least 12,345 deaths.", ("at least 12,345", 12345, None),
            ("12,000", 12000, 12000), True, id="event-date-then-rounded-toll",
        ),
        pytest.param(
            "More than 2.5 million people have fled since the war erupted on 1 March.",
            ("More than 2.5 million", 2_500_000, None), ("more than 2.5 million", 2_500_000, None), True,
            id="running-total-start-read-as-a-day",
        ),
        pytest.param(
            "On 3 March, 40 people were killed in Mosul.", ("40", 40, 40), ("12,000", 12000, 12000), False,
            id="a-day-of-another-figure-stays-a-flow",
        ),
    ],
)  # fmt: skip
def test_a_short_flow_that_repeats_its_articles_stock_is_that_stock(
    flow_sentence: str, flow: tuple[str, int, int | None], stock: tuple[str, int, int | None], same: bool
) -> None:
    day = {"period": "on 3 March", "period_start": "2017-03-03", "period_end": "2017-03-03", "as_of": "2017-03-03"}
    rows = frame(
        fig("a", flow[0], flow[1], flow[2], kind="flow", sentence=flow_sentence, date="2017-05-01", **day),
        fig("a", stock[0], stock[1], stock[2], kind="stock", date="2017-05-01"),
    )
    result = groups(rows)
    assert together(result) == [same]
    assert list(result["kind"]) == ["stock", "stock"] if same else ["flow", "stock"]


def test_two_sides_listed_apart_stay_apart_when_another_count_comes_close() -> None:
    listing = frame(
        fig("a", "2,906", 2906, 2906, counted="servicemen", attributed_to="Azerbaijan"),
        fig("a", "11,110", 11110, 11110, counted="servicemen", category="injured", attributed_to="Azerbaijan"),
        fig("a", "3,825", 3825, 3825, counted="servicemen", attributed_to="Armenia"),
        fig("a", "~11,000", 11000, 11000, approximate=True, counted="servicemen", category="injured",
            attributed_to="Armenia"),
    )  # fmt: skip
    assert together(groups(listing)) == [False] * 6
    # one source giving both sides' counts does not make it the other side of a second source
    both = frame(
        fig("a", "3,825", 3825, 3825, counted="troops", attributed_to="the belligerents"),
        fig("a", "2,906", 2906, 2906, counted="troops", attributed_to="the belligerents"),
        fig("a", "3,825", 3825, 3825, counted="servicemen", attributed_to="the Armenian side"),
    )
    assert together(groups(both)) == [False, True, False]
    # two sources that agree on a count are not sides
    agree = frame(
        fig("a", "At least 10,000", 10000, None, attributed_to="the foreign minister"),
        fig("a", "15,000", 15000, 15000, attributed_to="Xinhua"),
        fig("a", "3,000", 3000, 3000, category="missing", attributed_to="the foreign minister"),
        fig("a", "3,100", 3100, 3100, category="missing", attributed_to="Xinhua"),
    )
    assert together(groups(agree)) == [True, False, False, False, False, True]


def test_counts_one_article_keeps_apart_have_labels_of_their_own() -> None:
    rows = frame(
        fig("a", "At least 10,000", 10000, None),
        fig("a", "only 351", 351, 351),
        fig("a", "12", 12, 12),
    )
    result = groups(rows)
    assert result["group"].nunique() == 3
    assert list(result["group_label"]) == [
        "Mosul · killed · people · stock · as of 2017-06-01",
        "Mosul · killed · people · stock · as of 2017-06-01 · another count",
        "Mosul · killed · people · stock · as of 2017-06-01 · another count (2)",
    ]


# -- known misses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("other", "same", "category"),
    [
        pytest.param(
            {"surface": "more than 10,000", "low": 10000, "high": None,
             "sentence": "The minister said casualties have risen to more than 10,000."},
            True, "killed", id="casualties-repeating-the-toll",
        ),
        pytest.param(
            {"surface": "more than 12,000", "low": 12000, "high": None,
             "sentence": "The minister said casualties have risen to more than 12,000."},
            False, "other", id="another-figure-stays-other",
        ),
        pytest.param(
            {"surface": "more than 10,000", "low": 10000, "high": None, "date": "2017-06-20",
             "sentence": "Casualties have risen to more than 10,000."},
            False, "other", id="another-time-stays-other",
        ),
        pytest.param(
            {"surface": "more than 10,000", "low": 10000, "high": None, "counted": "children",
             "sentence": "More than 10,000 children live in the camps."},
            False, "other", id="another-group-stays-other",
        ),
    ],
)  # fmt: skip
def test_an_uncategorised_figure_repeating_its_articles_estimate_is_that_estimate(
    other: dict[str, Any], same: bool, category: str
) -> None:
    rows = frame(
        fig("a", "At least 10,000", 10000, None, counted="people", category="killed"),
        fig("a", other.pop("surface"), other.pop("low"), other.pop("high"), category="other",
            **{"counted": None, **other}),
    )  # fmt: skip
    result = groups(rows)
    assert together(result) == [same]
    assert result["group_label"].iloc[1].split(" · ")[1] == category
    assert list(result["category"]) == ["killed", "other"]  # the figure keeps its own category
    assert list(summarise(result)["category"]) == (["killed"] if same else ["killed", "other"])


def test_one_phrase_split_into_two_categories_is_one_estimate() -> None:
    sentence = "The storm left thousands and thousands of affected people."
    rows = frame(
        fig("a", "thousands", 2000, 9999, vague=True, counted="affected people", category="other", sentence=sentence),
        fig("a", "thousands", 2000, 9999, vague=True, counted="affected people", category="affected",
            sentence=sentence, start=sentence.rindex("thousands")),
        fig("a", "thousands", 2000, 9999, vague=True, counted="dead", category="killed",
            sentence="Floods leave thousands dead", start=0),
    )  # fmt: skip
    assert together(groups(rows)) == [True, False, False]


WRONG_CATEGORY = (
    "the extractor's category is wrong (a key-figures row whose captions it cannot pair): grouping trusts it"
)


@pytest.mark.xfail(strict=True, reason=WRONG_CATEGORY)
def test_known_miss_a_key_figure_filed_under_another_category() -> None:
    rows = frame(
        fig("a", "43.4K", 43400, 43400, counted=None, category="affected", sentence="250K 164K 43.4K 4,352"),
        fig("a", "over 43,400", 43400, None, category="displaced",
            sentence="Only 1,143 out of over 43,400 people displaced live in collective sites."),
    )  # fmt: skip
    assert together(groups(rows)) == [True]


@pytest.mark.xfail(strict=True, reason=WRONG_CATEGORY)
def test_known_miss_two_key_figures_filed_under_one_category() -> None:
    sentence = "250K 164K 43.4K 4,352 >8,000 4,942"
    rows = frame(
        fig("a", "4,352", 4352, 4352, counted=None, category="affected", sentence=sentence),  # deaths
        fig("a", "4,942", 4942, 4942, counted=None, category="affected", sentence=sentence),  # cases of diarrhoea
    )
    assert together(groups(rows)) == [False]


@pytest.mark.xfail(strict=True, reason="two claims far apart in one article: an open '95+' is closed at twice")
def test_known_miss_two_claims_of_one_quantity_far_apart_in_one_article() -> None:
    rows = frame(
        fig("a", "95+", 95, None, attributed_to="the army"),
        fig("a", "15,470", 15470, 15470, attributed_to="an allied militia"),
    )
    assert together(groups(rows)) == [True]


# -- hedges, copies and the consensus ----------------------------------------------------


@pytest.mark.parametrize(
    ("b", "disagrees"),
    [
        pytest.param({"surface": "3,400", "low": 3400, "high": 3400}, True, id="exact-apart"),
        pytest.param({"surface": "about 3,250", "low": 3250, "high": 3250, "approximate": True}, False, id="about"),
        pytest.param({"surface": "thousands", "low": 2000, "high": 9999, "vague": True}, False, id="vague-band"),
        pytest.param({"surface": "about 4,000", "low": 4000, "high": 4000, "approximate": True}, True, id="too-far"),
    ],
)
def test_a_hedge_is_a_tolerance(b: dict[str, Any], disagrees: bool) -> None:
    a = fig("a", "about 3,000", 3000, 3000, approximate=True, counted="IS fighters", category="fighters")
    other = fig("b", b.pop("surface"), counted="IS fighters", category="fighters", **b)
    result = groups(frame(a, other))
    assert result["group"].nunique() == 1
    assert list(result["disagrees"]) == [disagrees, disagrees]
    assert (result["tolerance_low"].iloc[0], result["tolerance_high"].iloc[0]) == (2700, 3300)


def test_a_syndicated_copy_counts_once() -> None:
    sentence = "About 3,000 IS fighters remain in Mosul, Iraqi commanders said on Thursday."
    rows = frame(
        fig("wire", "About 3,000", 3000, 3000, approximate=True, counted="IS fighters", category="fighters",
            sentence=sentence),
        fig("daily", "About 3,000", 3000, 3000, approximate=True, counted="IS fighters", category="fighters",
            sentence="Headline\n\nMOSUL, Iraq (Example Daily) - " + sentence + " ", date="2017-06-02"),
        fig("monitor", "5,000", 5000, 5000, counted="IS fighters", category="fighters"),
    )  # fmt: skip
    result = groups(rows)
    assert result["group"].nunique() == 1
    assert list(result["duplicate_of"].fillna("")) == ["", "wire", ""]
    summary = summarise(result)
    assert (summary["estimates"].iloc[0], summary["copies"].iloc[0]) == (2, 1)
    assert list(result["disagrees"]) == [True, False, True]


def test_summary_gives_band_conservative_and_central_with_the_method() -> None:
    rows = frame(
        fig("a", "at least 3,000", 3000, None),
        fig("b", "3,500", 3500, 3500),
        fig("c", "3,000 to 4,000", 3000, 4000),
        fig("d", "1,000", 1000, 1000),
    )
    summary = summarise(groups(rows))
    assert len(summary) == 1
    row = summary.iloc[0]
    assert (row["band_low"], row["band_high"], row["agreeing"], row["disagreeing"]) == (3500, 3500, 3, 1)
    assert (row["conservative"], row["central"]) == (3000, 3500.0)
    assert "lowest best" in row["method"] and "median" in row["method"]
    assert row["group_label"] == "Mosul · killed · people · stock · as of 2017-06-01"


def test_summarise_reads_only_its_declared_columns() -> None:
    """The dashboard hands ``summarise`` only ``SUMMARY_INPUTS``; the answer is the same."""
    rows = frame(
        fig("a", "at least 3,000", 3000, None),
        fig("b", "3,500", 3500, 3500),
        fig("c", "3,000 to 4,000", 3000, 4000, date="2017-06-20"),
        fig("d", "200 households", 200, 200, unit="households"),
        fig("e", "12 children", 12, 12, counted="children"),
    )
    grouped = groups(rows)
    narrow = grouped[[c for c in SUMMARY_INPUTS if c in grouped.columns]]
    pd.testing.assert_frame_equal(summarise(narrow), summarise(grouped))


def test_groups_frame_has_one_row_per_estimate_with_its_identity() -> None:
    rows = frame(fig("a", "1", 1, 1), fig("b", "2", 2, 2, category="injured"))
    result = groups(rows)
    assert len(result) == 2 and list(result.columns[-len(GROUP_COLUMNS) :]) == list(GROUP_COLUMNS)
    assert {"doc", "start", "end", "surface", "category", "geonameid"} <= set(result.columns)
    assert groups(rows.iloc[0:0]).empty


def test_compare_answers_the_main_group_and_lists_all_groups() -> None:
    rows = frame(
        fig("a", "About 3,000", 3000, 3000, approximate=True, counted="IS fighters", category="fighters"),
        fig("b", "3,100", 3100, 3100, counted="IS fighters", category="fighters", date="2017-06-02"),
        fig("c", "18,000", 18000, 18000, counted="Iraqi troops", category="fighters"),
    )
    result = compare(rows, "Mosul", "fighters")
    assert len(result.attrs["groups"]) == 2
    agreement = consensus(result)
    assert (agreement.estimates, agreement.low, agreement.high) == (2, 3100, 3100)
    assert consensus(result.copy().pipe(lambda r: setattr(r, "attrs", {}) or r)).estimates == 2


# -- the invented multi-article set ------------------------------------------------------


def test_invented_articles_group_as_labelled(tmp_path: Path) -> None:
    """The invented Mosul articles (tests/fixtures/groups/articles) extracted, stored and grouped:
    pairwise precision and recall against the hand labels (floors, with the extractor's misses)."""
    from impact import ingest
    from impact.store import Store

    labels = json.loads((FIXTURES / "invented_labels.json").read_text(encoding="utf-8"))["figures"]
    with Store(tmp_path / "groups.db") as store:
        ingest([FIXTURES / "articles"], store)
        stored = store.figures()
    result = groups(stored)
    found: dict[int, str] = {}
    for label in labels:
        rows = stored[
            (stored["doc"] == label["doc"]) & (stored["start"] < label["end"]) & (stored["end"] > label["start"])
        ]
        if len(rows):
            found[int(rows.index[0])] = label["group"]
    assert len(found) >= 0.9 * len(labels)
    tp = fp = fn = 0
    for a, b in combinations(sorted(found), 2):
        gold, said = found[a] == found[b], bool(result.loc[a, "group"] == result.loc[b, "group"])
        tp, fp, fn = tp + (gold and said), fp + (said and not gold), fn + (gold and not said)
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.8, (tp, fp, fn)
    assert stored["illustrative"].all()
