"""SPEC distractors, one class at a time: none of these is a figure."""

from __future__ import annotations

import pytest

from impact import extract

CASES = {
    "date": "Fighting resumed on June 30, 2017 in the north.",
    "date-day-first": "The floods of 27 April displaced no one we know of.",
    "year": "In 2014, the group captured the city.",
    "decade": "The city has grown since the 1990s.",
    "time": "The shelling began at 09:00 and stopped at 14:30.",
    "age": "An 11-year-old boy was among them.",
    "age-aged": "The victim, aged 34, was a teacher.",
    "duration": "The six-year civil war has lasted three years longer than expected.",
    "money": "The appeal seeks US$773 million for the response.",
    "money-rupees": "The state released Rs.553 crores for relief.",
    "percent": "About 63 per cent of displacements were caused by fighting.",
    "percent-sign": "Prices rose by 45% in a month.",
    "magnitude": "A magnitude 7.6 earthquake struck the coast.",
    "rainfall": "Rainfall reached 200 mm in a day.",
    "distance": "The camp lies 450 meters from the river.",
    "temperature": "Temperatures reached 45 degrees.",
    "coordinates": "The epicentre was at 36.5°N, 70.9°E.",
    "resolution": "Resolution 2401 demands a ceasefire.",
    "report-number": "Situation Report No. 50 was published today.",
    "phone": "Call +41 22 917 1234 for information.",
    "street": "The office is at 1201 Connecticut Ave NW, Ste 400.",
    "postal-code": "Washington DC 20036.",
    "citation": "The river overflowed.[12][13]",
    "villages": "Flooding has affected 29 of the country's 47 villages.",
    "districts": "The storm hit 14 districts and 3 provinces.",
    "camps": "Aid reached 12 camps in the north.",
    "vehicles": "A convoy of 40 trucks arrived.",
    "animals": "More than 3,000 cattle drowned.",
    "aid-items": "The agency delivered 5,000 blankets and 200 tonnes of food.",
    "capacity": "They built a camp for 60,000 people.",
    "supplies-capacity": "Trucks brought medical kits for 10,000 patients and beds for 200 more.",
    "food-capacity": "The convoy carried enough to feed 40,000 people for a month.",
    "age-after-name": '"It all collapsed," said Amina Yusuf, 58, who was injured in the blast.',
    "meetings": "Partners held 3 access negotiation meetings in May.",
    "experts-deployed": "WHO has deployed 12 epidemiologists to the two provinces.",
    "centres": "Aid was stored in 41 evacuation centres.",
    "every": "In some parts of the site there is one latrine for every 250 people.",
    "a-source": "The attack was described according to two residents of the town.",
    # rates of people a day are figures now (ERRORS M7; see test_detection_real_shapes.py)
    "convoy-capacity": "Each relocation convoy can carry a maximum of 1,200 people.",
    "helpline": "Flood control room helpline: 1070 (toll-free).",
    "tolls": "One massacre, five death tolls and no agreed truth.",
    "decimal-comma-percent": "The group lost 12,5 percent of its members.",
    "responders-remaining": "The UN called for the safety of the 18 humanitarian workers who remain in the county.",
    "threshold": "Mass displacement means groups of more than 50 people or more than 10 families.",
    "fraction": "One-third of the city was destroyed.",
    "ordinal": "It was the 3rd attack this month.",
    "covid": "COVID-19 cases rose.",
    "ratio": "One in five children is malnourished, and 3 out of 10 families lack water.",
    "rate": "There were 12 deaths per 100,000 people.",
    "age-range": "Most of the victims were aged between 18 and 25.",
    "age-children-under": "Children under 5 are the most vulnerable.",
}


@pytest.mark.parametrize("text", list(CASES.values()), ids=list(CASES))
def test_distractor_is_not_a_figure(text: str) -> None:
    figures = extract(text, geocode=False)
    assert figures == [], [(f.surface, f.counted) for f in figures]


def test_figure_beside_distractors_is_kept() -> None:
    text = "On 27 April, 16 people died in Gardo, where 45% of homes were flooded."
    assert [f.surface for f in extract(text, geocode=False)] == ["16"]


@pytest.mark.parametrize("name", ["no_figures_business_sport.txt", "no_figures_politics_weather.txt"])
def test_news_without_humanitarian_figures_gives_none(name: str) -> None:
    from pathlib import Path

    text = (Path(__file__).parent / "fixtures" / "articles" / name).read_text(encoding="utf-8")
    assert [(f.surface, f.counted) for f in extract(text)] == []


def test_coordinated_figures_share_the_word_after_them() -> None:
    figures = extract("Additionally, eight hospitals and 938 classrooms were destroyed.", geocode=False)
    assert [(f.surface, f.unit, f.category) for f in figures] == [
        ("eight", "structures", "damaged"),
        ("938", "structures", "damaged"),
    ]


@pytest.mark.parametrize(
    ("text", "surface"),
    [("The plant employs 800 workers.", None), ("800 workers were evacuated from the plant.", "800"),
     ("The school has 500 students.", None), ("About 500 students were trapped in the school.", "About 500")],
)  # fmt: skip
def test_people_in_everyday_roles_need_something_to_happen_to_them(text: str, surface: str | None) -> None:
    assert [f.surface for f in extract(text, geocode=False)] == ([surface] if surface else [])


def test_a_number_that_starts_a_list_line_is_not_read_with_the_line_above() -> None:
    text = "KEY FIGURES\n40,000 people displaced since 14 February\n12,500 IDPs in Kivu province\n"
    figures = {f.surface: f for f in extract(text)}
    assert "12,500" in figures, list(figures)  # not "February 12,500", a date
    assert figures["12,500"].category == "displaced"


def test_a_word_ending_like_a_currency_code_is_no_currency() -> None:
    """'shelters 37,500 people' is not 'Rs 37,500': currency codes are whole words."""
    (figure,) = extract("The camp alone shelters 37,500 people.", geocode=False)
    assert figure.surface == "37,500"
    assert extract("The fund paid Rs 37,500 to each family.", geocode=False) == []
