"""The needs-review queue: each sign of risk, its reason in plain words, and the order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from impact import extract
from impact.model import Article
from impact.risk import FAR, WEIGHTS, figure_reasons, main_countries, risk
from impact.store import Store

SENTENCE = "Some 5,000 people fled the fighting, the agency said."


def _row(**changes: Any) -> dict[str, Any]:
    """A figure with no sign of risk: placed in its own sentence, in the article's country,
    quoted, exact, a stock."""
    row: dict[str, Any] = {
        "id": 1,
        "doc": "d1",
        "start": 1005,
        "end": 1015,
        "surface": "Some 5,000",
        "vague": False,
        "unit": "people",
        "category": "fled",
        "location": "Aleppo",
        "place_name": "Aleppo",
        "place_start": 1030,
        "place_end": 1036,
        "country_code": "SY",
        "attributed_to": "the agency",
        "sentence": SENTENCE,
        "sentence_start": 1000,
        "sentence_end": 1000 + len(SENTENCE),
        "period": None,
        "kind": "stock",
        "review_status": None,
    }
    row.update(changes)
    return row


CASES = [
    pytest.param({}, "SY", [], id="nothing"),
    pytest.param({"location": None, "place_name": None, "place_start": None}, "SY", ["no_place"], id="no-place"),
    pytest.param({"place_start": 960, "place_end": 966}, "SY", ["place_other_sentence"], id="place-one-sentence-back"),
    pytest.param({"place_start": 100, "place_end": 106}, "SY", ["place_far"], id="place-far-before"),
    pytest.param({"place_start": 1000 + len(SENTENCE) + FAR + 5}, "SY", ["place_far"], id="place-far-after"),
    pytest.param({"place_start": None, "place_end": None}, "SY", [], id="place-from-gazetteer-no-offsets"),
    pytest.param({"country_code": "tr"}, "SY", ["other_country"], id="other-country"),
    pytest.param({"country_code": "TR"}, None, [], id="no-main-country"),
    pytest.param({"kind": "projection"}, "SY", ["projection"], id="projection-kind"),
    pytest.param(
        {"sentence": "Some 5,000 people could flee the fighting, the agency said."},
        "SY",
        ["projection_words"],
        id="projection-word-nearby",
    ),
    pytest.param(
        {"sentence": "Some 5,000 people fled." + " " * 200 + "More may come."},
        "SY",
        [],
        id="projection-word-far-off",
    ),
    pytest.param({"attributed_to": None}, "SY", ["no_source"], id="no-source"),
    pytest.param({"vague": True, "surface": "Thousands"}, "SY", ["vague"], id="vague"),
    pytest.param(
        {"place_start": 100, "place_end": 106, "country_code": "TR", "attributed_to": "", "kind": "projection"},
        "SY",
        ["place_far", "other_country", "projection", "no_source"],
        id="everything-at-once",
    ),
]


@pytest.mark.parametrize(("changes", "main", "signs"), CASES)
def test_each_sign_of_risk(changes: dict[str, Any], main: str | None, signs: list[str]) -> None:
    reasons = figure_reasons(_row(**changes), main)
    assert [sign for sign, _ in reasons] == signs
    assert all(words and "_" not in words for _, words in reasons)  # plain words, not codes


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"place_start": 100, "place_end": 106}, "place “Aleppo” taken from 894 characters away from the figure"),
        ({"country_code": "TR"}, "placed in TR, but the article is mostly about SY"),
        ({"sentence": "Some 5,000 people may flee."}, "“may” near the figure: it may be a projection"),
    ],
    ids=["far", "country", "projection-word"],
)
def test_reasons_say_what_was_seen(changes: dict[str, Any], words: str) -> None:
    assert words in [w for _, w in figure_reasons(_row(**changes), "SY")]


@pytest.mark.parametrize(
    ("codes", "main"),
    [
        (["SY", "SY", "TR"], "SY"),
        (["SY", "TR"], None),
        (["sy", None, None], "SY"),
        ([None, None], None),
    ],
    ids=["majority", "tie", "one-placed", "none-placed"],
)
def test_the_main_country_of_an_article(codes: list[str | None], main: str | None) -> None:
    frame = pd.DataFrame([_row(id=i, country_code=c) for i, c in enumerate(codes)])
    assert main_countries(frame).get("d1") == main


def test_the_queue_is_unreviewed_figures_riskiest_first() -> None:
    frame = pd.DataFrame(
        [
            _row(id=1),
            _row(id=2, country_code="TR"),
            _row(id=3, country_code="TR", review_status="confirmed"),
            _row(id=4, attributed_to=None),
            _row(id=5, kind="projection", place_start=100, place_end=106),
            _row(id=6),
            _row(id=7, attributed_to=None),
        ]
    )
    queue = risk(frame)
    assert list(queue["id"]) == [5, 2, 4, 7, 1, 6]  # ties keep text order; reviewed figure 3 left out
    assert list(queue["score"]) == [WEIGHTS["projection"] + WEIGHTS["place_far"], 3, 1, 1, 0, 0]
    assert queue.loc[0, "reasons"] == [
        "place “Aleppo” taken from 894 characters away from the figure",
        "a projection (what may happen), not a count",
    ]


def test_an_empty_or_fully_reviewed_store_has_an_empty_queue() -> None:
    assert risk(pd.DataFrame()).empty
    assert risk(pd.DataFrame([_row(review_status="rejected")])).empty


def test_the_queue_from_a_store(tmp_path: Path) -> None:
    text = (
        "Heavy fighting was reported in Aleppo on Monday.\n\n"
        "Officials said 5,000 people fled the city, according to the UN. Up to 40,000 people may flee."
    )
    with Store(tmp_path / "q.db") as store:
        store.add_article(Article(doc="q", text=text), extract(text))
        queue = risk(store.risk_figures())
    assert len(queue) >= 2 and queue["score"].is_monotonic_decreasing
    top = queue.iloc[0]
    assert "40,000" in str(top["surface"]) and any("projection" in r for r in top["reasons"])


def test_a_long_place_name_is_cut_in_its_reason() -> None:
    reasons = figure_reasons(_row(location="Al-" + "x" * 5000, place_start=100, place_end=600), "SY")
    assert all(len(words) < 200 for _, words in reasons) and "…" in reasons[0][1]
