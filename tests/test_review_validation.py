"""Review input is checked before anything is saved: bounds are whole numbers from 0 to
``MAX_BOUND``, whatever the page or a hand-made request sends, and a bad figure id in the URL
opens the page without a selection instead of failing it. The rules are
``impact.corrections.validate``'s; the page shows its message beside the field."""

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


RANGE = f"from 0 to {MAX_BOUND:,}"
BAD_BOUNDS = [
    pytest.param(-5, RANGE, id="negative-int"),
    pytest.param("-5", RANGE, id="negative-text"),
    pytest.param("\u22125", RANGE, id="unicode-minus"),
    pytest.param("abc", "whole number", id="text"),
    pytest.param("12.5", "whole number", id="decimal"),
    pytest.param(12.5, "whole number", id="float"),
    pytest.param("1e400", "whole number", id="exponent-text"),
    pytest.param(1e20, RANGE, id="1e20"),
    pytest.param(float("inf"), "whole number", id="1e400-parsed"),
    pytest.param(float("nan"), "whole number", id="nan"),
    pytest.param(10**20, RANGE, id="20-digits"),
    pytest.param("1" * 25, RANGE, id="25-digit-text"),
    pytest.param("1" * 400, "whole number", id="400-digit-text"),
    pytest.param(str(MAX_BOUND + 1), RANGE, id="past-the-largest"),
    pytest.param(True, "whole number", id="bool"),
    pytest.param([1], "whole number", id="list"),
]


def _correct(db: Path, figure_id: Any, note: Any = None, **raw: Any) -> tuple[Any, ...]:
    return review.review_action(db, ids.REV_CORRECT, figure_id, raw, note)


@pytest.mark.parametrize(("low", "reason"), BAD_BOUNDS)
def test_a_bad_bound_is_not_saved(db: Path, low: Any, reason: str) -> None:
    before = _first(db)
    status, transaction, errors, changed = _correct(db, before["id"], low=low)
    assert "Not saved" in _text(status) and reason in _text(status)
    assert reason in str(errors[0]) and errors[1:] == [None] * (len(errors) - 1)  # beside Low only
    assert transaction is None and changed is None
    assert _first(db) == before


BAD_FIELDS = [
    pytest.param("kind", "forecast", "unknown kind", id="kind"),
    pytest.param("unit", "persons", "unknown unit", id="unit"),
    pytest.param("category", "dead", "unknown category", id="category"),
    pytest.param("period_start", "last week", "YYYY-MM-DD", id="period-start-words"),
    pytest.param("period_end", "2024-02-30", "YYYY-MM-DD", id="period-end-no-such-day"),
    pytest.param("as_of", "24/03/2024", "YYYY-MM-DD", id="as-of-day-first"),
    pytest.param("attributed_to", "x" * 600, "longer than", id="source-too-long"),
    pytest.param("location", "y" * 600, "longer than", id="place-too-long"),
]


@pytest.mark.parametrize(("name", "value", "reason"), BAD_FIELDS)
def test_a_bad_field_is_not_saved_and_its_error_is_beside_it(db: Path, name: str, value: Any, reason: str) -> None:
    before = _first(db)
    status, transaction, errors, _ = _correct(db, before["id"], **{name: value})
    where = list(review.FIELD_IDS).index(name)
    assert reason in str(errors[where]) and sum(e is not None for e in errors) == 1
    assert review.FIELD_LABELS[name] in _text(status) and transaction is None
    assert _first(db) == before


def test_the_form_has_one_input_per_correctable_field() -> None:
    from impact.corrections import CORRECTABLE

    assert tuple(review.FIELD_IDS) == CORRECTABLE == tuple(review.FIELD_LABELS)
    assert len(set(review.FIELD_IDS.values())) == len(CORRECTABLE)


def test_every_field_is_corrected_and_the_original_kept(db: Path) -> None:
    first = _first(db)
    typed = {
        "low": "1,000",
        "high": "3000",
        "category": "displaced",
        "location": "Idlib",
        "unit": "households",
        "kind": "projection",
        "attributed_to": "the county office",
        "period_start": "2024-01",
        "period_end": "2024-02-15",
        "as_of": "2024",
    }
    status, transaction, errors, changed = _correct(db, first["id"], note="checked", **typed)
    assert "Corrected" in _text(status) and errors == [None] * len(errors) and changed["grid"] is False
    assert transaction is not None
    with Store(db) as store:
        row = store.figures_by_id([first["id"]]).iloc[0]
    for name, value in typed.items():
        expected = int(value.replace(",", "")) if name in ("low", "high") else value
        assert row[f"effective_{name}"] == expected, name
    assert row["effective_best"] == 2000 and row["note"] == "checked"
    editor = review.editor_outputs([{"id": first["id"]}], db)
    count = len(review.FIELD_IDS)
    values, originals = editor[1 : 1 + count], editor[1 + count : 1 + 2 * count]
    assert values[list(review.FIELD_IDS).index("kind")] == "projection"
    assert originals[list(review.FIELD_IDS).index("kind")] == "Extractor: stock (total)"
    assert all(text.startswith("Extractor: ") for text in originals)


def test_a_field_left_as_the_extractor_read_it_is_not_a_correction(db: Path) -> None:
    first = _first(db)
    editor = review.editor_outputs([{"id": first["id"]}], db)
    values = dict(zip(review.FIELD_IDS, editor[1 : 1 + len(review.FIELD_IDS)], strict=True))
    _correct(db, first["id"], **{**values, "kind": "flow"})
    with Store(db) as store:
        row = store.figures_by_id([first["id"]]).iloc[0]
    assert row["corrected_kind"] == "flow" and row["corrected_category"] is None and row["corrected_unit"] is None


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("1,200", 1200), (" 1 200 ", 1200), (7, 7), (7.0, 7), (str(MAX_BOUND), MAX_BOUND)],
    ids=["comma", "spaces", "int", "whole-float", "largest"],
)
def test_good_bounds_are_saved(db: Path, typed: Any, saved: int) -> None:
    first = _first(db)
    status, *_ = _correct(db, first["id"], low=typed, high=typed)
    assert "Corrected" in _text(status)
    assert _first(db)["low"] == saved


def test_an_empty_bound_keeps_the_extractor_value(db: Path) -> None:
    first = _first(db)
    status, *_ = _correct(db, first["id"], low="")
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
    status, transaction, _, changed = review.review_action(db, ids.REV_CONFIRM, figure_id, {}, None)
    assert "Select a figure first" in _text(status) and transaction is None and changed is None


def _correct_post(app: Any, figure_id: Any, low: Any) -> str:
    """The request the browser sends for Save correction, built from the app's own callback."""
    key, spec = next(
        (k, v) for k, v in app.callback_map.items() if k.startswith(f"..{ids.REV_STATUS}.children...{ids.REV_GRID}")
    )
    outputs = []
    for part in key.strip(".").split("..."):
        component, prop = part.split("@")[0].rsplit(".", 1)
        outputs.append({"id": component, "property": prop})
    state = {ids.REV_CURRENT: figure_id, ids.REV_LOW: low}
    return json.dumps(
        {
            "output": key,
            "outputs": outputs,
            "inputs": [{**item, "value": 1 if item["id"] == ids.REV_CORRECT else None} for item in spec["inputs"]],
            "state": [{**item, "value": state.get(item["id"])} for item in spec["state"]],
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
    app = create_app(db)
    client = app.server.test_client()
    client.get("/")
    body = _correct_post(app, before["id"] if figure_id == "first" else figure_id, low).replace("1e+400", "1e400")
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
