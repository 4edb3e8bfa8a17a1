"""What is counted, its unit and category, where, and says who: conflict news and reports.

The sentences are written for these tests (no third-party text); each row gives what an
analyst expects for the figure in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from impact import extract

FIXTURES = Path(__file__).parent / "fixtures" / "articles"

# sentence, surface, counted, unit, category, location, attributed_to
CASES = [
    ("The death toll rose to 73 in Aleppo, the Syrian Observatory for Human Rights said.",
     "73", None, "people", "killed", "Aleppo", "the Syrian Observatory for Human Rights"),
    ("At least 73 people were killed in airstrikes on Idlib on Tuesday, according to the White Helmets.",
     "At least 73", "people", "people", "killed", "Idlib", "the White Helmets"),
    ("The shelling hit a market in Donetsk, killing 12 civilians and wounding 30 others.",
     "12", "civilians", "people", "killed", "Donetsk", None),
    ("The shelling hit a market in Donetsk, killing 12 civilians and wounding 30 others.",
     "30", "others", "people", "injured", "Donetsk", None),
    ("Fighting in North Darfur has displaced 30,000 people since April, the UN refugee agency said.",
     "30,000", "people", "people", "displaced", "North Darfur", "the UN refugee agency"),
    ("A total of 28,400 people have run away from the fighting in Tigray, officials said.",
     "A total of 28,400", "people", "people", "fled", "Tigray", "officials"),
    ("Nine hundred and twenty-one houses were destroyed in Homs.",
     "Nine hundred and twenty-one", "houses", "structures", "damaged", "Homs", None),
    ("Casualties: 1,200 killed, 3,400 wounded.", "1,200", "Casualties", "people", "killed", None, None),
    ("Casualties: 1,200 killed, 3,400 wounded.", "3,400", "wounded", "people", "injured", None, None),
    ("Some 400,000 civilians remain trapped in eastern Ghouta, which has been under siege since 2013, the UN said.",
     "Some 400,000", "civilians", "people", "trapped", "eastern Ghouta", "the UN"),
    ("An estimated 40,000 people are besieged in Madaya.",
     "An estimated 40,000", "people", "people", "besieged", "Madaya", None),
    ("Government forces detained more than 150 protesters in Khartoum on Sunday, activists said.",
     "more than 150", "protesters", "people", "detained", "Khartoum", "activists"),
    ("Houthi rebels are holding about 3,000 prisoners in Sanaa, according to Human Rights Watch.",
     "about 3,000", "prisoners", "people", "detained", "Sanaa", "Human Rights Watch"),
    ("Rebels abducted 24 aid workers near Goma, the ministry said.",
     "24", "aid workers", "people", "detained", "Goma", "the ministry"),
    ("About 2,000 refugees crossed into Chad from Sudan last week, UNHCR said.",
     "About 2,000", "refugees", "people", "refugees", "Chad", "UNHCR"),
    ("More than 700,000 Rohingya have fled to Bangladesh since August 2017.",
     "More than 700,000", "Rohingya", "people", "fled", "Bangladesh", None),
    ('"We estimate that 5,000 fighters remain in the city," said Colonel John Smith, a coalition spokesman.',
     "5,000", "fighters", "people", "fighters", None, "Colonel John Smith"),
    ("Nearly 1,500 families returned to their homes in Mosul last month.",
     "Nearly 1,500", "families", "households", "returned", "Mosul", None),
    ("In Kabul, a suicide bomber killed 35 people and injured 70 on Friday, police said.",
     "70", None, "people", "injured", "Kabul", "police"),
    ("Around 250 migrants are missing after their boat capsized off Libya, the IOM said.",
     "Around 250", "migrants", "people", "missing", "Libya", "the IOM"),
    ("Thousands of families have been evacuated from Kherson, the regional governor said.",
     "Thousands", "families", "households", "evacuated", "Kherson", "the regional governor"),
    ("The United Nations says 13.1 million Syrians need humanitarian assistance.",
     "13.1 million", "Syrians", "people", "in_need", None, "The United Nations"),
    ("Officials say an estimated 2,500 IS fighters in Raqqa are holding tens of thousands of civilians.",
     "an estimated 2,500", "IS fighters", "people", "fighters", "Raqqa", "Officials"),
    ("Hamas released 24 hostages on Friday, including 13 Israelis.",
     "13", "Israelis", "people", "detained", None, None),
    ("The number of refugees who have fled Ukraine has passed 5 million, UNHCR said.",
     "passed 5 million", "refugees", "people", "fled", "Ukraine", "UNHCR"),
    ("Tens of thousands of Rohingya fled to Cox's Bazar in 2017.",
     "Tens of thousands", "Rohingya", "people", "fled", "Cox's Bazar", None),
    ("The blast in Kabul killed 5 and wounded 8.", "8", None, "people", "injured", "Kabul", None),
    ("At least 45 homes were destroyed and 120 damaged in the village of Kafr Nabl.",
     "120", None, "structures", "damaged", "Kafr Nabl", None),
    ("Around 1,800 Syrian refugees returned from Lebanon last month, UNHCR said.",
     "Around 1,800", "Syrian refugees", "people", "returned", "Lebanon", "UNHCR"),
    ("At least 18 people, 12 of them children, died when the school collapsed.",
     "At least 18", "people", "people", "killed", None, None),
    ("At least 18 people, 12 of them children, died when the school collapsed.",
     "12", "children", "people", "killed", None, None),
    ("The offensive has forced nearly 300,000 people from their homes in North Kivu since October.",
     "nearly 300,000", "people", "people", "displaced", "North Kivu", None),
    ("Around 12 percent of the 2.3 million residents have left.",
     "2.3 million", "residents", "people", "other", None, None),
    ("Israel said it had killed 100 Hamas fighters.", "100", "Hamas fighters", "people", "killed", "Israel", "Israel"),
    ("12 soldiers were wounded in the attack.", "12", "soldiers", "people", "injured", None, None),
    ("Troops captured 40 militants near Kidal.", "40", "militants", "people", "detained", "Kidal", None),
    ("Several thousand soldiers were deployed for the rescue.",
     "Several thousand", "soldiers", "people", "fighters", None, None),
    ("Some 500,000 people remain in the city, the mayor said.",
     "Some 500,000", "people", "people", "civilians_present", None, "the mayor"),
    # tallies whose noun is far from the number, or after it
    ("Two more bodies were found, taking the death toll from last week's storms and mudslides to 64.",
     "64", None, "people", "killed", None, None),
    ("The new arrivals bring to almost 80,000 the number of Congolese refugees in Burundi this year.",
     "almost 80,000", "Congolese refugees", "people", "refugees", "Burundi", None),
    # a vague word with no "of" straight after a verb of harm; a verb's bare forms
    ("Bandits kill scores in raids on villages near Gusau.", "scores", None, "people", "killed", "Gusau", None),
    ("Gunmen abduct 30 in raid on a school in Kaduna.", "30", None, "people", "detained", "Kaduna", None),
    ("Of the wounded, nine were in a critical condition, doctors said.",
     "nine", None, "people", "injured", None, "doctors"),
    # weak verbs yield; asides and their nouns do not speak for the main figure
    ("About 2,000 more remain stranded on islands in the river.",
     "About 2,000", None, "people", "trapped", None, None),
    ("Some 90,000 refugees are living in tents near Adre.",
     "Some 90,000", "refugees", "people", "refugees", "Adre", None),
    ("At least 12 people, including two soldiers, were killed in the blast.",
     "At least 12", "people", "people", "killed", None, None),
    ("Dozens of them remain in captivity, relatives said.", "Dozens", None, "people", "detained", None, "relatives"),
    ("About 400 families are sleeping in the open after the fire.",
     "About 400", "families", "households", "homeless", None, None),
    ("The appeal seeks $5 million to assist 60,000 people.", "60,000", "people", "people", "other", None, None),
    ("The outbreak has spread to 7 districts, with 2,310 cases and 41 deaths.",
     "2,310", "cases", "people", "affected", None, None),
    ("The group said it had killed \"more than 40 soldiers\" near Menaka.",
     "more than 40", "soldiers", "people", "killed", "Menaka", "The group"),
    ("The group said it had killed \"more than 40 apostates\" near Menaka.",
     "more than 40", None, "people", "killed", "Menaka", "The group"),
    ("Of the dead, 40 were in Jajarkot and 12 in Salyan, the ministry said.",
     "12", None, "people", "killed", "Salyan", "the ministry"),
    ("Rescuers were searching for \"two or three\" residents believed to be trapped.",
     "two or three", "residents", "people", "trapped", None, None),
    ("The army says 'scores' of insurgents were killed near Bama.", "scores", "insurgents", "people", "killed",
     "Bama", "The army"),
    ("Estimates of the dead range from 5,000 to 20,000.", "from 5,000 to 20,000", None, "people", "killed", None, None),
    ("An estimated 1.2 to 1.5 million people need food assistance.",
     "An estimated 1.2 to 1.5 million", "people", "people", "in_need", None, None),
    ("Rescuers pull 9 alive from rubble as the toll climbs to 212.", "212", None, "people", "killed", None, None),
    ("Floodwaters washing away dozens of houses in Swat.", "dozens", "houses", "structures", "damaged", "Swat", None),
    ("Border point Kiir: 236 refugees and 1,201 returnees.", "1,201", "returnees", "people", "returned", None, None),
    ("A total of 9,200 cholera cases, including 310 deaths, have been reported.",
     "310", "deaths", "people", "killed", None, None),
    ("Rukum, a hill district of about 150,000 people, was hit hardest.",
     "about 150,000", "people", "people", "other", None, None),
    ("Some 8,000 people remained in 60 evacuation centres on Monday.",
     "Some 8,000", "people", "people", "displaced", None, None),
    ("The army said it lost 9 soldiers in the clashes.", "9", "soldiers", "people", "killed", None, "The army"),
    ("About 4.1 million people face acute food insecurity.",
     "About 4.1 million", "people", "people", "affected", None, None),
    ("Roughly 90,000 people crossed the Darien gap in May.",
     "Roughly 90,000", "people", "people", "refugees", "Darien", None),
    ("About 300 died or went missing at sea last year.", "About 300", None, "people", "other", None, None),
    ("Of the deaths, 176 occurred in the community, the ministry said.",
     "176", None, "people", "killed", None, "the ministry"),
    ("Of the dead, 121 were in Jajarkot, 88 in Rukum and three in neighbouring Salyan.",
     "three", None, "people", "killed", "Salyan", None),
    ("Supaul is worst hit with 3.2 lakh people affected, followed by Saharsa (2.75 lakh) and Madhepura (1,86,000).",
     "1,86,000", None, "people", "affected", "Madhepura", None),
    ("The mission has reinforced its base with 150 additional peacekeepers.",
     "150", "additional peacekeepers", "people", "fighters", None, None),
    ("Police said 52 bodies were recovered and 23 people were being treated for gunshot wounds.",
     "23", "people", "people", "injured", None, "Police"),
    ("At least 20 of the wounded died in hospital.", "At least 20", "wounded", "people", "killed", None, None),
    ("In Gambella, the camps now host about 300,000 refugees.",
     "about 300,000", "refugees", "people", "refugees", "Gambella", None),
    ("The response plan targets 270,000 people over three months.",
     "270,000", "people", "people", "other", None, None),
    ("The military says it eliminated 8 fighters near Shwebo.",
     "8", "fighters", "people", "killed", "Shwebo", "The military"),
    ("Some 1,400 soldiers and civilians remain held by the rebels.",
     "Some 1,400", "soldiers", "people", "detained", None, None),
    ("Millions of people in Yemen depend on food aid.", "Millions", "people", "people", "in_need", "Yemen", None),
    ("Several hundred families have moved in with relatives in Asadabad.",
     "Several hundred", "families", "households", "displaced", "Asadabad", None),
    ("Drones killed 12 civilians and wounded 31 in three towns of Donetsk.",
     "31", None, "people", "injured", "three towns of Donetsk", None),
    ("Jihadist attacks kill more than 100 in a week in the Sahel.",
     "more than 100", None, "people", "killed", "Sahel", None),
    ("Clashes in Arauca displace 5,000 as violence flares.", "5,000", None, "people", "displaced", "Arauca", None),
    ("Myanmar air strikes kill dozens; thousands cross into Thailand.",
     "thousands", None, "people", "refugees", "Thailand", None),
    ("Gangs killed 36 people and burned at least 200 homes in Kenscoff.",
     "at least 200", "homes", "structures", "damaged", "Kenscoff", None),
    ("Sudanese refugee arrivals in Egypt top 1.5 million as Kufra strains.",
     "top 1.5 million", "arrivals", "people", "refugees", "Egypt", None),
    # said of houses, "buried" is damage, not deaths
    ("A mudslide buried 10-12 houses in Haflong overnight.",
     "10-12", "houses", "structures", "damaged", "Haflong", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "surface", "counted", "unit", "category", "location", "source"),
    CASES,
    ids=[f"{c[4]}:{c[1]}" for c in CASES],
)
def test_context(sentence, surface, counted, unit, category, location, source) -> None:  # type: ignore[no-untyped-def]
    figures = {f.surface: f for f in extract(sentence)}
    assert surface in figures, list(figures)
    figure = figures[surface]
    assert (figure.counted, figure.unit, figure.category) == (counted, unit, category)
    assert figure.location == location
    assert figure.attributed_to == source


def test_place_is_geocoded_with_country_and_coordinates() -> None:
    (figure,) = extract("About 2,000 refugees crossed into Chad last week.")
    assert figure.place is not None
    assert figure.place.country_code == "TD"
    assert figure.place.latitude is not None and figure.place.longitude is not None


def test_place_from_section_header_when_the_sentence_names_none() -> None:
    text = "Floods in East Africa\n\nKenya\n\nAt least 40 people have died since March.\n"
    (figure,) = extract(text)
    assert figure.location == "Kenya"


def test_pronoun_takes_the_speaker_named_just_before() -> None:
    text = "General Ali Hassan spoke on Monday. He said 300 soldiers were wounded in the fighting."
    (figure,) = extract(text)
    assert figure.attributed_to is None or figure.attributed_to == "General Ali Hassan"


def test_conflict_fixture_article() -> None:
    text = (FIXTURES / "conflict_siege.txt").read_text(encoding="utf-8")
    got = {(f.surface, f.category) for f in extract(text)}
    assert {
        ("Some 12,000", "trapped"),
        ("at least 48", "killed"),
        ("130", "injured"),
        ("An estimated 800 to 1,000", "fighters"),
        ("More than 35,000", "fled"),
        ("About 4,200", "refugees"),
        ("dozens", "detained"),
    } <= got
    by_surface = {f.surface: f for f in extract(text)}
    fighters = by_surface["An estimated 800 to 1,000"]
    assert (fighters.low, fighters.high, fighters.approximate) == (800, 1000, True)
    assert by_surface["Some 12,000"].attributed_to == "aid agencies"
    assert by_surface["Some 12,000"].location == "Tal Hamra"
    assert by_surface["at least 48"].attributed_to == "The town's hospital"


def test_population_baseline_is_other() -> None:
    figures = extract("The storm reached the Chatham Islands (pop: 650) on Sunday.")
    assert [(f.surface, f.category) for f in figures] == [("650", "other")]


def test_responders_at_work_are_not_figures() -> None:
    assert extract("Several thousand volunteers helped to fill sandbags.", geocode=False) == []
    (figure,) = extract("Three aid workers were killed in the attack.", geocode=False)
    assert figure.category == "killed"


def test_situation_report_fixture() -> None:
    text = (FIXTURES / "sitrep_floods.txt").read_text(encoding="utf-8")
    figures = {f.surface: f for f in extract(text)}
    assert set(figures) >= {"An estimated 250,000", "At least 12", "5", "45,000", "Over 3,000", "20",
                            "about 8,500", "51,000", "120,000", "1,200", "340", "18,000"}  # fmt: skip
    assert "300" not in figures and "2,500" not in figures  # tonnes of food, hygiene kits
    assert figures["At least 12"].location == "Lower Shabelle"  # the title's place for the highlights
    assert figures["45,000"].category == "displaced"
    assert figures["about 8,500"].unit == "households" and figures["about 8,500"].category == "homeless"
    assert figures["51,000"].category == "homeless"  # the bracketed restatement
    assert figures["120,000"].attributed_to == "Humanitarian partners"
    assert figures["340"].category == "evacuated"
    assert figures["18,000"].category == "other"  # people reached with aid


def test_infobox_and_list_lines() -> None:
    text = (
        "Storm Example (illustrative)\n\nDeaths: 1,234\nInjured: 567\nMissing: 89\n"
        "Houses destroyed: 3,400\nDamage: $2.1 billion\n\nKey figures\n- 250,000 people in need\n"
    )
    got = [(f.surface, f.counted, f.unit, f.category) for f in extract(text, geocode=False)]
    assert got == [
        ("1,234", "Deaths", "people", "killed"),
        ("567", "Injured", "people", "injured"),
        ("89", "Missing", "people", "missing"),
        ("3,400", "Houses", "structures", "damaged"),
        ("250,000", "people", "people", "in_need"),
    ]


def test_conflict_situation_report_fixture() -> None:
    text = (FIXTURES / "sitrep_conflict.txt").read_text(encoding="utf-8")
    got = {f.surface: f for f in extract(text)}
    assert (got["6.3M"].low, got["6.3M"].category, got["6.3M"].location) == (6_300_000, "displaced", "Sudan")
    assert got["24.8M"].category == "in_need"
    assert got["4.5 million"].category == "displaced"  # "including 4.5 million since ..."
    assert got["more than 6.3 million"].attributed_to.startswith("the International Organization for Migration")
    assert (got["at least 800"].location, got["at least 800"].attributed_to) == ("Ardamata", "the UN refugee agency")
    assert (got["34"].counted, got["34"].category) == ("health workers", "killed")
    assert got["38"].category == "injured" and got["78"].category == "killed"
    assert "90" not in got and "60" not in got and "2,500" not in got  # a share, attacks, disease cases


@pytest.mark.parametrize(
    ("line", "location"),
    [("North Darfur: 450,000 IDPs", "North Darfur"), ("Gedaref – 120,000 displaced", "Gedaref"),
     ("Busia County: 300 families displaced", "Busia County"), ("UNHCR: 4,500 refugees arrived in Chad.", "Chad"),
     ("Dr Amina Yusuf: 40 people died.", None)],
)  # fmt: skip
def test_a_list_line_names_its_place(line: str, location: str | None) -> None:
    (figure,) = extract(line)
    assert figure.location == location


def test_conflict_news_fixture_with_quotes_and_asides() -> None:
    text = (FIXTURES / "conflict_airstrike.txt").read_text(encoding="utf-8")
    got = {f.surface: f for f in extract(text)}
    assert (got["dozens"].low, got["dozens"].high, got["dozens"].category) == (24, 99, "killed")
    assert (got["at least 43"].category, got["at least 43"].attributed_to) == ("killed", "health officials")
    assert got["11"].category == "killed"  # "including 11 children"
    assert (got["Another 75"].category, got["Another 75"].location) == ("injured", "Saada province")
    assert got["Another 75"].attributed_to == "Mohammed Ali"
    assert (got["30"].counted, got["30"].category) == ("injured people", "injured")  # not "received"
    assert got["some 21.6 million"].category == "in_need"  # not the aside's "population"
    assert (got["about 30"].category, got["about 30"].location) == ("detained", "Sanaa")


def test_a_dateline_is_where_the_story_was_filed_not_where_its_figures_are() -> None:
    text = "KABUL, June 4 (Wire) - At least 30 people were killed in floods in Baghlan province."
    (figure,) = extract(text)
    assert figure.location == "Baghlan province"
    (alone,) = extract("NAIROBI, May 2 (Wire) - At least 30 people have died since March, officials said.")
    assert alone.location == "NAIROBI"  # no other place: the dateline is the best guess


def test_a_list_takes_its_category_and_places_from_its_lead_in_line() -> None:
    text = (
        "Returnees by province of arrival (as of 2 May):\n"
        "- Kandahar: 12,400\n"
        "- Qalat Dara: 3,150 people\n"
        "\n"
        "Food distributions continued in Herat, where 4,000 people were reached.\n"
    )
    figures = {f.surface: f for f in extract(text)}
    assert figures["12,400"].category == "returned"
    assert figures["3,150"].category == "returned"
    assert figures["3,150"].location == "Qalat Dara"  # not in the gazetteer: the lead-in says it is a place
    assert figures["4,000"].category == "other"  # after the blank line the list is over


def test_names_that_begin_with_el_or_al_are_places() -> None:
    (figure,) = extract("Shelling killed 14 people in El Fasher on Monday.")
    assert figure.location == "El Fasher"
    assert figure.place is not None and figure.place.country_code == "SD"


def test_a_region_named_through_its_country_is_the_region() -> None:
    (figure,) = extract("Airstrikes killed 9 people in Syria's Idlib province on Friday.")
    assert figure.place is not None and figure.place.matched == "Idlib"


def test_the_title_is_no_section_header_and_a_town_named_as_often_as_its_country_is_the_main_place() -> None:
    text = (
        "Note: written for the tests.\n\n"
        "Sudan: fighting closes in on El Fasher\n\n"
        "Fighters tightened their siege of El Fasher on Sunday, residents in Sudan said.\n\n"
        "About 5,000 fighters are deployed around the city, an army spokesman said. "
        "Shelling of El Fasher continued overnight.\n"
    )
    figures = {f.surface: f for f in extract(text)}
    assert figures["About 5,000"].location == "El Fasher"


def test_a_list_line_whose_number_counts_something_else_is_no_figure() -> None:
    text = "RESPONSE\n- WASH: 36 boreholes rehabilitated in Montepuez.\n- Deaths: 1,234 confirmed\n"
    assert [(f.surface, f.category) for f in extract(text)] == [("1,234", "killed")]


def test_a_body_of_a_country_is_no_quarter_of_it() -> None:
    (figure,) = extract("Sudan's Ministry of Health said 40 people died of cholera.")
    assert figure.location == "Sudan"
    (old_city,) = extract("Hundreds of civilians fled Mosul's Old City.")
    assert old_city.location == "Mosul's Old City"
