"""The dashboard's in-memory snapshot, refreshed from the store's changes log.

Every refreshed snapshot must equal a full rebuild of the same store state.
"""

from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path

import pandas as pd
import pytest

from dashboard import snapshot
from dashboard.testing import build_sample_store
from impact.filters import Filters
from impact.model import Article, Figure, Place
from impact.store import MIGRATIONS, Store
from impact.store.schema import SQLITE_TYPES, statements

TABQA = Place("Tabqa", country_code="SY", latitude=35.84, longitude=38.55)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_sample_store(tmp_path / "sample.db")


def fig(surface: str, low: int, high: int, start: int = 0, **fields: object) -> Figure:
    values: dict[str, object] = {
        "start": start,
        "end": start + len(surface),
        "surface": surface,
        "low": low,
        "high": high,
        "best": (low + high) // 2,
        "approximate": False,
        "vague": False,
        "unit": "people",
        "category": "killed",
        "sentence": surface,
        "sentence_start": start,
        "sentence_end": start + len(surface),
    }
    values.update(fields)
    return Figure(**values)  # type: ignore[arg-type]


def by_id(snap: snapshot.Snapshot) -> pd.DataFrame:
    return snap.frame.sort_values("id", kind="stable").reset_index(drop=True)


def assert_same_as_full_build(refreshed: snapshot.Snapshot, db: Path) -> None:
    full = snapshot.load(db)
    assert refreshed.seq == full.seq
    assert refreshed.frame["id"].is_monotonic_increasing
    pd.testing.assert_frame_equal(by_id(refreshed), by_id(full))
    for column in snapshot._CATEGORICAL:  # the filter bar lists exactly these values
        assert list(refreshed.frame[column].cat.categories) == list(full.frame[column].cat.categories)


def incremental(snap: snapshot.Snapshot, db: Path) -> snapshot.Snapshot:
    """``snap.refresh(db)``, failing if it falls back to reading every figure."""

    def full_build(*_: object) -> snapshot.Snapshot:
        raise AssertionError("refresh read the whole store")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshot, "_load", full_build)
        return snap.refresh(db)


def ids(snap: snapshot.Snapshot, **filters: object) -> set[int]:
    return {int(i) for i in snap.select(Filters(**filters))["id"]}  # type: ignore[arg-type]


def test_a_full_load_records_the_change_sequence(db: Path) -> None:
    snap = snapshot.load(db)
    with Store(db) as store:
        assert snap.seq == store.change_seq > 0
        assert len(snap.frame) == store.counts()["figures"]
    assert snap.frame["id"].is_monotonic_increasing


def test_nothing_changed_keeps_the_frame(db: Path) -> None:
    snap = snapshot.load(db)
    again = incremental(snap, db)
    assert again.frame is snap.frame and again.seq == snap.seq


@pytest.mark.parametrize(
    "verdict",
    [
        {"status": "confirmed"},
        {"status": "rejected"},
        {"status": "corrected", "low": 5, "high": 9, "category": "injured", "location": "Tabqa"},
        {"status": "corrected", "location": "Aleppo"},
    ],
    ids=lambda v: "-".join(str(x) for x in v.values()),
)
def test_after_a_review_the_refresh_equals_a_full_build(db: Path, verdict: dict[str, object]) -> None:
    before = snapshot.load(db)
    kept = by_id(before).copy(deep=True)
    figure_id = int(before.frame["id"].iloc[1])
    with Store(db) as store:
        store.review(figure_id, **verdict)  # type: ignore[arg-type]
    after = incremental(before, db)
    assert after.seq is not None and before.seq is not None and after.seq > before.seq
    assert after.frame is not before.frame
    assert_same_as_full_build(after, db)
    pd.testing.assert_frame_equal(by_id(before), kept)  # the old snapshot is untouched


def test_a_rejected_figure_disappears(db: Path) -> None:
    before = snapshot.load(db)
    figure_id = int(before.frame["id"].iloc[0])
    with Store(db) as store:
        store.review(figure_id, "rejected")
    after = incremental(before, db)
    assert figure_id in ids(before)
    assert figure_id not in ids(after)
    assert figure_id in ids(after, include_rejected=True)
    with Store(db) as store:
        store.review(figure_id, None)  # and comes back when the verdict is withdrawn
    assert figure_id in ids(incremental(after, db))


def test_a_corrected_place_moves_the_figure(db: Path) -> None:
    before = snapshot.load(db)
    mosul = sorted(ids(before, places=("Mosul",)))
    with Store(db) as store:
        store.review(mosul[0], "corrected", location="Tabqa")
    after = incremental(before, db)
    assert ids(after, places=("tabqa",)) == {mosul[0]}
    assert ids(after, places=("Mosul",)) >= set(mosul[1:])  # still found by its geocoded name
    assert_same_as_full_build(after, db)


def test_after_an_added_article_the_refresh_equals_a_full_build(db: Path) -> None:
    before = snapshot.load(db)
    text = "Twelve people were killed in Tabqa, and 40 to 50 were hurt."
    figures = [
        fig("Twelve", 12, 12, location="Tabqa", place=TABQA, attributed_to="a new source"),
        fig("40 to 50", 40, 50, start=36, category="injured", vague=True),
    ]
    article = Article("new-one", text, publisher="A New Publisher", date="2031-02-03", illustrative=True)
    with Store(db) as store:
        assert store.add_article(article, figures)
    after = incremental(before, db)
    assert len(after.frame) == len(before.frame) + 2
    assert ids(after, sources=("A New Publisher",)) == ids(after) - ids(before)
    assert_same_as_full_build(after, db)


def test_a_re_extracted_articles_old_figures_disappear(db: Path) -> None:
    before = snapshot.load(db)
    with Store(db) as store:
        article = store.article("sample-mosul-1")
        assert article is not None
        old = {int(i) for i in store.figures(Filters(include_rejected=True)).query("doc == 'sample-mosul-1'")["id"]}
        store.review(min(old), "corrected", low=1, high=2)
        # a newer extractor finds one figure where the old one found three
        assert store.add_article(article, [fig("Hundreds", 200, 999, vague=True)], version="999")
        new = {int(i) for i in store.figures(Filters(include_rejected=True)).query("doc == 'sample-mosul-1'")["id"]}
    after = incremental(before, db)
    assert old <= ids(before) and not old & ids(after, include_rejected=True)
    assert new <= ids(after)
    assert_same_as_full_build(after, db)


def test_several_writes_caught_up_at_once(db: Path) -> None:
    before = snapshot.load(db)
    with Store(db) as store:
        first, second = (int(i) for i in before.frame["id"].iloc[:2])
        store.review(first, "rejected")
        store.review(second, "corrected", low=1, high=1)
        store.add_article(Article("later", "Nine died.", publisher="Later"), [fig("Nine", 9, 9)])
        store.review(first, "confirmed")
    assert_same_as_full_build(incremental(before, db), db)


def test_an_empty_store_filled_later(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    empty = snapshot.load(db)
    assert empty.seq == 0 and empty.frame.empty
    with Store(db) as store:
        store.add_article(Article("one", "Three died."), [fig("Three", 3, 3)])
    assert_same_as_full_build(incremental(empty, db), db)


def test_random_writes_always_refresh_to_a_full_build(db: Path) -> None:
    rng = random.Random(11)
    snap = snapshot.load(db)
    places = [None, "Mosul", "Raqqa", "Tabqa", "Nowhere"]
    with Store(db) as store:
        for step in range(40):
            live = [int(i) for i in store.figures(Filters(include_rejected=True))["id"]]
            action = rng.random()
            if action < 0.6 and live:
                status = rng.choice(["confirmed", "corrected", "rejected", None])
                extra: dict[str, object] = {}
                if status == "corrected":
                    low = rng.randint(1, 100)
                    extra = {"low": low, "high": low + rng.randint(0, 50), "location": rng.choice(places)}
                    extra["category"] = rng.choice(["killed", "injured", "displaced"])
                store.review(rng.choice(live), status, **extra)  # type: ignore[arg-type]
            elif action < 0.85:
                count = rng.randint(0, 4)
                figures = [
                    fig(str(n), n, n + rng.randint(0, 3), start=n * 10, location=rng.choice(places), vague=n % 2 == 1)
                    for n in range(count)
                ]
                article = Article(f"r{step}", f"text {step}", publisher=rng.choice(["P1", "P2", None]))
                store.add_article(article, figures)
            else:
                docs = [a for a in store.articles()["doc"]]
                chosen = store.article(rng.choice(docs))
                assert chosen is not None
                stored = store.figure_records(chosen.doc)
                store.add_article(chosen, stored[: rng.randint(0, len(stored))], version=f"v{step}")
            if rng.random() < 0.5:  # sometimes catch up after one write, sometimes after several
                snap = incremental(snap, db)
                assert_same_as_full_build(snap, db)
    assert_same_as_full_build(incremental(snap, db), db)


def test_a_write_that_bypassed_the_log_forces_a_full_build(db: Path) -> None:
    before = snapshot.load(db)
    with Store(db) as store:
        store.review(int(before.frame["id"].iloc[0]), "confirmed")
    with sqlite3.connect(db) as conn:  # not through Store: no log row
        conn.execute(
            'INSERT INTO figures (article_id, start, "end", surface, low, high, best, approximate,'
            " vague, unit, category) VALUES (1, 0, 3, 'Six', 6, 6, 6, 0, 0, 'people', 'killed')"
        )
    after = before.refresh(db)
    assert len(after.frame) == len(before.frame) + 1
    assert_same_as_full_build(after, db)


def test_a_store_without_a_log_is_read_in_full(tmp_path: Path) -> None:
    db = tmp_path / "v1.db"
    with sqlite3.connect(db) as conn:  # the first schema, as an older impact left it
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        # Every table and column but the log (migration 2), which is what this test is about.
        for migration in (MIGRATIONS[0], *MIGRATIONS[2:]):
            for statement in statements(migration, SQLITE_TYPES):
                conn.execute(statement)
        conn.execute("INSERT INTO schema_version (version) VALUES (1)")
        conn.execute(
            "INSERT INTO articles (doc, content_hash, text, extractor_version, ingested_at)"
            " VALUES ('old', 'h', 'Ten were killed.', '0', '2020-01-01')"
        )
        conn.execute(
            'INSERT INTO figures (article_id, start, "end", surface, low, high, best, approximate,'
            " vague, unit, category) VALUES (1, 0, 3, 'Ten', 10, 10, 10, 0, 0, 'people', 'killed')"
        )
    old = snapshot.load(db)
    assert old.seq is None and len(old.frame) == 1
    with sqlite3.connect(db) as conn:  # the log arrives (as migration 2 would add it)
        for statement in statements(MIGRATIONS[1], SQLITE_TYPES):
            conn.execute(statement)
        conn.executemany(
            "INSERT INTO schema_version (version) VALUES (?)", [(n,) for n in range(2, len(MIGRATIONS) + 1)]
        )
    with Store(db) as store:  # writes through the log
        store.review(1, "rejected")
    after = old.refresh(db)
    assert after.seq == 1 and ids(after) == set()
    assert_same_as_full_build(after, db)


def test_the_cache_refreshes_and_keeps_old_snapshots_intact(db: Path) -> None:
    cache = snapshot.SnapshotCache(db)
    before = cache.get()
    frozen = by_id(before).copy(deep=True)
    assert cache.get().frame is before.frame  # nothing written: the same frame
    with Store(db) as store:
        store.review(int(before.frame["id"].iloc[0]), "rejected")
    after = cache.get()
    assert after is not before and after.seq != before.seq
    assert_same_as_full_build(after, db)
    pd.testing.assert_frame_equal(by_id(before), frozen)


def test_refreshing_while_a_writer_adds_articles_never_shows_half_an_article(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    Store(db).close()
    per_article = 25
    articles = 60
    failures: list[BaseException] = []

    def write() -> None:
        try:
            with Store(db) as store:
                for n in range(articles):
                    figures = [fig(str(k), k, k, start=k * 10) for k in range(per_article)]
                    store.add_article(Article(f"busy{n}", f"busy text {n}"), figures)
                    if n % 3 == 0:
                        first = int(store.figures(Filters(include_rejected=True))["id"].iloc[-1])
                        store.review(first, "rejected")
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    writer = threading.Thread(target=write)
    snap = snapshot.load(db)
    writer.start()
    while writer.is_alive():
        snap = incremental(snap, db)
        sizes = snap.frame.groupby("article_id").size()
        assert (sizes == per_article).all(), sizes[sizes != per_article]
    writer.join()
    assert not failures
    snap = incremental(snap, db)
    assert len(snap.frame) == per_article * articles
    assert_same_as_full_build(snap, db)
