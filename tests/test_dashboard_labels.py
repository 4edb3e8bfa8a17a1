"""Names, words and colours on the dashboard: publishers and quoted sources by one display name
(``impact.names``), categories in plain words, one colour per category on every chart."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dashboard import aggregate, components, figures, labels, snapshot
from dashboard.components import controls_args
from dashboard.views import map as map_view
from dashboard.views import overview, table
from impact.filters import Filters
from impact.model import CATEGORIES, UNITS, Article, Figure, Place
from impact.store import Store

MOSUL = Place("Mosul", country_code="IQ", latitude=36.34, longitude=43.13)


def _figure(text: str, surface: str, value: int, category: str, source: str | None) -> Figure:
    at = text.index(surface)
    return Figure(start=at, end=at + len(surface), surface=surface, low=value, high=value, best=value,
                  approximate=False, vague=False, category=category, location="Mosul", place=MOSUL,
                  attributed_to=source, sentence=text)  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "names.db"
    rows = [
        ("a", "VOA News", "2017-07-01", "killed", "the World Health Organization", 12),
        ("b", "Voice of America", "2017-07-02", "in_need", "WHO", 9000),
        ("c", "voanews.com", "2017-07-03", "civilians_present", "The monitor", 200000),
        ("d", "Reuters", "2017-07-04", "displaced", "the monitor", 800),
    ]
    with Store(path) as store:
        for doc, publisher, date, category, source, value in rows:
            text = f"In Mosul {value} people were counted, {source} said."
            store.add_article(Article(doc, text, publisher=publisher, date=date),
                              [_figure(text, str(value), value, category, source)])  # fmt: skip
    return path


def test_every_category_and_unit_has_plain_words_and_its_own_colour() -> None:
    assert set(labels.CATEGORY_WORDS) == set(CATEGORIES) == set(labels.CATEGORY_COLORS)
    assert set(labels.UNIT_WORDS) == set(UNITS)
    assert all("_" not in words for words in labels.CATEGORY_WORDS.values())
    colours = list(labels.CATEGORY_COLORS.values())
    assert len(set(colours)) == len(colours), "two categories share a colour"
    allowed = {c.upper() for c in (*labels.OKABE_ITO.values(), *labels.PLOTLY_SAFE)}
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) and c in allowed for c in colours)


@pytest.mark.parametrize(
    ("category", "words"),
    [("in_need", "in need"), ("civilians_present", "civilians present"), ("killed", "killed"),
     ("new_thing", "new thing")],
    ids=["in-need", "civilians-present", "killed", "unknown"],
)  # fmt: skip
def test_category_label(category: str, words: str) -> None:
    assert labels.category_label(category) == words
    assert components.category_label(category) == words  # one home, re-exported


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA], ids=["none", "nan", "na"])
def test_missing_names_stay_missing(missing: Any) -> None:
    assert labels.publisher_label(missing) is None and labels.source_label(missing) is None


def test_table_shows_display_names_and_plain_words(db: Path) -> None:
    rows, _ = table.table_outputs(snapshot.load(db), db, *controls_args({}))
    assert {r["publisher"] for r in rows} == {"Voice of America", "Reuters"}
    assert {r["attributed_to"] for r in rows} == {"WHO", "Monitor"}
    assert {r["category"] for r in rows} == {"killed", "in need", "civilians present", "displaced"}


def test_overview_counts_one_bar_per_publisher_and_source(db: Path) -> None:
    selection = snapshot.load(db).select(Filters())
    publishers = aggregate.counts_by(selection, "publisher", display=labels.publisher_label)
    assert dict(zip(publishers["name"], publishers["total"], strict=True)) == {"Voice of America": 3, "Reuters": 1}
    sources = aggregate.counts_by(selection, "attributed_to", display=labels.source_label)
    assert dict(zip(sources["name"], sources["total"], strict=True)) == {"WHO": 2, "Monitor": 2}
    assert aggregate.key_numbers(selection)["sources"] == 2
    _, _, by_publisher, by_quoted, _ = overview.overview_outputs(snapshot.load(db), db, *controls_args({}))
    assert "Voice of America" in str(by_publisher.to_dict())
    assert "VOA News" not in str(by_publisher.to_dict()) and "voanews.com" not in str(by_publisher.to_dict())
    assert "World Health Organization" not in str(by_quoted.to_dict())


def test_source_filter_takes_a_display_name_and_finds_every_spelling(db: Path) -> None:
    snap = snapshot.load(db)
    chosen = snap.select(Filters(sources=("Voice of America",)))
    assert len(chosen) == 3
    assert len(snap.select(Filters(sources=("VOA",)))) == 3  # an old link with a raw spelling
    bar = components.filter_bar({}, snap)
    text = str(bar.to_plotly_json())
    assert "'label': 'Voice of America'" in text and "voanews.com" not in text


def test_a_category_has_the_same_colour_on_every_chart(db: Path) -> None:
    snap = snapshot.load(db)
    selection = snap.select(Filters())
    frame, period = aggregate.timeline(selection)
    timeline = figures.timeline_figure(frame, period)
    world, _ = map_view.map_outputs(snap, db, *controls_args({}))
    by_words = {words: category for category, words in labels.CATEGORY_WORDS.items()}
    for fig in (timeline, world):
        by_name = {trace.name: (trace.marker.color) for trace in fig.data}
        assert by_name and all(by_words[n] and c == labels.CATEGORY_COLORS[by_words[n]] for n, c in by_name.items())
    timeline_colours = {trace.name: trace.marker.color for trace in timeline.data}
    assert timeline_colours["killed"] == labels.CATEGORY_COLORS["killed"]
    assert timeline_colours["in need"] == labels.CATEGORY_COLORS["in_need"]


def test_timeline_has_one_other_series(db: Path) -> None:
    selection = snapshot.load(db).select(Filters())
    frame, _ = aggregate.timeline(selection, top_categories=2)
    assert "other (all remaining)" not in set(frame["category"])
    assert "other" in set(frame["category"])


def test_hover_text_uses_display_names_and_words() -> None:
    text = figures.hover_text({"surface": "12", "category": "in_need", "publisher": "VOA News",
                               "attributed_to": "the World Health Organization"})  # fmt: skip
    assert "in need" in text and "Voice of America" in text and "WHO" in text


def test_the_map_names_only_the_largest_places() -> None:
    points = pd.DataFrame(
        {
            "latitude": [30 + i * 0.3 for i in range(20)],
            "longitude": [40 + i * 0.3 for i in range(20)],
            "best": [1000 * (i + 1) for i in range(20)],
            "category": ["killed" if i % 2 else "displaced" for i in range(20)],
            "location": [f"Place {i}" for i in range(20)],
            "n": [1] * 20,
        }
    )
    fig = figures.map_figure(points)
    named = [t for trace in fig.data for t in trace.text if t]
    assert len(named) == figures.MAP_LABELS
    assert "Place 19" in named and "Place 0" not in named  # the largest named, the smallest on hover
