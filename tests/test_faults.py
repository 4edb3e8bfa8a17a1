"""Faults: a process killed mid-write, and readers while a writer works.

SIGKILL during ``impact ingest`` is tested in ``tests/test_ingest.py``
(``test_killed_ingest_leaves_a_consistent_database``: whole articles only, every stored
article's figures equal to a fresh extraction). Here: SIGKILL during review edits, and
a second connection (as the dashboard opens one) reading while an ingest writes.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from dashboard import queries
from impact.filters import Filters
from impact.model import Article, Figure
from impact.store import Store

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
FIGURES_PER_ARTICLE = 2


def _figure(start: int, surface: str, value: int) -> Figure:
    return Figure(
        start=start, end=start + len(surface), surface=surface, low=value, high=value, best=value,
        approximate=False, vague=False, qualifier=None, counted="people", unit="people",
        category="killed", location="Mosul", place=None, attributed_to=None,
        sentence=surface, sentence_start=start, sentence_end=start + len(surface),
    )  # fmt: skip


def _integrity(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


# The child edits the figures in turns: edit k on figure k % n sets status, values and a
# note that all carry k, and prints k once the edit is committed.
_REVIEWER = textwrap.dedent(
    """
    import sys
    from impact.filters import Filters
    from impact.store import Store

    STATUSES = ("corrected", "confirmed", "rejected")
    with Store(sys.argv[1]) as store:
        ids = [int(i) for i in store.figures(Filters(include_rejected=True))["id"]]
        for k in range(1_000_000):
            status = STATUSES[k % 3]
            figure = ids[k % len(ids)]
            if status == "corrected":
                store.review(figure, status, low=k, high=k + 1, category="injured", location=f"place {k}",
                             note=f"{status} {k}")
            else:
                store.review(figure, status, note=f"{status} {k}")
            print(k, figure, flush=True)
    """
)


@pytest.mark.slow
def test_killed_review_edits_leave_whole_edits(tmp_path: Path) -> None:
    db = tmp_path / "impact.db"
    with Store(db) as store:
        for number in range(10):
            text = f"Report {number}: 12 people were killed and 30 injured."
            store.add_article(Article(f"doc-{number}", text), [_figure(10, "12", 12), _figure(37, "30", 30)])
    child = subprocess.Popen(
        [sys.executable, "-c", _REVIEWER, str(db)], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, text=True
    )
    done: dict[int, int] = {}  # figure id -> the last edit the child saw committed
    try:
        assert child.stdout is not None
        deadline = time.monotonic() + 30
        while len(done) < 20 or max(done.values()) < 300:
            line = child.stdout.readline()
            assert line and time.monotonic() < deadline, "the reviewer stopped before it could be killed"
            k, figure = map(int, line.split())
            done[figure] = k
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    _integrity(db)
    with Store(db) as store:
        frame = store.figures(Filters(include_rejected=True))
        assert len(frame) == 20
        assert store.counts()["articles"] == 10
        for row in frame.to_dict("records"):
            status, note = row["review_status"], row["note"]
            k = int(note.split()[1])
            assert note == f"{status} {k}", row  # status and note from the same edit
            assert k >= done[row["id"]], "an edit the reviewer saw committed was lost"
            assert not pd.isna(row["reviewed_at"])
            if status == "corrected":
                assert (row["corrected_low"], row["corrected_high"]) == (k, k + 1), row
                assert (row["corrected_category"], row["corrected_location"]) == ("injured", f"place {k}"), row
            else:
                assert pd.isna(row["corrected_low"]) and pd.isna(row["corrected_category"]), row
            assert (row["low"], row["category"]) in ((12, "killed"), (30, "killed"))  # extractor values kept


_INGEST_TEXT = (
    "Report {n}. At least {a} people were killed and about {b:,} families were displaced in Raqqa, "
    "officials said. Between {c} and {d} fighters remain in the city.\n"
)


@pytest.mark.slow
def test_the_store_serves_reads_while_an_ingest_writes(tmp_path: Path) -> None:
    """WAL: a reader (the dashboard's read-only connection) is never blocked by the writer
    and always sees whole articles: no article without its figures, counts never go down."""
    texts = tmp_path / "texts"
    texts.mkdir()
    for n in range(600):
        text = _INGEST_TEXT.format(n=n, a=n + 3, b=(n + 1) * 120, c=n + 10, d=n + 90)
        (texts / f"article_{n:04}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "impact.db"
    Store(db).close()  # the schema exists before the first read
    writer = subprocess.Popen(
        [sys.executable, "-m", "impact", "ingest", str(texts), "--db", str(db), "--no-progress"],
        cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    seen: list[int] = []
    slowest = 0.0
    try:
        deadline = time.monotonic() + 60
        while writer.poll() is None and time.monotonic() < deadline:
            began = time.perf_counter()
            with queries.connect(db) as conn:
                conn.execute("BEGIN")  # one snapshot for both queries
                articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                orphans = conn.execute(
                    "SELECT COUNT(*) FROM articles AS a"
                    " WHERE NOT EXISTS (SELECT 1 FROM figures AS f WHERE f.article_id = a.id)"
                ).fetchone()[0]
                conn.execute("COMMIT")
            slowest = max(slowest, time.perf_counter() - began)
            assert orphans == 0, "a reader saw an article without its figures"
            assert not seen or articles >= seen[-1]
            seen.append(articles)
            time.sleep(0.005)
    finally:
        if writer.poll() is None:
            writer.kill()
        _, stderr = writer.communicate(timeout=30)
    assert writer.returncode == 0, stderr
    assert len({count for count in seen if 0 < count < 600}) >= 2, f"too few reads during the ingest: {seen[:20]}"
    assert slowest < 2.0, f"a read waited {slowest:.2f} s for the writer"
    _integrity(db)
    with Store(db) as store:
        assert store.counts()["articles"] == 600
