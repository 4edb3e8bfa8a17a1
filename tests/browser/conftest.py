"""Real-browser fixtures: the dashboard served in a thread, driven by Debian's Chromium.

Skipped cleanly when /usr/bin/chromium or Playwright is missing. Screenshots go to
``$IMPACT_SCREENSHOTS`` when set, else to a temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
HERE = Path(__file__).resolve().parent

try:
    import playwright  # noqa: F401

    _PLAYWRIGHT = True
except ImportError:  # pragma: no cover
    _PLAYWRIGHT = False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = None
    if not _PLAYWRIGHT:
        reason = "playwright is not installed"
    elif not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 800},
        "accept_downloads": True,
    }


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dashboard.testing import build_sample_store

    return build_sample_store(tmp_path_factory.mktemp("store") / "sample.db")


@contextlib.contextmanager
def serving(store: Path) -> Iterator[str]:
    """The dashboard on ``store``, on an ephemeral loopback port in a thread, while in use."""
    from werkzeug.serving import make_server

    from dashboard.app import create_app

    server = make_server("127.0.0.1", 0, create_app(store).server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def serve() -> Any:
    """``serving`` for modules that serve a store of their own."""
    return serving


@pytest.fixture(scope="session")
def live_url(store_path: Path) -> Iterator[str]:
    """The dashboard on the sample store, for the whole session."""
    with serving(store_path) as url:
        yield url


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    configured = os.environ.get("IMPACT_SCREENSHOTS")
    folder = Path(configured) if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class ConsoleLog:
    """Console errors and uncaught exceptions seen by a page."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def attach(self, page: Any) -> None:
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"console.{message.type}: {message.text}") if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))


@pytest.fixture
def console(page: Any) -> ConsoleLog:
    log = ConsoleLog()
    log.attach(page)
    return log


@pytest.fixture
def shoot(page: Any, screenshot_dir: Path) -> Any:
    """``shoot(name)`` saves a full-page screenshot (and a README copy when
    ``IMPACT_DOCS_SCREENSHOTS`` names a folder)."""

    def save(name: str) -> Path:
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        docs = os.environ.get("IMPACT_DOCS_SCREENSHOTS")
        if docs:
            Path(docs).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, Path(docs) / path.name)
        return path

    return save
