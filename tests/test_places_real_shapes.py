"""Where a figure happened, in the shapes real conflict news and situation reports use.

Grouped by the error classes of real text that the project had not seen (the shapes, not the
sentences: every text here is written for these tests). Each case gives a text, a figure's
surface and the place an analyst expects; known misses are ``xfail`` with their cause, so the
test run lists what is still wrong.
"""

from __future__ import annotations

import pytest

from impact import extract


def _place(text: str, surface: str) -> str | None:
    matches = [f for f in extract(text) if f.surface == surface]
    assert matches, f"{surface!r} not found in {[f.surface for f in extract(text)]}"
    return matches[0].location


INFOBOX_BATTLE = """Battle of Kidal (2019)
Part of the Northern Mali conflict
Location: Kidal, Mali
Belligerents
 Mali
 France
Strength
4,000 soldiers
Casualties and losses
Mali 210 killed (army claim)
France 3 killed
860 civilians wounded

The battle of Kidal was fought in Mali between the army and rebel groups. Mali's government declared victory in May.
"""

GLUED_INFOBOX = """= Siege of Bentiu =

- Conflict: Siege of Bentiu
- Place: Bentiu, Unity State, South Sudan
- Strength1: SPLA: 3,000 (March 2014)
- Casualties1: 400+ killed (per Juba), 150 captured, 90–120 killed (U.S. estimate)
"""

MASSACRE_TITLE = """Manbij massacre

The Manbij massacre took place in Syria in 2016. Syria's army said 212 people were killed.
"""

LA = [
    pytest.param(INFOBOX_BATTLE, "4,000", "Kidal", id="infobox-strength-takes-the-battle-place"),
    pytest.param(INFOBOX_BATTLE, "210", "Kidal", id="infobox-line-naming-a-country-takes-the-battle-place"),
    pytest.param(INFOBOX_BATTLE, "3", "Kidal", id="infobox-line-naming-a-belligerent"),
    pytest.param(INFOBOX_BATTLE, "860", "Kidal", id="infobox-casualties"),
    pytest.param(GLUED_INFOBOX, "400+", "Bentiu", id="place-line-beats-a-claimant-city"),
    pytest.param(GLUED_INFOBOX, "90–120", "Bentiu", id="place-line-beats-a-claimant-country"),
    pytest.param(MASSACRE_TITLE, "212", "Manbij", id="a-country-in-prose-is-a-party-of-a-towns-massacre"),
    pytest.param(
        "Second Battle of Falluja\n\nStrength\n13,000 troops\n\nFalluja was held by militants in Iraq; "
        "Iraq's army and Iraq's allies surrounded it.\n",
        "13,000",
        "Falluja",
        id="ordinal-before-battle",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), LA)
def test_a_documents_event_place_from_its_title_or_infobox(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


REPORT_COUNTRY = [
    pytest.param(
        "CHAD: Flood Response\nSituation Report No. 4\n\n• Partners have reached 52,000 people with aid. "
        "Most sites are in Abeche, which hosts 9,000 people. Abeche is cut off; Abeche's roads are flooded.\n",
        "52,000",
        "CHAD",
        id="a-report-headed-by-its-country",
    ),
    pytest.param(
        "Chad: Situation report on the crisis in Ouaddai province\n\n• Partners have reached 52,000 people.\n",
        "52,000",
        "Ouaddai province",
        id="unless-its-title-names-where",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), REPORT_COUNTRY)
def test_a_report_headed_by_a_country_covers_it(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


LF = [
    pytest.param(
        '"More than 70,000 people are displaced nationwide," Lorca told reporters in Maputo.\n',
        "More than 70,000",
        None,
        id="speaker-surname-and-where-he-spoke",
    ),
    pytest.param(
        'Floods in Mozambique\n\n"Some 40,000 people are in camps," a spokeswoman in Geneva said.\n',
        "Some 40,000",
        "Mozambique",
        id="spokesperson-in-geneva",
    ),
    pytest.param(
        "Floods in Haiti\n\nSpeaking in Miami on Monday, the minister said 2,000 people had died.\n",
        "2,000",
        "Haiti",
        id="speaking-in-a-city-abroad",
    ),
    pytest.param(
        "Floods in Somalia\n\nAccording to The New York Times, 300 people died.\n",
        "300",
        "Somalia",
        id="a-newspaper-named-for-a-city",
    ),
    pytest.param(
        "Drought in Kenya\n\nAs of May, OCHA Kenya has reported that 90,000 people need water.\n",
        "90,000",
        "Kenya",
        id="an-organisations-office-is-no-quarter",
    ),
    pytest.param(
        "Fighting near Gao\n\nSome 150 U.S. troops are advising the assault on Gao.\n",
        "Some 150",
        "Gao",
        id="nationality-of-troops",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), LF)
def test_claimants_speakers_and_organisations_are_not_event_places(text: str, surface: str, place: str | None) -> None:
    location = _place(text, surface)
    if place is None:
        assert location != "Lorca" and location != "Maputo"
    else:
        assert location == place


LD = [
    pytest.param(
        "Storms hit Sri Lanka\n\nStorms have hit southern Sri Lanka.\n\n"
        "In the Maldives, waves flooded the southern atolls. At least 14 people have been killed.\n",
        "At least 14",
        "Maldives",
        id="fronted-place-of-the-previous-sentence",
    ),
    pytest.param(
        "Shelling in Ukraine\n\nA school in Kharkiv was shelled on Friday. The attack wounded 11 pupils.\n",
        "11",
        "Kharkiv",
        id="the-attack-points-back",
    ),
    pytest.param(
        "Floods in Kenya\n\nRivers burst in Garissa. The town's hospital counted 23 deaths.\n",
        "23",
        "Garissa",
        id="the-towns-points-back",
    ),
    pytest.param(
        "Clashes in Masisi\n\nMonitors say 20,000 people are displaced in Masisi and more than 4,000 have "
        "fled to Rwanda. There, 300 people sleep in the open.\n",
        "300",
        "Masisi",
        id="never-where-others-went",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), LD)
def test_the_place_of_the_sentence_that_set_the_scene(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


LG = [
    pytest.param(
        "In Punjab, an estimated 3 million people are affected, especially in Multan and Bahawalpur districts.\n",
        "an estimated 3 million",
        "Punjab",
        id="especially-in",
    ),
    pytest.param(
        "About 600 people died in Nigeria, most of them in Borno.\n",
        "About 600",
        "Nigeria",
        id="most-of-them-in",
    ),
    pytest.param(
        "• Uganda: 81 people dead in five districts; over 200 injured.\n",
        "81",
        "Uganda",
        id="a-lines-label-beats-a-count-of-areas",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), LG)
def test_a_total_is_not_scoped_by_its_breakdown(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


LI = [
    pytest.param(
        "Since Monday some 7,000 refugees from Burundi have crossed into Rwanda, the UN said.\n",
        "some 7,000",
        "Rwanda",
        id="refugees-where-they-arrive",
    ),
    pytest.param(
        "Rescuers moved 31 wounded people out of Jarabulus to hospitals in Kilis on Monday.\n",
        "31",
        "Jarabulus",
        id="wounded-where-they-were-hurt",
    ),
]


LB = [
    pytest.param(
        "Clashes in Nyala, South Darfur, have displaced 8,000 people since Monday.\n",
        "8,000",
        "Nyala",
        id="a-town-then-its-province",
    ),
]


LB += [
    pytest.param(
        "An estimated 17,000 displaced people are in the Jonglei state capital of Bor.\n",
        "An estimated 17,000",
        "Bor",
        id="the-state-capital-of-a-town",
    ),
    pytest.param(
        "Some 4,000 people are sheltering in Malakal, the state capital of Upper Nile.\n",
        "Some 4,000",
        "Malakal",
        id="a-town-the-state-capital-of-an-area",
    ),
    pytest.param(
        "In Nyala, the capital of South Darfur, an airstrike on a market killed 9 and injured 22.\n",
        "9",
        "Nyala",
        id="a-fronted-town-the-capital-of-an-area",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), LB)
def test_a_town_named_with_its_province_is_the_town(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


@pytest.mark.parametrize(("text", "surface", "place"), LI)
def test_origin_or_destination_by_what_is_counted(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


ATTACKED_TOWN = """12 Killed in Chad Bombing

A bomb in eastern Chad killed at least 12 people at a crowded market.

Boko Haram said it carried out the attack in the town of Ngouboua on Friday.

Officials later said 30 people were wounded and 40 shops burned.
"""

ATTACK_ABROAD = """12 Killed in Chad Bombing

A bomb in eastern Chad killed at least 12 people at a crowded market.

The group carried out a similar attack in the town of Garissa in Kenya last year.

Officials later said 30 people were wounded.
"""


@pytest.mark.parametrize(
    ("text", "surface", "place"),
    [
        pytest.param(ATTACKED_TOWN, "30", "Ngouboua", id="the-attacked-town-beats-the-titles-country"),
        pytest.param(ATTACK_ABROAD, "30", "Chad", id="an-attack-in-another-country-is-not-the-story"),
    ],
)
def test_the_town_an_attack_struck_is_the_storys_place(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


NATIONWIDE = """Violence in Ethiopia

Fighting flared again around Gondar this week. The health ministry said 410 people had been killed and
nearly 2,300 injured nationwide since April.

In Gondar, 35 people were wounded on Tuesday.
"""


@pytest.mark.parametrize(
    ("surface", "place"),
    [
        pytest.param("410", "Ethiopia", id="a-nationwide-toll-listed-with-another"),
        pytest.param("nearly 2,300", "Ethiopia", id="nationwide-after-the-figure"),
        pytest.param("35", "Gondar", id="a-towns-own-figure-stays-the-towns"),
    ],
)
def test_a_nationwide_figure_is_the_countrys(surface: str, place: str) -> None:
    assert _place(NATIONWIDE, surface) == place


JUNK = [
    pytest.param(
        "Bomb attack in Mali\n\nThe army said at least nine soldiers were among those killed in Tuesday’s attack "
        "on the town of Gossi.\n",
        "at least nine",
        "Gossi",
        id="a-weekday-with-a-possessive-is-no-town",
    ),
    pytest.param(
        "Fighting in Chad\n\nThe army said 40 people were wounded in Mongo’s central market.\n",
        "40",
        "Mongo",
        id="a-town-with-a-possessive-is-the-town",
    ),
    pytest.param(
        "Lebanon: Situation Report\n\nSituation in Numbers\n\n• 420,000 children in need of assistance\n",
        "420,000",
        "Lebanon",
        id="a-title-case-header-is-no-place",
    ),
    pytest.param(
        "Floods in Chad\n\nSee Casualties for details\n\n• 35 people killed\n",
        "35",
        "Chad",
        id="see-is-no-place",
    ),
    pytest.param(
        "In Ruyi Du Ab the assessment team found 7 dead.\n",
        "7",
        "Ruyi Du Ab",
        id="an-unknown-name-opening-the-text",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), JUNK)
def test_words_that_are_not_places_and_names_that_are(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


KNOWN_MISSES = [
    pytest.param(
        "Highlights\n\nAn earthquake hit the southwestern region of Haiti with major impact in three "
        "departments: Sud, Nippes and Grand'Anse. The estimated affected population is 900,000 people within the "
        "broader "
        "zone of impact.\n\nIn Nippes, 2 hospitals were damaged. In Grand'Anse, 5 schools were destroyed. Roads "
        "in Nippes and Grand'Anse are cut. Nippes has no power.\n",
        "900,000",
        "Haiti",
        marks=pytest.mark.xfail(
            strict=True, reason="LE: regions of one country named alike do not make the story the country's"
        ),
        id="LE-several-regions-make-the-country",
    ),
    pytest.param(
        "Floods in Yemen\n\nHeavy rains hit the north on Monday, and officials say Marib and Hajjah governorates "
        "are the worst hit, with more than 11,000 and 7,000 households affected, respectively.\n",
        "more than 11,000",
        "Marib",
        marks=pytest.mark.xfail(strict=True, reason="LB: 'A and B … N and M, respectively' pairs no places"),
        id="LB-respectively",
    ),
    pytest.param(
        "Earthquake in Afghanistan\n\nNearly half of the displaced are sheltering at the Kamari Transit Centre in "
        "Herat city. Approximately 300 individuals urgently need food.\n",
        "Approximately 300",
        "Kamari Transit Centre",
        marks=pytest.mark.xfail(
            strict=True, reason="LD: a previous sentence's place is taken only after a cue ('In X,', 'there')"
        ),
        id="LD-previous-sentence-without-a-cue",
    ),
    pytest.param(
        "Earthquake in Nepal\n\nThe quake flattened old buildings in the capital. At least 150 people were reported "
        "dead when the city's historic Ghanta Tower collapsed.\n",
        "At least 150",
        "Ghanta Tower",
        marks=pytest.mark.xfail(strict=True, reason="LC: a landmark ('X Tower') is no place"),
        id="LC-landmark",
    ),
    pytest.param(
        "Earthquake in Afghanistan\n\nAround 12,000 people have been affected across five districts: Zindan, "
        "Ghoryan, Adraskan, Pashtun Zarghun and Obe of Herat province.\n",
        "Around 12,000",
        "Herat province",
        marks=pytest.mark.xfail(
            strict=True, reason="LG: a count of areas followed by their list is taken as the place"
        ),
        id="LG-count-of-areas-then-their-list",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), KNOWN_MISSES)
def test_known_place_misses(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


AREA_NAMES = [
    pytest.param(
        "Heavy rains have affected more than 12,000 people in Eastern Province.\n",
        "more than 12,000",
        "Eastern Province",
        id="direction-and-area-word",
    ),
    pytest.param(
        "Floods in Ghana\n\n• About 4,000 people were displaced in Northern Region, officials said.\n",
        "About 4,000",
        "Northern Region",
        id="direction-and-area-word-in-a-bullet",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), AREA_NAMES)
def test_areas_named_by_a_direction_and_an_area_word(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


SITES = [
    pytest.param(
        "Fighting in Ituri\n\nMore than 60,000 people are displaced on Roe hill, under threat.\n",
        "More than 60,000",
        "Roe hill",
        id="a-hill-after-on",
    ),
    pytest.param(
        "The Mahad IDP site, which hosts 18,000 displaced people, is overcrowded.\n",
        "18,000",
        "Mahad IDP site",
        id="an-idp-site",
    ),
    pytest.param(
        "Gunmen raided camps in the Linga and Bule health zones, killing 41 people.\n",
        "41",
        "Linga and Bule health zones",
        id="two-health-zones",
    ),
    pytest.param(
        "Storms in Greece\n\nWaves struck a Greek island, killing 9 people.\n",
        "9",
        "Greece",
        id="a-nationality-is-no-name",
    ),
    pytest.param(
        "Floods in Chad\n\nTemporary camps now host 3,000 people.\n",
        "3,000",
        "Chad",
        id="a-capital-that-opens-the-sentence",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), SITES)
def test_an_unknown_name_before_a_site_or_landform_word(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


SEVERED = [
    pytest.param(
        "Floods in Mali\n\nOn Monday the Red Cross put the toll at between 2,000 and 3,000; however by Friday "
        "officials said 9,000 had died in Mopti alone.\n",
        "between 2,000 and 3,000",
        "Mali",
        id="a-later-clause-beyond-another-figure",
    ),
    pytest.param(
        "Floods in Mali\n\nOn Monday the Red Cross put the toll at between 2,000 and 3,000; however by Friday "
        "officials said 9,000 had died in Mopti alone.\n",
        "9,000",
        "Mopti",
        id="the-later-clauses-own-figure",
    ),
    pytest.param(
        "In Kisumu, 5 people died; 10 others were injured.\n",
        "10",
        "Kisumu",
        id="a-fronted-place-still-sets-the-scene",
    ),
    pytest.param(
        "Clashes in Shan State\n\n• Tadaw township: Up to 500 people displaced by clashes; about 150 are sheltering "
        "in monasteries in Tadaw town.\n",
        "Up to 500",
        "Tadaw township",
        id="a-lines-label-with-a-site-word",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), SEVERED)
def test_a_place_beyond_a_semicolon_and_another_figure(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


FOLLOW_UP = [
    pytest.param(
        "Attacks in Cabo Delgado\n\nAbout 30,000 people arrived in Erati district after fleeing Chiure. "
        "5,100 families, including 2,000 men and 3,000 women.\n",
        "5,100",
        "Erati district",
        id="a-verbless-follow-up",
    ),
    pytest.param(
        "Attacks in Cabo Delgado\n\nAbout 30,000 people arrived in Erati district after fleeing Chiure. "
        "5,100 families, including 2,000 men and 3,000 women.\n",
        "3,000",
        "Erati district",
        id="and-its-breakdown",
    ),
    pytest.param(
        "Floods in Cameroon\n\nPartners counted 14,000 displaced persons across six sites in the Logone division. "
        "This includes 3,100 children under five and 420 pregnant women.\n",
        "3,100",
        "Logone division",
        id="this-includes",
    ),
    pytest.param(
        "Floods in Cameroon\n\nPartners counted 14,000 displaced persons in the Logone division. "
        "Another 2,000 people were displaced in Kousseri.\n",
        "Another 2,000",
        "Kousseri",
        id="unless-it-names-its-own",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), FOLLOW_UP)
def test_a_sentence_that_goes_on_about_a_figure_takes_its_place(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


BREAKDOWN_ITEMS = [
    pytest.param(
        "Floods in Cameroon\n\nPartners identified 12,400 displaced persons across seven sites in the Kaele (4), "
        "Moutourwa (2) and Guidiguis (1) sub-divisions in the Mayo-Kani division.\n",
        "12,400",
        "Mayo-Kani division",
        id="places-with-their-own-counts-are-items",
    ),
    pytest.param(
        "Floods in Libya\n\nSome families remain in three schools in Benghazi (77 families or 380 people).\n",
        "77",
        "Benghazi",
        id="a-bracket-that-holds-the-figure",
    ),
    pytest.param(
        "Cyclone hits New Caledonia\n\nThe cyclone flattened homes across the islands on Friday night, and officials "
        "say 26 people need housing (18 on Maré and 8 on Lifou) while roads are cleared.\n",
        "26",
        "New Caledonia",
        id="a-bracket-of-counts-still-open",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), BREAKDOWN_ITEMS)
def test_places_counted_in_brackets_are_a_breakdown(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


WHERE_THEY_WENT = [
    pytest.param(
        "Raids around Kilo have prompted nearly 9,000 people to flee to Mongbwalu Barrière: in late May, at least "
        "12 civilians were killed around Kilo.\n",
        "nearly 9,000",
        "Mongbwalu Barrière",
        id="flee-to-an-unknown-name",
    ),
    pytest.param(
        "Clashes in Ouham\n\nSince Sunday 1,200 people have fled to Gbade Kota, local leaders said.\n",
        "1,200",
        "Gbade Kota",
        id="fled-to",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), WHERE_THEY_WENT)
def test_a_name_after_a_movement_to_it(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


SHORT_NAMES = [
    pytest.param(
        "Clashes in Ituri\n\nAround 8,000 people displaced in Tse under constant threat from armed men.\n",
        "Around 8,000",
        "Tse",
        id="a-three-letter-name-after-in",
    ),
    pytest.param(
        "Floods in Chad\n\nOfficials say the storms that began in Sep have destroyed 2,400 homes.\n",
        "2,400",
        "Chad",
        id="a-month-abbreviation-is-no-name",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), SHORT_NAMES)
def test_short_names_after_a_preposition(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place


PRODUCED_BY_MOZAMBIQUE = (
    "This report is produced by OCHA Mozambique in collaboration with partners.\nKEY FIGURES\n"
    "2.4M people in need\nHIGHLIGHTS\nIn Beira, officials counted 310 deaths. In Beira, 30,000 people are "
    "sheltering in schools. Beira remains cut off.\n"
)
YEMEN_UPDATE = (
    "Flash Update No. 3\n\nThis update was prepared by OCHA Yemen with partners.\n\nSituation in Numbers\n\n"
    "• 45,000 people displaced\n• 120 people killed\n\nOverview\n\nFighting around Marib city has intensified. "
    "In Marib, 3,000 families fled their homes. Marib's hospitals are full.\n"
)
NATIONAL = [
    pytest.param(PRODUCED_BY_MOZAMBIQUE, "2.4M", "Mozambique", id="key-figures-of-a-country-office"),
    pytest.param(PRODUCED_BY_MOZAMBIQUE, "310", "Beira", id="a-highlight-naming-its-town"),
    pytest.param(YEMEN_UPDATE, "45,000", "Yemen", id="situation-in-numbers"),
    pytest.param(YEMEN_UPDATE, "120", "Yemen", id="situation-in-numbers-second-bullet"),
    pytest.param(YEMEN_UPDATE, "3,000", "Marib", id="the-body-keeps-its-town"),
    pytest.param(
        "KEY FIGURES\n\n3,500 people displaced\n\nOverview\n\nFloods hit Beira on Monday. In Beira, roads are cut. "
        "Beira's port is closed.\n",
        "3,500",
        "Beira",
        id="no-country-named-keeps-the-main-place",
    ),
]


@pytest.mark.parametrize(("text", "surface", "place"), NATIONAL)
def test_key_figures_are_national(text: str, surface: str, place: str) -> None:
    assert _place(text, surface) == place
