"""Filter state in the URL: every view can be shared as a link."""

from __future__ import annotations

import pytest

from dashboard.app import clear_filters, query_string
from dashboard.urlstate import (
    describe,
    filters_from_controls,
    filters_from_query,
    parse_search,
    query_from_filters,
)
from impact.filters import Filters


@pytest.mark.parametrize(
    ("filters", "query"),
    [
        (Filters(), ""),
        (Filters(places=("Mosul",)), "place=Mosul"),
        (Filters(places=("Mosul", "Raqqa")), "place=Mosul&place=Raqqa"),
        (Filters(places=("Mosul's Old City",)), "place=Mosul%27s+Old+City"),
        (Filters(categories=("killed",), vague=True), "category=killed&kind=vague"),
        (Filters(vague=False), "kind=exact"),
        (
            Filters(sources=("A & B",), date_from="2017-06-01", date_to="2017-07-31"),
            "source=A+%26+B&date_from=2017-06-01&date_to=2017-07-31",
        ),
        (Filters(countries=("SY",), units=("households",)), "country=SY&unit=households"),
    ],
    ids=["empty", "place", "two-places", "apostrophe", "vague", "exact", "source-dates", "geo"],
)
def test_round_trip(filters: Filters, query: str) -> None:
    assert query_from_filters(filters) == query
    assert filters_from_query(parse_search("?" + query)) == filters


def test_bad_values_are_ignored_not_fatal() -> None:
    filters = filters_from_query({"date_from": "yesterday", "kind": "odd", "zzz": "1"})
    assert filters == Filters()


def test_country_codes_upper_case_and_duplicates_dropped() -> None:
    filters = filters_from_query({"country": ["sy", "SY"], "place": ["Mosul", " Mosul "]})
    assert filters.countries == ("SY",)
    assert filters.places == ("Mosul",)


def test_controls_to_query_string() -> None:
    assert query_string(["Raqqa"], [], ["fighters"], [], [], None, None, "all") == ("place=Raqqa&category=fighters")
    assert query_string(None, None, None, None, None, "2017-07-01T00:00:00", None, "exact") == (
        "date_from=2017-07-01&kind=exact"
    )


def test_clear_filters_empties_every_control() -> None:
    assert filters_from_controls(*clear_filters(1)) == Filters()


def test_describe_is_plain_language() -> None:
    assert describe(Filters()) == "all figures"
    text = describe(Filters(places=("Raqqa",), vague=True, date_from="2017-01-01"))
    assert "place: Raqqa" in text and "vague only" in text and "2017-01-01" in text
