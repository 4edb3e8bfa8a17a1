"""The dashboard answers only requests that name an allowed host (a defence against DNS
rebinding), and says so loudly when it listens beyond loopback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import dash
import pytest
from click.testing import CliRunner

from dashboard import ids
from dashboard.app import create_app, host_name
from dashboard.testing import build_sample_store
from impact.cli import cli
from impact.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("host") / "s.db")


def _review_post(app: Any, figure_id: int) -> dict[str, Any]:
    """The JSON the Review page's Confirm button sends (its callback's outputs, inputs, states)."""
    key, spec = next(
        (k, v) for k, v in app.callback_map.items() if k.startswith(f"..{ids.REV_STATUS}.children...{ids.REV_GRID}")
    )
    outputs = [
        dict(zip(("id", "property"), part.split("@")[0].rsplit(".", 1), strict=True))
        for part in key.strip(".").split("...")
    ]
    return {
        "output": key,
        "outputs": outputs,
        "inputs": [{**item, "value": 1 if item["id"] == ids.REV_CONFIRM else None} for item in spec["inputs"]],
        "state": [{**item, "value": figure_id if item["id"] == ids.REV_CURRENT else None} for item in spec["state"]],
        "changedPropIds": [f"{ids.REV_CONFIRM}.n_clicks"],
    }


def _first_figure(db: Path) -> tuple[int, Any]:
    with Store(db) as store:
        frame = store.figures()
    return int(frame["id"].iloc[0]), frame["review_status"].iloc[0]


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("localhost", 200),
        ("127.0.0.1:8050", 200),
        ("[::1]:8050", 200),
        ("LOCALHOST.", 200),
        ("evil.example", 400),
        ("evil.example:8050", 400),
        ("127.0.0.1.evil.example", 400),
    ],
    ids=["localhost", "ipv4-port", "ipv6-port", "case-dot", "evil", "evil-port", "lookalike"],
)
def test_pages_answer_only_allowed_hosts(db: Path, host: str, status: int) -> None:
    client = create_app(db).server.test_client()
    assert client.get("/", headers={"Host": host}).status_code == status
    assert client.get("/_dash-layout", headers={"Host": host}).status_code == status


def test_a_rebound_json_post_saves_nothing(db: Path) -> None:
    figure_id, before = _first_figure(db)
    app = create_app(db)
    client = app.server.test_client()
    client.get("/")  # pages registered
    response = client.post(
        "/_dash-update-component",
        data=json.dumps(_review_post(app, figure_id)),
        headers={"Host": "evil.example", "Origin": "http://evil.example", "Content-Type": "application/json"},
    )
    assert response.status_code == 400 and b"--allow-host" in response.data
    assert _first_figure(db)[1] == before  # not confirmed
    # the same request under a loopback name is answered: the check is the Host, nothing else
    response = client.post(
        "/_dash-update-component",
        data=json.dumps(_review_post(app, figure_id)),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200 and _first_figure(db)[1] == "confirmed"


def test_allow_host_extends_the_list(db: Path) -> None:
    client = create_app(db, allowed_hosts=["Dash.Example"]).server.test_client()
    assert client.get("/", headers={"Host": "dash.example:8050"}).status_code == 200
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(
    ("host", "name"),
    [("a.example:80", "a.example"), ("[::1]:1", "::1"), ("::1", "::1"), ("B.example.", "b.example")],
)
def test_host_name(host: str, name: str) -> None:
    assert host_name(host) == name


@pytest.mark.parametrize(
    ("args", "warned", "answered"),
    [
        ([], False, ["localhost"]),
        (["--host", "0.0.0.0"], True, ["localhost"]),
        (["--host", "0.0.0.0", "--allow-host", "box.lan"], True, ["box.lan"]),
        (["--host", "192.0.2.7"], True, ["192.0.2.7"]),
        (["--host", "::1"], False, ["[::1]:8050"]),
    ],
    ids=["default", "all-interfaces", "allow-host", "named-address", "ipv6-loopback"],
)
def test_cli_warns_on_a_non_loopback_bind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], warned: bool, answered: list[str]
) -> None:
    served: list[dash.Dash] = []
    monkeypatch.setattr(dash.Dash, "run", lambda self, **kwargs: served.append(self))
    result = CliRunner().invoke(cli, ["dashboard", "--db", str(tmp_path / "d.db"), "--create", *args])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert bool(warnings) == warned
    if warned:
        assert "not loopback" in warnings[0]
    client = served[0].server.test_client()
    for name in answered:
        assert client.get("/_dash-layout", headers={"Host": name}).status_code == 200
    assert client.get("/_dash-layout", headers={"Host": "evil.example"}).status_code == 400
