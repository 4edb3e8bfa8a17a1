"""The Dash app: ``create_app(db_path)`` wires the pages in ``dashboard/pages`` to a store.

from dashboard.app import create_app
create_app("impact.db").run(host="127.0.0.1", port=8050)
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import dash
import flask
from dash import ClientsideFunction, Input, Output, dcc, html
from dash.development.base_component import Component

from dashboard import components, context, ids
from dashboard.snapshot import SnapshotCache
from dashboard.urlstate import filters_from_controls, query_from_filters
from dashboard.views.add import MAX_UPLOAD_BYTES
from impact.store import Store
from impact.store.backends import is_postgres_url

HERE = Path(__file__).resolve().parent
NAV_PAGES = (
    ("overview", "/", "Overview"),
    ("map", "/map", "Map"),
    ("compare", "/compare", "Compare"),
    ("table", "/table", "Table"),
    ("review", "/review", "Review"),
    ("add", "/add", "Add an article"),
)
FILTERED_PATHS = ("/", "/map", "/compare", "/table", "/review")
# Host names a request may carry by default: the loopback ones. A page on evil.example whose
# name is re-pointed at 127.0.0.1 (DNS rebinding) sends ``Host: evil.example`` and is refused.
LOOPBACK_HOSTS: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")
HOSTS_KEY = "IMPACT_ALLOWED_HOSTS"
DASH_KEY = "IMPACT_DASH_APP"


def host_name(host: str) -> str:
    """``'Example.org:8050'`` -> ``'example.org'``; ``'[::1]:8050'`` -> ``'::1'``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def _check_host() -> flask.Response | None:
    allowed: frozenset[str] = flask.current_app.config[HOSTS_KEY]
    if "*" in allowed or host_name(flask.request.host) in allowed:
        return None
    return flask.Response(
        "Host not allowed: start the dashboard with --allow-host NAME to serve it under that name.\n",
        status=400,
        mimetype="text/plain",
    )


def _shell() -> html.Div:
    return html.Div(
        [
            html.Header(
                [
                    html.Div(
                        [
                            html.Span("impact", className="brand"),
                            html.Span("humanitarian figures from news articles", className="tagline"),
                        ]
                    ),
                    html.Nav(
                        [
                            dcc.Link(label, href=path, id=f"{ids.NAV_LINK_PREFIX}{name}")
                            for name, path, label in NAV_PAGES
                        ],
                        id=ids.NAV,
                    ),
                ],
                className="top",
            ),
            html.Main(dash.page_container, className="content"),
            html.Div(id=ids.URL_SYNC_SINK, hidden=True),
        ]
    )


def query_string(*controls: Any) -> str:
    """Filter bar values -> the query string that reproduces them (no leading ``?``)."""
    return query_from_filters(filters_from_controls(*controls))


def clear_filters(_clicks: int | None) -> tuple[Any, ...]:
    """Values that empty every filter."""
    return ([], [], [], [], [], None, None, "all")


def _slim(node: Any) -> Any:
    """A layout with its data left out: only component types, ids and property names.

    Dash checks callbacks against a "validation layout" made of every page's layout and
    sends it within every page load; built from the store, it carried every grid row and
    chart (and a long name a dozen times) to the browser on each visit.
    """
    if isinstance(node, list | tuple):
        return [_slim(child) for child in node]
    if not isinstance(node, Component):
        return None if isinstance(node, str) else node
    for name in node._prop_names:
        if name in ("id", "children"):
            continue
        value = getattr(node, name, None)
        if isinstance(value, list | dict | str) and name != "type":
            setattr(node, name, None)
    children = getattr(node, "children", None)
    if children is not None:
        node.children = _slim(children)
    return node


def _slim_validation_layout() -> None:
    app = flask.current_app.config[DASH_KEY]
    if app.validation_layout is not None and not getattr(app, "_impact_slim", False):
        app.validation_layout = _slim(app.validation_layout)
        app._impact_slim = True


def _database_fault(error: Exception) -> flask.Response:
    """A damaged, locked or unreachable store: one line, in the log and to the browser."""
    from impact.store.backends import database_fault

    line = database_fault(error, str(flask.current_app.config[context.DB_KEY]))
    print(f"impact dashboard: {line}", file=sys.stderr, flush=True)
    return flask.Response(f"The store cannot be read: {line}\n", status=503, mimetype="text/plain")


def create_app(db_path: str | Path, allowed_hosts: Iterable[str] = ()) -> dash.Dash:
    """A Dash app serving the store at ``db_path``, a SQLite file (created empty when
    missing) or a PostgreSQL URL.

    Requests must name a loopback host (``LOOPBACK_HOSTS``) or one of ``allowed_hosts``
    (``"*"``: any) in their ``Host`` header; others get 400 before any page or callback runs.
    """
    if not is_postgres_url(db_path):
        db_path = Path(db_path).resolve()
    Store(db_path).close()  # create the schema (or migrate) before read-only access
    app = dash.Dash(
        "dashboard",
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        title="impact",
        update_title=None,  # type: ignore[arg-type]  # None is documented: no "Updating..."
        suppress_callback_exceptions=False,
    )
    app.server.config[context.DB_KEY] = str(db_path)
    # refuse oversized requests before Flask reads them: an upload is base64 in JSON
    app.server.config["MAX_CONTENT_LENGTH"] = 4 * MAX_UPLOAD_BYTES
    app.server.config[context.CACHE_KEY] = SnapshotCache(db_path)
    app.server.config[HOSTS_KEY] = frozenset((*LOOPBACK_HOSTS, *(host_name(h) for h in allowed_hosts)))
    app.server.before_request(_check_host)
    app.server.config[DASH_KEY] = app
    app.server.register_error_handler(sqlite3.Error, _database_fault)
    try:
        import psycopg
    except ImportError:  # pragma: no cover - only without the PostgreSQL extra
        pass
    else:
        app.server.register_error_handler(psycopg.Error, _database_fault)
    app.server.before_request(_slim_validation_layout)  # runs after Dash's own setup
    app.layout = _shell
    app.callback(Output(ids.URL_SYNC, "data"), *components.filter_inputs())(query_string)
    app.callback(
        Output(ids.F_PLACE, "value"),
        Output(ids.F_COUNTRY, "value"),
        Output(ids.F_CATEGORY, "value"),
        Output(ids.F_UNIT, "value"),
        Output(ids.F_SOURCE, "value"),
        Output(ids.F_DATES, "start_date"),
        Output(ids.F_DATES, "end_date"),
        Output(ids.F_KIND, "value"),
        Input(ids.F_RESET, "n_clicks"),
        prevent_initial_call=True,
    )(clear_filters)
    app.clientside_callback(
        ClientsideFunction(namespace="impact", function_name="syncUrl"),
        Output(ids.URL_SYNC_SINK, "children"),
        *[Output(f"{ids.NAV_LINK_PREFIX}{name}", "href") for name, _, _ in NAV_PAGES],
        Input(ids.URL_SYNC, "data"),
    )
    return app
