"""The two databases a store can live in, behind one small interface.

Queries are written once with ``?`` placeholders and portable SQL; a backend turns
them into its driver's form, opens write transactions that exclude other writers,
and knows how to get the id of an inserted row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from impact.store.schema import POSTGRES_TYPES, SQLITE_TYPES


class Cursor(Protocol):
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Any: ...


class Backend(Protocol):
    name: str
    types: dict[str, str]
    fold: str  # SQL function that case-folds text (Unicode-aware)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...
    def insert(self, sql: str, params: Sequence[Any]) -> int: ...
    def begin_write(self) -> None: ...
    def close(self) -> None: ...


def is_postgres_url(target: str | Path) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def _casefold(value: object) -> str | None:
    return value.casefold() if isinstance(value, str) else None


class SQLiteBackend:
    """One file, WAL mode (readers never block the writer), foreign keys on."""

    name = "sqlite"
    types = SQLITE_TYPES
    fold = "casefold"  # registered below: SQLite's lower() knows only ASCII

    def __init__(self, path: Path) -> None:
        # Autocommit mode: transactions are opened explicitly by begin_write().
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        self._conn.create_function("casefold", 1, _casefold, deterministic=True)
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")  # durable across a killed process

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    def insert(self, sql: str, params: Sequence[Any]) -> int:
        row_id = self._conn.execute(sql, params).lastrowid
        assert row_id is not None
        return row_id

    def begin_write(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def close(self) -> None:
        self._conn.close()


class PostgresBackend:
    """A PostgreSQL database (``pip install "psycopg[binary]"``)."""

    name = "postgresql"
    types = POSTGRES_TYPES
    fold = "lower"
    _WRITER_LOCK = 5_172_033  # one advisory lock serialises writers, as SQLite does

    def __init__(self, url: str) -> None:
        self._conn = _connect_postgres(url)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self._conn.execute(_placeholders(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(_placeholders(sql), rows)

    def insert(self, sql: str, params: Sequence[Any]) -> int:
        row = self._conn.execute(_placeholders(sql) + " RETURNING id", params).fetchone()
        assert row is not None
        return int(row[0])

    def begin_write(self) -> None:
        self._conn.execute("BEGIN")
        self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (self._WRITER_LOCK,))

    def close(self) -> None:
        self._conn.close()


def _connect_postgres(url: str) -> Any:
    """An autocommit psycopg connection (transactions are opened explicitly)."""
    try:
        import psycopg
    except ImportError as error:
        raise RuntimeError('a PostgreSQL store needs psycopg: pip install "psycopg[binary]"') from error
    return psycopg.connect(url, autocommit=True)


def _placeholders(sql: str) -> str:
    # Our SQL has no literal ``?`` or ``%``: every ``?`` is a parameter.
    return sql.replace("?", "%s")


class Reader(Protocol):
    """A read-only connection: ``execute`` with ``?`` placeholders, then ``close``."""

    name: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...
    def close(self) -> None: ...


class SQLiteReader:
    """A SQLite file opened read-only (``mode=ro``): it never takes the write lock."""

    name = "sqlite"

    def __init__(self, path: str | Path) -> None:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self._conn.execute(sql, params)

    def close(self) -> None:
        self._conn.close()


class PostgresReader:
    """A PostgreSQL session whose every transaction is READ ONLY."""

    name = "postgresql"

    def __init__(self, url: str) -> None:
        self._conn = _connect_postgres(url)
        self._conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self._conn.execute(_placeholders(sql), params)

    def close(self) -> None:
        self._conn.close()


def open_reader(target: str | Path) -> Reader:
    """A read-only connection to a store: a SQLite file or a PostgreSQL URL."""
    return PostgresReader(str(target)) if is_postgres_url(target) else SQLiteReader(target)
