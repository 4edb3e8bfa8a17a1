"""Where a page or callback finds its store: the running app's config, not module state."""

from __future__ import annotations

from pathlib import Path

import flask

from dashboard.snapshot import Snapshot, SnapshotCache

DB_KEY = "IMPACT_DB"
CACHE_KEY = "IMPACT_SNAPSHOTS"


def db_path() -> Path:
    return Path(flask.current_app.config[DB_KEY])


def snapshot() -> Snapshot:
    cache: SnapshotCache = flask.current_app.config[CACHE_KEY]
    return cache.get()
