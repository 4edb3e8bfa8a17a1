"""The rows a page shows, fetched by id: the store's read-only API (``impact.store.reading``).

Filtering and counting happen in memory (``dashboard.snapshot``); the store (a SQLite file
or a PostgreSQL database) is asked only for the few thousand rows on screen, with their
sentences and article metadata, on a read-only connection opened per call (no state shared
between requests, no write lock). Values are the effective ones: an analyst's correction
where there is one, with the extractor's original beside it. No SQL lives here.
"""

from __future__ import annotations

from impact.store.backends import Reader
from impact.store.reading import ROW_COLUMNS, StoreTarget, article, article_figures, connect, rows_by_id

__all__ = ["ROW_COLUMNS", "Reader", "StoreTarget", "article", "article_figures", "connect", "rows_by_id"]
