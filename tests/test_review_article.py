"""Editing an article's details from its page: checked by the store, re-extracted on a new
date, undone from the Review page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from dashboard.testing import build_sample_store
from dashboard.views import article, review
from impact import extract
from impact.model import Article
from impact.store import Store

TEXT = "Fighting in Aleppo killed 24 people last week, the monitor said."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = Path(build_sample_store(tmp_path / "s.db"))
    with Store(path) as store:
        store.add_article(
            Article(doc="week", text=TEXT, title="Old title", date="2024-03-10"), extract(TEXT, published="2024-03-10")
        )
    return path


def _text(component: Any) -> str:
    return str(getattr(component, "children", component))


def _values(**changes: str) -> list[str]:
    fields = {"title": "Old title", "publisher": "", "date": "2024-03-10", "url": ""} | changes
    return [fields[name] for name in article.METADATA_FIELDS]


def test_the_page_has_the_form_filled_in(db: Path) -> None:
    page = str(article.layout({"doc": "week"}, db))
    assert ids.ART_SAVE in page and "Old title" in page and "2024-03-10" in page


def test_a_new_title_is_saved_and_shown(db: Path) -> None:
    status, body, date = article.save_metadata(db, "week", *_values(title="New title", publisher="Monitor"))
    assert "Saved" in _text(status) and "New title" in str(body) and date == "2024-03-10"
    with Store(db) as store:
        stored = store.article("week")
    assert stored is not None and stored.title == "New title" and stored.publisher == "Monitor"


def test_a_new_date_reextracts_the_figures(db: Path) -> None:
    status, _body, date = article.save_metadata(db, "week", *_values(date="30 Dec 2013"))
    assert "date “2024-03-10” → “2013-12-30”" in _text(status) and date == "2013-12-30"
    with Store(db) as store:
        frame = store.figures()
    row = frame[frame["doc"] == "week"].iloc[0]
    assert row["period_start"] == "2013-12-23" and row["period_end"] == "2013-12-29"
    status, _ = review.undo_action(db)
    assert "Undid: Edited article week" in _text(status)
    with Store(db) as store:
        frame = store.figures()
        stored = store.article("week")
    assert stored is not None and stored.date == "2024-03-10"
    assert frame[frame["doc"] == "week"].iloc[0]["period_start"] == "2024-02-26"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"date": "sometime soonish"}, "cannot read the date"),
        ({"url": "javascript:alert(1)"}, "http"),
        ({"title": "t" * 1500}, "longer than"),
    ],
    ids=["date", "url", "title"],
)
def test_a_bad_value_is_not_saved(db: Path, changes: dict[str, str], reason: str) -> None:
    status, _body, _ = article.save_metadata(db, "week", *_values(**changes))
    assert "Not saved" in _text(status) and reason in _text(status)
    with Store(db) as store:
        stored = store.article("week")
        assert store.review_history() == []
    assert stored is not None and stored.title == "Old title" and stored.date == "2024-03-10"


def test_nothing_changed_is_not_logged(db: Path) -> None:
    status, _, _ = article.save_metadata(db, "week", *_values())
    assert "Nothing changed" in _text(status)


@pytest.mark.parametrize("doc", [None, "", 5, "no-such-article"], ids=str)
def test_a_bad_article_id_is_refused(db: Path, doc: Any) -> None:
    status, _, _ = article.save_metadata(db, doc, *_values(title="x"))
    assert "No article" in _text(status) or "Not saved" in _text(status)
