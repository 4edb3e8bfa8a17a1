"""Detection in the shapes real reports use (ERRORS.md §4 and §5: M1-M7, S, the value error).

Every text here is our own, written in the shape of a miss or a spurious figure found on real
text. Known misses are ``xfail(strict=True)`` with their cause, so a fix shows up.
"""

from __future__ import annotations

import pytest

from impact import extract


def _found(text: str) -> list[tuple[str, int | None, int | None, str]]:
    return [(f.surface, f.low, f.high, f.category) for f in extract(text, geocode=False)]


def _xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


FOUND = [
    # M4: infobox shapes
    pytest.param(
        "Casualties and losses\n150 [7] –600+ [8] killed\n",
        ("150 [7] –600+", 150, None, "killed"),
        id="M4-citation-inside-a-range",
    ),
    pytest.param(
        "Strength\n12,000–15,000+ [21] [22]\n",
        ("12,000–15,000+", 12000, None, "fighters"),
        id="M4-open-topped-range-under-strength",
    ),
    pytest.param(
        "- Strength1: Federal Army: 4,500 (June 2016)\n",
        ("4,500", 4500, 4500, "fighters"),
        id="M4-numbered-label-within-a-label",
    ),
    pytest.param(
        "+31,000 violent deaths 48,000 killed overall [9]\n", ("+31,000", 31000, None, "killed"), id="M4-leading-plus"
    ),
    pytest.param(
        "Overall effects\nFatalities2,870+ (confirmed)[1]\n", ("2,870+", 2870, None, "killed"), id="M4-glued-label"
    ),
    pytest.param(
        "Houses destroyed (3,150) and damaged (9,800) were counted.",
        ("3,150", 3150, 3150, "damaged"),
        id="M4-count-in-brackets-after-its-words",
    ),
    pytest.param("84 civilians dead (9 from disease)", ("9", 9, 9, "killed"), id="M4-part-in-brackets"),
    pytest.param(
        "  • 60 Georgian[4] and 45 Abkhaz civilians killed[5]\n",
        ("60", 60, 60, "killed"),
        id="M4-elliptical-adjective-with-citation",
    ),
    pytest.param(
        "This includes 4,100 children, 380 pregnant and 520 breastfeeding women.",
        ("380", 380, 380, "affected"),
        id="M2-elliptical-adjective",
    ),
    pytest.param(
        "The hardest hit were Sool and Sanaag, with more than 11,000 and 7,000 households affected.",
        ("more than 11,000", 11000, None, "affected"),
        id="M2-elliptical-n-and-m-households",
    ),
    # M2, M3, M5, M6: elliptical mentions, verbs between, number forms
    pytest.param("Another 3,000 fled last week.", ("Another 3,000", 3000, 3000, "fled"), id="M2-another-n-fled"),
    pytest.param(
        "The number of internally displaced persons (IDPs) in the region is put at roughly half a million.",
        ("roughly half a million", 500000, 500000, "displaced"),
        id="M3-acronym-in-brackets",
    ),
    pytest.param(
        "The death toll from the Northern Luzon earthquake tops 2,000.",
        ("tops 2,000", 2000, None, "killed"),
        id="M3-long-tally",
    ),
    pytest.param(
        "Officials said 80,000 bodies had been counted. Later the minister raised that estimate to 120,000.",
        ("120,000", 120000, 120000, "killed"),
        id="M3-that-estimate",
    ),
    pytest.param(
        "Between 20 and 45 members of the security forces have been captured.",
        ("Between 20 and 45", 20, 45, "detained"),
        id="M5-members-of-the-forces",
    ),
    pytest.param(
        "Some half-a-million refugees have fled since March.",
        ("Some half-a-million", 500000, 500000, "fled"),
        id="M6-half-a-million",
    ),
    pytest.param(
        "The cyclone has affected an estimated three-and-a-half million people.",
        ("an estimated three-and-a-half million", 3500000, 3500000, "affected"),
        id="M6-and-a-half-million",
    ),
    pytest.param(
        "In the east, agencies report 2.3 million people displaced.",
        ("2.3 million", 2300000, 2300000, "displaced"),
        id="M6-agencies-report",
    ),
    pytest.param(
        "Some 38,000 new conflict displacements were recorded in April.",
        ("Some 38,000", 38000, 38000, "displaced"),
        id="ID-idmc-displacements",
    ),
    pytest.param("IDP returns (2021) 98,400", ("98,400", 98400, 98400, "returned"), id="M1-label-with-a-year"),
    pytest.param(
        "With 2.2 million expected to have humanitarian needs, the appeal grows.",
        ("2.2 million", 2200000, 2200000, "in_need"),
        id="expected-to-have-needs",
    ),
    pytest.param(
        "Partners supported 300 collective shelters hosting 61,000 IDPs with relief items.",
        ("61,000", 61000, 61000, "displaced"),
        id="S-shelters-hosting-people-is-no-capacity",
    ),
    pytest.param(
        "Floods damaged 140 schools, affecting 52,000 pupils and 900 teachers in the region.",
        ("900", 900, 900, "affected"),
        id="M2-one-verb-before-a-pair-of-counts",
    ),
    # M7: a rate of people is a figure (its kind says rate)
    pytest.param(
        "Up to 4,000 people a day are reaching the camps.", ("Up to 4,000", None, 4000, "displaced"), id="M7-rate-a-day"
    ),
    pytest.param(
        "He said about 15 migrants are dying every day on the route.",
        ("about 15", 15, 15, "killed"),
        id="M7-rate-every-day",
    ),
    # the value error: a projection is a lower bound
    pytest.param(
        "Officials fear the death toll could pass 8,000.",
        ("could pass 8,000", 8000, None, "killed"),
        id="value-could-pass",
    ),
    # known misses
    pytest.param("KEY FIGURES\n\nPeople in need 6.1 M\n", ("6.1 M", 6100000, 6100000, "in_need"), id="M1-spaced-M"),
    pytest.param(
        "Highlights\n\n2.4 million\n\n800,000\n\nPeople in need of aid in 2022\n\nPeople uprooted by the war\n",
        ("800,000", 800000, 800000, "displaced"),
        id="M1-values-stacked-above-their-labels",
    ),
    pytest.param(
        "Floods in brief.\n\n120K 3,100 >500\n\naffected people deaths missing people\n",
        (">500", 500, None, "missing"),
        id="M1-a-row-of-values-above-their-labels",
    ),
    pytest.param("8.2 M people in need\n", ("8.2 M", 8200000, 8200000, "in_need"), id="M1-spaced-M-before-words"),
    pytest.param("The lane is 5 M wide.", None, id="M1-spaced-M-no-count"),
    pytest.param(
        "Strength\n7,000[4] 900[5]–1,800[6]\n", ("900[5]–1,800", 900, 1800, "fighters"), id="M4-two-values-on-a-line"
    ),
    pytest.param(
        "  • Group A: 300[3]\n",
        ("300", 300, 300, "fighters"),
        id="M4-group-sub-bullet",
        marks=_xfail("'Group' is a count that is no figure"),
    ),
    pytest.param(
        "Monitors count 1,400 civilian deaths in Aleppo, compared with about 700 a week earlier.",
        ("about 700", 700, 700, "killed"),
        id="M2-compared-with",
    ),
    pytest.param(
        "Some 5,000 people have gone home – 2,000 to Tadif and 3,000 to Qabasin.",
        ("2,000", 2000, 2000, "returned"),
        id="M2-shares-to-places",
    ),
    pytest.param(
        "In the camp, the number of IDPs fell from about 6,000 on Monday to 3,000-3,500 today.",
        ("3,000-3,500", 3000, 3500, "displaced"),
        id="M3-fell-from-to",
    ),
    pytest.param(
        "Displaced families joined thousands more at the base.",
        ("thousands", 2000, 9999, "displaced"),
        id="M2-thousands-more",
        marks=_xfail("no category word next to 'thousands more'"),
    ),
    pytest.param(
        "Landslides displacedabout 2,100 villagers in the valley.",
        ("about 2,100", 2100, 2100, "displaced"),
        id="ID-glued-pdf-words",
        marks=_xfail("words glued by PDF extraction are not split"),
    ),
]


@pytest.mark.parametrize(("text", "figure"), FOUND)
def test_figure_found_in_real_shapes(text: str, figure: tuple[str, int | None, int | None, str] | None) -> None:
    if figure is None:
        assert _found(text) == []
    else:
        assert figure in _found(text)


NOT_FIGURES = [
    pytest.param("These camps can only take in about 25,000 people.", id="S-capacity-take-in"),
    pytest.param("The site has 7,000 shelter plots for 40,000 people.", id="S-capacity-plots-for"),
    pytest.param("The enclave is crowded (about 2,500 inhabitants/km2).", id="S-density"),
    pytest.param("The column included 80 armored personnel carriers.", id="personnel-carriers"),
    pytest.param("She works for one of some 25 Syrian NGOs funded by the pool.", id="ngos"),
    pytest.param("The hotline can be reached at (02) 8911-5061.", id="phone-in-brackets"),
    pytest.param("These were the two worst affected areas.", id="worst-affected-areas"),
    pytest.param(
        "Over the weekend the storm flattened crops across the whole of the western plain.\n3\n",
        id="page-number-under-a-paragraph",
    ),
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_no_figure_in_real_shapes(text: str) -> None:
    assert _found(text) == []


ONLY = [
    pytest.param(
        "Teams counted 18,000 displaced persons across six sites in the Kousseri (3), Logone (2) and "
        "Makary (1) sub-divisions.",
        ["18,000"],
        id="S-bracketed-counts-of-sites",
    ),
    pytest.param(
        "Several IDPs remain in four schools in Sirte (52 families or 260 people).",
        ["52", "260"],
        id="S-structures-where-people-are",
    ),
    pytest.param(
        "About 7,000 people fled, mostly to Kiffa (2,000), Aioun (3,000) and Nema (2,000).",
        ["About 7,000", "2,000", "3,000", "2,000"],
        id="bracketed-shares-of-a-figure-stay",
    ),
]


@pytest.mark.parametrize(("text", "surfaces"), ONLY)
def test_only_these_figures(text: str, surfaces: list[str]) -> None:
    assert [found[0] for found in _found(text)] == surfaces
