"""The SQLite store, on real database files."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from impact.filters import Filters
from impact.model import Article, Figure, Place
from impact.store import FIGURE_FRAME_COLUMNS, MIGRATIONS, Store

RAQQA = Place(
    "Raqqa", 40, 45, matched="Ar Raqqah", country_code="SY", latitude=35.95, longitude=39.01,
    geonameid=163915, kind="city",
)  # fmt: skip
MOSUL = Place("Mosul", 30, 35, matched="Mosul", country_code="IQ", latitude=36.34, longitude=43.13)


def figure(surface: str, low: int | None, high: int | None, **fields: object) -> Figure:
    values: dict[str, object] = {
        "start": 0,
        "end": len(surface),
        "surface": surface,
        "low": low,
        "high": high,
        "best": low if low is not None else high,
        "approximate": False,
        "vague": False,
        "unit": "people",
        "category": "fighters",
        "sentence": f"{surface} fighters remain.",
        "sentence_end": len(surface) + 17,
    }
    values.update(fields)
    return Figure(**values)  # type: ignore[arg-type]


DAILY = Article(
    "daily", "An estimated 2,500 IS fighters remain in Raqqa.", title="Daily",
    publisher="Daily Example", date="2017-07-02", url="https://daily.example/1",
)  # fmt: skip
WIRE = Article(
    "wire", "Hundreds of civilians fled Mosul. At least 40 were killed.",
    publisher="Wire Example", date="2017-07-05", illustrative=True,
)  # fmt: skip
DAILY_FIGURES = [
    figure(
        "An estimated 2,500", 2500, 2500, approximate=True, qualifier="an estimated",
        counted="IS fighters", location="Raqqa", place=RAQQA, attributed_to="Officials",
    )
]  # fmt: skip
WIRE_FIGURES = [
    figure("Hundreds", 200, 999, vague=True, category="fled", location="Mosul", place=MOSUL),
    figure("At least 40", 40, None, start=34, end=45, category="killed", location=None),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's store lives: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "impact.db")
    import psycopg

    url: str = request.getfixturevalue("postgres")
    name = f"t{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url.format(db="postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")  # a generated name, not user input
    return url.format(db=name)


def integrity_errors() -> tuple[type[Exception], ...]:
    try:
        import psycopg
    except ImportError:
        return (sqlite3.IntegrityError,)
    return (sqlite3.IntegrityError, psycopg.IntegrityError)


@pytest.fixture
def store(target: str) -> Iterator[Store]:
    with Store(target) as opened:
        opened.add_article(DAILY, DAILY_FIGURES)
        opened.add_article(WIRE, WIRE_FIGURES)
        yield opened


def test_schema_and_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
    with Store(path) as store:  # reopening applies nothing twice
        assert store.schema_version == len(MIGRATIONS)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "figures", "schema_version"} <= tables
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"figures_location", "figures_country", "figures_category", "figures_unit"} <= indexes
    assert {"articles_publisher", "articles_date"} <= indexes
    assert conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_same_text_is_added_once(store: Store) -> None:
    before = store.counts()
    assert store.add_article(replace(DAILY, doc="copy", publisher="Other"), DAILY_FIGURES) is False
    assert store.counts() == before
    assert before["articles"] == 2 and before["figures"] == 3


def test_records_round_trip(store: Store) -> None:
    assert store.figure_records("daily") == DAILY_FIGURES
    assert store.figure_records("wire") == WIRE_FIGURES
    assert store.article_text("wire") == WIRE.text
    assert store.article_text("nope") is None
    stored = store.article("wire")
    assert stored is not None and stored.illustrative and stored.publisher == "Wire Example"


def test_figures_frame_columns_and_types(store: Store) -> None:
    frame = store.figures()
    assert tuple(frame.columns) == FIGURE_FRAME_COLUMNS
    assert len(frame) == 3
    assert str(frame["low"].dtype) == "Int64" and str(frame["id"].dtype) == "Int64"
    assert frame["vague"].dtype == bool and frame["illustrative"].dtype == bool
    killed = frame[frame["category"] == "killed"].iloc[0]
    assert killed["low"] == 40 and pd.isna(killed["high"])
    daily = frame[frame["doc"] == "daily"].iloc[0]
    assert (daily["publisher"], daily["country_code"], daily["place_matched"]) == (
        "Daily Example",
        "SY",
        "Ar Raqqah",
    )


@pytest.mark.parametrize(
    ("filters", "surfaces"),
    [
        pytest.param(Filters(), {"An estimated 2,500", "Hundreds", "At least 40"}, id="none"),
        pytest.param(Filters(places=("raqqa",)), {"An estimated 2,500"}, id="place-as-written"),
        pytest.param(Filters(places=("AR RAQQAH",)), {"An estimated 2,500"}, id="place-geocoded"),
        pytest.param(Filters(countries=("iq",)), {"Hundreds"}, id="country"),
        pytest.param(Filters(categories=("killed", "fled")), {"Hundreds", "At least 40"}, id="cat"),
        pytest.param(Filters(units=("households",)), set(), id="unit"),
        pytest.param(Filters(sources=("Daily Example",)), {"An estimated 2,500"}, id="source"),
        pytest.param(Filters(date_from="2017-07-03"), {"Hundreds", "At least 40"}, id="from"),
        pytest.param(Filters(date_to="2017-07-02"), {"An estimated 2,500"}, id="to"),
        pytest.param(Filters(vague=True), {"Hundreds"}, id="vague"),
        pytest.param(Filters(vague=False), {"An estimated 2,500", "At least 40"}, id="exact"),
        pytest.param(Filters(places=("x' OR 1=1 --",)), set(), id="injection-is-a-value"),
        pytest.param(Filters(sources=("'; DROP TABLE figures; --",)), set(), id="drop-table"),
    ],
)
def test_filters(store: Store, filters: Filters, surfaces: set[str]) -> None:
    assert set(store.figures(filters)["surface"]) == surfaces
    assert store.counts()["figures"] == 3


def test_review_keeps_originals_and_sets_effective_values(store: Store) -> None:
    frame = store.figures()
    fled = int(frame.loc[frame["category"] == "fled", "id"].iloc[0])
    killed = int(frame.loc[frame["category"] == "killed", "id"].iloc[0])
    daily = int(frame.loc[frame["doc"] == "daily", "id"].iloc[0])

    store.review(fled, "corrected", low=300, high=500, category="displaced", note="per UN")
    store.review(killed, "rejected", note="duplicate")
    store.review(daily, "confirmed")

    frame = store.figures(Filters(include_rejected=True)).set_index("id")
    row = frame.loc[fled]
    assert (row["low"], row["high"], row["category"]) == (200, 999, "fled")
    assert (row["effective_low"], row["effective_high"]) == (300, 500)
    assert (row["effective_category"], row["effective_location"]) == ("displaced", "Mosul")
    assert (row["review_status"], row["note"]) == ("corrected", "per UN")
    assert row["reviewed_at"]
    assert frame.loc[daily, "effective_low"] == 2500
    assert frame.loc[killed, "review_status"] == "rejected"

    assert killed not in set(store.figures()["id"])  # rejected ones are left out by default
    assert set(store.figures(Filters(categories=("displaced",)))["id"]) == {fled}
    assert (store.counts()["corrected"], store.counts()["rejected"]) == (1, 1)

    store.review(fled, None)
    row = store.figures().set_index("id").loc[fled]
    assert pd.isna(row["review_status"]) and row["effective_low"] == 200


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        pytest.param({"status": "approved"}, ValueError, id="bad-status"),
        pytest.param({"status": "corrected", "category": "nope"}, ValueError, id="bad-category"),
        pytest.param({"status": "corrected", "low": 900, "high": 10}, ValueError, id="low>high"),
        pytest.param({"status": "confirmed", "figure_id": 999}, KeyError, id="unknown-id"),
    ],
)
def test_review_rejects_bad_input(store: Store, kwargs: dict[str, object], error: type[Exception]) -> None:
    arguments: dict[str, object] = {"figure_id": 1, **kwargs}
    with pytest.raises(error):
        store.review(**arguments)  # type: ignore[arg-type]
    assert store.counts()["reviewed"] == 0


def test_new_extractor_version_replaces_figures_and_keeps_reviews(store: Store) -> None:
    first = int(store.figures(Filters(sources=("Daily Example",)))["id"].iloc[0])
    store.review(first, "corrected", low=2000, high=3000)
    newer = [*DAILY_FIGURES, figure("two", 2, 2, start=60, end=63, category="killed")]
    assert store.add_article(DAILY, newer, version="999") is True
    assert store.add_article(DAILY, newer, version="999") is False
    frame = store.figures(Filters(sources=("Daily Example",)))
    assert len(frame) == 2
    kept = frame[frame["start"] == 0].iloc[0]
    assert kept["review_status"] == "corrected" and kept["effective_low"] == 2000
    assert int(kept["id"]) != first  # ids are never reused
    assert store.articles().set_index("doc").loc["daily", "extractor_version"] == "999"


def test_article_and_figures_are_one_transaction(store: Store) -> None:
    broken = [figure("Dozens", 24, 99), replace(figure("x", 1, 1), unit=None)]  # type: ignore[arg-type]
    with pytest.raises(integrity_errors()):
        store.add_article(Article("half", "Dozens of fighters and x."), broken)
    assert store.article_text("half") is None
    assert store.counts()["figures"] == 3


def test_articles_and_counts(store: Store) -> None:
    articles = store.articles()
    assert list(articles["doc"]) == ["daily", "wire"]
    assert list(articles["figures"]) == [1, 2]
    assert "text" not in articles.columns
    assert store.counts() == {
        "articles": 2,
        "illustrative_articles": 1,
        "publishers": 2,
        "figures": 3,
        "places": 2,
        "countries": 2,
        "reviewed": 0,
        "confirmed": 0,
        "corrected": 0,
        "rejected": 0,
    }


def test_open_without_create(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Store(tmp_path / "missing.db", create=False)


def test_place_filter_uses_the_corrected_location(store: Store) -> None:
    killed = int(store.figures(Filters(categories=("killed",)))["id"].iloc[0])
    assert store.figures(Filters(places=("Tabqa",))).empty
    store.review(killed, "corrected", location="Tabqa")
    assert list(store.figures(Filters(places=("tabqa",)))["id"]) == [killed]


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (len(MIGRATIONS) + 1,))
    with pytest.raises(RuntimeError, match="upgrade impact"):
        Store(path)


# -- the changes log: what a reader needs to catch up incrementally ------------------------


def test_every_write_advances_the_change_counter(store: Store) -> None:
    logged = store.changes()
    assert [kind for _, _, _, kind in logged] == ["added", "added"]
    assert [figure_id for _, _, figure_id, _ in logged] == [None, None]
    seq = store.change_seq
    assert seq == logged[-1][0] and logged[0][0] < seq

    assert store.add_article(DAILY, DAILY_FIGURES) is False  # nothing stored, nothing logged
    assert store.change_seq == seq

    figure_id = int(store.figures(Filters(sources=("Wire Example",)))["id"].iloc[0])
    store.review(figure_id, "rejected")
    assert store.change_seq > seq
    (change,) = store.changes(since=seq)
    wire_id = change[1]
    assert change[2:] == (figure_id, "reviewed")
    seq = store.change_seq

    store.review(figure_id, None)  # clearing a review is a change too
    assert store.changes(since=seq)[0][2:] == (figure_id, "reviewed")
    seq = store.change_seq

    assert store.add_article(WIRE, WIRE_FIGURES, version="999") is True  # re-extracted
    assert [c[1:] for c in store.changes(since=seq)] == [(wire_id, None, "reextracted")]
    assert store.change_seq > seq

    assert store.add_article(Article("third", "Five were killed."), [figure("Five", 5, 5)]) is True
    assert store.changes(since=store.change_seq - 1)[0][2:] == (None, "added")


def test_a_failed_write_logs_nothing(store: Store) -> None:
    seq = store.change_seq
    broken = [figure("Dozens", 24, 99), replace(figure("x", 1, 1), unit=None)]  # type: ignore[arg-type]
    with pytest.raises(integrity_errors()):
        store.add_article(Article("half", "Dozens of fighters and x."), broken)
    with pytest.raises(KeyError):
        store.review(10**9, "confirmed")
    with pytest.raises(ValueError):
        store.review(int(store.figures()["id"].iloc[0]), "corrected", low=5, high=1)
    assert store.change_seq == seq
    assert store.changes(since=seq) == []


def test_an_old_schema_database_is_migrated_on_open(tmp_path: Path) -> None:
    from impact.store.schema import SQLITE_TYPES, statements

    path = tmp_path / "v1.db"
    with sqlite3.connect(path) as conn:  # a store as the first release wrote it
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        for statement in statements(MIGRATIONS[0], SQLITE_TYPES):
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
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS) == 5
        assert store.change_seq == 0  # no history before the log existed
        assert list(store.figures()["surface"]) == ["Ten"]
        store.review(1, "confirmed")
        assert store.changes() == [(1, 1, 1, "reviewed")]
    with sqlite3.connect(path) as conn:
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions == [1, 2, 3, 4, 5]


def test_command_line_on_postgresql(postgres: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """ingest, export and compare with ``--db postgresql://...`` instead of a file."""
    import psycopg
    from click.testing import CliRunner

    import impact.ingesting
    from impact.cli.corpus import compare, export, ingest

    with psycopg.connect(postgres.format(db="postgres"), autocommit=True) as conn:
        conn.execute("CREATE DATABASE cli_end_to_end")
    url = postgres.format(db="cli_end_to_end")
    fixtures = Path(__file__).parent / "fixtures" / "corpus" / "good"

    def extract(text: str) -> list[Figure]:
        if "2,500" not in text:
            return []
        start = text.index("2,500")
        return [figure("2,500", 2500, 2500, start=start, end=start + 5, location="Raqqa")]

    monkeypatch.setattr(impact.ingesting, "default_extractor", lambda: extract)
    runner = CliRunner()
    first = runner.invoke(ingest, [str(fixtures), "--db", url, "--no-progress"])
    assert first.exit_code == 0, first.stderr
    assert "9 articles added, 0 already present, 1 figure" in first.stderr
    again = runner.invoke(ingest, [str(fixtures), "--db", url, "--no-progress"])
    assert "0 articles added, 9 already present" in again.stderr
    exported = runner.invoke(export, ["--db", url, "--format", "jsonl", "--place", "RAQQA"])
    assert [json.loads(line)["doc"] for line in exported.stdout.splitlines()] == ["raqqa_daily"]
    compared = runner.invoke(compare, ["--db", url, "--place", "Raqqa", "--category", "fighters"])
    assert "main group: 2,500 (a single estimate)" in compared.stdout
