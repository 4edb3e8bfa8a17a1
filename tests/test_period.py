"""When a figure holds: its time words (SPEC `period`), their dates, and the kind of count.

Synthetic sentences in the shapes met in situation reports and news (none copied from the
development corpus).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impact import Figure, extract
from impact.context.period import find_phrases, resolve
from impact.lexicon import load_lexicon


def _figure(text: str, surface: str, published: str | None = None) -> Figure:
    figures = extract(text, published=published, geocode=False)
    for figure in figures:
        if figure.surface == surface:
            return figure
    raise AssertionError(f"no figure {surface!r} in {[f.surface for f in figures]}")


# -- which words are the figure's period ---------------------------------------------------

PERIOD_WORDS = [
    pytest.param(
        "More than 12,000 people have been displaced since 17 October 2016.",
        "More than 12,000",
        "since 17 October 2016",
        id="since-date",
    ),
    pytest.param(
        "As of 21 March, 4,300 families were living in collective centres.",
        "4,300",
        "As of 21 March",
        id="as-of-opening",
    ),
    pytest.param(
        "Some 2,100 people fled between 8 and 9 February.", "Some 2,100", "between 8 and 9 February", id="between-days"
    ),
    pytest.param("Gunmen killed 14 villagers on Monday near the river.", "14", "on Monday", id="on-weekday"),
    pytest.param("Some 900 refugees arrive at the border per day.", "Some 900", "per day", id="rate"),
    pytest.param(
        "At least 1,800 migrants have drowned so far this year.",
        "At least 1,800",
        "so far this year",
        id="so-far-this-year",
    ),
    pytest.param(
        "Another 46 people were injured in the past 24 hours.", "Another 46", "in the past 24 hours", id="past-24-hours"
    ),
    pytest.param(
        "About 5,000 residents fled last week after the dam burst.", "About 5,000", "last week", id="last-week"
    ),
    pytest.param(
        "Casualties: 412 civilians killed, 980 injured (May 2024)", "412", "May 2024", id="infobox-bracket-first"
    ),
    pytest.param(
        "Casualties: 412 civilians killed, 980 injured (May 2024)", "980", "May 2024", id="infobox-bracket-second"
    ),
    pytest.param("Strength\n7,500 fighters\n(in August 2016)\n", "7,500", "in August 2016", id="bracket-on-next-line"),
    pytest.param(
        "The toll stood at 3,400 dead and 9,100 injured, as of 18 February.",
        "3,400",
        "as of 18 February",
        id="after-a-listed-pair",
    ),
    pytest.param(
        "By 27 march only 1,503 displaced people remained at the site.",
        "only 1,503",
        "By 27 march",
        id="lower-case-month-after-day",
    ),
    pytest.param("Some 90 refugees arrive at the border every day in [...]", "Some 90", "every day", id="every-day"),
    pytest.param("Some 500 refugees arrive daily in the port.", "Some 500", "daily", id="daily"),
    pytest.param(
        "Haitian officials reported on 27 January that 1,700 bodies had been counted.",
        "1,700",
        "on 27 January",
        id="date-of-a-count-is-kept",
    ),
    pytest.param(
        "In February, the minister estimated that 2,000 had been injured.", "2,000", "In February", id="opening-month"
    ),
    pytest.param(
        "To date, more than 600,000 people have been displaced by the conflict that began on 3 May.",
        "more than 600,000",
        "To date",
        id="opening-wins-over-far-words-after",
    ),
    pytest.param(
        "The number affected rose to 4.1 million, up from 2.6 million in December 2021.",
        "2.6 million",
        "in December 2021",
        id="words-next-to-the-second-figure",
    ),
]


@pytest.mark.parametrize(("text", "surface", "period"), PERIOD_WORDS)
def test_period_words(text: str, surface: str, period: str) -> None:
    figure = _figure(text, surface)
    assert figure.period == period
    assert figure.period_span_start is not None and figure.period_span_end is not None
    assert text[figure.period_span_start : figure.period_span_end] == period
    assert figure.time_source == "sentence"


NO_PERIOD = [
    pytest.param("The ministry said Thursday that 230 people had died.", "230", id="date-of-saying"),
    pytest.param(
        "The agency said in a statement on Tuesday that 5,000 people had fled.", "5,000", id="date-of-a-statement"
    ),
    pytest.param("Officials told reporters on Monday that 300 people died.", "300", id="told-reporters-on"),
    pytest.param("DHAKA, Aug 16 (Reuters) - Floods have killed 300 people.", "300", id="dateline"),
    pytest.param("The floods disrupted daily life for 20,000 people.", "20,000", id="daily-as-an-adjective"),
    pytest.param(
        "The number affected rose to 4.1 million, up from 2.6 million in December 2021.",
        "4.1 million",
        id="another-figure-owns-the-words",
    ),
    pytest.param(
        "The camp, which already hosts 24,000 displaced people, took in 5,000 more people on 22 November.",
        "24,000",
        id="figure-across-another-figure",
    ),
    pytest.param("Strength\n6,000 fighters\nDate: 12 May – 6 December 2016\n", "6,000", id="infobox-date-line"),
    pytest.param(
        "UNICEF said that as many as 90,000 children may need help, a day after the storm.",
        "as many as 90,000",
        id="a-day-after-is-no-rate",
    ),
    pytest.param("The army lost 300 soldiers. In March 2020 the road reopened.", "300", id="next-sentence"),
    pytest.param("Some 19 people died. The 2024 Atlantic season was busy.", "Some 19", id="year-as-a-modifier"),
]


@pytest.mark.parametrize(("text", "surface"), NO_PERIOD)
def test_no_period(text: str, surface: str) -> None:
    assert _figure(text, surface).period is None


def test_section_heading_gives_the_period() -> None:
    text = (
        "Flood Response Update No. 4\n\nSUMMARY\n\nRains continue.\n\nSITUATION OVERVIEW (3-6 JUNE)\n\n"
        "In the delta, some 48,000 people were affected by the floods.\n"
    )
    figure = _figure(text, "some 48,000", published="2024-06-07")
    assert (figure.period, figure.time_source) == ("3-6 JUNE", "heading")
    assert (figure.period_start, figure.period_end) == ("2024-06-03", "2024-06-06")


def test_table_header_gives_its_column_the_period() -> None:
    text = (
        "Displacement by province\n\n| Province | IDPs as of 1 May 2024 | Returnees |\n|---|---|---|\n"
        "| Nampula | 12,400 | 3,100 |\n| Cabo Delgado | 8,200 | 900 |\n"
    )
    figures = {f.surface: f for f in extract(text, geocode=False)}
    assert (figures["8,200"].period, figures["8,200"].time_source) == ("as of 1 May 2024", "heading")
    assert figures["8,200"].as_of == "2024-05-01"
    assert figures["900"].period is None and figures["900"].time_source is None


def test_heading_with_a_figure_of_its_own_is_no_section_header() -> None:
    text = "Quake\n\nAftershocks 3,000 (by May 2023)\nCasualties 5,200 deaths, 12,000 injured\n"
    assert _figure(text, "5,200").period is None


# -- the words resolved to dates ------------------------------------------------------------

RESOLVED = [
    # text, surface, article date, period_start, period_end, as_of
    pytest.param(
        "More than 12,000 people have been displaced since 17 October 2016.",
        "More than 12,000",
        "2016-11-02",
        "2016-10-17",
        None,
        "2016-11-02",
        id="since",
    ),
    pytest.param(
        "As of 21 March, 4,300 families were living in collective centres.",
        "4,300",
        "2023-03-24",
        None,
        "2023-03-21",
        "2023-03-21",
        id="as-of",
    ),
    pytest.param(
        "Some 2,100 people fled between 8 and 9 February.",
        "Some 2,100",
        "2024-02-12",
        "2024-02-08",
        "2024-02-09",
        "2024-02-09",
        id="between",
    ),
    pytest.param(
        "Gunmen killed 14 villagers on Monday near the river.",
        "14",
        "2024-05-08",
        "2024-05-06",
        "2024-05-06",
        "2024-05-06",
        id="on-monday",
    ),
    pytest.param(
        "Fighting since Friday has displaced 7,000 people.",
        "7,000",
        "2024-05-08",
        "2024-05-03",
        None,
        "2024-05-08",
        id="since-friday",
    ),
    pytest.param(
        "Another 46 people were injured in the past 24 hours.",
        "Another 46",
        "2024-05-08",
        "2024-05-07",
        "2024-05-08",
        "2024-05-08",
        id="past-24-hours",
    ),
    pytest.param(
        "At least 1,800 migrants have drowned so far this year.",
        "At least 1,800",
        "2024-08-15",
        "2024-01-01",
        "2024-08-15",
        "2024-08-15",
        id="so-far-this-year",
    ),
    pytest.param(
        "About 5,000 residents fled last week after the dam burst.",
        "About 5,000",
        "2024-05-08",
        "2024-04-29",
        "2024-05-05",
        "2024-05-05",
        id="last-week",
    ),
    pytest.param(
        "To date, more than 600,000 people have been displaced.",
        "more than 600,000",
        "2024-05-08",
        None,
        None,
        "2024-05-08",
        id="to-date",
    ),
    pytest.param(
        "Around 3,000 people were killed in 2014.",
        "Around 3,000",
        None,
        "2014-01-01",
        "2014-12-31",
        "2014-12-31",
        id="a-year-needs-no-article-date",
    ),
    pytest.param(
        "Some 572,000 people were displaced between October 2021 and February 2022.",
        "Some 572,000",
        None,
        "2021-10-01",
        "2022-02-28",
        "2022-02-28",
        id="between-months",
    ),
    pytest.param(
        "Attacks since mid-September 2024 have injured 890 children.",
        "890",
        None,
        "2024-09-11",
        None,
        None,
        id="mid-month",
    ),
    pytest.param(
        "By late October, 25 civilians had been killed.",
        "25",
        "2024-11-04",
        None,
        "2024-10-31",
        "2024-10-31",
        id="late-month",
    ),
    pytest.param(
        "The cholera toll stood at 112 deaths (15-18 MAY).",
        "112",
        "2023-05-19",
        "2023-05-15",
        "2023-05-18",
        "2023-05-18",
        id="day-range-upper-case",
    ),
    pytest.param(
        "Date of event 24-02-2024: 33,000 people were displaced on 24-02-2024.",
        "33,000",
        None,
        "2024-02-24",
        "2024-02-24",
        "2024-02-24",
        id="numeric-date",
    ),
    # a leap day
    pytest.param(
        "Since 29 February 2024, 1,200 families have fled.",
        "1,200",
        None,
        "2024-02-29",
        None,
        None,
        id="leap-day-since",
    ),
    pytest.param(
        "Another 46 people were injured in the past 24 hours.",
        "Another 46",
        "2024-03-01",
        "2024-02-29",
        "2024-03-01",
        "2024-03-01",
        id="leap-day-past-24-hours",
    ),
    # a year boundary: the article is dated Wednesday 3 January 2024
    pytest.param(
        "About 5,000 residents fled last week after the dam burst.",
        "About 5,000",
        "2024-01-03",
        "2023-12-25",
        "2023-12-31",
        "2023-12-31",
        id="last-week-across-new-year",
    ),
    pytest.param(
        "Gunmen killed 14 villagers on Friday near the river.",
        "14",
        "2024-01-03",
        "2023-12-29",
        "2023-12-29",
        "2023-12-29",
        id="friday-across-new-year",
    ),
    pytest.param(
        "In December, 640 people were evacuated.",
        "640",
        "2024-01-03",
        "2023-12-01",
        "2023-12-31",
        "2023-12-31",
        id="december-read-in-january",
    ),
    pytest.param(
        "At least 30 people have died so far this year.",
        "At least 30",
        "2024-01-03",
        "2024-01-01",
        "2024-01-03",
        "2024-01-03",
        id="this-year-on-3-january",
    ),
    pytest.param(
        "Some 400 people were killed last year.",
        "Some 400",
        "2024-01-03",
        "2023-01-01",
        "2023-12-31",
        "2023-12-31",
        id="last-year",
    ),
]


@pytest.mark.parametrize(("text", "surface", "published", "start", "end", "as_of"), RESOLVED)
def test_resolved_dates(
    text: str, surface: str, published: str | None, start: str | None, end: str | None, as_of: str | None
) -> None:
    figure = _figure(text, surface, published)
    assert (figure.period_start, figure.period_end, figure.as_of) == (start, end, as_of)


NO_ARTICLE_DATE = [
    pytest.param(
        "About 5,000 residents fled last week after the dam burst.", "About 5,000", "last week", id="last-week"
    ),
    pytest.param("Gunmen killed 14 villagers on Monday near the river.", "14", "on Monday", id="on-monday"),
    pytest.param(
        "Another 46 people were injured in the past 24 hours.", "Another 46", "in the past 24 hours", id="past-24-hours"
    ),
    pytest.param(
        "At least 1,800 migrants have drowned so far this year.",
        "At least 1,800",
        "so far this year",
        id="so-far-this-year",
    ),
    pytest.param(
        "As of 21 March, 4,300 families were living in collective centres.",
        "4,300",
        "As of 21 March",
        id="day-and-month-without-a-year",
    ),
]


@pytest.mark.parametrize(("text", "surface", "period"), NO_ARTICLE_DATE)
def test_relative_words_stay_unresolved_without_an_article_date(text: str, surface: str, period: str) -> None:
    figure = _figure(text, surface)
    assert figure.period == period and figure.time_source == "sentence"
    assert (figure.period_start, figure.period_end, figure.as_of) == (None, None, None)


# -- document-level fallbacks: dates, never `period` words ------------------------------------


def test_document_as_of_line() -> None:
    text = "FLOOD RESPONSE\nHumanitarian Update\nAs of 31 October 2023\n\nSome 4,000 people remain in shelters.\n"
    figure = _figure(text, "Some 4,000")
    assert figure.period is None
    assert (figure.time_source, figure.period_end, figure.as_of) == ("document", "2023-10-31", "2023-10-31")


def test_document_covering_period_gives_the_year_of_a_bare_day() -> None:
    text = (
        "Situation Report No. 3, 23 September 2024 - 15 October 2024\n\n"
        "As of 12 October, 1,060 shelters hosted 188,000 people.\n\nSome 2,000 people were evacuated.\n"
    )
    assert _figure(text, "188,000").as_of == "2024-10-12"
    fallback = _figure(text, "Some 2,000")
    assert (fallback.period, fallback.time_source) == (None, "document")
    assert (fallback.period_start, fallback.period_end) == ("2024-09-23", "2024-10-15")


def test_infobox_date_line() -> None:
    text = "Battle of the River\n\nInfobox\n- Date: 12 May – 6 December 2016\n- Strength: 6,000 fighters\n"
    figure = _figure(text, "6,000")
    assert (figure.period, figure.time_source) == (None, "document")
    assert (figure.period_start, figure.period_end) == ("2016-05-12", "2016-12-06")


def test_dateline_is_the_document_date() -> None:
    text = "Floods in the south\n\nDHAKA, 16 Aug 2024 (Reuters) - Floods have killed 300 people, officials said.\n"
    figure = _figure(text, "300")
    assert (figure.period, figure.time_source, figure.as_of) == (None, "document", "2024-08-16")


def test_article_date_is_the_last_fallback() -> None:
    figure = _figure("Some 4,000 people remain in shelters.", "Some 4,000", published="2024-05-08")
    assert figure.period is None
    assert (figure.time_source, figure.as_of, figure.period_end) == ("article_date", "2024-05-08", "2024-05-08")


def test_no_time_at_all() -> None:
    figure = _figure("Some 4,000 people remain in shelters.", "Some 4,000")
    assert (figure.period, figure.time_source, figure.as_of) == (None, None, None)


def test_published_accepts_a_date() -> None:
    figure = _figure("Gunmen killed 14 villagers on Monday.", "14", published=None)
    assert figure.as_of is None
    dated = extract("Gunmen killed 14 villagers on Monday.", published=date(2024, 5, 8), geocode=False)
    assert dated[0].as_of == "2024-05-06"


# -- the kind of count ------------------------------------------------------------------------

KINDS = [
    pytest.param(
        "Some 1.2 million people remain displaced as of 21 August.",
        "Some 1.2 million",
        "stock",
        id="stock-displaced-as-of",
    ),
    pytest.param("The death toll has risen to 4,500.", "4,500", "stock", id="stock-toll"),
    pytest.param("About 5,000 people fled last week.", "About 5,000", "flow", id="flow-fled-last-week"),
    pytest.param("Gunmen killed 14 villagers on Monday.", "14", "flow", id="flow-killed-on-monday"),
    pytest.param(
        "Some 3,000 new arrivals were registered at the border.", "Some 3,000", "flow", id="flow-new-arrivals"
    ),
    pytest.param("Some 8,000 refugees arrive a day.", "Some 8,000", "rate", id="rate-a-day"),
    pytest.param(
        "Up to 400,000 people may flee if the fighting spreads.", "Up to 400,000", "projection", id="projection-may"
    ),
    pytest.param(
        "About 2 million people are expected to need aid by June.",
        "About 2 million",
        "projection",
        id="projection-expected",
    ),
    pytest.param("Strength: 4,000 fighters (May 2024)", "4,000", "stock", id="the-month-may-is-no-modal"),
    pytest.param("Casualties: 412 civilians killed (May 2024)", "412", "stock", id="infobox-total-as-of-a-month"),
]


@pytest.mark.parametrize(("text", "surface", "kind"), KINDS)
def test_kind(text: str, surface: str, kind: str) -> None:
    assert _figure(text, surface).kind == kind


# -- known misses, by cause -------------------------------------------------------------------

EVENT_DATE_IN_ANOTHER_CLAUSE = "a date that belongs to another event or noun of the sentence is taken"
TIME_WITHOUT_A_DATE = "time words with no date or calendar word are not recognised"
NEAREST_WORDS_WIN = "the nearest time words are taken where the annotators read the sentence's structure"
KNOWN_MISSES = [
    pytest.param(
        "The storm made landfall on 2 May, pushing water far inland and causing 1,300 deaths.",
        "1,300",
        None,
        marks=pytest.mark.xfail(strict=True, reason=EVENT_DATE_IN_ANOTHER_CLAUSE),
        id="landfall-date",
    ),
    pytest.param(
        "An inquiry in May 2022 concluded that the strike killed 52 fighters.",
        "52",
        None,
        marks=pytest.mark.xfail(strict=True, reason=EVENT_DATE_IN_ANOTHER_CLAUSE),
        id="inquiry-date",
    ),
    pytest.param(
        "Two weeks after the floods, 7,000 families still lived in tents.",
        "7,000",
        "Two weeks after the floods",
        marks=pytest.mark.xfail(strict=True, reason=TIME_WITHOUT_A_DATE),
        id="weeks-after-event",
    ),
    pytest.param(
        "The previous official toll was 4,300.",
        "4,300",
        "previous",
        marks=pytest.mark.xfail(strict=True, reason=TIME_WITHOUT_A_DATE),
        id="previous",
    ),
    pytest.param(
        "Some 900 homes in the valley were destroyed by the 6 May floods.",
        "Some 900",
        None,
        marks=pytest.mark.xfail(strict=True, reason=EVENT_DATE_IN_ANOTHER_CLAUSE),
        id="date-naming-an-event",
    ),
    pytest.param(
        "In 2019, recorded deaths passed the 1,000 mark in August.",
        "1,000",
        "In 2019",
        marks=pytest.mark.xfail(strict=True, reason=NEAREST_WORDS_WIN),
        id="opening-year-then-month",
    ),
    pytest.param(
        "Casualties: 800 displaced, 120 civilians killed (June 2021)",
        "800",
        None,
        marks=pytest.mark.xfail(strict=True, reason=NEAREST_WORDS_WIN),
        id="bracket-after-a-list",
    ),
]


@pytest.mark.parametrize(("text", "surface", "period"), KNOWN_MISSES)
def test_known_misses(text: str, surface: str, period: str | None) -> None:
    assert _figure(text, surface).period == period


# -- the phrase finder on its own ---------------------------------------------------------------

PHRASES = [
    pytest.param("It may rain.", [], id="modal-may"),
    pytest.param("They march on.", [], id="verb-march"),
    pytest.param("Mar’ib and Hajjah were hit.", [], id="marib-is-no-march"),
    pytest.param("since mid-April", [("since mid-April", "since")], id="since-mid-month"),
    pytest.param("as at 30 June 2023", [("as at 30 June 2023", "as_of")], id="as-at"),
    pytest.param("from 1 to 16 May", [("from 1 to 16 May", "since")], id="from-to-days"),
    pytest.param("during the past four days", [("during the past four days", "window")], id="window-words"),
    pytest.param("Sunday's count", [("Sunday's", "on")], id="weekday-possessive"),
    pytest.param("in 2010/11", [("in 2010/11", "on")], id="split-year"),
]


@pytest.mark.parametrize(("text", "expected"), PHRASES)
def test_find_phrases(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[p.start : p.end], p.shape) for p in find_phrases(text)] == expected


def test_resolve_from_to_days() -> None:
    assert resolve("from 1 to 16 May", "since", reference=date(2024, 6, 1)) == (
        date(2024, 5, 1),
        date(2024, 5, 16),
        date(2024, 5, 16),
    )


def test_time_lexicon_loads_and_is_consistent() -> None:
    import tomllib
    from importlib import resources

    with resources.files("impact.lexicon").joinpath("time.toml").open("rb") as handle:
        data = tomllib.load(handle)
    assert set(data["months"].values()) == set(range(1, 13))
    assert set(data["weekdays"].values()) == set(range(7))
    for unit, _offset, what in data["relative"].values():
        assert unit in ("day", "week", "weekend", "month", "year") and what in ("point", "to_date", "as_of")
    for low, high in data["month_parts"].values():
        assert 1 <= low <= high <= 31
    assert load_lexicon() is not None


def test_figure_fields_default() -> None:
    figure = Figure(start=0, end=1, surface="5", low=5, high=5, best=5, approximate=False, vague=False)
    assert (figure.period, figure.time_source, figure.kind) == (None, None, "stock")


def test_in_recent_weeks_is_open_at_the_start() -> None:
    figure = _figure("Some 3,000 people have fled in recent weeks.", "Some 3,000", published="2024-05-08")
    assert (figure.period, figure.period_start, figure.as_of) == ("in recent weeks", None, "2024-05-08")


def test_published_may_be_a_datetime() -> None:
    from datetime import datetime

    figures = extract(
        "Fighting since Friday has displaced 7,000 people.", published=datetime(2024, 5, 8, 9, 30), geocode=False
    )
    assert (figures[0].period_start, figures[0].as_of) == ("2024-05-03", "2024-05-08")


_TIME_WORDS = [
    "as of",
    "since",
    "between",
    "and",
    "on",
    "in",
    "by",
    "mid-",
    "late",
    "29",
    "31",
    "February",
    "May",
    "2024",
    "2016/17",
    "Monday",
    "last",
    "week",
    "so far",
    "this year",
    "past",
    "24",
    "hours",
    "per day",
    "a day",
    "12-13",
    "–",
    "(",
    ")",
    "Date",
    "24-02-2024",
    "2023-02-29",
    "99",
    "people",
    "killed",
    ",",
    ".",
    "\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TIME_WORDS), max_size=25), st.one_of(st.none(), st.dates()))
def test_any_time_words_resolve_without_error(words: list[str], published: date | None) -> None:
    text = " ".join(words)
    for phrase in find_phrases(text):
        first, last, _ = resolve(text[phrase.start : phrase.end], phrase.shape, published=published)
        assert first is None or last is None or first <= last
    for figure in extract(text + " 40 people were killed.", published=published, geocode=False):
        assert figure.kind in ("stock", "flow", "rate", "projection")


def test_dates_at_the_ends_of_the_calendar_stay_unresolved() -> None:
    assert resolve("in the past 3 years", "window", published=date(1, 1, 1)) == (None, None, None)
    assert resolve("last week", "relative", published=date(1, 1, 2)) == (None, None, None)


def test_kinds_and_sources_are_the_model_lists() -> None:
    from impact.model import KINDS, TIME_SOURCES

    assert {k for _, _, k in (p.values for p in globals()["KINDS"])} <= set(KINDS)
    assert TIME_SOURCES == ("sentence", "heading", "document", "article_date")


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        pytest.param(
            "(Example Daily) Around 1,600 IS fighters are still in Mosul.",
            "Around 1,600",
            "stock",
            id="a-publisher-named-daily-is-no-rate",
        ),
        pytest.param(
            "In the past 24 hours, 40 civilians were killed in Mosul, bringing the total number of "
            "civilians killed in the city to 900.",
            "900",
            "stock",
            id="a-running-total-is-a-stock",
        ),
        pytest.param(
            "In the past 24 hours, 40 civilians were killed in Mosul, bringing the total number of "
            "civilians killed in the city to 900.",
            "40",
            "flow",
            id="the-increment-is-a-flow",
        ),
    ],
)
def test_names_and_running_totals_keep_their_kind(text: str, surface: str, kind: str) -> None:
    found = {f.surface: f for f in extract(text)}
    assert found[surface].kind == kind
