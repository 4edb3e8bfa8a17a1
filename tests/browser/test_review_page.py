"""The Review page in headless Chromium: the needs-review queue first, every field with the
extractor's original beside it, an error beside a bad field, a bulk action after a
confirmation, undo and history; the Article page's details form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.testing import build_sample_store

TIMEOUT = 20_000


@pytest.fixture(scope="module")
def review_url(tmp_path_factory: pytest.TempPathFactory, serve: Any) -> Iterator[str]:
    """A store of this module's own: these tests write to it."""
    store = Path(build_sample_store(tmp_path_factory.mktemp("review") / "review.db"))
    with serve(store) as url:
        yield url


def _open_first_queued(page: Any, url: str) -> None:
    page.goto(url + "/review")
    queue = page.locator("#review-queue table tbody tr")
    queue.first.wait_for(timeout=TIMEOUT)
    queue.first.get_by_role("link", name="Review").click()
    page.wait_for_function("document.querySelector('#review-low').value !== ''", timeout=TIMEOUT)


def test_the_page_opens_on_the_queue_riskiest_first(page: Any, console: Any, review_url: str) -> None:
    page.goto(review_url + "/review")
    queue = page.locator("#review-queue table tbody tr")
    queue.first.wait_for(timeout=TIMEOUT)
    scores = [int(queue.nth(i).locator("td").first.inner_text()) for i in range(queue.count())]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert queue.first.locator("li").count() >= 1  # its reasons
    box = page.locator("#review-queue").bounding_box()
    grid = page.locator("#review-grid").bounding_box()
    assert box is not None and grid is not None and box["y"] < grid["y"]
    assert console.errors == []


def test_every_field_shows_the_original_and_a_bad_date_its_error(page: Any, console: Any, review_url: str) -> None:
    _open_first_queued(page, review_url)
    for field in ("low", "high", "category", "location", "unit", "kind", "attributed-to", "period-start",
                  "period-end", "as-of"):  # fmt: skip
        assert page.locator(f"#review-{field}-original").inner_text().startswith("Extractor:"), field
    page.locator("#review-period-start").fill("last week")
    page.locator("#review-correct").click()
    error = page.locator("#review-period-start-error")
    error.get_by_text("YYYY-MM-DD").wait_for(timeout=TIMEOUT)
    assert page.locator("#review-status").get_by_text("Not saved").is_visible()
    page.locator("#review-period-start").fill("2024-03-01")
    page.locator("#review-kind").click()
    page.get_by_text("Projection — what may happen", exact=False).click()
    page.locator("#review-correct").click()
    page.locator("#review-status").get_by_text("Corrected figure").wait_for(timeout=TIMEOUT)
    assert page.locator("#review-period-start-error").inner_text() == ""
    page.locator("#review-history").get_by_text(re.compile(r"Corrected “")).wait_for(timeout=TIMEOUT)
    assert console.errors == []


def test_a_bulk_reject_asks_then_undo_reverts_it(page: Any, console: Any, review_url: str) -> None:
    _open_first_queued(page, review_url)
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    page.locator("#review-bulk-reject-article").click()
    status = page.locator("#review-status")
    status.get_by_text(re.compile(r"Rejected \d+ figures? of the article")).wait_for(timeout=TIMEOUT)
    assert asked and re.search(r"Reject all \d+ figures? of this article\?", asked[0])
    count = re.search(r"all (\d+) figure", asked[0])
    assert count is not None
    history = page.locator("#review-history li")
    history.first.get_by_text(f"Rejected {count.group(1)} figure").wait_for(timeout=TIMEOUT)
    page.locator("#review-undo").click()
    status.get_by_text("Undid: Rejected").wait_for(timeout=TIMEOUT)
    page.locator("#review-history").get_by_text("(undone)").first.wait_for(timeout=TIMEOUT)
    assert console.errors == []


def test_editing_an_article_shows_the_new_details(page: Any, console: Any, review_url: str) -> None:
    page.goto(review_url + "/article?doc=sample-mosul-1")
    page.wait_for_selector("#article-text mark", timeout=TIMEOUT)
    page.get_by_text("Edit this article's details").click()
    page.locator("#article-title").fill("Mosul: an edited title")
    page.locator("#article-date").fill("not a date at all")
    page.locator("#article-save").click()
    page.locator("#article-status").get_by_text("cannot read the date").wait_for(timeout=TIMEOUT)
    page.locator("#article-date").fill("")
    page.locator("#article-save").click()
    page.locator("#article-status").get_by_text("Saved.").wait_for(timeout=TIMEOUT)
    page.locator("h1").get_by_text("Mosul: an edited title").wait_for(timeout=TIMEOUT)
    page.goto(review_url + "/review")
    page.locator("#review-history").get_by_text("Edited article sample-mosul-1").wait_for(timeout=TIMEOUT)
    assert console.errors == []


@pytest.mark.parametrize("width", [800, 1400])
def test_the_review_page_fits_the_width(page: Any, console: Any, review_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    _open_first_queued(page, review_url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert console.errors == []
