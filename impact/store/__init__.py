"""Storage for articles, their figures and analysts' reviews: SQLite, or PostgreSQL.

SQLite: one file, WAL mode, foreign keys on. Each article and its figures are written in one
transaction, so a killed ingest leaves either the whole article or nothing. Reviews
live in their own columns beside the extractor's values, which are never overwritten.
Every write also appends to the ``changes`` log in its own transaction, so a reader can
fetch only what changed since the sequence number it last saw (``Store.change_seq``).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd

from impact.corrections import (
    CORRECTABLE,
    CORRECTED_COLUMNS,
    EFFECTIVE_COLUMNS,
    effective_sql,
    validate,
)
from impact.filters import Filters
from impact.frame import ARTICLE_COLUMNS as ARTICLE_FRAME_COLUMNS
from impact.frame import FIGURE_COLUMNS, STORE_COLUMNS, apply_dtypes, figure_from_values, figure_values
from impact.model import Article, Figure
from impact.store import reading
from impact.store.backends import Backend, PostgresBackend, SQLiteBackend, is_postgres_url, masked_url
from impact.store.reviewing import ReviewingMixin, review_logged
from impact.store.schema import MIGRATIONS, statements

REVIEW_STATUSES: tuple[str, ...] = ("confirmed", "corrected", "rejected")
MAX_ID = 2**63 - 1  # the largest row id of a 64-bit integer column

ARTICLE_COLUMNS: tuple[str, ...] = (
    "doc",
    "title",
    "publisher",
    "date",
    "url",
    "source_path",
    "illustrative",
    "content_hash",
    "extractor_version",
    "ingested_at",
)
PLACE_COLUMNS: tuple[str, ...] = ("place_name", "place_matched", "place_kind")
REVIEW_COLUMNS: tuple[str, ...] = ("review_status", *CORRECTED_COLUMNS, "reviewed_at", "note")
# Column order of ``Store.figures()``: the figure id, the figure record, the article,
# the geocoded place, the review, then the values to use (corrected where reviewed).
FIGURE_FRAME_COLUMNS: tuple[str, ...] = (
    "id",
    *FIGURE_COLUMNS,
    *ARTICLE_FRAME_COLUMNS,
    *PLACE_COLUMNS,
    *REVIEW_COLUMNS,
    *EFFECTIVE_COLUMNS,
)

_BY_DATE = "a.date IS NOT NULL, a.date"  # undated first, in SQLite and PostgreSQL alike
_ARTICLE_FIELDS = frozenset({"doc", *ARTICLE_FRAME_COLUMNS})
_SELECT_FIGURES = (
    "SELECT f.id, "
    + ", ".join(
        f'f."{c}"' if c == "end" else ("a." if c in _ARTICLE_FIELDS else "f.") + c
        for c in FIGURE_FRAME_COLUMNS[1 : -len(EFFECTIVE_COLUMNS)]
    )
    + ", "
    + ", ".join(f"{effective_sql(c.removeprefix('effective_'))} AS {c}" for c in EFFECTIVE_COLUMNS)
    + f", {reading.RELOCATED_SQL} AS relocated"
    + " FROM figures AS f JOIN articles AS a ON a.id = f.article_id"
)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def extractor_version() -> str:
    """The running extractor's version (``impact.pipeline.EXTRACTOR_VERSION``): what a stored
    article's figures are checked against. Callers may pass their own to ``add_article``."""
    from impact.pipeline import EXTRACTOR_VERSION  # imported on use: reading a store needs no extractor

    return str(EXTRACTOR_VERSION)


class Store(ReviewingMixin):
    """Articles and figures in a SQLite file (or a PostgreSQL database, given its URL).

    >>> with Store("impact.db") as store:  # doctest: +SKIP
    ...     store.figures(Filters(places=("Raqqa",)))
    """

    def __init__(self, target: str | Path, *, create: bool = True) -> None:
        self.target = str(target)
        self._lock = threading.RLock()
        self._db: Backend
        if is_postgres_url(target):
            self._db = PostgresBackend(self.target)
        else:
            if not create and not Path(target).exists():
                raise FileNotFoundError(f"no database at {target}")
            self._db = SQLiteBackend(Path(target))
        try:
            self._migrate()
        except BaseException:
            self._db.close()
            raise

    # -- lifecycle -------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db, self._lock)

    def _migrate(self) -> None:
        with self._transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
            current = row[0] or 0
            if current > len(MIGRATIONS):
                raise RuntimeError(
                    f"{masked_url(self.target)} has schema version {current}; this impact knows up to"
                    f" {len(MIGRATIONS)}: upgrade impact to open it"
                )
            for number, script in enumerate(MIGRATIONS, start=1):
                if number <= current:
                    continue
                for statement in statements(script, db.types):
                    db.execute(statement)
                db.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))

    @property
    def schema_version(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    @property
    def change_seq(self) -> int:
        """The sequence number of the latest write (0 before any); it only ever grows."""
        with self._lock:
            row = self._db.execute("SELECT MAX(seq) FROM changes").fetchone()
        return int(row[0] or 0)

    def changes(self, since: int = 0) -> list[tuple[int, int, int | None, str]]:
        """``(seq, article_id, figure_id, kind)`` of every write after ``since``, oldest first.

        ``figure_id`` is None when any figure of the article may have changed (added or
        re-extracted: read all of the article's figures again, and forget those gone).
        """
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, article_id, figure_id, kind FROM changes WHERE seq > ? ORDER BY seq", (since,)
            ).fetchall()
        return [
            (int(seq), int(article), None if figure is None else int(figure), str(kind))
            for seq, article, figure, kind in rows
        ]

    # -- writing ---------------------------------------------------------------------

    def is_current(self, article: Article, version: str | None = None) -> bool:
        """True when this text is stored already, extracted by ``version`` (default: running)."""
        version = version or extractor_version()
        with self._lock:
            row = self._db.execute(
                "SELECT extractor_version FROM articles WHERE content_hash = ?",
                (content_hash(article.text),),
            ).fetchone()
        return row is not None and row[0] == version

    def add_article(self, article: Article, figures: Sequence[Figure], version: str | None = None) -> bool:
        """Store an article with its figures; False when the same text is already stored.

        The same text extracted by another extractor version has its figures replaced
        (reviews carry over to figures at the same span) and counts as added. Figures with
        bounds beyond 64-bit integers are left out.
        """
        version = version or extractor_version()
        figures = [f for f in figures if _fits_64_bits(f)]
        digest = content_hash(article.text)
        now = _now()
        with self._transaction() as db:
            row = db.execute("SELECT id, extractor_version FROM articles WHERE content_hash = ?", (digest,)).fetchone()
            if row is not None and row[1] == version:
                return False
            if row is None:
                article_id = db.insert(
                    "INSERT INTO articles (doc, content_hash, title, publisher, date, url,"
                    " source_path, illustrative, text, extractor_version, ingested_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.doc,
                        digest,
                        article.title,
                        article.publisher,
                        article.date,
                        article.url,
                        article.source_path,
                        int(article.illustrative),
                        article.text,
                        version,
                        now,
                    ),
                )
            else:
                article_id = row[0]
                db.execute(
                    "UPDATE articles SET extractor_version = ?, ingested_at = ? WHERE id = ?",
                    (version, now, article_id),
                )
            _replace_figures(db, article_id, figures)
            _log_change(db, article_id, None, "added" if row is None else "reextracted", now)
        return True

    def review(
        self,
        figure_id: int,
        status: str | None,
        low: int | None = None,
        high: int | None = None,
        category: str | None = None,
        location: str | None = None,
        note: str | None = None,
        **corrections: Any,
    ) -> None:
        """Record an analyst's verdict on a figure; ``status=None`` clears it.

        ``corrections`` name any other field of ``impact.corrections.CORRECTABLE`` (unit,
        kind, attributed_to, period_start, period_end, as_of). For ``corrected``, bounds not
        given keep the extractor's, so the corrected bounds always hold the complete
        corrected range; other fields not given keep the extractor's value (null column).
        Every value is checked by ``impact.corrections.validate`` (ValueError).
        """
        if status is not None and status not in REVIEW_STATUSES:
            raise ValueError(f"review status must be one of {', '.join(REVIEW_STATUSES)}")
        unknown = sorted(set(corrections) - set(CORRECTABLE))
        if unknown:
            raise ValueError(f"{', '.join(unknown)} cannot be corrected")
        given = {"low": low, "high": high, "category": category, "location": location, **corrections}
        values = {name: validate(name, given.get(name)) for name in CORRECTABLE}
        if note is not None and not isinstance(note, str):
            raise ValueError("a note must be text")
        with self._transaction() as db, review_logged(db, (figure_id,)):
            row = db.execute("SELECT low, high, article_id FROM figures WHERE id = ?", (figure_id,)).fetchone()
            if row is None:
                raise KeyError(f"no figure with id {figure_id}")
            if status == "corrected":
                values["low"] = row[0] if values["low"] is None else values["low"]
                values["high"] = row[1] if values["high"] is None else values["high"]
                if values["low"] is not None and values["high"] is not None and values["low"] > values["high"]:
                    raise ValueError("corrected low is greater than corrected high")
            else:
                values = dict.fromkeys(CORRECTABLE)
            now = _now()
            db.execute(
                f"UPDATE figures SET review_status = ?, {', '.join(f'{c} = ?' for c in CORRECTED_COLUMNS)},"
                " reviewed_at = ?, note = ? WHERE id = ?",
                (status, *values.values(), None if status is None else now, note, figure_id),
            )
            _log_change(db, row[2], figure_id, "reviewed", now)

    # -- reading ---------------------------------------------------------------------

    def figures(self, filters: Filters | None = None) -> pd.DataFrame:
        """One row per figure with its article's metadata, columns in ``FIGURE_FRAME_COLUMNS``."""
        with self._lock:
            where, params = reading.where(self._db, filters or Filters())
            sql = f"{_SELECT_FIGURES} {where} ORDER BY {_BY_DATE}, a.doc, f.start, f.id"
            rows = self._db.execute(sql, params).fetchall()
        return _figure_frame(rows)

    def articles(self) -> pd.DataFrame:
        """One row per article (without its text) and how many figures it has."""
        sql = (
            f"SELECT a.id, {', '.join('a.' + c for c in ARTICLE_COLUMNS)},"
            " COUNT(f.id) AS figures"
            " FROM articles AS a LEFT JOIN figures AS f ON f.article_id = a.id"
            f" GROUP BY a.id ORDER BY {_BY_DATE}, a.doc"
        )
        columns = ["id", *ARTICLE_COLUMNS, "figures"]
        with self._lock:
            rows = self._db.execute(sql).fetchall()
        frame = pd.DataFrame.from_records(rows, columns=columns)
        frame["figures"] = frame["figures"].astype("int64")
        return apply_dtypes(frame)

    def counts(self) -> dict[str, int]:
        """Totals for a dashboard header: articles, figures, reviews by status ..."""
        with self._lock:
            articles, illustrative, publishers = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(illustrative), 0), COUNT(DISTINCT publisher) FROM articles"
            ).fetchone()
            figures, reviewed, places, countries = self._db.execute(
                "SELECT COUNT(*), COUNT(review_status), COUNT(DISTINCT location),"
                " COUNT(DISTINCT country_code) FROM figures"
            ).fetchone()
            by_status = dict(
                self._db.execute(
                    "SELECT review_status, COUNT(*) FROM figures WHERE review_status IS NOT NULL GROUP BY review_status"
                ).fetchall()
            )
        return {
            "articles": articles,
            "illustrative_articles": illustrative,
            "publishers": publishers,
            "figures": figures,
            "places": places,
            "countries": countries,
            "reviewed": reviewed,
            **{status: int(by_status.get(status, 0)) for status in REVIEW_STATUSES},
        }

    def article_text(self, doc: str) -> str | None:
        """The text of the article ``doc`` (the latest ingested one if several share the id)."""
        with self._lock:
            row = self._db.execute(
                "SELECT text FROM articles WHERE doc = ? ORDER BY id DESC LIMIT 1", (doc,)
            ).fetchone()
        return None if row is None else str(row[0])

    def article(self, doc: str) -> Article | None:
        """The stored article ``doc`` as an ``Article`` record."""
        with self._lock:
            row = self._db.execute(
                "SELECT doc, text, title, publisher, date, url, source_path, illustrative"
                " FROM articles WHERE doc = ? ORDER BY id DESC LIMIT 1",
                (doc,),
            ).fetchone()
        if row is None:
            return None
        doc, text, title, publisher, date, url, source_path, illustrative = row
        return Article(
            doc=doc,
            text=text,
            title=title,
            publisher=publisher,
            date=date,
            url=url,
            source_path=source_path,
            illustrative=bool(illustrative),
        )

    def figure_records(self, doc: str) -> list[Figure]:
        """The extractor's figures stored for ``doc``, as ``Figure`` records (reviews aside)."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {', '.join(_FIGURE_FIELDS)} FROM figures WHERE article_id ="
                " (SELECT id FROM articles WHERE doc = ? ORDER BY id DESC LIMIT 1)"
                " ORDER BY start, id",
                (doc,),
            ).fetchall()
        return [figure_from_values(row) for row in rows]

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article with its text, one at a time."""
        with self._lock:
            docs = [row[0] for row in self._db.execute("SELECT doc FROM articles ORDER BY id")]
        for doc in docs:
            article = self.article(doc)
            if article is not None:
                yield article


class _Transaction:
    """A write transaction that excludes other writers; rolled back on any exception."""

    def __init__(self, db: Backend, lock: threading.RLock) -> None:
        self._db = db
        self._lock = lock

    def __enter__(self) -> Backend:
        self._lock.acquire()
        try:
            self._db.begin_write()
        except BaseException:
            self._lock.release()
            raise
        return self._db

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._db.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self._lock.release()


_FIGURE_FIELDS: tuple[str, ...] = tuple('"end"' if c == "end" else c for c in STORE_COLUMNS)
_INSERT_FIGURE = (
    f"INSERT INTO figures (article_id, {', '.join(_FIGURE_FIELDS)}, {', '.join(REVIEW_COLUMNS)})"
    f" VALUES ({', '.join('?' * (1 + len(_FIGURE_FIELDS) + len(REVIEW_COLUMNS)))})"
)
_NO_REVIEW: tuple[None, ...] = (None,) * len(REVIEW_COLUMNS)


_INT64 = range(-(2**63), 2**63)


def _figure_frame(rows: Sequence[tuple[Any, ...]]) -> pd.DataFrame:
    """Rows of ``_SELECT_FIGURES`` as the frame of ``Store.figures()``."""
    frame = pd.DataFrame.from_records(list(rows), columns=[*FIGURE_FRAME_COLUMNS, "relocated"])
    # a place corrected in Review is geocoded anew: the figure shows at its new place
    return apply_dtypes(reading.relocate(frame, location="effective_location"))


def _replace_figures(db: Backend, article_id: int, figures: Sequence[Figure]) -> None:
    """Replace the article's figures inside a write transaction; reviews carry over to the
    new figures at the same span (start, end)."""
    reviews: dict[tuple[int, int], tuple[Any, ...]] = {}
    for review in db.execute(
        f'SELECT start, "end", {", ".join(REVIEW_COLUMNS)} FROM figures'
        " WHERE article_id = ? AND review_status IS NOT NULL",
        (article_id,),
    ):
        reviews[(review[0], review[1])] = tuple(review[2:])
    db.execute("DELETE FROM figures WHERE article_id = ?", (article_id,))
    db.executemany(
        _INSERT_FIGURE,
        (
            (article_id, *figure_values(f), *reviews.get((f.start, f.end), _NO_REVIEW))
            for f in figures
            if _fits_64_bits(f)
        ),
    )


def _fits_64_bits(figure: Figure) -> bool:
    """SQLite and PostgreSQL integers are 64-bit; no count of people is larger, so a figure
    that is ("100000000000000000000 people") is not stored rather than failing the article."""
    return all(value is None or value in _INT64 for value in (figure.low, figure.high, figure.best))


def _log_change(db: Backend, article_id: int, figure_id: int | None, kind: str, now: str) -> None:
    """Record a write in the ``changes`` log; call inside the write's own transaction."""
    db.execute(
        "INSERT INTO changes (article_id, figure_id, kind, changed_at) VALUES (?, ?, ?, ?)",
        (article_id, figure_id, kind, now),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
