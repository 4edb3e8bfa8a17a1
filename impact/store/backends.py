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
from urllib.parse import unquote

from impact.store.schema import POSTGRES_TYPES, SQLITE_TYPES

LOCK_TIMEOUT_S = 30.0  # how long a write waits for another writer's lock before giving up


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


_SECRET_PARAMS = ("password", "sslpassword", "passfile", "sslkey")
MASK = "***"


def _secrets(url: str) -> list[str]:
    """Every password-like part of a PostgreSQL URL, as written and percent-decoded."""
    found: list[str] = []
    rest = url.split("://", 1)[1] if "://" in url else url
    # the user information ends at the last '@' before the query: an unescaped '@' or ':'
    # inside a password stays inside it
    authority = rest.split("?", 1)[0]
    if "@" in authority:
        userinfo = authority.rpartition("@")[0]
        if ":" in userinfo:
            found.append(userinfo.split(":", 1)[1])
    if "?" in rest:
        for pair in rest.split("?", 1)[1].split("&"):
            key, _, value = pair.partition("=")
            if unquote(key).strip().lower() in _SECRET_PARAMS and value:
                found.append(value)
    found += [unquote(secret) for secret in found]
    return sorted({secret for secret in found if secret}, key=len, reverse=True)


def masked_url(target: str | Path) -> str:
    """The database as it may be printed: a PostgreSQL URL with every password as ``***``.

    ``postgresql://me:s3cret@h/db`` -> ``postgresql://me:***@h/db``; also a password in the
    query (``?password=...``), one holding an unescaped ``@`` or ``:``, percent-encoded ones.
    A SQLite path is printed as it is.
    """
    text = str(target)
    if not is_postgres_url(text):
        return text
    scheme, rest = text.split("://", 1)
    authority, question, query = rest.partition("?")
    if "@" in authority:
        userinfo, _, host = authority.rpartition("@")
        if ":" in userinfo:
            authority = f"{userinfo.split(':', 1)[0]}:{MASK}@{host}"
    if question:
        pairs = []
        for pair in query.split("&"):
            key, equals, value = pair.partition("=")
            secret = unquote(key).strip().lower() in _SECRET_PARAMS and value
            pairs.append(f"{key}{equals}{MASK}" if secret else pair)
        query = "&".join(pairs)
    return f"{scheme}://{authority}{question}{query}"


def mask_secrets(message: str, url: str | Path) -> str:
    """``message`` (a driver's error, say) with every password of ``url`` replaced by ``***``."""
    text = str(message)
    if not is_postgres_url(url):
        return text
    for secret in _secrets(str(url)):
        text = text.replace(secret, MASK)
    return text


def _casefold(value: object) -> str | None:
    return value.casefold() if isinstance(value, str) else None


class SQLiteBackend:
    """One file, WAL mode (readers never block the writer), foreign keys on."""

    name = "sqlite"
    types = SQLITE_TYPES
    fold = "casefold"  # registered below: SQLite's lower() knows only ASCII

    def __init__(self, path: Path) -> None:
        # Autocommit mode: transactions are opened explicitly by begin_write().
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=LOCK_TIMEOUT_S)
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


def is_database_error(error: BaseException) -> bool:
    """A fault of the database itself (SQLite's or psycopg's errors), not of our code."""
    return isinstance(error, sqlite3.Error) or type(error).__module__.split(".")[0] == "psycopg"


_HINTS = {
    "database is locked": f"another process held its write lock for more than {LOCK_TIMEOUT_S:g} s; try again",
    "readonly database": "the file or its folder is read-only",
    "disk is full": "the disk is full",
    "malformed": "the file is damaged; restore it from a copy",
    "not a database": "the file is not an impact database",
}


def database_fault(error: BaseException, target: str | Path) -> str:
    """One line for a database fault: the database (password masked), the reason, a hint."""
    reason = " ".join(str(error).split()) or type(error).__name__
    hint = next((text for key, text in _HINTS.items() if key in reason), None)
    line = f"{masked_url(target)}: {reason}" + (f" ({hint})" if hint else "")
    return mask_secrets(line, target)


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
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=LOCK_TIMEOUT_S)

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
