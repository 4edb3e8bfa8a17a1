"""Where a page or callback finds its store: the running app's config, not module state."""

from __future__ import annotations

from pathlib import Path

import flask

from dashboard.queries import StoreTarget
from dashboard.snapshot import Snapshot, SnapshotCache
from impact.store.backends import is_postgres_url

DB_KEY = "IMPACT_DB"
CACHE_KEY = "IMPACT_SNAPSHOTS"


def db_path() -> StoreTarget:
    """The running app's store: a SQLite file, or a PostgreSQL URL."""
    target = str(flask.current_app.config[DB_KEY])
    return target if is_postgres_url(target) else Path(target)


def snapshot() -> Snapshot:
    cache: SnapshotCache = flask.current_app.config[CACHE_KEY]
    return cache.get()
