"""Database faults and credentials: one line naming the database and the reason, a non-zero
exit, no traceback, nothing stored lost, and never a password on screen."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from impact.cli import cli
from impact.store import Store, backends
from impact.store.backends import masked_url

ARTICLE = "At least 12 people were killed in Mosul on Monday, officials said.\n"
OTHER = "About 300 families fled Raqqa after the floods.\n"


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args)


def _one_line(result: Result, *expected: str) -> str:
    """The command failed with one error line holding ``expected``, and no traceback."""
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "Traceback" not in result.output
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    source = tmp_path / "mosul.txt"
    source.write_text(ARTICLE)
    db = tmp_path / "impact.db"
    assert _run(["ingest", str(source), "--db", str(db), "--no-progress"]).exit_code == 0
    return db


def _figures(db: Path) -> int:
    with Store(db) as store:
        return len(store.figures())


# -- credentials --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("postgresql://me:s3cret@db.example/impact", "s3cret"),
        ("postgresql://db.example/impact?password=hunter2&sslmode=require", "hunter2"),
        ("postgresql://me:p@ss@db.example/impact", "p@ss"),
        ("postgresql://me:pa:ss@db.example/impact", "pa:ss"),
        ("postgresql://me:p%40ss%3Aw@db.example/impact", "p@ss:w"),
        ("postgresql://me:a/b@db.example/impact", "a/b"),
        ("postgres://me:top-secret@/impact?host=/tmp", "top-secret"),
    ],
    ids=["userinfo", "query", "unescaped-at", "colon", "percent-encoded", "slash", "socket"],
)
def test_masked_url_hides_every_password(url: str, secret: str) -> None:
    shown = masked_url(url)
    assert "***" in shown
    assert secret not in shown and secret.split(":")[-1] not in shown.split("@")[0].split("//")[-1].split(":", 1)[-1]


def test_masked_url_leaves_the_rest() -> None:
    assert masked_url("postgresql://me:x@db.example:5433/impact") == "postgresql://me:***@db.example:5433/impact"
    assert masked_url("postgresql://postgres@/impact?host=/tmp") == "postgresql://postgres@/impact?host=/tmp"
    assert masked_url("impact.db") == "impact.db"


UNREACHABLE = [
    ("postgresql://me:s3cret@127.0.0.1:1/impact", "s3cret"),
    ("postgresql://127.0.0.1:1/impact?password=hunter2", "hunter2"),
    ("postgresql://me:pa%zzss@127.0.0.1:1/impact", "pa%zzss"),
    ("postgresql://me:p@ss@127.0.0.1:1/impact", "p@ss"),
]


@pytest.mark.parametrize(("url", "secret"), UNREACHABLE, ids=["userinfo", "query", "malformed", "unescaped-at"])
@pytest.mark.parametrize("command", ["export", "compare", "ingest", "dashboard"])
def test_an_unreachable_server_gives_one_masked_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, secret: str, command: str
) -> None:
    pytest.importorskip("psycopg")
    import dash

    monkeypatch.setattr(dash.Dash, "run", lambda self, **kwargs: None)
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE)
    args = {
        "export": ["export", "--db", url],
        "compare": ["compare", "--place", "Mosul", "--category", "killed", "--db", url],
        "ingest": ["ingest", str(source), "--db", url, "--no-progress"],
        "dashboard": ["dashboard", "--db", url],
    }[command]
    result = _run(args)
    line = _one_line(result, "127.0.0.1")
    assert secret not in result.output and "zz" not in line


def test_the_dashboard_log_line_masks_a_password_with_a_colon(monkeypatch: pytest.MonkeyPatch) -> None:
    import dash

    import dashboard.app

    monkeypatch.setattr(dashboard.app, "create_app", lambda db, **kwargs: dash.Dash("x"))
    monkeypatch.setattr(dash.Dash, "run", lambda self, **kwargs: None)
    result = _run(["dashboard", "--db", "postgresql://me:pa:ss@db.example/impact"])
    assert result.exit_code == 0, result.output
    assert "me:***@db.example" in result.stderr and "pa" not in result.stderr.split("me:")[1].split("@")[0]


# -- SQLite faults ------------------------------------------------------------------------------


def _damage(db: Path, *, header: bool) -> None:
    data = bytearray(db.read_bytes())
    if header:
        data[:100] = b"\xff" * 100
    else:
        page = 4096
        for offset in range(page, len(data), page):  # every page but the first (the schema)
            data[offset : offset + page // 2] = b"\xa5" * (page // 2)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("header", [False, True], ids=["pages", "header"])
@pytest.mark.parametrize("command", ["export", "compare", "ingest", "dashboard"])
def test_a_damaged_file_gives_one_line(
    stored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: bool, command: str
) -> None:
    import dash

    monkeypatch.setattr(dash.Dash, "run", lambda self, **kwargs: None)
    _damage(stored, header=header)
    other = tmp_path / "raqqa.txt"
    other.write_text(OTHER)
    args = {
        "export": ["export", "--db", str(stored)],
        "compare": ["compare", "--place", "Mosul", "--category", "killed", "--db", str(stored)],
        "ingest": ["ingest", str(other), "--db", str(stored), "--no-progress"],
        "dashboard": ["dashboard", "--db", str(stored)],
    }[command]
    line = _one_line(_run(args), str(stored))
    assert "malformed" in line or "not a database" in line


def test_a_read_only_database_gives_one_line_and_keeps_what_is_stored(
    stored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _figures(stored)

    def read_only(self: Any) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(backends.SQLiteBackend, "begin_write", read_only)
    other = tmp_path / "raqqa.txt"
    other.write_text(OTHER)
    _one_line(_run(["ingest", str(other), "--db", str(stored), "--no-progress"]), str(stored), "read-only")
    monkeypatch.undo()
    assert _figures(stored) == before


def test_a_lock_held_too_long_gives_one_line_and_keeps_what_is_stored(
    stored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _figures(stored)
    monkeypatch.setattr(backends, "LOCK_TIMEOUT_S", 0.3)
    holder = sqlite3.connect(stored, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        other = tmp_path / "raqqa.txt"
        other.write_text(OTHER)
        _one_line(_run(["ingest", str(other), "--db", str(stored), "--no-progress"]), str(stored), "locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _figures(stored) == before


def test_a_full_disk_gives_one_line_and_keeps_what_is_stored(
    stored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _figures(stored)
    opened = backends.SQLiteBackend.__init__

    def full(self: Any, path: Path) -> None:  # no page may be added: SQLite's "disk is full"
        opened(self, path)
        pages = self._conn.execute("PRAGMA page_count").fetchone()[0]
        self._conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(backends.SQLiteBackend, "__init__", full)
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join(f"At least {n} people were killed in Mosul." for n in range(10, 3000)))
    _one_line(_run(["ingest", str(big), "--db", str(stored), "--no-progress"]), str(stored), "full")
    monkeypatch.undo()
    assert _figures(stored) == before


def test_a_failed_export_leaves_no_empty_file(stored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "figures.csv"

    def disk_full(self: Path, data: bytes) -> int:
        with self.open("wb") as handle:
            handle.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    _one_line(_run(["export", "--db", str(stored), "-o", str(out)]), "No space left")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir() if "figures" in p.name) == []


def test_a_damaged_store_answers_one_line_in_the_dashboard(stored: Path) -> None:
    from dashboard.app import create_app

    app = create_app(stored)
    _damage(stored, header=False)
    response = app.server.test_client().get("/")
    assert response.status_code == 503
    body = response.data.decode()
    assert body.count("\n") == 1 and str(stored) in body and "Traceback" not in body
