"""`impact dashboard`: browse, compare, review and export a store's figures in a browser."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("dashboard")
@click.option(
    "--db",
    "db",
    default="impact.db",
    show_default=True,
    help="The store to show: a SQLite file or a postgresql:// URL.",
)
@click.option("--create", is_flag=True, help="Start an empty SQLite store when --db names no file.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8050, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (repeatable; loopback names always).",
)
@click.option("--debug", is_flag=True, help="Dash debug mode (reloads on code changes).")
def dashboard(db: str, create: bool, host: str, port: int, allow_hosts: tuple[str, ...], debug: bool) -> None:
    """Open the dashboard on a store of figures.

    Listens on 127.0.0.1 only unless --host says otherwise: the dashboard can add
    articles and record reviews, so do not expose it on a shared network. Requests
    must name localhost, 127.0.0.1 or ::1 in their Host header (a defence against DNS
    rebinding); --allow-host adds names, and --host NAME adds NAME.

    \b
    Example:
      impact ingest articles/ --db impact.db
      impact dashboard --db impact.db --port 8050
    """
    try:
        from dashboard.app import create_app
    except ImportError as error:  # pragma: no cover - only without the dashboard extras
        raise click.ClickException(f"the dashboard cannot start: {error}") from error
    from dashboard.app import LOOPBACK_HOSTS
    from impact.store.backends import is_postgres_url

    target: str | Path = db if is_postgres_url(db) else Path(db)
    if isinstance(target, Path) and target.exists() and not target.is_file():
        raise click.ClickException(f"{db} is not a file")
    if isinstance(target, Path) and not target.exists() and not create:
        raise click.ClickException(
            f"no database at {db}; run `impact ingest PATH --db {db}` first, or give --create to start an empty one"
        )
    allowed = [*allow_hosts, *([] if host in WILDCARD_BINDS else [host])]
    try:
        app = create_app(target, allowed_hosts=allowed)
    except Exception as error:  # a damaged file, a server that does not answer: one line
        from impact.store.backends import database_fault

        raise click.ClickException(f"cannot open {database_fault(error, db)}") from None
    if not is_loopback(host):
        click.echo(
            f"warning: listening on {host}, not loopback: anyone who can reach this machine can add"
            " articles and record reviews (no login). Hosts answered: "
            + ", ".join(sorted({*LOOPBACK_HOSTS, *allowed})),
            err=True,
        )
    shown = _without_password(db)
    click.echo(f"impact dashboard on http://{host}:{port}/ (store: {shown}); Ctrl+C to stop", err=True)
    app.run(host=host, port=port, debug=debug)


WILDCARD_BINDS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    """True for a bind that only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.strip().lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _without_password(url: str) -> str:
    """'postgresql://me:secret@host/db' -> 'postgresql://me:***@host/db' (for the log line)."""
    from impact.store.backends import masked_url

    return masked_url(url)


COMMANDS = [dashboard]
