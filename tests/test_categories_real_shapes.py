"""Categories in the shapes real conflict reports use (ERRORS.md §3, classes K1-K14).

Every sentence here is our own, written in the shape of an error found on real text. Each
case names one figure (its surface) and the category it must get; known misses are
``xfail(strict=True)`` with their cause, so a fix shows up.
"""

from __future__ import annotations

import pytest

from impact import extract


def _category(text: str, surface: str) -> str | None:
    for figure in extract(text, geocode=False):
        if figure.surface == surface:
            return figure.category
    return None


def _xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


CASES = [
    # K7: inherited from the sentence before, a lead-in or a parent line
    pytest.param(
        "Some 21,000 people were displaced and arrived in Monapo after fleeing the attacks. 3,800 families, "
        "including 2,900 men, 5,100 women and 7,000 children.",
        "2,900",
        "displaced",
        id="K7-verbless-list-after-a-displacement",
    ),
    pytest.param(
        "Partners counted 14,200 displaced persons at six sites in the district. This includes 3,100 children "
        "under 5 and 240 pregnant women.",
        "3,100",
        "displaced",
        id="K7-this-includes",
    ),
    pytest.param(
        "• Some 2,600 households have been displaced in Kunduz.\n"
        "• Of these, 1,500 households are in remote villages, 700 in Imam Sahib and 400 in Archi.",
        "1,500",
        "displaced",
        id="K7-of-these-bullet",
    ),
    pytest.param(
        "Officials said 90,000 bodies had been counted. A week later, the minister raised that estimate to 150,000.",
        "150,000",
        "killed",
        id="K7-that-estimate",
    ),
    pytest.param(
        "Overall effects\nFatalities4,100+ (confirmed)[1]\n9,000–12,000 (estimated)[2]\nInjuries2,300+\n",
        "9,000–12,000",
        "killed",
        id="K7-infobox-value-under-a-glued-label",
    ),
    pytest.param(
        "Strength\n15,000–18,000+ [3] [4]\n| 900–2,000 [5] |\n",
        "900–2,000",
        "fighters",
        id="K7-infobox-values-under-strength",
    ),
    pytest.param(
        "The raids killed up to 40 people, including 31 civilians and 9 militants, the monitors said.",
        "9",
        "killed",
        id="K7-fighters-in-a-list-of-the-killed",
    ),
    pytest.param(
        "The shelling left 120–130 civilians dead, as well as 14–16 militiamen[3] and at least 20 attackers.[4]",
        "at least 20",
        "killed",
        id="K7-as-well-as-fighters",
    ),
    pytest.param(
        "Since May, fighting has uprooted some 2,400 families or 16,000 people.",
        "16,000",
        "displaced",
        id="K7-alternative-restatement",
    ),
    pytest.param(
        "Uganda hosts 50,000 Congolese refugees in three settlements: Kyaka (11,200), Rwamwanja (24,300) "
        "and Nakivale (14,500).",
        "11,200",
        "refugees",
        id="K7-parent-noun-of-a-bracket-list",
    ),
    # K1: across an international border
    pytest.param(
        "Over 200,000 people are displaced inside the country and another 9,000 have fled into neighbouring states.",
        "another 9,000",
        "refugees",
        id="K1-fled-into-neighbouring-states",
    ),
    pytest.param(
        "Many families are displaced and 4,000 others found refuge in neighbouring Rwanda.",
        "4,000",
        "refugees",
        id="K1-refuge-in-neighbouring",
    ),
    pytest.param(
        "By Sunday around 2,500 Malians had reached Mbera, Mauritania.",
        "around 2,500",
        "refugees",
        id="K1-reached-a-town-abroad",
        marks=_xfail("crossing a border needs the two places' countries"),
    ),
    # K2: refugees not yet across
    pytest.param(
        "Thousands more refugees are heading towards Chad.",
        "Thousands",
        "fled",
        id="K2-heading-towards",
    ),
    pytest.param(
        "Another 600 people are massed at the frontier, waiting to cross the border.",
        "Another 600",
        "fled",
        id="K2-waiting-to-cross",
    ),
    # K3: an event verb beats a status noun
    pytest.param(
        "IOM says nearly 2,000 refugees and migrants crossing the sea to Italy have died this year.",
        "nearly 2,000",
        "killed",
        id="K3-refugees-have-died",
    ),
    pytest.param(
        "At least 30,000 Syrian refugees in tented camps are at risk from the cold.",
        "At least 30,000",
        "affected",
        id="K3-refugees-at-risk",
    ),
    # K4 and K5: displacement idioms and sheltering
    pytest.param(
        "Floodwaters forced thousands more to flee their homes.", "thousands", "displaced", id="K4-flee-their-homes"
    ),
    pytest.param(
        "Close to 200,000 people abandoned their flooded homes.",
        "Close to 200,000",
        "displaced",
        id="K4-abandoned-their-homes",
    ),
    pytest.param(
        "About 400,000 people continue to shelter in government evacuation sites.",
        "About 400,000",
        "displaced",
        id="K5-shelter-in-evacuation-sites",
    ),
    pytest.param(
        "The camp has had to accommodate 30,000 more people fleeing the attack.",
        "30,000",
        "displaced",
        id="K5-accommodate",
    ),
    pytest.param(
        "Some 8,000 people are staying with host families in the town.",
        "Some 8,000",
        "displaced",
        id="K5-host-families",
    ),
    pytest.param(
        "About 200,000 people are staying in 90 UNRWA shelters.",
        "About 200,000",
        "displaced",
        id="K5-staying-in-shelters",
    ),
    pytest.param(
        "Three weeks on, Ahmed lives in a tent with his wife and five children.",
        "five",
        "displaced",
        id="K5-lives-in-a-tent",
    ),
    pytest.param(
        "Some IDPs from the coast remain in two schools in Derna (40 families or 210 people).",
        "40",
        "displaced",
        id="K5-status-noun-beats-remain",
    ),
    # K9: facilities impacted, and lists of structures by place
    pytest.param(
        "In all, 48 health facilities have been impacted by the floods.", "48", "damaged", id="K9-facilities-impacted"
    ),
    pytest.param(
        "As of Monday, at least 2 hospitals in Jeremie and 5 health centres in Les Cayes were damaged.",
        "at least 2",
        "damaged",
        id="K9-structures-by-place-coordinated",
    ),
    pytest.param(
        "Services are badly affected with, as of Friday, at least 1 hospital in Jeremie and 4 health "
        "centres in Les Cayes damaged.",
        "at least 1",
        "damaged",
        id="K9-pair-nearer-than-a-word-before",
    ),
    # K6: combined harms are other
    pytest.param(
        "Approximately 6,000 villagers were killed or abducted.",
        "Approximately 6,000",
        "other",
        id="K6-killed-or-abducted",
    ),
    pytest.param(
        "The ministry claimed more than 500 enemy soldiers were killed or wounded.",
        "more than 500",
        "other",
        id="K6-fighters-killed-or-wounded",
    ),
    # K8: baselines and parts
    pytest.param("Some 25 million people live in Ghana.", "Some 25 million", "other", id="K8-population-lives-in"),
    pytest.param(
        "There are 31 million people living in Peru with over 9 million in Lima.",
        "over 9 million",
        "other",
        id="K8-population-share",
    ),
    pytest.param(
        "About 9,000 people still live in Bakhmut.",
        "About 9,000",
        "civilians_present",
        id="K8-still-living-is-no-baseline",
    ),
    pytest.param(
        "Most of the 20,000 villagers trapped on the plateau were airlifted out.",
        "20,000",
        "trapped",
        id="K8-most-of-the-trapped",
    ),
    pytest.param(
        "Most of the city's population (estimated at 250,000 people) has stayed.",
        "250,000",
        "other",
        id="K8-population-estimated-at",
    ),
    # K10: medical transfers
    pytest.param(
        "The explosion left one person dead and 6 others hospitalized.", "6", "injured", id="K10-hospitalized"
    ),
    # other words
    pytest.param(
        "The death toll from the cyclone has reached almost 60,000.",
        "almost 60,000",
        "killed",
        id="reached-with-no-noun-is-an-amount",
    ),
    pytest.param(
        "The agency provided 40,000 hot meals to 5,200 displaced people last week.",
        "5,200",
        "other",
        id="aid-given-to-people",
    ),
    pytest.param(
        "At least 2,000 people are to benefit from a new water point.", "At least 2,000", "other", id="to-benefit"
    ),
    pytest.param(
        "In the north, an estimated 2.1 million people were in the path of the storm.",
        "an estimated 2.1 million",
        "affected",
        id="in-the-path-of",
    ),
    pytest.param("The office is investigating the killings of dozens of civilians.", "dozens", "killed", id="killings"),
    pytest.param(
        "On a site run by the Red Cross, hundreds of people are reported missing.",
        "hundreds",
        "missing",
        id="red-cross-is-no-crossing",
    ),
    pytest.param(
        "Some 6K people face mobility and access restrictions in the valley.",
        "Some 6K",
        "trapped",
        id="access-restrictions",
    ),
    pytest.param("The whereabouts of 14 fishermen remain unknown.", "14", "missing", id="whereabouts"),
    pytest.param(
        "At least 300 children in the city, and likely hundreds more, have died of hunger.",
        "At least 300",
        "killed",
        id="and-hundreds-more-share-the-verb",
    ),
    pytest.param(
        "Over 30,000 people have left the country since the coup, and 12,000 more are displaced inside it.",
        "Over 30,000",
        "refugees",
        id="left-the-country",
    ),
]


@pytest.mark.parametrize(("text", "surface", "category"), CASES)
def test_category_in_real_shapes(text: str, surface: str, category: str) -> None:
    assert _category(text, surface) == category


def test_a_disease_patient_hospitalised_is_not_injured() -> None:
    text = "About 900 patients with warning signs have been hospitalised since January."
    assert _category(text, "About 900") != "injured"


def test_strength_in_prose_is_no_fighters() -> None:
    text = "The storm gained strength overnight and 40 people were evacuated."
    assert _category(text, "40") == "evacuated"


# crossing an international border makes refugees; fleeing within the country does not (the
# gazetteer says which places are countries, so these geocode)
BORDERS = [
    pytest.param(
        "Clashes in Mali\n\nFighting around Menaka has driven thousands from their homes. Some 4,500 people fled "
        "north across the desert into Algeria, officials said.",
        "Some 4,500",
        "refugees",
        id="fled-into-another-country",
    ),
    pytest.param(
        "Clashes in Mali\n\nFighting around Menaka has driven thousands from their homes. Some 4,500 people fled "
        "north into Gao region, officials said.",
        "Some 4,500",
        "fled",
        id="fled-into-a-region-of-the-same-country",
    ),
]


@pytest.mark.parametrize(("text", "surface", "category"), BORDERS)
def test_fleeing_into_another_country_makes_refugees(text: str, surface: str, category: str) -> None:
    assert [f.category for f in extract(text) if f.surface == surface] == [category]
