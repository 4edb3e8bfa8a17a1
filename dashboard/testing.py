"""A small, hand-made store for tests and demos (no extractor needed).

Every article here is marked illustrative: invented text, not real reporting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from impact.model import Article, Figure, Place
from impact.store import Store
from impact.store.backends import is_postgres_url

PLACES = {
    "Mosul": Place("Mosul", country_code="IQ", latitude=36.34, longitude=43.13, geonameid=99072),
    "Raqqa": Place("Raqqa", country_code="SY", latitude=35.95, longitude=39.01, geonameid=163915),
    "Aleppo": Place("Aleppo", country_code="SY", latitude=36.20, longitude=37.16, geonameid=170063),
}

# (doc, publisher, date, text, [(surface, low, high, best, vague, approx, counted, unit,
#   category, location, attributed_to)])
ARTICLES: list[tuple[str, str, str, str, list[tuple[Any, ...]]]] = [
    (
        "sample-mosul-1",
        "Radio Example",
        "2017-06-30",
        "Hundreds of civilians fled Mosul's Old City on June 30. Officials said the "
        "remaining 200 to 300 IS extremists in Mosul were encircled. At least 73 people "
        "died in Mosul, medics said.",
        [
            ("Hundreds", 200, 999, 600, True, False, "civilians", "people", "fled", "Mosul", None),
            (
                "200 to 300",
                200,
                300,
                250,
                False,
                False,
                "IS extremists",
                "people",
                "fighters",
                "Mosul",
                "Officials",
            ),
            (
                "At least 73",
                73,
                None,
                73,
                False,
                False,
                "people",
                "people",
                "killed",
                "Mosul",
                "medics",
            ),
        ],
    ),
    (
        "sample-raqqa-1",
        "Radio Example",
        "2017-07-02",
        "An estimated 2,500 IS fighters remain in Raqqa, officials said. Thousands of "
        "families have fled Raqqa since June.",
        [
            (
                "An estimated 2,500",
                2500,
                2500,
                2500,
                False,
                True,
                "IS fighters",
                "people",
                "fighters",
                "Raqqa",
                "officials",
            ),
            (
                "Thousands",
                2000,
                9999,
                5000,
                True,
                False,
                "families",
                "households",
                "fled",
                "Raqqa",
                None,
            ),
        ],
    ),
    (
        "sample-raqqa-2",
        "Daily Sample",
        "2017-07-10",
        "Between 3,000 and 4,000 fighters are in Raqqa, the monitor said. Some 1,200 houses were destroyed in Raqqa.",
        [
            (
                "Between 3,000 and 4,000",
                3000,
                4000,
                3500,
                False,
                False,
                "fighters",
                "people",
                "fighters",
                "Raqqa",
                "the monitor",
            ),
            (
                "Some 1,200",
                1200,
                1200,
                1200,
                False,
                True,
                "houses",
                "structures",
                "damaged",
                "Raqqa",
                None,
            ),
        ],
    ),
    (
        "sample-raqqa-3",
        "Weekly Sample",
        "2017-07-20",
        "As many as 12,000 fighters hold Raqqa, a spokesman claimed. Dozens of people were killed in Aleppo.",
        [
            (
                "As many as 12,000",
                None,
                12000,
                12000,
                False,
                False,
                "fighters",
                "people",
                "fighters",
                "Raqqa",
                "a spokesman",
            ),
            ("Dozens", 24, 99, 50, True, False, "people", "people", "killed", "Aleppo", None),
        ],
    ),
]


def sample_figures(text: str, specs: list[tuple[Any, ...]]) -> list[Figure]:
    figures = []
    for surface, low, high, best, vague, approx, counted, unit, category, loc, who in specs:
        start = text.index(surface)
        end = start + len(surface)
        sentence_start = text.rfind(". ", 0, start)
        sentence_start = 0 if sentence_start < 0 else sentence_start + 2
        sentence_end = text.find(".", end)
        sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
        figures.append(
            Figure(
                start=start,
                end=end,
                surface=surface,
                low=low,
                high=high,
                best=best,
                approximate=approx,
                vague=vague,
                counted=counted,
                unit=unit,
                category=category,
                location=loc,
                place=PLACES.get(loc),
                attributed_to=who,
                sentence=text[sentence_start:sentence_end],
                sentence_start=sentence_start,
                sentence_end=sentence_end,
            )
        )
    return figures


def build_sample_store(path: str | Path) -> str | Path:
    """Write the sample articles into a store at ``path`` (a file, or a PostgreSQL URL) and
    return where it is."""
    target: str | Path = path if is_postgres_url(path) else Path(path)
    with Store(target) as store:
        for doc, publisher, date, text, specs in ARTICLES:
            article = Article(
                doc=doc,
                text=text,
                title=f"Sample article {doc}",
                publisher=publisher,
                date=date,
                url=f"https://example.org/{doc}",
                illustrative=True,
            )
            store.add_article(article, sample_figures(text, specs))
    return target
