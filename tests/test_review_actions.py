"""The Review page's actions as plain functions: bulk verdicts after a confirmation, undo,
the history list and the needs-review queue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from dashboard.testing import build_sample_store
from dashboard.views import review
from impact.risk import risk
from impact.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return Path(build_sample_store(tmp_path / "s.db"))


def _text(component: Any) -> str:
    return str(getattr(component, "children", component))


def _article_with_most_figures(db: Path) -> tuple[int, list[int]]:
    with Store(db) as store:
        frame = store.figures()
        doc = frame["doc"].value_counts().index[0]
        first = int(frame.loc[frame["doc"] == doc, "id"].iloc[0])
        return first, store.figures_near(first, "article")


def _statuses(db: Path, figure_ids: list[int]) -> set[Any]:
    with Store(db) as store:
        frame = store.figures_by_id(figure_ids)
    return {s if isinstance(s, str) else None for s in frame["review_status"]}


@pytest.mark.parametrize(
    ("button", "status", "scope"),
    [(button, *action) for button, action in review.BULK_ACTIONS.items()],
    ids=list(review.BULK_ACTIONS),
)
def test_a_bulk_action_asks_first_with_the_count(db: Path, button: str, status: str, scope: str) -> None:
    first, in_article = _article_with_most_figures(db)
    message, displayed, pending, error = review.bulk_question(db, button, first)
    assert displayed and error is None
    count = len(pending["ids"])
    assert f"all {count} figure" in message and f"this {scope}" in message
    assert pending["status"] == status and pending["scope"] == scope
    assert (count == len(in_article)) if scope == "article" else (1 <= count <= len(in_article))
    assert _statuses(db, in_article) == {None}  # nothing done before the confirmation


def test_a_bulk_action_without_a_figure_says_so(db: Path) -> None:
    _, displayed, pending, error = review.bulk_question(db, ids.REV_BULK_REJECT_ARTICLE, None)
    assert not displayed and pending is None and "Select a figure first" in _text(error)


def test_confirmed_bulk_reject_then_undo(db: Path) -> None:
    first, in_article = _article_with_most_figures(db)
    _, _, pending, _ = review.bulk_question(db, ids.REV_BULK_REJECT_ARTICLE, first)
    status, changed = review.bulk_action(db, pending)
    assert f"Rejected {len(in_article)} figure" in _text(status) and changed["grid"] is True
    assert _statuses(db, in_article) == {"rejected"}
    history, undo_disabled = review.history_view(db)
    assert "Rejected" in str(history) and not undo_disabled
    status, changed = review.undo_action(db)
    assert "Undid: Rejected" in _text(status) and changed["grid"] is True
    assert _statuses(db, in_article) == {None}
    history, undo_disabled = review.history_view(db)
    assert "(undone)" in str(history) and undo_disabled
    status, changed = review.undo_action(db)
    assert "Nothing to undo" in _text(status) and changed is None


@pytest.mark.parametrize(
    "pending",
    [None, "reject", {"status": "corrected", "ids": [1]}, {"status": "rejected", "ids": ["x"]}],
    ids=["none", "text", "corrected", "bad-id"],
)
def test_a_forged_bulk_action_changes_nothing(db: Path, pending: Any) -> None:
    status, changed = review.bulk_action(db, pending)
    assert changed is None and (status is None or "Not saved" in _text(status))
    with Store(db) as store:
        assert store.review_history() == []


def test_history_is_empty_at_first(db: Path) -> None:
    history, undo_disabled = review.history_view(db)
    assert "No review changes yet" in str(history) and undo_disabled


def test_a_single_review_shows_in_the_history(db: Path) -> None:
    first, _ = _article_with_most_figures(db)
    review.review_action(db, ids.REV_REJECT, first, {}, None)
    history, _ = review.history_view(db)
    assert "Rejected “" in str(history)


def test_the_queue_lists_unreviewed_figures_with_reasons(db: Path) -> None:
    queue = review.queue_view(db)
    text = str(queue)
    assert "not reviewed yet" in text and "/review?figure=" in text
    assert "nobody is quoted" in text or "no place" in text or "vague" in text
    with Store(db) as store:
        every = [int(i) for i in store.figures(None)["id"]]
        store.review_many(every, "confirmed")
        store.review_many([int(i) for i in store.risk_figures()["id"]], "confirmed")
    assert "Every figure has been reviewed" in str(review.queue_view(db))


def test_the_queue_lists_only_figures_with_a_sign(db: Path) -> None:
    with Store(db) as store:
        flagged = risk(store.risk_figures())
    flagged = flagged[flagged["score"] > 0]
    with Store(db) as store:  # leave one unreviewed figure with no sign of a guess
        calm = [int(i) for i in store.risk_figures()["id"] if int(i) not in set(flagged["id"])]
        store.review_many([int(i) for i in flagged["id"]], "confirmed")
    assert calm, "the sample store has figures with no sign of a guess"
    text = str(review.queue_view(db))
    assert "none shows a sign" in text and "/review?figure=" not in text


def test_the_page_opens_on_the_queue(db: Path) -> None:
    from dashboard import snapshot

    page = str(review.layout({}, snapshot.load(db), db))
    assert page.index(ids.REV_QUEUE) < page.index(ids.REV_GRID)
    assert ids.REV_UNDO in page and ids.REV_BULK_REJECT_SENTENCE in page


def test_a_sentence_bulk_action_names_the_sentence_in_the_history(db: Path) -> None:
    first, _ = _article_with_most_figures(db)
    _, _, pending, _ = review.bulk_question(db, ids.REV_BULK_CONFIRM_SENTENCE, first)
    review.bulk_action(db, pending)
    with Store(db) as store:
        summary = store.review_history()[0]["summary"]
    assert summary.startswith("Confirmed ") and "of the sentence “" in summary and pending["doc"] in summary


def test_long_words_in_the_queue_and_history_are_cut_whole_on_hover(db: Path) -> None:
    from impact import extract
    from impact.model import Article

    long_place = "Camp " + "Q" * 3000
    text = f"In {long_place}, 5,000 people fled, the agency said. Another 200 people fled {'Q' * 3000}."
    with Store(db) as store:
        store.add_article(Article(doc="long", text=text), extract(text))
        first = int(store.figures_near(int(store.figures()["id"].max()), "article")[0])
    assert len(str(review.queue_view(db))) < 40_000
    _, _, pending, _ = review.bulk_question(db, ids.REV_BULK_REJECT_SENTENCE, first)
    review.bulk_action(db, pending)
    history, _ = review.history_view(db)
    shown = str(history).split("title=")[0]
    assert "Q" * 100 not in shown and "of the sentence" in shown
