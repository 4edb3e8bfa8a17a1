"""Review input is checked before anything is saved: bounds are whole numbers from 0 to
2^63-1, whatever the page or a hand-made request sends, and a bad figure id in the URL
opens the page without a selection instead of failing it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from dashboard.app import create_app
from dashboard.testing import build_sample_store
from dashboard.views import review
from impact.corrections import MAX_BOUND
from impact.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_sample_store(tmp_path / "s.db")


def _first(db: Path) -> dict[str, Any]:
    with Store(db) as store:
        frame = store.figures()
    row = frame.iloc[0]
    return {"id": int(row["id"]), "low": row["effective_low"], "status": row["review_status"]}


def _text(component: Any) -> str:
    return str(getattr(component, "children", component))


BAD_BOUNDS = [
    pytest.param(-5, "0 or more", id="negative-int"),
    pytest.param("-5", "0 or more", id="negative-text"),
    pytest.param("\u22125", "0 or more", id="unicode-minus"),
    pytest.param("abc", "whole number", id="text"),
    pytest.param("12.5", "whole number", id="decimal"),
    pytest.param(12.5, "whole number", id="float"),
    pytest.param("1e400", "whole number", id="exponent-text"),
    pytest.param(1e20, "too large", id="1e20"),
    pytest.param(float("inf"), "whole number", id="1e400-parsed"),
    pytest.param(float("nan"), "whole number", id="nan"),
    pytest.param(10**20, "too large", id="20-digits"),
    pytest.param("1" * 25, "too large", id="25-digit-text"),
    pytest.param(str(MAX_BOUND + 1), "too large", id="past-the-largest"),
    pytest.param(True, "whole number", id="bool"),
    pytest.param([1], "whole number", id="list"),
]


@pytest.mark.parametrize(("low", "reason"), BAD_BOUNDS)
def test_a_bad_bound_is_not_saved(db: Path, low: Any, reason: str) -> None:
    before = _first(db)
    status, transaction = review.review_action(db, ids.REV_CORRECT, before["id"], low, None, None, None, None)
    assert "Not saved" in _text(status) and reason in _text(status)
    assert transaction is None
    assert _first(db) == before


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("1,200", 1200), (" 1 200 ", 1200), (7, 7), (7.0, 7), (str(MAX_BOUND), MAX_BOUND)],
    ids=["comma", "spaces", "int", "whole-float", "largest"],
)
def test_good_bounds_are_saved(db: Path, typed: Any, saved: int) -> None:
    first = _first(db)
    status, _ = review.review_action(db, ids.REV_CORRECT, first["id"], typed, typed, None, None, None)
    assert "Corrected" in _text(status)
    assert _first(db)["low"] == saved


def test_an_empty_bound_keeps_the_extractor_value(db: Path) -> None:
    first = _first(db)
    status, _ = review.review_action(db, ids.REV_CORRECT, first["id"], "", None, None, None, None)
    assert "Corrected" in _text(status) and _first(db)["low"] == first["low"]


@pytest.mark.parametrize(
    "bound",
    [-1, 2**63, 10**20, MAX_BOUND + 1, 1.0, "5", True],
    ids=["negative", "2^63", "1e20", "past-the-largest", "float", "text", "bool"],
)
def test_the_store_refuses_bad_bounds(db: Path, bound: Any) -> None:
    first = _first(db)
    with Store(db) as store, pytest.raises(ValueError, match="corrected low"):
        store.review(first["id"], "corrected", low=bound)
    assert _first(db) == first


@pytest.mark.parametrize("figure_id", [None, "abc", -1, 2**64, "1e400", 1.5], ids=str)
def test_a_bad_figure_id_from_the_browser_is_refused(db: Path, figure_id: Any) -> None:
    status, transaction = review.review_action(db, ids.REV_CONFIRM, figure_id, None, None, None, None, None)
    assert "Select a figure first" in _text(status) and transaction is None


def _correct_post(figure_id: Any, low: Any) -> str:
    state = {ids.REV_SELECTED: figure_id, ids.REV_LOW: low}
    return json.dumps(
        {
            "output": f"..{ids.REV_STATUS}.children...{ids.REV_GRID}.rowTransaction..",
            "outputs": [
                {"id": ids.REV_STATUS, "property": "children"},
                {"id": ids.REV_GRID, "property": "rowTransaction"},
            ],
            "inputs": [
                {"id": ids.REV_CONFIRM, "property": "n_clicks", "value": None},
                {"id": ids.REV_CORRECT, "property": "n_clicks", "value": 1},
                {"id": ids.REV_REJECT, "property": "n_clicks", "value": None},
            ],
            "state": [
                {"id": i, "property": "data" if i == ids.REV_SELECTED else "value", "value": state.get(i)}
                for i in (ids.REV_SELECTED, ids.REV_LOW, ids.REV_HIGH, ids.REV_CATEGORY, ids.REV_LOCATION, ids.REV_NOTE)
            ],
            "changedPropIds": [f"{ids.REV_CORRECT}.n_clicks"],
        }
    )


@pytest.mark.parametrize(
    ("figure_id", "low"),
    [("first", -5), ("first", "1e400"), ("first", 1e20), ("first", 10**20), ("1e400", 5), (10**20, 5)],
    ids=["negative", "1e400", "1e20", "20-digits", "id-1e400", "id-20-digits"],
)
def test_hand_made_requests_get_an_answer_not_a_500(db: Path, figure_id: Any, low: Any) -> None:
    before = _first(db)
    client = create_app(db).server.test_client()
    client.get("/")
    body = _correct_post(before["id"] if figure_id == "first" else figure_id, low).replace("1e+400", "1e400")
    response = client.post("/_dash-update-component", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    assert b"Not saved" in response.data or b"Select a figure first" in response.data
    assert _first(db) == before


@pytest.mark.parametrize("figure", ["1e400", "inf", "1" * 20, "-3", "abc", "0"])
def test_review_page_opens_on_a_bad_figure_id(db: Path, figure: str) -> None:
    client = create_app(db).server.test_client()
    assert client.get(f"/review?figure={figure}").status_code == 200
    assert client.get("/_dash-layout").status_code == 200


def test_review_layout_ignores_a_bad_figure_id(db: Path) -> None:
    from dashboard import snapshot

    for figure in ("1e400", "inf", "1" * 20):
        page = review.layout({"figure": figure}, snapshot.load(db), db)
        assert "Select a figure" in str(page)


def test_the_bound_inputs_send_what_was_typed() -> None:
    """A number input turns "-5" or "1e" into null, which read as 'keep the old value'."""
    from dash import dcc

    inputs: list[Any] = []

    def walk(node: Any) -> None:
        if isinstance(node, dcc.Input) and node.id in (ids.REV_LOW, ids.REV_HIGH):
            inputs.append(node)
        for child in getattr(node, "children", None) or []:
            if not isinstance(child, str):
                walk(child)

    import tempfile

    from dashboard import snapshot

    with tempfile.TemporaryDirectory() as tmp:
        store = build_sample_store(Path(tmp) / "s.db")
        walk(review.layout({}, snapshot.load(store), store))
    assert len(inputs) == 2 and all(node.type == "text" for node in inputs)
