"""SPEC "Values", row by row: the number expression, its bounds and flags."""

from __future__ import annotations

import pytest

from impact import extract


def only(text: str):
    figures = extract(text, geocode=False)
    assert len(figures) == 1, [f.surface for f in figures]
    return figures[0]


# text, surface, low, high, approximate, vague
CASES = [
    # exact numbers, digits and words
    ("five people were killed", "five", 5, 5, False, False),
    (
        "Nine hundred and twenty-one families were displaced",
        "Nine hundred and twenty-one",
        921,
        921,
        False,
        False,
    ),
    ("1.1 million people were affected", "1.1 million", 1_100_000, 1_100_000, False, False),
    ("2.14 lakh people were displaced", "2.14 lakh", 214_000, 214_000, False, False),
    ("397.000 Somali refugees live there", "397.000", 397_000, 397_000, False, False),
    ("9 380 people were evacuated", "9 380", 9_380, 9_380, False, False),
    ("Thirteen civilians died", "Thirteen", 13, 13, False, False),
    ("half a million people fled", "half a million", 500_000, 500_000, False, False),
    ("a dozen soldiers were killed", "a dozen", 12, 12, False, False),
    ("the report counted with14,593 people displaced", "14,593", 14_593, 14_593, False, False),
    ("27 crore people were affected", "27 crore", 270_000_000, 270_000_000, False, False),
    ("2.5m people need aid", "2.5m", 2_500_000, 2_500_000, False, False),
    ("1bn people are affected", "1bn", 1_000_000_000, 1_000_000_000, False, False),
    ("twenty-five people died", "twenty-five", 25, 25, False, False),
    ("a thousand million people are affected", "a thousand million", 10**9, 10**9, False, False),
    (
        "two million three hundred thousand people fled",
        "two million three hundred thousand",
        2_300_000,
        2_300_000,
        False,
        False,
    ),
    ("4.1 million people are affected", "4.1 million", 4_100_000, 4_100_000, False, False),
    (
        "An estimated 1.2 to 1.5 million people need aid",
        "An estimated 1.2 to 1.5 million",
        1_200_000,
        1_500_000,
        True,
        False,
    ),
    # lower bounds
    ("at least 73 people died", "at least 73", 73, None, False, False),
    ("more than 800,000 Kenyans were affected", "more than 800,000", 800_000, None, False, False),
    ("over 100,000 people have been displaced", "over 100,000", 100_000, None, False, False),
    ("the number exceeded 30,000 evacuated persons", "exceeded 30,000", 30_000, None, False, False),
    ("a minimum of 40 houses were destroyed", "a minimum of 40", 40, None, False, False),
    ("500+ civilians were trapped", "500+", 500, None, False, False),
    # upper bounds
    (
        "up to half a million people were displaced",
        "up to half a million",
        None,
        500_000,
        False,
        False,
    ),
    ("as many as 300 fighters remain", "as many as 300", None, 300, False, False),
    ("a maximum of 6000 inhabitants lost power", "a maximum of 6000", None, 6000, False, False),
    # nearly / almost
    ("nearly 2,000 homes were destroyed", "nearly 2,000", 1_800, 2_000, True, False),
    ("almost 100 homes were destroyed", "almost 100", 90, 100, True, False),
    # approximate
    ("about 500 families were displaced", "about 500", 500, 500, True, False),
    ("some 18,000 households were affected", "some 18,000", 18_000, 18_000, True, False),
    ("an estimated 2,500 IS fighters", "an estimated 2,500", 2_500, 2_500, True, False),
    ("roughly 15,000 homes were destroyed", "roughly 15,000", 15_000, 15_000, True, False),
    ("~300 people were evacuated", "~300", 300, 300, True, False),
    ("about a dozen people died", "about a dozen", 12, 12, True, False),
    # ranges
    ("the remaining 200 to 300 IS extremists", "200 to 300", 200, 300, False, False),
    (
        "an estimated 250,000 - 300,000 people fled",
        "an estimated 250,000 - 300,000",
        250_000,
        300_000,
        True,
        False,
    ),
    (
        "between 18,000 and 25,000 people were displaced",
        "between 18,000 and 25,000",
        18_000,
        25_000,
        False,
        False,
    ),
    ("from 40 to 60 people were injured", "from 40 to 60", 40, 60, False, False),
    ("anywhere from 300 to 2000 people died", "anywhere from 300 to 2000", 300, 2000, False, False),
    (
        "10 to 20 million people were affected",
        "10 to 20 million",
        10_000_000,
        20_000_000,
        False,
        False,
    ),
    (
        "An estimated 25,000 to 30,000 IDPs lack shelter",
        "An estimated 25,000 to 30,000",
        25_000,
        30_000,
        True,
        False,
    ),
    ("12–15 soldiers were wounded", "12–15", 12, 15, False, False),
    # vague magnitudes
    ("tens of civilians were killed", "tens", 20, 99, False, True),
    ("dozens of homes were destroyed", "dozens", 24, 99, False, True),
    ("scores of people were injured", "scores", 40, 99, False, True),
    ("Hundreds of civilians fled", "Hundreds", 200, 999, False, True),
    ("several hundred people died", "several hundred", 300, 900, False, True),
    ("thousands of people were affected", "thousands", 2_000, 9_999, False, True),
    ("several thousand soldiers were deployed", "several thousand", 3_000, 9_000, False, True),
    (
        "tens of thousands of civilians are trapped",
        "tens of thousands",
        20_000,
        99_999,
        False,
        True,
    ),
    (
        "hundreds of thousands of people need aid",
        "hundreds of thousands",
        200_000,
        999_999,
        False,
        True,
    ),
    ("millions of people were left homeless", "millions", 2_000_000, 9_999_999, False, True),
    ("a few families returned", "a few", 3, 5, False, True),
]


@pytest.mark.parametrize(("text", "surface", "low", "high", "approximate", "vague"), CASES, ids=[c[1] for c in CASES])
def test_value(text: str, surface: str, low, high, approximate: bool, vague: bool) -> None:
    figure = only(text)
    assert figure.surface == surface
    assert (figure.low, figure.high) == (low, high)
    assert figure.approximate is approximate
    assert figure.vague is vague
    assert text[figure.start : figure.end] == figure.surface


def test_best_estimate_sits_inside_the_bounds() -> None:
    figure = only("tens of thousands of civilians are trapped")
    assert figure.low is not None and figure.high is not None
    assert figure.low <= (figure.best or 0) <= figure.high


def test_parenthetical_restatement_keeps_the_hedge() -> None:
    figures = extract("nearly 20 lakh (2 million) people were affected", geocode=False)
    assert [f.surface for f in figures] == ["nearly 20 lakh", "2 million"]
    assert (figures[1].low, figures[1].high) == (1_800_000, 2_000_000)
    assert figures[1].category == figures[0].category == "affected"


@pytest.mark.parametrize(
    "text",
    ["several people were hurt", "many civilians fled", "a number of homes were damaged"],
    ids=["several", "many", "a number of"],
)
def test_indefinite_words_are_not_figures(text: str) -> None:
    assert extract(text, geocode=False) == []


def test_a_toll_that_passes_a_number_has_no_upper_bound() -> None:
    (figure,) = extract("The death toll passes 100 in the flooded valley.")
    assert (figure.low, figure.high) == (100, None)


def test_a_full_stop_ends_the_counted_noun() -> None:
    assert extract("Rain fell for 48 hours. Residents were told to stay indoors.") == []


@pytest.mark.parametrize("text", ["About 4.1 million people were affected.", "Some 2.3 lakh people fled."])
def test_a_decimal_with_a_scale_word_is_a_figure(text: str) -> None:
    (figure,) = extract(text)  # 4.1 * 1e6 is 4099999.9999999995 in floating point
    assert figure.low is not None and figure.low > 200_000


@pytest.mark.parametrize("mark", ["\u200b", "\u2060", "\ufeff"])
def test_a_zero_width_character_inside_a_number_is_invisible(mark: str) -> None:
    (figure,) = extract(f"1{mark}200 people were killed in Homs.")
    assert (figure.low, figure.high, figure.surface) == (1_200, 1_200, f"1{mark}200")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Madhepura reported 1,86,000 people affected.", "1,86,000", 186_000),
        ("In all, 12,34,567 people were affected.", "12,34,567", 1_234_567),
        ("Some 2,4 million persons need assistance.", "Some 2,4 million", 2_400_000),
    ],
)
def test_indian_grouping_and_a_decimal_comma_before_a_scale_word(text: str, surface: str, value: int) -> None:
    (figure,) = extract(text)
    assert (figure.surface, figure.low, figure.high) == (surface, value, value)


def test_a_headline_verb_top_is_a_lower_bound() -> None:
    (figure,) = extract("Refugee arrivals top 74,000 in Gambella camps")
    assert (figure.low, figure.high) == (74_000, None)


@pytest.mark.parametrize(
    ("text", "counted", "low"),
    [
        ("Refugee arrivals top 74,000 in Gambella camps", "arrivals", 74_000),
        ("Cholera cases exceed 10,000 in Zambia", "cases", 10_000),
    ],
)
def test_a_headline_noun_before_a_verb_qualifier_is_what_is_counted(text: str, counted: str, low: int) -> None:
    (figure,) = extract(text)
    assert (figure.counted, figure.low, figure.high) == (counted, low, None)


def test_a_verb_qualifier_after_a_word_that_counts_nothing_is_no_figure() -> None:
    assert extract("Temperatures top 45 degrees in Sindh") == []


def test_a_bracketed_exact_count_after_a_hedged_figure_keeps_its_own_value() -> None:
    first, restated = extract("More than 1 million people (1,086,000) are displaced in Haiti.")
    assert (first.low, first.high) == (1_000_000, None)
    assert (restated.low, restated.high, restated.qualifier) == (1_086_000, 1_086_000, None)
    hedged, same = extract("Nearly 20 lakh (2 million) people were affected.")
    assert (same.low, same.high) == (hedged.low, hedged.high)  # the same quantity: the same hedge
