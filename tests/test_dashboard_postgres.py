"""The dashboard on a PostgreSQL store: the same snapshot, rows and pages as on SQLite.

Runs against a real throwaway PostgreSQL cluster (the ``postgres`` fixture); skipped
where PostgreSQL is not installed.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pandas as pd
import pytest

from dashboard import queries, snapshot
from dashboard.app import create_app
from dashboard.testing import build_sample_store
from dashboard.views import overview
from impact.store import Store


@pytest.fixture
def pg_url(postgres: str) -> str:
    import psycopg

    name = f"d{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres.format(db="postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")  # a generated name, not user input
    return postgres.format(db=name)


def _by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("id", kind="stable").reset_index(drop=True)


def test_the_snapshot_and_rows_equal_those_of_the_same_store_in_sqlite(pg_url: str, tmp_path: Path) -> None:
    url = build_sample_store(pg_url)
    path = build_sample_store(tmp_path / "sample.db")
    on_pg, on_file = snapshot.load(url), snapshot.load(path)
    assert len(on_pg.frame) == len(on_file.frame) > 0
    pd.testing.assert_frame_equal(_by_id(on_pg.frame), _by_id(on_file.frame), check_categorical=False)
    ids = [int(i) for i in on_file.frame["id"]]
    with queries.connect(url) as pg, queries.connect(path) as sqlite:
        pd.testing.assert_frame_equal(queries.rows_by_id(pg, ids), queries.rows_by_id(sqlite, ids), check_dtype=False)


def test_a_review_on_postgresql_reaches_the_cached_snapshot(pg_url: str) -> None:
    url = str(build_sample_store(pg_url))
    cache = snapshot.SnapshotCache(url)
    before = cache.get()
    figure_id = int(before.frame["id"].iloc[0])
    with Store(url) as store:
        store.review(figure_id, "rejected")
    after = cache.get()
    assert after.seq is not None and before.seq is not None and after.seq > before.seq
    assert bool(after.frame.set_index("id").loc[figure_id, "rejected"])
    assert not bool(before.frame.set_index("id").loc[figure_id, "rejected"])


def test_the_app_serves_a_postgresql_store(pg_url: str) -> None:
    url = str(build_sample_store(pg_url))
    app = create_app(url)
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    with app.server.app_context():
        from dashboard import context

        assert context.db_path() == url  # a URL stays a URL, not a mangled path
        controls = ([], [], [], [], [], None, None, "all")
        key_numbers, *_charts = overview.overview_outputs(context.snapshot(), url, *controls)
    assert key_numbers  # the Overview's numbers, computed from the PostgreSQL store


def test_the_command_line_never_prints_a_database_password() -> None:
    from impact.cli.dashboard import _without_password

    assert _without_password("postgresql://me:s3cret@db.example/impact") == "postgresql://me:***@db.example/impact"
    assert _without_password("postgresql://postgres@/impact?host=/tmp") == "postgresql://postgres@/impact?host=/tmp"


def test_the_dashboard_reads_through_sessions_that_cannot_write(pg_url: str, tmp_path: Path) -> None:
    import sqlite3

    import psycopg

    from impact.store.backends import open_reader

    url = str(build_sample_store(pg_url))
    path = build_sample_store(tmp_path / "sample.db")
    reader = open_reader(url)
    try:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            reader.execute("DELETE FROM figures")
    finally:
        reader.close()
    reader = open_reader(path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.execute("DELETE FROM figures")
    finally:
        reader.close()
