"""The app builds, serves its pages and the offline map assets, bound to a store."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dashboard.app import create_app
from dashboard.testing import build_sample_store


def test_app_serves_pages_assets_and_callbacks(tmp_path: Path) -> None:
    db = build_sample_store(tmp_path / "s.db")
    app = create_app(db)
    client = app.server.test_client()
    assert client.get("/").status_code == 200  # also runs every page's layout() once
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200 and b"nav-overview" in layout.data
    topo = client.get("/assets/topojson/world_110m.json")
    assert topo.status_code == 200 and json.loads(topo.data)["type"] == "Topology"
    callbacks = json.loads(client.get("/_dash-dependencies").data)
    outputs = " ".join(c["output"] for c in callbacks)
    for expected in ("overview-by-place.figure", "table-grid.rowData", "map-graph.figure"):
        assert expected in outputs
    paths = {page["path"] for page in __import__("dash").page_registry.values()}
    assert {"/", "/map", "/compare", "/table", "/article", "/add", "/review"} <= paths


def test_missing_store_is_created_empty(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    app = create_app(db)
    assert db.exists()
    assert app.server.test_client().get("/").status_code == 200


def test_cli_help_has_an_example() -> None:
    from impact.cli.dashboard import dashboard

    result = CliRunner().invoke(dashboard, ["--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "Example" in result.output
