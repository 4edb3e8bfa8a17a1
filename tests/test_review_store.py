"""Review beyond one figure, in the store: bulk verdicts, the undo log, article edits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from impact import extract
from impact.model import Article, Figure
from impact.store import Store

TEXT = (
    "Fighting in Aleppo killed 24 people last week. Some 5,000 people fled to Idlib and 300 "
    "families to Azaz, the UN said. Up to 400,000 people may flee in the coming weeks."
)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store(tmp_path / "r.db") as opened:
        opened.add_article(Article(doc="a1", text=TEXT, date="2024-03-10"), extract(TEXT, published="2024-03-10"))
        opened.add_article(
            Article(doc="b2", text="In Gaza, 12 people were killed.", date="2024-03-11"),
            extract("In Gaza, 12 people were killed.", published="2024-03-11"),
        )
        yield opened


def _ids(store: Store, doc: str = "a1") -> list[int]:
    frame = store.figures()
    return [int(i) for i in frame.loc[frame["doc"] == doc, "id"]]


def _status(store: Store, ids: list[int]) -> set[Any]:
    """The review statuses of these figures (rejected ones included)."""
    frame = store.figures_by_id(ids)
    return {s if isinstance(s, str) else None for s in frame["review_status"]}


def test_figures_near_a_figure_by_sentence_and_article(store: Store) -> None:
    ids = _ids(store)
    second = ids[1]
    in_sentence = store.figures_near(second, "sentence")
    assert second in in_sentence and 1 < len(in_sentence) < len(ids)
    assert store.figures_near(second, "article") == ids
    assert store.figures_near(10**9, "article") == []
    with pytest.raises(ValueError, match="scope"):
        store.figures_near(second, "page")


@pytest.mark.parametrize("status", ["rejected", "confirmed"])
def test_a_bulk_review_is_one_action_and_one_undo(store: Store, status: str) -> None:
    ids = _ids(store)
    assert store.review_many(ids, status, what="article a1") == len(ids)
    assert _status(store, ids) == {status} and _status(store, _ids(store, "b2")) == {None}
    history = store.review_history()
    assert len(history) == 1 and history[0]["rows"] == len(ids)
    assert history[0]["summary"].startswith(("Rejected", "Confirmed")) and "article a1" in history[0]["summary"]
    undone = store.undo()
    assert undone is not None and undone.restored == len(ids) and not undone.missing
    assert _status(store, ids) == {None}
    assert store.undo() is None  # the undo itself is not undone


def test_a_bulk_review_cannot_correct(store: Store) -> None:
    with pytest.raises(ValueError, match="one at a time"):
        store.review_many(_ids(store), "corrected")
    assert store.review_history() == []


def test_a_bulk_review_is_all_or_nothing(store: Store) -> None:
    ids = _ids(store)
    with pytest.raises(ValueError, match="figure id"):
        store.review_many([*ids, -1], "rejected")
    assert _status(store, ids) == {None} and store.review_history() == []


def test_undo_steps_back_one_action_at_a_time(store: Store) -> None:
    first = _ids(store)[0]
    store.review(first, "corrected", low=20, high=30, kind="rate", note="typo")
    store.review(first, "rejected")
    assert store.undo() is not None
    row = store.figures_by_id([first]).iloc[0]
    assert row["review_status"] == "corrected" and row["corrected_low"] == 20 and row["corrected_kind"] == "rate"
    assert row["note"] == "typo"
    assert store.undo() is not None
    assert store.figures_by_id([first]).iloc[0]["review_status"] is None
    assert store.undo() is None
    words = [h["summary"] for h in store.review_history()]
    assert words[0].startswith("Undid: Corrected “24”") and words[-1].startswith("Corrected “24” in article a1")


def test_a_failed_review_is_not_logged(store: Store) -> None:
    with pytest.raises(ValueError):
        store.review(_ids(store)[0], "corrected", low=5, high=1)
    assert store.review_history() == [] and not store.can_undo()


def _shifted(figures: list[Figure], keep: int) -> list[Figure]:
    """The article's figures as another extractor version would give them: only ``keep`` of them."""
    return figures[:keep]


def test_undo_finds_a_figure_after_a_reextraction(store: Store) -> None:
    figures = extract(TEXT, published="2024-03-10")
    ids = _ids(store)
    store.review_many(ids, "rejected", what="article a1")
    # a new extractor version keeps the first figure (same span) and loses the others
    store.add_article(Article(doc="a1", text=TEXT, date="2024-03-10"), _shifted(figures, 1), version="next")
    assert _ids(store) != ids[:1]  # new ids
    undone = store.undo()
    assert undone is not None and undone.restored == 1 and len(undone.missing) == len(ids) - 1
    assert "no longer in the article" in undone.message and "5,000" in undone.message
    assert store.figures_by_id(_ids(store)).iloc[0]["review_status"] is None


def test_editing_the_title_is_logged_and_undone(store: Store) -> None:
    before = _ids(store)
    summary = store.update_article("a1", title="  Aleppo  update ", publisher="UN News")
    assert summary == "Edited article a1: title (none) → “Aleppo update”; publisher (none) → “UN News”"
    article = store.article("a1")
    assert article is not None and article.title == "Aleppo update" and article.publisher == "UN News"
    assert _ids(store) == before  # not re-extracted: the date did not change
    assert store.update_article("a1", title="Aleppo update") == ""  # nothing changed, nothing logged
    assert store.undo() is not None
    article = store.article("a1")
    assert article is not None and article.title is None and article.publisher is None


def test_a_new_date_reextracts_against_it_and_keeps_reviews(store: Store) -> None:
    first = _ids(store)[0]
    store.review(first, "confirmed")
    assert store.figures_by_id([first]).iloc[0]["period_start"] == "2024-02-26"  # "last week"
    store.update_article("a1", date="30 Dec 2013 (approx.)")
    article = store.article("a1")
    assert article is not None and article.date == "2013-12-30"
    row = store.figures()
    row = row[row["surface"] == "24"].iloc[0]
    assert row["period_start"] == "2013-12-23" and row["review_status"] == "confirmed"
    undone = store.undo()
    assert undone is not None and "date" in undone.summary
    row = store.figures()
    row = row[row["surface"] == "24"].iloc[0]
    assert row["period_start"] == "2024-02-26" and row["review_status"] == "confirmed"


@pytest.mark.parametrize(
    ("fields", "stored"),
    [
        ({"date": "2013-12-30 (approx.)"}, {"date": "2013-12-30"}),
        ({"date": "December 2013"}, {"date": "2013-12"}),
        ({"date": "2013"}, {"date": "2013"}),
        ({"date": ""}, {"date": None}),
        ({"url": "https://example.org/a"}, {"url": "https://example.org/a"}),
        ({"title": "   "}, {"title": None}),
    ],
    ids=["approx-date", "month", "year", "blank-date-clears", "url", "blank-title"],
)
def test_article_fields_are_stored_as_read(store: Store, fields: dict[str, str], stored: dict[str, Any]) -> None:
    store.update_article("a1", **fields)
    article = store.article("a1")
    assert article is not None
    for name, value in stored.items():
        assert getattr(article, name) == value


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"date": "next Tuesday-ish banana"}, "cannot read the date"),
        ({"url": "javascript:alert(1)"}, "http"),
        ({"title": "x" * 2000}, "longer than"),
        ({"title": 5}, "text"),
        ({"text": "new"}, "cannot be edited"),
    ],
    ids=["unreadable-date", "bad-url", "long-title", "not-text", "unknown-field"],
)
def test_bad_article_fields_are_refused(store: Store, fields: dict[str, Any], error: str) -> None:
    before = store.article("a1")
    with pytest.raises(ValueError, match=error):
        store.update_article("a1", **fields)
    assert store.article("a1") == before and store.review_history() == []


def test_editing_an_unknown_article_is_a_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.update_article("nope", title="x")


def test_history_is_newest_first_and_limited(store: Store) -> None:
    for figure_id in _ids(store):
        store.review(figure_id, "confirmed")
    history = store.review_history(limit=2)
    assert len(history) == 2 and history[0]["action"] > history[1]["action"]
    assert all(h["summary"].startswith("Confirmed “") for h in history)


def test_an_old_store_gets_the_log(tmp_path: Path) -> None:
    with Store(tmp_path / "o.db") as opened:
        assert opened.schema_version >= 5 and opened.review_history() == [] and opened.undo() is None


def test_bulk_undo_and_article_edits_on_postgres(postgres: str) -> None:
    import uuid

    import psycopg

    name = f"r{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres.format(db="postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")  # a generated name, not user input
    with Store(postgres.format(db=name)) as store:
        store.add_article(Article(doc="a1", text=TEXT, date="2024-03-10"), extract(TEXT, published="2024-03-10"))
        ids = _ids(store)
        store.review(ids[0], "corrected", low=20, high=30)
        assert store.review_many(ids, "rejected", what="article a1") == len(ids)
        store.update_article("a1", date="2013-12-30", title="T")
        assert [h["kind"] for h in store.review_history()] == ["article", "bulk", "review"]
        assert store.undo() is not None and store.undo() is not None
        assert _status(store, _ids(store)) == {"corrected", None}
        assert risk_frame_ok(store)


def risk_frame_ok(store: Store) -> bool:
    frame = store.risk_figures()
    return len(frame) == len(_ids(store)) and {"place_start", "sentence_start"} <= set(frame.columns)
