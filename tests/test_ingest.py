"""Ingest: good articles always stored, bad inputs reported, reruns change nothing."""

from __future__ import annotations

import importlib.util
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import regex

import impact.ingesting
from impact import ingest
from impact.model import Figure
from impact.readers import ReadError
from impact.store import Store

ROOT = Path(__file__).parents[1]
CORPUS = Path(__file__).parent / "fixtures" / "corpus"
GOOD_ARTICLES = 9  # in fixtures/corpus/good
BAD_FOLDER_ARTICLES = 3  # the readable ones in fixtures/corpus/bad

_NUMBER = regex.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b")


def digits_extractor(text: str) -> list[Figure]:
    """A stand-in for the real extractor: every number in digits is a figure."""
    figures = []
    for match in _NUMBER.finditer(text):
        value = int(match.group().replace(",", ""))
        figures.append(Figure(match.start(), match.end(), match.group(), value, value, value, False, False))
    return figures


def test_ingest_stores_good_and_reports_bad(tmp_path: Path) -> None:
    with Store(tmp_path / "impact.db") as store:
        report = ingest([CORPUS / "good", CORPUS / "bad"], store, extract=digits_extractor)
        assert report.added == GOOD_ARTICLES + BAD_FOLDER_ARTICLES
        assert report.present == 0
        assert report.failed
        reasons = {Path(e.path).name + (f":{e.line}" if e.line else ""): e.reason for e in report.errors}
        assert set(reasons) == {"binary.txt", "broken.pdf", "latin1.txt", "rows.jsonl:2"}
        assert "binary" in reasons["binary.txt"] and "PDF" in reasons["broken.pdf"]
        assert "UTF-8" in reasons["latin1.txt"] and "JSON" in reasons["rows.jsonl:2"]
        counts = store.counts()
        assert counts["articles"] == report.added
        assert counts["figures"] == report.figures > 0
        assert store.article_text("rows-3") == "Tens of thousands of people were displaced."


def test_ingest_twice_gives_the_same_counts(tmp_path: Path) -> None:
    with Store(tmp_path / "impact.db") as store:
        first = ingest([CORPUS / "good"], store, extract=digits_extractor)
        counts = store.counts()
        second = ingest([CORPUS / "good"], store, extract=digits_extractor)
        assert (second.added, second.present, second.figures) == (0, first.added, 0)
        assert store.counts() == counts


def test_newer_extractor_reextracts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "impact.db") as store:
        ingest([CORPUS / "good"], store, extract=digits_extractor)
        monkeypatch.setattr(impact.ingesting, "extractor_version", lambda: "next")
        again = ingest([CORPUS / "good"], store, extract=lambda text: digits_extractor(text)[:1])
        assert again.added == GOOD_ARTICLES
        assert set(store.articles()["extractor_version"]) == {"next"}
        assert store.counts()["figures"] == again.figures


def test_one_article_the_extractor_fails_on_is_an_error(tmp_path: Path) -> None:
    def fragile(text: str) -> list[Figure]:
        if "Idlib" in text:
            raise RuntimeError("boom")
        return digits_extractor(text)

    seen: list[object] = []
    with Store(tmp_path / "impact.db") as store:
        report = ingest([CORPUS / "good"], store, extract=fragile, on_item=lambda i, n: seen.append(i))
        assert report.added == GOOD_ARTICLES - 1
        [error] = report.errors
        assert error.path.endswith("idlib_report.pdf") and "RuntimeError: boom" in error.reason
        assert any(isinstance(item, ReadError) for item in seen)


def test_progress_callbacks_see_every_file(tmp_path: Path) -> None:
    started: list[int] = []
    files: list[str] = []
    with Store(tmp_path / "impact.db") as store:
        ingest(
            [CORPUS / "good", tmp_path / "missing.txt"],
            store,
            extract=digits_extractor,
            on_start=started.append,
            on_file=lambda entry: files.append(Path(str(entry.path)).name),
        )
    assert started == [len(files)] == [8]  # 7 files in good/ and the missing one
    assert files[-1] == "missing.txt" and "wire.jsonl" in files


def test_summary_line() -> None:
    report = impact.ingesting.IngestReport(added=2, present=1, figures=5)
    assert report.summary() == "2 articles added, 1 already present, 5 figures, 0 failed"


_HAS_PIPELINE = all(importlib.util.find_spec(name) is not None for name in ("impact.pipeline", "impact.cli.extract"))


@pytest.mark.slow
@pytest.mark.skipif(not _HAS_PIPELINE, reason="the extractor (impact.pipeline) is not there yet")
def test_killed_ingest_leaves_a_consistent_database(tmp_path: Path) -> None:
    from impact.pipeline import extract

    texts = tmp_path / "texts"
    texts.mkdir()
    for number in range(1500):
        (texts / f"article_{number:04}.txt").write_text(
            f"Report {number}. At least {number + 3} people were killed and about "
            f"{(number + 1) * 120:,} families were displaced in Raqqa, officials said. "
            f"Between {number + 10} and {number + 90} fighters remain in the city.\n",
            encoding="utf-8",
        )
    db = tmp_path / "impact.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "impact", "ingest", str(texts), "--db", str(db), "--no-progress"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        stored = 0
        while time.monotonic() < deadline and process.poll() is None:
            stored = _count_articles(db)
            if stored >= 40:
                break
            time.sleep(0.01)
        assert process.poll() is None, "ingest finished before it could be killed"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    with Store(db) as store:
        docs = list(store.articles()["doc"])
        assert 40 <= len(docs) < 1500
        for doc in docs:
            text = store.article_text(doc)
            assert text is not None
            assert store.figure_records(doc) == extract(text), doc


def _count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet
