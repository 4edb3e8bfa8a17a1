"""Engines: the Dask run on a real LocalCluster gives exactly what the local run gives."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from impact import ingest
from impact.cli.corpus import ingest as ingest_command
from impact.engines import (
    EngineError,
    Extracted,
    article_rows,
    batch_result,
    batch_task,
    extract_article,
    extract_batch,
    figure_rows,
    open_engine,
)
from impact.engines.local import LocalEngine
from impact.frame import FIGURE_COLUMNS, apply_dtypes
from impact.model import Article, Figure
from impact.readers import ReadError, read_path
from impact.store import Store

ROOT = Path(__file__).resolve().parents[1]

# Invented sentences, written for these tests.
SENTENCES = (
    "Officials in Marawi said {n} people were killed when the market roof fell.",
    "Some {n} families fled their homes near Tacloban as the water rose, the mayor said.",
    "Aid workers counted between {n} and {m} houses damaged in the outskirts of Herat.",
    "At least {n} people remain missing after the mudslide, according to the Red Cross.",
    "Police said {n} protesters were detained overnight in the capital.",
    "The clinic treated {n} injured people on Sunday.",
    "The river had not flooded since 1987, older residents recalled.",
)


def invented_corpus(count: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(count):
        text = " ".join(
            SENTENCES[(i * 3 + k) % len(SENTENCES)].format(n=(i * 53 + k * 7) % 700 + 4, m=(i * 53) % 700 + 800)
            for k in range(4)
        )
        rows.append({"doc": f"d{i:03d}", "text": text, "publisher": "Hill Post", "date": "2025-03-0" + str(i % 9 + 1)})
    return rows


@pytest.fixture
def parquet_corpus(tmp_path: Path) -> Path:
    rows = invented_corpus(40)
    rows[6]["text"] = None  # a malformed row: reported with its number, the rest goes on
    rows[20]["text"] = rows[3]["text"]  # the same text twice: stored once, as locally
    path = tmp_path / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=9)
    return path


def sorted_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    frame = apply_dtypes(frame[list(FIGURE_COLUMNS)].copy())
    frame = frame.sort_values(["doc", "start", "end"]).reset_index(drop=True).astype(object)
    return frame.where(frame.notna(), None).to_dict("records")


def boom(text: str) -> list[Figure]:
    if "boom" in text:
        raise RuntimeError("no numbers here")
    return []


def test_extractor_failure_is_one_failed_article() -> None:
    article = Article("a", "boom", source_path="corpus.jsonl:3")
    outcome = extract_article(article, boom)
    assert isinstance(outcome, ReadError)
    assert str(outcome) == "corpus.jsonl:3: extraction failed (RuntimeError: no numbers here)"
    fine = extract_article(Article("b", "fine"), boom)
    assert fine == Extracted(Article("b", "fine"), ())


def test_local_engine_keeps_batch_and_article_order() -> None:
    batches = [[Article(f"{b}-{i}", f"{i + 2} people were injured.") for i in range(3)] for b in range(4)]
    results = list(LocalEngine().map_batches(iter(batches), table=True))
    assert [[done.article.doc for done in r.extracted] for r in results] == [[a.doc for a in b] for b in batches]
    rows = figure_rows(results[0].outcomes)
    assert [row["doc"] for row in rows] == ["0-0", "0-1", "0-2"]
    assert rows[0]["low"] == 2 and list(rows[0]) == list(FIGURE_COLUMNS)
    assert results[0].table is not None and results[0].table.to_pylist() == rows
    assert extract_batch(batches[0]) == results[0].outcomes
    assert article_rows(batches[0][0]) == rows[:1]


def test_a_task_sends_back_figures_not_articles() -> None:
    batch = [Article("a", "Some 40 families fled."), Article("b", "boom")]
    found, table = batch_task(batch, boom)
    assert found[0] == () and isinstance(found[1], ReadError) and table is None
    result = batch_result(batch, found, table)
    assert result.outcomes[0] == Extracted(batch[0], ()) and result.outcomes[1] == found[1]


def test_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        open_engine("spark")


def test_local_ingest_does_not_import_dask(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "Some 30 people fled."}\n', encoding="utf-8")
    code = (
        "import sys; from impact.cli import cli\n"
        f"try: cli(['ingest', {str(corpus)!r}, '--db', {str(tmp_path / 'x.db')!r}, '--out', "
        f"{str(tmp_path / 'parts')!r}, '--no-progress'])\n"
        "except SystemExit as e: assert e.code in (0, None), e.code\n"
        "assert not any(m == 'dask' or m.startswith(('dask.', 'distributed')) for m in sys.modules), 'dask loaded'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr


def test_a_failed_dask_task_is_one_clear_engine_error() -> None:
    pytest.importorskip("distributed")
    from impact.engines.dask import DaskEngine

    class LostFuture:
        def result(self) -> None:
            raise OSError("connection lost")

    engine = DaskEngine.__new__(DaskEngine)  # no cluster needed to see how a failure is reported
    with pytest.raises(EngineError, match=r"a Dask task failed \(OSError: connection lost\)"):
        engine._collect([], LostFuture())


def test_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(ingest_command, [str(tmp_path), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.stderr


@pytest.fixture(scope="module")
def dask_engine() -> Iterator[Any]:
    pytest.importorskip("distributed")
    with open_engine("dask", workers=2) as engine:
        yield engine


@pytest.mark.slow
def test_dask_ingest_equals_local_ingest(tmp_path: Path, parquet_corpus: Path, dask_engine: Any) -> None:
    reports = {}
    for name, engine in (("local", None), ("dask", dask_engine)):
        with Store(tmp_path / f"{name}.db") as store:
            reports[name] = ingest([parquet_corpus], store, engine=engine, out=tmp_path / name, batch_size=6)
            reports[name + "-store"] = sorted_rows(store.figures())  # type: ignore[assignment]
            reports[name + "-counts"] = store.counts()  # type: ignore[assignment]
    local, dask = reports["local"], reports["dask"]
    assert (dask.added, dask.present, dask.figures) == (local.added, local.present, local.figures)
    assert (local.added, local.present) == (38, 1) and local.figures > 38
    assert (
        [str(e) for e in dask.errors] == [str(e) for e in local.errors] == [f"{parquet_corpus}:7: no text in this row"]
    )
    assert reports["dask-store"] == reports["local-store"]
    assert reports["dask-counts"] == reports["local-counts"]
    parts = sorted((tmp_path / "dask").glob("part-*.parquet"))
    assert len(parts) == 7  # 39 articles in batches of 6
    dask_parts = sorted_rows(pd.read_parquet(tmp_path / "dask"))
    assert dask_parts == sorted_rows(pd.read_parquet(tmp_path / "local"))
    repeated = sum(row["doc"] == "d003" for row in dask_parts)
    assert len(dask_parts) == local.figures + repeated  # the repeated text's figures too: parts mirror the corpus


@pytest.mark.slow
def test_dask_ingest_command_with_partitions(
    tmp_path: Path, parquet_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("IMPACT_DB", raising=False)
    local = CliRunner().invoke(ingest_command, [str(parquet_corpus), "--out", str(tmp_path / "local"), "--no-progress"])
    args = [str(parquet_corpus), "--engine", "dask", "--partitions", "3", "--out", str(tmp_path / "dask")]
    result = CliRunner().invoke(ingest_command, [*args, "--db", str(tmp_path / "d.db"), "--no-progress"])
    assert result.exit_code == local.exit_code == 1  # the malformed row
    assert f"error: {parquet_corpus}:7: no text in this row" in result.stderr
    parts = sorted_rows(pd.read_parquet(tmp_path / "dask"))
    assert parts == sorted_rows(pd.read_parquet(tmp_path / "local"))
    repeated = sum(row["doc"] == "d003" for row in parts)
    with Store(tmp_path / "d.db") as store:
        stored = store.counts()["figures"]
    assert stored == len(parts) - repeated
    assert f"38 articles added, 1 already present, {stored} figures, 1 failed" in result.stderr
    assert f"39 articles added, 0 already present, {len(parts)} figures, 1 failed" in local.stderr  # parts only
    assert not (tmp_path / "impact.db").exists()  # --out without --db: no database
    assert len(list((tmp_path / "dask").glob("part-*.parquet"))) == 3


@pytest.mark.slow
def test_figures_frame_over_a_dask_dataframe(parquet_corpus: Path, dask_engine: Any) -> None:
    import dask.dataframe as dd

    from impact.engines.dask import figures_frame

    articles = dd.read_parquet(parquet_corpus, split_row_groups=True)
    assert articles.npartitions == 5  # one per row group
    figures = figures_frame(articles)
    assert list(figures.columns) == list(FIGURE_COLUMNS)
    computed = dask_engine.client.compute(figures).result()
    local = [row for item in read_path(parquet_corpus) if isinstance(item, Article) for row in article_rows(item)]
    assert sorted_rows(computed) == sorted_rows(pd.DataFrame(local))
    with pytest.raises(ValueError, match="no 'body' column"):
        figures_frame(articles, text="body")
