"""The database schema as numbered migrations, written once for SQLite and PostgreSQL.

``{id}``, ``{ref}``, ``{int}`` and ``{real}`` are filled per database; a migration,
once released, is never edited: a change is a new migration appended to the list.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id {id},
        doc TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT,
        publisher TEXT,
        date TEXT,
        url TEXT,
        source_path TEXT,
        illustrative INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),
        text TEXT NOT NULL,
        extractor_version TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_doc ON articles (doc);
    CREATE INDEX articles_publisher ON articles (publisher);
    CREATE INDEX articles_date ON articles (date);

    CREATE TABLE figures (
        id {id},
        article_id {ref} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        surface TEXT NOT NULL,
        low {int},
        high {int},
        best {int},
        approximate INTEGER NOT NULL CHECK (approximate IN (0, 1)),
        vague INTEGER NOT NULL CHECK (vague IN (0, 1)),
        qualifier TEXT,
        counted TEXT,
        unit TEXT NOT NULL,
        category TEXT NOT NULL,
        location TEXT,
        place_name TEXT,
        place_start INTEGER,
        place_end INTEGER,
        place_matched TEXT,
        country_code TEXT,
        latitude {real},
        longitude {real},
        geonameid {int},
        place_kind TEXT,
        attributed_to TEXT,
        sentence TEXT NOT NULL DEFAULT '',
        sentence_start INTEGER NOT NULL DEFAULT 0,
        sentence_end INTEGER NOT NULL DEFAULT 0,
        review_status TEXT CHECK (review_status IN ('confirmed', 'corrected', 'rejected')),
        corrected_low {int},
        corrected_high {int},
        corrected_category TEXT,
        corrected_location TEXT,
        reviewed_at TEXT,
        note TEXT
    );
    CREATE INDEX figures_article ON figures (article_id);
    CREATE INDEX figures_location ON figures (location);
    CREATE INDEX figures_country ON figures (country_code);
    CREATE INDEX figures_category ON figures (category);
    CREATE INDEX figures_unit ON figures (unit);
    CREATE INDEX figures_review ON figures (review_status)
    """,
    # 2: a log of writes, one row per transaction that changed an article's figures or a
    # figure's review, so that a reader can catch up on what changed since its last read.
    # ``seq`` only grows (writers are serialised) and is written in the same transaction as
    # the change. ``figure_id`` is NULL when every figure of the article may have changed.
    # No foreign keys: the log outlives what it describes.
    """
    CREATE TABLE changes (
        seq {id},
        article_id {ref} NOT NULL,
        figure_id {ref},
        kind TEXT NOT NULL CHECK (kind IN ('added', 'reextracted', 'reviewed', 'deleted')),
        changed_at TEXT NOT NULL
    )
    """,
    # 3: when each figure holds (extractor 0.6.0): its time words and their offsets, the
    # span they name and the date the count holds at (ISO dates), where the time came from,
    # and the kind of count; whether the place is where people came from or went. Old rows are
    # re-extracted (the extractor version changed).
    """
    ALTER TABLE figures ADD COLUMN period TEXT;
    ALTER TABLE figures ADD COLUMN period_span_start INTEGER;
    ALTER TABLE figures ADD COLUMN period_span_end INTEGER;
    ALTER TABLE figures ADD COLUMN period_start TEXT;
    ALTER TABLE figures ADD COLUMN period_end TEXT;
    ALTER TABLE figures ADD COLUMN as_of TEXT;
    ALTER TABLE figures ADD COLUMN time_source TEXT;
    ALTER TABLE figures ADD COLUMN kind TEXT NOT NULL DEFAULT 'stock';
    ALTER TABLE figures ADD COLUMN place_role TEXT CHECK (place_role IN ('origin', 'destination'))
    """,
    # 4: an analyst may also correct the unit, the kind of count, who gave the figure and
    # when it holds (``impact.corrections.CORRECTABLE``); a null keeps the extractor's value.
    """
    ALTER TABLE figures ADD COLUMN corrected_unit TEXT;
    ALTER TABLE figures ADD COLUMN corrected_kind TEXT;
    ALTER TABLE figures ADD COLUMN corrected_attributed_to TEXT;
    ALTER TABLE figures ADD COLUMN corrected_period_start TEXT;
    ALTER TABLE figures ADD COLUMN corrected_period_end TEXT;
    ALTER TABLE figures ADD COLUMN corrected_as_of TEXT
    """,
    # 5: what each review action changed, for undo (``impact.store.reviewing``). One row per
    # figure reviewed or article edited; the rows of one action (a bulk review) share
    # ``action``. A figure is named by its article and span, not its id, so the row still finds
    # it after a re-extraction. ``state_before``/``state_after`` are JSON of the review columns
    # (or of the article's title, publisher, date and url). An undo is an action of its own (``undoes``
    # names the action it reverted, whose rows get ``undone_at``). No foreign keys: the log
    # outlives what it describes.
    """
    CREATE TABLE review_log (
        id {id},
        action {ref} NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('review', 'bulk', 'article', 'undo')),
        article_id {ref} NOT NULL,
        figure_start INTEGER,
        figure_end INTEGER,
        state_before TEXT,
        state_after TEXT,
        summary TEXT NOT NULL,
        undoes {ref},
        logged_at TEXT NOT NULL,
        undone_at TEXT
    );
    CREATE INDEX review_log_action ON review_log (action)
    """,
)

SQLITE_TYPES = {
    "id": "INTEGER PRIMARY KEY AUTOINCREMENT",  # ids are never reused
    "ref": "INTEGER",
    "int": "INTEGER",  # 64-bit in SQLite
    "real": "REAL",
}
POSTGRES_TYPES = {
    "id": "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    "ref": "BIGINT",
    "int": "BIGINT",  # "10 to 20 billion" does not fit in 32 bits
    "real": "DOUBLE PRECISION",
}


def statements(script: str, types: dict[str, str]) -> list[str]:
    """The statements of one migration for a database with these column ``types``."""
    return [part.strip() for part in script.format(**types).split(";") if part.strip()]
